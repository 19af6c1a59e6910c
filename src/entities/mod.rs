//! Named entities: who and what an article is about. Typed (`PERSON`,
//! `ORG`, `PLACE`, `MISC`), canonical, with the spellings each article used.
//!
//! A statistical sequence tagger finds the names ([`tagger`]: an averaged
//! perceptron over BILOU tags, trained on open annotated data, run only on
//! windows around capitalised words, ALL-CAPS and Title Case lines
//! truecased first). Rules around it ([`rules`]) take titles off people's
//! names and read wire datelines; resolution within the article merges a
//! bare surname into the full name used in it, an acronym into the name it
//! abbreviates, and gives each name one type by vote. The gazetteer (the
//! bundled lists plus the user's) then gives canonical names and aliases,
//! and is one of the tagger's features; the user's lists always win.
//! Outside English only the gazetteer is used. Deterministic and offline.

pub mod eval;
pub mod features;
pub mod gazetteer;
pub(crate) mod hash;
pub mod lexicon;
mod names;
pub mod prepare;
mod resolve;
pub mod rules;
pub mod tagger;
pub mod tokens;
pub mod train;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::error::Result;
use crate::model::{Entity, EntityType};
pub use gazetteer::Gazetteer;
use prepare::{DocEvidence, Seg, tokenize_all};

use tagger::Model;

/// Finds the entities of articles. Cheap to clone. The tagger's model is
/// loaded on first use (searches that only look names up never load it).
#[derive(Clone)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
}

/// A name found in an article, before resolution.
#[derive(Debug, Clone)]
struct Mention {
    /// As written, truecased ("Vail" for "VAIL").
    form: String,
    /// The type the tagger (or a rule) gave it.
    kind: EntityType,
    /// Number of tokens.
    tokens: usize,
    /// The first word of a sentence and nothing more.
    lone_sentence_start: bool,
    /// The gazetteer entity its form names, if any.
    known: Option<usize>,
    /// Named by the user's own list: canonical and typed by it.
    forced: bool,
    /// The acronym defined right after it ("… Council (BMRC)").
    defines: Option<String>,
}

impl Extractor {
    /// The extractor with the bundled gazetteer and model (built once per
    /// process).
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

