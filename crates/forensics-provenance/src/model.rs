//! The output contract of `forensics analyze --format json`
//! (schema `forensics.analysis/1`, see `docs/analysis.schema.json`).
//! Adding a field keeps the schema name; renaming or removing one bumps it.

use forensics_parse::{Credit, Dateline, Span};
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "forensics.analysis/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Original,
    Copy,
    Rewrite,
    Translation,
    Independent,
    Unique,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    Copy,
    Rewrite,
    Translation,
    SameEvent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Tool {
    pub version: String,
    pub parameters: serde_json::Value,
    pub dictionaries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: String,
    pub source: String,
    pub locator: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub language: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub crawled: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<Dateline>,
    pub credits: Vec<Credit>,
    pub family: String,
    pub story: String,
    pub role: Role,
    pub parent: Option<String>,
    pub confidence: f64,
}

/// An ancestor the corpus lacks, inferred from edits its descendants share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intermediate {
    /// `<family id>/i<n>`.
    pub id: String,
    /// The closest ancestor present in the corpus.
    pub parent: String,
    pub members: Vec<String>,
    pub shared_edits: Vec<String>,
    pub hints: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyRecord {
    pub id: String,
    pub story: String,
    pub original: String,
    pub members: Vec<String>,
    pub intermediates: Vec<Intermediate>,
}

/// One piece of direction evidence and the weight it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// `published`, `agency-dateline`, `agency-byline`, `republication`, `information-flow`,
    /// `fidelity`, `centrality`, `hub`, `kept-forms`, `kept-letters`, `length-ratio`, `dateline-language`,
    /// `lineage` (weight 0: why the child was moved between a version and its derived version).
    pub name: String,
    /// Signed contribution to "source came before target" (negative: against).
    pub weight: f64,
    pub detail: String,
}

/// A stretch of text shared by both documents, as raw spans into each page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedPassage {
    pub source: Span,
    pub target: Span,
    /// Words in the passage.
    pub words: usize,
}

/// What kind of thing changed between parent and child, judged on the words
/// that changed (never on unchanged words the diff shows as context). The
/// first rule that applies wins:
/// `quote` (inside quotation marks in either text), `spelling` (one word for
/// the same word spelled another way), `date` (a weekday or month name),
/// `number` (digits or a number word), `name` (a capitalised word that does
/// not start its sentence), `wording` (any other word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Words inside quotation marks.
    Quote,
    /// A weekday or month name (`Monday`, `Feb` → `February`).
    Date,
    /// Digits or a number word (`24`, `seven`).
    Number,
    /// A capitalised word inside its sentence (`Kremlin`).
    Name,
    /// The same word spelled another way (`criticize` → `criticise`).
    Spelling,
    /// Any other key word.
    Wording,
}

/// What a change does to the content, from least to most serious (the
/// order is the derived `Ord`). Judged on the changed words that carry
/// content (facts: numbers, dates, names; and words off the language's
/// stopword list) after pairing each removed word with an inserted word of
/// the same stem or abbreviation (`Feb` = `February`, `goal` = `goals`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Nothing of substance changed: spelling, abbreviation, inflection,
    /// contraction, stopwords only (`didn't` → `did not`).
    #[default]
    Variant,
    /// Words left this place but the child still has them elsewhere.
    Moved,
    /// Words of substance added, none removed.
    Added,
    /// Words swapped for others, at most one of them new to the parent and
    /// no fact among them: often a synonym (`issued` → `released`, `top` →
    /// `senior`); without a thesaurus it cannot be told from a change of
    /// meaning, so it ranks below.
    Reworded,
    /// Words of substance the child lacks altogether, with nothing in their
    /// place; or a fact (number, date, name) lost with only words the parent
    /// already uses in its place (`due to almost seven months` → `caused by months`).
    Dropped,
    /// Something else stands where the parent's words stood: a fact where
    /// other words were, or two or more words the parent never uses (a new
    /// verb and object: `helping Moscow offset` → `prompting Moscow to lift`).
    Replaced,
}

/// A change between parent and child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// What the change does to the content; renderers rank changes by it.
    #[serde(default)]
    pub effect: Effect,
    /// The parent's words (for a quote: the whole quote).
    pub before: String,
    /// The child's words.
    pub after: String,
    /// Word-level diff with a little context, e.g. `[-our countries-]{+china and Kremlin+} must show`.
    pub diff: String,
    /// Raw span in the parent.
    pub source: Span,
    /// Raw span in the child.
    pub target: Span,
}

/// A passage of one document that the other lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excerpt {
    /// Raw span in the document that has the passage.
    pub span: Span,
    /// Its text, shortened to 160 characters.
    pub text: String,
}

/// One sentence of the source rendered by one sentence of the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedSentence {
    pub source: Span,
    pub target: Span,
    /// Overlap of the two sentences (words or language-independent anchors), 0..=1;
    /// 0 for a sentence placed by position between two anchored ones.
    pub score: f64,
}

/// What a researcher can check for one relation. Spans are raw byte ranges
/// into each page as parsed (`source` into the parent, `target` into the child).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// Aligned passages both documents share (same language only).
    pub shared_passages: Vec<SharedPassage>,
    /// Quotes whose wording changed, as word-level diffs.
    pub altered_quotes: Vec<Change>,
    /// Numbers, names and key words that changed outside quotes.
    pub changed: Vec<Change>,
    /// Passages of the parent that the child lacks.
    pub dropped: Vec<Excerpt>,
    /// Passages of the child that the parent lacks.
    pub added: Vec<Excerpt>,
    /// For translations: which sentence of the source renders which of the target.
    pub sentence_alignment: Vec<AlignedSentence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// The parent (for `same-event`: the first family's original).
    pub source: String,
    pub target: String,
    pub kind: RelationKind,
    pub subkind: Option<String>,
    pub similarity: f64,
    pub confidence: f64,
    pub signals: Vec<Signal>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub source: String,
    pub locator: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema: String,
    pub tool: Tool,
    pub documents: Vec<DocumentRecord>,
    pub families: Vec<FamilyRecord>,
    pub relations: Vec<Relation>,
    pub skipped: Vec<Skipped>,
}
