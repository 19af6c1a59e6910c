//! Copies of one article in several files: which one is indexed (the
//! earliest dated), and which copy takes over when the indexed one goes.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Run, load_file};
use crate::error::{Error, Result};
use crate::fingerprint;
use crate::index::PunditIndex;
use crate::index::manifest::Manifest;
use crate::model::{Document, Duplicate, IndexReport};
use crate::walk::display_path;

/// What is indexed, for finding copies: ids and their files, fingerprint
/// blocks, and the ids whose indexed copy went away in this run.
#[derive(Default)]
pub(super) struct Copies {
    /// Documents indexed now: id → owning file.
    pub live: HashMap<String, String>,
    /// Fingerprint blocks of indexed documents → (fingerprint, id).
    pub near_index: HashMap<(u8, u16), Vec<(u64, String)>>,
    /// Ids whose indexed copy was deleted; re-homed at the end of the run
    /// if a copy of theirs survives elsewhere.
    pub released: HashSet<String>,
}

impl Copies {
    /// Reads the manifest. Copies whose original is not indexed (a run
    /// stopped before it could re-home them) are released again.
    pub fn new(manifest: &Manifest) -> Copies {
        let mut c = Copies::default();
        for (p, f) in &manifest.files {
            for d in f.docs.iter().filter(|d| d.indexed) {
                c.add(&d.id, d.fingerprint, p);
            }
        }
        for f in manifest.files.values() {
            for d in &f.docs {
                if let Some(of) = d.dup_of.as_ref().filter(|of| !c.live.contains_key(*of)) {
                    c.released.insert(of.clone());
                }
            }
        }
        c
    }

    /// Records document `id` as indexed from `path`.
    pub fn add(&mut self, id: &str, fp: Option<u64>, path: &str) {
        if let Some(fp) = fp {
            for b in fingerprint::blocks(fp) {
                self.near_index
                    .entry(b)
                    .or_default()
                    .push((fp, id.to_string()));
            }
        }
        self.live.insert(id.to_string(), path.to_string());
        self.released.remove(id);
    }

    /// Records that the indexed copy of `id` is gone.
    pub fn release(&mut self, id: String) {
        self.live.remove(&id);
        self.released.insert(id);
    }
}

/// Returns the indexed document that `id` (with fingerprint `fp`) is a copy
/// of: the same id, or a near-identical body.
pub(super) fn find_twin(
    id: &str,
    fp: Option<u64>,
    live: &HashMap<String, String>,
    near_index: &HashMap<(u8, u16), Vec<(u64, String)>>,
) -> Option<String> {
    if live.contains_key(id) {
        return Some(id.to_string());
    }
    let fp = fp?;
    fingerprint::blocks(fp)
        .iter()
        .filter_map(|b| near_index.get(b))
        .flatten()
        .find(|(other, oid)| fingerprint::near(fp, *other) && live.contains_key(oid))
        .map(|(_, oid)| oid.clone())
}

/// If `doc` (from the file `key`) is an earlier publication than its
/// indexed twin `twin`, and the twin's file holds only the twin, un-indexes
/// the twin and records it as a copy of `doc`; returns true if it did (the
/// caller then indexes `doc`).
pub(super) fn supersede(
    ix: &mut PunditIndex,
    writer: &mut tantivy::IndexWriter<tantivy::TantivyDocument>,
    live: &mut HashMap<String, String>,
    twin: &str,
    doc: &Document,
    key: &str,
    report: &mut IndexReport,
) -> bool {
    let Some(owner) = live.get(twin).cloned() else {
        return false;
    };
    let Some(entry) = ix.manifest.files.get(&owner) else {
        return false;
    };
    let [only] = entry.docs.as_slice() else {
        return false;
    };
    // A dated copy beats an undated one; of two dated, the earlier wins.
    let earlier = match (&doc.date, &only.date) {
        (Some(mine), Some(theirs)) => mine < theirs,
        (Some(_), None) => true,
        _ => false,
    };
    if !earlier {
        return false;
    }
    writer.delete_term(ix.path_term(&owner));
    live.remove(twin);
    for (_, f) in ix.manifest.files.iter_mut() {
        for d in f.docs.iter_mut() {
            if d.id == twin && d.indexed {
                d.indexed = false;
                d.dup_of = Some(doc.id.clone());
            } else if !d.indexed && d.dup_of.as_deref() == Some(twin) {
                d.dup_of = Some(doc.id.clone());
            }
        }
    }
    for dup in report.duplicates.iter_mut().filter(|d| d.id == twin) {
        dup.id = doc.id.clone();
        dup.of = display_path(key);
    }
    report.duplicates.push(Duplicate {
        path: display_path(&owner),
        id: doc.id.clone(),
        of: display_path(key),
    });
    true
}

