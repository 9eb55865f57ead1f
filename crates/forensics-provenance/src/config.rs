//! Parameters of the scorer; recorded in the output's `tool.parameters`.

use serde::{Deserialize, Serialize};

/// Weight of each direction signal (in the units of similarity, see
/// [`ProvenanceConfig::direction_scale`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Earlier publication date in metadata.
    pub published: f64,
    /// A dateline naming an agency ("MOSCOW (AP) —").
    pub agency_dateline: f64,
    /// An agency named as author.
    pub agency_byline: f64,
    /// Republication markers, each against its page.
    pub handle: f64,
    pub read_time: f64,
    pub attribution: f64,
    pub sign_off: f64,
    pub widgets: f64,
    /// Times (share of the target's names/numbers in the source − the reverse).
    pub anchor_flow: f64,
    /// Times (share of the target's word shingles in the source − the reverse).
    pub text_flow: f64,
    /// Per altered wording, capped at two.
    pub fidelity: f64,
    /// Times the difference of cross-language centrality.
    pub centrality: f64,
    /// Times the difference of the shares of what the other languages'
    /// versions agree on that each side also has (the source is the hub).
    pub hub: f64,
    /// Between two versions in one script: times the difference of the
    /// shares of the forms other-script versions kept that each writes.
    pub forms_same: f64,
    /// Per letter a version writes only in names it shares with another of
    /// its script that writes the letter elsewhere too (kept spelling).
    pub kept_letters: f64,
    /// Times ln(length ratio against the language pair's usual ratio), capped.
    pub length_ratio: f64,
    pub length_ratio_cap: f64,
    /// Against a language whose several versions are siblings (neither a copy
    /// nor a summary of another): two full texts in one language, each aligned
    /// with a third-language version, are two translations of a common source.
    pub siblings: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            published: 1.0,
            agency_dateline: 0.8,
            agency_byline: 0.4,
            handle: 0.3,
            read_time: 0.2,
            attribution: 0.6,
            sign_off: 0.4,
            widgets: 0.2,
            anchor_flow: 1.0,
            text_flow: 2.0,
            fidelity: 0.6,
            centrality: 1.0,
            hub: 4.0,
            forms_same: 4.0,
            kept_letters: 0.15,
            length_ratio: 4.0,
            length_ratio_cap: 0.6,
            siblings: 0.6,
        }
    }
}

/// Parameters of [`crate::provenance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvenanceConfig {
    pub weights: Weights,
    /// How much direction evidence counts against similarity in an edge's weight.
    pub direction_scale: f64,
    /// Share of the direction evidence an edge earns when the evidence is for it.
    pub direction_reward: f64,
    /// A same-language child is a copy when this share of its shingles is in the parent…
    pub copy_containment: f64,
    /// …and this share of the parent's is in the child.
    pub copy_coverage: f64,
    /// A rewrite shorter than this share of its parent's words is a summary.
    pub summary_ratio: f64,
    /// Edits shared by siblings before an unseen intermediate is reported.
    pub intermediate_min_edits: usize,
    /// Families larger than this skip the pairwise text comparison (anchors only).
    pub max_compared_family: usize,
}

impl Default for ProvenanceConfig {
    fn default() -> Self {
        ProvenanceConfig {
            weights: Weights::default(),
            direction_scale: 0.25,
            direction_reward: 0.2,
            copy_containment: 0.5,
            copy_coverage: 0.3,
            summary_ratio: 0.6,
            intermediate_min_edits: 2,
            max_compared_family: 60,
        }
    }
}
