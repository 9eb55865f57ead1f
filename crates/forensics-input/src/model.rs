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

/// Documented limits; every one can be raised from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest document, in bytes, after decompression.
    pub max_document_bytes: u64,
    /// Largest decompressed size of one compressed file.
    pub max_decompressed_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_document_bytes: 16 << 20, max_decompressed_bytes: 1 << 30 }
    }
}
