//! Rules around the tagger, on token ranges of one segment: a person's
//! name without the titles and roles glued before it ("Interior Minister
//! Byron Camilleri" → "Byron Camilleri"), nor a place run into it
//! ("Ukraine Marie Yovanovitch"); no possessive or stray punctuation at a
//! name's end; months and weekdays never names; and wire datelines
//! ("VAIL, Colorado 1996-12-07 -", "LONDON (Reuters) -") as places.

use super::names;
use super::prepare::Seg;
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

/// Cleans one tagged name; may split it (a place run into a person's
/// name) or drop it.
pub fn clean(seg: &Seg, span: Span, out: &mut Vec<Span>) {
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
    // "Ukraine's Central Bank": a known name and its possessive start a
    // second name.
    if let Some(k) = (s + 1..e.saturating_sub(1)).find(|&k| matches!(word(seg, k), "'s" | "’s")) {
        let g = seg.gaz[s];
        let whole_hit =
            g % 2 == 1 && (s + 1..k).all(|i| seg.gaz[i] == g + 1) && seg.gaz[k] != g + 1;
        if whole_hit {
            let known = [
                EntityType::Person,
                EntityType::Org,
                EntityType::Place,
                EntityType::Misc,
            ][usize::from((g - 1) / 2)];
            clean(seg, (s, k, known), out);
            clean(seg, (k + 1, e, kind), out);
            return;
        }
    }
    if kind == EntityType::Person {
        // Through the last title word that still leaves a name after it.
        if let Some(k) = (s..e - 1).rev().find(|&k| names::is_title(word(seg, k))) {
            s = k + 1;
        }
        // A place glued before a name of two words or more.
        if e - s >= 3 && seg.gaz[s] == 5 {
            let mut k = s + 1;
            while k < e && seg.gaz[k] == 6 {
                k += 1;
            }
            if e - k >= 2 {
                out.push((s, k, EntityType::Place));
                s = k;
            }
        }
    }
    if e - s == 1 && names::is_calendar(word(seg, s)) {
        return;
    }
    let text = &seg.text[seg.toks[s].start..seg.toks[e - 1].end];
    // Groups, e-mail addresses and web addresses are not names.
    if names::is_group(text)
        || text.contains('@')
        || text.contains("://")
        || text.starts_with("www.")
    {
        return;
    }
    // A lone title ("Mr.", "President") is not a name.
    if (s..e).all(|k| names::is_title(word(seg, k))) {
        return;
    }
    out.push((s, e, kind));
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "–" | "—" | "―")
}

fn shouting(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
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
    let all_caps = (0..k).all(|i| shouting(orig(i)) || orig(i).len() <= 2);
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
    use super::super::lexicon::Lexicon;
    use super::super::prepare::{DocEvidence, tokenize_all};
    use super::*;

    fn with_seg<T>(text: &str, f: impl FnOnce(&Seg) -> T) -> T {
        let all = tokenize_all(&[text]);
        let ev = DocEvidence::gather(&all);
        let g = Gazetteer::bundled();
        let seg = Seg::new(text, all[0].1.clone(), false, &ev, &Lexicon::default(), &g);
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
