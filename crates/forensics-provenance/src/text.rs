//! Per-document views the scorer compares: word tokens with offsets,
//! sentences, shingles and language-independent anchors.

use forensics_clean::CleanArticle;
use forensics_parse::Span;
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

/// A word of the clean text (a CJK character counts as one word).
#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

#[derive(Debug, Clone)]
pub struct Sent {
    /// Span in the clean text.
    pub span: Span,
    /// Token indices of this sentence.
    pub toks: Range<usize>,
    /// Anchors that survive translation: numbers, weekdays and months, names.
    pub anchors: BTreeSet<String>,
}

/// Everything the scorer needs about one document.
#[derive(Debug)]
pub struct View<'a> {
    pub art: &'a CleanArticle,
    pub toks: Vec<Tok>,
    pub sents: Vec<Sent>,
    pub shingles: HashSet<u64>,
    /// Content words (lower case, 4+ characters) for reworded text.
    pub content: BTreeSet<String>,
    pub anchors: BTreeSet<String>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

pub fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |out: &mut Vec<Tok>, s: usize, e: usize| {
        let w = &text[s..e];
        out.push(Tok { start: s, end: e, norm: w.to_lowercase(), cap: w.chars().next().is_some_and(char::is_uppercase) });
    };
    for (i, c) in text.char_indices() {
        if is_cjk(c) {
            if let Some(s) = start.take() {
                push(&mut out, s, i);
            }
            push(&mut out, i, i + c.len_utf8());
        } else if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(&mut out, s, i);
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len());
    }
    out
}

