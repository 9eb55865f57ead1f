//! Verification by monotone alignment: the anchors two versions share must
//! occur in the same order in both (a translation keeps the order of its
//! facts; an independent report of the same event does not). The heaviest
//! increasing chain of shared anchors is a weighted longest increasing
//! subsequence, O(m log m) in the number of match points.

/// A document's anchors grouped by key: `(key, ordinal positions)`, sorted by key.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub groups: Vec<(u64, Vec<u32>)>,
    /// Per group: every occurrence is a weak anchor, which counts in the
    /// norm only when the other document shares the key.
    pub weak: Vec<bool>,
    /// Anchor count (ordinals run 0..len).
    pub len: u32,
}

impl Profile {
    /// Groups keys given in text order, each with whether it is weak.
    pub fn new(keys: impl IntoIterator<Item = (u64, bool)>) -> Profile {
        let mut pairs: Vec<(u64, u32, bool)> = keys.into_iter().enumerate().map(|(i, (k, w))| (k, i as u32, w)).collect();
        let len = pairs.len() as u32;
        pairs.sort_unstable();
        let mut groups: Vec<(u64, Vec<u32>)> = Vec::new();
        let mut weak: Vec<bool> = Vec::new();
        for (k, i, w) in pairs {
            match (groups.last_mut(), weak.last_mut()) {
                (Some((last, v)), Some(lw)) if *last == k => {
                    v.push(i);
                    *lw &= w;
                }
                _ => {
                    groups.push((k, vec![i]));
                    weak.push(w);
                }
            }
        }
        Profile { groups, weak, len }
    }

    /// The vector norm under log term frequency over the strong keys:
    /// what a chain's weight is divided by (with the shared weak keys, see [`chain`]).
    pub fn norm(&self, weight: impl Fn(u64) -> f64) -> f64 {
        self.groups.iter().zip(&self.weak).filter(|(_, w)| !**w).map(|((k, v), _)| (weight(*k) * tf(v.len())).powi(2)).sum::<f64>().sqrt()
    }
}

/// A chain and what the shared weak keys add to each side's squared norm.
pub struct Chain {
    pub weight: f64,
    pub points: Vec<(u32, u32)>,
    pub weak_a: f64,
    pub weak_b: f64,
}

fn tf(count: usize) -> f64 {
    1.0 + (count.max(1) as f64).ln()
}

/// Occurrences paired per key before falling back to rank-proportional pairing.
const MAX_FULL_PAIRS: usize = 36;

/// The heaviest chain of shared anchors increasing in both documents:
/// total weight and the chain's `(ordinal in a, ordinal in b)` points.
/// Each key can contribute at most `w²·(1 + ln m)` for `m` = the smaller
/// count, so the weight divided by both norms is at most 1 (a cosine that
/// only counts anchors in agreeing order).
pub fn chain(a: &Profile, b: &Profile, weight: impl Fn(u64) -> f64) -> Chain {
    let mut points: Vec<(u32, u32, f64)> = Vec::new();
    let (mut weak_a, mut weak_b) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    while i < a.groups.len() && j < b.groups.len() {
        let (ka, pa) = &a.groups[i];
        let (kb, pb) = &b.groups[j];
        match ka.cmp(kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = weight(*ka);
                if a.weak[i] {
                    weak_a += (w * tf(pa.len())).powi(2);
                }
                if b.weak[j] {
                    weak_b += (w * tf(pb.len())).powi(2);
                }
                let m = pa.len().min(pb.len());
                let pw = w * w * tf(m) / m as f64;
                if pa.len() * pb.len() <= MAX_FULL_PAIRS {
                    for &x in pa {
                        for &y in pb {
                            points.push((x, y, pw));
                        }
                    }
                } else {
                    // Pair each occurrence with its rank-proportional partners.
                    let (na, nb) = (pa.len(), pb.len());
                    for (r, &x) in pa.iter().enumerate() {
                        let c = r * nb / na;
                        for y in pb.iter().take(c + 2).skip(c.saturating_sub(1)) {
                            points.push((x, *y, pw));
                        }
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    let (weight, points) = heaviest_increasing(points, b.len);
    Chain { weight, points, weak_a, weak_b }
}

/// Weighted LIS over points sorted by `a` (ties by `b` descending so one
/// `a` ordinal is used once), strictly increasing in `b`.
fn heaviest_increasing(mut points: Vec<(u32, u32, f64)>, b_len: u32) -> (f64, Vec<(u32, u32)>) {
    if points.is_empty() {
        return (0.0, Vec::new());
    }
    points.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    // Fenwick tree over b ordinals holding (best chain weight, point index).
    let n = b_len as usize + 1;
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); n + 1];
    let mut best_at: Vec<f64> = vec![0.0; points.len()];
    let mut prev: Vec<usize> = vec![usize::MAX; points.len()];
    let (mut top, mut top_at) = (0.0, usize::MAX);
    for (p, &(_, y, w)) in points.iter().enumerate() {
        // Best chain ending at a b ordinal < y.
        let mut q = y as usize;
        let mut best = (0.0, usize::MAX);
        while q > 0 {
            if tree[q].0 > best.0 {
                best = tree[q];
            }
            q &= q - 1;
        }
        let total = best.0 + w;
        best_at[p] = total;
        prev[p] = best.1;
        if total > top {
            (top, top_at) = (total, p);
        }
        let mut q = y as usize + 1;
        while q <= n {
            if total > tree[q].0 {
                tree[q] = (total, p);
            }
            q += q & q.wrapping_neg();
        }
    }
    let mut out = Vec::new();
    let mut p = top_at;
    while p != usize::MAX {
        out.push((points[p].0, points[p].1));
        p = prev[p];
    }
    out.reverse();
    (top, out)
}
