//! Context passes over the shaped runs: header zone, headline, teaser
//! regions, widgets, headings, dateline, sign-off; then the metadata.
//!
//! Every pass is a single walk over the runs (or a bounded window of them),
//! so the whole layout is linear in the page.

use crate::credit::{attributions, short_name};
use crate::dateline::dateline;
use crate::lexicon::{AD_LABEL_SET, NAME_CONNECTORS};
use crate::lines::runs;
use crate::meta::{header_date_line, is_handle_name, words};
use crate::model::{
    Block, BlockKind, Credit, CreditKind, Dateline, Diagnostic, Metadata, PartialDate, Severity, Span,
};
use crate::shape::{Shape, shape};

struct Unit<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    shape: Shape,
    kind: BlockKind,
    words: usize,
    teaser: bool,
    /// The run holds a dash or paren byte, as every dateline does
    /// (`dateline` is asked only then).
    may_dateline: bool,
}

/// A body paragraph has at least this many words; shorter lines may still
/// be page header.
const BODY_WORDS: usize = 12;
/// Body paragraphs searched for a dateline and for attributions.
const LEDE_PARAGRAPHS: usize = 3;
/// Headings are short.
const HEADING_WORDS: usize = 14;

fn initial_kind(shape: &Shape) -> BlockKind {
    match shape {
        Shape::AdLabel | Shape::Promo | Shape::Copyright(_) => BlockKind::Promo,
        Shape::TeaserHeader => BlockKind::Teaser,
        Shape::Form => BlockKind::Form,
        Shape::Share => BlockKind::Widget,
        Shape::Nav => BlockKind::Navigation,
        Shape::Meta(m) => {
            if m.byline_first || (m.byline.is_some() && m.date.is_none() && m.read_time.is_none()) {
                BlockKind::Byline
            } else if m.read_time.is_some() && m.date.is_none() && m.byline.is_none() && m.handles.is_empty() {
                BlockKind::ReadTime
            } else {
                BlockKind::Metadata
            }
        }
        Shape::CreditLine(..) | Shape::Source(_) => BlockKind::Credit,
        Shape::Bullet { .. } => BlockKind::ListItem,
        Shape::Caption(_) => BlockKind::Caption,
        Shape::Counter => BlockKind::Other,
        Shape::Title | Shape::Rule => BlockKind::Other,
        Shape::Paragraph => BlockKind::Paragraph,
    }
}

#[derive(Default)]
struct Found {
    credits: Vec<Credit>,
    /// (priority, date): the lowest priority wins, then the earliest.
    dates: Vec<(u8, PartialDate)>,
    diags: Vec<Diagnostic>,
}

impl Found {
    fn credit(&mut self, name: String, kind: CreditKind, start: usize, end: usize) {
        if !name.is_empty() {
            self.credits.push(Credit { name, kind, span: Span::new(start, end) });
        }
    }
}

pub(crate) fn layout(text: &str) -> (Vec<Block>, Metadata, Vec<Diagnostic>) {
    let mut buf = String::new();
    let mut units: Vec<Unit> = runs(text)
        .into_iter()
        .map(|r| {
            let t = &text[r.start..r.end];
            let (shape, scan) = shape(t, &mut buf);
            let may_dateline = scan.has_any(const { crate::scan::bits(b"(-\xE2") });
            Unit { start: r.start, end: r.end, text: t, kind: initial_kind(&shape), shape, words: scan.words, teaser: false, may_dateline }
        })
        .collect();
    let mut meta = Metadata::default();
    let mut found = Found::default();

    let fixed_headline = header_line(&mut units, &mut meta, &mut found);
    let first_body = units
        .iter()
        .position(|u| matches!(u.shape, Shape::Paragraph) && (u.words >= BODY_WORDS || (u.may_dateline && dateline(u.text).is_some())))
        .unwrap_or(units.len());
    widgets(&mut units);
    teasers(&mut units, first_body);
    header(&mut units, first_body, fixed_headline, &mut meta, &mut found);
    body(&mut units, first_body);
    let split = find_dateline(&mut units, first_body, &mut meta, &mut found);
    sign_off(&mut units, &mut found);
    collect(&units, first_body, &mut meta, &mut found);

    let mut blocks = Vec::with_capacity(units.len() + 1);
    for (i, u) in units.iter().enumerate() {
        match split {
            Some((idx, len)) if idx == i => {
                blocks.push(Block::new(BlockKind::Dateline, Span::new(u.start, u.start + len)));
                let rest = &u.text[len..];
                let rest_trim = rest.trim_start();
                if !rest_trim.is_empty() {
                    let s = u.end - rest_trim.len();
                    blocks.push(Block::new(u.kind, Span::new(s, u.end)));
                }
            }
            _ => blocks.push(Block::new(u.kind, Span::new(u.start, u.end))),
        }
    }

    found.dates.sort_by_key(|(p, _)| *p);
    meta.published = found.dates.first().map(|(_, d)| *d);
    let mut seen = std::collections::BTreeSet::new();
    found.credits.sort_by_key(|c| (c.span.start, c.span.end));
    found.credits.retain(|c| seen.insert((c.name.to_lowercase(), c.kind)));
    meta.credits = found.credits;
    let mut seen = std::collections::BTreeSet::new();
    meta.handles.retain(|h| seen.insert(h.clone()));
    (blocks, meta, found.diags)
}

