//! Snapshot of the parse of every plain-text document under `corpus/*/`
//! (the truth folder holds answers, not documents, and is skipped; other
//! files there are test tables or pages for other parsers).

use forensics_parse::{BlockKind, Diagnostic, Metadata, parse_text};
use serde::Serialize;

#[derive(Serialize)]
struct View<'a> {
    id: &'a str,
    meta: &'a Metadata,
    diagnostics: &'a [Diagnostic],
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
struct BlockView<'a> {
    kind: BlockKind,
    span: (usize, usize),
    text: &'a str,
}

#[test]
fn corpus() {
    insta::glob!("../../../corpus", "*/*", |path| {
        let in_truth = path.parent().and_then(|p| p.file_name()).is_some_and(|n| n == "truth");
        if in_truth || path.extension().is_none_or(|e| e != "txt") {
            return;
        }
        let bytes = std::fs::read(path).unwrap();
        let id = path.file_name().unwrap().to_string_lossy();
        let id = id.split('.').next().unwrap_or_default();
        let article = parse_text(id, &bytes);
        let blocks = article
            .blocks
            .iter()
            .map(|b| BlockView { kind: b.kind, span: (b.span.start, b.span.end), text: article.block_text(b) })
            .collect();
        let view = View { id, meta: &article.meta, diagnostics: &article.diagnostics, blocks };
        insta::assert_yaml_snapshot!(view);
    });
}
