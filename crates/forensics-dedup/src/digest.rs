//! Stages 1 and 2 from one tokenisation: a single pass over every
//! document's tokens adds it to the corpus statistics and keeps a small
//! [`Digest`] of it, from which [`fingerprints_from_digests`] makes the
//! fingerprints once the statistics are merged, without reading the text
//! again.
//!
//! The digest holds what a fingerprint needs that the statistics can still
//! change: each MinHash bin's smallest value over *all* shingles with the
//! sketch slot of the shingle holding it, the runner-up of the bins whose
//! winner may be template text (the bin's minimum over the kept shingles
//! is the first of the two that is not; a document with a bin where both
//! are and more shingles fell, or whose template winner has no runner-up
//! kept, is fingerprinted from its text again), and the content terms that
//! may still be rare. The result is exactly
//! [`fingerprints`](crate::fingerprints)' (a test checks it).

use crate::fingerprint::{Fingerprint, choose_rare, fingerprint};
use crate::minhash::{self, EMPTY};
use crate::normalize::{Token, tokens_into};
use crate::shingle::for_each_shingle;
use crate::stats::{DedupStats, sketch_slot};
use crate::terms::{Term, terms_into};
use crate::{DedupConfig, FingerprintMode};
use forensics_clean::CleanArticle;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What one pass over a document keeps for its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest {
    pub id: String,
    pub language: String,
    pub tokens: u32,
    /// Shingles of the text (repeats counted, template shingles included).
    pub shingles: u32,
    /// MinHash mode: each bin's minimum over all shingles (`EMPTY` where
    /// none fell), before densification. Empty in SimHash mode.
    pub minima: Vec<u32>,
    /// The sketch slot of the shingle holding each minimum.
    pub slots: Vec<u32>,
    /// `[bin, value, slot]` of each bin's second smallest value (of another
    /// shingle; `EMPTY` where none) and the sketch slot of its shingle,
    /// only for the bins whose winner's slot was frequent enough to be
    /// template text; sorted by bin. The others' runner-ups are never read
    /// unless a merged corpus makes their winner template, and then the
    /// document is fingerprinted from its text: keeping all of them would
    /// double the digest, held for the whole corpus at once.
    pub runners_up: Vec<[u32; 3]>,
    /// Distinct names and numbers that may be rare: their document
    /// frequency in this shard is at most its `rare_cap` (the merged one can
    /// only be higher). In order of first occurrence.
    pub anchors: Vec<u64>,
    /// The same for the other content terms (never also in `anchors`). In order of first occurrence.
    pub terms: Vec<u64>,
    /// The smallest document frequency (as far as this shard counted) of a
    /// term dropped as too common; `u32::MAX` when none. When the merged
    /// corpus's [`DedupConfig::rare_cap`] reaches it (it grows with the
    /// corpus), a dropped term may be rare after all and the document is
    /// fingerprinted from its text. 0 (always from text) when absent.
    #[serde(default)]
    pub dropped_df: u32,
}

/// Buffers reused from one document to the next.
#[derive(Default)]
struct Scratch {
    toks: Vec<Token>,
    terms: Vec<Term>,
    keyed: Vec<(u64, bool)>,
    slots: Vec<u32>,
    anchors: Vec<u64>,
    plain: Vec<u64>,
    seconds: Vec<u32>,
    second_slots: Vec<u32>,
    /// Documents of the shard and their template limit: a bin's runner-up is
    /// kept when its winner's slot is counted at least a quarter as often
    /// as a template shingle's would be by now.
    shard_docs: u64,
    limit: u32,
}