/// The seeds' layout ` date 2022-09-19 Headline`: split the first run into
/// its metadata and its headline slot. Returns the slot's index.
fn header_line(units: &mut Vec<Unit>, meta: &mut Metadata, found: &mut Found) -> Option<usize> {
    let first = units.first()?;
    let (date, date_end, slot_start) = header_date_line(first.text)?;
    let (start, end, text) = (first.start, first.end, first.text);
    let slot = &text[slot_start..];
    found.dates.push((0, date));
    let head = Unit {
        start,
        end: start + date_end,
        text: &text[..date_end],
        shape: Shape::Title,
        kind: BlockKind::Metadata,
        words: words(&text[..date_end]),
        teaser: false,
        may_dateline: true,
    };
    let ad = AD_LABEL_SET.contains(slot.trim_matches(|c: char| !c.is_alphanumeric()));
    let slot_unit = Unit {
        start: start + slot_start,
        end,
        text: slot,
        shape: if ad { Shape::AdLabel } else { Shape::Title },
        kind: if ad { BlockKind::Promo } else { BlockKind::Headline },
        words: words(slot),
        teaser: false,
        may_dateline: true,
    };
    if ad {
        meta.headline_artefact = Some(slot.to_string());
        found.diags.push(Diagnostic {
            severity: Severity::Warning,
            message: format!("headline slot holds an advertisement label: {slot:?}"),
            span: Some(Span::new(start + slot_start, end)),
        });
    } else {
        meta.headline = Some(slot.to_string());
    }
    units[0] = head;
    units.insert(1, slot_unit);
    Some(1)
}

