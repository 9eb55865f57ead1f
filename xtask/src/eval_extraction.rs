//! `cargo xtask eval extraction`: clean the plain-text page dumps of
//! `../shared/eval/extraction/plaintext/` (parse_text → CorpusStats over all
//! pages → clean) and score the clean text against `ground-truth.json` with the
//! benchmark's metric, reimplemented exactly (see that folder's README):
//! tokens are maximal runs of Unicode letters, numerics and "_"; each text is
//! a multiset of 4-token shingles; per-page precision and recall are macro
//! averaged; F1 is the harmonic mean of the two averages.
//!
//! Options: `--out DIR` writes each prediction to `DIR/<id>.txt`;
//! `--worst N` lists the N pages with the lowest F1 (for looking, not tuning
//! to a page).

use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::PathBuf;

pub fn run(args: &[String]) -> Result<()> {
    let Some(shared) = crate::shared() else {
        println!("eval extraction: skipped: ../shared (the evaluation packs) is absent");
        return Ok(());
    };
    let dir = shared.join("eval/extraction");
    let out_dir = flag(args, "--out").map(PathBuf::from);
    let worst: usize = flag(args, "--worst").and_then(|s| s.parse().ok()).unwrap_or(0);

    let truth = load_truth(&dir)?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();

    let mut raws = Vec::with_capacity(ids.len());
    for id in &ids {
        // A missing dump counts as an empty prediction, as in the reference scorer.
        let bytes = std::fs::read(dir.join("plaintext").join(format!("{id}.txt"))).unwrap_or_default();
        raws.push(bytes);
    }
    let t0 = std::time::Instant::now();
    let articles: Vec<_> = ids.iter().zip(&raws).map(|(id, b)| forensics::parse::parse_text(id, b)).collect();
    let stats = forensics::clean::CorpusStats::from_articles(&articles);
    let opts = forensics::clean::CleanOptions::default();
    let cleaned: Vec<_> = articles.iter().map(|a| forensics::clean::clean(a, Some(&stats), &opts)).collect();
    let elapsed = t0.elapsed();

    if let Some(out) = &out_dir {
        std::fs::create_dir_all(out)?;
        for c in &cleaned {
            std::fs::write(out.join(format!("{}.txt", c.id)), &c.text)?;
        }
    }

    let mut system = Scorer::default();
    let mut baseline = Scorer::default();
    let mut per_page = Vec::new();
    for ((id, raw), c) in ids.iter().zip(&raws).zip(&cleaned) {
        let want = truth[id.as_str()]["articleBody"].as_str().unwrap_or_default();
        let page = system.add(want, &c.text);
        baseline.add(want, &String::from_utf8_lossy(raw));
        per_page.push((page, id.as_str()));
    }
    let mb = raws.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!("eval extraction: {} pages, {:.1} MB, parse+stats+clean {:.2} s (this build)", ids.len(), mb, elapsed.as_secs_f64());
    println!("{:<10} {:>7} {:>7} {:>7} {:>9}", "", "P", "R", "F1", "accuracy");
    for (name, s) in [("baseline", &baseline), ("forensics", &system)] {
        let (p, r, f, a) = s.result();
        println!("{name:<10} {p:>7.4} {r:>7.4} {f:>7.4} {a:>9.4}");
    }
    if worst > 0 {
        per_page.sort_by(|a, b| a.0.f1().total_cmp(&b.0.f1()).then(a.1.cmp(b.1)));
        println!("\nworst pages (P R F1 id):");
        for (page, id) in per_page.iter().take(worst) {
            println!("{:.3} {:.3} {:.3} {id}", page.precision.unwrap_or(f64::NAN), page.recall.unwrap_or(f64::NAN), page.f1());
        }
    }
    Ok(())
}

/// The benchmark's `ground-truth.json`: page id → `{"articleBody", "url"}`.
pub fn load_truth(dir: &std::path::Path) -> Result<serde_json::Map<String, serde_json::Value>> {
    let text = std::fs::read_to_string(dir.join("ground-truth.json")).context("reading ground-truth.json")?;
    Ok(serde_json::from_str(&text)?)
}

/// The value after `name` in `args`, for the eval tasks' `--out DIR`-style flags.
pub fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// Python 3's `\w` on `str`: letters (L*), numerics (Nd, Nl, No) and "_".
/// Marks (Mn, Mc, Me) and joiners separate tokens, as the README requires;
/// `is_alphabetic` alone would take combining vowel signs.
fn is_word_char(c: char) -> bool {
    c == '_' || c.is_numeric() || (c.is_alphabetic() && !forensics_unicode::is_mark(c))
}

mod forensics_unicode {
    pub fn is_mark(c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }
}

fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, u32> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks.to_vec(), 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
}

impl Page {
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision.unwrap_or(0.0), self.recall.unwrap_or(0.0));
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }
}

#[derive(Default)]
pub struct Scorer {
    precisions: Vec<f64>,
    recalls: Vec<f64>,
    exact: usize,
    pages: usize,
}

impl Scorer {
    pub fn add(&mut self, want: &str, got: &str) -> Page {
        let (tw, tg) = (tokens(want), tokens(got));
        let (sw, sg) = (shingles(&tw), shingles(&tg));
        let mut tp = 0u64;
        let mut fp = 0u64;
        let mut fneg = 0u64;
        for (s, &cg) in &sg {
            let cw = sw.get(s).copied().unwrap_or(0);
            tp += u64::from(cg.min(cw));
            fp += u64::from(cg.saturating_sub(cw));
        }
        for (s, &cw) in &sw {
            let cg = sg.get(s).copied().unwrap_or(0);
            fneg += u64::from(cw.saturating_sub(cg));
        }
        let precision = (!sg.is_empty()).then(|| tp as f64 / (tp + fp) as f64);
        let recall = (!sw.is_empty()).then(|| tp as f64 / (tp + fneg) as f64);
        self.precisions.extend(precision);
        self.recalls.extend(recall);
        self.exact += usize::from(tw == tg);
        self.pages += 1;
        Page { precision, recall }
    }

    pub fn result(&self) -> (f64, f64, f64, f64) {
        let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
        let (p, r) = (mean(&self.precisions), mean(&self.recalls));
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f, self.exact as f64 / self.pages.max(1) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_chars() {
        assert_eq!(tokens("नमस्ते a_b ½, x"), vec!["नमस", "त", "a_b", "½", "x"]);
    }

    #[test]
    fn short_texts_have_one_shingle() {
        let mut s = Scorer::default();
        let page = s.add("one two", "one two");
        assert_eq!((page.precision, page.recall), (Some(1.0), Some(1.0)));
        let page = s.add("a b c d e", "");
        assert_eq!((page.precision, page.recall), (None, Some(0.0)));
    }
}
