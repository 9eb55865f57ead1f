//! The plain-text page grammar: entry point and string helpers.

use crate::decode::decode;
use crate::model::{Article, Diagnostic, Severity};

/// Parses one scraped page given as plain-text bytes. Never fails: odd input
/// gives an article plus diagnostics. Linear in the input size.
pub fn parse_text(id: &str, bytes: &[u8]) -> Article {
    let (text, mut diagnostics) = decode(bytes);
    let controls = text.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if controls > 0 {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: format!("{controls} control characters in the text"),
            span: None,
        });
    }
    let (blocks, meta, mut diags) = crate::layout::layout(&text);
    diagnostics.append(&mut diags);
    Article { id: id.to_string(), text, meta, blocks, diagnostics }
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
