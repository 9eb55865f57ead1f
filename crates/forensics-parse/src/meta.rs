//! Page-metadata lines: bylines, read-times, handles, dates, and compound
//! lines that hold several of them ("by metro_mira | 06/10/2025 | Reading
//! time: 2 minutes", "@desk · 11 Mar 2025 · 3 min read").

use nom::bytes::complete::{tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::char;
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::credit::{is_acronym, is_agency_shaped};
use crate::date::{find_date, sp, sp0};
use crate::lexicon::{
    BYLINE_LABELS, DATE_LABELS, READ_TIME_LABELS, READ_TIME_SUFFIXES, ROLE_WORDS, UPDATE_LABELS, is_known_agency,
};
use crate::model::PartialDate;
use crate::scan::Scan;

/// Metadata lines are short; longer lines are never read as one.
pub(crate) const MAX_META_LINE: usize = 300;

/// A byte range `start..end` in the line being analysed.
pub(crate) type Range = (usize, usize);

/// What a metadata line holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MetaLine {
    pub date: Option<(PartialDate, Range)>,
    /// The date is an update date ("Updated …").
    pub updated: bool,
    pub byline: Option<(String, Range)>,
    /// An agency named in the byline ("By Marcus Ellery, Continental Wire").
    pub byline_agency: Option<(String, Range)>,
    pub handles: Vec<String>,
    pub read_time: Option<(String, Range)>,
    /// The byline comes first: the line is a byline rather than a date line.
    pub byline_first: bool,
}

impl MetaLine {
    fn has_meta(&self) -> bool {
        self.date.is_some() || self.byline.is_some() || self.read_time.is_some() || !self.handles.is_empty()
            || self.byline_agency.is_some()
    }
}

/// Splits a line at separators (`|`, `·`, `•`, `»`, `›`, spaced dashes),
/// giving trimmed, non-empty segments with their byte ranges.
pub(crate) fn segments(line: &str) -> Segments<'_> {
    Segments { line, start: 0, pos: 0, done: false }
}

/// [`segments`] of a line known to hold no separator when `!separated`:
/// the whole trimmed line, without reading it byte by byte.
fn segments_known(line: &str, separated: bool) -> Segments<'_> {
    let pos = if separated { 0 } else { line.len() };
    Segments { line, start: 0, pos, done: false }
}

/// The iterator [`segments`] returns.
pub(crate) struct Segments<'a> {
    line: &'a str,
    start: usize,
    /// The next byte to look at.
    pos: usize,
    done: bool,
}

