//! A cap on element nesting, applied to the source before html5ever sees it.
//!
//! The HTML tree builder checks "is X in scope" by walking the stack of open
//! elements, so a page nested N levels deep costs O(N²): 100,000 nested
//! `<div>`s take minutes. No real article is nested more than a few hundred
//! levels, so start tags past [`MAX_DEPTH`] (and their end tags) are
//! dropped; the text inside them is kept, flattened into the deepest element
//! kept. The scan is a tag lexer, not a parser: it only needs to be right on
//! pages that deep, and leaves every other page byte for byte as it was.

use std::borrow::Cow;

/// Deepest element nesting passed on to the tree builder.
pub const MAX_DEPTH: usize = 512;

const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Closed implicitly by a sibling or parent: never counted as nesting.
const OPTIONAL_END: &[&str] =
    &["p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "optgroup", "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body"];
/// Their content is text up to the matching end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// `html` with start tags nested deeper than `max` (and their end tags) removed.
pub fn cap_nesting(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    // No page with fewer tags than the cap can pass it.
    if memchr::memchr_iter(b'<', b).take(max + 1).count() <= max {
        return Cow::Borrowed(html);
    }
    let mut stack: Vec<String> = Vec::new();
    let mut dropped: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let (closing, name_at) = if rest.get(1) == Some(&b'/') { (true, start + 2) } else { (false, start + 1) };
        let name_len = b[name_at.min(b.len())..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let end = tag_end(b, name_at + name_len);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        if closing {
            // Dropped elements lie inside every kept one: they close first.
            if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                cuts.push((start, end));
            } else if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                stack.truncate(pos);
            }
            i = end;
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(b, end, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        if !self_closing && !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) {
            if stack.len() >= max {
                *dropped.entry(name).or_insert(0) += 1;
                cuts.push((start, end));
            } else {
                stack.push(name);
            }
        }
        i = end;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in cuts {
        out.push_str(&html[at..s]);
        at = e;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// Just past the `>` closing a tag whose name ends at `from`, skipping quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return k + 1,
            _ => {}
        }
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|k| from + k)
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::cap_nesting;

    fn check(html: &str, max: usize, expected: &str) {
        assert_eq!(cap_nesting(html, max), expected, "{html}");
    }

    #[test]
    fn caps_only_what_is_too_deep() {
        check("<div><div><div><p>x</p></div></div></div>", 2, "<div><div><p>x</p></div></div>");
        check("<div><div><p>x</p></div></div>", 2, "<div><div><p>x</p></div></div>");
        check("<div><span>a<br><img src='x>y'></span><!-- <div><div> --></div>", 1, "<div>a<br><img src='x>y'><!-- <div><div> --></div>");
        check("<div><script>if (a<b) { '<div><div>' }</script><div>t</div></div>", 1, "<div><script>if (a<b) { '<div><div>' }</script>t</div>");
        check("<div><p>one<p>two<p>three</div>", 1, "<div><p>one<p>two<p>three</div>");
    }

    #[test]
    fn deep_pages_are_flattened_in_linear_time() {
        let n = 100_000;
        let page = format!("<body>{}<p>deep text</p>{}</body>", "<div>".repeat(n), "</div>".repeat(n));
        let capped = cap_nesting(&page, 512);
        assert_eq!(capped.matches("<div>").count(), 512);
        assert_eq!(capped.matches("</div>").count(), 512);
        assert!(capped.contains("<p>deep text</p>"));
    }
}
