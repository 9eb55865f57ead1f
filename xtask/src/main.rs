//! `cargo xtask`: corpus regressions, evaluation and benchmarks.
//!
//! One file per task, so each can grow without touching the others.

mod bench;
mod bench_memory;
mod bench_xling;
mod corpus;
mod dist;
mod distractors;
mod eval_analysis;
mod eval_extraction;
mod eval_html;
mod eval_tune;
mod eval_wmt;
mod rng;

use anyhow::{bail, Result};

// The allocator the `forensics` binary uses (see its main.rs), so
// benchmarks run in-process measure what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = if args.len() > 1 { &args[1..] } else { &[][..] };
    match args.first().map(String::as_str) {
        Some("corpus") => corpus::run(rest),
        Some("eval") => match rest.first().map(String::as_str) {
            Some("extraction") if rest.iter().any(|a| a == "--html") => eval_html::run(&rest[1..]),
            Some("extraction") => eval_extraction::run(&rest[1..]),
            Some("wmt") => eval_wmt::run(&rest[1..]),
            _ => eval_analysis::run(rest),
        },
        Some("bench") => bench::run(rest),
        Some("bench-memory") => bench_memory::run(rest),
        Some("dist") => dist::run(rest),
        _ => bail!("usage: cargo xtask <corpus | eval [--check] | eval extraction [--html] | eval wmt | bench | bench-memory | dist>"),
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(|p| p.to_path_buf()).unwrap_or_default()
}

/// `../shared` beside the workspace, where the evaluation packs live; absent on a user's machine.
pub fn shared() -> Option<std::path::PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}
