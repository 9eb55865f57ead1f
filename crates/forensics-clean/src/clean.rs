//! The block classifier.

use crate::model::{CleanArticle, CleanBlock, Removal};
use crate::stats::CorpusStats;
use forensics_parse::{Article, BlockKind, Span};

/// Options for [`clean`].
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {}

/// Cleans one parsed article. `stats` (from [`CorpusStats`]) lets blocks that
/// recur across many pages be recognised as template.
pub fn clean(article: &Article, _stats: Option<&CorpusStats>, _opts: &CleanOptions) -> CleanArticle {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut removed = Vec::new();
    for b in &article.blocks {
        let raw = article.block_text(b);
        match b.kind {
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::ListItem => {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                let start = text.len();
                text.push_str(raw);
                blocks.push(CleanBlock { kind: b.kind, raw: b.span, clean: Span::new(start, text.len()), language: "und".into() });
            }
            other => removed.push(Removal { kind: other, raw: b.span, rule: "kind".into() }),
        }
    }
    let language = crate::lang::detect(&text);
    let sentences = blocks.iter().map(|b| b.clean).collect();
    CleanArticle { id: article.id.clone(), language, meta: article.meta.clone(), text, blocks, removed, sentences }
}
