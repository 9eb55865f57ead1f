//! Direction evidence: which of two versions came first, each signal with
//! the weight it contributes. Positive weights favour "a is the source of b".

use crate::config::Weights;
use crate::model::Signal;
use crate::text::{share, View};
use forensics_parse::{BlockKind, CreditKind, PartialDate};
use std::collections::BTreeSet;

/// What a page says about itself: wire markers versus republication markers.
#[derive(Debug, Clone, Default)]
pub struct Markers {
    pub agency_dateline: Option<String>,
    pub agency_byline: Option<String>,
    /// Republication markers found, with their weights.
    pub republication: Vec<(String, f64)>,
}

impl Markers {
    pub fn of(v: &View, w: &Weights) -> Self {
        let m = &v.art.meta;
        let mut out = Markers {
            agency_dateline: m.dateline.as_ref().and_then(|d| d.agency.clone()),
            agency_byline: m.credits.iter().find(|c| c.kind == CreditKind::Byline).map(|c| c.name.clone()),
            republication: Vec::new(),
        };
        if !m.handles.is_empty() {
            out.republication.push((format!("uploader handle {}", m.handles.join(", ")), w.handle));
        }
        if let Some(rt) = &m.read_time {
            out.republication.push((format!("read time \"{rt}\""), w.read_time));
        }
        // Each kind of marker counts once: a page full of "0 0" rating lines is one page.
        let credit = |k: CreditKind| m.credits.iter().filter(|c| c.kind == k).map(|c| c.name.as_str()).collect::<Vec<_>>();
        // "According to X" deep in a story attributes a fact, not the text:
        // only an attribution in the opening sentences marks a republication.
        let opening_end = v.sents.get(2).or(v.sents.last()).map_or(0, |s| v.to_raw(s.span).end);
        let attributions: Vec<&str> =
            m.credits.iter().filter(|c| c.kind == CreditKind::Attribution && c.span.start <= opening_end).map(|c| c.name.as_str()).collect();
        if !attributions.is_empty() {
            out.republication.push((format!("attributes its text to {}", attributions.join(", ")), w.attribution));
        }
        let sign_offs = credit(CreditKind::SignOff);
        if !sign_offs.is_empty() && out.agency_dateline.is_none() {
            out.republication.push((format!("bare sign-off credit {}", sign_offs[sign_offs.len() - 1]), w.sign_off));
        }
        let widgets = v.art.removed.iter().filter(|r| matches!(r.kind, BlockKind::Widget | BlockKind::Form)).count();
        if widgets > 0 {
            out.republication.push((format!("{widgets} widget/form blocks removed"), w.widgets));
        }
        out
    }

    /// The strongest marker: two republications are not ordered by how many
    /// widgets each site happens to carry.
    fn republication_score(&self) -> f64 {
        self.republication.iter().map(|r| r.1).fold(0.0, f64::max)
    }
}

/// Compares two partial dates at their common precision: `Some(Less)` when `a` is earlier.
fn date_order(a: &PartialDate, b: &PartialDate) -> Option<std::cmp::Ordering> {
    let key = |d: &PartialDate, depth: u8| (d.year, if depth >= 1 { d.month } else { None }, if depth >= 2 { d.day } else { None });
    let depth = match (a.month.zip(b.month), a.day.zip(b.day)) {
        (Some(_), Some(_)) => 2,
        (Some(_), None) => 1,
        _ => 0,
    };
    let o = key(a, depth).cmp(&key(b, depth));
    (o != std::cmp::Ordering::Equal).then_some(o)
}

/// Characters a language needs for the text English says in 100, roughly
/// (general typology of written languages, not measured on any corpus here):
/// translations are compared against this before their length can tell direction.
fn length_factor(lang: &str) -> Option<f64> {
    Some(match lang {
        "en" => 1.0,
        "de" | "nl" => 1.12,
        "fr" | "es" | "it" | "pt" | "ro" | "ca" => 1.12,
        "sv" | "nb" | "nn" | "da" | "no" | "is" => 1.02,
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" => 1.08,
        "cs" | "sk" | "pl" | "hr" | "sl" | "bs" => 0.98,
        "fi" | "et" | "hu" | "lt" | "lv" => 1.05,
        "el" | "tr" => 1.08,
        "ar" | "he" | "fa" => 0.85,
        "zh" => 0.30,
        "ja" => 0.45,
        "ko" => 0.45,
        _ => return None,
    })
}

/// Facts about an ordered pair the caller measured once.
pub struct PairFacts {
    pub cross: bool,
    /// Share of a's / b's shingles found in the other (same language).
    pub a_in_b: f64,
    pub b_in_a: f64,
    pub jaccard: f64,
    /// Fidelity votes: +1 for each change where b's wording is the odd one out, −1 where a's is.
    pub fidelity: i32,
    pub fidelity_detail: Vec<String>,
    /// Characters (no white space) of the whole texts of a and b (translations), for the length cue.
    pub aligned_chars: Option<(usize, usize)>,
}

