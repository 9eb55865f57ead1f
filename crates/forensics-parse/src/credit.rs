//! Credit grammars: photo credits, credit and copyright lines, sign-offs,
//! source lines and in-text attributions.

use nom::bytes::complete::{tag_no_case, take_while1};
use nom::character::complete::char;
use nom::combinator::opt;
use nom::Parser;

use crate::date::{sp, sp0};
use crate::lexicon::{NAME_CONNECTORS, SOURCE_FILLERS, canonical_agency};
use crate::text::{prefix, suffix};

/// A name found in a line, with its byte range in that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// Photo credits sit at the end of a caption; only its tail is read.
const CAPTION_TAIL: usize = 200;

/// The agency in a photo credit at the end of `para`: "(… via AP)",
/// "(AP Photo/Name)", "REUTERS/Name", "Photo: AFP", "(ASSOCIATED PRESS)".
pub(crate) fn photo_credit(para: &str) -> Option<Found> {
    let tail = suffix(para, CAPTION_TAIL);
    // Every credit form needs one of these (searched as bytes: a char-set
    // pattern decodes the tail char by char).
    memchr::memchr3(b'/', b'(', b':', tail.as_bytes())?;
    let base = para.len() - tail.len();
    let found = via_credit(tail).or_else(|| slash_credit(tail)).or_else(|| labelled_photo(tail))?;
    Some(Found { name: found.name, start: base + found.start, end: base + found.end })
}

/// "(Sergei Bobylev, Sputnik, Kremlin Pool Photo via AP)".
fn via_credit(tail: &str) -> Option<Found> {
    // Every group tested holds " via ": one vector search rules most tails out.
    static VIA: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" via "));
    VIA.find(tail.as_bytes())?;
    let mut search = tail;
    while let Some(open) = search.rfind('(') {
        let group = &search[open..];
        let close = group.find(')')?;
        let inner = &group[1..close];
        if let Some(v) = inner.rfind(" via ") {
            let name = inner[v + 5..].trim();
            if is_agency_shaped(name) {
                let start = open + 1 + v + 5;
                return Some(Found { name: canonical_agency(name), start, end: start + name.len() });
            }
        }
        search = &search[..open];
    }
    None
}

/// "REUTERS/Tingshu Wang", "AFP/Getty", "EPA-EFE/Name", "AP Photo/Name".
fn slash_credit(tail: &str) -> Option<Found> {
    let mut best = None;
    for (slash, _) in tail.match_indices('/') {
        let before = &tail[..slash];
        let after = &tail[slash + 1..];
        if !after.starts_with(char::is_uppercase) {
            continue;
        }
        let word_start = before.rfind([' ', '(', '[']).map_or(0, |p| p + 1);
        let word = &before[word_start..];
        let (name, start) = if word.eq_ignore_ascii_case("photo") || word.eq_ignore_ascii_case("foto") {
            let head = before[..word_start].trim_end();
            let s = head.rfind([' ', '(', '[']).map_or(0, |p| p + 1);
            (&head[s..], s)
        } else {
            (word, word_start)
        };
        let caps = name.chars().filter(|c| c.is_uppercase()).count();
        if caps >= 2 && name.chars().all(|c| c.is_uppercase() || c == '-') {
            best = Some(Found { name: canonical_agency(name), start, end: start + name.len() });
        }
    }
    best
}

/// "Photo: AFP", "Foto: dpa", "(ASSOCIATED PRESS)" at the very end.
fn labelled_photo(tail: &str) -> Option<Found> {
    let t = tail.trim_end();
    if let Some(open) = t.rfind('(')
        && t.ends_with(')')
    {
        let inner = &t[open + 1..t.len() - 1];
        if crate::lexicon::is_known_agency(inner) && inner.chars().all(|c| !c.is_lowercase()) {
            return Some(Found { name: canonical_agency(inner), start: open + 1, end: t.len() - 1 });
        }
    }
    // Every label ends in a colon: one walk over the colons finds whether
    // any label ends at one before each label is looked for.
    const LABELS: [&str; 7] = ["Photo:", "Foto:", "Photo :", "Bild:", "Credit:", "Image:", "Photograph:"];
    let b = t.as_bytes();
    if !memchr::memrchr_iter(b':', b).any(|q| LABELS.iter().any(|l| b[..=q].ends_with(l.as_bytes()))) {
        return None;
    }
    for label in LABELS {
        if let Some(p) = rfind_colon_label(t, label) {
            let rest = &t[p + label.len()..];
            let name = rest.trim().trim_end_matches([')', '.']).trim();
            let name = name.rsplit(['/', ',']).next().unwrap_or(name).trim();
            if is_agency_shaped(name) {
                let start = offset_in(t, name);
                return Some(Found { name: canonical_agency(name), start, end: start + name.len() });
            }
        }
    }
    None
}

