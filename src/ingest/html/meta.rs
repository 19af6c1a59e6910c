//! Article metadata of an HTML page. Each field has an order of precedence,
//! and the source that won is recorded (`provenance`):
//!
//! - title: JSON-LD `headline`, `og:title`, title meta tags, `<title>`
//!   (the visible headline is preferred later, in `html::title`);
//! - authors: JSON-LD `Person` authors, author meta tags, a visible byline
//!   outside comments and sidebars (see `ld` and `byline`);
//! - date: a date in the URL, a date line right under the headline,
//!   publication meta tags (in page order, as htmldate does), JSON-LD
//!   `datePublished`, script data, `itemprop`, `<time pubdate>`, date-like
//!   elements, `<time>`, the title, and only as a last resort a
//!   modification date (see `dates`);
//! - source: JSON-LD publisher, `og:site_name`, application name.

use scraper::{ElementRef, Html};

use crate::ingest::sel;
use crate::model::Provenance;

/// Metadata found on a page; every field optional.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline from metadata (site-name suffix not yet removed).
    pub title: Option<String>,
    /// The `<title>` element.
    pub html_title: Option<String>,
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
    /// Where each field came from.
    pub provenance: Provenance,
}

/// Author meta tags (`name`, `property` or `itemprop`), lower case.
const AUTHOR_META: &[&str] = &[
    "author", "article:author", "og:author", "og:article:author", "authors", "byl",
    "citation_author", "creator", "dc.creator", "dc.creator.aut", "dc:creator", "dcterms.creator",
    "dcsext.author", "parsely-author", "rbauthors", "sailthru.author",
    "shareaholic:article_author_name", "atc-metaauthor", "cxenseparse:author",
];

const TITLE_META: &[&str] = &[
    "og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title", "parsely-title",
    "sailthru.title", "headline", "title",
];

const SITE_META: &[&str] = &[
    "og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site",
];

pub(super) fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A candidate value with where it came from.
pub(super) type Found = (String, String);

