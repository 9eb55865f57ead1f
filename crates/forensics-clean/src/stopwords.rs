//! Stopword lists per language (data files from python-stop-words, BSD-3,
//! see `data/stopwords/LICENSE`). The lists differ in size, so the classifier
//! compares a block's stopword density with its own document's, never with
//! a fixed number.
//!
//! All lists live in one table from the folded word to the set of languages
//! listing it (bit `i` = `LISTS[i]`), so one look-up per word answers both
//! "is it a stopword of this document's language" and the language vote.

use crate::table::Table;
use std::sync::OnceLock;

macro_rules! lists {
    ($($code:literal),* $(,)?) => {
        &[$(($code, include_str!(concat!("../data/stopwords/", $code, ".txt")))),*]
    };
}

const LISTS: &[(&str, &str)] = lists!(
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fi", "fr", "he", "hi", "hr", "hu", "id", "it", "nb", "nl",
    "pl", "pt", "ro", "ru", "sk", "sv", "tr", "uk",
);

/// The stopword list of one language.
pub struct StopSet {
    /// Its own small table (it stays in cache while a page is scanned;
    /// the table of all languages is for the vote).
    words: Table<()>,
    /// The words of up to eight bytes again, as little-endian `u64`s in a
    /// two-choice (cuckoo) table: a look-up is two loads and a compare
    /// with no branch on the answer (about every other word of prose is
    /// a stopword, so a branch on it is mispredicted half the time).
    short: Cuckoo,
}

/// A set of nonzero `u64`s where each one sits in one of two slots.
struct Cuckoo {
    slots: Vec<u64>,
    shift: u32,
}

const C1: u64 = 0x9E37_79B9_7F4A_7C15;
const C2: u64 = 0xC2B2_AE3D_27D4_EB4F;

impl Cuckoo {
    fn build(keys: &[u64]) -> Cuckoo {
        let mut size = (keys.len() * 2).next_power_of_two().max(16);
        loop {
            if let Some(c) = Cuckoo::try_build(keys, size) {
                return c;
            }
            size *= 2;
        }
    }

    fn try_build(keys: &[u64], size: usize) -> Option<Cuckoo> {
        let shift = 64 - size.trailing_zeros();
        let mut c = Cuckoo { slots: vec![0; size], shift };
        for &k in keys {
            if k == 0 || c.contains(k) {
                continue;
            }
            let mut k = k;
            let mut at = c.at1(k);
            let mut placed = false;
            for _ in 0..size {
                std::mem::swap(&mut c.slots[at], &mut k);
                if k == 0 {
                    placed = true;
                    break;
                }
                // The evicted key goes to its other slot.
                at = if c.at1(k) == at { c.at2(k) } else { c.at1(k) };
            }
            if !placed {
                return None;
            }
        }
        Some(c)
    }

    #[inline]
    fn at1(&self, k: u64) -> usize {
        (k.wrapping_mul(C1) >> self.shift) as usize
    }

    #[inline]
    fn at2(&self, k: u64) -> usize {
        (k.wrapping_mul(C2) >> self.shift) as usize
    }

    #[inline]
    fn contains(&self, k: u64) -> bool {
        let a = self.slots.get(self.at1(k)).copied().unwrap_or(0);
        let b = self.slots.get(self.at2(k)).copied().unwrap_or(0);
        (a == k) | (b == k)
    }
}

/// A word of one to eight bytes as a little-endian `u64` (zero-padded:
/// words hold no NUL byte, so different words give different numbers).
fn short_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut w = [0u8; 8];
    w[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(w))
}

impl std::fmt::Debug for StopSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StopSet({} words)", self.len())
    }
}

impl StopSet {
    /// Whether `word` (already in lower case) is on the list.
    pub fn contains(&self, word: &str) -> bool {
        self.contains_folded(word.as_bytes())
    }

    /// [`StopSet::contains`] on the bytes of a lower-cased word.
    #[inline]
    pub fn contains_folded(&self, word: &[u8]) -> bool {
        self.words.get(word).is_some()
    }

