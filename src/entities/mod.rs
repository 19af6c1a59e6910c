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

pub mod corpus;
pub mod eval;
pub mod evidence;
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
pub mod truecase;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::error::Result;
use crate::model::{Entity, EntityType};
use evidence::DocEvidence;
pub use gazetteer::Gazetteer;
use prepare::{Seg, tokenize_all};

use tagger::Model;

/// Version of the code around the model (tokens, truecasing, rules,
/// resolution): bump it when the same text and model would give other
/// entities, so indexes re-read their files.
pub const RULES_VERSION: u32 = 1;

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
            "{}-{}-r{RULES_VERSION}",
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
        let cases = prepare::cases(&toks, has_title);
        let ev = DocEvidence::gather(&toks, &cases);
        let mut scratch = tagger::Scratch::default();
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for (n, (text, t)) in toks.into_iter().enumerate() {
            let seg = Seg::new(text, t, cases[n], &ev, lex, &self.gazetteer);
            if seg.toks.is_empty() {
                continue;
            }
            let tags = if seg.windows.is_empty() {
                Vec::new()
            } else {
                model.tag(&seg, Some(&ev), &mut scratch)
            };
            spans.clear();
            // Which tokens a name already holds: names never overlap, and
            // the first to claim a token keeps it (linear in the segment).
            let mut taken = vec![false; seg.toks.len()];
            let mut claim = |spans: &mut Vec<rules::Span>, (s, e, k): rules::Span| {
                if s < e && taken[s..e].iter().all(|t| !t) {
                    taken[s..e].iter_mut().for_each(|t| *t = true);
                    spans.push((s, e, k));
                }
            };
            // The user's own names first, then a dateline's, then names the
            // article defines, then the tagger's.
            let user = self.user_spans(&seg);
            let user_ids: HashMap<(usize, usize), usize> =
                user.iter().map(|&(s, e, _, id)| ((s, e), id)).collect();
            for &(s, e, k, _) in &user {
                claim(&mut spans, (s, e, k));
            }
            for span in rules::dateline(&seg)
                .into_iter()
                .chain(rules::definitions(&seg, &tags))
            {
                claim(&mut spans, span);
            }
            let mut pieces = Vec::new();
            for span in tagger::names(&tags) {
                pieces.clear();
                rules::clean(&seg, rules::extend(&seg, &tags, span, lex), &mut pieces);
                for &piece in &pieces {
                    claim(&mut spans, piece);
                }
            }
            // Gazetteer names the tagger passed over ("on Twitter"): the
            // lists know them, and nothing in the text says otherwise.
            let mut i = 0;
            while i < seg.toks.len() {
                let Some((j, kind)) = seg.gaz_hit_at(i) else {
                    i += 1;
                    continue;
                };
                let untagged = tags
                    .get(i..j)
                    .is_none_or(|t| t.iter().all(|&t| t == tagger::O));
                let common = j - i == 1
                    && lex
                        .get_hashed(seg.lower_hash(i))
                        .is_some_and(|x| x.lower_share() >= 4 && x.lower_share() != 7);
                if untagged && !common {
                    claim(&mut spans, (i, j, kind));
                }
                i = j;
            }
            spans.sort_by_key(|s| s.0);
            for &(s, e, kind) in &spans {
                let form = span_form(&seg, s, e);
                let forced = user_ids.get(&(s, e)).copied();
                let known = forced
                    .or_else(|| self.gazetteer.lookup_name(&form))
                    .or_else(|| (e - s == 1).then(|| self.demonym(&form)).flatten());
                out.push(Mention {
                    tokens: e - s,
                    lone_sentence_start: e - s == 1 && seg.toks[s].sent_first,
                    forced: forced.is_some(),
                    defines: rules::acronym_in_parens(&seg, e).map(str::to_string),
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
            // Tokens are in order: the first that ends after the hit's
            // start, up to the last that starts before its end.
            let s = seg.toks.partition_point(|t| t.end <= hit.start);
            let e = seg.toks.partition_point(|t| t.start < hit.end);
            if s < e {
                out.push((s, e, self.gazetteer.known(hit.entity).kind, hit.entity));
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
        out = crate::normalize::text::collapse_ws(&out);
    }
    out
}

#[cfg(test)]
mod tests;
