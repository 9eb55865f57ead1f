//! `cargo xtask bench`: the near-duplicate detector at scale, beside
//! datasketch (MinHash(128) + MinHashLSH), on one deterministic synthetic corpus.
//!
//! ```text
//! cargo xtask bench [--docs 10000,100000,1000000] [--peer-max 100000] [--no-peer]
//!                   [--threshold 0.5] [--threads N]
//! cargo xtask bench --xling [--distractors 10000,50000,100000] [--dict]
//! ```
//!
//! `--xling` measures the whole detector, cross-language stage included, on
//! wmt-news mixed into multilingual distractors instead (`bench_xling.rs`).
//!
//! The corpus is made from real English text (wmt-news English documents
//! and the seeds): a word-bigram chain trained on it writes new sentences,
//! sprinkled with invented names and numbers, so documents read like news
//! but do not share sentences by accident. A fifth of the documents are
//! planted copies of another document at one of five edit levels (1%–30% of
//! the words substituted, deleted or inserted) with a paragraph dropped or
//! added now and then; the rest are unrelated. Every original-and-copy unit
//! has its own seeded generator, so the corpus is made on all cores and is
//! the same bytes whatever their number (cached in `target/bench` under the
//! generator's version). Each detector runs in a child process so its peak
//! memory (VmHWM / ru_maxrss) is its own; a debug `cargo xtask` re-runs the
//! command from a release build. Every report line carries the load average:
//! on a shared machine, compare the two detectors within one run.

use anyhow::{Context, Result, bail};
use forensics::clean::CleanArticle;
use forensics::dedup::{DedupConfig, dedup};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const LEVELS: [f64; 5] = [0.01, 0.05, 0.10, 0.20, 0.30];

pub fn run(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--xling-child") {
        return crate::bench_xling::child(&args[1..]);
    }
    // An unoptimised build measures the compiler's settings, not the detector:
    // run the same command from a release build.
    if cfg!(debug_assertions) && std::env::var_os("FORENSICS_BENCH_DEBUG").is_none() {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        eprintln!("bench: building and running the release build (FORENSICS_BENCH_DEBUG=1 measures this debug build)");
        let status = Command::new(cargo).args(["run", "--release", "--quiet", "--package", "xtask", "--", "bench"]).args(args).status()?;
        if !status.success() {
            bail!("bench: the release run failed");
        }
        return Ok(());
    }
    if args.iter().any(|a| a == "--xling") {
        return crate::bench_xling::run(args);
    }
    let mut sizes = vec![10_000usize];
    let mut peer_max = 100_000usize;
    let mut peer = true;
    let mut threshold = 0.5;
    let mut threads: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docs" => sizes = it.next().context("--docs N[,N…]")?.split(',').map(|s| s.trim().parse()).collect::<Result<_, _>>()?,
            "--peer-max" => peer_max = it.next().context("--peer-max N")?.parse()?,
            "--no-peer" => peer = false,
            "--threshold" => threshold = it.next().context("--threshold T")?.parse()?,
            "--threads" => threads = Some(it.next().context("--threads N")?.clone()),
            other => bail!("bench: unknown argument {other}"),
        }
    }
    let out = crate::root().join("target/bench");
    std::fs::create_dir_all(&out)?;
    let Some(source) = source_text()? else {
        println!("bench: skipped: needs ../shared/eval/wmt-news (English source text for the synthetic corpus)");
        return Ok(());
    };
    let peer_ready = if peer { peer_env(&out) } else { None };
    for &n in &sizes {
        let corpus = out.join(format!("corpus-{GENERATOR}-{n}.jsonl"));
        let truth = out.join(format!("truth-{GENERATOR}-{n}.jsonl"));
        if !corpus.exists() || !truth.exists() {
            let t = Instant::now();
            generate(&source, n, &corpus, &truth)?;
            eprintln!("bench: generated {n} documents in {:.1}s", t.elapsed().as_secs_f64());
        }
        let planted = read_truth(&truth)?;
        let ours_out = out.join(format!("ours-{n}.json"));
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.args(["bench", "--child"]).arg(&corpus).arg(&ours_out).arg(threshold.to_string());
        if let Some(t) = &threads {
            cmd.env("RAYON_NUM_THREADS", t);
        }
        let status = cmd.status()?;
        if !status.success() {
            bail!("bench: our run failed on {n} documents");
        }
        let ours: RunResult = serde_json::from_slice(&std::fs::read(&ours_out)?)?;
        let mut rows = vec![("forensics", ours)];
        match (&peer_ready, n <= peer_max) {
            (Some(py), true) => {
                let peer_out = out.join(format!("datasketch-{n}.json"));
                let script = out.join("datasketch_peer.py");
                std::fs::write(&script, PEER_SCRIPT)?;
                let status = Command::new(py).arg(&script).arg(&corpus).arg(&peer_out).arg(threshold.to_string()).status()?;
                if status.success() {
                    rows.push(("datasketch", serde_json::from_slice(&std::fs::read(&peer_out)?)?));
                } else {
                    println!("bench: datasketch failed on {n} documents");
                }
            }
            (None, true) if peer => println!("bench: datasketch skipped (PyPI unreachable or venv failed)"),
            _ => {}
        }
        report(n, &rows, &planted, &out)?;
    }
    Ok(())
}

