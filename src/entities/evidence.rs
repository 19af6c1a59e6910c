//! What a whole article says about its own words, gathered once before
//! tagging: which capitalised words it also writes in lower case, which it
//! capitalises mid-sentence, in what contexts (after a title, after "in",
//! before "said"), and how running text writes a word a headline shouts.
//! Truecasing and the document-level features read it.

use std::collections::HashMap;

use super::hash::{self, BuildPrehashed};
use super::tokens::Token;
use super::truecase::{Case, is_all_upper};

/// What the whole article says about its words: used to truecase and as
/// document-level features. Only words capitalised somewhere are
/// recorded (the questions are about them), and the lower-case forms
/// truecasing needs only when some line shouts.
#[derive(Debug, Default)]
pub struct DocEvidence<'a> {
    /// Lower-case hash of a word capitalised somewhere → 1: capitalised
    /// mid-sentence in running text, 2: written in lower case too, and
    /// the [`Cue`]s of its contexts (bits).
    caps: HashMap<u64, u8, BuildPrehashed>,
    /// Lower-case hash → the form seen mid-sentence in running text.
    seen: HashMap<u64, &'a str, BuildPrehashed>,
}

/// What the contexts of a capitalised word say anywhere in the article:
/// after a person's title ("Mr. Jordan"), after a place preposition ("in
/// Jordan"), before a verb of saying ("Jordan said"), inside a longer run
/// of capitalised words. A feature of every occurrence of the word.
pub struct Cue;

impl Cue {
    /// After a title or honorific.
    pub const TITLED: u8 = 4;
    /// After "in", "at", "from", "near", "to".
    pub const LOCATIVE: u8 = 8;
    /// Before "said", "says", "told".
    pub const SAYS: u8 = 16;
    /// Inside a run of two capitalised words or more.
    pub const RUN: u8 = 32;
}

/// Hashes of the words that make the cues.
struct CueWords {
    titles: Vec<u64>,
    locative: Vec<u64>,
    says: Vec<u64>,
}

fn cue_words() -> &'static CueWords {
    static W: std::sync::OnceLock<CueWords> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let h = |ws: &[&str]| ws.iter().map(|w| hash::lower(w)).collect();
        CueWords {
            titles: h(&[
                "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "president", "minister",
                "senator", "sen.", "rep.", "gov.", "gen.", "secretary", "chairman", "judge",
                "coach", "prof.", "professor", "mayor", "ambassador", "spokesman", "spokeswoman",
                "king", "queen", "prince", "pope", "chancellor", "governor",
            ]),
            locative: h(&["in", "at", "from", "near", "to", "across", "outside"]),
            says: h(&[
                "said", "says", "told", "added", "wrote", "argued", "explained",
            ]),
        }
    })
}

/// The cues of token `i`'s context.
fn cues(toks: &[Token], i: usize, text: &str) -> u8 {
    let w = cue_words();
    let mut c = 0;
    if i > 0 {
        let p = toks[i - 1].lw;
        if w.titles.contains(&p) {
            c |= Cue::TITLED;
        }
        if w.locative.contains(&p) {
            c |= Cue::LOCATIVE;
        }
    }
    if let Some(n) = toks.get(i + 1) {
        if w.says.contains(&n.lw) {
            c |= Cue::SAYS;
        }
        if n.text(text).starts_with(char::is_uppercase) {
            c |= Cue::RUN;
        }
    }
    if i > 0 && toks[i - 1].text(text).starts_with(char::is_uppercase) && !toks[i - 1].sent_first {
        c |= Cue::RUN;
    }
    c
}

impl<'a> DocEvidence<'a> {
    /// Gathers the evidence of an article's segments (already tokenized),
    /// given how each is cased (a headline's capitals are no evidence).
    pub fn gather(segs: &[(&'a str, Vec<Token>)], cases: &[Case]) -> DocEvidence<'a> {
        let mut ev = DocEvidence::default();
        let mut shouts = false;
        for ((text, toks), &case) in segs.iter().zip(cases) {
            let shouting = case == Case::Upper;
            shouts |= shouting;
            // A headline's capitals say nothing about its words.
            let headline = case == Case::Title;
            for (i, t) in toks.iter().enumerate() {
                let w = t.text(text);
                if !w.starts_with(char::is_uppercase) {
                    continue;
                }
                let flags = ev.caps.entry(t.lw).or_insert(0);
                if t.sent_first || shouting || headline {
                    continue;
                }
                *flags |= cues(toks, i, text);
                if is_all_upper(w) {
                    // An acronym written so in running text; or a shouted
                    // word, which makes truecasing need the lower case.
                    shouts |= w.len() >= 4;
                    ev.seen.entry(t.lw).or_insert(w);
                } else {
                    *flags |= 1;
                    ev.seen.entry(t.lw).or_insert(w);
                }
            }
        }
        // Most lower-case words were never capitalised: a bit set of the
        // capitalised ones' hashes skips the lookup for them.
        let mut bloom = [0u64; 16];
        for &h in ev.caps.keys() {
            bloom[(h >> 6) as usize & 15] |= 1 << (h & 63);
        }
        for (text, toks) in segs {
            for t in toks {
                let h = t.lw;
                let maybe = bloom[(h >> 6) as usize & 15] & (1 << (h & 63)) != 0;
                if !maybe && !shouts {
                    continue;
                }
                let w = t.text(text);
                if !w.starts_with(char::is_lowercase) {
                    continue;
                }
                if maybe && let Some(f) = ev.caps.get_mut(&h) {
                    *f |= 2;
                }
                if shouts {
                    ev.seen.entry(t.lw).or_insert(w);
                }
            }
        }
        ev
    }

    /// True if a word capitalised somewhere is written in lower case in the
    /// article too.
    pub fn written_lower(&self, lower_hash: u64) -> bool {
        self.caps.get(&lower_hash).is_some_and(|f| f & 2 != 0)
    }

    /// True if the word is capitalised mid-sentence in the article.
    pub fn written_capitalised(&self, lower_hash: u64) -> bool {
        self.caps.get(&lower_hash).is_some_and(|f| f & 1 != 0)
    }

    /// The form a word has mid-sentence in the article's running text (or
    /// anywhere in lower case, when some line shouts).
    pub fn seen(&self, lower_hash: u64) -> Option<&'a str> {
        self.seen.get(&lower_hash).copied()
    }

    /// Everything the article says of a word at once: bit 1 capitalised
    /// mid-sentence, bit 2 written in lower case too, then its cues (0
    /// for a word never capitalised).
    #[inline]
    pub fn flags(&self, lower_hash: u64) -> u8 {
        self.caps.get(&lower_hash).copied().unwrap_or(0)
    }
}
