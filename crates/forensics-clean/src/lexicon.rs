//! The widget and label lexicon (`data/lexicon.tsv`): short lines that are
//! page furniture in several languages (share, rating, comments, newsletter,
//! cookie, related, read-more, copyright, advert, navigation).

use crate::table::Table;
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// What kind of furniture a label line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Related,
    Comments,
    Newsletter,
    Share,
    Rating,
    ReadMore,
    Advert,
    Cookie,
    Copyright,
    /// Links to the site's terms and privacy policy (a footer, but also a
    /// header or a cookie box: unlike a copyright notice, they do not mark
    /// the end of the page).
    Terms,
    Nav,
    Caption,
}

impl Label {
    fn parse(s: &str) -> Option<Label> {
        Some(match s {
            "related" => Label::Related,
            "comments" => Label::Comments,
            "newsletter" => Label::Newsletter,
            "share" => Label::Share,
            "rating" => Label::Rating,
            "readmore" => Label::ReadMore,
            "advert" => Label::Advert,
            "cookie" => Label::Cookie,
            "copyright" => Label::Copyright,
            "terms" => Label::Terms,
            "nav" => Label::Nav,
            "caption" => Label::Caption,
            _ => return None,
        })
    }

    /// The rule name recorded in a [`crate::Removal`].
    pub fn rule(self) -> &'static str {
        match self {
            Label::Related => "lexicon:related",
            Label::Comments => "lexicon:comments",
            Label::Newsletter => "lexicon:newsletter",
            Label::Share => "lexicon:share",
            Label::Rating => "lexicon:rating",
            Label::ReadMore => "lexicon:read-more",
            Label::Advert => "lexicon:advert",
            Label::Cookie => "lexicon:cookie",
            Label::Copyright | Label::Terms => "lexicon:copyright",
            Label::Nav => "lexicon:navigation",
            Label::Caption => "lexicon:caption",
        }
    }

    /// Labels that head a section of non-article items (teasers, comments)
    /// rather than standing alone. Newsletter boxes are inserted inside
    /// articles too often to take what follows them.
    pub fn opens_zone(self) -> bool {
        matches!(self, Label::Related | Label::Comments)
    }
}

/// What a folded pattern is under each mode of `data/lexicon.tsv`.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    line: Option<Label>,
    prefix: Option<Label>,
    word: Option<Label>,
    suffix: Option<Label>,
    colon: Option<Label>,
}

impl Entry {
    /// The first row of a pattern and mode wins.
    fn merge(self, later: Entry) -> Entry {
        Entry {
            line: self.line.or(later.line),
            prefix: self.prefix.or(later.prefix),
            word: self.word.or(later.word),
            suffix: self.suffix.or(later.suffix),
            colon: self.colon.or(later.colon),
        }
    }
}

