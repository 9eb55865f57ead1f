//! Prints the blocks `forensics-html` extracts from a page (kind, text), for looking at a result.
//!
//! `cargo run -p forensics-html --example extract -- page.html [readability]`

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("--batch") {
        // --batch IN_DIR OUT_DIR [method]: body text of every IN_DIR/<id>.html to OUT_DIR/<id>.txt
        let v: Vec<String> = args.skip(1).collect();
        let method = if v.get(2).map(String::as_str) == Some("readability") { forensics_html::Method::Readability } else { forensics_html::Method::Hints };
        let (Some(inp), Some(out)) = (v.first(), v.get(1)) else { return };
        let _ = std::fs::create_dir_all(out);
        let mut entries: Vec<_> = std::fs::read_dir(inp).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let Ok(bytes) = std::fs::read(&p) else { continue };
            let id = p.file_name().map(|n| n.to_string_lossy().trim_end_matches(".html").to_string()).unwrap_or_default();
            let a = forensics_html::parse_html_with(&id, &bytes, &forensics_html::Options { method, ..Default::default() });
            let _ = std::fs::write(std::path::Path::new(out).join(format!("{id}.txt")), forensics_html::body_text(&a));
        }
        return;
    }
    let Some(path) = args.next() else {
        eprintln!("usage: extract PAGE.html [readability|hints]");
        return;
    };
    let method = match args.next().as_deref() {
        Some("readability") => forensics_html::Method::Readability,
        _ => forensics_html::Method::Hints,
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    let article = forensics_html::parse_html_with("page", &bytes, &forensics_html::Options { method, ..Default::default() });
    println!("{:#?}", article.meta);
    for b in &article.blocks {
        println!("[{:?}] {}", b.kind, article.block_text(b));
    }
    for d in &article.diagnostics {
        println!("! {}", d.message);
    }
}
