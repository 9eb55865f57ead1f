//! Content terms: what survives rewording. Numbers, names and the stems of
//! longer words, weighed later by how rare they are in the corpus.

use crate::normalize::Token;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Shorter words are mostly function words in every alphabetic language.
const MIN_WORD_CHARS: u16 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub hash: u64,
    /// Index of the token it came from.
    pub token: u32,
    pub name: bool,
    pub number: bool,
}

/// The content terms of a tokenised text, in text order. Cheap: the
/// tokeniser already hashed every stem.
pub fn terms(text: &str, toks: &[Token], seed: u64) -> Vec<Term> {
    let mut out = Vec::with_capacity(toks.len() / 2);
    terms_into(text, toks, seed, &mut out);
    out
}

/// [`terms`] into a caller's buffer (cleared first).
pub fn terms_into(text: &str, toks: &[Token], seed: u64, out: &mut Vec<Term>) {
    out.clear();
    let mut any_char = false;
    for (i, t) in toks.iter().enumerate() {
        if t.is(Token::NUMBER) {
            // "1" and "2" are everywhere; a number needs two digits to say something.
            if t.chars >= 2 {
                out.push(Term { hash: t.hash, token: i as u32, name: false, number: true });
            }
        } else if t.is(Token::CHAR) {
            any_char = true;
        } else if t.chars >= MIN_WORD_CHARS {
            let name = t.is(Token::CAPITAL) && !t.is(Token::SENTENCE_START);
            out.push(Term { hash: t.stem, token: i as u32, name, number: false });
        }
    }
    if !any_char {
        return;
    }
    // Unspaced scripts: character bigrams stand in for words.
    let mut prev: Option<(usize, &Token)> = None;
    for (i, t) in toks.iter().enumerate() {
        if !t.is(Token::CHAR) {
            prev = None;
            continue;
        }
        if let Some((j, p)) = prev
            && p.end == t.start
            && let Some(s) = text.get(p.start as usize..t.end as usize)
        {
            out.push(Term { hash: xxh3_64_with_seed(s.as_bytes(), seed), token: j as u32, name: false, number: false });
        }
        prev = Some((i, t));
    }
    out.sort_by_key(|t| t.token);
}
