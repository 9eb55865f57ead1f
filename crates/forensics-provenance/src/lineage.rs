//! Parsimony among versions of one version. When a candidate parent is
//! itself derived from another candidate in its language (a copy, a
//! rewrite), a child fits both: a summary fits a near-verbatim copy as
//! well as the copy's source, a translation carries the facts of both. The
//! child attaches to the derived version only if it carries something of
//! that version's own (what the derived version added, its changed
//! wordings, its cuts when the child is otherwise complete); otherwise to
//! the earlier text, which information must have passed through anyway.

use crate::compare::Link;
use crate::family::Pair;
use crate::text::{anchor, tokens, Tok, View};
use std::collections::{BTreeMap, BTreeSet};

/// What a child `v` shares with the source `p` of a derived version `c`
/// that `c` lacks, and with `c` that `p` lacks.
#[derive(Debug, Default)]
pub struct Traits {
    pub for_source: f64,
    pub for_derived: f64,
    pub detail: Vec<String>,
}

/// Links between `x`'s sentences and `y`'s, as (sentence of x, sentence of y),
/// from the pair's stored comparison (made with the lower index as parent).
fn links(pairs: &BTreeMap<(usize, usize), Pair>, x: usize, y: usize) -> Vec<(usize, usize, f64)> {
    let Some(cmp) = pairs.get(&(x.min(y), x.max(y))).and_then(|p| p.cmp.as_ref()) else { return vec![] };
    let flip = |l: &Link| if x < y { (l.i, l.j, l.score) } else { (l.j, l.i, l.score) };
    cmp.links.iter().map(flip).collect()
}