/// What one detector's run gives back.
#[derive(Debug, Serialize, Deserialize)]
struct RunResult {
    docs: usize,
    bytes: usize,
    seconds: f64,
    /// CPU time (user + system) of the timed part: the fair measure on a shared machine.
    #[serde(default)]
    cpu_seconds: f64,
    peak_kb: u64,
    pairs: Vec<(String, String)>,
    /// Seconds per stage.
    #[serde(default)]
    stages: BTreeMap<String, f64>,
    /// CPU seconds per stage (all threads): comparable across runs on a busy machine.
    #[serde(default)]
    stage_cpu: BTreeMap<String, f64>,
    /// Counts worth a look beside the times (candidate pairs, threads).
    #[serde(default)]
    counts: BTreeMap<String, u64>,
}

fn report(n: usize, rows: &[(&str, RunResult)], planted: &[(String, String, f64)], out: &Path) -> Result<()> {
    let truth: HashMap<(String, String), f64> = planted.iter().map(|(a, b, l)| (key(a, b), *l)).collect();
    let level_of_doc: HashMap<&str, f64> = planted.iter().flat_map(|(a, b, l)| [(a.as_str(), *l), (b.as_str(), *l)]).collect();
    println!("\n== {n} documents (load average {}) ==", load_average());
    println!(
        "{:<11} {:>9} {:>9} {:>12} {:>8} {:>9} {:>9} {:>8} {:>8}",
        "detector", "docs/s", "MB/s", "docs/cpu-s", "peak MB", "seconds", "cpu-s", "pairs", "prec"
    );
    let mut json = serde_json::Map::new();
    let base = rows.iter().find(|r| r.0 == "datasketch").map(|r| (r.1.docs as f64 / r.1.seconds, r.1.docs as f64 / r.1.cpu_seconds));
    for (name, r) in rows {
        let found: HashSet<(String, String)> = r.pairs.iter().map(|(a, b)| key(a, b)).collect();
        let tp = found.iter().filter(|p| truth.contains_key(*p)).count();
        let prec = if found.is_empty() { 1.0 } else { tp as f64 / found.len() as f64 };
        let dps = r.docs as f64 / r.seconds;
        let dpc = r.docs as f64 / r.cpu_seconds;
        println!(
            "{:<11} {:>9.0} {:>9.1} {:>12.0} {:>8.0} {:>9.2} {:>9.2} {:>8} {:>8.4}",
            name,
            dps,
            r.bytes as f64 / 1e6 / r.seconds,
            dpc,
            r.peak_kb as f64 / 1024.0,
            r.seconds,
            r.cpu_seconds,
            found.len(),
            prec
        );
        let mut per_level = Vec::new();
        for &l in &LEVELS {
            let want: Vec<&(String, String)> = truth.iter().filter(|(_, v)| **v == l).map(|(k, _)| k).collect();
            let got = want.iter().filter(|p| found.contains(**p)).count();
            let recall = if want.is_empty() { 1.0 } else { got as f64 / want.len() as f64 };
            // Precision at a level: of the reported pairs touching that level's documents, the planted share.
            let touching: Vec<&(String, String)> =
                found.iter().filter(|(a, b)| level_of_doc.get(a.as_str()) == Some(&l) || level_of_doc.get(b.as_str()) == Some(&l)).collect();
            let ok = touching.iter().filter(|p| truth.contains_key(**p)).count();
            let precision = if touching.is_empty() { 1.0 } else { ok as f64 / touching.len() as f64 };
            println!("    edit {:>4.0}%: recall {:.4}  precision {:.4}  ({} planted)", l * 100.0, recall, precision, want.len());
            per_level.push(serde_json::json!({"level": l, "recall": recall, "precision": precision, "planted": want.len()}));
        }
        if !r.stages.is_empty() {
            let s: Vec<String> = r.stages.iter().map(|(k, v)| format!("{k} {v:.2}s")).collect();
            println!("    stages: {}", s.join(", "));
        }
        if !r.stage_cpu.is_empty() {
            let s: Vec<String> = r.stage_cpu.iter().map(|(k, v)| format!("{k} {v:.2}s")).collect();
            println!("    stage CPU: {}", s.join(", "));
        }
        if !r.counts.is_empty() {
            let s: Vec<String> = r.counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
            println!("    counts: {}", s.join(", "));
        }
        if let (Some((b, bc)), "forensics") = (base, *name) {
            // Wall time counts our two threads; CPU time is per core, robust to a busy machine.
            println!("    speed-up over datasketch: {:.1}× wall clock, {:.1}× per CPU-second", dps / b, dpc / bc);
        }
        json.insert(
            name.to_string(),
            serde_json::json!({"docs_per_s": dps, "docs_per_cpu_s": r.docs as f64 / r.cpu_seconds, "cpu_seconds": r.cpu_seconds, "mb_per_s": r.bytes as f64 / 1e6 / r.seconds, "peak_mb": r.peak_kb as f64 / 1024.0,
                "seconds": r.seconds, "pairs": found.len(), "precision": prec, "levels": per_level, "stages": r.stages, "stage_cpu": r.stage_cpu, "counts": r.counts}),
        );
    }
    std::fs::write(out.join(format!("report-{n}.json")), serde_json::to_string_pretty(&json)?)?;
    Ok(())
}

