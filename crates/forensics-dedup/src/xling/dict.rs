//! Optional bilingual dictionaries: Debian's FreeDict packages (dictd
//! format: a `.index` of `headword TAB base64-offset TAB base64-length` and
//! a `.dict` or dictzip `.dict.dz`, which is gzip-compatible) read at run
//! time from where they are installed, never shipped. They gloss content
//! words into an English pivot so two versions can also be aligned by what
//! their words mean. Everything works without them.

use super::anchors::{key, Anchor, AnchorKind, Word};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// What one loaded dictionary covers, for the CLI to report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DictionaryInfo {
    /// File stem, e.g. `freedict-ces-eng`.
    pub name: String,
    /// ISO 639-1 code of the language it glosses into English.
    pub language: String,
    pub headwords: usize,
    /// Built from an English-to-X dictionary read backwards.
    pub reversed: bool,
}

/// Headword (lower case) to English gloss stems, best sense first.
#[derive(Debug, Default)]
struct Lexicon {
    exact: HashMap<String, Vec<String>>,
    /// Headwords without their last two letters (at least four kept), so
    /// an inflected word finds its lemma ("vlády" → "vláda").
    stems: HashMap<String, Vec<String>>,
    /// Longest headword in characters, for segmenting unspaced text.
    max_chars: usize,
    reversed: bool,
}

/// The dictionaries installed in one directory, by language.
#[derive(Debug, Default)]
pub struct Dictionaries {
    infos: Vec<DictionaryInfo>,
    lexicons: BTreeMap<String, Lexicon>,
    seed: u64,
}

/// Glosses kept per word: the first senses, each weighing 1/k of the word.
const MAX_GLOSSES: usize = 2;
/// Candidate English words kept per reversed entry before re-ranking.
const MAX_REVERSED: usize = 8;

fn iso1(code: &str) -> Option<&'static str> {
    Some(match code {
        "ces" => "cs", "deu" => "de", "fra" => "fr", "spa" => "es", "ita" => "it", "nld" => "nl", "swe" => "sv",
        "pol" => "pl", "por" => "pt", "hrv" => "hr", "isl" => "is", "jpn" => "ja", "rus" => "ru", "dan" => "da",
        "fin" => "fi", "hun" => "hu", "afr" => "af", "ell" => "el", "tur" => "tr", "srp" => "sr", "ukr" => "uk",
        "bul" => "bg", "nob" | "nor" => "nb", "lit" => "lt", "gle" => "ga", "cym" => "cy", "ara" => "ar",
        "hin" => "hi", "slk" => "sk", "slv" => "sl", "ron" => "ro", "est" => "et", "lav" => "lv", "swh" => "sw",
        "epo" => "eo", "kur" => "ku", "lat" => "la",
        _ => return None,
    })
}

/// Languages whose text a neighbour's dictionary reads well enough.
fn fallback(lang: &str) -> Option<&'static str> {
    match lang {
        "bs" | "sr" => Some("hr"),
        "no" | "nn" => Some("nb"),
        _ => None,
    }
}

/// English function words: never glosses, never pivot words.
const STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "from", "this", "are", "was", "were", "has", "have", "had", "not", "but",
    "its", "his", "her", "their", "they", "them", "she", "him", "who", "which", "what", "will", "would", "been",
    "also", "into", "than", "then", "there", "about", "more", "some", "one", "any", "all", "can", "may", "our",
    "out", "you", "your", "such", "very", "make", "get", "put", "take", "give", "other", "being", "same",
];

/// The pivot form of an English word: ASCII letters, at most six kept
/// (a crude stem that joins "government"/"governor", enough for glosses).
pub fn english_stem(word: &str) -> Option<String> {
    let w: String = word.chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect();
    if w.len() < 3 || STOP.contains(&w.as_str()) {
        return None;
    }
    Some(w.chars().take(6).collect())
}

fn stem_of(word: &str) -> Option<String> {
    let n = word.chars().count();
    (n >= 5).then(|| word.chars().take((n - 2).max(4)).collect())
}