    /// [`StopSet::contains_folded`] of `buf[start..end]` (faster when
    /// `buf` goes on for eight bytes from `start`).
    #[inline(always)]
    pub(crate) fn contains_in(&self, buf: &[u8], start: usize, end: usize) -> bool {
        let len = end.wrapping_sub(start);
        if (1..=8).contains(&len)
            && let Some(chunk) = buf.get(start..start + 8)
        {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            // (No word holds a NUL byte; the bytes past it are masked off.)
            return self.short.contains(u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len)));
        }
        self.words.get_in(buf, start, end).is_some()
    }

    /// Number of words on the list.
    pub fn len(&self) -> usize {
        self.words.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn words(text: &'static str) -> impl Iterator<Item = &'static [u8]> {
    text.lines().map(str::trim).filter(|w| !w.is_empty()).map(str::as_bytes)
}

fn sets() -> &'static [StopSet] {
    static SETS: OnceLock<Vec<StopSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        LISTS
            .iter()
            .map(|(_, text)| StopSet {
                words: Table::build(words(text).map(|w| (w, ())), |_, _| ()),
                short: Cuckoo::build(&words(text).filter_map(short_key).collect::<Vec<_>>()),
            })
            .collect()
    })
}

/// Every stopword with the languages listing it (bit `i` = `LISTS[i]`).
fn table() -> &'static Table<u32> {
    static T: OnceLock<Table<u32>> = OnceLock::new();
    T.get_or_init(|| Table::build(LISTS.iter().enumerate().flat_map(|(i, (_, text))| words(text).map(move |w| (w, 1u32 << i))), |a, b| a | b))
}

/// Every word of every list.
pub(crate) fn all_words() -> impl Iterator<Item = &'static [u8]> {
    LISTS.iter().flat_map(|(_, text)| words(text))
}

/// The stopword set of an ISO 639-1 language (Norwegian Nynorsk and the
/// macro code `no` share Bokmål's list), or `None` when there is none.
pub fn stopwords(lang: &str) -> Option<&'static StopSet> {
    let lang = match lang {
        "no" | "nn" => "nb",
        other => other,
    };
    LISTS.iter().position(|(c, _)| *c == lang).and_then(|i| sets().get(i))
}

/// Among `family` (listed languages), how many words of `text` each one
/// alone lists: close relatives share most of their stopwords (Danish and
/// Bokmål "ikke", "og", "det"), so their plain vote is near a tie, but
/// the words only one of them writes ("af", "efter", "nogle" against
/// "av", "etter", "noen") tell them apart.
pub(crate) fn own_words(text: &str, family: &[&'static str]) -> Vec<(&'static str, usize)> {
    let bits: Vec<(&'static str, u32)> =
        family.iter().filter_map(|l| LISTS.iter().position(|(c, _)| c == l).map(|i| (*l, 1u32 << i))).collect();
    let any = bits.iter().fold(0, |a, (_, b)| a | b);
    let mut counts: Vec<(&'static str, usize)> = bits.iter().map(|(l, _)| (*l, 0)).collect();
    // (Words split at letters and `'` only, as `str::split` on them did.)
    each_word::<false>(text, |found| {
        let mask = found & any;
        if mask.count_ones() == 1
            && let Some(slot) = bits.iter().position(|(_, b)| *b == mask).and_then(|k| counts.get_mut(k))
        {
            slot.1 += 1;
        }
    });
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
}

/// Languages with a list.
#[cfg(test)]
pub fn languages_listed() -> impl Iterator<Item = &'static str> {
    LISTS.iter().map(|(c, _)| *c)
}

/// Stopword hits per language over the words of `text` (lower-cased):
/// `(language, hits)` best first, and the number of words seen. One table
/// look-up per word, so a cheap first opinion on a document's language.
/// Words are runs of letters and apostrophes.
#[cfg(test)]
pub fn vote(text: &str) -> (Vec<(&'static str, usize)>, usize) {
    let v = Votes::of(text);
    (v.ranked(), v.words)
}

/// The counts behind [`vote`]. Words never run across a non-letter, so the
/// votes of texts joined by line breaks are the sums of their votes: a
/// sample made of a page's blocks is counted from each block's votes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Votes {
    hits: [u32; 32],
    pub words: usize,
}

/// ASCII bytes a vote word is made of: letters and `'`.
static VOTE_LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphabetic() || b as u8 == b'\'';
        b += 1;
    }
    t
};