/// The length of the separator char starting at `b[0]` and whether it is
/// a dash (split only between spaces): `|`, `·`, `•`, `»`, `›`, `⏱`, `¦`
/// always, `-`, `–`, `—` when spaced. Every pattern opens with an ASCII or
/// a lead byte, so it never matches inside another char.
fn separator_at(b: &[u8]) -> Option<(usize, bool)> {
    match b {
        [b'|', ..] => Some((1, false)),
        [b'-', ..] => Some((1, true)),
        [0xC2, 0xB7 | 0xBB | 0xA6, ..] => Some((2, false)),
        [0xE2, 0x80, 0xA2 | 0xBA, ..] | [0xE2, 0x8F, 0xB1, ..] => Some((3, false)),
        [0xE2, 0x80, 0x93 | 0x94, ..] => Some((3, true)),
        _ => None,
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<(&'a str, usize)> {
        let line = self.line;
        let b = line.as_bytes();
        while self.pos < b.len() {
            // Bytes that open no separator skipped sixteen at a time.
            self.pos = crate::bytes::next_separator_lead(b, self.pos).unwrap_or(b.len());
            if self.pos >= b.len() {
                break;
            }
            let i = self.pos;
            let Some((len, dash)) = b.get(i..).and_then(separator_at) else {
                self.pos += 1;
                continue;
            };
            self.pos += len;
            if !dash || (i > 0 && b[i - 1] == b' ' && b.get(i + len) == Some(&b' ')) {
                let seg = trimmed_seg(line, self.start, i);
                self.start = i + len;
                if seg.is_some() {
                    return seg;
                }
            }
        }
        if self.done {
            return None;
        }
        self.done = true;
        trimmed_seg(line, self.start, line.len())
    }
}

/// Whether `segments` could split `line` at all, given its [`Scan`]. Most
/// lines hold no byte of any separator: that test is inlined at each call.
#[inline]
pub(crate) fn has_separator_scanned(line: &str, scan: &Scan) -> bool {
    use crate::scan::bits;
    scan.has_any(const { bits(b"|-\xB7\xBB\xA6\xA2\xBA\xB1\x93\x94") }) && has_separator_rest(line, scan)
}

#[inline(never)]
fn has_separator_rest(line: &str, scan: &Scan) -> bool {
    use crate::scan::bits;
    // Each separator holds a byte the scan tracks: `|`, `-`, or the last
    // byte of `·` B7, `•` A2, `»` BB, `›` BA, `⏱` B1, `¦` A6, `–` 93, `—` 94.
    // The non-ASCII ones are led by C2 (`·`, `»`, `¦`) or E2 (`•`, `›`, `⏱`).
    let hard = scan.has(b'|')
        || (scan.has(0xC2) && scan.has_any(const { bits(&[0xB7, 0xBB, 0xA6]) }))
        || (scan.has(0xE2) && scan.has_any(const { bits(&[0xA2, 0xBA, 0xB1]) }));
    (hard && line.contains(['|', '·', '•', '»', '›', '⏱', '¦']))
        || (scan.has(b'-') && has_spaced_hyphen(line))
        || (scan.has(0x93) && has_spaced(line, "–"))
        || (scan.has(0x94) && has_spaced(line, "—"))
}

/// `line.contains(" - ")`, searched from the hyphens (fewer than the spaces).
fn has_spaced_hyphen(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b'-', b).any(|p| p > 0 && b[p - 1] == b' ' && b.get(p + 1) == Some(&b' '))
}

/// `line.contains(" {mid} ")`, searched from the first byte of `mid`
/// (fewer than the spaces).
pub(crate) fn has_spaced(line: &str, mid: &str) -> bool {
    let (b, m) = (line.as_bytes(), mid.as_bytes());
    let Some(&m0) = m.first() else { return line.contains("  ") };
    memchr::memchr_iter(m0, b).any(|p| p > 0 && b[p - 1] == b' ' && b[p..].starts_with(m) && b.get(p + m.len()) == Some(&b' '))
}

/// `line.trim()`, without the char-by-char walk for a line that starts and
/// ends with a visible ASCII char (a run from `lines` always does).
fn trim(line: &str) -> &str {
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
        return line;
    }
    crate::text::trim(line)
}

fn trimmed_seg(line: &str, start: usize, end: usize) -> Option<(&str, usize)> {
    let raw = &line[start..end];
    let lead = crate::text::trim_start(raw);
    let trimmed = crate::text::trim_end(lead);
    (!trimmed.is_empty()).then(|| (trimmed, start + raw.len() - lead.len()))
}

/// Reads a line as page metadata. `None` when it is not one: every part
/// must be metadata or a short label ("Sport", "Views: 1,204").
pub(crate) fn meta_line(line: &str) -> Option<MetaLine> {
    if line.len() > MAX_META_LINE {
        return None;
    }
    let scan = Scan::of(line);
    meta_line_scanned(line, &scan, has_separator_scanned(line, &scan))
}

/// [`meta_line`] given the line's [`Scan`] and [`has_separator_scanned`].
/// Most lines are ruled out by the first tests below (too long, prose, or
/// one segment without digit, `@` or byline label): those are inlined at
/// each call, the grammar is not.
#[inline]
pub(crate) fn meta_line_scanned(line: &str, scan: &Scan, separated: bool) -> Option<MetaLine> {
    if line.len() > MAX_META_LINE || (!separated && scan.words > 20) {
        return None;
    }
    if !separated && !scan.has_digit() && !scan.has(b'@') && !opens_with_byline_label(trim(line)) {
        return None;
    }
    meta_line_rest(line, scan, separated)
}

