//! `forensics parse`.

use super::{exit_for, read, warn_skipped};
use crate::args::{DataFormat, Global};
use crate::output::{emit, emit_json};
use crate::progress::Watch;
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn run(g: &Global, paths: &[PathBuf], format: DataFormat) -> Result<ExitCode> {
    let watch = Watch::new(g, false);
    let inputs = read(g, &watch, paths)?;
    let articles = forensics::parse_all_observed(&inputs.documents, &watch);
    let value = serde_json::json!({ "articles": articles, "skipped": inputs.skipped });
    warn_skipped(g, inputs.skipped.iter().map(|s| (s.source.as_str(), s.locator.as_deref(), s.reason.as_str())));
    match format {
        DataFormat::Json => emit_json(&value)?,
        DataFormat::Yaml => emit(&serde_yaml::to_string(&value)?, None)?,
    }
    Ok(exit_for(inputs.skipped.len()))
}
