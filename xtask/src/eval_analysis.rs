//! `cargo xtask eval [--check] [--record] [--dict] [--set NAME] [--out DIR]`: runs the whole
//! analysis over the evaluation packs (reuse-dev and wmt-news in
//! `../shared/eval/`, and the bundled reuse-b in `corpus/`), scores it exactly as `../shared/tools/score.py` does (and
//! cross-checks with it when python3 is there), measures how well
//! `confidence` is calibrated, and with `--check` fails when a figure drops
//! below the minimum recorded in `corpus/RESULTS.md`. `--record` writes the
//! figures of this version into `corpus/RESULTS.md` (minimum = figure − 0.02).

use anyhow::{bail, Context, Result};
use forensics::provenance::{Analysis, RelationKind, Role};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The packs in `../shared/eval/<name>/` (`docs/`, `truth.jsonl`).
const SETS: [&str; 2] = ["reuse-dev", "wmt-news"];

/// Packs bundled in `corpus/` (documents in `corpus/<name>/`, truth in
/// `corpus/truth/<name>.jsonl`) that are scored, not checked document by
/// document: `cargo xtask corpus` leaves their roles and parents to this.
/// reuse-b was written blind (without reading the tool) as a second
/// reuse pack in 13 languages; since then it is development data too.
pub(crate) const BUNDLED: [&str; 1] = ["reuse-b"];

/// Where a pack's documents and truth are.
fn pack(set: &str, shared: Option<&Path>) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    if BUNDLED.contains(&set) {
        let corpus = crate::root().join("corpus");
        return Some((corpus.join(set), corpus.join("truth").join(format!("{set}.jsonl"))));
    }
    let dir = shared?.join("eval").join(set);
    Some((dir.join("docs"), dir.join("truth.jsonl")))
}

/// The figures score.py prints, in its order.
pub(crate) const METRICS: [&str; 9] = [
    "family_precision",
    "family_recall",
    "family_f1",
    "family_ari",
    "original_recall",
    "original_precision",
    "parent_accuracy",
    "role_accuracy",
    "language_accuracy",
];

pub(crate) struct Truth {
    pub family: String,
    pub role: String,
    pub parent: Option<String>,
    pub language: Option<String>,
}

pub(crate) fn load_truth(path: &Path) -> Result<BTreeMap<String, Truth>> {
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(path).with_context(|| path.display().to_string())?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let t: serde_json::Value = serde_json::from_str(line)?;
        let s = |k: &str| t[k].as_str().map(str::to_string);
        out.insert(
            s("id").unwrap_or_default(),
            Truth { family: s("family").unwrap_or_default(), role: s("role").unwrap_or_default(), parent: s("parent"), language: s("language") },
        );
    }
    Ok(out)
}

/// The truth split by the prefix of its family ids before `:` (wmt-news:
/// `wmt21:`, `wmt22:`), when there is more than one such prefix.
pub(crate) fn editions(truth: &BTreeMap<String, Truth>) -> Vec<(String, BTreeMap<String, Truth>)> {
    let mut out: BTreeMap<String, BTreeMap<String, Truth>> = BTreeMap::new();
    for (id, t) in truth {
        let Some((edition, _)) = t.family.split_once(':') else { return vec![] };
        out.entry(edition.to_string()).or_default().insert(
            id.clone(),
            Truth { family: t.family.clone(), role: t.role.clone(), parent: t.parent.clone(), language: t.language.clone() },
        );
    }
    if out.len() < 2 { vec![] } else { out.into_iter().collect() }
}

