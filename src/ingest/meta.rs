//! Article metadata of an HTML page, in order of precedence: JSON-LD
//! (schema.org `Article` and kin, also inside `@graph`), OpenGraph and
//! `article:*` meta tags, Dublin Core and plain `name=author|date` tags,
//! `<time datetime>`, a visible byline, and a date in the URL path.

use scraper::{ElementRef, Html};

use super::sel;
use serde_json::Value;

use crate::normalize::author::{looks_like_name, parse_byline};

/// Metadata found on a page; every field optional.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline (site-name suffix not yet removed).
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Date as written.
    pub date: Option<String>,
    /// Site or outlet name.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Declared language.
    pub lang: Option<String>,
    /// `articleBody` from JSON-LD, a fallback when the page body yields
    /// nothing.
    pub article_body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "Posting",
];

fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    json_ld(doc, &mut m);
    let metas = meta_tags(doc);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| metas.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    };
    m.title = m
        .title
        .or_else(|| get(&["og:title", "twitter:title", "dc.title", "citation_title"]));
    if m.authors.is_empty() {
        let named = get(&[
            "author",
            "article:author",
            "dc.creator",
            "citation_author",
            "parsely-author",
            "sailthru.author",
            "byl",
        ]);
        if let Some(a) = named.filter(|a| !a.starts_with("http")) {
            m.authors = split_authors(&a);
        }
    }
    m.date = m.date.or_else(|| {
        get(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "dcterms.created",
            "citation_publication_date",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
            "published_time",
        ])
    });
    m.site = m.site.or_else(|| {
        get(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
        ])
    });
    m.description = m
        .description
        .or_else(|| get(&["og:description", "description", "twitter:description"]));
    m.url = m
        .url
        .or_else(|| {
            doc.select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.attr("href").map(str::to_string))
        })
        .or_else(|| get(&["og:url"]));
    m.lang = doc
        .select(&sel("html"))
        .next()
        .and_then(|h| h.attr("lang").or(h.attr("xml:lang")).map(str::to_string))
        .or(m.lang)
        .or_else(|| get(&["og:locale", "language", "content-language", "dc.language"]));
    if m.date.is_none() {
        m.date = doc
            .select(&sel(
                "[itemprop=datePublished], time[datetime], time[pubdate]",
            ))
            .find_map(|t| {
                t.attr("datetime")
                    .or(t.attr("content"))
                    .map(str::to_string)
                    .or_else(|| Some(text_of(t)))
            })
            .filter(|d| !d.is_empty());
    }
    if m.authors.is_empty() {
        m.authors = visible_byline(doc);
    }
    if m.date.is_none() {
        m.date = m.url.as_deref().and_then(date_in_url);
    }
    if m.title.is_none() {
        m.title = doc
            .select(&sel("h1"))
            .next()
            .map(text_of)
            .or_else(|| doc.select(&sel("title")).next().map(text_of))
            .filter(|t| !t.is_empty());
    }
    m
}

/// `(name, content)` of every `<meta>`, names lower-cased.
fn meta_tags(doc: &Html) -> Vec<(String, String)> {
    doc.select(&sel("meta[content]"))
        .filter_map(|e| {
            let name = e
                .attr("property")
                .or(e.attr("name"))
                .or(e.attr("itemprop"))?;
            let content = e.attr("content")?.trim();
            (!content.is_empty()).then(|| (name.to_ascii_lowercase(), content.to_string()))
        })
        .collect()
}

fn split_authors(s: &str) -> Vec<String> {
    match parse_byline(&format!("By {s}")) {
        Some(b) => b.names,
        None => vec![s.trim().to_string()],
    }
}

/// Visible bylines: `rel=author`, `itemprop=author`, `.byline`, `.author`.
fn visible_byline(doc: &Html) -> Vec<String> {
    let candidates = sel(
        "[rel=author], [itemprop=author], .byline, .author, .author-name, .by-author, [class*=byline], [class*=author-name]",
    );
    for e in doc.select(&candidates) {
        let t = text_of(e);
        if let Some(b) = parse_byline(&t) {
            return b.names;
        }
        if looks_like_name(&t) && t.split_whitespace().count() >= 2 {
            return vec![t];
        }
    }
    Vec::new()
}

/// `/2024/05/20/` in a URL path.
fn date_in_url(url: &str) -> Option<String> {
    let parts: Vec<&str> = url.split('/').collect();
    parts.windows(3).find_map(|w| {
        let ok = w[0].len() == 4
            && w[1].len() <= 2
            && w[2].len() <= 2
            && w.iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        ok.then(|| format!("{}-{:0>2}-{:0>2}", w[0], w[1], w[2]))
    })
}

