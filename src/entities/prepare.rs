//! Getting an article's text ready for the tagger: tokens per segment,
//! the article's own evidence of how each word is written (for truecasing
//! and document features), truecased forms for ALL-CAPS and Title Case
//! lines, gazetteer hits per token, and the windows where a name can be.
//! Training runs the same code on its sentences.

use std::borrow::Cow;
use std::collections::HashMap;

use super::Gazetteer;
use super::hash::{self, BuildPrehashed};
use super::lexicon::Lexicon;
use super::tokens::{self, Token};
use crate::model::EntityType;

/// How a segment is cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Running text.
    Normal,
    /// Every word capitalised: a headline or heading.
    Title,
    /// Shouting: a wire headline, a dateline line.
    Upper,
}

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
    /// its first token, `2 + 2 * type` after).
    pub gaz: Vec<u8>,
    /// Half-open token ranges where names may be: capitalised tokens and
    /// what joins them.
    pub windows: Vec<(usize, usize)>,
}

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
    /// Gathers the evidence of an article's segments (already tokenized);
    /// `headings[i]`: segment `i` is a headline (its capitals are no
    /// evidence, whatever punctuation ends it).
    pub fn gather(segs: &[(&'a str, Vec<Token>)], headings: &[bool]) -> DocEvidence<'a> {
        let mut ev = DocEvidence::default();
        let mut shouts = false;
        for (n, (text, toks)) in segs.iter().enumerate() {
            let case = case_of(text, toks, headings.get(n).copied().unwrap_or(false));
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

    /// The [`Cue`]s of the word's contexts in the article.
    pub fn cues(&self, lower_hash: u64) -> u8 {
        self.caps.get(&lower_hash).map_or(0, |f| f & !3)
    }

    /// Everything the article says of a word at once: bit 1 capitalised
    /// mid-sentence, bit 2 written in lower case too, then its cues (0
    /// for a word never capitalised).
    #[inline]
    pub fn flags(&self, lower_hash: u64) -> u8 {
        self.caps.get(&lower_hash).copied().unwrap_or(0)
    }
}

fn is_all_upper(w: &str) -> bool {
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase);
    }
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// True if the word has two letters or more.
fn two_letters(w: &str) -> bool {
    if w.is_ascii() {
        return w.bytes().filter(u8::is_ascii_alphabetic).nth(1).is_some();
    }
    w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// Share of a segment's words of two letters or more that are in capitals.
fn upper_share(text: &str, toks: &[Token]) -> f64 {
    // Running text has far more small letters than capitals: no need to
    // look at its words.
    // A shouting line is a headline or a dateline: short. A long
    // paragraph is judged by its start.
    let head = &text.as_bytes()[..text.len().min(160)];
    let upper = head.iter().filter(|b| b.is_ascii_uppercase()).count();
    if upper * 4 < head.len() {
        return 0.0;
    }
    let (mut n, mut up) = (0, 0);
    for t in toks {
        let w = t.text(text);
        if two_letters(w) {
            n += 1;
            up += usize::from(is_all_upper(w));
        }
    }
    if n < 2 { 0.0 } else { up as f64 / n as f64 }
}

/// Words that stay lower case in a Title Case headline.
fn is_minor(w: &str) -> bool {
    const MINOR: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "with",
        "by", "from", "as", "vs", "via", "into", "over", "up",
    ];
    w.len() <= 4 && MINOR.iter().any(|m| m.eq_ignore_ascii_case(w))
}

/// How a segment is cased: shouting, Title Case (a line without closing
/// punctuation whose words are nearly all capitalised), or running text.
fn case_of(text: &str, toks: &[Token], heading: bool) -> Case {
    if upper_share(text, toks) >= 0.8 {
        return Case::Upper;
    }
    if !heading
        && text
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', ':', ';', ','])
    {
        return Case::Normal;
    }
    let (mut n, mut caps) = (0, 0);
    for t in toks {
        let w = t.text(text);
        if !w.chars().next().is_some_and(char::is_alphabetic) || is_minor(w) {
            continue;
        }
        n += 1;
        caps += usize::from(w.starts_with(char::is_uppercase));
    }
    if n >= 3 && caps * 4 >= n * 3 {
        Case::Title
    } else {
        Case::Normal
    }
}

fn title_case(w: &str) -> String {
    // Each part of a hyphenated word: "AL-AIN" → "Al-Ain".
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.extend(c.to_lowercase());
            if !c.is_alphanumeric() {
                start = true;
            }
        }
    }
    out
}

fn capitalise_first(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|h| h.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The running-text form of a word written in capitals.
fn truecase_upper<'a>(
    w: &'a str,
    sent_first: bool,
    ev: &DocEvidence<'a>,
    lex: &Lexicon,
) -> Cow<'a, str> {
    let h = hash::lower(w);
    let chosen: Cow<'a, str> = if let Some(seen) = ev.seen.get(&h) {
        Cow::Borrowed(*seen)
    } else {
        let lower = w.to_lowercase();
        let title = title_case(w);
        let share = lex.get(&lower).map(|i| i.lower_share());
        let freq = |s: &str| lex.get(s).map(|i| i.freq()).filter(|&f| f > 0);
        match share {
            Some(s) if s >= 4 && s != 7 => Cow::Owned(lower),
            _ => {
                let (f_up, f_title) = (freq(w), freq(&title));
                match (f_up, f_title) {
                    (Some(u), Some(t)) if u < t => Cow::Borrowed(w),
                    (Some(_), None) => Cow::Borrowed(w),
                    (None, None) if w.chars().count() <= 3 => Cow::Borrowed(w),
                    _ => Cow::Owned(title),
                }
            }
        }
    };
    if sent_first && chosen.starts_with(char::is_lowercase) {
        Cow::Owned(capitalise_first(&chosen))
    } else {
        chosen
    }
}

