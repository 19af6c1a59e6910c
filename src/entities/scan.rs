//! Finding mentions in one segment of an article: gazetteer hits, and
//! capitalised runs judged as names by their words (titles, head words,
//! connectors, designations).

use std::collections::HashMap;

use super::names;
use super::tokens::{self, Token};
use super::{Extractor, Mention, Segment};
use crate::model::EntityType;

impl Extractor {
    /// Finds the mentions of one segment.
    pub(super) fn scan<'a>(
        &'a self,
        seg: &Segment<'a>,
        out: &mut Vec<Mention<'a>>,
        acronyms: &mut HashMap<&'a str, &'a str>,
    ) {
        let text = seg.text;
        let toks = tokens::tokens(text);
        let hits = self.gazetteer.find(text);
        // The gazetteer hit covering each token (both lists are in order).
        let mut covered: Vec<Option<usize>> = vec![None; toks.len()];
        let mut h = 0;
        for (i, t) in toks.iter().enumerate() {
            while h < hits.len() && hits[h].end <= t.start {
                h += 1;
            }
            if h < hits.len() && hits[h].start < t.end {
                covered[i] = Some(h);
            }
        }
        let in_work_title = work_titles(text, &toks);
        let ctx = Ctx {
            text,
            toks: &toks,
            discover: seg.discover,
        };
        let mut i = 0;
        while i < toks.len() {
            if let Some(h) = covered[i] {
                let hit = hits[h];
                let mut j = i;
                while j + 1 < toks.len() && covered[j + 1] == Some(h) {
                    j += 1;
                }
                let known = self.gazetteer.known(hit.entity);
                // "Finnish Border Guard", "Helsinki Commission", "Sofia
                // Lindqvist": a known place or organisation that starts a
                // longer name.
                if seg.discover
                    && matches!(known.kind, EntityType::Place | EntityType::Org)
                    && !toks[j].breaks_after
                    && !toks[j].possessive
                    && !toks.get(j + 1).is_some_and(|t| t.opens)
                    && !in_work_title[i]
                    && let Some(run) = name_run(&toks, &covered, j + 1)
                    && (toks[run.clone()].iter().any(|t| {
                        !names::is_common(t.text)
                            && !names::is_title(t.text)
                            && !names::is_connector(t.text)
                    }) || {
                        let last = toks[run.end - 1].text;
                        names::is_org_word(last) || names::is_misc_word(last)
                    })
                    && !toks[run.clone()].iter().any(|t| names::is_title(t.text))
                    && let Some(m) = self.candidate(&ctx, i, run.end, acronyms, true)
                {
                    self.note_acronym(text, &toks, run.end - 1, m.name, acronyms);
                    out.push(m);
                    i = run.end;
                    continue;
                }
                let titled = title_before(&toks, i);
                let form_start = if known.kind == EntityType::Person {
                    titled.map_or(hit.start, |k| toks[k].start)
                } else {
                    hit.start
                };
                out.push(Mention {
                    form: &text[form_start..hit.end],
                    name: &known.name,
                    kind: known.kind,
                    known: true,
                    mid_sentence: !toks[i].sentence_start,
                    in_prose: seg.discover,
                    titled: titled.is_some(),
                });
                self.note_acronym(text, &toks, j, &known.name, acronyms);
                i = j + 1;
                continue;
            }
            // "LONDON —", "RUSSIA": a known name in capitals.
            let w = toks[i].text;
            if w.chars().count() >= 4 && w.chars().all(|c| c.is_uppercase()) {
                let title_case: String = w
                    .chars()
                    .take(1)
                    .chain(w.chars().skip(1).flat_map(char::to_lowercase))
                    .collect();
                if let Some(id) = self
                    .gazetteer
                    .lookup(&title_case)
                    .or(self.gazetteer.lookup(w))
                {
                    let known = self.gazetteer.known(id);
                    out.push(Mention {
                        form: w,
                        name: &known.name,
                        kind: known.kind,
                        known: true,
                        mid_sentence: !toks[i].sentence_start,
                        in_prose: seg.discover,
                        titled: false,
                    });
                    i += 1;
                    continue;
                }
            }
            let run = (!in_work_title[i])
                .then(|| name_run(&toks, &covered, i))
                .flatten();
            let Some(mut run) = run else {
                i += 1;
                continue;
            };
            // "University of Tokyo", "Bank of China": a head word, "of"
            // and a known place.
            let head = toks[run.clone()]
                .iter()
                .any(|t| names::is_org_word(t.text) || names::is_place_word(t.text));
            let place_before = run.len() == 1 && names::is_place_word(toks[run.start].text);
            if place_before
                && run.end < toks.len()
                && !toks[run.start].breaks_after
                && let Some(h) = covered[run.end]
                && self.gazetteer.known(hits[h].entity).kind == EntityType::Place
            {
                // "Lake Geneva", "Port Sudan".
                let mut e = run.end;
                while e + 1 < toks.len() && covered[e + 1] == Some(h) {
                    e += 1;
                }
                run = run.start..e + 1;
            } else if head
                && run.end + 1 < toks.len()
                && matches!(toks[run.end].text, "of" | "for")
                && !toks[run.end - 1].breaks_after
                && let Some(h) = covered[run.end + 1]
                && self.gazetteer.known(hits[h].entity).kind == EntityType::Place
            {
                let mut e = run.end + 1;
                while e + 1 < toks.len() && covered[e + 1] == Some(h) {
                    e += 1;
                }
                run = run.start..e + 1;
            }
            let next = run.end;
            for part in split_coordination(&toks, run) {
                if let Some(m) = self.candidate(&ctx, part.start, part.end, acronyms, false) {
                    self.note_acronym(text, &toks, part.end - 1, m.name, acronyms);
                    out.push(m);
                }
            }
            i = next;
        }
    }

    /// Records "Long Name (LN)": the acronym after a name stands for it.
    fn note_acronym<'a>(
        &self,
        text: &str,
        toks: &[Token<'a>],
        last: usize,
        name: &'a str,
        acronyms: &mut HashMap<&'a str, &'a str>,
    ) {
        let Some(next) = toks.get(last + 1) else {
            return;
        };
        let between = &text[toks[last].end..next.start];
        if !between
            .trim_start_matches(['\'', '’', 's'])
            .trim()
            .starts_with('(')
            || !names::is_acronym(next.text)
            || !text[next.end..].starts_with(')')
        {
            return;
        }
        let initial = |s: &str| s.chars().next();
        if initial(next.text) == initial(name) && next.text != name {
            acronyms.insert(next.text, name);
        }
    }

    /// Judges the capitalised run `toks[start..end]`; returns a mention if
    /// it is a name. `merged`: the run starts with a gazetteer hit.
    fn candidate<'a>(
        &self,
        ctx: &Ctx<'a, '_>,
        start: usize,
        end: usize,
        acronyms: &HashMap<&str, &str>,
        merged: bool,
    ) -> Option<Mention<'a>> {
        let toks = ctx.toks;
        let words: Vec<&str> = toks[start..end].iter().map(|t| t.text).collect();
        let last = *words.last()?;
        let has = |f: fn(&str) -> bool| words.iter().any(|w| f(w));
        // The head word decides the type: last ("Defense Department"), or
        // first before "of" ("Gulf of Ob").
        let head_first = words.len() > 2 && words[1] == "of";
        let is_head = |f: fn(&str) -> bool| f(last) || (head_first && f(words[0]));
        let org = is_head(names::is_org_word) || (words.len() > 1 && has(names::is_org_word));
        let misc =
            !org && (is_head(names::is_misc_word) || matches!(words[0], "Operation" | "Exercise"));
        let place = !org && !misc && is_head(names::is_place_word);
        // Leading words that are not part of the name: titles before a
        // person's name (not before "Court" in "Supreme Court"), function
        // words that start sentences, connectors, adjectival compounds
        // ("Ice-class").
        let mut s = 0;
        while s < words.len() {
            let w = words[s];
            let t = &toks[start + s];
            let drop = if merged && s == 0 {
                false
            } else if !org && !misc && !place {
                names::is_title(w) || names::is_common(w)
            } else {
                names::is_common(w) && t.sentence_start
            };
            if !(drop || names::is_connector(w) || lower_compound(w)) {
                break;
            }
            s += 1;
        }
        let words = &words[s..];
        let first = start + s;
        // Connectors, weekdays and months never end a name ("John Rankin
        // Thursday").
        let mut e = words.len();
        while e > 0 && (names::is_connector(words[e - 1]) || names::is_calendar(words[e - 1])) {
            e -= 1;
        }
        let words = &words[..e];
        // "Supreme Court", "National Assembly": ordinary words that name an
        // institution mid-sentence.
        let institution = words.len() >= 2
            && !toks[first].sentence_start
            && names::is_org_word(words[words.len() - 1])
            && !words.iter().any(|w| matches!(*w, "and" | "&"));
        if words.is_empty()
            || (!institution
                && words
                    .iter()
                    .all(|w| names::is_common(w) || names::is_title(w) || names::is_connector(w)))
            || (!org && !misc && !place && names::is_title(words[words.len() - 1]))
        {
            return None;
        }
        let titled = title_before(toks, first).is_some();
        let text = ctx.text;
        let span = &text[toks[first].start..toks[first + words.len() - 1].end];
        if self.gazetteer.is_ignored(span) {
            return None;
        }
        let single = words.len() == 1;
        let w = words[0];
        let after_preposition = first > 0 && names::is_place_preposition(toks[first - 1].text);
        let kind = if single {
            if let Some(d) = names::designation(w) {
                return Some(mention(
                    d,
                    d,
                    EntityType::Misc,
                    &toks[first],
                    ctx.discover,
                    false,
                ));
            }
            let acronym = names::is_acronym(w);
            // Plural acronyms ("GPUs") are things, not names; short
            // acronyms are names only when the text defines them.
            let plural_acronym =
                w.len() > 2 && w.ends_with('s') && names::is_acronym(&w[..w.len() - 1]);
            if plural_acronym
                || lower_compound(w)
                || w.ends_with("ern")
                || w.chars().count() < 2
                || (acronym && w.chars().count() < 4 && !acronyms.contains_key(w))
            {
                return None;
            }
            if titled {
                EntityType::Person
            } else if acronym || org {
                EntityType::Org
            } else if place || after_preposition {
                EntityType::Place
            } else {
                EntityType::Misc
            }
        } else if words.len() == 2 && names::is_designation_prefix(w) {
            EntityType::Misc
        } else if org {
            EntityType::Org
        } else if misc {
            EntityType::Misc
        } else if place {
            EntityType::Place
        } else if titled {
            EntityType::Person
        } else if words.iter().any(|w| names::is_connector(w)) {
            EntityType::Org
        } else if words.len() <= 4
            // "Eagle S", "Model Y": a lone capital ends a vessel's or a
            // product's name, not a person's.
            && words[words.len() - 1].len() > 1
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            })
        {
            EntityType::Person
        } else {
            EntityType::Misc
        };
        let form = if kind == EntityType::Person {
            let from = title_before(toks, first).map_or(toks[first].start, |k| toks[k].start);
            &text[from..toks[first + words.len() - 1].end]
        } else {
            span
        };
        Some(mention(
            form, span, kind, &toks[first], ctx.discover, titled,
        ))
    }
}

