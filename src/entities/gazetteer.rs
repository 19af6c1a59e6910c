//! The gazetteer: names pundit knows before reading an article, from the
//! bundled `data/entities/*.tsv` and the user's own files, matched in one
//! case-sensitive, word-boundary-aware pass (aho-corasick).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::hash::BuildPrehashed;

use crate::error::{Error, Result};
use crate::model::EntityType;

/// The bundled lists, by file name (for error messages).
const BUNDLED: &[(&str, &str)] = &[
    ("places.tsv", include_str!("../../data/entities/places.tsv")),
    ("people.tsv", include_str!("../../data/entities/people.tsv")),
    ("orgs.tsv", include_str!("../../data/entities/orgs.tsv")),
    ("misc.tsv", include_str!("../../data/entities/misc.tsv")),
];

/// One known entity.
#[derive(Debug, Clone)]
pub struct Known {
    /// Canonical name.
    pub name: String,
    /// Its type.
    pub kind: EntityType,
}

/// A gazetteer hit in a text: byte range and the entity.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Index into [`Gazetteer::known`].
    pub entity: usize,
}

/// The automaton over every form, the entity of each pattern, and which
/// two-byte prefixes start a form (most words start none: no search).
struct Matcher {
    automaton: AhoCorasick,
    targets: Vec<usize>,
    prefixes: Vec<u64>,
}

impl Matcher {
    fn may_start(&self, bytes: &[u8]) -> bool {
        match bytes {
            [a, b, ..] => {
                let k = usize::from(*a) << 8 | usize::from(*b);
                self.prefixes[k / 64] & (1 << (k % 64)) != 0
            }
            _ => false,
        }
    }
}

/// Known names and the automaton that finds them.
pub struct Gazetteer {
    known: Vec<Known>,
    /// Surface form → entity.
    by_form: HashMap<String, usize, BuildPrehashed>,
    /// Lower-cased surface form → entity, for what users type.
    by_lower: HashMap<String, usize>,
    /// Built on first use: searches only look names up.
    matcher: OnceLock<Matcher>,
    /// Names (lower case) that are never entities.
    ignored: HashSet<String>,
    /// Hash of every list read, so an index knows when to re-extract.
    fingerprint: String,
    /// Entities a user's list named (these override the tagger).
    user: HashSet<usize>,
}

fn parse_type(s: &str) -> Option<EntityType> {
    match s {
        "PERSON" => Some(EntityType::Person),
        "ORG" => Some(EntityType::Org),
        "PLACE" => Some(EntityType::Place),
        "MISC" => Some(EntityType::Misc),
        _ => None,
    }
}

/// What one list line says.
enum Line<'a> {
    Entity(&'a str, EntityType, Vec<&'a str>),
    Ignore(Vec<&'a str>),
}

fn parse_line(line: &str) -> std::result::Result<Option<Line<'_>>, String> {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cols.len() < 2 || cols.len() > 3 {
        return Err(format!(
            "want `name<TAB>TYPE<TAB>alias|alias`, found {} column(s)",
            cols.len()
        ));
    }
    let name = cols[0];
    if name.is_empty() {
        return Err("empty name".into());
    }
    let aliases: Vec<&str> = cols
        .get(2)
        .into_iter()
        .flat_map(|a| a.split('|'))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    if cols[1] == "IGNORE" {
        return Ok(Some(Line::Ignore(
            std::iter::once(name).chain(aliases).collect(),
        )));
    }
    let kind = parse_type(cols[1]).ok_or_else(|| {
        format!(
            "unknown type {:?} (want PERSON, ORG, PLACE, MISC or IGNORE)",
            cols[1]
        )
    })?;
    Ok(Some(Line::Entity(name, kind, aliases)))
}

/// Collects lists into a gazetteer; later lists override earlier ones.
#[derive(Default)]
struct Builder {
    known: Vec<Known>,
    /// Canonical name → index in `known`.
    ids: HashMap<String, usize>,
    by_form: HashMap<String, usize, BuildPrehashed>,
    ignored: HashSet<String>,
    hasher: blake3::Hasher,
    user: HashSet<usize>,
}

