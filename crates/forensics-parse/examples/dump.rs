//! Prints the parse of each file given: metadata, then one line per block.
//!
//! `cargo run -p forensics-parse --example dump -- corpus/seeds/*.txt`

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let article = forensics_parse::parse_text(&path, &bytes);
        let m = &article.meta;
        println!("== {path}");
        println!("   headline: {:?}  artefact: {:?}", m.headline, m.headline_artefact);
        println!("   published: {}  byline: {:?}  read_time: {:?}  handles: {:?}",
            m.published.map(|d| d.to_string()).unwrap_or_default(), m.byline, m.read_time, m.handles);
        if let Some(d) = &m.dateline {
            println!("   dateline: {:?} / {:?}", d.place, d.agency);
        }
        for c in &m.credits {
            println!("   credit: {} ({:?})", c.name, c.kind);
        }
        for d in &article.diagnostics {
            println!("   diagnostic: {}", d.message);
        }
        for b in &article.blocks {
            let text: String = article.block_text(b).chars().take(90).collect();
            println!("   {:<10} {text}", format!("{:?}", b.kind));
        }
    }
}
