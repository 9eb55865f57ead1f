//! Families against the truth of the seeds (same-language pairs: the
//! cross-language ones are the `xling` stage's).

mod common;

use forensics_dedup::{dedup, DedupConfig};
use std::collections::HashMap;

fn check(set: &str) {
    let docs = common::load(set);
    let result = dedup(&docs, &DedupConfig { cross_language: false, ..DedupConfig::default() });
    let fam: HashMap<&str, &str> = result.families.iter().flat_map(|f| f.members.iter().map(move |m| (m.as_str(), f.id.as_str()))).collect();
    let truth = common::truth(set);
    for (i, (a, fa, la)) in truth.iter().enumerate() {
        for (b, fb, lb) in &truth[i + 1..] {
            if la != lb {
                continue;
            }
            let same = fam.get(a.as_str()) == fam.get(b.as_str());
            assert_eq!(same, fa == fb, "{set}: {a} and {b} should {}be in one family", if fa == fb { "" } else { "not " });
        }
    }
    // Every document is in exactly one family.
    let n: usize = result.families.iter().map(|f| f.members.len()).sum();
    assert_eq!(n, docs.len());
}

#[test]
fn seeds() {
    check("seeds");
}

#[test]
fn seed_pairs_carry_passages_and_the_independent_report_is_a_same_event_link() {
    let docs = common::load("seeds");
    let r = dedup(&docs, &DedupConfig { cross_language: false, ..DedupConfig::default() });
    let copy = r.pairs.iter().find(|p| p.a.starts_with("002") && p.b.starts_with("004")).expect("002-004 verified");
    assert!(!copy.passages.is_empty());
    let by_id: HashMap<&str, &str> = docs.iter().map(|d| (d.id.as_str(), d.text.as_str())).collect();
    for p in &copy.passages {
        // A passage is the same words in both texts (case aside).
        let a: Vec<String> = p.a.slice(by_id[copy.a.as_str()]).split_whitespace().map(str::to_lowercase).collect();
        let b: Vec<String> = p.b.slice(by_id[copy.b.as_str()]).split_whitespace().map(str::to_lowercase).collect();
        assert_eq!(a.len(), b.len(), "{a:?} / {b:?}");
    }
    assert!(r.same_event.iter().any(|e| e.a.starts_with("003") || e.b.starts_with("003")));
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let docs = common::load("seeds");
    let cfg = DedupConfig { cross_language: false, ..DedupConfig::default() };
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| dedup(&docs, &cfg));
    let many = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap().install(|| dedup(&docs, &cfg));
    assert_eq!(serde_json::to_string(&one).unwrap(), serde_json::to_string(&many).unwrap());
}
