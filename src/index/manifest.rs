//! What the index holds, per file: size, modification time and content hash
//! (to skip unchanged files), and the ids of the documents the file yielded
//! (to find duplicates and to re-home a duplicate when its twin goes).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One indexed file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
    /// blake3 of the bytes.
    pub hash: String,
    /// Documents the file yielded, in file order.
    pub docs: Vec<DocEntry>,
    /// Why the file yielded nothing, when it did not (empty, binary…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Records of the file that were skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One document of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocEntry {
    /// Document id.
    pub id: String,
    /// False when the same document is indexed under another file.
    pub indexed: bool,
    /// When not indexed: the id of the indexed document it duplicates (its
    /// own id for an exact copy, another for a near-duplicate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dup_of: Option<String>,
    /// Publication date, to keep the earliest of several copies indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// SimHash of the body, for near-duplicate detection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<u64>,
}

/// The manifest of an index directory: a small header in `manifest.json`
/// (all a search needs) and the per-file records in `files.json` (read only
/// by commands that need them: a search on 100,000 files must not parse
/// them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Index format the index was built with.
    pub version: u32,
    /// Normalizer version the documents were made with.
    #[serde(default)]
    pub normalizer: u32,
    /// Number of the last commit this manifest matches (the index stores
    /// it as its commit payload).
    #[serde(default)]
    pub commit: u64,
    /// Fingerprint of the entity lists the documents were made with.
    #[serde(default)]
    pub entities: String,
    /// The entity files given to `index --entities`, used until others are
    /// given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity_files: Vec<std::path::PathBuf>,
    /// Files by absolute path (empty until [`Manifest::load_files`]).
    #[serde(skip)]
    pub files: BTreeMap<String, FileEntry>,
    /// Whether `files` holds `files.json`; only then is it saved.
    #[serde(skip)]
    files_loaded: bool,
}

/// The per-file records beside the manifest at `path`.
fn files_path(path: &Path) -> std::path::PathBuf {
    path.with_file_name("files.json")
}

/// Writes `bytes` to `path` atomically (a temporary file renamed over it).
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes).map_err(|e| Error::Io {
        path: tmp.clone(),
        error: e,
    })?;
    std::fs::rename(&tmp, path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        error: e,
    })
}

impl Manifest {
    /// Returns an empty manifest of the current version.
    pub fn new() -> Manifest {
        Manifest {
            version: super::schema::SCHEMA_VERSION,
            normalizer: super::schema::NORMALIZER_VERSION,
            commit: 0,
            entities: String::new(),
            entity_files: Vec::new(),
            files: BTreeMap::new(),
            files_loaded: true,
        }
    }

    /// Reads the per-file records (`files.json` beside the manifest at
    /// `path`); a missing file means none.
    pub fn load_files(&mut self, path: &Path) -> Result<()> {
        if self.files_loaded {
            return Ok(());
        }
        let path = files_path(path);
        self.files = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::index(
                    &path,
                    format!("files.json is damaged ({e}); run `pundit index --rebuild PATH…`"),
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(Error::Io { path, error: e }),
        };
        self.files_loaded = true;
        Ok(())
    }

    /// Loads the manifest at `path`, or `None` if there is none.
    pub fn load(path: &Path) -> Result<Option<Manifest>> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                Error::index(
                    path,
                    format!(
                        "manifest.json is not a readable pundit manifest ({e}); if this is a pundit \
                         index, delete the directory and index again, otherwise choose another --index directory"
                    ),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Io {
                path: path.to_path_buf(),
                error: e,
            }),
        }
    }

    /// Writes the per-file records (when loaded), then the header, each
    /// atomically. The header goes last: its commit number says the
    /// records match the index.
    pub fn save(&self, path: &Path) -> Result<()> {
        if self.files_loaded {
            let files = serde_json::to_vec(&self.files).map_err(|e| Error::index(path, e))?;
            write_atomic(&files_path(path), &files)?;
        }
        let header = serde_json::to_vec(self).map_err(|e| Error::index(path, e))?;
        write_atomic(path, &header)
    }

    /// Returns the files holding copies of document `id` that are not
    /// indexed (exact copies and near-duplicates).
    pub fn copies_of(&self, id: &str) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, f)| {
                f.docs
                    .iter()
                    .any(|d| !d.indexed && d.dup_of.as_deref() == Some(id))
            })
            .map(|(p, _)| p.as_str())
            .collect()
    }

    /// Returns the file that holds the indexed copy of document `id`.
    pub fn owner(&self, id: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(_, f)| f.docs.iter().any(|d| d.indexed && d.id == id))
            .map(|(p, _)| p.as_str())
    }
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest::new()
    }
}