/// [`VOTE_LETTER`] bytes in lower case, other bytes 0: one load tells
/// whether a byte continues the word and what to write.
static VOTE_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if VOTE_LETTER[b] {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Calls `found` with the table's language bits (0 when on no list) of
/// every word of `text`, and returns the number of words. Words are runs
/// of letters and `'` (and `’` when `CURLY`), lower-cased.
#[inline(always)]
fn each_word<const CURLY: bool>(text: &str, mut found: impl FnMut(u32)) -> usize {
    let t = table();
    let two = crate::chars::two_byte();
    let mut words = 0;
    // Longer words are on no list: they are counted, not looked up.
    let max = t.max_len();
    let mut buf = [0u8; 64];
    let mut len = 0usize;
    let mut in_word = false;
    // (A function always inlined: the closure was a call per word.)
    #[inline(always)]
    fn end_word(t: &Table<u32>, max: usize, buf: &[u8; 64], len: usize, found: &mut impl FnMut(u32)) {
        if len <= max && len <= buf.len() {
            found(t.get_in(buf, 0, len).unwrap_or(0));
        }
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if VOTE_LETTER[b as usize] {
                if !in_word {
                    in_word = true;
                    words += 1;
                    len = 0;
                }
                // The run of ASCII letters, found and lower-cased in
                // one loop (what does not fit the buffer is counted).
                let src = &bytes[i..];
                let mut n = 0;
                for (d, &s) in buf.get_mut(len..).unwrap_or(&mut []).iter_mut().zip(src) {
                    let l = VOTE_LOWER[s as usize];
                    if l == 0 {
                        break;
                    }
                    *d = l;
                    n += 1;
                }
                while src.get(n).is_some_and(|&s| VOTE_LETTER[s as usize]) {
                    n += 1;
                }
                len += n;
                i += n;
                continue;
            }
            i += 1;
            if in_word {
                in_word = false;
                end_word(t, max, &buf, len, &mut found);
            }
            continue;
        }
        // Two- and three-byte characters from their bytes and the tables
        // (Cyrillic, Greek, CJK text: a char decode, a case search and an
        // encoding per character before); U+0130, four-byte characters
        // and letters with a case above two bytes below.
        let fast = match b {
            0xC2..0xE0 => bytes.get(i + 1).and_then(|&b1| {
                let cp = crate::chars::cp2(b, b1);
                let e = two.get(cp as usize - 0x80).copied()?;
                (e & crate::chars::TWO_SLOW == 0).then(|| {
                    let [l0, l1] = crate::chars::utf8_2(e & 0xFFFF);
                    (2, e & crate::chars::TWO_ALPHA != 0, [l0, l1, 0])
                })
            }),
            0xE0..0xF0 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&b1), Some(&b2)) => char::from_u32(crate::chars::cp3(b, b1, b2))
                    .filter(|&c| !crate::chars::lowers(c))
                    .map(|c| (3, crate::chars::is_alphabetic(c) || (CURLY && c == '’'), [b, b1, b2])),
                _ => None,
            },
            _ => None,
        };
        if let Some((n, letter, lower)) = fast {
            i += n;
            if letter {
                if !in_word {
                    in_word = true;
                    words += 1;
                    len = 0;
                }
                for &u in lower.get(..n).unwrap_or(&[]) {
                    if let Some(slot) = buf.get_mut(len) {
                        *slot = u;
                    }
                    len += 1;
                }
            } else if in_word {
                in_word = false;
                end_word(t, max, &buf, len, &mut found);
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { break };
        i += c.len_utf8();
        if crate::chars::is_alphabetic(c) || (CURLY && c == '’') {
            if !in_word {
                in_word = true;
                words += 1;
                len = 0;
            }
            crate::chars::for_each_lower_byte(c, |u| {
                if len < buf.len() {
                    buf[len] = u;
                }
                len += 1;
            });
        } else if in_word {
            in_word = false;
            end_word(t, max, &buf, len, &mut found);
        }
    }
    if in_word {
        end_word(t, max, &buf, len, &mut found);
    }
    words
}

