//! Walking paths and reading files into raw documents.

use crate::jsonl::read_jsonl;
use crate::model::{Format, Hints, Limits, RawDocument, Skip};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Everything read from the inputs: documents and skips, in input order.
#[derive(Debug, Default)]
pub struct Inputs {
    pub documents: Vec<RawDocument>,
    pub skipped: Vec<Skip>,
}

/// A failure that stops the run (as opposed to a [`Skip`]).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// The id of a document read from `path`: its file name without the known extensions.
pub fn id_from_path(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = name.as_str();
    loop {
        let lower = stem.to_ascii_lowercase();
        let ext = [".gz", ".txt", ".html", ".htm", ".jsonl", ".warc"].iter().find(|e| lower.ends_with(*e));
        match ext {
            Some(e) if stem.len() > e.len() => stem = &stem[..stem.len() - e.len()],
            _ => break,
        }
    }
    stem.to_string()
}

/// Reads every path (files, directories walked recursively in sorted order,
/// `-` for stdin). A path given on the command line that does not exist is an
/// error; anything unreadable found inside a directory is a skip.
pub fn read_paths(paths: &[PathBuf], limits: &Limits) -> Result<Inputs, InputError> {
    let mut out = Inputs::default();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin().take(limits.max_document_bytes + 1).read_to_end(&mut buf).map_err(|e| InputError::Io { path: "-".into(), source: e })?;
            push_file_bytes(&mut out, "-", "stdin", Format::Text, buf, limits);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound { path: p.display().to_string() },
            _ => InputError::Io { path: p.display().to_string(), source: e },
        })?;
        if meta.is_dir() {
            walk(p, &mut out, limits, &mut Vec::new());
        } else {
            read_file(p, &mut out, limits);
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Inputs, limits: &Limits, stack: &mut Vec<PathBuf>) {
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if stack.contains(&canon) {
        out.skipped.push(Skip { source: dir.display().to_string(), locator: None, reason: "symlink loop: directory already being walked".into() });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.skipped.push(Skip { source: dir.display().to_string(), locator: None, reason: format!("cannot read directory: {e}") });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    stack.push(canon);
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, limits, stack),
            Ok(m) if m.is_file() => read_file(&p, out, limits),
            Ok(_) => out.skipped.push(Skip { source: p.display().to_string(), locator: None, reason: "not a regular file".into() }),
            Err(e) => out.skipped.push(Skip { source: p.display().to_string(), locator: None, reason: format!("cannot read: {e}") }),
        }
    }
    stack.pop();
}

fn read_file(path: &Path, out: &mut Inputs, limits: &Limits) {
    let source = path.display().to_string();
    let lower = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let gz = lower.ends_with(".gz");
    let base = lower.trim_end_matches(".gz");
    if base.ends_with(".warc") {
        // Streamed record by record; never held whole.
        crate::warc::read_warc(path, gz, limits, out);
        return;
    }
    let bytes = match read_limited(path, gz, limits) {
        Ok(b) => b,
        Err(reason) => {
            out.skipped.push(Skip { source, locator: None, reason });
            return;
        }
    };
    let id = id_from_path(path);
    if base.ends_with(".jsonl") {
        read_jsonl(&source, &bytes, limits, out);
    } else {
        let format = if base.ends_with(".html") || base.ends_with(".htm") { Format::Html } else { Format::Text };
        push_file_bytes(out, &source, &id, format, bytes, limits);
    }
}

fn push_file_bytes(out: &mut Inputs, source: &str, id: &str, format: Format, bytes: Vec<u8>, limits: &Limits) {
    if bytes.len() as u64 > limits.max_document_bytes {
        out.skipped.push(Skip { source: source.into(), locator: None, reason: format!("document larger than the limit of {} bytes (--max-doc-bytes)", limits.max_document_bytes) });
        return;
    }
    out.documents.push(RawDocument { id: id.into(), source: source.into(), locator: None, format, bytes, hints: Hints::default() });
}

fn read_limited(path: &Path, gz: bool, limits: &Limits) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut buf = Vec::new();
    if gz {
        let cap = limits.max_decompressed_bytes;
        flate2::read::MultiGzDecoder::new(file).take(cap + 1).read_to_end(&mut buf).map_err(|e| format!("cannot decompress: {e}"))?;
        if buf.len() as u64 > cap {
            return Err(format!("decompresses past the limit of {cap} bytes (--max-decompressed-bytes)"));
        }
    } else {
        std::io::BufReader::new(file).read_to_end(&mut buf).map_err(|e| format!("cannot read: {e}"))?;
    }
    Ok(buf)
}
