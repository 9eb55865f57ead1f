//! The block classifier: jusText's length and stopword classes with context
//! smoothing, plus what plain text needs on top (no DOM, no link density):
//! hard rules (parser kinds, the lexicon, corpus repetition), link-list and
//! teaser-list shape, zones opened by section labels, and the main text
//! region (the run of blocks with the largest text mass, as trafilatura
//! and readability pick one container).

use crate::features::Features;
use forensics_parse::BlockKind;

/// One block as the classifier sees it.
pub(crate) struct Item<'a> {
    pub kind: BlockKind,
    pub features: &'a Features,
    /// The block recurs on many pages of the corpus.
    pub template: bool,
}

/// Tunable thresholds; the defaults are jusText's, scaled to the document
/// where the stopword lists differ in size.
#[derive(Debug, Clone)]
pub struct Thresholds {
    /// Characters under which a block is "short" (jusText: 70).
    pub length_low: usize,
    /// Characters over which a block with enough stopwords is "good" (jusText: 200).
    pub length_high: usize,
    /// Stopword density for "near-good", as a share of the document's prose density.
    pub stop_low: f64,
    /// Stopword density for "good", as a share of the document's prose density.
    pub stop_high: f64,
    /// Longest run of text between a subheading and the good block after it.
    pub heading_distance: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { length_low: 70, length_high: 200, stop_low: 0.5, stop_high: 0.6, heading_distance: 200 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// The classifier's decision for one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// `None`: article text. `Some(rule)`: removed by that rule.
    pub removed: Option<&'static str>,
    pub kind: BlockKind,
}

/// The density of stopwords in this document's prose: the median
/// over blocks long enough to be prose. `None` without a stopword list.
fn prose_density(items: &[Item], has_list: bool) -> Option<f64> {
    if !has_list {
        return None;
    }
    let mut d: Vec<f64> = Vec::with_capacity(items.len());
    d.extend(items.iter().filter(|i| i.features.words >= 15).map(|i| i.features.stop_density()));
    if d.len() < 2 {
        return Some(0.4);
    }
    d.sort_by(f64::total_cmp);
    let q = d[d.len() / 2];
    // (The floor is low because agglutinative languages write few
    // stopwords: Turkish news prose runs at about 0.12 of its words.)
    Some(q.clamp(0.12, 0.8))
}

fn hard_rule(item: &Item) -> Option<&'static str> {
    use BlockKind::*;
    Some(match item.kind {
        Headline => "metadata:headline",
        Byline => "metadata:byline",
        ReadTime => "metadata:read-time",
        Handle => "metadata:handle",
        Metadata => "metadata:date",
        Dateline => "metadata:dateline",
        Credit => "metadata:credit",
        Caption => "parser:caption",
        Paragraph | Heading | ListItem | Other | Teaser | Widget | Form | Navigation | Promo => {
            if let Some(label) = item.features.label {
                return Some(label.rule());
            }
            if item.template {
                return Some("corpus-repeat");
            }
            return None;
        }
    })
}

/// A line shaped like a title or a link: short, not a sentence.
fn title_like(f: &Features) -> bool {
    !f.ends_sentence && f.length_words() <= 20 && f.chars < 160
}

