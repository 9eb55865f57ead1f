//! Prints the full clean result of every file given (corpus statistics over
//! all of them), one JSON line each with the normalised view: diff the output
//! before and after a change that must not alter the cleaner's output.
//!
//! `cargo run --release -p forensics-clean --example clean_equiv -- DIR/*.txt > before.jsonl`

fn main() {
    let pages: Vec<(String, Vec<u8>)> =
        std::env::args().skip(1).filter_map(|p| Some((p.clone(), std::fs::read(&p).ok()?))).collect();
    let arts: Vec<_> = pages.iter().map(|(id, b)| forensics_parse::parse_text(id, b)).collect();
    let stats = forensics_clean::CorpusStats::from_articles(&arts);
    for a in &arts {
        let c = forensics_clean::clean(a, Some(&stats), &Default::default());
        let n = c.normalized();
        match serde_json::to_string(&(&c, &n.text, &n.map)) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("{}: {e}", a.id),
        }
    }
}
