//! Renderers on a small hand-built analysis: a family of three versions
//! (original, copy with an altered quote, translation), a lost intermediate,
//! an independent report of the same event and an unrelated document.

use forensics_parse::Span;
use forensics_provenance::*;
use forensics_report::*;

const ORIGINAL: &str = "Leaders met on Monday. \"Our countries must show readiness,\" he said. Sanctions were helping Moscow offset losses.";
const COPY: &str = "Leaders met. \"China and Kremlin must show readiness,\" he said on Monday. <b>Subscribe</b> now & win!";
const TRANSLATION: &str = "Lederne møttes mandag. «Landene våre må vise vilje», sa han.";

fn span(text: &str, needle: &str) -> Span {
    let at = text.find(needle).expect("fixture needle");
    Span::new(at, at + needle.len())
}

fn doc(id: &str, lang: &str, title: Option<&str>, family: &str, story: &str, role: Role, parent: Option<&str>) -> DocumentRecord {
    DocumentRecord {
        id: id.into(),
        source: format!("{id}.txt"),
        locator: None,
        url: None,
        site: None,
        language: lang.into(),
        title: title.map(String::from),
        published: (role == Role::Original).then(|| "2022-09-19".into()),
        crawled: None,
        byline: None,
        dateline: None,
        credits: vec![],
        family: family.into(),
        story: story.into(),
        role,
        parent: parent.map(String::from),
        confidence: 0.9,
    }
}

fn relation(source: &str, target: &str, kind: RelationKind, similarity: f64, evidence: Evidence) -> Relation {
    Relation { source: source.into(), target: target.into(), kind, subkind: None, similarity, confidence: 0.8, signals: vec![Signal { name: "published".into(), weight: 0.5, detail: "2022-09-19 < none".into() }], evidence }
}

fn analysis() -> Analysis {
    let quote = Change {
        kind: ChangeKind::Quote,
        effect: Effect::Replaced,
        before: "Our countries must show readiness".into(),
        after: "China and Kremlin must show readiness".into(),
        diff: "[-Our countries-]{+China and Kremlin+} must show".into(),
        source: span(ORIGINAL, "Our countries must show readiness"),
        target: span(COPY, "China and Kremlin must show readiness"),
    };
    let copy_ev = Evidence {
        shared_passages: vec![SharedPassage { source: span(ORIGINAL, "Leaders met"), target: span(COPY, "Leaders met"), words: 2 }],
        altered_quotes: vec![quote],
        changed: vec![],
        dropped: vec![Excerpt { span: span(ORIGINAL, "Sanctions were helping Moscow offset losses."), text: "Sanctions were helping Moscow offset losses.".into() }],
        added: vec![Excerpt { span: span(COPY, "<b>Subscribe</b> now & win!"), text: "<b>Subscribe</b> now & win!".into() }],
        sentence_alignment: vec![],
    };
    let tr_ev = Evidence {
        sentence_alignment: vec![AlignedSentence { source: span(ORIGINAL, "Leaders met on Monday."), target: span(TRANSLATION, "Lederne møttes mandag."), score: 0.7 }],
        ..Evidence::default()
    };
    Analysis {
        schema: SCHEMA.into(),
        tool: Tool { version: "0.1.0".into(), parameters: serde_json::json!({}), dictionaries: vec![] },
        documents: vec![
            doc("a_orig", "en", Some("Leaders meet"), "f-a", "s-1", Role::Original, None),
            doc("b_copy", "en", Some("<script>alert(1)</script> Leaders & \"friends\""), "f-a", "s-1", Role::Copy, Some("a_orig")),
            doc("c_tr", "nb", None, "f-a", "s-1", Role::Translation, Some("a_orig")),
            doc("d_ind", "en", Some("Another report"), "f-d", "s-1", Role::Independent, None),
            doc("e_alone", "de", Some("Etwas anderes"), "f-e", "s-2", Role::Unique, None),
        ],
        families: vec![
            FamilyRecord {
                id: "f-a".into(),
                story: "s-1".into(),
                original: "a_orig".into(),
                members: vec!["a_orig".into(), "b_copy".into(), "c_tr".into()],
                intermediates: vec![Intermediate { id: "f-a/i1".into(), parent: "a_orig".into(), members: vec!["b_copy".into(), "c_tr".into()], shared_edits: vec!["\"Monday\" moved to the quote".into()], hints: vec![] }],
            },
            FamilyRecord { id: "f-d".into(), story: "s-1".into(), original: "d_ind".into(), members: vec!["d_ind".into()], intermediates: vec![] },
            FamilyRecord { id: "f-e".into(), story: "s-2".into(), original: "e_alone".into(), members: vec!["e_alone".into()], intermediates: vec![] },
        ],
        relations: vec![
            relation("a_orig", "b_copy", RelationKind::Copy, 0.81, copy_ev),
            relation("a_orig", "c_tr", RelationKind::Translation, 0.66, tr_ev),
            relation("a_orig", "d_ind", RelationKind::SameEvent, 0.31, Evidence::default()),
        ],
        skipped: vec![Skipped { source: "broken.jsonl".into(), locator: Some("line 3".into()), reason: "invalid JSON".into() }],
    }
}

