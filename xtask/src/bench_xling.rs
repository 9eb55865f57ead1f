//! `cargo xtask bench --xling`: the whole detector (same-language stages,
//! the cross-language stage, families) on wmt-news mixed into synthetic
//! multilingual distractors (`distractors.rs`), with wall time, CPU time and
//! peak memory per stage, and whether the pack's own pairs and families
//! change when the distractors are added.
//!
//! ```text
//! cargo xtask bench --xling [--distractors 10000,50000,100000] [--dict] [--threads N] [--diagnose]
//!                           [--xling-set '{"mutual_factor": 1.0}'] [--dump DIR]
//! ```
//!
//! `--dump DIR` writes each run's cross-language pairs and `dedup` result
//! (`DIR/xling-pairs-N.json`, `DIR/result-N.json`, deterministic bytes), so
//! a change meant to leave the results alone can be checked with `diff`.
//!
//! `--xling-set` overrides parameters of the cross-language stage (JSON
//! fields of `XlingConfig`), to see which one the distractors move.
//! `--diagnose` records, in each run's JSON (`target/bench/xling-N.json`,
//! field `diagnosis`), every cross-language candidate between two pack
//! documents with its raw and calibrated score and whether it is a mutual
//! best counting the distractors: which pack pairs the distractors cost,
//! and whether as candidates, backgrounds or mutual bests.
//!
//! Each size runs in a child process (its memory is its own), the pack
//! alone first: cost per document is read against it. Peak memory per
//! stage comes from resetting the kernel's high-water mark before each
//! stage (`/proc/self/clear_refs`), so each stage's peak is its own.
//! Only this file and `eval_wmt.rs` read the pack's truth; the tool never does.

