//! One family: the directed evidence graph, the root language, the best
//! arborescence, roles and confidences.

use crate::arborescence::max_arborescence;
use crate::compare::{compare, Comparison};
use crate::hub::Hub;
use crate::config::ProvenanceConfig;
use crate::model::{Relation, RelationKind, Role, Signal};
use crate::signals::{centrality, direction, Markers, PairFacts};
use crate::text::{containment, dice, jaccard, View};
use std::collections::BTreeMap;

/// What was measured for an unordered pair `i < j`.
pub struct Pair {
    pub cross: bool,
    pub jaccard: f64,
    pub i_in_j: f64,
    pub j_in_i: f64,
    pub sim: f64,
    /// `i` taken as the parent of `j`.
    pub cmp: Option<Comparison>,
}

pub struct Outcome {
    pub parent: Vec<Option<usize>>,
    pub role: Vec<Role>,
    pub confidence: Vec<f64>,
    pub relations: Vec<Relation>,
    pub pairs: BTreeMap<(usize, usize), Pair>,
}

fn cross_language(a: &View, b: &View, jac: f64) -> bool {
    match (a.lang(), b.lang()) {
        ("und", _) | (_, "und") => jac < 0.05 && dice(&a.content, &b.content) < 0.2,
        (x, y) => x != y,
    }
}

fn squash(margin: f64, scale: f64) -> f64 {
    let c = 0.5 + 0.5 * (margin * scale).tanh();
    (c.clamp(0.5, 0.99) * 100.0).round() / 100.0
}

/// The share of the first score among all candidates, as a softmax: with
/// two candidates this is [`squash`] of their margin (0.5 + 0.5 tanh(m s) is
/// the logistic of 2 m s); with six near-equal candidates it is about a
/// sixth, where a margin between the best two would still claim a half.
fn share_of_first(scores: &[f64], scale: f64) -> f64 {
    let Some(&top) = scores.first() else { return 0.99 };
    let mass: f64 = scores.iter().map(|&x| (2.0 * scale * (x - top)).exp()).sum();
    ((1.0 / mass).clamp(0.01, 0.99) * 100.0).round() / 100.0
}