/// Bit masks of the 64 bytes of `text` from `at` (bit `k` for byte
/// `at + k`; bytes past the end are neither): ASCII letters and `'`, and
/// bytes from 0x80 up.
#[inline(always)]
fn masks(text: &[u8], at: usize) -> (u64, u64) {
    let mut chunk = [0u8; 64];
    let part = text.get(at..).unwrap_or(&[]);
    let n = part.len().min(64);
    chunk[..n].copy_from_slice(&part[..n]);
    masks_of(&chunk)
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks_of(chunk: &[u8; 64]) -> (u64, u64) {
    use core::arch::x86_64::*;
    let (mut letters, mut high) = (0u64, 0u64);
    for (k, c) in chunk.chunks_exact(16).enumerate() {
        let lane = |j: usize| c.get(j..j + 8).and_then(|w| w.try_into().ok()).map_or(0, i64::from_le_bytes);
        // SAFETY: SSE2 is part of the x86-64 baseline. Bytes from 0x80 up
        // are negative as signed bytes: below 'a' even with 0x20 set.
        let (l, h) = unsafe {
            let x = _mm_set_epi64x(lane(8), lane(0));
            let l = _mm_or_si128(x, _mm_set1_epi8(0x20));
            let letter = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8(b'a' as i8 - 1)), _mm_cmplt_epi8(l, _mm_set1_epi8(b'z' as i8 + 1)));
            let word = _mm_or_si128(letter, _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\'' as i8)));
            (_mm_movemask_epi8(word) as u16, _mm_movemask_epi8(x) as u16)
        };
        letters |= u64::from(l) << (16 * k);
        high |= u64::from(h) << (16 * k);
    }
    (letters, high)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn masks_of(chunk: &[u8; 64]) -> (u64, u64) {
    masks_plain(chunk)
}

/// [`masks_of`] a byte at a time (other targets; the test's reference).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn masks_plain(chunk: &[u8; 64]) -> (u64, u64) {
    chunk.iter().enumerate().fold((0, 0), |(l, h), (k, &b)| (l | (u64::from(VOTE_LETTER[b as usize]) << k), h | (u64::from(b >= 0x80) << k)))
}

/// The word bytes among the 64 bytes from `at`, when every byte from
/// 0x80 up belongs to a character of U+2010–U+2027 (dashes, quotes,
/// bullets, the ellipsis: E2 80 90–A7), of which `’` is a letter of a
/// word and the rest end one; `None` for any other character. `spill`
/// carries the bits of a character that runs into the next 64 bytes.
#[inline(always)]
fn word_mask(text: &[u8], at: usize, spill: &mut (u64, u64)) -> Option<u64> {
    let (letters, high) = masks(text, at);
    let (carried_word, carried) = *spill;
    let mut word = letters | carried_word;
    let mut high = high & !carried;
    *spill = (0, 0);
    while high != 0 {
        let p = high.trailing_zeros();
        let i = at + p as usize;
        let third = match (text.get(i), text.get(i + 1), text.get(i + 2)) {
            (Some(0xE2), Some(0x80), Some(&b)) if (0x90..=0xA7).contains(&b) => b,
            _ => return None,
        };
        let bits = 0b111u128 << p;
        let (here, next) = (bits as u64, (bits >> 64) as u64);
        high &= !here;
        spill.1 |= next;
        if third == 0x99 {
            word |= here;
            spill.0 |= next;
        }
    }
    Some(word)
}

