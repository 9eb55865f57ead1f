//! `cargo xtask bench-memory [--mb N] [--threads N]`: peak memory of one
//! `forensics analyze` run over a large JSONL export.
//!
//! Generates (once, cached in `target/bench-memory/`) a deterministic
//! synthetic news export of about N MB (default 1024): ~5 KB articles, one
//! in five a copy or rewrite of an earlier one so dedup and provenance have
//! families to build. Builds the release binary, runs it over the file, and
//! samples the child's peak resident set (`VmHWM` in `/proc/<pid>/status`).
//! The figure is reported per input byte and per document against the bound
//! documented in `docs/limits.md`.

use anyhow::{bail, Context, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The documented bound (docs/limits.md): peak RSS at most this many times
/// the input size, plus a fixed allowance for the binary, the cross-language
/// dictionaries (about 550 MB resident once loaded) and thread stacks.
/// Measured before the raw-bytes and parsed-article drops: 10,000 documents
/// (52 MB) peaked at 773 MB, i.e. about 22 KB per 5 KB document.
pub const BOUND_PER_INPUT_BYTE: f64 = 4.0;
pub const BOUND_FIXED_BYTES: u64 = 768 << 20;

pub fn run(args: &[String]) -> Result<()> {
    let mut mb: u64 = 1024;
    let mut threads: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => mb = it.next().context("--mb needs a number")?.parse().context("--mb")?,
            "--threads" => threads = Some(it.next().context("--threads needs a number")?.clone()),
            _ => bail!("usage: cargo xtask bench-memory [--mb N] [--threads N]"),
        }
    }
    let target = target_dir();
    let dir = target.join("bench-memory");
    std::fs::create_dir_all(&dir)?;
    let input = dir.join(format!("news-{mb}mb.jsonl"));
    let docs = match count_lines(&input) {
        Some(n) => n,
        None => {
            eprintln!("bench-memory: writing {} ...", input.display());
            generate(&input, mb << 20)?
        }
    };
    let input_bytes = std::fs::metadata(&input)?.len();

    eprintln!("bench-memory: building the release binary ...");
    let status = Command::new(env!("CARGO")).args(["build", "--release", "--quiet", "-p", "forensics-cli"]).current_dir(crate::root()).status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let bin = target.join("release/forensics");
    let out = dir.join("analysis.json");
    let mut cmd = Command::new(&bin);
    cmd.args(["analyze".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str()]).stdin(Stdio::null()).stdout(Stdio::null());
    if let Some(t) = &threads {
        cmd.env("RAYON_NUM_THREADS", t);
    }
    eprintln!("bench-memory: {} analyze {} ({docs} documents, {:.0} MB)", bin.display(), input.display(), input_bytes as f64 / 1e6);
    let (peak, elapsed, code) = peak_rss(cmd)?;
    let bound = (input_bytes as f64 * BOUND_PER_INPUT_BYTE) as u64 + BOUND_FIXED_BYTES;
    let mib = |b: u64| b as f64 / (1u64 << 20) as f64;
    println!("input            {:>10.1} MiB, {docs} documents", mib(input_bytes));
    println!("peak RSS         {:>10.1} MiB  ({:.2} x input, {:.0} bytes per document)", mib(peak), peak as f64 / input_bytes as f64, peak as f64 / docs.max(1) as f64);
    println!("bound            {:>10.1} MiB  ({BOUND_PER_INPUT_BYTE} x input + {} MiB)", mib(bound), BOUND_FIXED_BYTES >> 20);
    println!("wall time        {:>10.1} s    ({:.0} documents/s), exit code {code}", elapsed.as_secs_f64(), docs as f64 / elapsed.as_secs_f64());
    if !matches!(code, 0 | 3) {
        bail!("forensics analyze failed (exit code {code})");
    }
    if peak > bound {
        bail!("peak RSS {:.1} MiB is over the documented bound of {:.1} MiB", mib(peak), mib(bound));
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

/// Runs `cmd`, sampling its `VmHWM` (the kernel's own high-water mark, so a
/// peak between two samples is still seen) until it exits.
fn peak_rss(mut cmd: Command) -> Result<(u64, Duration, i32)> {
    let start = Instant::now();
    let mut child = cmd.spawn().context("cannot start forensics")?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()) {
                peak = peak.max(kb * 1024);
            }
        }
        if let Some(st) = child.try_wait()? {
            break st;
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    Ok((peak, start.elapsed(), status.code().unwrap_or(-1)))
}

/// SplitMix64: a fixed, seeded generator, so the file is the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes about `bytes` of JSONL news records; returns how many.
pub fn generate(path: &Path, bytes: u64) -> Result<u64> {
    const SYLLABLES: [&str; 24] =
        ["ka", "ro", "mi", "ten", "sa", "lu", "ver", "do", "pa", "ni", "gor", "el", "an", "tis", "mo", "ra", "be", "kon", "fi", "stra", "ul", "de", "man", "io"];
    let mut rng = Rng(0x5EED_F0E2_5C5E_2024);
    let vocab: Vec<String> = (0..4000).map(|_| (0..2 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()).collect();
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
            let mut p = kept[kept.len() - 1 - rng.below(kept.len().min(200))].clone();
            if rng.below(2) == 0 && p.len() > 2 {
                p.remove(rng.below(p.len()));
                let i = rng.below(p.len());
                p[i] = format!("{} {} said on {}day.", p[i], names[rng.below(names.len())], ["Mon", "Tues", "Fri"][rng.below(3)]);
            }
            p
        } else {
            let mut p = Vec::new();
            let mut len = 0;
            while len < 4800 {
                let para: Vec<String> = (0..3 + rng.below(3))
                    .map(|_| {
                        let words: Vec<&str> = (0..8 + rng.below(18)).map(|_| vocab[rng.below(vocab.len())].as_str()).collect();
                        let mut s = format!("{} {}", names[rng.below(names.len())], words.join(" "));
                        if rng.below(4) == 0 {
                            s.push_str(&format!(" {} percent", rng.below(100)));
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
