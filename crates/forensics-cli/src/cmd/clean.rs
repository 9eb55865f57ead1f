//! `forensics clean`.

use super::{exit_for, read, warn_skipped};
use crate::args::{CleanFormat, Global};
use crate::output::{color, emit, emit_json};
use crate::progress::Watch;
use anyhow::{Context, Result};
use forensics_report::render_clean_text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn run(g: &Global, paths: &[PathBuf], format: CleanFormat, out_dir: Option<&Path>, explain: bool) -> Result<ExitCode> {
    let watch = Watch::new(g, false);
    let inputs = read(g, &watch, paths)?;
    let articles = forensics::parse_all_observed(&inputs.documents, &watch);
    let cleaned = forensics::clean_all_observed(&articles, &watch);
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
        for c in &cleaned {
            let path = dir.join(format!("{}.txt", file_name(&c.id)));
            std::fs::write(&path, format!("{}\n", c.text.trim_end())).with_context(|| format!("{}: cannot write", path.display()))?;
        }
    }
    warn_skipped(g, inputs.skipped.iter().map(|s| (s.source.as_str(), s.locator.as_deref(), s.reason.as_str())));
    match format {
        CleanFormat::Json => emit_json(&serde_json::json!({ "documents": cleaned, "skipped": inputs.skipped }))?,
        // With --out-dir the texts are in the files; stdout gets only what --explain asks for.
        CleanFormat::Text if out_dir.is_some() && !explain => {}
        CleanFormat::Text => {
            let colour = color(g, None);
            emit(&articles.iter().zip(&cleaned).map(|(a, c)| render_clean_text(a, c, explain, colour)).collect::<String>(), None)?
        }
    }
    Ok(exit_for(inputs.skipped.len()))
}

/// A document id as a file name: ids from JSONL records may hold anything.
fn file_name(id: &str) -> String {
    let s: String = id.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect();
    match s.as_str() {
        "" | "." | ".." => format!("_{s}"),
        _ => s,
    }
}
