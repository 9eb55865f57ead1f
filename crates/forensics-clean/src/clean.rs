//! Cleaning one article: features, the classifier, metadata, sentences.

use crate::classify::{classify, Item, Thresholds};
use crate::features::{scan_into, Features, Scratch};
use crate::model::{CleanArticle, CleanBlock, Removal};
use crate::stats::{key_of_folded, CorpusStats};
use crate::stopwords::Votes;
use forensics_parse::{Article, BlockKind, Credit, CreditKind, Span};
use std::borrow::Cow;

/// Options for [`clean`].
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {
    pub thresholds: Thresholds,
}

/// News agencies whose bare name on the last line is a sign-off credit.
const AGENCIES: &[&str] = &[
    "ap", "associated press", "reuters", "afp", "dpa", "ansa", "efe", "tass", "xinhua", "upi", "pa", "ntb", "tt", "ritzau",
    "apa", "anp", "belga", "ria novosti", "interfax", "kyodo", "yonhap", "bloomberg", "epa",
];

/// Cleans one parsed article. `stats` (from [`CorpusStats`]) lets blocks that
/// recur across many pages be recognised as template.
pub fn clean(article: &Article, stats: Option<&CorpusStats>, opts: &CleanOptions) -> CleanArticle {
    let hint = article.meta.language_hint.as_deref();
    let mut votes = VoteCache { article, votes: vec![None; article.blocks.len()] };
    let (prose, pieces) = prose_sample(article, 0..article.blocks.len());
    let sample = crate::lang::sample(&prose);
    let first_language = crate::lang::detect_voted(sample, &votes.sample(sample, &pieces), hint);
    let stops = crate::stopwords::stopwords(&first_language);
    // One pass per block gives its features and its corpus key.
    let mut scratch = Scratch::default();
    let mut template = Vec::with_capacity(article.blocks.len());
    let features: Vec<Features> = article
        .blocks
        .iter()
        .map(|b| {
            let text = article.block_text(b);
            let (mut f, key_len) = scan_into(text, stops, &mut scratch.key);
            f.label = crate::lexicon::classify_with(text, &mut scratch.fold);
            let sentence_like = f.ends_sentence && f.words >= 4;
            // (Hashed only when the corpus is large enough for template.)
            let key = scratch.key.get(..key_len).unwrap_or(&[]);
            template.push(stats.is_some_and(|s| s.template_bar(sentence_like).is_some() && s.is_template_key(key_of_folded(key), sentence_like)));
            f
        })
        .collect();
    let items: Vec<Item> = article
        .blocks
        .iter()
        .zip(&features)
        .zip(template)
        .map(|((b, f), template)| Item { kind: b.kind, features: f, template })
        .collect();
    let mut verdicts = classify(&items, stops.is_some(), &opts.thresholds);
    // Text the page says twice is kept once.
    // (Sized up front: a filtered collect grows its vector step by step.)
    let mut kept: Vec<usize> = Vec::with_capacity(verdicts.len());
    kept.extend((0..verdicts.len()).filter(|&i| verdicts[i].removed.is_none()));
    let mut kept_text: Vec<&str> = Vec::with_capacity(kept.len());
    kept_text.extend(kept.iter().filter_map(|&i| article.blocks.get(i)).map(|b| article.block_text(b)));
    let repeats = crate::repeat::repeats(&kept_text);
    for (&i, repeat) in kept.iter().zip(repeats) {
        if repeat {
            verdicts[i].removed = Some("page-repeat");
        }
    }

    let mut meta = article.meta.clone();
    sign_off(article, &features, &mut verdicts, &mut meta.credits);
    if meta.headline.is_none()
        && let (Some(b), Some(f)) = (article.blocks.first(), features.first()) {
            let text = article.block_text(b);
            let title = b.kind == BlockKind::Headline
                || (verdicts.first().is_some_and(|v| v.removed.is_some()) && !f.ends_sentence && f.label.is_none() && (3..=25).contains(&f.words));
            if title {
                meta.headline = Some(text.to_string());
            }
        }

    // Sized once: the kept text and the lists grow block by block.
    let kept_len: usize = article.blocks.iter().zip(&verdicts).filter(|(_, v)| v.removed.is_none()).map(|(b, _)| b.span.len() + 2).sum();
    let mut text = String::with_capacity(kept_len);
    let n = article.blocks.len();
    let mut blocks = Vec::with_capacity(n);
    let mut kept_features = Vec::with_capacity(n);
    let mut kept_blocks = Vec::with_capacity(n);
    let mut removed = Vec::with_capacity(n);
    for (i, ((b, v), f)) in article.blocks.iter().zip(&verdicts).zip(&features).enumerate() {
        if let Some(rule) = v.removed {
            removed.push(Removal { kind: b.kind, raw: b.span, rule: Cow::Borrowed(rule) });
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(article.block_text(b));
        blocks.push(CleanBlock { kind: v.kind, raw: b.span, clean: Span::new(start, text.len()), language: String::new() });
        kept_features.push(f);
        kept_blocks.push(i);
    }
    // The language again, on the longer blocks that were kept: when the
    // detector would read the same bytes as the first time (the cleaner
    // kept every block of the first sample, or removed only blocks past
    // it), the answer is the same (and whatlang, the costly part, is not
    // asked twice).
    let language = if text.len() >= 200 {
        let (kept_prose, kept_pieces) = prose_sample(article, kept_blocks.iter().copied());
        let kept_sample = crate::lang::sample(&kept_prose);
        if kept_sample == sample {
            first_language.clone()
        } else {
            crate::lang::detect_voted(kept_sample, &votes.sample(kept_sample, &kept_pieces), hint)
        }
    } else {
        first_language.clone()
    };
    let doc_script = crate::lang::unlisted_script(&language, &text);
    for ((b, f), &i) in blocks.iter_mut().zip(kept_features).zip(&kept_blocks) {
        // Prose full of the document language's stopwords is in it: the
        // detector is asked only about blocks that look foreign.
        let native = first_language == language && f.words >= 8 && f.stopwords * 8 >= f.words;
        b.language = if native {
            language.clone()
        } else {
            let t = b.clean.slice(&text);
            let whole = (80..=crate::lang::BLOCK_SAMPLE).contains(&t.len()).then(|| votes.block(i));
            crate::lang::detect_block_voted(t, &language, whole.as_ref(), doc_script)
        };
    }
    let sentences = crate::sentences::split_sentences(&text, &language);
    CleanArticle { id: article.id.clone(), language, meta, text, blocks, removed, sentences }
}

/// Stopword votes per block, counted once: the document's language is
/// guessed on its prose before cleaning and on the clean text after, and
/// blocks are asked again, mostly from the same blocks.
struct VoteCache<'a> {
    article: &'a Article,
    votes: Vec<Option<Votes>>,
}

