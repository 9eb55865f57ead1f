//! Language-independent anchors of one document: numbers, dates and names,
//! each with its byte offset so two documents can be aligned by the order
//! in which their anchors occur.

use super::months::{is_cjk_day_marker, is_cjk_month_marker, month_of};
use super::names::{ascii_letters, prefix_key, skeleton_key, PREFIX_LEN};
use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// What an anchor stands for; it sets the anchor's weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnchorKind {
    Number,
    Date,
    Name,
    Gloss,
    /// Two Han characters in a row, read as Mandarin syllables so Japanese
    /// shinjitai, simplified and traditional forms meet (経済, 经济 and 經濟
    /// all give `jing-ji`). Only Han-writing pairs (zh, ja) use them.
    Han,
    /// A capitalised word in a language that capitalises every noun
    /// (German): a name only where the corpus shows its prefix in another
    /// language (the stage turns it into a `Name` or drops it).
    Noun,
    /// The Mandarin reading of a run of Han characters in Chinese text, as a
    /// name prefix (湖南 gives `p:hunan`, 张 `p:zhang`): pinyin names in a
    /// Latin translation meet it. Any character may start a name, so it
    /// counts only where shared (see [`AnchorKind::is_weak`]). Likewise
    /// every word of a script without capitals (Devanagari, Arabic …).
    Reading,
}

impl AnchorKind {
    /// Weak anchors count in a document's norm only when the other
    /// document shares them: most of them are not names at all.
    pub fn is_weak(self) -> bool {
        matches!(self, AnchorKind::Reading)
    }
}

/// One anchor occurrence: a stable hash of its normalised form and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub key: u64,
    pub pos: u32,
    pub kind: AnchorKind,
}

/// Hash of an anchor's normalised text, seeded so shards agree.
pub fn key(kind: AnchorKind, text: &str, seed: u64) -> u64 {
    let tag = match kind {
        AnchorKind::Number => b'#',
        AnchorKind::Date => b'd',
        AnchorKind::Name | AnchorKind::Noun | AnchorKind::Reading => b'n',
        AnchorKind::Gloss => b'g',
        AnchorKind::Han => b'h',
    };
    let h = xxh3_64_with_seed(text.as_bytes(), seed ^ u64::from(tag));
    // The low bit marks name prefixes: they cannot meet across Latin and
    // Han/kana, so such pairs leave them out of both norms.
    let name = matches!(kind, AnchorKind::Name | AnchorKind::Noun | AnchorKind::Reading);
    if name && text.starts_with("p:") { h | 1 } else { h & !1 }
}

/// Whether a key is a name prefix (see [`key`]).
pub fn is_prefix_key(k: u64) -> bool {
    k & 1 == 1
}

/// Normalised text of an anchor, for tests and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub kind: AnchorKind,
    pub text: String,
    pub pos: u32,
}

/// A word of the document (lower-cased) with its offset: what dictionaries gloss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub pos: u32,
    /// Written in Han/kana (Japanese or Chinese), so a dictionary segments it.
    pub cjk: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit(u8),
    Letter,
    Katakana,
    Cjk,
    Space,
    Newline,
    SentenceEnd,
    Other,
}

fn classify(c: char) -> Class {
    if let Some(d) = digit_value(c) {
        return Class::Digit(d);
    }
    match c {
        '\n' | '\r' => Class::Newline,
        '.' | '!' | '?' | '。' | '！' | '？' | '…' | '।' | '॥' => Class::SentenceEnd,
        '\u{30A0}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => Class::Katakana,
        '\u{3040}'..='\u{309F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{AC00}'..='\u{D7AF}' | '々' | '〆' => Class::Cjk,
        c if c.is_whitespace() => Class::Space,
        c if c.is_alphabetic() || is_mark(c) => Class::Letter,
        _ => Class::Other,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05C7}' | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}')
}

/// Decimal digits of the scripts news is written in (ASCII after NFKC,
/// Arabic-Indic, Persian, Devanagari, Bengali).
pub fn digit_value(c: char) -> Option<u8> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{09E6}'..='\u{09EF}' => '\u{09E6}',
        _ => return None,
    };
    Some((c as u32 - zero as u32) as u8)
}