fn first_meta(metas: &[(String, String)], keys: &[&str]) -> Option<Found> {
    // In document order, as htmldate does: the page's own order is a signal.
    metas
        .iter()
        .find(|(k, _)| keys.contains(&k.as_str()))
        .map(|(k, v)| (v.clone(), format!("meta:{k}")))
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> PageMeta {
    let ld = super::ld::json_ld(doc);
    let metas = meta_tags(doc);
    let mut m = PageMeta::default();
    let mut prov = Provenance::default();

    let title = ld
        .headline
        .clone()
        .map(|t| (t, "json-ld".to_string()))
        .or_else(|| first_meta(&metas, TITLE_META));
    m.html_title = doc
        .select(&sel("title"))
        .next()
        .map(text_of)
        .filter(|t| !t.is_empty());
    // A truncated title ("… for Hong Kong leader...") yields to a complete
    // one that it begins.
    let title = title.map(|(t, from)| {
        let stem = t.trim_end_matches(['.', '…', ' ']);
        if stem.len() == t.len() {
            return (t, from);
        }
        let longer = m
            .html_title
            .iter()
            .chain(
                metas
                    .iter()
                    .filter(|(k, _)| TITLE_META.contains(&k.as_str()))
                    .map(|(_, v)| v),
            )
            .find(|c| c.len() > stem.len() && c.starts_with(stem));
        match longer {
            Some(c) => (strip_site(c, ld.site.as_deref(), None), "title".to_string()),
            None => (t, from),
        }
    });
    match title {
        Some((t, from)) => {
            m.title = Some(t);
            prov.title = Some(from);
        }
        None if m.html_title.is_some() => {
            m.title = m.html_title.clone();
            prov.title = Some("title".into());
        }
        None => {}
    }

    if !ld.authors.is_empty() {
        m.authors = ld.authors.clone();
        prov.authors = Some("json-ld".into());
    } else if let Some((names, from)) = metas
        .iter()
        .filter(|(k, v)| AUTHOR_META.contains(&k.as_str()) && !v.starts_with("http"))
        .find_map(|(k, v)| Some((super::byline::clean_authors(v)?, format!("meta:{k}"))))
    {
        m.authors = names;
        prov.authors = Some(from);
    } else if let Some(names) = super::byline::visible_byline(doc) {
        m.authors = names;
        prov.authors = Some("byline".into());
    }

    // An author that is the site itself ("Krimiblog-Archiv", "MesOpinions.com")
    // yields to a person named in a visible byline.
    let site_name = ld
        .site
        .clone()
        .or_else(|| first_meta(&metas, SITE_META).map(|f| f.0));
    let canonical = doc
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.attr("href").map(str::to_string));
    let label = canonical
        .as_deref()
        .or(ld.url.as_deref())
        .and_then(site_label);
    let site_like = |a: &str| {
        let a = squash(a);
        a.is_empty()
            || site_name
                .as_deref()
                .map(squash)
                .is_some_and(|s| !s.is_empty() && (a.contains(&s) || s.contains(&a)))
            || label.as_ref().is_some_and(|l| a.contains(l.as_str()))
    };
    if !m.authors.is_empty()
        && m.authors.iter().all(|a| site_like(a) || a.contains('.'))
        && let Some(names) =
            super::byline::visible_byline(doc).filter(|n| !n.iter().all(|a| site_like(a)))
    {
        m.authors = names;
        prov.authors = Some("byline".into());
    }
    m.url = ld
        .url
        .clone()
        .or_else(|| {
            doc.select(&sel("link[rel=canonical]"))
                .next()
                .and_then(|l| l.attr("href").map(str::to_string))
        })
        .or_else(|| first_meta(&metas, &["og:url"]).map(|f| f.0));

    if let Some((d, from)) = super::dates::find_date(doc, &ld, &metas, m.url.as_deref()) {
        m.date = Some(d);
        prov.date = Some(from);
    }

    let site = ld
        .site
        .clone()
        .map(|s| (s, "json-ld".to_string()))
        .or_else(|| first_meta(&metas, SITE_META).filter(|f| !f.0.starts_with('@')));
    // Without metadata, the site's own name as its theme shows it.
    let site = site.or_else(|| {
        doc.select(&sel(".site-title, #site-title, .site-name, #site-name, .blog-title, #blog-title, .site-branding .title"))
            .map(text_of)
            .find(|t| !t.is_empty() && t.split_whitespace().count() <= 8)
            .map(|t| (t, "site title".to_string()))
    });
    if let Some((s, from)) = site {
        m.site = Some(s);
        prov.source = Some(from);
    }
    m.description = ld.description.clone().or_else(|| {
        first_meta(
            &metas,
            &["og:description", "description", "twitter:description"],
        )
        .map(|f| f.0)
    });
    m.lang = doc
        .select(&sel("html"))
        .next()
        .and_then(|h| h.attr("lang").or(h.attr("xml:lang")).map(str::to_string))
        .filter(|l| !l.trim().is_empty())
        .or(ld.lang.clone())
        .or_else(|| {
            first_meta(
                &metas,
                &["og:locale", "language", "content-language", "dc.language"],
            )
            .map(|f| f.0)
        });
    m.article_body = ld.body;
    m.provenance = prov;
    m
}

/// `(key, content)` of every `<meta>`: key from `property`, `name`,
/// `itemprop` or `http-equiv`, lower case.
fn meta_tags(doc: &Html) -> Vec<(String, String)> {
    doc.select(&sel("meta[content]"))
        .filter_map(|e| {
            let name = e
                .attr("property")
                .or(e.attr("name"))
                .or(e.attr("itemprop"))
                .or(e.attr("http-equiv"))?;
            let content = e.attr("content")?.trim();
            (!content.is_empty()).then(|| (name.trim().to_ascii_lowercase(), content.to_string()))
        })
        .collect()
}

/// Returns true if `e` sits inside a comment thread, a sidebar or a
/// related-content box (judged by class and id words, `<aside>` and
/// `<footer>`; the page-wide classes of `<html>` and `<body>` do not count).
pub(super) fn in_comments(e: ElementRef<'_>) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        if matches!(v.name(), "html" | "body") {
            return false;
        }
        v.name() == "aside"
            || v.name() == "footer"
            || super::dom::class_words(v).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "comment"
                        | "comments"
                        | "sidebar"
                        | "related"
                        | "reply"
                        | "replies"
                        | "respond"
                        | "disqus"
                        | "teaser"
                        | "recommended"
                )
            })
    })
}

