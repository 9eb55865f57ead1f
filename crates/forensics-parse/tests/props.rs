//! Properties that hold for any input: no panic, spans inside the text and
//! on char boundaries, blocks in order and disjoint.

use forensics_parse::{Article, Span, parse_text};
use proptest::prelude::*;

fn span_ok(text: &str, s: Span) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() {
        return Err(format!("span {s:?} outside text of {} bytes", text.len()));
    }
    if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!("span {s:?} not on char boundaries"));
    }
    Ok(())
}

fn invariants(a: &Article) -> Result<(), String> {
    let mut last_end = 0;
    for b in &a.blocks {
        span_ok(&a.text, b.span)?;
        if b.span.is_empty() {
            return Err(format!("empty block {b:?}"));
        }
        if b.span.start < last_end {
            return Err(format!("block {b:?} overlaps or precedes the one before (ends {last_end})"));
        }
        last_end = b.span.end;
    }
    for c in &a.meta.credits {
        span_ok(&a.text, c.span)?;
    }
    if let Some(d) = &a.meta.dateline {
        span_ok(&a.text, d.span)?;
    }
    for d in &a.diagnostics {
        if let Some(s) = d.span {
            span_ok(&a.text, s)?;
        }
    }
    Ok(())
}

/// Text made of the pieces the grammar reacts to, so that random input
/// reaches its deeper branches, not only the paragraph fallback.
fn pagey() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(" date 2022-09-19 ".to_string()),
        Just("MOSCOW (AP) — ".to_string()),
        Just("VALEMOUTH, March 11 (NNS) – ".to_string()),
        Just("(Reuters) -".to_string()),
        Just("By Jane Roe".to_string()),
        Just("Published 11 March 2025, 16:42".to_string()),
        Just("Recommended Stories".to_string()),
        Just("• ".to_string()),
        Just("– ".to_string()),
        Just("REUTERS/Name".to_string()),
        Just("(Photo via AP)".to_string()),
        Just("Ifølge Al-Jazeera, ".to_string()),
        Just("2 min read".to_string()),
        Just("0 %".to_string()),
        Just("© AHP 2025".to_string()),
        Just("Source: X (ABC)".to_string()),
        Just(" | ".to_string()),
        Just("annonse".to_string()),
        "[A-Za-zÀ-ÿА-я0-9 ,.()/:;\"'«»“”’€—–-]{0,40}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let a = parse_text("p", &bytes);
        prop_assert_eq!(invariants(&a), Ok(()));
    }

    #[test]
    fn page_like_text(text in pagey()) {
        let a = parse_text("p", text.as_bytes());
        prop_assert_eq!(invariants(&a), Ok(()));
    }

    #[test]
    fn utf16_pages(text in pagey(), big_endian in any::<bool>()) {
        let units: Vec<u16> = text.encode_utf16().collect();
        let bytes: Vec<u8> = units
            .iter()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect();
        let a = parse_text("p", &bytes);
        prop_assert_eq!(invariants(&a), Ok(()));
    }
}

/// Huge inputs must not panic (their speed is measured in the bench).
#[test]
fn huge_inputs() {
    let line = "MOSCOW (AP) — ".to_string() + &"word, ".repeat(400_000);
    let a = parse_text("long-line", line.as_bytes());
    assert_eq!(invariants(&a), Ok(()));
    assert_eq!(a.blocks.len(), 2);

    let many = "By Jane Roe\nShort line\n\n0 %\nA paragraph that ends.\n".repeat(25_000);
    let a = parse_text("many-lines", many.as_bytes());
    assert_eq!(invariants(&a), Ok(()));
    assert_eq!(a.blocks.len(), 100_000);
}

/// UTF-16 without a byte-order mark is recognised and reported.
#[test]
fn utf16_without_bom() {
    let text = "Storm hits coast\n\nLONDON (Reuters) - A storm hit the coast.\n";
    for big_endian in [false, true] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect();
        let a = parse_text("u16", &bytes);
        assert_eq!(a.text, text);
        assert!(a.diagnostics.iter().any(|d| d.message.contains("NUL-byte")), "{:?}", a.diagnostics);
        assert_eq!(a.meta.dateline.as_ref().and_then(|d| d.agency.as_deref()), Some("Reuters"));
    }
}
