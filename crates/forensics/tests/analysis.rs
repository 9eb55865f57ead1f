//! The whole pipeline over `corpus/`: the seeds' analysis as a snapshot,
//! checked against the truth files and against the JSON Schema of the
//! output contract; every input appears once; id clashes are resolved.

mod support;

use forensics::input::{Format, Hints, Inputs, RawDocument, Skip};
use forensics::provenance::{Analysis, RelationKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn analyse(set: &str) -> Analysis {
    // Relative to the package directory (cargo's working directory for tests), so
    // the `source` paths in the snapshot are the same on every checkout.
    let inputs = forensics::input::read_paths(&[Path::new("../../corpus").join(set)], &Default::default()).unwrap();
    forensics::analyze_inputs(inputs, &forensics::Config::portable())
}

fn schema_errors(a: &Analysis) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("docs/analysis.schema.json")).unwrap()).unwrap();
    support::schema::validate(&schema, &serde_json::to_value(a).unwrap())
}

/// Family (as a partition), role and parent of every document as in `corpus/truth/<set>.jsonl`.
fn check(set: &str, a: &Analysis) {
    let truth = std::fs::read_to_string(root().join("corpus/truth").join(format!("{set}.jsonl"))).unwrap();
    let rows: Vec<serde_json::Value> = truth.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    let doc = |id: &str| a.documents.iter().find(|d| d.id == id);
    let mut wrong = Vec::new();
    for t in &rows {
        let id = t["id"].as_str().unwrap();
        let Some(d) = doc(id) else {
            wrong.push(format!("{id}: missing"));
            continue;
        };
        let got = (serde_json::to_value(d.role).unwrap(), serde_json::to_value(&d.parent).unwrap());
        if got != (t["role"].clone(), t["parent"].clone()) {
            wrong.push(format!("{id}: want {}/{} got {}/{}", t["role"], t["parent"], got.0, got.1));
        }
        for u in &rows {
            let same_truth = t["family"] == u["family"];
            let same_got = doc(u["id"].as_str().unwrap()).is_some_and(|e| e.family == d.family);
            if same_truth != same_got && id < u["id"].as_str().unwrap() {
                wrong.push(format!("{id} and {}: same family in truth {same_truth}, in analysis {same_got}", u["id"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{set}:\n{}", wrong.join("\n"));
}

#[test]
fn seeds_whole_analysis() {
    let a = analyse("seeds");
    assert_eq!(schema_errors(&a), Vec::<String>::new());
    insta::assert_json_snapshot!("seeds_analysis", a);
    check("seeds", &a);
    let rel = |p: &str| a.relations.iter().find(|r| r.target.starts_with(p) && r.kind != RelationKind::SameEvent).unwrap();
    assert!(rel("002").evidence.altered_quotes.iter().any(|q| q.diff.contains("[-our countries-]{+china and Kremlin+} must show")));
    let changed = &rel("001").evidence.changed;
    assert!(changed.iter().any(|c| c.before.contains("offset") && c.after.contains("lift")));
    assert!(changed.iter().any(|c| c.before.contains("caused anxiety") && c.after.contains("sparked unrest")));
    let inter: Vec<_> = a.families.iter().flat_map(|f| &f.intermediates).collect();
    assert_eq!(inter.len(), 1);
    assert!(inter[0].shared_edits.iter().any(|e| e.starts_with("same cut")), "{:?}", inter[0].shared_edits);
    assert!(inter[0].shared_edits.iter().any(|e| e.contains("moved word \"Monday\"")), "{:?}", inter[0].shared_edits);
    assert_eq!((&inter[0].parent[..3], inter[0].members.iter().map(|m| &m[..3]).collect::<Vec<_>>()), ("004", vec!["000", "002"]));
}

#[test]
fn provenance_fixtures() {
    let a = analyse("provenance");
    assert_eq!(schema_errors(&a), Vec::<String>::new());
    check("provenance", &a);
}

#[test]
fn every_input_once_and_clashing_ids_numbered_in_input_order() {
    let doc = |id: &str, text: &str| RawDocument {
        id: id.into(),
        source: format!("{id}.jsonl"),
        locator: Some("line 1".into()),
        format: Format::Text,
        bytes: text.as_bytes().to_vec(),
        hints: Hints::default(),
    };
    let inputs = Inputs {
        documents: vec![doc("a", "Markets rose on Monday in Lisbon."), doc("a", "Rain fell on Tuesday in Oslo."), doc("a", "Snow in Riga."), doc("b", "Wind.")],
        skipped: vec![Skip { source: "broken.warc".into(), locator: Some("offset 0".into()), reason: "not WARC".into() }],
    };
    let a = forensics::analyze_inputs(inputs, &forensics::Config::portable());
    let ids: Vec<&str> = a.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "a#2", "a#3", "b"]);
    assert_eq!(a.skipped.len(), 1);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len());
    assert!(a.documents.iter().all(|d| d.source.ends_with(".jsonl") && d.locator.as_deref() == Some("line 1")));
    assert_eq!(schema_errors(&a), Vec::<String>::new());
}
