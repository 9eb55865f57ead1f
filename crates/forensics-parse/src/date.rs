//! The date grammar: ISO, numeric day-first, and written dates in many
//! languages ("11 March 2025", "March 11, 2025", "Sept. 16, 2022",
//! "12 de dezembro de 2025", "3 июня 2025"), full or partial ("2022-09").

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{map_opt, not, opt};
use nom::{IResult, Parser};

use crate::lexicon::month_of;
use crate::model::PartialDate;

type Res<'a, T> = IResult<&'a str, T>;

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\t' || c == '\u{202f}'
}

pub(crate) fn sp(i: &str) -> Res<'_, &str> {
    take_while1(is_space).parse(i)
}

pub(crate) fn sp0(i: &str) -> Res<'_, Option<&str>> {
    opt(sp).parse(i)
}

/// `min..=max` ASCII digits not followed by another digit.
fn number<'a>(min: usize, max: usize) -> impl Parser<&'a str, Output = u32, Error = nom::error::Error<&'a str>> {
    map_opt(
        (take_while_m_n(min, max, |c: char| c.is_ascii_digit()), not(satisfy(|c| c.is_ascii_digit()))),
        |(s, ()): (&str, ())| s.parse().ok(),
    )
}

fn year(i: &str) -> Res<'_, i32> {
    map_opt(number(4, 4), |y| (1900..=2100).contains(&y).then_some(y as i32)).parse(i)
}

fn month_num(i: &str) -> Res<'_, u8> {
    map_opt(number(1, 2), |m| (1..=12).contains(&m).then_some(m as u8)).parse(i)
}

fn day_num(i: &str) -> Res<'_, u8> {
    map_opt(number(1, 2), |d| (1..=31).contains(&d).then_some(d as u8)).parse(i)
}

/// A month name or abbreviation, with an optional abbreviation dot.
fn month_word(i: &str) -> Res<'_, u8> {
    let (i, m) = map_opt(take_while1(char::is_alphabetic), month_of).parse(i)?;
    let (i, _) = opt(char('.')).parse(i)?;
    Ok((i, m))
}

/// Spanish/Portuguese "de" between date parts.
fn de(i: &str) -> Res<'_, ()> {
    let (i, _) = opt((tag_no_case("de"), sp)).parse(i)?;
    Ok((i, ()))
}

fn full(year: i32, month: u8, day: u8) -> PartialDate {
    PartialDate { year, month: Some(month), day: Some(day) }
}

/// `2022-09-19`, `2022/09/19`, `2022-09`.
fn iso(i: &str) -> Res<'_, PartialDate> {
    let (i, (y, _, m)) = (year, one_of("-/."), month_num).parse(i)?;
    let (i, d) = opt((one_of("-/."), day_num)).parse(i)?;
    Ok((i, PartialDate { year: y, month: Some(m), day: d.map(|(_, d)| d) }))
}

/// How a page writes ambiguous numeric dates such as `09/10/2022`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumericOrder {
    DayFirst,
    /// US order, month first: only for `/` and `-` dates (dotted dates are
    /// day-first everywhere).
    MonthFirst,
}

thread_local! {
    /// The order of the page being parsed: set by [`with_order`] around one
    /// parse, so the line grammars need no extra argument.
    static ORDER: std::cell::Cell<NumericOrder> = const { std::cell::Cell::new(NumericOrder::DayFirst) };
}

/// Runs `f` with ambiguous numeric dates read in `order`.
pub(crate) fn with_order<T>(order: NumericOrder, f: impl FnOnce() -> T) -> T {
    let old = ORDER.with(|o| o.replace(order));
    let out = f();
    ORDER.with(|o| o.set(old));
    out
}

/// The numeric date order a page uses, from its own cues: an unambiguous
/// numeric date (`9/19/2022` can only be month-first, `19/9/2022` only
/// day-first) decides; failing that, written dates (`Sept. 16, 2022` is
/// US style, `16 September 2022` is not). Day-first when nothing tells.
/// Only consulted when the page holds an ambiguous `/` or `-` date.
pub(crate) fn page_order(text: &str) -> NumericOrder {
    let b = text.as_bytes();
    let (mut ambiguous, mut month_first, mut day_first) = (0, 0, 0);
    let digits_back = |end: usize| b[..end].iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let digits_fwd = |start: usize| b[start.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    for p in memchr::memchr2_iter(b'/', b'-', b) {
        let na = digits_back(p);
        let nb = digits_fwd(p + 1);
        if !(1..=2).contains(&na) || !(1..=2).contains(&nb) || b.get(p + 1 + nb) != Some(&b[p]) || digits_fwd(p + 2 + nb) != 4 {
            continue;
        }
        let num = |s: usize, n: usize| b[s..s + n].iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
        let (x, y) = (num(p - na, na), num(p + 1, nb));
        match (x, y) {
            (1..=12, 1..=12) => ambiguous += 1,
            (1..=12, 13..=31) => month_first += 1,
            (13..=31, 1..=12) => day_first += 1,
            _ => {}
        }
    }
    if ambiguous == 0 || month_first == day_first && month_first > 0 {
        return NumericOrder::DayFirst;
    }
    if month_first > day_first {
        return NumericOrder::MonthFirst;
    }
    if day_first > 0 {
        return NumericOrder::DayFirst;
    }
    // Written dates in the page head: month-first or day-first style.
    let head = crate::text::prefix(text, 8192);
    let (mut mdy, mut dmy) = (0, 0);
    for (i, c) in word_starts(head) {
        if c.is_ascii_digit() {
            dmy += usize::from(text_dmy(&head[i..]).is_ok());
        } else {
            mdy += usize::from(text_mdy(&head[i..]).is_ok());
        }
    }
    if mdy > dmy { NumericOrder::MonthFirst } else { NumericOrder::DayFirst }
}

/// `22.05.2025`, `12. 12. 2025`, `11/03/2025`: day first, unless the first
/// number cannot be a day-of-month pairing (`03/25/2025` is read as US
/// order) or the page writes its dates month first ([`page_order`]).
fn numeric_dmy(i: &str) -> Res<'_, PartialDate> {
    let sep = |i| (one_of("./-"), sp0).parse(i);
    let (i, (a, (s, _), b, _, y)) = (day_num, sep, number(1, 2), sep, year).parse(i)?;
    let b = b as u8;
    let us = s != '.' && ORDER.with(|o| o.get()) == NumericOrder::MonthFirst;
    let date = if us && a <= 12 && (1..=31).contains(&b) {
        full(y, a, b)
    } else if (1..=12).contains(&b) {
        full(y, b, a)
    } else if a <= 12 && (13..=31).contains(&b) {
        full(y, a, b)
    } else {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    };
    Ok((i, date))
}

