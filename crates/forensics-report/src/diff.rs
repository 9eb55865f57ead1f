//! Two documents compared: the analysis's relation between them with its
//! evidence, or, when the analysis found none and both are in one language,
//! a word diff of their texts.

use crate::escape::{html as esc, shorten};
use crate::style::Palette;
use crate::text::{diff_line, effect_label, important_changes, kind_label, role_label, TextOptions};
use crate::tree::Index;
use crate::Texts;
use forensics_parse::Span;
use forensics_provenance::{Analysis, Change, ChangeKind, Effect, Evidence, Excerpt, Relation, RelationKind, SharedPassage};
use similar::TextDiff;
use std::fmt::Write;

/// Share of words two unrelated texts must have in common before the text
/// diff lists a word diff's changes (the seeds' independent report of the
/// same meeting shares 3 % with the AP story; a copy shares most).
const MIN_WORD_DIFF_SHARE: f64 = 0.1;

/// How two documents relate, ready to render.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub first: String,
    pub second: String,
    /// The relation between them, oriented as the analysis found it (its
    /// `source` may be `second`), or a word diff when `from_analysis` is false.
    pub relation: Option<Relation>,
    pub from_analysis: bool,
}

/// Finds the relation between `first` and `second` in `a`; without one, and
/// when both texts are in the same language, diffs their texts word by word.
pub fn compare(a: &Analysis, texts: &Texts, first: &str, second: &str) -> Comparison {
    let between = |r: &&Relation| (r.source == first && r.target == second) || (r.source == second && r.target == first);
    let found = a.relations.iter().filter(between).min_by_key(|r| r.kind == RelationKind::SameEvent).cloned();
    if found.is_some() {
        return Comparison { first: first.into(), second: second.into(), relation: found, from_analysis: true };
    }
    let lang = |id: &str| a.documents.iter().find(|d| d.id == id).map(|d| d.language.clone()).unwrap_or_default();
    let relation = match (texts.get(first), texts.get(second)) {
        (Some(x), Some(y)) if lang(first) == lang(second) => Some(word_diff(first, second, x, y)),
        _ => None,
    };
    Comparison { first: first.into(), second: second.into(), relation, from_analysis: false }
}

fn word_diff(first: &str, second: &str, x: &str, y: &str) -> Relation {
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_words(x, y);
    let mut ev = Evidence::default();
    let (mut ox, mut oy) = (0usize, 0usize);
    let (mut same, mut total) = (0usize, 0usize);
    for op in diff.ops() {
        let old: usize = diff.old_slices()[op.old_range()].iter().map(|s| s.len()).sum();
        let new: usize = diff.new_slices()[op.new_range()].iter().map(|s| s.len()).sum();
        let (sx, sy) = (Span::new(ox, ox + old), Span::new(oy, oy + new));
        let (tx, ty) = (sx.slice(x), sy.slice(y));
        let words = |s: &str| s.split_whitespace().count();
        total += words(tx).max(words(ty));
        match op.tag() {
            similar::DiffTag::Equal => {
                same += words(tx);
                if words(tx) > 0 {
                    ev.shared_passages.push(SharedPassage { source: sx, target: sy, words: words(tx) });
                }
            }
            similar::DiffTag::Delete if !tx.trim().is_empty() => ev.dropped.push(Excerpt { span: sx, text: shorten(tx, 160) }),
            similar::DiffTag::Insert if !ty.trim().is_empty() => ev.added.push(Excerpt { span: sy, text: shorten(ty, 160) }),
            similar::DiffTag::Replace => ev.changed.push(Change {
                kind: ChangeKind::Wording,
                // A plain word diff has no judgement of what changed.
                effect: Effect::Reworded,
                before: tx.trim().into(),
                after: ty.trim().into(),
                diff: format!("[-{}-]{{+{}+}}", shorten(tx, 200), shorten(ty, 200)),
                source: sx,
                target: sy,
            }),
            _ => {}
        }
        ox += old;
        oy += new;
    }
    let similarity = if total == 0 { 1.0 } else { same as f64 / total as f64 };
    Relation { source: first.into(), target: second.into(), kind: RelationKind::Copy, subkind: Some("word diff".into()), similarity, confidence: 0.0, signals: vec![], evidence: ev }
}

