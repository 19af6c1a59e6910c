//! Rules around the tagger, on token ranges of one segment: a person's
//! name without the titles and roles glued before it ("Interior Minister
//! Byron Camilleri" → "Byron Camilleri"), nor a place run into it
//! ("Ukraine Marie Yovanovitch"); no possessive or stray punctuation at a
//! name's end; months and weekdays never names; and wire datelines
//! ("VAIL, Colorado 1996-12-07 -", "LONDON (Reuters) -") as places.

use super::lexicon::Lexicon;
use super::names;
use super::prepare::Seg;
use super::tagger;
use super::truecase::is_all_upper;
use crate::model::EntityType;

/// A name found in a segment: token range and type.
pub type Span = (usize, usize, EntityType);

fn word<'a>(seg: &'a Seg, i: usize) -> &'a str {
    seg.form(i)
}

fn is_trailing_junk(w: &str) -> bool {
    matches!(
        w,
        "'s" | "’s" | "'" | "’" | "." | "," | ";" | ":" | "-" | "–" | "—" | "&"
    )
}

/// Cleans one tagged name; may split it (a known name and its
/// possessive before another name, a place run into a person's name) or
/// drop it.
pub fn clean(seg: &Seg, span: Span, out: &mut Vec<Span>) {
    let (mut s, e, kind) = span;
    // "Ukraine's Central Bank": a known name and its possessive start a
    // second name (a loop, however many there are).
    loop {
        let first = (s + 1..e.saturating_sub(1)).find(|&k| matches!(word(seg, k), "'s" | "’s"));
        let Some(k) = first else { break };
        let Some((end, known)) = seg.gaz_hit_at(s).filter(|&(end, _)| end == k) else {
            break;
        };
        clean_one(seg, (s, end, known), out);
        s = k + 1;
    }
    clean_one(seg, (s, e, kind), out);
}

/// [`clean`] for a name without a possessive split.
fn clean_one(seg: &Seg, span: Span, out: &mut Vec<Span>) {
    let (mut s, mut e, kind) = span;
    while e > s && is_trailing_junk(word(seg, e - 1)) {
        e -= 1;
    }
    while s < e && is_trailing_junk(word(seg, s)) {
        s += 1;
    }
    if s == e {
        return;
    }
    if kind == EntityType::Person {
        // Through the last title word that still leaves a name after it.
        if let Some(k) = (s..e - 1).rev().find(|&k| names::is_title(word(seg, k))) {
            s = k + 1;
        }
        // A place glued before a name of two words or more.
        if e - s >= 3
            && let Some((k, EntityType::Place)) = seg.gaz_hit_at(s)
            && k + 2 <= e
        {
            out.push((s, k, EntityType::Place));
            s = k;
        }
    }
    if e - s == 1 && names::is_calendar(word(seg, s)) {
        return;
    }
    let text = &seg.text[seg.toks[s].start..seg.toks[e - 1].end];
    // Groups, e-mail addresses and web addresses are not names.
    let web = text.bytes().any(|b| b == b'@' || b == b':')
        && (text.contains('@') || text.contains("://"));
    if names::is_group(text) || web || text.starts_with("www.") {
        return;
    }
    // Titles alone ("Mr. President") are not a name; one title word may
    // be a surname ("Major said"), which resolution decides.
    if e - s > 1 && (s..e).all(|k| names::is_title(word(seg, k))) {
        return;
    }
    out.push((s, e, street(seg, s, e).unwrap_or(kind)));
}

/// A street or square is a place: "Bragg St.", "Petersallee",
/// "Nachtigalplatz".
fn street(seg: &Seg, s: usize, e: usize) -> Option<EntityType> {
    let last = word(seg, e - 1);
    let ends = ["allee", "platz", "strasse", "straße", "gasse"];
    let abbrev = e - s >= 2
        && matches!(
            last,
            "St." | "Ave." | "Rd." | "Blvd." | "Street" | "Avenue" | "Road" | "Boulevard" | "Lane"
        );
    let german = last.len() > 7
        && ends.iter().any(|x| {
            last.len() >= x.len()
                && last.is_char_boundary(last.len() - x.len())
                && last[last.len() - x.len()..].eq_ignore_ascii_case(x)
        });
    (abbrev || german).then_some(EntityType::Place)
}

