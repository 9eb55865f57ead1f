//! Page bytes to text: BOM, then a `<meta charset>` / `http-equiv` in the
//! first 2 KiB (as browsers prescan), then the plain-text decoder's guess.

use forensics_parse::Diagnostic;

pub(crate) fn decode_html(bytes: &[u8]) -> forensics_parse::Decoded {
    if encoding_rs::Encoding::for_bom(bytes).is_none()
        && let Some(enc) = declared(&bytes[..bytes.len().min(2048)])
        && enc != encoding_rs::UTF_8
    {
        let (text, _, had_errors) = enc.decode(bytes);
        let mut d = Vec::new();
        if had_errors {
            d.push(Diagnostic { severity: forensics_parse::Severity::Warning, message: format!("invalid {} sequences replaced", enc.name()), span: None });
        }
        return forensics_parse::Decoded { text: text.into_owned(), diagnostics: d, encoding: enc, bom_len: 0 };
    }
    forensics_parse::decode_detailed(bytes)
}

/// Maps byte offsets in the decoded text to offsets in the input bytes it
/// was decoded from. `offsets` must be char boundaries of `decoded.text`;
/// the answer is in the same order.
pub(crate) fn to_input(bytes: &[u8], decoded: &forensics_parse::Decoded, offsets: &[usize]) -> Vec<usize> {
    let body = bytes.get(decoded.bom_len..).unwrap_or_default();
    let text = decoded.text.as_str();
    if decoded.encoding == encoding_rs::UTF_8 && text.as_bytes() == body {
        return offsets.iter().map(|o| o + decoded.bom_len).collect();
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let mut out = vec![bytes.len(); offsets.len()];
    let mut next = order.iter().peekable();
    if decoded.encoding.is_single_byte() {
        // One input byte per character.
        for (chars, (at, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
            while let Some(&&k) = next.peek().filter(|&&&k| offsets[k] <= at) {
                out[k] = (decoded.bom_len + chars).min(bytes.len());
                next.next();
            }
        }
        return out;
    }
    // Any other decoding (UTF-16, multi-byte legacy, UTF-8 with replaced
    // bytes): feed the decoder one byte at a time and note when its output
    // reaches each offset.
    let mut decoder = decoded.encoding.new_decoder_without_bom_handling();
    let mut buf = [0u8; 32];
    let mut produced = 0;
    for i in 0..=body.len() {
        while let Some(&&k) = next.peek().filter(|&&&k| offsets[k] <= produced) {
            out[k] = decoded.bom_len + i;
            next.next();
        }
        if i == body.len() {
            break;
        }
        let (_, _, written, _) = decoder.decode_to_utf8(&body[i..i + 1], &mut buf, false);
        produced += written;
    }
    out
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
