//! Name keys that survive scripts and inflection: transliterate to ASCII
//! (`any_ascii`), then keep a short prefix (Slavic case endings come after
//! it) and a consonant skeleton (マンスター, Мюнстер and Munster all give
//! `mnst`).

/// Letters of the prefix key.
pub const PREFIX_LEN: usize = 5;
/// Consonant classes of the skeleton key.
pub const SKELETON_LEN: usize = 4;

/// Lower-case ASCII letters of a word's transliteration.
pub fn ascii_letters(word: &str) -> String {
    any_ascii::any_ascii(word).chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect()
}

/// First [`PREFIX_LEN`] letters, or `None` for words too short to tell apart.
pub fn prefix_key(ascii: &str) -> Option<&str> {
    (ascii.len() >= 3).then(|| &ascii[..ascii.len().min(PREFIX_LEN)])
}

/// Consonant skeleton: vowels, `y`, `h` and `w` dropped (they come and go
/// between scripts: Мюнстер = Myunster, シールズ = shiiruzu), sound-alike
/// letters folded (l/r for Japanese, c/k/q, z/s, v/b) and doubles collapsed.
/// `None` when fewer than three consonants remain: too common to mean much.
pub fn skeleton_key(ascii: &str) -> Option<String> {
    let mut out = String::new();
    let mut last = ' ';
    for c in ascii.chars() {
        let class = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' => {
                last = ' ';
                continue;
            }
            'l' => 'r',
            'c' | 'q' => 'k',
            'z' => 's',
            'v' => 'b',
            'x' => 'k',
            other => other,
        };
        if class != last {
            out.push(class);
            if out.len() == SKELETON_LEN {
                break;
            }
        }
        last = class;
    }
    (out.len() >= 3).then_some(out)
}
