//! Cleans every `.txt` page of a folder into another, with corpus
//! statistics over the whole folder:
//! `cargo run -p forensics-clean --example clean_dir -- IN_DIR OUT_DIR [--json]`
//! (`--json`: the whole `CleanArticle` as JSON, to compare two builds).

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        eprintln!("usage: clean_dir IN_DIR OUT_DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = std::fs::read_dir(input)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    let articles: Vec<_> = paths
        .iter()
        .map(|p| {
            let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            forensics_parse::parse_text(&id, &std::fs::read(p).unwrap_or_default())
        })
        .collect();
    let stats = forensics_clean::CorpusStats::from_articles(&articles);
    std::fs::create_dir_all(output)?;
    for a in &articles {
        let c = forensics_clean::clean(a, Some(&stats), &Default::default());
        if args.iter().any(|a| a == "--json") {
            let json = serde_json::to_string_pretty(&c).unwrap_or_default();
            std::fs::write(std::path::Path::new(output).join(format!("{}.json", a.id)), json)?;
        } else {
            std::fs::write(std::path::Path::new(output).join(format!("{}.txt", a.id)), &c.text)?;
        }
    }
    Ok(())
}