#[inline(never)]
fn meta_line_rest(line: &str, scan: &Scan, separated: bool) -> Option<MetaLine> {
    if line.len() > MAX_META_LINE {
        return None;
    }
    // Prose fast path: a line without separators is one segment, and one
    // segment of over 20 words is never metadata.
    if !separated && scan.words > 20 {
        return None;
    }
    // Metadata is a date or read time (both hold a digit), a handle (an
    // `@`) or a byline, which opens a segment with a byline label. A line
    // that is one segment needs its start checked only.
    // Separated, the line needs that label at the start of a segment.
    if !scan.has_digit() && !scan.has(b'@') {
        let byline_label = if separated {
            segments(line).any(|(seg, _)| opens_with_byline_label(seg))
        } else {
            opens_with_byline_label(trim(line))
        };
        if !byline_label {
            return None;
        }
    }
    let mut m = MetaLine::default();
    let mut others = 0;
    let mut after_byline = false;
    for (idx, (seg, off)) in segments_known(line, separated).enumerate() {
        let mut found = false;
        if opens_with_byline_label(seg)
            && let Some((name, rest_at)) = byline(seg)
            && byline_tail_ok(&seg[rest_at..])
        {
            if m.byline.is_none() && m.handles.is_empty() && idx == 0 {
                m.byline_first = true;
            }
            let tail = &seg[rest_at..];
            record_author(&mut m, name, off + (name.as_ptr() as usize - seg.as_ptr() as usize));
            if let Some((aff, at)) = affiliation(tail) {
                let start = off + rest_at + at;
                m.byline_agency.get_or_insert((crate::credit::short_name(aff), (start, start + aff.len())));
            }
            after_byline = true;
            if let Some((d, s, e)) = find_date(tail) {
                m.date.get_or_insert((d, (off + rest_at + s, off + rest_at + e)));
            }
            continue;
        }
        // An unseparated line is its one segment: the scan already knows
        // its words and whether it holds a digit (every read time does).
        let whole = !separated;
        if scan.has_digit()
            && scan.has_any(READ_TIME_BYTES)
            && let Some((s, e)) = read_time(seg)
        {
            found = true;
            m.read_time.get_or_insert((seg[s..e].to_string(), (off + s, off + e)));
        }
        let seg_words = if whole { scan.words } else { words(seg) };
        if (seg_words <= 8 || (seg_words <= 20 && date_label(seg).is_ok()))
            && let Some((d, s, e)) = find_date(seg)
            && date_context_ok(&seg[..s], &seg[e..])
        {
            found = true;
            if m.date.is_none() {
                m.updated = starts_with_label(seg, UPDATE_LABELS);
                m.date = Some((d, (off + s, off + e)));
            }
            // "Posted on 04/06/2025 by fossilfan_mo"
            if let Some(p) = [" by ", " par ", " por "].iter().find_map(|l| crate::text::find(seg, l))
                && let Some((name, _)) = byline(&seg[p + 1..])
            {
                record_author(&mut m, name, off + p + 1 + (name.as_ptr() as usize - seg[p + 1..].as_ptr() as usize));
            }
        }
        if !found && idx == 0 && seg.starts_with('@') && is_handle(seg.trim_start_matches('@')) {
            m.handles.push(seg.to_string());
            found = true;
        }
        if !found {
            // The segment after a byline may name the author's agency.
            if after_byline && idx > 0 && m.byline_agency.is_none() && affiliation_ok(seg) {
                m.byline_agency = Some((crate::credit::short_name(seg), (off, off + seg.len())));
            } else if seg_words > 5 || seg.ends_with(['.', '!', '?']) || seg.len() > 60 {
                return None;
            }
            others += 1;
        }
        after_byline = false;
    }
    let _ = others;
    m.has_meta().then_some(m)
}