/// `t.rfind(label)` for a label ending in a colon: the last occurrence ends
/// at the last colon the label precedes, and colons are few.
fn rfind_colon_label(t: &str, label: &str) -> Option<usize> {
    memchr::memrchr_iter(b':', t.as_bytes())
        .find(|&q| t.as_bytes()[..=q].ends_with(label.as_bytes()))
        .map(|q| q + 1 - label.len())
}

/// Byte offset of `inner`, a subslice of `outer`, within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize).min(outer.len())
}

/// A short capitalised name: "AP", "Reuters", "Tidewater Press", "Al-Jazeera".
pub(crate) fn is_agency_shaped(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && name.len() <= 60
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| w.starts_with(char::is_uppercase) || NAME_CONNECTORS.contains(w))
        && !name.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// An acronym: 2–8 capitals, maybe with inner `-` or `&` ("AP", "EPA-EFE").
pub(crate) fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n)
        && s.chars().all(|c| c.is_uppercase() || c == '-' || c == '&')
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Prefers the acronym when a name carries one: "Global Dispatch Agency (GDA)"
/// → "GDA", "PSI - Presse Sud Information" → "PSI"; datelines and sign-offs
/// mostly use the short form, so credits compare across pages.
pub(crate) fn short_name(name: &str) -> String {
    let name = name.trim();
    // "(NDM - Nachrichtendienst Mittelland)": drop the wrapping parentheses only.
    let name = match name.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')').unwrap_or(inner).trim(),
        None => name,
    };
    if let Some(open) = name.rfind('(')
        && let Some(close) = name[open..].find(')')
    {
        let inner = name[open + 1..open + close].trim();
        if is_acronym(inner) {
            return canonical_agency(inner);
        }
    }
    for sep in [" – ", " - ", " — "] {
        if let Some((head, tail)) = crate::text::find(name, sep).map(|p| (&name[..p], &name[p + sep.len()..])) {
            if is_acronym(head.trim()) {
                return canonical_agency(head.trim());
            }
            if is_acronym(tail.trim()) {
                return canonical_agency(tail.trim());
            }
        }
    }
    canonical_agency(name)
}

const OPENERS: &[&str] = &[
    "reporting by", "additional reporting by", "writing by", "editing by", "compiled by",
    "reporting and writing by", "mit material von",
];

/// "(Reporting by X; Editing by Y)": the credit line's inner text.
/// Most lines open with a visible ASCII byte no opener (or paren) starts
/// with: that test is inlined at each call, the rest is not.
#[inline]
pub(crate) fn credit_line(line: &str) -> Option<&str> {
    match line.as_bytes().first() {
        Some(&c) if c.is_ascii_graphic() && !matches!(c.to_ascii_lowercase(), b'(' | b'r' | b'a' | b'w' | b'e' | b'c' | b'm') => None,
        _ => credit_line_rest(line),
    }
}

#[inline(never)]
fn credit_line_rest(line: &str) -> Option<&str> {
    // A run opens with a visible char: the Unicode trim is needed only otherwise.
    let start = if line.as_bytes().first().is_some_and(u8::is_ascii_graphic) { line } else { line.trim_start() };
    // ('(' is ASCII: skipped byte by byte, without the char pattern's decoding.)
    let sb = start.as_bytes();
    let head = &sb[sb.iter().take_while(|&&c| c == b'(').count()..];
    // The openers start with these two letters and are at least ten bytes long.
    if head.len() < 10
        || !matches!(
            [head[0].to_ascii_lowercase(), head[1].to_ascii_lowercase()],
            [b'r', b'e'] | [b'a', b'd'] | [b'w', b'r'] | [b'e', b'd'] | [b'c', b'o'] | [b'm', b'i']
        )
    {
        return None;
    }
    // The openers are ASCII without a `k`, so an ASCII case-insensitive
    // test of the raw bytes equals a test of the lower-cased text (only the
    // Kelvin sign lower-cases into ASCII) and needs no allocation.
    if !OPENERS.iter().any(|o| head.len() >= o.len() && head[..o.len()].eq_ignore_ascii_case(o.as_bytes())) {
        return None;
    }
    let inner = line.trim().trim_start_matches('(').trim_end_matches(['.', ' ']).trim_end_matches(')');
    let lower = prefix(inner, 40).to_lowercase();
    OPENERS.iter().any(|o| lower.starts_with(o)).then_some(inner.trim())
}

