//! Named entities: who and what an article is about. Typed (`PERSON`,
//! `ORG`, `PLACE`, `MISC`), canonical, with the spellings each article used.
//!
//! Two sources: the gazetteer (bundled lists plus the user's, matched in
//! one pass), and names found by rule — capitalised runs that are not just
//! sentence-initial words, names after titles, organisations with
//! lower-case connectors, model designations. Within an article, a bare
//! surname resolves to the full name used elsewhere in it and an acronym
//! defined in the text ("… Studies (CSIS)") to its long form.
//! Deterministic and offline.

pub mod gazetteer;
mod names;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::error::Result;
use crate::model::{Entity, EntityType};
pub use gazetteer::Gazetteer;
use names::Token;

/// Finds the entities of articles. Cheap to clone.
#[derive(Clone)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
}

/// One segment of an article: its text and whether names may be
/// discovered in it (not in titles and headings, whose every word is
/// capitalised).
struct Segment<'a> {
    text: &'a str,
    discover: bool,
}

/// A mention found in a segment.
#[derive(Debug, Clone)]
struct Mention<'a> {
    /// The surface form, with a person's title when one preceded it.
    form: &'a str,
    /// The name it stands for before in-document resolution.
    name: &'a str,
    kind: EntityType,
    /// From the gazetteer (canonical already).
    known: bool,
    /// Some mention of it was not the first word of a sentence.
    mid_sentence: bool,
    /// Found where discovery is allowed (not only in headings).
    in_prose: bool,
    /// It followed a person's title.
    titled: bool,
}

impl Extractor {
    /// The extractor with the bundled gazetteer (built once per process).
    pub fn bundled() -> Extractor {
        static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
        Extractor {
            gazetteer: G.get_or_init(|| Arc::new(Gazetteer::bundled())).clone(),
        }
    }

