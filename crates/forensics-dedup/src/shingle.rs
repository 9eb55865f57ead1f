//! Word shingles: every run of `k` consecutive tokens, hashed with seeded xxh3.

use crate::normalize::Token;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Hashes of the `k`-token shingles of `toks`, in text order (with repeats).
/// A text shorter than `k` tokens gives one shingle of all its tokens, so
/// short texts still have a fingerprint.
pub fn shingles(toks: &[Token], k: usize, seed: u64) -> Vec<u64> {
    let k = k.max(1);
    if toks.is_empty() {
        return Vec::new();
    }
    if toks.len() < k {
        return vec![hash_window(toks, seed)];
    }
    toks.windows(k).map(|w| hash_window(w, seed)).collect()
}

/// Calls `f` with every shingle hash of [`shingles`], in the same order,
/// without collecting them.
#[inline]
pub fn for_each_shingle(toks: &[Token], k: usize, seed: u64, mut f: impl FnMut(u64)) {
    let k = k.max(1);
    if toks.is_empty() {
        return;
    }
    if toks.len() < k {
        f(hash_window(toks, seed));
        return;
    }
    for w in toks.windows(k) {
        f(hash_window(w, seed));
    }
}

/// Shingle hash at token position `i` (for alignment and filtering by position).
#[inline]
pub fn hash_window(w: &[Token], seed: u64) -> u64 {
    // The token hashes laid end to end, hashed again: stable across
    // platforms because xxh3 is, and cheap (one short xxh3 per shingle).
    let mut bytes = [0u8; 8 * 16];
    let n = w.len().min(16);
    for (i, t) in w[..n].iter().enumerate() {
        bytes[i * 8..i * 8 + 8].copy_from_slice(&t.hash.to_le_bytes());
    }
    xxh3_64_with_seed(&bytes[..n * 8], seed)
}