    /// A short hash of everything that decides what is extracted: the
    /// entity lists and the tagger's model. An index whose documents were
    /// annotated under another re-reads its files.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}-{}",
            self.gazetteer.fingerprint(),
            Model::bundled().fingerprint()
        )
    }

    /// Fills in the entities of a document from its title, body, tagline
    /// and pull quotes.
    pub fn annotate(&self, doc: &mut crate::model::Document) {
        let mut prose: Vec<&str> = doc.body.split("\n\n").collect();
        prose.extend(doc.pull_quotes.iter().map(String::as_str));
        prose.extend(doc.tagline.as_deref());
        let title = Some(doc.title.as_str()).filter(|t| !t.is_empty());
        // The tagger reads English; other languages get the gazetteer.
        let english = doc.lang.as_deref().is_none_or(|l| l == "en");
        let authors: Vec<&str> = doc.authors.iter().map(String::as_str).collect();
        doc.entities = self.extract_in(title, &prose, english, &authors);
    }

    /// Returns the entities of an article (its title, paragraphs, and
    /// other prose such as a tagline), most mentioned first.
    pub fn extract(&self, title: Option<&str>, paragraphs: &[&str]) -> Vec<Entity> {
        self.extract_in(title, paragraphs, true, &[])
    }

    /// Like [`Extractor::extract`]; the tagger runs only when `english`
    /// (otherwise only gazetteer names are found); a bare surname of one
    /// of the `authors` ("Ms. Vance is a fellow at …") is that author.
    pub fn extract_in(
        &self,
        title: Option<&str>,
        paragraphs: &[&str],
        english: bool,
        authors: &[&str],
    ) -> Vec<Entity> {
        let mut texts: Vec<&str> = Vec::with_capacity(paragraphs.len() + 1);
        texts.extend(title);
        texts.extend(paragraphs.iter().copied().filter(|p| !p.trim().is_empty()));
        let mentions = if english {
            self.tagged_mentions(&texts, title.is_some())
        } else {
            self.gazetteer_mentions(&texts)
        };
        self.resolve(mentions, authors)
    }

    /// Mentions found by the tagger and the rules around it.
    fn tagged_mentions(&self, texts: &[&str], has_title: bool) -> Vec<Mention> {
        let model = Model::bundled();
        let lex = model.lexicon();
        let toks = tokenize_all(texts);
        let ev = DocEvidence::gather(&toks);
        let mut scratch = tagger::Scratch::default();
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for (n, (text, t)) in toks.into_iter().enumerate() {
            let heading = (n == 0 && has_title) || rules_heading(text);
            let seg = Seg::new(text, t, heading, &ev, lex, &self.gazetteer);
            if seg.toks.is_empty() {
                continue;
            }
            let tags = if seg.windows.is_empty() {
                Vec::new()
            } else {
                model.tag(&seg, Some(&ev), &mut scratch)
            };
            spans.clear();
            // Rules first: a dateline's names, the user's own names.
            let mut fixed: Vec<rules::Span> = rules::dateline(&seg);
            fixed.extend(rules::definitions(&seg, &tags));
            let user = self.user_spans(&seg);
            fixed.extend(user.iter().map(|&(s, e, k, _)| (s, e, k)));
            for span in tag_ranges(&tags) {
                let (s, e, k) = rules::extend(&seg, &tags, span, lex);
                if fixed.iter().any(|f| f.0 < e && s < f.1) {
                    continue;
                }
                rules::clean(&seg, (s, e, k), &mut spans);
            }
            spans.extend(fixed.iter().copied());
            // Gazetteer names the tagger passed over ("on Twitter"): the
            // lists know them, and nothing in the text says otherwise.
            let mut i = 0;
            while i < seg.toks.len() {
                let g = seg.gaz[i];
                if g.is_multiple_of(2) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < seg.toks.len() && seg.gaz[j] == g + 1 {
                    j += 1;
                }
                let free = tags
                    .get(i..j)
                    .is_none_or(|t| t.iter().all(|&t| t == tagger::O))
                    && !spans.iter().any(|f| f.0 < j && i < f.1);
                let common = j - i == 1
                    && lex
                        .get_hashed(hash::lower(seg.form(i)))
                        .is_some_and(|x| x.lower_share() >= 4 && x.lower_share() != 7);
                if free && !common {
                    let kind = EntityType::ALL[usize::from((g - 1) / 2)];
                    spans.push((i, j, kind));
                }
                i = j;
            }
            spans.sort_by_key(|s| s.0);
            for &(s, e, kind) in &spans {
                let form = span_form(&seg, s, e);
                let known = user
                    .iter()
                    .find(|u| u.0 == s && u.1 == e)
                    .map(|u| u.3)
                    .or_else(|| self.gazetteer.lookup_name(&form))
                    .or_else(|| (e - s == 1).then(|| self.demonym(&form)).flatten());
                out.push(Mention {
                    tokens: e - s,
                    lone_sentence_start: e - s == 1 && seg.toks[s].sent_first,
                    forced: user.iter().any(|u| u.0 == s && u.1 == e),
                    defines: defined_acronym(&seg, e),
                    form,
                    kind,
                    known,
                });
            }
        }
        out
    }

    /// The place a demonym the lists do not know stands for
    /// ("Chicagoans" → Chicago, "Californian" → California).
    fn demonym(&self, form: &str) -> Option<usize> {
        const ENDINGS: &[(&str, &str)] = &[
            ("ans", ""),
            ("an", ""),
            ("ns", ""),
            ("n", ""),
            ("ians", ""),
            ("ian", ""),
            ("ians", "a"),
            ("ian", "a"),
            ("ans", "a"),
            ("an", "a"),
            ("ese", ""),
        ];
        if form.len() < 5 || !form.starts_with(char::is_uppercase) {
            return None;
        }
        ENDINGS.iter().find_map(|(end, add)| {
            let stem = form.strip_suffix(end)?;
            let id = self.gazetteer.lookup(&format!("{stem}{add}"))?;
            (self.gazetteer.known(id).kind == EntityType::Place).then_some(id)
        })
    }

    /// The user's own names in a segment: token range, type and entity.
    fn user_spans(&self, seg: &Seg) -> Vec<(usize, usize, EntityType, usize)> {
        if !self.gazetteer.has_user_entries() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for hit in self.gazetteer.find(seg.text) {
            if !self.gazetteer.is_user(hit.entity) {
                continue;
            }
            let s = seg.toks.iter().position(|t| t.end > hit.start);
            let e = seg.toks.iter().rposition(|t| t.start < hit.end);
            if let (Some(s), Some(e)) = (s, e) {
                out.push((s, e + 1, self.gazetteer.known(hit.entity).kind, hit.entity));
            }
        }
        out
    }

    /// Mentions from the gazetteer alone (text that is not English).
    fn gazetteer_mentions(&self, texts: &[&str]) -> Vec<Mention> {
        let mut out = Vec::new();
        for text in texts {
            for hit in self.gazetteer.find(text) {
                let k = self.gazetteer.known(hit.entity);
                out.push(Mention {
                    form: text[hit.start..hit.end].to_string(),
                    kind: k.kind,
                    tokens: text[hit.start..hit.end].split_whitespace().count(),
                    lone_sentence_start: false,
                    known: Some(hit.entity),
                    forced: self.gazetteer.is_user(hit.entity),
                    defines: None,
                });
            }
        }
        out
    }
}

/// True if a paragraph is a heading: short, without closing punctuation.
fn rules_heading(p: &str) -> bool {
    p.len() <= 200
        && !p
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', ':', ';', ','])
        && p.split_whitespace().count() <= 14
}

/// Token ranges and types of the names in a tag sequence.
fn tag_ranges(tags: &[u8]) -> Vec<rules::Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let (true, Some(k)) = (tagger::starts(tags[i]), tagger::label_type(tags[i])) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while !tagger::ends(tags[j]) && j + 1 < tags.len() {
            j += 1;
        }
        out.push((i, j + 1, k));
        i = j + 1;
    }
    out
}

/// The text of tokens `s..e` as running text writes it (truecased forms,
/// the original spacing between them).
fn span_form(seg: &Seg, s: usize, e: usize) -> String {
    let mut out = String::new();
    for i in s..e {
        if i > s {
            out.push_str(&seg.text[seg.toks[i - 1].end..seg.toks[i].start]);
        }
        out.push_str(seg.form(i));
    }
    // Line breaks and runs of spaces inside a name become one space.
    if out.contains(char::is_whitespace) {
        out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// "… Council (BMRC)": the acronym in parentheses right after a name.
fn defined_acronym(seg: &Seg, e: usize) -> Option<String> {
    let w = |i: usize| seg.toks.get(i).map(|t| t.text(seg.text));
    if w(e)? != "(" || w(e + 2)? != ")" {
        return None;
    }
    let a = w(e + 1)?;
    let n = a.chars().count();
    ((2..=8).contains(&n)
        && a.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&'))
    .then(|| a.to_string())
}

#[cfg(test)]
mod tests;
