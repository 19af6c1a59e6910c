//! Named entities: who and what an article is about. A bundled gazetteer
//! (`data/gazetteer.tsv`) gives canonical names and types for well-known
//! actors; capitalised name sequences not in it are still found, untyped.
//! Deterministic and offline.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::model::{Entity, EntityType};

/// Longest alias, in words.
const MAX_ALIAS_WORDS: usize = 6;

/// Words that start sentences or headings but are not names on their own.
const STOP: &[&str] = &[
    "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "For",
    "But", "And", "Or", "If", "When", "While", "As", "By", "With", "From", "To", "Of", "We",
    "They", "He", "She", "I", "You", "Our", "Their", "His", "Her", "There", "Here", "What", "Why",
    "How", "Who", "Which", "Where", "After", "Before", "Since", "Until", "Yet", "So", "Still",
    "Even", "Also", "Instead", "Outside", "Inside", "Between", "Among", "Such", "Some", "Many",
    "Most", "Much", "More", "No", "Not", "None", "All", "Both", "Each", "Every", "Other",
    "Another", "One", "Two", "Three", "First", "Second", "Last", "Next", "New", "Now", "Then",
    "Today", "Tomorrow", "Yesterday", "Meanwhile", "However", "Moreover", "Although", "Though",
    "Because", "Unless", "Whether", "Nor", "Over", "Under", "Into", "About", "Above", "Below",
    "Across", "Against", "During", "Without", "Within", "Through", "Despite", "Beyond", "Do",
    "Does", "Did", "Is", "Are", "Was", "Were", "Be", "Has", "Have", "Had", "Can", "Could", "Will",
    "Would", "Should", "May", "Might", "Must", "Let", "Consider", "Take", "Read", "See", "Share",
    "Like", "Comments", "Mr", "Ms", "Mrs", "Dr", "Mr.", "Ms.", "Mrs.", "Dr.", "President", "Prime",
    "Minister", "Gen.", "Sen.", "Rep.", "Chairman", "Secretary", "Yes", "Indeed", "Perhaps",
    "Only", "Just", "Very", "Few", "Several", "Any", "Part", "Worse", "Better", "Again", "Once",
    "Put", "Given", "Taken", "Unlike", "Like", "Think", "Note", "Look", "Ask", "Washington's",
    "Advertisement", "Related", "Subscribe", "Posted", "Updated", "Published", "Photo", "Image",
    "Source", "Sources", "Editor", "Opinion", "Analysis", "News", "Later", "Earlier", "Recently",
    "Officials", "Critics", "Analysts", "Experts", "Supporters", "Both", "Neither", "Either",
    "Nevertheless", "Nonetheless", "Thus", "Hence", "Therefore", "Finally", "Initially",
];

const MONTHS_DAYS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
];

/// Lower-case words allowed inside a multi-word name.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "de", "on", "al", "bin", "van", "von",
];

struct Gazetteer {
    /// Alias (exact surface form) → (canonical, type).
    aliases: HashMap<String, (String, EntityType)>,
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

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut aliases = HashMap::new();
        for line in include_str!("../../data/gazetteer.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(kind) = cols.get(1).and_then(|t| parse_type(t)) else {
                continue;
            };
            let canonical = cols[0].to_string();
            aliases.insert(canonical.clone(), (canonical.clone(), kind));
            for alias in cols.get(2).into_iter().flat_map(|a| a.split('|')) {
                aliases.insert(alias.to_string(), (canonical.clone(), kind));
            }
        }
        Gazetteer { aliases }
    })
}

/// A word of the text with whether a sentence starts at it.
struct Word<'a> {
    text: &'a str,
    sentence_start: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split(|c: char| c.is_whitespace() || c == '—' || c == '–') {
        let trimmed = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let mut word = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        // "U.S." keeps its final period; "said." and "Xi." do not.
        if word.ends_with('.') && word.matches('.').count() == 1 {
            word = &word[..word.len() - 1];
        }
        for suffix in ["'s", "’s"] {
            if let Some(w) = word.strip_suffix(suffix) {
                word = w;
            }
        }
        if !word.is_empty() {
            out.push(Word {
                text: word,
                sentence_start,
            });
        }
        let end = raw.trim_end_matches(['"', '”', '’', '\'', ')']);
        sentence_start = raw.is_empty()
            || raw.contains('\n')
            || (end.ends_with(['.', '!', '?', ':']) && !is_abbreviation(end));
    }
    out
}

fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr." | "Ms." | "Mrs." | "Dr." | "Gen." | "Sen." | "Rep." | "St." | "No." | "Prof."
    ) || (w.matches('.').count() > 1 && w.len() <= 6)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Returns the entities of an article, most mentioned first.
