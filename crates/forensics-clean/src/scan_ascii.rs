//! The block scan's fast path, for the common block: ASCII words and
//! punctuation, the typographic punctuation of U+2010–U+2027 (dashes,
//! curly quotes, bullets, the ellipsis), single spaces between words and
//! none at either end. Such a block's key (see
//! [`crate::features::scan_into`]) is its own bytes with `A`–`Z`
//! lower-cased, at the same offsets, so sixteen bytes are classed and
//! lower-cased at a time (SSE2 on x86-64, plain `u64` lanes elsewhere),
//! counts come from bit masks, and only the words are visited one by one:
//! the general walk spent about 300 instructions a word, its dozen
//! counters kept on the stack. On the extraction pack's page dumps such
//! blocks hold 83 % of the bytes. Any other block returns `None` and takes
//! the general walk; the two must agree to the byte, which the tests check.
//! The page-repeat test finds its words in such blocks the same way
//! ([`alnum_runs`]).

use crate::features::Features;
use crate::stopwords::StopSet;

/// The classes of sixteen bytes, bit `k` for byte `k`.
#[derive(Debug, Default, PartialEq)]
struct Classes {
    /// Control bytes (tabs and line breaks among them).
    control: u16,
    /// Bytes from 0x80 up.
    high: u16,
    space: u16,
    alnum: u16,
    /// Continues a word: letters, digits, `'` and `-`.
    word: u16,
    digit: u16,
    comma: u16,
    /// `.`, `!` or `?`.
    end: u16,
    /// The bytes of U+2010–U+2027 (E2 80 90–A7), the only non-ASCII the
    /// path takes: their first byte, second byte, and third byte ...
    e2: u16,
    b80: u16,
    punct: u16,
    /// ... when it is `’` (99, in a word a letter), and when `…` (A6).
    rsquo: u16,
    ellipsis: u16,
    /// The bytes with `A`–`Z` lower-cased.
    lower: [u8; 16],
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn classes(c: &[u8; 16]) -> Classes {
    // SAFETY: SSE2 is part of the x86-64 baseline: every CPU this target
    // runs on has it.
    unsafe { sse2::classes(c) }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn classes(c: &[u8; 16]) -> Classes {
    lanes::classes(c)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use core::arch::x86_64::*;

    /// Lanes of `x` (as signed bytes) within `lo..=hi`, both ASCII.
    #[target_feature(enable = "sse2")]
    fn within(x: __m128i, lo: u8, hi: u8) -> __m128i {
        _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)))
    }

    #[target_feature(enable = "sse2")]
    fn eq(x: __m128i, b: u8) -> __m128i {
        _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8))
    }

    #[target_feature(enable = "sse2")]
    fn mask(x: __m128i) -> u16 {
        _mm_movemask_epi8(x) as u16
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn classes(c: &[u8; 16]) -> super::Classes {
        let word = |k: usize| c.get(k..k + 8).and_then(|w| w.try_into().ok()).map_or(0, i64::from_le_bytes);
        let x = _mm_set_epi64x(word(8), word(0));
        let high = mask(x);
        // (Bytes from 0x80 up are negative: below 0x20 as well.)
        let control = mask(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20))) & !high;
        let upper = within(x, b'A', b'Z');
        let lower = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
        let digit = within(x, b'0', b'9');
        let alnum = _mm_or_si128(digit, within(lower, b'a', b'z'));
        let word_bytes = _mm_or_si128(alnum, _mm_or_si128(eq(x, b'\''), eq(x, b'-')));
        let end = _mm_or_si128(eq(x, b'.'), _mm_or_si128(eq(x, b'!'), eq(x, b'?')));
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&_mm_cvtsi128_si64(lower).to_le_bytes());
        out[8..].copy_from_slice(&_mm_cvtsi128_si64(_mm_unpackhi_epi64(lower, lower)).to_le_bytes());
        let mut classes = super::Classes {
            control,
            high,
            space: mask(eq(x, b' ')),
            alnum: mask(alnum),
            word: mask(word_bytes),
            digit: mask(digit),
            comma: mask(eq(x, b',')),
            end: mask(end),
            lower: out,
            ..Default::default()
        };
        if high != 0 {
            // (0x90..=0xA7 is a range of negative bytes, in the same order.)
            let punct = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x8Fu8 as i8)), _mm_cmplt_epi8(x, _mm_set1_epi8(0xA8u8 as i8)));
            classes.e2 = mask(eq(x, 0xE2));
            classes.b80 = mask(eq(x, 0x80));
            classes.punct = mask(punct);
            classes.rsquo = mask(eq(x, 0x99));
            classes.ellipsis = mask(eq(x, 0xA6));
        }
        classes
    }
}