struct Lexicon {
    /// Every exact-match pattern (line, prefix, word, suffix, colon): one
    /// look-up answers all the modes a string can match in.
    exact: Table<Entry>,
    contains: AhoCorasick,
    contains_labels: Vec<Label>,
    /// The shortest `contains` pattern: shorter lines need no search.
    contains_min: usize,
    /// Four bytes of each `contains` pattern (bit [`anchor_bit`]): a line
    /// holding none of them holds no pattern, and needs no search.
    anchors: Box<[u64; 1024]>,
    /// A `contains` pattern too short for an anchor: search every line.
    search_always: bool,
    /// The first word of every `prefix` pattern: a line starting with
    /// another word matches no prefix.
    prefix_first: Table<()>,
    /// The first word of every `line`, `word`, `prefix` and `colon`
    /// pattern: a line whose folded text starts with another word can
    /// only match a `suffix` or a `contains` pattern (see [`Lexicon::may_match`]).
    first: Table<()>,
    /// A pattern of one of those modes folds to nothing, or a `contains`
    /// pattern has no anchor: every line may match.
    gate_off: bool,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut exact: Vec<(String, Entry)> = Vec::new();
        let mut pats = Vec::new();
        let mut contains_labels = Vec::new();
        for row in include_str!("../data/lexicon.tsv").lines() {
            if row.starts_with('#') || row.trim().is_empty() {
                continue;
            }
            let mut cols = row.split('\t');
            let (Some(cat), Some(mode), Some(pat)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let Some(label) = Label::parse(cat) else { continue };
            let pat = fold(pat);
            let mut e = Entry::default();
            match mode {
                "line" => e.line = Some(label),
                "prefix" => e.prefix = Some(label),
                "suffix" => e.suffix = Some(label),
                "colon" => e.colon = Some(label),
                "word" => e.word = Some(label),
                "contains" => {
                    pats.push(pat);
                    contains_labels.push(label);
                    continue;
                }
                _ => continue,
            }
            exact.push((pat, e));
        }
        let exact_table = Table::build(exact.iter().map(|(p, e)| (p.as_bytes(), *e)), Entry::merge);
        let prefix_first = Table::build(
            exact.iter().filter(|(_, e)| e.prefix.is_some()).map(|(p, _)| (p.as_bytes().split(|&b| b == b' ').next().unwrap_or(&[]), ())),
            |_, _| (),
        );
        let first = Table::build(exact.iter().map(|(p, _)| (p.as_bytes().split(|&b| b == b' ').next().unwrap_or(&[]), ())), |_, _| ());
        let empty_pattern = exact.iter().any(|(p, _)| p.is_empty());
        let exact = exact_table;
        let contains_min = pats.iter().map(String::len).min().unwrap_or(0);
        let mut anchors = Box::new([0u64; 1024]);
        let mut search_always = false;
        let common: std::collections::HashMap<&[u8], usize> =
            crate::stopwords::all_words().flat_map(|w| w.windows(4)).fold(Default::default(), |mut m, g| {
                *m.entry(g).or_default() += 1;
                m
            });
        for p in &pats {
            match anchor(p.as_bytes(), &common) {
                Some(a) => {
                    let bit = anchor_bit(a);
                    anchors[bit >> 6] |= 1 << (bit & 63);
                }
                None => search_always = true,
            }
        }
        // The patterns are fixed data; a build failure would be a bug in the
        // file, caught by the tests, so fall back to matching nothing.
        let contains = AhoCorasick::new(&pats).unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton"));
        // (First words longer than the gate's buffer would be missed.)
        let gate_off = empty_pattern || search_always || first.max_len() > 32;
        Lexicon { exact, contains, contains_labels, contains_min, anchors, search_always, prefix_first, first, gate_off }
    })
}

/// Four bytes of a folded pattern without a space, the ones least common
/// in ordinary text as judged by the stopword lists (the commonest words of
/// 27 languages), as a little-endian `u32`; `None` for a pattern without
/// four such bytes in a row.
fn anchor(pattern: &[u8], common: &std::collections::HashMap<&[u8], usize>) -> Option<u32> {
    pattern
        .windows(4)
        .filter(|g| !g.contains(&b' '))
        .min_by_key(|g| common.get(*g).copied().unwrap_or(0))
        .map(|g| u32::from_le_bytes([g[0], g[1], g[2], g[3]]))
}