fn norm_text(v: &View) -> String {
    format!(" {} ", v.toks.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "))
}

/// A sentence worth counting: across languages only one with an anchor can
/// be aligned at all, so only such a sentence can be seen missing.
fn countable(v: &View, s: usize, cross: bool) -> bool {
    let sent = &v.sents[s];
    sent.toks.len() >= 4 && (!cross || !sent.anchors.is_empty())
}

/// A version's facts, each a set of keys any of which names it: a number or
/// a date, or a name (the anchors of a run of capitalised words, with its
/// initials when it has three words or more: "Capitol Wire Service" is
/// also CWS). The names its page gives about itself (site, credits, the
/// dateline's agency) count too: a wire story names its agency in a header
/// the cleaner keeps as metadata, a summary in its text.
fn facts(v: &View) -> Vec<BTreeSet<String>> {
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    let name = |toks: &[(usize, &Tok)], out: &mut Vec<BTreeSet<String>>| {
        let mut unit: BTreeSet<String> = BTreeSet::new();
        let mut initials = String::new();
        for &(k, t) in toks {
            if let Some(a) = anchor(t, k == 0) {
                if a.starts_with("n:") {
                    initials.extend(any_ascii::any_ascii(&t.norm).chars().next());
                    unit.insert(a);
                    continue;
                }
                out.push(BTreeSet::from([a]));
            }
            if unit.len() >= 3 {
                unit.insert(format!("n:{initials}"));
            }
            if !unit.is_empty() {
                out.push(std::mem::take(&mut unit));
            }
            initials.clear();
        }
        if unit.len() >= 3 {
            unit.insert(format!("n:{initials}"));
        }
        if !unit.is_empty() {
            out.push(unit);
        }
    };
    for s in &v.sents {
        let toks: Vec<(usize, &Tok)> = v.toks[s.toks.clone()].iter().enumerate().collect();
        name(&toks, &mut out);
    }
    let m = &v.art.meta;
    for n in m.site.iter().chain(m.credits.iter().map(|c| &c.name)).chain(m.dateline.as_ref().and_then(|d| d.agency.as_ref())) {
        let toks: Vec<Tok> = tokens(n).into_iter().map(|t| Tok { cap: true, ..t }).collect();
        // A name given alone is no sentence: its first word counts too.
        let toks: Vec<(usize, &Tok)> = toks.iter().map(|t| (1, t)).collect();
        name(&toks, &mut out);
    }
    out
}

fn keys(units: &[BTreeSet<String>]) -> BTreeSet<String> {
    units.iter().flatten().cloned().collect()
}

/// Runs of consecutive sentences.
fn runs(sents: &[usize]) -> usize {
    sents.iter().enumerate().filter(|&(k, &s)| k == 0 || sents[k - 1] + 1 != s).count()
}

/// Every member's [`facts`] and the union of their keys, measured once.
pub struct Facts {
    units: Vec<Vec<BTreeSet<String>>>,
    keys: Vec<BTreeSet<String>>,
}

impl Facts {
    pub fn new(views: &[View]) -> Self {
        let units: Vec<Vec<BTreeSet<String>>> = views.iter().map(facts).collect();
        let keys = units.iter().map(|u| keys(u)).collect();
        Facts { units, keys }
    }
}

/// Evidence that child `v` descends from `c` (derived from `p`, same
/// language) rather than from `p` itself.
pub fn traits(views: &[View], pairs: &BTreeMap<(usize, usize), Pair>, known: &Facts, p: usize, c: usize, v: usize) -> Traits {
    let mut t = Traits::default();
    let cross = |x: usize, y: usize| pairs.get(&(x.min(y), x.max(y))).is_none_or(|q| q.cross);
    let v_cross = cross(p, v) || cross(c, v);
    let pc = links(pairs, p, c);
    // A sentence counts as kept when aligned on content, not merely placed
    // by position between two anchored links.
    let kept = |x: usize| -> BTreeMap<usize, usize> { links(pairs, x, v).into_iter().filter(|l| l.2 > 0.0).map(|l| (l.0, l.1)).collect() };
    let (pv, cv) = (kept(p), kept(c));
    let (vp, vc): (BTreeSet<usize>, BTreeSet<usize>) = (pv.values().copied().collect(), cv.values().copied().collect());
    let p_shared: BTreeSet<usize> = pc.iter().map(|l| l.0).collect();
    let c_shared: BTreeSet<usize> = pc.iter().map(|l| l.1).collect();
    let dropped: Vec<usize> = (0..views[p].sents.len()).filter(|s| !p_shared.contains(s) && countable(&views[p], *s, v_cross)).collect();
    let added: Vec<usize> = (0..views[c].sents.len()).filter(|s| !c_shared.contains(s) && countable(&views[c], *s, v_cross)).collect();
    // How complete the child is over what both candidates share: only a
    // child that keeps nearly all of it says something by lacking a passage,
    // and only about a cut from a version that kept most of its source (a
    // summary's cuts are most of the text).
    let cov = if p_shared.is_empty() { 0.0 } else { p_shared.iter().filter(|s| pv.contains_key(s)).count() as f64 / p_shared.len() as f64 };
    let near_full = 2 * p_shared.len() >= views[p].sents.len();
    let lack_weight = if near_full { ((cov - 0.5) / 0.4).clamp(0.0, 1.0) } else { 0.0 };
    let (pu, cu) = (&known.units[p], &known.units[c]);
    let (pf, cf, vf) = (&known.keys[p], &known.keys[c], &known.keys[v]);
    // A child's sentence tells only when it has no counterpart in the other
    // candidate: a summary line matches a rewrite's added bullet and the
    // source's paragraph alike.
    let has_dropped: Vec<usize> = dropped.iter().copied().filter(|s| pv.get(s).is_some_and(|j| !vc.contains(j))).collect();
    let has_added: Vec<usize> = added.iter().copied().filter(|s| cv.get(s).is_some_and(|j| !vp.contains(j))).collect();
    // A cut counts once however many sentences it took. Across languages a
    // sentence can go unaligned while it is there: it is missing only when
    // the child lacks its numbers and dates (names change script).
    let lacks_dropped: Vec<usize> = dropped
        .iter()
        .copied()
        .filter(|s| !pv.contains_key(s))
        .filter(|&s| {
            let sure: Vec<&String> = views[p].sents[s].anchors.iter().filter(|a| !a.starts_with("n:") && !cf.contains(*a)).collect();
            !v_cross || !sure.is_empty() && sure.iter().all(|a| !vf.contains(*a))
        })
        .collect();
    if !has_dropped.is_empty() {
        t.for_source += runs(&has_dropped) as f64;
        t.detail.push(format!("keeps {} of the {} sentences the derived version dropped", has_dropped.len(), dropped.len()));
    }
    if !has_added.is_empty() {
        t.for_derived += runs(&has_added) as f64;
        t.detail.push(format!("has {} of the {} sentences the derived version added", has_added.len(), added.len()));
    }
    if !lacks_dropped.is_empty() && lack_weight > 0.0 {
        t.for_derived += runs(&lacks_dropped) as f64 * lack_weight;
        t.detail.push(format!("lacks {} sentences the derived version dropped, while keeping {:.0}% of the rest", lacks_dropped.len(), cov * 100.0));
    }
    // Facts of one candidate only (numbers, dates, names).
    fn only<'a>(units: &'a [BTreeSet<String>], other: &BTreeSet<String>, v: &BTreeSet<String>) -> BTreeSet<&'a BTreeSet<String>> {
        units.iter().filter(|u| u.is_disjoint(other) && !u.is_disjoint(v)).collect()
    }
    let (only_p, only_c) = (only(pu, cf, vf).len(), only(cu, pf, vf).len());
    if only_p > 0 || only_c > 0 {
        t.for_source += only_p as f64;
        t.for_derived += only_c as f64;
        t.detail.push(format!("has {only_p} facts of the source only, {only_c} of the derived version only"));
    }
    if let Some(cmp) = pairs.get(&(p.min(c), p.max(c))).and_then(|q| q.cmp.as_ref()) {
        let (lo, hi) = (p.min(c), p.max(c));
        // A fact an edit brought in that the source never had, missing from
        // an otherwise complete child: the child has the source's sentence.
        let mut brought: BTreeSet<String> = BTreeSet::new();
        for (e, _) in &cmp.edits {
            let (r, x) = if lo == c { (&e.pr, &views[lo]) } else { (&e.cr, &views[hi]) };
            brought.extend(x.toks[r.clone()].iter().filter_map(|t| anchor(t, false)).filter(|a| !pf.contains(a)));
        }
        let missing = brought.iter().filter(|a| !vf.contains(*a)).count();
        if missing > 0 && lack_weight > 0.0 {
            t.for_source += missing as f64 * lack_weight;
            t.detail.push(format!("lacks {missing} facts the derived version's edits brought in"));
        }
        // Changed wordings, with two words of context so that a word added
        // or left out ("not") is testable too.
        if !v_cross {
            let text = norm_text(&views[v]);
            let phrase = |x: &View, r: &std::ops::Range<usize>| {
                let r = r.start.saturating_sub(2)..(r.end + 2).min(x.toks.len());
                format!(" {} ", x.toks[r].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "))
            };
            let (mut keep_p, mut keep_c) = (0, 0);
            for (e, _) in cmp.edits.iter().filter(|(e, _)| e.shown) {
                let (a, b) = (phrase(&views[lo], &e.pr), phrase(&views[hi], &e.cr));
                let (wp, wc) = if lo == p { (a, b) } else { (b, a) };
                match (text.contains(&wp), text.contains(&wc)) {
                    (true, false) => keep_p += 1,
                    (false, true) => keep_c += 1,
                    _ => {}
                }
            }
            if keep_p > 0 || keep_c > 0 {
                t.for_source += f64::from(keep_p);
                t.for_derived += f64::from(keep_c);
                t.detail.push(format!("keeps {keep_p} wordings of the source where the derived version changed them, {keep_c} of the derived version"));
            }
        }
    }
    t
}