/// Sentence spans: the cleaner's sentences (its splitter knows
/// abbreviations and ordinal dates per language: "24. februar" goes on);
/// an article handed over without them is split at terminal punctuation
/// followed by space, block by block.
fn sentence_spans(art: &CleanArticle) -> Vec<Span> {
    if !art.sentences.is_empty() {
        return art.sentences.clone();
    }
    let base: Vec<Span> = art.blocks.iter().map(|b| b.clean).collect();
    let mut out = Vec::new();
    for s in base {
        let t = s.slice(&art.text);
        let mut from = 0;
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let terminal = matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
            let after = |k: usize| chars.get(k).map(|&(_, n)| n);
            let closing = |n: Option<char>| matches!(n, Some('”' | '"' | '’' | '»' | '\'' | ')'));
            let spaced = |n: Option<char>| n.is_none_or(char::is_whitespace);
            let next_space = matches!(c, '。' | '！' | '？') || spaced(after(k + 1)) || closing(after(k + 1)) && spaced(after(k + 2));
            // "U.S. officials", "Feb. 24", "Mr. Xi": a capitalised short word before the stop is an abbreviation.
            let word_before = t.get(from..i).unwrap_or("").rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
            let n = word_before.chars().count();
            let abbreviation = n <= 3 && word_before.chars().next().is_some_and(char::is_uppercase) || n <= 1;
            if terminal && next_space && !abbreviation {
                let end = if closing(after(k + 1)) { chars.get(k + 2).map_or(t.len(), |&(j, _)| j) } else { i + c.len_utf8() };
                push_trimmed(&mut out, &art.text, s.start + from, s.start + end);
                from = end;
            }
        }
        push_trimmed(&mut out, &art.text, s.start + from, s.end);
    }
    out
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let t = text.get(start..end).unwrap_or("");
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if t.trim().chars().any(char::is_alphanumeric) {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Weekday and month names in common languages: a date word is an anchor
/// that survives translation ("Monday" = "mandag" = "понедельник").
const WEEKDAYS: [&[&str]; 7] = [
    &["monday", "mandag", "måndag", "montag", "lundi", "lunes", "lunedì", "segunda", "maandag", "понедельник", "понедельника", "понеділок", "poniedziałek", "pondělí", "ponedjeljak", "mánudag", "mánudaginn", "maanantai"],
    &["tuesday", "tirsdag", "tisdag", "dienstag", "mardi", "martes", "martedì", "terça", "dinsdag", "вторник", "вівторок", "wtorek", "úterý", "utorak", "þriðjudag", "tiistai"],
    &["wednesday", "onsdag", "mittwoch", "mercredi", "miércoles", "mercoledì", "quarta", "woensdag", "среду", "среда", "середа", "środa", "středa", "srijeda", "miðvikudag", "keskiviikko"],
    &["thursday", "torsdag", "donnerstag", "jeudi", "jueves", "giovedì", "quinta", "donderdag", "четверг", "четвер", "czwartek", "čtvrtek", "četvrtak", "fimmtudag", "torstai"],
    &["friday", "fredag", "freitag", "vendredi", "viernes", "venerdì", "sexta", "vrijdag", "пятницу", "пятница", "пʼятниця", "piątek", "pátek", "petak", "föstudag", "perjantai"],
    &["saturday", "lørdag", "lördag", "samstag", "samedi", "sábado", "sabato", "zaterdag", "субботу", "суббота", "субота", "sobota", "subota", "laugardag", "lauantai"],
    &["sunday", "søndag", "söndag", "sonntag", "dimanche", "domingo", "domenica", "zondag", "воскресенье", "неділя", "niedziela", "neděle", "nedjelja", "sunnudag", "sunnuntai"],
];

const MONTHS: [&[&str]; 12] = [
    &["january", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "января", "январь", "stycznia", "ledna", "siječnja", "janúar"],
    &["february", "februar", "février", "febrero", "febbraio", "fevereiro", "februari", "февраля", "февраль", "lutego", "února", "veljače", "febrúar", "feb"],
    &["march", "mars", "märz", "marzo", "março", "maart", "марта", "март", "marca", "března", "ožujka"],
    &["april", "avril", "abril", "aprile", "апреля", "апрель", "kwietnia", "dubna", "travnja", "apríl"],
    &["may", "mai", "mayo", "maggio", "maio", "mei", "мая", "май", "maja", "května", "svibnja", "maí"],
    &["june", "juni", "juin", "junio", "giugno", "junho", "июня", "июнь", "czerwca", "června", "lipnja", "júní"],
    &["july", "juli", "juillet", "julio", "luglio", "julho", "июля", "июль", "lipca", "července", "srpnja", "júlí"],
    &["august", "août", "agosto", "augustus", "августа", "август", "sierpnia", "srpna", "kolovoza", "ágúst"],
    &["september", "septembre", "septiembre", "settembre", "setembro", "сентября", "сентябрь", "września", "září", "rujna", "sept"],
    &["october", "oktober", "octobre", "octubre", "ottobre", "outubro", "октября", "октябрь", "października", "října", "listopada", "október"],
    &["november", "novembre", "noviembre", "novembro", "ноября", "ноябрь", "listopadu", "studenoga", "nóvember"],
    &["december", "desember", "décembre", "diciembre", "dicembre", "dezembro", "декабря", "декабрь", "grudnia", "prosince", "prosinca", "desember"],
];

/// The anchor a token gives, if any.
pub fn anchor(tok: &Tok, sentence_initial: bool) -> Option<String> {
    let w = tok.norm.as_str();
    // Digits of any script news writes (Devanagari २०२५ = 2025).
    let digit = |c: char| forensics_dedup::xling::digit_value(c).map(|d| char::from(b'0' + d));
    if w.chars().any(|c| digit(c).is_some()) {
        let digits: String = w.chars().filter_map(digit).collect();
        let value = digits.trim_start_matches('0');
        return (value.len() >= 2).then(|| format!("#{value}"));
    }
    if let Some(d) = WEEKDAYS.iter().position(|names| names.contains(&w)) {
        return Some(format!("day{}", d + 1));
    }
    if w.len() >= 4 {
        if let Some(m) = MONTHS.iter().position(|names| names.contains(&w)) {
            return Some(format!("month{}", m + 1));
        }
    }
    if tok.cap && !sentence_initial {
        let ascii: String = any_ascii::any_ascii(w).chars().filter(char::is_ascii_alphabetic).collect::<String>().to_lowercase();
        if ascii.len() >= 3 {
            return Some(format!("n:{}", ascii.chars().take(4).collect::<String>()));
        }
    }
    None
}

fn shingle_size(toks: &[Tok]) -> usize {
    let cjk = toks.iter().filter(|t| t.norm.chars().next().is_some_and(is_cjk)).count();
    if cjk * 2 > toks.len() { 8 } else { 5 }
}

impl<'a> View<'a> {
    pub fn new(art: &'a CleanArticle) -> Self {
        let toks = tokens(&art.text);
        let mut sents = Vec::new();
        let mut ti = 0;
        for span in sentence_spans(art) {
            while ti < toks.len() && toks[ti].start < span.start {
                ti += 1;
            }
            let first = ti;
            while ti < toks.len() && toks[ti].end <= span.end {
                ti += 1;
            }
            let anchors = (first..ti).filter_map(|k| anchor(&toks[k], k == first)).collect();
            sents.push(Sent { span, toks: first..ti, anchors });
        }
        let n = shingle_size(&toks);
        let shingles = toks
            .windows(n)
            .map(|w| {
                let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0x5eed);
                for t in w {
                    h.update(t.norm.as_bytes());
                    h.update(b" ");
                }
                h.digest()
            })
            .collect();
        let content = toks.iter().filter(|t| t.norm.chars().count() >= 4).map(|t| t.norm.clone()).collect();
        let anchors = sents.iter().flat_map(|s| s.anchors.iter().cloned()).collect();
        View { art, toks, sents, shingles, content, anchors }
    }

    pub fn id(&self) -> &str {
        &self.art.id
    }

    pub fn lang(&self) -> &str {
        &self.art.language
    }

    /// The raw page span of a clean-text span, through the cleaner's blocks.
    pub fn to_raw(&self, clean: Span) -> Span {
        let map = |pos: usize, is_end: bool| -> usize {
            let block = self.art.blocks.iter().find(|b| {
                if is_end { b.clean.start < pos && pos <= b.clean.end } else { b.clean.start <= pos && pos < b.clean.end }
            });
            match block {
                Some(b) => b.raw.start + (pos - b.clean.start).min(b.raw.len()),
                None => pos,
            }
        };
        Span::new(map(clean.start, false), map(clean.end, true))
    }

    /// The clean-text span covering tokens `r`.
    pub fn tok_span(&self, r: Range<usize>) -> Span {
        match (self.toks.get(r.start), r.end.checked_sub(1).and_then(|e| self.toks.get(e))) {
            (Some(a), Some(b)) if r.start < r.end => Span::new(a.start, b.end),
            _ => Span::default(),
        }
    }

    pub fn words(&self) -> usize {
        self.toks.len()
    }

}

/// Share of `a`'s shingles also in `b`.
pub fn containment(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|h| b.contains(*h)).count() as f64 / a.len() as f64
}

pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.iter().filter(|h| b.contains(*h)).count();
    let union = a.len() + b.len() - inter;
    if union == 0 { 0.0 } else { inter as f64 / union as f64 }
}

pub fn dice<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// Share of `a`'s items that `b` has.
pub fn share<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.intersection(b).count() as f64 / a.len() as f64
}
