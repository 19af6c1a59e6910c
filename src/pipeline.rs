//! `index`: bring the index up to date with a set of PATHs. Walk → ingest →
//! normalize (+ entities) → index, per file; a file that fails is reported
//! and skipped, never fatal. Incremental: unchanged files (same size and
//! mtime, or same content hash) are not read again; changed ones are
//! re-ingested; files gone from under the PATHs are removed; a document
//! already indexed from another file is recorded as a duplicate.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Instant, UNIX_EPOCH};

use crate::error::{Error, IngestError, IngestErrorKind, Result};
use crate::index::PunditIndex;
use crate::index::manifest::{DocEntry, FileEntry};
use crate::ingest;
use crate::model::{Document, Duplicate, IndexReport, Problem};
use crate::normalize;
use crate::walk::{self, display_path};

/// Options of an index run.
#[derive(Debug, Clone, Default)]
pub struct IndexOptions {
    /// Delete the index and build it again.
    pub rebuild: bool,
}

/// Size, mtime and hash of a file as read.
struct Stamp {
    size: u64,
    mtime_ns: i128,
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0);
    Stamp {
        size: meta.len(),
        mtime_ns,
    }
}

/// Reads and normalizes every document of the file at `path`.
pub fn load_file(path: &Path) -> std::result::Result<(Vec<Document>, Vec<String>), IngestError> {
    let got = ingest::ingest_file(path)?;
    let key = path.to_string_lossy();
    let mut docs = Vec::new();
    let mut warnings = got.warnings;
    let multi = got.articles.len() > 1;
    for raw in got.articles {
        let record = raw.record;
        match normalize::normalize(raw, &key) {
            Ok(d) => docs.push(d),
            Err(kind) if multi => warnings.push(match record {
                Some(n) => format!("record {n}: {kind}"),
                None => kind.to_string(),
            }),
            Err(kind) => return Err(IngestError::new(path, kind)),
        }
    }
    if docs.is_empty() {
        let kind = if warnings.is_empty() {
            IngestErrorKind::NoText
        } else {
            IngestErrorKind::Records(warnings.join("; "))
        };
        return Err(IngestError::new(path, kind));
    }
    Ok((docs, warnings))
}

fn under_any(path: &str, roots: &[PathBuf]) -> bool {
    roots.iter().any(|r| Path::new(path).starts_with(r))
}

