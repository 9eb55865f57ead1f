//! Times parse, statistics and clean over a folder of `.txt` pages, single
//! thread: `cargo run --release -p forensics-clean --example timing -- DIR [ROUNDS]`
//! (one round under callgrind counts instructions per step).
//!
//! Times are the thread's CPU time (`/proc/thread-self/schedstat`, Linux)
//! where available, so that a loaded machine does not count the time the
//! thread waited for a core; wall-clock time otherwise.

use std::time::Instant;

/// Nanoseconds this thread has run on a CPU, if the kernel tells.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

struct Clock(Instant, Option<u64>);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), cpu_ns())
    }
    fn secs(&self) -> f64 {
        match (self.1, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => self.0.elapsed().as_secs_f64(),
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus/seeds".into());
    let rounds: usize = std::env::args().nth(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut paths: Vec<_> = std::fs::read_dir(&dir).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    paths.sort();
    let pages: Vec<(String, Vec<u8>)> = paths.iter().filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?))).collect();
    let mb = pages.iter().map(|p| p.1.len()).sum::<usize>() as f64 / 1e6;
    // One untimed round: tables are built on first use.
    let arts: Vec<_> = pages.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
    let stats = forensics_clean::CorpusStats::from_articles(&arts);
    std::hint::black_box(arts.iter().map(|a| forensics_clean::clean(a, Some(&stats), &Default::default()).text.len()).sum::<usize>());
    let (mut tp, mut ts, mut tc) = (0.0, 0.0, 0.0);
    // The fastest round of each step too: on a shared machine the mean
    // carries the other jobs' cache and core contention, the best round less.
    let (mut bp, mut bs, mut bc) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..rounds {
        let t = Clock::start();
        let arts: Vec<_> = pages.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
        let d = t.secs();
        tp += d;
        bp = bp.min(d);
        let t = Clock::start();
        let stats = forensics_clean::CorpusStats::from_articles(&arts);
        let d = t.secs();
        ts += d;
        bs = bs.min(d);
        let t = Clock::start();
        let n: usize = arts.iter().map(|a| forensics_clean::clean(a, Some(&stats), &Default::default()).text.len()).sum();
        let d = t.secs();
        tc += d;
        bc = bc.min(d);
        std::hint::black_box(n);
    }
    let r = rounds as f64;
    let total = tp + ts + tc;
    println!("{} pages, {mb:.2} MB; MB/s (thread CPU time): parse {:.1}, stats {:.1}, clean {:.1}, all {:.1}; share: parse {:.0}%, stats {:.0}%, clean {:.0}%",
        pages.len(), mb * r / tp, mb * r / ts, mb * r / tc, mb * r / total, 100.0 * tp / total, 100.0 * ts / total, 100.0 * tc / total);
    println!("best round: parse {:.1}, stats {:.1}, clean {:.1}, parse+clean {:.1}", mb / bp, mb / bs, mb / bc, mb / (bp + bc));
}
