//! Stopword lists per language (data files from python-stop-words, BSD-3,
//! see `data/stopwords/LICENSE`). The lists differ in size, so the classifier
//! compares a block's stopword density with its own document's, never with
//! a fixed number.

use std::collections::{HashMap, HashSet};
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

fn table() -> &'static HashMap<&'static str, HashSet<&'static str>> {
    static TABLE: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        LISTS.iter().map(|(code, text)| (*code, text.lines().map(str::trim).filter(|w| !w.is_empty()).collect())).collect()
    })
}

/// The stopword set of an ISO 639-1 language (Norwegian Nynorsk and the
/// macro code `no` share Bokmål's list), or `None` when there is none.
pub fn stopwords(lang: &str) -> Option<&'static HashSet<&'static str>> {
    let lang = match lang {
        "no" | "nn" => "nb",
        other => other,
    };
    table().get(lang)
}

/// Languages with a list.
pub fn languages() -> impl Iterator<Item = &'static str> {
    LISTS.iter().map(|(c, _)| *c)
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
