//! `forensics analyze`.

use super::{exit_for, warn_skipped};
use crate::args::{AnalyzeFormat, Global};
use crate::output::{color, emit};
use crate::progress::Watch;
use anyhow::Result;
use forensics_report::{render_dot, render_html, render_jsonl, render_text, TextOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn run(g: &Global, paths: &[PathBuf], format: AnalyzeFormat, out: Option<&Path>) -> Result<ExitCode> {
    let watch = Watch::new(g, format == AnalyzeFormat::Html);
    // Streamed: the inputs are read once per pass, never held (docs/limits.md).
    let reader = forensics::input::Reader::new(paths.to_vec(), super::limits(g));
    let analysis = forensics::analyze_paths(reader, &super::config(g), &watch)?;
    let text = match format {
        AnalyzeFormat::Text => render_text(&analysis, &TextOptions { color: color(g, out), ..TextOptions::default() }),
        AnalyzeFormat::Json => serde_json::to_string_pretty(&analysis)? + "\n",
        AnalyzeFormat::Jsonl => render_jsonl(&analysis),
        AnalyzeFormat::Html => render_html(&analysis, &watch.take_texts()),
        AnalyzeFormat::Dot => render_dot(&analysis),
    };
    // The text summary on a terminal already lists skipped inputs.
    if !(format == AnalyzeFormat::Text && out.is_none()) {
        warn_skipped(g, analysis.skipped.iter().map(|s| (s.source.as_str(), s.locator.as_deref(), s.reason.as_str())));
    }
    emit(&text, out)?;
    Ok(exit_for(analysis.skipped.len()))
}