/// `11 March 2025`, `22 mai 2025`, `29. September 2025`, `12 de dezembro de 2025`.
fn text_dmy(i: &str) -> Res<'_, PartialDate> {
    let (i, (d, _, _, _, m, _, _, _, y)) =
        (day_num, opt(char('.')), sp0, de, month_word, opt(char(',')), sp, de, year).parse(i)?;
    Ok((i, full(y, m, d)))
}

/// `March 11, 2025`, `Sept. 16, 2022`, `June 3rd 2025`.
fn text_mdy(i: &str) -> Res<'_, PartialDate> {
    let ordinal = alt((tag_no_case("st"), tag_no_case("nd"), tag_no_case("rd"), tag_no_case("th")));
    let (i, (m, _, d, _, _, _, y)) =
        (month_word, sp0, day_num, opt(ordinal), opt(char(',')), sp, year).parse(i)?;
    Ok((i, full(y, m, d)))
}

/// `September 2022`, `abril de 2025`: a partial date.
fn text_my(i: &str) -> Res<'_, PartialDate> {
    let (i, (m, _, _, _, y)) = (month_word, opt(char(',')), sp, de, year).parse(i)?;
    Ok((i, PartialDate { year: y, month: Some(m), day: None }))
}

/// A date starting exactly at the start of `i`.
/// Where words start in `s` (an alphanumeric after a non-alphanumeric or
/// the start): every date, read-time and similar phrase opens on one, so the
/// grammars are tried there only, keeping the scans linear.
pub(crate) fn word_starts(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    // Each char's class is found once and remembered for the next.
    let mut prev_alnum = false;
    s.char_indices().filter(move |&(_, c)| {
        let alnum = c.is_alphanumeric();
        let at_word = alnum && !prev_alnum;
        prev_alnum = alnum;
        at_word
    })
}

/// Where the last run of exactly four ASCII digits from 1900 to 2100 in
/// `b` starts: [`year`] always starts after a non-digit and ends before one.
fn last_year_run(b: &[u8]) -> Option<usize> {
    let mut run = 0;
    let mut last = None;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run == 4 && in_year_range(&b[i - 4..i]) {
            last = Some(i - 4);
        }
        run = 0;
    }
    if run == 4 && in_year_range(&b[b.len() - 4..]) {
        last = Some(b.len() - 4);
    }
    last
}

fn in_year_range(d: &[u8]) -> bool {
    let y = d.iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'));
    (1900..=2100).contains(&y)
}

pub(crate) fn date(i: &str) -> Res<'_, PartialDate> {
    alt((iso, numeric_dmy, text_dmy, text_mdy, text_my)).parse(i)
}

/// A date found in `s`: the first date that starts and ends on word
/// boundaries, with its byte range in `s`. Linear in `s`: each attempt reads
/// a bounded prefix except for one word, and attempts start only at words.
pub(crate) fn find_date(s: &str) -> Option<(PartialDate, usize, usize)> {
    // Every date form holds a year: a run of exactly four digits, at or
    // after the date's start.
    let last_year = last_year_run(s.as_bytes())?;
    for (i, c) in word_starts(s) {
        if i > last_year {
            break;
        }
        // A date opens with a digit or a month word, and the length of a
        // digit run tells which grammars can match (the others of
        // [`date`] fail on their first part): four digits a year (ISO),
        // one or two a day, any other count none.
        let parsed = if c.is_ascii_digit() {
            match s.as_bytes()[i..].iter().take_while(|b| b.is_ascii_digit()).count() {
                4 => iso(&s[i..]),
                1 | 2 => alt((numeric_dmy, text_dmy)).parse(&s[i..]),
                _ => continue,
            }
        } else {
            // The month word tested once here instead of in each grammar.
            let word = &s[i..];
            let n = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
            if n == 0 || month_of(&word[..n]).is_none() {
                continue;
            }
            alt((text_mdy, text_my)).parse(&s[i..])
        };
        let Ok((rest, d)) = parsed else { continue };
        let end = s.len() - rest.len();
        let mut next = rest.chars();
        let ok = match next.next() {
            None => true,
            // ISO date-times: 2025-03-11T16:42
            Some('T') => d.day.is_some() && next.next().is_some_and(|c| c.is_ascii_digit()),
            Some(n) => !n.is_alphanumeric(),
        };
        if ok {
            return Some((d, i, end));
        }
    }
    None
}
