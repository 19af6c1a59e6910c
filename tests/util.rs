//! Test harness: a `pundit` command, a shared index of the bundled corpus,
//! and throwaway copies of the corpus for tests that change files.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `pundit` command run from the repository root, with no inherited
/// index or colour settings.
pub fn pundit() -> Command {
    let mut c = Command::cargo_bin("pundit").expect("binary built");
    c.current_dir(root())
        .env_remove("PUNDIT_INDEX")
        .env_remove("NO_COLOR");
    c
}

/// An index of the bundled corpus, built once and shared by read-only tests.
pub fn shared_index() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        pundit()
            .arg("--index")
            .arg(dir.path().join("ix"))
            .args(["index", "--quiet", "corpus"])
            .assert()
            .success();
        dir
    })
    .path()
}

/// Runs `pundit --index <shared> search ARGS --format json` and returns the
/// parsed output.
pub fn search_json(args: &[&str]) -> Value {
    let out = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .arg("search")
        .args(args)
        .args(["--format", "json", "--limit", "100"])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "search {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("bad JSON for {args:?}: {e}"))
}

/// The ids of the hits of a search.
pub fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// A temporary directory holding a copy of the corpus at `corpus/`.
pub fn corpus_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&root().join("corpus"), &dir.path().join("corpus"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The characters `[start, end)` of `text`, counted in code points.
pub fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}
