//! The run in passes over a re-readable input, so memory holds the clean
//! text of the corpus and little else (docs/limits.md):
//!
//! 1. read → parse, per batch in parallel: ids, origins, corpus statistics;
//! 2. read → parse → clean: the clean text, language, metadata and sentences
//!    each document's dedup needs (no blocks, no removals, no raw bytes);
//! 3. dedup over those;
//! 4. read → parse → clean again only the documents in a family of two or
//!    more, whose evidence provenance builds from the full clean article;
//!    every other document is only a record (id, language, metadata).
//!
//! Every pass sees the same documents in the same order, so document `k` of
//! one pass is document `k` of the others; the answer is the one the stages
//! give over the whole corpus at once, byte for byte.

use crate::observe::{Observer, Stage};
use crate::pipeline::{finish, parse_document_as, Config};
use forensics_clean::{CleanArticle, CleanOptions, CorpusStats};
use forensics_input::{InputError, Inputs, RawDocument, Reader, Sink, Skip};
use forensics_provenance::Analysis;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// A batch is handed to the workers once it holds this many bytes or
/// documents: enough to keep every thread busy, little next to the corpus.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Batch {
    pub bytes: usize,
    pub documents: usize,
}

impl Default for Batch {
    fn default() -> Self {
        Batch { bytes: 32 << 20, documents: 4096 }
    }
}

/// What a run reads: documents already in memory, or paths read once per pass.
pub(crate) enum Source<'a> {
    Memory(&'a Inputs),
    Paths(Reader),
}

impl Source<'_> {
    /// One pass: `f` gets consecutive batches of documents in input order.
    /// Skips are collected on the first pass only.
    fn pass(&mut self, batch: Batch, skipped: Option<&mut Vec<Skip>>, f: &mut dyn FnMut(&[RawDocument])) -> Result<(), InputError> {
        match self {
            Source::Memory(inputs) => {
                if let Some(s) = skipped {
                    s.extend(inputs.skipped.iter().cloned());
                }
                for chunk in inputs.documents.chunks(batch.documents.max(1)) {
                    f(chunk);
                }
                Ok(())
            }
            Source::Paths(reader) => {
                let mut sink = Batcher { limit: batch, batch: Vec::new(), bytes: 0, skipped, f };
                reader.read(&mut sink)?;
                sink.flush();
                Ok(())
            }
        }
    }
}

/// Gathers streamed documents into batches.
struct Batcher<'a, 'f> {
    limit: Batch,
    batch: Vec<RawDocument>,
    bytes: usize,
    skipped: Option<&'a mut Vec<Skip>>,
    f: &'f mut dyn FnMut(&[RawDocument]),
}

impl Batcher<'_, '_> {
    fn flush(&mut self) {
        if !self.batch.is_empty() {
            (self.f)(&self.batch);
            self.batch.clear();
            self.bytes = 0;
        }
    }
}

impl Sink for Batcher<'_, '_> {
    fn document(&mut self, doc: RawDocument) {
        self.bytes += doc.bytes.len();
        self.batch.push(doc);
        if self.bytes >= self.limit.bytes || self.batch.len() >= self.limit.documents {
            self.flush();
        }
    }
    fn skip(&mut self, skip: Skip) {
        if let Some(s) = self.skipped.as_deref_mut() {
            s.push(skip);
        }
    }
}

/// Where a document came from, and the id it goes by (clashes renamed).
pub(crate) struct Origin {
    pub id: String,
    pub source: String,
    pub locator: Option<String>,
}

impl Origin {
    /// Whether `raw` is the document this origin was made from: its id, or
    /// its id renamed with `#n`. A later pass that disagrees read a changed input.
    fn matches(&self, raw: &RawDocument) -> bool {
        self.id == raw.id || self.id.strip_prefix(raw.id.as_str()).is_some_and(|rest| rest.starts_with('#'))
    }
}

fn changed() -> InputError {
    InputError::Io { path: "input".into(), source: std::io::Error::other("the input changed while it was being read (documents differ between passes)") }
}

