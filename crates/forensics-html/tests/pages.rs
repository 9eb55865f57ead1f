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
        let at = b.source.map(|s| format!(" @{}..{}", s.start, s.end)).unwrap_or_default();
        out.push_str(&format!("[{:?}{at}] {}\n", b.kind, a.block_text(b)));
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

/// The visible text of a piece of page source, spaces removed: parsed on its
/// own by html5ever (not by the crate's scanner), so this checks the source
/// positions independently.
fn visible(html: &str) -> String {
    const HIDDEN: &[&str] = &["script", "style", "title", "textarea", "noscript", "template"];
    let frag = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    for node in frag.tree.root().descendants() {
        if let scraper::Node::Text(t) = node.value() {
            let hidden = node.ancestors().any(|a| a.value().as_element().is_some_and(|e| HIDDEN.contains(&e.name())));
            if !hidden {
                out.extend(t.chars().filter(|c| !c.is_whitespace()));
            }
        }
    }
    out
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every block's source range, cut from the page bytes, decoded and with its
/// tags stripped and entities decoded, reads as the block's text.
fn check_sources(name: &str, bytes: &[u8], encoding: &'static encoding_rs::Encoding) {
    let a = forensics_html::parse_html(name, bytes);
    assert!(!a.blocks.is_empty(), "{name}: no blocks");
    for b in &a.blocks {
        let src = b.source.unwrap_or_else(|| panic!("{name}: block {:?} has no source position", a.block_text(b)));
        let raw = &bytes[src.start..src.end];
        let (slice, _) = encoding.decode_without_bom_handling(raw);
        assert_eq!(visible(&slice), no_space(a.block_text(b)), "{name}: source {src:?}");
    }
}

#[test]
fn source_positions_quote_the_page() {
    for (name, enc) in [("news-jsonld.html", encoding_rs::UTF_8), ("blog-no-hints.html", encoding_rs::UTF_8), ("legacy-encoding.html", encoding_rs::WINDOWS_1252)] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages").join(name);
        check_sources(name, &std::fs::read(&path).unwrap(), enc);
    }
}

/// A page re-encoded: positions are in the bytes as given, not in the decoded text.
#[test]
fn source_positions_in_other_encodings() {
    let page = "<html><head><meta charset=\"{cs}\"><title>東京で大雨</title></head><body><nav><a href=/>ホーム</a></nav>\
        <article><h1>東京で大雨 &amp; 強風</h1><p>東京都心では十日、記録的な大雨となり、交通機関に大きな乱れが出た。気象庁によると、一時間に百ミリを超える雨が観測された。</p>\
        <p>多くの学校が休校となり、住民は避難を呼びかけられた。被害の全容はまだ分かっていない。専門家は、さらなる警戒が必要だと話している。</p></article></body></html>";
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend_from_slice(page.replace("{cs}", "utf-8").as_bytes());
    check_sources("utf8-bom", &utf8_bom, encoding_rs::UTF_8);
    let sjis_page = page.replace("{cs}", "shift_jis");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&sjis_page);
    check_sources("shift-jis", &sjis, encoding_rs::SHIFT_JIS);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in page.replace("{cs}", "utf-16").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    check_sources("utf-16le", &utf16, encoding_rs::UTF_16LE);
}

/// Metadata from each source a page may have, and which one wins.
fn check_meta(head: &str, want: [Option<&str>; 5]) {
    let page = format!("<html><head>{head}</head><body><article><p>The council met on Monday and voted to repair the old bridge before winter, officials said.</p></article></body></html>");
    let m = forensics_html::parse_html("m", page.as_bytes()).meta;
    let got = [m.headline, m.published.map(|d| d.to_string()), m.byline, m.url, m.site];
    let want = want.map(|w| w.map(str::to_string));
    assert_eq!(got, want, "{head}");
}

#[test]
fn metadata_sources() {
    // OpenGraph and article:* only.
    check_meta(
        r#"<title>Bridge repairs | Town Post</title><meta property="og:title" content="Bridge to be repaired"><meta property="article:published_time" content="2024-06-02T09:00:00+02:00">
        <meta property="article:author" content="https://town.example/staff/lee"><meta name="author" content="Kim Lee"><meta property="og:url" content="https://town.example/bridge"><meta property="og:site_name" content="Town Post">"#,
        [Some("Bridge to be repaired"), Some("2024-06-02"), Some("Kim Lee"), Some("https://town.example/bridge"), Some("Town Post")],
    );
    // JSON-LD NewsArticle inside @graph wins over OpenGraph; its publisher names the site; canonical wins over og:url.
    check_meta(
        r#"<meta property="og:title" content="OG title"><meta property="article:published_time" content="2024-06-01"><link rel="canonical" href="https://town.example/c"><meta property="og:url" content="https://town.example/og">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"page"},{"@type":"NewsArticle","headline":"LD headline","datePublished":"2024-06-03T10:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Berg"}],"publisher":{"@type":"Organization","name":"Town Post Ltd"}}]}</script>"#,
        [Some("LD headline"), Some("2024-06-03"), Some("Ana Ruiz, Tom Berg"), Some("https://town.example/c"), Some("Town Post Ltd")],
    );
    // Only a <title>.
    check_meta("<title>Bridge to be repaired</title>", [Some("Bridge to be repaired"), None, None, None, None]);
    // Broken JSON-LD is ignored, not fatal.
    check_meta(r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":</script><meta property="og:title" content="Still here">"#, [Some("Still here"), None, None, None, None]);
}
