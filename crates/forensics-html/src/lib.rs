//! `forensics-html` turns a saved news web page into the same
//! [`forensics_parse::Article`] the plain-text parser produces: the main
//! article extracted from the page furniture, laid out as typed blocks
//! (headline, headings, paragraphs, list items, captions, bylines, teasers)
//! separated by blank lines, plus the page's own metadata (`<title>`,
//! OpenGraph and `article:*` meta, JSON-LD `NewsArticle`, canonical URL,
//! site name, `<html lang>`).
//!
//! **Parsing never fails**: any bytes give an `Article` plus diagnostics.
//! Each block's `span` points into [`Article::text`] (the extracted text)
//! and its `source` into the page bytes as given: the range of markup whose
//! visible text the block is (html5ever reports no positions, so a linear
//! scan of the page finds them; see `source.rs`).
//!
//! ```
//! let page = br#"<html lang="en"><head><title>Storm hits coast | Daily</title>
//! <meta property="og:site_name" content="Daily"></head><body>
//! <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//! <article><h1>Storm hits coast</h1>
//! <p>A storm hit the coast on Monday, flooding streets and cutting power to thousands of homes.</p>
//! <p>Officials said the water would recede by Wednesday, and schools would reopen after that.</p>
//! </article><footer>Copyright Daily</footer></body></html>"#;
//! let article = forensics_html::parse_html("storm", page);
//! assert_eq!(article.meta.site.as_deref(), Some("Daily"));
//! assert_eq!(article.meta.language_hint.as_deref(), Some("en"));
//! let body = forensics_html::body_text(&article);
//! assert!(body.starts_with("A storm hit the coast"));
//! // Where the first paragraph sits in the page.
//! let first = article.blocks.iter().find(|b| b.kind == forensics_parse::BlockKind::Paragraph).unwrap();
//! let src = first.source.unwrap();
//! assert!(page[src.start..src.end].starts_with(b"A storm hit the coast"));
//! assert!(!body.contains("Copyright"));
//! ```

mod decode;
mod depth;
mod dom;
mod extract;
mod hints;
mod meta;
mod source;

pub use extract::{Method, Options};
pub use meta::PageMeta;

use forensics_parse::{Article, Block, BlockKind, Diagnostic, Metadata, Severity, Span};

/// Parses page bytes (any encoding; `<meta charset>` is honoured) with the default options.
pub fn parse_html(id: &str, bytes: &[u8]) -> Article {
    parse_html_with(id, bytes, &Options::default())
}

/// Parses page bytes with the given extraction options.
pub fn parse_html_with(id: &str, bytes: &[u8], opts: &Options) -> Article {
    let decoded = decode::decode_html(bytes);
    let mut diagnostics = decoded.diagnostics.clone();
    let (page, blocks) = extract_blocks(&decoded.text, opts);
    let blocks = retitle_teaser_headings(blocks);
    let mut text = String::new();
    let mut out = Vec::with_capacity(blocks.len());
    let headline = page.headline.clone().or_else(|| page.title.clone());
    let mut seen_body = false;
    for (mut kind, t) in blocks {
        // The headline repeated above the body is the headline, not body text.
        if !seen_body && matches!(kind, BlockKind::Heading) && headline.as_deref().is_some_and(|h| same_title(h, &t)) {
            kind = BlockKind::Headline;
        }
        seen_body |= kind == BlockKind::Paragraph;
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&t);
        out.push(Block::new(kind, Span::new(start, text.len())));
    }
    if out.is_empty() {
        diagnostics.push(Diagnostic { severity: Severity::Warning, message: "no article text found in the page".into(), span: None });
    }
    if opts.source_positions {
        place_in_source(bytes, &decoded, &text, &mut out, &mut diagnostics);
    }
    let meta = Metadata {
        headline,
        published: page.published.as_deref().and_then(meta::parse_date),
        byline: (!page.authors.is_empty()).then(|| page.authors.join(", ")),
        url: page.canonical.clone(),
        site: page.site.clone(),
        language_hint: page.language.clone(),
        ..Metadata::default()
    };
    Article { id: id.to_string(), text, meta, blocks: out, diagnostics }
}

/// Gives each block the byte range of the page (as given, before decoding)
/// its text was extracted from.
fn place_in_source(bytes: &[u8], decoded: &forensics_parse::Decoded, text: &str, blocks: &mut [Block], diagnostics: &mut Vec<Diagnostic>) {
    if blocks.is_empty() {
        return;
    }
    let Some(visible) = source::Visible::scan(&decoded.text) else {
        diagnostics.push(Diagnostic { severity: Severity::Warning, message: "page too large to give blocks source positions".into(), span: None });
        return;
    };
    let placed = visible.place(&decoded.text, blocks.iter().map(|b| b.span.slice(text)));
    let offsets: Vec<usize> = placed.iter().flatten().flat_map(|&(s, e)| [s, e]).collect();
    let mut input = decode::to_input(bytes, decoded, &offsets).into_iter();
    let mut missing = 0;
    for (block, place) in blocks.iter_mut().zip(&placed) {
        match place {
            Some(_) => {
                if let (Some(s), Some(e)) = (input.next(), input.next()) {
                    block.source = Some(Span::new(s, e));
                }
            }
            None => missing += 1,
        }
    }
    if missing > 0 {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: format!("{missing} of {} blocks not found in the page source: no source position", blocks.len()),
            span: None,
        });
    }
}

/// The page metadata and the extracted blocks (kind, text) of an HTML string.
pub fn extract_blocks(html: &str, opts: &Options) -> (PageMeta, Vec<(BlockKind, String)>) {
    let html = depth::cap_nesting(html, depth::MAX_DEPTH);
    let doc = scraper::Html::parse_document(&html);
    let page = meta::page_meta(&doc);
    let dom = dom::Dom::from_html(&doc);
    drop(doc);
    let analysis = extract::Analysis::new(&dom);
    let roots = analysis.roots(opts);
    (page, analysis.blocks(&roots))
}

/// Whether a block kind is article body text (what an extraction benchmark scores).
pub fn is_body(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Paragraph | BlockKind::Heading | BlockKind::ListItem)
}

/// The article body: body blocks joined by blank lines.
pub fn body_text(article: &Article) -> String {
    article.blocks.iter().filter(|b| is_body(b.kind)).map(|b| article.block_text(b)).collect::<Vec<_>>().join("\n\n")
}

/// A heading over nothing but teasers ("Related stories", "関連記事") is the
/// teaser list's title, not a section of the story; a heading after the
/// last story text is not one either.
fn retitle_teaser_headings(mut blocks: Vec<(BlockKind, String)>) -> Vec<(BlockKind, String)> {
    for i in 0..blocks.len() {
        if blocks[i].0 != BlockKind::Heading {
            continue;
        }
        let section: Vec<BlockKind> = blocks[i + 1..].iter().map(|b| b.0).take_while(|k| *k != BlockKind::Heading && *k != BlockKind::Headline).collect();
        if !section.is_empty() && section.iter().all(|k| *k == BlockKind::Teaser) {
            blocks[i].0 = BlockKind::Teaser;
        } else if section.iter().all(|k| !is_body(*k)) && blocks[i + 1..].iter().all(|b| !is_body(b.0)) {
            // A heading with no story text after it at all ("Leave a reply").
            blocks[i].0 = BlockKind::Other;
        }
    }
    blocks
}

/// Page titles carry the site name ("Storm hits coast | Daily"); compare on words.
fn same_title(title: &str, heading: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (t, h) = (norm(title), norm(heading));
    !h.is_empty() && (t == h || (h.len() >= 12 && t.contains(&h)))
}
