//! Authors from bylines ("By Eleanor Vance and Kenji Arakawa", "Daniel
//! Okafor, Special to The Lantern Dispatch") and from op-ed end taglines
//! ("Mr. Jones is president of … at the Center for …").

/// A byline: the names, and an outlet when the byline names one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    /// Author names in order.
    pub names: Vec<String>,
    /// The outlet from "Special to …" / "for …", if any.
    pub source: Option<String>,
}

/// An end tagline: who the author is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagline {
    /// The name as given ("Jones", "Eleanor Vance").
    pub name: String,
    /// What follows "is": the role and affiliation.
    pub affiliation: String,
}

const HONORIFICS: &[&str] = &[
    "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Professor", "Gen.", "Adm.", "Col.", "Amb.", "Mr", "Ms",
    "Mrs", "Dr", "Sen.", "Rep.", "Lt.", "Maj.",
];

/// Name particles that may stay lower case inside a name.
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el",
];

/// Returns true if `s` looks like a person's name: 1–5 words, capitalised
/// except for particles, letters, hyphens, apostrophes and periods only.
pub fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            let ok_chars = w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            ok_chars && (capital || PARTICLES.contains(w))
        })
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Splits "A, B and C" into names.
fn split_names(s: &str) -> Vec<String> {
    s.replace(" & ", ", ")
        .replace(" and ", ", ")
        .split(',')
        .map(|n| n.trim().trim_end_matches('.').trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Parses a byline line. Returns `None` if the line is not one.
pub fn parse_byline(line: &str) -> Option<Byline> {
    let line = line.trim().trim_matches(['*', '_']).trim();
    if line.split_whitespace().count() > 16 {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let rest = [
        "by ", "posted by ", "written by ", "words by ", "von ", "par ", "por ", "door ", "di ",
        "av ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map(|p| &line[p.len()..]);
    let (names_part, source) = match rest {
        Some(rest) => split_source(rest),
        None => {
            // "Daniel Okafor, Special to The Lantern Dispatch"
            let idx = lower.find(", special to ")?;
            (
                &line[..idx],
                Some(line[idx + ", special to ".len()..].trim().to_string()),
            )
        }
    };
    let names: Vec<String> = split_names(names_part);
    if names.is_empty() || !names.iter().all(|n| looks_like_name(n)) {
        return None;
    }
    Some(Byline { names, source })
}

/// Splits "Name, Special to Outlet" / "Name | Outlet" / "Name for Outlet".
fn split_source(rest: &str) -> (&str, Option<String>) {
    let lower = rest.to_ascii_lowercase();
    for sep in [", special to ", " | ", " for ", ", "] {
        if let Some(i) = lower.find(sep) {
            let (names, tail) = (&rest[..i], rest[i + sep.len()..].trim());
            if sep == ", " {
                // "By A, B and C" is a list of names; only a trailing part that
                // is not a name is an outlet or a role, which we drop.
                let parts = split_names(rest);
                if parts.iter().all(|n| looks_like_name(n)) {
                    return (rest, None);
                }
                return (names, None);
            }
            let tail = tail.trim_end_matches('.');
            return (names, (!tail.is_empty()).then(|| tail.to_string()));
        }
    }
    (rest, None)
}

/// Words that show the text after "is" describes a person's role.
const ROLE_WORDS: &[&str] = &[
    "fellow", "director", "president", "professor", "author", "editor", "correspondent", "analyst",
    "economist", "scholar", "columnist", "researcher", "lawyer", "former", "chair", "chairman",
    "head", "senior", "reporter", "writer", "member", "ambassador", "secretary", "adviser",
    "advisor", "founder", "partner", "lecturer", "officer", "strategist", "journalist",
    "executive", "dean", "expert", "contributor", "retired",
];

/// Parses an end tagline. Returns `None` if the paragraph is not one.
pub fn parse_tagline(p: &str) -> Option<Tagline> {
    let p = p.trim().trim_matches(['*', '_']).trim();
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() < 4 || words.len() > 80 {
        return None;
    }
    let is_at = words
        .iter()
        .position(|w| matches!(*w, "is" | "was" | "serves" | "teaches"))?;
    if is_at == 0 || is_at > 5 {
        return None;
    }
    let (name_words, honorific) = if HONORIFICS.contains(&words[0]) {
        (&words[1..is_at], true)
    } else {
        (&words[..is_at], false)
    };
    let name = name_words.join(" ");
    if name.is_empty() || !looks_like_name(&name) {
        return None;
    }
    let affiliation = words[is_at + 1..].join(" ");
    let lower = affiliation.to_lowercase();
    let has_role = ROLE_WORDS
        .iter()
        .any(|r| lower.split(|c: char| !c.is_alphabetic()).any(|w| w == *r));
    // Without an honorific, demand a full name and a role word, so "Russia
    // is the main supplier…" is not a tagline.
    if !has_role || (!honorific && name_words.len() < 2) {
        return None;
    }
    let affiliation = affiliation.trim_end_matches('.').to_string();
    Some(Tagline { name, affiliation })
}

/// Returns true if `full` ends with the surname `short` ("Eleanor Vance" / "Vance").
pub fn same_person(full: &str, short: &str) -> bool {
    full == short || full.ends_with(&format!(" {short}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        let b = parse_byline("By Eleanor Vance and Kenji Arakawa").unwrap();
        assert_eq!(b.names, vec!["Eleanor Vance", "Kenji Arakawa"]);
        let b = parse_byline("Daniel Okafor, Special to The Lantern Dispatch").unwrap();
        assert_eq!(b.names, vec!["Daniel Okafor"]);
        assert_eq!(b.source.as_deref(), Some("The Lantern Dispatch"));
        let b = parse_byline("By A. Smith, B. Jones & Carla de la Cruz").unwrap();
        assert_eq!(b.names, vec!["A. Smith", "B. Jones", "Carla de la Cruz"]);
        assert!(parse_byline("By the end of 2024 the war had changed").is_none());
        assert!(parse_byline("China and Russia").is_none());
        // Letters whose lower case is longer must not break slicing.
        assert!(parse_byline("By İİİİİİİİ, Special to X").is_none_or(|b| !b.names.is_empty()));
    }

    #[test]
    fn taglines() {
        let t = parse_tagline(
            "Mr. Jones is president of the Defense and Security Department at the Center \
             for Strategic and International Studies and author of “The American Edge.”",
        )
        .unwrap();
        assert_eq!(t.name, "Jones");
        assert!(t.affiliation.starts_with("president of the Defense"));
        let t =
            parse_tagline("Eleanor Vance is a senior fellow at the Kestrel Institute.").unwrap();
        assert_eq!(t.name, "Eleanor Vance");
        assert!(parse_tagline("Russia is the main supplier of the parts.").is_none());
    }
}
