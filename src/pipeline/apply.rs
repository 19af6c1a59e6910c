//! Carrying out an index run's plan: files are read, decoded, extracted,
//! normalized and their entities found on every core (rayon), a chunk at a
//! time; one writer then adds them in walk order, so which copy of an
//! article is indexed does not depend on thread timing. The index is
//! committed every N documents or T seconds, and the manifest saved right
//! after each commit, so an interrupted run keeps what it committed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument};

use super::dedup::{self, Copies};
use super::{Run, Stamp, load_bytes, problem, report_known, stamp, too_large};
use crate::error::{Error, IngestError, Result};
use crate::fingerprint;
use crate::index::manifest::{DocEntry, FileEntry};
use crate::index::schema::NORMALIZER_VERSION;
use crate::index::{Fields, PunditIndex, to_tantivy};
use crate::model::{Document, Duplicate, IndexReport};
use crate::walk::display_path;

/// Files prepared in parallel before the writer takes them in order: at
/// most this many...
const CHUNK_FILES: usize = 64;
/// ...and this many bytes of input, which bounds the memory prepared
/// documents take.
const CHUNK_BYTES: u64 = 8 * 1024 * 1024;

/// Splits the planned files into chunks of at most [`CHUNK_FILES`] files
/// and about [`CHUNK_BYTES`] bytes (a larger file is a chunk of its own).
fn chunks(todo: &[(PathBuf, Stamp)]) -> Vec<&[(PathBuf, Stamp)]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (_, st)) in todo.iter().enumerate() {
        if i > start && (i - start == CHUNK_FILES || bytes + st.size > CHUNK_BYTES) {
            out.push(&todo[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += st.size;
    }
    if start < todo.len() {
        out.push(&todo[start..]);
    }
    out
}

/// A document ready for the writer.
struct Ready {
    doc: Document,
    fingerprint: Option<u64>,
    tantivy: TantivyDocument,
}

/// What reading one file gave.
enum Prepared {
    /// Over the size limit: the reason.
    TooLarge(String),
    /// Could not be read, vanished, or changed while being read: the
    /// reason. Not recorded, so the next run looks again.
    Unreadable(String),
    /// Same content as recorded (only touched).
    Unchanged(Stamp),
    /// Read and ingested (or not, with the reason).
    Read {
        stamp: Stamp,
        hash: String,
        bytes: u64,
        outcome: std::result::Result<(Vec<Ready>, Vec<String>), IngestError>,
    },
}

/// Reads and ingests one file; runs on any thread. `old` holds the
/// recorded content hashes of the files to read.
fn prepare(
    fields: &Fields,
    old: &HashMap<String, String>,
    path: &PathBuf,
    planned: Stamp,
    run: &Run,
) -> Prepared {
    if planned.size > run.max_size {
        return Prepared::TooLarge(too_large(planned.size, run.max_size));
    }
    let gone = |e: std::io::Error| {
        Prepared::Unreadable(if e.kind() == std::io::ErrorKind::NotFound {
            "vanished before it could be read".to_string()
        } else {
            format!("cannot read: {e}")
        })
    };
    let before = match std::fs::metadata(path) {
        Ok(m) => stamp(&m),
        Err(e) => return gone(e),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return gone(e),
    };
    // Written to while we read it: what we have may be half old, half new.
    let after = std::fs::metadata(path).map(|m| stamp(&m));
    if after.as_ref().ok() != Some(&before) || bytes.len() as u64 != before.size {
        return Prepared::Unreadable(
            "changed while being read; it is read again on the next run".into(),
        );
    }
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let key = path.to_string_lossy();
    if !run.force && old.get(key.as_ref()) == Some(&hash) {
        return Prepared::Unchanged(before);
    }
    let outcome = load_bytes(path, &bytes, run.entities).map(|(docs, warnings)| {
        let ready = docs
            .into_iter()
            .map(|doc| Ready {
                fingerprint: fingerprint::simhash(&doc.body),
                tantivy: to_tantivy(fields, &doc),
                doc,
            })
            .collect();
        (ready, warnings)
    });
    Prepared::Read {
        stamp: before,
        hash,
        bytes: bytes.len() as u64,
        outcome,
    }
}

/// Commits the writer with the next commit number as payload, then saves
/// the manifest with the same number: a manifest behind the index means a
/// run was killed between the two (see `recover`).
pub(super) fn commit(ix: &mut PunditIndex, writer: &mut IndexWriter) -> Result<()> {
    let seq = ix.manifest.commit + 1;
    let mut prepared = writer
        .prepare_commit()
        .map_err(|e| Error::index(&ix.dir, e))?;
    prepared.set_payload(&seq.to_string());
    prepared.commit().map_err(|e| Error::index(&ix.dir, e))?;
    ix.manifest.commit = seq;
    ix.save_manifest()
}

/// After a run was killed between a commit and its manifest: deletes the
/// documents of files the manifest does not know (they are read again as
/// new), so nothing is indexed twice.
fn recover(ix: &PunditIndex, writer: &mut IndexWriter) -> Result<()> {
    for path in ix.indexed_paths()? {
        if !ix.manifest.files.contains_key(&path) {
            writer.delete_term(ix.path_term(&path));
        }
    }
    Ok(())
}

/// Deletes, re-reads and re-indexes as planned, commits and saves the
/// manifest.
pub(super) fn apply(
    ix: &mut PunditIndex,
    gone: Vec<String>,
    todo: Vec<(PathBuf, Stamp)>,
    run: &Run,
    report: &mut IndexReport,
) -> Result<()> {
    let mut writer = ix.writer_with(run.threads, run.memory)?;
    let ierr = |dir: &std::path::Path, e: tantivy::TantivyError| Error::index(dir, e);
    if run.recover {
        recover(ix, &mut writer)?;
    }
    let mut copies = Copies::new(&ix.manifest);
    for p in gone {
        writer.delete_term(ix.path_term(&p));
        if let Some(entry) = ix.manifest.files.remove(&p) {
            for d in entry.docs.into_iter().filter(|d| d.indexed) {
                copies.release(d.id);
            }
            if entry.skipped.is_none() {
                report.removed += 1;
            }
            run.progress.file(&display_path(&p), "removed", 0, 0);
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(run.threads)
        .build()
        .map_err(|e| Error::index(&ix.dir, e))?;
    // What the reading side needs, so it does not hold the index.
    let fields = ix.fields.clone();
    let old: HashMap<String, String> = todo
        .iter()
        .filter_map(|(p, _)| {
            let key = p.to_string_lossy();
            let e = ix.manifest.files.get(key.as_ref())?;
            Some((key.into_owned(), e.hash.clone()))
        })
        .collect();
    let chunks = chunks(&todo);
    // One thread reads and ingests the next chunks (on the pool) while this
    // one feeds the writer: both sides stay busy.
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(2);
        scope.spawn(|| {
            for chunk in &chunks {
                let prepared = pool.install(|| {
                    chunk
                        .par_iter()
                        .map(|(path, st)| prepare(&fields, &old, path, *st, run))
                        .collect()
                });
                // The writer side stopped (an error): so do we.
                if tx.send(prepared).is_err() {
                    break;
                }
            }
            drop(tx);
        });
        let mut since_commit = 0;
        let mut last_commit = Instant::now();
        for (chunk, prepared) in chunks.iter().zip(rx.iter()) {
            for ((path, planned), prep) in chunk.iter().zip(prepared) {
                let key = path.to_string_lossy().into_owned();
                since_commit += take(
                    ix, &mut writer, &mut copies, &key, *planned, prep, run, report,
                )?;
            }
            if since_commit >= run.commit_docs || last_commit.elapsed() >= run.commit_every {
                commit(ix, &mut writer)?;
                since_commit = 0;
                last_commit = Instant::now();
            }
        }
        Ok(())
    })?;
    dedup::rehome(ix, &mut writer, &mut copies, run, report)?;
    ix.manifest.normalizer = NORMALIZER_VERSION;
    ix.manifest.entities = run.entities.fingerprint();
    commit(ix, &mut writer)?;
    writer.wait_merging_threads().map_err(|e| ierr(&ix.dir, e))
}

/// Takes one prepared file into the index and the manifest, in walk
/// order; returns the number of documents added.
#[allow(clippy::too_many_arguments)]
fn take(
    ix: &mut PunditIndex,
    writer: &mut IndexWriter,
    copies: &mut Copies,
    key: &str,
    planned: Stamp,
    prep: Prepared,
    run: &Run,
    report: &mut IndexReport,
) -> Result<usize> {
    let shown = display_path(key);
    // Forgets what the index had of this file.
    let drop_old = |ix: &mut PunditIndex, writer: &mut IndexWriter, copies: &mut Copies| {
        let old = ix.manifest.files.remove(key);
        if old.is_some() {
            writer.delete_term(ix.path_term(key));
        }
        for d in old.iter().flat_map(|o| &o.docs).filter(|d| d.indexed) {
            copies.release(d.id.clone());
        }
        old
    };
    let (stamp, hash, bytes, outcome) = match prep {
        Prepared::Unreadable(reason) => {
            run.progress
                .file(&shown, &format!("skipped: {reason}"), 0, 0);
            report.skipped.push(problem(key, reason));
            return Ok(0);
        }
        Prepared::TooLarge(reason) => {
            run.progress
                .file(&shown, &format!("skipped: {reason}"), 0, 0);
            report.skipped.push(problem(key, reason.clone()));
            if let Some(old) = drop_old(ix, writer, copies)
                && old.skipped.is_none()
            {
                report.removed += 1;
            }
            ix.manifest.files.insert(
                key.to_string(),
                FileEntry {
                    size: planned.size,
                    mtime_ns: planned.mtime_ns,
                    skipped: Some(reason),
                    ..FileEntry::default()
                },
            );
            return Ok(0);
        }
        Prepared::Unchanged(st) => {
            if let Some(e) = ix.manifest.files.get_mut(key) {
                (e.size, e.mtime_ns) = (st.size, st.mtime_ns);
                report_known(report, key, e);
            }
            run.progress.file(&shown, "unchanged", planned.size, 0);
            return Ok(0);
        }
        Prepared::Read {
            stamp,
            hash,
            bytes,
            outcome,
        } => (stamp, hash, bytes, outcome),
    };
    let old = drop_old(ix, writer, copies);
    let was_indexed = old.as_ref().is_some_and(|e| e.skipped.is_none());
    // A file the manifest never saw may still have documents in the index
    // (a run killed between a commit and its manifest).
    if old.is_none() && run.recover {
        writer.delete_term(ix.path_term(key));
    }
    let mut entry = FileEntry {
        size: stamp.size,
        mtime_ns: stamp.mtime_ns,
        hash,
        ..FileEntry::default()
    };
    let mut added = 0;
    match outcome {
        Ok((docs, warnings)) => {
            for w in &warnings {
                report.warnings.push(problem(key, w.clone()));
            }
            entry.warnings = warnings;
            let mut dups = 0;
            for Ready {
                doc,
                fingerprint: fp,
                tantivy,
            } in docs
            {
                // The same article already indexed: exactly, or nearly
                // (saved from another site, with other chrome).
                let twin = dedup::find_twin(&doc.id, fp, &copies.live, &copies.near_index);
                let mut entry_doc = DocEntry {
                    id: doc.id.clone(),
                    indexed: false,
                    dup_of: None,
                    date: doc.date.clone(),
                    fingerprint: fp,
                };
                // The earlier publication is the original: it takes the
                // twin's place when the twin's file holds nothing else.
                let twin = twin.filter(|t| {
                    !dedup::supersede(ix, writer, &mut copies.live, t, &doc, key, report)
                });
                match twin {
                    Some(twin) => {
                        report.duplicates.push(Duplicate {
                            path: shown.clone(),
                            id: twin.clone(),
                            of: display_path(&copies.live[&twin]),
                        });
                        entry_doc.dup_of = Some(twin);
                        dups += 1;
                    }
                    None => {
                        writer
                            .add_document(tantivy)
                            .map_err(|e| Error::index(&ix.dir, e))?;
                        copies.add(&doc.id, fp, key);
                        entry_doc.indexed = true;
                        added += 1;
                    }
                }
                entry.docs.push(entry_doc);
            }
            if was_indexed {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            let what = if was_indexed { "updated" } else { "added" };
            let outcome = match (added, dups) {
                (_, 0) => format!("{what}, {added} document(s)"),
                (0, _) => format!("{what}, a copy of an indexed article"),
                _ => format!("{what}, {added} document(s), {dups} copies of indexed ones"),
            };
            run.progress.file(&shown, &outcome, bytes, added);
        }
        Err(e) => {
            let reason = e.reason();
            run.progress
                .file(&shown, &format!("skipped: {reason}"), bytes, 0);
            report.skipped.push(problem(key, reason.clone()));
            entry.skipped = Some(reason);
            if was_indexed {
                report.removed += 1;
            }
        }
    }
    ix.manifest.files.insert(key.to_string(), entry);
    Ok(added)
}
