//! The sequence tagger: an averaged structured perceptron over BILOU tags
//! for PERSON, ORG, PLACE and MISC, with hashed features and Viterbi
//! decoding (an inside tag only after its own type). The model file holds
//! the weights (16-bit), the tag transitions and the lexicon; it is
//! trained by `cargo run --release --example train_ner` and shipped in
//! `data/ner/model.bin`.

use std::sync::OnceLock;

use super::evidence::DocEvidence;
use super::features::{self, TokInfo};
use super::hash;
use super::lexicon::Lexicon;
use super::prepare::Seg;
use crate::model::EntityType;

/// Number of tags: O, then B (begin), I (inside), L (last) and U (a
/// name of one token) for each of the four types.
pub const LABELS: usize = 17;

/// The tag outside any name.
pub const O: u8 = 0;

/// The type of a tag (`None` for O).
pub fn label_type(l: u8) -> Option<EntityType> {
    (l != O).then(|| EntityType::ALL[usize::from((l - 1) / 4) % 4])
}

/// Position of a tag in its name: 0 B, 1 I, 2 L, 3 U.
fn position(l: u8) -> u8 {
    (l - 1) % 4
}

/// The tag of a type at a position (0 B, 1 I, 2 L, 3 U).
pub fn tag(t: EntityType, pos: u8) -> u8 {
    1 + 4 * t.index() as u8 + pos
}

/// Tags `tags` as one name of type `t`: U alone, else B, I…, L.
pub fn write_name(tags: &mut [u8], t: EntityType) {
    let n = tags.len();
    for (j, x) in tags.iter_mut().enumerate() {
        let pos = match j {
            _ if n == 1 => 3,
            0 => 0,
            j if j + 1 == n => 2,
            _ => 1,
        };
        *x = tag(t, pos);
    }
}

/// Token ranges and types of the names in a tag sequence, tolerant of
/// sequences cut anywhere (any tag of a type continues a name of that
/// type unless it starts a new one).
pub fn names(tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(k) = label_type(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while !ends(tags[j])
            && j + 1 < tags.len()
            && label_type(tags[j + 1]) == Some(k)
            && !starts(tags[j + 1])
        {
            j += 1;
        }
        out.push((i, j + 1, k));
        i = j + 1;
    }
    out
}

/// True for a tag that starts a name (B or U).
pub fn starts(l: u8) -> bool {
    l != O && matches!(position(l), 0 | 3)
}

/// True for a tag that ends a name (L or U).
pub fn ends(l: u8) -> bool {
    l != O && matches!(position(l), 2 | 3)
}

/// True for a tag after which the name goes on (B or I).
fn open(l: u8) -> bool {
    l != O && matches!(position(l), 0 | 1)
}

/// True if tag `cur` may follow tag `prev` (`None`: the window's start).
pub fn allowed(prev: Option<u8>, cur: u8) -> bool {
    match prev {
        Some(p) if open(p) => cur != O && !starts(cur) && label_type(cur) == label_type(p),
        _ => cur == O || starts(cur),
    }
}

/// For each tag, the tags that may come before it (at most nine: O and
/// the L and U tags after a closed name, or the B and I of its own type).
fn predecessors() -> &'static [([u8; LABELS], usize); LABELS] {
    static P: OnceLock<[([u8; LABELS], usize); LABELS]> = OnceLock::new();
    P.get_or_init(|| {
        let mut t = [([0u8; LABELS], 0usize); LABELS];
        for (l, entry) in t.iter_mut().enumerate() {
            for k in 0..LABELS {
                if allowed(Some(k as u8), l as u8) {
                    entry.0[entry.1] = k as u8;
                    entry.1 += 1;
                }
            }
        }
        t
    })
}

/// The best tag sequence for `n` positions given emission scores
/// (`emit[pos * LABELS + tag]`) and transition scores (`trans[(prev + 1)
/// * LABELS + cur]`, row 0 for the start).
pub fn viterbi(n: usize, emit: &[f32], trans: &[f32], out: &mut Vec<u8>) {
    let (mut score, mut back) = (Vec::new(), Vec::new());
    viterbi_in(n, emit, trans, out, &mut score, &mut back);
}

