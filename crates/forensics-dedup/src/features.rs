//! What verification compares, built per document on demand (only for
//! documents that have candidates): the kept shingle set and the weighted
//! content terms, whole and per sentence.

use crate::DedupConfig;
use crate::fastmap::FastMap;
use crate::fingerprint::kept_from_tokens;
use crate::normalize::{sentences, tokens};
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
    /// Per sentence: distinct term hashes (sorted) and their total weight.
    pub sentences: Vec<(Vec<u64>, f32)>,
}

pub fn features(text: &str, stats: &DedupStats, cfg: &DedupConfig) -> DocFeatures {
    let toks = tokens(text, cfg.seed);
    let ts = terms(text, &toks, cfg.seed);
    let mut w: FastMap<u64, f32> = FastMap::default();
    let mut anchors = Vec::new();
    for t in &ts {
        let mut x = stats.idf(t.hash) as f32;
        if t.name || t.number {
            x *= ANCHOR_BOOST;
            anchors.push(t.hash);
        }
        let e = w.entry(t.hash).or_insert(0.0);
        *e = e.max(x);
    }
    anchors.sort_unstable();
    anchors.dedup();
    let mut terms_v: Vec<(u64, f32)> = w.iter().map(|(k, v)| (*k, *v)).collect();
    terms_v.sort_unstable_by_key(|e| e.0);
    let weight = terms_v.iter().map(|e| e.1).sum();
    let mut sents = Vec::new();
    let mut ti = 0;
    for r in sentences(&toks) {
        let mut hs = Vec::new();
        while ti < ts.len() && (ts[ti].token as usize) < r.end {
            hs.push(ts[ti].hash);
            ti += 1;
        }
        hs.sort_unstable();
        hs.dedup();
        let sw: f32 = hs.iter().map(|h| w.get(h).copied().unwrap_or(0.0)).sum();
        if sw > 0.0 {
            sents.push((hs, sw));
        }
    }
    DocFeatures { shingles: kept_from_tokens(&toks, stats, cfg), terms: terms_v, anchors, weight, sentences: sents }
}