/// A run of at least four short fragments with counters ("0 %", "5 Star")
/// among them is a rating or reaction widget.
fn widgets(units: &mut [Unit]) {
    let fragment = |u: &Unit| {
        matches!(u.shape, Shape::Counter | Shape::Title) && u.words <= 3 && u.text.len() <= 32
    };
    let mut i = 0;
    while i < units.len() {
        if !fragment(&units[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < units.len() && fragment(&units[j]) {
            j += 1;
        }
        let counters = units[i..j].iter().filter(|u| matches!(u.shape, Shape::Counter)).count();
        if j - i >= 4 && counters >= 2 {
            for u in &mut units[i..j] {
                u.kind = BlockKind::Widget;
            }
        }
        i = j;
    }
}

/// After a teaser header ("Recommended Stories", "Related posts", "Next
/// Post") below the article start, every run is a teaser until other page
/// furniture begins.
fn teasers(units: &mut [Unit], first_body: usize) {
    let mut open = false;
    for (i, u) in units.iter_mut().enumerate() {
        if matches!(u.shape, Shape::TeaserHeader) {
            u.teaser = true;
            open = i > first_body;
            continue;
        }
        if !open {
            continue;
        }
        let furniture = matches!(u.kind, BlockKind::Promo | BlockKind::Form | BlockKind::Widget | BlockKind::Navigation)
            || matches!(u.shape, Shape::Copyright(_) | Shape::CreditLine(..) | Shape::AdLabel);
        if furniture {
            open = false;
            continue;
        }
        u.kind = BlockKind::Teaser;
        u.teaser = true;
    }
}

/// The runs before the first body paragraph: headline, handle, capitals
/// byline; the other title-shaped lines there are labels.
fn header(units: &mut [Unit], first_body: usize, fixed: Option<usize>, meta: &mut Metadata, found: &mut Found) {
    let zone = first_body.min(units.len());
    for u in &mut units[..zone] {
        if matches!(u.shape, Shape::Title) && u.words == 1 && is_handle_name(u.text) {
            u.kind = BlockKind::Handle;
            meta.handles.push(u.text.to_string());
        }
    }
    if let Some(first) = units.first()
        && matches!(first.shape, Shape::AdLabel)
        && fixed.is_none()
    {
        meta.headline_artefact = Some(first.text.to_string());
    }
    // A capitals name ("PETER KOVALENKO") is a byline, unless nothing else
    // could be the headline.
    let any_plain = units[..zone]
        .iter()
        .any(|u| matches!(u.shape, Shape::Title) && u.kind == BlockKind::Other && u.words >= 2 && !is_caps_name(u.text));
    let is_candidate = |u: &Unit| {
        matches!(u.shape, Shape::Title)
            && u.kind == BlockKind::Other
            && u.words >= 2
            && (!any_plain || !is_caps_name(u.text))
    };
    let headline = fixed.or_else(|| {
        let first_meta = units[..zone].iter().position(|u| {
            matches!(u.kind, BlockKind::Byline | BlockKind::Metadata | BlockKind::ReadTime | BlockKind::Handle)
        });
        match first_meta {
            Some(m) if units[..m].iter().any(is_candidate) => units[..m].iter().rposition(is_candidate),
            // No byline or date line to anchor on: the first candidate after
            // the site's navigation (a site name stands before its menu).
            _ => {
                let after_nav = units[..zone].iter().rposition(|u| u.kind == BlockKind::Navigation).map_or(0, |n| n + 1);
                let pick = units[after_nav..zone].iter().position(is_candidate).map(|p| p + after_nav);
                pick.or_else(|| units[..zone].iter().position(is_candidate))
            }
        }
    });
    if let Some(h) = headline
        && fixed.is_none()
    {
        units[h].kind = BlockKind::Headline;
        meta.headline = Some(units[h].text.to_string());
    }
    for (i, u) in units[..zone].iter_mut().enumerate() {
        if !matches!(u.shape, Shape::Title) || u.kind != BlockKind::Other {
            continue;
        }
        let after_headline = headline.is_none_or(|h| i > h);
        if after_headline && let Some(name) = caps_name(u.text) {
            u.kind = BlockKind::Byline;
            if meta.byline.is_none() {
                meta.byline = Some(name);
            }
        } else if after_headline && headline.is_some() {
            u.kind = BlockKind::Heading;
        }
    }
    let _ = found;
}

/// "VLADIMIR ISACHENKOV" → "Vladimir Isachenkov": 2–4 words of capitals,
/// no digits, no function words (which mark a site name: "THE LEDGER").
#[inline]
fn caps_name(s: &str) -> Option<String> {
    is_caps_name(s).then(|| s.split_whitespace().map(title_case).collect::<Vec<_>>().join(" "))
}

/// Whether [`caps_name`] finds a name, without building it (most callers
/// ask only that).
fn is_caps_name(s: &str) -> bool {
    // Lower-case letters and digits are never upper case: most lines stop here.
    if s.len() > 48 || s.bytes().any(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return false;
    }
    let function = ["THE", "OF", "AND", "DE", "LA", "LE", "DER", "DIE", "DAS", "EL", "NEWS", "DAILY", "TIMES", "POST"];
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        let capitals = w.chars().all(|c| c.is_uppercase() || "-'’.".contains(c)) && w.chars().any(char::is_uppercase);
        if n > 4 || !capitals || function.contains(&w) {
            return false;
        }
    }
    n >= 2
}

fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut upper = true;
    for c in w.chars() {
        if upper {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        upper = "-'’".contains(c);
    }
    out
}

/// Headings between paragraphs, list intros, dialogue-dash paragraphs.
fn body(units: &mut [Unit], first_body: usize) {
    let n = units.len();
    for i in first_body.min(n)..n {
        if units[i].teaser {
            continue;
        }
        let next_body = units.get(i + 1).is_some_and(|u| {
            !u.teaser && matches!(u.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Caption)
        });
        let next_list = units.get(i + 1).is_some_and(|u| u.kind == BlockKind::ListItem);
        let u = &units[i];
        match u.shape {
            Shape::Title if u.kind == BlockKind::Other => {
                units[i].kind = if u.words <= HEADING_WORDS && next_body {
                    BlockKind::Heading
                } else if u.words > HEADING_WORDS {
                    BlockKind::Paragraph
                } else {
                    BlockKind::Other
                };
            }
            Shape::Paragraph if u.words <= HEADING_WORDS && u.text.ends_with(':') && next_list => {
                units[i].kind = BlockKind::Heading;
            }
            Shape::Bullet { dash: true } => {
                // "– Vi vil utvide …, sa han.": a dialogue paragraph, not a list.
                let bullet_at = |j: usize| units.get(j).is_some_and(|v| matches!(v.shape, Shape::Bullet { .. }));
                let lonely = !(bullet_at(i + 1) || (i > 0 && bullet_at(i - 1)));
                if lonely && u.words >= 15 && u.text.ends_with(['.', '!', '?', '"', '”', '»']) {
                    units[i].kind = BlockKind::Paragraph;
                }
            }
            _ => {}
        }
    }
    // A first line that is a paragraph (no headline) may be followed by a
    // list intro: handled above. Lines before the body that are list intros too.
    for i in 0..first_body.min(n) {
        let next_list = units.get(i + 1).is_some_and(|u| u.kind == BlockKind::ListItem);
        if matches!(units[i].shape, Shape::Paragraph) && units[i].text.ends_with(':') && next_list {
            units[i].kind = BlockKind::Heading;
        }
    }
}

/// The dateline: a stand-alone dateline line in the header, or the start of
/// one of the first body paragraphs. Returns the run to split and the
/// dateline's length in it.
fn find_dateline(units: &mut [Unit], first_body: usize, meta: &mut Metadata, found: &mut Found) -> Option<(usize, usize)> {
    let mut paragraphs = 0;
    for (i, u) in units.iter().enumerate() {
        if u.teaser {
            continue;
        }
        let in_header = i < first_body;
        let candidate = match u.kind {
            BlockKind::Other | BlockKind::Heading if in_header => true,
            BlockKind::Paragraph if !in_header => {
                paragraphs += 1;
                true
            }
            _ => false,
        };
        if paragraphs > LEDE_PARAGRAPHS {
            return None;
        }
        if !candidate {
            continue;
        }
        let Some(m) = u.may_dateline.then(|| dateline(u.text)).flatten() else { continue };
        let end = u.text[..m.len].trim_end().len();
        let span = Span::new(u.start, u.start + end);
        let agency = m.agency.map(short_name);
        if let Some(a) = &agency {
            found.credit(a.clone(), CreditKind::Dateline, u.start, u.start + end);
        }
        if let Some(d) = m.date_text.and_then(crate::date::find_date) {
            found.dates.push((3, d.0));
        }
        meta.dateline = Some(Dateline { place: m.place.map(str::to_string), agency, span });
        let whole = u.text[m.len..].trim().is_empty();
        if whole {
            units[i].kind = BlockKind::Dateline;
            return None;
        }
        return Some((i, end));
    }
    None
}

/// The last run before trailing page furniture, when it is a short agency
/// name ("AP", "Tidewater Press", "GDA – Global Dispatch Agency") or a
/// copyright line right after the text.
fn sign_off(units: &mut [Unit], found: &mut Found) {
    for u in units.iter_mut() {
        if let Shape::Copyright(holder) = &u.shape
            && crate::lexicon::is_known_agency(holder)
        {
            u.kind = BlockKind::Credit;
        }
    }
    let Some(i) = units.iter().rposition(|u| {
        !matches!(u.kind, BlockKind::Promo | BlockKind::Widget | BlockKind::Form | BlockKind::Navigation | BlockKind::Teaser)
            || matches!(u.shape, Shape::Copyright(_))
    }) else {
        return;
    };
    // What the sign-off follows, over separator lines ("-- ").
    let Some(prev) = units[..i].iter().rposition(|u| !matches!(u.shape, Shape::Rule)) else {
        return;
    };
    if !matches!(units[prev].kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Credit) {
        return;
    }
    let u = &units[i];
    match &u.shape {
        Shape::Copyright(holder) if !crate::lexicon::is_known_agency(holder) => {
            found.credit(holder.clone(), CreditKind::CreditLine, u.start, u.end);
            units[i].kind = BlockKind::Credit;
        }
        Shape::Title | Shape::Counter if is_sign_off(u.text) => {
            found.credit(short_name(u.text), CreditKind::SignOff, u.start, u.end);
            units[i].kind = BlockKind::Credit;
        }
        _ => {}
    }
}

fn is_sign_off(s: &str) -> bool {
    let t = s.trim_matches(|c| c == '(' || c == ')').trim();
    let ws: Vec<&str> = t.split_whitespace().collect();
    !ws.is_empty()
        && ws.len() <= 8
        && t.len() <= 80
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && !t.chars().any(|c| c.is_ascii_digit())
        && ws.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || NAME_CONNECTORS.contains(w)
                || w.chars().all(crate::dateline::is_dash)
        })
}