/// The comparison as text: both documents, the relation, then every change,
/// dropped and added passage, and for translations the aligned sentences.
pub fn render_diff_text(a: &Analysis, texts: &Texts, c: &Comparison, opts: &TextOptions) -> String {
    let p = Palette::new(opts.color);
    let index = Index::new(a);
    let mut out = String::new();
    for (label, id) in [("first ", &c.first), ("second", &c.second)] {
        let d = index.docs.get(id.as_str());
        let role = d.map(|d| role_label(d.role, None)).unwrap_or_else(|| "?".into());
        let lang = d.map(|d| d.language.as_str()).unwrap_or("und");
        let title = d.and_then(|d| d.title.as_deref()).map(|t| format!("“{}”", shorten(t, 70))).unwrap_or_default();
        let _ = writeln!(out, "{} {} ({role}, {lang}) {title}", p.heading(label), p.id(id));
    }
    let Some(r) = &c.relation else {
        let _ = writeln!(out, "\nno relation found, and the two are in different languages: nothing to align");
        return out;
    };
    if c.from_analysis {
        let sub = r.subkind.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        let arrow = if r.kind == RelationKind::SameEvent { "~" } else { "→" };
        let _ = writeln!(out, "{} {}{sub} {} {arrow} {}, similarity {:.2}, confidence {:.2}", p.heading("relation"), crate::dot::kind_name(r.kind), p.id(&r.source), p.id(&r.target), r.similarity, r.confidence);
    } else {
        let _ = writeln!(out, "{} none found by the analysis; word diff of the two texts ({:.0}% of words shared)", p.heading("relation"), r.similarity * 100.0);
        if r.similarity < MIN_WORD_DIFF_SHARE {
            // Below this a word diff pairs unrelated words one by one: pages
            // of noise, no evidence.
            let _ = writeln!(out, "\nthe texts have too little in common for a word diff to mean anything: different stories, or one event told in other words");
            return out;
        }
    }
    let ev = &r.evidence;
    let changes = important_changes(r);
    if !changes.is_empty() {
        let _ = writeln!(out, "\n{} ({})", p.heading("changes"), changes.len());
        for ch in changes {
            let _ = writeln!(out, "  {:<8} {:<8} {}", kind_label(ch.kind), effect_label(ch.effect), diff_line(ch, &p));
        }
    }
    let excerpt = |e: &Excerpt, side: &str| -> String {
        let text = texts.get(side).map(|t| e.span.slice(t)).filter(|s| !s.is_empty()).map(|s| shorten(s, 160)).unwrap_or_else(|| e.text.clone());
        format!("“{text}”")
    };
    if !ev.dropped.is_empty() {
        let _ = writeln!(out, "\n{} {} ({})", p.heading("dropped from"), p.id(&r.source), ev.dropped.len());
        for e in &ev.dropped {
            let _ = writeln!(out, "  {} {}", p.minus("-"), excerpt(e, &r.source));
        }
    }
    if !ev.added.is_empty() {
        let _ = writeln!(out, "\n{} {} ({})", p.heading("added in"), p.id(&r.target), ev.added.len());
        for e in &ev.added {
            let _ = writeln!(out, "  {} {}", p.plus("+"), excerpt(e, &r.target));
        }
    }
    if !ev.sentence_alignment.is_empty() {
        let _ = writeln!(out, "\n{} ({})", p.heading("aligned sentences"), ev.sentence_alignment.len());
        for (k, s) in ev.sentence_alignment.iter().enumerate() {
            let get = |id: &str, span: Span| texts.get(id).map(|t| shorten(span.slice(t), 110)).unwrap_or_default();
            let _ = writeln!(out, "  {:>3}. {}\n       {}", k + 1, get(&r.source, s.source), p.dim(&get(&r.target, s.target)));
        }
    }
    if !ev.shared_passages.is_empty() {
        let words: usize = ev.shared_passages.iter().map(|s| s.words).sum();
        let _ = writeln!(out, "\n{} {} {}, {words} words", p.heading("shared"), ev.shared_passages.len(), if ev.shared_passages.len() == 1 { "passage" } else { "passages" });
    }
    out
}

/// The comparison as a self-contained HTML page: the relation's changes and
/// the two texts side by side.
pub fn render_diff_html(a: &Analysis, texts: &Texts, c: &Comparison) -> String {
    let index = Index::new(a);
    let mut body = format!("<header><h1>{} ⇄ {}</h1></header>", esc(&c.first), esc(&c.second));
    body.push_str(crate::html::LEGEND);
    match &c.relation {
        Some(r) => {
            if !c.from_analysis {
                body.push_str(r#"<p class="dim">The analysis found no relation between these two documents: this is a word diff of their texts.</p>"#);
            }
            body.push_str(&crate::html::section(a, &index, texts, 0, r));
        }
        None => body.push_str(r#"<p>No relation found, and the two are in different languages: nothing to align.</p>"#),
    }
    crate::html::page(&format!("{} ⇄ {}", c.first, c.second), &body)
}
