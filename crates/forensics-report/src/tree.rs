//! Stories, families and version trees, in a stable order every renderer shares.

use forensics_provenance::{Analysis, DocumentRecord, FamilyRecord, RelationKind};
use std::collections::{BTreeMap, BTreeSet};

/// Lookups over one analysis.
pub(crate) struct Index<'a> {
    pub docs: BTreeMap<&'a str, &'a DocumentRecord>,
    /// Directed relations (not `same-event`) by (source, target).
    pub derived: BTreeMap<(&'a str, &'a str), usize>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(a: &'a Analysis) -> Self {
        let docs = a.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        let derived = a
            .relations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind != RelationKind::SameEvent)
            .map(|(i, r)| ((r.source.as_str(), r.target.as_str()), i))
            .collect();
        Index { docs, derived }
    }
}

/// One line of a version tree.
pub(crate) struct TreeLine<'a> {
    pub id: &'a str,
    pub depth: usize,
    /// Box-drawing prefix, e.g. `│   └── `.
    pub prefix: String,
    /// The relation from this version's parent to it, if the analysis has one.
    pub relation: Option<usize>,
}

/// A family's versions: the original at the root, each child under its
/// parent, children in id order. Members whose parent is outside the family
/// (or that a malformed analysis puts in a cycle) follow as extra roots, so
/// every member is shown exactly once.
pub(crate) fn version_tree<'a>(family: &'a FamilyRecord, index: &Index<'a>) -> Vec<TreeLine<'a>> {
    let members: BTreeSet<&str> = family.members.iter().map(String::as_str).collect();
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &m in &members {
        if let Some(p) = index.docs.get(m).and_then(|d| d.parent.as_deref())
            && let Some(&p) = members.get(p)
            && p != m
        {
            children.entry(p).or_default().push(m);
        }
    }
    let mut lines = Vec::new();
    let mut seen = BTreeSet::new();
    walk(family.original.as_str(), None, 0, "", true, &children, index, &mut seen, &mut lines);
    let has_parent_inside = |m: &str| index.docs.get(m).and_then(|d| d.parent.as_deref()).is_some_and(|p| p != m && members.contains(p));
    // Orphans (parent outside the family) first, then whatever a cycle left.
    for pass in [true, false] {
        for &m in &members {
            if !seen.contains(m) && (!pass || !has_parent_inside(m)) {
                walk(m, None, 0, "", true, &children, index, &mut seen, &mut lines);
            }
        }
    }
    lines
}

#[allow(clippy::too_many_arguments)]
fn walk<'a>(
    id: &'a str,
    parent: Option<&'a str>,
    depth: usize,
    indent: &str,
    last: bool,
    children: &BTreeMap<&'a str, Vec<&'a str>>,
    index: &Index<'a>,
    seen: &mut BTreeSet<&'a str>,
    out: &mut Vec<TreeLine<'a>>,
) {
    if !seen.insert(id) {
        return;
    }
    let prefix = if depth == 0 { String::new() } else { format!("{indent}{}", if last { "└── " } else { "├── " }) };
    let relation = parent.and_then(|p| index.derived.get(&(p, id)).copied());
    out.push(TreeLine { id, depth, prefix, relation });
    let kids: Vec<&str> = children.get(id).into_iter().flatten().copied().filter(|k| !seen.contains(k)).collect();
    let child_indent = if depth == 0 { String::new() } else { format!("{indent}{}", if last { "    " } else { "│   " }) };
    for (i, k) in kids.iter().enumerate() {
        walk(k, Some(id), depth + 1, &child_indent, i + 1 == kids.len(), children, index, seen, out);
    }
}

/// Families grouped by story: stories with more documents first, then by id;
/// inside a story, larger families first, then by id.
pub(crate) fn stories(a: &Analysis) -> Vec<(&str, Vec<&FamilyRecord>)> {
    let mut by_story: BTreeMap<&str, Vec<&FamilyRecord>> = BTreeMap::new();
    for f in &a.families {
        by_story.entry(f.story.as_str()).or_default().push(f);
    }
    let mut out: Vec<(&str, Vec<&FamilyRecord>)> = by_story.into_iter().collect();
    for (_, fams) in &mut out {
        fams.sort_by(|x, y| y.members.len().cmp(&x.members.len()).then_with(|| x.id.cmp(&y.id)));
    }
    let size = |fams: &[&FamilyRecord]| fams.iter().map(|f| f.members.len()).sum::<usize>();
    out.sort_by(|x, y| size(&y.1).cmp(&size(&x.1)).then_with(|| x.0.cmp(y.0)));
    out
}

/// A story worth drawing: more than one document, or a relation.
pub(crate) fn is_connected(fams: &[&FamilyRecord]) -> bool {
    fams.len() > 1 || fams.iter().any(|f| f.members.len() > 1)
}