/// [`viterbi`] with buffers the caller keeps.
fn viterbi_in(
    n: usize,
    emit: &[f32],
    trans: &[f32],
    out: &mut Vec<u8>,
    score: &mut Vec<f32>,
    back: &mut Vec<u8>,
) {
    out.clear();
    if n == 0 {
        return;
    }
    // One token (most windows): O or a name of one token.
    if n == 1 {
        let best = (0..LABELS as u8)
            .filter(|&l| l == O || (starts(l) && ends(l)))
            .max_by(|&a, &b| {
                let (sa, sb) = (
                    emit[a as usize] + trans[a as usize],
                    emit[b as usize] + trans[b as usize],
                );
                sa.total_cmp(&sb).then(b.cmp(&a))
            })
            .unwrap_or(O);
        out.push(best);
        return;
    }
    score.clear();
    score.resize(n * LABELS, f32::NEG_INFINITY);
    back.clear();
    back.resize(n * LABELS, 0);
    for l in 0..LABELS {
        if allowed(None, l as u8) {
            score[l] = emit[l] + trans[l];
        }
    }
    let preds = predecessors();
    for p in 1..n {
        for l in 0..LABELS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            let (list, len) = &preds[l];
            for &k in &list[..*len] {
                let k = usize::from(k);
                let s = score[(p - 1) * LABELS + k] + trans[(k + 1) * LABELS + l];
                if s > best {
                    best = s;
                    arg = k as u8;
                }
            }
            score[p * LABELS + l] = best + emit[p * LABELS + l];
            back[p * LABELS + l] = arg;
        }
    }
    // A window never ends inside a name.
    let last = &score[(n - 1) * LABELS..];
    let mut l = (0..LABELS)
        .filter(|&a| !open(a as u8))
        .max_by(|&a, &b| last[a].total_cmp(&last[b]).then(b.cmp(&a)))
        .unwrap_or(0) as u8;
    out.resize(n, 0);
    for p in (0..n).rev() {
        out[p] = l;
        l = back[p * LABELS + l as usize];
    }
}

/// A trained model.
pub struct Model {
    fingerprint: String,
    bits: u32,
    weights: Vec<i16>,
    scale: f32,
    trans: Vec<f32>,
    lexicon: Lexicon,
}

const MAGIC: &[u8; 8] = b"PNDTNER2";

/// Where a feature's weights are.
#[inline]
pub fn bucket(feature: u64, bits: u32) -> usize {
    (hash::finish(feature) >> (64 - bits)) as usize
}

impl Model {
    /// A model from trained float weights (quantized to 16 bits).
    pub fn new(bits: u32, weights: &[f32], trans: Vec<f32>, lexicon: Lexicon) -> Model {
        // Only differences between tags at one position matter: every
        // feature's O weight is taken from its other weights, leaving 16
        // per bucket (one SIMD register of 16-bit lanes) and O at zero.
        let rel: Vec<f32> = weights
            .chunks_exact(LABELS)
            .flat_map(|w| w[1..].iter().map(move |x| x - w[0]))
            .collect();
        let max = rel.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / 32767.0;
        let mut m = Model {
            fingerprint: String::new(),
            bits,
            weights: rel
                .iter()
                .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
                .collect(),
            scale,
            trans,
            lexicon,
        };
        m.fingerprint = blake3::hash(&m.to_bytes()).to_hex()[..8].to_string();
        m
    }

