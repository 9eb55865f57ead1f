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
    // About one 4-gram per word: sized once, never rehashed.
    let words = blocks.iter().map(|b| b.len() / 5).sum::<usize>();
    let mut seen: std::collections::HashSet<u64, crate::table::Build> = std::collections::HashSet::with_capacity_and_hasher(words, Default::default());
    let mut grams = Vec::new();
    let mut out = Vec::new();
    for text in blocks {
        grams.clear();
        word_grams(text, &mut grams);
        let repeat = grams.len() >= MIN_GRAMS && grams.iter().filter(|g| seen.contains(g)).count() as f64 >= COVERED * grams.len() as f64;
        if !repeat {
            seen.extend(grams.iter().copied());
        }
        out.push(repeat);
    }
    out
}

/// Hashes of the runs of four words (letters and digits, lower-cased).
/// A word is hashed from its lower-cased UTF-8 bytes eight at a time
/// (one multiply per eight bytes, not one per byte).
fn word_grams(text: &str, out: &mut Vec<u64>) {
    let mut window = [0u64; 4];
    let mut n = 0usize;
    let mut word: Vec<u8> = Vec::with_capacity(64);
    let mut push = |word: &mut Vec<u8>, n: &mut usize, window: &mut [u64; 4]| {
        window.rotate_left(1);
        window[3] = crate::table::hash(word);
        word.clear();
        *n += 1;
        if *n >= 4 {
            out.push(window[0] ^ window[1].rotate_left(16) ^ window[2].rotate_left(32) ^ window[3].rotate_left(48));
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if chars::ASCII[b as usize] & chars::ALNUM != 0 {
                word.push(b.to_ascii_lowercase());
            } else if !word.is_empty() {
                push(&mut word, &mut n, &mut window);
            }
            continue;
        }
        let (c, len) = chars::decode(text, i).unwrap_or(('\u{FFFD}', 1));
        i += len;
        if chars::is_alphanumeric(c) {
            chars::push_lower(&mut word, c);
        } else if !word.is_empty() {
            push(&mut word, &mut n, &mut window);
        }
    }
    if !word.is_empty() {
        push(&mut word, &mut n, &mut window);
    }
}

#[cfg(test)]
mod tests {
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
