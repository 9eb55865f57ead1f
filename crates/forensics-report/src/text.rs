//! The default output: a readable summary per story and family.

use crate::escape::shorten;
use crate::style::Palette;
use crate::tree::{is_connected, stories, version_tree, Index};
use crate::worddiff::{parse_word_diff, DiffPiece};
use forensics_provenance::{Analysis, Change, ChangeKind, Effect, FamilyRecord, Relation, RelationKind, Role};
use std::fmt::Write;

/// Changes per relation the summary shows and the HTML report marks as key.
pub const TOP_CHANGES: usize = 3;

/// How much to show and whether to colour it.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// ANSI colour and emphasis (the caller checks the terminal and `NO_COLOR`).
    pub color: bool,
    /// Evidence lines per family before "… and N more".
    pub max_changes: usize,
    /// Evidence lines per relation, so every relation gets its say.
    pub max_changes_per_relation: usize,
    /// Unrelated documents listed one per line before "… and N more".
    pub max_unique: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { color: false, max_changes: 12, max_changes_per_relation: TOP_CHANGES, max_unique: 50 }
    }
}

/// Renders the analysis as a summary: per story, each family's version tree
/// (original at the root, each child with role, language, similarity and
/// headline), lost intermediates and the key evidence; then unrelated
/// documents, skipped inputs and the totals.
pub fn render_text(a: &Analysis, opts: &TextOptions) -> String {
    let p = Palette::new(opts.color);
    let index = Index::new(a);
    let mut out = String::new();
    let mut unique = Vec::new();
    for (story, fams) in stories(a) {
        if !is_connected(&fams) {
            unique.extend(fams.iter().flat_map(|f| f.members.iter()));
            continue;
        }
        let docs: usize = fams.iter().map(|f| f.members.len()).sum();
        let _ = writeln!(out, "{} {} · {docs} documents in {} {}", p.heading("story"), p.heading(story), fams.len(), plural(fams.len(), "family", "families"));
        for f in &fams {
            family(&mut out, a, &index, f, opts, &p);
        }
        for r in a.relations.iter().filter(|r| r.kind == RelationKind::SameEvent) {
            if fams.iter().any(|f| f.original == r.source) {
                let _ = writeln!(out, "  {} {} ~ {} {}", p.heading("same event:"), p.id(&r.source), p.id(&r.target), p.dim(&format!("(similarity {:.2})", r.similarity)));
            }
        }
        out.push('\n');
    }
    if !unique.is_empty() {
        let _ = writeln!(out, "{} ({} {} with no related document)", p.heading("unique"), unique.len(), plural(unique.len(), "document", "documents"));
        let width = unique.iter().take(opts.max_unique).map(|s| s.chars().count()).max().unwrap_or(0);
        for id in unique.iter().take(opts.max_unique) {
            let d = index.docs.get(id.as_str());
            let lang = d.map(|d| d.language.as_str()).unwrap_or("und");
            let title = d.and_then(|d| d.title.as_deref()).map(|t| format!("“{}”", shorten(t, 70))).unwrap_or_default();
            let line = format!("  {}{}  {lang:<3}  {title}", p.id(id), pad(id, width));
            let _ = writeln!(out, "{}", line.trim_end());
        }
        if unique.len() > opts.max_unique {
            let _ = writeln!(out, "  {}", p.dim(&format!("… and {} more", unique.len() - opts.max_unique)));
        }
        out.push('\n');
    }
    if !a.skipped.is_empty() {
        let _ = writeln!(out, "{} ({} {} not analysed)", p.warn("skipped"), a.skipped.len(), plural(a.skipped.len(), "input", "inputs"));
        for s in &a.skipped {
            let at = s.locator.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
            let _ = writeln!(out, "  {}{at}: {}", s.source, s.reason);
        }
        out.push('\n');
    }
    let multi = a.families.iter().filter(|f| f.members.len() > 1).count();
    let _ = writeln!(
        out,
        "{}",
        p.dim(&format!(
            "{} {} · {multi} {} of versions · {} {} · {} skipped",
            a.documents.len(),
            plural(a.documents.len(), "document", "documents"),
            plural(multi, "family", "families"),
            a.relations.len(),
            plural(a.relations.len(), "relation", "relations"),
            a.skipped.len()
        ))
    );
    out
}

