//! What the page says about itself: `<title>`, OpenGraph and `article:*`
//! meta, JSON-LD `NewsArticle`, canonical link, `<html lang>`.

use forensics_parse::PartialDate;
use scraper::Html;
use scraper::node::Node as HtmlNode;
use serde_json::Value;

/// Page metadata, each field from the most specific source that has it
/// (JSON-LD, then OpenGraph / `article:*`, then plain HTML).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub headline: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub site: Option<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    /// `articleBody` of a JSON-LD article, when the page carries one.
    pub article_body: Option<String>,
}

#[derive(Default)]
struct Raw {
    title: Option<String>,
    og_title: Option<String>,
    og_site: Option<String>,
    og_url: Option<String>,
    published_meta: Option<String>,
    author_meta: Vec<String>,
    canonical: Option<String>,
    lang: Option<String>,
    ld: Vec<Value>,
}

pub(crate) fn page_meta(html: &Html) -> PageMeta {
    let mut raw = Raw::default();
    for node in html.tree.nodes() {
        let HtmlNode::Element(el) = node.value() else { continue };
        let text = || node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<String>();
        match el.name() {
            "html" => raw.lang = raw.lang.take().or_else(|| el.attr("lang").or(el.attr("xml:lang")).map(clean)),
            "title" if raw.title.is_none() => raw.title = nonempty(&text()),
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && raw.canonical.is_none() {
                    raw.canonical = el.attr("href").and_then(nonempty);
                }
            }
            "meta" => {
                let key = el.attr("property").or(el.attr("name")).or(el.attr("itemprop")).unwrap_or("").to_ascii_lowercase();
                let Some(content) = el.attr("content").and_then(nonempty) else { continue };
                match key.as_str() {
                    "og:title" => set(&mut raw.og_title, content),
                    "og:site_name" => set(&mut raw.og_site, content),
                    "og:url" => set(&mut raw.og_url, content),
                    "article:published_time" | "datepublished" | "date" | "pubdate" | "publishdate" | "dc.date.issued" | "sailthru.date" | "parsely-pub-date" => {
                        set(&mut raw.published_meta, content)
                    }
                    // article:author is often a profile URL; a name is what we want.
                    "author" | "article:author" | "dc.creator" | "byl" | "parsely-author" | "sailthru.author"
                        if !content.starts_with("http") && !raw.author_meta.contains(&content) =>
                    {
                        raw.author_meta.push(content);
                    }
                    _ => {}
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                if let Ok(v) = serde_json::from_str::<Value>(text().trim()) {
                    raw.ld.push(v);
                }
            }
            _ => {}
        }
    }
    let article = raw.ld.iter().find_map(find_article);
    let mut m = PageMeta { title: raw.title.map(|t| clean(&t)), language: raw.lang, ..PageMeta::default() };
    if let Some(a) = article {
        m.headline = str_field(a, "headline").or_else(|| str_field(a, "name"));
        m.published = str_field(a, "datePublished").or_else(|| str_field(a, "dateCreated"));
        m.authors = names(a.get("author"));
        m.publisher = names(a.get("publisher")).into_iter().next();
        m.article_body = str_field(a, "articleBody");
    }
    m.headline = m.headline.or(raw.og_title);
    m.published = m.published.or(raw.published_meta);
    if m.authors.is_empty() {
        m.authors = raw.author_meta;
    }
    m.site = raw.og_site.or_else(|| m.publisher.clone());
    m.canonical = raw.canonical.or(raw.og_url);
    m
}

fn set(slot: &mut Option<String>, v: String) {
    if slot.is_none() {
        *slot = Some(v);
    }
}

fn nonempty(s: &str) -> Option<String> {
    let c = clean(s);
    (!c.is_empty()).then_some(c)
}

fn clean(s: &str) -> String {
    crate::dom::collapse(s)
}

const ARTICLE_TYPES: &[&str] = &["newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "blogposting", "socialmediaposting", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting"];

fn is_article(v: &Value) -> bool {
    let ty = |t: &Value| t.as_str().is_some_and(|s| ARTICLE_TYPES.iter().any(|a| a.eq_ignore_ascii_case(s.trim_start_matches("http://schema.org/").trim_start_matches("https://schema.org/"))));
    match v.get("@type") {
        Some(Value::Array(a)) => a.iter().any(ty),
        Some(t) => ty(t),
        None => false,
    }
}

/// The first article object in a JSON-LD value (top level, array or `@graph`), depth-limited.
fn find_article(v: &Value) -> Option<&Value> {
    fn go(v: &Value, depth: usize) -> Option<&Value> {
        if depth > 6 {
            return None;
        }
        match v {
            Value::Array(a) => a.iter().find_map(|x| go(x, depth + 1)),
            Value::Object(o) => {
                if is_article(v) {
                    return Some(v);
                }
                o.get("@graph").or_else(|| o.get("mainEntity")).and_then(|g| go(g, depth + 1))
            }
            _ => None,
        }
    }
    go(v, 0)
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => nonempty(s),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().and_then(nonempty)),
        _ => None,
    }
}

/// Names from a schema.org `author`/`publisher`: a string, a Person/Organization, or an array of them.
fn names(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: Option<String>| {
        if let Some(s) = s
            && !out.contains(&s)
        {
            out.push(s);
        }
    };
    match v {
        Some(Value::String(s)) => push(nonempty(s)),
        Some(Value::Object(_)) => push(v.and_then(|o| str_field(o, "name"))),
        Some(Value::Array(a)) => {
            for x in a {
                match x {
                    Value::String(s) => push(nonempty(s)),
                    Value::Object(_) => push(str_field(x, "name")),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}

/// The date part of an ISO-8601-ish timestamp (`2019-05-10T12:00:00Z`, `2019-05-10`, `2019-05`, `2019`).
pub(crate) fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    let num = |a: usize, b: usize| s.get(a..b).filter(|x| x.bytes().all(|c| c.is_ascii_digit())).and_then(|x| x.parse::<i64>().ok());
    let year = num(0, 4)? as i32;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let sep = |i: usize| s.as_bytes().get(i).is_some_and(|&c| c == b'-' || c == b'/');
    let month = if sep(4) { num(5, 7).filter(|m| (1..=12).contains(m)).map(|m| m as u8) } else { None };
    let day = if month.is_some() && sep(7) { num(8, 10).filter(|d| (1..=31).contains(d)).map(|d| d as u8) } else { None };
    Some(PartialDate { year, month, day })
}
