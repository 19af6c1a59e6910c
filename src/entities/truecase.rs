//! Truecasing: how a segment is cased (running text, a Title Case
//! headline, a shouted wire line), and the form running text would give a
//! word that such a line capitalises: from how the same article writes the
//! word elsewhere, else from how often English writes it in lower case
//! ("SAYS" → "says", "CHELSEA" → "Chelsea", "NATO" stays). The tagger's
//! features are computed on these forms.

use std::borrow::Cow;

use super::evidence::DocEvidence;
use super::hash;
use super::lexicon::Lexicon;
use super::tokens::Token;

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

/// The running-text form of every token of a segment cased `case`: empty
/// when no token changes (most segments), else one form per token.
pub fn truecase<'a>(
    text: &'a str,
    toks: &[Token],
    case: Case,
    ev: &DocEvidence<'a>,
    lex: &Lexicon,
) -> Vec<Cow<'a, str>> {
    // Only the words that may change are looked at.
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
            Case::Normal | Case::Title if w.len() >= 4 && is_all_upper(w) && shouted(w, lex) => {
                truecase_upper(w, t.sent_first, ev, lex)
            }
            _ => continue,
        };
        if f.as_ref() != w {
            changes.push((i, f));
        }
    }
    if changes.is_empty() {
        return Vec::new();
    }
    let mut forms: Vec<Cow<'a, str>> = toks
        .iter()
        .map(|t| Cow::Borrowed(&text[t.start..t.end]))
        .collect();
    for (i, f) in changes {
        forms[i] = f;
    }
    forms
}

/// True for a word with a capital and no small letter.
pub fn is_all_upper(w: &str) -> bool {
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
    // A shouting line is a headline or a dateline: short, with few small
    // letters. A long paragraph is judged by its first 160 bytes.
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
pub fn case_of(text: &str, toks: &[Token], heading: bool) -> Case {
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
    let chosen: Cow<'a, str> = if let Some(seen) = ev.seen(h) {
        Cow::Borrowed(seen)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::prepare::tokenize_all;

    fn lex() -> Lexicon {
        super::super::lexicon::build(
            "says\t-9.0\t0\nSays\t-14.0\t0\nsoccer\t-10.0\t0\nSoccer\t-13.0\t0\nVail\t-15.0\t0\nNATO\t-12.0\t0\nNato\t-15.0\t0\nlimits\t-10.0\t0\nLimits\t-14.0\t0\n",
            "",
            "",
        )
    }

    fn forms(text: &str, body: &str, heading: bool) -> Vec<String> {
        let all = tokenize_all(&[text, body]);
        let cases = [
            case_of(text, &all[0].1, heading),
            case_of(body, &all[1].1, false),
        ];
        let ev = DocEvidence::gather(&all, &cases);
        truecase(text, &all[0].1, cases[0], &ev, &lex())
            .iter()
            .map(|f| f.to_string())
            .collect()
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