/// The same classes in plain `u64` lanes, for targets without SSE2 (and to
/// test the SSE2 version against).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
mod lanes {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;

    /// The high bit of every lane of `x` within `lo..=hi`. Lanes must be
    /// ASCII: then neither sum carries out of its lane.
    fn within(x: u64, lo: u8, hi: u8) -> u64 {
        (x + LO * u64::from(0x80 - lo)) & !(x + LO * u64::from(0x7F - hi)) & HI
    }

    fn eq(x: u64, b: u8) -> u64 {
        within(x, b, b)
    }

    /// The lanes' high bits as the eight low bits, lane `k` at bit `k`
    /// (each lane's bit lands in the top byte once, on a position of its
    /// own: no carries).
    fn compact(m: u64) -> u16 {
        ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u16
    }

    /// The high bit of every lane of `x` equal to `b`, whatever the bytes.
    fn eq_any(x: u64, b: u8) -> u64 {
        let v = x ^ (LO * u64::from(b));
        !(((v & !HI) + !HI) | v | !HI)
    }

    pub(super) fn classes(c: &[u8; 16]) -> super::Classes {
        let mut out = super::Classes::default();
        for half in 0..2 {
            let at = 8 * half;
            let raw = c.get(at..at + 8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_le_bytes);
            let put = |m: u64| compact(m) << at;
            let high = raw & HI;
            // The ASCII tests on the low seven bits, masked to ASCII lanes.
            let x = raw & !HI;
            let ascii = |m: u64| m & !high;
            out.control |= put(ascii(within(x, 0, 0x1F)));
            out.high |= put(high);
            let upper = ascii(within(x, b'A', b'Z'));
            let digit = ascii(within(x, b'0', b'9'));
            let alnum = digit | ascii(within(x | (upper >> 2), b'a', b'z'));
            out.space |= put(ascii(eq(x, b' ')));
            out.alnum |= put(alnum);
            out.word |= put(alnum | ascii(eq(x, b'\'') | eq(x, b'-')));
            out.digit |= put(digit);
            out.comma |= put(ascii(eq(x, b',')));
            out.end |= put(ascii(eq(x, b'.') | eq(x, b'!') | eq(x, b'?')));
            out.e2 |= put(eq_any(raw, 0xE2));
            out.b80 |= put(eq_any(raw, 0x80));
            out.punct |= put(within(x, 0x10, 0x27) & high);
            out.rsquo |= put(eq_any(raw, 0x99));
            out.ellipsis |= put(eq_any(raw, 0xA6));
            out.lower[at..at + 8].copy_from_slice(&(raw | (upper >> 2)).to_le_bytes());
        }
        out
    }
}

/// Counts that go word by word.
struct Words {
    words: usize,
    stopwords: usize,
    lead_caps: usize,
    lead_cap_stops: usize,
    /// Past the run of capitalised words (or numbers) the block opens with.
    past_lead: bool,
}

impl Words {
    #[inline(always)]
    fn word(&mut self, bytes: &[u8], key: &[u8], start: usize, end: usize, stops: Option<&StopSet>) {
        self.words += 1;
        let stop = stops.is_some_and(|s| s.contains_in(key, start, end));
        self.stopwords += usize::from(stop);
        if !self.past_lead {
            let first = bytes.get(start).copied().unwrap_or(0);
            let upper = first.is_ascii_uppercase();
            if upper || first.is_ascii_digit() {
                self.lead_caps += 1;
                self.lead_cap_stops += usize::from(stop && upper && self.lead_caps > 1);
            } else {
                self.past_lead = true;
            }
        }
    }
}

