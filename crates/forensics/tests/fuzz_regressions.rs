//! Replays every input the fuzzers found a fault with
//! (`fuzz/regressions/<target>/*`), a minimised fuzz corpus of small inputs
//! (`fuzz/replay/<target>/*`: `libFuzzer -merge=1` keeps one input per new
//! coverage feature) and the seed documents of `corpus/`
//! through the same target bodies the fuzzers run (`fuzz/src/targets.rs`),
//! so CI catches a regression without a fuzzer or a nightly toolchain.

#[path = "../../../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("parse_text", targets::parse_text),
    ("html", targets::html),
    ("jsonl", targets::jsonl),
    ("warc", targets::warc),
    ("analyze", targets::analyze),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Runs `body` on `data`, turning a panic into a failure message naming the input.
fn check(target: &str, body: fn(&[u8]), path: &Path, failures: &mut Vec<String>) {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Err(e) = std::panic::catch_unwind(|| body(&data)) {
        let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
        failures.push(format!("{target} {}: {msg}", path.display()));
    }
}

fn replay(folder: &str) {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, body) in TARGETS {
        for path in files(&root().join(folder).join(target)) {
            check(target, *body, &path, &mut failures);
            replayed += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {replayed} inputs of {folder} fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn fuzz_regressions_replay() {
    replay("fuzz/regressions");
}

/// The minimised fuzz corpus: coverage the fuzzers reached stays reachable without a fault.
#[test]
fn fuzz_corpus_replay() {
    replay("fuzz/replay");
}

/// The seed documents pass every target (the fuzzers start from them).
#[test]
fn seed_documents_pass_every_target() {
    let mut failures = Vec::new();
    for path in files(&root().join("corpus/seeds")) {
        for (target, body) in TARGETS {
            check(target, *body, &path, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Property tests: structured inputs the byte-level fuzzers rarely build
// (valid records mixed with broken ones), checking that reading never fails
// and that every input lands in `documents` or `skipped`, exactly once.

use forensics::input::{read_paths, Inputs, Limits};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh, empty directory for one case.
fn case_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!("forensics-props-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn read(path: &Path) -> Inputs {
    read_paths(&[path.to_path_buf()], &Limits::default()).expect("an existing path never fails the run")
}

/// How many times each locator appears among documents and skips.
fn locators(inputs: &Inputs) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    let all = inputs.documents.iter().map(|d| &d.locator).chain(inputs.skipped.iter().map(|s| &s.locator));
    for l in all.flatten() {
        *seen.entry(l.clone()).or_insert(0) += 1;
    }
    seen
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&["storm", "the", "minister", "said", "«", "“quote”", "Київ", "东京", "42", "\u{301}", "\t", ".", "\n\n"][..]), 0..40)
        .prop_map(|w| w.join(" "))
}

/// One JSONL line (no newline in it) and whether the reader must report it.
fn jsonl_line() -> impl Strategy<Value = (Vec<u8>, bool)> {
    let value = |s: &str| serde_json::Value::String(s.to_string());
    prop_oneof![
        (words(), "[a-z0-9]{1,6}").prop_map(move |(t, id)| (serde_json::json!({"id": value(&id), "text": t}).to_string().into_bytes(), true)),
        (words(), 0u32..99).prop_map(|(t, id)| (serde_json::json!({"id": id, "html": format!("<p>{t}</p>")}).to_string().into_bytes(), true)),
        words().prop_map(|t| (serde_json::json!({"text": t}).to_string().into_bytes(), true)),
        Just((br#"{"id": "x"}"#.to_vec(), true)),
        Just((br#"[1, 2]"#.to_vec(), true)),
        "\\{[^\\n]{0,30}".prop_map(|s| (s.into_bytes(), true)),
        prop::collection::vec(any::<u8>().prop_filter("one line", |b| *b != b'\n'), 1..40)
            .prop_map(|b| { let blank = b.iter().all(u8::is_ascii_whitespace); (b, !blank) }),
        "[ \t\r]{0,3}".prop_map(|s| (s.into_bytes(), false)),
    ]
}

#[derive(Debug, Clone)]
enum Record {
    Html(String),
    NotHtml,
    Request,
    Warcinfo,
}

fn warc_record() -> impl Strategy<Value = Record> {
    prop_oneof![3 => words().prop_map(Record::Html), 1 => Just(Record::NotHtml), 1 => Just(Record::Request), 1 => Just(Record::Warcinfo)]
}

fn warc_bytes(i: usize, r: &Record) -> Vec<u8> {
    let (wtype, ctype, block) = match r {
        Record::Html(t) => ("response", "application/http; msgtype=response", format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>{t}</p></body></html>")),
        Record::NotHtml => ("response", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{89}PNG".to_string()),
        Record::Request => ("request", "application/http; msgtype=request", "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".to_string()),
        Record::Warcinfo => ("warcinfo", "application/warc-fields", "software: props\r\n".to_string()),
    };
    format!(
        "WARC/1.1\r\nWARC-Type: {wtype}\r\nWARC-Record-ID: <urn:uuid:r{i}>\r\nWARC-Target-URI: https://example.org/{i}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
    .into_bytes()
}


proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every non-blank JSONL line is exactly one document or one skip, under
    /// its line number, and blank lines are neither.
    #[test]
    fn jsonl_every_line_is_a_document_or_a_skip(lines in prop::collection::vec(jsonl_line(), 0..12), crlf in any::<bool>()) {
        let dir = case_dir();
        let path = dir.join("props.jsonl");
        let sep: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let data: Vec<u8> = lines.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>().join(sep);
        std::fs::write(&path, &data).expect("write");
        let inputs = read(&path);
        let expected: BTreeMap<String, usize> = lines.iter().enumerate().filter(|(_, (_, reported))| *reported).map(|(i, _)| (format!("line {}", i + 1), 1)).collect();
        prop_assert_eq!(locators(&inputs), expected);
        targets::jsonl(&data);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Every HTML response of a WARC file (plain, or one gzip member per
    /// record) is a document located at its record's offset; the other
    /// records are one summary skip; a truncated file never panics and gives
    /// no document that was not in it.
    #[test]
    fn warc_every_page_is_a_document(records in prop::collection::vec(warc_record(), 0..8), gz in any::<bool>(), cut in prop::option::of(0.0f64..1.0)) {
        let dir = case_dir();
        let path = dir.join(if gz { "props.warc.gz" } else { "props.warc" });
        let mut data = Vec::new();
        let mut pages = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            if matches!(r, Record::Html(_)) {
                pages.insert(format!("offset {}", data.len()), 1);
            }
            let bytes = warc_bytes(i, r);
            data.extend(if gz { forensics_testdata::encode::gzip(&bytes) } else { bytes });
        }
        if let Some(c) = cut {
            data.truncate((data.len() as f64 * c) as usize);
        }
        std::fs::write(&path, &data).expect("write");
        let inputs = read(&path);
        let docs: BTreeMap<String, usize> = inputs.documents.iter().filter_map(|d| d.locator.clone()).map(|l| (l, 1)).collect();
        prop_assert_eq!(docs.len(), inputs.documents.len(), "two documents at one offset");
        if cut.is_none() {
            prop_assert_eq!(&docs, &pages);
            let others = records.len() - pages.len();
            prop_assert_eq!(inputs.skipped.len(), usize::from(others > 0), "{:?}", inputs.skipped);
        } else {
            prop_assert!(docs.keys().all(|l| pages.contains_key(l)), "{:?} not among {:?}", docs, pages);
        }
        targets::warc(&data);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A directory of arbitrary files: each is one document or one skip,
    /// and the analysis keeps every one of them.
    #[test]
    fn every_file_is_analysed_or_skipped(files in prop::collection::vec((prop::sample::select(&["txt", "html", "md"][..]), prop_oneof![words().prop_map(String::into_bytes), prop::collection::vec(any::<u8>(), 0..64)]), 0..6)) {
        let dir = case_dir();
        for (i, (ext, bytes)) in files.iter().enumerate() {
            std::fs::write(dir.join(format!("f{i}.{ext}")), bytes).expect("write");
        }
        let inputs = read(&dir);
        let mut sources: BTreeMap<String, usize> = BTreeMap::new();
        for s in inputs.documents.iter().map(|d| &d.source).chain(inputs.skipped.iter().map(|s| &s.source)) {
            *sources.entry(s.clone()).or_insert(0) += 1;
        }
        if files.is_empty() {
            prop_assert_eq!(inputs.skipped.len(), 1, "an empty directory is one skip");
        } else {
            let expected: BTreeMap<String, usize> = (0..files.len()).map(|i| (dir.join(format!("f{i}.{}", files[i].0)).display().to_string(), 1)).collect();
            prop_assert_eq!(sources, expected);
        }
        let (n_docs, n_skips) = (inputs.documents.len(), inputs.skipped.len());
        let analysis = forensics::analyze_inputs(inputs, &forensics::Config::portable());
        prop_assert_eq!(analysis.documents.len(), n_docs);
        prop_assert_eq!(analysis.skipped.len(), n_skips);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The whole pipeline over near-duplicate documents (so dedup and
    /// provenance have families to build) keeps every document once.
    #[test]
    fn analysis_keeps_every_document(base in words(), edits in prop::collection::vec((words(), any::<bool>()), 1..6)) {
        let docs: Vec<Vec<u8>> = edits.iter().map(|(w, front)| if *front { format!("{w} {base}") } else { format!("{base} {w}") }.into_bytes()).collect();
        targets::analyze(&docs.join(&0xFFu8));
    }
}
