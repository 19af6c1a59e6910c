//! JSON exports of scrapers and feeds: one article object, an array of
//! them, an object wrapping an array (`{"articles": […]}`), or JSON Lines.
//! Field names of common tools are accepted (news-please, trafilatura,
//! schema.org, feed readers).

use serde_json::{Map, Value};

use super::Ingested;
use crate::error::IngestErrorKind;
use crate::model::RawArticle;
use crate::normalize::text::paragraphs;

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "text", "body", "content", "maintext", "articleBody", "article", "full_text", "body_text",
    "raw_text",
];
const AUTHORS: &[&str] = &[
    "authors", "author", "byline", "creator", "creators", "writer",
];
const DATE: &[&str] = &[
    "date", "published", "date_publish", "datePublished", "published_at", "publishedAt", "pubDate",
    "date_published", "publish_date", "created_at",
];
const URL: &[&str] = &["url", "link", "canonical_url", "source_url", "href"];
const SOURCE: &[&str] = &[
    "source", "site", "source_domain", "publisher", "outlet", "site_name", "sitename",
    "publication", "hostname",
];
const LANG: &[&str] = &["language", "lang", "inLanguage"];
const DESCRIPTION: &[&str] = &["description", "summary", "dek", "subtitle", "excerpt"];
/// Keys under which exports wrap their list of articles.
const WRAPPERS: &[&str] = &[
    "articles", "items", "data", "results", "docs", "documents", "posts", "entries", "records",
];

/// Reads a `.json` file.
pub fn read(text: &str) -> Result<Ingested, IngestErrorKind> {
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    let records = records(value);
    let multi = records.len() != 1 || records.first().is_some_and(|(wrapped, _)| *wrapped);
    let mut out = Ingested::default();
    for (i, (_, rec)) in records.into_iter().enumerate() {
        let n = i + 1;
        match article(&rec) {
            Some(mut a) => {
                a.record = multi.then_some(n);
                out.articles.push(a);
            }
            None => out.warnings.push(format!(
                "record {n}: no article text (expected one of: {})",
                BODY.join(", ")
            )),
        }
    }
    if out.articles.is_empty() && out.warnings.is_empty() {
        return Err(IngestErrorKind::NoText);
    }
    Ok(out)
}

/// Reads a `.jsonl` file: one article per line; a bad line is a warning.
pub fn read_lines(text: &str) -> Result<Ingested, IngestErrorKind> {
    let mut out = Ingested::default();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(rec)) => match article(&rec) {
                Some(mut a) => {
                    a.record = Some(n);
                    out.articles.push(a);
                }
                None => out.warnings.push(format!("line {n}: no article text")),
            },
            Ok(_) => out.warnings.push(format!("line {n}: not a JSON object")),
            Err(e) => out.warnings.push(format!(
                "line {n}, column {}: invalid JSON: {}",
                e.column(),
                strip_position(&e)
            )),
        }
    }
    if out.articles.is_empty() && out.warnings.is_empty() {
        return Err(IngestErrorKind::Empty);
    }
    Ok(out)
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn json_error(e: serde_json::Error) -> IngestErrorKind {
    IngestErrorKind::Json {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e),
    }
}

/// The article objects in a parsed file; `true` when they came from an
/// array (so each has a record number).
fn records(value: Value) -> Vec<(bool, Map<String, Value>)> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(m) => Some((true, m)),
                _ => None,
            })
            .collect(),
        Value::Object(mut m) => {
            if BODY.iter().any(|k| m.contains_key(*k)) {
                return vec![(false, m)];
            }
            let key = WRAPPERS
                .iter()
                .find(|k| m.get(**k).is_some_and(Value::is_array))
                .map(|k| k.to_string())
                .or_else(|| m.iter().find(|(_, v)| v.is_array()).map(|(k, _)| k.clone()));
            match key.and_then(|k| m.remove(&k)) {
                Some(arr) => records(arr),
                None => vec![(false, m)],
            }
        }
        _ => Vec::new(),
    }
}

fn first<'a>(rec: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .find_map(|k| rec.get(*k).filter(|v| !v.is_null()))
}

/// A string, or the `name` of an object (schema.org style).
fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").and_then(as_string),
        Value::Array(a) => a.first().and_then(as_string),
        _ => None,
    }
}

fn as_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(as_string).collect(),
        other => as_string(other).into_iter().collect(),
    }
}

fn article(rec: &Map<String, Value>) -> Option<RawArticle> {
    let body = match first(rec, BODY)? {
        Value::String(s) => paragraphs(s),
        Value::Array(parts) => parts
            .iter()
            .filter_map(as_string)
            .flat_map(|p| paragraphs(&p))
            .collect(),
        _ => return None,
    };
    if body.is_empty() {
        return None;
    }
    Some(RawArticle {
        format: "json",
        title: first(rec, TITLE).and_then(as_string),
        description: first(rec, DESCRIPTION).and_then(as_string),
        authors: first(rec, AUTHORS).map(as_list).unwrap_or_default(),
        date: first(rec, DATE).and_then(as_string),
        source: first(rec, SOURCE).and_then(as_string),
        url: first(rec, URL).and_then(as_string),
        lang: first(rec, LANG).and_then(as_string),
        paragraphs: body,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let one = read(r#"{"headline":"H","maintext":"a\n\nb","authors":["X Y"],"date_publish":"2024-02-11 08:15:00"}"#).unwrap();
        assert_eq!(one.articles.len(), 1);
        assert_eq!(one.articles[0].record, None);
        assert_eq!(one.articles[0].paragraphs, vec!["a", "b"]);
        let arr = read(r#"[{"title":"A","text":"x"},{"title":"B","content":"y"},{"title":"C"}]"#)
            .unwrap();
        assert_eq!(arr.articles.len(), 2);
        assert_eq!(arr.articles[1].record, Some(2));
        assert_eq!(arr.warnings.len(), 1);
        let wrapped = read(
            r#"{"exported":"now","articles":[{"title":"A","text":"x","author":{"name":"N M"}}]}"#,
        )
        .unwrap();
        assert_eq!(wrapped.articles[0].authors, vec!["N M"]);
        assert_eq!(wrapped.articles[0].record, Some(1));
    }

    #[test]
    fn bad_json_names_the_position() {
        let e = read("{\n  \"title\": \"A\",\n  \"text\": oops\n}").unwrap_err();
        assert!(matches!(e, IngestErrorKind::Json { line: 3, .. }), "{e}");
    }

    #[test]
    fn bad_line_does_not_lose_the_others() {
        let out = read_lines(
            "{\"title\":\"A\",\"text\":\"x\"}\n{broken\n{\"title\":\"B\",\"body\":\"y\"}\n",
        )
        .unwrap();
        assert_eq!(out.articles.len(), 2);
        assert_eq!(out.articles[1].record, Some(3));
        assert!(out.warnings[0].starts_with("line 2"), "{:?}", out.warnings);
    }
}
