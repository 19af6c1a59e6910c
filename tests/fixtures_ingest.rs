//! Every fixture under `tests/fixtures/ingest/` against its
//! `<name>.expected.json`: what `pundit inspect` must make of the file.

use std::path::Path;

use serde_json::Value;

use crate::util::{pundit, root};

fn check(file: &Path, expected: &Value) -> Vec<String> {
    let out = pundit().arg("inspect").arg(file).output().unwrap();
    let mut problems = Vec::new();
    if let Some(err) = expected.get("error_contains").and_then(Value::as_str) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2)
            || !stderr.contains(err)
            || !stderr.contains(&*file.file_name().unwrap().to_string_lossy())
        {
            problems.push(format!(
                "expected exit 2 and an error naming the file and {err:?}, got {:?}: {stderr}",
                out.status.code()
            ));
        }
        return problems;
    }
    if !out.status.success() {
        return vec![format!(
            "inspect failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )];
    }
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let body = doc["body"].as_str().unwrap_or("");
    for key in ["title", "date", "source", "lang", "description"] {
        if let Some(want) = expected.get(key)
            && &doc[key] != want
        {
            problems.push(format!("{key}: want {want}, got {}", doc[key]));
        }
    }
    if let Some(want) = expected.get("authors")
        && &doc["authors"] != want
    {
        problems.push(format!("authors: want {want}, got {}", doc["authors"]));
    }
    let text_checks = [
        ("affiliation_contains", "affiliation"),
        ("tagline_contains", "tagline"),
    ];
    for (key, field) in text_checks {
        if let Some(want) = expected.get(key).and_then(Value::as_str)
            && !doc[field].as_str().unwrap_or("").contains(want)
        {
            problems.push(format!(
                "{field} should contain {want:?}, got {}",
                doc[field]
            ));
        }
    }
    for s in expected
        .get("body_contains")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = s.as_str().unwrap();
        if !body.contains(s) {
            problems.push(format!("body lacks {s:?}"));
        }
    }
    for s in expected
        .get("body_excludes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = s.as_str().unwrap();
        if body.contains(s) {
            problems.push(format!("body has {s:?}"));
        }
    }
    if let Some(s) = expected.get("body_starts_with").and_then(Value::as_str)
        && !body.starts_with(s)
    {
        problems.push(format!(
            "body should start with {s:?}, starts {:?}",
            body.chars().take(80).collect::<String>()
        ));
    }
    if let Some(s) = expected.get("body_ends_with").and_then(Value::as_str)
        && !body.ends_with(s)
    {
        problems.push(format!(
            "body should end with {s:?}, ends {:?}",
            body.chars()
                .rev()
                .take(80)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        ));
    }
    if let Some(want) = expected.get("pull_quotes")
        && &doc["pull_quotes"] != want
    {
        problems.push(format!(
            "pull_quotes: want {want}, got {}",
            doc["pull_quotes"]
        ));
    }
    problems
}

#[test]
fn every_fixture_meets_its_expectations() {
    let dir = root().join("tests/fixtures/ingest");
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".expected.json") else {
            continue;
        };
        let article = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_stem().is_some_and(|s| s == stem)
                    && !p.to_string_lossy().ends_with(".expected.json")
            })
            .unwrap_or_else(|| panic!("no article for {name}"));
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for p in check(&article, &expected) {
            failures.push(format!(
                "{}: {p}",
                article.file_name().unwrap().to_string_lossy()
            ));
        }
        checked += 1;
    }
    assert!(checked >= 17, "only {checked} fixtures");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
