//! The on-disk index: a tantivy index in `DIR/tantivy/` plus a manifest in
//! `DIR/manifest.json` (with the per-file records in `DIR/files.json`).
//! This module and `search` are the only ones that use tantivy.

pub mod lookup;
pub mod manifest;
pub mod schema;
mod stem;

use std::path::{Path, PathBuf};

use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DateTime, DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::entities::Extractor;
use crate::error::{Error, Result};
use crate::model::Document;
pub use manifest::Manifest;
pub use schema::Fields;

/// Default memory budget of the index writer, in bytes (all threads).
pub const WRITER_MEMORY: usize = 256 * 1024 * 1024;

/// tantivy's smallest memory budget per indexing thread.
const MIN_THREAD_MEMORY: usize = 16 * 1024 * 1024;

/// The file saying which process holds the index's writer.
pub const HOLDER_FILE: &str = "writer.pid";

/// An open pundit index.
pub struct PunditIndex {
    /// The index directory.
    pub dir: PathBuf,
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// Per-file bookkeeping.
    pub manifest: Manifest,
}

fn tantivy_err(dir: &Path) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
    move |e| Error::index(dir, e)
}

/// The entity list kept in an index directory, read when present.
pub const ENTITY_FILE: &str = "entities.tsv";

/// The entity files given to an earlier `index --entities` for the index in
/// `dir`, read from its manifest whatever the index's format (empty if
/// none).
pub fn remembered_entity_files(dir: &Path) -> Vec<PathBuf> {
    Manifest::load(&PunditIndex::manifest_path(dir))
        .ok()
        .flatten()
        .map(|m| m.entity_files)
        .unwrap_or_default()
}

/// The user's entity lists for an index in `dir`: its `entities.tsv` when
/// present, then `files`.
pub fn entity_lists(dir: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    let beside = dir.join(ENTITY_FILE);
    beside
        .is_file()
        .then_some(beside)
        .into_iter()
        .chain(files.iter().cloned())
        .collect()
}

impl PunditIndex {
    /// The extractor this index's documents were made with: the bundled
    /// gazetteer, `entities.tsv` beside the index, and the files given to
    /// `index --entities` (remembered in the manifest).
    pub fn extractor(&self) -> Result<Extractor> {
        let lists = self.entity_lists();
        Extractor::with_files(&lists.iter().map(PathBuf::as_path).collect::<Vec<_>>())
    }

    /// The user's entity lists this index uses.
    pub fn entity_lists(&self) -> Vec<PathBuf> {
        entity_lists(&self.dir, &self.manifest.entity_files)
    }

    fn manifest_path(dir: &Path) -> PathBuf {
        dir.join("manifest.json")
    }

    /// Opens the index in `dir` with its per-file records (for commands
    /// that list or change files); `Ok(None)` if there is none yet.
    pub fn open_with_files(dir: &Path) -> Result<Option<PunditIndex>> {
        let Some(mut ix) = Self::open(dir)? else {
            return Ok(None);
        };
        ix.manifest.load_files(&Self::manifest_path(dir))?;
        Ok(Some(ix))
    }

