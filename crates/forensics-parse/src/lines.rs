//! Lines to blocks: non-empty lines, with hard-wrapped paragraph lines joined.

/// A trimmed run of text: one line, or a paragraph hard-wrapped over several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub start: usize,
    pub end: usize,
    /// A blank line (or the page start) comes before it.
    pub after_blank: bool,
}

/// Trimmed non-empty lines of `text` (`\n`, `\r\n` and `\r` end a line).
fn lines(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    // Sized for the usual line length of scraped pages (growing the list
    // copied it a dozen times a page); a huge page grows it as before.
    let mut out = Vec::with_capacity((bytes.len() / 32 + 16).min(4096));
    let mut pos = 0;
    let mut blank = true;
    while pos <= bytes.len() {
        let end = crate::bytes::next_break(bytes, pos).unwrap_or(bytes.len());
        // Most lines start and end with a visible ASCII char: nothing to
        // trim, and no need for the line as a string.
        let b = &bytes[pos..end];
        let (start, len) = if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
            (pos, b.len())
        } else {
            // Line breaks are ASCII, so `pos..end` always falls on char boundaries.
            let line = &text[pos..end];
            let lead = crate::text::trim_start(line);
            (pos + (line.len() - lead.len()), crate::text::trim_end(lead).len())
        };
        if len == 0 {
            blank = true;
        } else {
            out.push(Run { start, end: start + len, after_blank: blank });
            blank = false;
        }
        if end >= bytes.len() {
            break;
        }
        pos = end + if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { 2 } else { 1 };
    }
    out
}

/// Lines shorter than this are never the first half of a wrapped paragraph.
const WRAP_MIN: usize = 50;

/// Lines, with a hard-wrapped paragraph joined into one run: the previous
/// line is long and stops mid-sentence, and the next starts in lower case.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let lines = lines(text);
    let mut out: Vec<Run> = Vec::with_capacity(lines.len());
    // Where the last line of the last run starts (a joined run holds several).
    let mut last_line = 0;
    for line in lines {
        // (The previous line's length is the join test's first question:
        // asked before the lines are sliced.)
        if let Some(last) = out.last_mut()
            && !line.after_blank
            && last.end - last_line >= WRAP_MIN
            && continues(&text[last_line..last.end], &text[line.start..line.end])
        {
            // The joined line starts after the run's last line break (with
            // any indent: `continues` measures the line as written).
            last_line = memchr::memrchr(b'\n', &text.as_bytes()[last.start..line.start]).map_or(last.start, |p| last.start + p + 1);
            last.end = line.end;
            continue;
        }
        last_line = line.start;
        out.push(line);
    }
    out
}

/// A line continues the previous one (`last_line`, the last line of the
/// run so far) when that one is long and stops mid-sentence and this one
/// starts in lower case and is no metadata line ("by metro_mira |
/// 06/10/2025" under a headline starts in lower case too).
///
/// A next line in capitals joins only inside hard-wrapped text: both lines
/// within a wrap width, and the next one ending a sentence or itself long.
fn continues(last_line: &str, next: &str) -> bool {
    let cheap_open = last_line.len() >= WRAP_MIN
        && !last_line.ends_with(['.', '!', '?', ':', ';', '"', '”', '»', '’', ')', '…'])
        && !next.starts_with(['-', '–', '—', '•', '*', '·']);
    let wrapped = || {
        last_line.ends_with(|c: char| c.is_alphanumeric() || c == ',')
            && next.starts_with(|c: char| c.is_alphanumeric() || c == '"' || c == '“')
            && last_line.len() <= WRAP_MAX
            && next.len() <= WRAP_MAX
            && (next.len() >= WRAP_MIN || next.ends_with(['.', '!', '?', '"', '”']))
    };
    // The line grammars run last: only where the join is otherwise decided.
    cheap_open
        && (next.starts_with(char::is_lowercase) || wrapped())
        && crate::meta::meta_line(next).is_none()
        && (next.len() > 200 || crate::credit::source_line(next).is_none())
}

/// Hard-wrapped text keeps its lines under this width.
const WRAP_MAX: usize = 100;
