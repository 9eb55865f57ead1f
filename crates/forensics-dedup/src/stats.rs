//! Stage 1: corpus statistics. Document frequencies of content terms (for
//! idf weights and the rare-term index) and a counting sketch of shingle
//! document frequencies (for the template filter). Shards compute their own
//! and [`DedupStats::merge`] adds them up exactly.

use crate::DedupConfig;
use crate::normalize::tokens;
use crate::shingle::shingles;
use crate::terms::{distinct_into, terms};
use forensics_clean::CleanArticle;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use crate::fastmap::FastMap;

/// Counters of the shingle sketch (a power of two). Collisions only ever
/// overstate a frequency; at a million documents the mean counter stays far
/// below any template limit.
pub const SKETCH_BITS: u32 = 22;

/// A sketch counter: 16 bits, saturating. Half the bytes of a `u32` (8 MB
/// per accumulator instead of 16), so more of the sketch stays in cache; the
/// template limit is capped just below saturation (see
/// [`DedupStats::template_limit`]), so a saturated counter still reads as
/// template text.
pub type SketchCounter = u16;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupStats {
    pub documents: u64,
    /// Content-term hash → documents holding it. Serialised sorted by hash.
    #[serde(with = "sorted_map")]
    pub term_df: FastMap<u64, u32>,
    /// Shingle hash (top bits) → occurrences in the corpus, overstated by
    /// collisions, saturating at `u16::MAX`.
    pub shingle_sketch: Vec<SketchCounter>,
}

impl Default for DedupStats {
    fn default() -> Self {
        DedupStats { documents: 0, term_df: FastMap::default(), shingle_sketch: vec![0; 1 << SKETCH_BITS] }
    }
}

impl DedupStats {
    /// Statistics of one set of documents (parallel, order-independent).
    pub fn from_docs(docs: &[CleanArticle], cfg: &DedupConfig) -> Self {
        // Chunks, not `fold` per item: each accumulator holds an 8 MB sketch.
        let chunk = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
        docs.par_chunks(chunk)
            .map(|part| {
                let mut st = DedupStats::default();
                for d in part {
                    st.add(&d.text, cfg);
                }
                st
            })
            .reduce(DedupStats::default, |mut a, b| {
                a.merge(&b);
                a
            })
    }

    /// Counts one document's text.
    pub fn add(&mut self, text: &str, cfg: &DedupConfig) {
        self.documents += 1;
        let toks = tokens(text, cfg.seed);
        // Occurrences, not distinct documents: a phrase repeated within a
        // page counts more than once, which only errs toward calling it
        // template, and saves sorting every document's shingles.
        for h in shingles(&toks, cfg.shingle_size, cfg.seed) {
            let c = &mut self.shingle_sketch[sketch_slot(h)];
            *c = c.saturating_add(1);
        }
        let mut ts = Vec::new();
        distinct_into(&terms(text, &toks, cfg.seed), &mut ts);
        for (h, _) in ts {
            *self.term_df.entry(h).or_insert(0) += 1;
        }
    }

    /// Adds another shard's statistics.
    pub fn merge(&mut self, other: &DedupStats) {
        self.documents += other.documents;
        if self.term_df.len() < other.term_df.len() {
            // Insert the smaller map into the larger.
            let mine = std::mem::replace(&mut self.term_df, other.term_df.clone());
            for (k, v) in mine {
                *self.term_df.entry(k).or_insert(0) += v;
            }
        } else {
            for (k, v) in &other.term_df {
                *self.term_df.entry(*k).or_insert(0) += v;
            }
        }
        if self.shingle_sketch.len() != other.shingle_sketch.len() {
            self.shingle_sketch.resize(1 << SKETCH_BITS, 0);
        }
        for (a, b) in self.shingle_sketch.iter_mut().zip(&other.shingle_sketch) {
            *a = a.saturating_add(*b);
        }
    }

    /// Documents holding the term (0 when unseen).
    pub fn df(&self, term: u64) -> u32 {
        self.term_df.get(&term).copied().unwrap_or(0)
    }

    /// Inverse document frequency, never below zero.
    pub fn idf(&self, term: u64) -> f64 {
        let n = self.documents.max(1) as f64;
        let df = self.df(term).max(1) as f64;
        (n / df).ln().max(0.0)
    }

    /// Shingles occurring in more documents than this are template text.
    /// Never above `u16::MAX - 1`, where the counters saturate: past about
    /// 33 million documents at the default share, the limit stops growing.
    pub fn template_limit(&self, cfg: &DedupConfig) -> u32 {
        let share = (self.documents as f64 * cfg.max_shingle_df_share).ceil() as u32;
        share.max(cfg.min_template_df).min(SketchCounter::MAX as u32 - 1)
    }

    /// Whether the shingle is template text (in too large a share of documents).
    pub fn is_template(&self, shingle: u64, limit: u32) -> bool {
        self.slot_is_template(sketch_slot(shingle), limit)
    }

    /// [`DedupStats::is_template`] of a shingle by its [`sketch_slot`].
    pub fn slot_is_template(&self, slot: usize, limit: u32) -> bool {
        self.shingle_sketch.get(slot).is_some_and(|&c| u32::from(c) > limit)
    }
}

/// The sketch counter of a shingle hash.
pub fn sketch_slot(h: u64) -> usize {
    (h >> (64 - SKETCH_BITS)) as usize
}

mod sorted_map {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use crate::fastmap::FastMap;

    pub fn serialize<S: Serializer>(m: &FastMap<u64, u32>, s: S) -> Result<S::Ok, S::Error> {
        let mut v: Vec<(u64, u32)> = m.iter().map(|(k, v)| (*k, *v)).collect();
        v.sort_unstable();
        v.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<FastMap<u64, u32>, D::Error> {
        Ok(Vec::<(u64, u32)>::deserialize(d)?.into_iter().collect())
    }
}
