//! The dateline grammar: "MOSCOW (AP) —", "VALEMOUTH, March 11 (NNS) –",
//! "BERLIN/PARIS (Reuters) -", "(Reuters) -", "LINDENPORT —", and the
//! stand-alone line "Villarreja, 8 de abril de 2025 (Agencia Meseta Noticias)".

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while1};
use nom::character::complete::char;
use nom::combinator::{eof, opt, peek, verify};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::date::{sp, sp0};

type Res<'a, T> = IResult<&'a str, T>;

/// A dateline at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DatelineMatch<'a> {
    pub place: Option<&'a str>,
    pub date_text: Option<&'a str>,
    pub agency: Option<&'a str>,
    /// Bytes of the paragraph the dateline takes, its dash included.
    pub len: usize,
}

/// The longest prefix the grammar ever needs: keeps each attempt bounded.
const WINDOW: usize = 240;

pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '‒')
}

fn dash(i: &str) -> Res<'_, &str> {
    alt((tag("--"), tag("—"), tag("–"), tag("-"), tag("―"), tag("‒"))).parse(i)
}

/// An all-capitals place: "MOSCOW", "BERLIN/PARIS", "VILA NOVA DE SERRABELA":
/// words of capitals (with inner `/ - . '`) separated by single spaces.
fn caps_place(i: &str) -> Res<'_, &str> {
    let mut end = 0;
    let mut pos = 0;
    loop {
        let word_len = i[pos..].find([' ', ',', '(', '\u{a0}']).unwrap_or(i.len() - pos);
        let word = &i[pos..pos + word_len];
        let ok = !word.is_empty()
            && word.chars().any(char::is_uppercase)
            && word.chars().all(|c| c.is_uppercase() || "/-.'’".contains(c))
            && word.starts_with(char::is_uppercase);
        if !ok {
            break;
        }
        end = pos + word_len;
        if !i[end..].starts_with(' ') || end > 60 {
            break;
        }
        pos = end + 1;
    }
    let place = &i[..end];
    if place.chars().filter(|c| c.is_uppercase()).count() < 2 || place.len() > 60 {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((&i[end..], place))
}

/// A letter of a script without capitals (Devanagari, Arabic, Hebrew, Thai,
/// Han …), or an Indic vowel sign or virama, which are marks, not letters.
fn caseless_letter(c: char) -> bool {
    !c.is_ascii()
        && !c.is_uppercase()
        && !c.is_lowercase()
        && !c.is_numeric()
        && (c.is_alphabetic() || (('\u{0900}'..='\u{0DFF}').contains(&c) && !matches!(c, '।' | '॥' | '॰')))
}

/// A place in a script without capitals: one to three words of such letters
/// ("रेवन्सहोल्ट", "القاهرة"). Capitals are what make a bare place credible, so
/// this form is taken only before an agency and a dash.
fn caseless_place(i: &str) -> Res<'_, &str> {
    verify(take_while1(|c: char| caseless_letter(c) || c == ' '), |s: &str| {
        s.starts_with(caseless_letter) && s.len() <= 60 && s.split_whitespace().count() <= 3
    })
    .parse(i)
}

/// ", March 11 " before the agency: short and holding a number.
fn date_part(i: &str) -> Res<'_, &str> {
    let (i, _) = (char(','), sp0).parse(i)?;
    verify(take_till1(|c: char| c == '(' || c == ')' || is_dash(c)), |s: &str| {
        // Any script's digits: "१४ मार्च".
        s.len() <= 32 && s.chars().any(char::is_numeric)
    })
    .parse(i)
}

/// ", Uzbekistan" after an all-capitals place (AP style: "SAMARKAND, Uzbekistan (AP) —").
/// Only when the agency follows: ", March 4 (Reuters)" is a date, not a region.
fn region(i: &str) -> Res<'_, &str> {
    let (i, _) = (char(','), sp0).parse(i)?;
    let (i, r) = verify(take_while1(|c: char| c.is_alphabetic() || c == ' ' || c == '.'), |s: &str| {
        s.starts_with(char::is_uppercase) && s.len() <= 32 && s.split_whitespace().count() <= 3
    })
    .parse(i)?;
    let (_, _) = peek((sp0, char('('))).parse(i)?;
    Ok((i, r))
}

/// "(AP)", "(Tidewater Press)".
fn agency(i: &str) -> Res<'_, &str> {
    delimited(
        char('('),
        verify(take_till1(|c: char| c == ')' || c == '(' || c == '\n'), |s: &str| {
            // "(dpa)", "(kna)": some agencies write themselves in lower case.
            let lower_agency = s.len() <= 6 && s.chars().all(|c| c.is_ascii_lowercase());
            s.len() <= 60
                && (s.starts_with(char::is_uppercase) || lower_agency || s.starts_with(caseless_letter))
                && !s.chars().all(|c| c.is_ascii_digit())
                && s.split_whitespace().count() <= 6
        }),
        char(')'),
    )
    .parse(i)
}

/// Place, date and agency before a dash: the inline dateline.
fn inline(i: &str) -> Res<'_, (Option<&str>, Option<&str>, Option<&str>)> {
    let with_agency = |i| {
        let (i, (place, _, date, _, agency, _, _, _)) =
            (opt(alt((caps_place, caseless_place))), opt(region), opt(date_part), sp0, agency, sp0, dash, sp0).parse(i)?;
        Ok((i, (place, date, Some(agency))))
    };
    let bare = |i| {
        let (i, (place, date, _, _, _)) = (caps_place, opt(date_part), sp0, dash, sp).parse(i)?;
        Ok((i, (Some(place), date, None)))
    };
    alt((with_agency, bare)).parse(i)
}

/// "Villarreja, 8 de abril de 2025 (Agencia Meseta Noticias)" as a whole line.
fn standalone(i: &str) -> Res<'_, (Option<&str>, Option<&str>, Option<&str>)> {
    let place = verify(take_while1(|c: char| c.is_alphabetic() || " -'’.".contains(c)), |s: &str| {
        s.starts_with(char::is_uppercase) && s.len() <= 40
    });
    let (i, (place, date, _, agency, _, _)) = (place, date_part, sp0, agency, sp0, eof).parse(i)?;
    Ok((i, (Some(place.trim()), Some(date), Some(agency))))
}

/// The dateline opening `para`, if any.
pub(crate) fn dateline(para: &str) -> Option<DatelineMatch<'_>> {
    let window = crate::text::prefix(para, WINDOW);
    // Every form holds an agency's "(" or a dash: ASCII, or one of
    // `is_dash`'s others, E2 80 92..=95 (an E2 alone is mostly a curly
    // quote, which opened the grammar on most lines of prose).
    let w = window.as_bytes();
    if !memchr::memchr3_iter(b'(', b'-', 0xE2, w).any(|p| w[p] != 0xE2 || matches!(w.get(p + 1..p + 3), Some([0x80, 0x92..=0x95]))) {
        return None;
    }
    let parsed = if window.len() == para.len() { alt((standalone, inline)).parse(window) } else { inline(window) };
    let (rest, (place, date, agency)) = parsed.ok()?;
    let place = place.map(str::trim).filter(|p| !p.is_empty());
    // "(Staff Correspondent)", "(संवाददाता)": a job title where the agency goes.
    let agency = agency.filter(|a| !a.split_whitespace().any(|w| crate::lexicon::ROLE_WORDS.contains(&w.to_lowercase().as_str())));
    if place.is_none() && agency.is_none() {
        return None;
    }
    let len = window.len() - rest.len();
    Some(DatelineMatch { place, date_text: date.map(str::trim), agency: agency.map(str::trim), len })
}
