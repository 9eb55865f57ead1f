//! Lost intermediates: siblings that share edits their common parent lacks
//! (the same cut, the same moved word, the same new wording) descend from a
//! version the corpus does not hold.

use crate::compare::{compare, Comparison};
use crate::config::ProvenanceConfig;
use crate::family::Pair;
use crate::model::{ChangeKind, Intermediate};
use crate::text::{anchor, View};
use forensics_parse::CreditKind;
use std::collections::{BTreeMap, BTreeSet};

fn short(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > n { s.chars().take(n).collect::<String>() + "…" } else { s }
}

/// Edits of `c` against its parent `p`, keyed so siblings can be compared,
/// with a description for the report.
fn edits_of(p: &View, c: &View, cmp: &Comparison, cross: bool) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let coverage = cmp.links.len() as f64 / p.sents.len().max(1) as f64;
    if coverage >= 0.5 {
        for r in &cmp.dropped {
            for k in r.clone() {
                out.insert(format!("drop:{k:05}"), String::new());
            }
        }
    }
    // A word that leaves one sentence and turns up in another: an anchor
    // found exactly once in each text.
    let count = |v: &View, a: &str| v.sents.iter().filter(|s| s.anchors.contains(a)).count();
    let mut lost: BTreeMap<String, usize> = BTreeMap::new();
    let mut gained: BTreeMap<String, usize> = BTreeMap::new();
    if cross {
        for l in &cmp.links {
            let (ps, cs) = (&p.sents[l.i].anchors, &c.sents[l.j].anchors);
            for a in ps.difference(cs) {
                lost.insert(a.clone(), l.i);
            }
            for a in cs.difference(ps) {
                gained.insert(a.clone(), l.i);
            }
        }
    } else {
        for (e, _) in &cmp.edits {
            let before: BTreeSet<String> = p.toks[e.pr.clone()].iter().filter_map(|t| anchor(t, false)).collect();
            let after: BTreeSet<String> = c.toks[e.cr.clone()].iter().filter_map(|t| anchor(t, false)).collect();
            let sent = |k: usize| p.sents.iter().position(|s| s.toks.contains(&k)).unwrap_or(0);
            for a in before.difference(&after) {
                lost.insert(a.clone(), sent(e.pr.start));
            }
            for a in after.difference(&before) {
                gained.insert(a.clone(), sent(e.pr.start.min(p.toks.len().saturating_sub(1))));
            }
        }
    }
    for (a, &from) in &lost {
        let Some(&to) = gained.get(a) else { continue };
        if from == to || count(p, a) != 1 || count(c, a) != 1 {
            continue;
        }
        let word = p.sents[from].toks.clone().find(|&k| anchor(&p.toks[k], false).as_deref() == Some(a.as_str()));
        let word = word.map_or(a.clone(), |k| p.art.text[p.toks[k].start..p.toks[k].end].to_string());
        let at = |k: usize| short(p.sents[k].span.slice(&p.art.text), 60);
        out.insert(format!("move:{a}"), format!("moved word \"{word}\": from \"{}\" to the sentence \"{}\"", at(from), at(to)));
    }
    if !cross {
        for (e, _) in cmp.edits.iter().filter(|(e, _)| e.shown) {
            if e.kind == ChangeKind::Spelling {
                continue;
            }
            let (b, a) = (e.before(p).join(" "), e.after(c).join(" "));
            out.insert(format!("change:{b}→{a}"), format!("same change \"{b}\" → \"{a}\""));
        }
    }
    out
}

fn describe_drops(p: &View, keys: &BTreeSet<&String>) -> Vec<String> {
    let ks: Vec<usize> = keys.iter().filter_map(|k| k.strip_prefix("drop:")).filter_map(|k| k.parse().ok()).collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for k in ks {
        match runs.last_mut() {
            Some(r) if r.1 + 1 == k => r.1 = k,
            _ => runs.push((k, k)),
        }
    }
    runs.into_iter()
        .map(|(a, b)| {
            let text = short(p.sents[a].span.slice(&p.art.text), 70);
            let n = b - a + 1;
            if b + 1 == p.sents.len() {
                format!("same cut: both end before \"{text}\" (the parent's last {n} sentences)")
            } else {
                format!("same dropped passage: \"{text}\" ({n} sentences)")
            }
        })
        .collect()
}

