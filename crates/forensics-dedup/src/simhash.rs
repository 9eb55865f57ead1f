//! 64-bit SimHash (Charikar 2002): one fingerprint per document, for users
//! who need a single number; near-duplicates differ in few bits.

use crate::minhash::mix;

/// SimHash of a multiset of shingle hashes (each weighs one).
pub fn simhash(shingles: &[u64], seed: u64) -> u64 {
    let mut acc = [0i32; 64];
    for &h in shingles {
        let h = mix(h ^ seed.rotate_left(17));
        for (bit, a) in acc.iter_mut().enumerate() {
            // Branch-free: +1 for a set bit, -1 for a clear one (vectorises).
            *a += (((h >> bit) & 1) as i32) * 2 - 1;
        }
    }
    acc.iter().enumerate().fold(0u64, |s, (bit, &a)| if a > 0 { s | (1 << bit) } else { s })
}

/// Bits that differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}
