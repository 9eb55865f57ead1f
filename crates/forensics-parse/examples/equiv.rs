//! Prints the full parse of every file given as one JSON line each: diff the
//! output before and after a change that must not alter the parse.
//!
//! `cargo run --release -p forensics-parse --example equiv -- DIR/*.txt > before.jsonl`

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let article = forensics_parse::parse_text(&path, &bytes);
        match serde_json::to_string(&article) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
