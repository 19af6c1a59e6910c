//! `similar`: the articles most like a given one — more-like-this on its
//! distinctive words (tf-idf over title and body) and its entities.
//! (tantivy's own MoreLikeThisQuery asserts when deleted documents make a
//! word's document frequency exceed the live count, so it is not used.)

use std::time::Instant;

use std::collections::HashMap;
use tantivy::Term;

use tantivy::query::{BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::query::{Highlights, bool_query};
use super::{SearchRequest, run};
use crate::error::{Error, Result};
use crate::index::PunditIndex;
use crate::index::schema::{self, entity_key};
use crate::model::{Document, SearchResults};

/// Entities of the article that count, at most.
const ENTITIES: usize = 12;

/// Distinctive words of the article that count, at most.
const WORDS: usize = 25;

/// The articles most like `doc` (which is left out), ranked, with
/// snippets; `req` gives the paging, snippet sizes and scope.
pub fn similar(ix: &PunditIndex, doc: &Document, req: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let f = &ix.fields;
    // Words that are frequent in this article and rare in the collection
    // (tf-idf), each weighted so.
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let mut tf: HashMap<String, u32> = HashMap::new();
    let mut analyzer = schema::analyzer(schema::TEXT_ANALYZER);
    for t in schema::tokens(&mut analyzer, &format!("{}\n{}", doc.title, doc.body)) {
        if t.chars().count() >= 3 && !t.chars().all(|c| c.is_ascii_digit()) {
            *tf.entry(t).or_insert(0) += 1;
        }
    }
    let n = searcher.num_docs().max(1) as f32;
    let mut scored: Vec<(f32, String)> = Vec::new();
    for (t, count) in tf {
        let df = searcher
            .doc_freq(&Term::from_field_text(f.body, &t))
            .map_err(|e| Error::index(&ix.dir, e))? as f32;
        // Words in (nearly) every article say nothing; words in no other
        // article cannot find one.
        if df < 2.0 || df > n * 0.5 {
            continue;
        }
        scored.push(((count as f32).sqrt() * (n / df).ln(), t));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (weight, t) in scored.into_iter().take(WORDS) {
        // In the body only: a generic word in a short title would outweigh
        // the article's real subject.
        let q: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(f.body, &t),
            IndexRecordOption::WithFreqs,
        ));
        should.push((Occur::Should, Box::new(BoostQuery::new(q, weight))));
    }
    // The actors it is about, most mentioned first.
    for e in doc.entities.iter().take(ENTITIES) {
        let term = Term::from_field_text(f.entity_key, &entity_key(&e.name, Some(e.kind)));
        let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
        // Shared actors weigh more than shared words in commentary.
        should.push((Occur::Should, Box::new(BoostQuery::new(q, 3.0))));
    }
    let Some(about) = bool_query(should) else {
        // Nothing distinctive to go on (an empty or one-word article).
        return run(
            ix,
            &tantivy::query::EmptyQuery,
            &Highlights::default(),
            req,
            started,
        );
    };
    let mut clauses = vec![
        (Occur::Must, about),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.id, &doc.id),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
    ];
    if let Some(scope) = super::query::Builder::new(f.clone(), Vec::new()).scope_filter(&req.scopes)
    {
        clauses.push((Occur::Must, scope));
    }
    let query = bool_query(clauses).expect("clauses");
    let mut results = run(ix, &*query, &Highlights::default(), req, started)?;
    results.query = format!("similar:{}", doc.id);
    Ok(results)
}
