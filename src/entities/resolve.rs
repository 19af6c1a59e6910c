//! Merging an article's mentions into entities: acronyms to their long
//! forms, surnames to full names, and the names that do not hold up
//! dropped.

use std::collections::HashMap;

use super::names;
use super::{Extractor, Mention};
use crate::model::{Entity, EntityType};

impl Extractor {
    /// Merges mentions into entities: acronyms to their long forms, bare
    /// surnames to the full names used in the same article; drops names
    /// seen only as the first word of a sentence or only in headings.
    pub(super) fn resolve<'a>(
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

/// True if `word` occurs in `text` as a whole word.
pub(super) fn contains_word(text: &str, word: &str) -> bool {
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
