//! The bodies of the fuzz targets. One file, included by each
//! `fuzz_targets/*.rs` binary and by the regression replay
//! (`crates/forensics/tests/fuzz_regressions.rs`), so a crash the fuzzer
//! found is replayed by a plain `cargo test` through the very same code.
//!
//! Each body panics only when an invariant the crates promise is broken:
//! parsing never fails, spans always point inside their text, and every
//! input becomes a document or a recorded skip.

#![allow(dead_code)]

use forensics::input::{read_paths, Format, Hints, Inputs, Limits, RawDocument};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Small limits so a fuzz input near them exercises both sides quickly.
fn limits() -> Limits {
    Limits { max_document_bytes: 1 << 20, max_decompressed_bytes: 4 << 20, ..Limits::default() }
}

/// The plain-text parser: any bytes give an article whose spans fit its text.
pub fn parse_text(data: &[u8]) {
    let article = forensics::parse::parse_text("fuzz", data);
    check_article(&article);
}

/// The HTML path as the pipeline runs it (parse, then clean).
pub fn html(data: &[u8]) {
    let raw = raw_doc("fuzz", Format::Html, data);
    let article = forensics::parse_document(&raw);
    check_article(&article);
    let cleaned = forensics::clean_all(std::slice::from_ref(&article));
    for c in &cleaned {
        check_clean(&article, c);
    }
}

/// The JSONL reader: every non-blank line is a document or a skip.
pub fn jsonl(data: &[u8]) {
    let inputs = read_as("fuzz.jsonl", data);
    let lines = data.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    let seen = inputs.documents.len() + inputs.skipped.len();
    assert!(seen >= lines.min(1), "{lines} non-blank lines but nothing read or skipped");
    assert!(seen <= lines.max(1), "{seen} documents and skips from {lines} lines");
    check_inputs(&inputs);
}

/// The WARC reader: a `.warc.gz` file when the input starts with the gzip
/// magic bytes (so truncated and corrupt members are exercised), a plain
/// `.warc` otherwise.
pub fn warc(data: &[u8]) {
    let name = if data.starts_with(&[0x1f, 0x8b]) { "fuzz.warc.gz" } else { "fuzz.warc" };
    let inputs = read_as(name, data);
    check_inputs(&inputs);
    for d in &inputs.documents {
        assert!(d.locator.as_deref().is_some_and(|l| l.starts_with("offset ")), "{}: WARC document without an offset locator", d.id);
        assert_eq!(d.format, Format::Html, "{}: WARC documents are HTML pages", d.id);
    }
}

/// Loads what the analysis loads once per process (the bilingual
/// dictionaries, when installed) before fuzzing starts: otherwise the first
/// input in several languages pays ~10 s of loading under coverage
/// instrumentation and is reported as a timeout (it was, once).
pub fn init() {
    let cfg = forensics::Config::default();
    if cfg.dedup.xling.dictionaries {
        forensics::dedup::xling::Dictionaries::installed(&cfg.dedup.xling.dict_dir);
    }
}

/// The whole pipeline over up to 16 documents separated by `0xFF` bytes
/// (never valid UTF-8, so a separator the documents themselves cannot hold).
pub fn analyze(data: &[u8]) {
    let documents: Vec<RawDocument> =
        data.split(|&b| b == 0xFF).take(16).enumerate().map(|(i, d)| raw_doc(&format!("d{i:02}"), Format::Text, d)).collect();
    let n = documents.len();
    let analysis = forensics::analyze_inputs(Inputs { documents, skipped: vec![] }, &forensics::Config::default());
    assert_eq!(analysis.documents.len(), n, "every input document appears in the analysis");
    let ids: std::collections::BTreeSet<&str> = analysis.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), n, "document ids are unique");
    for d in &analysis.documents {
        assert!(d.confidence.is_finite(), "{}: confidence {}", d.id, d.confidence);
        if let Some(p) = &d.parent {
            let known = ids.contains(p.as_str()) || analysis.families.iter().any(|f| f.intermediates.iter().any(|i| &i.id == p));
            assert!(known, "{}: parent {p} is neither a document nor an intermediate", d.id);
        }
    }
    serde_json::to_string(&analysis).expect("the analysis serialises");
}

fn raw_doc(id: &str, format: Format, data: &[u8]) -> RawDocument {
    RawDocument { id: id.into(), source: format!("{id}.txt"), locator: None, format, bytes: data.to_vec(), hints: Hints::default() }
}

fn check_article(a: &forensics::parse::Article) {
    let mut last = 0;
    for b in &a.blocks {
        assert!(b.span.start <= b.span.end && a.text.get(b.span.start..b.span.end).is_some(), "block span {:?} outside the text ({} bytes)", b.span, a.text.len());
        assert!(b.span.start >= last, "blocks out of reading order at {:?}", b.span);
        last = b.span.start;
    }
    for d in &a.diagnostics {
        if let Some(s) = d.span {
            assert!(a.text.get(s.start..s.end).is_some(), "diagnostic span {s:?} outside the text");
        }
    }
}

fn check_clean(a: &forensics::parse::Article, c: &forensics::clean::CleanArticle) {
    for b in &c.blocks {
        assert!(a.text.get(b.raw.start..b.raw.end).is_some(), "clean block raw span {:?} outside the page", b.raw);
        assert!(c.text.get(b.clean.start..b.clean.end).is_some(), "clean block span {:?} outside the clean text", b.clean);
    }
    for s in &c.sentences {
        assert!(c.text.get(s.start..s.end).is_some(), "sentence span {s:?} outside the clean text");
    }
}

fn check_inputs(inputs: &Inputs) {
    let limit = limits().max_document_bytes as usize;
    for d in &inputs.documents {
        assert!(d.bytes.len() <= limit, "{}: {} bytes passed the document limit", d.id, d.bytes.len());
        assert!(!d.id.is_empty(), "a document without an id");
    }
    for s in &inputs.skipped {
        assert!(!s.reason.is_empty(), "a skip without a reason");
    }
}

/// Reads `data` as if it were a file called `name`, through the public
/// entry point, so extension dispatch and limits are the real ones.
fn read_as(name: &str, data: &[u8]) -> Inputs {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static DIR: PathBuf = {
            let d = std::env::temp_dir().join(format!("forensics-fuzz-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
            std::fs::create_dir_all(&d).expect("temp dir");
            d
        };
    }
    DIR.with(|dir| {
        let path = dir.join(name);
        std::fs::write(&path, data).expect("write fuzz input");
        read_paths(&[path], &limits()).expect("an existing file never fails the run")
    })
}
