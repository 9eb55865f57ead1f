//! The provenance graph for Graphviz: `forensics analyze … --format dot | dot -Tsvg`.

use crate::escape::{dot as q, shorten};
use crate::text::role_label;
use crate::tree::{is_connected, stories, Index};
use forensics_provenance::{Analysis, RelationKind};
use std::fmt::Write;

/// One cluster per story and per family; an edge per relation (parent →
/// child; `same-event` dashed and undirected); lost intermediates as dashed
/// nodes. Documents with no related document are left out (counted in a comment).
pub fn render_dot(a: &Analysis) -> String {
    let index = Index::new(a);
    let mut out = String::from("digraph forensics {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let mut left_out = 0;
    for (si, (story, fams)) in stories(a).into_iter().enumerate() {
        if !is_connected(&fams) {
            left_out += fams.iter().map(|f| f.members.len()).sum::<usize>();
            continue;
        }
        let _ = writeln!(out, "  subgraph cluster_s{si} {{\n    label={};\n    style=dashed;", q(&format!("story {story}")));
        for (fi, f) in fams.iter().enumerate() {
            let _ = writeln!(out, "    subgraph cluster_s{si}_f{fi} {{\n      label={};\n      style=solid;", q(&format!("family {}", f.id)));
            for m in &f.members {
                let Some(d) = index.docs.get(m.as_str()) else { continue };
                let rel = d.parent.as_deref().and_then(|p| index.derived.get(&(p, m.as_str()))).and_then(|&i| a.relations.get(i));
                let mut label = format!("{m}\n{} · {}", role_label(d.role, rel), d.language);
                if let Some(t) = &d.title {
                    label.push('\n');
                    label.push_str(&shorten(t, 40));
                }
                let extra = if m == &f.original { ", penwidth=2" } else { "" };
                let _ = writeln!(out, "      {} [label={}{extra}];", q(m), q(&label));
            }
            for i in &f.intermediates {
                let label = format!("lost intermediate\n{}", i.id);
                let _ = writeln!(out, "      {} [label={}, style=\"dashed,rounded\"];", q(&i.id), q(&label));
                let _ = writeln!(out, "      {} -> {} [style=dotted, arrowhead=none];", q(&i.parent), q(&i.id));
                for m in &i.members {
                    let _ = writeln!(out, "      {} -> {} [style=dotted];", q(&i.id), q(m));
                }
            }
            out.push_str("    }\n");
        }
        out.push_str("  }\n");
    }
    for r in &a.relations {
        let label = match (&r.kind, &r.subkind) {
            (RelationKind::SameEvent, _) => format!("same event {:.2}", r.similarity),
            (k, Some(sub)) => format!("{} ({sub}) {:.2}", kind_name(*k), r.similarity),
            (k, None) => format!("{} {:.2}", kind_name(*k), r.similarity),
        };
        let style = if r.kind == RelationKind::SameEvent { ", style=dashed, dir=none, constraint=false" } else { "" };
        let _ = writeln!(out, "  {} -> {} [label={}{style}];", q(&r.source), q(&r.target), q(&label));
    }
    if left_out > 0 {
        let _ = writeln!(out, "  // {left_out} unrelated {} not drawn", if left_out == 1 { "document" } else { "documents" });
    }
    out.push_str("}\n");
    out
}

pub(crate) fn kind_name(k: RelationKind) -> &'static str {
    match k {
        RelationKind::Copy => "copy",
        RelationKind::Rewrite => "rewrite",
        RelationKind::Translation => "translation",
        RelationKind::SameEvent => "same-event",
    }
}
