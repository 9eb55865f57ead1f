//! Shared helpers of the integration tests (not a test target of its own).

use forensics_clean::{clean, CleanArticle, CleanOptions, CorpusStats};
use std::path::PathBuf;

pub fn corpus_dir(set: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus").join(set)
}

/// Parses and cleans every `.txt` document of `corpus/<set>` as the pipeline does.
pub fn load(set: &str) -> Vec<CleanArticle> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir(set))
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<_> = paths
        .iter()
        .map(|p| forensics_parse::parse_text(&p.file_stem().unwrap().to_string_lossy(), &std::fs::read(p).unwrap()))
        .collect();
    let stats = CorpusStats::from_articles(&articles);
    articles.iter().map(|a| clean(a, Some(&stats), &CleanOptions::default())).collect()
}

/// `(id, family, language)` rows of `corpus/truth/<set>.jsonl`.
pub fn truth(set: &str) -> Vec<(String, String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/truth").join(format!("{set}.jsonl"));
    std::fs::read_to_string(path)
        .expect("truth file")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("family"), s("language"))
        })
        .collect()
}
