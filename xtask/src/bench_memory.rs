//! `cargo xtask bench-memory [--mb N]... [--threads N] [--bin PATH] [--dict] [--generate-only]`:
//! peak memory and time of `forensics analyze` runs over large JSONL exports.
//!
//! Generates (once, cached in `<target>/bench-memory/`) a deterministic
//! synthetic news export of about N MB (default 1024): ~5 KB articles, one
//! in five a copy or rewrite of an earlier one so dedup and provenance have
//! families to build. Builds the release binary (or takes `--bin`), runs
//! `analyze --format json -v --no-dict` over each file (`--dict`: with the
//! installed dictionaries, which the random words of the export, detected as
//! several languages, would otherwise load), samples the child's peak
//! resident set (`VmHWM` in `/proc/<pid>/status`), and reports it with the
//! stage times against the bound documented in `docs/limits.md`: pass or
//! fail per file, and a failing exit when any run is over it.

use anyhow::{bail, Context, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The documented bound (docs/limits.md): peak RSS at most this many times
/// the input size, plus a fixed allowance for the binary, thread stacks,
/// the statistics tables and the cross-language dictionaries (about 550 MB
/// resident, loaded only for a corpus in two or more languages).
pub const BOUND_PER_INPUT_BYTE: f64 = 1.5;
pub const BOUND_FIXED_BYTES: u64 = 768 << 20;

pub fn bound(input_bytes: u64) -> u64 {
    (input_bytes as f64 * BOUND_PER_INPUT_BYTE) as u64 + BOUND_FIXED_BYTES
}

const USAGE: &str = "usage: cargo xtask bench-memory [--mb N]... [--threads N] [--bin PATH] [--dict] [--generate-only]";

pub fn run(args: &[String]) -> Result<()> {
    let mut sizes: Vec<u64> = Vec::new();
    let mut threads: Option<String> = None;
    let mut bin: Option<PathBuf> = None;
    let mut generate_only = false;
    let mut dict = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => sizes.push(it.next().context("--mb needs a number")?.parse().context("--mb")?),
            "--threads" => threads = Some(it.next().context("--threads needs a number")?.clone()),
            "--bin" => bin = Some(it.next().context("--bin needs a path")?.into()),
            "--generate-only" => generate_only = true,
            "--dict" => dict = true,
            _ => bail!(USAGE),
        }
    }
    if sizes.is_empty() {
        sizes.push(1024);
    }
    let target = target_dir();
    let dir = target.join("bench-memory");
    std::fs::create_dir_all(&dir)?;
    let mut files = Vec::new();
    for &mb in &sizes {
        let input = dir.join(format!("news-{mb}mb.jsonl"));
        let docs = match count_lines(&input) {
            Some(n) => n,
            None => {
                eprintln!("bench-memory: writing {} ...", input.display());
                generate(&input, mb << 20)?
            }
        };
        files.push((input, docs));
    }
    if generate_only {
        return Ok(());
    }
    let bin = match bin {
        Some(b) => b,
        None => {
            eprintln!("bench-memory: building the release binary ...");
            let status = Command::new(env!("CARGO")).args(["build", "--release", "--quiet", "-p", "forensics-cli"]).current_dir(crate::root()).status()?;
            if !status.success() {
                bail!("cargo build --release failed");
            }
            target.join("release/forensics")
        }
    };
    let mut over = Vec::new();
    for (input, docs) in files {
        let input_bytes = std::fs::metadata(&input)?.len();
        let out = input.with_extension("analysis.json");
        let mut cmd = Command::new(&bin);
        cmd.args(["analyze".as_ref(), input.as_os_str(), "--format".as_ref(), "json".as_ref(), "-v".as_ref(), "--out".as_ref(), out.as_os_str()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(t) = &threads {
            cmd.env("RAYON_NUM_THREADS", t);
        }
        if !dict {
            cmd.arg("--no-dict");
        }
        eprintln!("bench-memory: {} analyze {} ({docs} documents, {:.0} MB)", bin.display(), input.display(), input_bytes as f64 / 1e6);
        let run = measure(cmd)?;
        let bound = bound(input_bytes);
        let mib = |b: u64| b as f64 / (1u64 << 20) as f64;
        let pass = run.peak <= bound;
        println!("input            {:>10.1} MiB, {docs} documents", mib(input_bytes));
        println!(
            "peak RSS         {:>10.1} MiB  ({:.2} x input, {:.0} bytes per document)",
            mib(run.peak),
            run.peak as f64 / input_bytes as f64,
            run.peak as f64 / docs.max(1) as f64
        );
        println!("bound            {:>10.1} MiB  ({BOUND_PER_INPUT_BYTE} x input + {} MiB): {}", mib(bound), BOUND_FIXED_BYTES >> 20, if pass { "PASS" } else { "FAIL" });
        println!("wall time        {:>10.1} s    ({:.0} documents/s), exit code {}", run.elapsed.as_secs_f64(), docs as f64 / run.elapsed.as_secs_f64(), run.code);
        println!("CPU time         {:>10.1} s    (user + system)", run.cpu.as_secs_f64());
        for (stage, rss) in &run.stages {
            println!("  {stage:<40} highest RSS sampled {:>8.1} MiB", mib(*rss));
        }
        println!();
        if !matches!(run.code, 0 | 3) {
            bail!("forensics analyze failed (exit code {}):\n{}", run.code, run.stderr);
        }
        if !pass {
            over.push(format!("{}: peak RSS {:.1} MiB is over the documented bound of {:.1} MiB", input.display(), mib(run.peak), mib(bound)));
        }
    }
    if !over.is_empty() {
        bail!("{}", over.join("\n"));
    }
    Ok(())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| crate::root().join("target"))
}

