//! One JSON record per line, each tagged with what it is, for tools that
//! stream (`jq -c 'select(.record == "relation")'`).

use forensics_provenance::Analysis;
use serde::Serialize;

/// Renders a header line (`schema`, `tool`), then one line per document,
/// family, relation and skipped input, each with `"record"` first.
pub fn render_jsonl(a: &Analysis) -> String {
    let mut out = String::new();
    let header = serde_json::json!({ "schema": a.schema, "tool": a.tool });
    line(&mut out, "header", &header);
    a.documents.iter().for_each(|d| line(&mut out, "document", d));
    a.families.iter().for_each(|f| line(&mut out, "family", f));
    a.relations.iter().for_each(|r| line(&mut out, "relation", r));
    a.skipped.iter().for_each(|s| line(&mut out, "skipped", s));
    out
}

fn line<T: Serialize>(out: &mut String, tag: &str, value: &T) {
    // Serialising our own model types cannot fail (no maps with non-string keys).
    let body = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    out.push_str("{\"record\":\"");
    out.push_str(tag);
    out.push('"');
    match body.strip_prefix('{') {
        Some(rest) if rest != "}" => {
            out.push(',');
            out.push_str(rest);
        }
        _ => out.push('}'),
    }
    out.push('\n');
}