/// Indexes a surviving copy (exact or near) of each document whose indexed
/// copy went away in this run; the other copies now point to it.
pub(super) fn rehome(
    ix: &mut PunditIndex,
    writer: &mut tantivy::IndexWriter<tantivy::TantivyDocument>,
    copies: &mut Copies,
    run: &Run,
    report: &mut IndexReport,
) -> Result<()> {
    let released: Vec<String> = std::mem::take(&mut copies.released)
        .into_iter()
        .filter(|id| !copies.live.contains_key(id))
        .collect();
    if released.is_empty() {
        return Ok(());
    }
    // One pass over the manifest: which files hold copies of what. Looking
    // them up per released id would be quadratic when a normalizer change
    // releases every document.
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    for (p, f) in &ix.manifest.files {
        for d in f.docs.iter().filter(|d| !d.indexed) {
            if let Some(of) = &d.dup_of {
                holders.entry(of.clone()).or_default().push(p.clone());
            }
        }
    }
    // Re-points the copies of `old` in `paths` to `new`.
    let repoint = |ix: &mut PunditIndex, paths: &[String], old: &str, new: &str| {
        for p in paths {
            for d in ix
                .manifest
                .files
                .get_mut(p)
                .into_iter()
                .flat_map(|f| f.docs.iter_mut())
            {
                if !d.indexed && d.dup_of.as_deref() == Some(old) {
                    d.dup_of = Some(new.to_string());
                }
            }
        }
    };
    for id in released {
        let Some(paths) = holders.get(&id) else {
            continue;
        };
        let holder = paths.iter().find_map(|p| {
            let f = ix.manifest.files.get(p)?;
            f.docs
                .iter()
                .find(|d| !d.indexed && d.dup_of.as_deref() == Some(id.as_str()))
                .map(|d| (p.clone(), d.id.clone(), d.fingerprint))
        });
        let Some((holder, own_id, fp)) = holder else {
            continue;
        };
        // Still a copy of something indexed (the changed original, say):
        // point the copies there instead of indexing one.
        if let Some(twin) = find_twin(&own_id, fp, &copies.live, &copies.near_index) {
            repoint(ix, paths, &id, &twin);
            continue;
        }
        let Ok((docs, _)) = load_file(Path::new(&holder), u64::MAX, run.entities) else {
            continue;
        };
        let Some(doc) = docs.into_iter().find(|d| d.id == own_id) else {
            continue;
        };
        writer
            .add_document(ix.to_tantivy(&doc))
            .map_err(|e| Error::index(&ix.dir, e))?;
        copies.add(&own_id, fp, &holder);
        if let Some(d) = ix
            .manifest
            .files
            .get_mut(&holder)
            .and_then(|f| f.docs.iter_mut().find(|d| d.id == own_id))
        {
            d.indexed = true;
            d.dup_of = None;
        }
        repoint(ix, paths, &id, &own_id);
        report.duplicates.retain(|d| d.id != id);
    }
    Ok(())
}
