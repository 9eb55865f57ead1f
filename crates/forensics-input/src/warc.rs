//! WARC 1.0 / 1.1 crawls (`.warc`, `.warc.gz` with one gzip member per
//! record, as Common Crawl writes them), streamed record by record in
//! bounded memory: only one record's block is held at a time, and never more
//! than the document limit of it.
//!
//! `response` (and `resource`) records whose payload is HTML become
//! documents: the HTTP response head is parsed, chunked transfer coding and
//! gzip/deflate content coding undone. `WARC-Target-URI` becomes the URL
//! hint, `WARC-Date` the crawl date (never a publication date), the id comes
//! from `WARC-Record-ID`, and the locator is `offset N`: the byte offset of
//! the record in the file (for `.warc.gz`, of the gzip member it starts in,
//! which is what a CDX index and a range request use; a `.warc.gz`
//! compressed as one stream gives every record the offset of that stream).
//!
//! Other records (request, metadata, warcinfo, non-HTML responses) are not
//! documents: they are counted, and one summary line per file says how many;
//! a truncated or malformed record is a skip with its reason.

use crate::model::{Format, Hints, Limits, RawDocument, Skip};
use crate::sniff::not_a_document;
use nom::bytes::complete::{tag, take_till, take_while, take_while1};
use nom::character::complete::{digit1, line_ending, space0, space1};
use nom::combinator::{map_res, opt};
use nom::multi::many0;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

/// Largest WARC or HTTP header block accepted (real ones are a few KiB).
const MAX_HEAD: usize = 1 << 16;

/// What one WARC record turned into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarcItem {
    Document(RawDocument),
    Skip(Skip),
}

/// A streaming reader of WARC records; see the module documentation.
pub struct WarcRecords<R: Read> {
    input: BufReader<Members<R>>,
    source: String,
    limits: Limits,
    /// Decompressed bytes consumed so far.
    pos: u64,
    done: bool,
    not_documents: BTreeMap<String, u64>,
    starts: Rc<RefCell<VecDeque<(u64, u64)>>>,
    gz: bool,
    /// Set by the decompressor once the file decompresses past
    /// `limits.max_decompressed_bytes`.
    over_limit: Rc<Cell<bool>>,
}

impl WarcRecords<std::fs::File> {
    /// Opens a `.warc` or (when `gz`) `.warc.gz` file.
    pub fn open(path: &std::path::Path, gz: bool, limits: Limits) -> std::io::Result<Self> {
        let f = std::fs::File::open(path)?;
        Ok(WarcRecords::new(f, gz, path.display().to_string(), limits))
    }
}

impl<R: Read> WarcRecords<R> {
    /// Reads WARC records from `reader`; `source` names it in documents and skips.
    pub fn new(reader: R, gz: bool, source: String, limits: Limits) -> Self {
        let starts = Rc::new(RefCell::new(VecDeque::new()));
        let over_limit = Rc::new(Cell::new(false));
        let members = Members {
            src: Some(Counting { inner: BufReader::with_capacity(1 << 16, reader), pos: 0 }),
            dec: None,
            gz,
            out_pos: 0,
            cap: if gz { limits.max_decompressed_bytes.min(u64::MAX - 1) } else { u64::MAX - 1 },
            over_limit: over_limit.clone(),
            starts: starts.clone(),
        };
        WarcRecords { input: BufReader::with_capacity(1 << 16, members), source, limits, pos: 0, done: false, not_documents: BTreeMap::new(), starts, gz, over_limit }
    }

    /// Records that were not documents so far, by kind ("request", "response text/css", …).
    pub fn not_documents(&self) -> &BTreeMap<String, u64> {
        &self.not_documents
    }

    /// The file offset to report for a record starting at decompressed offset `pos`.
    fn file_offset(&self, pos: u64) -> u64 {
        if !self.gz {
            return pos;
        }
        let mut starts = self.starts.borrow_mut();
        // Drop members that end before `pos`; keep the one holding it.
        while starts.len() > 1 && starts[1].0 <= pos {
            starts.pop_front();
        }
        starts.front().map(|&(_, c)| c).unwrap_or(0)
    }

