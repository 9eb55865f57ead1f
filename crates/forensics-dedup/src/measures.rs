//! Similarity measures between two documents' features.

use crate::features::DocFeatures;
use serde::{Deserialize, Serialize};

/// A reworded sentence still shares this share of its content weight with its source.
const SENTENCE_MATCH: f32 = 0.35;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    pub jaccard: f64,
    pub containment_a_in_b: f64,
    pub containment_b_in_a: f64,
    /// Weighted share of the lighter document's content terms found in the other.
    pub term_overlap: f64,
    /// Weighted share of the lighter document's sentences that have a
    /// matching sentence in the other, counting only matches in a common
    /// order (longest increasing run of partner positions).
    pub sentence_cover: f64,
    /// Same without the order constraint.
    pub sentence_cover_any: f64,
    /// Shared anchors (names, numbers) over the smaller anchor set.
    pub anchor_overlap: f64,
}

/// Branch-free merge: which list advances is data, not a jump, so the
/// unpredictable comparisons of two hash lists cost no mispredictions.
fn intersect_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += (x == y) as usize;
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    n
}

pub fn measure(a: &DocFeatures, b: &DocFeatures) -> Measures {
    let inter = intersect_count(&a.shingles, &b.shingles) as f64;
    let (na, nb) = (a.shingles.len() as f64, b.shingles.len() as f64);
    let union = na + nb - inter;
    let jaccard = if union > 0.0 { inter / union } else { 0.0 };
    let containment_a_in_b = if na > 0.0 { inter / na } else { 0.0 };
    let containment_b_in_a = if nb > 0.0 { inter / nb } else { 0.0 };

    let (light, heavy) = if a.weight <= b.weight { (a, b) } else { (b, a) };
    let mut shared_w = 0.0f32;
    let (mut i, mut j) = (0, 0);
    while i < light.terms.len() && j < heavy.terms.len() {
        let ((x, wx), (y, wy)) = (light.terms[i], heavy.terms[j]);
        if x == y {
            shared_w += wx.min(wy);
        }
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    let term_overlap = if light.weight > 0.0 { (shared_w / light.weight) as f64 } else { 0.0 };
    let (sentence_cover, sentence_cover_any) = sentence_cover(light, heavy);
    let na = a.anchors.len().min(b.anchors.len());
    let anchor_overlap = if na > 0 { intersect_count(&a.anchors, &b.anchors) as f64 / na as f64 } else { 0.0 };
    Measures { jaccard, containment_a_in_b, containment_b_in_a, term_overlap, sentence_cover, sentence_cover_any, anchor_overlap }
}

/// The temporaries of [`sentence_cover`], kept per thread: it runs once per
/// candidate pair, and five allocations a pair showed in the profile.
#[derive(Default)]
struct Cover {
    acc: Vec<f32>,
    touched: Vec<u32>,
    seen: Vec<bool>,
    matched: Vec<(u32, f32)>,
    best_chain: Vec<f32>,
    /// Rank in the heavy document's terms of each of the light one's (`u32::MAX`: absent).
    to_heavy: Vec<u32>,
}

thread_local! {
    static COVER: std::cell::RefCell<Cover> = std::cell::RefCell::new(Cover::default());
}

fn sentence_cover(light: &DocFeatures, heavy: &DocFeatures) -> (f64, f64) {
    let total: f32 = light.sentences.iter().map(|s| s.1).sum();
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    COVER.with(|c| cover_in(&mut c.borrow_mut(), light, heavy, total))
}

fn cover_in(c: &mut Cover, light: &DocFeatures, heavy: &DocFeatures, total: f32) -> (f64, f64) {
    // Shared weight per sentence of the heavy document, and which were touched.
    let Cover { acc, touched, seen, matched, best_chain, to_heavy } = c;
    // One merge of the sorted term lists instead of a binary search per sentence term.
    to_heavy.clear();
    to_heavy.resize(light.terms.len(), u32::MAX);
    let (mut i, mut j) = (0, 0);
    while i < light.terms.len() && j < heavy.terms.len() {
        match light.terms[i].0.cmp(&heavy.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                to_heavy[i] = j as u32;
                i += 1;
                j += 1;
            }
        }
    }
    acc.clear();
    acc.resize(heavy.sentences.len(), 0.0);
    seen.clear();
    seen.resize(heavy.sentences.len(), false);
    touched.clear();
    // Best partner of every light sentence.
    matched.clear();
    for (range, sw) in &light.sentences {
        for &k in touched.iter() {
            acc[k as usize] = 0.0;
            seen[k as usize] = false;
        }
        touched.clear();
        let (a, b) = (range.start as usize, range.end as usize);
        for (&(_, w), &r) in light.sentence_terms.get(a..b).unwrap_or(&[]).iter().zip(light.sentence_ranks.get(a..b).unwrap_or(&[])) {
            let Some(&rh) = to_heavy.get(r as usize).filter(|&&rh| rh != u32::MAX) else { continue };
            let ks = heavy.term_sentences.get(rh as usize..rh as usize + 2).map_or(0..0, |w| w[0] as usize..w[1] as usize);
            for &k in heavy.sentence_list.get(ks).unwrap_or(&[]) {
                if !seen[k as usize] {
                    seen[k as usize] = true;
                    touched.push(k);
                }
                acc[k as usize] += w;
            }
        }
        // Ties go to the earliest partner.
        let best = touched.iter().map(|&k| (k, acc[k as usize])).max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        if let Some((k, v)) = best
            && v / sw >= SENTENCE_MATCH
        {
            matched.push((k, *sw));
        }
    }
    let any: f32 = matched.iter().map(|m| m.1).sum();
    // Heaviest chain of non-decreasing partner positions.
    best_chain.clear();
    best_chain.resize(matched.len(), 0.0);
    for i in 0..matched.len() {
        let mut b = 0.0f32;
        for j in 0..i {
            if matched[j].0 <= matched[i].0 {
                b = b.max(best_chain[j]);
            }
        }
        best_chain[i] = b + matched[i].1;
    }
    let ordered = best_chain.iter().copied().fold(0.0f32, f32::max);
    ((ordered / total) as f64, (any / total) as f64)
}