pub fn extract(title: &str, body: &str) -> Vec<Entity> {
    let g = gazetteer();
    let mut counts: HashMap<String, (Option<EntityType>, usize)> = HashMap::new();
    // A capitalised sentence-initial word that the text also uses in lower
    // case ("Later", "Officials") is an ordinary word, not a name.
    let lower: HashSet<&str> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    for (text, find_unknown) in [(title, false), (body, true)] {
        for para in text.split("\n\n") {
            scan(&words(para), g, find_unknown.then_some(&lower), &mut counts);
        }
    }
    merge_surnames(&mut counts);
    let mut out: Vec<Entity> = counts
        .into_iter()
        .map(|(name, (kind, count))| Entity { name, kind, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

fn scan(
    ws: &[Word<'_>],
    g: &Gazetteer,
    find_unknown: Option<&HashSet<&str>>,
    counts: &mut HashMap<String, (Option<EntityType>, usize)>,
) {
    let mut i = 0;
    while i < ws.len() {
        // Longest gazetteer alias starting here.
        let mut matched = None;
        for n in (1..=MAX_ALIAS_WORDS.min(ws.len() - i)).rev() {
            let phrase = ws[i..i + n]
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" ");
            if let Some((canonical, kind)) = g.aliases.get(&phrase) {
                matched = Some((n, canonical.clone(), *kind));
                break;
            }
        }
        if let Some((n, canonical, kind)) = matched {
            let e = counts.entry(canonical).or_insert((Some(kind), 0));
            e.1 += 1;
            i += n;
            continue;
        }
        let Some(lower) = find_unknown else {
            i += 1;
            continue;
        };
        if !capitalised(ws[i].text) {
            i += 1;
            continue;
        }
        // A run of capitalised words, with connectors inside.
        let mut j = i;
        let mut end = i;
        while j < ws.len() && j - i < 8 {
            let w = ws[j].text;
            if capitalised(w) && !MONTHS_DAYS.contains(&w) && (j == i || !ws[j].sentence_start) {
                if j > i && g.aliases.contains_key(w) {
                    break;
                }
                end = j + 1;
                j += 1;
            } else if j > i
                && CONNECTORS.contains(&w)
                && ws.get(j + 1).is_some_and(|n| capitalised(n.text))
            {
                j += 1;
            } else {
                break;
            }
        }
        let mut start = i;
        // Drop sentence-initial and stop words from the front.
        let common = |w: &Word<'_>| {
            STOP.contains(&w.text)
                || MONTHS_DAYS.contains(&w.text)
                || (w.sentence_start && lower.contains(w.text.to_lowercase().as_str()))
        };
        while start < end && common(&ws[start]) {
            start += 1;
        }
        while start < end && CONNECTORS.contains(&ws[start].text) {
            start += 1;
        }
        let single_at_start = end - start == 1 && ws[start.min(ws.len() - 1)].sentence_start;
        if start < end
            && !single_at_start
            && ws[start..end]
                .iter()
                .any(|w| w.text.chars().any(char::is_lowercase) || w.text.len() > 1)
        {
            let name = ws[start..end]
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" ");
            if name.chars().any(char::is_alphabetic) && !STOP.contains(&name.as_str()) {
                counts.entry(name).or_insert((None, 0)).1 += 1;
            }
        }
        i = end.max(i + 1);
    }
}

/// Folds a bare surname ("Vance") into the full name used in the same
/// article ("Eleanor Vance").
fn merge_surnames(counts: &mut HashMap<String, (Option<EntityType>, usize)>) {
    let singles: Vec<String> = counts
        .iter()
        .filter(|(n, (kind, _))| kind.is_none() && !n.contains(' '))
        .map(|(n, _)| n.clone())
        .collect();
    for single in singles {
        let full: Vec<&String> = counts
            .keys()
            .filter(|n| n.split(' ').count() >= 2 && n.ends_with(&format!(" {single}")))
            .collect();
        if let [full] = full[..] {
            let full = full.clone();
            if let Some((_, c)) = counts.remove(&single)
                && let Some(e) = counts.get_mut(&full)
            {
                e.1 += c;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(es: &[Entity]) -> Vec<&str> {
        es.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn gazetteer_aliases_merge() {
        let es = extract(
            "",
            "The U.S. and America differ. Xi Jinping met Xi. Beijing said no.",
        );
        let us = es.iter().find(|e| e.name == "United States").unwrap();
        assert_eq!(us.count, 2);
        assert_eq!(us.kind, Some(EntityType::Place));
        assert_eq!(es.iter().find(|e| e.name == "Xi Jinping").unwrap().count, 2);
    }

    #[test]
    fn unknown_names_and_no_junk() {
        let es = extract(
            "",
            "Officials at the Kestrel Institute for Maritime Studies agreed. Instead, Eleanor Vance wrote in March. Later Vance spoke.",
        );
        let n = names(&es);
        assert!(
            n.contains(&"Kestrel Institute for Maritime Studies"),
            "{n:?}"
        );
        assert_eq!(
            es.iter().find(|e| e.name == "Eleanor Vance").unwrap().count,
            2,
            "{n:?}"
        );
        assert!(!n.contains(&"Instead"));
        assert!(!n.contains(&"March"));
    }

    #[test]
    fn possessives_and_models() {
        let es = extract(
            "",
            "China’s navy tested the Iskander-M and Russia's Tu-95 Bear flew.",
        );
        let n = names(&es);
        assert!(
            n.contains(&"China")
                && n.contains(&"Russia")
                && n.contains(&"Iskander-M")
                && n.contains(&"Tu-95"),
            "{n:?}"
        );
    }
}
