//! Each limit turns what passes it into a skip that names the flag, and
//! keeps everything before it.

use forensics_input::{read_paths, Limits};

fn dir(name: &str) -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("limits-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Reads `file` (written with `bytes`) under `limits`: (document ids, skip reasons with locators).
fn check(name: &str, file: &str, bytes: &[u8], limits: Limits, docs: &[&str], skips: &[(&str, &str)]) {
    let path = dir(name).join(file);
    std::fs::write(&path, bytes).expect("write");
    let inputs = read_paths(&[path], &limits).expect("read");
    let got_docs: Vec<&str> = inputs.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(got_docs, docs, "{name}: documents");
    let got_skips: Vec<(String, String)> =
        inputs.skipped.iter().map(|s| (s.locator.clone().unwrap_or_default(), s.reason.clone())).collect();
    assert_eq!(got_skips.len(), skips.len(), "{name}: skips {got_skips:?}");
    for ((loc, reason), (want_loc, want_flag)) in got_skips.iter().zip(skips) {
        assert_eq!(loc, want_loc, "{name}");
        assert!(reason.contains(want_flag), "{name}: {reason:?} does not name {want_flag}");
    }
}

fn jsonl(n: usize, text_len: usize) -> Vec<u8> {
    (0..n).map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"{}\"}}\n", "a".repeat(text_len))).collect::<String>().into_bytes()
}


#[test]
fn limits() {
    let at = |docs, doc_bytes, decompressed| Limits { max_documents: docs, max_document_bytes: doc_bytes, max_decompressed_bytes: decompressed };
    check("docs", "a.jsonl", &jsonl(3, 10), at(2, 1000, 1 << 20), &["d0", "d1"], &[("line 3", "--max-documents")]);
    check("doc-bytes", "b.jsonl", &jsonl(2, 100), at(10, 50, 1 << 20), &[], &[("line 1", "--max-doc-bytes"), ("line 2", "--max-doc-bytes")]);
    check("file-bytes", "c.txt", &[b'x'; 100], at(10, 50, 1 << 20), &[], &[("", "--max-doc-bytes")]);
    // Each record is 31 bytes: the third passes 80 decompressed bytes.
    check("decompressed", "d.jsonl.gz", &forensics_testdata::encode::gzip(&jsonl(4, 10)), at(10, 1000, 80), &["d0", "d1"], &[("line 3", "--max-decompressed-bytes")]);
    check("gz-doc", "e.html.gz", &forensics_testdata::encode::gzip(&[b'x'; 100]), at(10, 50, 1 << 20), &[], &[("", "--max-doc-bytes")]);
}
