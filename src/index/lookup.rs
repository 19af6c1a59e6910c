//! Reading documents back: by id or path (`show`), and all of them for an
//! overview (`stats`); counting entities on the index's facets.

use std::collections::HashMap;
use std::path::Path;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::PunditIndex;
use crate::error::{Error, Result};
use crate::model::{Document, EntityCount, EntityType, NameCount, Stats};
use crate::walk::display_path;

/// Returns the documents with id `key`, or of the file at path `key`
/// (`FILE#N` picks record N of a multi-document file).
pub fn find(ix: &PunditIndex, key: &str) -> Result<Vec<Document>> {
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let by = |field, value: &str| -> Result<Vec<Document>> {
        let q = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let top = TopDocs::with_limit(100_000).order_by_score();
        let hits = searcher
            .search(&q, &top)
            .map_err(|e| Error::index(&ix.dir, e))?;
        let mut docs = hits
            .into_iter()
            .map(|(_, a)| ix.stored(&searcher, a))
            .collect::<Result<Vec<_>>>()?;
        docs.sort_by_key(|d| d.record);
        Ok(docs)
    };
    let mut docs = by(ix.fields.id, key)?;
    if !docs.is_empty() {
        present(ix, &mut docs);
        return Ok(docs);
    }
    let (file, record) = match key.rsplit_once('#') {
        Some((f, n)) if n.parse::<usize>().is_ok() && !Path::new(key).exists() => {
            (f, n.parse().ok())
        }
        _ => (key, None),
    };
    let abs = std::fs::canonicalize(file)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| file.to_string());
    let mut docs = by(ix.fields.path, &abs)?;
    if docs.is_empty() {
        // A duplicate file: show the copy that is indexed.
        if let Some(owner) = ix
            .manifest
            .files
            .get(&abs)
            .and_then(|f| f.docs.first())
            .and_then(|d| ix.manifest.owner(d.dup_of.as_deref().unwrap_or(&d.id)))
        {
            docs = by(ix.fields.path, owner)?;
        }
    }
    if let Some(n) = record {
        docs.retain(|d| d.record == Some(n));
    }
    present(ix, &mut docs);
    if docs.is_empty() {
        return Err(Error::NotFound(key.to_string()));
    }
    Ok(docs)
}

/// Prepares stored documents for display: paths relative to the current
/// directory, and the other files holding the same article.
fn present(ix: &PunditIndex, docs: &mut [Document]) {
    for d in docs {
        d.also_at = ix
            .manifest
            .copies_of(&d.id)
            .into_iter()
            .map(display_path)
            .collect();
        d.path = display_path(&d.path);
    }
}

fn top(counts: HashMap<String, usize>, n: usize) -> Vec<NameCount> {
    let mut v: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, count)| NameCount { name, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    v.truncate(n);
    v
}

/// Counts, for the documents matching `query`, how many mention each
/// entity (of type `kind`, or any), with tantivy's facet collector over
/// the `entity_facet` column: no stored document is read. Returns the
/// number of matching documents and the `top` entities, most mentioned
/// first.
pub fn count_entities(
    ix: &PunditIndex,
    query: &dyn Query,
    kind: Option<EntityType>,
    top: usize,
) -> Result<(u64, Vec<EntityCount>)> {
    let kinds: Vec<EntityType> = kind.map_or(EntityType::ALL.to_vec(), |k| vec![k]);
    let mut facets = FacetCollector::for_field("entity_facet");
    for k in &kinds {
        facets.add_facet(format!("/{}", k.as_str()).as_str());
    }
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let (total, counts) = searcher
        .search(query, &(Count, facets))
        .map_err(|e| Error::index(&ix.dir, e))?;
    let top = top.max(1);
    let mut out = Vec::new();
    for k in &kinds {
        for (facet, n) in counts.top_k(format!("/{}", k.as_str()).as_str(), top) {
            out.push(EntityCount {
                name: facet
                    .to_path()
                    .last()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
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
    Ok((total as u64, out))
}

/// Returns an overview of the whole index.
pub fn stats(ix: &PunditIndex) -> Result<Stats> {
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let mut s = Stats {
        index: ix.dir.display().to_string(),
        ..Default::default()
    };
    let (mut authors, mut sources) = (HashMap::new(), HashMap::new());
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        for doc in seg.doc_ids_alive() {
            let d = ix.stored(&searcher, DocAddress::new(ord as u32, doc))?;
            s.documents += 1;
            for a in &d.authors {
                *authors.entry(a.clone()).or_insert(0) += 1;
            }
            if let Some(src) = &d.source {
                *sources.entry(src.clone()).or_insert(0) += 1;
            }
            match &d.date {
                Some(date) => {
                    if s.first_date.as_ref().is_none_or(|f| date < f) {
                        s.first_date = Some(date.clone());
                    }
                    if s.last_date.as_ref().is_none_or(|l| date > l) {
                        s.last_date = Some(date.clone());
                    }
                }
                None => s.undated += 1,
            }
        }
    }
    s.files = ix
        .manifest
        .files
        .values()
        .filter(|f| f.skipped.is_none())
        .count();
    s.authors = authors.len();
    s.top_authors = top(authors, 10);
    s.sources = top(sources, usize::MAX);
    s.top_entities = count_entities(ix, &AllQuery, None, 20)?
        .1
        .into_iter()
        .map(|e| NameCount {
            name: e.name,
            count: e.documents as usize,
        })
        .collect();
    s.index_bytes = ix.size_bytes();
    Ok(s)
}
