//! Telling text from what is not: binary files and blank documents are
//! skipped with a reason instead of being analysed as garbage.

/// Why `bytes` cannot be a text or HTML document, if they cannot.
pub(crate) fn not_a_document(bytes: &[u8]) -> Option<String> {
    if let Some(kind) = binary_kind(bytes) {
        return Some(format!("binary file ({kind}), not text"));
    }
    if is_blank(bytes) {
        return Some("no text: empty or only whitespace".into());
    }
    None
}

/// What standard input holds, told from its first bytes (decompressed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StdinFormat {
    Warc,
    Jsonl,
    Html,
    Text,
}

/// A WARC stream opens with its version line, a JSONL export with a JSON
/// object (no article opens with "{"), an HTML page with markup; anything
/// else is a plain-text page.
pub(crate) fn stdin_format(head: &[u8]) -> StdinFormat {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let rest = &head[start..];
    if rest.starts_with(b"WARC/") {
        return StdinFormat::Warc;
    }
    if rest.starts_with(b"{") {
        return StdinFormat::Jsonl;
    }
    let lower = rest.get(..rest.len().min(1024)).unwrap_or(rest).to_ascii_lowercase();
    let markup = [&b"<!doctype html"[..], b"<html", b"<head", b"<body", b"<article", b"<meta "];
    if rest.starts_with(b"<") && markup.iter().any(|m| lower.windows(m.len()).any(|w| w == *m)) {
        return StdinFormat::Html;
    }
    StdinFormat::Text
}

/// Known binary signatures first; then NUL or other control bytes, which
/// text has almost none of (UTF-16 aside, whose NULs fall on every other byte).
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "zip archive"),
        (b"PK\x05\x06", "zip archive"),
        (b"\x1f\x8b", "gzip data without a .gz name"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"7z\xbc\xaf\x27\x1c", "7z archive"),
        (b"\x7fELF", "executable"),
        (b"\x00\x00\x01\x00", "icon"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() || looks_utf16(head) {
        return None;
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    let nul = head.contains(&0);
    (nul || control * 20 > head.len()).then_some("control bytes")
}

/// UTF-16 (with or without BOM): ASCII-range text puts a NUL on every other
/// byte, so one parity holds most NULs and the other almost none.
fn looks_utf16(head: &[u8]) -> bool {
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return true;
    }
    let pairs = head.len() / 2;
    if pairs < 2 {
        return false;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (many, few) = if even > odd { (even, odd) } else { (odd, even) };
    many * 3 > pairs && few * 20 <= pairs
}

/// Empty, or whitespace only (ASCII, or any Unicode space in UTF-8).
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace) || std::str::from_utf8(bytes).is_ok_and(|s| s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::not_a_document;

    fn check(bytes: &[u8], expected: Option<&str>) {
        let got = not_a_document(bytes);
        assert_eq!(got.as_deref(), expected, "{:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(40)]));
    }

    #[test]
    fn stdin_formats() {
        use super::{stdin_format, StdinFormat::*};
        for (head, want) in [
            (&b"WARC/1.1\r\nWARC-Type: response\r\n"[..], Warc),
            (b"\n{\"id\": \"a\", \"text\": \"x\"}\n", Jsonl),
            (b"\xef\xbb\xbf<!DOCTYPE html><html>", Html),
            (b"<html lang=\"en\"><body>", Html),
            (b"<3 this story\nA storm hit the coast.", Text),
            (b"Storm hits the coast\n\nA storm hit the coast on Monday.", Text),
        ] {
            assert_eq!(stdin_format(head), want, "{}", String::from_utf8_lossy(head));
        }
    }

    #[test]
    fn sniffing() {
        check(b"", Some("no text: empty or only whitespace"));
        check(b" \n\t\r\n", Some("no text: empty or only whitespace"));
        check("\u{a0}\u{3000}\n".as_bytes(), Some("no text: empty or only whitespace"));
        check(b"\x89PNG\r\n\x1a\n\x00\x00", Some("binary file (PNG image), not text"));
        check(b"PK\x03\x04rest", Some("binary file (zip archive), not text"));
        check(b"text\x00with a nul", Some("binary file (control bytes), not text"));
        check(b"Plain news text.\n", None);
        check(b"caf\xe9 in windows-1252\n", None);
        let le: Vec<u8> = "A storm hit.".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = "A storm hit.".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        check(&le, None);
        check(&be, None);
    }
}
