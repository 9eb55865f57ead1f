//! Which changes a researcher reads first (`important_changes`): hand-built
//! relations whose changes differ in kind and effect.

use forensics_parse::Span;
use forensics_provenance::*;
use forensics_report::{important_changes, render_html, render_text, TextOptions, Texts, TOP_CHANGES};

/// A change written `kind effect label`; the label doubles as its text, and
/// its place in the list is its position in the parent.
fn change(spec: &str, at: usize) -> Change {
    let mut parts = spec.split(' ');
    let word = |w: Option<&str>| serde_json::Value::String(w.unwrap_or_default().into());
    let kind: ChangeKind = serde_json::from_value(word(parts.next())).expect("a kind");
    let effect: Effect = serde_json::from_value(word(parts.next())).expect("an effect");
    let label = parts.next().unwrap_or_default().to_string();
    Change { kind, effect, before: label.clone(), after: label, diff: String::new(), source: Span::new(at * 10, at * 10 + 5), target: Span::new(at * 10, at * 10 + 5) }
}

#[track_caller]
fn check(kind: RelationKind, changes: &[&str], expected: &[&str]) {
    let (quotes, changed): (Vec<Change>, Vec<Change>) =
        changes.iter().enumerate().map(|(k, s)| change(s, k)).partition(|c| c.kind == ChangeKind::Quote);
    let r = Relation {
        source: "a".into(),
        target: "b".into(),
        kind,
        subkind: None,
        similarity: 0.7,
        confidence: 0.7,
        signals: vec![],
        evidence: Evidence { altered_quotes: quotes, changed, ..Evidence::default() },
    };
    let got: Vec<&str> = important_changes(&r).iter().map(|c| c.before.as_str()).collect();
    assert_eq!(got, expected);
}

#[test]
fn a_copy_puts_its_altered_quote_first() {
    check(
        RelationKind::Copy,
        &["date moved monday", "date variant feb", "quote reworded quote", "spelling variant colour", "name replaced minister"],
        &["quote", "minister", "monday", "feb", "colour"],
    );
    // A quote that only changed its spelling is no altered quote.
    check(RelationKind::Copy, &["quote variant quote", "wording reworded said"], &["said", "quote"]);
}

#[test]
fn a_rewrite_puts_changed_facts_above_paraphrased_quotes() {
    check(
        RelationKind::Rewrite,
        &["quote reworded q1", "wording reworded senior", "date dropped monday", "wording replaced offset", "quote reworded q2", "number dropped seven", "wording replaced unrest"],
        &["offset", "unrest", "seven", "monday", "q1", "q2", "senior"],
    );
    // A quote whose words were replaced (a name put in) is a changed fact too.
    check(RelationKind::Rewrite, &["wording replaced lift", "quote replaced q", "number replaced forty"], &["forty", "q", "lift"]);
}

#[test]
fn additions_moves_and_variants_come_last() {
    check(
        RelationKind::Rewrite,
        &["wording variant didnt", "name added president", "date moved monday", "wording reworded issued"],
        &["issued", "president", "monday", "didnt"],
    );
}

/// The changes the text summary shows for a relation are the ones the HTML
/// report marks as key, in the same order.
#[test]
fn html_marks_the_changes_the_summary_shows() {
    let parent = "alpha bravo charlie delta echo foxtrot golf hotel";
    let child = "ALPHA BRAVO CHARLIE DELTA ECHO FOXTROT GOLF HOTEL";
    let specs = ["wording variant alpha", "quote reworded bravo", "wording replaced charlie", "number dropped delta", "name added echo", "wording reworded foxtrot"];
    let changed: Vec<Change> = specs
        .iter()
        .map(|s| {
            let mut c = change(s, 0);
            let at = parent.find(c.before.as_str()).unwrap_or(0);
            c.source = Span::new(at, at + c.before.len());
            c.target = c.source;
            c.after = c.before.to_uppercase();
            c.diff = format!("[-{}-]{{+{}+}}", c.before, c.after);
            c
        })
        .collect();
    let doc = |id: &str, role: Role, parent: Option<&str>| DocumentRecord {
        id: id.into(),
        source: format!("{id}.txt"),
        locator: None,
        url: None,
        site: None,
        language: "en".into(),
        title: None,
        published: None,
        crawled: None,
        byline: None,
        dateline: None,
        credits: vec![],
        family: "f".into(),
        story: "s".into(),
        role,
        parent: parent.map(String::from),
        confidence: 0.8,
    };
    let (quotes, changed): (Vec<Change>, Vec<Change>) = changed.into_iter().partition(|c| c.kind == ChangeKind::Quote);
    let a = Analysis {
        schema: SCHEMA.into(),
        tool: Tool::default(),
        documents: vec![doc("p", Role::Original, None), doc("c", Role::Rewrite, Some("p"))],
        families: vec![FamilyRecord { id: "f".into(), story: "s".into(), original: "p".into(), members: vec!["c".into(), "p".into()], intermediates: vec![] }],
        relations: vec![Relation {
            source: "p".into(),
            target: "c".into(),
            kind: RelationKind::Rewrite,
            subkind: Some("paraphrase".into()),
            similarity: 0.6,
            confidence: 0.6,
            signals: vec![],
            evidence: Evidence { altered_quotes: quotes, changed, ..Evidence::default() },
        }],
        skipped: vec![],
    };
    let text = render_text(&a, &TextOptions::default());
    let shown: Vec<&str> = specs.iter().map(|s| s.rsplit(' ').next().unwrap_or_default()).filter(|w| text.contains(&format!("[-{w}-]"))).collect();
    let mut in_order: Vec<(usize, &str)> = shown.iter().map(|w| (text.find(&format!("[-{w}-]")).unwrap_or(0), *w)).collect();
    in_order.sort();
    let shown: Vec<&str> = in_order.into_iter().map(|(_, w)| w).collect();
    assert_eq!(shown, ["charlie", "delta", "bravo"], "{text}");
    let texts: Texts = [("p".to_string(), parent.to_string()), ("c".to_string(), child.to_string())].into_iter().collect();
    let html = render_html(&a, &texts);
    let key: Vec<&str> = html.split(r#"<li class="top" title="key change">"#).skip(1).filter_map(|li| li.split("<del>").nth(1)?.split("</del>").next()).collect();
    assert_eq!(key, shown);
    assert_eq!(html.matches(r#"<mark class="change after top""#).count(), TOP_CHANGES);
    assert_eq!(html.matches(r#"<mark class="change before top""#).count(), TOP_CHANGES);
}
