//! What verification compares, built per document on demand (only for
//! documents that have candidates): the kept shingle set and the weighted
//! content terms, whole and per sentence.

use crate::DedupConfig;
use crate::fingerprint::kept_from_tokens;
use crate::normalize::{Token, sentences, with_tokens};
use crate::stats::DedupStats;
use crate::terms::terms;

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
    /// `(term, sentence)` for every sentence term, sorted: which sentences hold a term.
    pub sentence_index: Vec<(u64, u32)>,
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
    let ts = terms(text, toks, cfg.seed);
    // One weight per distinct term (the larger when it occurs both as a
    // name and as a plain word): one idf look-up per term, not per occurrence.
    let mut keyed: Vec<(u64, bool)> = ts.iter().map(|t| (t.hash, t.name || t.number)).collect();
    keyed.sort_unstable();
    keyed.dedup();
    let mut terms_v: Vec<(u64, f32)> = Vec::with_capacity(keyed.len());
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
    let mut sents = Vec::new();
    let mut sentence_terms: Vec<(u64, f32)> = Vec::with_capacity(ts.len());
    let mut hs: Vec<u64> = Vec::new();
    let mut ti = 0;
    for r in sentences(toks) {
        hs.clear();
        while ti < ts.len() && (ts[ti].token as usize) < r.end {
            hs.push(ts[ti].hash);
            ti += 1;
        }
        hs.sort_unstable();
        hs.dedup();
        let start = sentence_terms.len();
        let mut sw = 0.0f32;
        for &h in &hs {
            let w = weight_of(h);
            sw += w;
            sentence_terms.push((h, w));
        }
        if sw > 0.0 {
            sents.push((start as u32..sentence_terms.len() as u32, sw));
        } else {
            sentence_terms.truncate(start);
        }
    }
    let mut sentence_index: Vec<(u64, u32)> =
        sents.iter().enumerate().flat_map(|(k, (r, _))| sentence_terms[r.start as usize..r.end as usize].iter().map(move |e| (e.0, k as u32))).collect();
    sentence_index.sort_unstable();
    DocFeatures {
        shingles: kept_from_tokens(toks, stats, cfg),
        terms: terms_v,
        anchors,
        weight,
        sentences: sents,
        sentence_terms,
        sentence_index,
    }
}