    fn skipped(&self, offset: u64, reason: String) -> WarcItem {
        // A read that failed because the file passed the decompressed-size
        // limit says so, not "truncated".
        let reason = if self.over_limit.get() {
            format!(
                "decompresses past the limit of {} bytes (--max-decompressed-bytes): this record and any after it not read",
                self.limits.max_decompressed_bytes
            )
        } else {
            reason
        };
        WarcItem::Skip(Skip { source: self.source.clone(), locator: Some(format!("offset {offset}")), reason })
    }

    /// Reads one line (up to `\n`), counting it; `None` at end of input.
    fn line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        let n = (&mut self.input).take(MAX_HEAD as u64).read_until(b'\n', buf)?;
        self.pos += n as u64;
        Ok(n)
    }

    /// The next record: `Some(None)` for one that is not a document (counted).
    fn next_record(&mut self) -> Option<Option<WarcItem>> {
        // Skip the blank lines that end the previous record.
        let mut head = Vec::new();
        let start;
        loop {
            head.clear();
            let before = self.pos;
            match self.line(&mut head) {
                Ok(0) => return None,
                Ok(_) if head.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(_) => {
                    start = before;
                    break;
                }
                Err(e) => {
                    self.done = true;
                    let off = self.file_offset(before);
                    return Some(Some(self.skipped(off, format!("unreadable or truncated data: {e}; rest of file not read"))));
                }
            }
        }
        let offset = self.file_offset(start);
        // The rest of the header block, up to the empty line.
        loop {
            let at = head.len();
            match self.line(&mut head) {
                Ok(0) => {
                    self.done = true;
                    return Some(Some(self.skipped(offset, "truncated record: input ends inside the WARC header".into())));
                }
                Ok(_) if head[at..].iter().all(|b| b.is_ascii_whitespace()) => break,
                Ok(_) if head.len() > MAX_HEAD => {
                    self.done = true;
                    return Some(Some(self.skipped(offset, "malformed record: WARC header block too long; rest of file not read".into())));
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Some(self.skipped(offset, format!("truncated record: {e}"))));
                }
            }
        }
        let fields = match warc_head(&head) {
            Ok((_, f)) => f,
            Err(_) => {
                self.done = true;
                return Some(Some(self.skipped(offset, "malformed record: not a WARC/1.x header; rest of file not read".into())));
            }
        };
        let get = |name: &str| fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let Some(length) = get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            self.done = true;
            return Some(Some(self.skipped(offset, "malformed record: no valid Content-Length; rest of file not read".into())));
        };
        let wtype = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let ctype = get("Content-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = (wtype == "response" && ctype.contains("application/http")) || (wtype == "resource" && is_html_type(&ctype));
        // Bodies we do not want, or too large to take, are read past, not kept.
        let cap = self.limits.max_document_bytes.saturating_add(MAX_HEAD as u64);
        if !wanted || length > cap {
            match std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink()) {
                Ok(n) => {
                    self.pos += n;
                    if n < length {
                        self.done = true;
                        return Some(Some(self.skipped(offset, format!("truncated record: {n} of {length} content bytes present"))));
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Some(self.skipped(offset, format!("truncated record: {e}"))));
                }
            }
            if wanted {
                return Some(Some(self.skipped(offset, format!("record larger than the document limit of {} bytes (--max-doc-bytes)", self.limits.max_document_bytes))));
            }
            *self.not_documents.entry(if wtype.is_empty() { "untyped".into() } else { wtype }).or_insert(0) += 1;
            return Some(None);
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        match (&mut self.input).take(length).read_to_end(&mut block) {
            Ok(n) => {
                self.pos += n as u64;
                if (n as u64) < length {
                    self.done = true;
                    return Some(Some(self.skipped(offset, format!("truncated record: {n} of {length} content bytes present"))));
                }
            }
            Err(e) => {
                self.done = true;
                return Some(Some(self.skipped(offset, format!("truncated record: {e}"))));
            }
        }
        let payload = if wtype == "response" {
            match http_payload(&block, &self.limits) {
                Ok(Some(p)) => p,
                Ok(None) => {
                    *self.not_documents.entry("response (not HTML)".into()).or_insert(0) += 1;
                    return Some(None);
                }
                Err(reason) => return Some(Some(self.skipped(offset, reason))),
            }
        } else {
            block
        };
        if let Some(reason) = not_a_document(&payload) {
            return Some(Some(self.skipped(offset, reason)));
        }
        let id = get("WARC-Record-ID").map(sanitise_id).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("record-{offset}"));
        let hints = Hints {
            url: get("WARC-Target-URI").map(|u| u.trim().trim_start_matches('<').trim_end_matches('>').to_string()).filter(|u| !u.is_empty()),
            crawled: get("WARC-Date").map(|d| d.trim().to_string()).filter(|d| !d.is_empty()),
            ..Hints::default()
        };
        Some(Some(WarcItem::Document(RawDocument { id, source: self.source.clone(), locator: Some(format!("offset {offset}")), format: Format::Html, bytes: payload, hints })))
    }
}

