//! Writing results: standard output or a file; a closed pipe is not an error.

use crate::args::{ColorWhen, Global};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `text` to `out`, or to standard output. A reader that went away
/// (`forensics … | head`) ends the output quietly.
pub(crate) fn emit(text: &str, out: Option<&Path>) -> Result<()> {
    match out {
        Some(p) => std::fs::write(p, text).with_context(|| format!("{}: cannot write", p.display())),
        None => {
            let mut so = std::io::stdout().lock();
            match so.write_all(text.as_bytes()).and_then(|()| so.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("standard output"),
                _ => Ok(()),
            }
        }
    }
}

/// Whether text output gets colour: never into a file; on standard output as
/// `--color` says, `auto` meaning a terminal without `NO_COLOR` (anstream's rules,
/// which also honour `CLICOLOR` and `CLICOLOR_FORCE`).
pub(crate) fn color(g: &Global, out: Option<&Path>) -> bool {
    if out.is_some() {
        return false;
    }
    match g.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    }
}

/// A warning on standard error, unless `--quiet`.
pub(crate) fn warn(g: &Global, msg: &str) {
    if !g.quiet {
        eprintln!("forensics: {msg}");
    }
}
