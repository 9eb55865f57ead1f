//! Stage 5: families. Average-link agglomerative clustering over the
//! verified pairs of both stages (same-language and cross-language), so a
//! document joins a family only when it is close to the family as a whole,
//! not to one member (the chaining failure of transitive closure).
//!
//! Linkage between clusters A and B: where they share a language, the mean
//! similarity over their same-language member pairs (an unlinked one counts
//! 0: both candidate sources looked at it and found nothing); otherwise the
//! mean over the cross-language pairs the cross-language stage linked (it
//! does not compare every pair). Same-language text is the stronger
//! evidence, so a cross-language link cannot pull in a document that its
//! own language's members reject (an independent report of the event).

use crate::verify::Verified;
use crate::{DedupConfig, DedupResult, EventLink, Family, PairKind, VerifiedPair};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A document as the clustering sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub language: String,
}

/// Families from verified pairs. `members` lists every document (each ends in exactly one family).
pub fn cluster(members: &[Member], verified: Verified, cross: Vec<VerifiedPair>, cfg: &DedupConfig) -> DedupResult {
    let mut members: Vec<&Member> = members.iter().collect();
    members.sort_by(|a, b| a.id.cmp(&b.id));
    members.dedup_by(|a, b| a.id == b.id);
    let index: HashMap<&str, usize> = members.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let mut pairs = verified.pairs;
    pairs.extend(cross);
    pairs.sort_by(|x, y| (&x.a, &x.b, x.kind).cmp(&(&y.a, &y.b, y.kind)));
    pairs.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    let edges: Vec<(usize, usize, f64)> = pairs
        .iter()
        .filter_map(|p| Some((*index.get(p.a.as_str())?, *index.get(p.b.as_str())?, p.similarity)))
        .filter(|e| e.0 != e.1)
        .collect();

    // Components first: average-link then runs on each small graph in parallel.
    let mut uf = UnionFind::new(members.len());
    for &(a, b, _) in &edges {
        uf.union(a, b);
    }
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..members.len() {
        comps.entry(uf.find(i)).or_default().push(i);
    }
    let mut comp_edges: HashMap<usize, Vec<(usize, usize, f64)>> = HashMap::new();
    for &e in &edges {
        comp_edges.entry(uf.find(e.0)).or_default().push(e);
    }
    let comps: Vec<(Vec<usize>, Vec<(usize, usize, f64)>)> =
        comps.into_iter().map(|(root, ms)| (ms, comp_edges.remove(&root).unwrap_or_default())).collect();
    let langs: Vec<&str> = members.iter().map(|m| m.language.as_str()).collect();
    let mut groups: Vec<Vec<usize>> = comps
        .par_iter()
        .flat_map_iter(|(ms, es)| average_link(ms, es, &langs, cfg.cluster_threshold))
        .collect();
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.sort_unstable();

    let mut family_of = vec![0usize; members.len()];
    for (f, g) in groups.iter().enumerate() {
        for &m in g {
            family_of[m] = f;
        }
    }
    let families: Vec<Family> = groups
        .iter()
        .map(|g| Family { id: format!("fam-{}", members[g[0]].id), members: g.iter().map(|&m| members[m].id.clone()).collect() })
        .collect();

    // Pairs inside a family explain it; pairs across families are same-event evidence.
    let fam = |id: &str| index.get(id).map(|&i| family_of[i]);
    let mut same_event: Vec<EventLink> = verified.events.into_iter().filter(|e| fam(&e.a) != fam(&e.b)).collect();
    let (inside, across): (Vec<VerifiedPair>, Vec<VerifiedPair>) = pairs.into_iter().partition(|p| fam(&p.a) == fam(&p.b));
    same_event.extend(across.into_iter().map(|p| EventLink { a: p.a, b: p.b, score: p.similarity }));
    same_event.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    same_event.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    let _ = PairKind::SameLanguage;
    DedupResult { families, pairs: inside, same_event }
}

/// Average-link agglomeration of one component; returns groups of member indices.
fn average_link(ms: &[usize], es: &[(usize, usize, f64)], langs: &[&str], threshold: f64) -> Vec<Vec<usize>> {
    if ms.len() == 1 {
        return vec![ms.to_vec()];
    }
    let local: HashMap<usize, usize> = ms.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let n = ms.len();
    // Per cluster: members, language counts, and to each neighbour: (sum of similarity, cross-language links).
    let mut members: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![ms[i]])).collect();
    let mut lang_count: Vec<BTreeMap<&str, usize>> = (0..n).map(|i| BTreeMap::from([(langs[ms[i]], 1)])).collect();
    let mut links: Vec<BTreeMap<usize, Link>> = vec![BTreeMap::new(); n];
    for &(a, b, s) in es {
        let (Some(&x), Some(&y)) = (local.get(&a), local.get(&b)) else { continue };
        let cross = langs[a] != langs[b];
        for (p, q) in [(x, y), (y, x)] {
            links[p].entry(q).or_default().add(&Link::one(s, cross));
        }
    }
    let linkage = |x: usize, y: usize, links: &[BTreeMap<usize, Link>], lc: &[BTreeMap<&str, usize>]| -> f64 {
        let Some(l) = links[x].get(&y) else { return 0.0 };
        let same: usize = lc[x].iter().map(|(l, c)| c * lc[y].get(l).copied().unwrap_or(0)).sum();
        // Text in one language is the stronger evidence: where the two
        // clusters share a language, their same-language pairs decide
        // (unlinked ones count 0). Only clusters with no language in
        // common are judged on their cross-language links.
        if same > 0 {
            l.same / same as f64
        } else if l.cross_n > 0 {
            l.cross / l.cross_n as f64
        } else {
            0.0
        }
    };
    loop {
        // The best pair; ties go to the smallest indices (deterministic).
        let mut best: Option<(f64, usize, usize)> = None;
        for x in 0..n {
            if members[x].is_none() {
                continue;
            }
            for &y in links[x].keys() {
                if y <= x {
                    continue;
                }
                let l = linkage(x, y, &links, &lang_count);
                if l >= threshold && best.is_none_or(|(b, _, _)| l > b) {
                    best = Some((l, x, y));
                }
            }
        }
        let Some((_, x, y)) = best else { break };
        // Merge y into x.
        let my = members[y].take().unwrap_or_default();
        if let Some(mx) = members[x].as_mut() {
            mx.extend(my);
        }
        let ly = std::mem::take(&mut lang_count[y]);
        for (l, c) in ly {
            *lang_count[x].entry(l).or_insert(0) += c;
        }
        let ny = std::mem::take(&mut links[y]);
        links[x].remove(&y);
        for (z, l) in ny {
            if z == x {
                continue;
            }
            links[x].entry(z).or_default().add(&l);
            let back = links[z].remove(&y).unwrap_or_default();
            links[z].entry(x).or_default().add(&back);
        }
    }
    members.into_iter().flatten().map(|v| v.into_iter().collect()).collect()
}

/// Similarity sums between two clusters.
#[derive(Debug, Clone, Copy, Default)]
struct Link {
    same: f64,
    cross: f64,
    cross_n: usize,
}

impl Link {
    fn one(s: f64, cross: bool) -> Link {
        if cross { Link { same: 0.0, cross: s, cross_n: 1 } } else { Link { same: s, cross: 0.0, cross_n: 0 } }
    }
    fn add(&mut self, o: &Link) {
        self.same += o.same;
        self.cross += o.cross;
        self.cross_n += o.cross_n;
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller root wins so roots do not depend on edge order.
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}
