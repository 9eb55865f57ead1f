//! Content terms: what survives rewording. Numbers, names and the stems of
//! longer words, weighed later by how rare they are in the corpus.

use crate::normalize::Token;
use std::cell::RefCell;
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

/// The distinct terms of `terms` as `(hash, anchor)` into `out` (cleared
/// first), in order of first occurrence; a term seen once as a name or
/// number is an anchor. A hash table kept per thread rather than a sort:
/// sorting a document's ~450 terms cost almost half as much as tokenising it.
pub fn distinct_into(terms: &[Term], out: &mut Vec<(u64, bool)>) {
    out.clear();
    DISTINCT.with(|t| t.borrow_mut().run(terms, out, None));
}

/// [`distinct_into`], and into `ids` (cleared first) the index in `out` of
/// every term's entry, so callers can key per-term data by a dense id.
pub fn distinct_ids_into(terms: &[Term], out: &mut Vec<(u64, bool)>, ids: &mut Vec<u32>) {
    out.clear();
    ids.clear();
    ids.reserve(terms.len());
    DISTINCT.with(|t| t.borrow_mut().run(terms, out, Some(ids)));
}

thread_local! {
    static DISTINCT: RefCell<Distinct> = RefCell::new(Distinct::default());
}

/// Open addressing with a generation per slot, so a new document clears
/// nothing. Each slot holds an index into `out`.
#[derive(Default)]
struct Distinct {
    stamp: Vec<u32>,
    at: Vec<u32>,
    now: u32,
}

impl Distinct {
    fn run(&mut self, terms: &[Term], out: &mut Vec<(u64, bool)>, mut ids: Option<&mut Vec<u32>>) {
        let want = (terms.len() * 2).next_power_of_two().max(64);
        if self.stamp.len() < want {
            self.stamp = vec![0; want];
            self.at = vec![0; want];
            self.now = 0;
        }
        self.now = self.now.wrapping_add(1);
        if self.now == 0 {
            self.stamp.fill(0);
            self.now = 1;
        }
        let mask = self.stamp.len() - 1;
        for t in terms {
            let anchor = t.name || t.number;
            let mut i = (t.hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask;
            loop {
                if self.stamp[i] != self.now {
                    self.stamp[i] = self.now;
                    self.at[i] = out.len() as u32;
                    if let Some(ids) = ids.as_deref_mut() {
                        ids.push(out.len() as u32);
                    }
                    out.push((t.hash, anchor));
                    break;
                }
                if let Some(e) = out.get_mut(self.at[i] as usize)
                    && e.0 == t.hash
                {
                    e.1 |= anchor;
                    if let Some(ids) = ids.as_deref_mut() {
                        ids.push(self.at[i]);
                    }
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keeps_first_occurrence_order_and_anchor_flags() {
        let t = |hash, name| Term { hash, token: 0, name, number: false };
        let mut out = Vec::new();
        distinct_into(&[t(5, false), t(3, false), t(5, true), t(9, false), t(3, false)], &mut out);
        assert_eq!(out, vec![(5, true), (3, false), (9, false)]);
        // A second document reuses the table without seeing the first.
        distinct_into(&[t(3, true)], &mut out);
        assert_eq!(out, vec![(3, true)]);
        // Many terms (the table grows), all distinct but one.
        let many: Vec<Term> = (0..5000u64).chain([17]).map(|h| t(h << 40, false)).collect();
        distinct_into(&many, &mut out);
        assert_eq!(out.len(), 5000);
        // With ids: each term's entry in `out`.
        let mut ids = Vec::new();
        distinct_ids_into(&[t(5, false), t(3, false), t(5, true), t(9, false), t(3, false)], &mut out, &mut ids);
        assert_eq!(out, vec![(5, true), (3, false), (9, false)]);
        assert_eq!(ids, vec![0, 1, 0, 2, 1]);
    }
}