/// After a byline name only an affiliation or a date may follow: "By
/// mid-morning, 37 departures had left …" is prose.
fn byline_tail_ok(tail: &str) -> bool {
    words(tail) <= 4 || find_date(tail).is_some_and(|(_, s, _)| words(&tail[..s]) <= 4)
}

/// Around a date on a metadata line stand only labels, weekdays, times and
/// a byline ("Published 11 March 2025, 16:42", "Publié le 22/05/2025 à
/// 14h10", "Posted on 04/06/2025 by x"); a headline with a date does not.
fn date_context_ok(before: &str, after: &str) -> bool {
    let after = after.trim_start_matches([',', ' ']);
    // (" " + after starts with " by ": after starts with "by ".)
    let byline_after = ["by ", "par ", "por ", "von "].iter().any(|b| after.starts_with(b));
    let (first, rest) = after.split_once([',', ';']).unwrap_or((after, ""));
    let small = |s: &str| s.split_whitespace().all(|w| w.chars().any(|c| c.is_ascii_digit()) || w.chars().count() <= 3);
    // "…, mis à jour le 13/02/2024 à 08h30"
    let rest = rest.trim_start();
    let rest_ok = small(rest) || date_label(rest).is_ok_and(|(r, update)| update && find_date(r).is_some());
    words(before) <= 3 && (byline_after || (small(first) && rest_ok))
}

fn record_author(m: &mut MetaLine, name: &str, start: usize) {
    if is_handle_name(name) {
        m.handles.push(name.to_string());
    } else if m.byline.is_none() {
        if is_known_agency(name) || is_acronym(name) {
            m.byline_agency.get_or_insert((crate::lexicon::canonical_agency(name), (start, start + name.len())));
        } else {
            m.byline = Some((name.to_string(), (start, start + name.len())));
        }
    }
}

fn affiliation_ok(seg: &str) -> bool {
    is_agency_shaped(seg) && !seg.split_whitespace().any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// After a byline name: ", Continental Wire" or " (DCE)".
fn affiliation(tail: &str) -> Option<(&str, usize)> {
    let t = tail.trim_start();
    let at = tail.len() - t.len();
    let inner = if let Some(r) = t.strip_prefix(',') {
        let r2 = r.trim_start();
        (r2, at + 1 + r.len() - r2.len())
    } else if let Some(r) = t.strip_prefix('(') {
        let close = r.find(')')?;
        (&r[..close], at + 1)
    } else {
        return None;
    };
    let name = inner.0.trim_end_matches([')', '.', ' ']);
    affiliation_ok(name).then_some((name, inner.1))
}

pub(crate) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn starts_with_label(seg: &str, labels: &[&str]) -> bool {
    // The labels are lower case: an ASCII first byte must be a label's
    // first byte in lower case (a non-ASCII one is tested as before).
    let first = seg.as_bytes().first().copied();
    labels.iter().any(|l| {
        if let Some(f) = first
            && f.is_ascii()
            && f.to_ascii_lowercase() != l.as_bytes()[0]
        {
            return false;
        }
        let n = l.len();
        seg.get(..n).is_some_and(|h| h.eq_ignore_ascii_case(l) || lower_eq(h, l))
            && !seg[n..].starts_with(char::is_alphanumeric)
    })
}

/// A date label at the start: "Published", "Publié le", "date". Returns
/// the text after the label (and its colon) and whether it is an update label.
pub(crate) fn date_label(i: &str) -> IResult<&str, bool> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    // Labels are at most a few words: lower-case a short head once.
    let Some(first) = i.chars().next().filter(|c| c.is_alphabetic()) else {
        return Err(fail());
    };
    // Most segments open with a letter no label starts with (an ASCII one
    // looked up in a table of the labels' first bytes).
    let first = first.to_lowercase().next().unwrap_or(first);
    let opens = if first.is_ascii() {
        DATE_LABEL_FIRST[first as usize]
    } else {
        UPDATE_LABELS.iter().chain(DATE_LABELS).any(|l| l.starts_with(first))
    };
    if !opens {
        return Err(fail());
    }
    // A label equal to the lower-cased head starts with `first`: only those
    // are compared (one byte each rules out the others).
    let mut enc = [0u8; 4];
    let lead = first.encode_utf8(&mut enc).as_bytes()[0];
    for (labels, update) in [(UPDATE_LABELS, true), (DATE_LABELS, false)] {
        let mut best: Option<usize> = None;
        for l in labels {
            let n = l.len();
            if l.as_bytes().first() == Some(&lead)
                && i.get(..n).is_some_and(|h| lower_eq(h, l))
                && !i[n..].starts_with(char::is_alphanumeric)
                && best.is_none_or(|b| n > b)
            {
                best = Some(n);
            }
        }
        if let Some(n) = best {
            let (rest, _) = (sp0, opt(char(':')), sp0).parse(&i[n..])?;
            return Ok((rest, update));
        }
    }
    Err(fail())
}

