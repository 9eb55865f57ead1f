//! `cargo xtask eval extraction --html`: extract the main article from the
//! saved pages of `../shared/eval/extraction/html/` with `forensics-html`
//! (each extraction method) and score them against `ground-truth.json` with
//! the benchmark's metric (`eval_extraction::Scorer`, one implementation for
//! both extraction evals). In the same run, trafilatura (from PyPI, in a
//! virtual environment at `target/eval-venv` this task creates) extracts the
//! same pages; its scores and pages/second are printed beside ours. Both run
//! on one thread over pages already in memory.
//!
//! Options: `--out DIR` writes our predictions to `DIR/<id>.txt`;
//! `--worst N` lists the N pages with the lowest F1 (for looking at failure
//! kinds, not for tuning to a page); `--no-trafilatura` skips the peer;
//! `--rounds N` (default 3) times each of our methods N times, alternating,
//! and reports the fastest pass (trafilatura runs once).

use crate::eval_extraction::{flag, load_truth, Scorer};
use anyhow::{Context, Result};
use forensics::html::{Method, Options};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub fn run(args: &[String]) -> Result<()> {
    let Some(shared) = crate::shared() else {
        println!("eval extraction --html: skipped: ../shared (the evaluation packs) is absent");
        return Ok(());
    };
    let dir = shared.join("eval/extraction");
    let out_dir = flag(args, "--out").map(PathBuf::from);
    let worst: usize = flag(args, "--worst").and_then(|s| s.parse().ok()).unwrap_or(0);

    let truth = load_truth(&dir)?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in &ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        // A page that cannot be read counts as an empty prediction, as in the reference scorer.
        let bytes = forensics::input::read_paths(&[path], &Default::default())
            .ok()
            .and_then(|i| i.documents.into_iter().next())
            .map(|d| d.bytes)
            .unwrap_or_default();
        pages.push(bytes);
    }
    let mb = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!("eval extraction --html: {} pages, {:.1} MB of HTML", ids.len(), mb);
    println!("{:<24} {:>7} {:>7} {:>7} {:>9} {:>8}", "", "P", "R", "F1", "accuracy", "pages/s");

    // The third row times the default without source positions: what they
    // cost. On a shared machine one pass is noisy, so the methods run in
    // alternating rounds and each keeps its fastest pass.
    let methods = [("forensics (hints)", Method::Hints, true), ("forensics (readability)", Method::Readability, true), ("hints, no source spans", Method::Hints, false)];
    let rounds: usize = flag(args, "--rounds").and_then(|s| s.parse().ok()).unwrap_or(3).max(1);
    let mut best = vec![f64::INFINITY; methods.len()];
    let mut all_preds: Vec<Vec<String>> = vec![Vec::new(); methods.len()];
    for _ in 0..rounds {
        for (n, (_, method, source_positions)) in methods.iter().enumerate() {
            let opts = Options { method: *method, source_positions: *source_positions };
            let t0 = Instant::now();
            let preds: Vec<String> = ids.iter().zip(&pages).map(|(id, b)| forensics::html::body_text(&forensics::html::parse_html_with(id, b, &opts))).collect();
            best[n] = best[n].min(t0.elapsed().as_secs_f64());
            all_preds[n] = preds;
        }
    }
    for (n, (name, _, _)) in methods.iter().enumerate() {
        let (preds, secs) = (&all_preds[n], best[n]);
        let mut scorer = Scorer::default();
        let mut per_page = Vec::new();
        for (id, got) in ids.iter().zip(preds) {
            let want = truth[id.as_str()]["articleBody"].as_str().unwrap_or_default();
            per_page.push((scorer.add(want, got), id.as_str()));
        }
        print_row(name, &scorer, ids.len() as f64 / secs);
        if n == 0 {
            if let Some(out) = &out_dir {
                std::fs::create_dir_all(out)?;
                for (id, p) in ids.iter().zip(preds) {
                    std::fs::write(out.join(format!("{id}.txt")), p)?;
                }
            }
            if worst > 0 {
                per_page.sort_by(|a, b| a.0.f1().total_cmp(&b.0.f1()).then(a.1.cmp(b.1)));
                for (page, id) in per_page.iter().take(worst) {
                    println!("    worst: {:.3} {:.3} {:.3} {id}", page.precision.unwrap_or(f64::NAN), page.recall.unwrap_or(f64::NAN), page.f1());
                }
            }
        }
    }

    if args.iter().any(|a| a == "--no-trafilatura") {
        return Ok(());
    }
    match trafilatura(&crate::root(), &dir.join("html"), &ids) {
        Ok((preds, secs)) => {
            let mut scorer = Scorer::default();
            for (id, got) in ids.iter().zip(&preds) {
                let want = truth[id.as_str()]["articleBody"].as_str().unwrap_or_default();
                scorer.add(want, got);
            }
            print_row("trafilatura (defaults)", &scorer, ids.len() as f64 / secs);
        }
        Err(e) => println!("trafilatura: skipped: {e:#}"),
    }
    Ok(())
}

fn print_row(name: &str, s: &Scorer, pages_per_sec: f64) {
    let (p, r, f, a) = s.result();
    println!("{name:<24} {p:>7.4} {r:>7.4} {f:>7.4} {a:>9.4} {pages_per_sec:>8.1}");
}


const TRAFILATURA_RUNNER: &str = r#"
import gzip, json, sys, time
import trafilatura
ids = json.load(sys.stdin)
folder = sys.argv[1]
pages = [gzip.open(f"{folder}/{i}.html.gz").read().decode("utf-8", "replace") for i in ids]
t0 = time.perf_counter()
out = [trafilatura.extract(p) or "" for p in pages]
secs = time.perf_counter() - t0
json.dump({"secs": secs, "texts": out, "version": trafilatura.__version__}, sys.stdout)
"#;

/// Runs trafilatura (installing it into `target/eval-venv` on first use) and
/// returns its predictions in `ids` order and the extraction time in seconds.
fn trafilatura(root: &Path, html_dir: &Path, ids: &[&String]) -> Result<(Vec<String>, f64)> {
    let venv = root.join("target/eval-venv");
    let py = venv.join("bin/python3");
    let installed = |py: &Path| Command::new(py).args(["-c", "import trafilatura"]).output().is_ok_and(|o| o.status.success());
    if !installed(&py) {
        println!("trafilatura: installing from PyPI into {} ...", venv.display());
        let ok = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().context("running python3 -m venv")?;
        anyhow::ensure!(ok.success(), "python3 -m venv failed (is python3-venv installed?)");
        let out = Command::new(venv.join("bin/pip")).args(["install", "--quiet", "trafilatura", "lxml_html_clean"]).output().context("running pip")?;
        anyhow::ensure!(out.status.success(), "pip install trafilatura failed (PyPI unreachable?): {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""));
    }
    let mut child = Command::new(&py)
        .arg("-c")
        .arg(TRAFILATURA_RUNNER)
        .arg(html_dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("starting trafilatura")?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().context("trafilatura stdin")?;
        stdin.write_all(serde_json::to_string(ids)?.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    anyhow::ensure!(out.status.success(), "trafilatura run failed");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let texts: Vec<String> = v["texts"].as_array().context("no texts")?.iter().map(|t| t.as_str().unwrap_or_default().to_string()).collect();
    anyhow::ensure!(texts.len() == ids.len(), "trafilatura returned {} texts for {} pages", texts.len(), ids.len());
    println!("trafilatura {} (same pages, same metric):", v["version"].as_str().unwrap_or("?"));
    Ok((texts, v["secs"].as_f64().unwrap_or(f64::NAN)))
}
