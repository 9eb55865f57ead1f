//! Where each extracted block sits in the page source.
//!
//! html5ever reports no source positions, so a light second scan of the
//! decoded page records, for every visible non-space character (text outside
//! tags, comments, `<script>`/`<style>`/`<title>`-like raw text; entities
//! decoded), the byte range of the source it came from. Each block's text,
//! spaces removed, is then found in that character stream in document order
//! (earliest match after the previous block; a block the tree builder moved
//! out of order is looked for from the start). Both passes are linear in the
//! page size; the match uses `memmem`.

use memchr::memmem;

/// The visible non-space characters of a page, each with its source range.
pub(crate) struct Visible {
    /// The characters, concatenated.
    flat: String,
    /// For each byte of `flat`: where in the source its character starts (its
    /// end is found again from the source when needed).
    start: Vec<u32>,
}

/// Elements whose content is raw text, never markup, and never article text.
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "title", "textarea"];

impl Visible {
    /// Scans `html`; `None` when the page is too large for 32-bit offsets.
    pub(crate) fn scan(html: &str) -> Option<Visible> {
        u32::try_from(html.len()).ok()?;
        let mut v = Visible { flat: String::with_capacity(html.len() / 3), start: Vec::with_capacity(html.len() / 3) };
        let b = html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let Some(off) = memchr::memchr2(b'<', b'&', &b[i..]) else {
                v.text(html, i, b.len());
                break;
            };
            let j = i + off;
            v.text(html, i, j);
            if b[j] == b'&' {
                match entity(&html[j..]) {
                    Some((chars, len)) => {
                        for c in chars.into_iter().flatten() {
                            v.push(c, j);
                        }
                        i = j + len;
                    }
                    None => {
                        v.push('&', j);
                        i = j + 1;
                    }
                }
            } else {
                i = v.markup(html, j);
            }
        }
        Some(v)
    }

    fn push(&mut self, c: char, at: usize) {
        if c.is_whitespace() {
            return;
        }
        self.flat.push(c);
        // `scan` checked that every source offset fits in u32.
        for _ in 0..c.len_utf8() {
            self.start.push(at as u32);
        }
    }

    fn text(&mut self, html: &str, from: usize, to: usize) {
        let seg = &html[from..to];
        if seg.is_ascii() {
            // Most page text: one byte, one character.
            for (k, &c) in seg.as_bytes().iter().enumerate() {
                if !matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
                    self.flat.push(c as char);
                    self.start.push((from + k) as u32);
                }
            }
            return;
        }
        for (k, c) in seg.char_indices() {
            self.push(c, from + k);
        }
    }

    /// Markup at `j` (a `<`): returns where text resumes.
    fn markup(&mut self, html: &str, j: usize) -> usize {
        let b = html.as_bytes();
        let rest = &b[j..];
        if rest.starts_with(b"<!--") {
            return memmem::find(&rest[4..], b"-->").map_or(b.len(), |k| j + 4 + k + 3);
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            return memchr::memchr(b'>', rest).map_or(b.len(), |k| j + k + 1);
        }
        let name_at = if rest.get(1) == Some(&b'/') { 2 } else { 1 };
        if !rest.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            // A lone `<` is text.
            self.push('<', j);
            return j + 1;
        }
        let name_len = rest[name_at..].iter().position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>').unwrap_or(rest.len() - name_at);
        let name = &rest[name_at..name_at + name_len];
        let after = tag_end(b, j + name_at + name_len);
        if name_at == 1 {
            if name.eq_ignore_ascii_case(b"plaintext") {
                return b.len();
            }
            if RAW_TEXT.iter().any(|t| name.eq_ignore_ascii_case(t.as_bytes())) {
                return closing_tag(b, after, name);
            }
        }
        after
    }

    /// Finds each block's text (in order) and returns its source range.
    pub(crate) fn place<'a>(&self, html: &str, blocks: impl IntoIterator<Item = &'a str>) -> Vec<Option<(usize, usize)>> {
        let hay = self.flat.as_bytes();
        let mut cursor = 0;
        let mut needle = String::new();
        let mut out = Vec::new();
        for text in blocks {
            needle.clear();
            needle.extend(text.chars().filter(|c| !c.is_whitespace()));
            if needle.is_empty() {
                out.push(None);
                continue;
            }
            let n = needle.as_bytes();
            let found = match memmem::find(&hay[cursor..], n) {
                Some(k) => {
                    cursor += k + n.len();
                    Some(cursor - n.len())
                }
                None => memmem::find(hay, n),
            };
            out.push(found.map(|s| (self.start[s] as usize, char_end(html, self.start[s + n.len() - 1] as usize))));
        }
        out
    }
}