pub(crate) fn role_name(r: Role) -> String {
    serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn c2(x: f64) -> f64 {
    x * (x - 1.0) / 2.0
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn pairs<'a>(g: &BTreeMap<&str, Vec<&'a str>>) -> BTreeSet<(&'a str, &'a str)> {
    let mut s = BTreeSet::new();
    for members in g.values() {
        let mut m = members.clone();
        m.sort_unstable();
        for a in 0..m.len() {
            for b in a + 1..m.len() {
                s.insert((m[a], m[b]));
            }
        }
    }
    s
}

/// score.py, line for line.
pub(crate) fn score(analysis: &Analysis, truth: &BTreeMap<String, Truth>) -> BTreeMap<&'static str, Option<f64>> {
    let docs: HashMap<&str, _> = analysis.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let ids: Vec<&str> = truth.keys().map(String::as_str).filter(|i| docs.contains_key(i)).collect();
    let fam_t: HashMap<&str, &str> = ids.iter().map(|&i| (i, truth[i].family.as_str())).collect();
    let fam_p: HashMap<&str, String> = ids.iter().map(|&i| (i, docs[i].family.clone())).collect();
    let mut gt: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut gp: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &i in &ids {
        gt.entry(fam_t[i]).or_default().push(i);
        gp.entry(fam_p[i].as_str()).or_default().push(i);
    }
    let (pt, pp) = (pairs(&gt), pairs(&gp));
    let tp = pt.intersection(&pp).count() as f64;
    let prec = if pp.is_empty() { 1.0 } else { tp / pp.len() as f64 };
    let rec = if pt.is_empty() { 1.0 } else { tp / pt.len() as f64 };
    let f1 = if prec + rec > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 };
    // Adjusted Rand index from the contingency table.
    let n = ids.len() as f64;
    let ari = if ids.len() < 2 {
        1.0
    } else {
        let mut cont: HashMap<(&str, &str), f64> = HashMap::new();
        for &i in &ids {
            *cont.entry((fam_t[i], fam_p[i].as_str())).or_default() += 1.0;
        }
        let index: f64 = cont.values().map(|&v| c2(v)).sum();
        let sa: f64 = gt.values().map(|v| c2(v.len() as f64)).sum();
        let sb: f64 = gp.values().map(|v| c2(v.len() as f64)).sum();
        let expected = sa * sb / c2(n);
        let maxi = (sa + sb) / 2.0;
        if maxi == expected { 1.0 } else { (index - expected) / (maxi - expected) }
    };
    let roots: Vec<&str> = ids.iter().copied().filter(|&i| truth[i].parent.is_none() && gt[fam_t[i]].len() > 1).collect();
    let orig_hit = roots.iter().filter(|&&i| docs[i].role == Role::Original).count() as f64;
    let pred_orig: Vec<&str> = ids.iter().copied().filter(|&i| docs[i].role == Role::Original).collect();
    let orig_prec = if pred_orig.is_empty() { 0.0 } else { pred_orig.iter().filter(|i| roots.contains(i)).count() as f64 / pred_orig.len() as f64 };
    let children: Vec<&str> = ids.iter().copied().filter(|&i| truth[i].parent.is_some()).collect();
    let parent_hit = children.iter().filter(|&&i| docs[i].parent == truth[i].parent).count() as f64;
    let role_hit = ids.iter().filter(|&&i| role_name(docs[i].role) == truth[i].role).count() as f64;
    let same = |l: &str| match l {
        "no" | "nob" => "nb".to_string(),
        x => x.to_string(),
    };
    let lang_ids: Vec<&str> = ids.iter().copied().filter(|&i| truth[i].language.as_deref().is_some_and(|l| !l.is_empty())).collect();
    let lang_hit = lang_ids.iter().filter(|&&i| same(&docs[i].language) == same(truth[i].language.as_deref().unwrap_or(""))).count() as f64;
    let ratio = |a: f64, b: usize| (b > 0).then(|| round4(a / b as f64));
    BTreeMap::from([
        ("family_precision", Some(round4(prec))),
        ("family_recall", Some(round4(rec))),
        ("family_f1", Some(round4(f1))),
        ("family_ari", Some(round4(ari))),
        ("original_recall", ratio(orig_hit, roots.len())),
        ("original_precision", Some(round4(orig_prec))),
        ("parent_accuracy", ratio(parent_hit, children.len())),
        ("role_accuracy", Some(ratio(role_hit, ids.len()).unwrap_or(0.0))),
        ("language_accuracy", ratio(lang_hit, lang_ids.len())),
    ])
}

