//! Page bytes to text: BOM, then a `<meta charset>` / `http-equiv` in the
//! first 2 KiB (as browsers prescan), then the plain-text decoder's guess.

use forensics_parse::Diagnostic;

pub(crate) fn decode_html(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    if encoding_rs::Encoding::for_bom(bytes).is_none()
        && let Some(enc) = declared(&bytes[..bytes.len().min(2048)])
        && enc != encoding_rs::UTF_8
    {
        let (text, _, had_errors) = enc.decode(bytes);
        let mut d = Vec::new();
        if had_errors {
            d.push(Diagnostic { severity: forensics_parse::Severity::Warning, message: format!("invalid {} sequences replaced", enc.name()), span: None });
        }
        return (text.into_owned(), d);
    }
    forensics_parse::decode(bytes)
}

fn declared(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = memfind(&lower, b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b':' || c == b'.')).unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