/// Per ASCII byte: a date or update label starts with it.
const DATE_LABEL_FIRST: [bool; 128] = {
    let mut t = [false; 128];
    let mut k = 0;
    while k < UPDATE_LABELS.len() + DATE_LABELS.len() {
        let l = if k < UPDATE_LABELS.len() { UPDATE_LABELS[k] } else { DATE_LABELS[k - UPDATE_LABELS.len()] };
        let b0 = l.as_bytes()[0];
        if b0 < 128 {
            t[b0 as usize] = true;
        }
        k += 1;
    }
    t
};

/// `h.to_lowercase() == l` for a label `l`, without allocating: ASCII
/// folding for ASCII `h`, else char by char (the labels hold no sigma,
/// the one letter whose lower case depends on its neighbours).
fn lower_eq(h: &str, l: &str) -> bool {
    if h.is_ascii() {
        h.eq_ignore_ascii_case(l) && !l.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        h.chars().flat_map(char::to_lowercase).eq(l.chars())
    }
}

/// The seeds' header line `date 2022-09-19 Headline text`: a labelled date
/// followed by the headline slot. Gives the date, the label+date length,
/// and where the slot starts.
pub(crate) fn header_date_line(line: &str) -> Option<(PartialDate, usize, usize)> {
    if line.len() > 1000 {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    let (rest, _) = date_label(&line[lead..]).ok()?;
    let (after, d) = crate::date::date(rest).ok()?;
    let date_end = line.len() - after.len();
    let slot = after.trim_start();
    if slot.is_empty() || !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some((d, date_end, line.len() - slot.len()))
}

/// Per ASCII byte: bit `k` when `BYLINE_LABELS[k]` starts with it.
const BYLINE_FIRST: [u32; 128] = {
    let mut t = [0u32; 128];
    let mut k = 0;
    while k < BYLINE_LABELS.len() {
        let b0 = BYLINE_LABELS[k].as_bytes()[0];
        if b0 < 128 {
            t[b0 as usize] |= 1 << k;
        }
        k += 1;
    }
    t
};
const _: () = assert!(BYLINE_LABELS.len() <= 32, "one bit per label in BYLINE_FIRST");

/// Whether `seg` starts with a byline label as [`byline`] reads them (a
/// necessary condition of its answer). Most segments open with an ASCII
/// byte no label starts with: that test is inlined at each call.
#[inline]
fn opens_with_byline_label(seg: &str) -> bool {
    match seg.as_bytes().first() {
        None => false,
        Some(&b0) if b0.is_ascii() && BYLINE_FIRST[usize::from(b0)] | BYLINE_FIRST[usize::from(b0.to_ascii_lowercase())] == 0 => false,
        Some(_) => opens_with_byline_label_rest(seg),
    }
}

#[inline(never)]
fn opens_with_byline_label_rest(seg: &str) -> bool {
    let sb = seg.as_bytes();
    let Some(&b0) = sb.first() else { return false };
    if b0.is_ascii() {
        // For an ASCII first letter only ASCII labels can match, and
        // `strip_label` reduces to a byte comparison: the first letter as
        // listed or capitalised, the rest exactly. Only labels opening with
        // this letter (as written, or in lower case for a capital) are tried.
        let mut cands = BYLINE_FIRST[usize::from(b0)];
        if b0.is_ascii_uppercase() {
            cands |= BYLINE_FIRST[usize::from(b0.to_ascii_lowercase())];
        }
        while cands != 0 {
            let lb = BYLINE_LABELS[cands.trailing_zeros() as usize].as_bytes();
            cands &= cands - 1;
            // (The second byte first: most words differ there, and the
            // slice comparison is a library call.)
            if sb.len() >= lb.len() && sb.get(1) == lb.get(1) && sb[1..lb.len()] == lb[1..] {
                return true;
            }
        }
        return false;
    }
    // `strip_label` needs the rest after the first char byte for byte, so
    // a non-ASCII first char matches only a label opening with one.
    BYLINE_LABELS.iter().any(|l| !l.as_bytes()[0].is_ascii() && strip_label(seg, l).is_some())
}

/// "By Jane Roe", "Par Julien Marchetti", "Von Katrin Hollweg", "by metro_mira":
/// the name and where the text after it starts.
pub(crate) fn byline(seg: &str) -> Option<(&str, usize)> {
    // An ASCII first letter can only open the labels starting with it (as
    // listed, or in lower case for a capital): only those are tried, in
    // list order.
    let all = u32::MAX >> (32 - BYLINE_LABELS.len());
    let cands = match seg.as_bytes().first() {
        Some(&b0) if b0.is_ascii() => BYLINE_FIRST[usize::from(b0)] | BYLINE_FIRST[usize::from(b0.to_ascii_lowercase())],
        _ => all,
    };
    for (k, label) in BYLINE_LABELS.iter().enumerate() {
        if cands >> k & 1 == 0 {
            continue;
        }
        let Some(rest) = strip_label(seg, label) else { continue };
        let Ok((rest, _)) = sp(rest) else {
            if !label.ends_with(':') {
                continue;
            }
            let r = rest.trim_start();
            return name_at(seg, r, false);
        };
        // After "Posted by" any single token is an account name; after a
        // bare "by" only one that looks like a handle ("By contrast" is prose).
        return name_at(seg, rest, label.contains(' '));
    }
    None
}

fn name_at<'a>(seg: &'a str, rest: &'a str, any_handle: bool) -> Option<(&'a str, usize)> {
    let start = seg.len() - rest.len();
    let end_rel = rest.find([',', '(', '|', ';']).unwrap_or(rest.len());
    let name = rest[..end_rel].trim_end();
    let name = crate::text::find(name, " - ").map_or(name, |p| &name[..p]).trim_end();
    if name.is_empty() || name.len() > 60 || words(name) > 6 {
        return None;
    }
    // A handle after "by" must look like one: "by metro_mira", "by @desk";
    // "By contrast" is prose.
    let handle = is_handle_name(name)
        && (any_handle || name.starts_with('@') || name.contains(['_', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']));
    let ok = if handle {
        true
    } else {
        let ws: Vec<&str> = name.split_whitespace().collect();
        ws[0].starts_with(char::is_uppercase)
            && ws.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    || ["de", "da", "van", "von", "der", "den", "di", "du", "le", "la", "and", "und", "et", "y", "e", "i"]
                        .contains(w)
            })
            && !name.chars().any(|c| c.is_ascii_digit())
            && !name.ends_with(['.', '!', '?', ':'])
    };
    ok.then_some((name, start + name.len()))
}

/// `seg` without `label` at its start, the label written as listed or
/// with its first letter capitalised ("by", "By"; not "BY").
fn strip_label<'a>(seg: &'a str, label: &str) -> Option<&'a str> {
    let head = seg.get(..label.len())?;
    let (mut h, mut l) = (head.chars(), label.chars());
    let (h0, l0) = (h.next()?, l.next()?);
    (h.as_str() == l.as_str() && (h0 == l0 || h0.to_lowercase().eq(l0.to_lowercase()) && h0.is_uppercase()))
        .then(|| &seg[label.len()..])
}