fn family(out: &mut String, a: &Analysis, index: &Index<'_>, f: &FamilyRecord, opts: &TextOptions, p: &Palette) {
    let n = f.members.len();
    let _ = writeln!(out, "  {} {} · {n} {}", p.heading("family"), f.id, plural(n, "version", "versions"));
    let lines = version_tree(f, index);
    let width = lines.iter().map(|l| l.prefix.chars().count() + l.id.chars().count()).max().unwrap_or(0);
    for l in &lines {
        let d = index.docs.get(l.id);
        let rel = l.relation.and_then(|i| a.relations.get(i));
        let role = d.map(|d| role_label(d.role, rel)).unwrap_or_else(|| "?".into());
        let lang = d.map(|d| d.language.as_str()).unwrap_or("und");
        let measure = match rel {
            Some(r) => format!("sim {:.2}", r.similarity),
            None => d.and_then(|d| d.published.clone()).unwrap_or_default(),
        };
        let title = d.and_then(|d| d.title.as_deref()).map(|t| format!("“{}”", shorten(t, 60))).unwrap_or_else(|| p.dim("(no headline)"));
        let used = l.prefix.chars().count() + l.id.chars().count();
        let _ = writeln!(out, "    {}{}{}  {}  {lang:<3}  {:<10}  {title}", p.dim(&l.prefix), p.id(l.id), " ".repeat(width - used), p.role(&format!("{role:<20}")), measure);
    }
    for i in &f.intermediates {
        let _ = writeln!(out, "    {} {}  {} → ? → {}", p.warn("lost intermediate"), i.id, p.id(&i.parent), i.members.iter().map(|m| p.id(m)).collect::<Vec<_>>().join(", "));
        for e in &i.shared_edits {
            let _ = writeln!(out, "      {} {e}", p.dim("shared edit:"));
        }
        for h in &i.hints {
            let _ = writeln!(out, "      {} {h}", p.dim("hint:"));
        }
    }
    let mut evidence: Vec<String> = Vec::new();
    let mut hidden = 0;
    for l in &lines {
        let Some(r) = l.relation.and_then(|i| a.relations.get(i)) else { continue };
        let arrow = format!("{} → {}", short(&r.source, &f.members), short(&r.target, &f.members));
        for (k, c) in important_changes(r).into_iter().enumerate() {
            if evidence.len() < opts.max_changes && k < opts.max_changes_per_relation {
                let (kind, effect) = (kind_label(c.kind), effect_label(c.effect));
                evidence.push(format!("{}  {kind:<8} {effect:<8} {}", p.id(&arrow), diff_line(c, p)));
            } else {
                hidden += 1;
            }
        }
        let (dropped, added) = (r.evidence.dropped.len(), r.evidence.added.len());
        if dropped + added > 0 && evidence.len() < opts.max_changes {
            evidence.push(format!("{}  {}", p.id(&arrow), p.dim(&format!("{dropped} {} dropped, {added} added", plural(dropped, "passage", "passages")))));
        }
    }
    if !evidence.is_empty() {
        let _ = writeln!(out, "    {}", p.heading("evidence"));
        for e in evidence {
            let _ = writeln!(out, "      {e}");
        }
        if hidden > 0 {
            let _ = writeln!(out, "      {}", p.dim(&format!("… and {hidden} more changes (--format html shows all)")));
        }
    }
}

