//! Development aid: parse, clean and dedup a directory of plain-text
//! documents and print `{"documents":[{"id","family"}], "result": DedupResult}`
//! (enough for `score.py`'s family figures without the rest of the pipeline).
//! `cargo run -p forensics-dedup --example families -- DIR`

use forensics_clean::{clean, CleanOptions, CorpusStats};
use forensics_dedup::{dedup, DedupConfig};

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let articles: Vec<_> = paths
        .iter()
        .map(|p| forensics_parse::parse_text(&p.file_stem().unwrap().to_string_lossy(), &std::fs::read(p).unwrap()))
        .collect();
    let stats = CorpusStats::from_articles(&articles);
    let docs: Vec<_> = articles.iter().map(|a| clean(a, Some(&stats), &CleanOptions::default())).collect();
    let result = dedup(&docs, &DedupConfig::default());
    let documents: Vec<_> = result
        .families
        .iter()
        .flat_map(|f| f.members.iter().map(move |m| serde_json::json!({"id": m, "family": f.id})))
        .collect();
    println!("{}", serde_json::json!({"documents": documents, "result": result}));
}
