//! The shape of one run of text, judged alone; `layout` adds the context.

use crate::credit::{Found, copyright_holder, credit_line, photo_credit, source_line_lower};
use crate::lexicon::{
    AD_LABEL_SET, AD_LINE, Phrases, SHARE_LABEL_SET, SOCIAL, SOCIAL_LINE, SOCIAL_SET, TEASER_HEADER_SET, TEASER_LINE,
};
use crate::meta::{MetaLine, segments};
use crate::scan::Scan;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// "advertisement", "annonse" alone on a line.
    AdLabel,
    TeaserHeader,
    Form,
    Promo,
    Share,
    Nav,
    Meta(Box<MetaLine>),
    Copyright(String),
    /// "(Reporting by …; Editing by …)": the people or agencies it names.
    CreditLine(Vec<(Found, crate::model::CreditKind)>),
    /// "Source: X", "via X". (Rare shapes keep their names boxed: a shape
    /// travels with every line, and a small one is cheap to move.)
    Source(Box<Found>),
    /// A list item; `dash` for "-", "–", "—" bullets, which also open
    /// dialogue paragraphs in some languages.
    Bullet { dash: bool },
    Caption(Box<Found>),
    /// Digits and percent signs only, or "5 Star": rating-widget counters.
    Counter,
    /// A short line without final punctuation: headline, heading, label.
    Title,
    /// No letters or digits: "--", "* * *", "———".
    Rule,
    Paragraph,
}

/// Longest line still judged as a title (headline, heading).
const TITLE_MAX: usize = 240;
/// Longest line judged as page furniture (share, nav, promo …).
const FURNITURE_MAX: usize = 300;

/// The lower-cased line and the phrase lists found in it, computed on first
/// use (most lines are decided before any test needs them) into a buffer
/// reused from line to line.
struct Lower<'a> {
    line: &'a str,
    /// The line is ASCII (from its scan).
    ascii: bool,
    buf: &'a mut String,
    ready: bool,
    hits: Option<u8>,
}

impl Lower<'_> {
    fn text(&mut self) -> &str {
        if !self.ready {
            self.buf.clear();
            if self.ascii {
                self.buf.push_str(self.line);
                self.buf.make_ascii_lowercase();
            } else {
                crate::text::lowercase_into(self.line, self.buf);
            }
            self.ready = true;
        }
        self.buf
    }

    /// `lexicon::sets::line_hits` of the lower-cased line (its automaton
    /// ignores ASCII case: an ASCII line is searched as it is, another one
    /// lower-cased char by char as it is fed, without a copy).
    #[inline]
    fn hits(&mut self) -> u8 {
        match self.hits {
            Some(h) => h,
            None => self.walk(),
        }
    }

    /// The first [`Lower::hits`] of a line, out of line (four call sites).
    #[inline(never)]
    fn walk(&mut self) -> u8 {
        let h = if self.ascii {
            crate::lexicon::sets::line_hits(self.line)
        } else if self.ready {
            crate::lexicon::sets::line_hits(self.buf)
        } else {
            crate::lexicon::sets::line_hits_folded(self.line)
        };
        self.hits = Some(h);
        h
    }
}

/// The shape of `line` (a trimmed run) and its scan (word count, byte
/// classes); `buf` is scratch space kept across lines.
#[inline]
pub(crate) fn shape(line: &str, buf: &mut String) -> (Shape, Scan) {
    let scan = Scan::of(line);
    (shape_scanned(line, &scan, buf), scan)
}