/// The changes of a relation, most telling first. The rank is what a change
/// does to the content (its [`Effect`]: replaced, dropped, reworded, added,
/// moved, variant), with two adjustments for quotes:
/// - in a copy, where the rest is verbatim, an altered quote comes first
///   whatever its effect (a spelling variant aside): a copier has no reason
///   to touch a quote;
/// - elsewhere a quote ranks by its effect like any change: a rewrite
///   paraphrases its quotes as it paraphrases everything, so a quote merely
///   reworded ranks below a replaced or dropped fact.
///
/// Ties: facts (number, date, name), then quotes, then other words and
/// spellings; then document order in the parent.
pub fn important_changes(r: &Relation) -> Vec<&Change> {
    let mut v: Vec<&Change> = r.evidence.altered_quotes.iter().chain(&r.evidence.changed).collect();
    v.sort_by_key(|c| (std::cmp::Reverse(weight(r.kind, c)), kind_order(c.kind), c.source.start, c.target.start));
    v
}

fn weight(relation: RelationKind, c: &Change) -> u32 {
    let quote = c.kind == ChangeKind::Quote;
    if quote && relation == RelationKind::Copy && c.effect != Effect::Variant {
        return 100;
    }
    match c.effect {
        Effect::Replaced => 50,
        Effect::Dropped => 40,
        Effect::Reworded => 20,
        Effect::Added => 10,
        Effect::Moved => 5,
        Effect::Variant => 0,
    }
}

fn kind_order(k: ChangeKind) -> u8 {
    match k {
        ChangeKind::Number => 0,
        ChangeKind::Date => 1,
        ChangeKind::Name => 2,
        ChangeKind::Quote => 3,
        ChangeKind::Wording => 4,
        ChangeKind::Spelling => 5,
    }
}

pub(crate) fn kind_label(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Quote => "quote",
        ChangeKind::Date => "date",
        ChangeKind::Number => "number",
        ChangeKind::Name => "name",
        ChangeKind::Spelling => "spelling",
        ChangeKind::Wording => "wording",
    }
}

pub(crate) fn effect_label(e: Effect) -> &'static str {
    match e {
        Effect::Replaced => "replaced",
        Effect::Dropped => "dropped",
        Effect::Reworded => "reworded",
        Effect::Added => "added",
        Effect::Moved => "moved",
        Effect::Variant => "variant",
    }
}

pub(crate) fn role_label(role: Role, rel: Option<&Relation>) -> String {
    let name = match role {
        Role::Original => "original",
        Role::Copy => "copy",
        Role::Rewrite => "rewrite",
        Role::Translation => "translation",
        Role::Independent => "independent",
        Role::Unique => "unique",
    };
    match rel.and_then(|r| r.subkind.as_deref()) {
        Some(sub) => format!("{name} ({sub})"),
        None => name.to_string(),
    }
}

/// A change as one line: its word diff, or `before → after` when it has none.
pub(crate) fn diff_line(c: &Change, p: &Palette) -> String {
    if c.diff.trim().is_empty() {
        return format!("{} → {}", p.removed(&c.before), p.inserted(&c.after));
    }
    parse_word_diff(&c.diff)
        .into_iter()
        .map(|piece| match piece {
            DiffPiece::Same(s) => s.to_string(),
            DiffPiece::Removed(s) => p.removed(s),
            DiffPiece::Inserted(s) => p.inserted(s),
        })
        .collect()
}

/// Ids such as `004_81aa…` (a scraper's running number plus a hash) read better as their first part in
/// evidence lines, when that part names one member of the family only.
fn short<'a>(id: &'a str, members: &[String]) -> &'a str {
    let head = |s: &'a str| s.split_once('_').map(|(h, _)| h).filter(|h| h.len() >= 3);
    match head(id) {
        Some(h) if members.iter().filter(|m| m.split_once('_').is_some_and(|(x, _)| x == h)).count() == 1 => h,
        _ => id,
    }
}

fn pad(s: &str, width: usize) -> String {
    " ".repeat(width.saturating_sub(s.chars().count()))
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}
