//! Merging an article's mentions into entities. In order of precedence: a
//! name from the user's own list; an acronym the article defines; a bare
//! surname of a full name used in the article ("Bill Jordan … Jordan
//! said" is the person, whatever the gazetteer says of "Jordan"), then
//! one the tagger reads as a person that is the byline's author's; the
//! gazetteer's canonical name when it agrees with the text (a person
//! stays a person); the name itself. Each entity then takes the type most
//! of its mentions have.

use std::collections::HashMap;

use super::hash::BuildPrehashed;
use super::names;
use super::{Extractor, Mention};
use crate::model::{Entity, EntityType};

/// Lower case, curly apostrophes straight, without a leading "the".
fn key(form: &str) -> String {
    let k = if form.contains('’') {
        form.replace('’', "'").to_lowercase()
    } else {
        form.to_lowercase()
    };
    match k.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => k,
    }
}

fn is_person(k: EntityType) -> bool {
    k == EntityType::Person
}

/// What a mention resolved to.
struct Target {
    key: String,
    name: String,
    kind: Option<EntityType>,
}

impl Extractor {
    /// Merges mentions into entities, most mentioned first.
    pub(super) fn resolve(&self, mentions: Vec<Mention>, authors: &[&str]) -> Vec<Entity> {
        let gaz = &self.gazetteer;
        // Full names of people in the article, by surname.
        let mut surnames: HashMap<&str, Vec<&str>, BuildPrehashed> = HashMap::default();
        for m in &mentions {
            if is_person(m.kind)
                && m.tokens >= 2
                && let Some((_, last)) = m.form.rsplit_once(' ')
            {
                let v = surnames.entry(last).or_default();
                if !v.contains(&m.form.as_str()) {
                    v.push(&m.form);
                }
            }
        }
        let by_author: HashMap<&str, &str> = authors
            .iter()
            .map(|a| (a.rsplit_once(' ').map_or(*a, |(_, last)| last), *a))
            .collect();
        // Acronyms the article defines, and the mention they stand for.
        let mut defined: HashMap<&str, usize, BuildPrehashed> = HashMap::default();
        for (i, m) in mentions.iter().enumerate() {
            if let Some(a) = &m.defines
                && a.chars().next() == m.form.chars().next()
                && *a != m.form
            {
                defined.entry(a.as_str()).or_insert(i);
            }
        }
        // A generic party alias ("Social Democrats") names a bundled party
        // only if the article also names that party otherwise.
        let confirmed: std::collections::HashSet<usize> = mentions
            .iter()
            .filter(|m| !names::is_generic_party(&m.form))
            .filter_map(|m| m.known)
            .collect();
        let own = |m: &Mention| Target {
            key: key(&m.form),
            name: m.form.clone(),
            kind: None,
        };
        let known_target = |id: usize| {
            let k = gaz.known(id);
            Target {
                key: key(&k.name),
                name: k.name.clone(),
                kind: Some(k.kind),
            }
        };
        let target = |m: &Mention| -> Target {
            if m.forced
                && let Some(id) = m.known
            {
                return known_target(id);
            }
            if m.tokens == 1 {
                if let Some(&i) = defined.get(m.form.as_str()) {
                    let long = &mentions[i];
                    return match long.known {
                        Some(id) if long.forced || compatible(long.kind, gaz.known(id).kind) => {
                            known_target(id)
                        }
                        _ => own(long),
                    };
                }
                // A full name in the article claims its surname first;
                // then the byline's author claims a surname read as a person
                // ("Ms. Vance is a fellow …", not "shares fell in London").
                if let Some(full) = surnames.get(m.form.as_str())
                    && full.len() == 1
                {
                    return Target {
                        key: key(full[0]),
                        name: full[0].to_string(),
                        kind: Some(EntityType::Person),
                    };
                }
                if is_person(m.kind)
                    && let Some(a) = by_author.get(m.form.as_str())
                {
                    return Target {
                        key: key(a),
                        name: a.to_string(),
                        kind: Some(EntityType::Person),
                    };
                }
            }
            if let Some(id) = m.known
                && compatible(m.kind, gaz.known(id).kind)
                && (!names::is_generic_party(&m.form) || confirmed.contains(&id))
            {
                return known_target(id);
            }
            own(m)
        };
        struct Acc {
            name: String,
            kind: Option<EntityType>,
            votes: [usize; 4],
            count: usize,
            lone_starts: usize,
            forms: Vec<(String, usize)>,
            first: usize,
        }
        let mut acc: HashMap<String, Acc, BuildPrehashed> = HashMap::default();
        for (n, m) in mentions.iter().enumerate() {
            let t = target(m);
            let a = acc.entry(t.key).or_insert_with(|| Acc {
                name: t.name.clone(),
                kind: t.kind,
                votes: [0; 4],
                count: 0,
                lone_starts: 0,
                forms: Vec::new(),
                first: n,
            });
            // A longer spelling of the same unknown name names it better.
            if t.kind.is_none() && a.kind.is_none() && t.name.len() > a.name.len() {
                a.name = t.name;
            }
            a.votes[m.kind.index()] += 1;
            a.count += 1;
            a.lone_starts += usize::from(m.lone_sentence_start);
            match a.forms.iter_mut().find(|(f, _)| *f == m.form) {
                Some((_, c)) => *c += 1,
                None => a.forms.push((m.form.clone(), 1)),
            }
        }
        let lex = super::tagger::Model::bundled().lexicon();
        let mut out: Vec<(usize, Entity)> = acc
            .into_values()
            .filter(|a| {
                // A word that only ever starts a sentence and that running
                // English writes in lower case is not a name ("Instead").
                let common_start = a.kind.is_none()
                    && a.lone_starts == a.count
                    && lex
                        .get_hashed(super::hash::lower(&a.name))
                        .is_some_and(|x| x.lower_share() >= 4 && x.lower_share() != 7);
                // A title alone ("President") that named no one in full.
                let title = a.kind.is_none() && names::is_title(&a.name);
                !common_start && !title && !gaz.is_ignored(&a.name)
            })
            .map(|mut a| {
                a.forms
                    .sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
                let kind = a.kind.unwrap_or_else(|| {
                    // Ties go to the earliest type in PERSON, ORG, PLACE,
                    // MISC order.
                    let best = (0..4).max_by(|&x, &y| a.votes[x].cmp(&a.votes[y]).then(y.cmp(&x)));
                    EntityType::ALL[best.unwrap_or(3)]
                });
                (
                    a.first,
                    Entity {
                        name: a.name,
                        kind,
                        count: a.count,
                        forms: a.forms.into_iter().map(|(f, _)| f).collect(),
                    },
                )
            })
            .collect();
        out.sort_by(|(fa, a), (fb, b)| b.count.cmp(&a.count).then(fa.cmp(fb)));
        out.into_iter().map(|(_, e)| e).collect()
    }
}

/// True if the gazetteer's reading of a name may replace the tagger's:
/// always, unless exactly one of them says it is a person.
fn compatible(tagged: EntityType, known: EntityType) -> bool {
    is_person(tagged) == is_person(known)
}