impl Builder {
    fn add(&mut self, origin: &str, text: &str, user: bool) -> std::result::Result<(), String> {
        // The lists' contents decide what is extracted, not where they
        // live (an index path typed two ways must not re-read everything).
        self.hasher.update(text.as_bytes());
        self.hasher.update(&[0]);
        for (n, line) in text.lines().enumerate() {
            let parsed = parse_line(line).map_err(|why| format!("{origin}:{}: {why}", n + 1))?;
            match parsed {
                None => {}
                Some(Line::Ignore(names)) => {
                    for name in names {
                        self.ignored.insert(name.to_lowercase());
                        self.by_form.remove(name);
                    }
                }
                Some(Line::Entity(name, kind, aliases)) => {
                    // A user's line for a known canonical name replaces it.
                    let id = match self.ids.get(name) {
                        Some(&id) => {
                            self.known[id].kind = kind;
                            id
                        }
                        None => {
                            self.known.push(Known {
                                name: name.to_string(),
                                kind,
                            });
                            self.ids.insert(name.to_string(), self.known.len() - 1);
                            self.known.len() - 1
                        }
                    };
                    if user {
                        self.user.insert(id);
                    }
                    for form in std::iter::once(name).chain(aliases) {
                        self.ignored.remove(&form.to_lowercase());
                        self.by_form.insert(form.to_string(), id);
                    }
                }
            }
        }
        Ok(())
    }

    fn build(self) -> Gazetteer {
        let mut by_lower = HashMap::new();
        for (form, id) in &self.by_form {
            by_lower.entry(form.to_lowercase()).or_insert(*id);
        }
        // Canonical names win over aliases that lower-case the same way.
        for (id, k) in self.known.iter().enumerate() {
            if self.by_form.get(&k.name) == Some(&id) {
                by_lower.insert(k.name.to_lowercase(), id);
            }
        }
        Gazetteer {
            known: self.known,
            by_form: self.by_form,
            by_lower,
            matcher: OnceLock::new(),
            ignored: self.ignored,
            fingerprint: self.hasher.finalize().to_hex()[..16].to_string(),
            user: self.user,
        }
    }
}

impl Gazetteer {
    /// The bundled lists only.
    pub fn bundled() -> Gazetteer {
        let mut b = Builder::default();
        for (name, text) in BUNDLED {
            b.add(&format!("data/entities/{name}"), text, false)
                .expect("bundled entity lists are valid (checked by tests)");
        }
        b.build()
    }

    /// The bundled lists plus the user's files, which add entities and
    /// aliases, override bundled ones and ignore names (`IGNORE` lines).
    pub fn with_files(files: &[&Path]) -> Result<Gazetteer> {
        let mut b = Builder::default();
        for (name, text) in BUNDLED {
            b.add(&format!("data/entities/{name}"), text, false)
                .map_err(Error::Invalid)?;
        }
        for path in files {
            let text = std::fs::read_to_string(path).map_err(|error| Error::Io {
                path: path.to_path_buf(),
                error,
            })?;
            b.add(&path.display().to_string(), &text, true)
                .map_err(|why| Error::Invalid(format!("entities file {why}")))?;
        }
        Ok(b.build())
    }

    /// A short hash of every list read.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The entity at `id`.
    pub fn known(&self, id: usize) -> &Known {
        &self.known[id]
    }

    /// Number of known entities.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// True when no entity is known.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// The entity a surface form names, exactly as written.
    pub fn lookup(&self, form: &str) -> Option<usize> {
        self.by_form.get(form).copied()
    }

    /// The entity a name found in a text stands for: its form as written,
    /// or without a leading "the" ("the Pentagon").
    pub fn lookup_name(&self, form: &str) -> Option<usize> {
        self.lookup(form).or_else(|| {
            let rest = form
                .strip_prefix("the ")
                .or_else(|| form.strip_prefix("The "))?;
            self.lookup(rest)
        })
    }

    /// True if a user's list gave any entity.
    pub fn has_user_entries(&self) -> bool {
        !self.user.is_empty()
    }

    /// True if the entity at `id` comes from a user's list.
    pub fn is_user(&self, id: usize) -> bool {
        self.user.contains(&id)
    }

    /// The entity a name typed by a user stands for, in any case.
    pub fn lookup_any_case(&self, name: &str) -> Option<&Known> {
        self.by_lower
            .get(&name.trim().to_lowercase())
            .map(|&id| &self.known[id])
    }

    /// True if `name` is on an ignore list.
    pub fn is_ignored(&self, name: &str) -> bool {
        !self.ignored.is_empty() && self.ignored.contains(&name.to_lowercase())
    }

    fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| {
            // Curly apostrophes match as straight ones ("People’s").
            let mut forms: Vec<(String, usize)> = Vec::with_capacity(self.by_form.len() + 64);
            for (f, id) in &self.by_form {
                forms.push((f.clone(), *id));
                if f.contains('\'') {
                    let curly = f.replace('\'', "’");
                    if !self.by_form.contains_key(&curly) {
                        forms.push((curly, *id));
                    }
                }
            }
            forms.sort();
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(forms.iter().map(|(f, _)| f.as_str()))
                .expect("gazetteer patterns are plain strings");
            let mut prefixes = vec![0u64; 65536 / 64];
            for (f, _) in &forms {
                if let [a, b, ..] = f.as_bytes() {
                    let k = usize::from(*a) << 8 | usize::from(*b);
                    prefixes[k / 64] |= 1 << (k % 64);
                }
            }
            Matcher {
                automaton,
                targets: forms.iter().map(|(_, id)| *id).collect(),
                prefixes,
            }
        })
    }

    /// The whole-word occurrences of known forms in `text`, in text order;
    /// where forms overlap, the leftmost and then the longest.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        // Only where a word starts (anchored searches are short).
        let mut starts = Vec::new();
        let bytes = text.as_bytes();
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() {
            // ASCII is judged by the byte; other characters are decoded.
            let (word, len) = match bytes[i] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'_', 1),
                _ => {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            if word && !prev_word {
                starts.push(i);
            }
            prev_word = word;
            i += len;
        }
        self.find_at(text, &starts)
    }

    /// Like [`Gazetteer::find`], trying only the given word starts (byte
    /// offsets, ascending): the longest form that starts there and ends
    /// where a word ends.
    pub fn find_at(&self, text: &str, starts: &[usize]) -> Vec<Hit> {
        let matcher = self.matcher();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        for &i in starts {
            if i < at || !matcher.may_start(&bytes[i..]) {
                continue;
            }
            let input = Input::new(text).span(i..text.len()).anchored(Anchored::Yes);
            if let Some(m) = matcher.automaton.find(input)
                && word_bounded(text, m.start(), m.end())
            {
                out.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    entity: matcher.targets[m.pattern().as_usize()],
                });
                at = m.end();
            }
        }
        out
    }
}

/// True if `text[start..end]` is not glued to letters or digits on either
/// side ("US" in "US-led" is; in "USA" or "bus" it is not).
fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    // A form ending in "." ("U.S.") may be followed by anything.
    !glued(before) && (text[..end].ends_with('.') || !glued(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_are_valid_and_unambiguous() {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        let mut problems = Vec::new();
        for (file, text) in BUNDLED {
            for (n, line) in text.lines().enumerate() {
                match parse_line(line) {
                    Err(why) => problems.push(format!("{file}:{}: {why}", n + 1)),
                    Ok(Some(Line::Entity(name, _, aliases))) => {
                        for form in std::iter::once(name).chain(aliases) {
                            if let Some(other) = seen.insert(form, name)
                                && other != name
                            {
                                problems.push(format!(
                                    "{file}:{}: {form:?} names both {other:?} and {name:?}",
                                    n + 1
                                ));
                            }
                        }
                    }
                    Ok(_) => {}
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(Gazetteer::bundled().len() > 1000);
    }

    #[test]
    fn matches_whole_words_case_sensitively_longest_first() {
        let g = Gazetteer::bundled();
        let names = |t: &str| -> Vec<String> {
            g.find(t)
                .iter()
                .map(|h| g.known(h.entity).name.clone())
                .collect()
        };
        assert_eq!(names("the US-led coalition"), ["United States"]);
        assert!(names("let us go by bus").is_empty());
        assert_eq!(names("the South China Sea"), ["South China Sea"]);
        assert_eq!(names("Iranian drones"), ["Iran"]);
    }

    #[test]
    fn user_lines_add_override_and_ignore() {
        let mut b = Builder::default();
        b.add("bundled", "China\tPLACE\tChinese\nGulf\tPLACE\n", false)
            .unwrap();
        b.add(
            "user",
            "Lantern Dispatch\tORG\tthe Dispatch|LD\nGulf\tIGNORE\n",
            true,
        )
        .unwrap();
        let g = b.build();
        assert_eq!(g.lookup_any_case("ld").unwrap().name, "Lantern Dispatch");
        assert!(g.lookup("Gulf").is_none() && g.is_ignored("gulf"));
        assert!(b_err("X\tPEOPLE\n").contains("user:1: unknown type \"PEOPLE\""));
    }

    fn b_err(text: &str) -> String {
        Builder::default().add("user", text, true).unwrap_err()
    }
}