fn key(a: &str, b: &str) -> (String, String) {
    if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) }
}

/// The child: runs the detector on a corpus file and writes a [`RunResult`].
fn child(args: &[String]) -> Result<()> {
    let (Some(corpus), Some(out)) = (args.first(), args.get(1)) else { bail!("bench --child CORPUS OUT [THRESHOLD]") };
    let threshold: f64 = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(0.5);
    let docs = load_corpus(Path::new(corpus))?;
    let bytes = docs.iter().map(|d| d.text.len()).sum();
    let cfg = DedupConfig { threshold, cross_language: false, ..DedupConfig::default() };
    let mut stages = BTreeMap::new();
    let mut stage_cpu = BTreeMap::new();
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let (mut t1, mut c1) = (Instant::now(), cpu0);
    let mut lap = |name: &str| {
        stages.insert(name.to_string(), t1.elapsed().as_secs_f64());
        let c = cpu_seconds();
        stage_cpu.insert(name.to_string(), c - c1);
        (t1, c1) = (Instant::now(), c);
    };
    // The stages one by one (what `dedup` does), timed.
    let (stats, digests) = forensics::dedup::digest_docs(&docs, &cfg);
    lap("1 stats + digests");
    let fps = forensics::dedup::fingerprints_from_digests(&docs, &digests, &stats, &cfg);
    drop(digests);
    lap("2 fingerprints");
    let cands = forensics::dedup::candidates(&fps, &cfg);
    lap("3 candidates");
    let mut verified = forensics::dedup::verify(&docs, &fps, &stats, &cands, &cfg);
    lap("4 verify");
    forensics::dedup::align_pairs(&docs, &mut verified.pairs, &cfg);
    lap("5 align");
    let result = forensics::dedup::cluster(&forensics::dedup::members(&fps), verified, Vec::new(), &cfg);
    lap("6 cluster");
    let seconds = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    // Sanity: the facade gives the same families (small corpora only: it costs a second run).
    if docs.len() <= 10_000 && dedup(&docs, &cfg).families != result.families {
        bail!("stage-by-stage run and facade disagree");
    }
    let counts = BTreeMap::from([("candidates".to_string(), cands.len() as u64), ("threads".to_string(), rayon_threads() as u64)]);
    let pairs = result.pairs.iter().map(|p| (p.a.clone(), p.b.clone())).collect();
    let r = RunResult { docs: docs.len(), bytes, seconds, cpu_seconds: cpu, peak_kb: vm_hwm_kb(), pairs, stages, stage_cpu, counts };
    std::fs::write(out, serde_json::to_vec(&r)?)?;
    Ok(())
}