fn shape_scanned(line: &str, scan: &Scan, buf: &mut String) -> Shape {
    use crate::lexicon::sets::{FORM_HIT, PROMO_HIT, SOURCE_HIT};
    let short = line.len() <= FURNITURE_MAX;
    let has_alnum = scan.has_ascii_alnum() || (!scan.is_ascii() && line.chars().any(char::is_alphanumeric));
    if short && !has_alnum {
        return Shape::Rule;
    }
    let words = scan.words;
    // Labels and headers are a few words long.
    let label = line.len() <= 48;
    // (Slices of an ASCII line are looked up as ASCII: the inlined test.)
    let lookup = |set: &Phrases, p: &str| if scan.is_ascii() { set.contains_ascii(p) } else { set.contains(p) };
    let alnum_end = line.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric);
    // An ASCII label line with a letter or digit at both ends is what every
    // whole-line list looks up: one hashed lookup answers them all.
    let plain = label && scan.is_ascii() && alnum_end && line.as_bytes()[0].is_ascii_alphanumeric();
    let labels = if plain { crate::lexicon::line_labels(line) } else { 0 };
    if label && if plain { labels & AD_LINE != 0 } else { lookup(&AD_LABEL_SET, trim_non_alnum(line)) } {
        return Shape::AdLabel;
    }
    if label
        && if plain {
            labels & TEASER_LINE != 0
        } else {
            let head = if alnum_end {
                line
            } else if scan.is_ascii() {
                // ('»' and '›' are not ASCII: the rest trimmed as bytes.)
                let b = line.as_bytes();
                &line[..b.iter().rposition(|c| !b":.> ".contains(c)).map_or(0, |p| p + 1)]
            } else {
                line.trim_end_matches([':', '.', '»', '›', '>', ' '])
            };
            lookup(&TEASER_HEADER_SET, head)
        }
    {
        return Shape::TeaserHeader;
    }
    let mut lower = Lower { line, ascii: scan.is_ascii(), buf, ready: false, hits: None };
    if short && words <= 20 && lower.hits() & FORM_HIT != 0 {
        return Shape::Form;
    }
    // Every copyright line opens with one of the holder grammar's prefixes.
    if short
        && matches!(
            // (A run opens with a visible char: trimmed only when not ASCII.)
            if line.as_bytes().first().is_some_and(u8::is_ascii_graphic) { line } else { crate::text::trim_start(line) }.as_bytes(),
            [b'(', b'c' | b'C', b')', ..] | [0xC2, 0xA9, ..] | [b'C' | b'c', b'o' | b'O', ..]
        )
        && let Some(holder) = copyright_holder(line)
    {
        let chrome = line.contains(['|', '·']) || lower.text().contains("privacy") || lower.text().contains("terms");
        return if chrome { Shape::Promo } else { Shape::Copyright(holder) };
    }
    if short && let Some(inner) = credit_line(line) {
        return Shape::CreditLine(crate::credit::credit_line_names(line, inner));
    }
    if short && (is_share(line, scan, plain.then_some(labels), &mut lower) || is_rating(line, scan)) {
        return Shape::Share;
    }
    if short && is_form_field(line, words, &mut lower) {
        return Shape::Form;
    }
    let separated = short && crate::meta::has_separator_scanned(line, scan);
    if let Some(m) = crate::meta::meta_line_scanned(line, scan, separated) {
        return Shape::Meta(Box::new(m));
    }
    if short && is_nav(line, scan, separated) {
        return Shape::Nav;
    }
    if short && words <= 30 && lower.hits() & PROMO_HIT != 0 {
        return Shape::Promo;
    }
    if short
        && words <= 20
        && lower.hits() & SOURCE_HIT != 0
        && let Some(found) = source_line_lower(line, lower.text())
    {
        return Shape::Source(Box::new(found));
    }
    if let Some(dash) = bullet(line) {
        return Shape::Bullet { dash };
    }
    // Every photo-credit form holds one of these bytes.
    if words >= 8
        && (scan.has(b'/') || scan.has(b'(') || scan.has(b':'))
        && let Some(found) = photo_credit(line)
    {
        return Shape::Caption(Box::new(found));
    }
    if short && scan.has_digit() && is_counter(line) {
        return Shape::Counter;
    }
    if line.len() <= TITLE_MAX
        && words <= 30
        && (scan.has_ascii_letter() || (!scan.is_ascii() && line.chars().any(char::is_alphabetic)))
        // Titles do not end a sentence, in any script (danda, ideographic
        // full stop …); a line ending in an ASCII byte is tested on it alone.
        && !match line.as_bytes().last() {
            Some(&c) if c.is_ascii() => matches!(c, b'.' | b',' | b';' | b':'),
            _ => line.ends_with(['.', ',', ';', ':', '।', '॥', '。', '．', '，', '；', '：', '۔', '։', '።', '။']),
        }
    {
        return Shape::Title;
    }
    Shape::Paragraph
}

/// `line` without the non-alphanumeric chars at its ends; most lines
/// start and end with an ASCII letter or digit and are kept as they are.
fn trim_non_alnum(line: &str) -> &str {
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric) {
        return line;
    }
    // ASCII ends trimmed byte by byte, chars only from a non-ASCII byte on.
    let cut = |c: &u8| c.is_ascii() && !c.is_ascii_alphanumeric();
    let start = b.iter().position(|c| !cut(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !cut(c)).map_or(start, |p| (p + 1).max(start));
    // Ends now ASCII are letters or digits: only non-ASCII ends need chars.
    if b.get(start).is_none_or(u8::is_ascii) && b.get(end.wrapping_sub(1)).is_none_or(u8::is_ascii) {
        return &line[start..end];
    }
    line[start..end].trim_matches(|c: char| !c.is_alphanumeric())
}