/// How much more a child must carry of a derived version's own traits than
/// of its source's before it moves from the source down to it (a whole
/// sentence or fact, not a fraction of one).
const MARGIN: f64 = 1.0;

/// Moves children between a version and its same-language derived versions
/// by [`traits`]: up to the source unless the child carries more of the
/// derived version's own than of the source's, down to a derived version
/// when it carries clearly more ([`MARGIN`]). Children attach to a version
/// of their own language only: across languages the calibrated similarity
/// has already chosen. Returns, for each moved child, why and by what
/// margin of traits.
pub fn refine(views: &[View], pairs: &BTreeMap<(usize, usize), Pair>, parent: &mut [Option<usize>]) -> BTreeMap<usize, (String, f64)> {
    let n = views.len();
    let known = Facts::new(views);
    let same = |x: usize, y: usize| pairs.get(&(x.min(y), x.max(y))).is_some_and(|q| !q.cross);
    let mut why = BTreeMap::new();
    // Each move goes up a chain or down one edge of it; the cap only guards
    // against a pathological back and forth.
    for _ in 0..n {
        let mut moved = false;
        for v in 0..n {
            let Some(u) = parent[v] else { continue };
            // Across languages the traits a translation can show are few
            // (numbers, aligned sentences) and two same-language versions
            // are as often sibling translations as source and copy: measured
            // on wmt-news, moving translations broke 6 parents and fixed 2.
            if !same(u, v) {
                continue;
            }
            if let Some(p) = parent[u].filter(|&p| p != v && same(p, u) && pairs.contains_key(&(p.min(v), p.max(v)))) {
                let t = traits(views, pairs, &known, p, u, v);
                if t.for_derived <= t.for_source {
                    parent[v] = Some(p);
                    let why_text = format!("attached to {} rather than to its derived version {}: {}", views[p].id(), views[u].id(), explain(&t));
                    why.insert(v, (why_text, t.for_source - t.for_derived));
                    moved = true;
                    continue;
                }
            }
            let mut best: Option<(f64, usize, Traits)> = None;
            for c in (0..n).filter(|&c| c != v && parent[c] == Some(u) && same(u, c) && pairs.contains_key(&(c.min(v), c.max(v)))) {
                let t = traits(views, pairs, &known, u, c, v);
                let gain = t.for_derived - t.for_source;
                if gain >= MARGIN && best.as_ref().is_none_or(|b| gain > b.0) {
                    best = Some((gain, c, t));
                }
            }
            if let Some((gain, c, t)) = best {
                parent[v] = Some(c);
                let why_text = format!("attached to {}, derived from {}, whose own traits it carries: {}", views[c].id(), views[u].id(), explain(&t));
                why.insert(v, (why_text, gain));
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    why
}

fn explain(t: &Traits) -> String {
    if t.detail.is_empty() { "nothing of the derived version's own".to_string() } else { t.detail.join("; ") }
}

#[cfg(test)]
mod tests {
    use super::{refine, traits};
    use crate::compare::compare;
    use crate::family::Pair;
    use crate::text::View;
    use forensics_clean::{clean, CleanArticle, CleanOptions};
    use std::collections::BTreeMap;

    const SOURCE: &str = "Harbour board approves new ferry pier\n\nThe harbour board of Tolvik voted on Tuesday to build a new ferry pier at the north quay, after two years of delays.\n\nThe pier will cost 8.4 million euros and should open in May 2027, the board said in a statement.\n\nBoard chair Maren Oddsdottir said the old pier had become unsafe in winter storms.\n\nTwo members, Karl Fenn and Ada Rusk, voted against the plan and asked for an independent review of the costs.\n\nThe ferry company Nordlys Lines welcomed the decision and said it would add two daily crossings.\n";
    /// A repost that dropped the paragraph on the two members who voted against.
    const COPY: &str = "Harbour board approves new ferry pier\n\nThe harbour board of Tolvik voted on Tuesday to build a new ferry pier at the north quay, after two years of delays.\n\nThe pier will cost 8.4 million euros and should open in May 2027, the board said in a statement.\n\nBoard chair Maren Oddsdottir said the old pier had become unsafe in winter storms.\n\nThe ferry company Nordlys Lines welcomed the decision and said it would add two daily crossings.\n";

    fn doc(id: &str, text: &str) -> CleanArticle {
        clean(&forensics_parse::parse_text(id, text.as_bytes()), None, &CleanOptions::default())
    }

    fn pairs(views: &[View]) -> BTreeMap<(usize, usize), Pair> {
        let mut out = BTreeMap::new();
        for i in 0..views.len() {
            for j in i + 1..views.len() {
                let cmp = compare(&views[i], &views[j], false);
                out.insert((i, j), Pair { cross: false, jaccard: 0.5, i_in_j: 0.5, j_in_i: 0.5, sim: 0.5, cmp: Some(cmp) });
            }
        }
        out
    }

    /// Where a child attached to the copy ends up: (child text, want the source).
    fn check(child: &str, want_source: bool) {
        let docs = [doc("p", SOURCE), doc("c", COPY), doc("v", child)];
        let views: Vec<View> = docs.iter().map(View::new).collect();
        let pairs = pairs(&views);
        let t = traits(&views, &pairs, &super::Facts::new(&views), 0, 1, 2);
        let mut parent = vec![None, Some(0), Some(1)];
        refine(&views, &pairs, &mut parent);
        assert_eq!(parent[2], Some(if want_source { 0 } else { 1 }), "{child}\n{t:?}");
    }

    #[test]
    fn a_child_attaches_to_the_copy_only_for_the_copys_own_traits() {
        // A summary of what both share: nothing of the copy's own, so the source.
        check("Tolvik to get new ferry pier\n\nThe harbour board of Tolvik approved a new 8.4 million euro ferry pier at the north quay on Tuesday. It should open in May 2027.\n", true);
        // A summary keeping the paragraph the copy dropped.
        check("Tolvik to get new ferry pier\n\nThe harbour board of Tolvik approved a new 8.4 million euro ferry pier on Tuesday. Two members voted against the plan and asked for an independent review of the costs.\n", true);
        // A complete repost that lacks what the copy dropped: the copy's.
        check(COPY, false);
    }
}
