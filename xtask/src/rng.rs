//! SplitMix64, the one seeded generator of the synthetic corpora (bench,
//! bench-memory, distractors): tiny, and the same bytes on every platform
//! and thread count, so a cached corpus and a recorded figure stay valid.

pub struct Rng(pub u64);

impl Rng {
    /// A generator whose starting state is itself an output, so
    /// neighbouring seeds do not give streams shifted by a few draws.
    pub fn seeded(seed: u64) -> Rng {
        let mut r = Rng(seed);
        Rng(r.next())
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (multiply-shift, no division).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 32) * n.max(1) as u64 >> 32) as usize
    }

    /// A number in `0..n` by remainder: how the memory bench's corpus was
    /// drawn, kept so that its cached input and recorded figures stay valid.
    pub fn below_by_remainder(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() <= p
    }

    /// A uniform number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
