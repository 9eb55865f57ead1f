//! The sentence-splitting cases of `corpus/cases/sentences.tsv`.

use forensics_clean::split_sentences;

fn check(lang: &str, marked: &str) -> Result<(), String> {
    let want: Vec<&str> = marked.split(" | ").collect();
    let text = want.join(" ");
    let got: Vec<&str> = split_sentences(&text, lang).iter().map(|s| s.slice(&text)).collect();
    if got == want { Ok(()) } else { Err(format!("[{lang}] {text}\n  want {want:?}\n  got  {got:?}")) }
}

#[test]
fn sentence_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/cases/sentences.tsv");
    let table = std::fs::read_to_string(path).expect("corpus/cases/sentences.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for row in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let Some((lang, marked)) = row.split_once('\t') else { panic!("bad row: {row}") };
        n += 1;
        if let Err(e) = check(lang, marked) {
            failures.push(e);
        }
    }
    assert!(n >= 30, "only {n} cases");
    assert!(failures.is_empty(), "{} of {n} cases failed:\n{}", failures.len(), failures.join("\n"));
}