/// The features of `text` and its key in `key[..text.len()]`, or `None`
/// when the block is not of the kind this path takes. `key` must hold at
/// least `text.len() + 16` bytes.
pub(crate) fn scan(text: &str, stops: Option<&StopSet>, key: &mut [u8]) -> Option<Features> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    if len == 0 || bytes[0] == b' ' || bytes[len - 1] == b' ' || key.len() < len + 16 {
        return None;
    }
    let (mut commas, mut digits, mut pairs, mut wide) = (0u32, 0u32, 0u32, 0u32);
    let mut w = Words { words: 0, stopwords: 0, lead_caps: 0, lead_cap_stops: 0, past_lead: false };
    // The last byte before the group was a space, or ended a sentence.
    let (mut space_carry, mut end_carry) = (0u64, 0u64);
    // The word open at the end of the last group, by its start.
    let mut open: Option<usize> = None;
    let mut base = 0;
    while base < len {
        let (mut alnum, mut word, mut space, mut end, mut digit, mut comma) = (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        let (mut high, mut e2, mut b80, mut punct, mut rsquo, mut ellipsis) = (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        for k in (0..64).step_by(16) {
            let at = base + k;
            if at >= len {
                break;
            }
            let chunk: [u8; 16] = match bytes.get(at..at + 16) {
                Some(c) => c.try_into().ok()?,
                None => {
                    // The tail, padded with a byte of no class.
                    let mut c = [b'#'; 16];
                    let rest = bytes.get(at..)?;
                    c.get_mut(..rest.len())?.copy_from_slice(rest);
                    c
                }
            };
            let c = classes(&chunk);
            if c.control != 0 {
                return None;
            }
            key.get_mut(at..at + 16)?.copy_from_slice(&c.lower);
            alnum |= u64::from(c.alnum) << k;
            word |= u64::from(c.word) << k;
            space |= u64::from(c.space) << k;
            end |= u64::from(c.end) << k;
            digit |= u64::from(c.digit) << k;
            comma |= u64::from(c.comma) << k;
            if c.high != 0 {
                high |= u64::from(c.high) << k;
                e2 |= u64::from(c.e2) << k;
                b80 |= u64::from(c.b80) << k;
                punct |= u64::from(c.punct) << k;
                rsquo |= u64::from(c.rsquo) << k;
                ellipsis |= u64::from(c.ellipsis) << k;
            }
        }
        if high != 0 {
            // Each character of U+2010–U+2027 by its first byte; one cut
            // by the group's end is left to the general walk, as is any
            // other non-ASCII byte.
            let lead = e2 & (b80 >> 1) & (punct >> 2);
            if high & !(lead | (lead << 1) | (lead << 2)) != 0 {
                return None;
            }
            // `’` continues a word as a letter does; `…` ends a sentence.
            let apostrophe = lead & (rsquo >> 2);
            word |= apostrophe | (apostrophe << 1) | (apostrophe << 2);
            end |= (lead & (ellipsis >> 2)) << 2;
            wide += lead.count_ones();
        }
        if space & ((space << 1) | space_carry) != 0 {
            return None;
        }
        pairs += (space & ((end << 1) | end_carry)).count_ones();
        digits += digit.count_ones();
        commas += comma.count_ones();
        space_carry = space >> 63;
        end_carry = end >> 63;
        // (Lanes past the end are padding, of no class: a word open at the
        // end of the text closes there.)
        let mut cur = 0u32;
        loop {
            if let Some(start) = open {
                let rest = !word & (u64::MAX << cur);
                if rest == 0 {
                    // The word runs on into the next group.
                    break;
                }
                cur = rest.trailing_zeros();
                w.word(bytes, key, start, base + cur as usize, stops);
                open = None;
            }
            let starts = alnum & (u64::MAX << cur);
            if starts == 0 {
                break;
            }
            cur = starts.trailing_zeros();
            open = Some(base + cur as usize);
        }
        base += 64;
    }
    if let Some(start) = open {
        w.word(bytes, key, start, len, stops);
    }
    let tail = text.get(..crate::features::trimmed_end(text)).unwrap_or("");
    let ends_sentence = tail.ends_with(crate::features::SENTENCE_ENDS);
    Some(Features {
        // (Each character taken from 0x80 up is three bytes.)
        chars: len - 2 * wide as usize,
        words: w.words,
        stopwords: w.stopwords,
        lead_caps: w.lead_caps,
        lead_cap_stops: w.lead_cap_stops,
        sentence_ends: pairs as usize + usize::from(ends_sentence),
        ends_sentence,
        commas: commas as usize,
        digits: digits as usize,
        unspaced: 0,
        bullet: crate::features::starts_with_bullet(text),
        label: None,
    })
}

/// Calls `word` with the start and end of each run of ASCII letters and
/// digits in `text`, in order, and returns true, when `text` holds no
/// non-ASCII but U+2010–U+2027 (whose bytes separate words as other
/// punctuation does); returns false for any other text, possibly after
/// some calls. The page-repeat test's words, found as the block scan's are.
/// (The group and word loops are written out again rather than shared with
/// [`scan`]: shared through a helper returning the masks, or only the word
/// walk through a closure, they cost the page-repeat test 6 %.)
pub(crate) fn alnum_runs(text: &str, mut word: impl FnMut(usize, usize)) -> bool {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut open: Option<usize> = None;
    let mut base = 0;
    while base < len {
        let (mut alnum, mut high, mut e2, mut b80, mut punct) = (0u64, 0u64, 0u64, 0u64, 0u64);
        for k in (0..64).step_by(16) {
            let at = base + k;
            if at >= len {
                break;
            }
            let chunk: [u8; 16] = match bytes.get(at..at + 16) {
                Some(c) => c.try_into().unwrap_or([b'#'; 16]),
                None => {
                    let mut c = [b'#'; 16];
                    let rest = bytes.get(at..).unwrap_or(&[]);
                    if let Some(head) = c.get_mut(..rest.len()) {
                        head.copy_from_slice(rest);
                    }
                    c
                }
            };
            let c = classes(&chunk);
            alnum |= u64::from(c.alnum) << k;
            if c.high != 0 {
                high |= u64::from(c.high) << k;
                e2 |= u64::from(c.e2) << k;
                b80 |= u64::from(c.b80) << k;
                punct |= u64::from(c.punct) << k;
            }
        }
        if high != 0 {
            let lead = e2 & (b80 >> 1) & (punct >> 2);
            if high & !(lead | (lead << 1) | (lead << 2)) != 0 {
                return false;
            }
        }
        let mut cur = 0u32;
        loop {
            if let Some(start) = open {
                let rest = !alnum & (u64::MAX << cur);
                if rest == 0 {
                    break;
                }
                cur = rest.trailing_zeros();
                word(start, base + cur as usize);
                open = None;
            }
            let starts = alnum & (u64::MAX << cur);
            if starts == 0 {
                break;
            }
            cur = starts.trailing_zeros();
            open = Some(base + cur as usize);
        }
        base += 64;
    }
    if let Some(start) = open {
        word(start, len);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random bytes from `alphabet`.
    fn text(state: &mut u64, len: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..len).map(|_| alphabet[crate::testing::next(state) % alphabet.len()]).collect()
    }

    #[test]
    fn sse2_and_plain_lanes_agree() {
        let mut state = 7u64;
        let mut good = 0;
        for n in 0..4000 {
            // Now and then a byte the fast path does not take.
            let rare: &[u8] = if n % 4 == 0 { b"\t\x7f\x00\x1f\xc3\xa9\x80\xff\xe2\x99\xa6\x90\xa7\x8f\xa8" } else { b"" };
            let alphabet = [b"aZ09 '-.,!?#@[`{/:AzM".as_slice(), rare].concat();
            let t = text(&mut state, 16, &alphabet);
            let c: [u8; 16] = t.as_slice().try_into().unwrap_or([0; 16]);
            let (fast, plain) = (classes(&c), lanes::classes(&c));
            assert_eq!(fast, plain, "{c:?}");
            good += usize::from(fast.control == 0 && fast.high != 0);
        }
        assert!(good > 200, "{good}");
    }

    /// The fast path gives what the general walk gives, key included.
    #[test]
    fn agrees_with_the_general_walk() {
        let stops = crate::stopwords::stopwords("en");
        let tokens = ["the", "The", "OF", "of", "and", "Smith", "U.S.", "3", "1987,", "well-known", "don't", "'tis", "-", "--",
            "end.", "Why?", "Yes!", "(a)", "\"quoted\"", "x-", "#tag", "e.g.", "a", "I", "isn't", "ABC", "9th", ",", "...", "Go!",
            "don’t", "’tis", "wait…", "…", "“So”", "—", "a–b", "•", "The’", "it’s."];
        let mut state = 3u64;
        let mut taken = 0;
        for n in 0..4000 {
            let count = n % 40;
            let mut t = String::new();
            for i in 0..count {
                let r = crate::testing::next(&mut state);
                if i > 0 {
                    // Mostly one space; now and then what the path refuses.
                    t.push_str(match r % 97 { 0 => "  ", 1 => "\t", 2 => " \u{e9} ", 3 => "\u{a0}", 4 => " \u{2028} ", _ => " " });
                }
                t.push_str(tokens[(r >> 8) % tokens.len()]);
            }
            let mut key = vec![0u8; 2 * t.len() + 16];
            let Some(fast) = scan(&t, stops, &mut key) else { continue };
            taken += 1;
            let mut general = Vec::new();
            let slow = crate::features::scan_general(&t, stops, &mut general);
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{t:?}");
            assert_eq!(&key[..t.len()], &general[..], "{t:?}");
        }
        assert!(taken > 1200, "{taken}");
    }
}