/// "@desk", "metro_mira", "kpakpandofm": an account name, not a person.
/// Most names asked are capitalised words without an underscore ("Home"):
/// that answer is inlined at each call.
#[inline]
pub(crate) fn is_handle_name(name: &str) -> bool {
    let b = name.as_bytes();
    if b.first().is_some_and(u8::is_ascii_uppercase) && !b.contains(&b'_') {
        return false;
    }
    is_handle_name_rest(name)
}

#[inline(never)]
fn is_handle_name_rest(name: &str) -> bool {
    let bare = name.strip_prefix('@').unwrap_or(name);
    // The case test first: most one-word titles ("Home") are capitalised,
    // and their first byte answers it; the mark test looks at the bytes of
    // a short name one by one (a vector search costs more to set up).
    let no_capital = if bare.is_ascii() { !bare.bytes().any(|b| b.is_ascii_uppercase()) } else { !bare.chars().any(char::is_uppercase) };
    (no_capital || name.starts_with('@') || bare.bytes().any(|b| b == b'_')) && is_handle(bare)
}

/// One token of letters, digits, `_`, `.`, `-`, 3–40 bytes, with a letter.
pub(crate) fn is_handle(s: &str) -> bool {
    if !(3..=40).contains(&s.len()) || s.ends_with('.') {
        return false;
    }
    if s.is_ascii() {
        // ASCII letters and digits are the only ASCII alphanumerics.
        let b = s.as_bytes();
        return b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
            && b.iter().any(u8::is_ascii_alphabetic);
    }
    s.chars().all(|c| c.is_alphanumeric() || "_.-".contains(c)) && s.chars().any(char::is_alphabetic)
}

