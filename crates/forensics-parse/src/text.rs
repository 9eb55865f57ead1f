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
    let c0 = crate::bytes::c0_controls(b);
    let c1 = memchr::memchr_iter(0xC2, b).filter(|&p| b.get(p + 1).is_some_and(|n| (0x80..=0x9F).contains(n))).count();
    c0 + c1
}

/// `s.trim_start()`: ASCII whitespace skipped byte by byte, chars only
/// from the first non-ASCII byte on (most lines start with an ASCII char).
pub(crate) fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    // (ASCII whitespace as `char::is_whitespace` sees it, vertical tab included.)
    let n = b.iter().position(|&c| !matches!(c, b' ' | b'\t'..=b'\r')).unwrap_or(b.len());
    match b.get(n) {
        Some(&c) if c >= 0x80 => s[n..].trim_start(),
        _ => &s[n..],
    }
}

/// `s.trim_end()`, as [`trim_start`] from the end.
pub(crate) fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let n = b.iter().rposition(|&c| !matches!(c, b' ' | b'\t'..=b'\r')).map_or(0, |p| p + 1);
    match n.checked_sub(1).map(|p| b[p]) {
        Some(c) if c >= 0x80 => s[..n].trim_end(),
        _ => &s[..n],
    }
}

/// `s.trim()`, byte by byte where the ends are ASCII.
pub(crate) fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `h.find(pat)` for the short lines and names searched here: candidates
/// from a byte search for the pattern's first byte (a valid UTF-8 pattern
/// matching bytes starts on a char boundary), without the general
/// searcher's set-up per call.
pub(crate) fn find(h: &str, pat: &str) -> Option<usize> {
    let (hb, pb) = (h.as_bytes(), pat.as_bytes());
    pb.first()?;
    // Keyed on the first byte that is not a space (lines have many spaces).
    let k = pb.iter().position(|&c| c != b' ').unwrap_or(0);
    memchr::memchr_iter(pb[k], hb).filter_map(|q| q.checked_sub(k)).find(|&p| hb[p..].starts_with(pb))
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

/// `s.to_lowercase()` into `out` (cleared first), faster on mostly-ASCII
/// text: ASCII runs are copied and folded in bulk and only other chars are
/// mapped one by one. `char::to_lowercase` agrees with `str::to_lowercase`
/// char for char except for the final sigma, which depends on its
/// neighbours: text holding a `Σ` takes the standard function.
pub(crate) fn lowercase_into(s: &str, out: &mut String) {
    out.clear();
    if s.contains('Σ') {
        out.push_str(&s.to_lowercase());
        return;
    }
    out.reserve(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            let n = b[i..].iter().position(|&x| x >= 0x80).unwrap_or(b.len() - i);
            let start = out.len();
            out.push_str(&s[i..i + n]);
            out[start..].make_ascii_lowercase();
            i += n;
            continue;
        }
        // Two-byte chars (Latin, Greek, Cyrillic …) from a table built with
        // `char::to_lowercase` itself, decoded here from their two bytes.
        if (0xC2..=0xDF).contains(&c)
            && let Some(&n) = b.get(i + 1)
        {
            let mapped = LOWER_2[((usize::from(c & 0x1F) << 6) | usize::from(n & 0x3F)) - 0x80];
            if mapped != '\0' {
                out.push(mapped);
                i += 2;
                continue;
            }
        }
        let Some(ch) = s[i..].chars().next() else { break };
        let mapped = if ch.len_utf8() == 2 { LOWER_2[ch as usize - 0x80] } else { '\0' };
        if uncased(ch) {
            // Curly quotes, dashes, CJK: no search for a lower case.
            out.push(ch);
        } else if mapped == '\0' {
            out.extend(ch.to_lowercase());
        } else {
            out.push(mapped);
        }
        i += ch.len_utf8();
    }
}

/// The lower case of `c` when it is one char found without the general
/// mapping: uncased blocks and the two-byte table of [`lowercase_into`].
#[inline]
pub(crate) fn lower_char(c: char) -> Option<char> {
    if uncased(c) {
        return Some(c);
    }
    let u = c as usize;
    let mapped = if (0x80..0x800).contains(&u) { LOWER_2[u - 0x80] } else { '\0' };
    (mapped != '\0').then_some(mapped)
}

/// Blocks without a cased character (tested against `char::to_lowercase`):
/// General Punctuation and CJK punctuation, kana and ideographs.
fn uncased(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x9FFF)
}

/// The lower case of each two-byte char (U+0080–U+07FF) when it is one
/// char, else NUL (look it up char by char).
static LOWER_2: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    (0x80u32..0x800)
        .map(|u| {
            let mut l = char::from_u32(u).unwrap_or('\0').to_lowercase();
            match (l.next(), l.next()) {
                (Some(c), None) => c,
                _ => '\0',
            }
        })
        .collect()
});

/// The two-byte lower-case table of [`lowercase_into`], indexed by code
/// point - 0x80 (NUL: look the char up).
pub(crate) fn lower_2() -> &'static [char] {
    &LOWER_2
}

/// [`lowercase_into`] a new string.
pub(crate) fn lowercase(s: &str) -> String {
    let mut out = String::new();
    lowercase_into(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn lowercase_matches_the_standard_one() {
        let every: String = (0x20u32..0x800).filter_map(char::from_u32).filter(|&c| c != 'Σ').collect();
        assert_eq!(super::lowercase(&every), every.to_lowercase());
        for s in ["", "ABC", "Ærlig ØST Åpen", "ΣΊΣΥΦΟΣ ΟΔΌΣ", "İstanbul \u{212A}elvin", "Ifølge AL-JAZEERA, “SAID” — ДЖЕРЕЛО: ТАСС", "ǅemal ǈ"] {
            assert_eq!(super::lowercase(s), s.to_lowercase(), "{s:?}");
        }
        for s in ["", " ", "\u{a0}", " a ", "\u{b}x\u{c}", "\u{3000} дом\u{2003} ", "a\u{85}", " ”x” ", "\t\r\n", "é"] {
            assert_eq!(super::trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(super::trim_end(s), s.trim_end(), "{s:?}");
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
        for (h, p) in [("a - b - c", " - "), ("x", ""), ("", " by "), ("Posted by me", " by "), ("ÄÖ – Ü", " – "), ("aaab", "ab"), ("by", " by ")] {
            assert_eq!(super::find(h, p), if p.is_empty() { None } else { h.find(p) }, "{h:?} {p:?}");
        }
        for c in (0x2000u32..0x2070).chain(0x3000..0xA000).filter_map(char::from_u32) {
            assert!(super::uncased(c) && c.to_lowercase().eq([c]), "{:x}", c as u32);
        }
    }
}
