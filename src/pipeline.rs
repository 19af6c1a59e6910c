//! `index`: bring the index up to date with a set of PATHs. Walk → ingest →
//! normalize (+ entities) → index, per file; a file that fails is reported
//! and skipped, never fatal.
//!
//! Incremental: a file whose size and mtime match the manifest is not read;
//! one whose content hash matches is not re-indexed; changed files are
//! re-ingested; files gone from under the PATHs are removed; a document
//! already indexed from another file is recorded as a duplicate (and takes
//! over when its twin goes). When nothing changed, the index is not even
//! opened for writing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Instant, UNIX_EPOCH};

use crate::entities::Extractor;
use crate::error::{Error, IngestError, IngestErrorKind, Result};
use crate::fingerprint;
use crate::index::PunditIndex;
use crate::index::manifest::{DocEntry, FileEntry};
use crate::index::schema::NORMALIZER_VERSION;
use crate::ingest::{self, Format};
use crate::model::{Document, Duplicate, IndexReport, Problem};
use crate::normalize;
use crate::walk::{self, display_path};

/// Files larger than this are skipped unless the limit is raised.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Options of an index run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Delete the index and build it again.
    pub rebuild: bool,
    /// Skip files larger than this many bytes.
    pub max_file_size: u64,
    /// The user's entity lists (besides `entities.tsv` in the index
    /// directory, which is always read when present); when empty, those of
    /// the last run that gave some.
    pub entity_files: Vec<PathBuf>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            entity_files: Vec::new(),
        }
    }
}

/// The reason given for a file over the size limit.
pub fn too_large(size: u64, limit: u64) -> String {
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    format!(
        "file too large ({:.1} MiB, limit {:.1} MiB; raise it with --max-file-size)",
        mb(size),
        mb(limit)
    )
}

/// Size and modification time of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Reads and normalizes every document of the file at `path`, refusing
/// files over `max_size` bytes.
pub fn load_file(
    path: &Path,
    max_size: u64,
    entities: &Extractor,
) -> std::result::Result<(Vec<Document>, Vec<String>), IngestError> {
    let read_err = |e| IngestError::new(path, IngestErrorKind::Read(e));
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > max_size {
        return Err(IngestError::new(
            path,
            IngestErrorKind::TooLarge(too_large(size, max_size)),
        ));
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    load_bytes(path, &bytes, entities)
}

/// Normalizes every document of the file at `path`, whose bytes are
/// given, and finds its entities.
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    entities: &Extractor,
) -> std::result::Result<(Vec<Document>, Vec<String>), IngestError> {
    let err = |kind| IngestError::new(path, kind);
    let format = Format::from_path(path).ok_or_else(|| err(IngestErrorKind::Unsupported))?;
    let got = ingest::ingest_bytes(bytes, format).map_err(err)?;
    let key = path.to_string_lossy();
    let multi = got.articles.len() > 1;
    let mut docs = Vec::new();
    let mut warnings = got.warnings;
    for raw in got.articles {
        let record = raw.record;
        match normalize::normalize(raw, &key) {
            Ok(mut d) => {
                entities.annotate(&mut d);
                docs.push(d);
            }
            Err(kind) if multi => warnings.push(match record {
                Some(n) => format!("record {n}: {kind}"),
                None => kind.to_string(),
            }),
            Err(kind) => return Err(err(kind)),
        }
    }
    if docs.is_empty() {
        return Err(err(if warnings.is_empty() {
            IngestErrorKind::NoText
        } else {
            IngestErrorKind::Records(warnings.join("; "))
        }));
    }
    Ok((docs, warnings))
}

fn under_any(path: &str, roots: &[PathBuf]) -> bool {
    roots.iter().any(|r| Path::new(path).starts_with(r))
}

fn problem(path: &str, reason: impl Into<String>) -> Problem {
    Problem {
        path: display_path(path),
        reason: reason.into(),
    }
}

/// Counts a file that did not change: as unchanged, or, if it could not be
/// used last time either, as skipped again (with its warnings).
fn report_known(report: &mut IndexReport, key: &str, e: &FileEntry) {
    match &e.skipped {
        Some(reason) => report.skipped.push(problem(key, reason.clone())),
        None => report.unchanged += 1,
    }
    for w in &e.warnings {
        report.warnings.push(problem(key, w.clone()));
    }
}

