//! Entities: extraction quality against hand-annotated corpus articles, and
//! the CLI around them (filters by alias and type, `entities` counts,
//! user lists).

use std::collections::HashSet;
use std::path::Path;

use pundit::entities::Extractor;
use pundit::pipeline;
use serde_json::Value;

use crate::util::{pundit, root};

/// Lower case, straight apostrophes, single spaces.
fn norm(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every name a gold entity may be given: its name, its aliases, and the
/// gazetteer's canonical name for any of them.
fn gold_names(e: &Value, x: &Extractor) -> HashSet<String> {
    let mut names: Vec<String> = vec![e["name"].as_str().unwrap().to_string()];
    for a in e["aliases"].as_array().into_iter().flatten() {
        names.push(a.as_str().unwrap().to_string());
    }
    let mut out: HashSet<String> = names.iter().map(|n| norm(n)).collect();
    for n in &names {
        if let Some(k) = x.gazetteer().lookup_any_case(n) {
            out.insert(norm(&k.name));
        }
    }
    out
}

/// Precision, recall, articles and the misses of the extractor against a
/// gold file: a predicted entity is right when its name or a form matches a
/// gold entity's name or alias (or the gazetteer's name for one).
fn score(gold_file: &str) -> (f64, f64, usize, String) {
    let x = Extractor::bundled();
    let gold = std::fs::read_to_string(root().join(gold_file)).unwrap();
    let (mut tp_pred, mut n_pred, mut tp_gold, mut n_gold) = (0, 0, 0, 0);
    let mut report = String::new();
    let mut articles = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).unwrap();
        let path = root().join(g["path"].as_str().unwrap());
        let (docs, _) = pipeline::load_file(&path, u64::MAX, &x).unwrap();
        let doc = &docs[g["record"].as_u64().unwrap_or(0) as usize];
        assert_eq!(norm(&doc.title), norm(g["title"].as_str().unwrap()));
        articles += 1;
        let golds: Vec<HashSet<String>> = g["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| gold_names(e, &x))
            .collect();
        let mut found = vec![false; golds.len()];
        for e in &doc.entities {
            n_pred += 1;
            let names: HashSet<String> = std::iter::once(&e.name)
                .chain(&e.forms)
                .map(|n| norm(n))
                .collect();
            match golds.iter().position(|g| !g.is_disjoint(&names)) {
                Some(i) => {
                    tp_pred += 1;
                    found[i] = true;
                }
                None => report.push_str(&format!(
                    "  {}: extra {} {:?} {:?}\n",
                    g["path"],
                    e.kind.as_str(),
                    e.name,
                    e.forms
                )),
            }
        }
        for (i, ok) in found.iter().enumerate() {
            n_gold += 1;
            if *ok {
                tp_gold += 1;
            } else {
                report.push_str(&format!(
                    "  {}: missed {}\n",
                    g["path"], g["entities"][i]["name"]
                ));
            }
        }
    }
    let precision = tp_pred as f64 / n_pred.max(1) as f64;
    let recall = tp_gold as f64 / n_gold.max(1) as f64;
    eprintln!(
        "{gold_file}: {articles} articles, precision {precision:.3} ({tp_pred}/{n_pred}), recall {recall:.3} ({tp_gold}/{n_gold})\n{report}"
    );
    (precision, recall, articles, report)
}

#[test]
fn extractor_meets_precision_and_recall_on_the_gold_set() {
    let (precision, recall, articles, report) = score("tests/fixtures/entities-gold.jsonl");
    assert!(articles >= 20, "the gold set has {articles} articles");
    assert!(
        precision >= 0.90 && recall >= 0.85,
        "precision {precision:.3}, recall {recall:.3}\n{report}"
    );
}

/// Articles annotated after the extractor was tuned on the gold set, by a
/// different annotator: what to expect on unseen text.
#[test]
fn extractor_holds_up_on_held_out_articles() {
    let (precision, recall, articles, report) = score("tests/fixtures/entities-heldout.jsonl");
    assert!(articles >= 10);
    assert!(
        precision >= 0.85 && recall >= 0.80,
        "precision {precision:.3}, recall {recall:.3}\n{report}"
    );
}

