//! Measuring entity quality: document-level scores against hand-made gold
//! (distinct names per article) and span-level scores against annotated
//! sentences. Used by the tests and by the evaluation examples, so every
//! figure the README quotes comes from one scorer.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;

use super::Gazetteer;
use crate::model::{Entity, EntityType};

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Predictions that were right.
    pub tp_pred: usize,
    /// Predictions made.
    pub pred: usize,
    /// Gold items found.
    pub tp_gold: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// Share of predictions that were right (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp_pred as f64 / self.pred as f64
        }
    }

    /// Share of gold items found (1 when there were none).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another count to this one.
    pub fn add(&mut self, o: &Prf) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3} ({}/{})  R {:.3} ({}/{})  F1 {:.3}",
            self.precision(),
            self.tp_pred,
            self.pred,
            self.recall(),
            self.tp_gold,
            self.gold,
            self.f1()
        )
    }
}

/// One gold entity of an article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// Its name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other spellings the article uses.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The gold entities of one article.
#[derive(Debug, Clone, Deserialize)]
pub struct DocGold {
    /// The article's file.
    pub path: String,
    /// Which document of the file (0 when null).
    #[serde(default)]
    pub record: Option<usize>,
    /// Its title, as a check that the right document was read.
    #[serde(default)]
    pub title: Option<String>,
    /// Its distinct entities.
    pub entities: Vec<GoldEntity>,
}

impl DocGold {
    /// Reads a JSON Lines gold file (blank lines skipped).
    pub fn parse_lines(text: &str) -> Result<Vec<DocGold>, serde_json::Error> {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect()
    }
}

/// Document-level scores: untyped, typed, and a readable list of misses
/// and extras.
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    /// Names right regardless of type.
    pub untyped: Prf,
    /// Names right with the right type.
    pub typed: Prf,
    /// One line per miss or extra.
    pub report: String,
}

/// Lower case, straight apostrophes, single spaces.
pub fn norm(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scores predicted entities against gold, article by article: a predicted
/// entity is right when its name or a form equals a gold entity's name or
/// alias, or the gazetteer's canonical name for one.
pub fn score_documents(gold: &[DocGold], predicted: &[Vec<Entity>], gaz: &Gazetteer) -> DocScore {
    let mut out = DocScore::default();
    for (g, pred) in gold.iter().zip(predicted) {
        let golds: Vec<HashSet<String>> = g
            .entities
            .iter()
            .map(|e| {
                let names: Vec<&str> = std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(String::as_str))
                    .collect();
                let mut set: HashSet<String> = names.iter().map(|n| norm(n)).collect();
                for n in &names {
                    if let Some(k) = gaz.lookup_any_case(n) {
                        set.insert(norm(&k.name));
                    }
                }
                set
            })
            .collect();
        let mut found = vec![false; golds.len()];
        let mut found_typed = vec![false; golds.len()];
        for e in pred {
            out.untyped.pred += 1;
            out.typed.pred += 1;
            let names: HashSet<String> = std::iter::once(&e.name)
                .chain(&e.forms)
                .map(|n| norm(n))
                .collect();
            let hit = golds.iter().position(|s| !s.is_disjoint(&names));
            let typed_hit = golds
                .iter()
                .zip(&g.entities)
                .position(|(s, ge)| ge.kind == e.kind && !s.is_disjoint(&names));
            if let Some(i) = hit {
                out.untyped.tp_pred += 1;
                found[i] = true;
            }
            if let Some(i) = typed_hit {
                out.typed.tp_pred += 1;
                found_typed[i] = true;
            }
            match (hit, typed_hit) {
                (None, _) => out.report.push_str(&format!(
                    "  {}: extra {} {:?} {:?}\n",
                    g.path,
                    e.kind.as_str(),
                    e.name,
                    e.forms
                )),
                (Some(i), None) => out.report.push_str(&format!(
                    "  {}: type {} {:?} is {} in gold\n",
                    g.path,
                    e.kind.as_str(),
                    e.name,
                    g.entities[i].kind.as_str()
                )),
                _ => {}
            }
        }
        for (i, ge) in g.entities.iter().enumerate() {
            out.untyped.gold += 1;
            out.typed.gold += 1;
            out.untyped.tp_gold += usize::from(found[i]);
            out.typed.tp_gold += usize::from(found_typed[i]);
            if !found[i] {
                out.report.push_str(&format!(
                    "  {}: missed {} {:?}\n",
                    g.path,
                    ge.kind.as_str(),
                    ge.name
                ));
            }
        }
    }
    out
}
