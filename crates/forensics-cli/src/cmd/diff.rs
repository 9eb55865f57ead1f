//! `forensics diff A B`.

use super::read;
use crate::args::{DiffFormat, Global};
use crate::output::{color, emit};
use crate::progress::Watch;
use anyhow::{bail, Result};
use forensics_report::{compare, render_diff_html, render_diff_text, TextOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn run(g: &Global, a: &Path, b: &Path, format: DiffFormat, out: Option<&Path>) -> Result<ExitCode> {
    crate::output::check_out(out)?;
    let watch = Watch::new(g, true);
    let mut docs = Vec::new();
    for p in [a, b] {
        let inputs = read(g, &watch, &[PathBuf::from(p)])?;
        if let Some(s) = inputs.skipped.first() {
            bail!("{}: {}", s.source, s.reason);
        }
        match inputs.documents.len() {
            1 => docs.extend(inputs.documents),
            n => bail!("{}: holds {n} documents; diff compares two single documents", p.display()),
        }
    }
    let inputs = forensics::input::Inputs { documents: docs, skipped: vec![] };
    let analysis = forensics::analyze_observed(inputs, &super::config(g), &watch);
    let texts = watch.take_texts();
    // Ids are made unique by the pipeline (`x`, `x#2`), in input order.
    let (Some(first), Some(second)) = (analysis.documents.iter().find(|d| d.source == a.display().to_string()), analysis.documents.iter().rev().find(|d| d.source == b.display().to_string())) else {
        bail!("the analysis lost a document");
    };
    let c = compare(&analysis, &texts, &first.id, &second.id);
    let text = match format {
        DiffFormat::Text => render_diff_text(&analysis, &texts, &c, &TextOptions { color: color(g, out), ..TextOptions::default() }),
        DiffFormat::Html => render_diff_html(&analysis, &texts, &c),
    };
    emit(&text, out)?;
    Ok(ExitCode::SUCCESS)
}
