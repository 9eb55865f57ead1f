//! Per-block shape features, computed in one pass over the characters.

use crate::lexicon::{self, Label};
use crate::stopwords::StopSet;

/// What the classifier knows about one block.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub chars: usize,
    pub words: usize,
    pub stopwords: usize,
    /// Words that start with an upper-case letter.
    pub capitalised: usize,
    /// Capitalised words (or numbers) running from the start: a headline
    /// glued to its teaser text ("Ford Recalls F-150s; Loose Cable Can …").
    pub lead_caps: usize,
    /// Stopwords written with a capital inside that leading run: title
    /// case ("… In Custody After Death Of …"), which names do not have.
    pub lead_cap_stops: usize,
    /// Sentence-ending punctuation followed by a space or the end.
    pub sentence_ends: usize,
    /// The block ends like a sentence (after closing quotes and brackets).
    pub ends_sentence: bool,
    pub ends_colon: bool,
    pub commas: usize,
    pub digits: usize,
    /// Characters of scripts written without spaces (Han, kana, Thai…).
    pub unspaced: usize,
    /// Starts with a bullet or a list number ("- ", "• ", "1. ").
    pub bullet: bool,
    pub label: Option<Label>,
}

impl Features {
    pub fn of(text: &str, stops: Option<&StopSet>) -> Features {
        let mut f = Features::default();
        let mut word = String::new();
        let mut in_word = false;
        let mut first_upper = false;
        let mut prev: Option<char> = None;
        let mut leading = true;
        let mut end_word = |word: &mut String, first_upper: bool, f: &mut Features| {
            f.words += 1;
            if first_upper {
                f.capitalised += 1;
            }
            let number = word.bytes().next().is_some_and(|b| b.is_ascii_digit());
            let stop = stops.is_some_and(|s| s.contains(word.as_str()));
            if leading && (first_upper || number) {
                f.lead_caps += 1;
                if stop && first_upper && f.lead_caps > 1 {
                    f.lead_cap_stops += 1;
                }
            } else {
                leading = false;
            }
            if stop {
                f.stopwords += 1;
            }
            word.clear();
        };
        for c in text.chars() {
            f.chars += 1;
            if c.is_alphanumeric() || (in_word && (c == '\'' || c == '’' || c == '-')) {
                if is_unspaced(c) {
                    f.unspaced += 1;
                }
                if !in_word {
                    in_word = true;
                    first_upper = c.is_uppercase();
                }
                if c.is_ascii_digit() {
                    f.digits += 1;
                }
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            } else {
                if in_word {
                    end_word(&mut word, first_upper, &mut f);
                    in_word = false;
                }
                match c {
                    ',' | '，' | '、' | '،' => f.commas += 1,
                    '。' | '！' | '？' => f.sentence_ends += 1,
                    c if c.is_whitespace() && matches!(prev, Some('.' | '!' | '?' | '…')) => f.sentence_ends += 1,
                    _ => {}
                }
            }
            prev = Some(c);
        }
        if in_word {
            end_word(&mut word, first_upper, &mut f);
        }
        let tail = text.trim_end_matches(|c: char| matches!(c, '"' | '”' | '’' | '\'' | ')' | '»' | '」' | '』') || c.is_whitespace());
        f.ends_sentence = tail.ends_with(['.', '!', '?', '…', '。', '！', '？']);
        if f.ends_sentence {
            f.sentence_ends += 1;
        }
        f.ends_colon = tail.ends_with([':', '：']);
        f.bullet = starts_with_bullet(text);
        f.label = lexicon::classify(text);
        f
    }

    pub fn stop_density(&self) -> f64 {
        if self.words == 0 { 0.0 } else { self.stopwords as f64 / self.words as f64 }
    }

    /// Length in "words", counting an unspaced-script character as one.
    pub fn length_words(&self) -> usize {
        self.words + self.unspaced
    }
}

fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F | 0x1000..=0x109F | 0x1780..=0x17FF)
}

fn starts_with_bullet(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '►' | '◦' | '‣' | '-' | '*' | '+') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            digits <= 2 && t[digits..].starts_with([')', '.']) && t[digits + 1..].starts_with(' ')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        let stops = crate::stopwords::stopwords("en");
        let f = Features::of("- The comments were made during a meeting, officials said.", stops);
        assert!(f.bullet && f.ends_sentence && f.commas == 1 && f.words == 9);
        assert!(f.stop_density() > 0.3);
        let f = Features::of("Russia Takes Control of Vuhledar", stops);
        assert!(!f.ends_sentence && f.capitalised == 4 && f.lead_caps == 3);
        let f = Features::of("1. First point", None);
        assert!(f.bullet);
        let f = Features::of("2022 was a year.", None);
        assert!(!f.bullet);
    }
}
