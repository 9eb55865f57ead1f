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

use std::collections::{BTreeMap, BTreeSet};

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

/// Writing systems, coarsely: a token in another script than its text's is
/// a form the text kept from elsewhere.
fn script(c: char) -> u8 {
    match c as u32 {
        0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f => 1,
        0x370..=0x3ff => 2,
        0x400..=0x52f => 3,
        0x590..=0x6ff => 4,
        0x3040..=0x30ff | 0x3400..=0x9fff | 0xac00..=0xd7af => 5,
        _ => 0,
    }
}

/// Kept forms: a translation keeps the source's spelling of what it cannot
/// translate (names of papers, leagues, products; "Big Bash League" in a
/// Russian text). Per member: its main script, its words, and its words in
/// another script.
pub struct Forms {
    main: Vec<u8>,
    words: Vec<BTreeSet<String>>,
    foreign: Vec<Vec<(u8, String)>>,
}

impl Forms {
    pub fn new(views: &[crate::text::View]) -> Forms {
        let mut main = Vec::new();
        let mut words = Vec::new();
        let mut foreign = Vec::new();
        for v in views {
            let mut counts = [0usize; 6];
            for t in &v.toks {
                if let Some(c) = t.norm.chars().next() {
                    counts[usize::from(script(c))] += 1;
                }
            }
            let m = (1..6u8).max_by_key(|&k| (counts[usize::from(k)], std::cmp::Reverse(k))).unwrap_or(0);
            let w: BTreeSet<String> = v.toks.iter().filter(|t| t.norm.chars().count() >= 2).map(|t| t.norm.clone()).collect();
            let f = w
                .iter()
                .filter_map(|t| {
                    let s = t.chars().next().map_or(0, script);
                    (s != 0 && s != m && t.chars().all(|c| script(c) == s)).then(|| (s, t.clone()))
                })
                .collect();
            main.push(m);
            words.push(w);
            foreign.push(f);
        }
        Forms { main, words, foreign }
    }

    pub fn same_main(&self, i: usize, j: usize) -> bool {
        self.main[i] == self.main[j] && self.main[i] != 0
    }

    /// Between two members of one script: how many of the kept forms of
    /// that script in the other-script members each one writes, and how many
    /// there are. `None` when the scripts differ or nothing was kept.
    pub fn same_script(&self, i: usize, j: usize) -> Option<(usize, usize, usize)> {
        let s = self.main[i];
        if s != self.main[j] || s == 0 {
            return None;
        }
        let (mut ei, mut ej, mut tot) = (0, 0, 0);
        for x in (0..self.main.len()).filter(|&x| self.main[x] != s) {
            for (_, t) in self.foreign[x].iter().filter(|(fs, _)| *fs == s) {
                tot += 1;
                ei += usize::from(self.words[i].contains(t));
                ej += usize::from(self.words[j].contains(t));
            }
        }
        (tot > 0).then_some((ei, ej, tot))
    }
}

/// Letters kept with a name: `b` writes a letter only inside words it
/// shares verbatim with `a`, while `a` writes that letter in words of its
/// own too ("Babiš" in an English text beside a Czech one; "Washington" in
/// a Croatian text beside an English one): `b` kept `a`'s spelling. Returns
/// how many such letters `b` has.
pub fn kept_letters(a: &crate::text::View, b: &crate::text::View) -> usize {
    fn words<'v>(v: &'v crate::text::View) -> BTreeSet<&'v str> {
        v.toks.iter().map(|t| t.norm.as_str()).filter(|w| w.chars().all(char::is_alphabetic)).collect()
    }
    let (wa, wb) = (words(a), words(b));
    let mut only_shared: BTreeMap<char, bool> = BTreeMap::new();
    for w in &wb {
        let shared = wa.contains(w);
        for c in w.chars() {
            let e = only_shared.entry(c).or_insert(true);
            *e &= shared;
        }
    }
    only_shared
        .into_iter()
        .filter(|&(c, only)| only && wa.iter().filter(|w| !wb.contains(*w) && w.contains(c)).take(3).count() == 3)
        .count()
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
        // Whatever the languages are called: the evidence is in the texts.
        for langs in [["en", "de", "fr", "ru"], ["ru", "en", "de", "fr"], ["ja", "cs", "en", "zh"]] {
            let hub = Hub::new(&refs, &langs);
            for t in 1..4 {
                let (s, x) = hub.compare(0, t).unwrap_or_default();
                assert!(s > x, "{langs:?}: source {s} vs translation {t} {x}");
            }
        }
    }

    #[test]
    fn kept_forms_point_at_the_version_that_writes_them() {
        use forensics_clean::{clean, CleanOptions};
        // A headline, then the body: a lone line is taken for a title.
        let doc = |id: &str, text: &str, lang: &str| {
            let page = format!("{text}\n\n{text} {text}\n");
            let mut d = clean(&forensics_parse::parse_text(id, page.as_bytes()), None, &CleanOptions::default());
            d.language = lang.into();
            d
        };
        let docs = [
            doc("a", "The Big Bash League final at Adelaide Oval drew a record crowd.", "en"),
            doc("b", "Finále ligy Big Bash na stadionu v Adelaide přilákalo rekordní dav.", "cs"),
            doc("c", "Финал лиги Big Bash League на стадионе Adelaide Oval в субботу собрал рекордную толпу зрителей.", "ru"),
        ];
        let views: Vec<crate::text::View> = docs.iter().map(crate::text::View::new).collect();
        let forms = super::Forms::new(&views);
        // The Russian text kept "big bash league adelaide oval": the English one writes all five, the Czech three.
        assert_eq!(forms.same_script(0, 1), Some((5, 3, 5)));
        assert_eq!(forms.same_script(0, 2), None);
    }

    #[test]
    fn letters_kept_with_names_point_at_their_spelling() {
        use forensics_clean::{clean, CleanOptions};
        let doc = |id: &str, text: &str| {
            let page = format!("{text}\n\n{text}\n");
            clean(&forensics_parse::parse_text(id, page.as_bytes()), None, &CleanOptions::default())
        };
        // The English text keeps "Babiš" and "Plzeň"; the Czech writes š and ň in words of its own.
        let cs = doc("cs", "Premiér Babiš v Plzni řekl, že naše škola a vaše město jsou důležité. Plzeň čeká žádné změny, řekl Babiš. Píseň, kůň a daň.");
        let en = doc("en", "Prime Minister Babiš said in Plzeň that the school and the city matter. Babiš said no changes await.");
        let (cs, en) = (crate::text::View::new(&cs), crate::text::View::new(&en));
        assert_eq!(super::kept_letters(&cs, &en), 2);
        assert_eq!(super::kept_letters(&en, &cs), 0);
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
