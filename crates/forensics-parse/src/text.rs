//! The plain-text page grammar: entry point and string helpers.

use crate::decode::decode;
use crate::model::{Article, Diagnostic, Severity};

/// Parses one scraped page given as plain-text bytes. Never fails: odd input
/// gives an article plus diagnostics. Linear in the input size.
pub fn parse_text(id: &str, bytes: &[u8]) -> Article {
    let (text, mut diagnostics) = decode(bytes);
    let controls = control_chars(&text);
    if controls > 0 {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: format!("{controls} control characters in the text"),
            span: None,
        });
    }
    let order = crate::date::page_order(&text);
    let (blocks, meta, mut diags) = crate::date::with_order(order, || crate::layout::layout(&text));
    diagnostics.append(&mut diags);
    Article { id: id.to_string(), text, meta, blocks, diagnostics }
}

/// Control characters (Unicode `Cc`) other than line breaks and tabs,
/// counted on bytes: C0 and DEL are single bytes, C1 (U+0080–U+009F) is
/// `C2 80`–`C2 9F` in UTF-8. A char-wise scan cost more than the rest of
/// the line splitting.
fn control_chars(text: &str) -> usize {
    let b = text.as_bytes();
    let c0 = b.iter().filter(|&&x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t')) || x == 0x7f).count();
    let c1 = if memchr::memchr(0xC2, b).is_some() {
        b.windows(2).filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1])).count()
    } else {
        0
    };
    c0 + c1
}

/// The longest prefix of `s` of at most `max` bytes, on a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The longest suffix of `s` of at most `max` bytes, on a char boundary.
pub(crate) fn suffix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}
