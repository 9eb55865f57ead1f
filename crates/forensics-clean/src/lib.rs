//! `forensics-clean` turns a parsed [`forensics_parse::Article`] into a
//! [`CleanArticle`]: the article's own text without boilerplate (captions,
//! bylines, teaser lists, widgets, comment forms, navigation), each kept
//! block still pointing at its raw span, with the language of the document
//! and of each block, sentence spans, and a normalised view for matching.
//!
//! Every removed block is kept as a [`Removal`] naming the rule that removed
//! it. Corpus statistics ([`CorpusStats`]) are a stage of their own: compute
//! them over all documents (or per shard and [`CorpusStats::merge`]), then
//! clean each document with them so that page template is recognised.
//!
//! ```
//! use forensics_clean::{clean, CleanOptions, CorpusStats};
//! let page = "Storm hits coast\n\nShare this\n\n\
//!     A storm hit the coast on Monday, officials said, and the roads to the harbour were closed for the whole of the day.\n\n\
//!     Mr. Smith, the mayor, said the town had not seen such winds since 1987. He asked people to stay at home.\n\n\
//!     Related posts\n\nTen things to do in the rain\n";
//! let article = forensics_parse::parse_text("storm", page.as_bytes());
//! let stats = CorpusStats::from_articles([&article]);
//! let cleaned = clean(&article, Some(&stats), &CleanOptions::default());
//! assert!(cleaned.text.starts_with("A storm hit the coast"));
//! assert!(!cleaned.text.contains("Share this") && !cleaned.text.contains("Ten things"));
//! assert_eq!(cleaned.language, "en");
//! assert_eq!(cleaned.sentences.len(), 3); // "Mr. Smith" does not end a sentence
//! // Why was "Share this" removed?
//! let why = cleaned.removed.iter().find(|r| r.raw.slice(&article.text) == "Share this");
//! assert_eq!(why.map(|r| &*r.rule), Some("lexicon:share"));
//! // Match on the normalised view, quote the raw page.
//! let norm = cleaned.normalized();
//! let at = norm.text.find("mr. smith").unwrap_or(0);
//! let clean_span = norm.to_source(forensics_parse::Span::new(at, at + 9));
//! let raw = cleaned.raw_spans(clean_span);
//! assert_eq!(raw[0].slice(&article.text), "Mr. Smith");
//! ```

mod chars;
mod classify;
mod clean;
mod features;
mod lang;
mod lexicon;
mod model;
mod normalize;
mod repeat;
mod scan_ascii;
mod sentences;
mod stats;
mod stopwords;
mod table;


pub use classify::Thresholds;
pub use clean::{clean, CleanOptions};
pub use lang::{detect as detect_language, detect_block as detect_block_language, detect_with_hint as detect_language_with_hint, iso1};
pub use model::*;
pub use normalize::Normalized;
pub use sentences::split_sentences;
pub use stats::{block_key, CorpusStats};
pub use stopwords::{stopwords, StopSet};

/// Random input for the tests that hold a fast path to its plain version.
#[cfg(test)]
mod testing {
    /// The next number of a fixed generator (a linear congruential one).
    pub(crate) fn next(state: &mut u64) -> usize {
        *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (*state >> 33) as usize
    }

    /// `len` characters drawn from `alphabet`.
    pub(crate) fn text(state: &mut u64, len: usize, alphabet: &[char]) -> String {
        (0..len).map(|_| alphabet[next(state) % alphabet.len()]).collect()
    }
}