/// `labels`: the line's [`crate::lexicon::line_labels`], when it was looked up.
fn is_share(line: &str, scan: &Scan, labels: Option<u8>, lower: &mut Lower) -> bool {
    // A share bar scraped one network per line: "Facebook", "Twitter" (no
    // entry has over two words, and lower-casing keeps the word count).
    // An ASCII line lower-cases byte for byte: it is looked up as it is.
    let ascii = scan.is_ascii();
    if scan.words <= 2 {
        if ascii {
            let social = match labels {
                Some(l) => l & SOCIAL_LINE != 0,
                None => SOCIAL_SET.contains_ascii(line),
            };
            if line.len() >= 4 && social {
                return true;
            }
        } else {
            let l = lower.text();
            if l.len() >= 4 && SOCIAL.contains(&l.trim()) {
                return true;
            }
        }
    }
    if scan.has(b':') {
        // The label before the colon is looked up as written, blind to case:
        // lower-casing neither makes nor moves a colon, so this is the label
        // of the lower-cased line (a sigma before the colon may lower-case
        // differently alone, and no label holds one).
        let shared = line.split_once(':').is_some_and(|(label, _)| {
            if ascii { SHARE_LABEL_SET.contains_ascii(label) } else { SHARE_LABEL_SET.contains(label) }
        });
        if shared {
            return true;
        }
    }
    // The scan is exact for lines this short; '·' ends in B7 and '•' in A2.
    let separators = scan.has(b'|')
        || scan.has(b'[')
        || scan.has(b',')
        || (scan.has(0xB7) && line.contains('·'))
        || (scan.has(0xA2) && line.contains('•'));
    if line.len() > 200 || !separators {
        return false;
    }
    if ascii {
        // Split on the ASCII separators byte by byte, each token looked up
        // ASCII-case-blind: no lower-cased copy, no char decoding.
        // Tokens are at most one more than the separators (vector counts):
        // most prose lines have too few, or run out of room for enough
        // share-bar entries after their first long tokens.
        let b = line.as_bytes();
        let seps = memchr::memchr3_iter(b',', b'|', b'[', b).count() + memchr::memchr_iter(b']', b).count();
        if seps < 2 {
            return false;
        }
        return mostly_social(ascii_tokens(line).map(|t| t.len() <= SOCIAL_MAX && SOCIAL_SET.contains_ascii(t)), seps + 1);
    }
    // Tokens split from the line as written and looked up blind to case,
    // as the colon label above: no lower-cased copy of the whole line. As
    // for ASCII lines, the separators bound the tokens ('·' is C2 B7, '•'
    // E2 80 A2: counted from their last bytes).
    let b = line.as_bytes();
    let seps = memchr::memchr3_iter(b',', b'|', b'[', b).count()
        + memchr::memchr_iter(b']', b).count()
        + memchr::memchr_iter(0xB7, b).filter(|&p| p >= 1 && b[p - 1] == 0xC2).count()
        + memchr::memchr_iter(0xA2, b).filter(|&p| p >= 2 && b[p - 2..p] == [0xE2, 0x80]).count();
    if seps < 2 {
        return false;
    }
    let tokens = line.split(['|', '·', '•', '[', ']', ',']).map(str::trim).filter(|t| !t.is_empty());
    mostly_social(tokens.map(|t| SOCIAL_SET.contains(t)), seps + 1)
}

