//! `forensics` finds out where a news text came from. Give it scraped
//! articles (text, HTML, JSONL); it groups versions of the same story into
//! families, across languages, and tells for each version whether it is the
//! original, a copy, a rewrite, a translation or independent coverage, which
//! version it was made from, and the evidence.
//!
//! This crate is the facade: one call runs the whole pipeline. The stages are
//! separate crates with serialisable inputs and outputs (see
//! `ARCHITECTURE.md`) for users who run them one by one.
//!
//! ```
//! use forensics::{analyze_inputs, Config};
//! use forensics_input::{Inputs, RawDocument, Format, Hints};
//! let doc = |id: &str, text: &str| RawDocument {
//!     id: id.into(), source: format!("{id}.txt"), locator: None,
//!     format: Format::Text, bytes: text.as_bytes().to_vec(), hints: Hints::default(),
//! };
//! let inputs = Inputs { documents: vec![doc("a", "Markets rose on Monday.")], skipped: vec![] };
//! let analysis = analyze_inputs(inputs, &Config::default());
//! assert_eq!(analysis.documents.len(), 1);
//! ```

mod observe;
mod pipeline;
mod stream;

/// The version of the tool, as reported in `Analysis.tool.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use observe::{Observer, Stage};
pub use pipeline::{
    analyze_at_once, analyze_inputs, analyze_observed, analyze_paths, clean_all, clean_all_observed, parse_all, parse_all_observed, parse_document, Config,
};
pub use forensics_clean as clean;
pub use forensics_dedup as dedup;
#[cfg(feature = "html")]
pub use forensics_html as html;
pub use forensics_input as input;
pub use forensics_parse as parse;
pub use forensics_provenance as provenance;