fn json_ld(doc: &Html, m: &mut PageMeta) {
    let mut nodes = Vec::new();
    for script in doc.select(&sel("script[type='application/ld+json']")) {
        let raw: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
            flatten(v, &mut nodes);
        }
    }
    let is_type = |n: &Value, types: &[&str]| match n.get("@type") {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    };
    let Some(article) = nodes.iter().find(|n| is_type(n, ARTICLE_TYPES)) else {
        // A page with only a WebSite/Organization node still names the site.
        if let Some(site) = nodes
            .iter()
            .find(|n| is_type(n, &["WebSite", "Organization", "NewsMediaOrganization"]))
        {
            m.site = site.get("name").and_then(Value::as_str).map(str::to_string);
        }
        return;
    };
    let resolve = |v: &Value| -> Value {
        // `{"@id": "…"}` references another node of the graph.
        match v.get("@id").and_then(Value::as_str) {
            Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => nodes
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
                .cloned()
                .unwrap_or(v.clone()),
            _ => v.clone(),
        }
    };
    let s = |k: &str| {
        article
            .get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
    };
    m.title = s("headline").or_else(|| s("name"));
    m.date = s("datePublished")
        .or_else(|| s("dateCreated"))
        .or_else(|| s("uploadDate"));
    m.description = s("description");
    m.article_body = s("articleBody");
    m.lang = s("inLanguage");
    m.url = s("url").or_else(|| {
        article
            .get("mainEntityOfPage")
            .and_then(|p| p.get("@id").or(Some(p)))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    if let Some(a) = article.get("author").or(article.get("creator")) {
        let list = match a {
            Value::Array(xs) => xs.clone(),
            other => vec![other.clone()],
        };
        for x in list {
            let x = resolve(&x);
            let name = match &x {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            };
            if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
                m.authors.extend(split_authors(&n));
            }
        }
    }
    m.site = article
        .get("publisher")
        .map(resolve)
        .and_then(|p| p.get("name").and_then(Value::as_str).map(str::to_string))
        .or_else(|| {
            nodes
                .iter()
                .find(|n| is_type(n, &["WebSite", "NewsMediaOrganization"]))
                .and_then(|n| n.get("name").and_then(Value::as_str).map(str::to_string))
        });
}

/// Collects every object node of a JSON-LD value, descending into arrays
/// and `@graph`.
fn flatten(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(xs) => xs.into_iter().for_each(|x| flatten(x, out)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten(g, out);
            }
            if !o.is_empty() {
                out.push(Value::Object(o));
            }
        }
        _ => {}
    }
}

/// Removes a site-name suffix or prefix from a page title ("Title | Site").
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    const SEPS: &[&str] = &[
        " | ", " - ", " — ", " – ", " :: ", " · ", " » ", " « ", " / ",
    ];
    let title = title.trim();
    let norm = |s: &str| s.trim().to_lowercase();
    for sep in SEPS {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            if site.is_some_and(|s| norm(s) == norm(tail)) {
                return head.trim().to_string();
            }
            if site.is_some_and(|s| norm(s) == norm(head)) {
                return tail.trim().to_string();
            }
            // Without a known site name: a short tail after a long head.
            let (hw, tw) = (
                head.split_whitespace().count(),
                tail.split_whitespace().count(),
            );
            if site.is_none() && tw <= 4 && hw >= 4 && *sep != " - " {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_name(
                "Why It Matters | The Harbor Review",
                Some("The Harbor Review")
            ),
            "Why It Matters"
        );
        assert_eq!(
            strip_site_name("Lantern — Taiwan Votes", Some("Lantern")),
            "Taiwan Votes"
        );
        assert_eq!(
            strip_site_name("Russia - China ties deepen", Some("Other")),
            "Russia - China ties deepen"
        );
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://x.example/2024/5/20/slug").as_deref(),
            Some("2024-05-20")
        );
        assert_eq!(date_in_url("https://x.example/news/slug"), None);
    }

    #[test]
    fn graph_and_references() {
        let html = Html::parse_document(
            r##"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"#site","name":"Bastion Quarterly"},
              {"@type":"Person","@id":"#p1","name":"Hannah Brandt"},
              {"@type":["OpinionNewsArticle"],"headline":"Tariffs Again","datePublished":"2024-05-01T08:00:00Z",
               "author":[{"@id":"#p1"},{"@type":"Person","name":"Wen Li"}],"publisher":{"@id":"#site"}}]}
            </script></head><body></body></html>"##,
        );
        let m = read(&html);
        assert_eq!(m.title.as_deref(), Some("Tariffs Again"));
        assert_eq!(m.authors, vec!["Hannah Brandt", "Wen Li"]);
        assert_eq!(m.site.as_deref(), Some("Bastion Quarterly"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert_eq!(m.date.as_deref(), Some("2024-05-01T08:00:00Z"));
    }
}
