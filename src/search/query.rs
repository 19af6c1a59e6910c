//! The parsed query tree → a tantivy query, analyzed exactly as the index
//! was. Also collects the positive terms, for highlighting.

use std::ops::Bound as RangeBound;

use chrono::NaiveDate;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::parse::{Node, QField};
use crate::entities::Extractor;
use crate::index::schema::{self, Fields};
use crate::model::EntityType;

/// Weight of a title match relative to a body match.
pub const TITLE_BOOST: f32 = 2.0;

/// One word of a sequence to mark, as the index analyzed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Pat {
    /// This word.
    Word(String),
    /// Any word starting so (`sanct*`).
    Prefix(String),
    /// Any word at most this many edits away (`Pyongyng~1`).
    Fuzzy(String, u8),
}

/// Words to mark where they stand together: in a row, or with `slop`,
/// in order with at most that many other words between them in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seq {
    /// The words, in order.
    pub words: Vec<Pat>,
    /// Other words allowed between them.
    pub slop: usize,
}

impl Seq {
    /// Plain words in a row.
    pub fn words<S: Into<String>>(words: impl IntoIterator<Item = S>) -> Seq {
        Seq {
            words: words.into_iter().map(|w| Pat::Word(w.into())).collect(),
            slop: 0,
        }
    }
}

/// What the query's positive clauses match, per field, for highlighting.
#[derive(Debug, Default, Clone)]
pub struct Highlights {
    /// Sequences to mark in the body.
    pub body: Vec<Seq>,
    /// Sequences to mark in the title.
    pub title: Vec<Seq>,
}

/// Builds tantivy queries from parsed queries and filters.
pub struct Builder {
    fields: Fields,
    /// The index's entity lists, read on first use: most searches name no
    /// entity, and loading the gazetteer would be most of their time.
    lists: Vec<std::path::PathBuf>,
    names: std::sync::OnceLock<Extractor>,
    text: TextAnalyzer,
    name: TextAnalyzer,
    /// Terms collected for highlighting.
    pub highlights: Highlights,
}

impl Builder {
    /// Returns a builder for the index's fields.
    pub fn new(fields: Fields, lists: Vec<std::path::PathBuf>) -> Builder {
        Builder {
            fields,
            lists,
            names: std::sync::OnceLock::new(),
            text: schema::analyzer(schema::TEXT_ANALYZER),
            name: schema::analyzer(schema::NAME_ANALYZER),
            highlights: Highlights::default(),
        }
    }

    /// Returns the query for `node`, or `None` if it has no searchable word
    /// (punctuation only).
    pub fn build(&mut self, node: &Node) -> Option<Box<dyn Query>> {
        self.node(node, true)
    }

