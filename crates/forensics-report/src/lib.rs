//! `forensics-report` turns a [`forensics_provenance::Analysis`] into what
//! people and other tools read: a coloured text summary per family, JSONL
//! records, a Graphviz graph, one self-contained HTML file with the story
//! graph and side-by-side evidence, and the comparison of two documents.
//!
//! Renderers are pure functions from values to `String`: no I/O, no terminal
//! detection (the caller says whether to colour), same input, same bytes.
//! Evidence spans point into each page's parsed text, so the HTML and diff
//! renderers take those texts as [`Texts`].
//!
//! ```
//! use forensics_provenance::{Analysis, Tool, SCHEMA};
//! use forensics_report::{render_text, TextOptions};
//! let analysis = Analysis {
//!     schema: SCHEMA.into(), tool: Tool::default(),
//!     documents: vec![], families: vec![], relations: vec![], skipped: vec![],
//! };
//! let text = render_text(&analysis, &TextOptions::default());
//! assert!(text.contains("0 documents"));
//! ```

mod clean;
mod dedup;
mod diff;
mod dot;
mod escape;
mod html;
mod jsonl;
mod spans;
mod style;
mod text;
mod tree;
mod worddiff;

pub use clean::render_clean_text;
pub use dedup::render_dedup_text;
pub use diff::{compare, render_diff_html, render_diff_text, Comparison};
pub use dot::render_dot;
pub use html::render_html;
pub use jsonl::{render_jsonl, write_jsonl};
pub use text::{important_changes, render_text, TextOptions, TOP_CHANGES};
pub use worddiff::{parse_word_diff, DiffPiece};

use std::collections::BTreeMap;

/// Each document's parsed page text (`Article::text`) by document id: what
/// evidence spans index into. A document without its text still renders,
/// without the side-by-side view.
pub type Texts = BTreeMap<String, String>;
