//! A fixed table from short byte strings (folded words, lexicon patterns)
//! to a value, built once from the crate's data files. Looked up once per
//! word of every page, so it is made for that: one multiply per eight bytes
//! to hash, open addressing in one flat array, keys in one arena, no
//! allocation and no UTF-8 checks per look-up. Never used for anything
//! stored or compared across runs.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of a key: fx-style over eight-byte words, with the length mixed
/// in so "a" and "a\0" differ.
#[inline]
pub fn hash(key: &[u8]) -> u64 {
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // (A byte loop: a variable-length copy calls memcpy, which costs
        // more than the rest of the look-up of a short word.)
        let mut w = 0u64;
        for (k, &b) in rest.iter().enumerate() {
            w |= u64::from(b) << (8 * k);
        }
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    h
}

/// [`hash`] of the lower case of `key`, a run of ASCII letters and digits
/// (eight bytes lower-cased at a time, no copy).
#[inline]
pub fn hash_ascii_lower(key: &[u8]) -> u64 {
    // Bytes below 0x80: adding 0x3F sets a byte's top bit from 'A' up,
    // adding 0x25 from '[' up; no carry leaves a byte.
    let lower = |w: u64| w | ((w.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !w.wrapping_add(0x2525_2525_2525_2525) & 0x8080_8080_8080_8080) >> 2);
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ lower(u64::from_le_bytes(w))).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = 0u64;
        for (k, &b) in rest.iter().enumerate() {
            w |= u64::from(b.to_ascii_lowercase()) << (8 * k);
        }
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    h
}

/// [`hash_ascii_lower`] of `buf[start..end]`: a word of at most eight bytes
/// is read with the bytes after it in one load and masked when `buf` goes
/// on (most words are that short, and were gathered byte by byte).
#[inline]
pub fn hash_ascii_lower_at(buf: &[u8], start: usize, end: usize) -> u64 {
    let len = end.wrapping_sub(start);
    if (1..=8).contains(&len)
        && let Some(c) = buf.get(start..start + 8)
    {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len));
        // (The masked bytes are 0: the lower-casing leaves them 0.)
        let lower = w | ((w.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !w.wrapping_add(0x2525_2525_2525_2525) & 0x8080_8080_8080_8080) >> 2);
        return ((len as u64).rotate_left(5) ^ lower).wrapping_mul(K);
    }
    buf.get(start..end).map_or(0, hash_ascii_lower)
}

#[derive(Clone, Copy)]
struct Slot<V> {
    /// Offset of the key in the arena (high 24 bits) and its length (low 8).
    at: u32,
    value: V,
}

/// Sixteen bits of the hash that the index does not use, never 0 (0 marks
/// an empty slot).
#[inline]
fn tag(hash: u64) -> u16 {
    (hash >> 32) as u16 | 1
}

impl<V> Slot<V> {
    fn range(&self) -> std::ops::Range<usize> {
        let start = (self.at >> 8) as usize;
        start..start + (self.at & 0xff) as usize
    }
}

/// Byte-string keys to values of type `V`.
pub struct Table<V> {
    /// One tag per slot, apart from the slots: a look-up of a word that is
    /// not in the table (most of them) reads only this array, two bytes a
    /// slot, which stays in the core's first-level cache.
    tags: Vec<u16>,
    slots: Vec<Slot<V>>,
    mask: usize,
    /// The index is the hash's top bits (a multiply mixes into the high
    /// bits; the low ones depend on the first bytes only).
    shift: u32,
    arena: Vec<u8>,
    /// The longest key: longer look-ups miss without hashing.
    max_len: usize,
}

