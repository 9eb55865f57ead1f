//! Character classes for the byte scanners: a table for ASCII and bitmaps
//! of the Basic Multilingual Plane for the Unicode properties, so that a
//! quote mark or an accented letter costs one look-up instead of the
//! standard library's binary search over Unicode ranges (which took a
//! tenth of the cleaner's time on pages with typographic punctuation).
//! No classes of the cleaner differ from the standard library's: the
//! tables are filled from it.

use std::sync::atomic::{AtomicU64, Ordering};

/// ASCII letter or digit.
pub const ALNUM: u8 = 1;
pub const UPPER: u8 = 2;
pub const DIGIT: u8 = 4;
/// `char::is_whitespace` on ASCII.
pub const SPACE: u8 = 8;
/// Joins a word when inside one: `'` and `-`.
pub const JOIN: u8 = 16;

/// Classes of the 128 ASCII bytes.
pub static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if matches!(c, b'\'' | b'-') {
            JOIN
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Bitmaps of the BMP, filled 64 code points at a time on first use
/// (a page touches a few scripts; filling all 65,536 up front costs more
/// than cleaning a page). Racing threads compute the same bits, so relaxed
/// stores are enough; `done` is published with release/acquire.
struct Lazy {
    done: [AtomicU64; 16],
    alphanumeric: [AtomicU64; 1024],
    alphabetic: [AtomicU64; 1024],
    /// Characters whose lower case is not themselves (a subset of the
    /// letters): CJK, Devanagari, Thai … have no case, and `to_lowercase`
    /// searches a table to say so (a fifth of the cleaner's key fold on
    /// such pages).
    lowers: [AtomicU64; 1024],
}

static BMP: Lazy = Lazy {
    done: [const { AtomicU64::new(0) }; 16],
    alphanumeric: [const { AtomicU64::new(0) }; 1024],
    alphabetic: [const { AtomicU64::new(0) }; 1024],
    lowers: [const { AtomicU64::new(0) }; 1024],
};

/// The bitmap word holding `cp` (< 0x10000), filled if it was not yet.
#[inline]
fn word(map: &[AtomicU64; 1024], cp: u32) -> u64 {
    let block = (cp >> 6) as usize;
    let (d, bit) = (block >> 6, 1u64 << (block & 63));
    if BMP.done[d].load(Ordering::Acquire) & bit == 0 {
        fill(block);
    }
    map[block].load(Ordering::Relaxed)
}

#[cold]
fn fill(block: usize) {
    let (mut alnum, mut alpha, mut lowers) = (0u64, 0u64, 0u64);
    for k in 0..64u32 {
        if let Some(c) = char::from_u32((block as u32) << 6 | k) {
            alnum |= u64::from(c.is_alphanumeric()) << k;
            alpha |= u64::from(c.is_alphabetic()) << k;
            lowers |= u64::from(!c.to_lowercase().eq(std::iter::once(c))) << k;
        }
    }
    BMP.lowers[block].store(lowers, Ordering::Relaxed);
    BMP.alphanumeric[block].store(alnum, Ordering::Relaxed);
    BMP.alphabetic[block].store(alpha, Ordering::Relaxed);
    BMP.done[block >> 6].fetch_or(1 << (block & 63), Ordering::Release);
}

/// `char::is_alphanumeric`, by table in the BMP.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        ASCII[cp as usize] & ALNUM != 0
    } else if cp < 0x10000 {
        word(&BMP.alphanumeric, cp) >> (cp & 63) & 1 != 0
    } else {
        c.is_alphanumeric()
    }
}

/// `char::is_alphabetic`, by table in the BMP.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        c.is_ascii_alphabetic()
    } else if cp < 0x10000 {
        word(&BMP.alphabetic, cp) >> (cp & 63) & 1 != 0
    } else {
        c.is_alphabetic()
    }
}

/// Whether `c`'s lower case differs from `c`, by table in the BMP.
#[inline]
pub fn lowers(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x10000 {
        word(&BMP.lowers, cp) >> (cp & 63) & 1 != 0
    } else {
        is_alphabetic(c)
    }
}