/// Votes of the other same-language versions on a pair's changed wordings:
/// +1 when the target's wording is found in no other version and the
/// source's is found in one that is not a near-copy of the source.
fn fidelity(views: &[View], pairs: &BTreeMap<(usize, usize), Pair>, i: usize, j: usize) -> (i32, Vec<String>) {
    let Some(pair) = pairs.get(&(i.min(j), i.max(j))) else { return (0, vec![]) };
    let Some(cmp) = &pair.cmp else { return (0, vec![]) };
    let (p, c) = (i.min(j), i.max(j));
    let norm = |v: &View| format!(" {} ", v.toks.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "));
    let texts: Vec<String> = views.iter().map(norm).collect();
    let jac = |x: usize, y: usize| pairs.get(&(x.min(y), x.max(y))).filter(|q| !q.cross).map_or(0.0, |q| q.jaccard);
    // A witness closer to one side than the pair itself is probably that
    // side's own descendant (an inherited change): it does not count.
    let near = |x: usize, side: usize| jac(x, side) > pair.jaccard;
    let mut votes = 0;
    let mut detail = Vec::new();
    for (e, _) in cmp.edits.iter().filter(|(e, _)| e.shown) {
        let (b, a) = (e.before(&views[p]), e.after(&views[c]));
        let weighty = |w: &[String]| w.iter().any(|t| t.chars().count() >= 4 || t.chars().any(|c| c.is_ascii_digit()));
        if b.is_empty() || a.is_empty() || !weighty(&b) && !weighty(&a) {
            continue;
        }
        let (b, a) = (format!(" {} ", b.join(" ")), format!(" {} ", a.join(" ")));
        let witnesses = |w: &str, other: &str, side: usize| {
            (0..views.len())
                .filter(|&x| x != p && x != c && !cross_language(&views[x], &views[side], 1.0) && !near(x, side))
                .filter(|&x| (w.trim().is_empty() || texts[x].contains(w)) && (other.trim().is_empty() || !texts[x].contains(other)))
                .count()
        };
        let (for_b, for_a) = (witnesses(&b, &a, p), witnesses(&a, &b, c));
        let (src, tgt) = if i == p { (b.trim(), a.trim()) } else { (a.trim(), b.trim()) };
        if for_b > 0 && for_a == 0 {
            votes += 1;
            detail.push(format!("source \"{src}\", target \"{tgt}\": other versions keep the {}", if i == p { "source's" } else { "target's" }));
        } else if for_a > 0 && for_b == 0 {
            votes -= 1;
            detail.push(format!("source \"{src}\", target \"{tgt}\": other versions keep the {}", if i == p { "target's" } else { "source's" }));
        }
    }
    // Votes were counted for "p is the source of c"; turn them for the order asked.
    if i == p { (votes, detail) } else { (-votes, detail) }
}

/// `known`: the detector's calibrated similarity of verified pairs, by ids.
pub fn score(views: &[View], known: &BTreeMap<(String, String), f64>, cfg: &ProvenanceConfig) -> Outcome {
    let n = views.len();
    let w = &cfg.weights;
    let markers: Vec<Markers> = views.iter().map(|v| Markers::of(v, w)).collect();
    let mut pairs = BTreeMap::new();
    let compare_text = n <= cfg.max_compared_family;
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&views[i], &views[j]);
            let jac = jaccard(&a.shingles, &b.shingles);
            let cross = cross_language(a, b, jac);
            let anchors = dice(&a.anchors, &b.anchors);
            // Across languages the detector's calibrated score (anchors, glosses,
            // per-pair calibration) knows more than anchors alone.
            let key = if a.id() < b.id() { (a.id().to_string(), b.id().to_string()) } else { (b.id().to_string(), a.id().to_string()) };
            let sim = if cross {
                known.get(&key).copied().unwrap_or(anchors * 0.5)
            } else {
                (jac + dice(&a.content, &b.content) + anchors) / 3.0
            };
            let cmp = compare_text.then(|| compare(a, b, cross));
            let pair = Pair { cross, jaccard: jac, i_in_j: containment(&a.shingles, &b.shingles), j_in_i: containment(&b.shingles, &a.shingles), sim, cmp };
            pairs.insert((i, j), pair);
        }
    }
    let pair = |i: usize, j: usize| pairs.get(&(i.min(j), i.max(j)));
    let sim = |i: usize, j: usize| pair(i, j).map_or(0.0, |p| p.sim);
    let langs: Vec<&str> = views.iter().map(View::lang).collect();
    let cross_sim = |i: usize, j: usize| if pair(i, j).is_some_and(|p| p.cross) { sim(i, j) } else { 0.0 };
    let cent: Vec<Option<f64>> = (0..n).map(|i| centrality(i, &langs, &cross_sim)).collect();
    let by_lang_count = langs.iter().collect::<std::collections::BTreeSet<_>>().len();
    let anchor_sets: Vec<&std::collections::BTreeSet<String>> = views.iter().map(|v| &v.anchors).collect();
    let forms = crate::hub::Forms::new(views);
    let hub = (by_lang_count >= 3).then(|| Hub::new(&anchor_sets, &langs));
    // Direction signals and edge weights for every ordered pair.
    let mut signals: BTreeMap<(usize, usize), Vec<Signal>> = BTreeMap::new();
    let mut dir = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let Some(p) = pair(i, j).filter(|_| i != j) else { continue };
            let (i_in_j, j_in_i) = if i < j { (p.i_in_j, p.j_in_i) } else { (p.j_in_i, p.i_in_j) };
            let (fid, fid_detail) = if p.cross { (0, vec![]) } else { fidelity(views, &pairs, i, j) };
            // Whole texts, not their aligned sentences: sentence splitting
            // differs between languages, so aligned sentences carry uneven
            // shares of their texts (a cut is handled below, by comparing
            // languages through their representatives).
            let whole = |v: &View| v.art.text.chars().filter(|c| !c.is_whitespace()).count();
            let aligned_chars = p.cross.then(|| (whole(&views[i]), whole(&views[j])));
            let facts =
                PairFacts { cross: p.cross, a_in_b: i_in_j, b_in_a: j_in_i, jaccard: p.jaccard, fidelity: fid, fidelity_detail: fid_detail, aligned_chars };
            // With two languages, centrality only restates the best pair's similarity.
            let c = if p.cross && by_lang_count >= 3 { (cent[i], cent[j]) } else { (None, None) };
            let mut s = direction(&views[i], &views[j], &markers[i], &markers[j], &facts, c, w);
            if let Some((hi, hj)) = hub.as_ref().filter(|_| p.cross).and_then(|h| h.compare(i, j)) {
                let v = (hi - hj) * w.hub;
                if v.abs() >= 1e-9 {
                    s.push(Signal { name: "hub".into(), weight: (v * 1000.0).round() / 1000.0, detail: format!("explains {:.0}% of what the other languages' versions share, against {:.0}%", hi * 100.0, hj * 100.0) });
                }
            }
            if p.cross && forms.same_main(i, j) {
                let (kj, ki) = (crate::hub::kept_letters(&views[i], &views[j]), crate::hub::kept_letters(&views[j], &views[i]));
                let v = (kj as f64 - ki as f64) * w.kept_letters;
                if v.abs() >= 1e-9 {
                    s.push(Signal { name: "kept-letters".into(), weight: (v * 1000.0).round() / 1000.0, detail: format!("target writes {kj} letters only in words it shares with the source, which writes them elsewhere too; source {ki}") });
                }
            }
            if let Some((ei, ej, tot)) = forms.same_script(i, j).filter(|_| p.cross) {
                let v = (ei as f64 - ej as f64) / tot as f64 * w.forms_same;
                if v.abs() >= 1e-9 {
                    s.push(Signal { name: "kept-forms".into(), weight: (v * 1000.0).round() / 1000.0, detail: format!("writes {ei} of the {tot} forms the other scripts' versions kept, against {ej}") });
                }
            }
            dir[i * n + j] = s.iter().map(|x| x.weight).sum();
            signals.insert((i, j), s);
        }
    }
    // An edge against the direction evidence pays for it in full; evidence
    // for it earns little, else an original-looking page would adopt every child.
    let weight = |i: usize, j: usize| {
        let d = dir[i * n + j];
        // Across languages the evidence counts in full: a translator works from
        // the wire copy far more often than from one of its reposts.
        let reward = if pair(i, j).is_some_and(|p| p.cross) { 1.0 } else { cfg.direction_reward };
        sim(i, j) + cfg.direction_scale * (d.min(0.0) + reward * d.max(0.0))
    };
    // The root language: the one whose versions the others' evidence points away from.
    let mut by_lang: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, l) in langs.iter().enumerate() {
        by_lang.entry(l).or_default().push(k);
    }
    let same = |u: usize, v: usize| pair(u, v).is_some_and(|p| !p.cross);
    // Each language is represented by its own root (the best arborescence
    // over its same-language edges): derived versions in one language (a
    // summary, a copy) would otherwise make a translation look like a source.
    let rep = |members: &[usize]| -> usize {
        if members.len() == 1 {
            return members[0];
        }
        let local: Vec<(usize, usize, f64)> = members
            .iter()
            .flat_map(|&u| members.iter().map(move |&v| (u, v)))
            .filter(|&(u, v)| u != v && same(u, v))
            .map(|(u, v)| (u, v, weight(u, v)))
            .collect();
        let mut best = (f64::NEG_INFINITY, members[0]);
        for &r in members {
            if let Some(par) = max_arborescence(n, r, &local.iter().copied().chain((0..n).filter(|x| !members.contains(x)).map(|x| (r, x, 0.0))).collect::<Vec<_>>()) {
                let total: f64 = members.iter().filter_map(|&v| par[v].map(|u| weight(u, v))).sum();
                if total > best.0 {
                    best = (total, r);
                }
            }
        }
        best.1
    };
    let reps: BTreeMap<&str, usize> = by_lang.iter().map(|(l, m)| (*l, rep(m))).collect();
    // The length ratio tells which language came first, not which version
    // of a language a translation was made from: every edge between two
    // languages gets the cue measured between their representatives, so a
    // cut copy does not read as the source of a full translation.
    let mut dir = dir;
    for i in 0..n {
        for j in 0..n {
            if i == j || !pair(i, j).is_some_and(|p| p.cross) {
                continue;
            }
            let (ri, rj) = (reps[langs[i]], reps[langs[j]]);
            if (ri, rj) == (i, j) {
                continue;
            }
            let of = |s: Option<&Vec<Signal>>| s.and_then(|s| s.iter().find(|x| x.name == "length-ratio").cloned());
            let rep_cue = of(signals.get(&(ri, rj)));
            let Some(list) = signals.get_mut(&(i, j)) else { continue };
            let own = list.iter().position(|x| x.name == "length-ratio");
            let old = own.map_or(0.0, |k| list[k].weight);
            if let Some(k) = own {
                list.remove(k);
            }
            let new = rep_cue.as_ref().map_or(0.0, |x| x.weight);
            if let Some(mut cue) = rep_cue {
                cue.detail = format!("between the languages' representatives: {}", cue.detail);
                list.push(cue);
            }
            dir[i * n + j] += new - old;
        }
    }
    let weight = |i: usize, j: usize| {
        let d = dir[i * n + j];
        let reward = if pair(i, j).is_some_and(|p| p.cross) { 1.0 } else { cfg.direction_reward };
        sim(i, j) + cfg.direction_scale * (d.min(0.0) + reward * d.max(0.0))
    };
    let lang_score = |l: &str| -> f64 {
        let u = reps[l];
        let others: Vec<usize> = reps.iter().filter(|(m, _)| **m != l).map(|(_, &v)| v).filter(|&v| pair(u, v).is_some_and(|p| p.cross)).collect();
        if others.is_empty() { 0.0 } else { others.iter().map(|&v| dir[u * n + v]).sum::<f64>() / others.len() as f64 }
    };
    // Siblings point at their common parent, the member closest to both: a
    // version in another language they both align with. Said of a language
    // only when every two of its versions are siblings, so a copy or a summary
    // next to its source never counts.
    let siblings = |l: &str| -> bool {
        let m = &by_lang[l];
        m.len() >= 2
            && m.iter().enumerate().all(|(k, &u)| {
                m[k + 1..].iter().all(|&v| {
                    let Some(p) = pair(u, v).filter(|p| !p.cross) else { return false };
                    let (wu, wv) = (views[u].words() as f64, views[v].words() as f64);
                    p.i_in_j.max(p.j_in_i) < cfg.copy_containment && wu.min(wv) >= cfg.summary_ratio * wu.max(wv)
                })
            })
            && m.iter().all(|&u| (0..n).any(|v| pair(u, v).is_some_and(|p| p.cross)))
    };
    let mut ranked: Vec<(f64, &str)> =
        by_lang.keys().map(|l| (lang_score(l) - if by_lang.len() > 1 && siblings(l) { w.siblings } else { 0.0 }, *l)).collect();
    // Ties go by the representatives' ids (opaque), never by language name.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| views[reps[a.1]].id().cmp(views[reps[b.1]].id())));
    let root_lang = ranked.first().map_or("und", |r| r.1);
    let lang_scores: Vec<f64> = ranked.iter().map(|r| r.0).collect();
    // A member outside the root language derives from the root language,
    // unless it is a near-verbatim copy of a version in its own language.
    let allowed = |u: usize, v: usize| -> bool {
        if u == v || pair(u, v).is_none() {
            return false;
        }
        if langs[v] == root_lang {
            return same(u, v);
        }
        if langs[u] == root_lang {
            return true;
        }
        pair(u, v).filter(|p| !p.cross).is_some_and(|p| (if u < v { p.j_in_i } else { p.i_in_j }) >= 0.85)
    };
    let edges: Vec<(usize, usize, f64)> =
        (0..n).flat_map(|u| (0..n).map(move |v| (u, v))).filter(|&(u, v)| allowed(u, v)).map(|(u, v)| (u, v, weight(u, v))).collect();
    let mut best: Option<(f64, usize, Vec<Option<usize>>)> = None;
    let mut totals: Vec<f64> = Vec::new();
    for &r in by_lang.get(root_lang).map(Vec::as_slice).unwrap_or(&[]) {
        let Some(parent) = max_arborescence(n, r, &edges) else { continue };
        let total: f64 = (0..n).filter_map(|v| parent[v].map(|u| weight(u, v))).sum();
        totals.push(total);
        if best.as_ref().is_none_or(|(t, _, _)| total > *t) {
            best = Some((total, r, parent));
        }
    }
    let (_, root, mut parent) = match best {
        Some(b) => b,
        None => {
            // Unconnected evidence: fall back to a star around the most similar member.
            let r = (0..n).max_by(|&a, &b| {
                let s = |x: usize| (0..n).map(|y| sim(x, y)).sum::<f64>();
                s(a).total_cmp(&s(b)).then(b.cmp(&a))
            });
            let r = r.unwrap_or(0);
            (0.0, r, (0..n).map(|v| (v != r).then_some(r)).collect())
        }
    };
    let moved = crate::lineage::refine(views, &pairs, &mut parent);
    // The chosen root first, then every other candidate of its language.
    // Without any arborescence the star fallback is a guess between two at best.
    let mut root_scores = if totals.is_empty() { vec![0.0, 0.0] } else { totals };
    root_scores.sort_by(|a, b| b.total_cmp(a));
    let mut role = vec![Role::Original; n];
    let mut confidence = vec![0.5; n];
    let mut relations = Vec::new();
    // A wrong root language misplaces every parent, so the root's doubt
    // caps every member's confidence. Direction margins across languages are
    // weaker evidence (length cues) than within one, hence the gentler scale.
    let root_conf = share_of_first(&lang_scores, 1.5).min(share_of_first(&root_scores, 4.0));
    confidence[root] = root_conf;
    for v in 0..n {
        let Some(u) = parent[v] else { continue };
        let Some(p) = pair(u, v) else { continue };
        let (c_in_p, p_in_c) = if u < v { (p.j_in_i, p.i_in_j) } else { (p.i_in_j, p.j_in_i) };
        let (kind, subkind) = if p.cross {
            (RelationKind::Translation, None)
        } else if c_in_p >= cfg.copy_containment && p_in_c >= cfg.copy_coverage || langs[v] != root_lang {
            (RelationKind::Copy, None)
        } else if (views[v].words() as f64) < cfg.summary_ratio * views[u].words() as f64 {
            (RelationKind::Rewrite, Some("summary".to_string()))
        } else {
            (RelationKind::Rewrite, Some("paraphrase".to_string()))
        };
        role[v] = match kind {
            RelationKind::Translation => Role::Translation,
            RelationKind::Copy => Role::Copy,
            _ => Role::Rewrite,
        };
        let alt = edges.iter().filter(|e| e.1 == v && e.0 != u).map(|e| e.2).fold(f64::NEG_INFINITY, f64::max);
        // A child moved by lineage has a parent the edge weights did not
        // pick: its margin is that of the traits (a tie, parsimony alone: 0.5).
        let conf = match moved.get(&v) {
            Some((_, m)) => squash(*m, 1.0),
            None => squash(weight(u, v) - alt, 8.0),
        }
        .min(root_conf);
        confidence[v] = conf;
        let evidence = match &p.cmp {
            Some(cmp) if u < v => cmp.evidence(&views[u], &views[v], p.cross),
            Some(_) => compare(&views[u], &views[v], p.cross).evidence(&views[u], &views[v], p.cross),
            None => Default::default(),
        };
        relations.push(Relation {
            source: views[u].id().to_string(),
            target: views[v].id().to_string(),
            kind,
            subkind,
            similarity: (p.sim * 1000.0).round() / 1000.0,
            confidence: conf,
            signals: {
                let mut list = signals.remove(&(u, v)).unwrap_or_default();
                if let Some((why, _)) = moved.get(&v) {
                    list.push(Signal { name: "lineage".into(), weight: 0.0, detail: why.clone() });
                }
                list
            },
            evidence,
        });
    }
    Outcome { parent, role, confidence, relations, pairs }
}

#[cfg(test)]
mod tests {
    use super::{share_of_first, squash};

    fn check(scores: &[f64], scale: f64, want: f64) {
        assert_eq!(share_of_first(scores, scale), want, "{scores:?} at scale {scale}");
    }

    #[test]
    fn two_candidates_agree_with_the_margin_squash() {
        for m in [0.0, 0.1, 0.3, 0.7] {
            check(&[m, 0.0], 1.5, squash(m, 1.5));
        }
    }

    #[test]
    fn many_near_equal_candidates_share_the_belief() {
        // Six languages with the same score: a sixth each, not a half.
        check(&[0.2; 6], 1.5, 0.17);
        // One clear winner still gets most of it.
        check(&[2.0, 0.0, 0.0], 1.5, 0.99);
        // No candidate at all: nothing to doubt.
        check(&[], 1.5, 0.99);
    }
}