/// The end of the source of the visible character that starts at `at`: a
/// character reference's, or the character's own.
fn char_end(html: &str, at: usize) -> usize {
    let rest = html.get(at..).unwrap_or_default();
    if rest.starts_with('&')
        && let Some((_, len)) = entity(rest)
    {
        return at + len;
    }
    at + rest.chars().next().map_or(0, char::len_utf8)
}

/// The end of a tag whose name ends at `k`: after the `>`, skipping quoted
/// attribute values (which may hold a `>`).
fn tag_end(b: &[u8], mut k: usize) -> usize {
    let mut prev = 0u8;
    while k < b.len() {
        match b[k] {
            b'>' => return k + 1,
            q @ (b'"' | b'\'') if prev == b'=' => {
                k = memchr::memchr(q, &b[k + 1..]).map_or(b.len(), |e| k + 1 + e + 1);
                prev = q;
                continue;
            }
            c if !c.is_ascii_whitespace() => prev = c,
            _ => {}
        }
        k += 1;
    }
    b.len()
}

/// Where the raw text of element `name` ends: at its closing tag (which is
/// then read as markup), or the end of the page.
fn closing_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut k = from;
    while let Some(off) = memmem::find(&b[k..], b"</") {
        let at = k + off;
        let tail = &b[at + 2..];
        if tail.len() >= name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name)
            && tail.get(name.len()).is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            return at;
        }
        k = at + 2;
    }
    b.len()
}

/// A character reference at the start of `s` (which starts with `&`): the
/// characters it stands for and its length; `None` when it is a plain `&`.
fn entity(s: &str) -> Option<([Option<char>; 2], usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_at = if hex { 3 } else { 2 };
        let digits = b[digits_at..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return None;
        }
        let mut len = digits_at + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let text = &s[digits_at..digits_at + digits];
        let code = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        return Some(([Some(numeric(code)), None], len));
    }
    let name_len = b[1..].iter().take(32).take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let known = |key: &str| html5ever::data::NAMED_ENTITIES.get(key).copied().filter(|&(c, _)| c != 0);
    if b.get(1 + name_len) == Some(&b';')
        && let Some(cps) = known(&s[1..name_len + 2])
    {
        return Some((chars(cps), name_len + 2));
    }
    // Legacy references without the semicolon ("&amp", "&copy2024"): the longest known prefix.
    (2..=name_len).rev().find_map(|k| known(&s[1..1 + k]).map(|cps| (chars(cps), 1 + k)))
}

fn chars((a, b): (u32, u32)) -> [Option<char>; 2] {
    [char::from_u32(a), (b != 0).then(|| char::from_u32(b)).flatten()]
}

/// A numeric reference's character as the HTML tokenizer reads it: C1
/// controls are the Windows-1252 characters, invalid ones U+FFFD.
fn numeric(code: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019,
        0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let code = if (0x80..0xA0).contains(&code) { C1[(code - 0x80) as usize] } else { code };
    if code == 0 { '\u{FFFD}' } else { char::from_u32(code).unwrap_or('\u{FFFD}') }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, blocks: &[&str], want: &[Option<&str>]) {
        let v = Visible::scan(html).unwrap();
        let got: Vec<Option<&str>> = v.place(html, blocks.iter().copied()).into_iter().map(|r| r.map(|(s, e)| &html[s..e])).collect();
        assert_eq!(got, want, "{html}");
    }

    #[test]
    fn places_blocks() {
        check("<p>Hello <b>big</b> world</p><p>Next</p>", &["Hello big world", "Next"], &[Some("Hello <b>big</b> world"), Some("Next")]);
        check("<p>Tom &amp; Jerry&nbsp;run</p>", &["Tom & Jerry run"], &[Some("Tom &amp; Jerry&nbsp;run")]);
        check("<p>caf&#233; &#x2014; &#151;</p>", &["café — —"], &[Some("caf&#233; &#x2014; &#151;")]);
        check("<p>&copy2024 &notit; &bogus;</p>", &["©2024 ¬it; &bogus;"], &[Some("&copy2024 &notit; &bogus;")]);
        check("<title>Storm</title><script>var s='<p>Storm</p>'</script><h1>Storm</h1>", &["Storm"], &[Some("Storm")]);
        check("<!-- <p>Storm</p> --><a title=\"x>Storm\">Storm</a>", &["Storm"], &[Some("Storm")]);
        // Out of order (foster-parented table text), missing, and empty blocks.
        check("<p>One</p><p>Two</p>", &["Two", "One", "Three", " "], &[Some("Two"), Some("One"), None, None]);
        check("a < b <3 <p>c", &["a<b<3c"], &[Some("a < b <3 <p>c")]);
    }

    #[test]
    fn unterminated_markup_is_not_a_panic() {
        for html in ["<", "<!--", "<a href='", "&", "&#", "&#x", "<script>x", "</", "<p", "&#99999999999;"] {
            let v = Visible::scan(html).unwrap();
            let _ = v.place(html, ["x"]);
        }
    }
}
