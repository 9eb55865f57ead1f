//! Stage 4: verification. Every candidate pair is measured on its exact
//! shingle sets (resemblance and containment both) and, within one
//! language, on the rewording-proof content measures; it is kept when it
//! shows text reuse or, failing that, a rewrite's or summary's content.
//! Pairs that share rare anchors without either are kept aside as
//! possible same-event links.

use crate::candidates::Candidate;
use crate::features::{DocFeatures, features};
use crate::fingerprint::Fingerprint;
use crate::measures::{Measures, measure};
use crate::stats::DedupStats;
use crate::{DedupConfig, EventLink, PairKind, VerifiedPair};
use forensics_clean::CleanArticle;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use crate::fastmap::FastSet;
use std::collections::HashMap;

/// What verification keeps: pairs that join families, and event links to
/// report when their ends land in different families.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    pub pairs: Vec<VerifiedPair>,
    pub events: Vec<EventLink>,
}

/// Candidates verified per block (each block's features are built, used, dropped)...
const FEATURE_BLOCK: usize = 1 << 15;
/// ...and at most about this much text behind a block's features (they take
/// several times their text), so what a block holds stays bounded whatever
/// the corpus and however its candidates spread over it.
const FEATURE_TEXT_BYTES: usize = 8 << 20;

/// Rewording-proof score: shared weighted content, confirmed sentence by sentence in order.
pub fn content_score(m: &Measures) -> f64 {
    (m.term_overlap * m.sentence_cover).sqrt()
}

/// Decides one measured pair: `Some(similarity)` when it is reuse.
pub fn decide(m: &Measures, same_language: bool, cfg: &DedupConfig) -> Option<f64> {
    let contained = m.containment_a_in_b.max(m.containment_b_in_a);
    let content = if same_language { content_score(m) } else { 0.0 };
    if contained >= cfg.min_containment || content >= cfg.min_content {
        Some(contained.max(content).clamp(0.0, 1.0))
    } else {
        None
    }
}

/// Event score: shared rare anchors and content without text reuse.
pub fn event_score(m: &Measures) -> f64 {
    (m.term_overlap * m.anchor_overlap).sqrt()
}

/// Verifies candidate pairs. `docs` may be in any order; `fps` is the
/// fingerprint list the candidates index into.
pub fn verify(docs: &[CleanArticle], fps: &[Fingerprint], stats: &DedupStats, cands: &[Candidate], cfg: &DedupConfig) -> Verified {
    let by_id: HashMap<&str, &CleanArticle> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let doc_of: Vec<Option<&CleanArticle>> = fps.iter().map(|f| by_id.get(f.id.as_str()).copied()).collect();
    drop(by_id);
    let mut results: Vec<(Option<VerifiedPair>, Option<EventLink>)> = Vec::new();
    // Block by block, so the features held at once stay bounded however
    // many candidates a large corpus has (a document in two blocks is
    // measured twice; candidates are sorted, so that is rare).
    let mut rest = cands;
    let mut in_block: FastSet<u32> = FastSet::default();
    while !rest.is_empty() {
        in_block.clear();
        let mut bytes = 0usize;
        let mut len = 0;
        for c in rest.iter().take(FEATURE_BLOCK) {
            let mut add = 0;
            for i in [c.a, c.b] {
                if !in_block.contains(&i) {
                    add += doc_of.get(i as usize).copied().flatten().map_or(0, |d| d.text.len());
                }
            }
            if len > 0 && bytes + add > FEATURE_TEXT_BYTES {
                break;
            }
            in_block.insert(c.a);
            in_block.insert(c.b);
            bytes += add;
            len += 1;
        }
        let (block, tail) = rest.split_at(len);
        rest = tail;
        let mut needed: Vec<u32> = block.iter().flat_map(|c| [c.a, c.b]).collect();
        needed.sort_unstable();
        needed.dedup();
        // Features only for documents that have candidates.
        let feats: Vec<Option<DocFeatures>> =
            needed.par_iter().map(|&i| Some(features(&doc_of.get(i as usize).copied().flatten()?.text, stats, cfg))).collect();
        let feat = |i: u32| needed.binary_search(&i).ok().and_then(|k| feats[k].as_ref());
        let part: Vec<(Option<VerifiedPair>, Option<EventLink>)> = block
            .par_iter()
            .map(|c| {
                let (Some(fa), Some(fb), Some(pa), Some(pb)) = (feat(c.a), feat(c.b), fps.get(c.a as usize), fps.get(c.b as usize)) else {
                    return (None, None);
                };
                let m = measure(fa, fb);
                let same = pa.language == pb.language;
                match decide(&m, same, cfg) {
                    Some(sim) => (Some(pair(pa, pb, &m, sim)), None),
                    None => {
                        let e = event_score(&m);
                        let link = (same && e >= cfg.min_event).then(|| EventLink { a: pa.id.clone(), b: pb.id.clone(), score: round(e) });
                        (None, link)
                    }
                }
            })
            .collect();
        // Only what passed: most candidates do not.
        results.extend(part.into_iter().filter(|r| r.0.is_some() || r.1.is_some()));
    }
    let mut out = Verified::default();
    for (p, e) in results {
        out.pairs.extend(p);
        out.events.extend(e);
    }
    out.pairs.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    out.events.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    out
}

/// Rounded so serialised output does not flicker in the last float digit.
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn pair(pa: &Fingerprint, pb: &Fingerprint, m: &Measures, sim: f64) -> VerifiedPair {
    let (a, b, cab, cba) = if pa.id <= pb.id {
        (pa, pb, m.containment_a_in_b, m.containment_b_in_a)
    } else {
        (pb, pa, m.containment_b_in_a, m.containment_a_in_b)
    };
    VerifiedPair {
        a: a.id.clone(),
        b: b.id.clone(),
        kind: PairKind::SameLanguage,
        jaccard: round(m.jaccard),
        containment_a_in_b: round(cab),
        containment_b_in_a: round(cba),
        content: round(content_score(m)),
        similarity: round(sim),
        passages: Vec::new(),
    }
}