/// Statistics and digests of one set of documents (a shard), digests in
/// the order of `docs`. Parallel; the result does not depend on the thread count.
pub fn digest_docs(docs: &[CleanArticle], cfg: &DedupConfig) -> (DedupStats, Vec<Digest>) {
    // Chunks, not `fold` per item: each accumulator holds a 16 MB sketch.
    // Reduced as they finish (rayon keeps left-to-right order), so only a
    // few chunks' statistics are alive at once, not one per chunk.
    let chunk = docs.len().div_ceil(rayon::current_num_threads() * 4).max(64);
    // This shard's rare cap (it grows with the corpus): what is above it here
    // is recorded in `dropped_df`, in case a larger union's cap covers it.
    let cfg = &DedupConfig { rare_max_df: cfg.rare_cap(docs.len() as u64), ..cfg.clone() };
    let limit = shard_limit(docs.len() as u64, cfg);
    let (stats, mut digests) = docs
        .par_chunks(chunk)
        .map(|part| {
            let mut st = DedupStats::default();
            let mut scratch = Scratch { shard_docs: docs.len() as u64, limit, ..Scratch::default() };
            let mut ds: Vec<Digest> = part.iter().map(|d| digest_into(&mut st, d, cfg, &mut scratch)).collect();
            prune(&mut ds, &st, cfg.rare_max_df);
            (st, ds)
        })
        .reduce_with(|(mut sa, mut da), (sb, db)| {
            sa.merge(&sb);
            drop(sb);
            da.extend(db);
            (sa, da)
        })
        .unwrap_or_default();
    prune(&mut digests, &stats, cfg.rare_max_df);
    // Now that the shard is counted: runner-ups of winners at least half
    // as frequent as template text (a union of shards can only count more).
    digests.par_iter_mut().for_each(|d| {
        let before = d.runners_up.len();
        d.runners_up.retain(|r| {
            let slot = d.slots.get(r[0] as usize).copied().unwrap_or(0) as usize;
            stats.shingle_sketch.get(slot).map_or(0, |&c| u32::from(c)).saturating_mul(2) > limit
        });
        if d.runners_up.len() < before {
            d.runners_up.shrink_to_fit();
        }
    });
    (stats, digests)
}

/// The template limit of a shard of `documents`.
fn shard_limit(documents: u64, cfg: &DedupConfig) -> u32 {
    DedupStats { documents, term_df: Default::default(), shingle_sketch: Vec::new() }.template_limit(cfg)
}

/// Drops the terms `stats` already count in more than `max` documents:
/// terms common in this shard are common in any union of shards.
fn prune(digests: &mut [Digest], stats: &DedupStats, max: u32) {
    digests.par_iter_mut().for_each(|d| {
        let mut dropped = d.dropped_df;
        for v in [&mut d.anchors, &mut d.terms] {
            let before = v.len();
            v.retain(|&h| {
                let df = stats.df(h);
                if df > max {
                    dropped = dropped.min(df);
                }
                df <= max
            });
            if v.len() < before {
                v.shrink_to_fit();
            }
        }
        d.dropped_df = dropped;
    });
}

/// Adds one document to `st` and returns its digest.
fn digest_into(st: &mut DedupStats, doc: &CleanArticle, cfg: &DedupConfig, sc: &mut Scratch) -> Digest {
    st.documents += 1;
    tokens_into(&doc.text, cfg.seed, &mut sc.toks);
    let minhash = cfg.mode == FingerprintMode::MinHash;
    let bins = if minhash { minhash::clamp_bins(cfg.num_perm) } else { 0 };
    let mut minima = vec![EMPTY; bins];
    let mut slots = vec![0u32; bins];
    let (seconds, second_slots) = (&mut sc.seconds, &mut sc.second_slots);
    seconds.clear();
    seconds.resize(bins, EMPTY);
    second_slots.clear();
    second_slots.resize(bins, 0);
    let mut shingles = 0u32;
    sc.slots.clear();
    for_each_shingle(&sc.toks, cfg.shingle_size, cfg.seed, |h| {
        shingles = shingles.saturating_add(1);
        let slot = sketch_slot(h);
        sc.slots.push(slot as u32);
        if minhash {
            let (bin, v) = minhash::bin_value(h, bins, cfg.seed);
            let slot = slot as u32;
            if v < minima[bin] {
                seconds[bin] = minima[bin];
                second_slots[bin] = slots[bin];
                minima[bin] = v;
                slots[bin] = slot;
            } else if v < seconds[bin] && (v, slot) != (minima[bin], slots[bin]) {
                // A repeat of the winner is not a runner-up (and any shingle
                // with the winner's value and slot shares its template status).
                seconds[bin] = v;
                second_slots[bin] = slot;
            }
        }
    });
    // Occurrences, not distinct documents (see `DedupStats::add`). A loop
    // of its own: the counters miss the cache, and a short loop body keeps
    // many of those misses in flight at once.
    for &slot in &sc.slots {
        if let Some(c) = st.shingle_sketch.get_mut(slot as usize) {
            *c = c.saturating_add(1);
        }
    }
    terms_into(&doc.text, &sc.toks, cfg.seed, &mut sc.terms);
    // Distinct, in text order; a term seen once as a name is an anchor.
    crate::terms::distinct_into(&sc.terms, &mut sc.keyed);
    sc.anchors.clear();
    sc.plain.clear();
    let mut dropped = u32::MAX;
    for &(h, anchor) in &sc.keyed {
        let df = st.term_df.entry(h).or_insert(0);
        *df += 1;
        // Already too common in this shard: too common in any union of
        // shards, so never rare (the digest holds only what may be).
        if *df > cfg.rare_max_df {
            dropped = dropped.min(*df);
            continue;
        }
        if anchor { sc.anchors.push(h) } else { sc.plain.push(h) }
    }
    let (anchors, terms) = (sc.anchors.to_vec(), sc.plain.to_vec());
    // count / k ≥ limit / (4 · shard_docs), in integers.
    let k = st.documents;
    let frequent = |slot: u32| {
        let c = st.shingle_sketch.get(slot as usize).map_or(0, |&c| u64::from(c));
        c.saturating_mul(4).saturating_mul(sc.shard_docs) >= u64::from(sc.limit).saturating_mul(k)
    };
    let runners_up: Vec<[u32; 3]> =
        (0..bins).filter(|&b| minima[b] != EMPTY && frequent(slots[b])).map(|b| [b as u32, sc.seconds[b], sc.second_slots[b]]).collect();
    Digest {
        id: doc.id.clone(),
        language: doc.language.clone(),
        tokens: sc.toks.len() as u32,
        shingles,
        minima,
        slots,
        runners_up,
        anchors,
        terms,
        dropped_df: dropped,
    }
}