/// The text as NFKC characters, each with the byte offset of the source
/// character it came from (fullwidth digits and letters become ASCII).
fn normalised(text: &str) -> Vec<(char, u32)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            out.push((c, i as u32));
        } else {
            out.extend(std::iter::once(c).nfkc().map(|n| (n, i as u32)));
        }
    }
    out
}

#[derive(Debug, Clone)]
enum TokKind {
    /// Normalised value ("1140", "3.2") and whether it had a decimal part.
    Number { value: String, decimal: bool },
    Date { day: u8, month: u8 },
    Word { text: String, initial: bool, upper: bool },
    Katakana(String),
    CjkRun(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Tok {
    kind: TokKind,
    pos: u32,
    /// Separated from the previous token by whitespace.
    spaced: bool,
}

/// Separators inside a number: grouping or decimal marks.
fn is_num_sep(c: char) -> bool {
    matches!(c, '.' | ',' | '\'' | '’' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | ' ')
}

fn tokenize(chars: &[(char, u32)]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let mut initial = true;
    let mut spaced = true;
    while i < chars.len() {
        let (c, pos) = chars[i];
        match classify(c) {
            Class::Space => {
                spaced = true;
                i += 1;
                continue;
            }
            Class::Newline => {
                initial = true;
                spaced = true;
                i += 1;
                continue;
            }
            Class::SentenceEnd => {
                // "Feb. 24" and "24. februar" keep their dot as a token; an
                // abbreviation dot still ends the sentence for capitalisation.
                initial = true;
                toks.push(Tok { kind: TokKind::Punct(c), pos, spaced });
                i += 1;
            }
            Class::Digit(_) => {
                let (tok, next) = number_at(chars, i);
                toks.push(Tok { kind: tok, pos, spaced });
                initial = false;
                i = next;
            }
            Class::Letter => {
                let start = i;
                while i < chars.len() && classify(chars[i].0) == Class::Letter {
                    i += 1;
                }
                let text: String = chars[start..i].iter().map(|(c, _)| *c).collect();
                let upper = text.chars().next().is_some_and(char::is_uppercase);
                toks.push(Tok { kind: TokKind::Word { text, initial, upper }, pos, spaced });
                initial = false;
            }
            Class::Katakana => {
                let start = i;
                while i < chars.len() && classify(chars[i].0) == Class::Katakana {
                    i += 1;
                }
                toks.push(Tok { kind: TokKind::Katakana(chars[start..i].iter().map(|(c, _)| *c).collect()), pos, spaced });
                initial = false;
            }
            Class::Cjk => {
                let start = i;
                while i < chars.len() && classify(chars[i].0) == Class::Cjk {
                    i += 1;
                }
                toks.push(Tok { kind: TokKind::CjkRun(chars[start..i].iter().map(|(c, _)| *c).collect()), pos, spaced });
                initial = false;
            }
            Class::Other => {
                toks.push(Tok { kind: TokKind::Punct(c), pos, spaced });
                i += 1;
            }
        }
        spaced = false;
    }
    toks
}

/// Reads a number (or an all-numeric date) starting at `i`.
fn number_at(chars: &[(char, u32)], i: usize) -> (TokKind, usize) {
    // Groups of digits and the separator before each following group.
    let mut groups: Vec<String> = vec![String::new()];
    let mut seps: Vec<char> = Vec::new();
    let mut j = i;
    loop {
        while j < chars.len() {
            match digit_value(chars[j].0) {
                Some(d) => groups.last_mut().map(|g| g.push(char::from(b'0' + d))).unwrap_or(()),
                None => break,
            }
            j += 1;
        }
        // A separator continues the number only when a digit follows it.
        let Some(&(sep, _)) = chars.get(j) else { break };
        let next_is_digit = chars.get(j + 1).is_some_and(|(c, _)| digit_value(*c).is_some());
        let allowed = match sep {
            '-' | '/' => groups.len() < 3 && seps.iter().all(|s| *s == sep),
            s => is_num_sep(s),
        };
        if !(allowed && next_is_digit) {
            break;
        }
        seps.push(sep);
        groups.push(String::new());
        j += 1;
    }
    if let Some(date) = numeric_date(&groups, &seps) {
        return (date, j);
    }
    // "-" and "/" only belong to dates: otherwise keep the first group alone.
    if seps.iter().any(|s| matches!(s, '-' | '/')) {
        let end = first_group_end(chars, i);
        let g = groups.swap_remove(0);
        return (TokKind::Number { value: strip_zeros(&g), decimal: false }, end);
    }
    // A space only groups thousands after a short lead ("1 140", not "2021 150").
    if let Some(k) = seps.iter().position(|s| s.is_whitespace()) {
        let bad = groups[0].len() > 3 || groups[k + 1].len() != 3;
        if bad {
            let end = first_group_end(chars, i);
            let g = groups.swap_remove(0);
            return (TokKind::Number { value: strip_zeros(&g), decimal: false }, end);
        }
    }
    let (value, decimal) = join_groups(&groups, &seps);
    (TokKind::Number { value, decimal }, j)
}

fn first_group_end(chars: &[(char, u32)], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && digit_value(chars[j].0).is_some() {
        j += 1;
    }
    j
}

/// "24.02.2022", "24. 2. 2022", "2022-02-24", "24/2/2022" (day first unless
/// the day cannot be a month).
fn numeric_date(groups: &[String], seps: &[char]) -> Option<TokKind> {
    if groups.len() != 3 || seps[0] != seps[1] {
        return None;
    }
    let n: Vec<u32> = groups.iter().map(|g| g.parse().unwrap_or(u32::MAX)).collect();
    let (day, month) = match (seps[0], groups[0].len(), groups[2].len()) {
        ('-', 4, 2) => (n[2], n[1]),
        ('.' | '/', 1..=2, 2 | 4) if groups[1].len() <= 2 => {
            if seps[0] == '/' && n[1] > 12 { (n[1], n[0]) } else { (n[0], n[1]) }
        }
        _ => return None,
    };
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(TokKind::Date { day: day as u8, month: month as u8 })
}

fn strip_zeros(g: &str) -> String {
    let t = g.trim_start_matches('0');
    if t.is_empty() { "0".to_string() } else { t.to_string() }
}

/// Joins digit groups: a separator before exactly three digits groups
/// thousands; the last separator is a decimal mark when it is not a
/// grouping one or differs from the earlier ones ("1,234.5", "1.234,5").
fn join_groups(groups: &[String], seps: &[char]) -> (String, bool) {
    let decimal_at = seps.last().and_then(|&last| {
        let k = seps.len() - 1;
        let decimal = if last.is_whitespace() || !matches!(last, '.' | ',') {
            false
        } else if seps[..k].iter().any(|s| *s != last) {
            true
        } else if k > 0 {
            false
        } else {
            groups[1].len() != 3
        };
        decimal.then_some(k)
    });
    let mut int = String::new();
    let mut frac = String::new();
    for (k, g) in groups.iter().enumerate() {
        if decimal_at.is_some_and(|d| k > d) {
            frac.push_str(g);
        } else {
            int.push_str(g);
        }
    }
    let int = strip_zeros(&int);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() { (int, false) } else { (format!("{int}.{frac}"), true) }
}

/// Multiplier of a scale word after a number ("18.4 million", "1840万", "$5bn").
fn scale_of(word: &str, attached: bool) -> Option<f64> {
    const THOUSAND: &[&str] = &["thousand", "tausend", "тыс", "тисяч", "tisíc", "tisuć", "tysi", "tys", "þúsund", "duizend", "tusen", "mila", "mille", "千", "हजार", "ह\u{91c}\u{93c}ार"];
    const MILLION: &[&str] = &["million", "millj", "milion", "milijun", "miljon", "miljoen", "millon", "mln", "млн", "миллион", "мільйон", "мiльйон", "mio", "mil.", "百万", "मिलियन"];
    const BILLION: &[&str] = &["billion", "milliard", "miliard", "milijard", "milljarð", "miljard", "mrd", "млрд", "миллиард", "мільярд", "bn", "बिलियन", "अरब"];
    if word == "万" || word == "萬" || word == "만" {
        return Some(1e4);
    }
    if word == "億" || word == "亿" || word == "억" {
        return Some(1e8);
    }
    // South Asian scales: a lakh is 10⁵, a crore 10⁷ (Hindi and Indian English).
    if word.starts_with("लाख") || word.starts_with("lakh") {
        return Some(1e5);
    }
    if word.starts_with("करोड") || word.starts_with("crore") {
        return Some(1e7);
    }
    if attached {
        match word {
            "k" => return Some(1e3),
            "m" => return Some(1e6),
            "b" | "bn" => return Some(1e9),
            _ => {}
        }
    }
    if word == "mil" {
        return Some(1e3);
    }
    let is = |list: &[&str]| list.iter().any(|s| word.starts_with(s));
    if is(BILLION) {
        Some(1e9)
    } else if is(MILLION) {
        Some(1e6)
    } else if is(THOUSAND) {
        Some(1e3)
    } else {
        None
    }
}

/// Words that are capitalised for reasons other than being names.
fn is_function_word(ascii: &str) -> bool {
    matches!(ascii, "i" | "the" | "mr" | "mrs" | "ms" | "dr" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}

/// Share of CJK characters among the letters: Latin words inside such text are names.
fn cjk_dominant(chars: &[(char, u32)]) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for (c, _) in chars {
        match classify(*c) {
            Class::Cjk | Class::Katakana => cjk += 1,
            Class::Letter => letters += 1,
            _ => {}
        }
    }
    cjk > 0 && cjk * 2 >= cjk + letters
}

/// Everything [`extract`] finds, with readable labels.
pub fn labelled(text: &str, lang: &str) -> (Vec<Labelled>, Vec<Word>) {
    labelled_with(text, lang, true)
}

fn labelled_with(text: &str, lang: &str, want_words: bool) -> (Vec<Labelled>, Vec<Word>) {
    let chars = normalised(text);
    let cjk_doc = cjk_dominant(&chars);
    let toks = tokenize(&chars);
    let mut out = Vec::new();
    let mut words = Vec::new();
    let push = |out: &mut Vec<Labelled>, kind, text: String, pos| out.push(Labelled { kind, text, pos });
    for (t, tok) in toks.iter().enumerate() {
        let next = toks.get(t + 1);
        match &tok.kind {
            TokKind::Number { value, decimal } => {
                let big = value.len() >= 2 || *decimal;
                if big {
                    push(&mut out, AnchorKind::Number, value.clone(), tok.pos);
                }
                if let Some(d) = date_around(&toks, t, lang) {
                    push(&mut out, AnchorKind::Date, d, tok.pos);
                }
                if let Some(scaled) = scaled_value(value, next) {
                    push(&mut out, AnchorKind::Number, scaled, tok.pos);
                }
            }
            TokKind::Date { day, month } => push(&mut out, AnchorKind::Date, format!("{day}.{month}"), tok.pos),
            TokKind::Word { text, initial, upper } => {
                let latin_in_cjk = cjk_doc && text.len() >= 2 && text.chars().all(|c| c.is_ascii_alphabetic());
                if ((*upper && !*initial) || latin_in_cjk) && month_of(lang, &text.to_lowercase()).is_none() {
                    let ascii = ascii_letters(text);
                    if !is_function_word(&ascii) {
                        let kind = if capitalises_nouns(lang) && !latin_in_cjk { AnchorKind::Noun } else { AnchorKind::Name };
                        name_keys(&mut out, kind, &ascii, tok.pos);
                    }
                }
                // Scripts without capitals (Devanagari, Arabic, Hebrew, Thai …)
                // cannot mark a name: every word may be one, so each gives
                // weak keys that count only where the other text shares them,
                // as Chinese readings do.
                if !latin_in_cjk && text.chars().next().is_some_and(is_caseless_letter) && month_of(lang, text).is_none() {
                    name_keys(&mut out, AnchorKind::Reading, &ascii_letters(text), tok.pos);
                }
                if want_words {
                    words.push(Word { text: text.to_lowercase(), pos: tok.pos, cjk: false });
                }
            }
            TokKind::Katakana(run) => {
                // A middle dot separates given and family names: key each part.
                for part in run.split(['・', '･', '=', '＝']) {
                    // Small tsu and the long-vowel mark only lengthen a sound;
                    // transliterated they add letters the original lacks.
                    let part: String = part.chars().filter(|c| !matches!(c, 'ッ' | 'ー')).collect();
                    let ascii = ascii_letters(&part);
                    name_keys(&mut out, AnchorKind::Name, &ascii, tok.pos);
                }
                if want_words {
                    words.push(Word { text: run.clone(), pos: tok.pos, cjk: true });
                }
            }
            TokKind::CjkRun(run) => {
                han_bigrams(&mut out, run, tok.pos);
                if lang == "zh" {
                    han_readings(&mut out, run, tok.pos);
                }
                if want_words {
                    words.push(Word { text: run.clone(), pos: tok.pos, cjk: true });
                }
            }
            TokKind::Punct(_) => {}
        }
    }
    (out, words)
}

/// A letter of a script without upper and lower case (CJK is tokenised apart).
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

/// Han ideographs proper (not kana, hangul or the iteration mark 々,
/// which Chinese does not write).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Overlapping pairs of Han characters in a run, each keyed by the
/// toneless Mandarin readings `any_ascii` gives (the same for a character's
/// Japanese, simplified and traditional forms in most cases). Positions are
/// the run's start plus the byte offset of the pair inside the run.
fn han_bigrams(out: &mut Vec<Labelled>, run: &str, pos: u32) {
    let mut prev: Option<String> = None;
    for (off, c) in run.char_indices() {
        if !is_han(c) {
            prev = None;
            continue;
        }
        let Some(r) = reading(c) else {
            prev = None;
            continue;
        };
        if let Some(p) = prev.take() {
            let at = pos.saturating_add(off as u32).saturating_sub(c.len_utf8() as u32);
            out.push(Labelled { kind: AnchorKind::Han, text: format!("{p}-{r}"), pos: at });
        }
        prev = Some(r);
    }
}

/// Languages that capitalise every noun, so capitals do not mark names.
fn capitalises_nouns(lang: &str) -> bool {
    matches!(lang, "de" | "lb" | "gsw" | "bar")
}

/// Toneless Mandarin reading of one Han character, lower case.
fn reading(c: char) -> Option<String> {
    if !is_han(c) {
        return None;
    }
    let mut buf = [0u8; 4];
    let r = any_ascii::any_ascii(c.encode_utf8(&mut buf)).to_ascii_lowercase();
    (!r.is_empty() && r.bytes().all(|b| b.is_ascii_alphabetic())).then_some(r)
}

/// Name prefixes a pinyin spelling of the Han text starting at each
/// character could have: the character's own reading when it is three or
/// four letters long (Liu, Jian), and the first five letters of the
/// readings from there on (Hunan, Zhang, Xiaol(ing), Jinpi(ng)). Any
/// character may start a name, so these are weak anchors.
fn han_readings(out: &mut Vec<Labelled>, run: &str, pos: u32) {
    let chars: Vec<(usize, Option<String>)> = run.char_indices().map(|(i, c)| (i, reading(c))).collect();
    for (k, (off, r)) in chars.iter().enumerate() {
        let Some(r) = r else { continue };
        let at = pos.saturating_add(*off as u32);
        if (3..5).contains(&r.len()) {
            out.push(Labelled { kind: AnchorKind::Reading, text: format!("p:{r}"), pos: at });
        }
        let mut joined = r.clone();
        for (_, next) in &chars[k + 1..] {
            if joined.len() >= PREFIX_LEN {
                break;
            }
            match next {
                Some(n) => joined.push_str(n),
                None => break,
            }
        }
        if joined.len() >= PREFIX_LEN {
            out.push(Labelled { kind: AnchorKind::Reading, text: format!("p:{}", &joined[..PREFIX_LEN]), pos: at });
        }
    }
}

fn name_keys(out: &mut Vec<Labelled>, kind: AnchorKind, ascii: &str, pos: u32) {
    if let Some(p) = prefix_key(ascii) {
        out.push(Labelled { kind, text: format!("p:{p}"), pos });
    }
    if let Some(s) = skeleton_key(ascii) {
        out.push(Labelled { kind, text: format!("s:{s}"), pos });
    }
}

/// Value times a scale word that follows the number.
fn scaled_value(value: &str, next: Option<&Tok>) -> Option<String> {
    let next = next?;
    let scale = match &next.kind {
        TokKind::Word { text, .. } => scale_of(&text.to_lowercase(), !next.spaced),
        TokKind::CjkRun(run) => run.chars().next().and_then(|c| scale_of(c.encode_utf8(&mut [0; 4]), true)),
        _ => None,
    }?;
    let v: f64 = value.parse().ok()?;
    let scaled = (v * scale).round();
    (scaled.is_finite() && scaled < 1e15).then(|| format!("{scaled:.0}"))
}

/// A day-month date around the number at `t`: "24 February", "24. februar",
/// "Feb. 24", "24 лютого", "2月24日".
fn date_around(toks: &[Tok], t: usize, lang: &str) -> Option<String> {
    let TokKind::Number { value, decimal: false } = &toks[t].kind else { return None };
    let day: u8 = value.parse().ok().filter(|d| (1..=31).contains(d))?;
    let month_word = |k: usize| -> Option<u8> {
        match &toks.get(k)?.kind {
            // English writes months capitalised: "march 10 miles" is no date.
            TokKind::Word { text, upper, .. } if *upper || lang != "en" => month_of(lang, &text.to_lowercase()),
            _ => None,
        }
    };
    let is_dot = |k: usize| toks.get(k).is_some_and(|x| matches!(x.kind, TokKind::Punct('.')));
    let is_filler = |k: usize| {
        toks.get(k).is_some_and(|x| match &x.kind {
            TokKind::Word { text, .. } => matches!(text.as_str(), "of" | "de" | "th" | "st" | "nd" | "rd" | "-го" | "го"),
            _ => false,
        })
    };
    // Day before month: "24 February", "24. februar", "24th of February", "24 de febrero".
    let mut k = t + 1;
    if is_dot(k) {
        k += 1;
    }
    while is_filler(k) && k < t + 4 {
        k += 1;
    }
    if let Some(m) = month_word(k) {
        return Some(format!("{day}.{m}"));
    }
    // Month before day: "Feb. 24", "February 24".
    if t >= 1 {
        let mut k = t - 1;
        if is_dot(k) && k >= 1 {
            k -= 1;
        }
        let next_is_digit_group = matches!(toks.get(t + 1).map(|x| &x.kind), Some(TokKind::Number { .. })) && !toks[t + 1].spaced;
        if let Some(m) = month_word(k).filter(|_| !next_is_digit_group) {
            return Some(format!("{day}.{m}"));
        }
        // "2月24日": the month number sits two tokens back, before 月.
        if let (Some(TokKind::CjkRun(after)), Some(TokKind::CjkRun(before))) = (toks.get(t + 1).map(|x| &x.kind), toks.get(t - 1).map(|x| &x.kind))
            && after.chars().next().is_some_and(is_cjk_day_marker)
            && before.chars().next().is_some_and(is_cjk_month_marker)
            && t >= 2
            && let TokKind::Number { value: m, decimal: false } = &toks[t - 2].kind
            && let Ok(m) = m.parse::<u8>()
            && (1..=12).contains(&m)
        {
            return Some(format!("{day}.{m}"));
        }
    }
    None
}

/// The document's anchors, hashed, in text order.
pub fn extract(text: &str, lang: &str, seed: u64, want_words: bool) -> (Vec<Anchor>, Vec<Word>) {
    let (labelled, words) = labelled_with(text, lang, want_words);
    let anchors = labelled.into_iter().map(|l| Anchor { key: key(l.kind, &l.text, seed), pos: l.pos, kind: l.kind }).collect();
    (anchors, words)
}

/// Counts characters, the length unit the ratio table is written in.
pub fn char_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The script most letters are written in (0 Latin, 1 Cyrillic, 2 Greek,
/// 3 CJK, 4 other), to tell two undetermined-language texts apart.
pub fn dominant_script(text: &str) -> u8 {
    let mut counts = [0usize; 5];
    for c in text.chars().take(4000) {
        let s = match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => 0,
            '\u{0400}'..='\u{052F}' => 1,
            '\u{0370}'..='\u{03FF}' => 2,
            c if matches!(classify(c), Class::Cjk | Class::Katakana) => 3,
            c if c.is_alphabetic() => 4,
            _ => continue,
        };
        counts[s] += 1;
    }
    (0..5).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0) as u8
}