fn texts() -> Texts {
    [("a_orig", ORIGINAL), ("b_copy", COPY), ("c_tr", TRANSLATION)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn text_summary() {
    insta::assert_snapshot!(render_text(&analysis(), &TextOptions::default()));
}

#[test]
fn text_colour_only_when_asked() {
    let plain = render_text(&analysis(), &TextOptions::default());
    assert!(!plain.contains('\x1b'));
    let colour = render_text(&analysis(), &TextOptions { color: true, ..TextOptions::default() });
    assert!(colour.contains("\x1b["));
}

#[test]
fn dot_graph() {
    insta::assert_snapshot!(render_dot(&analysis()));
}

#[test]
fn jsonl_records() {
    let out = render_jsonl(&analysis());
    let tags: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON")["record"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(tags, ["header", "document", "document", "document", "document", "document", "family", "family", "family", "relation", "relation", "relation", "skipped"]);
    assert!(out.lines().all(|l| l.starts_with("{\"record\":")));
}

#[test]
fn html_report() {
    let a = analysis();
    let html = render_html(&a, &texts());
    assert_eq!(html.matches("<path class=\"edge ").count(), a.relations.len());
    assert!(html.contains("<ins>China and Kremlin</ins>"));
    assert!(html.contains(r#"<mark class="change after top" id="rel-0-c0" data-change="0" title="quote (replaced): [-Our countries-]{+China and Kremlin+} must show">China and Kremlin must show readiness</mark>"#));
    assert!(html.contains(r#"<del class="dropped" title="dropped by the child">Sanctions were helping Moscow offset losses.</del>"#));
    assert!(html.contains("&lt;b&gt;Subscribe&lt;/b&gt; now &amp; win!</ins>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"), "no script in the report");
    assert!(!html.contains("http://") || html.matches("http://").count() == 1, "only the SVG namespace");
    assert!(html.contains("Lost intermediate f-a/i1"));
    assert!(html.contains("Lederne møttes mandag."));
}

#[test]
fn html_survives_bad_spans() {
    let mut a = analysis();
    a.relations[0].evidence.shared_passages[0].source = Span::new(3, 10_000);
    a.relations[0].evidence.altered_quotes[0].target = Span::new(9, 2);
    let html = render_html(&a, &texts());
    assert!(html.contains("</html>"));
}

#[test]
fn diff_from_analysis_and_word_diff() {
    let a = analysis();
    let c = compare(&a, &texts(), "b_copy", "a_orig");
    assert!(c.from_analysis);
    insta::assert_snapshot!("diff_copy", render_diff_text(&a, &texts(), &c, &TextOptions::default()));
    // No relation between the copy and the translation, and different languages.
    let c = compare(&a, &texts(), "b_copy", "c_tr");
    assert!(c.relation.is_none());
    // Same language, no relation: a word diff of the two texts.
    let mut t = texts();
    t.insert("d_ind".into(), "Leaders met on Tuesday. Nothing else.".into());
    let c = compare(&a, &t, "b_copy", "d_ind");
    assert!(!c.from_analysis);
    let r = c.relation.as_ref().expect("a word diff");
    assert!(r.evidence.shared_passages.iter().any(|p| p.source.slice(COPY).contains("Leaders")));
    assert!(!r.evidence.changed.is_empty());
    let html = render_diff_html(&a, &t, &c);
    assert!(html.contains("word diff of their texts"));
    // Too few words in common: the text diff says so instead of pairing noise.
    let text = render_diff_text(&a, &t, &c, &TextOptions::default());
    assert!(text.contains("changes (") && !text.contains("too little in common"), "{text}");
    t.insert("d_ind".into(), "Football: the home side won three nil in the rain, fans sang all night long.".into());
    let c = compare(&a, &t, "b_copy", "d_ind");
    assert!(!c.from_analysis && c.relation.is_some());
    let text = render_diff_text(&a, &t, &c, &TextOptions::default());
    assert!(text.contains("too little in common") && !text.contains("changes ("), "{text}");
}