    fn node(&mut self, node: &Node, positive: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::And(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    match item {
                        Node::Not(inner) => {
                            if let Some(q) = self.node(inner, !positive) {
                                clauses.push((Occur::MustNot, q));
                            }
                        }
                        other => {
                            if let Some(q) = self.node(other, positive) {
                                clauses.push((Occur::Must, q));
                            }
                        }
                    }
                }
                bool_query(clauses)
            }
            Node::Or(items) => {
                let clauses: Vec<_> = items
                    .iter()
                    .filter_map(|i| self.node(i, positive))
                    .map(|q| (Occur::Should, q))
                    .collect();
                bool_query(clauses)
            }
            Node::Not(inner) => {
                let q = self.node(inner, !positive)?;
                bool_query(vec![(Occur::MustNot, q)])
            }
            Node::Term { field, text } => self.words(*field, text, 0, positive),
            Node::Phrase { field, text, slop } => self.words(*field, text, *slop, positive),
            Node::DateRange { from, to } => Some(self.date_range(*from, *to)),
            Node::Prefix { field, text } => self.expand(*field, text, None, positive),
            Node::Fuzzy {
                field,
                text,
                distance,
            } => self.expand(*field, text, Some(*distance), positive),
            Node::Boost(inner, boost) => {
                let q = self.node(inner, positive)?;
                Some(Box::new(BoostQuery::new(q, *boost)))
            }
        }
    }

    /// Records `seq` for highlighting in the fields a clause on `field`
    /// searches.
    fn mark(&mut self, field: Option<QField>, seq: Seq) {
        if matches!(field, None | Some(QField::Title)) {
            self.highlights.title.push(seq.clone());
        }
        if matches!(field, None | Some(QField::Body)) {
            self.highlights.body.push(seq);
        }
    }

    /// The fields a clause on `field` searches, with their boosts, and
    /// whether they hold analyzed text; `None` for entity and date clauses,
    /// which are not words.
    fn targets(&self, field: Option<QField>) -> Option<(Vec<(Field, f32)>, bool)> {
        let f = &self.fields;
        Some(match field {
            None => (vec![(f.title, TITLE_BOOST), (f.body, 1.0)], true),
            Some(QField::Title) => (vec![(f.title, 1.0)], true),
            Some(QField::Body) => (vec![(f.body, 1.0)], true),
            Some(QField::Author) => (vec![(f.author, 1.0)], false),
            Some(QField::Source) => (vec![(f.source, 1.0)], false),
            Some(QField::Entity | QField::Date) => return None,
        })
    }

    /// A prefix (`distance` None) or a fuzzy word on one field, or on
    /// title and body; highlighted as the words it matches.
    fn expand(
        &mut self,
        field: Option<QField>,
        text: &str,
        distance: Option<u8>,
        positive: bool,
    ) -> Option<Box<dyn Query>> {
        // Entities are matched whole, dates by range.
        if field == Some(QField::Entity) {
            return Some(self.entity(text));
        }
        let (targets, text_field) = self.targets(field)?;
        // Text fields index stems, so the prefix is stemmed too ("missile*"
        // looks for words starting "missil", as "missiles" is indexed);
        // stemming only trims, so this widens the prefix, never narrows it.
        let analyzer = if text_field {
            &mut self.text
        } else {
            &mut self.name
        };
        let token = schema::tokens(analyzer, text).into_iter().next()?;
        if positive && text_field {
            let pat = match distance {
                None => Pat::Prefix(token.clone()),
                Some(d) => Pat::Fuzzy(token.clone(), d),
            };
            self.mark(
                field,
                Seq {
                    words: vec![pat],
                    slop: 0,
                },
            );
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in targets {
            let q: Box<dyn Query> = match distance {
                None => Box::new(RegexQuery::from_pattern(&format!("{token}.*"), field).ok()?),
                Some(d) => Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(field, &token),
                    d,
                    true,
                )),
            };
            clauses.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        }
        bool_query(clauses)
    }

    /// A keyword or phrase on one field, or on title and body.
    fn words(
        &mut self,
        field: Option<QField>,
        text: &str,
        slop: u32,
        positive: bool,
    ) -> Option<Box<dyn Query>> {
        if field == Some(QField::Entity) {
            return Some(self.entity(text));
        }
        let (targets, analyzer_is_text) = self.targets(field)?;
        let tokens = if analyzer_is_text {
            schema::tokens(&mut self.text, text)
        } else {
            schema::tokens(&mut self.name, text)
        };
        if tokens.is_empty() {
            return None;
        }
        if positive && analyzer_is_text {
            // A proximity phrase is marked where its words stand in order
            // within the slop, not wherever one of them occurs.
            let seq = Seq {
                slop: slop as usize,
                ..Seq::words(tokens.iter().cloned())
            };
            self.mark(field, seq);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in targets {
            let q = tokens_query(field, &tokens, slop);
            let q: Box<dyn Query> = if boost != 1.0 {
                Box::new(BoostQuery::new(q, boost))
            } else {
                q
            };
            clauses.push((Occur::Should, q));
        }
        if clauses.len() == 1 {
            clauses.pop().map(|(_, q)| q)
        } else {
            bool_query(clauses)
        }
    }

    fn date_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Box<dyn Query> {
        let term = |d: NaiveDate| {
            let dt = crate::index::date_value(&d.to_string()).unwrap_or(tantivy::DateTime::MIN);
            Term::from_field_date(self.fields.date, dt)
        };
        let lower = from
            .map(|d| RangeBound::Included(term(d)))
            .unwrap_or(RangeBound::Unbounded);
        let upper = to
            .map(|d| RangeBound::Included(term(d)))
            .unwrap_or(RangeBound::Unbounded);
        if matches!(
            (&lower, &upper),
            (RangeBound::Unbounded, RangeBound::Unbounded)
        ) {
            // `[* TO *]`: every dated document.
            return Box::new(RangeQuery::new(
                RangeBound::Included(Term::from_field_date(
                    self.fields.date,
                    tantivy::DateTime::MIN,
                )),
                RangeBound::Unbounded,
            ));
        }
        Box::new(RangeQuery::new(lower, upper))
    }

    /// A filter on a name field (`--author`, `--entity`, `--source`): the
    /// value's words in order.
    pub fn name_filter(&mut self, field: QField, value: &str) -> Option<Box<dyn Query>> {
        self.words(Some(field), value, 0, false)
    }

    /// The extractor whose gazetteer resolves entity names.
    pub fn names(&self) -> &Extractor {
        self.names.get_or_init(|| {
            let lists: Vec<&std::path::Path> = self.lists.iter().map(|p| p.as_path()).collect();
            // A broken list was reported by `index`; searching goes on
            // with the bundled names.
            Extractor::with_files(&lists).unwrap_or_else(|_| Extractor::bundled())
        })
    }

    /// An entity, by canonical name or any alias (the gazetteer's, or a
    /// spelling seen in the document), optionally typed: `PERSON:Jordan`.
    pub fn entity(&self, value: &str) -> Box<dyn Query> {
        let (kind, name) = EntityType::split(value);
        let mut keys = vec![schema::entity_key(name, kind)];
        if let Some(known) = self.names().gazetteer().lookup_any_case(name) {
            keys.push(schema::entity_key(&known.name, kind));
        }
        keys.dedup();
        let clauses = keys
            .into_iter()
            .map(|k| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.entity_key, &k),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        bool_query(clauses).expect("at least one key")
    }

    /// A filter on publication dates.
    pub fn date_filter(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Box<dyn Query> {
        self.date_range(from, to)
    }

    /// A filter on file paths: documents under any of `scopes`.
    pub fn scope_filter(&self, scopes: &[String]) -> Option<Box<dyn Query>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = scopes
            .iter()
            .map(|s| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.scope, s),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        bool_query(clauses)
    }
}

fn tokens_query(field: Field, tokens: &[String], slop: u32) -> Box<dyn Query> {
    if tokens.len() == 1 {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, &tokens[0]),
            IndexRecordOption::WithFreqs,
        ));
    }
    let terms: Vec<(usize, Term)> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (i, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// A boolean query; a query of only exclusions matches everything else.
pub fn bool_query(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    if clauses.is_empty() {
        return None;
    }
    if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
        return clauses.pop().map(|(_, q)| q);
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}
