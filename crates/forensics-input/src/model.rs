//! Raw documents and skips.

use serde::{Deserialize, Serialize};

/// What the payload is, so the right parser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Text,
    Html,
}

/// Metadata the container (JSONL record, WARC headers) supplied.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Hints {
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// Crawl time (WARC-Date). Never a publication date.
    pub crawled: Option<String>,
}

/// One document as read, before parsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    pub id: String,
    /// The path it came from (`-` for stdin).
    pub source: String,
    /// Where inside the file: `line N` for JSONL, `offset N` for WARC.
    pub locator: Option<String>,
    pub format: Format,
    pub bytes: Vec<u8>,
    pub hints: Hints,
}

/// An input that could not be read as a document, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skip {
    pub source: String,
    pub locator: Option<String>,
    pub reason: String,
}

/// Documented limits (`docs/limits.md`); every one can be changed from the
/// command line. What passes a limit becomes a [`Skip`] saying which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest document, in bytes, after decompression (`--max-doc-bytes`,
    /// default 16 MiB: a news article is rarely over 100 KB).
    pub max_document_bytes: u64,
    /// Largest decompressed size of one compressed file
    /// (`--max-decompressed-bytes`, default 1 GiB): a gzip bomb stops here.
    pub max_decompressed_bytes: u64,
    /// Most documents read in one run (`--max-documents`, default
    /// 1,000,000): a run holds the clean text and record of every document
    /// for dedup, so this bounds its memory (see `docs/limits.md`).
    pub max_documents: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_document_bytes: 16 << 20, max_decompressed_bytes: 1 << 30, max_documents: 1_000_000 }
    }
}
