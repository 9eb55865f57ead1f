//! The widget and label lexicon (`data/lexicon.tsv`): short lines that are
//! page furniture in several languages (share, rating, comments, newsletter,
//! cookie, related, read-more, copyright, advert, navigation).

use aho_corasick::AhoCorasick;
use crate::fxhash::FxBuild;
use std::collections::HashMap;

type Map = HashMap<String, Label, FxBuild>;
use std::sync::OnceLock;

/// What kind of furniture a label line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Related,
    Comments,
    Newsletter,
    Share,
    Rating,
    ReadMore,
    Advert,
    Cookie,
    Copyright,
    Nav,
    Caption,
}

impl Label {
    fn parse(s: &str) -> Option<Label> {
        Some(match s {
            "related" => Label::Related,
            "comments" => Label::Comments,
            "newsletter" => Label::Newsletter,
            "share" => Label::Share,
            "rating" => Label::Rating,
            "readmore" => Label::ReadMore,
            "advert" => Label::Advert,
            "cookie" => Label::Cookie,
            "copyright" => Label::Copyright,
            "nav" => Label::Nav,
            "caption" => Label::Caption,
            _ => return None,
        })
    }

    /// The rule name recorded in a [`crate::Removal`].
    pub fn rule(self) -> &'static str {
        match self {
            Label::Related => "lexicon:related",
            Label::Comments => "lexicon:comments",
            Label::Newsletter => "lexicon:newsletter",
            Label::Share => "lexicon:share",
            Label::Rating => "lexicon:rating",
            Label::ReadMore => "lexicon:read-more",
            Label::Advert => "lexicon:advert",
            Label::Cookie => "lexicon:cookie",
            Label::Copyright => "lexicon:copyright",
            Label::Nav => "lexicon:navigation",
            Label::Caption => "lexicon:caption",
        }
    }

    /// Labels that head a section of non-article items (teasers, comments)
    /// rather than standing alone. Newsletter boxes are inserted inside
    /// articles too often to take what follows them.
    pub fn opens_zone(self) -> bool {
        matches!(self, Label::Related | Label::Comments)
    }
}

struct Lexicon {
    lines: Map,
    prefixes: Map,
    words: Map,
    suffixes: Map,
    colons: Map,
    contains: AhoCorasick,
    contains_labels: Vec<Label>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lines = Map::default();
        let mut prefixes = Map::default();
        let mut words = Map::default();
        let mut suffixes = Map::default();
        let mut colons = Map::default();
        let mut pats = Vec::new();
        let mut contains_labels = Vec::new();
        for row in include_str!("../data/lexicon.tsv").lines() {
            if row.starts_with('#') || row.trim().is_empty() {
                continue;
            }
            let mut cols = row.split('\t');
            let (Some(cat), Some(mode), Some(pat)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let Some(label) = Label::parse(cat) else { continue };
            let pat = fold(pat);
            match mode {
                "line" => {
                    lines.entry(pat).or_insert(label);
                }
                "prefix" => {
                    prefixes.entry(pat).or_insert(label);
                }
                "suffix" => {
                    suffixes.entry(pat).or_insert(label);
                }
                "colon" => {
                    colons.entry(pat).or_insert(label);
                }
                "word" => {
                    words.entry(pat).or_insert(label);
                }
                "contains" => {
                    pats.push(pat);
                    contains_labels.push(label);
                }
                _ => {}
            }
        }
        // The patterns are fixed data; a build failure would be a bug in the
        // file, caught by the tests, so fall back to matching nothing.
        let contains = AhoCorasick::new(&pats).unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton"));
        Lexicon { lines, prefixes, words, suffixes, colons, contains, contains_labels }
    })
}

/// Lower case, digits dropped, every other non-letter a single space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphabetic() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if !c.is_numeric() && c != '\'' && c != '’' {
            space = true;
        }
    }
    out
}

/// The label a line is, if it is one. Only short lines are labels.
pub fn classify(line: &str) -> Option<Label> {
    if line.len() > 300 {
        return None;
    }
    let folded = fold(line);
    let lex = lexicon();
    if line.len() <= 80 {
        if folded.is_empty() {
            return None;
        }
        if let Some(&l) = lex.lines.get(&folded) {
            return Some(l);
        }
        let mut all = folded.split(' ').map(|w| lex.words.get(w));
        if let Some(Some(&first)) = all.next()
            && all.all(|l| l == Some(&first)) {
                return Some(first);
            }
    }
    // A comment header carries a time stamp or a one-word user handle;
    // "Trump said:" before a quotation is neither.
    // Only lines ending in a colon can be a comment header: test that
    // first, the word count and digit scan cost a pass over the line.
    let colon_end = line.len() <= 100 && line.trim_end().ends_with(':');
    if colon_end
        && (line.bytes().any(|b| b.is_ascii_digit())
            || (folded.bytes().filter(|&b| b == b' ').count() == 1 && line.chars().next().is_some_and(|c| !c.is_uppercase())))
    {
        // The pattern is the folded line's last one or two words.
        let mut cut = folded.rmatch_indices(' ').map(|(i, _)| i + 1);
        for start in [cut.next(), cut.next()].into_iter().flatten() {
            if let Some(&l) = lex.suffixes.get(&folded[start..]) {
                return Some(l);
            }
        }
    }
    if line.len() <= 200
        && let Some((head, _)) = line.split_once(':')
            && let Some(&l) = lex.colons.get(&fold(head)) {
                return Some(l);
            }
    // A sentence that merely starts like a section label ("Related reading
    // was never his thing.") is not one: zone labels do not end in a full stop.
    let sentence = line.trim_end().ends_with(['.', '!', '?']);
    if line.len() <= 160 {
        // Patterns are one to eight words: look up the line's leading words.
        let ends = folded.match_indices(' ').map(|(i, _)| i).chain(std::iter::once(folded.len())).take(8);
        for end in ends {
            if let Some(&l) = lex.prefixes.get(&folded[..end])
                && !(sentence && l.opens_zone()) {
                    return Some(l);
                }
        }
    }
    lex.contains.find(&folded).and_then(|m| lex.contains_labels.get(m.pattern().as_usize()).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for (line, want) in [
            ("Recommended Stories", Some(Label::Related)),
            ("12 Comments", Some(Label::Comments)),
            ("Leave a Reply", Some(Label::Comments)),
            ("thelastchargersfan says:", Some(Label::Comments)),
            ("Milan Griffes on September 12, 2018 at 4:47 pm said:", Some(Label::Comments)),
            ("Here is what he said:", None),
            ("Trump said:", None),
            ("Related: From Big Bang to Present", Some(Label::ReadMore)),
            ("Image 1 of 8", Some(Label::Caption)),
            ("Image caption Scooter Braun has managed Justin Bieber", Some(Label::Caption)),
            ("Read the statement: it is short.", None),
            ("Share this:", Some(Label::Share)),
            ("Whatsapp Facebook Pint Baixar", Some(Label::Share)),
            ("Facebook", Some(Label::Share)),
            ("Läs också", Some(Label::Related)),
            ("© 2024 Example Media. All rights reserved.", Some(Label::Copyright)),
            ("Subscribe to our newsletter", Some(Label::Newsletter)),
            ("The president said he would share the report.", None),
            ("Related reading was never his thing, he said on Monday.", None),
        ] {
            assert_eq!(classify(line), want, "{line}");
        }
    }
}
