//! The JSON and JSON Lines contract: exact field sets, types and meanings,
//! checked by strict deserialization (unknown fields fail).

use serde::Deserialize;

use crate::util::{pundit, shared_index, slice_chars};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Results {
    query: String,
    total: u64,
    took_ms: u64,
    hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hit {
    id: String,
    path: String,
    record: Option<u64>,
    title: String,
    title_highlights: Vec<[usize; 2]>,
    authors: Vec<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    entities: Vec<Entity>,
    score: f64,
    snippets: Vec<Snippet>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entity {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    count: u64,
    forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snippet {
    text: String,
    highlights: Vec<[usize; 2]>,
}

fn run(args: &[&str]) -> String {
    let out = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn check_hit(h: &Hit, word: &str) {
    assert_eq!(h.id.len(), 16);
    assert!(h.path.starts_with("corpus/"));
    assert!(h.score > 0.0);
    if let Some(d) = &h.date {
        assert!(
            d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
            "{d}"
        );
    }
    for e in &h.entities {
        assert!(!e.name.is_empty() && e.count >= 1);
        assert!(["PERSON", "ORG", "PLACE", "MISC"].contains(&e.kind.as_str()));
        assert!(!e.forms.is_empty() && e.forms.len() as u64 <= e.count);
    }
    assert!(!h.snippets.is_empty() && h.snippets.len() <= 3);
    let mut marked = 0;
    for s in &h.snippets {
        for &[a, b] in &s.highlights {
            assert!(a < b && b <= s.text.chars().count());
            assert_eq!(slice_chars(&s.text, a, b).to_lowercase(), word);
            marked += 1;
        }
    }
    for &[a, b] in &h.title_highlights {
        assert_eq!(slice_chars(&h.title, a, b).to_lowercase(), word);
    }
    assert!(marked > 0 || !h.title_highlights.is_empty());
}

#[test]
fn json_schema() {
    let r: Results = serde_json::from_str(&run(&["arctic", "--format", "json"])).unwrap();
    assert_eq!(r.query, "arctic");
    assert!(r.total >= r.hits.len() as u64 && !r.hits.is_empty());
    for h in &r.hits {
        check_hit(h, "arctic");
    }
}

#[test]
fn json_lines_schema() {
    let text = run(&["\"shadow fleet\"", "--format", "jsonl", "--limit", "3"]);
    let hits: Vec<Hit> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 3);
    for h in &hits {
        check_hit(h, "shadow fleet");
    }
}

#[test]
fn no_hits_is_an_empty_list() {
    let r: Results = serde_json::from_str(&run(&["zyzzyvaquux", "--format", "json"])).unwrap();
    assert_eq!((r.total, r.hits.len()), (0, 0));
    assert_eq!(run(&["zyzzyvaquux", "--format", "jsonl"]), "");
}
