//! What a page's JSON-LD says about the article: schema.org `Article`
//! and kin, also inside `@graph`, with `@id` references resolved and
//! organisations kept out of the authors.

use scraper::Html;
use serde_json::Value;

use super::byline::clean_authors;
use crate::ingest::sel;

const ARTICLE_TYPES: &[&str] = &[
    "article", "newsarticle", "blogposting", "opinionnewsarticle", "reportagenewsarticle",
    "analysisnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report",
    "scholarlyarticle", "techarticle", "socialmediaposting", "liveblogposting", "posting",
    "webpage", "discussionforumposting", "review", "recipe", "medicalwebpage",
];

/// What the page's JSON-LD says.
#[derive(Debug, Default)]
pub(super) struct LdMeta {
    pub(super) headline: Option<String>,
    pub(super) authors: Vec<String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    pub(super) site: Option<String>,
    pub(super) url: Option<String>,
    pub(super) description: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) body: Option<String>,
}

fn types(n: &Value) -> Vec<String> {
    match n.get("@type") {
        Some(Value::String(t)) => vec![t.to_ascii_lowercase()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str())
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn json_ld(doc: &Html) -> LdMeta {
    let mut nodes = Vec::new();
    for script in doc.select(&sel("script[type='application/ld+json']")) {
        let raw: String = script.text().collect();
        let raw = raw.trim().trim_end_matches(';');
        // Pages often put raw line breaks and tabs inside JSON strings,
        // which JSON forbids; outside strings they are white space anyway.
        let parsed = serde_json::from_str::<Value>(raw)
            .or_else(|_| serde_json::from_str::<Value>(&raw.replace(['\n', '\r', '\t'], " ")));
        if let Ok(v) = parsed {
            flatten(v, &mut nodes, 0);
        }
    }
    let mut ld = LdMeta::default();
    // Prefer a real article type over WebPage.
    let article = nodes
        .iter()
        .find(|n| {
            types(n)
                .iter()
                .any(|t| ARTICLE_TYPES.contains(&t.as_str()) && t != "webpage")
        })
        .or_else(|| {
            nodes
                .iter()
                .find(|n| types(n).iter().any(|t| t == "webpage"))
        });
    let resolve = |v: &Value| -> Value {
        match v.get("@id").and_then(Value::as_str) {
            Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => nodes
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
                .cloned()
                .unwrap_or(v.clone()),
            _ => v.clone(),
        }
    };
    let site_node = nodes.iter().find(|n| {
        types(n)
            .iter()
            .any(|t| matches!(t.as_str(), "website" | "newsmediaorganization"))
    });
    ld.site = site_node
        .and_then(|n| n.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let Some(a) = article else { return ld };
    let s = |k: &str| {
        a.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let is_webpage = types(a).iter().all(|t| t == "webpage");
    ld.headline = if is_webpage {
        None
    } else {
        s("headline").or_else(|| s("name"))
    };
    ld.published = s("datePublished")
        .or_else(|| s("dateCreated"))
        .or_else(|| s("uploadDate"));
    ld.modified = s("dateModified");
    ld.description = s("description");
    ld.body = s("articleBody");
    ld.lang = s("inLanguage");
    ld.url = s("url").or_else(|| {
        a.get("mainEntityOfPage")
            .and_then(|p| p.get("@id").or(Some(p)))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    if let Some(au) = a.get("author").or(a.get("creator")) {
        let list = match au {
            Value::Array(xs) => xs.clone(),
            other => vec![other.clone()],
        };
        for x in list {
            let x = resolve(&x);
            // Organisations are not authors.
            if types(&x).iter().any(|t| t.contains("organization")) {
                continue;
            }
            let name = match &x {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(|n| match n {
                    Value::String(s) => Some(s.clone()),
                    Value::Array(a) => a.first().and_then(Value::as_str).map(str::to_string),
                    _ => None,
                }),
                _ => None,
            };
            if let Some(names) = name.as_deref().and_then(clean_authors) {
                for n in names {
                    if !ld.authors.contains(&n) {
                        ld.authors.push(n);
                    }
                }
            }
        }
    }
    if let Some(p) = a.get("publisher").map(resolve)
        && let Some(n) = p.get("name").and_then(Value::as_str)
    {
        ld.site = Some(n.to_string());
    }
    ld
}

/// Collects every object node of a JSON-LD value, descending into arrays
/// and `@graph` (depth-limited: JSON-LD is shallow, hostile input is not).
fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(xs) => xs.into_iter().for_each(|x| flatten(x, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten(g, out, depth + 1);
            }
            if !o.is_empty() {
                out.push(Value::Object(o));
            }
        }
        _ => {}
    }
}