/// User + system CPU seconds of this process so far (from /proc/self/stat, in clock ticks of 1/100 s).
pub(crate) fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(0.0)
}

fn rayon_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The 1, 5 and 15 minute load averages: on a shared machine they say how far to trust wall-clock figures.
pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_else(|_| "unknown".into())
}

pub(crate) fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

#[derive(Serialize, Deserialize)]
struct Line {
    id: String,
    text: String,
}

fn load_corpus(path: &Path) -> Result<Vec<CleanArticle>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut out = Vec::new();
    for line in f.lines() {
        let l: Line = serde_json::from_str(&line?)?;
        out.push(CleanArticle {
            id: l.id,
            language: "en".into(),
            meta: Default::default(),
            text: l.text,
            blocks: Vec::new(),
            removed: Vec::new(),
            sentences: Vec::new(),
        });
    }
    Ok(out)
}

fn read_truth(path: &Path) -> Result<Vec<(String, String, f64)>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        out.push((
            v["a"].as_str().unwrap_or_default().to_string(),
            v["b"].as_str().unwrap_or_default().to_string(),
            v["level"].as_f64().unwrap_or_default(),
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------- generator

/// Bumped whenever the generator's output changes, so cached corpora are remade.
const GENERATOR: &str = "g3";

use crate::rng::Rng;

/// Word bigrams of the source text.
struct Source {
    words: Vec<String>,
    /// Whether the word ends a sentence.
    ends: Vec<bool>,
    next: Vec<Vec<u32>>,
    starts: Vec<u32>,
}

fn source_text() -> Result<Option<Source>> {
    let Some(shared) = crate::shared() else { return Ok(None) };
    let dir = shared.join("eval/wmt-news/docs");
    if !dir.is_dir() {
        return Ok(None);
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.extend(std::fs::read_dir(crate::root().join("corpus/seeds"))?.filter_map(|e| e.ok().map(|e| e.path())));
    paths.sort();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut src = Source { words: Vec::new(), ends: Vec::new(), next: Vec::new(), starts: Vec::new() };
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        // English only: the wmt-news pack holds eight languages.
        let ascii = text.bytes().filter(u8::is_ascii).count();
        if text.is_empty() || (ascii as f64) < 0.97 * text.len() as f64 {
            continue;
        }
        let mut prev: Option<u32> = None;
        for w in text.split_whitespace() {
            let id = *index.entry(w.to_string()).or_insert_with(|| {
                src.words.push(w.to_string());
                src.ends.push(w.ends_with(['.', '?', '!']));
                src.next.push(Vec::new());
                (src.words.len() - 1) as u32
            });
            match prev {
                Some(p) => src.next[p as usize].push(id),
                None => src.starts.push(id),
            }
            prev = if src.ends[id as usize] { None } else { Some(id) };
        }
    }
    if src.starts.is_empty() {
        return Ok(None);
    }
    Ok(Some(src))
}

const SYLLABLES: [&str; 24] =
    ["ka", "ro", "vin", "del", "mar", "to", "lis", "ben", "sa", "gor", "an", "te", "mi", "los", "ur", "nek", "fa", "dri", "el", "po", "ham", "quin", "zo", "ber"];

fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
    if let Some(f) = s.get(..1) {
        s = f.to_uppercase() + &s[1..];
    }
    s
}

/// Appends one sentence to `out`.
fn sentence(src: &Source, rng: &mut Rng, names: &[String], out: &mut String) {
    let mut ws: Vec<&str> = Vec::with_capacity(48);
    let mut w = src.starts[rng.below(src.starts.len())] as usize;
    loop {
        ws.push(&src.words[w]);
        if (src.ends[w] && ws.len() >= 8) || ws.len() > 40 {
            break;
        }
        let nx = &src.next[w];
        w = if nx.is_empty() { src.starts[rng.below(src.starts.len())] } else { nx[rng.below(nx.len())] } as usize;
    }
    if !src.ends[w] {
        ws.push("said.");
    }
    // The story's own names and figures, as real reports carry them.
    if !names.is_empty() && rng.chance(0.5) {
        let at = 1 + rng.below(ws.len() - 1);
        ws.insert(at, &names[rng.below(names.len())]);
    }
    let number = rng.chance(0.3).then(|| (1 + rng.below(ws.len() - 1), (10 + rng.below(99_990)).to_string()));
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if let Some((at, n)) = &number
            && *at == i
        {
            out.push_str(n);
            out.push(' ');
        }
        out.push_str(w);
    }
}

