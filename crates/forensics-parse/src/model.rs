//! The article model every stage after parsing reads.
//!
//! Spans are byte offsets into [`Article::text`], the decoded page text, so a
//! later stage can always quote the exact raw text it is talking about.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into [`Article::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The text under this span, or `""` when the span does not fit `text`
    /// (never panics: spans may come from deserialised, untrusted data).
    #[inline]
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// What a block of the page is. The parser assigns a first guess from its
/// shape; the cleaner decides what is article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Headline,
    Heading,
    Paragraph,
    ListItem,
    Caption,
    Byline,
    Dateline,
    /// A line of page metadata: date header, "Published …", "Updated …".
    Metadata,
    ReadTime,
    /// An uploader or site handle on a line of its own.
    Handle,
    /// A credit or sign-off line ("AP", "(Reporting by …)").
    Credit,
    /// A list of links/teasers to other stories ("Recommended Stories" and its items).
    Teaser,
    /// Share, rating, reaction and similar widgets.
    Widget,
    /// Comment and contact forms.
    Form,
    Navigation,
    /// Newsletter, subscribe, cookie, copyright, spam lines.
    Promo,
    Other,
}

/// One block of the page in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Where the block came from in the input bytes when that is not `span`
    /// itself. HTML sets it: the byte range of the page source (tags and
    /// entities included) whose visible text is this block; `None` when the
    /// text could not be placed there (a diagnostic says how many). Plain
    /// text leaves it `None`: `span` is already the position in the input
    /// when it is UTF-8 without a BOM (else in the decoded text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
}

impl Block {
    /// A block with no separate source position.
    pub fn new(kind: BlockKind, span: Span) -> Self {
        Block { kind, span, source: None }
    }
}

/// A date as precise as the page gives it (`2022-09-19`, `2022-09`, `2022`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// "MOSCOW (AP) —": where the story was filed and by which agency.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dateline {
    pub place: Option<String>,
    pub agency: Option<String>,
    pub span: Span,
}

/// How a credit was found; provenance weighs them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditKind {
    /// Agency in a dateline: "MOSCOW (AP) —".
    Dateline,
    /// Agency in a photo credit: "REUTERS/Tingshu Wang", "(… via AP)".
    Photo,
    /// A bare sign-off line at the end: "AP".
    SignOff,
    /// "According to X", "Ifølge X", "selon X": a republication attributing its source.
    Attribution,
    /// "(Reporting by …)", "Copyright … Associated Press".
    CreditLine,
    /// Agency named as author: "By Reuters".
    Byline,
    /// A person named in a credit line as reporter or writer: "(Reporting by
    /// Jane Roe in London; …)" gives "Jane Roe".
    Reporter,
    /// A person named in a credit line as editor: "(…; Editing by Bob Ray)".
    Editor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub name: String,
    pub kind: CreditKind,
    pub span: Span,
}

/// Everything the page says about itself that is not body text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Metadata {
    pub headline: Option<String>,
    /// A headline slot that holds a scraping artefact ("annonse", "Advertisement").
    pub headline_artefact: Option<String>,
    pub published: Option<PartialDate>,
    pub byline: Option<String>,
    pub dateline: Option<Dateline>,
    pub credits: Vec<Credit>,
    pub read_time: Option<String>,
    pub handles: Vec<String>,
    /// From the input container (JSONL field, HTML canonical, WARC target URI).
    pub url: Option<String>,
    pub site: Option<String>,
    /// Crawl time from the container (WARC-Date); never a publication date.
    pub crawled: Option<String>,
    /// Declared language from the container (JSONL `language`, `<html lang>`).
    pub language_hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Warning,
    Error,
}

/// Something odd the parser met. Parsing never fails; it reports instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A parsed page: decoded text, blocks in reading order, metadata, diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    /// The decoded page text; every [`Span`] points into it.
    pub text: String,
    pub meta: Metadata,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Article {
    /// (Inlined: later crates call it for every block, a call each.)
    #[inline]
    pub fn block_text(&self, block: &Block) -> &str {
        block.span.slice(&self.text)
    }
}
