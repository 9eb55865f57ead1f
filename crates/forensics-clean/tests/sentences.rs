//! The sentence-splitting cases of `corpus/cases/sentences.tsv`.

use forensics_clean::split_sentences;
use forensics_testdata::{cases, check};

#[test]
fn sentence_cases() {
    check("corpus/cases/sentences.tsv", cases("sentences"), 30, |row| {
        let [lang, marked] = row.cols()[..] else { return Err("two columns: language, text".into()) };
        let want: Vec<&str> = marked.split(" | ").collect();
        let text = want.join(" ");
        let got: Vec<&str> = split_sentences(&text, lang).iter().map(|s| s.slice(&text)).collect();
        if got == want { Ok(()) } else { Err(format!("want {want:?}\n    got  {got:?}")) }
    });
}