/// Unseen intermediates under every node of a family's tree.
pub fn find(views: &[View], parent: &[Option<usize>], pairs: &BTreeMap<(usize, usize), Pair>, family: &str, cfg: &ProvenanceConfig) -> Vec<Intermediate> {
    let n = views.len();
    let mut out = Vec::new();
    for p in 0..n {
        let kids: Vec<usize> = (0..n).filter(|&c| parent[c] == Some(p)).collect();
        if kids.len() < 2 {
            continue;
        }
        let cmps: Vec<Option<(Comparison, bool)>> = kids
            .iter()
            .map(|&c| pairs.get(&(p.min(c), p.max(c))).filter(|q| q.cmp.is_some()).map(|q| (compare(&views[p], &views[c], q.cross), q.cross)))
            .collect();
        let edits: Vec<BTreeMap<String, String>> = kids
            .iter()
            .zip(&cmps)
            .map(|(&c, cmp)| cmp.as_ref().map(|(cmp, cross)| edits_of(&views[p], &views[c], cmp, *cross)).unwrap_or_default())
            .collect();
        // Group siblings that share enough edits no other sibling has.
        let mut group: Vec<usize> = (0..kids.len()).collect();
        let find = |g: &Vec<usize>, mut x: usize| {
            while g[x] != x {
                x = g[x];
            }
            x
        };
        let mut shared: BTreeMap<usize, BTreeSet<&String>> = BTreeMap::new();
        for a in 0..kids.len() {
            for b in a + 1..kids.len() {
                let common: BTreeSet<&String> = edits[a]
                    .keys()
                    .filter(|k| edits[b].contains_key(*k))
                    .filter(|k| (0..kids.len()).all(|o| o == a || o == b || !edits[o].contains_key(*k)))
                    .collect();
                if common.len() < cfg.intermediate_min_edits {
                    continue;
                }
                let (ra, rb) = (find(&group, a), find(&group, b));
                group[rb] = ra;
                let mut set = shared.remove(&rb).unwrap_or_default();
                set.extend(common);
                shared.entry(ra).or_default().extend(set);
            }
        }
        for (root, keys) in shared {
            let members: Vec<usize> = (0..kids.len()).filter(|&k| find(&group, k) == root).collect();
            let mut shared_edits = describe_drops(&views[p], &keys);
            for k in keys.iter().filter(|k| !k.starts_with("drop:")) {
                let desc = members.iter().find_map(|&m| edits[m].get(*k).filter(|d| !d.is_empty()));
                shared_edits.extend(desc.cloned());
            }
            let mut hints = Vec::new();
            for &m in &members {
                let v = &views[kids[m]];
                for c in v.art.meta.credits.iter().filter(|c| c.kind == CreditKind::Attribution) {
                    hints.push(format!("{} attributes its text to {}", v.id(), c.name));
                }
                let spellings: Vec<String> = cmps[m]
                    .iter()
                    .flat_map(|(cmp, _)| cmp.edits.iter())
                    .filter(|(e, _)| e.shown && e.kind == ChangeKind::Spelling)
                    .map(|(e, _)| format!("{}→{}", e.before(&views[p]).join(" "), e.after(v).join(" ")))
                    .collect();
                if !spellings.is_empty() {
                    hints.push(format!("{} spells {} where the parent spells otherwise", v.id(), spellings.join(", ")));
                }
            }
            let mut ids: Vec<String> = members.iter().map(|&m| views[kids[m]].id().to_string()).collect();
            ids.sort();
            out.push(Intermediate {
                id: format!("{family}/i{}", out.len() + 1),
                parent: views[p].id().to_string(),
                members: ids,
                shared_edits,
                hints,
            });
        }
    }
    out
}