/// The bit of a four-byte window in [`Lexicon::anchors`].
#[inline]
fn anchor_bit(window: u32) -> usize {
    (window.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl Lexicon {
    /// Whether `line` may match any pattern, decided without writing its
    /// folded text (most lines match none, and folding them and looking
    /// up their words was most of the lexicon's work). False only when no
    /// mode can match: the line does not end in a colon (no `suffix`), its
    /// first folded word opens no `line`, `word`, `prefix` or `colon`
    /// pattern, and none of its folded words holds the anchor of a
    /// `contains` pattern (an anchor has no space, so a match puts it
    /// inside one word). Folds as [`fold_into`] does.
    fn may_match(&self, line: &str) -> bool {
        if self.gate_off || (line.len() <= 100 && line.trim_end().ends_with(':')) {
            return true;
        }
        // (The exact modes read lines of up to 200 bytes: `colon`.)
        (line.len() <= 200 && self.first_word_opens(line)) || self.holds_anchor(line)
    }

    /// Whether the first word of `line`, folded, opens an exact pattern.
    fn first_word_opens(&self, line: &str) -> bool {
        let mut buf = [0u8; 32];
        let mut len = 0usize;
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                match GATE[b as usize] {
                    DROP => {}
                    SEPARATOR if len > 0 => break,
                    SEPARATOR => {}
                    f => put(&mut buf, &mut len, f),
                }
                continue;
            }
            let Some((c, n)) = crate::chars::decode(line, i) else { break };
            i += n;
            if crate::chars::is_alphabetic(c) {
                crate::chars::for_each_lower_byte(c, |u| put(&mut buf, &mut len, u));
            } else if !c.is_numeric() && c != '’' && len > 0 {
                break;
            }
        }
        // (A word longer than the buffer opens no pattern: see `gate_off`.)
        buf.get(..len).is_some_and(|w| !w.is_empty() && self.first.get(w).is_some())
    }

    /// Whether a folded word of `line` holds the anchor of a `contains`
    /// pattern (see [`Lexicon::may_contain`]). Only windows inside one
    /// word are asked, so the first three letters of a word ask nothing.
    fn holds_anchor(&self, line: &str) -> bool {
        let bytes = line.as_bytes();
        // The last four folded letters, and the letters of this word.
        let (mut w, mut run) = (0u32, 0u32);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let f = GATE[b as usize];
            if f > NON_ASCII {
                i += 1;
                w = (w >> 8) | (u32::from(f) << 24);
                run += 1;
                if run >= 4 && self.anchor_at(w) {
                    return true;
                }
                continue;
            }
            if f != NON_ASCII {
                i += 1;
                if f == SEPARATOR {
                    run = 0;
                }
                continue;
            }
            let Some((c, n)) = crate::chars::decode(line, i) else { break };
            i += n;
            if crate::chars::is_alphabetic(c) {
                let mut hit = false;
                crate::chars::for_each_lower_byte(c, |u| {
                    w = (w >> 8) | (u32::from(u) << 24);
                    run += 1;
                    hit |= run >= 4 && self.anchor_at(w);
                });
                if hit {
                    return true;
                }
            } else if !c.is_numeric() && c != '’' {
                run = 0;
            }
        }
        false
    }

    /// Whether the four bytes `w` set an anchor's bit.
    #[inline(always)]
    fn anchor_at(&self, w: u32) -> bool {
        let bit = anchor_bit(w);
        self.anchors[bit >> 6] >> (bit & 63) & 1 != 0
    }

    /// Whether `folded` may hold a `contains` pattern: it holds the anchor
    /// of one (see [`anchor`]).
    fn may_contain(&self, folded: &[u8]) -> bool {
        if self.search_always {
            return true;
        }
        let mut w = 0u32;
        for (i, &b) in folded.iter().enumerate() {
            w = (w >> 8) | (u32::from(b) << 24);
            let bit = anchor_bit(w);
            if i >= 3 && self.anchors[bit >> 6] >> (bit & 63) & 1 != 0 {
                return true;
            }
        }
        false
    }
}

/// [`GATE`]'s class of a dropped byte (digits, `'`).
const DROP: u8 = 1;
/// [`GATE`]'s class of a separating byte.
const SEPARATOR: u8 = 0;
/// [`GATE`]'s class of the bytes from 0x80 up (decoded as characters).
const NON_ASCII: u8 = 2;

/// [`FOLD`] for [`Lexicon::may_match`]: an ASCII letter is its lower
/// case, other bytes [`DROP`], [`SEPARATOR`] (`:` separates) or [`NON_ASCII`].
static GATE: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match FOLD[b] {
            0 => DROP,
            1 | 2 => SEPARATOR,
            f => f,
        };
        b += 1;
    }
    t
};

/// Lower case, digits dropped, every other non-letter a single space.
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let (_, len) = fold_into(s, &mut out);
    out.truncate(len);
    // Whole characters are written, so this is UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// How [`fold_into`] treats an ASCII byte: a letter is its lower case;
/// digits and `'` are dropped (0); `:` separates and is remembered (1);
/// everything else separates (2). (Bytes from 0x80 up are 0 here: only
/// the letter loop reads them, as the end of its run.)
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = 2;
        b += 1;
    }
    b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphabetic() {
            t[b] = c.to_ascii_lowercase();
        } else if c.is_ascii_digit() || c == b'\'' {
            t[b] = 0;
        } else if c == b':' {
            t[b] = 1;
        }
        b += 1;
    }
    t
};

