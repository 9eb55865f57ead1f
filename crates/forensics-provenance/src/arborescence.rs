//! Maximum-weight spanning arborescence (Chu–Liu/Edmonds): parents are chosen
//! for the whole family at once, so a copy of a copy hangs under the copy and
//! two translations of one original end up siblings.

#[derive(Debug, Clone, Copy)]
struct Edge {
    u: usize,
    v: usize,
    w: f64,
    /// Index of the edge one level up (the caller's list).
    up: usize,
}

/// The parent of every node in the best arborescence rooted at `root`, or
/// `None` when some node cannot be reached. `edges` are `(from, to, weight)`.
/// Ties go to the edge listed first, so the result is deterministic.
pub fn max_arborescence(n: usize, root: usize, edges: &[(usize, usize, f64)]) -> Option<Vec<Option<usize>>> {
    let level: Vec<Edge> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.0 < n && e.1 < n && e.2.is_finite())
        .map(|(i, &(u, v, w))| Edge { u, v, w, up: i })
        .collect();
    let chosen = solve(n, root, &level)?;
    let mut parent = vec![None; n];
    for i in chosen {
        let e = level[i];
        parent[e.v] = Some(e.u);
    }
    Some(parent)
}

/// Indices into `edges` of the chosen edges, one per non-root node.
fn solve(n: usize, root: usize, edges: &[Edge]) -> Option<Vec<usize>> {
    let mut best: Vec<Option<usize>> = vec![None; n];
    for (i, e) in edges.iter().enumerate() {
        if e.v == root || e.u == e.v {
            continue;
        }
        if best[e.v].is_none_or(|j| e.w > edges[j].w) {
            best[e.v] = Some(i);
        }
    }
    let mut inc = vec![0usize; n];
    for v in 0..n {
        if v != root {
            inc[v] = best[v]?;
        }
    }
    // Find the cycles among the chosen edges.
    const NONE: usize = usize::MAX;
    let mut cycle = vec![NONE; n];
    let mut seen = vec![NONE; n];
    let mut cycles = 0;
    for s in 0..n {
        let mut v = s;
        while v != root && seen[v] == NONE {
            seen[v] = s;
            v = edges[inc[v]].u;
        }
        if v != root && seen[v] == s && cycle[v] == NONE {
            let mut x = v;
            loop {
                cycle[x] = cycles;
                x = edges[inc[x]].u;
                if x == v {
                    break;
                }
            }
            cycles += 1;
        }
    }
    if cycles == 0 {
        return Some((0..n).filter(|&v| v != root).map(|v| inc[v]).collect());
    }
    // Contract every cycle into one node and solve the smaller problem.
    let mut map = vec![0usize; n];
    let mut next = cycles;
    for v in 0..n {
        map[v] = if cycle[v] == NONE {
            next += 1;
            next - 1
        } else {
            cycle[v]
        };
    }
    let contracted: Vec<Edge> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| map[e.u] != map[e.v])
        .map(|(i, e)| {
            let w = if cycle[e.v] == NONE { e.w } else { e.w - edges[inc[e.v]].w };
            Edge { u: map[e.u], v: map[e.v], w, up: i }
        })
        .collect();
    let sub = solve(next, map[root], &contracted)?;
    let mut out = Vec::with_capacity(n);
    let mut entered = vec![NONE; n];
    for j in sub {
        let i = contracted[j].up;
        out.push(i);
        entered[edges[i].v] = i;
    }
    for v in 0..n {
        if v != root && cycle[v] != NONE && entered[v] == NONE {
            out.push(inc[v]);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(n: usize, root: usize, edges: &[(usize, usize, f64)], want: &[Option<usize>]) {
        assert_eq!(max_arborescence(n, root, edges).as_deref(), Some(want));
    }

    #[test]
    fn chain_beats_star_when_the_chain_is_heavier() {
        // 0 → 1 → 2 (a copy of a copy) against 0 → 2.
        check(3, 0, &[(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.5), (2, 1, 0.8)], &[None, Some(0), Some(1)]);
    }

    #[test]
    fn contracts_a_cycle() {
        // 1 and 2 prefer each other; the cycle must be broken where 0 enters most cheaply.
        let e = [(0, 1, 0.3), (0, 2, 0.1), (1, 2, 1.0), (2, 1, 1.0), (2, 3, 0.5), (0, 3, 0.2)];
        check(4, 0, &e, &[None, Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn unreachable_is_none() {
        assert_eq!(max_arborescence(3, 0, &[(0, 1, 1.0)]), None);
    }

    #[test]
    fn nested_cycles() {
        let e = [(0, 1, 1.0), (1, 2, 5.0), (2, 3, 5.0), (3, 1, 5.0), (3, 4, 5.0), (4, 3, 6.0), (0, 4, 0.5)];
        let got = max_arborescence(5, 0, &e).unwrap_or_default();
        // The optimum enters through 4: 0→4, 4→3, 3→1, 1→2 = 16.5 (beats 0→1, 1→2, 2→3, 3→4 = 16).
        let w: f64 = (1..5).map(|v| e.iter().find(|x| Some(x.0) == got[v] && x.1 == v).map_or(f64::NAN, |x| x.2)).sum();
        assert_eq!(w, 16.5);
    }
}
