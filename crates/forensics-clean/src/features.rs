//! Per-block shape features, computed in one pass over the characters.

use crate::lexicon::Label;
use crate::stopwords::StopSet;

/// What the classifier knows about one block.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub chars: usize,
    pub words: usize,
    pub stopwords: usize,
    /// Capitalised words (or numbers) running from the start: a headline
    /// glued to its teaser text ("Ford Recalls F-150s; Loose Cable Can …").
    pub lead_caps: usize,
    /// Stopwords written with a capital inside that leading run: title
    /// case ("… In Custody After Death Of …"), which names do not have.
    pub lead_cap_stops: usize,
    /// Sentence-ending punctuation followed by a space or the end.
    pub sentence_ends: usize,
    /// The block ends like a sentence (after closing quotes and brackets).
    pub ends_sentence: bool,
    pub commas: usize,
    pub digits: usize,
    /// Characters of scripts written without spaces (Han, kana, Thai…).
    pub unspaced: usize,
    /// Starts with a bullet or a list number ("- ", "• ", "1. ").
    pub bullet: bool,
    pub label: Option<Label>,
}

impl Features {
    /// The features of one block, its lexicon label included.
    #[cfg(test)]
    pub fn of(text: &str, stops: Option<&StopSet>) -> Features {
        let mut scratch = Scratch::default();
        let mut f = scan(text, stops, &mut scratch.key);
        f.label = crate::lexicon::classify_with(text, &mut scratch.fold);
        f
    }

    pub fn stop_density(&self) -> f64 {
        if self.words == 0 { 0.0 } else { self.stopwords as f64 / self.words as f64 }
    }

    /// Length in "words", counting an unspaced-script character as one.
    pub fn length_words(&self) -> usize {
        self.words + self.unspaced
    }
}

/// Buffers reused across the blocks of a page, so that scanning a block
/// allocates nothing.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The block folded for its corpus key (see [`crate::block_key`]).
    pub key: Vec<u8>,
    /// The block folded for the lexicon.
    pub fold: Vec<u8>,
}

/// Every feature of a block but its label, in one pass over its bytes,
/// writing the block's key text (see [`fold_key`]) to `key` on the way:
/// the words are looked up in the stopword table straight from it, and
/// the corpus key is its hash. ASCII goes through a table, other
/// characters through the BMP bitmaps of [`crate::chars`].
#[cfg(test)]
pub(crate) fn scan(text: &str, stops: Option<&StopSet>, key: &mut Vec<u8>) -> Features {
    let (f, len) = scan_into(text, stops, key);
    key.truncate(len);
    f
}

/// [`scan`] leaving the key in `key[..len]` (the buffer keeps its length
/// from block to block, so it is not zeroed again for each).
pub(crate) fn scan_into(text: &str, stops: Option<&StopSet>, key: &mut Vec<u8>) -> (Features, usize) {
    // Lower case grows a character by at most half (U+0130 "İ": two bytes
    // to three); the buffer is written by index and cut to length at the
    // end (the fast path writes sixteen bytes at a time).
    let need = text.len() * 2 + 16;
    if key.len() < need {
        key.resize(need, 0);
    }
    if let Some(f) = crate::scan_ascii::scan(text, stops, key) {
        return (f, text.len());
    }
    scan_general_into(text, stops, key)
}

/// [`scan_into`] without the fast path, for any block: for tests to hold
/// the fast path to.
#[cfg(test)]
pub(crate) fn scan_general(text: &str, stops: Option<&StopSet>, key: &mut Vec<u8>) -> Features {
    key.resize(text.len() * 2 + 16, 0);
    let (f, len) = scan_general_into(text, stops, key);
    key.truncate(len);
    f
}

