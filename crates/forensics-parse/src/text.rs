//! The plain-text page grammar.

use crate::decode::decode;
use crate::model::{Article, Block, BlockKind, Metadata, Span};

/// Parses one scraped page given as plain-text bytes. Never fails.
pub fn parse_text(id: &str, bytes: &[u8]) -> Article {
    let (text, diagnostics) = decode(bytes);
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let start = offset + lead;
            blocks.push(Block { kind: BlockKind::Paragraph, span: Span::new(start, start + trimmed.len()) });
        }
        offset += line.len();
    }
    Article { id: id.to_string(), text, meta: Metadata::default(), blocks, diagnostics }
}
