//! `forensics-provenance` decides, for every document of a corpus, its role
//! (original, copy, rewrite, translation, independent, unique) and its parent,
//! from the families and pairs found by `forensics-dedup`, with evidence.
//!
//! ```
//! use forensics_clean::{clean, CleanOptions};
//! use forensics_dedup::{dedup, DedupConfig};
//! use forensics_provenance::{provenance, ProvenanceConfig, Role};
//! let docs = vec![clean(&forensics_parse::parse_text("a", b"Markets rose on Monday."), None, &CleanOptions::default())];
//! let families = dedup(&docs, &DedupConfig::default());
//! let result = provenance(&docs, &families, &ProvenanceConfig::default());
//! assert_eq!(result.documents[0].role, Role::Unique);
//! ```

mod arborescence;
mod compare;
mod config;
mod family;
mod hub;
mod intermediate;
mod lineage;
mod model;
mod signals;
mod text;

pub use arborescence::max_arborescence;
pub use config::{ProvenanceConfig, Weights};
pub use model::*;

use forensics_clean::CleanArticle;
use forensics_dedup::DedupResult;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

struct FamilyIn<'a> {
    id: String,
    members: Vec<&'a CleanArticle>,
}

/// Roles, parents and evidence for every document. `source`/`locator` of
/// the document records are left empty for the caller (who knows the inputs).
/// Output order is sorted by id, whatever the order of `docs`.
pub fn provenance(docs: &[CleanArticle], dedup: &DedupResult, cfg: &ProvenanceConfig) -> Analysis {
    let by_id: BTreeMap<&str, &CleanArticle> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut fams: Vec<FamilyIn> = Vec::new();
    for f in &dedup.families {
        let mut members: Vec<&CleanArticle> =
            f.members.iter().filter_map(|m| by_id.get(m.as_str()).copied()).filter(|d| placed.insert(d.id.as_str())).collect();
        members.sort_by(|a, b| a.id.cmp(&b.id));
        if !members.is_empty() {
            fams.push(FamilyIn { id: f.id.clone(), members });
        }
    }
    for (id, d) in &by_id {
        if placed.insert(id) {
            fams.push(FamilyIn { id: format!("f-{id}"), members: vec![d] });
        }
    }
    fams.sort_by(|a, b| a.id.cmp(&b.id));
    let family_of: BTreeMap<&str, usize> = fams.iter().enumerate().flat_map(|(k, f)| f.members.iter().map(move |d| (d.id.as_str(), k))).collect();

    let known: BTreeMap<(String, String), f64> = dedup
        .pairs
        .iter()
        .map(|p| (if p.a < p.b { (p.a.clone(), p.b.clone()) } else { (p.b.clone(), p.a.clone()) }, p.similarity.clamp(0.0, 1.0)))
        .collect();
    let scored: Vec<Option<(family::Outcome, Vec<Intermediate>)>> = fams
        .par_iter()
        .map(|f| {
            if f.members.len() < 2 {
                return None;
            }
            let views: Vec<text::View> = f.members.iter().map(|d| text::View::new(d)).collect();
            let out = family::score(&views, &known, cfg);
            let inter = intermediate::find(&views, &out.parent, &out.pairs, &f.id, cfg);
            Some((out, inter))
        })
        .collect();

    // Stories: families joined by same-event links.
    let mut story: Vec<usize> = (0..fams.len()).collect();
    fn root(s: &[usize], mut x: usize) -> usize {
        while s[x] != x {
            x = s[x];
        }
        x
    }
    let mut links: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for l in &dedup.same_event {
        let (Some(&a), Some(&b)) = (family_of.get(l.a.as_str()), family_of.get(l.b.as_str())) else { continue };
        if a == b {
            continue;
        }
        let key = (a.min(b), a.max(b));
        let e = links.entry(key).or_insert(0.0);
        *e = e.max(l.score);
        let (ra, rb) = (root(&story, a), root(&story, b));
        // The smaller index names the story, so ids do not depend on link order.
        if ra != rb {
            story[ra.max(rb)] = ra.min(rb);
        }
    }

    let mut documents = Vec::with_capacity(docs.len());
    let mut families = Vec::with_capacity(fams.len());
    let mut relations = Vec::new();
    let mut originals = vec![String::new(); fams.len()];
    for (k, f) in fams.iter().enumerate() {
        let story_id = format!("s-{}", fams[root(&story, k)].id);
        let linked = links.keys().any(|&(a, b)| a == k || b == k);
        match &scored[k] {
            None => {
                let d = f.members[0];
                let role = if linked { Role::Independent } else { Role::Unique };
                let conf = if linked { links.iter().filter(|((a, b), _)| *a == k || *b == k).map(|(_, s)| *s).fold(0.5, f64::max) } else { 0.9 };
                documents.push(record(d, &f.id, &story_id, role, None, (conf.clamp(0.5, 0.99) * 100.0).round() / 100.0));
                originals[k] = d.id.clone();
                families.push(FamilyRecord { id: f.id.clone(), story: story_id, original: d.id.clone(), members: vec![d.id.clone()], intermediates: vec![] });
            }
            Some((out, inter)) => {
                let mut original = String::new();
                for (m, d) in f.members.iter().enumerate() {
                    let parent = out.parent[m].map(|p| f.members[p].id.clone());
                    if parent.is_none() {
                        original = d.id.clone();
                    }
                    documents.push(record(d, &f.id, &story_id, out.role[m], parent, out.confidence[m]));
                }
                originals[k] = original.clone();
                relations.extend(out.relations.iter().cloned());
                families.push(FamilyRecord {
                    id: f.id.clone(),
                    story: story_id,
                    original,
                    members: f.members.iter().map(|d| d.id.clone()).collect(),
                    intermediates: inter.clone(),
                });
            }
        }
    }
    for (&(a, b), &score) in &links {
        let (x, y) = if originals[a] <= originals[b] { (a, b) } else { (b, a) };
        relations.push(Relation {
            source: originals[x].clone(),
            target: originals[y].clone(),
            kind: RelationKind::SameEvent,
            subkind: None,
            similarity: (score * 1000.0).round() / 1000.0,
            confidence: (score.clamp(0.5, 0.99) * 100.0).round() / 100.0,
            signals: vec![],
            evidence: Evidence::default(),
        });
    }
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    relations.sort_by(|a, b| (a.kind == RelationKind::SameEvent, &a.target, &a.source).cmp(&(b.kind == RelationKind::SameEvent, &b.target, &b.source)));
    let tool = Tool { version: String::new(), parameters: serde_json::to_value(cfg).unwrap_or_default(), dictionaries: vec![] };
    Analysis { schema: SCHEMA.into(), tool, documents, families, relations, skipped: vec![] }
}

fn record(doc: &CleanArticle, family: &str, story: &str, role: Role, parent: Option<String>, confidence: f64) -> DocumentRecord {
    let m = &doc.meta;
    DocumentRecord {
        id: doc.id.clone(),
        source: String::new(),
        locator: None,
        url: m.url.clone(),
        site: m.site.clone(),
        language: doc.language.clone(),
        title: m.headline.clone(),
        published: m.published.map(|d| d.to_string()),
        crawled: m.crawled.clone(),
        byline: m.byline.clone(),
        dateline: m.dateline.clone(),
        credits: m.credits.clone(),
        family: family.to_string(),
        story: story.to_string(),
        role,
        parent,
        confidence,
    }
}