/// The running-text form of a capitalised word in a Title Case line.
fn truecase_title<'a>(w: &'a str, ev: &DocEvidence<'a>, lex: &Lexicon) -> Cow<'a, str> {
    let h = hash::lower(w);
    if ev.written_capitalised(h) {
        return Cow::Borrowed(w);
    }
    let lower_form = || {
        let mut l = String::with_capacity(w.len());
        let mut c = w.chars();
        if let Some(h) = c.next() {
            l.extend(h.to_lowercase());
        }
        l.extend(c);
        l
    };
    if ev.written_lower(h) {
        return Cow::Owned(lower_form());
    }
    let lower = w.to_lowercase();
    match lex.get(&lower).map(|i| i.lower_share()) {
        Some(s) if s >= 4 && s != 7 => Cow::Owned(lower_form()),
        _ => Cow::Borrowed(w),
    }
}

/// Token index of a gazetteer type (for the per-token labels).
fn gaz_type(k: EntityType) -> u8 {
    match k {
        EntityType::Person => 0,
        EntityType::Org => 1,
        EntityType::Place => 2,
        EntityType::Misc => 3,
    }
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
    /// Prepares a segment: truecases it, finds gazetteer hits on the
    /// truecased text, and marks the windows to tag.
    pub fn new(
        text: &'a str,
        toks: Vec<Token>,
        heading: bool,
        ev: &DocEvidence<'a>,
        lex: &Lexicon,
        gaz: &Gazetteer,
    ) -> Seg<'a> {
        let case = case_of(text, &toks, heading);
        // Only the words that may change are looked at; most segments keep
        // every word as written and store no forms.
        let mut changes: Vec<(usize, Cow<'a, str>)> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let w = &text[t.start..t.end];
            if !w.starts_with(char::is_uppercase) {
                continue;
            }
            let f = match case {
                Case::Upper if is_all_upper(w) => truecase_upper(w, t.sent_first, ev, lex),
                Case::Title if !t.sent_first && !is_all_upper(w) => truecase_title(w, ev, lex),
                // A shouted word in running text ("VAIL, Colorado",
                // "LONDON (Reuters)") when the lexicon knows it otherwise.
                Case::Normal | Case::Title
                    if w.len() >= 4 && is_all_upper(w) && shouted(w, lex) =>
                {
                    truecase_upper(w, t.sent_first, ev, lex)
                }
                _ => continue,
            };
            if f.as_ref() != w {
                changes.push((i, f));
            }
        }
        let mut forms: Vec<Cow<'a, str>> = Vec::new();
        if !changes.is_empty() {
            forms = toks
                .iter()
                .map(|t| Cow::Borrowed(&text[t.start..t.end]))
                .collect();
            for (i, f) in changes {
                forms[i] = f;
            }
        }
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
}

/// True for an all-caps word that running English writes otherwise
/// ("VAIL", "LONDON"), not an acronym ("NATO").
fn shouted(w: &str, lex: &Lexicon) -> bool {
    let up = lex.get(w).map(|i| i.freq()).filter(|&f| f > 0);
    let title = lex.get(&title_case(w)).map(|i| i.freq()).filter(|&f| f > 0);
    match (up, title) {
        (None, Some(_)) => true,
        (Some(u), Some(t)) => t + 1 < u,
        _ => false,
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
        let ty = gaz_type(gaz.known(hit.entity).kind);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        super::super::lexicon::build(
            "says\t-9.0\t0\nSays\t-14.0\t0\nsoccer\t-10.0\t0\nSoccer\t-13.0\t0\nVail\t-15.0\t0\nNATO\t-12.0\t0\nNato\t-15.0\t0\nlimits\t-10.0\t0\nLimits\t-14.0\t0\n",
            "",
            "",
        )
    }

    fn forms(text: &str, body: &str, heading: bool) -> Vec<String> {
        let all = tokenize_all(&[text, body]);
        let ev = DocEvidence::gather(&all, &[heading, false]);
        let g = Gazetteer::bundled();
        let seg = Seg::new(text, all[0].1.clone(), heading, &ev, &lex(), &g);
        seg.forms.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn truecases_shouting_and_title_case() {
        assert_eq!(
            forms("SOCCER - CHELSEA SAYS NATO", "Chelsea won.", true),
            ["Soccer", "-", "Chelsea", "says", "NATO"]
        );
        assert_eq!(forms("VAIL, Colorado 1996-12-07", "", false)[0], "Vail");
        assert_eq!(
            forms("Xi Sets No Limits for Ferrova", "The xi club sets.", true),
            ["Xi", "sets", "No", "limits", "for", "Ferrova"]
        );
    }
}
