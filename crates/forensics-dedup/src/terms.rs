//! Content terms: what survives rewording. Numbers, names and the stems of
//! longer words, weighed later by how rare they are in the corpus.

use crate::normalize::Token;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Characters a stem keeps: a crude, language-blind way to fold inflection
/// ("farmers"/"farmer", "Lindenports"/"Lindenport").
const STEM_CHARS: usize = 6;
/// Shorter words are mostly function words in every alphabetic language.
const MIN_WORD_CHARS: usize = 4;
/// Keeps the term hash space apart from the token hash space.
const TERM_SEED_XOR: u64 = 0x7465_726d_7465_726d;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub hash: u64,
    /// Index of the token it came from.
    pub token: u32,
    pub name: bool,
    pub number: bool,
}

/// The content terms of a tokenised text, in text order.
pub fn terms(text: &str, toks: &[Token], seed: u64) -> Vec<Term> {
    let seed = seed ^ TERM_SEED_XOR;
    let mut out = Vec::with_capacity(toks.len() / 2);
    let mut buf = String::with_capacity(32);
    for (i, t) in toks.iter().enumerate() {
        let Some(s) = text.get(t.start as usize..t.end as usize) else { continue };
        if t.is(Token::NUMBER) {
            // "1" and "2" are everywhere; a number needs two digits to say something.
            if s.len() >= 2 {
                out.push(Term { hash: xxh3_64_with_seed(s.as_bytes(), seed), token: i as u32, name: false, number: true });
            }
            continue;
        }
        if t.is(Token::CHAR) {
            continue;
        }
        buf.clear();
        let mut n = 0;
        for c in s.chars() {
            if n < STEM_CHARS {
                buf.extend(c.to_lowercase());
            }
            n += 1;
        }
        if n < MIN_WORD_CHARS {
            continue;
        }
        let name = t.is(Token::CAPITAL) && !t.is(Token::SENTENCE_START);
        out.push(Term { hash: xxh3_64_with_seed(buf.as_bytes(), seed), token: i as u32, name, number: false });
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
    if toks.iter().any(|t| t.is(Token::CHAR)) {
        out.sort_by_key(|t| t.token);
    }
    out
}
