//! The encodings scraped pages come in: each decodes to the same text, and
//! whatever had to be guessed or replaced is reported.

use forensics_parse::parse_text;

const TEXT: &str = "Café reopens in Zürich\n\nZURICH (Reuters) – The café on the lake “reopened” on Monday.\n";

/// Parses `bytes`: the decoded text must be `want` and the diagnostics must
/// mention each of `reported` (and nothing when it is empty).
fn check(name: &str, bytes: &[u8], want: &str, reported: &[&str]) {
    let a = parse_text(name, bytes);
    assert_eq!(a.text, want, "{name}");
    let messages: Vec<&str> = a.diagnostics.iter().map(|d| d.message.as_str()).collect();
    if reported.is_empty() {
        assert!(messages.is_empty(), "{name}: {messages:?}");
    }
    for r in reported {
        assert!(messages.iter().any(|m| m.contains(r)), "{name}: {r:?} not in {messages:?}");
    }
    // The dateline is found whatever the encoding.
    assert_eq!(a.meta.dateline.as_ref().and_then(|d| d.agency.as_deref()), Some("Reuters"), "{name}");
}

fn utf16(bom: bool, big_endian: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(TEXT.encode_utf16());
    for u in units {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn encodings() {
    check("utf-8", TEXT.as_bytes(), TEXT, &[]);
    check("utf-8 with BOM", &[b"\xEF\xBB\xBF", TEXT.as_bytes()].concat(), TEXT, &[]);
    check("utf-16le with BOM", &utf16(true, false), TEXT, &[]);
    check("utf-16be with BOM", &utf16(true, true), TEXT, &[]);
    check("utf-16le without BOM", &utf16(false, false), TEXT, &["NUL-byte"]);
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(TEXT);
    assert!(!unmappable);
    check("windows-1252", &cp1252, TEXT, &["windows-1252"]);
    // Two broken sequences in an otherwise UTF-8 page: replaced and counted.
    let broken = TEXT.replacen("Monday", "Mon\u{FFFD}day", 1);
    let mut bytes = TEXT.as_bytes().to_vec();
    let at = TEXT.find("Monday").unwrap() + 3;
    bytes.insert(at, 0xFF);
    check("utf-8 with a broken byte", &bytes, &broken, &["1 invalid UTF-8"]);
    let bad16 = [utf16(true, false), vec![0x00, 0xD8]].concat(); // a lone surrogate at the end
    check("utf-16 with a lone surrogate", &bad16, &format!("{TEXT}\u{FFFD}"), &["invalid UTF-16LE"]);
}
