//! Any bytes, and any mix of markup pieces, give an article whose source
//! positions lie inside the input (on character boundaries when the input
//! is UTF-8), without a panic.

use proptest::prelude::*;

fn check(bytes: &[u8]) {
    let a = forensics_html::parse_html("p", bytes);
    let utf8 = std::str::from_utf8(bytes).ok();
    for b in &a.blocks {
        assert!(a.text.get(b.span.start..b.span.end).is_some(), "span {:?} outside the text", b.span);
        if let Some(src) = b.source {
            assert!(src.start <= src.end && src.end <= bytes.len(), "source {src:?} outside {} bytes", bytes.len());
            if let Some(s) = utf8 {
                assert!(s.is_char_boundary(src.start) && s.is_char_boundary(src.end), "source {src:?} splits a character");
            }
        }
    }
}

const PIECES: &[&str] = &[
    "<p>", "</p>", "<div class=\"article-body\">", "</div>", "<article>", "</article>", "<h1>", "</h1>", "<script>", "</script>", "<style>",
    "<!--", "-->", "<title>", "</title>", "&amp;", "&nbsp;", "&#233;", "&#x2014;", "&copy", "&", "<", ">", "\"", "'", "<a href='x>y'>", "</a>",
    "<table><tr>", "<td>", "é", "日本", "€", "\u{FFFD}", " ", "\n", "Storm hits the coast, ", "officials said on Monday. ", "<br>", "<li>",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn any_markup(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..200)) {
        check(pieces.concat().as_bytes());
    }
}
