//! parse → corpus statistics → clean → dedup → provenance: the entry
//! points, and the run that holds everything at once (the reference the
//! streamed run in `stream.rs` is tested against).

use forensics_clean::{CleanArticle, CleanOptions, CorpusStats};
use forensics_dedup::DedupConfig;
use forensics_input::{Format, InputError, Inputs, RawDocument, Reader, Skip};
use forensics_parse::Article;
use forensics_provenance::{Analysis, ProvenanceConfig, Skipped};
use crate::observe::{timed, Observer, Stage};
use rayon::prelude::*;
use crate::stream::{analyze_source, Batch, Origin, Source};
use std::collections::{BTreeMap, HashMap};

/// Parameters of every stage.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Config {
    pub dedup: DedupConfig,
    pub provenance: ProvenanceConfig,
}

impl Config {
    /// The defaults minus everything that depends on the machine (installed
    /// bilingual dictionaries), so results are the same on every machine:
    /// what tests, snapshots and the recorded evaluation figures use.
    pub fn portable() -> Self {
        let mut cfg = Config::default();
        cfg.dedup.xling.dictionaries = false;
        cfg
    }
}

/// Parses one raw document with the parser its format needs.
pub fn parse_document(raw: &RawDocument) -> Article {
    parse_document_as(raw, &raw.id)
}

/// [`parse_document`] under another id (a clash renamed).
pub(crate) fn parse_document_as(raw: &RawDocument, id: &str) -> Article {
    let mut article = match raw.format {
        #[cfg(feature = "html")]
        Format::Html => forensics_html::parse_html(id, &raw.bytes),
        #[cfg(not(feature = "html"))]
        Format::Html => forensics_parse::parse_text(id, &raw.bytes),
        Format::Text => forensics_parse::parse_text(id, &raw.bytes),
    };
    let h = &raw.hints;
    let m = &mut article.meta;
    if m.headline.is_none() {
        m.headline = h.title.clone();
    }
    // The container's URL (WARC-Target-URI, a JSONL `url`) is where the text
    // was found; the page's own canonical URL is only its claim.
    m.url = h.url.clone().or_else(|| m.url.take());
    m.crawled = h.crawled.clone();
    m.language_hint = m.language_hint.take().or_else(|| h.language.clone());
    // A record's `date` (JSONL) stands where the page states none, as its title does.
    if m.published.is_none() {
        m.published = h.date.as_deref().and_then(record_date);
    }
    article
}

/// The date part of a record's ISO-8601 `date` (`2024-03-04`,
/// `2024-03-04T12:00:00Z`, `2024-03-04 12:00`, `2024-03`, `2024`).
fn record_date(s: &str) -> Option<forensics_parse::PartialDate> {
    let head = s.trim().split(|c: char| !(c.is_ascii_digit() || c == '-')).next()?;
    let mut parts = head.split('-');
    let year = parts.next().filter(|y| y.len() == 4)?.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y))?;
    let num = |p: Option<&str>, max: u8| p.filter(|p| (1..=2).contains(&p.len())).and_then(|p| p.parse::<u8>().ok()).filter(|n| (1..=max).contains(n));
    let month = num(parts.next(), 12);
    let day = month.and(num(parts.next(), 31));
    Some(forensics_parse::PartialDate { year, month, day })
}

/// Makes ids unique: a clash gets `#2`, `#3`… in input order, so the first
/// keeps its name and the result does not depend on thread scheduling.
fn unique_ids(docs: &mut [RawDocument]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for d in docs.iter_mut() {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}#{}", d.id, n);
        }
    }
}

pub fn parse_all(docs: &[RawDocument]) -> Vec<Article> {
    parse_all_observed(docs, &())
}

/// [`parse_all`], reporting each parsed document to `obs`.
pub fn parse_all_observed(docs: &[RawDocument], obs: &dyn Observer) -> Vec<Article> {
    docs.par_iter()
        .map(|d| {
            let a = parse_document(d);
            obs.advanced(1);
            a
        })
        .collect()
}

pub fn clean_all(articles: &[Article]) -> Vec<CleanArticle> {
    clean_all_observed(articles, &())
}

/// [`clean_all`], timing the corpus statistics and reporting each cleaned document to `obs`.
pub fn clean_all_observed(articles: &[Article], obs: &dyn Observer) -> Vec<CleanArticle> {
    let stats = timed(obs, Stage::Stats, 0, || CorpusStats::from_articles(articles));
    let opts = CleanOptions::default();
    timed(obs, Stage::Clean, articles.len(), || {
        articles
            .par_iter()
            .map(|a| {
                let c = forensics_clean::clean(a, Some(&stats), &opts);
                obs.advanced(1);
                c
            })
            .collect()
    })
}