/// Brings the index in `dir` up to date with the files under `roots`.
pub fn sync(dir: &Path, roots: &[PathBuf], opts: &IndexOptions) -> Result<IndexReport> {
    let started = Instant::now();
    let mut roots_abs = Vec::new();
    for r in roots {
        roots_abs.push(walk::absolute(r).map_err(|e| Error::Io {
            path: r.clone(),
            error: e,
        })?);
    }
    if opts.rebuild {
        PunditIndex::remove(dir)?;
    }
    let mut notes = Vec::new();
    let mut ix = match PunditIndex::open_or_create(dir) {
        Err(Error::FormatChanged {
            found, expected, ..
        }) => {
            notes.push(format!("the index format changed (v{found} to v{expected}): rebuilt the index from the files"));
            PunditIndex::remove(dir)?;
            PunditIndex::open_or_create(dir)?
        }
        other => other?,
    };
    if !opts.entity_files.is_empty() {
        let mut files = Vec::new();
        for f in &opts.entity_files {
            files.push(walk::absolute(f).map_err(|error| Error::Io {
                path: f.clone(),
                error,
            })?);
        }
        ix.manifest.entity_files = files;
    }
    let entities = ix.extractor()?;
    // A changed normalizer or entity list makes every stored document stale.
    let mut force = ix.manifest.normalizer != NORMALIZER_VERSION;
    if force {
        notes.push(format!(
            "ingestion changed since this index was built (normalizer v{} to v{NORMALIZER_VERSION}): re-reading every file",
            ix.manifest.normalizer
        ));
    } else if ix.manifest.entities != entities.gazetteer().fingerprint()
        && !ix.manifest.files.is_empty()
    {
        force = true;
        notes.push("the entity lists changed since the last run: re-reading every file".into());
    }
    let dir_abs = walk::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut found = walk::Walked::default();
    for r in &roots_abs {
        walk::walk(r, &dir_abs, &mut found);
    }
    let mut report = IndexReport {
        index: dir.display().to_string(),
        ignored: found.ignored,
        notes,
        ..Default::default()
    };
    // Folders that could not be read: their files are not gone, only
    // unreachable this time; keep what the index has of them.
    let unreadable: Vec<PathBuf> = found.errors.iter().map(|(p, _)| p.clone()).collect();
    for (p, reason) in found.errors {
        report.skipped.push(problem(&p.to_string_lossy(), reason));
    }

    // Plan without writing: what is gone, and which files may have changed.
    let present: HashSet<String> = found
        .files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let gone: Vec<String> = ix
        .manifest
        .files
        .keys()
        .filter(|p| under_any(p, &roots_abs) && !present.contains(*p) && !under_any(p, &unreadable))
        .cloned()
        .collect();
    let mut todo: Vec<(PathBuf, Stamp)> = Vec::new();
    // A changed normalizer: files outside these PATHs are stale too.
    if force {
        for p in ix
            .manifest
            .files
            .keys()
            .filter(|p| !under_any(p, &roots_abs))
        {
            if let Ok(m) = std::fs::metadata(p) {
                todo.push((PathBuf::from(p), stamp(&m)));
            }
        }
    }
    for path in found.files {
        let key = path.to_string_lossy();
        let st = match std::fs::metadata(&path) {
            Ok(m) => stamp(&m),
            Err(e) => {
                report
                    .skipped
                    .push(problem(&key, format!("cannot read: {e}")));
                continue;
            }
        };
        match ix.manifest.files.get(key.as_ref()) {
            // An entry without a hash was never read (over the size limit):
            // look again once the limit allows it.
            Some(e)
                if !force
                    && e.size == st.size
                    && e.mtime_ns == st.mtime_ns
                    && !(e.hash.is_empty() && st.size <= opts.max_file_size) =>
            {
                report_known(&mut report, &key, e);
            }
            _ => todo.push((path, st)),
        }
    }

    if !gone.is_empty() || !todo.is_empty() || force {
        let run = Run {
            force,
            max_size: opts.max_file_size,
            entities: &entities,
        };
        apply(&mut ix, gone, todo, &run, &mut report)?;
    }
    report.documents = ix.reader()?.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Applies the plan: deletes, re-reads and re-indexes, then commits the
/// index and saves the manifest.
/// How an index run reads files.
struct Run<'a> {
    /// Re-read files even when their content did not change.
    force: bool,
    /// Skip files larger than this many bytes.
    max_size: u64,
    entities: &'a Extractor,
}