/// Reliability of `confidence`: per bin, how many decisions and how many were right.
/// A document's decision is right when its role and parent match the truth;
/// a relation is right when its source is the truth parent of its target.
pub(crate) fn calibration(analysis: &Analysis, truth: &BTreeMap<String, Truth>) -> Vec<String> {
    // Ten equal bins: root confidences below 0.5 exist (a softmax over several
    // candidate languages), and lumping them into one bin hid their error.
    let bins = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
    let mut table: Vec<[(usize, usize, f64); 2]> = vec![[(0, 0, 0.0); 2]; bins.len() - 1];
    let bin = |c: f64| bins.windows(2).position(|w| c >= w[0] && c < w[1]).unwrap_or(0);
    for d in &analysis.documents {
        let Some(t) = truth.get(&d.id) else { continue };
        let ok = role_name(d.role) == t.role && d.parent == t.parent;
        let e = &mut table[bin(d.confidence)][0];
        e.0 += 1;
        e.1 += usize::from(ok);
        e.2 += d.confidence;
    }
    for r in analysis.relations.iter().filter(|r| r.kind != RelationKind::SameEvent) {
        let ok = truth.get(&r.target).is_some_and(|t| t.parent.as_deref() == Some(r.source.as_str()));
        let e = &mut table[bin(r.confidence)][1];
        e.0 += 1;
        e.1 += usize::from(ok);
        e.2 += r.confidence;
    }
    let mut out = vec!["| confidence | documents | right | mean conf | relations | right | mean conf |".to_string(), "|---|---|---|---|---|---|---|".into()];
    let cell = |e: (usize, usize, f64)| {
        if e.0 == 0 { "0 | – | –".to_string() } else { format!("{} | {:.2} | {:.2}", e.0, e.1 as f64 / e.0 as f64, e.2 / e.0 as f64) }
    };
    for (k, row) in table.iter().enumerate() {
        out.push(format!("| {:.1}–{:.1} | {} | {} |", bins[k], bins[k + 1].min(1.0), cell(row[0]), cell(row[1])));
    }
    let total: usize = table.iter().map(|r| r[0].0).sum();
    let ece: f64 = table.iter().filter(|r| r[0].0 > 0).map(|r| (r[0].1 as f64 / r[0].0 as f64 - r[0].2 / r[0].0 as f64).abs() * r[0].0 as f64).sum::<f64>() / total.max(1) as f64;
    out.push(format!("expected calibration error (documents): {ece:.3}"));
    out
}

fn python_score(analysis_path: &Path, truth_path: &Path, shared: &Path) -> Option<BTreeMap<String, Option<f64>>> {
    let out = std::process::Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .arg(analysis_path)
        .arg(truth_path)
        .arg("--json")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(METRICS.iter().map(|m| (m.to_string(), v[*m].as_f64())).collect())
}

/// `(set, metric) → minimum` from the newest release table of RESULTS.md:
/// the first `## ` section, rows `| set | metric | value | minimum |`.
fn minima(text: &str) -> BTreeMap<(String, String), f64> {
    let mut out = BTreeMap::new();
    let mut sections = 0;
    for line in text.lines() {
        if line.starts_with("## ") {
            sections += 1;
            continue;
        }
        if sections != 1 {
            continue;
        }
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() == 4 {
            if let Ok(min) = cells[3].parse::<f64>() {
                out.insert((cells[0].to_string(), cells[1].to_string()), min);
            }
        }
    }
    out
}

