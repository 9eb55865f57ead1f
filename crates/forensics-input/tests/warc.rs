//! WARC files built here, record by record: plain and per-record gzip,
//! chunked and gzip-encoded payloads, records that are not pages, and a
//! file cut short.

use forensics_input::{Limits, read_paths};
use forensics_testdata::encode::gzip;
use std::path::PathBuf;

fn record(wtype: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {wtype}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-03-05T10:20:30Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

const PAGE: &[u8] = b"<html><head><title>Flood</title></head><body><p>The river rose overnight.</p></body></html>";

fn records() -> Vec<Vec<u8>> {
    let gz_chunked = http("Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", &forensics_testdata::encode::chunked(&gzip(PAGE), 7, ";ext=1"));
    vec![
        record("warcinfo", "info-1", "", "application/warc-fields", b"software: test\r\n"),
        record("request", "req-1", "https://news.example/a", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        record("response", "resp-plain", "https://news.example/a", "application/http; msgtype=response", &http("Content-Type: text/html\r\nContent-Length: 90\r\n", PAGE)),
        record("response", "resp-image", "https://news.example/a.png", "application/http; msgtype=response", &http("Content-Type: image/png\r\n", b"\x89PNG....")),
        record("response", "resp-chunked-gzip", "https://news.example/b", "application/http; msgtype=response", &gz_chunked),
        record("metadata", "meta-1", "https://news.example/b", "application/warc-fields", b"fetchTimeMs: 12\r\n"),
        warc_1_0(record("response", "resp-warc-1.0", "https://news.example/c", "application/http; msgtype=response", &http("Content-Type: text/html\r\n", PAGE))),
    ]
}

/// The same record as a WARC/1.0 writer (Heritrix, older Common Crawl) writes it.
fn warc_1_0(mut rec: Vec<u8>) -> Vec<u8> {
    assert!(rec.starts_with(b"WARC/1.1\r\n"));
    rec[7] = b'0';
    rec
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("forensics-input-warc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Documents and skips of one file, as text a reader can check.
fn check(name: &str, bytes: &[u8]) -> String {
    check_with(name, bytes, &Limits::default())
}

fn check_with(name: &str, bytes: &[u8], limits: &Limits) -> String {
    let path = write(name, bytes);
    let inputs = read_paths(&[path.clone()], limits).unwrap();
    let mut out = String::new();
    for d in &inputs.documents {
        out.push_str(&format!(
            "doc {} at {:?} url={:?} crawled={:?} format={:?}\n  {}\n",
            d.id,
            d.locator,
            d.hints.url,
            d.hints.crawled,
            d.format,
            String::from_utf8_lossy(&d.bytes)
        ));
    }
    for s in &inputs.skipped {
        out.push_str(&format!("skip at {:?}: {}\n", s.locator, s.reason));
    }
    out
}

#[test]
fn plain_warc() {
    insta::assert_snapshot!(check("crawl.warc", &records().concat()));
}

#[test]
fn per_record_gzip() {
    let gz: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    insta::assert_snapshot!(check("crawl.warc.gz", &gz));
}

#[test]
fn truncated_gzip() {
    let recs = records();
    let mut gz: Vec<u8> = recs[..4].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&recs[4]);
    gz.extend_from_slice(&last[..last.len() / 2]);
    insta::assert_snapshot!(check("cut.warc.gz", &gz));
}

#[test]
fn truncated_plain_record() {
    let mut bytes = records()[..3].concat();
    bytes.truncate(bytes.len() - 40);
    insta::assert_snapshot!(check("cut.warc", &bytes));
}

#[test]
fn not_a_warc() {
    insta::assert_snapshot!(check("junk.warc", b"this is not a warc file\r\n\r\n"));
}

/// A gzip bomb inside a crawl: the records before it are kept, and the file
/// stops at `--max-decompressed-bytes` whatever its records claim.
#[test]
fn decompressed_size_limit() {
    let recs = records();
    let mut gz: Vec<u8> = recs[..3].iter().flat_map(|r| gzip(r)).collect();
    let bomb = record("resource", "bomb", "https://news.example/bomb", "text/html", &vec![b' '; 4 << 20]);
    gz.extend(gzip(&bomb));
    gz.extend(gzip(&recs[4]));
    assert!(gz.len() < 64 << 10, "the bomb is small compressed: {}", gz.len());
    let limits = Limits { max_decompressed_bytes: 1 << 20, ..Limits::default() };
    insta::assert_snapshot!(check_with("bomb.warc.gz", &gz, &limits));
    // Within the limit, the same file reads to its end (the blank page is a skip).
    let out = check_with("bomb.warc.gz", &gz, &Limits::default());
    assert!(out.contains("doc resp-chunked-gzip"), "{out}");
}

/// A response whose page is empty or binary is a skip with its reason, as a file would be.
#[test]
fn empty_and_binary_pages() {
    let recs = vec![
        record("response", "empty", "https://news.example/e", "application/http; msgtype=response", &http("Content-Type: text/html\r\n", b"  \r\n ")),
        record("resource", "binary", "https://news.example/p", "text/html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        record("response", "page", "https://news.example/a", "application/http; msgtype=response", &http("Content-Type: text/html\r\n", PAGE)),
    ];
    insta::assert_snapshot!(check("blank.warc", &recs.concat()));
}