fn apply(
    ix: &mut PunditIndex,
    gone: Vec<String>,
    todo: Vec<(PathBuf, Stamp)>,
    run: &Run,
    report: &mut IndexReport,
) -> Result<()> {
    let Run {
        force, max_size, ..
    } = *run;
    let mut writer = ix.writer()?;
    let dir = ix.dir.clone();
    let ierr = |e: tantivy::TantivyError| Error::index(&dir, e);
    // Ids whose indexed copy is deleted in this run; re-homed below if a
    // duplicate of theirs survives elsewhere.
    let mut released: HashSet<String> = HashSet::new();
    for p in gone {
        writer.delete_term(ix.path_term(&p));
        if let Some(entry) = ix.manifest.files.remove(&p) {
            released.extend(entry.docs.into_iter().filter(|d| d.indexed).map(|d| d.id));
            if entry.skipped.is_none() {
                report.removed += 1;
            }
        }
    }
    // Documents indexed now: id → owning file.
    let mut live: HashMap<String, String> = HashMap::new();
    // Fingerprint blocks of indexed documents → (fingerprint, id).
    let mut near_index: HashMap<(u8, u16), Vec<(u64, String)>> = HashMap::new();
    for (p, f) in &ix.manifest.files {
        for d in f.docs.iter().filter(|d| d.indexed) {
            if let Some(fp) = d.fingerprint {
                for b in fingerprint::blocks(fp) {
                    near_index.entry(b).or_default().push((fp, d.id.clone()));
                }
            }
            live.insert(d.id.clone(), p.clone());
        }
    }

    for (path, st) in todo {
        let key = path.to_string_lossy().into_owned();
        if st.size > max_size {
            let reason = too_large(st.size, max_size);
            report.skipped.push(problem(&key, reason.clone()));
            if let Some(old) = ix.manifest.files.remove(&key) {
                writer.delete_term(ix.path_term(&key));
                if old.skipped.is_none() {
                    report.removed += 1;
                }
                for d in old.docs.into_iter().filter(|d| d.indexed) {
                    live.remove(&d.id);
                    released.insert(d.id);
                }
            }
            ix.manifest.files.insert(
                key,
                FileEntry {
                    size: st.size,
                    mtime_ns: st.mtime_ns,
                    hash: String::new(),
                    docs: Vec::new(),
                    skipped: Some(reason),
                    warnings: Vec::new(),
                },
            );
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                report
                    .skipped
                    .push(problem(&key, format!("cannot read: {e}")));
                continue;
            }
        };
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let old = ix.manifest.files.remove(&key);
        if let Some(mut e) = old.clone().filter(|e| e.hash == hash && !force) {
            // Touched, not changed.
            (e.size, e.mtime_ns) = (st.size, st.mtime_ns);
            report_known(report, &key, &e);
            ix.manifest.files.insert(key, e);
            continue;
        }
        let was_indexed = old.as_ref().is_some_and(|e| e.skipped.is_none());
        if let Some(old) = &old {
            writer.delete_term(ix.path_term(&key));
            for d in old.docs.iter().filter(|d| d.indexed) {
                live.remove(&d.id);
                released.insert(d.id.clone());
            }
        }
        let mut entry = FileEntry {
            size: st.size,
            mtime_ns: st.mtime_ns,
            hash,
            docs: Vec::new(),
            skipped: None,
            warnings: Vec::new(),
        };
        match load_bytes(&path, &bytes, run.entities) {
            Ok((docs, warnings)) => {
                for w in &warnings {
                    report.warnings.push(problem(&key, w.clone()));
                }
                entry.warnings = warnings;
                for doc in docs {
                    let fp = fingerprint::simhash(&doc.body);
                    // The same article already indexed: exactly, or nearly
                    // (saved from another site, with other chrome).
                    let twin = find_twin(&doc.id, fp, &live, &near_index);
                    let mut entry_doc = DocEntry {
                        id: doc.id.clone(),
                        indexed: false,
                        dup_of: None,
                        date: doc.date.clone(),
                        fingerprint: fp,
                    };
                    // The earlier publication is the original: it takes the
                    // twin's place when the twin's file holds nothing else.
                    let twin = twin
                        .filter(|t| !supersede(ix, &mut writer, &mut live, t, &doc, &key, report));
                    match twin {
                        Some(twin) => {
                            report.duplicates.push(Duplicate {
                                path: display_path(&key),
                                id: twin.clone(),
                                of: display_path(&live[&twin]),
                            });
                            entry_doc.dup_of = Some(twin);
                        }
                        None => {
                            writer.add_document(ix.to_tantivy(&doc)).map_err(ierr)?;
                            live.insert(doc.id.clone(), key.clone());
                            released.remove(&doc.id);
                            if let Some(fp) = fp {
                                for b in fingerprint::blocks(fp) {
                                    near_index.entry(b).or_default().push((fp, doc.id.clone()));
                                }
                            }
                            entry_doc.indexed = true;
                        }
                    }
                    entry.docs.push(entry_doc);
                }
                if was_indexed {
                    report.updated += 1
                } else {
                    report.added += 1
                }
            }
            Err(e) => {
                let reason = e.reason();
                report.skipped.push(problem(&key, reason.clone()));
                entry.skipped = Some(reason);
                if was_indexed {
                    report.removed += 1;
                }
            }
        }
        ix.manifest.files.insert(key, entry);
    }

    rehome(
        ix, &mut writer, released, &mut live, &near_index, run, report,
    )?;
    ix.manifest.normalizer = NORMALIZER_VERSION;
    ix.manifest.entities = run.entities.gazetteer().fingerprint().to_string();
    writer.commit().map_err(ierr)?;
    writer.wait_merging_threads().map_err(ierr)?;
    ix.save_manifest()
}

/// Returns the indexed document that `id` (with fingerprint `fp`) is a copy
/// of: the same id, or a near-identical body.
fn find_twin(
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
fn supersede(
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
fn rehome(
    ix: &mut PunditIndex,
    writer: &mut tantivy::IndexWriter<tantivy::TantivyDocument>,
    released: HashSet<String>,
    live: &mut HashMap<String, String>,
    near_index: &HashMap<(u8, u16), Vec<(u64, String)>>,
    run: &Run,
    report: &mut IndexReport,
) -> Result<()> {
    let released: Vec<String> = released
        .into_iter()
        .filter(|id| !live.contains_key(id))
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
        if let Some(twin) = find_twin(&own_id, fp, live, near_index) {
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
        live.insert(own_id.clone(), holder.clone());
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