/// Metadata from the classified runs: dates, bylines, read time, handles,
/// and credits from captions, credit lines, sources and the lede.
fn collect(units: &[Unit], first_body: usize, meta: &mut Metadata, found: &mut Found) {
    let mut paragraphs = 0;
    for (i, u) in units.iter().enumerate() {
        if u.teaser {
            continue;
        }
        let in_header = i < first_body;
        match &u.shape {
            Shape::Meta(m) => {
                let labelled = crate::meta::date_label(u.text).is_ok();
                if let Some((d, _)) = &m.date
                    && (in_header || labelled)
                {
                    // The dateline's own date (priority 3) beats an update date.
                    let p = match (m.updated, in_header) {
                        (false, true) => 1,
                        (false, false) => 2,
                        (true, _) => 4,
                    };
                    found.dates.push((p, *d));
                }
                if (in_header || i < first_body + 3)
                    && let Some((name, _)) = &m.byline
                    && meta.byline.is_none()
                {
                    meta.byline = Some(name.clone());
                }
                if let Some((name, (s, e))) = &m.byline_agency {
                    found.credit(name.clone(), CreditKind::Byline, u.start + s, u.start + e);
                }
                if let Some((rt, _)) = &m.read_time
                    && meta.read_time.is_none()
                {
                    meta.read_time = Some(rt.clone());
                }
                if in_header {
                    meta.handles.extend(m.handles.iter().cloned());
                }
            }
            Shape::Caption(f) => {
                found.credit(f.name.clone(), CreditKind::Photo, u.start + f.start, u.start + f.end);
            }
            // "Copyright 2024 The Associated Press": an agency's copyright
            // credits it wherever it stands; a site's own only in sign-off place.
            Shape::Copyright(holder) if crate::lexicon::is_known_agency(holder) => {
                found.credit(crate::lexicon::canonical_agency(holder), CreditKind::CreditLine, u.start, u.end);
            }
            Shape::CreditLine(names) => {
                for (f, kind) in names {
                    found.credit(f.name.clone(), *kind, u.start + f.start, u.start + f.end);
                }
            }
            Shape::Source(f) if u.kind == BlockKind::Credit => {
                found.credit(f.name.clone(), CreditKind::Attribution, u.start + f.start, u.start + f.end);
            }
            _ => {}
        }
        if u.kind == BlockKind::Paragraph && !in_header {
            paragraphs += 1;
            if paragraphs <= LEDE_PARAGRAPHS {
                for f in attributions(u.text) {
                    found.credit(f.name, CreditKind::Attribution, u.start + f.start, u.start + f.end);
                }
            }
        }
    }
}