/// The trimmed, non-empty tokens of an ASCII line between `|`, `[`, `]`
/// and `,`, the separators found by vector searches (the next `]` kept
/// until passed: most lines have none).
fn ascii_tokens(line: &str) -> impl Iterator<Item = &str> {
    // (ASCII whitespace as `str::trim` sees it, vertical tab included.)
    let space = |c: u8| matches!(c, b' ' | b'\t'..=b'\r');
    let b = line.as_bytes();
    let mut start = 0;
    let mut close: Option<Option<usize>> = None;
    std::iter::from_fn(move || {
        while start <= b.len() {
            if close.is_none_or(|c| c.is_some_and(|c| c < start)) {
                close = Some(memchr::memchr(b']', &b[start..]).map(|p| start + p));
            }
            let other = memchr::memchr3(b',', b'|', b'[', &b[start..]).map(|p| start + p);
            let end = match (other, close.flatten()) {
                (Some(a), Some(c)) => a.min(c),
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => b.len(),
            };
            let (mut s, mut e) = (start, end);
            start = end + 1;
            while s < e && space(b[s]) {
                s += 1;
            }
            while e > s && space(b[e - 1]) {
                e -= 1;
            }
            // (ASCII separators: `s..e` falls on char boundaries.)
            if let Some(t) = line.get(s..e).filter(|t| !t.is_empty()) {
                return Some(t);
            }
        }
        None
    })
}

/// Bytes of the longest share-bar entry: a longer ASCII token is none.
const SOCIAL_MAX: usize = {
    let (mut max, mut k) = (0, 0);
    while k < SOCIAL.len() {
        if SOCIAL[k].len() > max {
            max = SOCIAL[k].len();
        }
        k += 1;
    }
    max
};

/// At least three tokens, two thirds of them share-bar entries; `most`
/// bounds the number of tokens, so the answer is no as soon as the others
/// exceed a third of it.
fn mostly_social(tokens: impl Iterator<Item = bool>, most: usize) -> bool {
    let (mut n, mut social) = (0, 0);
    for is_social in tokens {
        n += 1;
        social += usize::from(is_social);
        if (n - social) * 3 > most {
            return false;
        }
    }
    n >= 3 && social * 3 >= n * 2
}

/// Star ratings and emoji reaction bars: "Rate this: ★★★★☆ (5 votes)",
/// "👍 142   😮 17".
fn is_rating(line: &str, scan: &Scan) -> bool {
    // The stars are led by 0xE2 in UTF-8, the emoji (four-byte sequences) by 0xF0.
    if line.len() > 160 || !(scan.has(0xE2) || scan.has(0xF0)) {
        return false;
    }
    // '★' and '☆' are E2 98 85 and E2 98 86: looked for from the E2 bytes
    // (mostly curly quotes) instead of char by char.
    let b = line.as_bytes();
    if scan.has(0x98) && memchr::memchr_iter(0xE2, b).any(|p| matches!(b.get(p + 1..p + 3), Some([0x98, 0x85 | 0x86]))) {
        return true;
    }
    if !scan.has(0xF0) {
        return false;
    }
    let emoji = line.chars().filter(|&c| ('\u{1F300}'..='\u{1FAFF}').contains(&c)).count();
    emoji >= 2 && scan.has_digit()
}

/// Comment-form fields ("Name *", "Email*") and buttons ("[Post Comment]").
fn is_form_field(line: &str, words: usize, lower: &mut Lower) -> bool {
    let few_words = words <= 3;
    if line.ends_with('*') && few_words {
        return true;
    }
    let button = line.starts_with('[') && line.ends_with(']') && !line[1..].contains('[');
    // The word search runs only where its answer matters.
    if !(button || (!line.ends_with('.') && few_words)) {
        return false;
    }
    lower.hits() & crate::lexicon::sets::FORM_WORD_HIT != 0
}

fn is_nav(line: &str, scan: &Scan, separated: bool) -> bool {
    let gt = scan.has(b'>') && line.contains(" > ");
    if !separated && !scan.double_space && !gt {
        return false;
    }
    // '›' ends in BA, '»' in BB: the scan is exact for lines this short.
    let arrows = (scan.has(0xBA) || scan.has(0xBB)) && line.contains(['›', '»']);
    if gt && !arrows {
        // A breadcrumb "Home > News > World", split at its arrows alone.
        return all_small(line.split(" > ").map(str::trim), 2);
    }
    // Menus separated by runs of spaces too: "HOME   ABOUT   CONTACT" (a
    // line without two spaces in a row is not split again).
    let double = scan.double_space;
    let segs = segments(line).flat_map(move |(seg, _)| split_double_space(seg, double)).map(str::trim);
    all_small(segs.filter(|s| !s.is_empty()), if arrows { 2 } else { 3 })
}

