//! Hashing words and features without allocating: an FxHash-style mix
//! (multiply and rotate), lower-casing on the fly. Training and tagging
//! use these same functions, so the model file's buckets stay meaningful;
//! changing them means retraining.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes one value into a running hash.
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Final avalanche, so that the high bits (the buckets) depend on every
/// input bit.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Hash of a string as written.
#[inline]
pub fn word(s: &str) -> u64 {
    let mut h = mix(0, s.len() as u64);
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let mut last = 0u64;
    for (i, b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(*b) << (8 * i);
    }
    mix(h, last)
}

/// Hash of a string in lower case: the same as [`word`] of its
/// `to_lowercase()`, without building it.
#[inline]
pub fn lower(s: &str) -> u64 {
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return word(s);
        }
        let mut h = mix(0, s.len() as u64);
        let bytes = s.as_bytes();
        let mut i = 0;
        while i + 8 <= bytes.len() {
            let mut v = [0u8; 8];
            for (k, b) in bytes[i..i + 8].iter().enumerate() {
                v[k] = b.to_ascii_lowercase();
            }
            h = mix(h, u64::from_le_bytes(v));
            i += 8;
        }
        let mut last = 0u64;
        for (k, b) in bytes[i..].iter().enumerate() {
            last |= u64::from(b.to_ascii_lowercase()) << (8 * k);
        }
        return mix(h, last);
    }
    word(&s.to_lowercase())
}

/// A hasher for keys that are hashes already: the map takes them as
/// they are.
#[derive(Default, Clone, Copy)]
pub struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.0 = mix(self.0, u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut last = 0u64;
        for (i, b) in chunks.remainder().iter().enumerate() {
            last |= u64::from(*b) << (8 * i);
        }
        self.0 = finish(mix(self.0, last ^ ((bytes.len() as u64) << 56)));
    }

    fn write_u8(&mut self, v: u8) {
        self.0 = mix(self.0, u64::from(v));
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = finish(v);
    }
}

/// Builds [`Prehashed`] hashers.
pub type BuildPrehashed = std::hash::BuildHasherDefault<Prehashed>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_equals_hash_of_lower_case() {
        for s in [
            "", "a", "Putin", "NATO", "Washington-based", "Zürich", "İstanbul",
        ] {
            assert_eq!(lower(s), word(&s.to_lowercase()), "{s}");
        }
        assert_ne!(word("Putin"), word("putin"));
    }
}