/// Every read-time unit opens with one of these bytes (`м` and `х` are
/// led by D0 or D1).
const READ_TIME_BYTES: u64 = crate::scan::bits(b"mM\xD0\xD1");

/// Whether a count stands before a minutes unit somewhere in `s`: a
/// digit, then whitespace and maybe a dash, then the unit's first letter
/// (`m`, `м`, `х` in either case), as in every read-time form.
fn count_before_unit(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).filter(|&p| b[p].is_ascii_digit()).any(|p| {
        // (After an ASCII digit: a char boundary.)
        let rest = s.get(p + 1..).map_or("", str::trim_start);
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        rest.starts_with(['m', 'M', 'м', 'М', 'х', 'Х'])
    })
}

/// Whether a read-time label could open at `c`: its lower case is the
/// lower case of a label's first letter. The distinct first letters are
/// gathered once (a look through every label at each word of a dated
/// line cost more than the rest of its tests).
fn opens_read_time_label(c: char) -> bool {
    static FIRSTS: std::sync::LazyLock<Vec<Vec<char>>> = std::sync::LazyLock::new(|| {
        let mut firsts: Vec<Vec<char>> =
            READ_TIME_LABELS.iter().filter_map(|l| l.chars().next()).map(|f| f.to_lowercase().collect()).collect();
        firsts.sort();
        firsts.dedup();
        firsts
    });
    FIRSTS.iter().any(|f| f.iter().copied().eq(c.to_lowercase()))
}