impl<R: Read> Iterator for WarcRecords<R> {
    type Item = WarcItem;

    /// The next document or skip; records that are not documents are only counted.
    fn next(&mut self) -> Option<WarcItem> {
        while !self.done {
            match self.next_record() {
                None => self.done = true,
                Some(None) => continue,
                Some(Some(item)) => return Some(item),
            }
        }
        None
    }
}

/// Reads a WARC file into `out`: documents, skips, and one summary of the
/// records that were not documents.
pub(crate) fn read_warc(path: &std::path::Path, gz: bool, limits: &Limits, out: &mut crate::read::Out<'_>) {
    let source = path.display().to_string();
    match WarcRecords::open(path, gz, *limits) {
        Ok(records) => emit(records, &source, out),
        Err(e) => out.skip(Skip { source, locator: None, reason: format!("cannot open: {e}") }),
    }
}

/// Every record of `records` into `out`: pages as documents, the rest
/// counted in one skip per kind.
pub(crate) fn emit<R: Read>(mut records: WarcRecords<R>, source: &str, out: &mut crate::read::Out<'_>) {
    let source = source.to_string();
    for item in records.by_ref() {
        match item {
            WarcItem::Document(d) => out.document(d),
            WarcItem::Skip(s) => out.skip(s),
        }
    }
    let counts = records.not_documents();
    let total: u64 = counts.values().sum();
    if total > 0 {
        let kinds: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        out.skip(Skip { source, locator: None, reason: format!("{total} WARC records are not HTML pages ({})", kinds.join(", ")) });
    }
}

fn is_html_type(ct: &str) -> bool {
    ct.contains("text/html") || ct.contains("application/xhtml")
}

/// `<urn:uuid:1234-…>` → `1234-…`: only characters safe in a file name or URL.
fn sanitise_id(raw: &str) -> String {
    let s = raw.trim().trim_start_matches('<').trim_end_matches('>');
    let s = s.strip_prefix("urn:uuid:").or_else(|| s.strip_prefix("urn:")).unwrap_or(s);
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '_' }).collect()
}

type Fields = Vec<(String, String)>;

fn is_token(c: u8) -> bool {
    c.is_ascii_graphic() && c != b':'
}

/// `Name: value` with folded continuation lines.
fn field(i: &[u8]) -> IResult<&[u8], (String, String)> {
    let (i, name) = take_while1(is_token).parse(i)?;
    let (i, _) = (tag(&b":"[..]), space0).parse(i)?;
    let (i, first) = terminated(take_till(|c| c == b'\r' || c == b'\n'), line_ending).parse(i)?;
    let (i, more) = many0(preceded(space1, terminated(take_till(|c| c == b'\r' || c == b'\n'), line_ending))).parse(i)?;
    let mut value = String::from_utf8_lossy(first).trim().to_string();
    for m in more {
        value.push(' ');
        value.push_str(String::from_utf8_lossy(m).trim());
    }
    Ok((i, (String::from_utf8_lossy(name).into_owned(), value)))
}