use crate::bench::{cpu_seconds, load_average, vm_hwm_kb};
use anyhow::{Context, Result, bail};
use forensics::dedup::xling::{self, Dictionaries, StageReport};
use forensics::dedup::{DedupConfig, PairKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One stage of one run.
#[derive(Debug, Serialize, Deserialize)]
struct Stage {
    name: String,
    wall: f64,
    cpu: f64,
    /// Resident memory when the stage began and its peak during the stage, KiB.
    rss_start_kib: u64,
    peak_kib: u64,
}

/// What a child reports.
#[derive(Debug, Serialize, Deserialize)]
struct Run {
    distractors: usize,
    docs: usize,
    bytes: usize,
    dictionaries: bool,
    /// Languages the cleaner found, with document counts.
    languages: BTreeMap<String, usize>,
    stages: Vec<Stage>,
    xling: XlingSteps,
    candidates: usize,
    same_pairs: usize,
    cross_pairs: usize,
    /// Pairs between two pack documents: (a, b, cross-language).
    pack_pairs: Vec<(String, String, bool)>,
    /// The pack documents of each family that holds any, sorted.
    pack_families: Vec<Vec<String>>,
    /// Families holding pack documents and distractors both.
    mixed_families: usize,
    /// Pairs between a pack document and a distractor, and how many of
    /// them are cross-language.
    pack_distractor_pairs: usize,
    pack_distractor_cross: usize,
    peak_kib: u64,
    /// `--diagnose`: every cross-language candidate between two pack
    /// documents (a, b, raw score, calibrated score, mutual best counting
    /// distractors), to see why pack pairs are lost at scale.
    #[serde(default)]
    diagnosis: Vec<(String, String, f64, f64, bool)>,
}

/// The cross-language stage's own steps (milliseconds, wall).
#[derive(Debug, Default, Serialize, Deserialize)]
struct XlingSteps {
    anchors: usize,
    candidates: usize,
    dictionaries_ms: u128,
    anchors_ms: u128,
    index_ms: u128,
    verify_ms: u128,
    calibrate_ms: u128,
}

impl From<&StageReport> for XlingSteps {
    fn from(r: &StageReport) -> Self {
        XlingSteps {
            anchors: r.anchors,
            candidates: r.candidates,
            dictionaries_ms: r.dictionaries_ms,
            anchors_ms: r.anchors_ms,
            index_ms: r.index_ms,
            verify_ms: r.verify_ms,
            calibrate_ms: r.calibrate_ms,
        }
    }
}

const DEDUP_STAGES: &[&str] = &["1 stats + digests", "2 fingerprints", "3 candidates", "4 verify", "5 align", "6 cross-language", "7 cluster"];

pub fn run(args: &[String]) -> Result<()> {
    let mut sizes = vec![10_000usize, 50_000, 100_000];
    let mut dict = false;
    let mut diagnose = false;
    let mut threads: Option<String> = None;
    let mut set: Option<String> = None;
    let mut dump: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--xling" => {}
            "--xling-set" => set = Some(it.next().context("--xling-set JSON")?.clone()),
            "--distractors" => sizes = it.next().context("--distractors N[,N…]")?.split(',').map(|s| s.trim().parse()).collect::<Result<_, _>>()?,
            "--dict" => dict = true,
            "--diagnose" => diagnose = true,
            "--threads" => threads = Some(it.next().context("--threads N")?.clone()),
            "--dump" => dump = Some(it.next().context("--dump DIR")?.clone()),
            other => bail!("bench --xling: unknown argument {other}"),
        }
    }
    let Some(pack) = pack_dir() else {
        println!("bench --xling: skipped: needs ../shared/eval/wmt-news");
        return Ok(());
    };
    let out = crate::root().join("target/bench");
    std::fs::create_dir_all(&out)?;
    let mut runs: Vec<Run> = Vec::new();
    for &n in std::iter::once(&0).chain(&sizes) {
        let path = out.join(format!("xling-{n}{}{}.json", if dict { "-dict" } else { "" }, if set.is_some() { "-set" } else { "" }));
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.args(["bench", "--xling-child", &n.to_string()]).arg(&path);
        if dict {
            cmd.arg("--dict");
        }
        if diagnose {
            cmd.arg("--diagnose");
        }
        if let Some(s) = &set {
            cmd.args(["--xling-set", s]);
        }
        if let Some(d) = &dump {
            cmd.args(["--dump", d]);
        }
        if let Some(t) = &threads {
            cmd.env("RAYON_NUM_THREADS", t);
        }
        if !cmd.status()?.success() {
            bail!("bench --xling: the run with {n} distractors failed");
        }
        runs.push(serde_json::from_slice(&std::fs::read(&path)?)?);
    }
    let truth = crate::eval_wmt::read_truth(&pack.join("truth.jsonl"))?;
    report(&runs, &truth);
    Ok(())
}

fn pack_dir() -> Option<PathBuf> {
    let p = crate::shared()?.join("eval/wmt-news");
    p.join("docs").is_dir().then_some(p)
}

