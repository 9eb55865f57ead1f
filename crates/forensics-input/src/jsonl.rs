//! JSONL records: `{"id", "text", optional "title", "date", "url", "language"}`
//! (also `html` instead of `text`).

use crate::model::{Format, Hints, Limits, RawDocument, Skip};
use crate::read::Inputs;
use serde::Deserialize;

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

pub(crate) fn read_jsonl(source: &str, bytes: &[u8], limits: &Limits, out: &mut Inputs) {
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let locator = Some(format!("line {}", n + 1));
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let skip = |reason: String| Skip { source: source.into(), locator: locator.clone(), reason };
        let rec: Record = match serde_json::from_slice(line) {
            Ok(r) => r,
            Err(e) => {
                out.skipped.push(skip(format!("invalid JSON: {e}")));
                continue;
            }
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => {
                out.skipped.push(skip("record has no \"id\"".into()));
                continue;
            }
        };
        let (format, body) = match (rec.text, rec.html) {
            (Some(t), _) => (Format::Text, t),
            (None, Some(h)) => (Format::Html, h),
            (None, None) => {
                out.skipped.push(skip("record has no \"text\" or \"html\"".into()));
                continue;
            }
        };
        if body.len() as u64 > limits.max_document_bytes {
            out.skipped.push(skip(format!("document larger than the limit of {} bytes", limits.max_document_bytes)));
            continue;
        }
        let hints = Hints { title: rec.title, date: rec.date, url: rec.url, language: rec.language, crawled: None };
        out.documents.push(RawDocument { id, source: source.into(), locator, format, bytes: body.into_bytes(), hints });
    }
}
