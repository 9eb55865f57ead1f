//! Parse + clean throughput per MB of page text, and each step alone, on
//! the corpus documents (`corpus/*/*.txt`: real seeds and layout fixtures).
//! `cargo bench -p forensics-clean --bench clean`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use forensics_clean::{clean, CleanOptions, CorpusStats};
use std::hint::black_box;

fn pages() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let mut files: Vec<_> = std::fs::read_dir(dir).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        files.sort();
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
            if let Ok(bytes) = std::fs::read(f) {
                out.push((f.display().to_string(), bytes));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: u64 = pages.iter().map(|(_, b)| b.len() as u64).sum();
    let articles: Vec<_> = pages.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
    let stats = CorpusStats::from_articles(&articles);
    let opts = CleanOptions::default();

    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("parse", |b| b.iter(|| pages.iter().map(|(id, p)| black_box(forensics_parse::parse_text(id, p)).blocks.len()).sum::<usize>()));
    g.bench_function("stats", |b| b.iter(|| black_box(CorpusStats::from_articles(&articles)).documents));
    g.bench_function("clean", |b| b.iter(|| articles.iter().map(|a| black_box(clean(a, Some(&stats), &opts)).text.len()).sum::<usize>()));
    g.bench_function("parse+stats+clean", |b| {
        b.iter(|| {
            let arts: Vec<_> = pages.iter().map(|(id, p)| forensics_parse::parse_text(id, p)).collect();
            let st = CorpusStats::from_articles(&arts);
            arts.iter().map(|a| black_box(clean(a, Some(&st), &opts)).text.len()).sum::<usize>()
        })
    });
    // The steps inside clean, to see where its time goes.
    let texts: Vec<CleanArticleText> = articles.iter().map(|a| CleanArticleText(clean(a, Some(&stats), &opts))).collect();
    g.bench_function("clean/language", |b| b.iter(|| texts.iter().map(|t| black_box(forensics_clean::detect_language(&t.0.text)).len()).sum::<usize>()));
    g.bench_function("clean/sentences", |b| b.iter(|| texts.iter().map(|t| black_box(forensics_clean::split_sentences(&t.0.text, &t.0.language)).len()).sum::<usize>()));
    g.bench_function("clean/normalized", |b| b.iter(|| texts.iter().map(|t| black_box(t.0.normalized()).text.len()).sum::<usize>()));
    g.finish();
}

struct CleanArticleText(forensics_clean::CleanArticle);

criterion_group!(benches, bench);
criterion_main!(benches);