/// Letters and digits of `s`, lower case.
pub(super) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The main label of a URL's host: `https://www.harborreview.example/x` →
/// `harborreview`.
pub fn site_label(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let parts: Vec<&str> = host
        .split('.')
        .filter(|p| !matches!(*p, "www" | "m" | "amp"))
        .collect();
    let label = if parts.len() >= 2 {
        parts[parts.len() - 2]
    } else {
        parts.first()?
    };
    Some(squash(label)).filter(|l| l.len() >= 3)
}

/// Removes a site-name suffix or prefix from a page title ("Title |
/// Site"), recognising the site by its name or by the URL's host.
pub fn strip_site(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    const SEPS: &[&str] = &[
        " | ", " - ", " — ", " – ", " :: ", " · ", " » ", " « ", " / ", " • ", " ~ ", " : ",
    ];
    let title = title.trim();
    let label = url.and_then(site_label);
    let site_like = |part: &str| {
        let p = squash(part);
        !p.is_empty()
            && (site.is_some_and(|s| {
                let s = squash(s);
                !s.is_empty() && (p == s || p.contains(&s) || s.contains(&p))
            }) || label
                .as_ref()
                .is_some_and(|l| p.contains(l.as_str()) || (p.len() >= 4 && l.contains(&p)))
                || (part.contains('.') && !part.trim().contains(' ')))
    };
    let mut t = title.to_string();
    // Peel site-name segments off either end, as long as some remain.
    for _ in 0..3 {
        let mut changed = false;
        for sep in SEPS {
            if let Some(i) = t.rfind(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                if !head.trim().is_empty() && site_like(tail) {
                    t = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(i) = t.find(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                if !tail.trim().is_empty() && site_like(head) {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    if t != title {
        return t;
    }
    // "Title | site.ch | Tagline": cut at the first site-like segment.
    for sep in SEPS {
        let parts: Vec<&str> = title.split(sep).collect();
        if parts.len() < 3 {
            continue;
        }
        if let Some(k) = parts.iter().position(|p| site_like(p)) {
            let kept = if k > 0 {
                parts[..k].join(sep)
            } else {
                parts[1..].join(sep)
            };
            if !kept.trim().is_empty() {
                return kept.trim().to_string();
            }
        }
    }
    // Without a recognisable site: a short last segment after " | " is the
    // site (readability's rule, kept conservative).
    if let Some(i) = title.rfind(" | ") {
        let (head, tail) = (&title[..i], &title[i + 3..]);
        if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3 {
            return head.trim().to_string();
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
            strip_site(
                "Why It Matters | The Harbor Review",
                Some("The Harbor Review"),
                None
            ),
            "Why It Matters"
        );
        assert_eq!(
            strip_site("Lantern — Taiwan Votes", Some("Lantern"), None),
            "Taiwan Votes"
        );
        assert_eq!(
            strip_site("Russia - China ties deepen", Some("Other"), None),
            "Russia - China ties deepen"
        );
        assert_eq!(
            strip_site("Pierogi z dynią | przepisy.pl", None, None),
            "Pierogi z dynią"
        );
    }

    #[test]
    fn graph_and_references() {
        let html = Html::parse_document(
            r##"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"#site","name":"Bastion Quarterly"},
              {"@type":"Person","@id":"#p1","name":"Hannah Brandt"},
              {"@type":["OpinionNewsArticle"],"headline":"Tariffs Again","datePublished":"2024-05-01T08:00:00Z",
               "author":[{"@id":"#p1"},{"@type":"Person","name":"Wen Li"},{"@type":"Organization","name":"Staff"}],"publisher":{"@id":"#site"}}]}
            </script></head><body></body></html>"##,
        );
        let m = read(&html);
        assert_eq!(m.title.as_deref(), Some("Tariffs Again"));
        assert_eq!(m.authors, vec!["Hannah Brandt", "Wen Li"]);
        assert_eq!(m.site.as_deref(), Some("Bastion Quarterly"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert_eq!(m.date.as_deref(), Some("2024-05-01"));
        assert_eq!(m.provenance.date.as_deref(), Some("json-ld"));
    }

    #[test]
    fn commenters_are_not_authors() {
        let html = Html::parse_document(
            r#"<html><body><article><p>Text.</p></article><div class="comments"><span class="author">Walter Grimsby</span></div></body></html>"#,
        );
        assert!(read(&html).authors.is_empty());
    }
}
