//! What verification compares, built per document on demand (only for
//! documents that have candidates): the kept shingle set and the weighted
//! content terms, whole and per sentence.

use crate::DedupConfig;
use crate::fingerprint::kept_from_tokens;
use crate::normalize::{Token, with_tokens};
use crate::stats::DedupStats;
use crate::terms::{Term, distinct_ids_into, terms_into};
use std::cell::RefCell;

/// Names and numbers say more about an event than a word of the same rarity.
const ANCHOR_BOOST: f32 = 1.5;

#[derive(Debug, Clone, Default)]
pub struct DocFeatures {
    /// Kept shingles, sorted, distinct.
    pub shingles: Vec<u64>,
    /// Content terms with idf weights, sorted by hash, distinct.
    pub terms: Vec<(u64, f32)>,
    /// Anchor terms (names, numbers), sorted, distinct.
    pub anchors: Vec<u64>,
    pub weight: f32,
    /// Per sentence (with content): its range in `sentence_terms` and its total weight.
    pub sentences: Vec<(std::ops::Range<u32>, f32)>,
    /// The distinct terms of every sentence (sorted by hash within one), with their weights, end to end.
    pub sentence_terms: Vec<(u64, f32)>,
    /// The rank in `terms` of every entry of `sentence_terms`.
    pub sentence_ranks: Vec<u32>,
    /// Which sentences hold a term: those of `terms[r]` are
    /// `term_sentences[r]..term_sentences[r + 1]` of `sentence_list`, in order.
    pub term_sentences: Vec<u32>,
    pub sentence_list: Vec<u32>,
}

impl DocFeatures {
    /// The terms of sentence `s` with their weights.
    pub fn sentence(&self, s: usize) -> &[(u64, f32)] {
        self.sentences.get(s).and_then(|(r, _)| self.sentence_terms.get(r.start as usize..r.end as usize)).unwrap_or(&[])
    }
}

pub fn features(text: &str, stats: &DedupStats, cfg: &DedupConfig) -> DocFeatures {
    with_tokens(text, cfg.seed, |toks| features_of(text, toks, stats, cfg))
}

/// [`features`] of a tokenised text.
pub fn features_of(text: &str, toks: &[Token], stats: &DedupStats, cfg: &DedupConfig) -> DocFeatures {
    SCRATCH.with(|sc| features_in(&mut sc.borrow_mut(), text, toks, stats, cfg))
}

