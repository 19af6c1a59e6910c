//! Finding article files under the PATHs a user gives: walkdir, sorted for
//! determinism, hidden files and directories and the index itself skipped,
//! files pundit cannot read counted but not reported one by one.

use std::path::{Path, PathBuf};

use crate::ingest::Format;

/// The files found under a set of roots.
#[derive(Debug, Default)]
pub struct Walked {
    /// Article files (absolute paths), sorted.
    pub files: Vec<PathBuf>,
    /// Files with extensions pundit does not read.
    pub ignored: usize,
    /// Directories or entries that could not be read: path and reason.
    pub errors: Vec<(PathBuf, String)>,
}

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

/// Walks `root` (a file or a directory), skipping `exclude` (the index).
pub fn walk(root: &Path, exclude: &Path, out: &mut Walked) {
    let it = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || (!hidden(e.file_name()) && e.path() != exclude));
    for entry in it {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if Format::from_path(e.path()).is_some() {
                    out.files.push(e.into_path());
                } else {
                    out.ignored += 1;
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let reason = err
                    .io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string());
                out.errors.push((path, reason));
            }
        }
    }
}

/// Returns `path` for display: relative to the current directory when it is
/// below it, else as is.
pub fn display_path(path: &str) -> String {
    let p = Path::new(path);
    match std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
    {
        Some(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => path.to_string(),
    }
}

/// Returns the absolute, canonical form of a user-given path.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    std::fs::canonicalize(path)
}
