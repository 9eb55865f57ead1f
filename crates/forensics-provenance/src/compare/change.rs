//! What one word-level edit changed: its kind (which sort of words changed)
//! and its effect (what the edit does to the content). The rules are
//! documented on [`ChangeKind`] and [`Effect`]; they look only at the words
//! the diff marks as changed, never at the unchanged words between two merged
//! changes ("helping Moscow offset": `Moscow` is context, not a changed name).

use crate::model::{ChangeKind, Effect};
use crate::text::{anchor, View};
use forensics_clean::StopSet;
use similar::DiffOp;
use std::collections::BTreeMap;
use std::ops::Range;

/// Number words that are facts in a sentence ("almost seven months"), per
/// language. "One" and its kin are left out: they are pronouns and articles
/// as often.
const NUMBER_WORDS: &[(&str, &[&str])] = &[
    ("en", &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "dozen", "dozens"]),
    ("de", &["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "hundert", "tausend", "millionen", "milliarden"]),
    ("nl", &["twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "honderd", "duizend", "miljoen", "miljard"]),
    ("nb", &["to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "ti", "hundre", "tusen", "millioner", "milliarder"]),
    ("da", &["to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "hundrede", "tusind", "millioner", "milliarder"]),
    ("sv", &["två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "hundra", "tusen", "miljoner", "miljarder"]),
    ("fr", &["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "cent", "mille", "millions", "milliards"]),
    ("es", &["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "cien", "mil", "millones"]),
    ("it", &["due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "cento", "mila", "milioni", "miliardi"]),
    ("pt", &["dois", "duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "cem", "mil", "milhões"]),
    ("ru", &["два", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "сто", "тысяч", "тысячи", "миллионов", "миллиардов"]),
    ("uk", &["два", "дві", "три", "чотири", "пʼять", "шість", "сім", "вісім", "девʼять", "десять", "сто", "тисяч", "мільйонів"]),
    ("pl", &["dwa", "dwie", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć", "sto", "tysięcy", "milionów"]),
];

/// What a changed word is, for kinds and effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// On the language's stopword list (or too short to say anything).
    Stop,
    Content,
    Date,
    Number,
    Name,
}

impl Class {
    fn fact(self) -> bool {
        matches!(self, Class::Date | Class::Number | Class::Name)
    }
}

/// The same word, the same stem or an abbreviation: equal; one a prefix of the
/// other (`Feb`/`February`, `goal`/`goals`, `didn`/`did`, at least three
/// letters); or a long shared start (`stated`/`statement`, `strengthen`/
/// `strengthening`: five letters and all but two of the shorter word).
pub(crate) fn akin(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let m = la.min(lb);
    if m < 3 {
        return false;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common == m || m >= 5 && common >= 5.max(m - 2)
}

/// Word counts of one text: does the other text still say it, is a word new.
#[derive(Debug, Default)]
pub struct Vocab {
    counts: BTreeMap<String, usize>,
}

impl Vocab {
    pub fn new(v: &View) -> Self {
        let mut counts = BTreeMap::new();
        for t in &v.toks {
            *counts.entry(t.norm.clone()).or_insert(0) += 1;
        }
        Vocab { counts }
    }

    /// Occurrences of words [`akin`] to `w`. Akin words share their first
    /// three letters, so only that range of the table is read.
    pub fn akin_count(&self, w: &str) -> usize {
        if w.chars().count() < 3 {
            return self.counts.get(w).copied().unwrap_or(0);
        }
        let head: String = w.chars().take(3).collect();
        self.counts.range(head.clone()..).take_while(|(k, _)| k.starts_with(&head)).filter(|(k, _)| akin(k, w)).map(|(_, n)| n).sum()
    }
}

/// One text's side of the comparison: its view, word counts and stopwords.
pub struct Side<'v, 'a> {
    pub view: &'v View<'a>,
    pub vocab: Vocab,
    stop: Option<&'static StopSet>,
    numbers: &'static [&'static str],
}

impl<'v, 'a> Side<'v, 'a> {
    pub fn new(view: &'v View<'a>) -> Self {
        let numbers = NUMBER_WORDS.iter().find(|(l, _)| *l == view.lang()).map_or(&[][..], |(_, w)| *w);
        Side { view, vocab: Vocab::new(view), stop: forensics_clean::stopwords(view.lang()), numbers }
    }

    fn sentence_initial(&self, k: usize) -> bool {
        self.view.sents.binary_search_by_key(&k, |s| s.toks.start).is_ok()
    }

    fn class(&self, k: usize) -> Class {
        let Some(t) = self.view.toks.get(k) else { return Class::Stop };
        let w = t.norm.as_str();
        if w.chars().any(|c| c.is_ascii_digit()) || self.numbers.contains(&w) {
            return Class::Number;
        }
        let initial = self.sentence_initial(k);
        match anchor(t, initial) {
            Some(a) if a.starts_with("day") || a.starts_with("month") => return Class::Date,
            _ => {}
        }
        if t.cap && !initial {
            return Class::Name;
        }
        let n = w.chars().count();
        let listed = match self.stop {
            Some(s) => s.contains(w),
            // No list for this language: short words are mostly grammar.
            None => n < 4 && !w.chars().next().is_some_and(is_ideograph),
        };
        if listed || n < 2 && !w.chars().next().is_some_and(is_ideograph) { Class::Stop } else { Class::Content }
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

/// Token indices the diff marks as removed (parent) and inserted (child)
/// inside the edit's ranges.
fn changed(ops: &[DiffOp], pr: &Range<usize>, cr: &Range<usize>) -> (Vec<usize>, Vec<usize>) {
    let (mut removed, mut inserted) = (Vec::new(), Vec::new());
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        removed.extend(o.filter(|k| pr.contains(k)));
        inserted.extend(n.filter(|k| cr.contains(k)));
    }
    (removed, inserted)
}

/// Levenshtein distance, for spotting the same word spelled another way.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Kind and effect of the edit replacing parent tokens `pr` by child tokens
/// `cr`, given the diff `ops` of their sentences.
pub fn classify(p: &Side, c: &Side, ops: &[DiffOp], pr: &Range<usize>, cr: &Range<usize>, in_quote: bool) -> (ChangeKind, Effect) {
    let (removed, inserted) = changed(ops, pr, cr);
    let rc: Vec<(usize, Class)> = removed.iter().map(|&k| (k, p.class(k))).collect();
    let ic: Vec<(usize, Class)> = inserted.iter().map(|&k| (k, c.class(k))).collect();
    let (pt, ct) = (&p.view.toks, &c.view.toks);
    let spelling = match ((pr.len() == 1).then(|| pt[pr.start].norm.as_str()), (cr.len() == 1).then(|| ct[cr.start].norm.as_str())) {
        (Some(a), Some(b)) => a.chars().count() >= 5 && !a.chars().chain(b.chars()).any(|ch| ch.is_ascii_digit()) && edit_distance(a, b) <= 2,
        _ => false,
    };
    let has = |class: Class| rc.iter().chain(&ic).any(|&(_, k)| k == class);
    let kind = if in_quote {
        ChangeKind::Quote
    } else if spelling {
        ChangeKind::Spelling
    } else if has(Class::Date) {
        ChangeKind::Date
    } else if has(Class::Number) {
        ChangeKind::Number
    } else if has(Class::Name) {
        ChangeKind::Name
    } else {
        ChangeKind::Wording
    };
    // Substance: words that carry content and have no akin word on the other side.
    let rs: Vec<(&str, Class)> = rc
        .iter()
        .filter(|&&(k, cl)| cl != Class::Stop && !inserted.iter().any(|&j| akin(&pt[k].norm, &ct[j].norm)))
        .map(|&(k, cl)| (pt[k].norm.as_str(), cl))
        .collect();
    let is: Vec<(&str, Class)> = ic
        .iter()
        .filter(|&&(j, cl)| cl != Class::Stop && !removed.iter().any(|&k| akin(&pt[k].norm, &ct[j].norm)))
        .map(|&(j, cl)| (ct[j].norm.as_str(), cl))
        .collect();
    let lost_fact = rs.iter().any(|&(w, cl)| cl.fact() && c.vocab.akin_count(w) < p.vocab.akin_count(w));
    let lost = rs.iter().any(|&(w, _)| c.vocab.akin_count(w) < p.vocab.akin_count(w));
    let novel = is.iter().filter(|&&(w, _)| p.vocab.akin_count(w) == 0).count();
    let effect = match (rs.is_empty(), is.is_empty()) {
        _ if kind == ChangeKind::Spelling => Effect::Variant,
        (true, true) => Effect::Variant,
        // A listed word for a content word (`top` → `senior`): one word for another.
        (true, false) if !removed.is_empty() && !is.iter().any(|&(_, cl)| cl.fact()) && novel < 2 => Effect::Reworded,
        (true, false) => Effect::Added,
        (false, true) if lost => Effect::Dropped,
        (false, true) => Effect::Moved,
        (false, false) if is.iter().any(|&(_, cl)| cl.fact()) || novel >= 2 => Effect::Replaced,
        (false, false) if lost_fact => Effect::Dropped,
        (false, false) => Effect::Reworded,
    };
    (kind, effect)
}

#[cfg(test)]
mod tests {
    use super::super::{align, edits};
    use crate::model::{ChangeKind, Effect};
    use crate::text::View;
    use forensics_clean::{CleanArticle, CleanBlock};
    use forensics_parse::{BlockKind, Span};

    /// One paragraph of article text, as the cleaner would hand it over.
    fn article(id: &str, lang: &str, text: &str) -> CleanArticle {
        let span = Span::new(0, text.len());
        CleanArticle {
            id: id.into(),
            language: lang.into(),
            meta: Default::default(),
            text: text.into(),
            blocks: vec![CleanBlock { kind: BlockKind::Paragraph, raw: span, clean: span, language: lang.into() }],
            removed: vec![],
            sentences: vec![],
        }
    }

    fn label<T: serde::Serialize>(v: T) -> String {
        serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    }

    /// The shown changes between `parent` and `child` as "kind effect".
    fn changes(lang: &str, parent: &str, child: &str) -> Vec<String> {
        let (pa, ca) = (article("p", lang, parent), article("c", lang, child));
        let (p, c) = (View::new(&pa), View::new(&ca));
        let links = align(&p, &c, false);
        edits(&p, &c, &links).into_iter().filter(|(e, _)| e.shown).map(|(e, _)| format!("{} {}", label(e.kind), label(e.effect))).collect()
    }

    #[test]
    fn kinds_and_effects() {
        forensics_testdata::check("corpus/cases/changes.tsv", forensics_testdata::cases("changes"), 9, |row| {
            let [lang, parent, child, expected] = row.cols()[..] else { return Err("four columns".into()) };
            let expected: Vec<String> = if expected == "-" { vec![] } else { expected.split("; ").map(String::from).collect() };
            let got = changes(lang, parent, child);
            if got == expected { Ok(()) } else { Err(format!("expected {expected:?}\n    got      {got:?}")) }
        });
    }

    #[test]
    fn akin_words() {
        for (a, b, same) in [
            ("feb", "february", true),
            ("goal", "goals", true),
            ("did", "didn", true),
            ("stated", "statement", true),
            ("strengthen", "strengthening", true),
            ("unrest", "unreal", false),
            ("anxiety", "anxious", false),
            ("lift", "life", false),
            ("us", "use", false),
        ] {
            assert_eq!(super::akin(a, b), same, "{a} ~ {b}");
        }
        assert_eq!(label(ChangeKind::Date), "date");
        assert!(Effect::Replaced > Effect::Dropped && Effect::Dropped > Effect::Reworded && Effect::Variant < Effect::Moved);
    }
}
