//! Real inputs end to end, files built here (no network): a `.warc.gz` with
//! per-record gzip members (WARC/1.0 and 1.1, chunked transfer, gzip content
//! coding), a `.html.gz` page and a JSONL export with an `html` field all go
//! through the same reader and HTML parser. The crawl date stays `crawled`,
//! the publication date comes from the page, the container's URL is `url`,
//! and every block's source span quotes the page it came from.

use forensics::input::{Limits, read_paths};
use forensics_testdata::encode::{chunked, gzip};

fn page(n: u32) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dam inspections ordered {n} | Valley News</title>
<link rel="canonical" href="https://news.example/story-{n}">
<meta property="og:site_name" content="Valley News"><meta property="article:published_time" content="2024-03-0{n}T08:00:00Z">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Dam inspections ordered {n}","datePublished":"2024-03-0{n}T08:00:00Z","author":{{"@type":"Person","name":"Ana Ruiz"}},"publisher":{{"@type":"Organization","name":"Valley News"}}}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Dam inspections ordered {n}</h1>
<p>The regional government ordered inspections of every dam in the valley on Tuesday, two days after floodwater broke through an embankment &amp; a road.</p>
<p>Engineers will start with the twelve oldest structures, the ministry said, and publish their findings by the end of April.</p>
</article><footer>Copyright Valley News</footer></body></html>"#
    )
}

fn record(version: &str, id: &str, uri: &str, http: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/{version}\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-20T10:20:30Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend(http);
    r.extend(b"\r\n\r\n");
    r
}

/// One line per document: id, metadata that matters here, and each block's
/// kind with its source span checked against the page bytes.
fn check(dir: &std::path::Path) -> String {
    let inputs = read_paths(&[dir.to_path_buf()], &Limits::default()).unwrap();
    let mut out = String::new();
    for raw in &inputs.documents {
        let a = forensics::parse_document(raw);
        let m = &a.meta;
        out.push_str(&format!(
            "{} headline={:?} published={} byline={:?} site={:?} url={:?} crawled={:?}\n",
            a.id,
            m.headline,
            m.published.map(|d| d.to_string()).unwrap_or_default(),
            m.byline,
            m.site,
            m.url,
            m.crawled
        ));
        // The page bytes the spans point into: the decompressed, de-chunked payload.
        let page = std::str::from_utf8(&raw.bytes).unwrap();
        for b in &a.blocks {
            let src = b.source.expect("every block placed");
            let quoted = &page[src.start..src.end];
            assert_eq!(quoted.replace("&amp;", "&"), a.block_text(b), "{}", a.id);
            out.push_str(&format!("  {:?} {}..{}\n", b.kind, src.start, src.end));
        }
    }
    for s in &inputs.skipped {
        out.push_str(&format!("skip {:?}: {}\n", s.locator, s.reason));
    }
    out
}

#[test]
fn warc_html_gz_and_jsonl() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("real-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = [b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".as_slice(), page(1).as_bytes()].concat();
    let coded = [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".as_slice(), &chunked(&gzip(page(2).as_bytes()), 100, "")].concat();
    let warc: Vec<u8> = [record("1.0", "a1", "https://news.example/amp/story-1", &plain), record("1.1", "b2", "https://news.example/amp/story-2", &coded)]
        .iter()
        .flat_map(|r| gzip(r))
        .collect();
    std::fs::write(dir.join("crawl.warc.gz"), warc).unwrap();
    std::fs::write(dir.join("saved-page.html.gz"), gzip(page(3).as_bytes())).unwrap();
    let line = serde_json::json!({"id": "export-4", "url": "https://mirror.example/4", "html": page(4)});
    std::fs::write(dir.join("export.jsonl"), format!("{line}\n")).unwrap();
    insta::assert_snapshot!(check(&dir));
}

/// A page that states no date gets none: the crawl date is never taken for it.
#[test]
fn crawl_date_is_not_a_publication_date() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("real-inputs-undated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = b"<html><body><article><p>The council met and voted to repair the old bridge before winter, officials said on the radio.</p></article></body></html>";
    let http = [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".as_slice(), page].concat();
    std::fs::write(dir.join("undated.warc"), record("1.1", "u1", "https://news.example/u", &http)).unwrap();
    let inputs = read_paths(&[dir], &Limits::default()).unwrap();
    let a = forensics::parse_document(&inputs.documents[0]);
    assert_eq!(a.meta.crawled.as_deref(), Some("2024-05-20T10:20:30Z"));
    assert_eq!(a.meta.published, None);
    assert_eq!(a.meta.url.as_deref(), Some("https://news.example/u"));
}
