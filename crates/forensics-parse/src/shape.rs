//! The shape of one run of text, judged alone; `layout` adds the context.

use crate::credit::{Found, copyright_holder, credit_line, photo_credit, source_line_lower};
use crate::lexicon::{AD_LABELS, SHARE_LABELS, SOCIAL, TEASER_HEADERS, contains_phrase};
use crate::meta::{MetaLine, meta_line, segments};
use crate::text::prefix;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// "advertisement", "annonse" alone on a line.
    AdLabel,
    TeaserHeader,
    Form,
    Promo,
    Share,
    Nav,
    Meta(Box<MetaLine>),
    Copyright(String),
    /// "(Reporting by …; Editing by …)": the people or agencies it names.
    CreditLine(Vec<Found>, Vec<crate::model::CreditKind>),
    /// "Source: X", "via X".
    Source(Found),
    /// A list item; `dash` for "-", "–", "—" bullets, which also open
    /// dialogue paragraphs in some languages.
    Bullet { dash: bool },
    Caption(Found),
    /// Digits and percent signs only, or "5 Star": rating-widget counters.
    Counter,
    /// A short line without final punctuation: headline, heading, label.
    Title,
    /// No letters or digits: "--", "* * *", "———".
    Rule,
    Paragraph,
}

/// Longest line still judged as a title (headline, heading).
const TITLE_MAX: usize = 240;
/// Longest line judged as page furniture (share, nav, promo …).
const FURNITURE_MAX: usize = 300;

/// Words in the first 4 KB: enough for every threshold used.
pub(crate) fn word_count(s: &str) -> usize {
    prefix(s, 4096).split_whitespace().count()
}

pub(crate) fn shape(line: &str) -> Shape {
    if line.len() <= FURNITURE_MAX && !line.chars().any(char::is_alphanumeric) {
        return Shape::Rule;
    }
    let words = word_count(line);
    let short = line.len() <= FURNITURE_MAX;
    // Labels and headers are a few words long.
    let label = line.len() <= 48;
    if label && contains_phrase(AD_LABELS, line.trim_matches(|c: char| !c.is_alphanumeric())) {
        return Shape::AdLabel;
    }
    if label && contains_phrase(TEASER_HEADERS, line.trim_end_matches([':', '.', '»', '›', '>', ' '])) {
        return Shape::TeaserHeader;
    }
    let lower = if short { line.to_lowercase() } else { String::new() };
    if short && words <= 20 && crate::lexicon::sets::FORM.is_match(&lower) {
        return Shape::Form;
    }
    if short
        && let Some(holder) = copyright_holder(line)
    {
        let chrome = line.contains(['|', '·']) || lower.contains("privacy") || lower.contains("terms");
        return if chrome { Shape::Promo } else { Shape::Copyright(holder) };
    }
    if short && let Some(inner) = credit_line(line) {
        let (names, kinds) = crate::credit::credit_line_names(line, inner).into_iter().unzip();
        return Shape::CreditLine(names, kinds);
    }
    if short && (is_share(line, &lower) || is_rating(line)) {
        return Shape::Share;
    }
    if short && is_form_field(line, &lower) {
        return Shape::Form;
    }
    if let Some(m) = meta_line(line) {
        return Shape::Meta(Box::new(m));
    }
    if short && is_nav(line) {
        return Shape::Nav;
    }
    if short && words <= 30 && crate::lexicon::sets::PROMO.is_match(&lower) {
        return Shape::Promo;
    }
    if short
        && words <= 20
        && let Some(found) = source_line_lower(line, &lower)
    {
        return Shape::Source(found);
    }
    if let Some(dash) = bullet(line) {
        return Shape::Bullet { dash };
    }
    if words >= 8
        && let Some(found) = photo_credit(line)
    {
        return Shape::Caption(found);
    }
    if short && is_counter(line) {
        return Shape::Counter;
    }
    if line.len() <= TITLE_MAX
        && words <= 30
        && line.chars().any(char::is_alphabetic)
        && !line.ends_with(['.', ',', ';', ':'])
    {
        return Shape::Title;
    }
    Shape::Paragraph
}

