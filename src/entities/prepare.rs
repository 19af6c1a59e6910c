//! Getting an article's segments ready for the tagger: their tokens,
//! truecased forms ([`super::truecase`]), the gazetteer hit each token is
//! part of, and the windows where a name can be. Training runs the same
//! code on its sentences.

use std::borrow::Cow;

use super::Gazetteer;
use super::evidence::DocEvidence;
use super::hash;
use super::lexicon::Lexicon;
use super::tokens::{self, Token};
use super::truecase::{self, Case};
use crate::model::EntityType;

/// One segment (a title, a paragraph, a training sentence) ready to tag.
#[derive(Debug, Clone)]
pub struct Seg<'a> {
    /// The segment's text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Token>,
    /// Each token as it would be written in running text, when some token
    /// was truecased (empty otherwise: see [`Seg::form`]).
    pub forms: Vec<Cow<'a, str>>,
    /// How the segment was cased.
    pub case: Case,
    /// Per token: 0, or the gazetteer hit covering it (`1 + 2 * type` at
    /// its first token, `2 + 2 * type` after; see [`Seg::gaz_hit_at`]).
    pub gaz: Vec<u8>,
    /// Half-open token ranges where names may be: capitalised tokens and
    /// what joins them.
    pub windows: Vec<(usize, usize)>,
}

/// Connectors inside names ("Bank of China", "Jean de la Fontaine").
pub fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "and"
            | "the"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "al"
            | "bin"
            | "van"
            | "von"
            | "der"
            | "den"
            | "on"
            | "&"
            | "y"
            | "da"
            | "do"
            | "dos"
            | "di"
            | "del"
            | "ibn"
            | "-"
            | "'s"
            | "’s"
    )
}

impl<'a> Seg<'a> {
    /// Prepares a segment cased `case` (see [`truecase::case_of`]):
    /// truecases it, marks the windows to tag, and finds gazetteer hits on
    /// the truecased text.
    pub fn new(
        text: &'a str,
        toks: Vec<Token>,
        case: Case,
        ev: &DocEvidence<'a>,
        lex: &Lexicon,
        gaz: &Gazetteer,
    ) -> Seg<'a> {
        let forms = truecase::truecase(text, &toks, case, ev, lex);
        let form = |i: usize| -> &str {
            match forms.get(i) {
                Some(f) => f.as_ref(),
                None => &text[toks[i].start..toks[i].end],
            }
        };
        let windows = windows(text, &toks, &form, lex);
        // Without a window there is no capitalised word, and no name.
        let gaz_labels = if windows.is_empty() {
            vec![0; toks.len()]
        } else {
            gaz_labels(text, &toks, &forms, &windows, gaz)
        };
        Seg {
            text,
            toks,
            forms,
            case,
            gaz: gaz_labels,
            windows,
        }
    }

    /// Token `i` as running text writes it (truecased).
    #[inline]
    pub fn form(&self, i: usize) -> &str {
        match self.forms.get(i) {
            Some(f) => f.as_ref(),
            None => self.toks[i].text(self.text),
        }
    }

    /// True if token `i` was truecased.
    pub fn truecased(&self, i: usize) -> bool {
        self.forms
            .get(i)
            .is_some_and(|f| f.as_ref() != self.toks[i].text(self.text))
    }

    /// The [`hash::lower`] of token `i`'s running-text form.
    #[inline]
    pub fn lower_hash(&self, i: usize) -> u64 {
        if self.truecased(i) {
            hash::lower(self.form(i))
        } else {
            self.toks[i].lw
        }
    }

    /// The gazetteer hit that starts at token `i`: where it ends and the
    /// type of the entity it names.
    pub fn gaz_hit_at(&self, i: usize) -> Option<(usize, EntityType)> {
        let g = *self.gaz.get(i)?;
        if g % 2 == 0 {
            return None;
        }
        let end = i
            + 1
            + self.gaz[i + 1..]
                .iter()
                .take_while(|&&x| x == g + 1)
                .count();
        Some((end, EntityType::ALL[usize::from(g - 1) / 2]))
    }
}