/// The walk of [`scan_into`] over any block, a character at a time, into a
/// `key` already sized for it.
fn scan_general_into(text: &str, stops: Option<&StopSet>, key: &mut Vec<u8>) -> (Features, usize) {
    use crate::chars::{self, ALNUM, ASCII, SPACE, UPPER};
    let bytes = text.as_bytes();
    let two = chars::two_byte();
    let mut o = 0usize;
    let put = |key: &mut Vec<u8>, o: &mut usize, b: u8| {
        if let Some(slot) = key.get_mut(*o) {
            *slot = b;
        }
        *o += 1;
    };
    // Whitespace seen since the last byte written to the key.
    let mut pending = false;
    let (mut words, mut stopwords, mut lead_caps, mut lead_cap_stops) = (0, 0, 0, 0);
    let (mut commas, mut digits, mut unspaced, mut sentence_ends) = (0, 0, 0, 0);
    let mut leading = true;
    // The previous character ends a sentence (. ! ? …).
    let mut after_end = false;
    // Bytes of the characters passed that continue a multi-byte character.
    let mut extra = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut c = b as char;
        if b < 0x80 {
            let class = ASCII[b as usize];
            if class & ALNUM == 0 {
                i += 1;
                if class & SPACE != 0 {
                    pending = o > 0;
                    sentence_ends += usize::from(after_end);
                    after_end = false;
                    continue;
                }
                if pending {
                    put(key, &mut o, b' ');
                    pending = false;
                }
                put(key, &mut o, b);
                commas += usize::from(b == b',');
                after_end = matches!(b, b'.' | b'!' | b'?');
                continue;
            }
        } else {
            let Some((d, len)) = chars::decode(text, i) else { break };
            c = d;
            if !chars::is_alphanumeric(c) {
                i += len;
                extra += len - 1;
                if c.is_whitespace() {
                    pending = o > 0;
                    sentence_ends += usize::from(after_end);
                    after_end = false;
                    continue;
                }
                if pending {
                    put(key, &mut o, b' ');
                    pending = false;
                }
                // (Only letters have a lower case.)
                for &u in text.as_bytes().get(i - len..i).unwrap_or(&[]) {
                    put(key, &mut o, u);
                }
                match c {
                    '，' | '、' | '،' => commas += 1,
                    '。' | '！' | '？' | '।' | '॥' | '؟' | '۔' | '։' | '።' => sentence_ends += 1,
                    _ => {}
                }
                after_end = c == '…';
                continue;
            }
        }
        // A word: letters and digits, with ' ’ - inside.
        if pending {
            put(key, &mut o, b' ');
            pending = false;
        }
        let start = o;
        let first_upper = if b < 0x80 { ASCII[b as usize] & UPPER != 0 } else { c.is_uppercase() };
        let number = b.is_ascii_digit();
        while i < bytes.len() {
            // The ASCII part of the word in tight loops of their own (the
            // one loop for all cases kept its counters on the stack).
            // Scanned and lower-cased into the key in the same step (a
            // scan, then a copy, walked each word twice).
            let mut n = 0;
            let src = bytes.get(i..).unwrap_or(&[]);
            let room = key.get_mut(o..).unwrap_or(&mut []);
            let fits = room.len() >= src.len();
            for (d, &b) in room.iter_mut().zip(src) {
                let class = ASCII_WORD[b as usize];
                if class == 0 {
                    break;
                }
                digits += usize::from((class >> 1) & 1);
                *d = b | (class & 0x20);
                n += 1;
            }
            // (The key is sized so that it never runs out first: the byte
            // the loop stopped at, if any, ends the ASCII run.)
            while !fits && let Some(&class) = src.get(n).map(|&b| &ASCII_WORD[b as usize]).filter(|&&c| c != 0) {
                digits += usize::from((class >> 1) & 1);
                n += 1;
            }
            o += n;
            i += n;
            // Two- and three-byte letters in a loop of their own: decoding
            // each to a `char`, asking its tables and encoding its lower
            // case cost about a hundred instructions a character (Cyrillic,
            // Greek, accented Latin, CJK pages). Anything else, and a letter
            // with a lower case of its own above two bytes, is left to the
            // walk below.
            let before = i;
            while let Some(&b0) = bytes.get(i) {
                if (0xC2..0xE0).contains(&b0) {
                    let Some(&b1) = bytes.get(i + 1) else { break };
                    let cp = chars::cp2(b0, b1);
                    let e = two.get(cp as usize - 0x80).copied().unwrap_or(0);
                    if e & chars::TWO_ALNUM == 0 || e & chars::TWO_SLOW != 0 {
                        break;
                    }
                    let [l0, l1] = chars::utf8_2(e & 0xFFFF);
                    put(key, &mut o, l0);
                    put(key, &mut o, l1);
                    i += 2;
                    extra += 1;
                } else if (0xE0..0xF0).contains(&b0) {
                    let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else { break };
                    let cp = chars::cp3(b0, b1, b2);
                    let Some(c) = char::from_u32(cp) else { break };
                    if !(chars::is_alphanumeric(c) || c == '’') || chars::lowers(c) {
                        break;
                    }
                    unspaced += usize::from(is_unspaced(c));
                    put(key, &mut o, b0);
                    put(key, &mut o, b1);
                    put(key, &mut o, b2);
                    i += 3;
                    extra += 2;
                } else {
                    break;
                }
            }
            if i != before {
                continue;
            }
            if bytes.get(i).is_none_or(|&b| b < 0x80) {
                break;
            }
            let Some((c, len)) = chars::decode(text, i) else { break };
            if !(chars::is_alphanumeric(c) || c == '’') {
                break;
            }
            unspaced += usize::from(is_unspaced(c));
            let mut lower = [0u8; 8];
            let mut buf = Vec::new();
            let bytes_of = if let Some(l) = crate::chars::lower_single(c) {
                &*l.encode_utf8(&mut lower)
            } else {
                crate::chars::push_lower(&mut buf, c);
                std::str::from_utf8(&buf).unwrap_or("")
            };
            for &u in bytes_of.as_bytes() {
                put(key, &mut o, u);
            }
            i += len;
            extra += len - 1;
        }
        after_end = false;
        words += 1;
        let stop = stops.is_some_and(|s| o <= key.len() && s.contains_in(key, start, o));
        if leading && (first_upper || number) {
            lead_caps += 1;
            lead_cap_stops += usize::from(stop && first_upper && lead_caps > 1);
        } else {
            leading = false;
        }
        stopwords += usize::from(stop);
    }
    let key_len = o.min(key.len());
    let tail = text.get(..trimmed_end(text)).unwrap_or("");
    // (The full stops of Devanagari, Arabic and Urdu, Armenian and
    // Ethiopic end sentences as the sentence splitter's do.)
    let ends_sentence = tail.ends_with(SENTENCE_ENDS);
    let f = Features {
        // (Every character before `i` was decoded on the way.)
        chars: i - extra + chars::count(bytes.get(i..).unwrap_or(&[])),
        words,
        stopwords,
        lead_caps,
        lead_cap_stops,
        sentence_ends: sentence_ends + usize::from(ends_sentence),
        ends_sentence,
        commas,
        digits,
        unspaced,
        bullet: starts_with_bullet(text),
        label: None,
    };
    (f, key_len)
}

