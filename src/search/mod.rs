//! `search`: a query and filters → ranked hits with snippets.

pub mod counts;
mod lex;
pub mod parse;
pub mod query;
pub mod similar;
pub mod snippet;
pub mod timeline;

use std::time::Instant;

use chrono::NaiveDate;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, Occur, Query};
use tantivy::{DateTime, DocAddress, Order};

use crate::error::{Error, QueryError, Result};
use crate::index::PunditIndex;
use crate::index::schema::{self, TEXT_ANALYZER};
use crate::model::{EntityType, Hit, SearchResults};
use crate::walk::display_path;
use parse::QField;
use query::{Builder, bool_query};

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first; undated documents last; relevance breaks ties.
    Date,
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in pundit's query language.
    pub query: String,
    /// Only documents under these absolute paths (files or directories).
    pub scopes: Vec<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Any of these authors.
    pub authors: Vec<String>,
    /// All of these entities.
    pub entities: Vec<String>,
    /// Any of these sources.
    pub sources: Vec<String>,
    /// Published on or after.
    pub since: Option<NaiveDate>,
    /// Published on or before.
    pub until: Option<NaiveDate>,
    /// Order of hits.
    pub sort: Sort,
    /// Snippets per hit.
    pub snippets: usize,
    /// Characters per snippet.
    pub snippet_chars: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            scopes: Vec::new(),
            limit: 10,
            offset: 0,
            authors: Vec::new(),
            entities: Vec::new(),
            sources: Vec::new(),
            since: None,
            until: None,
            sort: Sort::Relevance,
            snippets: 3,
            snippet_chars: 160,
        }
    }
}

/// Runs `req` against the index.
pub fn search(ix: &PunditIndex, req: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    // An empty query is an error here (it matches everything elsewhere).
    parse::parse(&req.query)?;
    let (query, b) = build_query(ix, req)?;
    run(ix, &*query, &b.highlights, req, started)
}

/// Runs a built query: ranks, pages, loads the hits and cuts their
/// snippets around `highlights`.
pub fn run(
    ix: &PunditIndex,
    query: &dyn Query,
    highlights: &query::Highlights,
    req: &SearchRequest,
    started: Instant,
) -> Result<SearchResults> {
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let terr = |e| Error::index(&ix.dir, e);
    // More hits than documents cannot be asked for (and a huge --limit
    // must not allocate for them).
    let docs = searcher.num_docs() as usize;
    let limit = req.limit.clamp(1, docs.max(1));
    let offset = req.offset.min(docs);
    let (total, addrs): (usize, Vec<(f32, DocAddress)>) = match req.sort {
        Sort::Relevance => {
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score();
            searcher.search(query, &(Count, top)).map_err(terr)?
        }
        Sort::Date => {
            let top = TopDocs::with_limit(limit).and_offset(offset).order_by((
                (
                    SortByStaticFastValue::<DateTime>::for_field("date"),
                    Order::Desc,
                ),
                (SortBySimilarityScore, Order::Desc),
            ));
            let (n, docs) = searcher.search(query, &(Count, top)).map_err(terr)?;
            (
                n,
                docs.into_iter()
                    .map(|((_, score), addr)| (score, addr))
                    .collect(),
            )
        }
    };
    let addrs = if req.limit == 0 { Vec::new() } else { addrs };

    let mut analyzer = schema::analyzer(TEXT_ANALYZER);
    let mut hits = Vec::with_capacity(addrs.len());
    for (score, addr) in addrs {
        let doc = ix.stored(&searcher, addr)?;
        let snippets = hit_snippets(&doc, &mut analyzer, &highlights.body, req);
        let title_highlights = snippet::highlight_all(&doc.title, &mut analyzer, &highlights.title);
        hits.push(Hit {
            id: doc.id,
            path: display_path(&doc.path),
            record: doc.record,
            title: doc.title,
            title_highlights,
            authors: doc.authors,
            date: doc.date,
            source: doc.source,
            url: doc.url,
            entities: doc.entities,
            score,
            snippets,
        });
    }
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        took_ms: started.elapsed().as_millis() as u64,
        hits,
    })
}

/// The query and filters of `req` as one tantivy query, with the builder
/// that holds the terms to highlight. An empty query matches every
/// document (for `entities`).
pub fn build_query(ix: &PunditIndex, req: &SearchRequest) -> Result<(Box<dyn Query>, Builder)> {
    let mut b = Builder::new(ix.fields.clone(), ix.entity_lists());
    let main: Box<dyn Query> = if req.query.trim().is_empty() {
        Box::new(AllQuery)
    } else {
        let node = parse::parse(&req.query)?;
        b.build(&node)
            .ok_or_else(|| QueryError::new(0, "the query has no searchable words"))?
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
    let any_of = |b: &mut Builder, field, values: &[String]| {
        let qs: Vec<_> = values
            .iter()
            .filter_map(|v| b.name_filter(field, v))
            .map(|q| (Occur::Should, q))
            .collect();
        bool_query(qs)
    };
    let invalid = |what: &str, v: &[String]| {
        Error::Invalid(format!("{what} {:?} has no searchable words", v.join(", ")))
    };
    if !req.authors.is_empty() {
        clauses.push((
            Occur::Must,
            any_of(&mut b, QField::Author, &req.authors)
                .ok_or_else(|| invalid("--author", &req.authors))?,
        ));
    }
    if !req.sources.is_empty() {
        clauses.push((
            Occur::Must,
            any_of(&mut b, QField::Source, &req.sources)
                .ok_or_else(|| invalid("--source", &req.sources))?,
        ));
    }
    for e in &req.entities {
        if EntityType::split(e).1.trim().is_empty() {
            return Err(invalid("--entity", std::slice::from_ref(e)));
        }
        clauses.push((Occur::Must, b.entity(e)));
    }
    if req.since.is_some() || req.until.is_some() {
        clauses.push((Occur::Must, b.date_filter(req.since, req.until)));
    }
    if let Some(q) = b.scope_filter(&req.scopes) {
        clauses.push((Occur::Must, q));
    }
    let query = bool_query(clauses).expect("at least the main clause");
    Ok((query, b))
}

/// Snippets from the body; when the body has no match (the document matched
/// on its description, tagline or a pull-quote), from the part that has.
fn hit_snippets(
    doc: &crate::model::Document,
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    seqs: &[query::Seq],
    req: &SearchRequest,
) -> Vec<crate::model::Snippet> {
    if req.snippets == 0 {
        return Vec::new();
    }
    let body = snippet::snippets(&doc.body, analyzer, seqs, req.snippets, req.snippet_chars);
    if body.iter().any(|s| !s.highlights.is_empty()) {
        return body;
    }
    let extras = doc
        .description
        .iter()
        .chain(&doc.tagline)
        .chain(&doc.pull_quotes);
    for text in extras {
        let found = snippet::snippets(text, analyzer, seqs, 1, req.snippet_chars);
        if found.iter().any(|s| !s.highlights.is_empty()) {
            return found;
        }
    }
    body
}