/// The temporaries of [`features_of`], kept per thread: allocating them
/// afresh for every verified document was a sixth of verification's CPU.
#[derive(Default)]
struct Scratch {
    terms: Vec<Term>,
    /// Distinct terms in order of first occurrence, and each term's index among them.
    keyed: Vec<(u64, bool)>,
    ids: Vec<u32>,
    /// Distinct term ids by hash, and each id's place in that order.
    order: Vec<u32>,
    rank: Vec<u32>,
    /// The sentence that last took a term id (no repeats within one).
    last: Vec<u32>,
    in_sentence: Vec<u32>,
    sents: Vec<(std::ops::Range<u32>, f32)>,
    sentence_terms: Vec<(u64, f32)>,
    /// The rank of every entry of `sentence_terms`, and where each rank's entries of the index begin.
    sentence_ranks: Vec<u32>,
    at: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn features_in(sc: &mut Scratch, text: &str, toks: &[Token], stats: &DedupStats, cfg: &DedupConfig) -> DocFeatures {
    terms_into(text, toks, cfg.seed, &mut sc.terms);
    // One weight per distinct term (boosted when it occurs once as a name or
    // number): one idf look-up per term, not per occurrence. Distinct by a
    // hash table, then only the distinct ids sorted by hash.
    distinct_ids_into(&sc.terms, &mut sc.keyed, &mut sc.ids);
    let keyed = &sc.keyed;
    let d = keyed.len();
    sc.order.clear();
    sc.order.extend(0..d as u32);
    sc.order.sort_unstable_by_key(|&i| keyed[i as usize].0);
    sc.rank.clear();
    sc.rank.resize(d, 0);
    let mut terms_v: Vec<(u64, f32)> = Vec::with_capacity(d);
    let mut anchors = Vec::with_capacity(keyed.iter().filter(|k| k.1).count());
    for (r, &i) in sc.order.iter().enumerate() {
        sc.rank[i as usize] = r as u32;
        let (h, anchor) = keyed[i as usize];
        let mut x = stats.idf(h) as f32;
        if anchor {
            x *= ANCHOR_BOOST;
            anchors.push(h);
        }
        terms_v.push((h, x.max(0.0)));
    }
    let weight = terms_v.iter().map(|e| e.1).sum();
    // The distinct terms of every sentence, sorted by hash (= by rank).
    sc.sents.clear();
    sc.sentence_terms.clear();
    sc.sentence_ranks.clear();
    sc.last.clear();
    sc.last.resize(d, u32::MAX);
    let ts = &sc.terms;
    let mut ti = 0;
    let mut s_start = 0usize;
    let mut sentence = 0u32;
    // Sentences split where a token starts one; those after the last term hold none.
    while s_start < toks.len() && ti < ts.len() {
        let mut s_end = s_start + 1;
        while s_end < toks.len() && !toks[s_end].is(Token::SENTENCE_START) {
            s_end += 1;
        }
        sc.in_sentence.clear();
        while ti < ts.len() && (ts[ti].token as usize) < s_end {
            let id = sc.ids[ti] as usize;
            if sc.last[id] != sentence {
                sc.last[id] = sentence;
                sc.in_sentence.push(sc.rank[id]);
            }
            ti += 1;
        }
        sentence += 1;
        s_start = s_end;
        sc.in_sentence.sort_unstable();
        let start = sc.sentence_terms.len();
        let mut sw = 0.0f32;
        for &r in &sc.in_sentence {
            let e = terms_v[r as usize];
            sw += e.1;
            sc.sentence_terms.push(e);
            sc.sentence_ranks.push(r);
        }
        if sw > 0.0 {
            sc.sents.push((start as u32..sc.sentence_terms.len() as u32, sw));
        } else {
            sc.sentence_terms.truncate(start);
            sc.sentence_ranks.truncate(start);
        }
    }
    // Sentences grouped by term, by counting (sentences come in order within each).
    sc.at.clear();
    sc.at.resize(d + 1, 0);
    for &r in &sc.sentence_ranks {
        sc.at[r as usize + 1] += 1;
    }
    for r in 0..d {
        sc.at[r + 1] += sc.at[r];
    }
    let term_sentences = sc.at.clone();
    let mut sentence_list: Vec<u32> = vec![0; sc.sentence_ranks.len()];
    for (k, (range, _)) in sc.sents.iter().enumerate() {
        for j in range.start as usize..range.end as usize {
            let r = sc.sentence_ranks[j] as usize;
            sentence_list[sc.at[r] as usize] = k as u32;
            sc.at[r] += 1;
        }
    }
    DocFeatures {
        shingles: kept_from_tokens(toks, stats, cfg),
        terms: terms_v,
        anchors,
        weight,
        sentences: sc.sents.clone(),
        sentence_terms: sc.sentence_terms.clone(),
        sentence_ranks: sc.sentence_ranks.clone(),
        term_sentences,
        sentence_list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{sentences, tokens};
    use crate::terms::terms;

    /// The plain construction (sorts and fresh vectors) the scratch version must equal.
    fn reference(text: &str, stats: &DedupStats, cfg: &DedupConfig) -> DocFeatures {
        let toks = tokens(text, cfg.seed);
        let ts = terms(text, &toks, cfg.seed);
        let mut keyed: Vec<(u64, bool)> = ts.iter().map(|t| (t.hash, t.name || t.number)).collect();
        keyed.sort_unstable();
        keyed.dedup();
        let mut terms_v: Vec<(u64, f32)> = Vec::new();
        let mut anchors = Vec::new();
        for (h, anchor) in keyed {
            let mut x = stats.idf(h) as f32;
            if anchor {
                x *= ANCHOR_BOOST;
                anchors.push(h);
            }
            match terms_v.last_mut() {
                Some(last) if last.0 == h => last.1 = last.1.max(x),
                _ => terms_v.push((h, x.max(0.0))),
            }
        }
        let weight = terms_v.iter().map(|e| e.1).sum();
        let weight_of = |h: u64| terms_v.binary_search_by_key(&h, |e| e.0).map_or(0.0, |i| terms_v[i].1);
        let (mut sents, mut sentence_terms, mut ti) = (Vec::new(), Vec::new(), 0);
        for r in sentences(&toks) {
            let mut hs = Vec::new();
            while ti < ts.len() && (ts[ti].token as usize) < r.end {
                hs.push(ts[ti].hash);
                ti += 1;
            }
            hs.sort_unstable();
            hs.dedup();
            let start = sentence_terms.len();
            let sw: f32 = hs.iter().map(|&h| weight_of(h)).sum();
            sentence_terms.extend(hs.iter().map(|&h| (h, weight_of(h))));
            if sw > 0.0 {
                sents.push((start as u32..sentence_terms.len() as u32, sw));
            } else {
                sentence_terms.truncate(start);
            }
        }
        let mut sentence_index: Vec<(u64, u32)> =
            sents.iter().enumerate().flat_map(|(k, (r, _))| sentence_terms[r.start as usize..r.end as usize].iter().map(move |e| (e.0, k as u32))).collect();
        sentence_index.sort_unstable();
        let rank = |h: u64| terms_v.binary_search_by_key(&h, |e| e.0).unwrap_or(usize::MAX) as u32;
        let sentence_ranks = sentence_terms.iter().map(|e| rank(e.0)).collect();
        let term_sentences = (0..=terms_v.len()).map(|r| sentence_index.partition_point(|e| (rank(e.0) as usize) < r) as u32).collect();
        let sentence_list = sentence_index.iter().map(|e| e.1).collect();
        DocFeatures { shingles: kept_from_tokens(&toks, stats, cfg), terms: terms_v, anchors, weight, sentences: sents, sentence_terms, sentence_ranks, term_sentences, sentence_list }
    }

    fn check(texts: &[String]) {
        let cfg = DedupConfig::default();
        let mut stats = DedupStats::default();
        for t in texts {
            stats.add(t, &cfg);
        }
        for t in texts {
            let (got, want) = (features(t, &stats, &cfg), reference(t, &stats, &cfg));
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{}", t.get(..60).unwrap_or(t));
        }
    }

    #[test]
    fn scratch_features_equal_the_plain_construction() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/seeds");
        let mut texts: Vec<String> = std::fs::read_dir(dir).into_iter().flatten().flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect();
        texts.sort();
        assert!(!texts.is_empty());
        texts.extend(
            ["", "x", "Storm. Storm hit Bergen 2022; BERGEN storm!", "東京で会議があった。東京の会議", "no content at all", "Ein Sturm traf Bergen.\nDer Sturm: 18.4 Meter."].map(String::from),
        );
        check(&texts);
    }
}
