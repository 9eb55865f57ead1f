//! A document's id is its file name without the container and format
//! extensions, so the same story saved as `.txt`, `.html.gz` or inside a
//! crawl export keeps one name.

use forensics_input::id_from_path;
use std::path::Path;

fn check(path: &str, want: &str) {
    assert_eq!(id_from_path(Path::new(path)), want, "{path}");
}

#[test]
fn ids() {
    check("corpus/seeds/004_3dceb87ed35c7edd.txt", "004_3dceb87ed35c7edd");
    check("pages/story.html", "story");
    check("pages/story.htm", "story");
    check("pages/story.html.gz", "story");
    check("pages/STORY.HTML.GZ", "STORY");
    check("crawl.warc.gz", "crawl");
    check("crawl.warc", "crawl");
    check("export.jsonl", "export");
    check("export.jsonl.gz", "export");
    // Other dots are part of the name; other extensions stay.
    check("reuters.2024.03.04.txt", "reuters.2024.03.04");
    check("scan.pdf", "scan.pdf");
    // A name that is only an extension stays a name.
    check(".txt", ".txt");
    check("-", "-");
}
