//! One pass over a line's bytes, done once: which byte values occur and how
//! many words it has. The line tests in `shape` and `meta` consult it to rule
//! themselves out before any search or grammar runs, so a typical line costs
//! one scan instead of some twenty.
//!
//! Every gate built on a [`Scan`] must be a *necessary* condition of the
//! test it guards: the scan only skips work, it never decides a shape.

/// Lines longer than this are not scanned byte by byte: every test that
/// consults the byte set is limited to shorter lines, and long paragraphs
/// (or a 16 MB one-line page) should pay only for their word count.
pub(crate) const SCAN_MAX: usize = 300;

/// Lines up to this long are scanned in one walk when they are ASCII.
#[cfg(not(target_arch = "x86_64"))]
const SHORT_LINE: usize = 16;

/// Words are counted in this prefix: enough for every threshold used.
const WORD_PREFIX: usize = 4096;

/// The largest word count a line test compares with (a title or promo
/// line has at most 30 words): a long line's count stops soon after it.
pub(crate) const WORDS_ENOUGH: usize = 30;

/// What one pass over a line tells.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scan {
    /// Byte classes that occur (`CLASS` bits; all bits for long lines:
    /// "anything may occur", which keeps every gate a safe over-estimate).
    mask: u64,
    /// Whitespace-separated words (`split_whitespace`); in a line longer
    /// than [`SCAN_MAX`] counted only until they exceed [`WORDS_ENOUGH`]
    /// (some count above it: every test compares with a smaller bound).
    pub words: usize,
    /// The line holds two ASCII spaces in a row (always true for long lines).
    pub double_space: bool,
}

const DIGIT: u64 = 1 << 0;
const UPPER: u64 = 1 << 1;
const LOWER: u64 = 1 << 2;
const SPACE: u64 = 1 << 3;
const NON_ASCII: u64 = 1 << 4;
/// Tab, line feed, vertical tab, form feed, carriage return (also SPACE).
const CONTROL_SPACE: u64 = 1 << 5;
/// Bytes the line tests ask about, each with a bit of its own.
/// The non-ASCII ones are the last bytes of separators and symbols: `·`
/// (C2 B7), `•` (E2 80 A2), `»` (C2 BB), `›` (E2 80 BA), `⏱` (E2 8F B1),
/// `¦` (C2 A6), `–` (E2 80 93), `—` (E2 80 94); lead bytes E2, F0, C2;
/// and what every read-time unit holds: `m`, `M`, or the lead bytes D0,
/// D1 of the Cyrillic ones; 98, the middle byte of the rating stars `★`
/// (E2 98 85) and `☆` (E2 98 86).
const TRACKED: &[u8] = b"|-@:/([,> *.'\xB7\xA2\xBB\xBA\xB1\xA6\x93\x94\xE2\xF0\xC2mM\xD0\xD1\x98";
const FIRST_TRACKED: u32 = 6;

/// Class bits per byte value.
const CLASS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c == b' ' {
            SPACE
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            SPACE | CONTROL_SPACE
        } else if c >= 0x80 {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    let mut k = 0;
    while k < TRACKED.len() {
        t[TRACKED[k] as usize] |= 1 << (FIRST_TRACKED + k as u32);
        k += 1;
    }
    t
};

/// The bit of byte `b` alone, 0 when `b` is not tracked.
const fn own_bit(b: u8) -> u64 {
    let mut k = 0;
    while k < TRACKED.len() {
        if TRACKED[k] == b {
            return 1 << (FIRST_TRACKED + k as u32);
        }
        k += 1;
    }
    0
}

/// The mask of tracked `bytes` for [`Scan::has_any`] (an untracked byte
/// sets every bit: it may always occur).
pub(crate) const fn bits(bytes: &[u8]) -> u64 {
    let mut m = 0;
    let mut k = 0;
    while k < bytes.len() {
        let bit = own_bit(bytes[k]);
        m |= if bit == 0 { u64::MAX } else { bit };
        k += 1;
    }
    m
}

