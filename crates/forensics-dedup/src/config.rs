//! Detector parameters.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupConfig {
    /// Similarity threshold that LSH banding is tuned for.
    pub threshold: f64,
    /// Words per shingle.
    pub shingle_size: usize,
    /// MinHash permutations.
    pub num_perm: usize,
    /// Seed of every hash, so signatures are comparable across runs and shards.
    pub seed: u64,
    /// Parameters of the cross-language stage.
    #[serde(default)]
    pub xling: crate::xling::XlingConfig,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig { threshold: 0.5, shingle_size: 5, num_perm: 128, seed: 0x5eed, xling: crate::xling::XlingConfig::default() }
    }
}
