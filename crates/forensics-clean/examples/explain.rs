//! Prints every block of plain-text pages with the cleaner's verdict:
//! `cargo run -p forensics-clean --example explain -- PAGE.txt...`
//! (corpus statistics are taken over the pages given).

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let articles: Vec<_> = paths
        .iter()
        .map(|p| forensics_parse::parse_text(p, &std::fs::read(p).unwrap_or_default()))
        .collect();
    let stats = forensics_clean::CorpusStats::from_articles(&articles);
    for a in &articles {
        let c = forensics_clean::clean(a, Some(&stats), &Default::default());
        println!("=== {} language {} headline {:?}", a.id, c.language, c.meta.headline);
        let mut rows: Vec<(usize, String)> = c.blocks.iter().map(|b| (b.raw.start, format!("  KEEP {:?}", b.kind))).collect();
        rows.extend(c.removed.iter().map(|r| (r.raw.start, format!("- {}", r.rule))));
        rows.sort();
        for (start, verdict) in rows {
            let b = a.blocks.iter().find(|b| b.span.start == start);
            let text: String = b.map(|b| a.block_text(b)).unwrap_or("").chars().take(110).collect();
            println!("{verdict:<32} {text}");
        }
    }
}
