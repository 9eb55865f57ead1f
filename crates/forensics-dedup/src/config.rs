//! Detector parameters.
//!
//! Defaults were chosen by measurement (see the crate README, "How the
//! defaults were chosen"): the synthetic bench for the fingerprint and LSH
//! parameters, `reuse-dev` and the seeds for the verification and clustering
//! levels.

use serde::{Deserialize, Serialize};

/// One fingerprint per document, or a signature of many hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FingerprintMode {
    /// One-permutation MinHash with densification, then LSH banding.
    #[default]
    MinHash,
    /// A single 64-bit SimHash per document; candidates share one of
    /// `simhash_blocks` blocks of its bits exactly.
    SimHash,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DedupConfig {
    /// Jaccard similarity that LSH banding is tuned for (bands × rows follow from it).
    pub threshold: f64,
    /// Words per shingle (CJK characters count as words).
    pub shingle_size: usize,
    /// MinHash bins (one-permutation hashing: one hash per shingle, not per bin).
    pub num_perm: usize,
    /// Seed of every hash, so signatures are comparable across runs and shards.
    pub seed: u64,
    pub mode: FingerprintMode,
    /// SimHash: number of bit blocks; pairs within `simhash_blocks - 1` bits
    /// share at least one block exactly.
    pub simhash_blocks: usize,
    /// Shingles found in more than this share of the documents are template text and ignored...
    pub max_shingle_df_share: f64,
    /// ...but only when they occur in at least this many documents (a small
    /// corpus has no template statistics worth the name).
    pub min_template_df: u32,
    /// Rare-token candidate index: tokens indexed per document (the rarest ones).
    pub rare_per_doc: usize,
    /// Rare-token candidate index: a token is indexed only when its document
    /// frequency is at most [`DedupConfig::rare_cap`]: this many documents,
    /// or `rare_max_df_share` of the corpus where that is more.
    pub rare_max_df: u32,
    /// Rare-token candidate index: the share of the corpus a term may occur
    /// in and still be rare, once the corpus is large enough for it to exceed
    /// `rare_max_df` (above 200,000 documents at the defaults).
    pub rare_max_df_share: f64,
    /// Rare-token candidate index: pairs must share at least this many indexed tokens.
    pub rare_min_shared: usize,
    /// A pair whose shingle containment (either way) reaches this is text reuse.
    pub min_containment: f64,
    /// A same-language pair whose rewording-proof score reaches this is a rewrite or summary.
    pub min_content: f64,
    /// Average-link level at which two clusters merge.
    pub cluster_threshold: f64,
    /// Rare-anchor score for a same-event link between families.
    pub min_event: f64,
    /// Passage alignment: shortest tiled match, in tokens.
    pub min_match_tokens: usize,
    /// Run the cross-language stage (`xling`).
    pub cross_language: bool,
    /// Parameters of the cross-language stage.
    pub xling: crate::xling::XlingConfig,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            threshold: 0.5,
            shingle_size: 5,
            num_perm: 128,
            seed: 0x5eed,
            mode: FingerprintMode::MinHash,
            simhash_blocks: 4,
            max_shingle_df_share: 0.002,
            min_template_df: 50,
            rare_per_doc: 24,
            rare_max_df: 20,
            rare_max_df_share: 1e-4,
            rare_min_shared: 3,
            min_containment: 0.2,
            min_content: 0.4,
            cluster_threshold: 0.3,
            min_event: 0.25,
            min_match_tokens: 8,
            cross_language: true,
            xling: crate::xling::XlingConfig::default(),
        }
    }
}

impl DedupConfig {
    /// The largest document frequency of a rare term in a corpus of
    /// `documents`: `rare_max_df`, or `rare_max_df_share` of the documents
    /// where that is more.
    ///
    /// Rarity is relative: a name in 20 of 100,000 documents says as much
    /// about a pair as one in 200 of a million, and a fixed cap leaves a
    /// large corpus with no rare terms at all (at a million synthetic
    /// documents every invented name and number passed 20, and recall fell
    /// to plain LSH's). A term's posting list yields up to `cap²/2` pairs, so
    /// the index's work is at most `rare_per_doc × documents × cap / 2`
    /// pair hits: linear up to the floor, and growing with the share beyond.
    pub fn rare_cap(&self, documents: u64) -> u32 {
        let share = (documents as f64 * self.rare_max_df_share).ceil();
        let share = if share.is_finite() && share > 0.0 { share.min(u32::MAX as f64) as u32 } else { 0 };
        self.rare_max_df.max(share)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_cap_has_a_floor_and_grows_with_the_corpus() {
        let cfg = DedupConfig::default();
        for (docs, want) in [(0, 20), (10_000, 20), (200_000, 20), (1_000_000, 100), (10_000_000, 1000)] {
            assert_eq!(cfg.rare_cap(docs), want, "{docs}");
        }
        let odd = DedupConfig { rare_max_df_share: f64::NAN, ..DedupConfig::default() };
        assert_eq!(odd.rare_cap(1_000_000), 20);
    }
}
