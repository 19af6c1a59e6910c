//! Finding article files under the PATHs a user gives: walkdir, sorted for
//! determinism, hidden files and directories and the index itself skipped,
//! files pundit cannot read counted but not reported one by one, and files
//! matching a `.punditignore` in their folder or above left out.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

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

const UNSUPPORTED: &str =
    "unsupported file type (pundit reads .txt, .md, .html, .htm, .json, .jsonl)";

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

/// Name of the per-folder ignore file.
pub const IGNORE_FILE: &str = ".punditignore";

/// The patterns of one `.punditignore`: globs matched against paths
/// relative to its folder (`README.md`, `drafts/**`, `*.bak.txt`). Blank
/// lines and lines starting with `#` are skipped.
struct Ignore {
    dir: PathBuf,
    set: GlobSet,
}

fn load_ignore(dir: &Path, out: &mut Walked) -> Option<Ignore> {
    let file = dir.join(IGNORE_FILE);
    let text = std::fs::read_to_string(&file).ok()?;
    let mut b = GlobSetBuilder::new();
    for (n, line) in text.lines().enumerate() {
        let pat = line.trim();
        if pat.is_empty() || pat.starts_with('#') {
            continue;
        }
        // A bare name matches at any depth, as in .gitignore.
        let pat = pat.trim_start_matches('/');
        let full = if line.trim().starts_with('/') || pat.contains('/') {
            pat.to_string()
        } else {
            format!("**/{pat}")
        };
        match Glob::new(&full) {
            Ok(g) => {
                b.add(g);
            }
            Err(e) => out
                .errors
                .push((file.clone(), format!("line {}: bad pattern: {e}", n + 1))),
        }
    }
    Some(Ignore {
        dir: dir.to_path_buf(),
        set: b.build().ok()?,
    })
}

/// Walks `root` (a file or a directory), skipping `exclude` (the index).
pub fn walk(root: &Path, exclude: &Path, out: &mut Walked) {
    let mut ignores: Vec<Ignore> = Vec::new();
    // Ignore files in the root's ancestors apply too.
    for dir in root
        .ancestors()
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        ignores.extend(load_ignore(dir, out));
    }
    let mut it = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let e = match entry {
            Ok(e) => e,
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
                continue;
            }
        };
        // Leaving a folder drops its ignore file.
        ignores.retain(|ig| e.path().starts_with(&ig.dir) || root.starts_with(&ig.dir));
        let skip = e.depth() > 0
            && (hidden(e.file_name())
                || e.path() == exclude
                || ignores.iter().any(|ig| {
                    e.path()
                        .strip_prefix(&ig.dir)
                        .is_ok_and(|rel| ig.set.is_match(rel))
                }));
        if skip {
            if e.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if e.file_type().is_dir() {
            ignores.extend(load_ignore(e.path(), out));
        } else if e.file_type().is_file() {
            if Format::from_path(e.path()).is_some() {
                out.files.push(e.into_path());
            } else if e.depth() == 0 {
                // A file named on the command line is worth a word.
                out.errors.push((e.into_path(), UNSUPPORTED.to_string()));
            } else {
                out.ignored += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_files_hidden_entries_and_unknown_types() {
        let tmp = tempfile::TempDir::new().unwrap();
        let root = tmp.path();
        for f in [
            "a.txt", "README.md", "keep/README.md", "drafts/x.md", "sub/b.html", "sub/c.bak.txt",
            ".hidden/d.txt", "e.pdf",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(IGNORE_FILE), "# comment\n/README.md\ndrafts/**\n").unwrap();
        std::fs::write(root.join("sub").join(IGNORE_FILE), "*.bak.txt\n").unwrap();
        let mut w = Walked::default();
        walk(root, &root.join(".pundit"), &mut w);
        let found: Vec<String> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, vec!["a.txt", "keep/README.md", "sub/b.html"]);
        assert_eq!(w.ignored, 1);
        assert!(w.errors.is_empty());
    }
}