/// `WARC/1.0` or `WARC/1.1`, then fields.
fn warc_head(i: &[u8]) -> IResult<&[u8], Fields> {
    let (i, _) = (tag(&b"WARC/1."[..]), digit1, space0, line_ending).parse(i)?;
    many0(field).parse(i)
}

/// `HTTP/1.1 200 OK`, then fields; gives the status code.
fn http_head(i: &[u8]) -> IResult<&[u8], (u16, Fields)> {
    let (i, _) = (tag(&b"HTTP/"[..]), take_while1(|c: u8| c.is_ascii_digit() || c == b'.'), space1).parse(i)?;
    let (i, status) = map_res(digit1, |d: &[u8]| std::str::from_utf8(d).unwrap_or("x").parse::<u16>()).parse(i)?;
    let (i, _) = (opt((space1, take_till(|c| c == b'\r' || c == b'\n'))), line_ending).parse(i)?;
    let (i, fields) = many0(field).parse(i)?;
    let (i, _) = (take_while(|c| c == b' ' || c == b'\t'), line_ending).parse(i)?;
    Ok((i, (status, fields)))
}

/// The HTML payload of an HTTP response block, `Ok(None)` when it is not an HTML page.
fn http_payload(block: &[u8], limits: &Limits) -> Result<Option<Vec<u8>>, String> {
    let Ok((body, (status, fields))) = http_head(block) else {
        return Err("malformed HTTP response head in a response record".into());
    };
    let get = |name: &str| fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.to_ascii_lowercase());
    if !(200..300).contains(&status) || !get("Content-Type").is_some_and(|c| is_html_type(&c)) {
        return Ok(None);
    }
    let mut payload = body.to_vec();
    if get("Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        // Some crawlers store the payload already de-chunked but keep the
        // header: keep the bytes as they are when they are not chunks.
        if let Some(p) = dechunk(&payload) {
            payload = p;
        }
    }
    let cap = limits.max_document_bytes;
    match get("Content-Encoding").as_deref().map(str::trim) {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") if payload.starts_with(&[0x1f, 0x8b]) => payload = inflate(flate2::read::MultiGzDecoder::new(&payload[..]), cap)?,
        Some("deflate") => {
            let z = inflate(flate2::read::ZlibDecoder::new(&payload[..]), cap);
            payload = match z {
                Ok(p) => p,
                Err(_) => inflate(flate2::read::DeflateDecoder::new(&payload[..]), cap)?,
            };
        }
        Some("gzip") | Some("x-gzip") => {}
        Some(other) => return Err(format!("unsupported Content-Encoding {other:?} in a response record")),
    }
    if payload.len() as u64 > cap {
        return Err(format!("document larger than the limit of {cap} bytes (--max-doc-bytes)"));
    }
    Ok(Some(payload))
}

fn inflate(r: impl Read, cap: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(cap.saturating_add(1)).read_to_end(&mut out).map_err(|e| format!("cannot decode the compressed HTTP payload: {e}"))?;
    if out.len() as u64 > cap {
        return Err(format!("document larger than the limit of {cap} bytes (--max-doc-bytes)"));
    }
    Ok(out)
}

/// One chunk: hex size (with optional extensions), CRLF, data, CRLF.
fn chunk(i: &[u8]) -> IResult<&[u8], &[u8]> {
    let (i, size) = map_res(take_while1(|c: u8| c.is_ascii_hexdigit()), |h: &[u8]| usize::from_str_radix(std::str::from_utf8(h).unwrap_or("x"), 16)).parse(i)?;
    let (i, _) = (take_till(|c| c == b'\r' || c == b'\n'), line_ending).parse(i)?;
    if i.len() < size {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Eof)));
    }
    let (data, rest) = i.split_at(size);
    let (rest, _) = opt(line_ending).parse(rest)?;
    Ok((rest, data))
}