/// Whether the non-ASCII char starting `b` is whitespace (U+0085, U+00A0,
/// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
fn non_ascii_space(b: &[u8]) -> bool {
    matches!(
        b,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

impl Scan {
    #[inline]
    pub(crate) fn of(line: &str) -> Scan {
        let b = line.as_bytes();
        if b.len() > SCAN_MAX {
            // A long paragraph's words past the bounds are never needed:
            // most of the bytes of a page are in such lines.
            let words = count_words(crate::text::prefix(line, WORD_PREFIX).as_bytes(), WORDS_ENOUGH).0;
            return Scan { mask: u64::MAX, words, double_space: true };
        }
        // (The sixteen-byte word count of x86-64 costs less than this walk.)
        #[cfg(not(target_arch = "x86_64"))]
        if b.len() <= SHORT_LINE
            && let Some(scan) = Scan::of_short(b)
        {
            return scan;
        }
        // Two tight loops beat one loop doing both; the class fold takes
        // eight bytes a step (the loop's own count and branch were half of
        // a one-byte step).
        let mut chunks = b.chunks_exact(8);
        let mut mask = 0;
        for c in &mut chunks {
            let class = |k: usize| CLASS[usize::from(c[k])];
            mask |= (class(0) | class(1) | class(2) | class(3)) | (class(4) | class(5) | class(6) | class(7));
        }
        let mask = chunks.remainder().iter().fold(mask, |m, &c| m | CLASS[usize::from(c)]);
        // Most lines are ASCII separated by ASCII spaces only: their words
        // are counted without the tests for other spaces.
        let (words, double_space) = if mask & (CONTROL_SPACE | NON_ASCII) == 0 {
            count_words_in::<false>(b, usize::MAX)
        } else {
            count_words_in::<true>(b, usize::MAX)
        };
        Scan { mask, words, double_space }
    }

    /// [`Scan::of`] an ASCII line of at most [`SHORT_LINE`] bytes in one
    /// walk (`None` when the line is not ASCII): most lines of a page are
    /// this short, and the eight-byte word count costs more to set up
    /// than it saves on them.
    #[cfg(not(target_arch = "x86_64"))]
    fn of_short(b: &[u8]) -> Option<Scan> {
        let (mut mask, mut words, mut double_space) = (0, 0, false);
        let (mut prev_space, mut prev_blank) = (true, false);
        for &c in b {
            let class = CLASS[usize::from(c)];
            mask |= class;
            // (In ASCII, the whitespace of `split_whitespace` is SPACE.)
            let space = class & SPACE != 0;
            let blank = c == b' ';
            words += usize::from(prev_space && !space);
            double_space |= prev_blank && blank;
            (prev_space, prev_blank) = (space, blank);
        }
        (mask & NON_ASCII == 0).then_some(Scan { mask, words, double_space })
    }

    /// Byte value `b` occurs in the line (always true for untracked bytes).
    #[inline]
    pub(crate) fn has(&self, b: u8) -> bool {
        let bit = own_bit(b);
        bit == 0 || self.mask & bit != 0
    }

    /// One of the bytes of a [`bits`] mask occurs.
    #[inline]
    pub(crate) fn has_any(&self, bits: u64) -> bool {
        self.mask & bits != 0
    }

    /// An ASCII digit occurs.
    #[inline]
    pub(crate) fn has_digit(&self) -> bool {
        self.mask & DIGIT != 0
    }

    /// An ASCII letter occurs.
    #[inline]
    pub(crate) fn has_ascii_letter(&self) -> bool {
        self.mask & (UPPER | LOWER) != 0
    }

    /// An ASCII letter or digit occurs.
    #[inline]
    pub(crate) fn has_ascii_alnum(&self) -> bool {
        self.mask & (UPPER | LOWER | DIGIT) != 0
    }

    /// Only ASCII bytes occur.
    #[inline]
    pub(crate) fn is_ascii(&self) -> bool {
        self.mask & NON_ASCII == 0
    }
}

/// `split_whitespace().count()` of the UTF-8 bytes `b`, and whether two
/// ASCII spaces follow each other somewhere; or, once more than `enough`
/// words are seen (checked every 256 bytes), the count so far and what
/// was seen of the double space.
fn count_words(b: &[u8], enough: usize) -> (usize, bool) {
    count_words_in::<true>(b, enough)
}

/// [`count_words`]; without `ANY_SPACE`, of bytes known to hold no other
/// whitespace than ASCII spaces.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn count_words_in<const ANY_SPACE: bool>(b: &[u8], enough: usize) -> (usize, bool) {
    // SAFETY: SSE2 is part of the x86-64 baseline: every CPU this target
    // runs on has it (the standard library relies on it too).
    unsafe { count_words_sse2::<ANY_SPACE>(b, enough) }
}

/// [`count_words_in`] sixteen bytes at a time in SSE2 lanes: the word
/// starts are summed in byte lanes, a fraction of the instructions of the
/// eight-byte word version (kept for other targets).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn count_words_sse2<const ANY_SPACE: bool>(b: &[u8], enough: usize) -> (usize, bool) {
    use core::arch::x86_64::*;
    let zero = _mm_setzero_si128();
    let (blank_v, tab_v, nine, four) = (_mm_set1_epi8(b' ' as i8), _mm_set1_epi8(b'\t' as i8), _mm_set1_epi8(9), _mm_set1_epi8(4));
    let (lead_mask, e0, c2) = (_mm_set1_epi8(0xFCu8 as i8), _mm_set1_epi8(0xE0u8 as i8), _mm_set1_epi8(0xC2u8 as i8));
    // Lanes are 0xFF where the byte is a space / an ASCII space; the byte
    // before the line is a space.
    let (mut prev_space, mut prev_blank) = (_mm_set1_epi8(-1), zero);
    let (mut lanes, mut doubles) = (zero, zero);
    // Space lanes of a non-ASCII space whose bytes run past the chunk before.
    let mut spill = 0u32;
    let (mut words, mut pending) = (0, 0);
    let mut i = 0;
    while i < b.len() {
        // The last chunk is padded with tabs: spaces (looked for even in a
        // line known to hold no tab) that are no ASCII space.
        let x = match b.get(i..i + 16) {
            Some(c) => load(c),
            None => {
                let mut c = [b'\t'; 16];
                c[..b.len() - i].copy_from_slice(&b[i..]);
                load(&c)
            }
        };
        let blank = _mm_cmpeq_epi8(x, blank_v);
        let mut space = if ANY_SPACE {
            // Bytes 9..=13 (tab to carriage return): x - 9 is at most 4.
            let d = _mm_sub_epi8(x, nine);
            _mm_or_si128(blank, _mm_cmpeq_epi8(_mm_min_epu8(d, four), d))
        } else {
            _mm_or_si128(blank, _mm_cmpeq_epi8(x, tab_v))
        };
        if ANY_SPACE && (spill != 0 || _mm_movemask_epi8(x) != 0) {
            // Lead bytes of the non-ASCII spaces: C2, E1, E2, E3 (E0 is let
            // through and rejected by `non_ascii_space`).
            let leads = _mm_or_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(_mm_and_si128(x, lead_mask), e0));
            let mut lead = _mm_movemask_epi8(leads) as u32;
            let mut extra = spill;
            spill = 0;
            while lead != 0 {
                let k = lead.trailing_zeros() as usize;
                lead &= lead - 1;
                if b.get(i + k..).is_some_and(non_ascii_space) {
                    let len = if b[i + k] == 0xC2 { 2 } else { 3 };
                    let bits = ((1u32 << len) - 1) << k;
                    extra |= bits & 0xFFFF;
                    spill |= bits >> 16;
                }
            }
            if extra != 0 {
                let mut m = [0u8; 16];
                for (k, lane) in m.iter_mut().enumerate() {
                    *lane = if extra >> k & 1 != 0 { 0xFF } else { 0 };
                }
                space = _mm_or_si128(space, load(&m));
            }
        }
        // A word starts at a non-space byte after a space byte. A multi-byte
        // char is all space or all not, so its continuation bytes never start one.
        let before = _mm_or_si128(_mm_slli_si128::<1>(space), _mm_srli_si128::<15>(prev_space));
        lanes = _mm_sub_epi8(lanes, _mm_andnot_si128(space, before));
        let blank_before = _mm_or_si128(_mm_slli_si128::<1>(blank), _mm_srli_si128::<15>(prev_blank));
        doubles = _mm_or_si128(doubles, _mm_and_si128(blank, blank_before));
        (prev_space, prev_blank) = (space, blank);
        pending += 1;
        // Sixteen chunks (256 bytes) keep every lane under 256.
        if pending == 16 {
            words += lanes_total(lanes);
            (lanes, pending) = (zero, 0);
            if words > enough {
                return (words, _mm_movemask_epi8(doubles) != 0);
            }
        }
        i += 16;
    }
    (words + lanes_total(lanes), _mm_movemask_epi8(doubles) != 0)
}