    /// The model shipped with pundit (read once per process).
    pub fn bundled() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            Model::from_bytes(include_bytes!("../../data/ner/model.bin"))
                .expect("the bundled model is valid (checked by tests)")
        })
    }

    /// A short hash of the model.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The lexicon stored with the model.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(self.weights.len() * 2 + self.lexicon.len() * 8 + 1024);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.bits.to_le_bytes());
        b.extend_from_slice(&self.scale.to_le_bytes());
        for t in &self.trans {
            b.extend_from_slice(&t.to_le_bytes());
        }
        for w in &self.weights {
            b.extend_from_slice(&w.to_le_bytes());
        }
        let entries = self.lexicon.entries();
        b.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, v) in entries {
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&v.to_le_bytes());
        }
        b
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let mut r = Reader { b, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a pundit tagger model".into());
        }
        let bits = r.u32()?;
        if !(10..=24).contains(&bits) {
            return Err(format!("bad bucket bits {bits}"));
        }
        let scale = f32::from_bits(r.u32()?);
        let trans = (0..(LABELS + 1) * LABELS)
            .map(|_| r.u32().map(f32::from_bits))
            .collect::<Result<Vec<f32>, String>>()?;
        let n = (1usize << bits) * (LABELS - 1);
        let raw = r.take(n * 2)?;
        let weights = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let len = r.u32()? as usize;
        let raw = r.take(len * 8)?;
        let entries: Vec<(u32, u32)> = raw
            .chunks_exact(8)
            .map(|c| {
                (
                    u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                    u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
                )
            })
            .collect();
        if r.at != b.len() {
            return Err("trailing bytes in the model file".into());
        }
        Ok(Model {
            fingerprint: blake3::hash(b).to_hex()[..8].to_string(),
            bits,
            weights,
            scale,
            trans,
            lexicon: Lexicon::from_entries(&entries),
        })
    }

    /// Tags the windows of a segment; returns one tag per token (O outside
    /// the windows). `ev`: the article's evidence, for document features.
    pub fn tag(&self, seg: &Seg, ev: Option<&DocEvidence>, scratch: &mut Scratch) -> Vec<u8> {
        let mut tags = vec![O; seg.toks.len()];
        for &(s, e) in &seg.windows {
            let n = e - s;
            let lo = features::window_infos(seg, (s, e), &self.lexicon, ev, &mut scratch.infos);
            scratch.emit.clear();
            scratch.emit.resize(n * LABELS, 0.0);
            for p in 0..n {
                features::features(seg, &scratch.infos, lo, s + p, &mut scratch.feats);
                let mut acc = [0i32; LABELS - 1];
                for &f in &scratch.feats {
                    let b = bucket(f, self.bits) * (LABELS - 1);
                    let w: &[i16; LABELS - 1] = self.weights[b..b + LABELS - 1]
                        .try_into()
                        .expect("a bucket holds 16 weights");
                    for (a, &x) in acc.iter_mut().zip(w) {
                        *a += i32::from(x);
                    }
                }
                let row = &mut scratch.emit[p * LABELS..(p + 1) * LABELS];
                row[0] = 0.0;
                for (e, a) in row[1..].iter_mut().zip(acc) {
                    *e = a as f32 * self.scale;
                }
            }
            viterbi_in(
                n, &scratch.emit, &self.trans, &mut scratch.path, &mut scratch.score,
                &mut scratch.back,
            );
            tags[s..e].copy_from_slice(&scratch.path);
        }
        tags
    }
}

/// Buffers reused between calls to [`Model::tag`].
#[derive(Default)]
pub struct Scratch {
    infos: Vec<TokInfo>,
    feats: Vec<u64>,
    emit: Vec<f32>,
    path: Vec<u8>,
    score: Vec<f32>,
    back: Vec<u8>,
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or("the model file is truncated")?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bio() {
        // Emissions prefer I-PER at position 0, which is not allowed, and
        // B-PER at the end, where a name must have ended.
        let (b, i, l) = (
            tag(EntityType::Person, 0),
            tag(EntityType::Person, 1),
            tag(EntityType::Person, 2),
        );
        let mut emit = vec![0.0; 2 * LABELS];
        emit[i as usize] = 5.0;
        emit[b as usize] = 1.0;
        emit[LABELS + b as usize] = 3.0;
        emit[LABELS + l as usize] = 2.0;
        let trans = vec![0.0; (LABELS + 1) * LABELS];
        let mut out = Vec::new();
        viterbi(2, &emit, &trans, &mut out);
        assert_eq!(out, [b, l]);
    }

    #[test]
    fn model_round_trips_and_refuses_garbage() {
        let lex = super::super::lexicon::build("word\t-9.0\t5\n", "", "");
        let w: Vec<f32> = (0..(1 << 10) * LABELS)
            .map(|i| (i % 7) as f32 - 3.0)
            .collect();
        let m = Model::new(10, &w, vec![0.5; (LABELS + 1) * LABELS], lex);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.lexicon.get("word"), m.lexicon.get("word"));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        assert!(Model::from_bytes(b"garbage").is_err());
    }
}