/// Lower case of the two-byte characters (U+0080..U+07FF: Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic), all single characters but U+0130,
/// from a table built once with `char::to_lowercase` (which searches).
fn lower2() -> &'static [char; 0x780] {
    static T: std::sync::OnceLock<[char; 0x780]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = ['\0'; 0x780];
        for (k, slot) in t.iter_mut().enumerate() {
            let c = char::from_u32(0x80 + k as u32).unwrap_or('\0');
            let mut l = c.to_lowercase();
            *slot = match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => '\0',
            };
        }
        t
    })
}

/// A letter or digit, in [`two_byte`].
pub const TWO_ALNUM: u32 = 1 << 31;
/// Its lower case is not one two-byte character (U+0130 only), in [`two_byte`].
pub const TWO_SLOW: u32 = 1 << 30;
/// A letter (`char::is_alphabetic`), in [`two_byte`].
pub const TWO_ALPHA: u32 = 1 << 29;

/// The two-byte characters (U+0080..U+07FF) by code point less 0x80, for
/// scanners that walk their bytes: [`TWO_ALNUM`], [`TWO_ALPHA`],
/// [`TWO_SLOW`], and the lower case's code point in the low sixteen bits.
pub fn two_byte() -> &'static [u32; 0x780] {
    static T: std::sync::OnceLock<[u32; 0x780]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u32; 0x780];
        for (k, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(0x80 + k as u32) else { continue };
            let lower = lower2().get(k).copied().filter(|l| (0x80..0x800).contains(&(*l as u32)));
            let alnum = if c.is_alphanumeric() { TWO_ALNUM } else { 0 };
            let alpha = if c.is_alphabetic() { TWO_ALPHA } else { 0 };
            *slot = alnum | alpha | lower.map_or(TWO_SLOW, |l| l as u32);
        }
        t
    })
}

/// The code point of the two-byte sequence `b0 b1` (lead C2–DF).
#[inline(always)]
pub fn cp2(b0: u8, b1: u8) -> u32 {
    (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F)
}

/// The code point of the three-byte sequence `b0 b1 b2` (lead E0–EF).
#[inline(always)]
pub fn cp3(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// The UTF-8 bytes of the two-byte code point `cp` (0x80..0x800).
#[inline(always)]
pub fn utf8_2(cp: u32) -> [u8; 2] {
    [0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]
}

/// If a letter or digit starts at byte `i` of `text`, appends its lower
/// case to `out` and returns its length. Two- and three-byte characters
/// are read from their bytes and the tables, without a `char` round trip
/// through the standard library's case search (most of a word's cost on
/// Cyrillic, Greek or CJK pages).
#[inline]
pub fn push_lower_alnum(text: &str, i: usize, out: &mut Vec<u8>) -> Option<usize> {
    let bytes = text.as_bytes();
    let b0 = *bytes.get(i)?;
    if b0 < 0x80 {
        return (ASCII[b0 as usize] & ALNUM != 0).then(|| {
            out.push(b0.to_ascii_lowercase());
            1
        });
    }
    if (0xC2..0xE0).contains(&b0) {
        let b1 = *bytes.get(i + 1)?;
        let cp = cp2(b0, b1);
        let e = two_byte().get(cp as usize - 0x80).copied().unwrap_or(0);
        if e & TWO_ALNUM == 0 {
            return None;
        }
        if e & TWO_SLOW == 0 {
            out.extend_from_slice(&utf8_2(e & 0xFFFF));
            return Some(2);
        }
    } else if (0xE0..0xF0).contains(&b0) {
        let (b1, b2) = (*bytes.get(i + 1)?, *bytes.get(i + 2)?);
        let cp = cp3(b0, b1, b2);
        let c = char::from_u32(cp)?;
        if !is_alphanumeric(c) {
            return None;
        }
        if !lowers(c) {
            out.extend_from_slice(&[b0, b1, b2]);
            return Some(3);
        }
    }
    let (c, len) = decode(text, i)?;
    is_alphanumeric(c).then(|| {
        push_lower(out, c);
        len
    })
}

/// The lower case of `c` when it is one character found without a
/// search (ASCII, the two-byte table, or no case at all).
#[inline]
pub fn lower_single(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if let Some(&l) = lower2().get((c as usize).wrapping_sub(0x80)).filter(|l| **l != '\0') {
        return Some(l);
    }
    (!lowers(c)).then_some(c)
}

/// Calls `f` with each UTF-8 byte of the lower case of `c`, allocating nothing.
#[inline]
pub fn for_each_lower_byte(c: char, mut f: impl FnMut(u8)) {
    let mut utf8 = [0u8; 4];
    match lower_single(c) {
        Some(l) => l.encode_utf8(&mut utf8).bytes().for_each(&mut f),
        None => {
            for l in c.to_lowercase() {
                l.encode_utf8(&mut utf8).bytes().for_each(&mut f);
            }
        }
    }
}

/// Appends the lower case of `c` to `out` as UTF-8.
#[inline]
pub fn push_lower(out: &mut Vec<u8>, c: char) {
    let mut utf8 = [0u8; 4];
    if c.is_ascii() {
        out.push((c as u8).to_ascii_lowercase());
    } else if let Some(&l) = lower2().get((c as usize).wrapping_sub(0x80)).filter(|l| **l != '\0') {
        out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
    } else if !lowers(c) {
        // Only letters have a lower case (tested over all of Unicode).
        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    } else {
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
        }
    }
}

