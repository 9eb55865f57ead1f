//! `cargo xtask eval --tune [--set NAME] [--out DIR] [--prov JSON]`: the
//! provenance stage alone, for measuring its ideas quickly. The clean
//! articles and the dedup result of the portable configuration are computed
//! once and cached in `DIR/<set>.stages.json`; each run patches
//! `ProvenanceConfig` with `--prov '{"weights": {"siblings": 0.8}}'`, scores
//! the analysis as `cargo xtask eval` does (whole set and per edition) and
//! breaks the original errors down by family size and language of the
//! truth original against the chosen one (read from the truth: only here).

use crate::eval_analysis::{calibration, editions, load_truth, score, Truth, METRICS};
use anyhow::{Context, Result};
use forensics::clean::CleanArticle;
use forensics::dedup::DedupResult;
use forensics::provenance::{Analysis, ProvenanceConfig, Role};
use std::collections::BTreeMap;

fn patch(base: &mut serde_json::Value, p: &serde_json::Value) {
    match (base, p) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                match b.get_mut(k) {
                    Some(slot) if v.is_object() => patch(slot, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let value = |f: &str| args.iter().position(|a| a == f).and_then(|k| args.get(k + 1)).cloned();
    let set = value("--set").unwrap_or_else(|| "wmt-news".into());
    let Some(shared) = crate::shared() else {
        println!("eval --tune: ../shared not found, skipping");
        return Ok(());
    };
    let out_dir = value("--out").map_or_else(|| crate::root().join("target/eval"), std::path::PathBuf::from);
    std::fs::create_dir_all(&out_dir)?;
    let dir = shared.join("eval").join(&set);
    let cache = out_dir.join(format!("{set}.stages.json"));
    let (docs, families): (Vec<CleanArticle>, DedupResult) = match std::fs::read(&cache) {
        Ok(bytes) => serde_json::from_slice(&bytes).context("stage cache")?,
        Err(_) => {
            let inputs = forensics::input::read_paths(&[dir.join("docs")], &Default::default())?;
            let cleaned = forensics::clean_all(&forensics::parse_all(&inputs.documents));
            let families = forensics::dedup::dedup(&cleaned, &forensics::Config::portable().dedup);
            std::fs::write(&cache, serde_json::to_vec(&(&cleaned, &families))?)?;
            (cleaned, families)
        }
    };
    let mut cfg = serde_json::to_value(ProvenanceConfig::default())?;
    if let Some(p) = value("--prov") {
        patch(&mut cfg, &serde_json::from_str(&p).context("--prov JSON")?);
    }
    let cfg: ProvenanceConfig = serde_json::from_value(cfg)?;
    let t = std::time::Instant::now();
    let analysis = forensics::provenance::provenance(&docs, &families, &cfg);
    println!("provenance of {set} in {:.1}s", t.elapsed().as_secs_f64());
    let truth = load_truth(&dir.join("truth.jsonl"))?;
    let s = score(&analysis, &truth);
    let line = |s: &BTreeMap<&str, Option<f64>>| {
        METRICS.iter().filter(|m| !m.starts_with("family_p") && !m.starts_with("family_r")).map(|m| format!("{}={}", m.replace("_accuracy", "").replace("original_", "orig_"), s[*m].map_or("-".into(), |v| format!("{v:.4}")))).collect::<Vec<_>>().join(" ")
    };
    println!("all    {}", line(&s));
    for (edition, sub) in editions(&truth) {
        println!("{edition:<6} {}", line(&score(&analysis, &sub)));
    }
    if let Some(l) = calibration(&analysis, &truth).last() {
        println!("{l}");
    }
    if args.iter().any(|a| a == "--detail") {
        detail(&analysis, &truth);
    }
    if let Some(path) = value("--save") {
        std::fs::write(path, serde_json::to_string(&analysis)?)?;
    }
    Ok(())
}

/// Truth families of two or more: is the original found, per family size
/// and per (truth original's language → chosen original's language).
fn detail(analysis: &Analysis, truth: &BTreeMap<String, Truth>) {
    let docs: BTreeMap<&str, _> = analysis.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut fams: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, t) in truth {
        fams.entry(t.family.as_str()).or_default().push(id.as_str());
    }
    let mut by_size: BTreeMap<usize, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut by_pattern: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for members in fams.values().filter(|m| m.len() > 1) {
        let Some(root) = members.iter().find(|m| truth[**m].parent.is_none()) else { continue };
        let Some(d) = docs.get(root) else { continue };
        let hit = d.role == Role::Original;
        let e = by_size.entry(members.len()).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        e.2 += members.iter().filter(|m| truth[**m].parent.is_some()).count();
        e.3 += members.iter().filter(|m| truth[**m].parent.is_some() && docs.get(*m).is_some_and(|d| d.parent == truth[**m].parent)).count();
        // Which member of the truth family did the analysis choose as its original?
        let chosen = analysis.families.iter().find(|f| f.id == d.family).map(|f| f.original.as_str()).unwrap_or("");
        let lang = |id: &str| truth.get(id).and_then(|t| t.language.clone()).unwrap_or_else(|| "out".into());
        let mut kids: Vec<String> = members.iter().filter(|m| *m != root).map(|m| lang(m)).collect();
        kids.sort();
        let pattern = format!("{}>{}", lang(root), kids.join(","));
        let e = by_pattern.entry(pattern).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        if !hit {
            let same_family = truth.get(chosen).is_some_and(|t| t.family == truth[*root].family);
            *confusion.entry((lang(root), if same_family { lang(chosen) } else { "other-family".into() })).or_default() += 1;
        }
    }
    println!("family size: families, original found, children, parent right");
    for (n, (f, h, c, p)) in &by_size {
        println!("  {n}: {f} families, original {h} ({:.2}), parent {p}/{c} ({:.2})", *h as f64 / *f as f64, *p as f64 / (*c).max(1) as f64);
    }
    for (p, (n, h)) in &by_pattern {
        println!("  {p}: original {h}/{n}");
    }
    println!("missed originals, truth language → chosen original's language:");
    for ((a, b), n) in &confusion {
        println!("  {a} → {b}: {n}");
    }
}
