//! What the tagger knows of a word before reading an article: how often it
//! is written in lower case in running English, how frequent it is, its
//! Brown cluster (words used alike share a path), and whether it is a
//! common first name, a surname or a place name. Built from `data/ner/`
//! when the model is trained and stored in the model file; looked up by a
//! 32-bit fingerprint of the word in an open-addressing table.

use std::collections::HashMap;

use super::hash;

/// Flag: a US Census first name.
pub const FIRST: u32 = 1;
/// Flag: a US Census surname.
pub const LAST: u32 = 2;
/// Flag: a place name of one word.
pub const PLACE: u32 = 4;
/// Flag: a word of a place name of several words.
pub const PLACE_PART: u32 = 8;

/// What the lexicon says of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Info(pub u32);

impl Info {
    /// Brown cluster path (bits from the root, lowest first; 0: none).
    pub fn cluster(self) -> u32 {
        self.0 & 0x3_ffff
    }

    /// Frequency class: minus the natural log probability, rounded (0:
    /// unknown; higher is rarer).
    pub fn freq(self) -> u32 {
        (self.0 >> 18) & 31
    }

    /// Share of the word's uses in lower case, in sixths (0..=6; 7:
    /// unknown).
    pub fn lower_share(self) -> u32 {
        (self.0 >> 23) & 7
    }

    /// The [`FIRST`], [`LAST`], [`PLACE`], [`PLACE_PART`] flags.
    pub fn flags(self) -> u32 {
        self.0 >> 26
    }

    /// Packs the parts.
    pub fn new(cluster: u32, freq: u32, lower_share: u32, flags: u32) -> Info {
        Info(
            (cluster & 0x3_ffff)
                | (freq.min(31) << 18)
                | (lower_share.min(7) << 23)
                | (flags << 26),
        )
    }
}

/// The word table.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    slots: Vec<(u32, u32)>,
    mask: usize,
    len: usize,
}

/// The fingerprint of a word: high bits of its hash, never 0 (the empty
/// slot).
pub fn fingerprint(word: &str) -> u32 {
    fingerprint_of_hash(hash::word(word))
}

/// The fingerprint of a word from its [`hash::word`] (or, for its lower
/// case, [`hash::lower`]).
#[inline]
pub fn fingerprint_of_hash(h: u64) -> u32 {
    ((hash::finish(h) >> 32) as u32).max(1)
}

impl Lexicon {
    /// A table of `(fingerprint, info)` entries.
    pub fn from_entries(entries: &[(u32, u32)]) -> Lexicon {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, 0u32); cap];
        let mask = cap - 1;
        for &(fp, info) in entries {
            let mut i = slot(fp) & mask;
            while slots[i].0 != 0 && slots[i].0 != fp {
                i = (i + 1) & mask;
            }
            slots[i] = (fp, info);
        }
        Lexicon {
            slots,
            mask,
            len: entries.len(),
        }
    }

    /// Every entry, sorted by fingerprint (what the model file stores).
    pub fn entries(&self) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = self.slots.iter().copied().filter(|s| s.0 != 0).collect();
        v.sort_unstable();
        v
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// What the table says of a word, as written.
    #[inline]
    pub fn get(&self, word: &str) -> Option<Info> {
        self.get_hashed(hash::word(word))
    }

    /// What the table says of a word given its hash ([`hash::word`]; the
    /// [`hash::lower`] of a word looks up its lower case).
    #[inline]
    pub fn get_hashed(&self, h: u64) -> Option<Info> {
        if self.len == 0 {
            return None;
        }
        let fp = fingerprint_of_hash(h);
        let mut i = slot(fp) & self.mask;
        loop {
            let (k, v) = self.slots[i];
            if k == fp {
                return Some(Info(v));
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[inline]
fn slot(fp: u32) -> usize {
    (fp.wrapping_mul(0x9e37_79b1)) as usize
}

/// Builds the table from the converted data files' contents.
pub fn build(words_tsv: &str, names_tsv: &str, places_tsv: &str) -> Lexicon {
    // Log probability of every form.
    let mut lp: HashMap<&str, (f32, u32)> = HashMap::new();
    for line in words_tsv.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(form), Some(p), Some(c)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let (Ok(p), Ok(c)) = (p.parse::<f32>(), c.parse::<u32>()) else {
            continue;
        };
        lp.insert(form, (p, c));
    }
    let mut flags: HashMap<String, u32> = HashMap::new();
    for line in names_tsv.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(name), Some(kind)) = (cols.next(), cols.next()) else {
            continue;
        };
        let f = if kind == "FIRST" { FIRST } else { LAST };
        *flags.entry(name.to_string()).or_default() |= f;
    }
    for line in places_tsv.lines().filter(|l| !l.starts_with('#')) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() == 1 {
            *flags.entry(words[0].to_string()).or_default() |= PLACE;
        } else {
            for w in words {
                *flags.entry(w.to_string()).or_default() |= PLACE_PART;
            }
        }
    }
    let mut forms: Vec<String> = lp.keys().map(|s| s.to_string()).collect();
    forms.extend(
        flags
            .keys()
            .filter(|k| !lp.contains_key(k.as_str()))
            .cloned(),
    );
    forms.sort();
    let prob = |f: &str| lp.get(f).map_or(0.0, |&(p, _)| (p as f64).exp());
    let mut entries = Vec::with_capacity(forms.len());
    for f in &forms {
        let lower = f.to_lowercase();
        let title: String = {
            let mut c = lower.chars();
            c.next()
                .map(|h| h.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        let upper = f.to_uppercase();
        let p_lower = prob(&lower);
        let mut p_all = p_lower;
        for v in [&title, &upper] {
            // "I", "A": the title and upper-case forms are one form.
            if *v != lower && !(v == &upper && upper == title) {
                p_all += prob(v);
            }
        }
        if *f != lower && *f != title && *f != upper {
            p_all += prob(f);
        }
        let share = if p_all > 0.0 {
            ((p_lower / p_all) * 6.0).round() as u32
        } else {
            7
        };
        let (freq, cluster) = lp
            .get(f.as_str())
            .map_or((0, 0), |&(p, c)| ((-p).round().max(1.0) as u32, c));
        let fl = flags.get(f.as_str()).copied().unwrap_or(0);
        entries.push((fingerprint(f), Info::new(cluster, freq, share, fl).0));
    }
    entries.sort_unstable();
    entries.dedup_by_key(|e| e.0);
    Lexicon::from_entries(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_looks_up() {
        let words = "# header\nmay\t-7.7\t186\nMay\t-10.4\t81\nPutin\t-11.8\t0\nputin\t-14.4\t0\n";
        let names = "May\tFIRST\t0.1\nJordan\tLAST\t0.01\n";
        let places = "Jordan\nSan Francisco\n";
        let l = build(words, names, places);
        let may = l.get("may").unwrap();
        assert_eq!((may.cluster(), may.freq(), may.lower_share()), (186, 8, 6));
        let cap = l.get("May").unwrap();
        assert_eq!((cap.lower_share(), cap.flags()), (6, FIRST));
        assert_eq!(l.get("Putin").unwrap().lower_share(), 0);
        assert_eq!(l.get("Jordan").unwrap().flags(), LAST | PLACE);
        assert_eq!(l.get("Francisco").unwrap().flags(), PLACE_PART);
        assert_eq!(l.get("Jordan").unwrap().lower_share(), 7);
        assert!(l.get("Nowhere").is_none());
        let again = Lexicon::from_entries(&l.entries());
        assert_eq!(again.get("May"), l.get("May"));
    }
}