/// The names a credit line gives, each with its role and byte range in
/// `line` (`inner` is [`credit_line`]'s answer, a slice of `line`):
/// "(Reporting by Jane Roe and Li Wei in Beijing; Editing by Bob Ray)" gives
/// Jane Roe and Li Wei as reporters and Bob Ray as editor; "Mit Material von
/// dpa und AFP" gives the agencies. Clauses naming nobody ("Reporting by the
/// newsroom staff") give nothing: a sentence is never stored as a name.
pub(crate) fn credit_line_names(line: &str, inner: &str) -> Vec<(Found, crate::model::CreditKind)> {
    use crate::model::CreditKind;
    let base = offset_in(line, inner);
    let mut out = Vec::new();
    // Clauses end at ";" or at a comma before another role ("…, with
    // reporting by X, editing by Y").
    let mut clauses: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        let next_role = c == ',' && {
            let rest = inner[i + 1..].split([',', ';']).next().unwrap_or("").to_ascii_lowercase();
            rest.contains(" by ") || rest.contains(" von ")
        };
        if c == ';' || next_role {
            clauses.push((start, &inner[start..i]));
            start = i + 1;
        }
    }
    clauses.push((start, &inner[start..]));
    for (at, clause) in clauses {
        let clause_lower = clause.to_ascii_lowercase();
        let lower = format!(" {}", clause_lower.trim_start());
        let lead = clause.len() - clause.trim_start().len();
        let (at, clause) = (at + lead, clause.trim_start());
        // `lower` has one leading space more than `clause`.
        let Some(by) = lower.find(" by ").map(|p| p + 3).or_else(|| lower.find(" von ").map(|p| p + 4)) else {
            continue;
        };
        let role = &lower[..by];
        let kind = if role.contains("edit") {
            CreditKind::Editor
        } else if role.contains("material") {
            CreditKind::CreditLine
        } else {
            CreditKind::Reporter
        };
        // People are listed with commas and "and"; a place may follow
        // ("Jane Roe in London"), and a final dot ends the line.
        let mut pos = by;
        for part in split_names(&clause[by..]) {
            let Some(rel) = clause[pos..].find(part) else { continue };
            let start = pos + rel;
            pos = start + part.len();
            let name = part.split(" in ").next().unwrap_or(part).trim().trim_end_matches(['.', ')']).trim();
            let agency = crate::lexicon::is_known_agency(name) || is_acronym(name);
            let person = is_agency_shaped(name) && (2..=5).contains(&name.split_whitespace().count());
            if kind == CreditKind::CreditLine && !(agency || is_agency_shaped(name)) || !(agency || person) {
                continue;
            }
            let s = base + at + start;
            let name_out = if agency { canonical_agency(name) } else { name.to_string() };
            out.push((Found { name: name_out, start: s, end: s + name.len() }, kind));
        }
    }
    out
}

