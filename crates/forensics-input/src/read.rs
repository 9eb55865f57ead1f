//! Walking paths and reading files into raw documents.

use crate::jsonl::read_jsonl;
use crate::sniff::not_a_document;
use crate::model::{Format, Hints, Limits, RawDocument, Skip};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Everything read from the inputs: documents and skips, in input order.
#[derive(Debug, Default)]
pub struct Inputs {
    pub documents: Vec<RawDocument>,
    pub skipped: Vec<Skip>,
}

/// Where a reader puts what it reads, in input order: a run that streams
/// (parses each document as it comes) implements this instead of holding
/// [`Inputs`].
pub trait Sink {
    fn document(&mut self, doc: RawDocument);
    fn skip(&mut self, skip: Skip);
}

impl Sink for Inputs {
    fn document(&mut self, doc: RawDocument) {
        self.documents.push(doc);
    }
    fn skip(&mut self, skip: Skip) {
        self.skipped.push(skip);
    }
}

/// A sink behind the documents limit: past `limits.max_documents`
/// documents, each further one becomes a skip. Counts what went through.
pub(crate) struct Out<'a> {
    sink: &'a mut dyn Sink,
    max_documents: u64,
    documents: u64,
    items: u64,
}

impl Out<'_> {
    pub(crate) fn document(&mut self, doc: RawDocument) {
        self.items += 1;
        if self.documents >= self.max_documents {
            let reason = format!("over the limit of {} documents held in memory (--max-documents)", self.max_documents);
            self.sink.skip(Skip { source: doc.source, locator: doc.locator, reason });
        } else {
            self.documents += 1;
            self.sink.document(doc);
        }
    }

    pub(crate) fn skip(&mut self, skip: Skip) {
        self.items += 1;
        self.sink.skip(skip);
    }
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
    Reader::new(paths.to_vec(), *limits).read(&mut out)?;
    Ok(out)
}

/// Reads the same paths as often as asked, each time giving the same
/// documents and skips in the same order (so long as the files do not
/// change): a streaming run reads its input once per pass instead of
/// holding it. Standard input (`-`) is read once and kept.
#[derive(Debug, Clone)]
pub struct Reader {
    paths: Vec<PathBuf>,
    limits: Limits,
    stdin: Option<Vec<u8>>,
}

impl Reader {
    pub fn new(paths: Vec<PathBuf>, limits: Limits) -> Self {
        Reader { paths, limits, stdin: None }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// One pass over every path into `sink`, documents one at a time: only
    /// the document being read is held (a JSONL, WARC or gzip file is
    /// streamed record by record).
    pub fn read(&mut self, sink: &mut dyn Sink) -> Result<(), InputError> {
        let limits = self.limits;
        let mut out = Out { sink, max_documents: limits.max_documents, documents: 0, items: 0 };
        for p in &self.paths {
            if p.as_os_str() == "-" {
                // Held: a run makes several passes and stdin reads once.
                // Up to the decompressed-size cap, since it may be a stream
                // of records (JSONL, WARC), not one document.
                let buf = match &self.stdin {
                    Some(b) => b,
                    None => {
                        let mut buf = Vec::new();
                        std::io::stdin()
                            .take(limits.max_decompressed_bytes.saturating_add(1))
                            .read_to_end(&mut buf)
                            .map_err(|e| InputError::Io { path: "-".into(), source: e })?;
                        self.stdin.insert(buf)
                    }
                };
                read_stdin(buf, &mut out, &limits);
                continue;
            }
            let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => InputError::NotFound { path: p.display().to_string() },
                _ => InputError::Io { path: p.display().to_string(), source: e },
            })?;
            let before = out.items;
            if meta.is_dir() {
                walk(p, &mut out, &limits, &mut Vec::new());
                if out.items == before {
                    out.skip(Skip { source: p.display().to_string(), locator: None, reason: "directory holds no files to read".into() });
                }
            } else if meta.is_file() {
                read_file(p, &mut out, &limits);
            } else {
                // A FIFO or device would block or never end: never opened.
                out.skip(Skip { source: p.display().to_string(), locator: None, reason: "not a regular file (a FIFO, socket or device)".into() });
            }
        }
        Ok(())
    }
}

fn walk(dir: &Path, out: &mut Out<'_>, limits: &Limits, stack: &mut Vec<PathBuf>) {
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if stack.contains(&canon) {
        out.skip(Skip { source: dir.display().to_string(), locator: None, reason: "symlink loop: directory already being walked".into() });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.skip(Skip { source: dir.display().to_string(), locator: None, reason: format!("cannot read directory: {e}") });
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => out.skip(Skip { source: dir.display().to_string(), locator: None, reason: format!("cannot list an entry: {e}") }),
        }
    }
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
            Ok(_) => out.skip(Skip { source: p.display().to_string(), locator: None, reason: "not a regular file (a FIFO, socket or device)".into() }),
            Err(e) => out.skip(Skip { source: p.display().to_string(), locator: None, reason: format!("cannot read: {e}") }),
        }
    }
    stack.pop();
}