/// The table's language bits for the word `text[s..e]` (see [`each_word`]).
#[inline(always)]
fn word_bits(t: &Table<u32>, max: usize, text: &[u8], s: usize, e: usize) -> u32 {
    let len = e - s;
    if len <= 8 {
        let mut w = [0u8; 8];
        match text.get(s..s + 8) {
            Some(c) => w.copy_from_slice(c),
            None => {
                let part = text.get(s..e).unwrap_or(&[]);
                w[..part.len()].copy_from_slice(part);
            }
        }
        let w = u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len));
        // (`|= 0x20` lower-cases a letter and keeps `'`; a word with `’`
        // keeps its bytes from 0x80 up.)
        if w & 0x8080_8080_8080_8080 == 0 {
            let mut buf = [0u8; 16];
            buf[..8].copy_from_slice(&(w | (0x2020_2020_2020_2020 & (u64::MAX >> (64 - 8 * len)))).to_le_bytes());
            return t.get_in(&buf, 0, len).unwrap_or(0);
        }
    }
    if len > max || len > 64 {
        return 0;
    }
    let mut buf = [0u8; 72];
    for (d, &b) in buf.iter_mut().zip(text.get(s..e).unwrap_or(&[])) {
        *d = if b.is_ascii_alphabetic() { b | 0x20 } else { b };
    }
    t.get_in(&buf, 0, len).unwrap_or(0)
}

/// [`each_word`] (with `’`) for text of ASCII and U+2010–U+2027 (most
/// blocks): word bytes found 64 at a time from bit masks, and a word of up
/// to eight bytes lower-cased from one load, instead of a loop over every
/// byte (about 110 instructions a word). `None` (and `found` may have been
/// called) for other text.
fn each_plain_word(text: &[u8], mut found: impl FnMut(u32)) -> Option<usize> {
    let t = table();
    let max = t.max_len();
    let mut words = 0;
    let mut start: Option<usize> = None;
    let mut spill = (0, 0);
    let mut base = 0;
    while base < text.len() {
        let m = word_mask(text, base, &mut spill)?;
        let mut pos = 0u32;
        while pos < 64 {
            let from = u64::MAX << pos;
            match start {
                Some(s) => {
                    let e = (!m & from).trailing_zeros();
                    if e == 64 {
                        break;
                    }
                    found(word_bits(t, max, text, s, base + e as usize));
                    start = None;
                    pos = e;
                }
                None => {
                    let b = (m & from).trailing_zeros();
                    if b == 64 {
                        break;
                    }
                    words += 1;
                    start = Some(base + b as usize);
                    pos = b;
                }
            }
        }
        base += 64;
    }
    if let Some(s) = start {
        found(word_bits(t, max, text, s, text.len()));
    }
    Some(words)
}

