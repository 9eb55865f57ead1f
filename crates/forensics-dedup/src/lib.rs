//! `forensics-dedup` groups [`forensics_clean::CleanArticle`]s into families
//! of versions of the same text, in one language and across languages, and
//! explains every link with aligned passages.
//!
//! ```
//! use forensics_clean::{clean, CleanOptions};
//! use forensics_dedup::{dedup, DedupConfig};
//! let docs: Vec<_> = [("a", "A storm hit the coast on Monday."), ("b", "Markets rose.")]
//!     .iter()
//!     .map(|(id, t)| clean(&forensics_parse::parse_text(id, t.as_bytes()), None, &CleanOptions::default()))
//!     .collect();
//! let result = dedup(&docs, &DedupConfig::default());
//! assert_eq!(result.families.len(), 2);
//! ```

//! # Stages
//!
//! [`dedup`] runs them all; each is also public with a serde-serialisable
//! input and output, so a large corpus can be processed in shards:
//! [`DedupStats::from_docs`] per shard then [`DedupStats::merge`] →
//! [`fingerprints`] per shard with the merged statistics → [`candidates`]
//! over all fingerprints → [`verify`] → [`align_pairs`] → [`cluster`].
//! [`digest_docs`] gives a shard's statistics together with a [`Digest`]
//! per document, from which [`fingerprints_from_digests`] makes the same
//! fingerprints without tokenising the texts again (what [`dedup`] does).

pub mod align;
pub mod candidates;
pub mod cluster;
mod config;
pub mod digest;
pub mod fastmap;
pub mod features;
pub mod fingerprint;
pub mod lsh;
pub mod measures;
pub mod minhash;
mod model;
pub mod normalize;
pub mod shingle;
pub mod simhash;
pub mod stats;
pub mod terms;
pub mod verify;
pub mod xling;

pub use candidates::{Candidate, candidates};
pub use cluster::{Member, cluster};
pub use config::{DedupConfig, FingerprintMode};
pub use digest::{Digest, digest_docs, fingerprints_from_digests, fingerprints_from_digests_owned};
pub use fingerprint::{Fingerprint, fingerprints};
pub use model::*;
pub use stats::DedupStats;
pub use verify::{Verified, verify};

use forensics_clean::CleanArticle;
use rayon::prelude::*;
use std::collections::HashMap;

/// Runs the whole detector: statistics, fingerprints, candidates,
/// verification, passage alignment, cross-language pairs, families.
pub fn dedup(docs: &[CleanArticle], cfg: &DedupConfig) -> DedupResult {
    // Statistics and fingerprints from one tokenisation of each text.
    let (stats, digests) = digest_docs(docs, cfg);
    let mut fps = fingerprints_from_digests_owned(docs, digests, &stats, cfg);
    let cands = candidates(&fps, cfg);
    // Later stages read only ids and languages.
    for f in &mut fps {
        f.minhash = Vec::new();
        f.rare = Vec::new();
    }
    let mut verified = verify(docs, &fps, &stats, &cands, cfg);
    align_pairs(docs, &mut verified.pairs, cfg);
    let cross = if cfg.cross_language { xling::cross_language_pairs(docs, cfg) } else { Vec::new() };
    cluster(&members(&fps), verified, cross, cfg)
}

/// The clustering's view of fingerprinted documents.
pub fn members(fps: &[Fingerprint]) -> Vec<Member> {
    fps.iter().map(|f| Member { id: f.id.clone(), language: f.language.clone() }).collect()
}

/// Fills `passages` of every same-language pair by greedy string tiling.
pub fn align_pairs(docs: &[CleanArticle], pairs: &mut [VerifiedPair], cfg: &DedupConfig) {
    let by_id: HashMap<&str, &CleanArticle> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    pairs.par_iter_mut().filter(|p| p.kind == PairKind::SameLanguage).for_each(|p| {
        if let (Some(a), Some(b)) = (by_id.get(p.a.as_str()), by_id.get(p.b.as_str())) {
            p.passages = align::align(&a.text, &b.text, cfg.min_match_tokens, cfg.seed);
        }
    });
}
