//! Parser throughput (MB/s) on the seed pages and on large synthetic pages,
//! next to a peer: decoding plus line splitting alone (the floor any text
//! parser pays), measured in the same run.
//!
//! `cargo bench -p forensics-parse --bench parse`
//!
//! `FORENSICS_BENCH_PAGES=DIR` adds a group over the `.txt` pages of DIR
//! (real scraped pages, e.g. an evaluation pack's plain-text folder).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn seeds() -> Vec<(String, Vec<u8>)> {
    pages(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds"))
}

/// The `.txt` files of `dir`, sorted by name.
fn pages(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A long scraped page: header furniture, many paragraphs with headings,
/// lists and captions, then teasers and footer; about `target` bytes.
fn synthetic_page(target: usize) -> Vec<u8> {
    let mut page = String::from(
        "Home | News | Sport | Culture\nBig storm hits the coast\nBy Jane Roe\nPublished 11 March 2025, 16:42\n\
         2 min read\n\nLONDON (Reuters) - A storm hit the coast on Monday, officials said.\n\n",
    );
    let paragraphs = [
        "Emergency services said more than 400 homes lost power overnight, according to Tidewater Press, and crews were working to restore supplies by Tuesday evening.\n\n",
        "“We have never seen water this high,” said Ingrid Solberg, 64, whose café on the seafront flooded for the second time this year.\n\n",
        "What happens next\n\n",
        "- Roads reopen on Wednesday\n- Schools stay closed\n\n",
        "Waves break over the harbour wall in Kestrel Bay, Monday, March 10, 2025. REUTERS/Jane Doe\n\n",
        "Forecasters expect winds to ease by Thursday, although a second band of rain may bring more flooding to low-lying areas in the north.\n",
    ];
    let mut i = 0;
    while page.len() < target {
        page.push_str(paragraphs[i % paragraphs.len()]);
        i += 1;
    }
    page.push_str("\nAP\n\nRecommended Stories\n\n• Another story\n\nSubscribe to our newsletter\n");
    page.into_bytes()
}

/// The peer: decode and split into trimmed non-empty lines, nothing else.
fn peer(bytes: &[u8]) -> usize {
    let (text, _) = forensics_parse::decode(bytes);
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("seeds");
    group.measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    let seeds = seeds();
    let all: Vec<u8> = seeds.iter().flat_map(|(_, b)| b.iter().copied()).collect();
    group.throughput(Throughput::Bytes(all.len() as u64));
    group.bench_function("parse_text/all-seeds", |b| {
        b.iter(|| {
            for (name, bytes) in &seeds {
                black_box(forensics_parse::parse_text(name, black_box(bytes)));
            }
        })
    });
    group.bench_function("peer/all-seeds", |b| {
        b.iter(|| seeds.iter().map(|(_, bytes)| peer(black_box(bytes))).sum::<usize>())
    });
    group.finish();

    if let Some(dir) = std::env::var_os("FORENSICS_BENCH_PAGES") {
        let pages = pages(std::path::Path::new(&dir));
        let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
        if pages.is_empty() {
            eprintln!("FORENSICS_BENCH_PAGES: no .txt pages in {dir:?}, group skipped");
        } else {
            let mut group = c.benchmark_group("pages");
            group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
            group.throughput(Throughput::Bytes(bytes as u64));
            group.bench_function("parse_text", |b| {
                b.iter(|| {
                    for (name, bytes) in &pages {
                        black_box(forensics_parse::parse_text(name, black_box(bytes)));
                    }
                })
            });
            group.bench_function("peer", |b| {
                b.iter(|| pages.iter().map(|(_, bytes)| peer(black_box(bytes))).sum::<usize>())
            });
            group.finish();
        }
    }

    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    let page = synthetic_page(4 << 20);
    let long_line = {
        let mut s = b"MOSCOW (AP) \xe2\x80\x94 ".to_vec();
        while s.len() < 16 << 20 {
            s.extend_from_slice("officials said the storm, “the worst in years”, cut power; ".as_bytes());
        }
        s
    };
    for (name, bytes) in [("page-4MB", &page), ("one-line-16MB", &long_line)] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse_text", name), bytes, |b, bytes| {
            b.iter(|| forensics_parse::parse_text("synthetic", black_box(bytes)))
        });
        group.bench_with_input(BenchmarkId::new("peer", name), bytes, |b, bytes| b.iter(|| peer(black_box(bytes))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