/// The first sixteen bytes of `c` (at least that long) in a vector, read
/// as two words (the compiler makes it one load).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn load(c: &[u8]) -> core::arch::x86_64::__m128i {
    let word = |k: usize| c.get(k..k + 8).and_then(|w| w.try_into().ok()).map_or(0, i64::from_le_bytes);
    core::arch::x86_64::_mm_set_epi64x(word(8), word(0))
}

/// The sum of the sixteen byte lanes of `x`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn lanes_total(x: core::arch::x86_64::__m128i) -> usize {
    use core::arch::x86_64::*;
    let s = _mm_sad_epu8(x, _mm_setzero_si128());
    (_mm_cvtsi128_si64(s) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s))) as usize
}

/// [`count_words`]; without `ANY_SPACE`, of bytes known to hold no other
/// whitespace than ASCII spaces.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn count_words_in<const ANY_SPACE: bool>(b: &[u8], enough: usize) -> (usize, bool) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;
    let (mut words, mut double) = (0, false);
    // The byte before the chunk is a space / an ASCII space.
    let (mut prev_space, mut prev_blank) = (true, false);
    // Space lanes of a non-ASCII space whose bytes run past the chunk before.
    let mut spill = 0u64;
    // Word starts per lane (0 or 1 added per chunk), summed across lanes
    // before a lane could reach 256: cheaper than a popcount per chunk on
    // targets without the instruction.
    let mut lanes = 0u64;
    let mut pending = 0;
    let mut i = 0;
    // Eight bytes at a time: a word starts at a non-space byte after a space
    // byte (or after the start). A multi-byte char is all space or all not,
    // so its continuation bytes never start a word. The last chunk is padded
    // with tabs: spaces that are not ASCII spaces, so they neither start a
    // word nor make a double space.
    while i < b.len() {
        // (`pad`: the lanes past the end, spaces when only ASCII spaces are
        // looked for.)
        let (x, pad) = if let Some(full) = b.get(i..i + 8) {
            let mut chunk = [0u8; 8];
            chunk.copy_from_slice(full);
            (u64::from_le_bytes(chunk), 0)
        } else {
            let mut chunk = [b'\t'; 8];
            chunk[..b.len() - i].copy_from_slice(&b[i..]);
            (u64::from_le_bytes(chunk), HI & (u64::MAX << (8 * (b.len() - i))))
        };
        let blank = lanes_equal(x, b' ');
        let mut space = blank | pad;
        if ANY_SPACE {
            // Bytes 9..=13 (tab to carriage return), from the low seven bits
            // (no lane carries) of bytes below 0x80.
            let y = x & !HI;
            space |= (y + 0x77 * LO) & !(y + 0x72 * LO) & !x & HI;
            space |= spill;
            spill = 0;
        }
        if ANY_SPACE && x & HI != 0 {
            // Lead bytes of the non-ASCII spaces: C2, E1, E2, E3 (E0 is
            // let through and rejected by `non_ascii_space`).
            let mut lead = lanes_equal(x, 0xC2) | lanes_equal(x & (0xFC * LO), 0xE0);
            while lead != 0 {
                let k = lead.trailing_zeros() as usize / 8;
                lead &= lead - 1;
                if non_ascii_space(&b[i + k..]) {
                    let len = if b[i + k] == 0xC2 { 2 } else { 3 };
                    for j in k..k + len {
                        if j < 8 {
                            space |= 0x80 << (8 * j);
                        } else {
                            spill |= 0x80 << (8 * (j - 8));
                        }
                    }
                }
            }
        }
        let starts = !space & HI & ((space << 8) | (u64::from(prev_space) << 7));
        lanes += starts >> 7;
        pending += 1;
        if pending == 32 {
            words += lane_sum(lanes);
            (lanes, pending) = (0, 0);
            if words > enough {
                return (words, double);
            }
        }
        double |= blank & ((blank << 8) | (u64::from(prev_blank) << 7)) != 0;
        prev_space = space >> 63 != 0;
        prev_blank = blank >> 63 != 0;
        i += 8;
    }
    (words + lane_sum(lanes), double)
}

