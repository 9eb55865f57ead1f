//! parse → corpus statistics → clean → dedup → provenance.

use forensics_clean::{CleanArticle, CleanOptions, CorpusStats};
use forensics_dedup::DedupConfig;
use forensics_input::{Format, Inputs, RawDocument};
use forensics_parse::Article;
use forensics_provenance::{Analysis, ProvenanceConfig, Skipped};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Parameters of every stage.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Config {
    pub dedup: DedupConfig,
    pub provenance: ProvenanceConfig,
}

/// Parses one raw document with the parser its format needs.
pub fn parse_document(raw: &RawDocument) -> Article {
    let mut article = match raw.format {
        Format::Text | Format::Html => forensics_parse::parse_text(&raw.id, &raw.bytes),
    };
    let h = &raw.hints;
    let m = &mut article.meta;
    if m.headline.is_none() {
        m.headline = h.title.clone();
    }
    m.url = m.url.take().or_else(|| h.url.clone());
    m.crawled = h.crawled.clone();
    m.language_hint = m.language_hint.take().or_else(|| h.language.clone());
    article
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
    docs.par_iter().map(parse_document).collect()
}

pub fn clean_all(articles: &[Article]) -> Vec<CleanArticle> {
    let stats = CorpusStats::from_articles(articles);
    let opts = CleanOptions::default();
    articles.par_iter().map(|a| forensics_clean::clean(a, Some(&stats), &opts)).collect()
}

/// Runs the whole pipeline over documents already read.
pub fn analyze_inputs(mut inputs: Inputs, cfg: &Config) -> Analysis {
    unique_ids(&mut inputs.documents);
    let articles = parse_all(&inputs.documents);
    let cleaned = clean_all(&articles);
    let families = forensics_dedup::dedup(&cleaned, &cfg.dedup);
    let mut analysis = forensics_provenance::provenance(&cleaned, &families, &cfg.provenance);
    let origin: BTreeMap<&str, &RawDocument> = inputs.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    for rec in &mut analysis.documents {
        if let Some(raw) = origin.get(rec.id.as_str()) {
            rec.source = raw.source.clone();
            rec.locator = raw.locator.clone();
        }
    }
    analysis.tool.version = env!("CARGO_PKG_VERSION").to_string();
    analysis.tool.parameters = serde_json::to_value(cfg).unwrap_or_default();
    analysis.skipped = inputs
        .skipped
        .into_iter()
        .map(|s| Skipped { source: s.source, locator: s.locator, reason: s.reason })
        .collect();
    analysis
}
