//! The normalised view for matching: NFKC, folded quotes, apostrophes and
//! dashes, soft hyphens and zero-width characters removed, stray HTML
//! entities decoded, whitespace collapsed, case folded; with a map from every
//! normalised byte back to the clean-text byte it came from.

use forensics_parse::Span;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalised text plus, for each of its bytes (and one past the end), the
/// byte offset in the source text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Normalized {
    pub text: String,
    /// `map[i]` is the source offset of normalised byte `i`; `map[text.len()]`
    /// is the end of the source. Offsets are `u32` to keep the map at four
    /// bytes per byte (an article is far below 4 GiB).
    pub map: Vec<u32>,
}

impl Normalized {
    /// Normalises `source`.
    pub fn new(source: &str) -> Normalized {
        let mut out = Builder { text: String::with_capacity(source.len()), map: Vec::with_capacity(source.len() + 1), pending_space: None };
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < source.len() {
            let b = bytes[i];
            // (An ASCII byte is a whole character, so `i + 1` is a boundary.)
            if b < 0x80 && !source.get(i + 1..).and_then(|r| r.chars().next()).is_some_and(is_combining_mark) {
                match b {
                    b'&' => {
                        if let Some((decoded, len)) = entity(&source[i..]) {
                            out.push_folded(decoded, i);
                            i += len;
                            continue;
                        }
                        out.push_char('&', i);
                    }
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => out.space(i),
                    b'`' => out.push_char('\'', i),
                    _ => out.push_char((b as char).to_ascii_lowercase(), i),
                }
                i += 1;
                continue;
            }
            // A starter and its combining marks normalise together.
            let mut end = i + source[i..].chars().next().map_or(1, char::len_utf8);
            while let Some(c) = source[end..].chars().next() {
                if !is_combining_mark(c) {
                    break;
                }
                end += c.len_utf8();
            }
            let segment = &source[i..end];
            if segment.chars().count() == 1 {
                if let Some(c) = segment.chars().next() {
                    out.push_folded(c, i);
                }
            } else {
                for c in segment.nfkc() {
                    out.push_folded(c, i);
                }
            }
            i = end;
        }
        // Trailing whitespace is dropped, so the end is where the text ends.
        out.map.push(source.trim_end().len() as u32);
        Normalized { text: out.text, map: out.map }
    }

    /// The source span a normalised byte range came from.
    pub fn to_source(&self, span: Span) -> Span {
        let at = |i: usize| self.map.get(i).copied().unwrap_or_else(|| self.map.last().copied().unwrap_or(0)) as usize;
        let start = at(span.start);
        // The end is where the last covered byte's source character ends:
        // the source offset of the next normalised byte not from the same place.
        let end = if span.end == 0 { start } else {
            let last = at(span.end - 1);
            let mut j = span.end;
            while j < self.map.len() && at(j) == last {
                j += 1;
            }
            at(j).max(start)
        };
        Span::new(start, end)
    }
}

struct Builder {
    text: String,
    map: Vec<u32>,
    /// Source offset of a whitespace run not yet written (it is written
    /// only when more text follows, so runs collapse and the ends trim).
    pending_space: Option<usize>,
}

impl Builder {
    fn space(&mut self, src: usize) {
        if !self.text.is_empty() && self.pending_space.is_none() {
            self.pending_space = Some(src);
        }
    }

    fn push_char(&mut self, c: char, src: usize) {
        if let Some(at) = self.pending_space.take() {
            self.text.push(' ');
            self.map.push(at as u32);
        }
        let before = self.text.len();
        self.text.push(c);
        for _ in before..self.text.len() {
            self.map.push(src as u32);
        }
    }

    /// NFKC of one character, then the folds.
    fn push_folded(&mut self, c: char, src: usize) {
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '‘' | '’' | '‚' | '‛' | '′' | '´' | 'ʼ' => self.push_char('\'', src),
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' | '「' | '」' => self.push_char('"', src),
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹣' | '－' => self.push_char('-', src),
            c if c.is_whitespace() => self.space(src),
            c if c.is_ascii() => self.push_char(c.to_ascii_lowercase(), src),
            c => {
                let mut buf = [char::default(); 4];
                let mut n = 0;
                for d in std::iter::once(c).nfkc() {
                    if n < buf.len() {
                        buf[n] = d;
                        n += 1;
                    }
                }
                for &d in &buf[..n] {
                    if d == c {
                        for l in d.to_lowercase() {
                            self.push_char(l, src);
                        }
                    } else {
                        self.push_folded_once(d, src);
                    }
                }
            }
        }
    }

    /// The folds without another NFKC round (NFKC output is stable).
    fn push_folded_once(&mut self, c: char, src: usize) {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' | '´' => self.push_char('\'', src),
            '“' | '”' | '„' | '‟' | '″' => self.push_char('"', src),
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => self.push_char('-', src),
            c if c.is_whitespace() => self.space(src),
            c => {
                for l in c.to_lowercase() {
                    self.push_char(l, src);
                }
            }
        }
    }
}

/// A stray HTML entity at the start of `s`: the character and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "shy" => '\u{AD}',
            "eacute" => 'é',
            "euro" => '€',
            "copy" => '©',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let src = "  “Don’t” —\u{00AD}Ünï\u{200B}code&amp;Co  ﬁne\u{0301}  ";
        let n = Normalized::new(src);
        assert_eq!(n.text, "\"don't\" -ünïcode&co finé");
        assert_eq!(n.map.len(), n.text.len() + 1);
        let i = n.text.find("code").unwrap_or(0);
        let s = n.to_source(Span::new(i, i + 4));
        assert_eq!(s.slice(src), "code");
        let i = n.text.find("&co").unwrap_or(0);
        assert_eq!(n.to_source(Span::new(i, i + 3)).slice(src), "&amp;Co");
        let i = n.text.find("fin").unwrap_or(0);
        assert_eq!(n.to_source(Span::new(i, n.text.len())).slice(src), "ﬁne\u{0301}");
    }
}
