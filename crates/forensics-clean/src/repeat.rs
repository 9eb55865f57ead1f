//! Text a page says twice: a block whose word 4-grams mostly occur in the
//! article text kept before it is a repeat, not more article (a teaser of
//! the article itself, a "description" field dumped after the body, a
//! sticky header, the lead repeated under the photo). Later stages compare
//! documents by shared passages, so a doubled paragraph would also count
//! twice there.

use crate::chars;

/// Share of a block's 4-grams that must already have been kept.
const COVERED: f64 = 0.8;
/// Blocks with fewer 4-grams carry too little evidence either way.
const MIN_GRAMS: usize = 10;

/// For each of `blocks` (the kept blocks, in page order), whether it
/// repeats the ones before it.
pub(crate) fn repeats(blocks: &[&str]) -> Vec<bool> {
    // About one 4-gram per word.
    let mut grams = Vec::with_capacity(blocks.iter().map(|b| b.len() / 5).sum::<usize>());
    let mut ends = Vec::with_capacity(blocks.len());
    for text in blocks {
        word_grams(text, &mut grams);
        ends.push(grams.len());
    }
    let mut seen = Seen::with_capacity(grams.len());
    let mut out = Vec::with_capacity(blocks.len());
    let mut start = 0;
    for end in ends {
        let block = grams.get(start..end).unwrap_or(&[]);
        start = end;
        let repeat = block.len() >= MIN_GRAMS && covered(&seen, block);
        if !repeat {
            for &g in block {
                seen.insert(g);
            }
        }
        out.push(repeat);
    }
    out
}

/// Whether at least [`COVERED`] of `block`'s grams are in `seen`. Most
/// blocks are new text: the count stops once the grams left cannot reach
/// the share any more.
fn covered(seen: &Seen, block: &[u64]) -> bool {
    // (A count reaches the share when it reaches the share's ceiling:
    // compared as integers, not converted to floating point per gram.)
    let need = (COVERED * block.len() as f64).ceil() as usize;
    let mut hits = 0usize;
    for (k, &g) in block.iter().enumerate() {
        if hits + block.len() - k < need {
            return false;
        }
        hits += usize::from(seen.contains(g));
    }
    hits >= need
}

/// A set of 4-gram hashes: open addressing in one flat array sized once
/// for every gram of the page (0 marks an empty slot; the gram 0 is a flag).
struct Seen {
    slots: Vec<u64>,
    shift: u32,
    zero: bool,
}

impl Seen {
    fn with_capacity(n: usize) -> Seen {
        let size = (n * 2).next_power_of_two().max(16);
        Seen { slots: vec![0; size], shift: 64 - size.trailing_zeros(), zero: false }
    }

