//! `index`: bring the index up to date with a set of PATHs. Walk → plan →
//! ingest, normalize and find entities on every core → index (see
//! [`apply`]); a file that fails is reported and skipped, never fatal.
//!
//! Incremental: a file whose size and mtime match the manifest is not read;
//! one whose content hash matches is not re-indexed; changed files are
//! re-ingested; files gone from under the PATHs are removed; a document
//! already indexed from another file is recorded as a duplicate (and takes
//! over when its twin goes). When nothing changed, the index is not even
//! opened for writing.

mod apply;
mod dedup;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use crate::entities::Extractor;
use crate::error::{Error, IngestError, IngestErrorKind, Result};
use crate::index::PunditIndex;
use crate::index::manifest::FileEntry;
use crate::index::schema::NORMALIZER_VERSION;
use crate::ingest::{self, Format};
use crate::model::{Document, IndexReport, Problem};
use crate::normalize;
use crate::walk::{self, display_path};
use rayon::prelude::*;

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
    /// Threads for reading files and for indexing (0: one per core).
    pub threads: usize,
    /// Memory budget of the index writer in bytes (0: the default).
    pub memory: usize,
    /// Commit after this many new documents...
    pub commit_docs: usize,
    /// ...or this long after the last commit, whichever comes first.
    pub commit_every: Duration,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            entity_files: Vec::new(),
            threads: 0,
            memory: 0,
            commit_docs: 10_000,
            commit_every: Duration::from_secs(60),
        }
    }
}

/// Hears how an index run goes (the CLI draws a progress bar and, with
/// `-v`, lists each file). Called from one thread, in walk order.
pub trait Progress: Sync {
    /// The run will look at `files` files of `bytes` bytes in all.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// One file is done: what happened to it, its size, documents added.
    fn file(&self, _path: &str, _outcome: &str, _bytes: u64, _docs: usize) {}
    /// The run is over.
    fn finish(&self) {}
}

/// A [`Progress`] that hears nothing.
pub struct Quiet;

impl Progress for Quiet {}

/// How an index run reads and writes.
struct Run<'a> {
    /// Re-read files even when their content did not change.
    force: bool,
    /// The last run was killed between a commit and its manifest.
    recover: bool,
    /// Skip files larger than this many bytes.
    max_size: u64,
    entities: &'a Extractor,
    threads: usize,
    memory: usize,
    commit_docs: usize,
    commit_every: Duration,
    progress: &'a dyn Progress,
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
    // The records of an export are independent: on every core.
    let normalized: Vec<_> = got
        .articles
        .into_par_iter()
        .map(|raw| {
            let record = raw.record;
            let doc = normalize::normalize(raw, &key).map(|mut d| {
                entities.annotate(&mut d);
                d
            });
            (record, doc)
        })
        .collect();
    for (record, doc) in normalized {
        match doc {
            Ok(d) => docs.push(d),
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
    sync_with(dir, roots, opts, &Quiet)
}

/// Like [`sync`], telling `progress` how it goes.
pub fn sync_with(
    dir: &Path,
    roots: &[PathBuf],
    opts: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let started = Instant::now();
    let mut roots_abs = Vec::new();
    for r in roots {
        roots_abs.push(walk::absolute(r).map_err(|e| Error::Io {
            path: r.clone(),
            error: e,
        })?);
    }
    // A rebuild (asked for, or after a format change) starts over with the
    // same entity lists.
    let remembered = crate::index::remembered_entity_files(dir);
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
    } else {
        if ix.manifest.entity_files.is_empty() {
            ix.manifest.entity_files = remembered;
        }
        // A remembered list that was deleted is forgotten, and said so.
        let (kept, gone): (Vec<PathBuf>, Vec<PathBuf>) =
            std::mem::take(&mut ix.manifest.entity_files)
                .into_iter()
                .partition(|p| p.is_file());
        for g in gone {
            notes.push(format!(
                "the entity list {} given to an earlier run is gone: indexing without it",
                g.display()
            ));
        }
        ix.manifest.entity_files = kept;
    }
    let entities = ix.extractor()?;
    // A changed normalizer or entity list makes every stored document stale.
    let mut force = ix.manifest.normalizer != NORMALIZER_VERSION;
    if force {
        notes.push(format!(
            "ingestion changed since this index was built (normalizer v{} to v{NORMALIZER_VERSION}): re-reading every file",
            ix.manifest.normalizer
        ));
    } else if ix.manifest.entities != entities.fingerprint() {
        // Also on an empty index: the run must save the lists it was given.
        force = true;
        if !ix.manifest.files.is_empty() {
            notes.push(
                "the entity lists or the entity tagger changed since the last run: re-reading every file"
                    .into(),
            );
        }
    }
    // Killed between a commit and the manifest that goes with it: the index
    // may hold documents of files the manifest does not list.
    let recover = ix.committed() != ix.manifest.commit;
    if recover {
        notes.push(
            "the last index run was interrupted: checking the index against its files".into(),
        );
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

    if !gone.is_empty() || !todo.is_empty() || force || recover {
        progress.start(todo.len() as u64, todo.iter().map(|(_, st)| st.size).sum());
        let run = Run {
            force,
            recover,
            max_size: opts.max_file_size,
            entities: &entities,
            threads: match opts.threads {
                0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
                n => n,
            },
            memory: opts.memory,
            commit_docs: opts.commit_docs.max(1),
            commit_every: opts.commit_every,
            progress,
        };
        let applied = apply::apply(&mut ix, gone, todo, &run, &mut report);
        let _ = std::fs::remove_file(ix.dir.join(crate::index::HOLDER_FILE));
        progress.finish();
        applied?;
    }
    report.documents = ix.reader()?.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
