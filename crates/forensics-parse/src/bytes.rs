//! Byte searches of the whole page sixteen bytes at a time (SSE2, part of
//! every x86-64 CPU), with plain fallbacks for other targets: pages are
//! many short lines, where a general searcher's set-up costs more than
//! the search.

/// The first `\n` or `\r` at or after `from`.
#[cfg(target_arch = "x86_64")]
pub(crate) fn next_break(b: &[u8], from: usize) -> Option<usize> {
    // SAFETY: SSE2 is part of the x86-64 baseline: every CPU this target
    // runs on has it.
    unsafe { sse2::next_break(b, from) }
}

#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn next_break(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', b.get(from..)?).map(|p| from + p)
}

/// The first byte at or after `from` that may open a metadata separator
/// (`|`, `-`, and the lead bytes C2, E2 of the others).
#[cfg(target_arch = "x86_64")]
pub(crate) fn next_separator_lead(b: &[u8], from: usize) -> Option<usize> {
    // SAFETY: as in `next_break`.
    unsafe { sse2::next_separator_lead(b, from) }
}

#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn next_separator_lead(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?.iter().position(|&c| is_separator_lead(c)).map(|p| from + p)
}

fn is_separator_lead(c: u8) -> bool {
    matches!(c, b'|' | b'-' | 0xC2 | 0xE2)
}

/// C0 control bytes other than tab, line feed and carriage return, and DEL.
#[cfg(target_arch = "x86_64")]
pub(crate) fn c0_controls(b: &[u8]) -> usize {
    // SAFETY: as in `next_break`.
    unsafe { sse2::c0_controls(b) }
}

#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn c0_controls(b: &[u8]) -> usize {
    // Counted in byte-wide lanes per chunk, so the loop vectorises.
    b.chunks(255)
        .map(|chunk| usize::from(chunk.iter().map(|&x| u8::from(is_c0(x))).fold(0, u8::wrapping_add)))
        .sum()
}

fn is_c0(x: u8) -> bool {
    (x < 0x20 && x != b'\n' && x != b'\r' && x != b'\t') || x == 0x7f
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use core::arch::x86_64::*;

    /// The first sixteen bytes of `c` (at least that long) in a vector, read
    /// as two words (the compiler makes it one load).
    #[target_feature(enable = "sse2")]
    fn load(c: &[u8]) -> __m128i {
        let word = |k: usize| c.get(k..k + 8).and_then(|w| w.try_into().ok()).map_or(0, i64::from_le_bytes);
        _mm_set_epi64x(word(8), word(0))
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn next_break(b: &[u8], from: usize) -> Option<usize> {
        let (nl, cr) = (_mm_set1_epi8(b'\n' as i8), _mm_set1_epi8(b'\r' as i8));
        let mut i = from;
        while let Some(c) = b.get(i..i + 16) {
            let x = load(c);
            let m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, cr)));
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        b.get(i..)?.iter().position(|&c| c == b'\n' || c == b'\r').map(|p| i + p)
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn next_separator_lead(b: &[u8], from: usize) -> Option<usize> {
        let (bar, dash, c2, e2) = (_mm_set1_epi8(b'|' as i8), _mm_set1_epi8(b'-' as i8), _mm_set1_epi8(0xC2u8 as i8), _mm_set1_epi8(0xE2u8 as i8));
        let mut i = from;
        while let Some(c) = b.get(i..i + 16) {
            let x = load(c);
            let hit = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, bar), _mm_cmpeq_epi8(x, dash)),
                _mm_or_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(x, e2)),
            );
            let m = _mm_movemask_epi8(hit);
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        b.get(i..)?.iter().position(|&c| super::is_separator_lead(c)).map(|p| i + p)
    }

    #[target_feature(enable = "sse2")]
    pub(super) fn c0_controls(b: &[u8]) -> usize {
        let (nl, cr, tab, del, top) =
            (_mm_set1_epi8(b'\n' as i8), _mm_set1_epi8(b'\r' as i8), _mm_set1_epi8(b'\t' as i8), _mm_set1_epi8(0x7f), _mm_set1_epi8(0x1f));
        let mut total = 0;
        let chunks = b.chunks_exact(16);
        let rest = chunks.remainder();
        for c in chunks {
            let x = load(c);
            let below = _mm_cmpeq_epi8(_mm_min_epu8(x, top), x);
            let allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, cr)), _mm_cmpeq_epi8(x, tab));
            let hit = _mm_or_si128(_mm_andnot_si128(allowed, below), _mm_cmpeq_epi8(x, del));
            // Most pages hold none: the lanes are counted only when one is there.
            let m = _mm_movemask_epi8(hit);
            if m != 0 {
                total += m.count_ones() as usize;
            }
        }
        total + rest.iter().filter(|&&x| super::is_c0(x)).count()
    }

}

#[cfg(test)]
mod tests {
    #[test]
    fn searches_agree_with_the_plain_ones() {
        let mut state = 11u64;
        for len in 0..300 {
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let r = (state >> 33) as usize;
                    // Mostly letters, now and then any byte.
                    if r.is_multiple_of(7) { (r >> 8) as u8 } else { b'a' + (r % 26) as u8 }
                })
                .collect();
            assert_eq!(super::c0_controls(&text), text.iter().filter(|&&x| super::is_c0(x)).count(), "{text:?}");
            for from in [0, 1, 5, 17, len / 2, len] {
                let want = text.get(from..).and_then(|t| t.iter().position(|&c| c == b'\n' || c == b'\r')).map(|p| from + p);
                assert_eq!(super::next_break(&text, from), want, "{text:?} {from}");
                let want = text.get(from..).and_then(|t| t.iter().position(|&c| super::is_separator_lead(c))).map(|p| from + p);
                assert_eq!(super::next_separator_lead(&text, from), want, "{text:?} {from}");
            }
        }
    }
}
