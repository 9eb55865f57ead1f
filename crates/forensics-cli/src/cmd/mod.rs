//! One file per subcommand; this one dispatches and holds what they share.

mod analyze;
mod clean;
mod dedup;
mod diff;
mod parse;

use crate::args::{Cli, Command, Global};
use crate::progress::Watch;
use anyhow::{Context, Result};
use forensics::input::{read_paths, Inputs, Limits};
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    let g = &cli.global;
    if g.threads > 0 {
        rayon::ThreadPoolBuilder::new().num_threads(g.threads).build_global().context("cannot start the worker threads")?;
    }
    match cli.command {
        Command::Analyze { paths, format, out } => analyze::run(g, &paths, format, out.as_deref()),
        Command::Diff { a, b, format, out } => diff::run(g, &a, &b, format, out.as_deref()),
        Command::Parse { paths, format } => parse::run(g, &paths, format),
        Command::Clean { paths, format, out_dir, explain } => clean::run(g, &paths, format, out_dir.as_deref(), explain),
        Command::Dedup { paths, threshold, format } => dedup::run(g, &paths, threshold, format),
    }
}

/// The pipeline's parameters as the global flags set them.
fn config(g: &Global) -> forensics::Config {
    let mut cfg = forensics::Config::default();
    cfg.dedup.xling.dictionaries = !(g.no_dict || std::env::var_os("FORENSICS_NO_DICT").is_some());
    cfg.dedup.xling.dict_dir = g.dict_dir.clone();
    cfg
}

fn limits(g: &Global) -> Limits {
    let mut l = Limits::default();
    if let Some(n) = g.max_doc_bytes {
        l.max_document_bytes = n;
    }
    if let Some(n) = g.max_decompressed_bytes {
        l.max_decompressed_bytes = n;
    }
    if let Some(n) = g.max_documents {
        l.max_documents = n;
    }
    l
}

/// Reads every path; a path that does not exist is an error, anything
/// unreadable is a skip the caller reports.
fn read(g: &Global, watch: &Watch, paths: &[PathBuf]) -> Result<Inputs> {
    let limits = limits(g);
    Ok(watch.spin("reading inputs", || read_paths(paths, &limits))?)
}

/// Exit code 3 when some inputs were skipped.
fn exit_for(skipped: usize) -> ExitCode {
    if skipped == 0 { ExitCode::SUCCESS } else { ExitCode::from(3) }
}

/// Warns about each skipped input on stderr.
fn warn_skipped<'a>(g: &Global, skipped: impl IntoIterator<Item = (&'a str, Option<&'a str>, &'a str)>) {
    for (source, locator, reason) in skipped {
        let at = locator.map(|l| format!(" ({l})")).unwrap_or_default();
        crate::output::warn(g, &format!("skipped {source}{at}: {reason}"));
    }
}
