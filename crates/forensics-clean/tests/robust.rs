//! Any input gives a clean article whose spans fit: the cleaner never panics.

use forensics_clean::{clean, split_sentences, CleanOptions, CorpusStats, Normalized};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_spans_fit(text in "(\\PC|[\\n .:“”«»–\u{AD}\u{301}&;#]){0,400}") {
        let article = forensics_parse::parse_text("p", text.as_bytes());
        let stats = CorpusStats::from_articles([&article]);
        let c = clean(&article, Some(&stats), &CleanOptions::default());
        for b in &c.blocks {
            prop_assert_eq!(b.clean.slice(&c.text), b.raw.slice(&article.text));
        }
        for s in &c.sentences {
            prop_assert!(c.text.get(s.start..s.end).is_some());
        }
        let n = c.normalized();
        prop_assert_eq!(n.map.len(), n.text.len() + 1);
        for i in 0..n.text.len() {
            let span = n.to_source(forensics_parse::Span::new(i, i + 1));
            prop_assert!(c.text.get(span.start..span.end).is_some());
            for raw in c.raw_spans(span) {
                prop_assert!(article.text.get(raw.start..raw.end).is_some());
            }
        }
        let _ = split_sentences(&text, "de");
        let _ = Normalized::new(&text);
    }
}
