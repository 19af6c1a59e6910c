//! `inspect`, `show` and `stats`: what pundit made of a file.

use serde_json::Value;

use crate::util::{pundit, shared_index};

fn inspect(path: &str) -> Vec<Value> {
    let out = pundit().args(["inspect", path]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::Deserializer::from_str(&text)
        .into_iter::<Value>()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_seed_article() {
    let d = &inspect("corpus/000_ec8f37e1091fcbbc.txt")[0];
    assert_eq!(
        d["title"],
        "China and Russia Bolster Their ‘No Limits’ Alliance"
    );
    assert_eq!(d["authors"], serde_json::json!(["Jones"]));
    assert!(
        d["affiliation"]
            .as_str()
            .unwrap()
            .contains("Center for Strategic and International Studies")
    );
    let body = d["body"].as_str().unwrap();
    assert!(body.starts_with("China and Russia are deepening"));
    assert!(
        body.contains("They have also conducted numerous training missions"),
        "pull-quote lifted out of the sentence"
    );
    assert!(
        body.contains("Asia, Europe, the Middle East"),
        "split paragraph rejoined"
    );
    assert!(!body.contains("Popular posts") && !body.ends_with("Comments"));
    assert!(
        !body.contains("Mr. Jones is president"),
        "tagline kept out of the body"
    );
    assert!(!body.contains('\u{a0}'));
    assert_eq!(
        d["pull_quotes"][0],
        "Xi and Putin have their differences, but they are united in their desire to weaken America."
    );
    let names: Vec<&str> = d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    for n in [
        "China", "Russia", "United States", "Japan", "Ukraine", "Xi Jinping", "Vladimir Putin",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
}

#[test]
fn html_metadata_and_clean_body() {
    let d = &inspect("corpus/html/harbor-taiwan-strategic-ambiguity.html")[0];
    assert_eq!(
        d["title"],
        "Strategic Ambiguity Is Not a Strategy If Nobody Believes It"
    );
    assert_eq!(
        d["authors"],
        serde_json::json!(["Eleanor Vance", "Kenji Arakawa"])
    );
    assert_eq!(d["date"], "2025-04-09");
    assert_eq!(d["source"], "The Harbor Review");
    assert_eq!(d["lang"], "en");
    let body = d["body"].as_str().unwrap();
    for junk in [
        "Hormuz", "Accept all", "Kinmen", "All rights reserved", "Advertisement",
    ] {
        assert!(!body.contains(junk), "{junk} in body");
    }
    // A page with no JSON-LD, no <article>: byline and <time>.
    let d = &inspect("corpus/html/meridian-china-russia-alignment-boundaries.html")[0];
    assert_eq!(d["authors"], serde_json::json!(["Catherine Moreau"]));
    assert_eq!(d["date"], "2023-04-11");
    assert!(!d["body"].as_str().unwrap().contains("Bundestag"));
}

#[test]
fn json_lines_print_one_document_per_line() {
    let out = pundit()
        .args(["inspect", "corpus/exports/feed-2023.jsonl"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0]["authors"], serde_json::json!(["Hannah Brandt"]));
    assert_eq!(docs[0]["date"], "2023-10-20");
    assert_eq!(docs[3]["record"], 4);
}

#[test]
fn windows_1252_text_is_decoded() {
    let d = &inspect("corpus/awkward/2023-10-02-gas-storage-winter-cp1252.txt")[0];
    let body = d["body"].as_str().unwrap();
    assert!(
        body.contains("Zürich") && body.contains('€') && body.contains('’'),
        "{body}"
    );
    assert!(!body.contains('\u{fffd}'));
}

#[test]
fn broken_files_name_the_file_and_position() {
    let out = pundit()
        .args(["inspect", "tests/fixtures/broken.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/fixtures/broken.json") && err.contains("line 4"),
        "{err}"
    );
    // One bad line in a JSON Lines file loses only that line.
    let out = pundit()
        .args(["inspect", "tests/fixtures/one-bad-line.jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let tmp = tempfile::TempDir::new().unwrap();
    let fixture = crate::util::root().join("tests/fixtures/escapes.txt");
    pundit()
        .current_dir(tmp.path())
        .arg("index")
        .arg(&fixture)
        .assert()
        .success();
    let out = pundit()
        .current_dir(tmp.path())
        .args(["search", "terminal", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Escape Artists") && !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

#[test]
fn show_by_id_and_path() {
    let ix = shared_index().join("ix");
    let by_path = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["show", "corpus/000_ec8f37e1091fcbbc.txt"])
        .output()
        .unwrap();
    assert!(by_path.status.success());
    let d: Value = serde_json::from_slice(&by_path.stdout).unwrap();
    let id = d["id"].as_str().unwrap();
    let by_id = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["show", id])
        .output()
        .unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&by_id.stdout).unwrap(), d);
    let text = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["show", id, "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("China and Russia Bolster") && text.contains("training missions"));
    let rec = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["show", "corpus/exports/feed-2023.jsonl#2"])
        .output()
        .unwrap();
    let d: Value = serde_json::from_slice(&rec.stdout).unwrap();
    assert_eq!(d["record"], 2);
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["show", "0000000000000000"])
        .assert()
        .code(2);
}

#[test]
fn stats_summarize_the_index() {
    let out = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(s["documents"].as_u64().unwrap() >= 41);
    assert!(s["authors"].as_u64().unwrap() >= 10);
    assert!(s["sources"].as_array().unwrap().len() >= 4);
    assert!(
        s["first_date"].as_str().unwrap() < "2022-12-31"
            && s["last_date"].as_str().unwrap() > "2025-01-01"
    );
    assert!(s["index_bytes"].as_u64().unwrap() > 0);
    assert!(
        s["top_entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "China")
    );
}

#[test]
fn hostile_inputs_fail_cleanly_and_fast() {
    let tmp = tempfile::TempDir::new().unwrap();
    let write = |name: &str, text: String| {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let started = std::time::Instant::now();
    // 100,000 levels of JSON nesting: a clear error, no stack overflow.
    let deep = write(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let out = pundit().arg("inspect").arg(&deep).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("deep.json") && err.contains("recursion limit"),
        "{err}"
    );
    // The same in one line of a JSON Lines file: the other line survives.
    let lines = write(
        "deep.jsonl",
        format!(
            "{{\"title\":\"Fine\",\"text\":\"A good record.\"}}\n{}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    let out = pundit().arg("inspect").arg(&lines).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    // 100,000 nested elements in a page: read as text, with a warning.
    let page = write(
        "deep.html",
        format!(
            "<html><body>{}<p>Deep text survives, with commas, at the bottom.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    let out = pundit().arg("inspect").arg(&page).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Deep text survives"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read as plain text"));
    // A 20 MB single line: over the default limit, skipped with the reason.
    let big = write("big.txt", format!("Title\n\n{}", "word ".repeat(4_000_000)));
    let out = pundit().arg("inspect").arg(&big).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("file too large"));
    assert!(started.elapsed().as_secs() < 60);
}
