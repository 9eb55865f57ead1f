//! Tokens of a clean text, with byte offsets back into it.
//!
//! Everything the detector compares goes through [`tokens`], so the switch to
//! the cleaner's normalised view is one function. Until then this is a
//! minimal normaliser: case folding, words split on anything that is not a
//! letter or digit, and one token per character for scripts written without
//! spaces (Han, kana, Thai…), so shingles over them are character n-grams.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// One token of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the clean text.
    pub start: u32,
    pub end: u32,
    /// Seeded xxh3 of the case-folded token.
    pub hash: u64,
    /// Seeded xxh3 of the first [`STEM_CHARS`] case-folded characters: a
    /// crude, language-blind stem ("farmers"/"farmer") for the content terms.
    pub stem: u64,
    /// Characters in the token (saturating).
    pub chars: u16,
    pub flags: u8,
}

/// Characters a stem keeps.
pub const STEM_CHARS: usize = 6;

impl Token {
    /// Starts with an upper-case letter.
    pub const CAPITAL: u8 = 1;
    /// Only digits.
    pub const NUMBER: u8 = 2;
    /// First token after a sentence end or line break (a capital there says nothing about names).
    pub const SENTENCE_START: u8 = 4;
    /// A single character of a script without spaces.
    pub const CHAR: u8 = 8;

    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// Scripts written without spaces between words: tokenised by character.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF   // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK ext A
        | 0x4E00..=0x9FFF // CJK unified
        | 0xF900..=0xFAFF // CJK compatibility
        | 0x20000..=0x2FFFF)
}

/// Tokenises `text`. `seed` seeds the token hashes.
pub fn tokens(text: &str, seed: u64) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokens_into(text, seed, &mut out);
    out
}

/// Calls `f` with the tokens of `text`, in a buffer kept per thread: a
/// document's tokens take ~6× its bytes, and allocating that afresh for
/// every document verified or aligned cost a third as much as tokenising.
pub fn with_tokens<R>(text: &str, seed: u64, f: impl FnOnce(&[Token]) -> R) -> R {
    let mut buf = POOL.with(|p| p.borrow_mut().pop()).unwrap_or_default();
    tokens_into(text, seed, &mut buf);
    let r = f(&buf);
    // A few buffers per thread (callers nest, as alignment's two texts do);
    // a huge document's is not kept.
    if buf.capacity() <= MAX_POOLED_TOKENS {
        POOL.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() < 4 {
                p.push(buf);
            }
        });
    }
    r
}

/// Largest token buffer [`with_tokens`] keeps (6 MB).
const MAX_POOLED_TOKENS: usize = 1 << 18;