fn count_lines(path: &Path) -> Option<u64> {
    let data = std::fs::File::open(path).ok()?;
    let mut n = 0u64;
    let mut r = std::io::BufReader::with_capacity(1 << 20, data);
    loop {
        let buf = std::io::BufRead::fill_buf(&mut r).ok()?;
        if buf.is_empty() {
            break;
        }
        n += buf.iter().filter(|&&b| b == b'\n').count() as u64;
        let len = buf.len();
        std::io::BufRead::consume(&mut r, len);
    }
    (n > 0).then_some(n)
}

struct Run {
    peak: u64,
    elapsed: Duration,
    /// User plus system CPU time of the child (the machine may be shared:
    /// wall time alone says little).
    cpu: Duration,
    code: i32,
    /// The child's stage lines (`-v`), each with the highest resident set
    /// sampled while that stage ran.
    stages: Vec<(String, u64)>,
    stderr: String,
}

/// Runs `cmd`, sampling its `VmHWM` (the kernel's own high-water mark, so a
/// peak between two samples is still seen), its resident set per stage and
/// its CPU time, until it exits.
fn measure(mut cmd: Command) -> Result<Run> {
    let start = Instant::now();
    let mut child = cmd.spawn().context("cannot start forensics")?;
    let err = child.stderr.take().context("no stderr")?;
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(err)).map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let pid = child.id();
    let field = |s: &str, key: &str| s.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    let (mut peak, mut stage_peak, mut cpu_ticks) = (0u64, 0u64, 0u64);
    let mut stages = Vec::new();
    let mut stderr = String::new();
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            peak = peak.max(field(&s, "VmHWM:").unwrap_or(0) * 1024);
            stage_peak = stage_peak.max(field(&s, "VmRSS:").unwrap_or(0) * 1024);
        }
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // utime and stime, fields 14 and 15, after the parenthesised name.
            let rest = s.rsplit_once(')').map_or("", |r| r.1);
            let f: Vec<u64> = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
            cpu_ticks = cpu_ticks.max(f.iter().sum());
        }
        for line in rx.try_iter() {
            stderr.push_str(&line);
            stderr.push('\n');
            if let Some(stage) = line.strip_prefix("forensics: ") {
                stages.push((stage.to_string(), stage_peak));
                stage_peak = 0;
            }
        }
        if let Some(st) = child.try_wait()? {
            break st;
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    let _ = reader.join();
    for line in rx.try_iter() {
        stderr.push_str(&line);
        stderr.push('\n');
        if let Some(stage) = line.strip_prefix("forensics: ") {
            stages.push((stage.to_string(), stage_peak));
        }
    }
    // Clock ticks are 1/100 s on Linux.
    let cpu = Duration::from_millis(cpu_ticks * 10);
    Ok(Run { peak, elapsed: start.elapsed(), cpu, code: status.code().unwrap_or(-1), stages, stderr })
}

