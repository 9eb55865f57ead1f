//! Small pages made for these tests: JSON-LD and OpenGraph metadata, page
//! furniture (navigation, share, related, comments, footer), captions and
//! bylines, a page without any template hints, a legacy encoding, nothing.

use forensics_parse::Article;

fn load(name: &str) -> Article {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages").join(name);
    let bytes = std::fs::read(&path).unwrap_or_default();
    forensics_html::parse_html(name.trim_end_matches(".html"), &bytes)
}

/// The article as a reader checks it: metadata, then each block with its kind.
fn check(name: &str) -> String {
    let a = load(name);
    let mut out = format!("{:#?}\n", a.meta);
    for b in &a.blocks {
        out.push_str(&format!("[{:?}] {}\n", b.kind, a.block_text(b)));
    }
    for d in &a.diagnostics {
        out.push_str(&format!("! {}\n", d.message));
    }
    out
}

#[test]
fn news_page_with_json_ld() {
    insta::assert_snapshot!(check("news-jsonld.html"));
}

#[test]
fn blog_without_template_hints() {
    insta::assert_snapshot!(check("blog-no-hints.html"));
}

#[test]
fn legacy_encoding() {
    insta::assert_snapshot!(check("legacy-encoding.html"));
}

#[test]
fn empty_page() {
    insta::assert_snapshot!(check("empty.html"));
}

#[test]
fn spans_cover_the_text() {
    for name in ["news-jsonld.html", "blog-no-hints.html"] {
        let a = load(name);
        let joined: Vec<&str> = a.blocks.iter().map(|b| a.block_text(b)).collect();
        assert_eq!(joined.join("\n\n"), a.text, "{name}");
    }
}

#[test]
fn body_excludes_furniture() {
    let body = forensics_html::body_text(&load("news-jsonld.html"));
    for gone in ["Facebook", "River levels fall", "12 comments", "All rights reserved", "Photo: Reuters", "Most read", "By Ana Ruiz"] {
        assert!(!body.contains(gone), "{gone:?} leaked into the body:\n{body}");
    }
    for kept in ["Residents return", "Schools reopen on Thursday.", "public records."] {
        assert!(body.contains(kept), "{kept:?} missing from the body:\n{body}");
    }
}