/// Runs the whole pipeline over documents already read.
pub fn analyze_inputs(inputs: Inputs, cfg: &Config) -> Analysis {
    analyze_observed(inputs, cfg, &())
}

/// [`analyze_inputs`], reporting progress and stage times to `obs`. Runs in
/// passes over the documents like [`analyze_paths`], so the parsed and clean
/// articles of the whole corpus are never held at once.
pub fn analyze_observed(inputs: Inputs, cfg: &Config, obs: &dyn Observer) -> Analysis {
    match analyze_source(Source::Memory(&inputs), Batch::default(), cfg, obs) {
        Ok(a) => a,
        // Documents in memory cannot change between passes; were it ever
        // reported, the run that holds everything gives the same answer.
        Err(_) => analyze_at_once(inputs, cfg, obs),
    }
}

/// Reads and analyses `reader`'s paths streaming: the input is read once
/// per pass (three passes, the last only for documents in a family) and
/// never held; memory holds the clean text of the corpus, the dedup index
/// and the analysis (bound and figures in `docs/limits.md`). Fails when a
/// path does not exist or cannot be read, or when the input changes
/// between passes.
pub fn analyze_paths(reader: Reader, cfg: &Config, obs: &dyn Observer) -> Result<Analysis, InputError> {
    analyze_source(Source::Paths(reader), Batch::default(), cfg, obs)
}

/// The pipeline with every stage over the whole corpus at once: raw
/// documents, then parsed articles, then clean articles are all held. Gives
/// the same bytes as [`analyze_inputs`] in more memory; kept as the
/// reference the streamed run is checked against.
pub fn analyze_at_once(mut inputs: Inputs, cfg: &Config, obs: &dyn Observer) -> Analysis {
    unique_ids(&mut inputs.documents);
    let articles = timed(obs, Stage::Parse, inputs.documents.len(), || parse_all_observed(&inputs.documents, obs));
    obs.parsed(&articles);
    let cleaned = clean_all_observed(&articles, obs);
    drop(articles);
    let families = timed(obs, Stage::Dedup, 0, || forensics_dedup::dedup(&cleaned, &cfg.dedup));
    let analysis = timed(obs, Stage::Provenance, 0, || forensics_provenance::provenance(&cleaned, &families, &cfg.provenance));
    let origins: Vec<Origin> =
        inputs.documents.into_iter().map(|d| Origin { id: d.id, source: d.source, locator: d.locator }).collect();
    finish(analysis, &origins, inputs.skipped, cfg)
}

/// Sources, locators, tool description and skips of a finished analysis.
pub(crate) fn finish(mut analysis: Analysis, origins: &[Origin], skipped: Vec<Skip>, cfg: &Config) -> Analysis {
    let origin: BTreeMap<&str, &Origin> = origins.iter().map(|d| (d.id.as_str(), d)).collect();
    for rec in &mut analysis.documents {
        if let Some(o) = origin.get(rec.id.as_str()) {
            rec.source = o.source.clone();
            rec.locator = o.locator.clone();
        }
    }
    analysis.tool.version = env!("CARGO_PKG_VERSION").to_string();
    analysis.tool.parameters = serde_json::to_value(cfg).unwrap_or_default();
    if forensics_dedup::xling::is_multilingual(analysis.documents.iter().map(|d| d.language.as_str())) {
        let languages: std::collections::BTreeSet<String> = analysis.documents.iter().map(|d| d.language.clone()).collect();
        analysis.tool.dictionaries = dictionaries(cfg, &languages);
    }
    analysis.skipped = skipped.into_iter().map(|s| Skipped { source: s.source, locator: s.locator, reason: s.reason }).collect();
    analysis
}

/// Names of the bilingual dictionaries the cross-language stage reads with
/// `cfg` on a corpus in `languages` (none when they are switched off or not
/// installed for those languages).
pub fn dictionaries(cfg: &Config, languages: &std::collections::BTreeSet<String>) -> Vec<String> {
    let x = &cfg.dedup.xling;
    if !x.dictionaries {
        return Vec::new();
    }
    forensics_dedup::xling::Dictionaries::installed_for(&x.dict_dir, Some(languages)).names()
}

#[cfg(test)]
mod record_date_tests {
    #[test]
    fn iso_dates_and_timestamps() {
        let check = |s: &str, want: Option<&str>| assert_eq!(super::record_date(s).map(|d| d.to_string()).as_deref(), want, "{s}");
        check("2024-03-04", Some("2024-03-04"));
        check(" 2024-03-04T12:00:00Z", Some("2024-03-04"));
        check("2024-03-04 12:00:00", Some("2024-03-04"));
        check("2024-3", Some("2024-03"));
        check("2024", Some("2024"));
        check("2024-13-01", Some("2024"));
        check("04/03/2024", None);
        check("yesterday", None);
        check("", None);
    }
}
