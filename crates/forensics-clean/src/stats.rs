//! Corpus statistics: a stage of its own so sharded runs compute it first
//! and merge, then clean every shard with the merged statistics.

use forensics_parse::Article;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many documents each normalised block occurs in (by stable hash).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct CorpusStats {
    pub documents: u64,
    /// xxh3 of the block's normalised text → number of documents holding it.
    /// (Change it through [`CorpusStats::add`] and [`CorpusStats::merge`]:
    /// the template look-up is built from it on first use.)
    pub block_df: BTreeMap<u64, u32>,
    /// The keys on [`MIN_TEMPLATE_DOCS`] documents or more, for the
    /// template test of every block of every page (a tree walk per block
    /// was a twentieth of the cleaner's time).
    #[serde(skip)]
    recurring: std::sync::OnceLock<Recurring>,
}

impl PartialEq for CorpusStats {
    fn eq(&self, other: &Self) -> bool {
        self.documents == other.documents && self.block_df == other.block_df
    }
}

impl Eq for CorpusStats {}

impl std::fmt::Debug for CorpusStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusStats").field("documents", &self.documents).field("block_df", &self.block_df).finish()
    }
}

/// No block is template on fewer documents (see [`CorpusStats::template_bar`]).
const MIN_TEMPLATE_DOCS: u32 = 3;

/// Keys with their document counts in one flat open-addressing array
/// (a count of 0 marks an empty slot).
#[derive(Clone, Default)]
struct Recurring {
    slots: Vec<(u64, u32)>,
    shift: u32,
}

impl Recurring {
    fn build(df: &BTreeMap<u64, u32>) -> Recurring {
        let n = df.values().filter(|&&c| c >= MIN_TEMPLATE_DOCS).count();
        let size = (n * 2).next_power_of_two().max(16);
        let mut r = Recurring { slots: vec![(0, 0); size], shift: 64 - size.trailing_zeros() };
        for (&k, &c) in df.iter().filter(|&(_, &c)| c >= MIN_TEMPLATE_DOCS) {
            let mut i = r.index(k);
            while r.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            r.slots[i] = (k, c);
        }
        r
    }

    #[inline]
    fn index(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The count of `k`, 0 when it is on fewer than [`MIN_TEMPLATE_DOCS`].
    fn get(&self, k: u64) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.index(k);
        while let Some(&(key, c)) = self.slots.get(i) {
            if c == 0 {
                return 0;
            }
            if key == k {
                return c;
            }
            i = (i + 1) & mask;
        }
        0
    }
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
        self.recurring = Default::default();
        self.documents += 1;
        let mut buf = Vec::new();
        let mut seen: Vec<u64> = article.blocks.iter().map(|b| key_with(article.block_text(b), &mut buf)).collect();
        seen.sort_unstable();
        seen.dedup();
        for h in seen {
            *self.block_df.entry(h).or_insert(0) += 1;
        }
    }

    /// Merges the statistics of another shard.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.recurring = Default::default();
        self.documents += other.documents;
        for (k, v) in &other.block_df {
            *self.block_df.entry(*k).or_insert(0) += v;
        }
    }

    pub fn block_documents(&self, text: &str) -> u32 {
        self.key_documents(block_key(text))
    }

    /// The number of documents holding the block with key `key` (see [`block_key`]).
    pub fn key_documents(&self, key: u64) -> u32 {
        self.block_df.get(&key).copied().unwrap_or(0)
    }

    /// Whether a block recurs on so many pages that it is site or page
    /// template. A block shaped like a sentence needs far more pages than a
    /// label does: the same wire paragraph legitimately appears on every
    /// site that carries the story, and later stages need it.
    pub fn is_template(&self, text: &str, sentence_like: bool) -> bool {
        // Too few documents to reach the bar: skip hashing the block.
        self.template_bar(sentence_like).is_some() && self.is_template_key(block_key(text), sentence_like)
    }

    /// [`CorpusStats::is_template`] of a block by its key.
    pub fn is_template_key(&self, key: u64, sentence_like: bool) -> bool {
        // (Every bar is at least MIN_TEMPLATE_DOCS: keys on fewer documents
        // are left out of the look-up and count 0 there.)
        self.template_bar(sentence_like)
            .is_some_and(|need| u64::from(self.recurring.get_or_init(|| Recurring::build(&self.block_df)).get(key)) >= need)
    }

    /// How many documents a block must be on to be template; `None` when
    /// the corpus is too small for any block to get there.
    pub fn template_bar(&self, sentence_like: bool) -> Option<u64> {
        let need = if sentence_like { (self.documents / 10).max(10) } else { (self.documents / 50).max(3) };
        (self.documents >= need).then_some(need)
    }
}