    #[inline]
    fn index(&self, g: u64) -> usize {
        ((g ^ (g >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn contains(&self, g: u64) -> bool {
        if g == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.index(g);
        loop {
            match self.slots[i & mask] {
                0 => return false,
                s if s == g => return true,
                _ => i += 1,
            }
        }
    }

    /// (Never more grams than the capacity, so a free slot is always found.)
    fn insert(&mut self, g: u64) {
        if g == 0 {
            self.zero = true;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.index(g);
        loop {
            let slot = &mut self.slots[i & mask];
            if *slot == 0 {
                *slot = g;
                return;
            }
            if *slot == g {
                return;
            }
            i += 1;
        }
    }
}

/// ASCII letters and digits (one load a byte, no range test first).
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = chars::ASCII[b] & chars::ALNUM != 0;
        b += 1;
    }
    t
};

/// The high bit of every lane of `x` that holds no ASCII letter or digit
/// (non-ASCII bytes included), as in [`ALNUM`].
#[inline]
fn not_alnum(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;
    // Lanes of `x` within `lo..=hi`, on the low seven bits (no lane
    // carries), bytes from 0x80 up left out.
    let within = |x: u64, lo: u8, hi: u8| {
        let y = x & !HI;
        (y + LO * u64::from(0x80 - lo)) & !(y + LO * u64::from(0x7F - hi)) & !x & HI
    };
    let alnum = within(x, b'0', b'9') | within(x | (LO * 0x20), b'a', b'z');
    !alnum & HI
}

/// Hashes of the runs of four words (letters and digits, lower-cased),
/// appended to `out`. A word is hashed by its lower-cased UTF-8 bytes
/// ([`crate::table::hash`]); an ASCII word straight from the text. Text
/// of ASCII words has them found from bit masks
/// ([`crate::scan_ascii::alnum_runs`]), other text a character at a time.
fn word_grams(text: &str, out: &mut Vec<u64>) {
    let mark = out.len();
    let bytes = text.as_bytes();
    let mut grams = Grams::default();
    if crate::scan_ascii::alnum_runs(text, |start, end| grams.push(crate::table::hash_ascii_lower_at(bytes, start, end), out)) {
        return;
    }
    out.truncate(mark);
    word_grams_walk(text, out);
}

/// The last four words' hashes, making a gram of each new one.
#[derive(Default)]
struct Grams {
    window: [u64; 4],
    n: usize,
}

impl Grams {
    #[inline]
    fn push(&mut self, h: u64, out: &mut Vec<u64>) {
        // (Moved by hand: `rotate_left` on an array calls memmove.)
        let w = &mut self.window;
        *w = [w[1], w[2], w[3], h];
        self.n += 1;
        if self.n >= 4 {
            out.push(w[0] ^ w[1].rotate_left(16) ^ w[2].rotate_left(32) ^ w[3].rotate_left(48));
        }
    }
}

/// [`word_grams`] a character at a time, for any text.
fn word_grams_walk(text: &str, out: &mut Vec<u64>) {
    let mut grams = Grams::default();
    let mut push = |h: u64| grams.push(h, out);
    let alnum = |b: u8| ALNUM[b as usize];
    let mut word: Vec<u8> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !alnum(b) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            // Eight bytes at a time while they follow (most words end in
            // the first eight), then byte by byte near the end of the text.
            while let Some(chunk) = bytes.get(j..j + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                let stop = not_alnum(u64::from_le_bytes(w));
                if stop != 0 {
                    j += stop.trailing_zeros() as usize / 8;
                    break;
                }
                j += 8;
            }
            while j < bytes.len() && alnum(bytes[j]) {
                j += 1;
            }
            let more = bytes.get(j).is_some_and(|&c| c >= 0x80) && chars::decode(text, j).is_some_and(|(c, _)| chars::is_alphanumeric(c));
            if !more {
                push(crate::table::hash_ascii_lower_at(bytes, i, j));
                i = j;
                continue;
            }
        } else {
            let (c, len) = chars::decode(text, i).unwrap_or(('\u{FFFD}', 1));
            if !chars::is_alphanumeric(c) {
                i += len;
                continue;
            }
        }
        // A word with other characters than ASCII: lower-cased into `word`.
        word.clear();
        while let Some(len) = chars::push_lower_alnum(text, i, &mut word) {
            i += len;
        }
        push(crate::table::hash(&word));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn alnum_lanes_agree_with_the_table() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let x = u64::from(b) << (8 * k) | (0x6161_6161_6161_6161 & !(0xFF << (8 * k)));
                let want = if super::ALNUM[b as usize] { 0 } else { 0x80 << (8 * k) };
                assert_eq!(super::not_alnum(x), want, "{b:#x} in lane {k}");
            }
        }
    }

    /// The grams of the bit-mask path are the character walk's.
    #[test]
    fn word_masks_agree_with_the_walk() {
        let alphabet: Vec<char> = "aZ9 '-.,\t\nqÉé\u{2019}\u{201c}\u{2014}\u{2026}".chars().collect();
        let mut state = 9u64;
        let mut fast = 0;
        for n in 0..3000 {
            let text: String = (0..n % 200)
                .map(|_| {
                    // Mostly letters and spaces, now and then the rest.
                    let r = crate::testing::next(&mut state);
                    if r.is_multiple_of(3) { ' ' } else if r.is_multiple_of(5) { alphabet[(r >> 8) % alphabet.len()] } else { (b'a' + (r >> 8) as u8 % 26) as char }
                })
                .collect();
            let (mut a, mut b) = (vec![7], vec![7]);
            super::word_grams(&text, &mut a);
            super::word_grams_walk(&text, &mut b);
            assert_eq!(a, b, "{text:?}");
            fast += usize::from(!text.contains(['É', 'é']));
        }
        assert!(fast > 500, "{fast}");
    }

    #[test]
    fn repeated_text_is_found() {
        let a = "The storm hit the coast on Monday and closed the roads to the harbour for the whole day.";
        let b = "Officials said the town had not seen such winds since 1987 and asked people to stay home.";
        let joined = format!("{a} {b}");
        let other = "A different paragraph about the election results in the northern district of the county.";
        assert_eq!(super::repeats(&[a, b, joined.as_str(), other, a]), [false, false, true, false, true]);
        // Short blocks are never repeats: a subheading may recur.
        assert_eq!(super::repeats(&["Key points", "Key points"]), [false, false]);
    }
}