/// Brings the index in `dir` up to date with the files under `roots`.
pub fn sync(dir: &Path, roots: &[PathBuf], opts: &IndexOptions) -> Result<IndexReport> {
    let started = Instant::now();
    let mut roots_abs = Vec::new();
    for r in roots {
        roots_abs.push(walk::absolute(r).map_err(|e| Error::Io {
            path: r.clone(),
            source: e,
        })?);
    }
    if opts.rebuild {
        PunditIndex::remove(dir)?;
    }
    let mut ix = PunditIndex::open_or_create(dir)?;
    let dir_abs = walk::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut found = walk::Walked::default();
    for r in &roots_abs {
        walk::walk(r, &dir_abs, &mut found);
    }
    let mut report = IndexReport {
        index: dir.display().to_string(),
        ignored: found.ignored,
        ..Default::default()
    };
    for (p, reason) in found.errors {
        report.skipped.push(Problem {
            path: display_path(&p.to_string_lossy()),
            reason,
        });
    }
    let present: HashSet<String> = found
        .files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();

    let mut writer = ix.writer()?;
    // Ids whose indexed copy is deleted in this run; re-homed below if a
    // duplicate of theirs survives elsewhere.
    let mut released: HashSet<String> = HashSet::new();
    let gone: Vec<String> = ix
        .manifest
        .files
        .keys()
        .filter(|p| under_any(p, &roots_abs) && !present.contains(*p))
        .cloned()
        .collect();
    for p in gone {
        writer.delete_term(ix.path_term(&p));
        if let Some(entry) = ix.manifest.files.remove(&p) {
            released.extend(entry.docs.into_iter().filter(|d| d.indexed).map(|d| d.id));
        }
        report.removed += 1;
    }

    // Documents indexed now: id → owning file.
    let mut live: HashMap<String, String> = HashMap::new();
    for (p, f) in &ix.manifest.files {
        for d in f.docs.iter().filter(|d| d.indexed) {
            live.insert(d.id.clone(), p.clone());
        }
    }

    for path in &found.files {
        let key = path.to_string_lossy().into_owned();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                report.skipped.push(Problem {
                    path: display_path(&key),
                    reason: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        let st = stamp(&meta);
        let old = ix.manifest.files.get(&key).cloned();
        if let Some(old) = &old
            && old.size == st.size
            && old.mtime_ns == st.mtime_ns
        {
            report.unchanged += 1;
            continue;
        }
        let bytes_hash = match std::fs::read(path) {
            Ok(b) => blake3::hash(&b).to_hex().to_string(),
            Err(e) => {
                report.skipped.push(Problem {
                    path: display_path(&key),
                    reason: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        if let Some(old) = &old {
            if old.hash == bytes_hash {
                let mut e = old.clone();
                e.mtime_ns = st.mtime_ns;
                e.size = st.size;
                ix.manifest.files.insert(key, e);
                report.unchanged += 1;
                continue;
            }
            // Changed: drop what it had.
            writer.delete_term(ix.path_term(&key));
            for d in old.docs.iter().filter(|d| d.indexed) {
                live.remove(&d.id);
                released.insert(d.id.clone());
            }
            ix.manifest.files.remove(&key);
        }
        match load_file(path) {
            Ok((docs, warnings)) => {
                for w in warnings {
                    report.warnings.push(Problem {
                        path: display_path(&key),
                        reason: w,
                    });
                }
                let mut entries = Vec::new();
                for doc in docs {
                    let indexed = match live.get(&doc.id) {
                        Some(owner) => {
                            report.duplicates.push(Duplicate {
                                path: display_path(&key),
                                id: doc.id.clone(),
                                of: display_path(owner),
                            });
                            false
                        }
                        None => {
                            writer
                                .add_document(ix.to_tantivy(&doc))
                                .map_err(|e| Error::index(dir, e))?;
                            live.insert(doc.id.clone(), key.clone());
                            released.remove(&doc.id);
                            true
                        }
                    };
                    entries.push(DocEntry {
                        id: doc.id,
                        indexed,
                    });
                }
                ix.manifest.files.insert(
                    key,
                    FileEntry {
                        size: st.size,
                        mtime_ns: st.mtime_ns,
                        hash: bytes_hash,
                        docs: entries,
                    },
                );
                if old.is_some() {
                    report.updated += 1
                } else {
                    report.added += 1
                }
            }
            Err(e) => {
                report.skipped.push(Problem {
                    path: display_path(&key),
                    reason: e.reason(),
                });
                if old.is_some() {
                    report.removed += 1;
                }
            }
        }
    }

    rehome(&mut ix, &mut writer, released, &mut live, &mut report)?;
    writer.commit().map_err(|e| Error::index(dir, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| Error::index(dir, e))?;
    ix.save_manifest()?;
    let reader = ix.reader()?;
    report.documents = reader.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Indexes a surviving duplicate of each document whose indexed copy went
/// away in this run.
fn rehome(
    ix: &mut PunditIndex,
    writer: &mut tantivy::IndexWriter<tantivy::TantivyDocument>,
    released: HashSet<String>,
    live: &mut HashMap<String, String>,
    report: &mut IndexReport,
) -> Result<()> {
    for id in released {
        if live.contains_key(&id) {
            continue;
        }
        let holder = ix
            .manifest
            .files
            .iter()
            .find(|(_, f)| f.docs.iter().any(|d| d.id == id && !d.indexed))
            .map(|(p, _)| p.clone());
        let Some(holder) = holder else { continue };
        let Ok((docs, _)) = load_file(Path::new(&holder)) else {
            continue;
        };
        if let Some(doc) = docs.into_iter().find(|d| d.id == id) {
            writer
                .add_document(ix.to_tantivy(&doc))
                .map_err(|e| Error::index(&ix.dir, e))?;
            live.insert(id.clone(), holder.clone());
            if let Some(f) = ix.manifest.files.get_mut(&holder) {
                for d in f.docs.iter_mut().filter(|d| d.id == id) {
                    d.indexed = true;
                }
            }
            report.duplicates.retain(|d| d.id != id);
        }
    }
    Ok(())
}
