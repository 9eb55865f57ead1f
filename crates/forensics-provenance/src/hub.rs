//! The source is the hub of a star: every translation is made from it, so
//! what two translations into different languages agree on (a name, a
//! number, a date) came from the source, and the source has it too. A
//! translation taken as the hub fails that test wherever it dropped or
//! re-spelled something the others kept.
//!
//! Measured on anchors that survive translation (numbers, weekdays and
//! months, transliterated names), kind by kind, and only on the kinds both
//! compared members can write: Chinese and Japanese carry no capitalised
//! names, and a test they cannot pass must not count against them.

use std::collections::BTreeSet;

/// The anchor kinds, by their prefix in `View::anchors`.
const KINDS: [&[&str]; K] = [&["#"], &["day", "month"], &["n:"]];
const K: usize = 3;

/// A kind counts for a member when it writes at least this many anchors of it.
const MIN_OF_KIND: usize = 2;

fn kind_of(a: &str) -> Option<usize> {
    KINDS.iter().position(|ps| ps.iter().any(|p| a.starts_with(p)))
}

/// Per member and kind: the member's anchors of that kind.
pub struct Hub {
    by_kind: Vec<[BTreeSet<String>; K]>,
    /// Per candidate and kind: (anchors two other-language members share, of which the candidate lacks).
    tally: Vec<[(usize, usize); K]>,
}

impl Hub {
    /// `anchors[i]`, `langs[i]` of every member; `linked(x, y)` when the two
    /// were found to be versions of each other across languages.
    pub fn new(anchors: &[&BTreeSet<String>], langs: &[&str]) -> Hub {
        let n = anchors.len();
        let by_kind: Vec<[BTreeSet<String>; K]> = anchors
            .iter()
            .map(|set| {
                let mut k: [BTreeSet<String>; K] = Default::default();
                for a in set.iter() {
                    if let Some(i) = kind_of(a) {
                        k[i].insert(a.clone());
                    }
                }
                k
            })
            .collect();
        let mut tally = vec![[(0usize, 0usize); K]; n];
        for r in 0..n {
            for x in 0..n {
                for y in x + 1..n {
                    if x == r || y == r || langs[x] == langs[y] || langs[x] == langs[r] || langs[y] == langs[r] {
                        continue;
                    }
                    for k in 0..K {
                        for a in by_kind[x][k].intersection(&by_kind[y][k]) {
                            tally[r][k].0 += 1;
                            tally[r][k].1 += usize::from(!by_kind[r][k].contains(a));
                        }
                    }
                }
            }
        }
        Hub { by_kind, tally }
    }

    /// How well `i` and `j` each explain the agreement of the others, on the
    /// kinds both write: `(share explained by i, share explained by j)`, or
    /// `None` when no kind is common or nothing is shared.
    pub fn compare(&self, i: usize, j: usize) -> Option<(f64, f64)> {
        let kinds: Vec<usize> = (0..K).filter(|&k| self.by_kind[i][k].len() >= MIN_OF_KIND && self.by_kind[j][k].len() >= MIN_OF_KIND).collect();
        let score = |r: usize| {
            let (tot, miss) = kinds.iter().fold((0, 0), |acc, &k| (acc.0 + self.tally[r][k].0, acc.1 + self.tally[r][k].1));
            (tot > 0).then(|| 1.0 - miss as f64 / tot as f64)
        };
        Some((score(i)?, score(j)?))
    }
}

#[cfg(test)]
mod tests {
    use super::Hub;
    use std::collections::BTreeSet;

    fn set(xs: &[&str]) -> BTreeSet<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_source_explains_what_its_translations_share() {
        // Source 0 (all facts); translations 1, 2, 3 each lose a different number and name.
        let a = [
            set(&["#12", "#40", "#2021", "n:kelv", "n:mari", "n:osto"]),
            set(&["#40", "#2021", "n:mari", "n:osto"]),
            set(&["#12", "#2021", "n:kelv", "n:osto"]),
            set(&["#12", "#40", "n:kelv", "n:mari"]),
        ];
        let refs: Vec<&BTreeSet<String>> = a.iter().collect();
        let hub = Hub::new(&refs, &["en", "de", "fr", "ru"]);
        for t in 1..4 {
            let (s, x) = hub.compare(0, t).unwrap_or_default();
            assert!(s > x, "source {s} vs translation {t} {x}");
        }
    }

    #[test]
    fn a_kind_one_side_cannot_write_does_not_count() {
        // 3 writes no names: compared with 0 on numbers only, where both explain everything.
        let a = [set(&["#12", "#40", "n:kelv", "n:mari"]), set(&["#12", "#40", "n:kelv", "n:mari"]), set(&["#12", "#40", "n:kelv", "n:mari"]), set(&["#12", "#40"])];
        let refs: Vec<&BTreeSet<String>> = a.iter().collect();
        let hub = Hub::new(&refs, &["en", "de", "fr", "ja"]);
        assert_eq!(hub.compare(0, 3), Some((1.0, 1.0)));
    }
}