fn report(runs: &[Run], truth: &BTreeMap<String, crate::eval_wmt::Truth>) {
    let Some(alone) = runs.first() else { return };
    println!("\n== wmt-news ({} documents) mixed into synthetic distractors, {} (load average {}) ==", alone.docs, if alone.dictionaries { "with dictionaries" } else { "without dictionaries" }, load_average());
    let dedup_cpu = |r: &Run| r.stages.iter().filter(|s| DEDUP_STAGES.contains(&s.name.as_str())).map(|s| s.cpu).sum::<f64>();
    let dedup_wall = |r: &Run| r.stages.iter().filter(|s| DEDUP_STAGES.contains(&s.name.as_str())).map(|s| s.wall).sum::<f64>();
    let stage = |r: &Run, name: &str| r.stages.iter().find(|s| s.name == name).map(|s| (s.wall, s.cpu, s.peak_kib));
    for r in runs {
        let langs: Vec<String> = r.languages.iter().filter(|(_, n)| **n * 100 >= r.docs).map(|(l, n)| format!("{l} {n}")).collect();
        println!("\n-- {} distractors: {} documents, {:.0} MB (languages ≥ 1 %: {})", r.distractors, r.docs, r.bytes as f64 / 1e6, langs.join(", "));
        println!("  {:<20} {:>8} {:>8} {:>10} {:>12}  {}", "stage", "wall s", "CPU s", "peak MiB", "µs CPU/doc", "CPU/doc vs pack alone");
        for s in &r.stages {
            let per_doc = 1e6 * s.cpu / r.docs.max(1) as f64;
            let ratio = stage(alone, &s.name)
                .filter(|a| a.1 > 0.0 && r.distractors > 0)
                .map(|a| format!("{:.2}×", per_doc / (1e6 * a.1 / alone.docs.max(1) as f64)))
                .unwrap_or_default();
            println!("  {:<20} {:>8.2} {:>8.2} {:>10.0} {:>12.1}  {}", s.name, s.wall, s.cpu, s.peak_kib as f64 / 1024.0, per_doc, ratio);
        }
        let per_doc = 1e6 * dedup_cpu(r) / r.docs.max(1) as f64;
        let base = 1e6 * dedup_cpu(alone) / alone.docs.max(1) as f64;
        println!(
            "  {:<20} {:>8.2} {:>8.2} {:>10.0} {:>12.1}  {}",
            "dedup (1–7)",
            dedup_wall(r),
            dedup_cpu(r),
            r.peak_kib as f64 / 1024.0,
            per_doc,
            if r.distractors > 0 { format!("{:.2}×", per_doc / base) } else { String::new() }
        );
        let x = &r.xling;
        println!(
            "  cross-language steps: {} anchors ({} ms), index {} ms → {} candidates, verify {} ms, calibrate {} ms; dictionaries {} ms",
            x.anchors, x.anchors_ms, x.index_ms, x.candidates, x.verify_ms, x.calibrate_ms, x.dictionaries_ms
        );
        println!(
            "  pairs: {} same-language ({} candidates), {} cross-language; {} pack–distractor pairs ({} cross-language), {} families mixing the two",
            r.same_pairs, r.candidates, r.cross_pairs, r.pack_distractor_pairs, r.pack_distractor_cross, r.mixed_families
        );
        let fam = pack_family_map(r);
        let (mut table, ari) = crate::eval_wmt::scores(&fam, truth, None);
        if let Some(c) = table.remove("all") {
            let (p, rc, f) = crate::eval_wmt::prf(&c);
            println!("  pack families against the truth: P {p:.4} R {rc:.4} F1 {f:.4} ARI {ari:.4}");
        }
        if r.distractors > 0 {
            let a: BTreeSet<&(String, String, bool)> = alone.pack_pairs.iter().collect();
            let m: BTreeSet<&(String, String, bool)> = r.pack_pairs.iter().collect();
            let fa: BTreeSet<&Vec<String>> = alone.pack_families.iter().collect();
            let fm: BTreeSet<&Vec<String>> = r.pack_families.iter().collect();
            println!(
                "  against the pack alone: pack pairs {} gained, {} lost (of {}); pack families {} changed (of {})",
                m.difference(&a).count(),
                a.difference(&m).count(),
                a.len(),
                fa.difference(&fm).count(),
                fa.len()
            );
        }
    }
}

/// Pack document id → an id of its family (its first pack member).
fn pack_family_map(r: &Run) -> HashMap<String, String> {
    r.pack_families.iter().flat_map(|f| f.iter().map(move |m| (m.clone(), f[0].clone()))).collect()
}

