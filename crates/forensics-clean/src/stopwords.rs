//! Stopword lists per language (data files from python-stop-words, BSD-3,
//! see `data/stopwords/LICENSE`). The lists differ in size, so the classifier
//! compares a block's stopword density with its own document's, never with
//! a fixed number.

use crate::fxhash::FxBuild;
use std::collections::{HashMap, HashSet};

/// A stopword list.
pub type StopSet = HashSet<&'static str, FxBuild>;
use std::sync::OnceLock;

macro_rules! lists {
    ($($code:literal),* $(,)?) => {
        &[$(($code, include_str!(concat!("../data/stopwords/", $code, ".txt")))),*]
    };
}

const LISTS: &[(&str, &str)] = lists!(
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "id", "it", "nb", "nl",
    "pl", "pt", "ro", "ru", "sk", "sv", "tr", "uk",
);

fn table() -> &'static HashMap<&'static str, StopSet> {
    static TABLE: OnceLock<HashMap<&'static str, StopSet>> = OnceLock::new();
    TABLE.get_or_init(|| {
        LISTS.iter().map(|(code, text)| (*code, text.lines().map(str::trim).filter(|w| !w.is_empty()).collect())).collect()
    })
}

/// The stopword set of an ISO 639-1 language (Norwegian Nynorsk and the
/// macro code `no` share Bokmål's list), or `None` when there is none.
pub fn stopwords(lang: &str) -> Option<&'static StopSet> {
    let lang = match lang {
        "no" | "nn" => "nb",
        other => other,
    };
    table().get(lang)
}

/// Languages with a list.
#[cfg(test)]
pub fn languages() -> impl Iterator<Item = &'static str> {
    LISTS.iter().map(|(c, _)| *c)
}

/// Every stopword with the set of languages (bit `i` = `LISTS[i]`) that list it.
fn membership() -> &'static HashMap<&'static str, u32, FxBuild> {
    static M: OnceLock<HashMap<&'static str, u32, FxBuild>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: HashMap<&'static str, u32, FxBuild> = HashMap::default();
        for (i, (_, text)) in LISTS.iter().enumerate() {
            for w in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
                *m.entry(w).or_insert(0) |= 1 << i;
            }
        }
        m
    })
}

/// Stopword hits per language over the words of `text` (lower-cased):
/// `(language, hits)` best first, and the number of words seen. One hash
/// look-up per word, so a cheap first opinion on a document's language.
pub fn vote(text: &str) -> (Vec<(&'static str, usize)>, usize) {
    let m = membership();
    let mut hits = [0usize; 32];
    let mut words = 0;
    let mut buf = String::new();
    for word in text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’') {
        if word.is_empty() {
            continue;
        }
        words += 1;
        buf.clear();
        if word.is_ascii() {
            buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            buf.extend(word.chars().flat_map(char::to_lowercase));
        }
        if let Some(&bits) = m.get(buf.as_str()) {
            let mut bits = bits;
            while bits != 0 {
                hits[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }
    let mut out: Vec<(&'static str, usize)> = LISTS.iter().zip(hits).map(|((c, _), h)| (*c, h)).filter(|(_, h)| *h > 0).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    (out, words)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_loads() {
        for l in super::languages() {
            assert!(super::stopwords(l).is_some_and(|s| s.len() > 20), "{l}");
        }
        assert!(super::stopwords("en").is_some_and(|s| s.contains("the")));
        assert!(super::stopwords("no").is_some_and(|s| s.contains("og")));
    }
}
