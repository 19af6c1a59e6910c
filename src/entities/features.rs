//! The tagger's features of a token, as hashes: the word and its shape,
//! prefixes and suffixes, the words and shapes around it, its place in
//! the sentence, what the lexicon says
//! of it (lower-case share, frequency, Brown cluster, name and place
//! lists), the gazetteer hit it is part of, and what the rest of the
//! article says (is the word written in lower case elsewhere?). Computed
//! without allocating for ASCII words.

use super::evidence::DocEvidence;
use super::hash::{self, mix};
use super::lexicon::{Info, Lexicon};
use super::prepare::Seg;

/// What the features need to know of one token, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// Hash of the lower-cased (truecased) form.
    pub lw: u64,
    /// Hash of the form as written (truecased).
    pub w: u64,
    /// Hash of the word's shape ("Xx", "X.X.", "Xx-d").
    pub shape: u64,
    /// What the lexicon says.
    pub lex: Info,
    /// What it says of the lower case of a capitalised word.
    pub lex_lower: Info,
    /// Starts with a capital.
    pub cap: bool,
    /// First word of its sentence.
    pub sent_first: bool,
    /// Document evidence: 1 written in lower case elsewhere, 2 capitalised
    /// mid-sentence elsewhere (bits).
    pub doc: u8,
    /// The cues of the word's contexts elsewhere in the article.
    pub cues: u8,
}

/// Shape of a word: capitals X, small letters x, digits d, other
/// characters as themselves, runs collapsed.
fn shape(w: &str) -> u64 {
    let mut h = 0x5eed;
    let mut last = 0u32;
    let mut n = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X' as u32
        } else if c.is_lowercase() {
            'x' as u32
        } else if c.is_numeric() {
            'd' as u32
        } else {
            c as u32
        };
        if k != last {
            h = mix(h, u64::from(k));
            last = k;
            n = 0;
        }
        n += 1;
        // Two of a kind differs from one ("XX" acronym vs "X" initial).
        if n == 2 {
            h = mix(h, 2);
        }
    }
    h
}

/// Hashes of suffixes (2, 3, 4) and prefixes (2, 3) of a lower-case word.
fn affixes(lower: &str) -> [u64; 5] {
    if lower.is_ascii() {
        let n = lower.len();
        let suf = |k: usize| {
            if n < k {
                0
            } else {
                hash::word(&lower[n - k..])
            }
        };
        let pre = |k: usize| if n < k { 0 } else { hash::word(&lower[..k]) };
        return [suf(2), suf(3), suf(4), pre(2), pre(3)];
    }
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let n = chars.len();
    let suf = |k: usize| {
        if n < k {
            0
        } else {
            hash::word(&lower[chars[n - k].0..])
        }
    };
    let pre = |k: usize| {
        if n < k {
            0
        } else {
            let end = chars.get(k).map_or(lower.len(), |c| c.0);
            hash::word(&lower[..end])
        }
    };
    [suf(2), suf(3), suf(4), pre(2), pre(3)]
}