impl<V: Copy + Default> Table<V> {
    /// A table of `entries`; a key given twice keeps the value `merge`
    /// makes of the old and the new one.
    pub fn build<'a>(entries: impl IntoIterator<Item = (&'a [u8], V)>, merge: impl Fn(V, V) -> V) -> Table<V> {
        let entries: Vec<(&[u8], V)> = entries.into_iter().collect();
        // At most half full: probes stay short, and the table small
        // enough to stay in the core's cache.
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let empty = Slot { at: 0, value: V::default() };
        let shift = 64 - size.trailing_zeros();
        let mut t = Table { tags: vec![0; size], slots: vec![empty; size], mask: size - 1, shift, arena: Vec::new(), max_len: 0 };
        for (key, value) in entries {
            // Keys are words and short phrases; the arena is far below 16 MB.
            if key.len() > 0xff || t.arena.len() >= 1 << 24 {
                continue;
            }
            let h = hash(key);
            let mut i = t.index(h);
            loop {
                let slot = t.slots[i];
                if t.tags[i] == 0 {
                    t.tags[i] = tag(h);
                    t.slots[i] = Slot { at: ((t.arena.len() as u32) << 8) | key.len() as u32, value };
                    t.arena.extend_from_slice(key);
                    t.max_len = t.max_len.max(key.len());
                    break;
                }
                if t.key(slot) == key {
                    t.slots[i].value = merge(slot.value, value);
                    break;
                }
                i = (i + 1) & t.mask;
            }
        }
        // Eight bytes past the last key: every key's first eight bytes
        // can be read in one load (see [`Table::probe_short`]).
        t.arena.extend_from_slice(&[0; 8]);
        t
    }

    #[inline]
    fn index(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize & self.mask
    }

    fn key(&self, slot: Slot<V>) -> &[u8] {
        self.arena.get(slot.range()).unwrap_or(&[])
    }

    /// The value under `key`, if any.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<V> {
        if key.len() > self.max_len {
            return None;
        }
        self.probe(hash(key), key)
    }

    /// [`Table::get`] of `buf[start..end]`. A key of up to eight bytes
    /// with eight bytes of `buf` from `start` is read in one load (the
    /// bytes after it masked off) instead of a byte loop: words are short.
    #[inline(always)]
    pub fn get_in(&self, buf: &[u8], start: usize, end: usize) -> Option<V> {
        let len = end.wrapping_sub(start);
        if len > self.max_len || len == 0 || len > 8 {
            return buf.get(start..end).and_then(|k| self.get(k));
        }
        let Some(chunk) = buf.get(start..start + 8) else { return buf.get(start..end).and_then(|k| self.get(k)) };
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len));
        // (What [`hash`] computes for a key of one to eight bytes.)
        let h = ((len as u64).rotate_left(5) ^ w).wrapping_mul(K);
        self.probe_short(h, w, len)
    }

    /// [`Table::probe`] for a key of one to eight bytes given as the
    /// little-endian `w`: a candidate slot's key is compared in one load
    /// (the arena is padded), not byte by byte.
    #[inline(always)]
    fn probe_short(&self, h: u64, w: u64, len: usize) -> Option<V> {
        let want = tag(h);
        let mask = u64::MAX >> (64 - 8 * len);
        let mut i = self.index(h);
        loop {
            let t = self.tags[i];
            if t == 0 {
                return None;
            }
            if t == want {
                let slot = self.slots[i];
                let r = slot.range();
                if r.len() == len
                    && let Some(k) = self.arena.get(r.start..r.start + 8)
                {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(k);
                    if u64::from_le_bytes(b) & mask == w {
                        return Some(slot.value);
                    }
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline(always)]
    fn probe(&self, h: u64, key: &[u8]) -> Option<V> {
        let want = tag(h);
        let mut i = self.index(h);
        loop {
            let t = self.tags[i];
            if t == 0 {
                return None;
            }
            if t == want {
                let slot = self.slots[i];
                if same(self.key(slot), key) {
                    return Some(slot.value);
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The mean number of slots a hit looks at (1.0 is perfect).
    #[cfg(test)]
    pub fn mean_probes(&self) -> f64 {
        let mut total = 0;
        let mut n = 0;
        for (key, _) in self.iter() {
            let mut i = self.index(hash(key));
            total += 1;
            while self.key(self.slots[i]) != key {
                i = (i + 1) & self.mask;
                total += 1;
            }
            n += 1;
        }
        total as f64 / n.max(1) as f64
    }

    /// The longest key, in bytes.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Every key with its value (in table order).
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], V)> + '_ {
        self.tags.iter().zip(&self.slots).filter(|(t, _)| **t != 0).map(|(_, s)| (self.key(*s), s.value))
    }
}

/// Byte equality without a call to memcmp (keys are a few bytes long).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lower_hash_is_the_hash_of_the_lower_case() {
        for w in ["", "a", "Z", "AZaz09", "Reuters", "ABCDEFGH", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "x1Y2z3@[`{"] {
            let w = w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            assert_eq!(hash_ascii_lower(w.as_bytes()), hash(w.to_ascii_lowercase().as_bytes()), "{w}");
        }
        // Read in place with whatever follows the word (letters, spaces,
        // non-ASCII bytes), or at the end of the buffer.
        let text = "Ab Reuters x1Y2z3 ABCDEFGH ABCDEFGHIJ q é9 Zz";
        let b = text.as_bytes();
        let mut start = 0;
        while start < b.len() {
            let end = b[start..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |p| start + p);
            if end > start {
                assert_eq!(hash_ascii_lower_at(b, start, end), hash_ascii_lower(&b[start..end]), "{}", &text[start..end]);
            }
            start = end + 1;
        }
    }

    #[test]
    fn finds_what_it_holds() {
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        let t = Table::build(words.iter().map(|w| (w.as_bytes(), 1u32)).chain([(&b"w7"[..], 2)]), |a, b| a | b);
        assert_eq!(t.get(b"w7"), Some(3));
        assert_eq!(t.get(b"w999"), Some(1));
        assert_eq!(t.get(b"w1000"), None);
        assert_eq!(t.get(b""), None);
        assert_eq!(t.iter().count(), 1000);
        // Keys read in one load from a longer buffer.
        let buf = b"xw7\0\0\0\0\0\0\0\0w999w1000w1000000000";
        assert_eq!(t.get_in(buf, 1, 3), Some(3));
        assert_eq!(t.get_in(buf, 11, 15), Some(1));
        assert_eq!(t.get_in(buf, 11, 14), t.get(b"w99"));
        assert_eq!(t.get_in(buf, 15, 20), None);
        assert_eq!(t.get_in(buf, 20, 31), None);
        assert_eq!(t.get_in(buf, 29, 31), t.get(b"00"));
    }
}
