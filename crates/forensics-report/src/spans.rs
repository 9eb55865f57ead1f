//! Marking spans of a text in HTML when spans overlap: each stretch of text
//! takes the wrapper of the highest-priority span covering it, so a change
//! inside a shared passage shows as the change, and nothing nests wrongly.

use crate::escape::html;
use forensics_parse::Span;

/// A span to mark and the element that marks it.
pub(crate) struct Layer {
    pub span: Span,
    pub priority: u8,
    /// The opening tag, e.g. `<mark class="change" data-change="3">`.
    pub open: String,
    /// The closing tag, e.g. `</mark>`.
    pub close: &'static str,
}

/// Escapes `text` and wraps the stretches the layers cover. Spans come from
/// deserialised data: out-of-range spans are clipped and ends moved to char
/// boundaries, never a panic.
pub(crate) fn mark(text: &str, layers: &[Layer]) -> String {
    let fit = |i: usize, up: bool| {
        let mut i = i.min(text.len());
        while !text.is_char_boundary(i) {
            if up { i += 1 } else { i -= 1 }
        }
        i
    };
    let spans: Vec<(usize, usize)> = layers.iter().map(|l| (fit(l.span.start, false), fit(l.span.end, true))).collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(s, e) in &spans {
        if s < e {
            cuts.push(s);
            cuts.push(e);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut order: Vec<usize> = (0..layers.len()).filter(|&i| spans[i].0 < spans[i].1).collect();
    order.sort_by_key(|&i| spans[i].0);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut open: Option<usize> = None;
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        while next < order.len() && spans[order[next]].0 <= s {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| spans[i].1 > s);
        let best = active.iter().copied().max_by(|&x, &y| layers[x].priority.cmp(&layers[y].priority).then(y.cmp(&x)));
        if best != open {
            if let Some(o) = open {
                out.push_str(layers[o].close);
            }
            if let Some(b) = best {
                out.push_str(&layers[b].open);
            }
            open = best;
        }
        out.push_str(&html(&text[s..e]));
    }
    if let Some(o) = open {
        out.push_str(layers[o].close);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(start: usize, end: usize, priority: u8, name: &str) -> Layer {
        Layer { span: Span::new(start, end), priority, open: format!("<{name}>"), close: if name == "a" { "</a>" } else { "</b>" } }
    }

    #[track_caller]
    fn check(text: &str, layers: &[Layer], expected: &str) {
        assert_eq!(mark(text, layers), expected);
    }

    #[test]
    fn overlapping_layers() {
        check("hello world", &[], "hello world");
        check("hello world", &[layer(0, 11, 1, "a"), layer(6, 11, 2, "b")], "<a>hello </a><b>world</b>");
        check("a<b", &[layer(0, 3, 1, "a")], "<a>a&lt;b</a>");
        // Out of range and off char boundaries: clipped, no panic.
        check("ø x", &[layer(1, 99, 1, "a")], "<a>ø x</a>");
        check("abc", &[layer(2, 1, 1, "a")], "abc");
    }
}