/// Affixes of a word in any case.
fn affixes_of(form: &str) -> [u64; 5] {
    if !form.bytes().any(|b| b.is_ascii_uppercase()) && form.is_ascii() {
        affixes(form)
    } else if form.is_ascii() && form.len() <= 64 {
        let mut buf = [0u8; 64];
        for (d, s) in buf.iter_mut().zip(form.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        affixes(std::str::from_utf8(&buf[..form.len()]).unwrap_or(""))
    } else {
        affixes(&form.to_lowercase())
    }
}

impl TokInfo {
    /// Computes a token's information; `lw` is the hash of its lower case.
    pub fn new(
        form: &str,
        lw: u64,
        sent_first: bool,
        lex: &Lexicon,
        ev: Option<&DocEvidence>,
    ) -> TokInfo {
        let cap = form.starts_with(char::is_uppercase);
        let w = hash::word(form);
        let lower = if cap { lex.get_hashed(lw) } else { None };
        let info = lex.get_hashed(w).or(lower).unwrap_or(Info::new(0, 0, 7, 0));
        let lex_lower = lower.unwrap_or(Info(0));
        let flags = ev.map_or(0, |e| e.flags(lw));
        let doc = u8::from(cap && flags & 2 != 0) | ((flags & 1) << 1);
        let cues = if cap { flags & !3 } else { 0 };
        TokInfo {
            lw,
            w,
            shape: shape(form),
            lex: info,
            lex_lower,
            cap,
            sent_first,
            doc,
            cues,
        }
    }
}

/// The information of the tokens a window's features read: the window's
/// and two on either side, into `out` (cleared first). Returns the index
/// in the segment of `out[0]`.
pub fn window_infos(
    seg: &Seg,
    (s, e): (usize, usize),
    lex: &Lexicon,
    ev: Option<&DocEvidence>,
    out: &mut Vec<TokInfo>,
) -> usize {
    out.clear();
    let lo = s.saturating_sub(2);
    let hi = (e + 2).min(seg.toks.len());
    for i in lo..hi {
        let f = seg.form(i);
        let lw = seg.lower_hash(i);
        out.push(TokInfo::new(f, lw, seg.toks[i].sent_first, lex, ev));
    }
    lo
}

/// Upper bound on the number of features of a token.
pub const MAX: usize = 48;

const PAD: TokInfo = TokInfo {
    lw: 0xb0b0,
    w: 0xb0b0,
    shape: 0xb0b0,
    lex: Info(0),
    lex_lower: Info(0),
    cap: false,
    sent_first: false,
    doc: 0,
    cues: 0,
};

/// Writes the features of token `i` of a segment into `out`; `infos`
/// holds the information of the tokens from `lo` on (see
/// [`window_infos`]).
pub fn features(seg: &Seg, infos: &[TokInfo], lo: usize, i: usize, out: &mut Vec<u64>) {
    out.clear();
    let t = &infos[i - lo];
    let at = |d: isize| -> &TokInfo {
        let j = (i - lo) as isize + d;
        if j < 0 || j as usize >= infos.len() {
            &PAD
        } else {
            &infos[j as usize]
        }
    };
    let (p1, n1, p2, n2) = (at(-1), at(1), at(-2), at(2));
    let gaz = |d: isize| -> u64 {
        let j = i as isize + d;
        if j < 0 || j as usize >= seg.gaz.len() {
            99
        } else {
            u64::from(seg.gaz[j as usize])
        }
    };
    let mut f = |template: u64, v: u64| out.push(mix(mix(0x9e37, template), v));
    let lex = t.lex;
    let cluster = lex.cluster();
    f(0, 0);
    f(1, t.lw);
    f(2, t.w);
    f(3, t.shape);
    // Suffixes of 3 and 4 letters, prefix of 3.
    let [_, s3, s4, _, p3] = affixes_of(seg.form(i));
    f(5, s3);
    f(6, s4);
    f(8, p3);
    f(9, p1.lw);
    f(10, n1.lw);
    f(11, p2.lw);
    f(12, n2.lw);
    f(13, p1.shape);
    f(14, n1.shape);
    f(15, mix(p1.shape, t.shape));
    f(16, mix(t.shape, n1.shape));
    f(17, mix(p1.lw, t.lw));
    f(18, mix(t.lw, n1.lw));
    // Sentence position, with how often running text writes the word in
    // lower case.
    f(
        19,
        mix(u64::from(t.sent_first), u64::from(lex.lower_share())),
    );
    f(20, mix(u64::from(t.sent_first), t.shape));
    f(21, u64::from(lex.lower_share()));
    if cluster != 0 {
        for k in [4u32, 6, 10, 14] {
            f(100 + u64::from(k), u64::from(cluster & ((1 << k) - 1)));
        }
        f(24, u64::from(cluster));
    }
    f(25, u64::from(p1.lex.cluster()));
    f(26, u64::from(n1.lex.cluster()));
    f(27, u64::from(lex.flags()));
    f(28, mix(u64::from(p1.lex.flags()), u64::from(lex.flags())));
    f(29, mix(u64::from(lex.flags()), u64::from(n1.lex.flags())));
    f(30, gaz(0));
    f(31, mix(gaz(-1), gaz(0)));
    f(32, mix(gaz(0), gaz(1)));
    // The article elsewhere: the word in lower case, or capitalised
    // mid-sentence.
    f(33, mix(u64::from(t.doc), u64::from(t.cap)));
    f(34, u64::from(t.cues));
    f(40, mix(u64::from(t.sent_first), u64::from(cluster & 1023)));
    f(41, mix(t.shape, u64::from(lex.lower_share())));
    f(42, mix(p2.lw, p1.lw));
    f(43, mix(n1.lw, n2.lw));
    f(44, mix(p1.shape, n1.shape));
    f(45, mix(mix(p1.lw, t.shape), n1.lw));
    if t.cap {
        f(36, u64::from(t.lex_lower.cluster()));
        f(37, u64::from(t.lex_lower.freq()));
    }
    f(35, mix(u64::from(t.cues), u64::from(lex.flags())));
}
