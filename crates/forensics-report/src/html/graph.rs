//! The story graph as inline SVG: one box per document, one `path.edge` per
//! relation (each with `data-relation`, linking to its evidence section).

use crate::escape::{html as esc, shorten};
use crate::text::role_label;
use crate::tree::{is_connected, stories, version_tree, Index};
use forensics_provenance::{Analysis, FamilyRecord, RelationKind};
use std::collections::BTreeMap;
use std::fmt::Write;

const W: f64 = 190.0;
const H: f64 = 54.0;
const GAP: f64 = 24.0;
const LEVEL: f64 = 104.0;
const STORY_LABEL: f64 = 30.0;

#[derive(Clone, Copy)]
struct Pos {
    x: f64,
    y: f64,
}

/// Renders the graph of every connected story (documents without a related
/// document are listed in the table instead).
pub(crate) fn svg(a: &Analysis) -> String {
    let index = Index::new(a);
    let mut pos: BTreeMap<&str, Pos> = BTreeMap::new();
    let mut boxes = String::new();
    let mut labels = String::new();
    let mut y0 = 10.0;
    let mut width: f64 = 400.0;
    for (story, fams) in stories(a) {
        if !is_connected(&fams) {
            continue;
        }
        let _ = write!(labels, r#"<text class="story-label" x="10" y="{:.0}">story {}</text>"#, y0 + 18.0, esc(story));
        let top = y0 + STORY_LABEL;
        let mut x0 = 10.0;
        let mut depth_max = 0usize;
        for f in &fams {
            let (w, d) = family(a, &index, f, x0, top, &mut pos, &mut boxes);
            x0 += w + 2.0 * GAP;
            depth_max = depth_max.max(d);
        }
        width = width.max(x0);
        y0 = top + depth_max as f64 * LEVEL + H + GAP;
    }
    // Endpoints a malformed analysis left outside every drawn family still get
    // a box, so every relation has its edge.
    let mut x0 = 10.0;
    let mut extra = false;
    for r in &a.relations {
        for id in [&r.source, &r.target] {
            if !pos.contains_key(id.as_str()) {
                pos.insert(id, Pos { x: x0, y: y0 });
                node(&mut boxes, &index, a, id, x0, y0, false);
                x0 += W + GAP;
                extra = true;
            }
        }
    }
    if extra {
        y0 += LEVEL;
        width = width.max(x0);
    }
    let mut edges = String::new();
    for (i, r) in a.relations.iter().enumerate() {
        let (Some(s), Some(t)) = (pos.get(r.source.as_str()), pos.get(r.target.as_str())) else { continue };
        let kind = crate::dot::kind_name(r.kind);
        let (d, lx, ly) = if r.kind == RelationKind::SameEvent {
            let (x1, x2, y) = (s.x + W / 2.0, t.x + W / 2.0, s.y.min(t.y));
            (format!("M{x1:.1},{y:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{y:.1}", y - 26.0, y - 26.0), (x1 + x2) / 2.0, y - 22.0)
        } else {
            let (x1, y1, x2, y2) = (s.x + W / 2.0, s.y + H, t.x + W / 2.0, t.y);
            let my = (y1 + y2) / 2.0;
            (format!("M{x1:.1},{y1:.1} C{x1:.1},{my:.1} {x2:.1},{my:.1} {x2:.1},{y2:.1}"), (x1 + x2) / 2.0, my)
        };
        let marker = if r.kind == RelationKind::SameEvent { "" } else { r#" marker-end="url(#arrow)""# };
        let sub = r.subkind.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        let title = format!("{} → {}: {kind}{sub}, similarity {:.2}, confidence {:.2}", r.source, r.target, r.similarity, r.confidence);
        let _ = write!(
            edges,
            r##"<a href="#rel-{i}"><path class="edge kind-{kind}" data-relation="{i}" data-source="{}" data-target="{}" d="{d}"{marker}><title>{}</title></path><text class="edge-label" x="{lx:.1}" y="{ly:.1}">{kind} {:.2}</text></a>"##,
            esc(&r.source),
            esc(&r.target),
            esc(&title),
            r.similarity
        );
    }
    format!(
        r#"<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{:.0}" viewBox="0 0 {width:.0} {:.0}" data-relations="{}" role="img" aria-label="provenance graph"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>{labels}{edges}{boxes}</svg>"#,
        y0 + 10.0,
        y0 + 10.0,
        a.relations.len()
    )
}

/// Lays out one family's version tree at (x0, top); returns its width and depth.
fn family<'a>(a: &'a Analysis, index: &Index<'a>, f: &'a FamilyRecord, x0: f64, top: f64, pos: &mut BTreeMap<&'a str, Pos>, out: &mut String) -> (f64, usize) {
    let lines = version_tree(f, index);
    // Parent of each line in pre-order: the nearest earlier line one level up.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(lines.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        stack.truncate(l.depth);
        parent.push(if l.depth == 0 { None } else { stack.last().copied() });
        stack.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    // Leaves take consecutive slots; a parent sits over the middle of its children.
    let mut slot = vec![0.0f64; lines.len()];
    let mut next = 0.0;
    fn place(i: usize, children: &[Vec<usize>], slot: &mut [f64], next: &mut f64) {
        if children[i].is_empty() {
            slot[i] = *next;
            *next += 1.0;
        } else {
            for &c in &children[i] {
                place(c, children, slot, next);
            }
            let first = slot[children[i][0]];
            let last = slot[*children[i].last().unwrap_or(&children[i][0])];
            slot[i] = (first + last) / 2.0;
        }
    }
    for (i, p) in parent.iter().enumerate() {
        if p.is_none() {
            place(i, &children, &mut slot, &mut next);
        }
    }
    let depth = lines.iter().map(|l| l.depth).max().unwrap_or(0);
    for (i, l) in lines.iter().enumerate() {
        let (x, y) = (x0 + slot[i] * (W + GAP), top + l.depth as f64 * LEVEL);
        pos.insert(l.id, Pos { x, y });
        node(out, index, a, l.id, x, y, l.id == f.original);
    }
    // Lost intermediates: dashed boxes to the right, dotted links (not edges).
    let mut width = next.max(1.0) * (W + GAP) - GAP;
    for inter in &f.intermediates {
        let (x, y) = (x0 + width + GAP, top + LEVEL * 0.5);
        let _ = write!(out, r#"<g class="intermediate"><rect x="{x:.1}" y="{y:.1}" width="{W}" height="{H}" rx="6"/><text x="{:.1}" y="{:.1}">lost intermediate</text><text class="small" x="{:.1}" y="{:.1}">{}</text>"#, x + 8.0, y + 20.0, x + 8.0, y + 38.0, esc(&shorten(&inter.id, 28)));
        for m in std::iter::once(&inter.parent).chain(&inter.members) {
            if let Some(p) = pos.get(m.as_str()) {
                let _ = write!(out, r#"<line class="inter-link" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#, x, y + H / 2.0, p.x + W, p.y + H / 2.0);
            }
        }
        out.push_str("</g>");
        width += W + GAP;
    }
    (width, depth)
}

fn node(out: &mut String, index: &Index<'_>, a: &Analysis, id: &str, x: f64, y: f64, original: bool) {
    let d = index.docs.get(id);
    let rel = d.and_then(|d| d.parent.as_deref()).and_then(|p| index.derived.get(&(p, id))).and_then(|&i| a.relations.get(i));
    let role = d.map(|d| role_label(d.role, rel)).unwrap_or_else(|| "?".into());
    let lang = d.map(|d| d.language.as_str()).unwrap_or("und");
    let title = d.and_then(|d| d.title.as_deref()).unwrap_or("");
    let class = if original { "node original" } else { "node" };
    let _ = write!(
        out,
        r##"<a href="#doc-{}"><g class="{class}" data-id="{}"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{W}" height="{H}" rx="6"/><text x="{:.1}" y="{:.1}">{}</text><text class="small" x="{:.1}" y="{:.1}">{} · {}</text><text class="small dim" x="{:.1}" y="{:.1}">{}</text></g></a>"##,
        esc(id),
        esc(id),
        esc(&format!("{id}\n{title}")),
        x + 8.0,
        y + 16.0,
        esc(&shorten(id, 26)),
        x + 8.0,
        y + 31.0,
        esc(&role),
        esc(lang),
        x + 8.0,
        y + 46.0,
        esc(&shorten(title, 30)),
    );
}
