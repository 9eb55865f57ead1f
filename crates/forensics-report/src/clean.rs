//! `forensics clean`: the clean text, and with `explain` every removed block
//! with the rule that removed it.

use crate::escape::shorten;
use crate::style::Palette;
use forensics_clean::CleanArticle;
use forensics_parse::Article;
use std::fmt::Write;

/// Renders one cleaned document: a header line, its clean text, and with
/// `explain` each removed block as `- [rule] kind: “text”`.
pub fn render_clean_text(article: &Article, clean: &CleanArticle, explain: bool, color: bool) -> String {
    let p = Palette::new(color);
    let mut out = String::new();
    let title = clean.meta.headline.as_deref().map(|t| format!(" “{}”", shorten(t, 70))).unwrap_or_default();
    let _ = writeln!(out, "{} {} ({}){title}", p.heading("=="), p.id(&clean.id), clean.language);
    out.push_str(clean.text.trim_end());
    out.push('\n');
    if explain {
        let _ = writeln!(out, "{} ({})", p.heading("removed"), clean.removed.len());
        for r in &clean.removed {
            let kind = serde_json::to_value(r.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            let _ = writeln!(out, "  {} {} {kind}: “{}”", p.minus("-"), p.role(&format!("[{}]", r.rule)), shorten(r.raw.slice(&article.text), 100));
        }
    }
    out.push('\n');
    out
}