/// [`fold`] into `out`: the folded text is `out[..len]` (the buffer keeps
/// its length from call to call, so it is not zeroed again). Returns the
/// folded length at the first colon of `s` (the fold of the text before
/// it), if there is one, and `len`.
fn fold_into(s: &str, out: &mut Vec<u8>) -> (Option<usize>, usize) {
    // Written by index into a buffer sized for the worst case (lower case
    // grows a character by at most half, a separator is one space), then
    // cut to length: no capacity check per byte.
    let need = s.len() * 2 + 8;
    if out.len() < need {
        out.resize(need, 0);
    }
    let buf = &mut out[..need];
    let mut o = 0usize;
    let mut space = false;
    let mut colon = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            let f = FOLD[b as usize];
            if f > 2 {
                if space && o > 0 {
                    put(buf, &mut o, b' ');
                }
                space = false;
                put(buf, &mut o, f);
                // The letters that follow in a loop of their own (anything
                // else goes round the outer loop: a letter after it is
                // written there as here, since `space` is unset).
                let src = bytes.get(i..).unwrap_or(&[]);
                let mut n = 0;
                for (d, &c) in buf.get_mut(o..).unwrap_or(&mut []).iter_mut().zip(src) {
                    let g = FOLD[c as usize];
                    if g <= 2 {
                        break;
                    }
                    *d = g;
                    n += 1;
                }
                o += n;
                i += n;
                continue;
            } else if f != 0 {
                if f == 1 && colon.is_none() {
                    colon = Some(o);
                }
                space = true;
            }
            continue;
        }
        let Some((c, len)) = crate::chars::decode(s, i) else { break };
        i += len;
        if crate::chars::is_alphabetic(c) {
            if space && o > 0 {
                put(buf, &mut o, b' ');
            }
            space = false;
            crate::chars::for_each_lower_byte(c, |u| put(buf, &mut o, u));
        } else if !c.is_numeric() && c != '’' {
            space = true;
        }
    }
    (colon, o.min(need))
}

/// The label a line is, if it is one. Only short lines are labels.
#[cfg(test)]
pub fn classify(line: &str) -> Option<Label> {
    classify_with(line, &mut Vec::new())
}

/// [`classify`], folding into a buffer the caller reuses across lines.
pub fn classify_with(line: &str, folded: &mut Vec<u8>) -> Option<Label> {
    if line.len() > 300 {
        return None;
    }
    let lex = lexicon();
    if !lex.may_match(line) {
        return None;
    }
    classify_folding(line, folded, lex)
}

/// [`classify_with`] past the gate: folds the line and asks every mode.
fn classify_folding(line: &str, folded: &mut Vec<u8>, lex: &Lexicon) -> Option<Label> {
    let (colon, len) = fold_into(line, folded);
    let folded = folded.get(..len).unwrap_or(&[]);
    let get = |s: &[u8]| lex.exact.get(s);
    let spaces = || folded.iter().enumerate().filter(|(_, b)| **b == b' ').map(|(i, _)| i);
    if line.len() <= 80 {
        if folded.is_empty() {
            return None;
        }
        if let Some(l) = get(folded).and_then(|e| e.line) {
            return Some(l);
        }
        let mut all = folded.split(|&b| b == b' ').map(|w| get(w).and_then(|e| e.word));
        if let Some(Some(first)) = all.next()
            && all.all(|l| l == Some(first)) {
                return Some(first);
            }
    }
    // A comment header carries a time stamp or a one-word user handle;
    // "Trump said:" before a quotation is neither.
    // Only lines ending in a colon can be a comment header: test that
    // first, the word count and digit scan cost a pass over the line.
    let colon_end = line.len() <= 100 && line.trim_end().ends_with(':');
    if colon_end
        && (line.bytes().any(|b| b.is_ascii_digit())
            || (spaces().count() == 1 && line.chars().next().is_some_and(|c| !c.is_uppercase())))
    {
        // The pattern is the folded line's last one or two words.
        let mut cut = folded.iter().enumerate().rev().filter(|(_, b)| **b == b' ').map(|(i, _)| i + 1);
        for start in [cut.next(), cut.next()].into_iter().flatten() {
            if let Some(l) = folded.get(start..).and_then(get).and_then(|e| e.suffix) {
                return Some(l);
            }
        }
    }
    if line.len() <= 200
        && let Some(l) = colon.and_then(|at| folded.get(..at)).and_then(get).and_then(|e| e.colon) {
            return Some(l);
        }
    // A sentence that merely starts like a section label ("Related reading
    // was never his thing.") is not one: zone labels do not end in a full stop.
    let sentence = line.trim_end().ends_with(['.', '!', '?']);
    let first_word = folded.iter().position(|&b| b == b' ').unwrap_or(folded.len());
    if line.len() <= 160 && lex.prefix_first.get(&folded[..first_word]).is_some() {
        // Patterns are one to eight words: look up the line's leading words.
        for end in spaces().chain(std::iter::once(folded.len())).take(8) {
            if end > lex.exact.max_len() {
                break;
            }
            if let Some(l) = folded.get(..end).and_then(get).and_then(|e| e.prefix)
                && !(sentence && l.opens_zone()) {
                    return Some(l);
                }
        }
    }
    if folded.len() < lex.contains_min || !lex.may_contain(folded) {
        return None;
    }
    lex.contains.find(folded).and_then(|m| lex.contains_labels.get(m.pattern().as_usize()).copied())
}