#[test]
fn seed_article_names_what_the_issue_lists_and_no_junk() {
    let out = pundit()
        .args(["inspect", "corpus/000_ec8f37e1091fcbbc.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ents = doc["entities"].as_array().unwrap();
    let names: Vec<&str> = ents.iter().map(|e| e["name"].as_str().unwrap()).collect();
    for want in [
        "China",
        "Russia",
        "United States",
        "Japan",
        "South Korea",
        "Ukraine",
        "Taiwan",
        "North Korea",
        "Alaska",
        "Xi Jinping",
        "Vladimir Putin",
        "Iskander-M",
        "Tu-95",
        "Type 096",
        "BeiDou",
        "GLONASS",
        "South China Sea",
        "Center for Strategic and International Studies",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    for junk in [
        "Comments", "Popular", "Mr", "The", "But", "Instead", "Chinese leaders",
    ] {
        let bad = ents
            .iter()
            .any(|e| e["name"] == junk || e["forms"].as_array().unwrap().iter().any(|f| f == junk));
        assert!(!bad, "{junk} is listed as an entity");
    }
    // Every entity carries a type, a count and the forms that were merged.
    let putin = ents.iter().find(|e| e["name"] == "Vladimir Putin").unwrap();
    assert_eq!(putin["type"], "PERSON");
    let forms: Vec<&str> = putin["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        forms.contains(&"Putin") && forms.contains(&"Vladimir Putin"),
        "{forms:?}"
    );
    assert!(putin["count"].as_u64().unwrap() >= forms.len() as u64);
}

fn index_corpus(dir: &Path, extra: &[&str]) {
    let mut cmd = pundit();
    cmd.arg("--index")
        .arg(dir)
        .args(["index", "--quiet", "corpus"]);
    cmd.args(extra);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs `pundit index corpus` again on the index `ix`.
fn reindex(ix: &Path) -> std::process::Output {
    pundit()
        .arg("--index")
        .arg(ix)
        .args(["index", "corpus"])
        .output()
        .unwrap()
}

/// How many documents of the index mention the entity `name`.
fn mentioning(ix: &Path, name: &str) -> u64 {
    let mut c = pundit();
    c.arg("--index").arg(ix).args([
        "search", "the OR a OR of", "--entity", name, "--format", "json",
    ]);
    json(&mut c)["total"].as_u64().unwrap()
}

fn hit_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn entity_filters_match_aliases_and_types_and_counts_use_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    index_corpus(&ix, &[]);
    let search = |args: &[&str]| {
        let mut c = pundit();
        c.arg("--index").arg(&ix).arg("search");
        c.args(args).args(["--format", "json", "-n", "100"]);
        json(&mut c)
    };
    // An alias finds the same documents as the canonical name.
    let by_name = search(&["sanctions", "--entity", "Vladimir Putin"]);
    let by_alias = search(&["sanctions", "--entity", "putin"]);
    assert!(by_name["total"].as_u64().unwrap() > 0);
    assert_eq!(hit_ids(&by_name), hit_ids(&by_alias));
    let in_query = search(&["sanctions AND entity:Putin"]);
    assert_eq!(hit_ids(&by_name), hit_ids(&in_query));
    // Typed: Putin is a person, not a place.
    let typed = search(&["sanctions", "--entity", "PERSON:Putin"]);
    assert_eq!(hit_ids(&by_name), hit_ids(&typed));
    let wrong = search(&["sanctions entity:PLACE:Putin"]);
    assert_eq!(wrong["total"], 0);
    // Every hit for an entity lists it.
    for h in by_name["hits"].as_array().unwrap() {
        assert!(
            h["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["name"] == "Vladimir Putin")
        );
    }

    // Counts: documents per entity, most first, equal to what search finds.
    let mut c = pundit();
    c.arg("--index")
        .arg(&ix)
        .args(["entities", "", "--top", "5", "--format", "json"]);
    let counts = json(&mut c);
    let ents = counts["entities"].as_array().unwrap();
    assert_eq!(ents.len(), 5);
    let docs: Vec<u64> = ents
        .iter()
        .map(|e| e["documents"].as_u64().unwrap())
        .collect();
    assert!(docs.windows(2).all(|w| w[0] >= w[1]), "{docs:?}");
    let top = ents[0]["name"].as_str().unwrap();
    assert_eq!(mentioning(&ix, top), ents[0]["documents"]);

    // Co-occurrence: documents mentioning both, the entity itself left out.
    let mut c = pundit();
    c.arg("--index").arg(&ix).args([
        "entities", "", "--with", "Putin", "--type", "PLACE", "--format", "json",
    ]);
    let with = json(&mut c);
    assert_eq!(with["with"], "Putin");
    let first = &with["entities"][0];
    assert_eq!(first["type"], "PLACE");
    assert!(
        with["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["name"] != "Vladimir Putin")
    );
    let mut c = pundit();
    c.arg("--index").arg(&ix).args([
        "search",
        "the OR a OR of",
        "--entity",
        "Vladimir Putin",
        "--entity",
        first["name"].as_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(json(&mut c)["total"], first["documents"]);

    // CSV has a header and one row per entity.
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["entities", "", "--top", "3", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().next(), Some("name,type,documents"));
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn a_user_list_adds_entities_and_ignores_names_and_changes_re_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let list = tmp.path().join("mine.tsv");
    // The bundled lists know neither the prefecture nor its bare name.
    std::fs::write(&list, "Aomori Prefecture\tPLACE\tAomori\nArctic\tIGNORE\n").unwrap();
    index_corpus(&ix, &["--entities", list.to_str().unwrap()]);
    let count = |name: &str| mentioning(&ix, name);
    assert_eq!(count("Arctic"), 0, "an ignored name is not an entity");
    assert!(count("aomori") > 0, "an alias of a user entity finds it");
    assert_eq!(count("aomori"), count("Aomori Prefecture"));
    // The list is remembered: a later run without --entities keeps it, and
    // an edit to it re-reads every file.
    std::fs::write(&list, "Aomori Prefecture\tPLACE\tAomori\n").unwrap();
    let out = reindex(&ix);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("entity lists changed"), "{stderr}");
    assert!(count("Arctic") > 0);

    // A bad line names the file and the line.
    std::fs::write(&list, "Aomori Prefecture\tPREFECTURE\n").unwrap();
    let out = reindex(&ix);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mine.tsv:1") && stderr.contains("PREFECTURE"),
        "{stderr}"
    );
}

#[test]
fn an_entities_file_in_the_index_directory_is_read_by_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    index_corpus(&ix, &[]);
    let arctic = || mentioning(&ix, "Arctic");
    assert!(arctic() > 0);
    std::fs::write(ix.join("entities.tsv"), "Arctic\tIGNORE\n").unwrap();
    let out = reindex(&ix);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("entity lists changed"));
    assert_eq!(arctic(), 0);
    // It survives a rebuild, and a new index can start from it.
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["index", "--rebuild", "corpus"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(arctic(), 0);
    // inspect reads it too.
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args([
            "inspect",
            "corpus/html/northgate-arctic-china-russia-northern-sea-route.htm",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["name"] != "Arctic")
    );
}

#[test]
fn remembered_lists_survive_a_rebuild_and_a_deleted_one_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let list = tmp.path().join("mine.tsv");
    std::fs::write(&list, "Arctic\tIGNORE\n").unwrap();
    index_corpus(&ix, &["--entities", list.to_str().unwrap()]);
    let arctic = || mentioning(&ix, "Arctic");
    assert_eq!(arctic(), 0);
    index_corpus(&ix, &["--rebuild"]);
    assert_eq!(arctic(), 0, "--rebuild keeps the remembered list");
    std::fs::remove_file(&list).unwrap();
    let out = reindex(&ix);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is gone: indexing without it"));
    assert!(arctic() > 0);
    // Nonsense is refused with a message, not a panic or a silent nothing.
    for args in [
        &["entities", "", "--top", "0"][..],
        &["entities", "", "--top", "18446744073709551615"],
        &["search", "arctic", "--entity", "PERSON:"],
    ] {
        let out = pundit()
            .arg("--index")
            .arg(&ix)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}
