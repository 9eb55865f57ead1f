//! The streamed run (`analyze_paths`: the input read once per pass, never
//! held) gives the bytes of the run that holds everything at once
//! (`analyze_at_once`), on every folder of `corpus/` and on a JSONL export
//! of them with clashing ids and a broken line.

use forensics::input::{read_paths, Limits, Reader};
use forensics::Config;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check(name: &str, paths: &[PathBuf]) {
    let cfg = Config::portable();
    let held = read_paths(paths, &Limits::default()).expect("readable");
    assert!(!held.documents.is_empty(), "{name}: no documents");
    let whole = serde_json::to_string_pretty(&forensics::analyze_at_once(held, &cfg, &())).expect("serialises");
    let streamed = forensics::analyze_paths(Reader::new(paths.to_vec(), Limits::default()), &cfg, &()).expect("readable");
    let streamed = serde_json::to_string_pretty(&streamed).expect("serialises");
    assert!(streamed == whole, "{name}: streamed run differs from the run at once");
}

#[test]
fn corpus_folders_streamed_as_at_once() {
    for set in ["seeds", "provenance", "layouts"] {
        check(set, &[root().join("corpus").join(set)]);
    }
    check("all", &[root().join("corpus/seeds"), root().join("corpus/provenance"), root().join("corpus/layouts")]);
}

#[test]
fn jsonl_export_streamed_as_at_once() {
    let held = read_paths(&[root().join("corpus/seeds"), root().join("corpus/provenance")], &Limits::default()).expect("corpus");
    let mut lines: Vec<String> = Vec::new();
    for d in &held.documents {
        let text = String::from_utf8_lossy(&d.bytes);
        lines.push(serde_json::json!({"id": d.id, "text": text}).to_string());
        // The same id again (renamed `#2`), with a paragraph dropped.
        let trimmed: Vec<&str> = text.split("\n\n").enumerate().filter(|(k, _)| k % 4 != 1).map(|(_, p)| p).collect();
        lines.push(serde_json::json!({"id": d.id, "text": trimmed.join("\n\n")}).to_string());
    }
    lines.insert(3, "{not json".into());
    let dir = std::env::temp_dir().join(format!("forensics-streaming-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("export.jsonl");
    std::fs::write(&path, lines.join("\n")).expect("write");
    check("export", &[path]);
    let _ = std::fs::remove_dir_all(&dir);
}
