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
mod resolve;
mod scan;
mod tokens;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::error::Result;
use crate::model::{Entity, EntityType};
pub use gazetteer::Gazetteer;

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
                discover: discover && !scan::is_heading(p),
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
                texts.iter().any(|t| resolve::contains_word(t, &lower))
            }
        };
        self.resolve(mentions, &acronyms, &written_lower, authors)
    }
}

#[cfg(test)]
mod tests;