/// The sum of the eight byte lanes of `x`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn lane_sum(x: u64) -> usize {
    // Pairs, then quads, then all eight: no lane overflows 16 bits.
    let x = (x & 0x00FF_00FF_00FF_00FF) + ((x >> 8) & 0x00FF_00FF_00FF_00FF);
    (x.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// The high bit of every lane of `x` that holds byte `v` (exact: no lane
/// carries into the next).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn lanes_equal(x: u64, v: u8) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;
    let t = x ^ (u64::from(v) * LO);
    !(((t & !HI) + !HI) | t) & HI
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_agrees_with_the_slow_answers() {
        let lines = [
            "",
            "Home | News",
            "  two\u{a0}words\u{2003}three ",
            "Ünïcödé — “quotes” 2025 ★",
            "\u{1F44D} 142",
            "tab\tand\u{0B}vertical",
            "ΣΊΣΥΦΟΣ",
            "a\u{85}b\u{1680}c\u{2000}d\u{200A}e\u{2028}f\u{2029}g\u{202F}h\u{205F}i\u{3000}j\u{200B}k",
            "Photo: AP Photo/Jane Roe · 12:30 | @desk, [x] > y * z.",
        ];
        for line in lines {
            let s = Scan::of(line);
            assert_eq!(s.words, line.split_whitespace().count(), "{line:?}");
            assert_eq!(s.double_space, line.contains("  "), "{line:?}");
            for &b in TRACKED {
                assert_eq!(s.has(b), line.as_bytes().contains(&b), "{line:?} {b}");
            }
            assert!(s.has(b'#') || !line.contains('#'), "untracked bytes always may occur");
            assert_eq!(s.has_digit(), line.bytes().any(|b| b.is_ascii_digit()));
            assert_eq!(s.has_ascii_letter(), line.bytes().any(|b| b.is_ascii_alphabetic()));
            assert_eq!(s.is_ascii(), line.is_ascii());
        }
        let long = "word ".repeat(1000);
        let s = Scan::of(&long);
        assert!(s.words > WORDS_ENOUGH, "a long line counts past every bound");
        assert!(s.has(b'#'), "long lines claim every byte");
        // Counted exactly up to the bound, whatever the length.
        for n in [1, 20, 29, 30, 31, 40] {
            let line = format!("{}{}", "wörd\u{a0}".repeat(n), " ".repeat(400));
            let words = Scan::of(&line).words;
            assert_eq!(words.min(WORDS_ENOUGH + 1), n.min(WORDS_ENOUGH + 1), "{n}");
        }
        // Every ASCII byte and the non-ASCII spaces, in pseudo-random runs
        // that cross the eight-byte chunks at every offset.
        let alphabet: Vec<char> = (0u8..0x80).map(char::from).chain(['\u{85}', '\u{a0}', '\u{2003}', 'é', '€', '\u{3000}', '\u{1680}', '\u{205F}', '’', '\u{2029}', '\u{200B}', 'д']).collect();
        let mut state = 7u64;
        for len in 0..200 {
            let text: String = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let r = (state >> 33) as usize;
                    if r.is_multiple_of(3) { ' ' } else { alphabet[r % alphabet.len()] }
                })
                .collect();
            assert_eq!(Scan::of(&text).words, text.split_whitespace().count(), "{text:?}");
            assert_eq!(Scan::of(&text).double_space, text.contains("  "), "{text:?}");
        }
        // Printable ASCII and spaces only: the count that looks for ASCII
        // spaces alone.
        for len in 0..200 {
            let text: String = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let r = (state >> 33) as usize;
                    if r.is_multiple_of(3) { ' ' } else { char::from(b'!' + (r % 94) as u8) }
                })
                .collect();
            assert_eq!(Scan::of(&text).words, text.split_whitespace().count(), "{text:?}");
            assert_eq!(Scan::of(&text).double_space, text.contains("  "), "{text:?}");
        }
        let long = "ord\u{a0}på\u{3000}€ ".repeat(500);
        let head = crate::text::prefix(&long, 4096);
        assert_eq!(count_words(head.as_bytes(), usize::MAX).0, head.split_whitespace().count());
        assert!(Scan::of(&long).words > WORDS_ENOUGH);
    }
}