    /// Opens the index in `dir` for searching: without the per-file
    /// records, which a search does not need; `Ok(None)` if there is none
    /// yet.
    pub fn open(dir: &Path) -> Result<Option<PunditIndex>> {
        let Some(manifest) = Manifest::load(&Self::manifest_path(dir))? else {
            return Ok(None);
        };
        if manifest.version != schema::SCHEMA_VERSION {
            return Err(Error::FormatChanged {
                dir: dir.to_path_buf(),
                found: manifest.version,
                expected: schema::SCHEMA_VERSION,
            });
        }
        let index = Index::open_in_dir(dir.join("tantivy")).map_err(tantivy_err(dir))?;
        schema::register(&index);
        let (_, fields) = schema::build();
        Ok(Some(PunditIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            manifest,
        }))
    }

    /// Opens the index in `dir`, creating it if there is none. Refuses a
    /// non-empty directory that is not a pundit index (an `entities.tsv`
    /// alone is welcome).
    pub fn open_or_create(dir: &Path) -> Result<PunditIndex> {
        if let Some(ix) = Self::open_with_files(dir)? {
            return Ok(ix);
        }
        let io = |e| Error::Io {
            path: dir.to_path_buf(),
            error: e,
        };
        // The user's entities.tsv may wait there for the index (and stays
        // when it is rebuilt).
        let foreign = |entries: std::fs::ReadDir| {
            entries
                .filter_map(|e| e.ok())
                .any(|e| e.file_name() != ENTITY_FILE)
        };
        if dir.exists() && foreign(std::fs::read_dir(dir).map_err(io)?) {
            return Err(Error::index(
                dir,
                "exists and is not a pundit index (no manifest.json); choose another --index directory",
            ));
        }
        let tdir = dir.join("tantivy");
        std::fs::create_dir_all(&tdir).map_err(|e| Error::Io {
            path: tdir.clone(),
            error: e,
        })?;
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(&tdir, schema).map_err(tantivy_err(dir))?;
        schema::register(&index);
        let ix = PunditIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            manifest: Manifest::new(),
        };
        ix.save_manifest()?;
        Ok(ix)
    }

    /// Deletes the index in `dir`: its `tantivy/` folder and manifest, and
    /// only if the manifest is a pundit manifest. Refuses while another
    /// process writes to it.
    pub fn remove(dir: &Path) -> Result<()> {
        let Ok(Some(_)) = Manifest::load(&Self::manifest_path(dir)) else {
            return Ok(());
        };
        // Taking the writer lock first: never pull the index from under a
        // running `pundit index`.
        if let Ok(Some(ix)) = Self::open(dir) {
            drop(ix.writer()?);
        }
        let io = |p: PathBuf| move |e| Error::Io { path: p, error: e };
        let tdir = dir.join("tantivy");
        if tdir.exists() {
            std::fs::remove_dir_all(&tdir).map_err(io(tdir.clone()))?;
        }
        std::fs::remove_file(Self::manifest_path(dir)).map_err(io(Self::manifest_path(dir)))?;
        let _ = std::fs::remove_file(dir.join("files.json"));
        let _ = std::fs::remove_file(dir.join(HOLDER_FILE));
        let _ = std::fs::remove_dir(dir); // only if now empty
        Ok(())
    }

    /// Writes the manifest.
    pub fn save_manifest(&self) -> Result<()> {
        self.manifest.save(&Self::manifest_path(&self.dir))
    }

    /// Returns a writer; fails with a clear message if another process
    /// holds the index.
    pub fn writer(&self) -> Result<IndexWriter<TantivyDocument>> {
        self.writer_with(0, 0)
    }

    /// Returns a writer indexing on `threads` threads (0: one per core, at
    /// most 8) within `memory` bytes in all (0: the default budget).
    pub fn writer_with(
        &self,
        threads: usize,
        memory: usize,
    ) -> Result<IndexWriter<TantivyDocument>> {
        let threads = match threads {
            0 => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
            n => n,
        };
        let memory = if memory == 0 { WRITER_MEMORY } else { memory };
        // tantivy wants at least 15 MB per indexing thread.
        let threads = threads.min((memory / MIN_THREAD_MEMORY).max(1));
        let writer = self
            .index
            .writer_with_num_threads(threads, memory)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::Locked {
                    dir: self.dir.clone(),
                    holder: std::fs::read_to_string(self.dir.join(HOLDER_FILE))
                        .map(|h| format!(" ({})", h.trim()))
                        .unwrap_or_default(),
                },
                e => Error::index(&self.dir, e),
            })?;
        // Who holds the index, for the message a second writer gets.
        let _ = std::fs::write(
            self.dir.join(HOLDER_FILE),
            format!(
                "pid {} since {}",
                std::process::id(),
                chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
            ),
        );
        Ok(writer)
    }

    /// The paths of all files with documents in the last commit (from the
    /// path field's term dictionary: no document is read).
    pub fn indexed_paths(&self) -> Result<Vec<String>> {
        let reader = self.reader()?;
        let searcher = reader.searcher();
        let mut out = Vec::new();
        for seg in searcher.segment_readers() {
            let inverted = seg
                .inverted_index(self.fields.path)
                .map_err(tantivy_err(&self.dir))?;
            let mut terms = inverted.terms().stream().map_err(|error| Error::Io {
                path: self.dir.clone(),
                error,
            })?;
            while terms.advance() {
                if let Ok(p) = std::str::from_utf8(terms.key()) {
                    out.push(p.to_string());
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The commit number stored in the index's last commit (0 if none).
    pub fn committed(&self) -> u64 {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    /// Returns a reader on the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err(&self.dir))
    }

    /// Returns the tantivy document for `doc`.
    pub fn to_tantivy(&self, doc: &Document) -> TantivyDocument {
        to_tantivy(&self.fields, doc)
    }
}

/// Returns the tantivy document for `doc` (for threads that do not hold the
/// index).
pub fn to_tantivy(f: &Fields, doc: &Document) -> TantivyDocument {
    let mut t = TantivyDocument::new();
    t.add_text(f.id, &doc.id);
    t.add_text(f.path, &doc.path);
    for a in Path::new(&doc.path).ancestors() {
        let s = a.to_string_lossy();
        if !s.is_empty() {
            t.add_text(f.scope, s);
        }
    }
    t.add_text(f.title, &doc.title);
    t.add_text(f.body, &doc.body);
    for extra in doc
        .description
        .iter()
        .chain(&doc.tagline)
        .chain(&doc.pull_quotes)
    {
        t.add_text(f.body, extra);
    }
    for a in &doc.authors {
        t.add_text(f.author, a);
    }
    for e in &doc.entities {
        let mut keys = std::collections::BTreeSet::new();
        for name in std::iter::once(&e.name).chain(&e.forms) {
            keys.insert(schema::entity_key(name, None));
            keys.insert(schema::entity_key(name, Some(e.kind)));
        }
        for k in keys {
            t.add_text(f.entity_key, k);
        }
        t.add_facet(f.entity_facet, entity_facet(e));
    }
    if let Some(s) = &doc.source {
        t.add_text(f.source, s);
    }
    if let Some(d) = doc.date.as_deref().and_then(date_value) {
        t.add_date(f.date, d);
    }
    t.add_text(f.doc, serde_json::to_string(doc).unwrap_or_default());
    t
}

impl PunditIndex {
    /// Returns the term that deletes every document of the file at `path`.
    pub fn path_term(&self, path: &str) -> Term {
        Term::from_field_text(self.fields.path, path)
    }

    /// Reads the stored document at `addr`.
    pub fn stored(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<Document> {
        let t: TantivyDocument = searcher.doc(addr).map_err(tantivy_err(&self.dir))?;
        let json = t
            .get_first(self.fields.doc)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        serde_json::from_str(json)
            .map_err(|e| Error::index(&self.dir, format!("damaged stored document: {e}")))
    }

    /// Returns the total size of the index directory in bytes.
    pub fn size_bytes(&self) -> u64 {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}

/// The facet an entity is counted under: `/TYPE/Canonical name`.
pub fn entity_facet(e: &crate::model::Entity) -> tantivy::schema::Facet {
    tantivy::schema::Facet::from_path([e.kind.as_str(), e.name.as_str()])
}

/// Returns the index value of a `YYYY-MM-DD` date (midnight UTC).
pub fn date_value(date: &str) -> Option<DateTime> {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let secs = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    Some(DateTime::from_timestamp_secs(secs))
}
