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

/// Words are counted in this prefix: enough for every threshold used.
const WORD_PREFIX: usize = 4096;

/// What one pass over a line tells.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scan {
    /// Bit `b` is set when byte value `b` occurs (all bits for long lines:
    /// "anything may occur", which keeps every gate a safe over-estimate).
    present: [u64; 4],
    /// Whitespace-separated words in the first 4 KB (`split_whitespace`).
    pub words: usize,
}

impl Scan {
    pub(crate) fn of(line: &str) -> Scan {
        let b = line.as_bytes();
        if b.len() > SCAN_MAX {
            return Scan { present: [u64::MAX; 4], words: word_count(line) };
        }
        let mut present = [0u64; 4];
        let mut words = 0;
        let mut in_word = false;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            present[usize::from(c >> 6)] |= 1 << (c & 63);
            let space = if c < 0x80 {
                i += 1;
                ASCII_SPACE[usize::from(c)]
            } else if c >= 0xC0 {
                // A lead byte: decode the char (continuation bytes only mark
                // themselves present and are skipped by the lead's length).
                let ch = line[i..].chars().next().unwrap_or(' ');
                let n = ch.len_utf8();
                for &cc in &b[i + 1..i + n] {
                    present[usize::from(cc >> 6)] |= 1 << (cc & 63);
                }
                i += n;
                ch.is_whitespace()
            } else {
                // Not reached for valid UTF-8 (continuations follow a lead).
                i += 1;
                false
            };
            words += usize::from(!space && !in_word);
            in_word = !space;
        }
        Scan { present, words }
    }

    /// Byte value `b` occurs in the line.
    #[inline]
    pub(crate) fn has(&self, b: u8) -> bool {
        self.present[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// An ASCII digit occurs.
    #[inline]
    pub(crate) fn has_digit(&self) -> bool {
        // '0'..='9' are bits 48..=57 of the first word.
        self.present[0] & (0x3FF << 48) != 0
    }

    /// An ASCII letter occurs.
    #[inline]
    pub(crate) fn has_ascii_letter(&self) -> bool {
        // 'A'..='Z' are bits 1..=26, 'a'..='z' bits 33..=58 of the second word.
        self.present[1] & ((0x3FF_FFFF << 1) | (0x3FF_FFFF << 33)) != 0
    }

    /// An ASCII letter or digit occurs.
    #[inline]
    pub(crate) fn has_ascii_alnum(&self) -> bool {
        self.has_digit() || self.has_ascii_letter()
    }

    /// Only ASCII bytes occur.
    #[inline]
    pub(crate) fn is_ascii(&self) -> bool {
        self.present[2] | self.present[3] == 0
    }
}

/// `char::is_whitespace` for ASCII.
const ASCII_SPACE: [bool; 128] = {
    let mut t = [false; 128];
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[b'\r' as usize] = true;
    t[b' ' as usize] = true;
    t
};

/// Words in the first 4 KB of `s`: enough for every threshold used.
pub(crate) fn word_count(s: &str) -> usize {
    crate::text::prefix(s, WORD_PREFIX).split_whitespace().count()
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
        ];
        for line in lines {
            let s = Scan::of(line);
            assert_eq!(s.words, line.split_whitespace().count(), "{line:?}");
            for b in 0..=255u8 {
                assert_eq!(s.has(b), line.as_bytes().contains(&b), "{line:?} {b}");
            }
            assert_eq!(s.has_digit(), line.bytes().any(|b| b.is_ascii_digit()));
            assert_eq!(s.has_ascii_letter(), line.bytes().any(|b| b.is_ascii_alphabetic()));
            assert_eq!(s.is_ascii(), line.is_ascii());
        }
        let long = "word ".repeat(1000);
        let s = Scan::of(&long);
        assert_eq!(s.words, 820);
        assert!(s.has(b'#'), "long lines claim every byte");
    }
}
