//! Small multilingual fixtures, one `check` helper per table.

use super::anchors::{labelled, AnchorKind};
use super::months::month_of;
use super::names::{ascii_letters, prefix_key, skeleton_key};

/// Labels of one kind found in `text`, in order.
fn found(text: &str, lang: &str, kind: AnchorKind) -> Vec<String> {
    labelled(text, lang).0.into_iter().filter(|l| l.kind == kind).map(|l| l.text).collect()
}

fn check(cases: &[(&str, &str, AnchorKind, &[&str])]) {
    for (text, lang, kind, want) in cases {
        let got = found(text, lang, *kind);
        assert_eq!(got, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{kind:?} in {lang} {text:?}");
    }
}

#[test]
fn dates_agree_across_languages() {
    use AnchorKind::Date;
    check(&[
        ("On Feb. 24 troops crossed.", "en", Date, &["24.2"]),
        ("Since 24 February the war goes on.", "en", Date, &["24.2"]),
        ("Den 24. februar krysset tropper grensen.", "nb", Date, &["24.2"]),
        ("З 24 лютого триває війна.", "uk", Date, &["24.2"]),
        ("С 24 февраля идёт война.", "ru", Date, &["24.2"]),
        ("Od 24. února probíhá válka.", "cs", Date, &["24.2"]),
        ("Dne 5. července a 5. června.", "cs", Date, &["5.7", "5.6"]),
        ("Od 24. veljače traje rat.", "hr", Date, &["24.2"]),
        ("Frá 24. febrúar hefur stríðið staðið.", "is", Date, &["24.2"]),
        ("2月24日に侵攻が始まった。", "ja", Date, &["24.2"]),
        ("Desde el 24 de febrero.", "es", Date, &["24.2"]),
        ("Am 24.02.2022 begann es.", "de", Date, &["24.2"]),
        ("On 2022-02-24 it began.", "en", Date, &["24.2"]),
        ("The March 2022 report and May 12 vote.", "en", Date, &["12.5"]),
        ("He will march 10 miles.", "en", Date, &[]),
        ("सेवा १४ मार्च को और 2 जून को", "hi", Date, &["14.3", "2.6"]),
        ("15 नवंबर से", "hi", Date, &["15.11"]),
    ]);
}

#[test]
fn numbers_are_normalised() {
    use AnchorKind::Number;
    check(&[
        ("1,140 workers and 3.2% pay", "en", Number, &["1140", "3.2"]),
        ("1.140 Beschäftigte und 3,2 %", "de", Number, &["1140", "3.2"]),
        ("1 140 работников", "ru", Number, &["1140"]),
        ("１３対７で終了", "ja", Number, &["13"]),
        ("$18.4m damages", "en", Number, &["18.4", "18400000"]),
        ("18,4 millones de dólares", "es", Number, &["18.4", "18400000"]),
        ("1840万ドル", "zh", Number, &["1840", "18400000"]),
        ("in 2021 150 people", "en", Number, &["2021", "150"]),
        ("won 13-7 at 10:30", "en", Number, &["13", "10", "30"]),
        ("only 7 of them", "en", Number, &[]),
        ("४.२ मिलियन यूरो", "hi", Number, &["4.2", "4200000"]),
        ("1 लाख रुपये और 3 करोड़", "hi", Number, &["100000", "30000000"]),
        ("Rs 2.5 crore", "en", Number, &["2.5", "25000000"]),
    ]);
}

#[test]
fn names_meet_across_scripts() {
    // Each row: spellings of one name in several scripts share the skeleton.
    let rows: &[(&[&str], &str)] = &[
        (&["Munster", "Мюнстер", "マンスター", "Манстер"], "mnst"),
        (&["Kilcoyne", "Килкойна", "キルコイン"], "krkn"),
        (&["Patrushev", "Патрушев", "Patruševa"], "ptrs"),
    ];
    for (spellings, want) in rows {
        for s in *spellings {
            assert_eq!(skeleton_key(&ascii_letters(s)).as_deref(), Some(*want), "{s}");
        }
    }
    assert_eq!(prefix_key(&ascii_letters("Путина")), Some("putin"));
    assert_eq!(prefix_key(&ascii_letters("Putinem")), Some("putin"));
    assert_eq!(prefix_key("xi"), None);
}

#[test]
fn names_are_capitalised_words_not_sentence_starts() {
    use AnchorKind::Name;
    check(&[
        ("Officials said Patrushev met Guo.", "en", Name, &["p:patru", "s:ptrs", "p:guo"]),
        ("黄蜂队队长 Brad 被罚下。", "zh", Name, &["p:brad", "s:brd"]),
        ("ワスプスのブラッド・シールズが退場", "ja", Name, &["p:wasup", "s:sps", "p:burad", "s:brd", "p:shiru", "s:srs"]),
    ]);
}

#[test]
fn month_tables_prefer_longest_stem() {
    let cases: &[(&str, &str, Option<u8>)] = &[
        ("cs", "června", Some(6)),
        ("cs", "července", Some(7)),
        ("hr", "listopada", Some(10)),
        ("pl", "listopada", Some(11)),
        ("en", "decent", None),
        ("en", "sept", Some(9)),
        ("fr", "août", Some(8)),
        ("el", "φεβρουαρίου", Some(2)),
    ];
    for (lang, word, want) in cases {
        assert_eq!(month_of(lang, word), *want, "{lang} {word}");
    }
}

#[test]
fn mutual_best_needs_both_ends() {
    use super::calibrate::mutual_best;
    // Documents 0, 1 in language 0; 2, 3 in language 1.
    let lang = |d: u32| u16::from(d >= 2);
    let check = |pairs: &[(u32, u32, f64)], want: &[bool]| {
        let cal: Vec<f64> = pairs.iter().map(|p| p.2).collect();
        assert_eq!(mutual_best(pairs, &cal, &lang, 0.0), want, "{pairs:?}");
    };
    // 0-2 is best for both ends; 1-2 is 1's best but not 2's.
    check(&[(0, 2, 0.3), (1, 2, 0.2), (1, 3, 0.1)], &[true, false, false]);
    // 1-3 becomes mutual once 1-2 is weaker than it.
    check(&[(0, 2, 0.3), (1, 2, 0.05), (1, 3, 0.1)], &[true, false, true]);
    // Ties go to the lower index, whatever the pair order.
    check(&[(1, 2, 0.2), (0, 2, 0.2)], &[false, true]);
}

#[test]
fn han_pairs_meet_across_simplified_traditional_and_japanese_forms() {
    use AnchorKind::Han;
    // Japanese shinjitai, simplified and traditional spellings of one word.
    check(&[
        ("日本の経済が回復した", "ja", Han, &["ri-ben", "jing-ji", "hui-fu"]),
        ("日本经济恢复了", "zh", Han, &["ri-ben", "ben-jing", "jing-ji", "ji-hui", "hui-fu", "fu-le"]),
        ("日本經濟", "zh", Han, &["ri-ben", "ben-jing", "jing-ji"]),
        ("人々は", "ja", Han, &[]),
    ]);
}

#[test]
fn chinese_readings_are_weak_name_prefixes() {
    let labels = labelled("湖南日报记者张尚武", "zh").0;
    let readings: Vec<&str> = labels.iter().filter(|l| l.kind == AnchorKind::Reading).map(|l| l.text.as_str()).collect();
    for want in ["p:hunan", "p:zhang", "p:shang"] {
        assert!(readings.contains(&want), "{want} in {readings:?}");
    }
    // Only Chinese is read in Mandarin: Japanese kanji names read otherwise.
    assert!(labelled("湖南日報の記者", "ja").0.iter().all(|l| l.kind != AnchorKind::Reading));
    assert!(AnchorKind::Reading.is_weak() && !AnchorKind::Name.is_weak());
}

#[test]
fn german_capitals_are_weak_nouns() {
    let kinds = |text: &str, lang: &str| -> Vec<AnchorKind> { labelled(text, lang).0.into_iter().map(|l| l.kind).collect() };
    let de = kinds("Die Regierung in Berlin hat Merkel gewählt.", "de");
    assert!(!de.is_empty() && de.iter().all(|k| *k == AnchorKind::Noun), "{de:?}");
    let en = kinds("The government in Berlin chose Merkel.", "en");
    assert!(!en.is_empty() && en.iter().all(|k| *k == AnchorKind::Name), "{en:?}");
}

#[test]
fn weak_keys_count_in_the_norm_only_when_shared() {
    use super::align::{chain, Profile};
    let one = |_: u64| 1.0;
    // a: strong 1, weak 2 and 3; b: strong 1 and 2.
    let a = Profile::new([(1, false), (2, true), (3, true)]);
    let b = Profile::new([(1, false), (2, false)]);
    assert_eq!(a.norm(one), 1.0);
    let c = chain(&a, &b, one);
    assert_eq!(c.weight, 2.0);
    assert_eq!((c.weak_a, c.weak_b), (1.0, 0.0));
    assert_eq!(c.points, vec![(0, 0), (1, 1)]);
}

#[test]
fn caseless_scripts_give_weak_name_keys_that_meet_latin_names() {
    // Devanagari has no capitals: every word is a possible name, weakly.
    let hi = labelled("केसलर यार्ड के इंजीनियर पीट मार्सालेक ने बताया", "hi").0;
    let en = labelled("Engineer Piet Marsalek of the Kessler yard said", "en").0;
    assert!(hi.iter().filter(|l| l.text.starts_with("p:") || l.text.starts_with("s:")).all(|l| l.kind == AnchorKind::Reading), "{hi:?}");
    for key in ["p:marsa", "s:mrsr"] {
        assert!(hi.iter().any(|l| l.text == key), "{key} in {hi:?}");
        assert!(en.iter().any(|l| l.text == key && l.kind == AnchorKind::Name), "{key} in {en:?}");
    }
    // Latin, Cyrillic and Greek words keep their capitals as the name cue.
    assert!(labelled("the yard said", "en").0.is_empty());
}

/// Two documents in two languages, each the other's only (so best) match,
/// sharing `shared` numbers in the same order among `own` numbers each.
fn lone_pair(shared: &[u32], own: u32) -> Vec<forensics_clean::CleanArticle> {
    let doc = |id: &str, lang: &str, base: u32| {
        let mut text = String::new();
        for i in 0..own {
            text.push_str(&format!("Report {} here.\n", base + 17 * i));
            if let Some(s) = shared.get(i as usize) {
                text.push_str(&format!("Count {s} here.\n"));
            }
        }
        forensics_clean::CleanArticle {
            id: id.into(),
            language: lang.into(),
            meta: Default::default(),
            text,
            blocks: Vec::new(),
            removed: Vec::new(),
            sentences: Vec::new(),
        }
    };
    vec![doc("a", "en", 3001), doc("b", "de", 7003)]
}

#[test]
fn a_mutual_best_needs_enough_aligned_anchors() {
    let run = |(shared, own): (&[u32], u32), min: usize, all: bool| {
        let mut cfg = crate::DedupConfig::default();
        cfg.xling.dictionaries = false;
        cfg.xling.mutual_min_anchors = min;
        cfg.xling.emit_all_candidates = all;
        super::run(&lone_pair(shared, own), &cfg, None).0
    };
    for case in [(&[4711u32, 9323][..], 14), (&[4711, 9323, 5557], 28)] {
        let shared = case.0;
        // Between the mutual threshold (0.06) and the plain one (0.12).
        let s = run(case, 0, true).first().map_or(0.0, |p| p.similarity);
        assert!((0.06..0.12).contains(&s), "{shared:?}: calibrated {s}");
        assert_eq!(run(case, 0, false).len(), 1, "{shared:?}: any mutual best links");
        assert_eq!(run(case, 3, false).len(), usize::from(shared.len() >= 3), "{shared:?}: three aligned anchors link");
    }
}

#[test]
fn keys_past_max_df_link_only_the_documents_that_offer_them() {
    // max_df 2: K (in 4 documents) and J (in 3) are too common to index.
    let (j, k) = (0u32, 1u32);
    let docs: Vec<Vec<u32>> = vec![vec![k], vec![k], vec![j, k], vec![j], vec![j], vec![k]];
    let keys = |d: usize| std::borrow::Cow::Borrowed(&docs[d][..]);
    let df = super::index::document_frequencies(docs.len(), 2, &keys);
    let check = |offered: usize, want: &[(u32, u32)]| {
        let got = super::index::candidates(docs.len(), &keys, &df, 2, offered, 1, 40, &|_| 1.0, &|_, _| true, &|_| 0);
        assert_eq!(got, want, "offered {offered}");
    };
    check(0, &[]);
    // Document 2 offers J, its rarest: K no longer links it.
    check(1, &[(0, 1), (0, 5), (1, 5), (2, 3), (2, 4), (3, 4)]);
    check(2, &[(0, 1), (0, 2), (0, 5), (1, 2), (1, 5), (2, 3), (2, 4), (2, 5), (3, 4)]);
}
