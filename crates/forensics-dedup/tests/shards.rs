//! A run split into shards (statistics per shard then merged, fingerprints
//! per shard with the merged statistics, then candidates, verification and
//! clustering over the union) gives exactly the families of one run.

mod common;

use forensics_clean::CleanArticle;
use forensics_dedup::{
    align_pairs, candidates, cluster, dedup, digest_docs, fingerprints, fingerprints_from_digests, members, verify, DedupConfig, DedupStats,
    Digest, Fingerprint, FingerprintMode,
};

/// The seeds plus lightly edited copies of them, so there are several families.
fn corpus() -> Vec<CleanArticle> {
    let mut docs = common::load("seeds");
    let extra: Vec<CleanArticle> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut c = d.clone();
            c.id = format!("zz-edit-{i}");
            // Drop every seventh word: a copy edited by about 14%.
            c.text = d.text.split(' ').enumerate().filter(|(k, _)| k % 7 != 3).map(|(_, w)| w).collect::<Vec<_>>().join(" ");
            c
        })
        .collect();
    docs.extend(extra);
    docs
}

/// Statistics and fingerprints per shard from one tokenisation (digests), through serde.
fn sharded_digests(docs: &[CleanArticle], shards: usize, cfg: &DedupConfig) -> (DedupStats, Vec<Fingerprint>) {
    let parts: Vec<&[CleanArticle]> = docs.chunks(docs.len().div_ceil(shards)).collect();
    let mut stats = DedupStats::default();
    let mut digests: Vec<Vec<Digest>> = Vec::new();
    for p in &parts {
        let (s, d) = digest_docs(p, cfg);
        let s: DedupStats = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        stats.merge(&s);
        digests.push(serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap());
    }
    let mut fps: Vec<Fingerprint> = Vec::new();
    for (p, d) in parts.iter().zip(&digests) {
        fps.extend(fingerprints_from_digests(p, d, &stats, cfg));
    }
    fps.sort_by(|a, b| a.id.cmp(&b.id));
    (stats, fps)
}

fn sharded(docs: &[CleanArticle], shards: usize, cfg: &DedupConfig) -> forensics_dedup::DedupResult {
    let parts: Vec<&[CleanArticle]> = docs.chunks(docs.len().div_ceil(shards)).collect();
    // Through serde, as a distributed run would pass them.
    let mut stats = DedupStats::default();
    for p in &parts {
        let s = DedupStats::from_docs(p, cfg);
        let s: DedupStats = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        stats.merge(&s);
    }
    let mut fps: Vec<Fingerprint> = Vec::new();
    for p in &parts {
        let f = fingerprints(p, &stats, cfg);
        let f: Vec<Fingerprint> = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        fps.extend(f);
    }
    fps.sort_by(|a, b| a.id.cmp(&b.id));
    let cands = candidates(&fps, cfg);
    let mut verified = verify(docs, &fps, &stats, &cands, cfg);
    align_pairs(docs, &mut verified.pairs, cfg);
    cluster(&members(&fps), verified, Vec::new(), cfg)
}

fn check(cfg: DedupConfig) {
    let docs = corpus();
    let whole = dedup(&docs, &cfg);
    assert!(whole.families.len() < docs.len(), "the corpus has families to find");
    let (stats, fps) = (DedupStats::from_docs(&docs, &cfg), fingerprints(&docs, &DedupStats::from_docs(&docs, &cfg), &cfg));
    for shards in [1, 2, 3, docs.len()] {
        // Digests give the statistics and fingerprints of two tokenisations.
        assert_eq!(sharded_digests(&docs, shards, &cfg), (stats.clone(), fps.clone()), "{shards} shards");
        let split = sharded(&docs, shards, &cfg);
        assert_eq!(split.families, whole.families, "{shards} shards");
        assert_eq!(split.pairs, whole.pairs, "{shards} shards");
        assert_eq!(split.same_event, whole.same_event, "{shards} shards");
    }
}

#[test]
fn shards_give_the_same_families_minhash() {
    check(DedupConfig { cross_language: false, ..DedupConfig::default() });
}

#[test]
fn shards_give_the_same_families_simhash() {
    check(DedupConfig { cross_language: false, mode: FingerprintMode::SimHash, ..DedupConfig::default() });
}

#[test]
fn shards_give_the_same_families_with_template_shingles() {
    // Shingles in more than two documents are template text here, so some
    // MinHash bins are won by template shingles and those documents take
    // the digest's slow path.
    check(DedupConfig { cross_language: false, max_shingle_df_share: 0.0, min_template_df: 2, ..DedupConfig::default() });
}

#[test]
fn shards_give_the_same_families_with_a_rare_cap_that_grows() {
    // The rare cap follows the corpus size here (half the documents), so a
    // shard drops terms the merged corpus still counts rare: those digests
    // must fall back to the text.
    check(DedupConfig { cross_language: false, rare_max_df: 1, rare_max_df_share: 0.5, ..DedupConfig::default() });
}
