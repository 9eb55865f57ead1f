//! One-permutation MinHash with densification (Li, Owen & Zhang 2012;
//! Shrivastava 2017): one hash per shingle instead of one per permutation.
//! The shingle hash picks a bin from its top bits and competes for that
//! bin's minimum with its low 32 bits. Empty bins borrow the value of a
//! non-empty bin chosen by a seeded probe sequence that depends only on the
//! bin index, so two documents with the same non-empty bins fill their empty
//! bins the same way (what keeps collision probability ≈ Jaccard).

/// Marker of an empty bin before densification (and of an empty document).
pub const EMPTY: u32 = u32::MAX;

/// The signature of a set of shingle hashes (repeats are harmless).
/// All `EMPTY` when there are no shingles.
pub fn signature(shingles: &[u64], bins: usize, seed: u64) -> Vec<u32> {
    let bins = clamp_bins(bins);
    let mut sig = vec![EMPTY; bins];
    for &h in shingles {
        let (bin, v) = bin_value(h, bins, seed);
        if v < sig[bin] {
            sig[bin] = v;
        }
    }
    densify(&mut sig, seed);
    sig
}

/// The number of bins [`signature`] uses for a requested number.
pub fn clamp_bins(bins: usize) -> usize {
    bins.clamp(1, 1 << 16)
}

/// The bin a shingle hash falls in and the value it competes with there
/// (`bins` as [`clamp_bins`] gives it).
#[inline]
pub fn bin_value(h: u64, bins: usize, seed: u64) -> (usize, u32) {
    // Remix so the bin does not correlate with anything the caller's hash did.
    let h = mix(h ^ seed);
    let bin = (((h >> 32) * bins as u64) >> 32) as usize;
    // The low bits compete; `EMPTY` itself is never a value.
    (bin, (h as u32).min(EMPTY - 1))
}

/// Fills the empty bins of per-bin minima (see the module comment); what
/// [`signature`] does after the minima.
pub fn densify(sig: &mut [u32], seed: u64) {
    let n = sig.len();
    let filled = sig.iter().filter(|&&v| v != EMPTY).count();
    if filled == 0 || filled == n {
        return;
    }
    let orig = sig.to_vec();
    for i in 0..n {
        if orig[i] != EMPTY {
            continue;
        }
        // Probe bins in an order fixed by (seed, i); expected n/filled probes.
        let mut attempt = 0u64;
        loop {
            let p = mix(mix(seed ^ i as u64) ^ attempt);
            let j = (((p >> 32) * n as u64) >> 32) as usize;
            if orig[j] != EMPTY {
                // Offset by the attempt so borrowed values differ from their source.
                sig[i] = orig[j].wrapping_add(attempt as u32 + 1).min(EMPTY - 1);
                break;
            }
            attempt += 1;
        }
    }
}

/// A fast 64-bit finaliser (murmur3's fmix64).
#[inline]
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Share of equal bins: the signature estimate of Jaccard resemblance.
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y && **x != EMPTY).count() as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_tracks_jaccard() {
        let a: Vec<u64> = (0..1000).map(mix).collect();
        let b: Vec<u64> = (500..1500).map(mix).collect(); // J = 500/1500
        let e = estimate(&signature(&a, 256, 7), &signature(&b, 256, 7));
        assert!((e - 1.0 / 3.0).abs() < 0.08, "{e}");
        assert_eq!(estimate(&signature(&a, 128, 7), &signature(&a, 128, 7)), 1.0);
        let tiny: Vec<u64> = vec![1, 2, 3];
        assert!(signature(&tiny, 128, 7).iter().all(|&v| v != EMPTY));
    }
}
