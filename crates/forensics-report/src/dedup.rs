//! `forensics dedup`: families with their members and pairwise similarities.

use crate::style::Palette;
use forensics_dedup::{DedupResult, PairKind};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders every family of two or more with its verified pairs (similarity,
/// Jaccard, containment both ways, content overlap, aligned passages), then
/// same-event links and the count of documents alone.
pub fn render_dedup_text(r: &DedupResult, color: bool) -> String {
    let p = Palette::new(color);
    let mut out = String::new();
    let family_of: BTreeMap<&str, &str> = r.families.iter().flat_map(|f| f.members.iter().map(move |m| (m.as_str(), f.id.as_str()))).collect();
    let mut alone = 0;
    for f in &r.families {
        if f.members.len() < 2 {
            alone += 1;
            continue;
        }
        let _ = writeln!(out, "{} {} · {} members: {}", p.heading("family"), f.id, f.members.len(), f.members.iter().map(|m| p.id(m)).collect::<Vec<_>>().join(", "));
        for pair in r.pairs.iter().filter(|x| family_of.get(x.a.as_str()) == Some(&f.id.as_str()) && family_of.get(x.b.as_str()) == Some(&f.id.as_str())) {
            let kind = match pair.kind {
                PairKind::SameLanguage => "same language",
                PairKind::CrossLanguage => "cross language",
            };
            let _ = writeln!(
                out,
                "  {} ~ {}  sim {:.2}  jaccard {:.2}  containment {:.2}/{:.2}  content {:.2}  {} passages  {}",
                p.id(&pair.a),
                p.id(&pair.b),
                pair.similarity,
                pair.jaccard,
                pair.containment_a_in_b,
                pair.containment_b_in_a,
                pair.content,
                pair.passages.len(),
                p.dim(kind)
            );
        }
    }
    for e in &r.same_event {
        let _ = writeln!(out, "{} {} ~ {} ({:.2})", p.heading("same event"), p.id(&e.a), p.id(&e.b), e.score);
    }
    let multi = r.families.len() - alone;
    let _ = writeln!(out, "{}", p.dim(&format!("{multi} families of two or more · {alone} documents alone · {} verified pairs", r.pairs.len())));
    out
}
