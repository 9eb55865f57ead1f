//! The clean article: what later stages compare.

use forensics_parse::{BlockKind, Metadata, Span};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A kept piece of article text, pointing back at the raw page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanBlock {
    pub kind: BlockKind,
    /// Span in the parsed `Article::text` (the raw page text).
    pub raw: Span,
    /// Span of this block in [`CleanArticle::text`].
    pub clean: Span,
    /// ISO 639-1 code of the block, or "und".
    pub language: String,
}

/// A removed piece, with the rule that removed it so a user can see why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub kind: BlockKind,
    pub raw: Span,
    /// The rule's name: borrowed from the cleaner's own names (most blocks
    /// of a page are removed, and a `String` each was an allocation each),
    /// owned when deserialised. Serialised as a plain string.
    pub rule: Cow<'static, str>,
}

/// The article's own text and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanArticle {
    pub id: String,
    /// ISO 639-1 code of the document, or "und" when unsure.
    pub language: String,
    pub meta: Metadata,
    /// The kept blocks' raw text joined by blank lines (for display and matching).
    pub text: String,
    pub blocks: Vec<CleanBlock>,
    pub removed: Vec<Removal>,
    /// Sentence spans in [`CleanArticle::text`].
    pub sentences: Vec<Span>,
}

impl CleanArticle {
    /// The normalised view of [`CleanArticle::text`] for matching; map its
    /// offsets back with [`crate::Normalized::to_source`] and then
    /// [`CleanArticle::raw_spans`].
    pub fn normalized(&self) -> crate::Normalized {
        crate::Normalized::new(&self.text)
    }

    /// The raw-page spans (in the parsed `Article::text`) under a span of
    /// [`CleanArticle::text`]: one per kept block it touches, since the
    /// blank lines between blocks are not raw text.
    pub fn raw_spans(&self, clean: Span) -> Vec<Span> {
        let mut out = Vec::new();
        for b in &self.blocks {
            let start = clean.start.max(b.clean.start);
            let end = clean.end.min(b.clean.end);
            if start < end {
                out.push(Span::new(b.raw.start + (start - b.clean.start), b.raw.start + (end - b.clean.start)));
            }
        }
        out
    }
}
