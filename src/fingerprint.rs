//! Near-duplicate detection: the same article saved from two sites (with
//! different chrome, a different caption, a changed headline) normalizes to
//! almost the same body. A 64-bit SimHash of the body's word 3-grams puts
//! such bodies within a few bits of each other.

/// Bodies shorter than this many words are compared by exact id only: their
/// fingerprints are too noisy.
pub const MIN_WORDS: usize = 80;

/// Fingerprints at most this many bits apart are the same article.
pub const MAX_DISTANCE: u32 = 6;

/// SplitMix64's finalizer: spreads a 64-bit value over all bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over the lower-cased characters of a word: fast, and only needs
/// to spread words apart (not resist an adversary).
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for c in word.chars().flat_map(char::to_lowercase) {
        h = (h ^ u64::from(u32::from(c))).wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h)
}

/// Returns the SimHash of `body`, or `None` if it is too short to compare.
pub fn simhash(body: &str) -> Option<u64> {
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    // A bit is set when more than half of the shingles set it (the same as
    // SimHash's ±1 weights being positive), counted without branches.
    let mut ones = [0u32; 64];
    let mut grams = 0u32;
    for gram in words.windows(3) {
        // Order matters: "a b c" and "c b a" are different shingles.
        let h = mix(gram[0] ^ gram[1].rotate_left(21) ^ gram[2].rotate_left(42));
        for (bit, n) in ones.iter_mut().enumerate() {
            *n += ((h >> bit) & 1) as u32;
        }
        grams += 1;
    }
    Some(ones.iter().enumerate().fold(
        0u64,
        |acc, (bit, n)| {
            if 2 * n > grams { acc | 1 << bit } else { acc }
        },
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
