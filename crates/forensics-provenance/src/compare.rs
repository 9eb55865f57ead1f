//! Comparing two versions: sentence alignment, word diffs, changed quotes,
//! numbers and names, dropped and added passages.

mod change;

use crate::model::{AlignedSentence, Change, ChangeKind, Effect, Evidence, Excerpt, SharedPassage};
use change::{classify, Side};
use crate::text::{dice, View};
use forensics_parse::Span;
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::BTreeSet;
use std::ops::Range;

/// Sentence `i` of the parent renders as sentence `j` of the child.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub i: usize,
    pub j: usize,
    pub score: f64,
}

/// Below this overlap two sentences are not counted as one rendered as the other.
const SAME_LANG_MIN: f64 = 0.3;
const CROSS_LANG_MIN: f64 = 0.25;

fn words(v: &View, r: &Range<usize>) -> BTreeSet<String> {
    v.toks[r.clone()].iter().map(|t| t.norm.clone()).collect()
}

/// Monotone sentence alignment maximising total overlap (words in one
/// language, anchors across languages); gaps of equal length between two
/// anchored links are filled by position, as translations keep the order.
pub fn align(p: &View, c: &View, cross: bool) -> Vec<Link> {
    let (n, m) = (p.sents.len(), c.sents.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > 4_000_000 {
        return Vec::new();
    }
    let pw: Vec<BTreeSet<String>> = p.sents.iter().map(|s| words(p, &s.toks)).collect();
    let cw: Vec<BTreeSet<String>> = c.sents.iter().map(|s| words(c, &s.toks)).collect();
    let sim = |i: usize, j: usize| -> f64 {
        if cross {
            let (a, b) = (&p.sents[i].anchors, &c.sents[j].anchors);
            if a.intersection(b).next().is_none() { 0.0 } else { dice(a, b) }
        } else {
            dice(&pw[i], &cw[j])
        }
    };
    let min = if cross { CROSS_LANG_MIN } else { SAME_LANG_MIN };
    let mut score = vec![0.0f64; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    let mut sims = vec![0.0f64; n * m];
    for i in 0..n {
        for j in 0..m {
            sims[i * m + j] = sim(i, j);
        }
    }
    for i in 1..=n {
        for j in 1..=m {
            let s = sims[(i - 1) * m + (j - 1)];
            let mut best = score[at(i - 1, j)].max(score[at(i, j - 1)]);
            if s >= min {
                best = best.max(score[at(i - 1, j - 1)] + s);
            }
            score[at(i, j)] = best;
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let s = sims[(i - 1) * m + (j - 1)];
        if s >= min && (score[at(i, j)] - (score[at(i - 1, j - 1)] + s)).abs() < 1e-12 {
            links.push(Link { i: i - 1, j: j - 1, score: s });
            i -= 1;
            j -= 1;
        } else if score[at(i - 1, j)] >= score[at(i, j - 1)] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    links.reverse();
    if cross {
        let mut filled = Vec::with_capacity(links.len());
        for w in links.windows(2) {
            filled.push(w[0]);
            let (di, dj) = (w[1].i - w[0].i, w[1].j - w[0].j);
            if di == dj && di > 1 {
                filled.extend((1..di).map(|k| Link { i: w[0].i + k, j: w[0].j + k, score: 0.0 }));
            }
        }
        filled.extend(links.last().copied());
        links = filled;
    }
    links
}

/// Where quotations sit in a text: byte ranges between opening and closing marks.
fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, ch) in text.char_indices() {
        match (open, ch) {
            (None, '“' | '«' | '„' | '"') => open = Some((i + ch.len_utf8(), ch)),
            (Some((s, o)), '”' | '»' | '“' | '"') if matches!((o, ch), ('“', '”') | ('«', '»') | ('„', '“') | ('„', '”') | ('"', '"')) => {
                out.push(s..i);
                open = None;
            }
            (Some((s, _)), '\n') => {
                // An unclosed quote ends with its paragraph ("…cooperation.\n\n").
                out.push(s..i);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open {
        out.push(s..text.len());
    }
    out
}

/// The text of tokens `r` as the document writes it ("didn’t", "Feb. 24",
/// not the tokens "didn t"), line breaks folded to spaces: evidence quotes.
fn surface(v: &View, r: Range<usize>) -> String {
    let (Some(first), Some(last)) = (v.toks.get(r.start), r.end.checked_sub(1).filter(|&e| e >= r.start).and_then(|e| v.toks.get(e))) else {
        return String::new();
    };
    let raw = v.art.text.get(first.start..last.end).unwrap_or("");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render(p: &View, c: &View, ops: &[DiffOp], pr: Range<usize>, cr: Range<usize>) -> String {
    let mut out: Vec<String> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        let o = o.start.max(pr.start)..o.end.min(pr.end);
        let n = n.start.max(cr.start)..n.end.min(cr.end);
        match tag {
            similar::DiffTag::Equal if !n.is_empty() => out.push(surface(c, n)),
            similar::DiffTag::Equal => {}
            _ => {
                if !o.is_empty() {
                    out.push(format!("[-{}-]", surface(p, o)));
                }
                if !n.is_empty() {
                    out.push(format!("{{+{}+}}", surface(c, n)));
                }
            }
        }
    }
    out.join(" ").replace("-] {+", "-]{+")
}

/// A change found by a word diff: parent tokens `pr`, child tokens `cr`.
#[derive(Debug, Clone)]
pub struct Edit {
    pub pr: Range<usize>,
    pub cr: Range<usize>,
    pub kind: ChangeKind,
    pub effect: Effect,
    /// Worth showing as evidence (else only used to spot moved words).
    pub shown: bool,
}

impl Edit {
    pub fn before(&self, p: &View) -> Vec<String> {
        p.toks[self.pr.clone()].iter().map(|t| t.norm.clone()).collect()
    }
    pub fn after(&self, c: &View) -> Vec<String> {
        c.toks[self.cr.clone()].iter().map(|t| t.norm.clone()).collect()
    }
}

/// Small in-context substitutions between aligned sentences of one language.
pub fn edits(p: &View, c: &View, links: &[Link]) -> Vec<(Edit, Vec<DiffOp>)> {
    let mut out = Vec::new();
    if links.is_empty() {
        return out;
    }
    let (ps_side, cs_side) = (Side::new(p), Side::new(c));
    let (pq, cq) = (quotations(&p.art.text), quotations(&c.art.text));
    for l in links {
        let (ps, cs) = (&p.sents[l.i], &c.sents[l.j]);
        let a: Vec<&str> = p.toks[ps.toks.clone()].iter().map(|t| t.norm.as_str()).collect();
        let b: Vec<&str> = c.toks[cs.toks.clone()].iter().map(|t| t.norm.as_str()).collect();
        let ops: Vec<DiffOp> = capture_diff_slices(Algorithm::Patience, &a, &b)
            .into_iter()
            .map(|op| shift(op, ps.toks.start, cs.toks.start))
            .collect();
        // Merge changes separated by at most two unchanged words.
        let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        let mut gap_ok = false;
        for op in &ops {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == similar::DiffTag::Equal {
                gap_ok = o.len() <= 2;
                continue;
            }
            match groups.last_mut() {
                Some(g) if gap_ok => {
                    g.0.end = o.end;
                    g.1.end = n.end;
                }
                _ => groups.push((o, n)),
            }
        }
        for (pr, cr) in groups {
            if pr.len() > 8 || cr.len() > 8 || pr.is_empty() && cr.is_empty() {
                continue;
            }
            let before: BTreeSet<&str> = p.toks[pr.clone()].iter().map(|t| t.norm.as_str()).collect();
            let after: BTreeSet<&str> = c.toks[cr.clone()].iter().map(|t| t.norm.as_str()).collect();
            if before == after {
                continue; // reordered words
            }
            let in_quote = pq.iter().any(|q| pr.clone().any(|k| q.contains(&p.toks[k].start)))
                || cq.iter().any(|q| cr.clone().any(|k| q.contains(&c.toks[k].start)));
            let (kind, effect) = classify(&ps_side, &cs_side, &ops, &pr, &cr, in_quote);
            // Heavily reworded sentences change everywhere: only facts count there.
            // A word added or left out alone is style, unless it is a fact the
            // child lost or moved; otherwise a fact changes when one thing
            // replaces another. Edits not shown are kept for moved-word detection.
            let fact = matches!(kind, ChangeKind::Date | ChangeKind::Number | ChangeKind::Name);
            let one_sided = pr.is_empty() || cr.is_empty();
            let fact_gone = fact && matches!(effect, Effect::Dropped | Effect::Moved);
            let shown = (l.score >= 0.5 || fact) && (kind == ChangeKind::Quote || !one_sided || fact_gone);
            out.push((Edit { pr, cr, kind, effect, shown }, ops.clone()));
        }
    }
    out
}

fn shift(op: DiffOp, a: usize, b: usize) -> DiffOp {
    match op {
        DiffOp::Equal { old_index, new_index, len } => DiffOp::Equal { old_index: old_index + a, new_index: new_index + b, len },
        DiffOp::Delete { old_index, old_len, new_index } => DiffOp::Delete { old_index: old_index + a, old_len, new_index: new_index + b },
        DiffOp::Insert { old_index, new_index, new_len } => DiffOp::Insert { old_index: old_index + a, new_index: new_index + b, new_len },
        DiffOp::Replace { old_index, old_len, new_index, new_len } => {
            DiffOp::Replace { old_index: old_index + a, old_len, new_index: new_index + b, new_len }
        }
    }
}

fn excerpt(v: &View, clean: Span) -> Excerpt {
    let text: String = clean.slice(&v.art.text).split_whitespace().collect::<Vec<_>>().join(" ");
    let short = if text.chars().count() > 160 { text.chars().take(159).collect::<String>() + "…" } else { text };
    Excerpt { span: v.to_raw(clean), text: short }
}

/// Runs of consecutive sentences not covered by `covered`, as clean spans.
pub fn uncovered(v: &View, covered: &BTreeSet<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for k in 0..v.sents.len() {
        if covered.contains(&k) {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.end == k => r.end = k + 1,
            _ => out.push(k..k + 1),
        }
    }
    out
}

fn sent_span(v: &View, r: &Range<usize>) -> Span {
    match (v.sents.get(r.start), r.end.checked_sub(1).and_then(|e| v.sents.get(e))) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::default(),
    }
}

/// Shared runs of at least five words from a whole-text diff (same language).
fn shared_passages(p: &View, c: &View) -> Vec<SharedPassage> {
    if p.toks.len().saturating_mul(c.toks.len()) > 25_000_000 {
        return Vec::new();
    }
    let a: Vec<&str> = p.toks.iter().map(|t| t.norm.as_str()).collect();
    let b: Vec<&str> = c.toks.iter().map(|t| t.norm.as_str()).collect();
    let mut runs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &a, &b) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            if len < 5 {
                continue;
            }
            match runs.last_mut() {
                // Bridge a small edit so one paragraph stays one passage.
                Some((o, n)) if old_index - o.end <= 3 && new_index - n.end <= 3 => {
                    o.end = old_index + len;
                    n.end = new_index + len;
                }
                _ => runs.push((old_index..old_index + len, new_index..new_index + len)),
            }
        }
    }
    runs.into_iter()
        .map(|(o, n)| SharedPassage { source: p.to_raw(p.tok_span(o.clone())), target: c.to_raw(c.tok_span(n)), words: o.len() })
        .collect()
}

/// Everything comparing parent `p` with child `c` shows.
pub struct Comparison {
    pub links: Vec<Link>,
    pub edits: Vec<(Edit, Vec<DiffOp>)>,
    /// Parent sentences (runs) the child lacks.
    pub dropped: Vec<Range<usize>>,
    /// Child sentences (runs) the parent lacks.
    pub added: Vec<Range<usize>>,
}

pub fn compare(p: &View, c: &View, cross: bool) -> Comparison {
    let links = align(p, c, cross);
    let edits = if cross { Vec::new() } else { edits(p, c, &links) };
    let pc: BTreeSet<usize> = links.iter().map(|l| l.i).collect();
    let cc: BTreeSet<usize> = links.iter().map(|l| l.j).collect();
    // Across languages an unaligned sentence without anchors proves nothing.
    let alignable = |v: &View, r: &Range<usize>| !cross || r.clone().any(|k| v.sents[k].anchors.len() >= 2);
    let dropped = uncovered(p, &pc).into_iter().filter(|r| alignable(p, r)).collect();
    let added = uncovered(c, &cc).into_iter().filter(|r| alignable(c, r)).collect();
    Comparison { links, edits, dropped, added }
}

impl Comparison {
    /// The evidence record of a relation.
    pub fn evidence(&self, p: &View, c: &View, cross: bool) -> Evidence {
        let mut ev = Evidence::default();
        if cross {
            ev.sentence_alignment = self
                .links
                .iter()
                .map(|l| AlignedSentence {
                    source: p.to_raw(p.sents[l.i].span),
                    target: c.to_raw(c.sents[l.j].span),
                    score: (l.score * 1000.0).round() / 1000.0,
                })
                .collect();
        } else {
            ev.shared_passages = shared_passages(p, c);
        }
        for (e, ops) in self.edits.iter().filter(|(e, _)| e.shown) {
            let (pr, cr) = if e.kind == ChangeKind::Quote { widen_to_quote(p, e, ops) } else { (e.pr.clone(), e.cr.clone()) };
            let ctx = 3;
            let dpr = pr.start.saturating_sub(ctx)..(pr.end + ctx).min(p.toks.len());
            let dcr = cr.start.saturating_sub(ctx)..(cr.end + ctx).min(c.toks.len());
            let (dpr, dcr) = if e.kind == ChangeKind::Quote { (pr.clone(), cr.clone()) } else { (dpr, dcr) };
            let change = Change {
                kind: e.kind,
                effect: e.effect,
                before: surface(p, pr.clone()),
                after: surface(c, cr.clone()),
                diff: render(p, c, ops, dpr, dcr),
                source: p.to_raw(p.tok_span(pr)),
                target: c.to_raw(c.tok_span(cr)),
            };
            if e.kind == ChangeKind::Quote {
                // Several edits inside one quote make one altered quote; it
                // weighs as much as its most serious edit.
                match ev.altered_quotes.iter_mut().find(|q| q.before == change.before) {
                    Some(q) => q.effect = q.effect.max(change.effect),
                    None => ev.altered_quotes.push(change),
                }
            } else {
                ev.changed.push(change);
            }
        }
        ev.dropped = self.dropped.iter().map(|r| excerpt(p, sent_span(p, r))).collect();
        ev.added = self.added.iter().map(|r| excerpt(c, sent_span(c, r))).collect();
        ev
    }
}

/// Grows an edit to the whole quotation it sits in, in both texts.
fn widen_to_quote(p: &View, e: &Edit, ops: &[DiffOp]) -> (Range<usize>, Range<usize>) {
    let Some(anchor) = p.toks.get(e.pr.start).or_else(|| p.toks.get(e.pr.start.saturating_sub(1))) else {
        return (e.pr.clone(), e.cr.clone());
    };
    let Some(q) = quotations(&p.art.text).into_iter().find(|q| q.contains(&anchor.start)) else {
        return (e.pr.clone(), e.cr.clone());
    };
    let pr_start = p.toks.iter().position(|t| t.start >= q.start).unwrap_or(e.pr.start).min(e.pr.start);
    let pr_end = p.toks.iter().rposition(|t| t.end <= q.end).map_or(e.pr.end, |k| k + 1).max(e.pr.end);
    // Map the quote's ends into the child through the diff's unchanged runs.
    let map = |k: usize| -> Option<usize> {
        ops.iter().find_map(|op| match *op {
            DiffOp::Equal { old_index, new_index, len } if (old_index..old_index + len).contains(&k) => Some(new_index + k - old_index),
            _ => None,
        })
    };
    let cr_start = map(pr_start).unwrap_or(e.cr.start).min(e.cr.start);
    let cr_end = pr_end.checked_sub(1).and_then(map).map_or(e.cr.end, |k| k + 1).max(e.cr.end);
    (pr_start..pr_end, cr_start..cr_end)
}