/// Document frequency of English pivot stems over the English documents.
pub fn english_df<'a>(docs: impl Iterator<Item = &'a Vec<Word>>) -> HashMap<String, u32> {
    let mut df = HashMap::new();
    for words in docs {
        let mut seen: Vec<String> = words.iter().filter_map(|w| english_stem(&w.text)).collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *df.entry(s).or_insert(0) += 1;
        }
    }
    df
}

impl Dictionaries {
    /// The dictionaries installed in `dir`, loaded once per process.
    pub fn installed(dir: &str) -> Arc<Dictionaries> {
        Self::installed_for(dir, None)
    }

    /// The dictionaries installed in `dir` for the languages of a corpus
    /// (`None`: all of them), loaded once per process and language set.
    /// Loading costs about a second per large dictionary: a corpus in
    /// Norwegian and English must not pay for Japanese and German.
    pub fn installed_for(dir: &str, languages: Option<&BTreeSet<String>>) -> Arc<Dictionaries> {
        static CACHE: OnceLock<Mutex<HashMap<String, Arc<Dictionaries>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let key = match languages {
            Some(l) => format!("{dir}\0{}", l.iter().map(String::as_str).collect::<Vec<_>>().join(",")),
            None => dir.to_string(),
        };
        if let Ok(map) = cache.lock()
            && let Some(d) = map.get(&key)
        {
            return d.clone();
        }
        let loaded = Arc::new(Dictionaries::load_for(Path::new(dir), 0x5eed, languages));
        if let Ok(mut map) = cache.lock() {
            map.insert(key, loaded.clone());
        }
        loaded
    }

    /// Reads every `<name>.index` with its `.dict`/`.dict.dz` in `dir` whose
    /// name says X→English (`freedict-ces-eng`) or, for languages written in
    /// another script than English, English→X (`freedict-eng-rus`,
    /// `mueller7`), read backwards. Unreadable files are skipped.
    pub fn load(dir: &Path, seed: u64) -> Dictionaries {
        Self::load_for(dir, seed, None)
    }

