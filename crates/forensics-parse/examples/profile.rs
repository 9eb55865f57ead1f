//! Parses the given files many times: a target for `perf record`.
//!
//! `cargo run --release -p forensics-parse --example profile -- corpus/seeds/*.txt`

fn main() {
    let files: Vec<(String, Vec<u8>)> =
        std::env::args().skip(1).filter_map(|p| Some((p.clone(), std::fs::read(&p).ok()?))).collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let start = std::time::Instant::now();
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(200);
    for _ in 0..rounds {
        for (name, b) in &files {
            std::hint::black_box(forensics_parse::parse_text(name, b));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{:.1} MB/s", (bytes * rounds) as f64 / secs / 1e6);
}
