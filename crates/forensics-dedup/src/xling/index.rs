//! Candidate pairs through an inverted index on rare anchors: only documents
//! that share a rare anchor are ever compared, so the cost grows with the
//! postings of rare keys, not with the number of pairs.

use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// The sorted, deduplicated keys of document `d` of a corpus: derived on
/// demand from what the documents hold, not stored once more for the index.
/// Keys are numbered `0..vocabulary` (see `Profile::rekey`).
pub type Keys<'a> = dyn Fn(usize) -> Cow<'a, [u32]> + Sync + 'a;

/// Document frequency of every key (each document counts a key once),
/// indexed by key.
pub fn document_frequencies(docs: usize, vocabulary: usize, keys: &Keys<'_>) -> Vec<u32> {
    let mut df = vec![0u32; vocabulary];
    for d in 0..docs {
        for &k in keys(d).iter() {
            if let Some(n) = df.get_mut(k as usize) {
                *n += 1;
            }
        }
    }
    df
}

/// Candidate partners of each document: `b > a`, allowed by `eligible`,
/// sharing at least `min_shared` keys whose document frequency lies in
/// `2..=max_df` or that both offer among their rarest (see below); at most
/// `max_per_doc` per document, the heaviest by summed `weight` (ties by index) in each partner `group` (language), so one
/// language's many partners cannot crowd out another's: the background of
/// each language needs its own candidates.
pub fn candidates(
    docs: usize,
    keys: &Keys<'_>,
    df: &[u32],
    max_df: u32,
    offered_keys: usize,
    min_shared: u32,
    max_per_doc: usize,
    weight: &(dyn Fn(u32) -> f64 + Sync),
    eligible: &(dyn Fn(usize, usize) -> bool + Sync),
    group: &(dyn Fn(usize) -> u16 + Sync),
) -> Vec<(u32, u32)> {
    // A key rare in a small corpus grows common as the corpus grows (the
    // names and figures of one story meet unrelated documents), and past
    // max_df it would link no one: each document also offers its
    // `offered_keys` rarest keys above max_df (up to 5 × max_df), and such
    // a key links only the documents that offer it, so the work per
    // document stays bounded whatever the corpus size.
    let cap = max_df.saturating_mul(5);
    let df_of = |k: &u32| df.get(*k as usize);
    let scanned: Vec<Vec<u32>> = (0..docs)
        .into_par_iter()
        .map(|d| {
            let doc = keys(d);
            let mut out: Vec<u32> = doc.iter().copied().filter(|k| df_of(k).is_some_and(|&n| (2..=max_df).contains(&n))).collect();
            let mut extra: Vec<(u32, u32)> = doc.iter().filter_map(|k| df_of(k).filter(|&&n| n > max_df && n <= cap).map(|&n| (n, *k))).collect();
            extra.sort_unstable();
            out.extend(extra.into_iter().take(offered_keys).map(|(_, k)| k));
            out
        })
        .collect();
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (d, doc) in scanned.iter().enumerate() {
        for k in doc {
            postings.entry(*k).or_default().push(d as u32);
        }
    }
    let per_doc: Vec<Vec<(u32, u32)>> = (0..docs)
        .into_par_iter()
        .map(|a| {
            let mut shared: HashMap<u32, (u32, f64)> = HashMap::new();
            for k in &scanned[a] {
                let Some(list) = postings.get(k) else { continue };
                let w = weight(*k);
                for &b in list {
                    if b as usize != a && eligible(a, b as usize) {
                        let e = shared.entry(b).or_insert((0, 0.0));
                        e.0 += 1;
                        e.1 += w;
                    }
                }
            }
            let mut list: Vec<(u16, u32, f64)> =
                shared.into_iter().filter(|(_, (n, _))| *n >= min_shared).map(|(b, (_, w))| (group(b as usize), b, w)).collect();
            list.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.2.total_cmp(&x.2)).then(x.1.cmp(&y.1)));
            let mut out = Vec::new();
            let mut run = (u16::MAX, 0usize);
            for (g, b, _) in list {
                if run.0 != g {
                    run = (g, 0);
                }
                run.1 += 1;
                if run.1 <= max_per_doc {
                    out.push((a as u32, b));
                }
            }
            out
        })
        .collect();
    // A pair kept by either end is a candidate; normalise to a < b.
    let mut pairs: Vec<(u32, u32)> = per_doc.into_iter().flatten().map(|(a, b)| (a.min(b), a.max(b))).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