fn record(path: &Path, figures: &BTreeMap<(String, String), f64>) -> Result<()> {
    let version = forensics::VERSION;
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let mut section = format!("## forensics {version}\n\n| set | metric | value | minimum |\n|---|---|---|---|\n");
    for ((set, metric), v) in figures {
        let min = ((v - 0.02).max(0.0) * 100.0).floor() / 100.0;
        section += &format!("| {set} | {metric} | {v:.4} | {min:.2} |\n");
    }
    // Replace this version's section, keep older releases below it.
    let head_end = old.find("\n## ").map_or(old.len(), |k| k + 1);
    let head = &old[..head_end];
    let rest: String = old[head_end..]
        .split_inclusive('\n')
        .scan(false, |skip, line| {
            if line.starts_with("## ") {
                *skip = line.trim() == format!("## forensics {version}");
            }
            Some(if *skip { String::new() } else { line.to_string() })
        })
        .collect();
    std::fs::write(path, format!("{}{section}\n{}", head.trim_end().to_string() + "\n\n", rest.trim_start()))?;
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--tune") {
        return crate::eval_tune::run(args);
    }
    let check = args.iter().any(|a| a == "--check");
    let write = args.iter().any(|a| a == "--record");
    let with_dict = args.iter().any(|a| a == "--dict");
    if with_dict && (check || write) {
        bail!("eval: --dict results depend on the machine's dictionaries; --check and --record use the portable configuration");
    }
    let only: Option<&str> = args.iter().position(|a| a == "--set").and_then(|k| args.get(k + 1)).map(String::as_str);
    let shared = crate::shared();
    if shared.is_none() {
        println!("eval: ../shared (the evaluation packs) is not beside the workspace: bundled packs only");
    }
    let root = crate::root();
    // `--out DIR`: where the analyses go (parallel runs need their own).
    let out_dir = args.iter().position(|a| a == "--out").and_then(|k| args.get(k + 1)).map_or_else(|| root.join("target/eval"), std::path::PathBuf::from);
    std::fs::create_dir_all(&out_dir)?;
    let mut figures: BTreeMap<(String, String), f64> = BTreeMap::new();
    for set in SETS.iter().chain(&BUNDLED).filter(|s| only.is_none_or(|o| o == **s)) {
        let Some((docs, truth_path)) = pack(set, shared.as_deref()) else { continue };
        if !docs.is_dir() || !truth_path.is_file() {
            println!("eval {set}: skipped, {} is missing", docs.display());
            continue;
        }
        let started = std::time::Instant::now();
        let inputs = forensics::input::read_paths(&[docs], &Default::default())?;
        // Recorded figures must be reproducible on any machine: installed
        // dictionaries only with `--dict`.
        let cfg = if with_dict { forensics::Config::default() } else { forensics::Config::portable() };
        let analysis = forensics::analyze_inputs(inputs, &cfg);
        let elapsed = started.elapsed();
        let analysis_path = out_dir.join(format!("{set}.analysis.json"));
        std::fs::write(&analysis_path, serde_json::to_string(&analysis)?)?;
        let truth = load_truth(&truth_path)?;
        let scores = score(&analysis, &truth);
        println!("\n## {set} ({} documents, analysed in {:.1} s; analysis in {})", truth.len(), elapsed.as_secs_f64(), analysis_path.display());
        for m in METRICS {
            let v = scores[m];
            println!("{m}: {}", v.map_or("None".into(), |v| format!("{v:.4}")));
            if let Some(v) = v {
                figures.insert((set.to_string(), m.to_string()), v);
            }
        }
        match shared.as_deref().and_then(|shared| python_score(&analysis_path, &truth_path, shared)) {
            Some(py) => {
                let diff: Vec<String> = METRICS
                    .iter()
                    .filter(|m| match (scores[**m], py[**m]) {
                        (Some(a), Some(b)) => (a - b).abs() > 1e-4,
                        (a, b) => a.is_some() != b.is_some(),
                    })
                    .map(|m| format!("{m}: rust {:?} python {:?}", scores[*m], py[*m]))
                    .collect();
                if !diff.is_empty() {
                    bail!("eval {set}: the Rust scorer disagrees with score.py: {}", diff.join("; "));
                }
                println!("(score.py agrees)");
            }
            None => println!("(python3 or score.py unavailable: not cross-checked)"),
        }
        for (edition, sub) in editions(&truth) {
            let s = score(&analysis, &sub);
            let f = |m: &str| s[m].map_or("None".into(), |v| format!("{v:.4}"));
            println!("split {edition}: original recall {} precision {}, parent {}, role {}", f("original_recall"), f("original_precision"), f("parent_accuracy"), f("role_accuracy"));
        }
        println!("\ncalibration of confidence:");
        for line in calibration(&analysis, &truth) {
            println!("{line}");
        }
    }
    let results = root.join("corpus/RESULTS.md");
    if write {
        record(&results, &figures)?;
        println!("\nrecorded in {}", results.display());
    }
    if check {
        let text = std::fs::read_to_string(&results).with_context(|| results.display().to_string())?;
        let mut failed = Vec::new();
        for ((set, metric), min) in minima(&text) {
            if let Some(v) = figures.get(&(set.clone(), metric.clone())) {
                if *v < min {
                    failed.push(format!("{set} {metric}: {v:.4} < minimum {min:.2}"));
                }
            }
        }
        if !failed.is_empty() {
            bail!("eval --check: {}", failed.join("; "));
        }
        println!("\neval --check: every figure at or above its minimum in corpus/RESULTS.md");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::minima;

    #[test]
    fn reads_the_newest_section_only() {
        let text = "# Results\n\n## forensics 0.2.0\n\n| set | metric | value | minimum |\n|---|---|---|---|\n| wmt-news | family_f1 | 0.95 | 0.93 |\n\n## forensics 0.1.0\n\n| wmt-news | family_f1 | 0.50 | 0.48 |\n";
        let m = minima(text);
        assert_eq!(m.len(), 1);
        assert_eq!(m[&("wmt-news".to_string(), "family_f1".to_string())], 0.93);
    }
}