fn paragraph(src: &Source, rng: &mut Rng, names: &[String]) -> String {
    let mut p = String::with_capacity(800);
    for i in 0..3 + rng.below(4) {
        if i > 0 {
            p.push(' ');
        }
        sentence(src, rng, names, &mut p);
    }
    p
}

fn document(src: &Source, rng: &mut Rng) -> Vec<String> {
    let names: Vec<String> = (0..3 + rng.below(4)).map(|_| name(rng)).collect();
    (0..5 + rng.below(5)).map(|_| paragraph(src, rng, &names)).collect()
}

/// A copy of `paras` with `level` of its words substituted, deleted or
/// inserted, and now and then a paragraph dropped or added.
fn edit(src: &Source, rng: &mut Rng, paras: &[String], level: f64) -> Vec<String> {
    let mut out: Vec<String> = paras
        .iter()
        .map(|p| {
            let mut s = String::with_capacity(p.len() + 64);
            let push = |s: &mut String, w: &str| {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(w);
            };
            for w in p.split(' ') {
                if !rng.chance(level) {
                    push(&mut s, w);
                    continue;
                }
                let r = &src.words[rng.below(src.words.len())];
                match rng.below(5) {
                    0 => {}                                        // deleted
                    1 => {
                        push(&mut s, w);                           // inserted
                        push(&mut s, r);
                    }
                    _ => push(&mut s, r),                          // substituted
                }
            }
            s
        })
        .collect();
    if out.len() > 3 && rng.chance(0.3) {
        let at = rng.below(out.len());
        out.remove(at);
    }
    if rng.chance(0.3) {
        let at = rng.below(out.len() + 1);
        out.insert(at, paragraph(src, rng, &[]));
    }
    out
}

