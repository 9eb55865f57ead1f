//! The seeds' keep/drop table (`corpus/cases/clean-seeds.tsv`) and snapshots
//! of the clean text of every corpus document.

use forensics_clean::{clean, CleanArticle, CleanOptions, CorpusStats};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Parses and cleans every `.txt` of a corpus folder, with statistics over the folder.
fn clean_folder(dir: &Path) -> BTreeMap<String, (forensics_parse::Article, CleanArticle)> {
    let set = dir.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let articles: Vec<_> = forensics_testdata::documents(&set)
        .iter()
        .filter(|d| d.path.extension().is_some_and(|e| e == "txt"))
        .map(|d| forensics_parse::parse_text(&d.id, &d.bytes))
        .collect();
    let stats = CorpusStats::from_articles(&articles);
    articles.into_iter().map(|a| {
        let c = clean(&a, Some(&stats), &CleanOptions::default());
        (a.id.clone(), (a, c))
    }).collect()
}

#[test]
fn seeds_keep_the_article_and_drop_the_rest() {
    let docs = clean_folder(Path::new("seeds"));
    forensics_testdata::check("corpus/cases/clean-seeds.tsv", forensics_testdata::cases("clean-seeds"), 40, |row| {
        let [id, what, value] = row.cols()[..] else { return Err("three columns: id, check, value".into()) };
        let Some((_, c)) = docs.get(id) else { return Err(format!("no document {id}")) };
        let ok = match what {
            "language" => c.language == value,
            "keep" => c.text.contains(value),
            "drop" => !c.text.contains(value),
            "credit" => c.meta.credits.iter().any(|cr| cr.name == value),
            other => return Err(format!("unknown check {other}")),
        };
        if ok { Ok(()) } else { Err(format!("failed (language {})", c.language)) }
    });
}

/// A readable record of what the cleaner did: language, metadata it set,
/// the clean text with block kinds, and every removal with its rule.
fn render(article: &forensics_parse::Article, c: &CleanArticle) -> String {
    let mut out = format!("language: {}\nheadline: {:?}\ncredits: {:?}\n\n", c.language, c.meta.headline, c.meta.credits.iter().map(|c| &c.name).collect::<Vec<_>>());
    out.push_str("--- clean text\n");
    for b in &c.blocks {
        out.push_str(&format!("[{:?} {}] {}\n", b.kind, b.language, b.clean.slice(&c.text)));
    }
    out.push_str(&format!("--- {} sentences\n--- removed\n", c.sentences.len()));
    for r in &c.removed {
        let text: String = r.raw.slice(&article.text).chars().take(100).collect();
        out.push_str(&format!("{:<24} {}\n", r.rule, text));
    }
    out
}

#[test]
fn corpus_snapshots() {
    let mut folders: BTreeMap<PathBuf, BTreeMap<String, (forensics_parse::Article, CleanArticle)>> = BTreeMap::new();
    insta::glob!("../../../corpus", "*/*.txt", |path| {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let docs = folders.entry(dir.clone()).or_insert_with(|| clean_folder(&dir));
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let (article, cleaned) = &docs[&id];
        insta::assert_snapshot!(render(article, cleaned));
    });
}