impl VoteCache<'_> {
    fn block(&mut self, i: usize) -> Votes {
        if let Some(Some(v)) = self.votes.get(i) {
            return *v;
        }
        let v = self.article.blocks.get(i).map(|b| Votes::of(self.article.block_text(b))).unwrap_or_default();
        if let Some(slot) = self.votes.get_mut(i) {
            *slot = Some(v);
        }
        v
    }

    /// The votes of `sample`, a prefix of blocks joined by line breaks;
    /// `pieces` holds each block's offset in the joined text and its index.
    /// Line breaks end words, so the votes are the blocks' votes summed
    /// (the block the sample cuts counted on its part).
    fn sample(&mut self, sample: &str, pieces: &[(usize, usize)]) -> Votes {
        let mut total = Votes::default();
        for &(start, i) in pieces {
            let Some(part) = sample.get(start..).filter(|p| !p.is_empty()) else { break };
            let len = self.article.blocks.get(i).map_or(0, |b| self.article.block_text(b).len());
            if part.len() >= len {
                total.add(&self.block(i));
            } else {
                total.add(&Votes::of(part));
                break;
            }
        }
        total
    }
}

/// The longer blocks' text, for a first language guess before cleaning
/// (the stopword list depends on it), with each block's offset in it and
/// its index.
fn prose_sample(article: &Article, blocks: impl Iterator<Item = usize> + Clone) -> (String, Vec<(usize, usize)>) {
    // (Mostly one allocation each: the sample stops past 2048 bytes.)
    let mut s = String::with_capacity(4096);
    let mut pieces = Vec::with_capacity(32);
    for i in blocks.clone() {
        let t = article.blocks.get(i).map_or("", |b| article.block_text(b));
        if t.len() >= 80 {
            pieces.push((s.len(), i));
            s.push_str(t);
            s.push('\n');
            if s.len() > 2048 {
                break;
            }
        }
    }
    if s.is_empty() {
        for i in blocks.take(20) {
            pieces.push((s.len(), i));
            s.push_str(article.blocks.get(i).map_or("", |b| article.block_text(b)));
            s.push('\n');
        }
    }
    (s, pieces)
}

