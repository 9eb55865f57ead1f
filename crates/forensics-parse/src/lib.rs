//! `forensics-parse` turns the bytes of one scraped news page into an
//! [`Article`]: decoded text, metadata (headline, date, byline, dateline,
//! credits), and an ordered list of typed [`Block`]s with byte spans.
//!
//! **Parsing never fails**: any input gives an `Article` plus
//! [`Diagnostic`]s.
//!
//! ```
//! let page = b"Storm hits coast\n\nBy Jane Roe\n\nLONDON (Reuters) - A storm hit the coast on Monday.\n";
//! let article = forensics_parse::parse_text("storm", page);
//! assert!(!article.blocks.is_empty());
//! for block in &article.blocks {
//!     let _ = (block.kind, article.block_text(block));
//! }
//! ```

mod credit;
mod date;
mod dateline;
mod decode;
mod layout;
mod lexicon;
mod lines;
mod meta;
mod model;
mod shape;
mod text;

#[cfg(test)]
mod grammar_tests;

pub use decode::decode;
pub use model::*;
pub use text::parse_text;
