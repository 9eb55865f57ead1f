//! Corpus statistics: a stage of its own so sharded runs compute it first
//! and merge, then clean every shard with the merged statistics.

use forensics_parse::Article;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many documents each normalised block occurs in (by stable hash).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    pub documents: u64,
    /// xxh3 of the block's normalised text → number of documents holding it.
    pub block_df: BTreeMap<u64, u32>,
}

impl CorpusStats {
    pub fn from_articles<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Self {
        let mut stats = CorpusStats::default();
        for a in articles {
            stats.add(a);
        }
        stats
    }

    pub fn add(&mut self, article: &Article) {
        self.documents += 1;
        let mut seen: Vec<u64> = article.blocks.iter().map(|b| block_key(article.block_text(b))).collect();
        seen.sort_unstable();
        seen.dedup();
        for h in seen {
            *self.block_df.entry(h).or_insert(0) += 1;
        }
    }

    /// Merges the statistics of another shard.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.documents += other.documents;
        for (k, v) in &other.block_df {
            *self.block_df.entry(*k).or_insert(0) += v;
        }
    }

    pub fn block_documents(&self, text: &str) -> u32 {
        self.block_df.get(&block_key(text)).copied().unwrap_or(0)
    }
}

/// The key under which a block is counted: case- and space-folded text.
pub fn block_key(text: &str) -> u64 {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    xxhash_rust::xxh3::xxh3_64(folded.as_bytes())
}
