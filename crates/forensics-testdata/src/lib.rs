//! The workspace's one test-data format and the `check` helper every
//! data-driven test goes through (see the README).
//!
//! ```
//! use forensics_testdata::{cases, check, documents, truth};
//! // Documents of a set, sorted, with their ids; truth lives beside them.
//! let seeds = documents("seeds");
//! let truth = truth("seeds");
//! assert_eq!(seeds.len(), truth.len());
//! // A table of cases, each row checked, all failures listed at once.
//! check("cases/sentences.tsv", cases("sentences"), 30, |row| match row.cols()[..] {
//!     [lang, marked] if !lang.is_empty() && !marked.is_empty() => Ok(()),
//!     ref other => Err(format!("{} columns", other.len())),
//! });
//! ```

pub mod encode;

use serde::Deserialize;
use std::fmt::Display;
use std::path::{Path, PathBuf};

/// The workspace's `corpus/` folder.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// One document of a corpus set: its id (the file name without its
/// extension, as the tool names a document) and its bytes.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The documents of `corpus/<set>/`, sorted by file name. Panics when the
/// set is missing or empty: a test over no documents proves nothing.
pub fn documents(set: &str) -> Vec<Document> {
    let dir = corpus().join(set);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus/{set}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let docs: Vec<Document> = paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Document { id, path, bytes }
        })
        .collect();
    assert!(!docs.is_empty(), "corpus/{set} holds no documents");
    docs
}

/// The document folders of `corpus/` (every folder but `truth` and `cases`).
pub fn sets() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(corpus())
        .map(|rd| rd.filter_map(|e| e.ok()).filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    out.retain(|s| s != "truth" && s != "cases");
    out.sort();
    out
}

/// One line of `corpus/truth/<set>.jsonl`. Fields a set does not state are
/// `None`; everything else (metadata and so on) is in `fields`.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    pub id: String,
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub story: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// The truth of `corpus/truth/<set>.jsonl`, in file order.
pub fn truth(set: &str) -> Vec<Truth> {
    let path = corpus().join("truth").join(format!("{set}.jsonl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("corpus/truth/{set}.jsonl:{}: {e}", i + 1)))
        .collect()
}

/// One row of a case table: its line in the file and its columns.
#[derive(Debug, Clone)]
pub struct Case {
    pub line: usize,
    cols: Vec<String>,
}

impl Case {
    /// The row's tab-separated columns.
    pub fn cols(&self) -> Vec<&str> {
        self.cols.iter().map(String::as_str).collect()
    }
}

impl Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.cols.join(" | "))
    }
}

/// The rows of `corpus/cases/<name>.tsv` (`#` lines and blank lines skipped).
pub fn cases(name: &str) -> Vec<Case> {
    let path = corpus().join("cases").join(format!("{name}.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| Case { line: i + 1, cols: l.split('\t').map(String::from).collect() })
        .collect()
}

/// Runs `f` on every item, then fails once, listing every failing item with
/// the reason `f` gave. `at_least` guards against a table that silently
/// lost its rows: fewer items fail the check too.
pub fn check<T: Display>(what: &str, items: impl IntoIterator<Item = T>, at_least: usize, mut f: impl FnMut(&T) -> Result<(), String>) {
    let mut n = 0;
    let mut failures = Vec::new();
    for item in items {
        n += 1;
        if let Err(why) = f(&item) {
            failures.push(format!("{item}\n    {why}"));
        }
    }
    assert!(n >= at_least, "{what}: only {n} cases, expected at least {at_least}");
    assert!(failures.is_empty(), "{what}: {} of {n} failed:\n{}", failures.len(), failures.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "1 of 3 failed")]
    fn check_lists_failures() {
        check("numbers", [1, 2, 3], 3, |n| if *n == 2 { Err("two".into()) } else { Ok(()) });
    }

    #[test]
    #[should_panic(expected = "only 2 cases")]
    fn check_wants_its_rows() {
        check("numbers", [1, 2], 3, |_| Ok(()));
    }

    #[test]
    fn truth_sits_beside_its_documents() {
        for set in sets() {
            let ids: Vec<String> = documents(&set).into_iter().map(|d| d.id).collect();
            let path = corpus().join("truth").join(format!("{set}.jsonl"));
            if path.exists() {
                for t in truth(&set) {
                    assert!(ids.contains(&t.id), "corpus/truth/{set}.jsonl names {} which corpus/{set} lacks", t.id);
                }
            }
        }
    }
}