/// `seg.split("  ")`, or `seg` alone when it may hold no double space.
fn split_double_space(seg: &str, may_hold: bool) -> impl Iterator<Item = &str> {
    let mut rest = Some(seg);
    std::iter::from_fn(move || {
        let s = rest?;
        match may_hold.then(|| s.find("  ")).flatten() {
            Some(p) => {
                rest = Some(&s[p + 2..]);
                Some(&s[..p])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// At least `enough` segments, all of them menu-entry sized; stops at the
/// first that is not (most separated lines are prose or metadata).
fn all_small<'a>(segs: impl Iterator<Item = &'a str>, enough: usize) -> bool {
    let mut n = 0;
    for s in segs {
        if s.len() > 32 || s.ends_with(['.', '!', '?', ',']) || s.split_whitespace().count() > 4 {
            return false;
        }
        n += 1;
    }
    n >= enough
}

/// `Some(dash)` when the line opens with a list bullet.
fn bullet(line: &str) -> Option<bool> {
    // Most lines open with a letter: no bullet, no list number.
    if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut chars = line.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if matches!(first, '•' | '*' | '·' | '▪' | '◦' | '►' | '▶' | '→' | '✓' | '✔') && second.is_whitespace() {
        return Some(false);
    }
    if matches!(first, '-' | '–' | '—') && second.is_whitespace() {
        return Some(true);
    }
    // "1. ", "2) "
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && line[digits..].starts_with([')', '.']) && line[digits + 1..].starts_with(' ') {
        return Some(false);
    }
    None
}

fn is_counter(line: &str) -> bool {
    if line.len() > 24 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // The rest, lower-cased, on the stack: the words are ASCII and at most
    // eight bytes, so any other rest answers no.
    let mut rest = [0u8; 8];
    let mut n = 0;
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII bytes lower-cased as bytes; other chars decoded.
        let l = if b[i] < 0x80 {
            i += 1;
            let c = b[i - 1];
            if c.is_ascii_digit() || b" %.,/+-".contains(&c) {
                continue;
            }
            c.to_ascii_lowercase()
        } else {
            let Some(c) = line[i..].chars().next() else { break };
            i += c.len_utf8();
            if c == '★' || c == '☆' {
                continue;
            }
            let mut lower = c.to_lowercase();
            // (The Kelvin sign lower-cases to an ASCII "k".)
            let (Some(l), None) = (lower.next(), lower.next()) else { return false };
            if !l.is_ascii() {
                return false;
            }
            l as u8
        };
        if n == rest.len() {
            return false;
        }
        rest[n] = l;
        n += 1;
    }
    let rest = &rest[..n];
    rest.is_empty() || ["star", "stars", "votes", "vote", "likes", "comments"].iter().any(|w| w.as_bytes() == rest)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_tokens_match_the_split() {
        for s in ["", ",", "a", "Facebook | X, [Email] ,, Print ", "]x[y]z,", "a,b|c[d]e", " \t, \x0b ", "one] two] three"] {
            let want: Vec<&str> = s.split(['|', '[', ']', ',']).map(str::trim).filter(|t| !t.is_empty()).collect();
            assert_eq!(super::ascii_tokens(s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn counter_matches_the_char_walk() {
        fn by_chars(line: &str) -> bool {
            if line.len() > 24 || !line.bytes().any(|b| b.is_ascii_digit()) {
                return false;
            }
            let rest: Option<String> = line
                .chars()
                .filter(|c| !c.is_ascii_digit() && !" %.,/★☆+-".contains(*c))
                .map(|c| {
                    let mut l = c.to_lowercase();
                    match (l.next(), l.next()) {
                        (Some(l), None) if l.is_ascii() => Some(l),
                        _ => None,
                    }
                })
                .collect();
            rest.is_some_and(|r| r.len() <= 8 && (r.is_empty() || ["star", "stars", "votes", "vote", "likes", "comments"].contains(&r.as_str())))
        }
        for s in ["0 %", "5 Star", "5 STARS", "12 votes", "3\u{212A}", "★★★ 4", "1,204 Comments", "12 comments!", "4/5", "2 Likes ☆", "9 é", "7 vote", "1 2 3", "x1", "42", "5 Sterne"] {
            assert_eq!(super::is_counter(s), by_chars(s), "{s:?}");
        }
    }

    #[test]
    fn trim_non_alnum_matches_the_char_walk() {
        for s in ["", "--", "Ad", "«Реклама»", " (advertisement) ", "“Anzeige”.", "…x…", "¡Hola!", "Дом.", "9 –", "é", "[ ]"] {
            assert_eq!(super::trim_non_alnum(s), s.trim_matches(|c: char| !c.is_alphanumeric()), "{s:?}");
        }
    }
}
