//! Faults during indexing: a run killed with SIGKILL, files that vanish,
//! an index directory that cannot be written.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::pundit;

/// Writes `n` distinct short articles (one document each) under `dir`.
fn write_articles(dir: &Path, n: usize) {
    const WORDS: &[&str] = &[
        "alliance", "deterrence", "tariff", "sanctions", "frigate", "pipeline", "election",
        "border", "treaty", "drone", "missile", "summit", "ceasefire", "convoy", "reactor",
        "corridor", "grain", "shipyard", "satellite", "garrison", "refinery", "strait",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 500));
        std::fs::create_dir_all(&sub).unwrap();
        let mut body = String::new();
        for _ in 0..6 {
            for _ in 0..14 {
                body.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
                body.push(' ');
            }
            body.push_str(&format!("item{}.\n\n", next() % 1_000_000));
        }
        std::fs::write(
            sub.join(format!("note-{i}.txt")),
            format!("Field note {i}\n\n{body}"),
        )
        .unwrap();
    }
}

/// Runs `pundit index --format json` on `corpus` into `ix`.
fn update(ix: &Path, corpus: &Path) -> std::process::Output {
    pundit()
        .arg("--index")
        .arg(ix)
        .args(["index", "--format", "json"])
        .arg(corpus)
        .output()
        .unwrap()
}

/// Indexes `corpus` into `ix` and expects success.
fn build(ix: &Path, corpus: &Path) {
    pundit()
        .arg("--index")
        .arg(ix)
        .args(["index", "--quiet"])
        .arg(corpus)
        .assert()
        .success();
}

fn documents(ix: &Path) -> u64 {
    let out = pundit()
        .arg("--index")
        .arg(ix)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["documents"].as_u64().unwrap()
}

fn commits(ix: &Path) -> u64 {
    std::fs::read(ix.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|m| m["commit"].as_u64())
        .unwrap_or(0)
}

/// Starts `pundit index` on `corpus` (one thread, a commit every 100
/// documents) and returns once it has committed for the first time.
fn index_until_first_commit(ix: &Path, corpus: &Path, json: bool) -> std::process::Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pundit"));
    cmd.arg("--index")
        .arg(ix)
        .args(["index", "--quiet", "--threads", "1", "--commit-docs", "100"])
        .args(if json { &["--format", "json"][..] } else { &[] })
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while commits(ix) < 1 {
        assert!(Instant::now() < deadline, "no commit within two minutes");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run finished before its first commit was seen"
    );
    child
}

#[test]
fn a_run_killed_after_a_commit_resumes_to_the_same_index() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, 2500);
    let ix = tmp.path().join("ix");
    let mut child = index_until_first_commit(&ix, &corpus, false);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // The index opens at its last commit and search works.
    let committed = documents(&ix);
    assert!((100..2500).contains(&committed), "{committed}");
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "treaty", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));

    // The next run completes to exactly what a clean build gives.
    let out = update(&ix, &corpus);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean = tmp.path().join("clean");
    build(&clean, &corpus);
    assert_eq!(documents(&clean), 2500);
    assert_eq!(documents(&ix), 2500);
    // And a search finds each article once.
    let hits = |ix: &Path| {
        let out = pundit()
            .arg("--index")
            .arg(ix)
            .args(["search", "\"Field note 2499\"", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["total"].clone()
    };
    assert_eq!(hits(&ix), 1);
    assert_eq!(hits(&ix), hits(&clean));
}

#[test]
fn files_that_vanish_during_a_run_are_reported_and_the_rest_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, 2500);
    let ix = tmp.path().join("ix");
    let child = index_until_first_commit(&ix, &corpus, true);
    // The last folder goes while the run is busy with the first.
    std::fs::remove_dir_all(corpus.join("004")).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 2000);
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 500, "{:?}", &skipped[..3.min(skipped.len())]);
    assert!(skipped.iter().all(|p| {
        p["reason"]
            .as_str()
            .unwrap()
            .contains("vanished before it could be read")
    }));
    // They are not remembered: the next run has nothing to say.
    let out = update(&ix, &corpus);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["skipped"].as_array().unwrap().len(), 0);
    assert_eq!(v["documents"], 2000);
}

#[test]
fn an_index_that_cannot_be_written_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, 2);
    // The index directory would have to live inside a regular file.
    let blocker = tmp.path().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let out = pundit()
        .arg("--index")
        .arg(blocker.join("ix"))
        .args(["index"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not-a-dir"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_manifest_behind_its_index_is_reconciled_without_duplicates() {
    // What a kill between a commit and the manifest save leaves behind: the
    // index has a file's documents, the manifest does not list the file.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, 3);
    let ix = tmp.path().join("ix");
    build(&ix, &corpus);
    let edit = |name: &str, change: &dyn Fn(&mut Value)| {
        let path = ix.join(name);
        let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        change(&mut v);
        std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    };
    let first = std::cell::RefCell::new(String::new());
    edit("files.json", &|files| {
        let files = files.as_object_mut().unwrap();
        let key = files.keys().next().unwrap().clone();
        files.remove(&key);
        *first.borrow_mut() = key;
    });
    edit("manifest.json", &|m| {
        m["commit"] = (m["commit"].as_u64().unwrap() - 1).into();
    });
    let first = first.into_inner();

    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["index"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    assert_eq!(documents(&ix), 3);
    let note = std::path::Path::new(&first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .replace("note-", "Field note ");
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", &format!("\"{note}\""), "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1, "{note}");
}