/// A bare agency name or an all-capitals short line right after the last
/// kept block is a sign-off ("AP"): metadata (a credit), not body text.
fn sign_off(article: &Article, features: &[Features], verdicts: &mut [crate::classify::Verdict], credits: &mut Vec<Credit>) {
    let Some(last_kept) = verdicts.iter().rposition(|v| v.removed.is_none()) else { return };
    let i = last_kept + 1;
    let (Some(b), Some(f)) = (article.blocks.get(i), features.get(i)) else { return };
    let text = article.block_text(b).trim();
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
    let agency = AGENCIES.contains(&bare.to_lowercase().as_str());
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let caps = (1..=3).contains(&f.words) && letters >= 2 && text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && text.len() <= 40;
    if (agency || caps) && f.label.is_none() && !f.ends_sentence && f.digits == 0 {
        verdicts[i].removed = Some("metadata:credit");
        if !credits.iter().any(|c| c.span == b.span) {
            credits.push(Credit { name: bare.to_string(), kind: CreditKind::SignOff, span: b.span });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(page: &str) -> Vec<(String, String)> {
        let article = forensics_parse::parse_text("t", page.as_bytes());
        let c = clean(&article, None, &CleanOptions::default());
        c.removed.iter().map(|r| (r.raw.slice(&article.text).chars().take(24).collect(), r.rule.to_string())).collect()
    }

    #[test]
    fn footer_and_repeats() {
        let p1 = "The storm hit the coast on Monday, officials said, and the roads to the harbour were closed for the whole of the day while crews cleared the fallen trees.";
        let p2 = "Mr. Smith, the mayor, said the town had not seen such winds since 1987. He asked people to stay at home until the wind had dropped and the power was back.";
        let after = "Another story entirely: the council voted on Tuesday to build a new library next to the station, a project that has been discussed for more than ten years.";
        let page = format!("{p1}\n\n{p2}\n\n{p1} {p2}\n\n© 2024 Example Media. All rights reserved.\n\n{after}\n");
        let got = rules(&page);
        assert!(got.iter().any(|(t, r)| t.starts_with("The storm") && r == "page-repeat"), "{got:?}");
        assert!(got.iter().any(|(t, r)| t.starts_with("Another story") && r == "zone:footer"), "{got:?}");
        // Terms and privacy links are no footer: a header or cookie box has
        // them too; nor is a photo credit without a year.
        for line in ["Privacy Policy", "Copyright: AFP"] {
            let page = format!("{p1}\n\n{line}\n\n{p2}\n");
            assert!(!rules(&page).iter().any(|(_, r)| r == "zone:footer"), "{line}");
        }
    }
}
