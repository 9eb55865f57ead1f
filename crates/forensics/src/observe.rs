//! Watching a run: progress per document and time per stage, for a front end
//! that shows progress bars or timings. The pipeline's output never depends
//! on the observer.

use forensics_parse::Article;
use std::time::{Duration, Instant};

/// A pipeline stage, in run order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Parse,
    Stats,
    Clean,
    Dedup,
    Provenance,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::Stats => "corpus statistics",
            Stage::Clean => "clean",
            Stage::Dedup => "dedup",
            Stage::Provenance => "provenance",
        }
    }
}

/// Callbacks of a run; every method has an empty default. Called from worker
/// threads, hence `Sync`.
pub trait Observer: Sync {
    /// A stage starts with `items` units of work (documents, or 0 when unknown).
    fn stage_started(&self, _stage: Stage, _items: usize) {}
    /// `n` more units of the current stage are done.
    fn advanced(&self, _n: usize) {}
    fn stage_finished(&self, _stage: Stage, _elapsed: Duration) {}
    /// Parsed articles, e.g. to keep their texts for a report: called once
    /// per batch as the run streams, in input order, each document once.
    fn parsed(&self, _articles: &[Article]) {}
}

/// The observer that watches nothing.
impl Observer for () {}

pub(crate) fn timed<T>(obs: &dyn Observer, stage: Stage, items: usize, f: impl FnOnce() -> T) -> T {
    obs.stage_started(stage, items);
    let start = Instant::now();
    let out = f();
    obs.stage_finished(stage, start.elapsed());
    out
}
