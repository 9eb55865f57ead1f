//! `forensics parse`.

use super::{exit_for, read, warn_skipped};
use crate::args::{DataFormat, Global};
use crate::output::emit;
use crate::progress::Watch;
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn run(g: &Global, paths: &[PathBuf], format: DataFormat) -> Result<ExitCode> {
    let watch = Watch::new(g, false);
    let inputs = read(g, &watch, paths)?;
    let articles = forensics::parse_all_observed(&inputs.documents, &watch);
    let value = serde_json::json!({ "articles": articles, "skipped": inputs.skipped });
    let text = match format {
        DataFormat::Json => serde_json::to_string_pretty(&value)? + "\n",
        DataFormat::Yaml => serde_yaml::to_string(&value)?,
    };
    warn_skipped(g, inputs.skipped.iter().map(|s| (s.source.as_str(), s.locator.as_deref(), s.reason.as_str())));
    emit(&text, None)?;
    Ok(exit_for(inputs.skipped.len()))
}
