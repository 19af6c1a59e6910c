//! Near-duplicate detection: the same article saved from two sites (with
//! different chrome, a different caption, a changed headline) normalizes to
//! almost the same body. A 64-bit SimHash of the body's word 3-grams puts
//! such bodies within a few bits of each other.

/// Bodies shorter than this many words are compared by exact id only: their
/// fingerprints are too noisy.
pub const MIN_WORDS: usize = 80;

/// Fingerprints at most this many bits apart are the same article.
pub const MAX_DISTANCE: u32 = 6;

fn hash64(s: &str) -> u64 {
    let h = blake3::hash(s.as_bytes());
    u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// Returns the SimHash of `body`, or `None` if it is too short to compare.
pub fn simhash(body: &str) -> Option<u64> {
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut weights = [0i32; 64];
    for gram in words.windows(3) {
        let h = hash64(&gram.join(" "));
        for (bit, w) in weights.iter_mut().enumerate() {
            *w += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(weights.iter().enumerate().fold(
        0u64,
        |acc, (bit, w)| if *w > 0 { acc | 1 << bit } else { acc },
    ))
}

/// Returns true if two fingerprints belong to the same article.
pub fn near(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= MAX_DISTANCE
}

/// The seven blocks (9 or 10 bits) of a fingerprint, tagged with their
/// position: two fingerprints within [`MAX_DISTANCE`] bits differ in at
/// most six blocks, so they share at least one (pigeonhole).
pub fn blocks(fp: u64) -> [(u8, u16); 7] {
    [0u8, 1, 2, 3, 4, 5, 6].map(|i| {
        let width = if i == 6 { 10 } else { 9 };
        (i, ((fp >> (9 * i as u32)) & ((1 << width) - 1)) as u16)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Russia and China are deepening their cooperation across energy, trade and defence, \
        and the consequences for the United States and its allies in Asia and Europe are profound. \
        Bombers flew together near Japan and South Korea, and exports of dual-use goods rose sharply. \
        The arms trade is one of many areas of stepped-up cooperation between the two governments, \
        from space and missile defence to satellite navigation and shipbuilding, while trade between \
        them reached a record last year as Western sanctions pushed Moscow toward Beijing's markets.";

    #[test]
    fn small_edits_stay_near_and_other_texts_do_not() {
        let text = TEXT.repeat(4);
        let a = simhash(&text).unwrap();
        let edited = text.replacen("a record last year", "a record in 2024", 1);
        let b = simhash(&format!("{edited} Photo: Agency.")).unwrap();
        assert!(near(a, b), "distance {}", (a ^ b).count_ones());
        let other = text.split(' ').rev().collect::<Vec<_>>().join(" ");
        assert!(!near(a, simhash(&other).unwrap()));
        assert!(simhash("too short").is_none());
        // Near fingerprints share a block.
        assert!(blocks(a).iter().any(|x| blocks(b).contains(x)));
    }
}
