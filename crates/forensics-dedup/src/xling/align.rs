//! Verification by monotone alignment: the anchors two versions share must
//! occur in the same order in both (a translation keeps the order of its
//! facts; an independent report of the same event does not). The heaviest
//! increasing chain of shared anchors is a weighted longest increasing
//! subsequence, O(m log m) in the number of match points.

/// Ordinals (anchor numbers in text order): two bytes each for a document
/// of fewer than 65,536 anchors (all but very long ones), four otherwise.
/// Held for every anchor of every document of a corpus at once, they were
/// the largest part of the stage's memory.
#[derive(Debug, Clone)]
enum Ordinals {
    Narrow(Box<[u16]>),
    Wide(Box<[u32]>),
}

impl Default for Ordinals {
    fn default() -> Self {
        Ordinals::Narrow(Box::default())
    }
}

impl Ordinals {
    fn new(values: Vec<u32>, max: u32) -> Ordinals {
        match u16::try_from(max) {
            Ok(_) => Ordinals::Narrow(values.into_iter().map(|v| v as u16).collect()),
            Err(_) => Ordinals::Wide(values.into()),
        }
    }

    fn get(&self, i: usize) -> Option<u32> {
        match self {
            Ordinals::Narrow(v) => v.get(i).map(|&x| u32::from(x)),
            Ordinals::Wide(v) => v.get(i).copied(),
        }
    }

    fn slice(&self, start: usize, end: usize) -> Slice<'_> {
        match self {
            Ordinals::Narrow(v) => Slice::Narrow(v.get(start..end).unwrap_or(&[])),
            Ordinals::Wide(v) => Slice::Wide(v.get(start..end).unwrap_or(&[])),
        }
    }
}

/// The ordinals of one group.
#[derive(Clone, Copy)]
pub enum Slice<'a> {
    Narrow(&'a [u16]),
    Wide(&'a [u32]),
}

impl Slice<'_> {
    pub fn len(&self) -> usize {
        match self {
            Slice::Narrow(v) => v.len(),
            Slice::Wide(v) => v.len(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (narrow, wide): (&[u16], &[u32]) = match self {
            Slice::Narrow(v) => (v, &[]),
            Slice::Wide(v) => (&[], v),
        };
        narrow.iter().map(|&x| u32::from(x)).chain(wide.iter().copied())
    }
}

/// A document's anchors grouped by key, sorted by key: group `g` is key
/// `keys[g]` at the ordinal positions `ordinals[ends[g - 1]..ends[g]]`.
/// Flat arrays, not a vector per group: held for every document of a
/// corpus at once, so a few allocations each. Keys are the anchors' hashes
/// (`u64`) while a corpus is read, then their rank among its distinct keys
/// (`u32`, see [`Profile::rekey`]).
#[derive(Debug, Clone, Default)]
pub struct Profile<K = u32> {
    pub keys: Box<[K]>,
    ends: Ordinals,
    ordinals: Ordinals,
    /// Per group: every occurrence is a weak anchor, which counts in the
    /// norm only when the other document shares the key.
    pub weak: Box<[bool]>,
    /// Anchor count (ordinals run 0..len).
    pub len: u32,
}

impl<K: Ord + Copy> Profile<K> {
    /// Groups keys given in text order, each with whether it is weak.
    pub fn new(keys: impl IntoIterator<Item = (K, bool)>) -> Profile<K> {
        let mut pairs: Vec<(K, u32, bool)> = keys.into_iter().enumerate().map(|(i, (k, w))| (k, i as u32, w)).collect();
        let len = pairs.len() as u32;
        pairs.sort_unstable();
        let mut keys: Vec<K> = Vec::new();
        let mut ends: Vec<u32> = Vec::new();
        let mut weak: Vec<bool> = Vec::new();
        let ordinals: Vec<u32> = pairs.iter().map(|p| p.1).collect();
        for (n, &(k, _, w)) in pairs.iter().enumerate() {
            match (keys.last(), weak.last_mut(), ends.last_mut()) {
                (Some(&last), Some(lw), Some(end)) if last == k => {
                    *lw &= w;
                    *end = n as u32 + 1;
                }
                _ => {
                    keys.push(k);
                    weak.push(w);
                    ends.push(n as u32 + 1);
                }
            }
        }
        Profile { keys: keys.into(), ends: Ordinals::new(ends, len), ordinals: Ordinals::new(ordinals, len.saturating_sub(1)), weak: weak.into(), len }
    }

    /// The same profile under other keys; `id` must keep their order.
    pub fn rekey<J>(self, id: impl Fn(K) -> J) -> Profile<J> {
        Profile { keys: self.keys.iter().map(|&k| id(k)).collect(), ends: self.ends, ordinals: self.ordinals, weak: self.weak, len: self.len }
    }

    /// Ordinal positions of group `g`, in text order.
    pub fn positions(&self, g: usize) -> Slice<'_> {
        let start = if g == 0 { 0 } else { self.ends.get(g - 1).unwrap_or(0) as usize };
        let end = self.ends.get(g).unwrap_or(0) as usize;
        self.ordinals.slice(start, end)
    }

    /// The vector norm under log term frequency over the strong keys:
    /// what a chain's weight is divided by (with the shared weak keys, see [`chain`]).
    pub fn norm(&self, weight: impl Fn(K) -> f64) -> f64 {
        (0..self.keys.len()).filter(|&g| !self.weak[g]).map(|g| (weight(self.keys[g]) * tf(self.positions(g).len())).powi(2)).sum::<f64>().sqrt()
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
pub fn chain<K: Ord + Copy>(a: &Profile<K>, b: &Profile<K>, weight: impl Fn(K) -> f64) -> Chain {
    let mut points: Vec<(u32, u32, f64)> = Vec::new();
    let (mut weak_a, mut weak_b) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    while i < a.keys.len() && j < b.keys.len() {
        let (ka, pa) = (&a.keys[i], a.positions(i));
        let (kb, pb) = (&b.keys[j], b.positions(j));
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
                    for x in pa.iter() {
                        for y in pb.iter() {
                            points.push((x, y, pw));
                        }
                    }
                } else {
                    // Pair each occurrence with its rank-proportional partners.
                    let (na, nb) = (pa.len(), pb.len());
                    for (r, x) in pa.iter().enumerate() {
                        let c = r * nb / na;
                        for y in pb.iter().take(c + 2).skip(c.saturating_sub(1)) {
                            points.push((x, y, pw));
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
