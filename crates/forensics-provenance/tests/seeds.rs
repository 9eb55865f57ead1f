//! The seeds with the families of the truth file handed in as the detector's
//! result: checks the scorer alone (roles, parents, evidence, intermediate),
//! whatever the state of the detector.

use forensics_clean::{clean, CleanArticle, CleanOptions, CorpusStats};
use forensics_dedup::{DedupResult, EventLink, Family};
use forensics_provenance::{provenance, Analysis, ProvenanceConfig, RelationKind};
use std::collections::BTreeMap;

/// The documents of `corpus/<set>` and a detector result built from `corpus/truth/<set>.jsonl`.
pub fn load(set: &str) -> (Vec<CleanArticle>, DedupResult) {
    let articles: Vec<_> = forensics_testdata::documents(set).iter().map(|d| forensics_parse::parse_text(&d.id, &d.bytes)).collect();
    let stats = CorpusStats::from_articles(&articles);
    let docs: Vec<CleanArticle> = articles.iter().map(|a| clean(a, Some(&stats), &CleanOptions::default())).collect();
    let mut fams: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stories: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for t in forensics_testdata::truth(set) {
        let fam = t.family.clone().unwrap_or_default();
        fams.entry(fam.clone()).or_default().push(t.id.clone());
        if t.parent.is_none() {
            stories.entry(t.story.clone().unwrap_or_default()).or_default().push((fam, t.id.clone()));
        }
    }
    let families = fams.into_iter().map(|(id, mut members)| {
        members.sort();
        Family { id, members }
    });
    let mut same_event = Vec::new();
    for roots in stories.values() {
        for w in roots.windows(2) {
            same_event.push(EventLink { a: w[0].1.clone(), b: w[1].1.clone(), score: 0.7 });
        }
    }
    (docs, DedupResult { families: families.collect(), pairs: vec![], same_event })
}

fn analyse(set: &str) -> Analysis {
    let (docs, dedup) = load(set);
    provenance(&docs, &dedup, &ProvenanceConfig::default())
}

#[test]
fn seeds_roles_parents_evidence_and_intermediate() {
    let a = analyse("seeds");
    if std::env::var("SHOW").is_ok() {
        println!("{}", serde_json::to_string_pretty(&a).unwrap());
    }
    check("seeds");
    let doc = |p: &str| a.documents.iter().find(|d| d.id.starts_with(p)).unwrap();
    let role = |p: &str| serde_json::to_value(doc(p).role).unwrap();
    let parent = |p: &str| doc(p).parent.as_deref().map(|s| &s[..3]);
    assert_eq!((role("004"), parent("004")), ("original".into(), None));
    assert_eq!((role("002"), parent("002")), ("copy".into(), Some("004")));
    assert_eq!((role("001"), parent("001")), ("rewrite".into(), Some("004")));
    assert_eq!((role("000"), parent("000")), ("translation".into(), Some("004")));
    assert_eq!((role("003"), parent("003")), ("independent".into(), None));
    let rel = |p: &str| a.relations.iter().find(|r| r.target.starts_with(p) && r.kind != RelationKind::SameEvent).unwrap();
    assert!(rel("002").evidence.altered_quotes.iter().any(|q| q.diff.contains("[-our countries-]{+china and Kremlin+} must show")), "{:#?}", rel("002").evidence.altered_quotes);
    let changed = &rel("001").evidence.changed;
    assert!(changed.iter().any(|c| c.before.contains("offset") && c.after.contains("lift")), "{changed:#?}");
    assert!(changed.iter().any(|c| c.before.contains("caused anxiety") && c.after.contains("sparked unrest")), "{changed:#?}");
    let inter: Vec<_> = a.families.iter().flat_map(|f| &f.intermediates).collect();
    assert_eq!(inter.len(), 1, "{inter:#?}");
    assert_eq!(inter[0].parent[..3], *"004");
    assert!(inter[0].shared_edits.iter().any(|e| e.starts_with("same cut")), "{:?}", inter[0].shared_edits);
    assert!(inter[0].shared_edits.iter().any(|e| e.contains("moved word \"Monday\"")), "{:?}", inter[0].shared_edits);
    assert_eq!(inter[0].members.iter().map(|m| &m[..3]).collect::<Vec<_>>(), ["000", "002"]);
    assert!(a.relations.iter().any(|r| r.kind == RelationKind::SameEvent && r.source.starts_with("003") && r.target.starts_with("004")));
}

/// Every document's role and parent as in `corpus/truth/<set>.jsonl`.
fn check(set: &str) {
    let a = analyse(set);
    if std::env::var("SHOW").as_deref() == Ok(set) {
        println!("{}", serde_json::to_string_pretty(&a).unwrap());
    }
    let truth: Vec<_> = forensics_testdata::truth(set).into_iter().map(|t| Row(t)).collect();
    forensics_testdata::check(&format!("corpus/truth/{set}.jsonl"), truth, 1, |Row(t)| {
        let Some(d) = a.documents.iter().find(|d| d.id == t.id) else { return Err("not in the analysis".into()) };
        let role = serde_json::to_value(d.role).ok().and_then(|v| v.as_str().map(String::from));
        if (&role, &d.parent) == (&t.role, &t.parent) { Ok(()) } else { Err(format!("got {role:?}/{:?}", d.parent)) }
    });
}

/// A truth line shown by what it states.
struct Row(forensics_testdata::Truth);

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: want {:?}/{:?}", self.0.id, self.0.role, self.0.parent)
    }
}

#[test]
fn fixtures_copy_of_copy_translations_summary() {
    check("provenance");
    let a = analyse("provenance");
    let rel = |t: &str| a.relations.iter().find(|r| r.target == t).unwrap();
    assert_eq!(rel("kelvard-brief").subkind.as_deref(), Some("summary"));
    assert!(rel("coastwatch-repost").evidence.altered_quotes.iter().any(|q| q.diff.contains("[-least-]{+most+} we [-owe-]{+can offer+}")), "{:#?}", rel("coastwatch-repost").evidence);
    assert!(rel("harbourfan-forum").evidence.changed.iter().any(|c| c.before == "three" && c.after == "five"), "{:#?}", rel("harbourfan-forum").evidence.changed);
    assert!(!rel("kelvard-de").evidence.sentence_alignment.is_empty());
    // A summary of what the wire and its copies share fits a copy as well:
    // parsimony attaches it to the wire, and says why.
    assert!(rel("kelvard-digest").signals.iter().any(|s| s.name == "lineage"), "{:#?}", rel("kelvard-digest").signals);
}
