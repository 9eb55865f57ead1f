//! Shared helpers of the integration tests (not a test target of its own).

use forensics_clean::{clean, CleanArticle, CleanOptions, CorpusStats};

/// Parses and cleans every `.txt` document of `corpus/<set>` as the pipeline does.
pub fn load(set: &str) -> Vec<CleanArticle> {
    let articles: Vec<_> = forensics_testdata::documents(set)
        .iter()
        .filter(|d| d.path.extension().is_some_and(|x| x == "txt"))
        .map(|d| forensics_parse::parse_text(&d.id, &d.bytes))
        .collect();
    let stats = CorpusStats::from_articles(&articles);
    articles.iter().map(|a| clean(a, Some(&stats), &CleanOptions::default())).collect()
}

/// `(id, family, language)` rows of `corpus/truth/<set>.jsonl`.
#[allow(dead_code)] // each test target compiles this module; not all use it
pub fn truth(set: &str) -> Vec<(String, String, String)> {
    forensics_testdata::truth(set)
        .into_iter()
        .map(|t| (t.id, t.family.unwrap_or_default(), t.language.unwrap_or_default()))
        .collect()
}
