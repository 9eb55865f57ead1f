//! Parse + clean throughput per MB of page text, and each step alone:
//! `cargo bench -p forensics-clean --bench clean`.
//!
//! Three inputs: `corpus/*/*.txt` (the real seeds, layout fixtures and the
//! reuse packs: articles with some boilerplate), and, when `../shared` is
//! beside the workspace, the 181 naive full-page text dumps of
//! `../shared/eval/extraction/plaintext/` (real pages, mostly boilerplate
//! lines: the harder case, where per-line costs dominate) and the 1,491
//! articles of `../shared/eval/wmt-news/docs/` (clean news text in eight
//! languages). Issue #3's aim
//! is parse + clean at 50 MB/s per core; the statistics stage is timed on
//! its own (it runs once per corpus or shard, before cleaning).
//!
//! The allocator is mimalloc, as in the `forensics` binary, so the figures
//! are what users run.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use forensics_clean::{clean, CleanOptions, CorpusStats};
use std::hint::black_box;
use std::path::Path;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The `.txt` files of `dir`, or of each of its subfolders with `nested`.
fn pages(dir: &Path, nested: bool) -> Vec<(String, Vec<u8>)> {
    let list = |d: &Path| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(d).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        v.sort();
        v
    };
    let dirs = if nested { list(dir).into_iter().filter(|d| d.is_dir()).collect() } else { vec![dir.to_path_buf()] };
    let mut out = Vec::new();
    for d in dirs {
        for f in list(&d).into_iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
            if let Ok(bytes) = std::fs::read(&f) {
                out.push((f.display().to_string(), bytes));
            }
        }
    }
    out
}

fn group(c: &mut Criterion, name: &str, pages: &[(String, Vec<u8>)]) {
    let bytes: u64 = pages.iter().map(|(_, b)| b.len() as u64).sum();
    let articles: Vec<_> = pages.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
    let stats = CorpusStats::from_articles(&articles);
    let opts = CleanOptions::default();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("parse", |b| b.iter(|| pages.iter().map(|(id, p)| black_box(forensics_parse::parse_text(id, p)).blocks.len()).sum::<usize>()));
    g.bench_function("stats", |b| b.iter(|| black_box(CorpusStats::from_articles(&articles)).documents));
    g.bench_function("clean", |b| b.iter(|| articles.iter().map(|a| black_box(clean(a, Some(&stats), &opts)).text.len()).sum::<usize>()));
    g.bench_function("parse+clean", |b| {
        b.iter(|| pages.iter().map(|(id, p)| black_box(clean(&forensics_parse::parse_text(id, p), Some(&stats), &opts)).text.len()).sum::<usize>())
    });
    g.bench_function("parse+stats+clean", |b| {
        b.iter(|| {
            let arts: Vec<_> = pages.iter().map(|(id, p)| forensics_parse::parse_text(id, p)).collect();
            let st = CorpusStats::from_articles(&arts);
            arts.iter().map(|a| black_box(clean(a, Some(&st), &opts)).text.len()).sum::<usize>()
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    group(c, "corpus", &pages(&root.join("corpus"), true));
    let dumps = root.join("../shared/eval/extraction/plaintext");
    if dumps.is_dir() {
        group(c, "extraction-pages", &pages(&dumps, false));
    } else {
        eprintln!("bench: ../shared/eval/extraction/plaintext is absent: extraction pages skipped");
    }
    // Clean news articles in eight languages (43 % of the bytes English,
    // 24 % Cyrillic, 17 % Chinese and Japanese): the multilingual case,
    // where language identification and non-ASCII words cost most.
    let wmt = root.join("../shared/eval/wmt-news/docs");
    if wmt.is_dir() {
        group(c, "wmt-news", &pages(&wmt, false));
    } else {
        eprintln!("bench: ../shared/eval/wmt-news is absent: wmt-news skipped");
    }
    // The steps inside clean, on the corpus's clean texts.
    let corpus = pages(&root.join("corpus"), true);
    let articles: Vec<_> = corpus.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
    let stats = CorpusStats::from_articles(&articles);
    let texts: Vec<_> = articles.iter().map(|a| clean(a, Some(&stats), &CleanOptions::default())).collect();
    let mut g = c.benchmark_group("clean-steps");
    g.throughput(Throughput::Bytes(texts.iter().map(|t| t.text.len() as u64).sum()));
    g.bench_function("language", |b| b.iter(|| texts.iter().map(|t| black_box(forensics_clean::detect_language(&t.text)).len()).sum::<usize>()));
    g.bench_function("sentences", |b| b.iter(|| texts.iter().map(|t| black_box(forensics_clean::split_sentences(&t.text, &t.language)).len()).sum::<usize>()));
    g.bench_function("normalized", |b| b.iter(|| texts.iter().map(|t| black_box(t.normalized()).text.len()).sum::<usize>()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
