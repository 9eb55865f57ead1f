//! Stage 3: candidate pairs, from LSH bands (shared text) and from an
//! inverted index on rare content terms (rewrites and summaries, which share
//! names, numbers and rare words but few long shingles).

use crate::fingerprint::Fingerprint;
use crate::lsh::{self, Banding};
use crate::{DedupConfig, FingerprintMode};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Bucket size beyond which a shared key links members to the first ones only.
const MAX_BUCKET: usize = 64;

/// A pair to verify: indices into the fingerprint list (sorted by id), `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Candidate {
    pub a: u32,
    pub b: u32,
    /// Found through a shared band (or SimHash block).
    pub lsh: bool,
    /// Rare terms the two share (0 when not found through the rare index).
    pub shared_rare: u16,
}

/// The banding used for `cfg` (MinHash mode).
pub fn banding(cfg: &DedupConfig) -> Banding {
    lsh::optimal_banding(cfg.threshold, cfg.num_perm)
}

/// Candidate pairs of a fingerprint list, sorted.
pub fn candidates(fps: &[Fingerprint], cfg: &DedupConfig) -> Vec<Candidate> {
    let by_lsh = match cfg.mode {
        FingerprintMode::MinHash => {
            let b = banding(cfg);
            let keys: Vec<Vec<u64>> = fps.par_iter().map(|f| lsh::band_keys(&f.minhash, b, cfg.seed)).collect();
            lsh::pairs_from_keys(&keys, MAX_BUCKET)
        }
        FingerprintMode::SimHash => simhash_pairs(fps, cfg),
    };
    let by_rare = rare_pairs(fps, cfg);
    merge(by_lsh, by_rare)
}

fn simhash_pairs(fps: &[Fingerprint], cfg: &DedupConfig) -> Vec<(u32, u32)> {
    let blocks = cfg.simhash_blocks.clamp(1, 64);
    let keys: Vec<Vec<u64>> = fps
        .par_iter()
        .map(|f| {
            // No shingles, or only template ones (SimHash of nothing is 0).
            if f.shingles == 0 || f.simhash == 0 {
                return Vec::new();
            }
            (0..blocks)
                .map(|i| {
                    let lo = i * 64 / blocks;
                    let hi = (i + 1) * 64 / blocks;
                    let mask = if hi - lo == 64 { u64::MAX } else { ((1u64 << (hi - lo)) - 1) << lo };
                    // The block index in the top bits keeps blocks apart.
                    ((f.simhash & mask) >> lo) | ((i as u64) << 58)
                })
                .collect()
        })
        .collect();
    let pairs = lsh::pairs_from_keys(&keys, MAX_BUCKET);
    // Keep pairs within the distance the blocks guarantee.
    let max_bits = (blocks as u32).saturating_sub(1).max(3) * 2;
    pairs
        .into_par_iter()
        .filter(|&(a, b)| crate::simhash::distance(fps[a as usize].simhash, fps[b as usize].simhash) <= max_bits)
        .collect()
}

/// Pairs sharing at least `rare_min_shared` rare terms, with the count.
fn rare_pairs(fps: &[Fingerprint], cfg: &DedupConfig) -> Vec<(u32, u32, u16)> {
    let mut post: Vec<(u64, u32)> = fps.iter().enumerate().flat_map(|(i, f)| f.rare.iter().map(move |&t| (t, i as u32))).collect();
    post.par_sort_unstable();
    // Every term has document frequency ≤ rare_max_df, so each list gives
    // at most rare_max_df² pairs.
    let mut hits: Vec<(u32, u32)> = post
        .par_chunk_by(|a, b| a.0 == b.0)
        .flat_map_iter(|list| {
            let mut ps = Vec::new();
            for (x, a) in list.iter().enumerate() {
                for b in &list[x + 1..] {
                    if a.1 != b.1 {
                        ps.push((a.1.min(b.1), a.1.max(b.1)));
                    }
                }
            }
            ps
        })
        .collect();
    hits.par_sort_unstable();
    hits.chunk_by(|a, b| a == b)
        .filter(|g| g.len() >= cfg.rare_min_shared.max(1))
        .map(|g| (g[0].0, g[0].1, g.len().min(u16::MAX as usize) as u16))
        .collect()
}

fn merge(lsh: Vec<(u32, u32)>, rare: Vec<(u32, u32, u16)>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = lsh.into_iter().map(|(a, b)| Candidate { a, b, lsh: true, shared_rare: 0 }).collect();
    out.extend(rare.into_iter().map(|(a, b, n)| Candidate { a, b, lsh: false, shared_rare: n }));
    out.sort_unstable_by_key(|c| (c.a, c.b));
    let mut merged: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out {
        match merged.last_mut() {
            Some(m) if m.a == c.a && m.b == c.b => {
                m.lsh |= c.lsh;
                m.shared_rare = m.shared_rare.max(c.shared_rare);
            }
            _ => merged.push(c),
        }
    }
    merged
}
