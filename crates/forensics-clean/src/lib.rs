//! `forensics-clean` turns a parsed [`forensics_parse::Article`] into a
//! [`CleanArticle`]: the article's own text without boilerplate, each kept
//! block still pointing at its raw span, with language and sentences.
//!
//! ```
//! use forensics_clean::{clean, CleanOptions};
//! let article = forensics_parse::parse_text("a", b"Storm hits coast\n\nA storm hit the coast on Monday, officials said.\n");
//! let cleaned = clean(&article, None, &CleanOptions::default());
//! assert!(cleaned.text.contains("storm hit the coast"));
//! ```

mod clean;
mod lang;
mod model;
mod stats;

pub use clean::{clean, CleanOptions};
pub use lang::{detect as detect_language, iso1};
pub use model::*;
pub use stats::{block_key, CorpusStats};
