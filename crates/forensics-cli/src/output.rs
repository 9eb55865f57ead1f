//! Writing results: standard output or a file; a closed pipe is not an error.

use crate::args::{ColorWhen, Global};
use anyhow::{bail, Context, Result};
use std::io::{BufWriter, ErrorKind, Write};
use std::path::Path;

/// Fails at once, not after a long run, when `out` cannot be a file: it is
/// a directory, or its directory does not exist.
pub(crate) fn check_out(out: Option<&Path>) -> Result<()> {
    let Some(p) = out else { return Ok(()) };
    if p.is_dir() {
        bail!("{}: cannot write: is a directory", p.display());
    }
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        bail!("{}: cannot write: no such directory {}", p.display(), dir.display());
    }
    Ok(())
}

/// Writes `text` to `out`, or to standard output.
pub(crate) fn emit(text: &str, out: Option<&Path>) -> Result<()> {
    emit_with(out, |w| w.write_all(text.as_bytes()))
}

/// Lets `write` stream into `out`, or into standard output, through one
/// buffer: large outputs (the JSON of a million documents) are never held
/// whole. A reader that went away (`forensics … | head`) ends the output quietly.
pub(crate) fn emit_with(out: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    match out {
        Some(p) => {
            let cannot = || format!("{}: cannot write", p.display());
            let file = std::fs::File::create(p).with_context(cannot)?;
            let mut w = BufWriter::new(file);
            write(&mut w).and_then(|()| w.flush()).with_context(cannot)
        }
        None => {
            let mut w = BufWriter::new(std::io::stdout().lock());
            match write(&mut w).and_then(|()| w.flush()) {
                Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e).context("standard output"),
                _ => Ok(()),
            }
        }
    }
}

/// `value` as pretty JSON and a newline on standard output, streamed.
pub(crate) fn emit_json(value: &impl serde::Serialize) -> Result<()> {
    emit_with(None, |w| {
        serde_json::to_writer_pretty(&mut *w, value)?;
        w.write_all(b"\n")
    })
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