/// Runs the whole pipeline in passes over `source`.
pub(crate) fn analyze_source(mut source: Source<'_>, batch: Batch, cfg: &Config, obs: &dyn Observer) -> Result<Analysis, InputError> {
    let opts = CleanOptions::default();

    // Pass 1: ids, origins, corpus statistics.
    obs.stage_started(Stage::Parse, 0);
    let start = Instant::now();
    let mut origins: Vec<Origin> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut stats = CorpusStats::default();
    let mut skipped = Vec::new();
    source.pass(batch, Some(&mut skipped), &mut |batch| {
        let first = origins.len();
        for d in batch {
            // A clash gets `#2`, `#3`… in input order, so the first keeps its
            // name and the result does not depend on thread scheduling.
            let n = seen.entry(d.id.clone()).or_insert(0);
            *n += 1;
            let id = if *n > 1 { format!("{}#{}", d.id, n) } else { d.id.clone() };
            origins.push(Origin { id, source: d.source.clone(), locator: d.locator.clone() });
        }
        let ids = &origins[first..];
        let articles: Vec<_> = batch
            .par_iter()
            .zip(ids)
            .map(|(d, o)| {
                let a = parse_document_as(d, &o.id);
                obs.advanced(1);
                a
            })
            .collect();
        obs.parsed(&articles);
        let part = articles.par_chunks(64).map(CorpusStats::from_articles).reduce(CorpusStats::default, |mut a, b| {
            a.merge(&b);
            a
        });
        stats.merge(&part);
    })?;
    drop(seen);
    obs.stage_finished(Stage::Parse, start.elapsed());

    // Pass 2: what dedup reads, per document.
    obs.stage_started(Stage::Clean, origins.len());
    let start = Instant::now();
    let mut docs: Vec<CleanArticle> = Vec::with_capacity(origins.len());
    let mut mismatch = false;
    source.pass(batch, None, &mut |batch| {
        let first = docs.len();
        let Some(ids) = origins.get(first..first + batch.len()) else {
            mismatch = true;
            return;
        };
        mismatch |= !batch.iter().zip(ids).all(|(d, o)| o.matches(d));
        let cleaned: Vec<CleanArticle> = batch
            .par_iter()
            .zip(ids)
            .map(|(d, o)| {
                let c = forensics_clean::clean(&parse_document_as(d, &o.id), Some(&stats), &opts);
                obs.advanced(1);
                for_dedup(c)
            })
            .collect();
        docs.extend(cleaned);
    })?;
    if mismatch || docs.len() != origins.len() {
        return Err(changed());
    }
    obs.stage_finished(Stage::Clean, start.elapsed());

    let families = crate::observe::timed(obs, Stage::Dedup, 0, || forensics_dedup::dedup(&docs, &cfg.dedup));

    // Pass 3: the full clean article of every document provenance compares.
    obs.stage_started(Stage::Provenance, 0);
    let start = Instant::now();
    let compared: HashSet<&str> = families.families.iter().filter(|f| f.members.len() > 1).flat_map(|f| f.members.iter().map(String::as_str)).collect();
    let wanted: Vec<bool> = docs.iter().map(|d| compared.contains(d.id.as_str())).collect();
    drop(compared);
    for d in docs.iter_mut() {
        // Compared documents are cleaned again below; the others are only
        // records, whose text no later stage reads.
        d.text = String::new();
        d.sentences = Vec::new();
    }
    if wanted.iter().any(|&w| w) {
        let mut at = 0;
        source.pass(batch, None, &mut |batch| {
            let range = at..at + batch.len();
            at = range.end;
            let (Some(ids), Some(want)) = (origins.get(range.clone()), wanted.get(range.clone())) else {
                mismatch = true;
                return;
            };
            if !batch.iter().zip(ids).all(|(d, o)| o.matches(d)) {
                mismatch = true;
                return;
            }
            let full: Vec<(usize, CleanArticle)> = batch
                .par_iter()
                .zip(ids)
                .zip(want)
                .enumerate()
                .filter(|(_, (_, w))| **w)
                .map(|(k, ((d, o), _))| (range.start + k, forensics_clean::clean(&parse_document_as(d, &o.id), Some(&stats), &opts)))
                .collect();
            for (k, c) in full {
                docs[k] = c;
            }
        })?;
        if mismatch || at != origins.len() {
            return Err(changed());
        }
    }
    let analysis = forensics_provenance::provenance(&docs, &families, &cfg.provenance);
    obs.stage_finished(Stage::Provenance, start.elapsed());
    drop(docs);
    Ok(finish(analysis, &origins, skipped, cfg))
}