/// The key under which a block is counted: xxh3 of its text with case and
/// runs of whitespace folded, leading and trailing whitespace dropped.
pub fn block_key(text: &str) -> u64 {
    key_with(text, &mut Vec::new())
}

/// [`block_key`], folding into a buffer the caller reuses.
fn key_with(text: &str, buf: &mut Vec<u8>) -> u64 {
    crate::features::fold_key(text, buf);
    key_of_folded(buf)
}

/// The key of text already folded the way [`block_key`] folds it.
pub(crate) fn key_of_folded(folded: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_look_up_agrees_with_the_counts() {
        let mut stats = CorpusStats::default();
        for i in 0..60 {
            let page = format!("Share this\n\nRead more {}\n\nStory number {i} is told here.\n\nFooter line {}\n", i % 4, i % 30);
            stats.add(&forensics_parse::parse_text("p", page.as_bytes()));
        }
        let keys: Vec<u64> = stats.block_df.keys().copied().chain([0, 1, u64::MAX]).collect();
        for sentence_like in [false, true] {
            for &k in &keys {
                let want = stats.template_bar(sentence_like).is_some_and(|need| u64::from(stats.key_documents(k)) >= need);
                assert_eq!(stats.is_template_key(k, sentence_like), want);
            }
        }
        assert!(stats.is_template("share  THIS", false));
        // The look-up follows a merge.
        let before = stats.is_template("Footer line 3", false);
        let copy = stats.clone();
        stats.merge(&copy);
        assert!(!before && stats.is_template("Footer line 3", false));
        for n in 0..500 {
            let s = CorpusStats { documents: n, ..Default::default() };
            assert!([false, true].iter().all(|&l| s.template_bar(l).is_none_or(|need| need >= u64::from(MIN_TEMPLATE_DOCS))));
        }
    }

    #[test]
    fn key_folds_case_and_space() {
        assert_eq!(block_key("Share  this\tStory "), block_key(" share this story"));
        assert_ne!(block_key("share this"), block_key("sharethis"));
        // Keys are stored by shards and merged: they must never change.
        assert_eq!(block_key(" Ünited  STATES "), xxhash_rust::xxh3::xxh3_64("ünited states".as_bytes()));
        let mut streamed = xxhash_rust::xxh3::Xxh3::new();
        streamed.update(b"\xc3\xbcnited ");
        streamed.update(b"states");
        assert_eq!(streamed.digest(), block_key("ünited states"));
        for text in ["Share  this\tStory ", "", "  ", "İstanbul ĲSSEL — Σ", "a\u{2003}b"] {
            let mut key = Vec::new();
            crate::features::scan(text, None, &mut key);
            assert_eq!(key_of_folded(&key), block_key(text), "{text:?}");
        }
    }

    /// The key's definition, one character at a time.
    fn naive_fold(text: &str) -> Vec<u8> {
        let mut out = String::new();
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
        out.into_bytes()
    }

    proptest::proptest! {
        #[test]
        fn fast_fold_is_the_definition(text in "[ a-zA-Z\t\n.,’“é\u{a0}\u{85}\u{2003}\u{3000}İЖжΩωΣς中]{0,80}") {
            let mut key = Vec::new();
            crate::features::fold_key(&text, &mut key);
            proptest::prop_assert_eq!(&key, &naive_fold(&text));
            crate::features::scan(&text, None, &mut key);
            proptest::prop_assert_eq!(&key, &naive_fold(&text));
        }
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