pub(crate) fn classify(items: &[Item], has_stoplist: bool, t: &Thresholds) -> Vec<Verdict> {
    let n = items.len();
    let reference = prose_density(items, has_stoplist);
    let mut rule: Vec<Option<&'static str>> = items.iter().map(hard_rule).collect();

    // Stage 1: jusText's context-free classes.
    let mut class: Vec<Class> = items
        .iter()
        .zip(&rule)
        .map(|(item, r)| if r.is_some() { Class::Bad } else { initial_class(item.features, reference, t) })
        .collect();
    // The parser's first guess that a block is furniture counts unless the
    // block's own shape says prose (the guess is made on one line's shape).
    for i in 0..n {
        let soft = match items[i].kind {
            BlockKind::Teaser => "parser:teaser",
            BlockKind::Widget => "parser:widget",
            BlockKind::Form => "parser:form",
            BlockKind::Navigation => "parser:navigation",
            BlockKind::Promo => "parser:promo",
            _ => continue,
        };
        if rule[i].is_none() && matches!(class[i], Class::Short | Class::Bad) {
            rule[i] = Some(soft);
            class[i] = Class::Bad;
        }
    }

    // A list is one unit: its items take the class of the whole list, so
    // that one terse item does not break an article's bullet points apart.
    let mut i = 0;
    while i < n {
        if !(items[i].features.bullet && rule[i].is_none()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut merged = Features::default();
        while i < n && items[i].features.bullet && rule[i].is_none() {
            let f = items[i].features;
            merged.chars += f.chars;
            merged.words += f.words;
            merged.stopwords += f.stopwords;
            merged.commas += f.commas;
            merged.unspaced += f.unspaced;
            merged.sentence_ends += usize::from(f.ends_sentence || f.words >= 8);
            i += 1;
        }
        if i - start >= 2 {
            merged.ends_sentence = merged.sentence_ends * 2 >= i - start;
            let c = initial_class(&merged, reference, t);
            class[start..i].iter_mut().for_each(|x| *x = c);
        }
    }

    // Runs of three or more short title-like lines with few stopwords are
    // menus, tag clouds and teaser lists; one such line alone may be a subheading.
    let listish: Vec<bool> = items
        .iter()
        .zip(&rule)
        .map(|(item, r)| {
            let f = item.features;
            r.is_none() && title_like(f) && f.chars < 100 && reference.is_none_or(|r| f.stop_density() < r * t.stop_low || f.words < 4)
        })
        .collect();
    let furniture: Vec<bool> = rule.iter().map(Option::is_some).collect();
    let mut i = 0;
    while i < n {
        if listish[i] {
            let start = i;
            while i < n && (listish[i] || (furniture[i] && i + 1 < n && listish[i + 1])) {
                i += 1;
            }
            if i - start >= 3 {
                for j in start..i {
                    if rule[j].is_none() {
                        rule[j] = Some("link-list");
                        class[j] = Class::Bad;
                    }
                }
            }
        } else {
            i += 1;
        }
    }

    // Headlines glued to their teaser text, two or more in a row.
    let teaser = |f: &Features| f.lead_caps >= 6 && f.lead_cap_stops >= 2 && f.words >= f.lead_caps + 3;
    let mut i = 0;
    while i < n {
        if rule[i].is_some() || !teaser(items[i].features) {
            i += 1;
            continue;
        }
        let start = i;
        let mut count = 0;
        let mut last = i;
        while i < n {
            let f = items[i].features;
            if rule[i].is_none() && teaser(f) {
                count += 1;
                last = i;
            } else if !(rule[i].is_some() || f.chars < t.length_low) {
                break;
            }
            i += 1;
        }
        if count >= 2 {
            for j in start..=last {
                if rule[j].is_none() {
                    rule[j] = Some("teaser-list");
                    class[j] = Class::Bad;
                }
            }
        }
        i = last + 1;
    }

    mark_zones(items, &mut rule, &mut class);
    let hard: Vec<bool> = rule.iter().map(Option::is_some).collect();

    // Furniture embedded in an article (a caption, an advert label) does
    // not cut the text around it in two. (Metadata lines and share bars do
    // not count: they mostly frame the article, and bridging them lets
    // teasers before and after it in.)
    let transparent: Vec<bool> = rule
        .iter()
        .map(|r| {
            r.is_some_and(|r| matches!(r, "parser:caption" | "lexicon:caption" | "lexicon:advert"))
        })
        .collect();
    promote_near_good_runs(items, &mut class, &transparent, t);

    // Stage 2: context smoothing (jusText): short blocks take their
    // neighbours' class, near-good ones stay unless both neighbours are bad.
    let original = class.clone();
    let neighbour = |i: usize, dir: isize, skip_near: bool| -> Class {
        let mut j = i as isize + dir;
        while j >= 0 && (j as usize) < n {
            if transparent[j as usize] {
                j += dir;
                continue;
            }
            let c = original[j as usize];
            if c == Class::Good || c == Class::Bad || (c == Class::NearGood && !skip_near) {
                return c;
            }
            j += dir;
        }
        Class::Bad
    };
    for i in 0..n {
        if hard[i] || original[i] != Class::Short {
            continue;
        }
        let (p, nx) = (neighbour(i, -1, true), neighbour(i, 1, true));
        class[i] = if p == Class::Good && nx == Class::Good {
            Class::Good
        } else if p == Class::Bad && nx == Class::Bad {
            Class::Bad
        } else if (p == Class::Bad && neighbour(i, -1, false) == Class::NearGood)
            || (nx == Class::Bad && neighbour(i, 1, false) == Class::NearGood)
        {
            Class::Good
        } else {
            Class::Bad
        };
    }
    for i in 0..n {
        if original[i] == Class::NearGood {
            let (p, nx) = (neighbour(i, -1, true), neighbour(i, 1, true));
            class[i] = if p == Class::Bad && nx == Class::Bad { Class::Bad } else { Class::Good };
        }
    }

    // Subheadings: a heading-shaped block followed closely by good text and
    // preceded by some (the lines before the first paragraph are the page's
    // headline and furniture, not the article's subheadings).
    let mut seen_good = false;
    let mut heading = vec![false; n];
    for i in 0..n {
        if class[i] == Class::Good && original[i] == Class::Good {
            seen_good = true;
        }
        let f = items[i].features;
        if hard[i] || !seen_good || f.ends_sentence || f.bullet || f.length_words() == 0 || f.length_words() > 15 {
            continue;
        }
        // Inside the article: the text just before it is good too.
        let before = (0..i).rev().find(|&j| !transparent[j]);
        if !before.is_some_and(|j| class[j] == Class::Good) {
            continue;
        }
        let mut dist = 0;
        for j in i + 1..n {
            if original[j] == Class::Good && class[j] == Class::Good {
                class[i] = Class::Good;
                heading[i] = true;
                break;
            }
            dist += items[j].features.chars;
            if hard[j] || dist > t.heading_distance {
                break;
            }
        }
    }

    let region = main_regions(items, &class, &hard);

    (0..n)
        .map(|i| {
            let f = items[i].features;
            let removed = if let Some(r) = rule[i] {
                Some(r)
            } else if class[i] != Class::Good {
                Some(match original[i] {
                    Class::Short => "short",
                    Class::NearGood => "near-good-between-bad",
                    _ => "low-stopword-density",
                })
            } else if !region[i] {
                Some("outside-main-text")
            } else {
                None
            };
            let kind = match items[i].kind {
                k @ (BlockKind::Heading | BlockKind::ListItem) => k,
                _ if f.bullet => BlockKind::ListItem,
                _ if heading[i] => BlockKind::Heading,
                _ if removed.is_none() => BlockKind::Paragraph,
                k => k,
            };
            Verdict { removed, kind }
        })
        .collect()
}

/// Short articles are written in short paragraphs: a run of near-good blocks
/// (short lines allowed between them) with enough text in all is prose,
/// though no single block is long enough to be "good" on its own.
fn promote_near_good_runs(items: &[Item], class: &mut [Class], transparent: &[bool], t: &Thresholds) {
    let n = items.len();
    let mut best: Option<(usize, usize, usize)> = None;
    let mut i = 0;
    while i < n {
        if class[i] != Class::NearGood && class[i] != Class::Good {
            i += 1;
            continue;
        }
        let start = i;
        let (mut near, mut chars, mut last) = (0, 0, i);
        while i < n {
            if transparent[i] {
                i += 1;
                continue;
            }
            match class[i] {
                Class::NearGood | Class::Good => {
                    near += usize::from(class[i] == Class::NearGood);
                    chars += items[i].features.chars;
                    last = i;
                }
                Class::Short if i > last + 1 => break,
                Class::Short => {}
                Class::Bad => break,
            }
            i += 1;
        }
        if near >= 2 && chars >= 2 * t.length_high {
            promote(&mut class[start..=last]);
        } else if best.is_none_or(|(c, _, _)| chars > c) {
            best = Some((chars, start, last));
        }
        i = last + 1;
    }
    // A page with no good block at all: its best run of near-good text is
    // the article (a short item is still an article).
    if !class.contains(&Class::Good)
        && let Some((chars, start, last)) = best
            && chars >= t.length_low * 2 {
                promote(&mut class[start..=last]);
            }
}

fn promote(class: &mut [Class]) {
    for c in class {
        if *c == Class::NearGood {
            *c = Class::Good;
        }
    }
}

fn initial_class(f: &Features, reference: Option<f64>, t: &Thresholds) -> Class {
    // Scripts without spaces have no countable stopwords: shape only.
    let reference = reference.filter(|_| f.unspaced * 2 < f.chars);
    let Some(reference) = reference else {
        // No stopword list (or a script without spaces): sentence shape only.
        let len = f.chars;
        return if len >= t.length_high / 2 && f.sentence_ends + f.commas >= 2 {
            Class::Good
        } else if len >= t.length_low / 2 && f.sentence_ends >= 1 {
            Class::NearGood
        } else if len < t.length_low / 2 {
            Class::Short
        } else {
            Class::Bad
        };
    };
    // Sentence shape backs up a low count of stopwords: names and numbers
    // crowd them out of news prose, never out of its punctuation.
    let shaped = f.ends_sentence && f.words >= 10 && (f.commas >= 1 || f.sentence_ends >= 2);
    let density = if shaped { f.stop_density() * 1.25 } else { f.stop_density() };
    if f.chars < t.length_low {
        // A short sentence in the document's prose register (a one-line
        // paragraph) is weak evidence of text, not a mere short line.
        if f.ends_sentence && f.words >= 5 && density >= reference * t.stop_high {
            Class::NearGood
        } else {
            Class::Short
        }
    } else if density >= reference * t.stop_high {
        if f.chars > t.length_high { Class::Good } else { Class::NearGood }
    } else if density >= reference * t.stop_low {
        Class::NearGood
    } else if f.ends_sentence && f.words >= 10 && density >= reference * t.stop_low * SENTENCE_RESCUE {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// A full sentence of ten words or more is near-good down to this share
/// of the low stopword bar, not bad: a closing line such as "Workers will
/// be paid during their notice period." or a Turkish, Indonesian or
/// Ukrainian paragraph of names and figures falls below the bar, and a bad
/// block is never rescued by its neighbours, a near-good one is when one
/// of them is article text. Extraction F1 0.9068 -> 0.9078; wmt-news
/// families 0.958 -> 0.961.
const SENTENCE_RESCUE: f64 = 0.5;

/// A label such as "Related posts", "Comments" or "Newsletter" after some
/// article text opens a zone: its items (teaser titles with their
/// summaries, comments, forms) are removed until article prose resumes,
/// i.e. two running good blocks not introduced by a title-like line.
fn mark_zones(items: &[Item], rule: &mut [Option<&'static str>], class: &mut [Class]) {
    let n = items.len();
    let mut text_before = 0usize;
    let mut i = 0;
    while i < n {
        let f = items[i].features;
        // A copyright notice after the article is the page's footer:
        // nothing after it is article text. It carries a year ("© 2019
        // Example Media") or is the bare footer link "Copyright"; a photo
        // credit ("Copyright: AFP") inside an article is neither.
        if f.label == Some(crate::lexicon::Label::Copyright) && (f.digits >= 4 || f.words == 1) && text_before > 0 {
            for j in i + 1..n {
                if rule[j].is_none() {
                    rule[j] = Some("zone:footer");
                    class[j] = Class::Bad;
                }
            }
            return;
        }
        let opens = f.label.is_some_and(|l| l.opens_zone()) && text_before > 0;
        if class[i] == Class::Good {
            text_before += 1;
        }
        if !opens {
            i += 1;
            continue;
        }
        let zone_rule = match f.label {
            Some(crate::lexicon::Label::Comments) => "zone:comments",
            Some(crate::lexicon::Label::Newsletter) => "zone:newsletter",
            _ => "zone:related",
        };
        let mut j = i + 1;
        while j < n {
            let fj = items[j].features;
            if fj.label.is_some_and(|l| l.opens_zone()) {
                break;
            }
            let prose = |k: usize| {
                let f = items[k].features;
                matches!(class[k], Class::Good | Class::NearGood) && f.ends_sentence && !f.bullet
            };
            let resumes = zone_rule != "zone:comments" && j + 1 < n && prose(j) && prose(j + 1) && !title_like(items[j - 1].features);
            if resumes {
                break;
            }
            if rule[j].is_none() {
                rule[j] = Some(zone_rule);
                class[j] = Class::Bad;
            }
            j += 1;
        }
        i = j;
    }
}

/// The runs of blocks with the largest score, good text counting for its
/// length and everything else against it: the best run, then the best runs
/// left and right of it while they still hold a fair share of text (an
/// article split by a long embedded list is one article).
fn main_regions(items: &[Item], class: &[Class], hard: &[bool]) -> Vec<bool> {
    let scores: Vec<i64> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let chars = item.features.chars as i64;
            match (class[i], hard[i]) {
                (Class::Good, _) => chars,
                (_, true) => -(chars.min(200) / 4) - 10,
                _ => -(chars.min(200) / 2) - 20,
            }
        })
        .collect();
    let mut inside = vec![false; items.len()];
    let Some((best, s, e)) = best_run(&scores, 0, items.len()) else { return inside };
    let floor = (best * 5 / 10).max(300);
    let mut todo = vec![(0, s), (e, items.len())];
    inside[s..e].iter_mut().for_each(|x| *x = true);
    while let Some((lo, hi)) = todo.pop() {
        if let Some((score, s, e)) = best_run(&scores, lo, hi)
            && score >= floor {
                inside[s..e].iter_mut().for_each(|x| *x = true);
                todo.push((lo, s));
                todo.push((e, hi));
            }
    }
    inside
}

/// Kadane's maximum-sum run within `lo..hi`: (score, start, end).
fn best_run(scores: &[i64], lo: usize, hi: usize) -> Option<(i64, usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut cur = 0i64;
    let mut start = lo;
    for (k, &score) in scores[lo..hi].iter().enumerate() {
        let i = lo + k;
        if cur <= 0 {
            cur = 0;
            start = i;
        }
        cur += score;
        if cur > 0 && best.is_none_or(|b| cur > b.0) {
            best = Some((cur, start, i + 1));
        }
    }
    best
}