/// Mean similarity over all of a member's cross-language links: every link
/// counts, so a version whose two translations share a language is closer
/// to both of them than either is to the other translations.
pub fn centrality(i: usize, langs: &[&str], sim: &dyn Fn(usize, usize) -> f64) -> Option<f64> {
    let xs: Vec<f64> = (0..langs.len()).filter(|&j| langs[j] != langs[i]).map(|j| sim(i, j)).collect();
    if xs.is_empty() {
        return None;
    }
    Some(xs.iter().sum::<f64>() / xs.len() as f64)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// All direction signals for "a is the source of b".
#[allow(clippy::too_many_arguments)]
pub fn direction(a: &View, b: &View, ma: &Markers, mb: &Markers, f: &PairFacts, cent: (Option<f64>, Option<f64>), w: &Weights) -> Vec<Signal> {
    let mut out = Vec::new();
    let mut push = |name: &str, weight: f64, detail: String| {
        if weight.abs() >= 1e-9 {
            out.push(Signal { name: name.into(), weight: round(weight), detail });
        }
    };
    if let (Some(da), Some(db)) = (a.art.meta.published, b.art.meta.published) {
        match date_order(&da, &db) {
            Some(std::cmp::Ordering::Less) => push("published", w.published, format!("{da} before {db}")),
            Some(std::cmp::Ordering::Greater) => push("published", -w.published, format!("{da} after {db}")),
            _ => {}
        }
    }
    let has = |x: &Option<String>| f64::from(u8::from(x.is_some()));
    let d = has(&ma.agency_dateline) - has(&mb.agency_dateline);
    if d != 0.0 {
        let who = if d > 0.0 { ("source", &ma.agency_dateline) } else { ("target", &mb.agency_dateline) };
        push("agency-dateline", d * w.agency_dateline, format!("{} has a dateline by {}", who.0, who.1.as_deref().unwrap_or("?")));
    }
    let d = has(&ma.agency_byline) - has(&mb.agency_byline);
    if d != 0.0 {
        let who = if d > 0.0 { ("source", &ma.agency_byline) } else { ("target", &mb.agency_byline) };
        push("agency-byline", d * w.agency_byline, format!("{} is bylined {}", who.0, who.1.as_deref().unwrap_or("?")));
    }
    let d = mb.republication_score() - ma.republication_score();
    if d.abs() > 1e-9 {
        let list = |m: &Markers| m.republication.iter().map(|r| r.0.as_str()).collect::<Vec<_>>().join("; ");
        push("republication", d, format!("source: [{}]; target: [{}]", list(ma), list(mb)));
    }
    // Information flow: a derived text holds little its source lacks.
    // Across languages only numbers and dates are comparable facts (German
    // capitalises every noun, so "names" would not match).
    let facts = |v: &View| -> BTreeSet<String> { v.anchors.iter().filter(|x| !f.cross || !x.starts_with("n:")).cloned().collect() };
    let (aa, ab) = (facts(a), facts(b));
    let (fa, fb) = (share(&ab, &aa), share(&aa, &ab));
    // Across languages the count of numbers depends on how each language
    // writes them (digits or words), which would favour some languages as
    // sources: the fact flow is measured within one language only.
    let mut flow = if f.cross { 0.0 } else { (fa - fb) * w.anchor_flow };
    let mut detail = format!("{:.0}% of target's facts in source, {:.0}% of source's in target", fa * 100.0, fb * 100.0);
    if !f.cross && f.jaccard >= 0.1 {
        flow += (f.b_in_a - f.a_in_b) * w.text_flow;
        detail += &format!("; {:.0}% of target's text in source, {:.0}% of source's in target", f.b_in_a * 100.0, f.a_in_b * 100.0);
    }
    push("information-flow", flow, detail);
    if f.fidelity != 0 {
        let v = f64::from(f.fidelity.clamp(-2, 2)) * w.fidelity;
        push("fidelity", v, f.fidelity_detail.join("; "));
    }
    if let (Some(ca), Some(cb)) = cent {
        push("centrality", (ca - cb) * w.centrality, format!("cross-language centrality {ca:.2} vs {cb:.2}"));
    }
    if f.cross {
        if let (Some(ka), Some(kb), Some((la, lb))) = (length_factor(a.lang()), length_factor(b.lang()), f.aligned_chars) {
            let (la, lb) = (la.max(1) as f64, lb.max(1) as f64);
            let r = (lb / la) / (kb / ka);
            let v = (w.length_ratio * r.ln()).clamp(-w.length_ratio_cap, w.length_ratio_cap);
            push("length-ratio", v, format!("text of target {:.2}× the source's, against the usual {:.2}", lb / la, kb / ka));
        }
    }
    out
}
