//! `entities`: which entities the documents matching a query mention most,
//! and which co-occur with a given one. Counted with tantivy's facet
//! collector over the `entity_facet` column, never by loading documents.

use tantivy::collector::{Count, FacetCollector};
use tantivy::query::Occur;

use super::query::bool_query;
use super::{SearchRequest, build_query};
use crate::error::{Error, Result};
use crate::index::PunditIndex;
use crate::index::schema::entity_key;
use crate::model::{EntityCount, EntityCounts, EntityType};

/// What to count.
#[derive(Debug, Clone, Default)]
pub struct CountRequest {
    /// The documents: query (empty for all), filters and scopes.
    pub search: SearchRequest,
    /// Only entities of this type.
    pub kind: Option<EntityType>,
    /// Only documents mentioning this entity, which is itself left out.
    pub with: Option<String>,
    /// How many entities to return.
    pub top: usize,
}

/// Counts, per entity, the matching documents that mention it.
pub fn entity_counts(ix: &PunditIndex, req: &CountRequest) -> Result<EntityCounts> {
    let (query, b) = build_query(ix, &req.search)?;
    let query = match &req.with {
        Some(name) if name.trim().is_empty() => {
            return Err(Error::Invalid("--with: empty entity name".into()));
        }
        Some(name) => bool_query(vec![(Occur::Must, query), (Occur::Must, b.entity(name))])
            .expect("two clauses"),
        None => query,
    };
    let kinds: Vec<EntityType> = match req.kind {
        Some(k) => vec![k],
        None => EntityType::ALL.to_vec(),
    };
    let mut facets = FacetCollector::for_field("entity_facet");
    for k in &kinds {
        facets.add_facet(format!("/{}", k.as_str()).as_str());
    }
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let (total, counts) = searcher
        .search(&query, &(Count, facets))
        .map_err(|e| Error::index(&ix.dir, e))?;
    // The entity given with --with, by any of its names, is not its own
    // co-occurrence.
    let excluded: Vec<String> = req
        .with
        .iter()
        .flat_map(|w| {
            let w = w
                .split_once(':')
                .filter(|(t, _)| EntityType::parse(t).is_some())
                .map_or(w.as_str(), |(_, n)| n);
            let known = b
                .names()
                .gazetteer()
                .lookup_any_case(w)
                .map(|k| entity_key(&k.name, None));
            std::iter::once(entity_key(w, None)).chain(known)
        })
        .collect();
    let top = req.top.max(1);
    let mut out: Vec<EntityCount> = Vec::new();
    for k in &kinds {
        let root = format!("/{}", k.as_str());
        for (facet, n) in counts.top_k(root.as_str(), top + excluded.len()) {
            let name = facet
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default();
            if excluded.contains(&entity_key(&name, None)) {
                continue;
            }
            out.push(EntityCount {
                name,
                kind: *k,
                documents: n,
            });
        }
    }
    out.sort_by(|a, b| {
        b.documents
            .cmp(&a.documents)
            .then_with(|| a.name.cmp(&b.name))
    });
    out.truncate(top);
    Ok(EntityCounts {
        query: req.search.query.clone(),
        with: req.with.clone(),
        documents: total as u64,
        entities: out,
    })
}