/// A segment's text and tokens, for judging candidates.
struct Ctx<'a, 't> {
    text: &'a str,
    toks: &'t [Token<'a>],
    discover: bool,
}

fn mention<'a>(
    form: &'a str,
    name: &'a str,
    kind: EntityType,
    first: &Token,
    in_prose: bool,
    titled: bool,
) -> Mention<'a> {
    Mention {
        form,
        name,
        kind,
        known: false,
        mid_sentence: !first.sentence_start,
        in_prose,
        titled,
    }
}

/// "Western-imposed", "Ice-class": a capitalised word joined to a
/// lower-case one is an adjective, not a name.
fn lower_compound(w: &str) -> bool {
    w.rsplit_once('-')
        .is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase))
}

/// Splits "Mitsui and JOGMEC" into its names; keeps "Defense and Security
/// Department", whose head word follows the "and".
fn split_coordination(toks: &[Token], run: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let last = toks[run.end - 1].text;
    let head = |w: &str| names::is_org_word(w) || names::is_misc_word(w) || names::is_place_word(w);
    // "Institute of Standards and Technology": the "and" is inside the
    // head's complement.
    let complement = toks[run.clone()]
        .windows(2)
        .any(|w| head(w[0].text) && matches!(w[1].text, "of" | "for"));
    if head(last) || complement {
        return vec![run];
    }
    let mut parts = Vec::new();
    let mut from = run.start;
    for k in run.clone() {
        if matches!(toks[k].text, "and" | "&") {
            if k > from {
                parts.push(from..k);
            }
            from = k + 1;
        }
    }
    if from < run.end {
        parts.push(from..run.end);
    }
    parts
}