use crate::rng::Rng;

/// Writes about `bytes` of JSONL news records; returns how many.
pub fn generate(path: &Path, bytes: u64) -> Result<u64> {
    const SYLLABLES: [&str; 24] =
        ["ka", "ro", "mi", "ten", "sa", "lu", "ver", "do", "pa", "ni", "gor", "el", "an", "tis", "mo", "ra", "be", "kon", "fi", "stra", "ul", "de", "man", "io"];
    let mut rng = Rng(0x5EED_F0E2_5C5E_2024);
    let vocab: Vec<String> = (0..4000).map(|_| (0..2 + rng.below_by_remainder(3)).map(|_| SYLLABLES[rng.below_by_remainder(SYLLABLES.len())]).collect()).collect();
    let names: Vec<String> = (0..300).map(|i| {
        let w = &vocab[i * 7 % vocab.len()];
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    }).collect();
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    let mut written = 0u64;
    let mut kept: Vec<Vec<String>> = Vec::new();
    let mut n = 0u64;
    while written < bytes {
        // One in five is a version of a recent story: a copy, or a rewrite
        // with a paragraph dropped and a sentence changed.
        let paras = if n % 5 == 4 && !kept.is_empty() {
            let mut p = kept[kept.len() - 1 - rng.below_by_remainder(kept.len().min(200))].clone();
            if rng.below_by_remainder(2) == 0 && p.len() > 2 {
                p.remove(rng.below_by_remainder(p.len()));
                let i = rng.below_by_remainder(p.len());
                p[i] = format!("{} {} said on {}day.", p[i], names[rng.below_by_remainder(names.len())], ["Mon", "Tues", "Fri"][rng.below_by_remainder(3)]);
            }
            p
        } else {
            let mut p = Vec::new();
            let mut len = 0;
            while len < 4800 {
                let para: Vec<String> = (0..3 + rng.below_by_remainder(3))
                    .map(|_| {
                        let words: Vec<&str> = (0..8 + rng.below_by_remainder(18)).map(|_| vocab[rng.below_by_remainder(vocab.len())].as_str()).collect();
                        let mut s = format!("{} {}", names[rng.below_by_remainder(names.len())], words.join(" "));
                        if rng.below_by_remainder(4) == 0 {
                            s.push_str(&format!(" {} percent", rng.below_by_remainder(100)));
                        }
                        s + "."
                    })
                    .collect();
                let para = para.join(" ");
                len += para.len() + 2;
                p.push(para);
            }
            kept.push(p.clone());
            if kept.len() > 1000 {
                kept.remove(0);
            }
            p
        };
        let title = paras[0].split(' ').take(8).collect::<Vec<_>>().join(" ");
        let record = serde_json::json!({
            "id": format!("n{n:07}"),
            "title": title,
            "date": format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            "url": format!("https://news{}.example/{n}", n % 50),
            "text": paras.join("\n\n"),
        });
        let line = record.to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
        n += 1;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, path)?;
    Ok(n)
}
