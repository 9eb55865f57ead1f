//! One JSON record per line, each tagged with what it is, for tools that
//! stream (`jq -c 'select(.record == "relation")'`).

use forensics_provenance::Analysis;
use serde::Serialize;
use std::io::{self, Write};

/// Renders a header line (`schema`, `tool`), then one line per document,
/// family, relation and skipped input, each with `"record"` first.
pub fn render_jsonl(a: &Analysis) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes UTF-8 only.
    let _ = write_jsonl(a, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render_jsonl`] written record by record to `w`, so that a large
/// analysis never exists as one string (wrap `w` in a `BufWriter`).
pub fn write_jsonl<W: Write>(a: &Analysis, mut w: W) -> io::Result<()> {
    let header = serde_json::json!({ "schema": a.schema, "tool": a.tool });
    line(&mut w, "header", &header)?;
    for d in &a.documents {
        line(&mut w, "document", d)?;
    }
    for f in &a.families {
        line(&mut w, "family", f)?;
    }
    for r in &a.relations {
        line(&mut w, "relation", r)?;
    }
    for s in &a.skipped {
        line(&mut w, "skipped", s)?;
    }
    Ok(())
}

fn line<W: Write, T: Serialize>(w: &mut W, tag: &str, value: &T) -> io::Result<()> {
    // Serialising our own model types cannot fail (no maps with non-string keys).
    let body = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    write!(w, "{{\"record\":\"{tag}\"")?;
    match body.strip_prefix('{') {
        Some(rest) if rest != "}" => {
            w.write_all(b",")?;
            w.write_all(rest.as_bytes())?;
        }
        _ => w.write_all(b"}")?,
    }
    w.write_all(b"\n")
}