    /// The bundled gazetteer plus the user's entity files.
    pub fn with_files(files: &[&Path]) -> Result<Extractor> {
        if files.is_empty() {
            return Ok(Extractor::bundled());
        }
        Ok(Extractor {
            gazetteer: Arc::new(Gazetteer::with_files(files)?),
        })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Fills in the entities of a document from its title, body, tagline
    /// and pull quotes.
    pub fn annotate(&self, doc: &mut crate::model::Document) {
        let mut prose: Vec<&str> = doc.body.split("\n\n").collect();
        prose.extend(doc.pull_quotes.iter().map(String::as_str));
        prose.extend(doc.tagline.as_deref());
        let title = Some(doc.title.as_str()).filter(|t| !t.is_empty());
        // Capitalisation marks names only in English: other languages get
        // the gazetteer alone.
        let english = doc.lang.as_deref().is_none_or(|l| l == "en");
        let authors: Vec<&str> = doc.authors.iter().map(String::as_str).collect();
        doc.entities = self.extract_in(title, &prose, english, &authors);
    }

    /// Returns the entities of an article (its title, paragraphs, and
    /// other prose such as a tagline), most mentioned first.
    pub fn extract(&self, title: Option<&str>, paragraphs: &[&str]) -> Vec<Entity> {
        self.extract_in(title, paragraphs, true, &[])
    }

    /// Like [`Extractor::extract`]; names outside the gazetteer are found
    /// only when `discover`; a bare surname of one of the `authors` ("Ms.
    /// Vance is a fellow at …") is that author.
    pub fn extract_in<'a>(
        &'a self,
        title: Option<&'a str>,
        paragraphs: &[&'a str],
        discover: bool,
        authors: &[&'a str],
    ) -> Vec<Entity> {
        let mut segments: Vec<Segment> = Vec::new();
        if let Some(t) = title {
            segments.push(Segment {
                text: t,
                discover: false,
            });
        }
        for p in paragraphs {
            segments.push(Segment {
                text: p,
                discover: discover && !is_heading(p),
            });
        }
        let mut mentions = Vec::new();
        let mut acronyms: HashMap<&str, &str> = HashMap::new();
        for seg in &segments {
            self.scan(seg, &mut mentions, &mut acronyms);
        }
        // Words the article also writes in lower case are ordinary words
        // wherever they are capitalised ("Theatre", "Coming").
        let texts: Vec<&str> = segments.iter().map(|s| s.text).collect();
        // A short article is searched per word; a long one, whose many
        // names would make that quadratic, gets its words listed once.
        let long = texts.iter().map(|t| t.len()).sum::<usize>() > 32 * 1024;
        let lower_words: std::collections::HashSet<&str> = if long {
            texts
                .iter()
                .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
                .filter(|w| w.starts_with(char::is_lowercase))
                .collect()
        } else {
            Default::default()
        };
        let written_lower = |word: &str| {
            let lower = word.to_lowercase();
            if long {
                lower_words.contains(lower.as_str())
            } else {
                texts.iter().any(|t| contains_word(t, &lower))
            }
        };
        self.resolve(mentions, &acronyms, &written_lower, authors)
    }

    /// Finds the mentions of one segment.
    fn scan<'a>(
        &'a self,
        seg: &Segment<'a>,
        out: &mut Vec<Mention<'a>>,
        acronyms: &mut HashMap<&'a str, &'a str>,
    ) {
        let text = seg.text;
        let toks = names::tokens(text);
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

    /// Merges mentions into entities: acronyms to their long forms, bare
    /// surnames to the full names used in the same article; drops names
    /// seen only as the first word of a sentence or only in headings.
    fn resolve<'a>(
        &self,
        mentions: Vec<Mention<'a>>,
        acronyms: &HashMap<&'a str, &'a str>,
        written_lower: &dyn Fn(&str) -> bool,
        authors: &[&'a str],
    ) -> Vec<Entity> {
        // Full names of people in this article, by surname.
        let mut surnames: HashMap<&str, Vec<&str>> = HashMap::new();
        // The byline's people come first: a surname in the tagline is theirs
        // (a byline of one word, "Vance", is its own surname).
        let by_author: HashMap<&str, &str> = authors
            .iter()
            .map(|a| (a.rsplit_once(' ').map_or(*a, |(_, last)| last), *a))
            .collect();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for m in &mentions {
            if m.kind == EntityType::Person
                && seen.insert(m.name)
                && let Some((_, last)) = m.name.rsplit_once(' ')
            {
                surnames.entry(last).or_default().push(m.name);
            }
        }
        let kinds: HashMap<&str, (EntityType, bool)> = mentions
            .iter()
            .map(|m| (m.name, (m.kind, m.known)))
            .collect();

        let target = |m: &Mention<'a>| -> (&'a str, EntityType, bool) {
            // A bare surname the gazetteer knows ("Vance") is the person
            // of that surname named in full in this article, if one is.
            if m.known
                && m.kind == EntityType::Person
                && let Some(bare) = bare_surname(m.form)
            {
                if let Some(author) = by_author.get(bare) {
                    return (author, EntityType::Person, false);
                }
                if let Some(full) = surnames.get(bare)
                    && full.len() == 1
                    && full[0] != m.name
                {
                    return (full[0], EntityType::Person, kinds[full[0]].1);
                }
            }
            // An acronym the article defines means what it says there, not
            // what the gazetteer says ("BIS" for an impedance method).
            if m.known
                && let Some(long) = acronyms.get(&m.form)
                && *long != m.name
                && let Some(&(k, known)) = kinds.get(long)
            {
                return (long, k, known);
            }
            if m.known {
                return (m.name, m.kind, true);
            }
            if let Some(long) = acronyms.get(&m.name)
                && let Some(&(k, known)) = kinds.get(long)
            {
                return (long, k, known);
            }
            if let Some(author) = by_author.get(m.name) {
                return (author, EntityType::Person, false);
            }
            if !m.name.contains(' ')
                && let Some(full) = surnames.get(m.name)
                && full.len() == 1
            {
                return (full[0], EntityType::Person, kinds[full[0]].1);
            }
            (m.name, m.kind, false)
        };
        struct Acc<'a> {
            kind: EntityType,
            known: bool,
            count: usize,
            mid_sentence: usize,
            in_prose: bool,
            titled: bool,
            forms: Vec<(&'a str, usize)>,
            first: usize,
        }
        let mut acc: HashMap<&'a str, Acc<'a>> = HashMap::new();
        for (n, m) in mentions.iter().enumerate() {
            let (name, kind, known) = target(m);
            let a = acc.entry(name).or_insert(Acc {
                kind,
                known,
                count: 0,
                mid_sentence: 0,
                in_prose: false,
                titled: false,
                forms: Vec::new(),
                first: n,
            });
            a.count += 1;
            a.mid_sentence += usize::from(m.mid_sentence);
            a.in_prose |= m.in_prose;
            a.titled |= m.titled;
            match a.forms.iter_mut().find(|(f, _)| *f == m.form) {
                Some((_, c)) => *c += 1,
                None => a.forms.push((m.form, 1)),
            }
        }
        let mut out: Vec<(usize, Entity)> = acc
            .into_iter()
            .filter(|(name, a)| {
                // A lone unknown word is a name when it is capitalised
                // mid-sentence and never written in lower case.
                let found = || {
                    name.contains(' ') || a.titled || (a.mid_sentence > 0 && !written_lower(name))
                };
                (a.known || (a.in_prose && found())) && !self.gazetteer.is_ignored(name)
            })
            .map(|(name, mut a)| {
                a.forms
                    .sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
                let kind = if a.titled && !a.known {
                    EntityType::Person
                } else {
                    a.kind
                };
                (
                    a.first,
                    Entity {
                        name: name.to_string(),
                        kind,
                        count: a.count,
                        forms: a.forms.into_iter().map(|(f, _)| f.to_string()).collect(),
                    },
                )
            })
            .collect();
        out.sort_by(|(fa, a), (fb, b)| b.count.cmp(&a.count).then(fa.cmp(fb)));
        out.into_iter().map(|(_, e)| e).collect()
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

/// True if `word` occurs in `text` as a whole word.
fn contains_word(text: &str, word: &str) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(word).any(|(i, w)| {
        !glued(text[..i].chars().next_back()) && !glued(text[i + w.len()..].chars().next())
    })
}

/// The one name word of a form such as "Vance" or "Ms. Vance".
fn bare_surname(form: &str) -> Option<&str> {
    let mut words: Vec<&str> = form.split(' ').collect();
    let last = words.pop()?;
    words.iter().all(|w| names::is_title(w)).then_some(last)
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
fn is_heading(p: &str) -> bool {
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

#[cfg(test)]
mod tests;