fn is_share(line: &str, lower: &str) -> bool {
    // A share bar scraped one network per line: "Facebook", "Twitter".
    if lower.len() >= 4 && SOCIAL.contains(&lower.trim()) {
        return true;
    }
    if let Some((label, _)) = lower.split_once(':')
        && SHARE_LABELS.contains(&label.trim())
    {
        return true;
    }
    if line.len() > 200 || !line.contains(['|', '·', '•', '[', ',']) {
        return false;
    }
    let (mut tokens, mut social) = (0, 0);
    for t in lower.split(['|', '·', '•', '[', ']', ',']).map(str::trim).filter(|t| !t.is_empty()) {
        tokens += 1;
        social += usize::from(SOCIAL.contains(&t));
    }
    tokens >= 3 && social * 3 >= tokens * 2
}

/// Star ratings and emoji reaction bars: "Rate this: ★★★★☆ (5 votes)",
/// "👍 142   😮 17".
fn is_rating(line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    if line.contains(['★', '☆']) {
        return true;
    }
    // These emoji are four-byte UTF-8 sequences, all led by 0xF0.
    if memchr::memchr(0xF0, line.as_bytes()).is_none() {
        return false;
    }
    let emoji = line.chars().filter(|&c| ('\u{1F300}'..='\u{1FAFF}').contains(&c)).count();
    emoji >= 2 && line.bytes().any(|b| b.is_ascii_digit())
}

/// Comment-form fields ("Name *", "Email*") and buttons ("[Post Comment]").
fn is_form_field(line: &str, lower: &str) -> bool {
    let few_words = || word_count(line) <= 3;
    let field = line.ends_with('*') && few_words();
    if field {
        return true;
    }
    let button = line.starts_with('[') && line.ends_with(']') && !line[1..].contains('[');
    // The word search runs only where its answer matters.
    if !(button || (!line.ends_with('.') && few_words())) {
        return false;
    }
    ["comment", "coment", "kommentar", "komentarz", "commentaire", "reply", "submit", "enviar"]
        .iter()
        .any(|w| lower.contains(w))
}

fn is_nav(line: &str) -> bool {
    if !crate::meta::has_separator(line) && !line.contains("  ") && !line.contains(" > ") {
        return false;
    }
    let mut segs: Vec<&str> = Vec::new();
    for (seg, _) in segments(line) {
        // Menus separated by runs of spaces: "HOME   ABOUT   CONTACT".
        segs.extend(seg.split("  ").map(str::trim).filter(|s| !s.is_empty()));
    }
    let breadcrumb = line.contains(['›', '»']) || line.contains(" > ");
    let segs: Vec<&str> = if breadcrumb && !line.contains(['›', '»']) {
        line.split(" > ").map(str::trim).collect()
    } else {
        segs
    };
    let small = |s: &&str| {
        s.split_whitespace().count() <= 4 && s.len() <= 32 && !s.ends_with(['.', '!', '?', ','])
    };
    let enough = if breadcrumb { 2 } else { 3 };
    segs.len() >= enough && segs.iter().all(small)
}

/// `Some(dash)` when the line opens with a list bullet.
fn bullet(line: &str) -> Option<bool> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if matches!(first, '•' | '*' | '·' | '▪' | '◦' | '►' | '▶' | '→' | '✓' | '✔') && second.is_whitespace() {
        return Some(false);
    }
    if matches!(first, '-' | '–' | '—') && second.is_whitespace() {
        return Some(true);
    }
    // "1. ", "2) "
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) && line[digits..].starts_with([')', '.']) && line[digits + 1..].starts_with(' ') {
        return Some(false);
    }
    None
}

fn is_counter(line: &str) -> bool {
    if line.len() > 24 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let rest: String = line.chars().filter(|c| !c.is_ascii_digit() && !" %.,/★☆+-".contains(*c)).collect();
    let rest = rest.to_lowercase();
    rest.is_empty() || ["star", "stars", "votes", "vote", "likes", "comments"].contains(&rest.as_str())
}