/// Per-token gazetteer labels, found on the truecased text; searched only
/// where a window's token starts (every known form is capitalised).
fn gaz_labels(
    text: &str,
    toks: &[Token],
    forms: &[Cow<str>],
    windows: &[(usize, usize)],
    gaz: &Gazetteer,
) -> Vec<u8> {
    let mut labels = vec![0u8; toks.len()];
    // The truecased text and where each token sits in it.
    let owned;
    let (line, spans): (&str, Vec<(usize, usize)>) = if !forms.is_empty() {
        let mut s = String::with_capacity(text.len());
        let mut spans = Vec::with_capacity(toks.len());
        let mut prev = 0;
        for (t, f) in toks.iter().zip(forms) {
            s.push_str(&text[prev..t.start]);
            let at = s.len();
            s.push_str(f);
            spans.push((at, s.len()));
            prev = t.end;
        }
        owned = s;
        (owned.as_str(), spans)
    } else {
        (text, toks.iter().map(|t| (t.start, t.end)).collect())
    };
    let starts: Vec<usize> = windows
        .iter()
        .flat_map(|&(s, e)| (s..e).map(|i| spans[i].0))
        .collect();
    let mut k = 0;
    for hit in gaz.find_at(line, &starts) {
        let ty = gaz.known(hit.entity).kind.index() as u8;
        while k < spans.len() && spans[k].1 <= hit.start {
            k += 1;
        }
        let mut first = true;
        let mut j = k;
        while j < spans.len() && spans[j].0 < hit.end {
            labels[j] = if first { 1 + 2 * ty } else { 2 + 2 * ty };
            first = false;
            j += 1;
        }
    }
    labels
}

/// True if a token may be (part of) a name by its look: a capital letter
/// somewhere in it.
fn has_capital(w: &str) -> bool {
    if w.is_ascii() {
        return w.bytes().any(|b| b.is_ascii_uppercase());
    }
    w.chars().any(char::is_uppercase)
}

/// The token ranges worth tagging: capitalised tokens (not a sentence's
/// first word when that word is an ordinary lower-case word in running
/// English and no capitalised word follows), joined across up to two
/// connectors or digits between them, plus a number right after one
/// ("Windows 10", "Type 096").
fn windows<'f>(
    text: &str,
    toks: &[Token],
    form: &dyn Fn(usize) -> &'f str,
    lex: &Lexicon,
) -> Vec<(usize, usize)> {
    let n = toks.len();
    let cand: Vec<bool> = (0..n)
        .map(|i| {
            let f = form(i);
            // Names are capitalised: words in lower case are never tagged
            // (a few names written so in casual text are lost).
            if !has_capital(f) || !f.chars().next().is_some_and(char::is_alphanumeric) {
                return false;
            }
            if toks[i].sent_first {
                let next_cap = i + 1 < n && form(i + 1).starts_with(char::is_uppercase);
                let common = lex.get_hashed(hash::lower(f)).is_some_and(|x| {
                    x.lower_share() >= 5 && x.lower_share() != 7 && x.freq() <= 12
                });
                return !common || next_cap;
            }
            true
        })
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if !cand[i] {
            i += 1;
            continue;
        }
        // A number right before ("30 Seconds to Mars", "2022 Winter
        // Olympics").
        let start =
            if i > 0 && out.last().is_none_or(|w| w.1 < i) && is_number(toks[i - 1].text(text)) {
                i - 1
            } else {
                i
            };
        let mut end = i + 1;
        loop {
            // Join the next candidate across at most two connectors.
            // Never across a line break (lists of names, one a line).
            let mut j = end;
            while j < n && j < end + 2 && !cand[j] && !toks[j].line_start && joins(text, &toks[j]) {
                j += 1;
            }
            if j < n && cand[j] && !toks[j].line_start {
                end = j + 1;
                continue;
            }
            if end < n && !toks[end].line_start && is_number(toks[end].text(text)) {
                end += 1;
            }
            break;
        }
        out.push((start, end));
        i = end;
    }
    out
}

fn joins(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    is_connector(w) || is_number(w)
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| c.is_ascii_digit())
}

/// True if a paragraph is a heading: short, without closing punctuation.
pub fn is_heading(p: &str) -> bool {
    p.len() <= 200
        && !p
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', ':', ';', ','])
        && p.split_whitespace().count() <= 14
}

/// How each tokenized segment of an article is cased; the first is the
/// article's headline when `title`, and short lines without closing
/// punctuation are headings.
pub fn cases(segs: &[(&str, Vec<Token>)], title: bool) -> Vec<Case> {
    segs.iter()
        .enumerate()
        .map(|(n, (text, toks))| {
            truecase::case_of(text, toks, (n == 0 && title) || is_heading(text))
        })
        .collect()
}

/// Tokenizes every segment of an article.
pub fn tokenize_all<'a>(segments: &[&'a str]) -> Vec<(&'a str, Vec<Token>)> {
    segments
        .iter()
        .map(|s| {
            let mut v = Vec::new();
            tokens::tokenize(s, &mut v);
            (*s, v)
        })
        .collect()
}