/// Undoes chunked transfer coding; `None` when the bytes are not chunks.
fn dechunk(mut i: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(i.len());
    loop {
        let (rest, data) = chunk(i).ok()?;
        if data.is_empty() {
            return Some(out);
        }
        out.extend_from_slice(data);
        i = rest;
        if i.is_empty() {
            // No final zero chunk: a truncated stream, take what there is.
            return Some(out);
        }
    }
}

/// A `BufRead` that counts the bytes consumed from it.
struct Counting<R> {
    inner: BufReader<R>,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let avail = self.inner.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

/// The decompressed stream of a file made of gzip members, noting where
/// each member starts (decompressed offset, file offset); plain when not gz.
struct Members<R: Read> {
    src: Option<Counting<R>>,
    dec: Option<flate2::bufread::GzDecoder<Counting<R>>>,
    gz: bool,
    out_pos: u64,
    /// Most decompressed bytes the file may yield (gz only).
    cap: u64,
    over_limit: Rc<Cell<bool>>,
    starts: Rc<RefCell<VecDeque<(u64, u64)>>>,
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.gz {
            return match &mut self.src {
                Some(s) => s.read(buf),
                None => Ok(0),
            };
        }
        loop {
            if self.dec.is_none() {
                let Some(mut src) = self.src.take() else { return Ok(0) };
                if src.fill_buf()?.is_empty() {
                    return Ok(0);
                }
                self.starts.borrow_mut().push_back((self.out_pos, src.pos));
                self.dec = Some(flate2::bufread::GzDecoder::new(src));
            }
            // One byte past the cap is let through, so a file of exactly
            // the cap still ends cleanly; a gzip bomb stops at the next read.
            if self.out_pos > self.cap {
                self.over_limit.set(true);
                return Err(std::io::Error::other("decompressed size limit reached"));
            }
            let Some(dec) = self.dec.as_mut() else { return Ok(0) };
            let room = usize::try_from(self.cap + 1 - self.out_pos).unwrap_or(usize::MAX).min(buf.len());
            let n = dec.read(&mut buf[..room])?;
            if n > 0 {
                self.out_pos += n as u64;
                return Ok(n);
            }
            // End of this member: go on with the next one.
            if let Some(d) = self.dec.take() {
                self.src = Some(d.into_inner());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(block: &[u8], want: Result<Option<&str>, &str>) {
        let got = match http_payload(block, &Limits::default()) {
            Ok(p) => Ok(p.map(|p| String::from_utf8_lossy(&p).into_owned())),
            Err(e) => Err(e),
        };
        let want = want.map(|o| o.map(str::to_string)).map_err(str::to_string);
        assert_eq!(got, want, "{}", String::from_utf8_lossy(block));
    }

    #[test]
    fn http_payloads() {
        check(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>", Ok(Some("<p>x</p>")));
        // A folded header line and a status line without a reason.
        check(b"HTTP/1.0 200\r\nX-Long: a\r\n b\r\nContent-Type: TEXT/HTML\r\n\r\n<p>y</p>", Ok(Some("<p>y</p>")));
        check(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<p>\r\n2\r\nz<\r\n0\r\n\r\n", Ok(Some("<p>z<")));
        // Declared chunked but stored de-chunked: kept as is.
        check(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n<p>w</p>", Ok(Some("<p>w</p>")));
        check(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>", Ok(None));
        check(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", Ok(None));
        check(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx", Err("unsupported Content-Encoding \"br\" in a response record"));
        check(b"garbage", Err("malformed HTTP response head in a response record"));
    }

    #[test]
    fn record_ids_are_sanitised() {
        assert_eq!(sanitise_id("<urn:uuid:ab-12>"), "ab-12");
        assert_eq!(sanitise_id("<http://x/y?z=1>"), "http___x_y_z_1");
    }
}
