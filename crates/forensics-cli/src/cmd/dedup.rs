//! `forensics dedup`.

use super::{exit_for, read, warn_skipped};
use crate::args::{DedupFormat, Global};
use crate::output::{color, emit, emit_json};
use crate::progress::Watch;
use anyhow::{bail, Result};
use forensics::{Observer, Stage};
use forensics_report::render_dedup_text;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn run(g: &Global, paths: &[PathBuf], threshold: Option<f64>, format: DedupFormat) -> Result<ExitCode> {
    let mut cfg = super::config(g).dedup;
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) {
            bail!("--threshold {t}: must be between 0 and 1");
        }
        cfg.threshold = t;
    }
    let watch = Watch::new(g, false);
    let inputs = read(g, &watch, paths)?;
    let articles = forensics::parse_all_observed(&inputs.documents, &watch);
    let cleaned = forensics::clean_all_observed(&articles, &watch);
    watch.stage_started(Stage::Dedup, 0);
    let start = std::time::Instant::now();
    let result = forensics::dedup::dedup(&cleaned, &cfg);
    watch.stage_finished(Stage::Dedup, start.elapsed());
    warn_skipped(g, inputs.skipped.iter().map(|s| (s.source.as_str(), s.locator.as_deref(), s.reason.as_str())));
    match format {
        DedupFormat::Text => emit(&render_dedup_text(&result, color(g, None)), None)?,
        DedupFormat::Json => emit_json(&serde_json::json!({ "dedup": result, "skipped": inputs.skipped }))?,
        DedupFormat::Jsonl => {
            let mut out = String::new();
            let mut line = |tag: &str, v: serde_json::Value| out.push_str(&format!("{}\n", serde_json::json!({ "record": tag, "value": v })));
            result.families.iter().for_each(|f| line("family", serde_json::to_value(f).unwrap_or_default()));
            result.pairs.iter().for_each(|p| line("pair", serde_json::to_value(p).unwrap_or_default()));
            result.same_event.iter().for_each(|e| line("same-event", serde_json::to_value(e).unwrap_or_default()));
            inputs.skipped.iter().for_each(|s| line("skipped", serde_json::to_value(s).unwrap_or_default()));
            emit(&out, None)?
        }
    }
    Ok(exit_for(inputs.skipped.len()))
}
