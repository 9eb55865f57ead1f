//! JSONL records: `{"id", "text", optional "title", "date", "url", "language"}`
//! (also `html` instead of `text`).
//!
//! Read as a stream, one line at a time, so a 1 GB export never sits in
//! memory as a whole. A line longer than
//! [`max_line_bytes`] is skipped without being buffered.

use crate::model::{Format, Hints, Limits, RawDocument, Skip};
use crate::read::Out;
use crate::sniff::not_a_document;
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// The longest JSONL line kept: the document limit, with room for JSON
/// escapes (`\uXXXX` is six bytes for one character) and metadata.
pub(crate) fn max_line_bytes(limits: &Limits) -> u64 {
    limits.max_document_bytes.saturating_mul(2).saturating_add(1 << 20)
}

/// Reads records from `reader` until its end. `budget` is how many bytes the
/// reader may yield before the file counts as too large once decompressed
/// (`None`: no such limit); past it, the rest of the file is one skip.
pub(crate) fn read_jsonl(source: &str, mut reader: impl BufRead, limits: &Limits, budget: Option<u64>, out: &mut Out<'_>) {
    let cap = max_line_bytes(limits);
    let mut line = Vec::new();
    let mut total: u64 = 0;
    for n in 1.. {
        let locator = Some(format!("line {n}"));
        let skip = |reason: String| Skip { source: source.into(), locator: locator.clone(), reason };
        let (consumed, too_long) = match next_line(&mut reader, &mut line, cap) {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => {
                out.skip(skip(format!("cannot read this line or any after it: {e}")));
                break;
            }
        };
        total = total.saturating_add(consumed);
        if let Some(limit) = budget.filter(|&b| total > b) {
            out.skip(skip(format!(
                "decompresses past the limit of {limit} bytes (--max-decompressed-bytes): this line and any after it not read"
            )));
            break;
        }
        if too_long {
            out.skip(skip(format!("line longer than {cap} bytes (twice --max-doc-bytes, plus 1 MiB)")));
            continue;
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let rec: Record = match serde_json::from_slice(&line) {
            Ok(r) => r,
            Err(e) => {
                out.skip(skip(format!("invalid JSON: {e}")));
                continue;
            }
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => {
                out.skip(skip("record has no \"id\"".into()));
                continue;
            }
        };
        let (format, body) = match (rec.text, rec.html) {
            (Some(t), _) => (Format::Text, t),
            (None, Some(h)) => (Format::Html, h),
            (None, None) => {
                out.skip(skip("record has no \"text\" or \"html\"".into()));
                continue;
            }
        };
        if body.len() as u64 > limits.max_document_bytes {
            out.skip(skip(format!("document larger than the limit of {} bytes (--max-doc-bytes)", limits.max_document_bytes)));
            continue;
        }
        if let Some(reason) = not_a_document(body.as_bytes()) {
            out.skip(skip(reason));
            continue;
        }
        let hints = Hints { title: rec.title, date: rec.date, url: rec.url, language: rec.language, crawled: None };
        out.document(RawDocument { id, source: source.into(), locator, format, bytes: body.into_bytes(), hints });
    }
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `cap`
/// bytes: a longer line is consumed but not kept. Returns the bytes consumed
/// and whether the line was too long, or `None` at the end of input.
fn next_line(r: &mut impl BufRead, buf: &mut Vec<u8>, cap: u64) -> std::io::Result<Option<(u64, bool)>> {
    buf.clear();
    let mut consumed: u64 = 0;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((consumed > 0).then_some((consumed, too_long)));
        }
        let newline = memchr::memchr(b'\n', avail);
        let chunk = &avail[..newline.unwrap_or(avail.len())];
        if !too_long {
            if (buf.len() + chunk.len()) as u64 > cap {
                too_long = true;
                buf.clear();
                buf.shrink_to(1 << 16);
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(avail.len(), |i| i + 1);
        r.consume(used);
        consumed += used as u64;
        if newline.is_some() {
            return Ok(Some((consumed, too_long)));
        }
    }
}