/// Names listed in a credit clause: split at commas, "and", "und", "&".
fn split_names(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in list.split(',') {
        let mut rest = piece;
        loop {
            let cut = [" and ", " und ", " & ", " et ", " y "].iter().filter_map(|sep| rest.find(sep).map(|p| (p, sep.len()))).min();
            match cut {
                Some((p, n)) => {
                    out.push(rest[..p].trim());
                    rest = &rest[p + n..];
                }
                None => {
                    out.push(rest.trim());
                    break;
                }
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// "© AHP 2025 - Tous droits réservés", "Copyright Tidewater Press 2025":
/// the copyright holder. Most lines asked ("Contact", "Comments") lack
/// the prefix's third byte: that answer is inlined at each call.
#[inline]
pub(crate) fn copyright_holder(line: &str) -> Option<String> {
    match line.as_bytes() {
        [b'C' | b'c', _, c, ..] if !matches!(c, b'p' | b'P') => None,
        _ => copyright_holder_rest(line),
    }
}

#[inline(never)]
fn copyright_holder_rest(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = ["©", "(c)", "(C)", "Copyright", "copyright", "COPYRIGHT"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    let rest = rest.trim_start_matches([' ', '©']);
    let head = rest.split(['|', '·', '.']).next().unwrap_or(rest);
    let head = ["Tous droits", "All rights", "All Rights", "Alle Rechte", "Todos los", "Todos os", "Tutti i"]
        .iter()
        .fold(head, |h, stop| crate::text::find(h, stop).map_or(h, |p| &h[..p]));
    // Drop years ("2025", "2020-2025"), keep the rest, dashes included:
    // "AAN – Agência Atlântica de Notícias" still yields its acronym.
    let words: Vec<&str> = head
        .split_whitespace()
        .filter(|w| !(w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || "-–,".contains(c))))
        .collect();
    let holder = words.join(" ");
    let holder = holder.trim_matches(|c: char| c == '-' || c == '–' || c == ' ' || c == ',');
    (!holder.is_empty() && holder.len() <= 80).then(|| short_name(holder))
}

/// A source name after a verb or label: optional fillers ("the", "l'",
/// "agence"), then capitalised words with connectors, then maybe "(ACR)".
/// Returns the name's byte range in `i` and the name to report.
pub(crate) fn source_name(i: &str) -> Option<(usize, usize, String)> {
    let mut pos = 0;
    // Skip fillers, longest first so "agence de presse" beats "agence".
    loop {
        let rest = &i[pos..];
        let mut best = 0;
        for f in SOURCE_FILLERS {
            let elided = f.ends_with(['\'', '’']);
            let parsed = if elided {
                (tag_no_case::<_, _, nom::error::Error<&str>>(*f), sp0).parse(rest).map(|(r, _)| r)
            } else {
                (tag_no_case::<_, _, nom::error::Error<&str>>(*f), sp).parse(rest).map(|(r, _)| r)
            };
            // A capitalised "Agência" belongs to the name, not before it.
            if let Ok(r) = parsed
                && rest.starts_with(|c: char| !c.is_uppercase())
            {
                best = best.max(rest.len() - r.len());
            }
        }
        if best == 0 {
            break;
        }
        pos += best;
    }
    let start = pos;
    let mut end = pos;
    let mut cursor = pos;
    for _ in 0..8 {
        let Some(word) = name_word(&i[cursor..]) else { break };
        let capital = word.starts_with(char::is_uppercase) || word.starts_with(char::is_numeric);
        if capital {
            end = cursor + word.len();
        } else if !NAME_CONNECTORS.contains(&word) || end == start {
            break;
        }
        cursor += word.len();
        match sp(&i[cursor..]) {
            Ok((after, _)) => cursor = i.len() - after.len(),
            Err(_) => break,
        }
    }
    if end == start {
        return None;
    }
    let mut name = i[start..end].trim_end_matches(['\'', '’']).to_string();
    // "Northgate News Service (NNS)": the acronym is the comparable form.
    if let Ok((_, (_, _, acr, _))) =
        (sp0, char('('), take_while1(|c: char| c.is_uppercase() || c == '-'), char(')')).parse(&i[end..])
        && is_acronym(acr)
    {
        name = acr.to_string();
    }
    Some((start, end, canonical_agency(&name)))
}

/// One word of a name; a final dot ends the sentence, not the name.
fn name_word(i: &str) -> Option<&str> {
    let n = i.find(|c: char| !(c.is_alphanumeric() || "-'’.&".contains(c))).unwrap_or(i.len());
    let w = i[..n].trim_end_matches('.');
    (!w.is_empty()).then_some(w)
}

/// Bytes of one paragraph read for attributions: they sit in the lede.
const ATTRIBUTION_WINDOW: usize = 4000;

/// Attributions in a paragraph: "Ifølge Al-Jazeera,", "according to X",
/// "selon l'agence AHP", "según X", "laut X". Byte ranges are in `para`.
pub(crate) fn attributions(para: &str) -> Vec<Found> {
    let window = prefix(para, ATTRIBUTION_WINDOW);
    // An ASCII window is searched as it is, blind to ASCII case: the same
    // hits as in its lower-cased copy, at the same offsets.
    let ascii = window.is_ascii();
    let lower = if ascii { String::new() } else { crate::text::lowercase(window) };
    let mut out = Vec::new();
    // Search each verb in the lower-cased text (fast substring search), then
    // parse the name from the original at the same place.
    let hits = if ascii {
        crate::lexicon::sets::attribution_hits_ascii(window)
    } else {
        crate::lexicon::sets::attribution_hits(&lower)
    };
    for (at, len) in hits {
        // Lower-casing may shift byte offsets; only trust exact matches.
        let (Some(before), Some(word)) = (window.get(..at), window.get(at..at + len)) else { continue };
        if before.ends_with(char::is_alphanumeric) || (!ascii && word.to_lowercase() != lower[at..at + len]) {
            continue;
        }
        let Ok((after, _)) = sp(&window[at + len..]) else { continue };
        let off = window.len() - after.len();
        if let Some((s, e, name)) = source_name(after)
            && is_agency_shaped(&name)
            && is_news_org(&after[..s], &after[s..e], &name)
        {
            out.push(Found { name, start: off + s, end: off + e });
        }
    }
    out
}

/// Whether an attributed source is a news organisation rather than a
/// company, ministry or person: an agency noun before it ("selon l'agence
/// AHP"), an outlet word in its full name ("Northgate News Service (NNS)",
/// "Tidewater Press"), or a known agency or outlet (`lexicon`).
/// `fillers` is the text skipped before the name, `written` the name as
/// written before it was shortened to `name`.
pub(crate) fn is_news_org(fillers: &str, written: &str, name: &str) -> bool {
    use crate::lexicon::{NEWS_OUTLETS, OUTLET_WORDS, is_known_agency};
    let has_word = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && OUTLET_WORDS.contains(&w.to_lowercase().as_str()))
    };
    let known = |s: &str| {
        let l = s.trim().to_lowercase();
        is_known_agency(&l) || NEWS_OUTLETS.contains(&l.as_str())
    };
    has_word(fillers) || has_word(written) || known(written) || known(name)
}

/// "Source: Global Dispatch Agency (GDA)", "Quelle: X, aus dem Englischen",
/// "via Fallowmere Ledger", "Reblogged from X": the named source.
pub(crate) fn source_line(line: &str) -> Option<Found> {
    // Every source line holds a label in its lower case: the line automaton
    // tells without a lower-cased copy (most lines hold none).
    if crate::lexicon::sets::line_hits_folded(line) & crate::lexicon::sets::SOURCE_HIT == 0 {
        return None;
    }
    source_line_lower(line, &line.to_lowercase())
}

/// [`source_line`] given the line's lower-cased form, computed once per line.
pub(crate) fn source_line_lower(line: &str, lower: &str) -> Option<Found> {
    if lower.len() != line.len() {
        // Case mapping changed byte lengths: fall back to a char-wise search.
        return source_line_slow(line);
    }
    for m in crate::lexicon::sets::SOURCE.find_overlapping_iter(lower) {
        let (at, label) = (m.start(), crate::lexicon::SOURCE_LABELS[m.pattern().as_usize()]);
        let (Some(before), Some(after)) = (line.get(..at), line.get(at + label.len()..)) else {
            continue;
        };
        if !clause_start(before) || after.starts_with(char::is_alphanumeric) {
            continue;
        }
        if let Some(f) = source_after_label(label, after, at + label.len()) {
            return Some(f);
        }
    }
    None
}

fn source_line_slow(line: &str) -> Option<Found> {
    for label in crate::lexicon::SOURCE_LABELS {
        for (at, _) in line.char_indices() {
            let rest = &line[at..];
            if rest.len() < label.len() || !rest.is_char_boundary(label.len()) {
                continue;
            }
            if rest[..label.len()].to_lowercase() != *label {
                continue;
            }
            let after = &rest[label.len()..];
            if clause_start(&line[..at])
                && !after.starts_with(char::is_alphanumeric)
                && let Some(f) = source_after_label(label, after, at + label.len())
            {
                return Some(f);
            }
        }
    }
    None
}

/// Source labels open a line or a sentence ("Translated from French. Source: X").
fn clause_start(before: &str) -> bool {
    let b = before.trim_end();
    b.is_empty() || b.ends_with(['.', '|', '·'])
}

fn source_after_label(label: &str, after: &str, base: usize) -> Option<Found> {
    // One-word labels other than "via" need their colon: "Source: X".
    let needs_colon = !label.contains(' ') && label != "via";
    let (rest, (_, colon, _)) = (sp0, opt(char(':')), sp0).parse(after).ok()?;
    if needs_colon && colon.is_none() {
        return None;
    }
    let off = base + after.len() - rest.len();
    let (s, e, name) = source_name(rest)?;
    is_agency_shaped(&name).then_some(Found { name, start: off + s, end: off + e })
}
