//! One relation's evidence: its changes as word diffs, its signals, and the
//! two texts side by side with shared passages, changes, dropped and added
//! passages marked.

use crate::escape::html as esc;
use crate::spans::{mark, Layer};
use crate::text::{effect_label, important_changes, kind_label, role_label, TOP_CHANGES};
use crate::tree::Index;
use crate::worddiff::{parse_word_diff, DiffPiece};
use crate::Texts;
use forensics_provenance::{Analysis, Change, Relation, RelationKind};
use std::fmt::Write;

pub(crate) fn section(a: &Analysis, index: &Index<'_>, texts: &Texts, i: usize, r: &Relation) -> String {
    let mut out = String::new();
    let kind = crate::dot::kind_name(r.kind);
    let sub = r.subkind.as_deref().map(|s| format!(" ({})", esc(s))).unwrap_or_default();
    let arrow = if r.kind == RelationKind::SameEvent { "~" } else { "→" };
    let _ = write!(
        out,
        r#"<section class="relation" id="rel-{i}" data-kind="{kind}"><h3><span class="kind">{kind}{sub}</span> {} {arrow} {} <span class="meta">similarity {:.2} · confidence {:.2}</span></h3>"#,
        doc_link(&r.source),
        doc_link(&r.target),
        r.similarity,
        r.confidence
    );
    let changes = important_changes(r);
    if !changes.is_empty() {
        out.push_str(r#"<h4>Changes <span class="meta">most telling first; the first ones, marked key, are those the text summary shows</span></h4><ul class="changes">"#);
        for (k, c) in changes.iter().enumerate() {
            let top = if k < TOP_CHANGES { r#" class="top" title="key change""# } else { "" };
            let _ = write!(
                out,
                r##"<li{top}><a class="kind" href="#rel-{i}-c{k}">{}</a> <span class="effect">{}</span> <span class="diff">{}</span></li>"##,
                kind_label(c.kind),
                effect_label(c.effect),
                diff_html(c)
            );
        }
        out.push_str("</ul>");
    }
    let ev = &r.evidence;
    let facts = [
        (ev.shared_passages.len(), "shared passage", "shared passages"),
        (ev.dropped.len(), "passage dropped", "passages dropped"),
        (ev.added.len(), "passage added", "passages added"),
        (ev.sentence_alignment.len(), "aligned sentence", "aligned sentences"),
    ];
    let listed: Vec<String> = facts.iter().filter(|(n, _, _)| *n > 0).map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many })).collect();
    if !listed.is_empty() {
        let _ = write!(out, r#"<p class="counts">{}</p>"#, listed.join(" · "));
    }
    if !r.signals.is_empty() {
        let _ = write!(out, r#"<details><summary>Direction signals ({})</summary><table class="signals"><tr><th>signal</th><th>weight</th><th>detail</th></tr>"#, r.signals.len());
        for s in &r.signals {
            let _ = write!(out, "<tr><td>{}</td><td class=\"num\">{:+.2}</td><td>{}</td></tr>", esc(&s.name), s.weight, esc(&s.detail));
        }
        out.push_str("</table></details>");
    }
    out.push_str(&side_by_side(a, index, texts, i, r));
    out.push_str("</section>");
    out
}

fn doc_link(id: &str) -> String {
    format!(r##"<a href="#doc-{0}">{0}</a>"##, esc(id))
}

/// A change's word diff as `<del>`/`<ins>`; `before → after` when it has none.
pub(crate) fn diff_html(c: &Change) -> String {
    if c.diff.trim().is_empty() {
        return format!("<del>{}</del> → <ins>{}</ins>", esc(&c.before), esc(&c.after));
    }
    parse_word_diff(&c.diff)
        .into_iter()
        .map(|p| match p {
            DiffPiece::Same(s) => esc(s),
            DiffPiece::Removed(s) => format!("<del>{}</del>", esc(s)),
            DiffPiece::Inserted(s) => format!("<ins>{}</ins>", esc(s)),
        })
        .collect()
}

fn side_by_side(a: &Analysis, index: &Index<'_>, texts: &Texts, i: usize, r: &Relation) -> String {
    let (Some(src), Some(dst)) = (texts.get(&r.source), texts.get(&r.target)) else {
        return r#"<p class="dim">The texts are not part of this report.</p>"#.to_string();
    };
    let ev = &r.evidence;
    let changes = important_changes(r);
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (k, p) in ev.shared_passages.iter().enumerate() {
        let open = |side: &str| format!(r#"<span class="shared p{}" data-passage="{k}" title="shared passage {} ({side})">"#, k % 2, k + 1);
        left.push(Layer { span: p.source, priority: 1, open: open("parent"), close: "</span>" });
        right.push(Layer { span: p.target, priority: 1, open: open("child"), close: "</span>" });
    }
    for (k, s) in ev.sentence_alignment.iter().enumerate() {
        let open = format!(r#"<span class="aligned p{}" data-sentence="{k}" title="sentence pair {} (score {:.2})">"#, k % 2, k + 1, s.score);
        left.push(Layer { span: s.source, priority: 1, open: open.clone(), close: "</span>" });
        right.push(Layer { span: s.target, priority: 1, open, close: "</span>" });
    }
    for d in &ev.dropped {
        left.push(Layer { span: d.span, priority: 2, open: r#"<del class="dropped" title="dropped by the child">"#.into(), close: "</del>" });
    }
    for d in &ev.added {
        right.push(Layer { span: d.span, priority: 2, open: r#"<ins class="added" title="added by the child">"#.into(), close: "</ins>" });
    }
    for (k, c) in changes.iter().enumerate() {
        let title = esc(&format!("{} ({}): {}", kind_label(c.kind), effect_label(c.effect), plain_diff(c)));
        let top = if k < TOP_CHANGES { " top" } else { "" };
        left.push(Layer { span: c.source, priority: 3, open: format!(r#"<mark class="change before{top}" data-change="{k}" title="{title}">"#), close: "</mark>" });
        right.push(Layer { span: c.target, priority: 3, open: format!(r#"<mark class="change after{top}" id="rel-{i}-c{k}" data-change="{k}" title="{title}">"#), close: "</mark>" });
    }
    let head = |id: &str, side: &str| {
        let d = index.docs.get(id);
        let rel = d.and_then(|d| d.parent.as_deref()).and_then(|p| index.derived.get(&(p, id))).and_then(|&j| a.relations.get(j));
        let role = d.map(|d| role_label(d.role, rel)).unwrap_or_default();
        let lang = d.map(|d| d.language.as_str()).unwrap_or("und");
        format!("<h4>{side}: {} <span class=\"meta\">{} · {}</span></h4>", esc(id), esc(&role), esc(lang))
    };
    let (lhs, rhs) = if r.kind == RelationKind::SameEvent { ("first", "second") } else { ("parent", "child") };
    format!(
        r#"<div class="sxs"><div class="col">{}<pre class="doc">{}</pre></div><div class="col">{}<pre class="doc">{}</pre></div></div>"#,
        head(&r.source, lhs),
        mark(src, &left),
        head(&r.target, rhs),
        mark(dst, &right)
    )
}

fn plain_diff(c: &Change) -> String {
    if c.diff.trim().is_empty() { format!("{} → {}", c.before, c.after) } else { c.diff.clone() }
}
