//! LSH banding: bands × rows chosen for a Jaccard threshold, band keys, and
//! candidate pairs from shared keys.

use crate::minhash::EMPTY;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Bands and rows per band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Banding {
    pub bands: usize,
    pub rows: usize,
}

/// Probability that a pair of Jaccard `s` shares at least one band.
pub fn collision_probability(s: f64, b: usize, r: usize) -> f64 {
    1.0 - (1.0 - s.powi(r as i32)).powi(b as i32)
}

fn integrate(f: impl Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
    // Midpoint rule; the curves are smooth and this runs once per config.
    let n = 400;
    let h = (hi - lo) / n as f64;
    (0..n).map(|i| f(lo + (i as f64 + 0.5) * h)).sum::<f64>() * h
}

/// The banding that minimises the weighted area of false positives (pairs
/// below `threshold` that collide) and false negatives (pairs above it that
/// do not), as datasketch's `_optimal_param` does, with equal weights.
pub fn optimal_banding(threshold: f64, num_perm: usize) -> Banding {
    let t = threshold.clamp(0.01, 0.99);
    let mut best = (f64::INFINITY, Banding { bands: 1, rows: num_perm.max(1) });
    for b in 1..=num_perm.max(1) {
        let max_r = num_perm / b;
        for r in 1..=max_r {
            let fp = integrate(|s| collision_probability(s, b, r), 0.0, t);
            let fn_ = integrate(|s| 1.0 - collision_probability(s, b, r), t, 1.0);
            let err = 0.5 * fp + 0.5 * fn_;
            if err < best.0 {
                best = (err, Banding { bands: b, rows: r });
            }
        }
    }
    best.1
}

/// One band key per band (`None` for an empty signature: it must collide with nothing).
pub fn band_keys(sig: &[u32], banding: Banding, seed: u64) -> Vec<u64> {
    if sig.first().is_none_or(|&v| v == EMPTY) {
        return Vec::new();
    }
    (0..banding.bands)
        .filter_map(|b| {
            let rows = sig.get(b * banding.rows..(b + 1) * banding.rows)?;
            let mut bytes = Vec::with_capacity(rows.len() * 4);
            for v in rows {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            // The band index in the seed keeps equal rows of different bands apart.
            Some(xxh3_64_with_seed(&bytes, seed ^ (b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        })
        .collect()
}

/// Pairs `(i, j)`, `i < j`, of documents sharing a key. `keys[i]` are the
/// keys of document `i`. A bucket larger than `max_bucket` links each member
/// to the bucket's first `max_bucket` members only, so a key shared by
/// thousands of pages costs linear, not quadratic, work (they stay connected).
pub fn pairs_from_keys(keys: &[Vec<u64>], max_bucket: usize) -> Vec<(u32, u32)> {
    let mut all: Vec<(u64, u32)> = keys.iter().enumerate().flat_map(|(i, ks)| ks.iter().map(move |&k| (k, i as u32))).collect();
    all.par_sort_unstable();
    let mut out: Vec<(u32, u32)> = all
        .par_chunk_by(|a, b| a.0 == b.0)
        .flat_map_iter(|bucket| {
            let members: Vec<u32> = bucket.iter().map(|e| e.1).collect();
            let head = members.len().min(max_bucket.max(1));
            let mut ps = Vec::new();
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[..head.min(x)] {
                    if i != j {
                        ps.push((i.min(j), i.max(j)));
                    }
                }
            }
            ps
        })
        .collect();
    out.par_sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banding_follows_threshold() {
        let low = optimal_banding(0.3, 128);
        let high = optimal_banding(0.8, 128);
        assert!(low.bands * low.rows <= 128 && high.bands * high.rows <= 128);
        // A lower threshold needs more, shorter bands.
        assert!(low.rows < high.rows, "{low:?} {high:?}");
    }

    #[test]
    fn pairs_of_shared_keys() {
        let keys = vec![vec![1, 2], vec![2, 3], vec![4], vec![1]];
        assert_eq!(pairs_from_keys(&keys, 100), vec![(0, 1), (0, 3)]);
    }
}