/// Writes `n` documents and the planted pairs. A tenth of the units are an
/// original followed by an edited copy (a fifth of the documents), the rest
/// single unrelated documents. Every unit draws from its own seeded
/// generator, so units are made in parallel and the files do not depend on
/// the thread count.
fn generate(src: &Source, n: usize, corpus: &Path, truth: &Path) -> Result<()> {
    let planted = n / 10; // pairs: 2 × n/10 documents
    let units = n - planted;
    // Ids are hex of a counter hashed, so id order says nothing about roles.
    let id = |i: usize| format!("b{:016x}", Rng(i as u64 ^ 0xd0c5).next());
    let unit = |u: usize| -> (String, String) {
        // The starting state is itself a generator output: states that differ
        // by a multiple of the increment (as `base ^ u·G` can) would give two
        // units the same stream shifted by a few draws, i.e. accidental copies.
        let mut rng = Rng(Rng(0xbe7c_4a11 ^ u as u64).next());
        let mut docs = String::new();
        let mut pairs = String::new();
        let (first, copy) = if u < planted { (2 * u, true) } else { (planted + u, false) };
        let doc = document(src, &mut rng);
        let line = |id: String, paras: &[String]| serde_json::to_string(&Line { id, text: paras.join("\n\n") });
        docs.push_str(&line(id(first), &doc).unwrap_or_default());
        docs.push('\n');
        if copy {
            let level = LEVELS[u % LEVELS.len()];
            let edited = edit(src, &mut rng, &doc, level);
            docs.push_str(&line(id(first + 1), &edited).unwrap_or_default());
            docs.push('\n');
            pairs.push_str(&serde_json::json!({"a": id(first), "b": id(first + 1), "level": level}).to_string());
            pairs.push('\n');
        }
        (docs, pairs)
    };
    let mut c = std::io::BufWriter::new(std::fs::File::create(corpus)?);
    let mut t = std::io::BufWriter::new(std::fs::File::create(truth)?);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    const BATCH: usize = 4096;
    let mut start = 0;
    while start < units {
        let end = (start + BATCH * threads).min(units);
        let per = (end - start).div_ceil(threads);
        let made: Vec<Vec<(String, String)>> = std::thread::scope(|s| {
            let handles: Vec<_> = (start..end).step_by(per).map(|lo| s.spawn(move || (lo..(lo + per).min(end)).map(unit).collect())).collect();
            handles.into_iter().map(|h| h.join().map_err(|_| anyhow::anyhow!("bench: a generator thread panicked"))).collect::<Result<_>>()
        })?;
        for (d, p) in made.iter().flatten() {
            c.write_all(d.as_bytes())?;
            t.write_all(p.as_bytes())?;
        }
        start = end;
    }
    c.flush()?;
    t.flush()?;
    Ok(())
}

// ---------------------------------------------------------------- the peer

/// A venv with datasketch in target/bench-venv; `None` when it cannot be made.
fn peer_env(out: &Path) -> Option<PathBuf> {
    let venv = out.parent()?.join("bench-venv");
    let py = venv.join("bin/python");
    let ok = |py: &Path| Command::new(py).args(["-c", "import datasketch"]).output().is_ok_and(|o| o.status.success());
    if ok(&py) {
        return Some(py);
    }
    let made = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().is_ok_and(|s| s.success());
    if !made {
        return None;
    }
    let installed = Command::new(venv.join("bin/pip")).args(["install", "-q", "datasketch"]).status().is_ok_and(|s| s.success());
    (installed && ok(&py)).then_some(py)
}

/// What users would write with datasketch: the same 5-word shingles of the
/// lower-cased words, MinHash(128), MinHashLSH at the same threshold, and a
/// query per document for its pairs.
const PEER_SCRIPT: &str = r#"
import json, re, resource, sys, time
from datasketch import MinHash, MinHashLSH
path, out, thr = sys.argv[1], sys.argv[2], float(sys.argv[3])
docs = [json.loads(l) for l in open(path, encoding="utf-8")]
word = re.compile(r"\w+")
t0 = time.time()
r0 = resource.getrusage(resource.RUSAGE_SELF)
lsh = MinHashLSH(threshold=thr, num_perm=128)
sigs = []
for d in docs:
    w = word.findall(d["text"].lower())
    sh = {" ".join(w[i:i + 5]).encode("utf-8") for i in range(max(1, len(w) - 4))}
    m = MinHash(num_perm=128)
    m.update_batch(list(sh))
    lsh.insert(d["id"], m)
    sigs.append(m)
pairs = set()
for d, m in zip(docs, sigs):
    for o in lsh.query(m):
        if o != d["id"]:
            pairs.add(tuple(sorted((d["id"], o))))
secs = time.time() - t0
r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
json.dump({"docs": len(docs), "bytes": sum(len(d["text"].encode("utf-8")) for d in docs), "seconds": secs, "cpu_seconds": cpu,
           "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "pairs": sorted(pairs)}, open(out, "w"))
"#;