/// The child: reads the pack, adds `n` distractors, parses and cleans them,
/// runs every stage of `dedup` one by one and writes a [`Run`].
pub fn child(args: &[String]) -> Result<()> {
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else { bail!("bench --xling-child N OUT [--dict] [--xling-set JSON]") };
    let n: usize = n.parse()?;
    let dict = args.iter().any(|a| a == "--dict");
    let pack = pack_dir().context("../shared/eval/wmt-news")?;
    let mut stages: Vec<Stage> = Vec::new();
    let mut t = (Instant::now(), cpu_seconds(), reset_peak());
    let mut lap = |stages: &mut Vec<Stage>, name: &str| {
        stages.push(Stage { name: name.into(), wall: t.0.elapsed().as_secs_f64(), cpu: cpu_seconds() - t.1, rss_start_kib: t.2, peak_kib: vm_hwm_kb() });
        t = (Instant::now(), cpu_seconds(), reset_peak());
    };
    let mut inputs = forensics::input::read_paths(&[pack.join("docs")], &Default::default())?;
    let pack_ids: BTreeSet<String> = inputs.documents.iter().map(|d| d.id.clone()).collect();
    inputs.documents.extend(crate::distractors::distractors(n));
    lap(&mut stages, "0 read + generate");
    let articles = forensics::parse_all(&inputs.documents);
    drop(inputs);
    let docs = forensics::clean_all(&articles);
    drop(articles);
    lap(&mut stages, "0 parse + clean");

    let mut cfg: DedupConfig = forensics::Config::portable().dedup;
    cfg.xling.dictionaries = dict;
    if let Some(json) = args.iter().position(|a| a == "--xling-set").and_then(|i| args.get(i + 1)) {
        let mut v = serde_json::to_value(&cfg.xling)?;
        let patch: serde_json::Value = serde_json::from_str(json).context("--xling-set")?;
        if let (Some(obj), Some(p)) = (v.as_object_mut(), patch.as_object()) {
            obj.extend(p.iter().map(|(k, x)| (k.clone(), x.clone())));
        }
        cfg.xling = serde_json::from_value(v)?;
    }
    let (stats, digests) = forensics::dedup::digest_docs(&docs, &cfg);
    lap(&mut stages, DEDUP_STAGES[0]);
    let mut fps = forensics::dedup::fingerprints_from_digests_owned(&docs, digests, &stats, &cfg);
    lap(&mut stages, DEDUP_STAGES[1]);
    let cands = forensics::dedup::candidates(&fps, &cfg);
    // As `dedup` does: later stages read only ids and languages.
    for f in &mut fps {
        f.minhash = Vec::new();
        f.rare = Vec::new();
    }
    lap(&mut stages, DEDUP_STAGES[2]);
    let mut verified = forensics::dedup::verify(&docs, &fps, &stats, &cands, &cfg);
    lap(&mut stages, DEDUP_STAGES[3]);
    forensics::dedup::align_pairs(&docs, &mut verified.pairs, &cfg);
    lap(&mut stages, DEDUP_STAGES[4]);
    // What `xling::cross_language_pairs` does, with the step report kept.
    let t0 = Instant::now();
    let multilingual = xling::is_multilingual(docs.iter().map(|d| d.language.as_str()));
    let dicts = (cfg.xling.dictionaries && multilingual).then(|| Dictionaries::installed(&cfg.xling.dict_dir));
    let dict_ms = t0.elapsed().as_millis();
    let (cross, report) = xling::run(&docs, &cfg, dicts.as_deref());
    drop(dicts);
    let mut steps = XlingSteps::from(&report);
    steps.dictionaries_ms = dict_ms;
    lap(&mut stages, DEDUP_STAGES[5]);
    let same_pairs = verified.pairs.len();
    let cross_pairs = cross.len();
    let dump = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    if let Some(dir) = &dump {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join(format!("xling-pairs-{n}.json")), serde_json::to_vec_pretty(&cross)?)?;
    }
    let result = forensics::dedup::cluster(&forensics::dedup::members(&fps), verified, cross, &cfg);
    lap(&mut stages, DEDUP_STAGES[6]);
    if let Some(dir) = &dump {
        std::fs::write(dir.join(format!("result-{n}.json")), serde_json::to_vec_pretty(&result)?)?;
    }
    let peak_kib = stages.iter().map(|s| s.peak_kib).max().unwrap_or(0);
    let diagnosis = if args.iter().any(|a| a == "--diagnose") { diagnose(&docs, &cfg, &pack_ids) } else { Vec::new() };

    // The stage-by-stage run must be the facade's (the pack alone: cheap).
    if n == 0 && forensics::dedup::dedup(&docs, &cfg).families != result.families {
        bail!("stage-by-stage run and dedup() disagree");
    }
    let in_pack = |id: &str| pack_ids.contains(id);
    let pack_pairs = result.pairs.iter().filter(|p| in_pack(&p.a) && in_pack(&p.b)).map(|p| (p.a.clone(), p.b.clone(), p.kind == PairKind::CrossLanguage)).collect();
    let pack_distractor: Vec<bool> = result.pairs.iter().filter(|p| in_pack(&p.a) != in_pack(&p.b)).map(|p| p.kind == PairKind::CrossLanguage).collect();
    let mut pack_families: Vec<Vec<String>> = Vec::new();
    let mut mixed_families = 0;
    for f in &result.families {
        let members: Vec<String> = f.members.iter().filter(|m| in_pack(m)).cloned().collect();
        if members.is_empty() {
            continue;
        }
        mixed_families += usize::from(members.len() < f.members.len());
        pack_families.push(members);
    }
    pack_families.sort();
    let mut languages = BTreeMap::new();
    for d in &docs {
        *languages.entry(d.language.clone()).or_insert(0) += 1;
    }
    let run = Run {
        distractors: n,
        docs: docs.len(),
        bytes: docs.iter().map(|d| d.text.len()).sum(),
        dictionaries: dict,
        languages,
        stages,
        xling: steps,
        candidates: cands.len(),
        same_pairs,
        cross_pairs,
        pack_pairs,
        pack_families,
        mixed_families,
        pack_distractor_pairs: pack_distractor.len(),
        pack_distractor_cross: pack_distractor.iter().filter(|c| **c).count(),
        peak_kib,
        diagnosis,
    };
    std::fs::write(Path::new(out), serde_json::to_vec(&run)?)?;
    Ok(())
}

