//! Stage 2: one fingerprint per document, computed from its text and the
//! merged corpus statistics only (so shards give the same fingerprints).

use crate::normalize::tokens;
use crate::shingle::shingles;
use crate::stats::DedupStats;
use crate::terms::terms;
use crate::{DedupConfig, FingerprintMode, minhash, simhash};
use forensics_clean::CleanArticle;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub id: String,
    pub language: String,
    /// Tokens of the clean text.
    pub tokens: u32,
    /// Shingles of the text (repeats counted, template shingles included).
    pub shingles: u32,
    /// MinHash signature (empty in SimHash mode).
    pub minhash: Vec<u32>,
    /// SimHash of the kept shingles (SimHash mode only, else 0).
    pub simhash: u64,
    /// The document's rarest content terms (document frequency 2..=[`DedupConfig::rare_cap`]),
    /// for the candidate index that finds rewrites. Sorted.
    pub rare: Vec<u64>,
}

/// Kept (non-template) shingles of a text, sorted and distinct.
pub fn kept_shingles(text: &str, stats: &DedupStats, cfg: &DedupConfig) -> Vec<u64> {
    let toks = tokens(text, cfg.seed);
    kept_from_tokens(&toks, stats, cfg)
}

pub fn kept_from_tokens(toks: &[crate::normalize::Token], stats: &DedupStats, cfg: &DedupConfig) -> Vec<u64> {
    let mut sh = shingles(toks, cfg.shingle_size, cfg.seed);
    let limit = stats.template_limit(cfg);
    // Below the limit nothing can be template: skip the sketch look-ups.
    if stats.documents > limit as u64 {
        sh.retain(|&h| !stats.is_template(h, limit));
    }
    sh.sort_unstable();
    sh.dedup();
    sh
}

/// Fingerprint of one document.
pub fn fingerprint(doc: &CleanArticle, stats: &DedupStats, cfg: &DedupConfig) -> Fingerprint {
    let toks = tokens(&doc.text, cfg.seed);
    // MinHash and SimHash need no sorting: repeats do not change a minimum
    // and barely move a SimHash.
    let mut sh = shingles(&toks, cfg.shingle_size, cfg.seed);
    let total = sh.len() as u32;
    let limit = stats.template_limit(cfg);
    if stats.documents > limit as u64 {
        sh.retain(|&h| !stats.is_template(h, limit));
    }
    let (minhash, simhash) = match cfg.mode {
        FingerprintMode::MinHash => (minhash::signature(&sh, cfg.num_perm, cfg.seed), 0),
        FingerprintMode::SimHash => (Vec::new(), simhash::simhash(&sh, cfg.seed)),
    };
    let rare = choose_rare(terms(&doc.text, &toks, cfg.seed).iter().map(|t| (t.name || t.number, t.hash)), stats, cfg);
    Fingerprint {
        id: doc.id.clone(),
        language: doc.language.clone(),
        tokens: toks.len() as u32,
        shingles: total,
        minhash,
        simhash,
        rare,
    }
}

/// The rarest of a document's content terms `(is anchor, hash)` for the
/// candidate index: names and numbers first (rewrites and summaries keep
/// them), then by document frequency (2..=[`DedupConfig::rare_cap`]); ties by hash so
/// the choice is deterministic. Sorted by hash.
pub fn choose_rare(terms: impl Iterator<Item = (bool, u64)>, stats: &DedupStats, cfg: &DedupConfig) -> Vec<u64> {
    let cap = cfg.rare_cap(stats.documents);
    let mut rare: Vec<(bool, u32, u64)> =
        terms.map(|(anchor, h)| (!anchor, stats.df(h), h)).filter(|&(_, df, _)| df >= 2 && df <= cap).collect();
    rare.sort_unstable();
    let mut chosen: Vec<u64> = Vec::with_capacity(cfg.rare_per_doc);
    for (_, _, h) in rare {
        if chosen.len() >= cfg.rare_per_doc {
            break;
        }
        if !chosen.contains(&h) {
            chosen.push(h);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Fingerprints of many documents, sorted by id (the order later stages index).
pub fn fingerprints(docs: &[CleanArticle], stats: &DedupStats, cfg: &DedupConfig) -> Vec<Fingerprint> {
    let mut out: Vec<Fingerprint> = docs.par_iter().map(|d| fingerprint(d, stats, cfg)).collect();
    out.par_sort_by(|a, b| a.id.cmp(&b.id));
    out
}
