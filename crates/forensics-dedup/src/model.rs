//! What the detector outputs: verified pairs and families.

use forensics_parse::Span;
use serde::{Deserialize, Serialize};

/// Whether two documents were compared as text in one language or by
/// language-independent anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PairKind {
    SameLanguage,
    CrossLanguage,
}

/// Two matching stretches: `a` in the first document's clean text, `b` in the second's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Passage {
    pub a: Span,
    pub b: Span,
}

/// A candidate pair that passed verification. `a < b` by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifiedPair {
    pub a: String,
    pub b: String,
    pub kind: PairKind,
    /// Jaccard resemblance of the shingle sets (same-language only, else 0).
    pub jaccard: f64,
    /// Share of `a`'s shingles found in `b`.
    pub containment_a_in_b: f64,
    /// Share of `b`'s shingles found in `a`.
    pub containment_b_in_a: f64,
    /// Similarity that survives rewording (rare content words, names, numbers).
    pub content: f64,
    /// The combined score the clustering used, in 0..=1.
    pub similarity: f64,
    /// Aligned passages (same language) or aligned sentences (across languages),
    /// as spans into each document's clean text.
    pub passages: Vec<Passage>,
}

/// A family of versions of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub id: String,
    /// Member ids, sorted.
    pub members: Vec<String>,
}

/// Two documents in different families that report the same event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLink {
    pub a: String,
    pub b: String,
    pub score: f64,
}

/// The detector's output.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DedupResult {
    pub families: Vec<Family>,
    pub pairs: Vec<VerifiedPair>,
    pub same_event: Vec<EventLink>,
}
