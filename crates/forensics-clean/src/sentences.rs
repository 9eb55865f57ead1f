//! Sentence segmentation that knows abbreviations, initials, ordinal dates
//! and quotations (UAX #29 alone splits after "Feb.", "Mr." and "U.S.").
//! The abbreviations are data: `data/abbreviations.tsv`.

use forensics_parse::Span;
use crate::table::Table;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbr {
    Title,
    Number,
    Weak,
}

/// Abbreviations keyed by language, a tab and the lower-cased word, in the
/// crate's flat table: this runs at every full stop (two nested SipHash
/// maps cost a tenth of the splitter).
fn table() -> &'static Table<Option<Abbr>> {
    static T: OnceLock<Table<Option<Abbr>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut keys: Vec<(Vec<u8>, Abbr)> = Vec::new();
        for row in include_str!("../data/abbreviations.tsv").lines() {
            if row.starts_with('#') {
                continue;
            }
            let mut cols = row.split('\t');
            let (Some(lang), Some(kind), Some(words)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let kind = match kind {
                "title" => Abbr::Title,
                "number" => Abbr::Number,
                "weak" => Abbr::Weak,
                _ => continue,
            };
            for w in words.split_whitespace() {
                keys.push((format!("{lang}\t{}", w.to_lowercase()).into_bytes(), kind));
            }
        }
        // A word listed twice keeps its last kind.
        Table::build(keys.iter().map(|(k, v)| (k.as_slice(), Some(*v))), |_, new| new)
    })
}

fn abbreviation(lang: &str, word: &str) -> Option<Abbr> {
    let lang = match lang {
        "no" | "nn" => "nb",
        l => l,
    };
    // (The key of a short ASCII word is built on the stack.)
    let owned;
    let w: &[u8] = if word.is_ascii() && word.len() <= 32 {
        word.as_bytes()
    } else {
        owned = word.to_lowercase();
        owned.as_bytes()
    };
    let t = table();
    let find = |l: &str| {
        let mut buf = [0u8; 48];
        let n = l.len() + 1 + w.len();
        let key: &mut [u8] = match buf.get_mut(..n) {
            Some(b) => b,
            None => return t.get(format!("{l}\t{}", String::from_utf8_lossy(w).to_lowercase()).as_bytes()).flatten(),
        };
        key[..l.len()].copy_from_slice(l.as_bytes());
        key[l.len()] = b'\t';
        key[l.len() + 1..].copy_from_slice(w);
        key[l.len() + 1..].make_ascii_lowercase();
        t.get(key).flatten()
    };
    find(lang).or_else(|| find("*"))
}

/// Languages that write ordinal numbers with a full stop ("24. februar", "am 3. Oktober").
fn ordinal_dot(lang: &str) -> bool {
    matches!(lang, "de" | "nb" | "nn" | "no" | "da" | "fi" | "cs" | "sk" | "pl" | "hu" | "hr" | "sl" | "sr" | "et" | "lv" | "is")
}

const OPEN_QUOTES: &[char] = &['“', '„', '«', '‹', '"', '‘'];
const CLOSERS: &[char] = &['”', '»', '›', '"', '’', '\'', ')', ']', '“'];

/// Sentence spans (byte ranges, trimmed) of `text` in language `lang`.
/// Sentences never cross a blank line.
pub fn split_sentences(text: &str, lang: &str) -> Vec<Span> {
    // (News sentences run to about 120 bytes.)
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let stops = crate::stopwords::stopwords(lang);
    // The paragraphs of `text.split("\n\n")`: memmem finds the same
    // non-overlapping separators, left to right, without the generic
    // substring searcher's set-up per call.
    let mut offset = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\n\n") {
        if at < offset {
            continue;
        }
        split_paragraph(text.get(offset..at).unwrap_or(""), lang, stops, offset, &mut out);
        offset = at + 2;
    }
    split_paragraph(text.get(offset..).unwrap_or(""), lang, stops, offset, &mut out);
    out
}

/// The character at byte `i`, if `i` is inside the text.
#[inline]
fn at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 { Some(b as char) } else { text.get(i..).and_then(|s| s.chars().next()) }
}

/// Bytes that start a character the splitter looks at: terminal marks,
/// straight quotes, and the lead bytes of the other marks it knows (curly
/// quotes, guillemets, "…", CJK, Devanagari, Arabic, Armenian and Ethiopic
/// stops). Everything else is skipped: the letters of Cyrillic, Greek or
/// Chinese text are not decoded one by one.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < INTERESTING_BYTES.len() {
        t[INTERESTING_BYTES[k] as usize] = true;
        k += 1;
    }
    t
};

/// The ASCII marks, then the lead bytes of « » (C2), ։ (D6), ؟ (D8), ۔ (DB),
/// । ॥ (E0), ። (E1), “ „ ‹ ” › … (E2), 。 (E3), ！ ？ (EF).
const INTERESTING_BYTES: [u8; 13] = [b'.', b'!', b'?', b'"', 0xC2, 0xD6, 0xD8, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF];

/// Whether any of the eight bytes of `x` is [`INTERESTING`].
#[inline]
fn interesting8(x: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;
    // A zero byte of `v`, exactly (no false answer for the word as a whole).
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let eq = |c: u8| zero(x ^ (LO * u64::from(c)));
    if (eq(b'.') | eq(b'!') | eq(b'?') | eq(b'"')) != 0 {
        return true;
    }
    // Bytes from 0xC0 up: bits 7 and 6 set (the shift's carry into the
    // next lane lands on bit 0, masked off). Only then the lead bytes one
    // by one: most text of Latin script has none.
    let lead = x & (x << 1) & HI;
    lead != 0 && INTERESTING_BYTES[4..].iter().fold(0, |m, &b| m | eq(b)) != 0
}

