//! Micro-benchmarks of the per-document work: shingling, MinHash, banding.
//! `cargo bench -p forensics-dedup`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use forensics_dedup::{lsh, minhash, normalize, shingle, simhash, terms};
use std::hint::black_box;

/// About 5 KB of news-like English, built from the seed corpus text.
fn text() -> String {
    let seed = include_str!("../../../corpus/seeds/004_3dceb87ed35c7edd.txt");
    let mut t = String::new();
    while t.len() < 5_000 {
        t.push_str(seed);
    }
    t.truncate(t.char_indices().map(|(i, _)| i).take_while(|&i| i <= 5_000).last().unwrap_or(0));
    t
}

fn benches(c: &mut Criterion) {
    let text = text();
    let mut g = c.benchmark_group("per-document");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tokenise", |b| b.iter(|| normalize::tokens(black_box(&text), 1)));
    let toks = normalize::tokens(&text, 1);
    g.bench_function("shingle-5", |b| b.iter(|| shingle::shingles(black_box(&toks), 5, 1)));
    // The one pass's term counting needs each document's distinct terms.
    let ts = terms::terms(&text, &toks, 1);
    let mut out = Vec::new();
    g.bench_function("terms-distinct", |b| b.iter(|| terms::distinct_into(black_box(&ts), &mut out)));
    g.bench_function("terms-sorted-distinct", |b| {
        b.iter(|| {
            let mut k: Vec<(u64, bool)> = black_box(&ts).iter().map(|t| (t.hash, t.name || t.number)).collect();
            k.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            k.dedup_by_key(|e| e.0);
            k
        })
    });
    let sh = shingle::shingles(&toks, 5, 1);
    for bins in [64usize, 128, 256] {
        g.bench_with_input(BenchmarkId::new("minhash-oph", bins), &bins, |b, &bins| b.iter(|| minhash::signature(black_box(&sh), bins, 1)));
    }
    // The classic scheme for comparison: one multiply-add and compare per shingle and permutation.
    g.bench_function("minhash-classic-128", |b| {
        let perms: Vec<(u64, u64)> = (0..128u64).map(|i| (minhash::mix(i) | 1, minhash::mix(i + 1000))).collect();
        b.iter(|| {
            let mut sig = [u32::MAX; 128];
            for &h in black_box(&sh) {
                for (s, &(a, c)) in sig.iter_mut().zip(&perms) {
                    *s = (*s).min((h.wrapping_mul(a).wrapping_add(c) >> 32) as u32);
                }
            }
            sig
        })
    });
    g.bench_function("simhash", |b| b.iter(|| simhash::simhash(black_box(&sh), 1)));
    let sig = minhash::signature(&sh, 128, 1);
    let banding = lsh::optimal_banding(0.5, 128);
    g.bench_function("band-keys", |b| b.iter(|| lsh::band_keys(black_box(&sig), banding, 1)));
    g.finish();
    c.bench_function("optimal-banding-128", |b| b.iter(|| lsh::optimal_banding(black_box(0.5), 128)));
}

criterion_group!(name = group; config = Criterion::default().sample_size(20); targets = benches);
criterion_main!(group);
