//! Author names from bylines on web pages: cleaning strings such as "By
//! Jane Doe and John Roe for Reuters", and finding a visible byline outside
//! comments and sidebars.

use scraper::Html;

use super::meta::{in_comments, text_of};
use crate::date;
use crate::ingest::sel;
use crate::normalize::author::looks_like_name;

/// Job titles that end a name in a byline ("Logan C. Ritchie Staff Writer").
const ROLES: &[&str] = &[
    "staff", "writer", "reporter", "correspondent", "editor", "contributor", "columnist",
    "redakteur", "redakteurin", "journalist", "journalistin", "photographer", "senior",
];

/// Cleans an author string into names: "By Jane Doe and John Roe for
/// Reuters" → ["Jane Doe", "John Roe"]. `None` if nothing name-like is left.
pub fn clean_authors(raw: &str) -> Option<Vec<String>> {
    let mut raw = raw.trim();
    // "Posted on September 21, 2020 by Adi Tzlil": the name follows "by".
    let lower = raw.to_ascii_lowercase();
    for marker in [" by ", " von ", " par ", " por "] {
        if let Some(i) = lower.rfind(marker)
            && (lower[..i].chars().any(|c| c.is_ascii_digit())
                || lower.starts_with("posted")
                || lower.starts_with("published"))
        {
            raw = raw[i + marker.len()..].trim();
            break;
        }
    }
    if raw.starts_with("http") || (raw.contains('@') && raw.contains('.') && !raw.contains(' ')) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let normalized = raw
        .replace(" und ", ", ")
        .replace(" and ", ", ")
        .replace(" & ", ", ")
        .replace(" y ", ", ")
        .replace(" et ", ", ");
    for part in normalized.split([',', ';', '|', '/', '\n']) {
        let mut p = part.trim();
        // Leading "By", "Posted by", "Von", "Written by", "Autor:".
        let lower = p.to_ascii_lowercase();
        for prefix in [
            "written by", "posted by", "published by", "veröffentlicht von", "geschrieben von",
            "gespeichert von", "beitrag von", "erstellt von", "publié par", "écrit par",
            "publicado por", "escrito por", "words by", "story by", "reporting by", "by", "von",
            "par", "por", "door", "autor:", "author:", "autorin:", "autor", "author", "text:",
            "redakteur:", "from",
        ] {
            if lower.starts_with(prefix)
                && (lower.len() == prefix.len() || lower[prefix.len()..].starts_with([' ', ':']))
            {
                p = p[prefix.len()..].trim_start_matches([' ', ':']);
                break;
            }
        }
        // "@handle", and everything from a digit or " - " / " for " on.
        let mut words = Vec::new();
        for w in p.split_whitespace() {
            let wl = w.to_lowercase();
            if w.starts_with('@')
                || w.chars().any(|c| c.is_ascii_digit())
                || (!words.is_empty() && date::is_calendar_word(w))
                || (words.len() >= 2 && ROLES.contains(&wl.as_str()))
            {
                break;
            }
            if matches!(
                wl.trim_end_matches(':'),
                "-" | "–"
                    | "—"
                    | "|"
                    | "•"
                    | "·"
                    | "for"
                    | "at"
                    | "on"
                    | "via"
                    | "with"
                    | "für"
                    | "am"
                    | "veröffentlicht"
                    | "published"
                    | "updated"
                    | "aktualisiert"
                    | "posted"
            ) && !words.is_empty()
            {
                break;
            }
            words.push(w);
        }
        // "November 23, 2023" split off a byline is not a name.
        if words.first().is_some_and(|w| date::is_calendar_word(w))
            && part.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let name = words.join(" ");
        let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if name.is_empty() || name.chars().count() > 60 {
            continue;
        }
        // Degrees and bare outlet codes after a name: "Grant Tinsley, PhD", "Rob Picheta, CNN".
        let is_suffix =
            matches!(
                name.to_ascii_lowercase().trim_end_matches('.'),
                "phd" | "md" | "mba" | "msc" | "rd" | "rn" | "jr" | "sr" | "mph" | "dds" | "esq"
            ) || (!out.is_empty() && name.len() <= 5 && name.chars().all(|c| c.is_uppercase()));
        if is_suffix {
            continue;
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A visible byline: `rel=author`, `itemprop=author`, `.byline`, or an
/// element whose class or id names the author, outside comments.
pub(super) fn visible_byline(doc: &Html) -> Option<Vec<String>> {
    // Most specific first; within a group, page order. No descendant
    // combinators: they cost O(depth) per element, and hostile pages nest
    // 100,000 levels deep.
    let groups = [
        "[rel=author], [itemprop=author], .author-name, .authorName, .byline__name, [data-testid*=byline], [data-component*=Byline], address",
        ".byline, [class*=byline], [class*=Byline], [class*=author-name], [class*=author_name]",
        ".author, [class*=author], [id*=author], .username, [class*=posted-by], [class*=submitted]",
    ];
    for group in groups {
        for e in doc.select(&sel(group)) {
            if in_comments(e) || e.value().name() == "meta" || e.value().name() == "link" {
                continue;
            }
            let t = text_of(e);
            if t.chars().count() < 2 || t.chars().count() > 120 {
                continue;
            }
            if let Some(names) = clean_authors(&t)
                && names
                    .iter()
                    .all(|n| looks_like_name(n) || n.split_whitespace().count() <= 3)
            {
                return Some(names);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_strings() {
        let c = |s: &str| clean_authors(s).unwrap_or_default();
        assert_eq!(c("By Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(c("Rob Picheta, CNN"), vec!["Rob Picheta"]);
        assert_eq!(c("Grant Tinsley, PhD"), vec!["Grant Tinsley"]);
        assert_eq!(c("Veröffentlicht von Chris Jung"), vec!["Chris Jung"]);
        assert_eq!(c("Williams Perdomo @wperdomod"), vec!["Williams Perdomo"]);
        assert_eq!(c("Glen Owen For The Mail On Sunday"), vec!["Glen Owen"]);
        assert!(clean_authors("https://www.facebook.com/someone").is_none());
    }
}
