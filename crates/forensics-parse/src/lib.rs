//! `forensics-parse` turns the bytes of one scraped news page (plain text)
//! into an [`Article`]: the decoded text, metadata (headline, publication
//! date, byline, dateline, credits, read time, handles) and an ordered list
//! of typed [`Block`]s whose byte spans point back into the text.
//!
//! **Parsing never fails**: any input gives an `Article` plus
//! [`Diagnostic`]s (decoding trouble, a headline slot holding an ad label …).
//! It runs in time linear in the page size.
//!
//! The block kinds are a first guess from each line's shape and position
//! (headline, heading, list item, caption, byline, teaser list, widget,
//! form …); deciding what is article text is the cleaner's job.
//!
//! ```
//! use forensics_parse::{BlockKind, CreditKind, parse_text};
//!
//! let page = "Storm hits coast\n\nBy Jane Roe\nPublished 11 March 2025, 16:42\n\n\
//!             LONDON (Reuters) - A storm hit the coast on Monday, cutting power to thousands of homes.\n\n\
//!             AP\n";
//! let article = parse_text("storm", page.as_bytes());
//!
//! let meta = &article.meta;
//! assert_eq!(meta.headline.as_deref(), Some("Storm hits coast"));
//! assert_eq!(meta.byline.as_deref(), Some("Jane Roe"));
//! assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2025-03-11"));
//! let dateline = meta.dateline.as_ref().unwrap();
//! assert_eq!(dateline.place.as_deref(), Some("LONDON"));
//! assert_eq!(dateline.agency.as_deref(), Some("Reuters"));
//! assert!(meta.credits.iter().any(|c| c.name == "AP" && c.kind == CreditKind::SignOff));
//!
//! let kinds: Vec<BlockKind> = article.blocks.iter().map(|b| b.kind).collect();
//! use BlockKind::*;
//! assert_eq!(kinds, [Headline, Byline, Metadata, Dateline, Paragraph, Credit]);
//! // Spans quote the page exactly.
//! assert_eq!(article.block_text(&article.blocks[3]), "LONDON (Reuters) -");
//! ```
//!
//! Modules: `decode` (bytes to text), `lines` (lines and wrapped
//! paragraphs), `scan` (one byte pass per line that gates the line tests),
//! `shape` (what a line looks like alone), `layout` (context
//! passes and metadata), and the nom grammars `date`, `dateline`, `meta`,
//! `credit` with their word lists in `lexicon`.

mod bytes;
mod credit;
mod date;
mod dateline;
mod decode;
mod layout;
mod lexicon;
mod lines;
mod meta;
mod model;
mod scan;
mod shape;
mod text;

#[cfg(test)]
mod grammar_tests;

pub use decode::{Decoded, decode, decode_detailed};
pub use model::*;
pub use text::parse_text;