fn split_paragraph(text: &str, lang: &str, stops: Option<&crate::stopwords::StopSet>, base: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut open_quote = false;
    let mut i = 0;
    while i < bytes.len() {
        if !INTERESTING[bytes[i] as usize] {
            i += 1;
            // The plain text up to the next stop, eight bytes at a time.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                if interesting8(u64::from_le_bytes(w)) {
                    break;
                }
                i += 8;
            }
            continue;
        }
        let Some(c) = at(text, i) else { break };
        let after = i + c.len_utf8();
        match c {
            '“' if lang == "de" && open_quote => open_quote = false,
            '“' | '„' | '«' | '‹' => open_quote = true,
            '”' | '»' | '›' => open_quote = false,
            '"' => open_quote = !open_quote,
            _ => {}
        }
        // Besides Latin and CJK marks: the Devanagari danda (।, ॥), the
        // Arabic question mark and Urdu full stop (؟, ۔), the Armenian and
        // Ethiopic full stops (։, ።): all end sentences, none abbreviates.
        if !matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '।' | '॥' | '؟' | '۔' | '։' | '።') {
            i = after;
            continue;
        }
        // The run of terminal punctuation, then closing quotes and brackets.
        let mut j = after;
        while let Some(d) = at(text, j).filter(|d| matches!(d, '.' | '!' | '?' | '…')) {
            j += d.len_utf8();
        }
        let mut quote_after = open_quote;
        while let Some(d) = at(text, j).filter(|d| CLOSERS.contains(d)) {
            if matches!(d, '”' | '»' | '"' | '“') {
                quote_after = false;
            }
            j += d.len_utf8();
        }
        let end = j;
        let cjk = matches!(c, '。' | '！' | '？');
        let at_space = at(text, j).is_none_or(char::is_whitespace);
        if !(at_space || cjk) {
            i = j;
            continue;
        }
        let mut k = j;
        while let Some(d) = at(text, k).filter(|d| d.is_whitespace()) {
            k += d.len_utf8();
        }
        let split = if k >= bytes.len() {
            true
        } else {
            let single_dot = c == '.' && (j == after || at(text, after).is_some_and(|d| CLOSERS.contains(&d)));
            decide(text, lang, stops, i, k, single_dot, cjk) && !(quote_after && quote_continues(text, j))
        };
        open_quote = quote_after;
        if split {
            push(out, text, base, start, end);
            start = k;
        }
        i = j;
    }
    push(out, text, base, start, text.len());
}

fn push(out: &mut Vec<Span>, text: &str, base: usize, start: usize, end: usize) {
    let piece = text.get(start..end).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(base + start + lead, base + start + lead + trimmed.len()));
    }
}

/// Whether the boundary candidate at byte `dot` (a terminal mark; the
/// next sentence would start at byte `next`) is a real sentence end.
fn decide(text: &str, lang: &str, stops: Option<&crate::stopwords::StopSet>, dot: usize, next: usize, single_dot: bool, cjk: bool) -> bool {
    let Some(first) = at(text, next) else { return true };
    if first.is_lowercase() && !cjk {
        return false;
    }
    if !single_dot {
        return true;
    }
    // The word before the dot, back to a space or an opening bracket/quote.
    let before = &text[..dot];
    let word_start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '[' || OPEN_QUOTES.contains(&c)).map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // The next word: is it a usual sentence opener?
    let rest = &text[next..];
    let next_word = rest.find(|c: char| !crate::chars::is_alphanumeric(c)).map_or(rest, |e| &rest[..e]);
    let opener = stops.is_some_and(|s| {
        if next_word.is_ascii() && next_word.len() <= 32 {
            let mut lower = [0u8; 32];
            let lower = &mut lower[..next_word.len()];
            lower.copy_from_slice(next_word.as_bytes());
            lower.make_ascii_lowercase();
            s.contains_folded(lower)
        } else {
            // (Whole-word lower case: a final capital sigma becomes "ς".)
            s.contains(&next_word.to_lowercase())
        }
    });
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return !(ordinal_dot(lang) && word.len() <= 2);
    }
    match abbreviation(lang, word) {
        Some(Abbr::Title) => return false,
        Some(Abbr::Number) => return !first.is_ascii_digit(),
        Some(Abbr::Weak) => return opener,
        None => {}
    }
    let letters = word.chars().filter(|&c| crate::chars::is_alphabetic(c)).count();
    // An initial ("J. Smith") or a dotted acronym ("U.S. President", "U.N."):
    // a sentence ends there only before a usual sentence opener.
    if letters == 1 && word.chars().next().is_some_and(char::is_uppercase) {
        return opener && next_word.chars().nth(1).is_some();
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return opener;
    }
    true
}

/// Inside an open quotation a full stop does not end the sentence when the
/// quotation closes soon after (within 400 bytes): a quotation spanning
/// sentences stays in one piece with its attribution ("“We will win. They
/// will lose,” he said."). An unclosed quote mark does not suppress splitting.
fn quote_continues(text: &str, from: usize) -> bool {
    let Some(rest) = text.get(from..) else { return false };
    rest.char_indices().take_while(|(p, _)| *p < 400).any(|(_, c)| matches!(c, '”' | '»' | '"' | '“'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn eight_byte_skip_agrees_with_the_table() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = b;
                assert_eq!(super::interesting8(u64::from_le_bytes(w)), super::INTERESTING[b as usize], "{b:x} at {at}");
            }
        }
    }
}