    /// [`Dictionaries::load`], only of the dictionaries that can gloss one
    /// of `languages` (directly or through [`fallback`]); `None`: all.
    pub fn load_for(dir: &Path, seed: u64, languages: Option<&BTreeSet<String>>) -> Dictionaries {
        let mut out = Dictionaries { seed, ..Default::default() };
        let Ok(entries) = std::fs::read_dir(dir) else { return out };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".index")).map(str::to_string))
            .collect();
        names.sort();
        let plan: Vec<(String, String, bool)> = names
            .into_iter()
            .filter_map(|name| {
                let parts: Vec<&str> = name.trim_start_matches("freedict-").split('-').collect();
                match parts.as_slice() {
                    [from, "eng"] => iso1(from).map(|l| (name.clone(), l.to_string(), false)),
                    ["eng", to] if matches!(*to, "rus" | "ukr" | "bul" | "ell" | "srp") => iso1(to).map(|l| (name.clone(), l.to_string(), true)),
                    ["mueller7"] => Some((name.clone(), "ru".to_string(), true)),
                    _ => None,
                }
            })
            .filter(|(_, lang, _)| languages.is_none_or(|set| set.iter().any(|l| l == lang || fallback(l) == Some(lang.as_str()))))
            .collect();
        use rayon::prelude::*;
        let loaded: Vec<(String, String, bool, Option<Lexicon>)> =
            plan.into_par_iter().map(|(name, lang, rev)| { let lex = read_lexicon(dir, &name, rev); (name, lang, rev, lex) }).collect();
        for (name, lang, reversed, lex) in loaded {
            let Some(lex) = lex else { continue };
            out.infos.push(DictionaryInfo { name, language: lang.clone(), headwords: lex.exact.len(), reversed });
            let slot = out.lexicons.entry(lang).or_default();
            merge(slot, lex);
        }
        out
    }

    /// What was loaded, sorted by name.
    pub fn infos(&self) -> &[DictionaryInfo] {
        &self.infos
    }

    /// Names of the loaded dictionaries.
    pub fn names(&self) -> Vec<String> {
        self.infos.iter().map(|i| i.name.clone()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.lexicons.is_empty()
    }

    /// Whether `lang` can be glossed (English always can: it is the pivot).
    pub fn covers(&self, lang: &str) -> bool {
        lang == "en" || self.lexicon(lang).is_some()
    }

    fn lexicon(&self, lang: &str) -> Option<&Lexicon> {
        self.lexicons.get(lang).or_else(|| fallback(lang).and_then(|l| self.lexicons.get(l)))
    }

    /// Gloss anchors of a document's words in English pivot stems.
    pub fn gloss(&self, lang: &str, words: &[Word], english_df: &HashMap<String, u32>, seed: u64) -> Vec<Anchor> {
        let _ = self.seed;
        let mk = |stem: &str, pos: u32| Anchor { key: key(AnchorKind::Gloss, stem, seed), pos, kind: AnchorKind::Gloss };
        if lang == "en" {
            return words.iter().filter_map(|w| english_stem(&w.text).map(|s| mk(&s, w.pos))).collect();
        }
        let Some(lex) = self.lexicon(lang) else { return Vec::new() };
        let pick = |glosses: &Vec<String>| -> Vec<String> {
            if lex.reversed {
                // Re-rank a reversed entry by how common each English word is
                // in this corpus, else Russian год would mean "circle".
                let mut g: Vec<(u32, usize, &String)> = glosses.iter().enumerate().map(|(i, s)| (english_df.get(s).copied().unwrap_or(0), i, s)).collect();
                g.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                g.into_iter().take(MAX_GLOSSES).map(|(_, _, s)| s.clone()).collect()
            } else {
                glosses.iter().take(MAX_GLOSSES).cloned().collect()
            }
        };
        let mut out = Vec::new();
        for w in words {
            if w.cjk {
                segment(lex, &w.text, |offset, glosses| {
                    for g in pick(glosses) {
                        out.push(mk(&g, w.pos + offset as u32));
                    }
                });
            } else if let Some(glosses) = lookup(lex, &w.text) {
                for g in pick(glosses) {
                    out.push(mk(&g, w.pos));
                }
            }
        }
        out
    }
}

fn merge(into: &mut Lexicon, from: Lexicon) {
    for (k, v) in from.exact {
        into.exact.entry(k).or_insert(v);
    }
    for (k, v) in from.stems {
        into.stems.entry(k).or_insert(v);
    }
    into.max_chars = into.max_chars.max(from.max_chars);
    into.reversed |= from.reversed;
}

/// Exact headword, else the word with up to three letters cut off, as a
/// headword or as a headword stem.
fn lookup<'a>(lex: &'a Lexicon, word: &str) -> Option<&'a Vec<String>> {
    if let Some(g) = lex.exact.get(word) {
        return Some(g);
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 4 {
        return None;
    }
    for cut in 1..=3.min(n - 4) {
        let s: String = chars[..n - cut].iter().collect();
        if let Some(g) = lex.exact.get(&s).or_else(|| lex.stems.get(&s)) {
            return Some(g);
        }
    }
    lex.stems.get(&chars[..n.saturating_sub(0)].iter().collect::<String>())
}

/// Greedy longest-match segmentation of unspaced text (Japanese).
fn segment(lex: &Lexicon, text: &str, mut f: impl FnMut(usize, &Vec<String>)) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut found = None;
        for len in (1..=lex.max_chars.min(chars.len() - i).min(8)).rev() {
            let end = chars.get(i + len).map_or(text.len(), |c| c.0);
            let piece = &text[chars[i].0..end];
            if len == 1 && !is_kanji(chars[i].1) {
                break;
            }
            if let Some(g) = lex.exact.get(piece) {
                found = Some((len, g));
                break;
            }
        }
        match found {
            Some((len, g)) => {
                f(chars[i].0, g);
                i += len;
            }
            None => i += 1,
        }
    }
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn decode_b64(s: &str) -> Option<usize> {
    let mut v: usize = 0;
    for c in s.bytes() {
        let d = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        v = v.checked_mul(64)?.checked_add(d as usize)?;
    }
    Some(v)
}