/// What ends a block like a sentence (before closing quotes and brackets).
pub(crate) const SENTENCE_ENDS: [char; 13] = ['.', '!', '?', '…', '。', '！', '？', '।', '॥', '؟', '۔', '։', '።'];

/// The length of `text` without the closing quotes, brackets and
/// whitespace at its end (ASCII read a byte at a time, the rest decoded
/// back from the end: a generic trim decoded every character).
pub(crate) fn trimmed_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(&b) = end.checked_sub(1).and_then(|k| bytes.get(k)) {
        if b < 0x80 {
            if matches!(b, b'"' | b'\'' | b')') || crate::chars::ASCII[b as usize] & crate::chars::SPACE != 0 {
                end -= 1;
                continue;
            }
            break;
        }
        match text.get(..end).and_then(|t| t.chars().next_back()) {
            Some(c) if matches!(c, '”' | '’' | '»' | '」' | '』') || c.is_whitespace() => end -= c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// ASCII bytes that continue a word: letters and `'` and `-` (1), digits
/// (2); upper-case letters carry 0x20, the bit that lower-cases them.
static ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let class = crate::chars::ASCII[b];
        t[b] = if class & crate::chars::DIGIT != 0 {
            2
        } else if class & crate::chars::UPPER != 0 {
            1 | 0x20
        } else if class & (crate::chars::ALNUM | crate::chars::JOIN) != 0 {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The text a block's corpus key hashes (see [`crate::block_key`]): lower
/// case, whitespace runs as one space, no whitespace at either end.
pub(crate) fn fold_key(text: &str, key: &mut Vec<u8>) {
    key.clear();
    key.reserve(text.len());
    let bytes = text.as_bytes();
    // Whitespace seen since the last character written.
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let run = ascii_run(&bytes[i..]);
        if !run.is_empty() {
            fold_ascii(run, key, &mut space);
            i += run.len();
            continue;
        }
        // Two- and three-byte characters from their bytes and the tables
        // (see `crate::chars::push_lower_alnum`); whitespace among them,
        // U+0130 and the rest through `char`.
        if let Some((len, lower)) = fold_multibyte(bytes, i) {
            if space {
                key.push(b' ');
                space = false;
            }
            key.extend_from_slice(lower.get(..len).unwrap_or(&[]));
            i += len;
            continue;
        }
        let Some((c, len)) = crate::chars::decode(text, i) else { break };
        i += len;
        if c.is_whitespace() {
            space = !key.is_empty();
            continue;
        }
        if space {
            key.push(b' ');
            space = false;
        }
        push_lower(key, c);
    }
}

/// The lower case of the two- or three-byte character at `bytes[i..]`, as
/// its length and bytes, when it is no whitespace and its lower case is
/// as long as itself (two-byte ones by table; three-byte ones without a
/// case of their own are kept as they are).
#[inline]
fn fold_multibyte(bytes: &[u8], i: usize) -> Option<(usize, [u8; 3])> {
    let b0 = *bytes.get(i)?;
    if (0xC2..0xE0).contains(&b0) {
        let b1 = *bytes.get(i + 1)?;
        let cp = crate::chars::cp2(b0, b1);
        // (U+0085 and U+00A0 are the two-byte whitespace.)
        if cp == 0x85 || cp == 0xA0 {
            return None;
        }
        let e = crate::chars::two_byte().get(cp as usize - 0x80).copied()?;
        if e & crate::chars::TWO_SLOW != 0 {
            return None;
        }
        let [l0, l1] = crate::chars::utf8_2(e & 0xFFFF);
        return Some((2, [l0, l1, 0]));
    }
    if (0xE0..0xF0).contains(&b0) {
        let (b1, b2) = (*bytes.get(i + 1)?, *bytes.get(i + 2)?);
        let c = char::from_u32(crate::chars::cp3(b0, b1, b2))?;
        return (!c.is_whitespace() && !crate::chars::lowers(c)).then_some((3, [b0, b1, b2]));
    }
    None
}

/// The ASCII bytes at the start of `bytes` (sixteen at a time: an OR the
/// compiler vectorises, then the byte where the run ends).
#[inline]
fn ascii_run(bytes: &[u8]) -> &[u8] {
    let mut n = 0;
    for chunk in bytes.chunks_exact(16) {
        if chunk.iter().fold(0, |a, &b| a | b) >= 0x80 {
            break;
        }
        n += 16;
    }
    n += bytes[n..].iter().take_while(|&&b| b < 0x80).count();
    &bytes[..n]
}

/// Folds a run of ASCII into the key. Text is mostly words with single
/// spaces between them: such a run is lower-cased in bulk, the rest byte
/// by byte.
fn fold_ascii(run: &[u8], key: &mut Vec<u8>, space: &mut bool) {
    let odd = run.iter().zip(run.iter().skip(1)).fold(false, |a, (&x, &y)| a | ((x == b' ') & (y == b' ')) | (x.wrapping_sub(b'\t') < 5))
        || run.last().is_some_and(|b| b.wrapping_sub(b'\t') < 5);
    if !odd {
        let mut mid = run;
        if let Some(rest) = mid.strip_prefix(b" ") {
            *space = !key.is_empty();
            mid = rest;
        }
        let trail = mid.last() == Some(&b' ');
        if trail {
            mid = &mid[..mid.len() - 1];
        }
        if !mid.is_empty() {
            if *space {
                key.push(b' ');
            }
            key.extend(mid.iter().map(u8::to_ascii_lowercase));
            *space = false;
        }
        if trail {
            *space = !key.is_empty();
        }
        return;
    }
    for &b in run {
        if crate::chars::ASCII[b as usize] & crate::chars::SPACE != 0 {
            *space = !key.is_empty();
            continue;
        }
        if *space {
            key.push(b' ');
            *space = false;
        }
        key.push(b.to_ascii_lowercase());
    }
}

/// Appends the lower case of `c`, as UTF-8.
#[inline]
pub(crate) fn push_lower(out: &mut Vec<u8>, c: char) {
    crate::chars::push_lower(out, c);
}

#[inline]
fn is_unspaced(c: char) -> bool {
    // Latin, Greek, Cyrillic, Arabic, Devanagari … (below Thai) in one test.
    c >= '\u{0E00}' && matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F | 0x1000..=0x109F | 0x1780..=0x17FF)
}

pub(crate) fn starts_with_bullet(text: &str) -> bool {
    // (Most blocks open with a letter: no trim, no decoding.)
    if text.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '►' | '◦' | '‣' | '-' | '*' | '+') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            digits <= 2 && t[digits..].starts_with([')', '.']) && t[digits + 1..].starts_with(' ')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key and word counts of the general walk, against a plain
    /// reading of what they are (whitespace runs as one space, words of
    /// letters and digits joined by `'`, `-` or `’`, in lower case, every
    /// other character as it is), on random text of many scripts.
    #[test]
    fn general_walk_is_the_plain_reading() {
        let stops = crate::stopwords::stopwords("ru");
        let alphabet: Vec<char> = "aZ9 '-.,!?\u{a0}\t\nАБВабвЁёЖжи и в на Ωωάέ中文字日本語カナÉéÀßİıŁłÇç\u{2019}\u{201c}\u{2014}\u{2026}\u{10400}\u{1d400}😀€©"
            .chars()
            .collect();
        let mut state = 5u64;
        for n in 0..3000 {
            let text = crate::testing::text(&mut state, n % 60, &alphabet);
            let (mut want, mut pending, mut words, mut stopwords) = (Vec::new(), false, 0, 0);
            let chars: Vec<char> = text.chars().collect();
            let mut k = 0;
            while let Some(&c) = chars.get(k) {
                k += 1;
                if c.is_whitespace() {
                    pending = !want.is_empty();
                    continue;
                }
                if std::mem::take(&mut pending) {
                    want.push(b' ');
                }
                if !c.is_alphanumeric() {
                    want.extend_from_slice(c.to_string().as_bytes());
                    continue;
                }
                let start = want.len();
                want.extend_from_slice(c.to_lowercase().to_string().as_bytes());
                while let Some(&d) = chars.get(k).filter(|&&d| d.is_alphanumeric() || matches!(d, '\'' | '-' | '\u{2019}')) {
                    want.extend_from_slice(d.to_lowercase().to_string().as_bytes());
                    k += 1;
                }
                words += 1;
                stopwords += usize::from(stops.is_some_and(|s| s.contains_folded(&want[start..])));
            }
            let mut key = Vec::new();
            let f = scan_general(&text, stops, &mut key);
            assert_eq!((String::from_utf8_lossy(&key), f.words, f.stopwords), (String::from_utf8_lossy(&want), words, stopwords), "{text:?}");
            assert_eq!(f.chars, chars.len(), "{text:?}");
        }
    }

    #[test]
    fn trimmed_end_as_the_generic_trim() {
        for t in ["", " ", "a.\u{201d} \n", "x)\u{3000}", "Done.\u{bb}\u{300f}'\"", "\u{e9}\u{85}", "abc", "\u{201c}q\u{2019})\t"] {
            let want = t.trim_end_matches(|c: char| matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')' | '\u{bb}' | '\u{300d}' | '\u{300f}') || c.is_whitespace());
            assert_eq!(trimmed_end(t), want.len(), "{t:?}");
        }
    }

    #[test]
    fn shape() {
        let stops = crate::stopwords::stopwords("en");
        let f = Features::of("- The comments were made during a meeting, officials said.", stops);
        assert!(f.bullet && f.ends_sentence && f.commas == 1 && f.words == 9);
        assert!(f.stop_density() > 0.3);
        let f = Features::of("Russia Takes Control of Vuhledar", stops);
        assert!(!f.ends_sentence && f.lead_caps == 3);
        let f = Features::of("1. First point", None);
        assert!(f.bullet);
        let f = Features::of("2022 was a year.", None);
        assert!(!f.bullet);
    }
}
