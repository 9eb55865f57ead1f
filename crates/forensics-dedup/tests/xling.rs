//! Families across languages, against the truth of the corpus sets that
//! hold translations: the seeds (Norwegian ← English) and `xling` (Hindi ←
//! English, Devanagari digits, and an unrelated Hindi report). Dictionaries
//! are off, as on a machine without them.

mod common;

use forensics_dedup::xling::labelled;
use forensics_dedup::{dedup, DedupConfig, PairKind};
use std::collections::{BTreeSet, HashMap};

fn portable() -> DedupConfig {
    let mut cfg = DedupConfig::default();
    cfg.xling.dictionaries = false;
    cfg
}

/// Every pair of documents is in one family exactly when the truth says so.
fn check(set: &str) {
    let docs = common::load(set);
    let result = dedup(&docs, &portable());
    let fam: HashMap<&str, &str> = result.families.iter().flat_map(|f| f.members.iter().map(move |m| (m.as_str(), f.id.as_str()))).collect();
    let truth = common::truth(set);
    for (i, (a, fa, _)) in truth.iter().enumerate() {
        for (b, fb, _) in &truth[i + 1..] {
            let same = fam.get(a.as_str()) == fam.get(b.as_str());
            assert_eq!(same, fa == fb, "{set}: {a} and {b} should {}be in one family", if fa == fb { "" } else { "not " });
        }
    }
}

#[test]
fn families_span_languages() {
    check("seeds");
    check("xling");
}

/// The cross-language pair's passages say which sentence renders which:
/// each is one sentence of each text, in the same order on both sides,
/// and the two sentences share an anchor (number, date or name).
fn check_alignment(set: &str, a: &str, b: &str, min_sentences: usize) {
    let docs = common::load(set);
    let result = dedup(&docs, &portable());
    let pair = result
        .pairs
        .iter()
        .find(|p| p.kind == PairKind::CrossLanguage && p.a.starts_with(a) && p.b.starts_with(b))
        .unwrap_or_else(|| panic!("{set}: no cross-language pair {a}–{b} in {:?}", result.pairs.iter().map(|p| (&p.a, &p.b)).collect::<Vec<_>>()));
    let doc = |id: &str| docs.iter().find(|d| d.id == id).unwrap();
    let (da, db) = (doc(&pair.a), doc(&pair.b));
    assert!(pair.passages.len() >= min_sentences, "{set}: {} aligned sentences", pair.passages.len());
    for w in pair.passages.windows(2) {
        assert!(w[0].a.start <= w[1].a.start && w[0].b.start <= w[1].b.start, "{set}: alignment not monotone: {w:?}");
    }
    let anchors = |text: &str, lang: &str| -> BTreeSet<String> { labelled(text, lang).0.into_iter().map(|l| l.text).collect() };
    for p in &pair.passages {
        assert!(da.sentences.contains(&p.a) && db.sentences.contains(&p.b), "{set}: a passage is not a sentence of each text: {p:?}");
        let (sa, sb) = (p.a.slice(&da.text), p.b.slice(&db.text));
        let shared = anchors(sa, &da.language).intersection(&anchors(sb, &db.language)).count();
        assert!(shared > 0, "{set}: aligned sentences share no anchor:\n{sa}\n{sb}");
    }
}

#[test]
fn translations_are_aligned_sentence_by_sentence() {
    // Seed 000 (Norwegian) renders the AP story 004.
    check_alignment("seeds", "000", "004", 5);
    check_alignment("xling", "ferry-en", "ferry-hi", 5);
}
