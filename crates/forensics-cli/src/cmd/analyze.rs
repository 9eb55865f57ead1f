//! `forensics analyze`.

use super::{exit_for, warn_skipped};
use crate::args::{AnalyzeFormat, Global};
use crate::output::{color, emit, emit_with};
use crate::progress::Watch;
use anyhow::Result;
use forensics_report::{render_dot, render_html, render_text, write_jsonl, TextOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn run(g: &Global, paths: &[PathBuf], format: AnalyzeFormat, out: Option<&Path>) -> Result<ExitCode> {
    crate::output::check_out(out)?;
    let watch = Watch::new(g, format == AnalyzeFormat::Html);
    // Streamed: the inputs are read once per pass, never held (docs/limits.md).
    let reader = forensics::input::Reader::new(paths.to_vec(), super::limits(g));
    let analysis = forensics::analyze_paths(reader, &super::config(g), &watch)?;
    // The text summary on a terminal already lists skipped inputs.
    if !(format == AnalyzeFormat::Text && out.is_none()) {
        warn_skipped(g, analysis.skipped.iter().map(|s| (s.source.as_str(), s.locator.as_deref(), s.reason.as_str())));
    }
    // The machine formats stream into the writer: at a million documents
    // their text would be tens of MiB held twice.
    match format {
        AnalyzeFormat::Json => emit_with(out, |w| {
            serde_json::to_writer_pretty(&mut *w, &analysis)?;
            w.write_all(b"\n")
        })?,
        AnalyzeFormat::Jsonl => emit_with(out, |w| write_jsonl(&analysis, w))?,
        AnalyzeFormat::Text => emit(&render_text(&analysis, &TextOptions { color: color(g, out), ..TextOptions::default() }), out)?,
        AnalyzeFormat::Html => emit(&render_html(&analysis, &watch.take_texts()), out)?,
        AnalyzeFormat::Dot => emit(&render_dot(&analysis), out)?,
    }
    Ok(exit_for(analysis.skipped.len()))
}
