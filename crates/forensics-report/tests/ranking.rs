//! Which changes a researcher reads first (`important_changes`): hand-built
//! relations whose changes differ in kind and effect.

use forensics_parse::Span;
use forensics_provenance::*;
use forensics_report::important_changes;

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
