//! One self-contained HTML file: no script, no network, no external asset.

mod graph;
mod relation;

use crate::escape::html as esc;
use crate::text::role_label;
use crate::tree::Index;
use crate::Texts;
use forensics_provenance::Analysis;
use std::fmt::Write;

pub(crate) use relation::section;

const CSS: &str = include_str!("report.css");

/// Renders the report: totals, the story graph (inline SVG, one edge per
/// relation), the documents table, then per relation its changes and the two
/// texts side by side. `texts` supplies each page's parsed text; relations
/// whose texts are missing are shown without the side-by-side view.
pub fn render_html(a: &Analysis, texts: &Texts) -> String {
    let index = Index::new(a);
    let mut body = String::new();
    let multi = a.families.iter().filter(|f| f.members.len() > 1).count();
    let _ = write!(
        body,
        r#"<header><h1>forensics report</h1><p class="counts">{} documents · {multi} {} of versions · {} relations · {} skipped</p><p class="dim">{} · forensics {}</p></header>"#,
        a.documents.len(),
        if multi == 1 { "family" } else { "families" },
        a.relations.len(),
        a.skipped.len(),
        esc(&a.schema),
        esc(&a.tool.version)
    );
    body.push_str(r#"<h2>Graph</h2><div class="graph-wrap">"#);
    body.push_str(&graph::svg(a));
    body.push_str("</div>");
    body.push_str(LEGEND);
    body.push_str(&documents(a, &index));
    for f in a.families.iter().filter(|f| !f.intermediates.is_empty()) {
        for i in &f.intermediates {
            let _ = write!(body, r#"<div class="intermediate-note"><h3>Lost intermediate {} <span class="meta">family {}</span></h3><p>Between {} and {}.</p><ul>"#, esc(&i.id), esc(&f.id), esc(&i.parent), esc(&i.members.join(", ")));
            for e in &i.shared_edits {
                let _ = write!(body, "<li>shared edit: {}</li>", esc(e));
            }
            for h in &i.hints {
                let _ = write!(body, "<li>hint: {}</li>", esc(h));
            }
            body.push_str("</ul></div>");
        }
    }
    if !a.relations.is_empty() {
        body.push_str("<h2>Relations</h2>");
    }
    for (i, r) in a.relations.iter().enumerate() {
        body.push_str(&section(a, &index, texts, i, r));
    }
    if !a.skipped.is_empty() {
        body.push_str(r#"<h2>Skipped inputs</h2><table class="skipped"><tr><th>source</th><th>where</th><th>reason</th></tr>"#);
        for s in &a.skipped {
            let _ = write!(body, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&s.source), esc(s.locator.as_deref().unwrap_or("")), esc(&s.reason));
        }
        body.push_str("</table>");
    }
    page("forensics report", &body)
}

/// Wraps a body in the page skeleton with the inline style sheet.
pub(crate) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>{}</title><style>{CSS}</style></head><body>{body}</body></html>\n",
        esc(title)
    )
}

pub(crate) const LEGEND: &str = r#"<p class="legend"><span class="shared p0">shared passage</span> <span class="aligned p0">aligned sentence</span> <mark class="change top">key change</mark> <mark class="change">other change</mark> <del class="dropped">dropped by the child</del> <ins class="added">added by the child</ins></p>"#;

fn documents(a: &Analysis, index: &Index<'_>) -> String {
    let mut out = String::from(r#"<h2>Documents</h2><div class="table-wrap"><table class="documents"><tr><th>id</th><th>role</th><th>parent</th><th>lang</th><th>family</th><th>confidence</th><th>published</th><th>headline</th><th>source</th></tr>"#);
    for d in &a.documents {
        let rel = d.parent.as_deref().and_then(|p| index.derived.get(&(p, d.id.as_str()))).and_then(|&i| a.relations.get(i));
        let source = match &d.locator {
            Some(l) => format!("{} ({l})", d.source),
            None => d.source.clone(),
        };
        let _ = write!(
            out,
            r#"<tr id="doc-{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{:.2}</td><td>{}</td><td>{}</td><td class="dim">{}</td></tr>"#,
            esc(&d.id),
            esc(&d.id),
            esc(&role_label(d.role, rel)),
            esc(d.parent.as_deref().unwrap_or("")),
            esc(&d.language),
            esc(&d.family),
            d.confidence,
            esc(d.published.as_deref().unwrap_or("")),
            esc(d.title.as_deref().unwrap_or("")),
            esc(&source)
        );
    }
    out.push_str("</table></div>");
    out
}
