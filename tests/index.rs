//! Building and updating the index: awkward files, duplicates, incremental
//! sync, and the quick start on a fresh folder.

use std::fs;

use serde_json::Value;

use crate::util::{corpus_copy, ids, pundit};

fn index_json(dir: &std::path::Path, extra: &[&str]) -> (Value, String, i32) {
    let out = pundit()
        .current_dir(dir)
        .args(["index", "corpus", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap(),
    )
}

fn search_ids(dir: &std::path::Path, q: &str) -> Vec<String> {
    let out = pundit()
        .current_dir(dir)
        .args(["search", q, "--format", "json", "--limit", "100"])
        .output()
        .unwrap();
    ids(&serde_json::from_slice(&out.stdout).unwrap())
}

/// The duplicates of an index summary whose path contains `part`.
fn duplicates_matching<'a>(v: &'a Value, part: &str) -> Vec<&'a Value> {
    v["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains(part))
        .collect()
}

fn skipped(v: &Value) -> Vec<(String, String)> {
    v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn awkward_files_are_reported_not_fatal() {
    let tmp = corpus_copy();
    let (v, stderr, code) = index_json(tmp.path(), &[]);
    assert_eq!(code, 0);
    let skipped = skipped(&v);
    assert!(
        skipped.contains(&("corpus/awkward/empty.txt".into(), "empty file".into())),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(&(
            "corpus/awkward/scan-of-article.txt".into(),
            "binary content, not text".into()
        )),
        "{skipped:?}"
    );
    assert!(
        stderr.contains("corpus/awkward/empty.txt: empty file"),
        "{stderr}"
    );
    // Every good file is searchable, the Windows-1252 one included.
    assert!(v["documents"].as_u64().unwrap() >= 40);
    let out = pundit()
        .current_dir(tmp.path())
        .args(["search", "Brunsbüttel Zürich", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("corpus/awkward/2023-10-02-gas-storage-winter-cp1252.txt")
    );
    // --strict turns skipped files into a failure; nothing is lost either way.
    let (_, _, code) = index_json(tmp.path(), &["--strict"]);
    assert_eq!(code, 2);
}

#[test]
fn a_duplicate_file_is_indexed_once() {
    let tmp = corpus_copy();
    let (v, _, _) = index_json(tmp.path(), &[]);
    let dups = duplicates_matching(&v, "limits-of-friendship");
    assert_eq!(dups.len(), 1, "{dups:?}");
    let hits = search_ids(tmp.path(), "\"There are limits to what Beijing will do\"");
    assert_eq!(hits.len(), 1);
    // Deleting the copy that is indexed brings the other one in.
    let owner = dups[0]["of"].as_str().unwrap();
    fs::remove_file(tmp.path().join(owner)).unwrap();
    let (v, _, _) = index_json(tmp.path(), &[]);
    assert_eq!(v["removed"], 1);
    assert_eq!(
        search_ids(tmp.path(), "\"There are limits to what Beijing will do\""),
        hits
    );
}

#[test]
fn incremental_sync_follows_changes() {
    let tmp = corpus_copy();
    let (first, _, _) = index_json(tmp.path(), &[]);
    let docs = first["documents"].as_u64().unwrap();
    let corpus = tmp.path().join("corpus");
    // Modify one file, delete one, add one.
    let changed = corpus.join("text/2022-10-05-over-aomori-again-hwasong-12.txt");
    let mut text = fs::read_to_string(&changed).unwrap();
    text = text.replacen(
        "At 7:22 on Tuesday morning", "At 7:22 on quokkaflux morning", 1,
    );
    fs::write(&changed, text).unwrap();
    fs::remove_file(corpus.join("markdown/red-sea-detours-shipping-costs.md")).unwrap();
    fs::write(corpus.join("text/new-note.txt"), "Baltic Notes\n\nBy Sofia Lindqvist\n\nThe zebrafjord pipeline reopened on Monday after repairs.\n").unwrap();
    assert_eq!(search_ids(tmp.path(), "quokkaflux").len(), 0);

    let (v, _, code) = index_json(tmp.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        (
            v["added"].as_u64(),
            v["updated"].as_u64(),
            v["removed"].as_u64()
        ),
        (Some(1), Some(1), Some(1)),
        "{v}"
    );
    assert_eq!(
        v["unchanged"].as_u64().unwrap(),
        first["added"].as_u64().unwrap() - 2
    );
    assert_eq!(v["documents"].as_u64().unwrap(), docs);
    assert_eq!(search_ids(tmp.path(), "quokkaflux").len(), 1);
    assert_eq!(search_ids(tmp.path(), "zebrafjord").len(), 1);
    assert_eq!(
        search_ids(tmp.path(), "\"Container traffic through the\"").len(),
        0
    );

    // Nothing changed: nothing is re-read.
    let (v, _, _) = index_json(tmp.path(), &[]);
    assert_eq!(
        (
            v["added"].as_u64(),
            v["updated"].as_u64(),
            v["removed"].as_u64()
        ),
        (Some(0), Some(0), Some(0))
    );
    // A touched but identical file is not re-indexed.
    let same = fs::read(&changed).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&changed, same).unwrap();
    let (v, _, _) = index_json(tmp.path(), &[]);
    assert_eq!(v["updated"], 0);
}

#[test]
fn quick_start_search_builds_the_index() {
    let tmp = corpus_copy();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["search", "\"no limits\"", "corpus", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("corpus/000_ec8f37e1091fcbbc.txt"),
        "{stdout}"
    );
    assert!(
        stdout.contains("China and Russia Bolster Their ‘**No Limits**’ Alliance"),
        "{stdout}"
    );
    assert!(
        stdout.contains("partnership has “**no limits**”"),
        "{stdout}"
    );
    assert!(tmp.path().join(".pundit/manifest.json").exists());
}

#[test]
fn paths_restrict_the_search() {
    let tmp = corpus_copy();
    let out = pundit()
        .current_dir(tmp.path())
        .args([
            "search", "russia", "corpus/html", "--format", "jsonl", "--limit", "100",
        ])
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 3);
    assert!(
        lines
            .iter()
            .all(|h| h["path"].as_str().unwrap().starts_with("corpus/html/"))
    );
    // The index built for corpus/html does not hold the other folders.
    let all = pundit()
        .current_dir(tmp.path())
        .args(["search", "russia", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(v["total"].as_u64().unwrap() as usize, lines.len());
}

#[test]
fn index_location_from_flag_and_environment() {
    let tmp = corpus_copy();
    pundit()
        .current_dir(tmp.path())
        .env("PUNDIT_INDEX", "elsewhere")
        .args(["index", "-q", "corpus/html"])
        .assert()
        .success();
    assert!(tmp.path().join("elsewhere/manifest.json").exists());
    assert!(!tmp.path().join(".pundit").exists());
    pundit()
        .current_dir(tmp.path())
        .args(["--index", "elsewhere", "search", "price"])
        .assert()
        .code(0);
    // A folder that is not a pundit index is never overwritten.
    fs::create_dir(tmp.path().join("notes")).unwrap();
    fs::write(tmp.path().join("notes/keep.txt"), "mine").unwrap();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["--index", "notes", "index", "corpus/html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a pundit index"));
    assert!(tmp.path().join("notes/keep.txt").exists());
}

#[test]
fn a_named_file_of_an_unknown_type_is_reported() {
    let tmp = corpus_copy();
    fs::write(tmp.path().join("notes.pdf"), "%PDF-1.4").unwrap();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["index", "notes.pdf", "corpus/html", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["skipped"][0]["path"], "notes.pdf");
    assert!(
        v["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("unsupported file type")
    );
    assert_eq!(v["added"], 10);
}

#[test]
fn a_missing_path_is_an_error() {
    let tmp = corpus_copy();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["index", "no-such-folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
}

#[test]
fn a_second_writer_fails_at_once_and_search_still_works() {
    let tmp = corpus_copy();
    pundit()
        .current_dir(tmp.path())
        .args(["index", "-q", "corpus"])
        .assert()
        .success();
    let ix = pundit::index::PunditIndex::open(&tmp.path().join(".pundit"))
        .unwrap()
        .unwrap();
    let _held = ix.writer().unwrap();
    fs::write(
        tmp.path().join("corpus/text/late.txt"),
        "Late Note\n\nA note about the walrusgate affair.\n",
    )
    .unwrap();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["index", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The message names the process that holds the index.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let holder = format!("another `pundit index` (pid {} since", std::process::id());
    assert!(
        stderr.contains(&holder) && stderr.contains("is writing"),
        "{stderr}"
    );
    let out = pundit()
        .current_dir(tmp.path())
        .args(["search", "\"no limits\"", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("searching its last commit"));
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_reason() {
    let tmp = corpus_copy();
    let big = tmp.path().join("corpus/text/huge.txt");
    fs::write(&big, format!("Huge\n\n{}", "word ".repeat(400_000))).unwrap();
    let (v, stderr, code) = index_json(tmp.path(), &["--max-file-size", "1"]);
    assert_eq!(code, 0);
    let reason = skipped(&v)
        .into_iter()
        .find(|(p, _)| p.ends_with("huge.txt"))
        .map(|(_, r)| r)
        .unwrap();
    assert!(
        reason.starts_with("file too large (1.9 MiB, limit 1.0 MiB"),
        "{reason}"
    );
    assert!(stderr.contains("huge.txt: file too large"));
    // Raising the limit indexes it.
    let (v, _, _) = index_json(tmp.path(), &["--max-file-size", "4"]);
    assert!(skipped(&v).iter().all(|(p, _)| !p.ends_with("huge.txt")));
    assert_eq!(v["added"], 1);
}

#[test]
fn a_changed_normalizer_or_format_is_handled_and_said() {
    let tmp = corpus_copy();
    let (first, _, _) = index_json(tmp.path(), &[]);
    let manifest = tmp.path().join(".pundit/manifest.json");
    let edit = |from: &str, to: &str| {
        let text = fs::read_to_string(&manifest).unwrap();
        assert!(text.contains(from), "{from} not in manifest");
        fs::write(&manifest, text.replacen(from, to, 1)).unwrap();
    };
    // Ingestion changed: every file is read again, and the run says why.
    let current = format!(
        "\"normalizer\":{}",
        pundit::index::schema::NORMALIZER_VERSION
    );
    edit(&current, "\"normalizer\":1");
    let (v, stderr, code) = index_json(tmp.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(v["updated"], first["added"]);
    assert!(stderr.contains("re-reading every file"), "{stderr}");
    assert!(v["notes"][0].as_str().unwrap().contains("normalizer v1"));
    // The index format changed: search cannot use it, index rebuilds it.
    let current = format!("\"version\":{}", pundit::index::schema::SCHEMA_VERSION);
    edit(&current, "\"version\":1");
    let out = pundit()
        .current_dir(tmp.path())
        .args(["search", "russia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("run `pundit index PATH…` to rebuild it")
    );
    let (v, stderr, _) = index_json(tmp.path(), &[]);
    assert!(stderr.contains("rebuilt the index"), "{stderr}");
    assert_eq!(v["documents"], first["documents"]);
}

#[test]
fn a_near_duplicate_from_another_site_is_one_document_with_both_paths() {
    let tmp = corpus_copy();
    let (v, _, _) = index_json(tmp.path(), &[]);
    // corpus/awkward/ holds the artillery op-ed republished two days later
    // by another outlet, with its own chrome and a caption.
    let dup = duplicates_matching(&v, "corpus/awkward/syndicated-arithmetic-of-artillery.html")
        .pop()
        .expect("near-duplicate reported");
    assert_eq!(
        dup["of"], "corpus/text/2023-02-15-the-arithmetic-of-artillery.txt",
        "the earlier publication is kept"
    );
    let phrase = "\"A year into the full-scale war\"";
    assert_eq!(search_ids(tmp.path(), phrase).len(), 1);
    let out = pundit()
        .current_dir(tmp.path())
        .args([
            "show",
            "corpus/awkward/syndicated-arithmetic-of-artillery.html",
        ])
        .output()
        .unwrap();
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        d["path"],
        "corpus/text/2023-02-15-the-arithmetic-of-artillery.txt"
    );
    assert_eq!(
        d["also_at"],
        serde_json::json!(["corpus/awkward/syndicated-arithmetic-of-artillery.html"])
    );
    // The original goes; the copy takes its place.
    fs::remove_file(
        tmp.path()
            .join("corpus/text/2023-02-15-the-arithmetic-of-artillery.txt"),
    )
    .unwrap();
    index_json(tmp.path(), &[]);
    let out = pundit()
        .current_dir(tmp.path())
        .args(["search", phrase, "--format", "jsonl"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("corpus/awkward/syndicated-arithmetic-of-artillery.html"));
}

#[test]
fn rebuild_never_deletes_a_folder_that_is_not_an_index() {
    let tmp = corpus_copy();
    let app = tmp.path().join("webapp");
    fs::create_dir_all(app.join("src")).unwrap();
    fs::write(app.join("manifest.json"), r#"{"name":"My App","icons":[]}"#).unwrap();
    fs::write(app.join("src/app.js"), "console.log(1)").unwrap();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["--index", "webapp", "index", "--rebuild", "corpus/html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a readable pundit manifest"));
    assert!(app.join("src/app.js").exists() && app.join("manifest.json").exists());
}

#[test]
fn a_dated_copy_is_preferred_to_an_undated_one() {
    let tmp = corpus_copy();
    let (v, _, _) = index_json(tmp.path(), &[]);
    let dup = duplicates_matching(&v, "(copy)").pop();
    assert_eq!(
        dup.expect("the undated copy is the duplicate")["of"],
        "corpus/text/2024-05-20-the-limits-of-friendship.txt"
    );
    let out = pundit()
        .current_dir(tmp.path())
        .args([
            "search", "\"There are limits to what Beijing\"", "--since", "2024-05", "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