/// Grows a tagged name over the capitalised words next to it that the
/// tagger left out when they are names themselves ("IBM" "Watson",
/// "Otto" von "Bismarck", "Nada" "Tawfik") or end in an organisation's
/// head word ("Chicago" "Department of Public Health", "Pacific Gas" &
/// "Electric"), and an organisation's or a work's "The" mid-sentence
/// ("The Wall Street Journal"). Never over a title or role ("New York
/// City" "Mayor").
pub fn extend(seg: &Seg, tags: &[u8], (s, e, kind): Span, lex: &Lexicon) -> Span {
    let n = seg.toks.len();
    let free = |i: usize| tags.get(i).is_some_and(|&t| t == tagger::O);
    let cap = |i: usize| {
        let w = word(seg, i);
        free(i)
            && w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
            && !names::is_calendar(w)
            && !names::is_title(w)
    };
    // A word running text writes capitalised: a name of its own.
    let namelike = |i: usize| {
        lex.get_hashed(seg.toks[i].lw)
            .is_none_or(|x| x.lower_share() <= 2 || x.lower_share() == 7)
    };
    let mut e2 = e;
    let mut all_names = true;
    loop {
        if e2 < n && seg.toks[e2].line_start {
            break;
        }
        if e2 < n && cap(e2) {
            all_names &= namelike(e2);
            e2 += 1;
        } else if e2 + 1 < n
            && !seg.toks[e2 + 1].line_start
            && free(e2)
            && matches!(
                word(seg, e2),
                "of" | "for" | "&" | "de" | "von" | "van" | "du" | "da" | "al" | "bin"
            )
            && cap(e2 + 1)
        {
            all_names &= namelike(e2 + 1);
            e2 += 2;
        } else {
            break;
        }
    }
    let org_head = e2 > e && names::is_org_word(word(seg, e2 - 1));
    if !(all_names || org_head) {
        e2 = e;
    }
    let mut s2 = s;
    if kind == EntityType::Person {
        while s2 > 0
            && !seg.toks[s2].line_start
            && cap(s2 - 1)
            && !seg.toks[s2 - 1].sent_first
            && namelike(s2 - 1)
        {
            s2 -= 1;
        }
    }
    if matches!(kind, EntityType::Org | EntityType::Misc)
        && s2 > 0
        && word(seg, s2 - 1) == "The"
        && !seg.toks[s2].line_start
        && !seg.toks[s2 - 1].sent_first
        && free(s2 - 1)
    {
        s2 -= 1;
    }
    let kind = if org_head { EntityType::Org } else { kind };
    (s2, e2, kind)
}

/// Names the article defines but the tagger left out: a run of
/// capitalised words right before an acronym in parentheses that starts
/// with the same letter ("Bioimpedance Spectroscopy Unit (BIS)"). Such
/// definitions name organisations, mostly.
pub fn definitions(seg: &Seg, tags: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    for i in 1..seg.toks.len() {
        let Some(acr) = acronym_in_parens(seg, i) else {
            continue;
        };
        let cap = |k: usize| {
            tags.get(k).is_none_or(|&t| t == tagger::O)
                && (word(seg, k).starts_with(char::is_uppercase)
                    || matches!(word(seg, k), "of" | "for" | "and" | "on" | "the"))
        };
        let mut s = i;
        while s > 0 && !seg.toks[s].line_start && cap(s - 1) {
            s -= 1;
        }
        while s < i && !word(seg, s).starts_with(char::is_uppercase) {
            s += 1;
        }
        if i - s >= 2 && word(seg, s).chars().next() == acr.chars().next() {
            out.push((s, i, EntityType::Org));
        }
    }
    out
}

/// The acronym in parentheses that starts at token `i` ("(BMRC)"): two
/// to eight capitals, digits or "&".
pub fn acronym_in_parens<'a>(seg: &Seg<'a>, i: usize) -> Option<&'a str> {
    let w = |k: usize| seg.toks.get(k).map(|t| t.text(seg.text));
    if w(i)? != "(" || w(i + 2)? != ")" {
        return None;
    }
    let a = w(i + 1)?;
    ((2..=8).contains(&a.chars().count())
        && a.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&'))
    .then_some(a)
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "–" | "—" | "―")
}

fn capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
}

/// A date in a dateline: "1996-12-07", "Dec.", "7", "2024".
fn date_part(w: &str) -> bool {
    (w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '/'))
        || names::is_calendar(w)
        || w == ","
}