/// The index of the first token of a person's title that ends right
/// before token `i` ("Prime Minister", "Gen.", "President").
fn title_before(toks: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    while k > 0 && names::is_title(toks[k - 1].text) && !toks[k - 1].breaks_after {
        k -= 1;
    }
    (k < i).then_some(k)
}

/// The capitalised run starting at token `i`, if one does: capitalised
/// words and connectors between them, not crossing punctuation or a
/// gazetteer hit, and designations such as "Type 096".
fn name_run(toks: &[Token], covered: &[Option<usize>], i: usize) -> Option<std::ops::Range<usize>> {
    let starts = |t: &Token| names::capitalised(t.text) || names::designation(t.text).is_some();
    if !toks.get(i).is_some_and(starts) || covered[i].is_some() {
        return None;
    }
    let mut end = i + 1;
    let mut last_cap = i;
    while end < toks.len()
        && covered[end].is_none()
        && !toks[end].opens
        && !toks[end - 1].breaks_after
        && (!toks[end - 1].possessive || names::possessive_in_name(toks[end - 1].text))
    {
        let t = &toks[end];
        if names::capitalised(t.text) && !t.sentence_start {
            last_cap = end;
        } else if t.text.chars().all(|c| c.is_ascii_digit())
            && last_cap == end - 1
            && ((t.text.len() == 1 && !names::is_common(toks[end - 1].text))
                || (t.text.len() <= 3 && names::is_designation_prefix(toks[end - 1].text)))
        {
            // "Type 096", "Estlink 2", "Yi Peng 3"; not "March 5" or "TPP 51".
            last_cap = end;
        } else if !names::is_connector(t.text) {
            break;
        }
        end += 1;
    }
    Some(i..last_cap + 1)
}

