//! Times parse, statistics and clean over a folder of `.txt` pages, single
//! thread: `cargo run --release -p forensics-clean --example timing -- DIR`

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus/seeds".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    paths.sort();
    let pages: Vec<(String, Vec<u8>)> = paths.iter().filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?))).collect();
    let mb = pages.iter().map(|p| p.1.len()).sum::<usize>() as f64 / 1e6;
    let rounds = 5;
    let (mut tp, mut ts, mut tc) = (0.0, 0.0, 0.0);
    for _ in 0..rounds {
        let t = Instant::now();
        let arts: Vec<_> = pages.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
        tp += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let stats = forensics_clean::CorpusStats::from_articles(&arts);
        ts += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let n: usize = arts.iter().map(|a| forensics_clean::clean(a, Some(&stats), &Default::default()).text.len()).sum();
        tc += t.elapsed().as_secs_f64();
        std::hint::black_box(n);
    }
    let r = rounds as f64;
    let total = tp + ts + tc;
    println!("{} pages, {mb:.2} MB; MB/s: parse {:.1}, stats {:.1}, clean {:.1}, all {:.1}; share: parse {:.0}%, stats {:.0}%, clean {:.0}%",
        pages.len(), mb * r / tp, mb * r / ts, mb * r / tc, mb * r / total, 100.0 * tp / total, 100.0 * ts / total, 100.0 * tc / total);
}