/// The part of a clean article dedup reads (id, language, text, sentences)
/// and the record provenance writes for it (metadata), in as little memory
/// as that takes.
fn for_dedup(mut c: CleanArticle) -> CleanArticle {
    c.blocks = Vec::new();
    c.removed = Vec::new();
    c.text.shrink_to_fit();
    c.sentences.shrink_to_fit();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use forensics_input::{Format, Hints, Limits};

    fn doc(id: &str, text: &str) -> RawDocument {
        RawDocument { id: id.into(), source: "t".into(), locator: None, format: Format::Text, bytes: text.as_bytes().to_vec(), hints: Hints::default() }
    }

    /// Batches of one, two and three documents (so ids clash across batch
    /// boundaries and families span them) give the bytes of the run at once.
    #[test]
    fn batch_boundaries_do_not_change_the_answer() {
        let story = "Storms hit the northern coast on Monday, cutting power to 40,000 homes.\n\nOfficials in Harbourton said crews would work through the night to restore lines.\n\nThe weather service expects calmer winds by Wednesday.";
        let other = "The city council approved a new budget on Tuesday after a long debate.\n\nThe plan adds 12 buses to the northern routes and repairs two bridges.";
        let inputs = Inputs {
            documents: vec![
                doc("a", story),
                doc("b", other),
                doc("a", &story.replace("40,000", "45,000")),
                doc("c", &format!("{story}\n\nShare this story")),
                doc("d", other),
                doc("b", "Die Stadt hat am Dienstag einen neuen Haushalt beschlossen; 12 Busse kommen hinzu."),
            ],
            skipped: vec![Skip { source: "x".into(), locator: None, reason: "test".into() }],
        };
        let cfg = Config::portable();
        let json = |a: &Analysis| serde_json::to_string(a).unwrap_or_default();
        let copy = || Inputs { documents: inputs.documents.clone(), skipped: inputs.skipped.clone() };
        let whole = json(&crate::analyze_at_once(copy(), &cfg, &()));
        assert!(whole.contains("\"a#2\""), "{whole}");
        for documents in 1..=3 {
            let batch = Batch { bytes: usize::MAX, documents };
            let streamed = analyze_source(Source::Memory(&inputs), batch, &cfg, &()).map(|a| json(&a)).unwrap_or_default();
            assert!(streamed == whole, "batches of {documents}:\n{streamed}\n---\n{whole}");
        }
        // And by size: every document its own batch.
        let batch = Batch { bytes: 1, documents: usize::MAX };
        let dir = std::env::temp_dir().join(format!("forensics-stream-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("export.jsonl");
        let lines: Vec<String> = inputs
            .documents
            .iter()
            .map(|d| serde_json::json!({"id": d.id, "text": String::from_utf8_lossy(&d.bytes)}).to_string())
            .chain(["{broken".to_string()])
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap_or_default();
        let reader = Reader::new(vec![path.clone()], Limits::default());
        let from_file = analyze_source(Source::Paths(reader), batch, &cfg, &()).map(|a| json(&a)).unwrap_or_default();
        let held = crate::analyze_at_once(forensics_input::read_paths(&[path], &Limits::default()).unwrap_or_default(), &cfg, &());
        let _ = std::fs::remove_dir_all(&dir);
        assert!(held.skipped.len() == 1, "{:?}", held.skipped);
        assert!(from_file == json(&held), "{from_file}\n---\n{}", json(&held));
    }
}
