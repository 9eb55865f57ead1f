//! Replays every input the fuzzers found a fault with
//! (`fuzz/regressions/<target>/*`) and the seed documents of `corpus/`
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

#[test]
fn fuzz_regressions_replay() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, body) in TARGETS {
        for path in files(&root().join("fuzz/regressions").join(target)) {
            check(target, *body, &path, &mut failures);
            replayed += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {replayed} fuzz regressions fail:\n{}", failures.len(), failures.join("\n"));
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