/// The character starting at byte `i` of `text` (a char boundary) and its length.
#[inline]
pub fn decode(text: &str, i: usize) -> Option<(char, usize)> {
    text.get(i..).and_then(|s| s.chars().next()).map(|c| (c, c.len_utf8()))
}

/// Number of characters: bytes that do not continue a UTF-8 sequence
/// (a loop the compiler vectorises).
#[inline]
pub fn count(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b as i8) >= -0x40)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_std() {
        for cp in (0..0x11000u32).chain(0x1F600..0x1F700) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{cp:x}");
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{cp:x}");
            }
        }
        for b in 0..128u8 {
            let c = b as char;
            assert_eq!(ASCII[b as usize] & SPACE != 0, c.is_whitespace());
            assert_eq!(ASCII[b as usize] & UPPER != 0, c.is_uppercase());
        }
        assert_eq!(count("a’b—c".as_bytes()), 5);
    }

    #[test]
    fn lower_case_table_is_std() {
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let mut got = Vec::new();
            push_lower(&mut got, c);
            assert_eq!(got, c.to_lowercase().collect::<String>().into_bytes(), "{:x}", c as u32);
            if let Some(l) = lower_single(c) {
                assert!(c.to_lowercase().eq(std::iter::once(l)), "{:x}", c as u32);
            }
        }
    }

    #[test]
    fn lower_alnum_from_bytes_is_std() {
        for c in (0..0x11000u32).chain(0x1F600..0x1F700).filter_map(char::from_u32) {
            let text = format!("{c}x");
            let mut got = Vec::new();
            let len = push_lower_alnum(&text, 0, &mut got);
            if c.is_alphanumeric() {
                assert_eq!(len, Some(c.len_utf8()), "{:x}", c as u32);
                assert_eq!(got, c.to_lowercase().collect::<String>().into_bytes(), "{:x}", c as u32);
            } else {
                assert_eq!((len, got.len()), (None, 0), "{:x}", c as u32);
            }
        }
    }

    #[test]
    fn only_letters_have_a_lower_case() {
        // The scanners copy every other character as it is.
        for c in (0..0x110000u32).filter_map(char::from_u32).filter(|c| !c.is_alphabetic()) {
            assert!(c.to_lowercase().eq(std::iter::once(c)), "{:x}", c as u32);
        }
    }
}
