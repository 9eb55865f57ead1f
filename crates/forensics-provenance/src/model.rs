//! The output contract of `forensics analyze --format json`
//! (schema `forensics.analysis/1`, see `docs/analysis.schema.json`).

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
    pub name: String,
    pub weight: f64,
    pub detail: String,
}

/// A stretch of text shared by both documents, as raw spans into each page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedPassage {
    pub source: Span,
    pub target: Span,
}

/// A change between parent and child: quote, fact, number, name or word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// `quote`, `fact`, `number`, `name`, `wording`.
    pub kind: String,
    pub before: String,
    pub after: String,
    /// Word-level diff, e.g. `[-our countries-]{+china and Kremlin+} must show`.
    pub diff: String,
    pub source: Option<Span>,
    pub target: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    pub shared: Vec<SharedPassage>,
    pub changes: Vec<Change>,
    /// Raw spans of the source that the target lacks.
    pub dropped: Vec<Span>,
    /// Raw spans of the target that the source lacks.
    pub added: Vec<Span>,
    /// For translations: which sentence of the source renders which of the target.
    pub sentence_alignment: Vec<SharedPassage>,
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