fn read_data(dir: &Path, name: &str) -> Option<Vec<u8>> {
    let plain = dir.join(format!("{name}.dict"));
    if let Ok(b) = std::fs::read(&plain) {
        return Some(b);
    }
    let file = std::fs::File::open(dir.join(format!("{name}.dict.dz"))).ok()?;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(file).read_to_end(&mut out).ok()?;
    Some(out)
}

fn read_lexicon(dir: &Path, name: &str, reversed: bool) -> Option<Lexicon> {
    let index = std::fs::read_to_string(dir.join(format!("{name}.index"))).ok()?;
    let data = read_data(dir, name)?;
    let mut lex = Lexicon { reversed, ..Default::default() };
    // Several index lines may point at one definition (kanji and kana forms).
    for line in index.lines() {
        let mut parts = line.split('\t');
        let (Some(head), Some(off), Some(len)) = (parts.next(), parts.next(), parts.next()) else { continue };
        if head.starts_with("00-database") || head.starts_with("00database") {
            continue;
        }
        let (Some(off), Some(len)) = (decode_b64(off), decode_b64(len)) else { continue };
        let Some(bytes) = data.get(off..off.saturating_add(len)) else { continue };
        let def = String::from_utf8_lossy(bytes);
        let head = head.trim().to_lowercase();
        if reversed {
            add_reversed(&mut lex, &head, &def);
        } else {
            let glosses = senses(&def);
            if !glosses.is_empty() && !head.contains(' ') {
                add(&mut lex, head, glosses);
            }
        }
    }
    (!lex.exact.is_empty()).then_some(lex)
}

fn add(lex: &mut Lexicon, head: String, glosses: Vec<String>) {
    lex.max_chars = lex.max_chars.max(head.chars().count());
    if let Some(s) = stem_of(&head) {
        let e = lex.stems.entry(s).or_default();
        for g in &glosses {
            if !e.contains(g) && e.len() < MAX_REVERSED {
                e.push(g.clone());
            }
        }
    }
    let e = lex.exact.entry(head).or_default();
    for g in glosses {
        if !e.contains(&g) && e.len() < MAX_REVERSED {
            e.push(g);
        }
    }
}

/// English pivot stems of a definition, first sense first. The first line
/// repeats the headword and pronunciation; grammar notes sit in brackets.
fn senses(def: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in def.lines().skip(1) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('(') || line.starts_with("Note:") || line.starts_with("Synonym") || line.starts_with("See") {
            continue;
        }
        let clean = strip_brackets(line);
        let clean = clean.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        for sense in clean.split([',', ';']) {
            let words: Vec<String> = sense.split_whitespace().filter_map(english_stem).collect();
            // Long explanations are not glosses.
            if words.len() <= 2 {
                for w in words {
                    if !out.contains(&w) {
                        out.push(w);
                    }
                }
            }
        }
        if out.len() >= MAX_REVERSED {
            break;
        }
    }
    out
}

fn strip_brackets(s: &str) -> String {
    let mut depth = 0i32;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// An English→X entry read backwards: every X word of the definition gets
/// the English headword as a candidate gloss.
fn add_reversed(lex: &mut Lexicon, head: &str, def: &str) {
    if head.contains(' ') {
        return;
    }
    let Some(stem) = english_stem(head) else { return };
    for line in def.lines().skip(1) {
        let clean = strip_brackets(line);
        for w in clean.split(|c: char| !c.is_alphabetic()) {
            let is_foreign = w.chars().count() >= 2 && w.chars().all(|c| !c.is_ascii());
            if is_foreign {
                add(lex, w.to_lowercase(), vec![stem.clone()]);
            }
        }
    }
}