/// The names of a wire dateline at the start of a segment: its place (and
/// region) as PLACEs, an agency in parentheses as an ORG.
pub fn dateline(seg: &Seg) -> Vec<Span> {
    let n = seg.toks.len();
    let orig = |i: usize| seg.toks[i].text(seg.text);
    // The place: one to four words, in capitals (or capitalised when an
    // agency in parentheses follows).
    let mut k = 0;
    while k < n && k < 4 && capitalised(orig(k)) && !is_dash(orig(k)) {
        k += 1;
    }
    if k == 0 || k >= n {
        return Vec::new();
    }
    let place = (0, k);
    let all_caps = (0..k).all(|i| orig(i).len() <= 2 || is_all_upper(orig(i)));
    let mut out = Vec::new();
    match orig(k) {
        // "LONDON (Reuters) -"
        "(" => {
            let mut j = k + 1;
            while j < n && j < k + 5 && capitalised(orig(j)) {
                j += 1;
            }
            if j > k + 1 && j + 1 < n && orig(j) == ")" && is_dash(orig(j + 1)) {
                out.push((place.0, place.1, EntityType::Place));
                out.push((k + 1, j, EntityType::Org));
            }
        }
        // "VAIL, Colorado 1996-12-07 -", "GROZNY, Russia -"
        "," if all_caps => {
            let mut j = k + 1;
            while j < n && j < k + 5 && capitalised(orig(j)) && !names::is_calendar(orig(j)) {
                j += 1;
            }
            let mut d = j;
            while d < n && d < j + 4 && date_part(orig(d)) {
                d += 1;
            }
            let ends = d >= n || is_dash(orig(d)) || seg.toks[d].line_start;
            if j > k + 1 && ends {
                out.push((place.0, place.1, EntityType::Place));
                out.push((k + 1, j, EntityType::Place));
            }
        }
        // "LONDON —", "BEIJING 1996-12-07"
        w if all_caps && (is_dash(w) || date_part(w)) => {
            let mut d = k;
            while d < n && d < k + 4 && date_part(orig(d)) {
                d += 1;
            }
            if d >= n || is_dash(orig(d)) || seg.toks[d].line_start {
                out.push((place.0, place.1, EntityType::Place));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Gazetteer;
    use super::super::evidence::DocEvidence;
    use super::super::lexicon::Lexicon;
    use super::super::prepare::{self, tokenize_all};
    use super::*;

    fn with_seg<T>(text: &str, f: impl FnOnce(&Seg) -> T) -> T {
        let all = tokenize_all(&[text]);
        let cases = prepare::cases(&all, false);
        let ev = DocEvidence::gather(&all, &cases);
        let g = Gazetteer::bundled();
        let seg = Seg::new(
            text,
            all[0].1.clone(),
            cases[0],
            &ev,
            &Lexicon::default(),
            &g,
        );
        f(&seg)
    }

    fn names(seg: &Seg, spans: &[Span]) -> Vec<String> {
        spans
            .iter()
            .map(|&(s, e, k)| {
                format!(
                    "{}:{}",
                    k.as_str(),
                    &seg.text[seg.toks[s].start..seg.toks[e - 1].end]
                )
            })
            .collect()
    }

    #[test]
    fn datelines_are_places() {
        for (text, want) in [
            (
                "VAIL, Colorado 1996-12-07 - Skiers raced.",
                vec!["PLACE:VAIL", "PLACE:Colorado"],
            ),
            (
                "LONDON (Reuters) - Shares fell.",
                vec!["PLACE:LONDON", "ORG:Reuters"],
            ),
            ("NEW YORK — Stocks rose.", vec!["PLACE:NEW YORK"]),
            ("Police said on Monday that it rained.", vec![]),
            ("Bill Jordan, the mayor, said no.", vec![]),
        ] {
            with_seg(text, |seg| {
                assert_eq!(names(seg, &dateline(seg)), want, "{text}")
            });
        }
    }

    #[test]
    fn titles_come_off_person_names() {
        with_seg(
            "Interior Minister Byron Camilleri met President Donald Trump in March.",
            |seg| {
                let mut out = Vec::new();
                clean(seg, (0, 4, EntityType::Person), &mut out);
                clean(seg, (5, 8, EntityType::Person), &mut out);
                clean(seg, (9, 10, EntityType::Misc), &mut out);
                assert_eq!(
                    names(seg, &out),
                    ["PERSON:Byron Camilleri", "PERSON:Donald Trump"]
                );
            },
        );
        with_seg("the ambassador to Ukraine Marie Yovanovitch", |seg| {
            let mut out = Vec::new();
            clean(seg, (3, 6, EntityType::Person), &mut out);
            assert_eq!(
                names(seg, &out),
                ["PLACE:Ukraine", "PERSON:Marie Yovanovitch"]
            );
        });
    }
}
