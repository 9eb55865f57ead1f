//! Calibration across language pairs. Raw similarity levels differ a lot
//! between language pairs (names survive Cyrillic better than Han), so each
//! score is read against the background of both documents: CSLS-style, the
//! mean similarity of a document to its 5th–10th nearest candidates in the
//! other document's language is subtracted, from both ends.

use std::collections::HashMap;

/// Mean of the scores ranked `from..=to` (1-based) among `scores`; ranks
/// with no candidate count as zero (documents the index never proposed are
/// not similar).
pub fn background(scores: &mut [f64], from: usize, to: usize) -> f64 {
    scores.sort_unstable_by(|a, b| b.total_cmp(a));
    let n = (to + 1).saturating_sub(from).max(1);
    scores.iter().skip(from.saturating_sub(1)).take(n).sum::<f64>() / n as f64
}

/// The background level of each document towards each language.
pub struct Backgrounds {
    /// Sorted by `(doc, lang)`.
    levels: Vec<((u32, u16), f64)>,
}

impl Backgrounds {
    pub fn get(&self, doc: u32, lang: u16) -> Option<f64> {
        self.levels.binary_search_by_key(&(doc, lang), |e| e.0).ok().and_then(|i| self.levels.get(i)).map(|e| e.1)
    }
}

/// Backgrounds of each document towards each language. One flat list
/// sorted by `(doc, lang)`, not a vector of scores per document and
/// language: at 100k documents the candidates' scores are millions.
pub fn backgrounds(scored: &[(u32, u32, f64)], lang_of: &dyn Fn(u32) -> u16, from: usize, to: usize) -> Backgrounds {
    let mut all: Vec<((u32, u16), f64)> = Vec::with_capacity(2 * scored.len());
    for &(a, b, s) in scored {
        all.push(((a, lang_of(b)), s));
        all.push(((b, lang_of(a)), s));
    }
    all.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
    let mut levels = Vec::new();
    let mut scores: Vec<f64> = Vec::new();
    for run in all.chunk_by(|x, y| x.0 == y.0) {
        scores.clear();
        scores.extend(run.iter().map(|e| e.1));
        if let Some(first) = run.first() {
            levels.push((first.0, background(&mut scores, from, to)));
        }
    }
    Backgrounds { levels }
}

/// Whether each pair is mutual best: `b` is `a`'s highest calibrated
/// partner in `b`'s language and `a` is `b`'s in `a`'s (ties go to the
/// lower document index, so the answer does not depend on pair order), each
/// ahead of that end's runner-up in the language by at least `margin`.
/// A translation is its original's best match in its language far more
/// often than its score clears a global threshold; a document with no
/// version in that language has a best match too, but one barely ahead
/// of the next (the margin is the ratio test of nearest-neighbour matching).
pub fn mutual_best(scored: &[(u32, u32, f64)], calibrated: &[f64], lang_of: &dyn Fn(u32) -> u16, margin: f64) -> Vec<bool> {
    // (best score, its partner, runner-up score) per document and language.
    let mut best: HashMap<(u32, u16), (f64, u32, f64)> = HashMap::new();
    let mut offer = |d: u32, lang: u16, partner: u32, c: f64| {
        let e = best.entry((d, lang)).or_insert((f64::NEG_INFINITY, u32::MAX, f64::NEG_INFINITY));
        if c > e.0 || (c == e.0 && partner < e.1) {
            *e = (c, partner, e.0);
        } else if c > e.2 {
            e.2 = c;
        }
    };
    for (&(a, b, _), &c) in scored.iter().zip(calibrated) {
        offer(a, lang_of(b), b, c);
        offer(b, lang_of(a), a, c);
    }
    // No runner-up counts as a runner-up at zero: documents the index never
    // proposed are not similar.
    let clear = |e: &(f64, u32, f64)| e.0 - e.2.max(0.0) >= margin;
    scored
        .iter()
        .map(|&(a, b, _)| {
            best.get(&(a, lang_of(b))).is_some_and(|e| e.1 == b && clear(e)) && best.get(&(b, lang_of(a))).is_some_and(|e| e.1 == a && clear(e))
        })
        .collect()
}

/// Characters (without spaces) a text needs per English character, by
/// language: a translation's length follows its language's density. Rough
/// figures from typical parallel news (Han and kana carry a syllable or a
/// word per character); unknown languages count as 1.
pub fn density(lang: &str) -> f64 {
    match lang {
        "zh" => 0.33,
        "ja" => 0.5,
        "ko" => 0.55,
        "th" => 0.95,
        "de" | "nl" | "fr" | "es" | "pt" | "it" | "ro" | "el" => 1.15,
        "fi" | "hu" | "tr" | "et" => 1.05,
        "ar" | "he" | "fa" => 0.85,
        _ => 1.0,
    }
}

/// How far a pair's length ratio strays from what its languages predict,
/// beyond `tolerance` (natural log units); 0 when within.
pub fn length_excess(len_a: usize, lang_a: &str, len_b: usize, lang_b: &str, tolerance: f64) -> f64 {
    let expected = (density(lang_a) / density(lang_b)).ln();
    let actual = ((len_a.max(1)) as f64 / (len_b.max(1)) as f64).ln();
    ((actual - expected).abs() - tolerance).max(0.0)
}