/// Every cross-language candidate between two pack documents with its raw
/// and calibrated scores, and whether it is mutual best among all documents
/// (distractors included).
fn diagnose(docs: &[forensics::clean::CleanArticle], cfg: &DedupConfig, pack: &BTreeSet<String>) -> Vec<(String, String, f64, f64, bool)> {
    let mut cfg = cfg.clone();
    cfg.xling.emit_all_candidates = true;
    let (all, _) = xling::run(docs, &cfg, None);
    let lang: HashMap<&str, &str> = docs.iter().map(|d| (d.id.as_str(), d.language.as_str())).collect();
    let lang_of = |id: &str| lang.get(id).copied().unwrap_or("und");
    let mut best: HashMap<(&str, &str), (f64, &str)> = HashMap::new();
    for p in &all {
        for (x, y) in [(p.a.as_str(), p.b.as_str()), (p.b.as_str(), p.a.as_str())] {
            let e = best.entry((x, lang_of(y))).or_insert((f64::NEG_INFINITY, ""));
            if p.similarity > e.0 || (p.similarity == e.0 && y < e.1) {
                *e = (p.similarity, y);
            }
        }
    }
    let is_best = |x: &str, y: &str| best.get(&(x, lang_of(y))).is_some_and(|e| e.1 == y);
    all.iter()
        .filter(|p| pack.contains(&p.a) && pack.contains(&p.b))
        .map(|p| (p.a.clone(), p.b.clone(), p.content, p.similarity, is_best(&p.a, &p.b) && is_best(&p.b, &p.a)))
        .collect()
}

/// Resets this process's peak resident memory to the current one (Linux:
/// writing 5 to clear_refs), so the next stage's peak is its own; returns
/// the resident memory now, KiB.
fn reset_peak() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}