impl Votes {
    pub fn of(text: &str) -> Votes {
        let mut hits = [0u32; 32];
        #[inline(always)]
        fn count(hits: &mut [u32; 32], mut bits: u32) {
            while bits != 0 {
                hits[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        let words = match each_plain_word(text.as_bytes(), |b| count(&mut hits, b)) {
            Some(words) => words,
            None => {
                hits = [0; 32];
                each_word::<true>(text, |b| count(&mut hits, b))
            }
        };
        Votes { hits, words }
    }

    pub fn add(&mut self, other: &Votes) {
        for (a, b) in self.hits.iter_mut().zip(other.hits) {
            *a += b;
        }
        self.words += other.words;
    }

    /// `(language, hits)` best first, languages without hits left out.
    pub fn ranked(&self) -> Vec<(&'static str, usize)> {
        // Sorted as one integer each, most hits first, ties by list index
        // (the lists are in code order, see the test `lists_in_code_order`):
        // asked for every language guess, the sort comparing codes cost
        // more than the guess's vote.
        let mut keys: Vec<u64> = Vec::with_capacity(LISTS.len());
        keys.extend(self.hits.iter().take(LISTS.len()).enumerate().filter(|(_, h)| **h > 0).map(|(i, &h)| (u64::from(u32::MAX - h) << 8) | i as u64));
        keys.sort_unstable();
        let mut out = Vec::with_capacity(keys.len());
        out.extend(keys.iter().filter_map(|&k| LISTS.get((k & 0xff) as usize).map(|(c, _)| (*c, (u32::MAX - (k >> 8) as u32) as usize))));
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_loads() {
        for l in super::languages_listed() {
            assert!(super::stopwords(l).is_some_and(|s| s.len() > 20), "{l}");
        }
        assert!(super::stopwords("en").is_some_and(|s| s.contains("the")));
        assert!(super::stopwords("en").is_some_and(|s| !s.contains("thee")));
        assert!(super::stopwords("no").is_some_and(|s| s.contains("og")));
        assert!(super::stopwords("xx").is_none());
    }

    #[test]
    fn short_words_are_found_in_their_two_slots() {
        for (set, (_, text)) in super::sets().iter().zip(super::LISTS) {
            let mut buf = Vec::new();
            for w in super::words(text).chain([&b"zzqx"[..], b"thee", b"a", b"abcdefgh", b"abcdefghi"]) {
                buf.clear();
                buf.extend_from_slice(b"..");
                buf.extend_from_slice(w);
                buf.extend_from_slice(b"~~~~~~~~~~");
                assert_eq!(set.contains_in(&buf, 2, 2 + w.len()), set.contains_folded(w), "{:?}", std::str::from_utf8(w));
            }
        }
    }

    #[test]
    fn table_probes_are_short() {
        // Words share prefixes and suffixes; a weak hash makes long
        // chains. Linear probing at most half full expects at most 1.5.
        let probes = super::table().mean_probes();
        assert!(probes < 1.6, "{probes}");
        for set in super::sets() {
            let probes = set.words.mean_probes();
            assert!(probes < 1.6, "{probes}");
        }
    }

    /// The vote's word walk against a plain reading: words are runs of
    /// letters, `'` and (with curly quotes) `’`, looked up in lower case
    /// when short enough; on random text of many scripts.
    #[test]
    fn vote_walk_is_the_plain_reading() {
        let alphabet: Vec<char> = "aZ9 '-.,\t\u{a0}АБВабвЁёЖжи и в на Ωωάέ中文字日本語カナÉéÀßİıŁł\u{2019}\u{201c}\u{2014}\u{10400}\u{1d400}²٣".chars().collect();
        let t = super::table();
        let mut state = 13u64;
        for n in 0..3000 {
            let text = crate::testing::text(&mut state, n % 50, &alphabet);
            let mut want = Vec::new();
            let mut words = 0;
            let mut word = String::new();
            let mut in_word = false;
            for c in text.chars().chain(['.']) {
                if c.is_alphabetic() || c == '\'' || c == '\u{2019}' {
                    in_word = true;
                    word.extend(c.to_lowercase());
                    continue;
                }
                if in_word {
                    words += 1;
                    if word.len() <= t.max_len() && word.len() <= 64 {
                        want.push(t.get(word.as_bytes()).unwrap_or(0));
                    }
                    word.clear();
                    in_word = false;
                }
            }
            let mut got = Vec::new();
            let n = super::each_word::<true>(&text, |b| got.push(b));
            assert_eq!((n, got), (words, want), "{text:?}");
        }
    }

    #[test]
    fn lists_in_code_order() {
        // `Votes::ranked` breaks ties by list index as by code.
        assert!(super::LISTS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn ranked_most_hits_first_ties_by_code() {
        let mut v = super::Votes::default();
        for (i, h) in [(7, 3), (0, 5), (3, 5), (26, 1)] {
            v.hits[i] = h;
        }
        assert_eq!(v.ranked(), [("ar", 5), ("cs", 5), ("en", 3), ("uk", 1)]);
    }

    #[test]
    fn own_words_split_as_str_split() {
        // The reference: words split at anything but letters and `'`
        // (not `’`, which the vote keeps), lower-cased by `char`.
        fn reference(text: &str, family: &[&'static str]) -> Vec<(&'static str, usize)> {
            let bit = |l: &str| super::LISTS.iter().position(|(c, _)| *c == l).map_or(0, |i| 1u32 << i);
            let any = family.iter().fold(0, |a, l| a | bit(l));
            let mut counts: Vec<(&'static str, usize)> = family.iter().map(|l| (*l, 0)).collect();
            for word in text.split(|c: char| !(c.is_alphabetic() || c == '\'')).filter(|w| !w.is_empty()) {
                let lower: String = word.chars().flat_map(char::to_lowercase).collect();
                let mask = super::table().get(lower.as_bytes()).unwrap_or(0) & any;
                if let Some(slot) = counts.iter_mut().find(|(l, _)| mask.count_ones() == 1 && bit(l) == mask) {
                    slot.1 += 1;
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            counts
        }
        let texts = [
            "Kommunen har nedsat en krisestab, efter at værftet i går meddelte, at det lukker. NOGLE AF DE største; noen av dem etter det.",
            "Det er en hård dag for os alle’s sag, sa hun til pressen—og ikke mer. Ærlig talt: Øen, ÅEN.",
            "Vláda oznámila, že ale také jsou již. Vláda tiež oznámila, že však aj sú už. İstanbul’da",
            "",
        ];
        for text in texts {
            for family in [&["da", "nb"][..], &["cs", "sk"], &["sv", "nb", "da"]] {
                assert_eq!(super::own_words(text, family), reference(text, family), "{text} {family:?}");
            }
        }
    }

    #[test]
    fn plain_words_as_the_general_walk() {
        // Random texts of letters, apostrophes (both), spaces, punctuation
        // (typographic too) and stopwords, words across the 64-byte steps
        // and longer than eight bytes: the fast path counts what the byte
        // walk counts, and gives up on other letters.
        let pieces = [
            "the", "The", "OF", "and", "isn't", "isn’t", "it’s", "’", "d'", "'", " ", " ", "  ", ",", ".", "-", "—", "“", "”", "…", "•", "\n", "9",
            "nevertheless", "og", "Det", "ikke", "abcdefghijklmnopqrstuvwxyz", "x", "zz", "AND", "which", "être", "Ærø",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..400 {
            let mut text = String::new();
            for _ in 0..(round % 90) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let p = pieces[(seed % pieces.len() as u64) as usize];
                text.push_str(p);
            }
            let mut fast = [0u32; 32];
            let mut slow = [0u32; 32];
            let add = |h: &mut [u32; 32], bits: u32| (0..32).filter(|i| bits >> i & 1 == 1).for_each(|i| h[i] += 1);
            let ns = super::each_word::<true>(&text, |b| add(&mut slow, b));
            let plain = !text.contains(['ê', 'Æ', 'ø']);
            match super::each_plain_word(text.as_bytes(), |b| add(&mut fast, b)) {
                Some(nf) => assert!(plain && (nf, fast) == (ns, slow), "{text:?}"),
                None => assert!(!plain, "{text:?}"),
            }
            assert_eq!(super::Votes::of(&text).hits, slow, "{text:?}");
        }
        let mut chunk = [0u8; 64];
        for (k, c) in chunk.iter_mut().enumerate() {
            *c = (k as u8).wrapping_mul(37);
        }
        for shift in 0..=255u8 {
            let c: [u8; 64] = std::array::from_fn(|k| chunk[k].wrapping_add(shift));
            assert_eq!(super::masks_of(&c), super::masks_plain(&c));
        }
    }

    #[test]
    fn vote_counts_words_and_hits() {
        let (votes, words) = super::vote("The cat's on the MAT, and it’s 2024—för alla.");
        assert_eq!(words, 9);
        assert_eq!(votes.first().map(|v| v.0), Some("en"));
    }
}