/// Writes `b` at `*o` when the buffer has room and counts it either way:
/// folding writes by index into a buffer sized for the worst case, and a
/// caller that sized it short sees the overflow in the count.
#[inline(always)]
fn put(buf: &mut [u8], o: &mut usize, b: u8) {
    if let Some(slot) = buf.get_mut(*o) {
        *slot = b;
    }
    *o += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_lets_every_match_through() {
        // Every pattern as a line, in capitals, after and before other
        // text, with digits, apostrophes, punctuation and accents around.
        let lex = lexicon();
        let mut lines = Vec::new();
        for row in include_str!("../data/lexicon.tsv").lines().filter(|r| !r.starts_with('#')) {
            let Some(pat) = row.split('\t').nth(2) else { continue };
            let upper = pat.to_uppercase();
            for l in [
                pat.to_string(),
                upper.clone(),
                format!("{pat}:"),
                format!("{pat}: the rest of it"),
                format!("12 {pat}"),
                format!("“{upper}” — 3"),
                format!("it's {pat} now"),
                format!("Bob’s {pat}."),
                format!("x{pat}y"),
                format!("é {pat} É"),
                format!("{pat} {pat}"),
                format!("{} {pat}", "word ".repeat(40)),
            ] {
                lines.push(l);
            }
        }
        let mut buf = Vec::new();
        let mut matched = 0;
        for l in &lines {
            if l.len() <= 300 && classify_folding(l, &mut buf, lex).is_some() {
                matched += 1;
                assert!(lex.may_match(l), "{l}");
            }
        }
        assert!(matched > lines.len() / 3, "{matched} of {}", lines.len());
        // Most lines of prose are let through to no fold at all.
        for l in ["The storm hit the coast on Monday, officials said.", "Mr. Smith, the mayor, said so.", "Photos from 2019"] {
            assert!(!lex.may_match(l), "{l}");
        }
    }

    #[test]
    fn labels() {
        for (line, want) in [
            ("Recommended Stories", Some(Label::Related)),
            ("12 Comments", Some(Label::Comments)),
            ("Leave a Reply", Some(Label::Comments)),
            ("thelastchargersfan says:", Some(Label::Comments)),
            ("Milan Griffes on September 12, 2018 at 4:47 pm said:", Some(Label::Comments)),
            ("Here is what he said:", None),
            ("Trump said:", None),
            ("Related: From Big Bang to Present", Some(Label::ReadMore)),
            ("Image 1 of 8", Some(Label::Caption)),
            ("Image caption Scooter Braun has managed Justin Bieber", Some(Label::Caption)),
            ("Read the statement: it is short.", None),
            ("Share this:", Some(Label::Share)),
            ("Whatsapp Facebook Pint Baixar", Some(Label::Share)),
            ("Facebook", Some(Label::Share)),
            ("Läs också", Some(Label::Related)),
            ("© 2024 Example Media. All rights reserved.", Some(Label::Copyright)),
            ("Subscribe to our newsletter", Some(Label::Newsletter)),
            ("The president said he would share the report.", None),
            ("Related reading was never his thing, he said on Monday.", None),
        ] {
            assert_eq!(classify(line), want, "{line}");
        }
    }
}