thread_local! {
    static POOL: std::cell::RefCell<Vec<Vec<Token>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// [`tokens`] into a caller's buffer (cleared first), so a loop over many
/// documents reuses one allocation.
pub fn tokens_into(text: &str, seed: u64, out: &mut Vec<Token>) {
    out.clear();
    let mut buf: Vec<u8> = Vec::with_capacity(32);
    let mut start = 0usize;
    let mut in_word = false;
    let mut word_flags = 0u8;
    let mut all_digits = true;
    // A document starts like a sentence.
    let mut pending_break = true;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // Characters in the current word and the byte length of its stem.
    let mut nchars = 0usize;
    let mut stem_len = 0usize;
    // The case-folded bytes of a short ASCII word (see `ascii_word`).
    let mut low = [0u8; LOW_BYTES];
    let finish = |out: &mut Vec<Token>, buf: &mut Vec<u8>, start: usize, end: usize, flags: u8, nchars: usize, stem_len: usize| {
        let hash = xxh3_64_with_seed(buf, seed);
        let stem = if nchars <= STEM_CHARS { hash } else { xxh3_64_with_seed(&buf[..stem_len], seed) };
        out.push(Token { start: start as u32, end: end as u32, hash, stem, chars: nchars.min(u16::MAX as usize) as u16, flags });
        buf.clear();
    };
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: most news text is ASCII most of the time.
        if b < 0x80 {
            if b.is_ascii_alphanumeric() && !in_word {
                // Fast path: a whole ASCII word, eight bytes at a time.
                let (e, upper, digits) = ascii_word(bytes, i, &mut low);
                // A word that goes on in another script ("café") takes the general path.
                let continues = bytes.get(e).is_some_and(|&n| n >= 0x80)
                    && text[e..].chars().next().is_some_and(|c| c.is_alphanumeric() && !is_unspaced(c));
                if !continues {
                    let word = &bytes[i..e];
                    let mut flags = if b.is_ascii_uppercase() { Token::CAPITAL } else { 0 };
                    if digits {
                        flags |= Token::NUMBER;
                    }
                    if pending_break {
                        flags |= Token::SENTENCE_START;
                        pending_break = false;
                    }
                    let lower: &[u8] = if !upper {
                        word
                    } else if let Some(l) = low.get(..word.len()) {
                        l
                    } else {
                        buf.clear();
                        buf.extend(word.iter().map(u8::to_ascii_lowercase));
                        &buf
                    };
                    let hash = xxh3_64_with_seed(lower, seed);
                    let stem = if lower.len() <= STEM_CHARS { hash } else { xxh3_64_with_seed(&lower[..STEM_CHARS], seed) };
                    out.push(Token { start: i as u32, end: e as u32, hash, stem, chars: lower.len().min(u16::MAX as usize) as u16, flags });
                    buf.clear();
                    i = e;
                    continue;
                }
            }
            if b.is_ascii_alphanumeric() {
                if !in_word {
                    in_word = true;
                    start = i;
                    all_digits = true;
                    word_flags = if b.is_ascii_uppercase() { Token::CAPITAL } else { 0 };
                    nchars = 0;
                    if pending_break {
                        word_flags |= Token::SENTENCE_START;
                        pending_break = false;
                    }
                }
                all_digits &= b.is_ascii_digit();
                buf.push(b.to_ascii_lowercase());
                nchars += 1;
                if nchars == STEM_CHARS {
                    stem_len = buf.len();
                }
            } else {
                if in_word {
                    in_word = false;
                    finish(out, &mut buf, start, i, word_flags | if all_digits { Token::NUMBER } else { 0 }, nchars, stem_len);
                }
                // A full stop inside "18.4" or "U.S" ends nothing.
                let next_is_space = bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace() || *n == b'"');
                if b == b'\n' || (matches!(b, b'.' | b'!' | b'?' | b':' | b';') && next_is_space) {
                    pending_break = true;
                }
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let w = c.len_utf8();
        if is_unspaced(c) {
            if in_word {
                in_word = false;
                finish(out, &mut buf, start, i, word_flags | if all_digits { Token::NUMBER } else { 0 }, nchars, stem_len);
            }
            let mut tmp = [0u8; 4];
            buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            let mut flags = Token::CHAR;
            if pending_break {
                flags |= Token::SENTENCE_START;
                pending_break = false;
            }
            finish(out, &mut buf, i, i + w, flags, 1, 0);
            // Full stops of CJK text.
        } else if c.is_alphanumeric() {
            if !in_word {
                in_word = true;
                start = i;
                all_digits = true;
                word_flags = if c.is_uppercase() { Token::CAPITAL } else { 0 };
                nchars = 0;
                if pending_break {
                    word_flags |= Token::SENTENCE_START;
                    pending_break = false;
                }
            }
            all_digits &= c.is_numeric();
            for l in c.to_lowercase() {
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
            nchars += 1;
            if nchars == STEM_CHARS {
                stem_len = buf.len();
            }
        } else {
            if in_word {
                in_word = false;
                finish(out, &mut buf, start, i, word_flags | if all_digits { Token::NUMBER } else { 0 }, nchars, stem_len);
            }
            if matches!(c, '。' | '！' | '？' | '…' | '\u{2028}' | '\u{2029}') {
                pending_break = true;
            }
        }
        i += w;
    }
    if in_word {
        finish(out, &mut buf, start, bytes.len(), word_flags | if all_digits { Token::NUMBER } else { 0 }, nchars, stem_len);
    }
}

/// Longest ASCII word [`ascii_word`] case-folds (longer ones are folded byte by byte).
const LOW_BYTES: usize = 32;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes from `at`, little-endian, zero past the end (a zero byte ends any word).
#[inline]
fn load8(bytes: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    match bytes.get(at..at + 8) {
        Some(s) => a.copy_from_slice(s),
        None => {
            let rest = bytes.get(at..).unwrap_or(&[]);
            a[..rest.len()].copy_from_slice(rest);
        }
    }
    u64::from_le_bytes(a)
}

/// The high bit of each byte of `v` (all below 0x80) that is at least `c`.
/// No byte carries into the next: `v + 0x80 - c` stays below 0x100.
#[inline]
fn at_least(v: u64, c: u8) -> u64 {
    v.wrapping_add((0x80 - c as u64) * ONES) & HIGH
}

/// The ASCII letters and digits from `at` on: the end of the run, whether
/// it holds an upper-case letter, and whether it is all digits; its first
/// [`LOW_BYTES`] bytes case-folded into `low`. Eight bytes at a time
/// (SWAR): a loop over bytes mispredicts its exit at nearly every word end,
/// which made it the tokeniser's hottest instruction.
#[inline]
fn ascii_word(bytes: &[u8], at: usize, low: &mut [u8; LOW_BYTES]) -> (usize, bool, bool) {
    let mut upper_any = false;
    let mut alpha_any = false;
    let mut pos = at;
    let mut k = 0;
    loop {
        let x = load8(bytes, pos);
        let ascii = !x & HIGH;
        let v = x & !HIGH;
        let digit = at_least(v, b'0') & !at_least(v, b'9' + 1);
        let folded = v | (0x20 * ONES);
        let alpha = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
        let word = (digit | alpha) & ascii;
        let n = ((!word & HIGH).trailing_zeros() / 8) as usize;
        let mask = if n >= 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        // Bit 5 clear in a letter: upper case (moved up to each byte's high bit).
        let upper = alpha & !(v << 2) & HIGH & mask;
        upper_any |= upper != 0;
        alpha_any |= alpha & mask != 0;
        if let Some(dst) = low.get_mut(k * 8..k * 8 + 8) {
            dst.copy_from_slice(&(x | (upper >> 2)).to_le_bytes());
        }
        if n < 8 {
            return (pos + n, upper_any, !alpha_any);
        }
        pos += 8;
        k += 1;
    }
}

/// Ranges of token indices, one per sentence (split where a token starts a sentence).
pub fn sentences(toks: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, t) in toks.iter().enumerate() {
        if i > s && t.is(Token::SENTENCE_START) {
            out.push(s..i);
            s = i;
        }
    }
    if s < toks.len() {
        out.push(s..toks.len());
    }
    out
}

/// Case-folded form of a token, for the content features (stems and names).
pub fn folded(text: &str, t: &Token) -> String {
    text.get(t.start as usize..t.end as usize).unwrap_or("").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, want: &[&str]) {
        let toks = tokens(text, 1);
        let got: Vec<&str> = toks.iter().map(|t| &text[t.start as usize..t.end as usize]).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn splits_words_and_cjk_characters() {
        check("The storm, in Bergen!", &["The", "storm", "in", "Bergen"]);
        check("Мюнстер 1,140 x", &["Мюнстер", "1", "140", "x"]);
        check("東京で会議", &["東", "京", "で", "会", "議"]);
        check("", &[]);
    }

    #[test]
    fn ascii_words_eight_bytes_at_a_time() {
        // Every length around the eight-byte steps and the folded buffer, any case, digits,
        // every ASCII separator, and words running into non-ASCII bytes or the end.
        let mut low = [0u8; LOW_BYTES];
        for len in 1..=41 {
            for word in [
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
                "0123456789012345678901234567890123456789012",
                "zaZA09z@[`{/:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            ] {
                let w = &word[..len];
                let stop = w.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(len);
                for tail in ["", " x", "é", "\u{7f}", "~", "\0"] {
                    let text = format!("{w}{tail}");
                    let (e, up, dig) = ascii_word(text.as_bytes(), 0, &mut low);
                    let run = &w[..stop];
                    assert_eq!(e, stop, "{text:?}");
                    assert_eq!(up, run.bytes().any(|b| b.is_ascii_uppercase()), "{text:?}");
                    assert_eq!(dig, run.bytes().all(|b| b.is_ascii_digit()), "{text:?}");
                    let n = stop.min(LOW_BYTES);
                    assert_eq!(&low[..n], run.to_ascii_lowercase().as_bytes().get(..n).unwrap_or(&[]), "{text:?}");
                }
            }
        }
        // Every byte value after a letter: only ASCII letters and digits continue a word.
        for b in 0..=255u8 {
            let bytes = [b'q', b, b' '];
            let (e, _, _) = ascii_word(&bytes, 0, &mut low);
            assert_eq!(e, if b.is_ascii_alphanumeric() { 2 } else { 1 }, "{b}");
        }
    }

    #[test]
    fn pooled_tokens_are_the_tokens_even_when_nested() {
        let (a, b) = ("One storm, two storms.", "Ein Sturm 東京");
        with_tokens(a, 9, |ta| {
            assert_eq!(ta, tokens(a, 9).as_slice());
            with_tokens(b, 9, |tb| assert_eq!(tb, tokens(b, 9).as_slice()));
        });
        // A reused (longer) buffer holds only the new text's tokens.
        with_tokens("x", 9, |t| assert_eq!(t.len(), 1));
    }

    #[test]
    fn case_folds_hashes_and_marks_sentence_starts() {
        let a = tokens("Storm hit. Storm", 3);
        assert_eq!(a[0].hash, a[2].hash);
        assert!(a[0].is(Token::SENTENCE_START) && a[2].is(Token::SENTENCE_START) && !a[1].is(Token::SENTENCE_START));
        assert!(a[0].is(Token::CAPITAL));
        assert!(tokens("2022", 3)[0].is(Token::NUMBER));
    }
}