fn read_file(path: &Path, out: &mut Out<'_>, limits: &Limits) {
    let source = path.display().to_string();
    let lower = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let gz = lower.ends_with(".gz");
    let base = lower.trim_end_matches(".gz");
    let skip = |out: &mut Out<'_>, reason: String| out.skip(Skip { source: source.clone(), locator: None, reason });
    if base.ends_with(".warc") {
        // Streamed record by record; never held whole.
        crate::warc::read_warc(path, gz, limits, out);
        return;
    }
    if base.ends_with(".jsonl") {
        // Streamed: the file is never held whole, only its documents.
        match open(path, gz, limits) {
            Ok((reader, budget)) => read_jsonl(&source, reader, limits, budget, out),
            Err(reason) => skip(out, reason),
        }
        return;
    }
    let bytes = match read_document(path, gz, limits) {
        Ok(b) => b,
        Err(reason) => return skip(out, reason),
    };
    let id = id_from_path(path);
    let format = if base.ends_with(".html") || base.ends_with(".htm") { Format::Html } else { Format::Text };
    push_file_bytes(out, &source, &id, format, bytes, limits);
}

/// Standard input has no file name to tell its format: it is told from the
/// bytes (gzip, then WARC, JSONL, HTML or plain text) and read as a file
/// of that format would be.
fn read_stdin(buf: &[u8], out: &mut Out<'_>, limits: &Limits) {
    if buf.len() as u64 > limits.max_decompressed_bytes {
        let reason = format!("standard input larger than the limit of {} bytes (--max-decompressed-bytes)", limits.max_decompressed_bytes);
        out.skip(Skip { source: "-".into(), locator: None, reason });
        return;
    }
    let gz = buf.starts_with(b"\x1f\x8b");
    let plain = |cap: u64| -> Box<dyn BufRead + '_> {
        if gz {
            Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(buf).take(cap.saturating_add(1))))
        } else {
            Box::new(buf)
        }
    };
    let mut head = Vec::new();
    // (An unreadable gzip stream leaves the head empty: a text skip says why.)
    let _ = plain(4096).take(4096).read_to_end(&mut head);
    match crate::sniff::stdin_format(&head) {
        crate::sniff::StdinFormat::Warc => crate::warc::emit(crate::warc::WarcRecords::new(buf, gz, "-".into(), *limits), "-", out),
        crate::sniff::StdinFormat::Jsonl => read_jsonl("-", plain(limits.max_decompressed_bytes), limits, gz.then_some(limits.max_decompressed_bytes), out),
        format => {
            let mut bytes = Vec::new();
            if let Err(e) = plain(limits.max_document_bytes).take(limits.max_document_bytes.saturating_add(1)).read_to_end(&mut bytes) {
                out.skip(Skip { source: "-".into(), locator: None, reason: format!("cannot decompress standard input: {e}") });
                return;
            }
            let format = if format == crate::sniff::StdinFormat::Html { Format::Html } else { Format::Text };
            push_file_bytes(out, "-", "stdin", format, bytes, limits);
        }
    }
}

fn push_file_bytes(out: &mut Out<'_>, source: &str, id: &str, format: Format, bytes: Vec<u8>, limits: &Limits) {
    let skip = |reason| Skip { source: source.into(), locator: None, reason };
    if bytes.len() as u64 > limits.max_document_bytes {
        out.skip(skip(too_large(limits)));
        return;
    }
    if let Some(reason) = not_a_document(&bytes) {
        out.skip(skip(reason));
        return;
    }
    out.document(RawDocument { id: id.into(), source: source.into(), locator: None, format, bytes, hints: Hints::default() });
}

fn too_large(limits: &Limits) -> String {
    format!("document larger than the limit of {} bytes (--max-doc-bytes)", limits.max_document_bytes)
}

/// A buffered reader over the file's content (decompressed when `gz`), and
/// how many bytes it may yield before the decompressed-size limit.
fn open(path: &Path, gz: bool, limits: &Limits) -> Result<(Box<dyn BufRead>, Option<u64>), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    Ok(if gz {
        let cap = limits.max_decompressed_bytes;
        // One byte past the cap, so going over it shows.
        (Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(BufReader::new(file)).take(cap.saturating_add(1)))), Some(cap))
    } else {
        (Box::new(BufReader::with_capacity(1 << 16, file)), None)
    })
}

/// Reads one single-document file, never more than the document limit
/// (plus one byte, to tell it was passed) whatever the file claims.
fn read_document(path: &Path, gz: bool, limits: &Limits) -> Result<Vec<u8>, String> {
    let cap = limits.max_document_bytes;
    if !gz
        && let Ok(m) = std::fs::metadata(path)
        && m.len() > cap
    {
        return Err(too_large(limits));
    }
    let (reader, _) = open(path, gz, limits)?;
    let mut buf = Vec::new();
    let verb = if gz { "decompress" } else { "read" };
    reader.take(cap.saturating_add(1)).read_to_end(&mut buf).map_err(|e| format!("cannot {verb}: {e}"))?;
    if buf.len() as u64 > cap {
        return Err(if gz { format!("{} once decompressed", too_large(limits)) } else { too_large(limits) });
    }
    Ok(buf)
}
