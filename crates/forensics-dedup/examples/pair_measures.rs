//! Development aid: prints every measure for every pair of a directory of
//! plain-text documents, with an optional truth file's family labels, to
//! choose verification levels by measurement.
//! `cargo run -p forensics-dedup --example pair_measures -- DIR [TRUTH.jsonl]`

use forensics_clean::{clean, CleanOptions};
use forensics_dedup::{features::features, measures::measure, stats::DedupStats, DedupConfig};
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("DIR");
    let mut truth: HashMap<String, (String, String, String)> = HashMap::new();
    if let Some(t) = args.get(1) {
        for line in std::fs::read_to_string(t).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            truth.insert(v["id"].as_str().unwrap().into(), (v["family"].as_str().unwrap().into(), v["role"].as_str().unwrap().into(), v["story"].as_str().unwrap_or("").into()));
        }
    }
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let docs: Vec<_> = paths
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            clean(&forensics_parse::parse_text(&id, &std::fs::read(p).unwrap()), None, &CleanOptions::default())
        })
        .collect();
    let cfg = DedupConfig::default();
    let stats = DedupStats::from_docs(&docs, &cfg);
    let fps = forensics_dedup::fingerprints(&docs, &stats, &cfg);
    let cands = forensics_dedup::candidates(&fps, &cfg);
    let cand_of = |a: &str, b: &str| {
        cands.iter().find(|c| {
            let (x, y) = (&fps[c.a as usize].id, &fps[c.b as usize].id);
            (x == a && y == b) || (x == b && y == a)
        })
    };
    let feats: Vec<_> = docs.iter().map(|d| features(&d.text, &stats, &cfg)).collect();
    println!("cand\tlabel\ta\tb\tlang\tjac\tcab\tcba\tterm\tscov\tscany\tanch");
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            if docs[i].language != docs[j].language {
                continue;
            }
            let m = measure(&feats[i], &feats[j]);
            let (ti, tj) = (truth.get(&docs[i].id), truth.get(&docs[j].id));
            let label = match (ti, tj) {
                (Some(a), Some(b)) if a.0 == b.0 => format!("SAME:{}-{}", a.1, b.1),
                (Some(a), Some(b)) if a.2 == b.2 => format!("event:{}-{}", a.1, b.1),
                _ => "diff".into(),
            };
            println!(
                "{}\t{label}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}",
                cand_of(&docs[i].id, &docs[j].id).map_or("-".to_string(), |c| format!("{}{}", if c.lsh { "L" } else { "" }, c.shared_rare)), docs[i].id, docs[j].id, docs[i].language, m.jaccard, m.containment_a_in_b, m.containment_b_in_a, m.term_overlap, m.sentence_cover, m.sentence_cover_any, m.anchor_overlap
            );
        }
    }
}
