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

    /// Whether a block recurs on so many pages that it is site or page
    /// template. A block shaped like a sentence needs far more pages than a
    /// label does: the same wire paragraph legitimately appears on every
    /// site that carries the story, and later stages need it.
    pub fn is_template(&self, text: &str, sentence_like: bool) -> bool {
        let need = if sentence_like { (self.documents / 10).max(10) } else { (self.documents / 50).max(3) };
        // Too few documents to reach the bar: skip hashing the block.
        self.documents >= need && u64::from(self.block_documents(text)) >= need
    }
}

/// The key under which a block is counted: xxh3 of its text with case and
/// runs of whitespace folded (streamed, no allocation per block).
pub fn block_key(text: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = [0u8; 256];
    let mut len = 0;
    let mut push = |bytes: &[u8], h: &mut xxhash_rust::xxh3::Xxh3| {
        if len + bytes.len() > buf.len() {
            h.update(&buf[..len]);
            len = 0;
        }
        buf[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    };
    let mut utf8 = [0u8; 4];
    let mut space = false;
    let mut started = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            push(b" ", &mut h);
            space = false;
        }
        started = true;
        if c.is_ascii() {
            push(&[c.to_ascii_lowercase() as u8], &mut h);
        } else {
            for l in c.to_lowercase() {
                push(l.encode_utf8(&mut utf8).as_bytes(), &mut h);
            }
        }
    }
    h.update(&buf[..len]);
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_case_and_space() {
        assert_eq!(block_key("Share  this\tStory "), block_key(" share this story"));
        assert_ne!(block_key("share this"), block_key("sharethis"));
    }

    #[test]
    fn merge_adds_shards() {
        let a = forensics_parse::parse_text("a", b"Advertisement\nOne line.\n");
        let b = forensics_parse::parse_text("b", b"Advertisement\nOther line.\n");
        let mut s1 = CorpusStats::from_articles([&a]);
        let s2 = CorpusStats::from_articles([&b]);
        s1.merge(&s2);
        assert_eq!(s1, CorpusStats::from_articles([&a, &b]));
        assert_eq!(s1.block_documents("ADVERTISEMENT"), 2);
    }
}
