//! Passage alignment by greedy string tiling (Wise 1993; used by the METER
//! journalism text-reuse study): take the longest common run of tokens not
//! yet tiled, then the next, down to a minimum length. Runs are reported as
//! byte spans into each document's clean text.

use crate::Passage;
use crate::normalize::{Token, with_tokens};
use forensics_parse::Span;

/// Aligned passages of two clean texts, ordered by their position in `a`.
pub fn align(text_a: &str, text_b: &str, min_len: usize, seed: u64) -> Vec<Passage> {
    with_tokens(text_a, seed, |ta| {
        with_tokens(text_b, seed, |tb| {
            tiles(ta, tb, min_len.max(1))
                .into_iter()
                .map(|(i, j, n)| Passage {
                    a: Span::new(ta[i].start as usize, ta[i + n - 1].end as usize),
                    b: Span::new(tb[j].start as usize, tb[j + n - 1].end as usize),
                })
                .collect()
        })
    })
}

/// Tiles `(i, j, len)`: token runs `a[i..i+len] == b[j..j+len]`, disjoint in both.
pub fn tiles(a: &[Token], b: &[Token], min_len: usize) -> Vec<(usize, usize, usize)> {
    if a.len() < min_len || b.len() < min_len {
        return Vec::new();
    }
    // Seed matches through an index of b's min_len-grams (Karp–Rabin style),
    // then extend: this is the usual fast form of greedy string tiling.
    let key = |t: &[Token]| t.iter().fold(0u64, |h, x| h.rotate_left(5) ^ x.hash);
    // Sorted (key, position) pairs: one allocation, positions ascending per key.
    let mut index: Vec<(u64, u32)> = (0..=b.len() - min_len).map(|j| (key(&b[j..j + min_len]), j as u32)).collect();
    index.sort_unstable();
    // Every maximal common run (one that cannot be extended to the left),
    // longest first: the tiles greedy string tiling would take, found in
    // one pass instead of one scan of `a` per tile.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..=a.len() - min_len {
        let k = key(&a[i..i + min_len]);
        let from = index.partition_point(|e| e.0 < k);
        for &(_, j) in index[from..].iter().take_while(|e| e.0 == k) {
            let j = j as usize;
            if i > 0 && j > 0 && a[i - 1].hash == b[j - 1].hash {
                continue;
            }
            let mut n = 0;
            while i + n < a.len() && j + n < b.len() && a[i + n].hash == b[j + n].hash {
                n += 1;
            }
            if n >= min_len {
                runs.push((n, i, j));
            }
        }
    }
    runs.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    for (n, i, j) in runs {
        // A run overlapping a longer tile keeps its longest untiled stretch.
        let mut best: Option<(usize, usize)> = None;
        let mut k = 0;
        while k < n {
            if used_a[i + k] || used_b[j + k] {
                k += 1;
                continue;
            }
            let s = k;
            while k < n && !used_a[i + k] && !used_b[j + k] {
                k += 1;
            }
            if k - s >= min_len && best.is_none_or(|(_, l)| k - s > l) {
                best = Some((s, k - s));
            }
        }
        if let Some((s, l)) = best {
            used_a[i + s..i + s + l].iter_mut().for_each(|u| *u = true);
            used_b[j + s..j + s + l].iter_mut().for_each(|u| *u = true);
            out.push((i + s, j + s, l));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_shared_runs_as_spans() {
        let a = "One two three four five six. Seven eight nine ten eleven twelve.";
        let b = "Intro words here. seven eight nine ten eleven twelve and one two three four five six";
        let ps = align(a, b, 4, 1);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].a.slice(a), "One two three four five six");
        assert_eq!(ps[0].b.slice(b), "one two three four five six");
        assert_eq!(ps[1].a.slice(a), "Seven eight nine ten eleven twelve");
        assert!(align(a, "nothing in common", 4, 1).is_empty());
    }
}
