//! The seeds' keep/drop table (`corpus/cases/clean-seeds.tsv`) and snapshots
//! of the clean text of every corpus document.

use forensics_clean::{clean, CleanArticle, CleanOptions, CorpusStats};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Parses and cleans every `.txt` of a corpus folder, with statistics over the folder.
fn clean_folder(dir: &Path) -> BTreeMap<String, (forensics_parse::Article, CleanArticle)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect())
        .unwrap_or_default();
    paths.sort();
    let articles: Vec<_> = paths
        .iter()
        .map(|p| {
            let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            forensics_parse::parse_text(&id, &std::fs::read(p).unwrap_or_default())
        })
        .collect();
    let stats = CorpusStats::from_articles(&articles);
    articles.into_iter().map(|a| {
        let c = clean(&a, Some(&stats), &CleanOptions::default());
        (a.id.clone(), (a, c))
    }).collect()
}

fn check(cleaned: &CleanArticle, check: &str, value: &str) -> Result<(), String> {
    let ok = match check {
        "language" => cleaned.language == value,
        "keep" => cleaned.text.contains(value),
        "drop" => !cleaned.text.contains(value),
        "credit" => cleaned.meta.credits.iter().any(|c| c.name == value),
        other => return Err(format!("unknown check {other}")),
    };
    if ok { Ok(()) } else { Err(format!("{}: {check} {value:?} (language {})", cleaned.id, cleaned.language)) }
}

#[test]
fn seeds_keep_the_article_and_drop_the_rest() {
    let docs = clean_folder(&corpus().join("seeds"));
    let table = std::fs::read_to_string(corpus().join("cases/clean-seeds.tsv")).expect("corpus/cases/clean-seeds.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for row in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split('\t').collect();
        let [id, what, value] = cols[..] else { panic!("bad row: {row}") };
        n += 1;
        match docs.get(id) {
            Some((_, c)) => failures.extend(check(c, what, value).err()),
            None => failures.push(format!("no document {id}")),
        }
    }
    assert!(n > 40, "only {n} checks");
    assert!(failures.is_empty(), "{} of {n} checks failed:\n{}", failures.len(), failures.join("\n"));
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