/// Marks the tokens inside quoted titles of books and articles (“The
/// American Edge: The Military Tech Nexus…”): three or more words, most of
/// them capitalised. Names are not discovered there.
fn work_titles(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut marks = vec![false; toks.len()];
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        let before = &text[..t.start];
        let opens = before.ends_with(['“', '"']);
        if opens && open.is_none() {
            open = Some(i);
        }
        let after = &text[t.end..];
        let closes = after
            .trim_start_matches(['.', ',', ':', ';', '!', '?'])
            .starts_with(['”', '"']);
        if let (true, Some(start)) = (closes, open) {
            let span = &toks[start..=i];
            let caps = span.iter().filter(|t| names::capitalised(t.text)).count();
            if span.len() >= 3 && caps * 3 >= span.len() * 2 {
                marks[start..=i].iter_mut().for_each(|m| *m = true);
            }
            open = None;
        }
    }
    marks
}

/// True if a paragraph is a heading: short, without closing punctuation,
/// with most words capitalised.
pub(super) fn is_heading(p: &str) -> bool {
    if p.len() > 200 || p.trim_end().ends_with(['.', '!', '?', '"', '”']) {
        return false;
    }
    let (mut words, mut caps) = (0, 0);
    for w in p.split_whitespace() {
        words += 1;
        caps += usize::from(names::capitalised(w));
        if words > 14 {
            return false;
        }
    }
    words > 0 && caps * 2 > words
}
