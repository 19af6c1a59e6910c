//! `entities`: which entities the documents matching a query mention most,
//! and which co-occur with a given one. Counted on the index's facets
//! ([`lookup::count_entities`]), never by loading documents.

use tantivy::query::Occur;

use super::query::bool_query;
use super::{SearchRequest, build_query};
use crate::error::{Error, Result};
use crate::index::schema::entity_key;
use crate::index::{PunditIndex, lookup};
use crate::model::{EntityCounts, EntityType};

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
        Some(name) if EntityType::split(name).1.trim().is_empty() => {
            return Err(Error::Invalid("--with: empty entity name".into()));
        }
        Some(name) => bool_query(vec![(Occur::Must, query), (Occur::Must, b.entity(name))])
            .expect("two clauses"),
        None => query,
    };
    // The entity given with --with, by any of its names, is not its own
    // co-occurrence.
    let with = req.with.as_deref().map(|w| {
        let name = EntityType::split(w).1;
        let known = b
            .names()
            .gazetteer()
            .lookup_any_case(name)
            .map(|k| k.name.clone());
        (name, known)
    });
    let excluded: Vec<String> = with
        .iter()
        .flat_map(|(name, known)| std::iter::once(*name).chain(known.as_deref()))
        .map(|n| entity_key(n, None))
        .collect();
    // A "top" beyond the number of entities any index holds is a mistake,
    // not a reason to allocate for it.
    let top = req.top.clamp(1, 100_000);
    let (total, mut out) = lookup::count_entities(ix, &*query, req.kind, top + excluded.len())?;
    out.retain(|e| !excluded.contains(&entity_key(&e.name, None)));
    out.truncate(top);
    Ok(EntityCounts {
        query: req.search.query.clone(),
        // The name as the index knows it ("Vladimir Putin" for "putin").
        // As given: the filter matches the name and its aliases, which may
        // belong to more than one entity ("Vance").
        with: req.with.clone(),
        documents: total,
        entities: out,
    })
}