/// Fingerprints from digests and the merged statistics, sorted by id as
/// [`fingerprints`](crate::fingerprints) gives them. `digests[i]` is
/// `docs[i]`'s; a document without a matching digest, or whose digest a
/// template shingle would change, is fingerprinted from its text.
pub fn fingerprints_from_digests(docs: &[CleanArticle], digests: &[Digest], stats: &DedupStats, cfg: &DedupConfig) -> Vec<Fingerprint> {
    let mut out: Vec<Fingerprint> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| match digests.get(i) {
            Some(dg) if dg.id == d.id => from_digest(d, dg, stats, cfg),
            _ => fingerprint(d, stats, cfg),
        })
        .collect();
    out.par_sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// [`fingerprints_from_digests`] consuming the digests: each is freed as
/// its fingerprint is made, so the two lists are never both held whole.
pub fn fingerprints_from_digests_owned(docs: &[CleanArticle], mut digests: Vec<Digest>, stats: &DedupStats, cfg: &DedupConfig) -> Vec<Fingerprint> {
    digests.truncate(docs.len());
    let (with, without) = docs.split_at(digests.len());
    let mut out: Vec<Fingerprint> = with
        .par_iter()
        .zip(digests.into_par_iter())
        .map(|(d, dg)| if dg.id == d.id { from_digest(d, &dg, stats, cfg) } else { fingerprint(d, stats, cfg) })
        .chain(without.par_iter().map(|d| fingerprint(d, stats, cfg)))
        .collect();
    out.par_sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn from_digest(doc: &CleanArticle, dg: &Digest, stats: &DedupStats, cfg: &DedupConfig) -> Fingerprint {
    if dg.dropped_df <= cfg.rare_cap(stats.documents) {
        // A term this shard dropped may be rare in the union.
        return fingerprint(doc, stats, cfg);
    }
    let bins = minhash::clamp_bins(cfg.num_perm);
    if cfg.mode != FingerprintMode::MinHash || dg.minima.len() != bins || dg.slots.len() != bins {
        return fingerprint(doc, stats, cfg);
    }
    let limit = stats.template_limit(cfg);
    let filtering = stats.documents > limit as u64;
    let mut sig = Vec::with_capacity(bins);
    for b in 0..bins {
        let (v, s) = (dg.minima[b], dg.slots[b]);
        if v == EMPTY || !filtering || !stats.slot_is_template(s as usize, limit) {
            sig.push(v);
            continue;
        }
        let Some(&[_, v2, s2]) = dg.runners_up.binary_search_by_key(&(b as u32), |r| r[0]).ok().map(|i| &dg.runners_up[i]) else {
            // Template, and its runner-up was not kept.
            return fingerprint(doc, stats, cfg);
        };
        let kept = if v2 == EMPTY {
            // Only the winner's shingle fell here, and it is template text.
            EMPTY
        } else if !stats.slot_is_template(s2 as usize, limit) {
            v2
        } else {
            // Both template: a third shingle may hold the bin's minimum.
            return fingerprint(doc, stats, cfg);
        };
        sig.push(kept);
    }
    minhash::densify(&mut sig, cfg.seed);
    let rare = choose_rare(dg.anchors.iter().map(|&h| (true, h)).chain(dg.terms.iter().map(|&h| (false, h))), stats, cfg);
    Fingerprint {
        id: dg.id.clone(),
        language: dg.language.clone(),
        tokens: dg.tokens,
        shingles: dg.shingles,
        minhash: sig,
        simhash: 0,
        rare,
    }
}