/// A read-time phrase in `s` ("2 min read", "Read Time:1 Minute, 37 Second",
/// "Temps de lecture : 3 min"): its byte range.
pub(crate) fn read_time(s: &str) -> Option<Range> {
    // Every form has a count and a minutes unit: skip lines without them.
    if s.len() > MAX_META_LINE || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // From each "m" or "M" (a line has few): a window test at every byte
    // cost more than the rest of a dated line's tests.
    let b = s.as_bytes();
    let latin_min = memchr::memchr2_iter(b'm', b'M', b).any(|p| b.get(p + 1..p + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"in")));
    let unit = if s.is_ascii() {
        // ASCII text lower-cases byte for byte: no copy needed.
        latin_min
    } else if !latin_min && !s.bytes().any(|b| b == 0xD0 || b == 0xD1) {
        // "min" in the lower case needs it in the text (no other char
        // lower-cases to those letters alone), "мин" and "хв" Cyrillic
        // letters (led by D0 or D1).
        false
    } else {
        let lower = s.to_lowercase();
        ["min", "мин", "хв"].iter().any(|u| lower.contains(u))
    };
    if !unit || !count_before_unit(s) {
        return None;
    }
    for (i, c) in crate::date::word_starts(s) {
        let rest = &s[i..];
        // Labelled forms open with a label letter, suffixed ones with a
        // digit: test only the grammar that can match here.
        let parsed = if c.is_ascii_digit() {
            suffixed_read_time(rest)
        } else if opens_read_time_label(c) {
            labelled_read_time(rest)
        } else {
            continue;
        };
        if let Ok((after, _)) = parsed {
            let end = s.len() - after.len();
            return Some((i, s[..end].trim_end().len()));
        }
    }
    None
}

fn minutes_unit(i: &str) -> IResult<&str, &str> {
    let (r, w) = take_while1(char::is_alphabetic).parse(i)?;
    let lw = w.to_lowercase();
    if ["min", "мин", "хв", "minut", "minuto", "minuti", "minuten"].iter().any(|p| lw.starts_with(p))
        || lw == "mins"
    {
        let (r, _) = opt(char('.')).parse(r)?;
        Ok((r, w))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))
    }
}

fn count(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)
}

fn labelled_read_time(i: &str) -> IResult<&str, ()> {
    let mut best: Option<&str> = None;
    for l in READ_TIME_LABELS {
        if let Ok((r, _)) = tag_no_case::<_, _, nom::error::Error<&str>>(*l).parse(i) {
            best = Some(r);
            break;
        }
    }
    let Some(r) = best else {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)));
    };
    let (r, _) = (sp0, opt(char(':')), sp0, count, sp0, minutes_unit).parse(r)?;
    // "1 Minute, 37 Second"
    let secs = (opt(char(',')), sp0, count, sp0, take_while1(char::is_alphabetic));
    let (r, _) = opt(secs).parse(r)?;
    Ok((r, ()))
}

fn suffixed_read_time(i: &str) -> IResult<&str, ()> {
    let (r, _) = (count, sp0, opt(char('-')), minutes_unit, sp).parse(i)?;
    for suf in READ_TIME_SUFFIXES {
        if let Ok((r2, _)) = tag_no_case::<_, _, nom::error::Error<&str>>(*suf).parse(r)
            && !r2.starts_with(char::is_alphanumeric)
        {
            return Ok((r2, ()));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

#[cfg(test)]
mod tests {
    /// The byte walk splits where a char-by-char walk over the separators does.
    #[test]
    fn segments_match_a_char_walk() {
        fn by_chars(line: &str) -> Vec<(&str, usize)> {
            let (mut out, mut start) = (Vec::new(), 0);
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for (k, &(i, c)) in chars.iter().enumerate() {
                let hard = matches!(c, '|' | '·' | '•' | '»' | '›' | '⏱' | '¦');
                let dash = matches!(c, '-' | '–' | '—')
                    && line[..i].ends_with(' ')
                    && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ');
                if hard || dash {
                    out.extend(super::trimmed_seg(line, start, i));
                    start = i + c.len_utf8();
                }
            }
            out.extend(super::trimmed_seg(line, start, line.len()));
            out
        }
        let lines = [
            "",
            "By Jane Roe | 11 March 2025 · 3 min read",
            "Home » News › World • Europe ¦ x ⏱ 2 min",
            "a - b – c — d -e f- g--h",
            "| · • » › ⏱ ¦ |",
            "–—-",
            " - ",
            "Ärger — “quotes” · ünïcödé - 東京 | x",
            "well-known - spaced",
        ];
        for line in lines {
            assert_eq!(super::segments(line).collect::<Vec<_>>(), by_chars(line), "{line:?}");
        }
    }
}
