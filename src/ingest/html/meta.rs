//! Article metadata of an HTML page. Each field has an order of precedence,
//! and the source that won is recorded (`provenance`):
//!
//! - title: JSON-LD `headline`, `og:title`, title meta tags, `<title>`
//!   (the visible headline is preferred later, in `html::title`);
//! - authors: JSON-LD `Person` authors, author meta tags, a visible byline
//!   outside comments and sidebars;
//! - date: a date in the URL, a date line right under the headline,
//!   publication meta tags (in page order, as htmldate does), JSON-LD
//!   `datePublished`, script data, `itemprop`, `<time pubdate>`, date-like
//!   elements, `<time>`, the title, and only as a last resort a
//!   modification date;
//! - source: JSON-LD publisher, `og:site_name`, application name.

use chrono::Datelike;
use scraper::{ElementRef, Html};
use serde_json::Value;

use crate::date;
use crate::ingest::sel;
use crate::model::Provenance;
use crate::normalize::author::looks_like_name;

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

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "opinionnewsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "report",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "liveblogposting",
    "posting",
    "webpage",
    "discussionforumposting",
    "review",
    "recipe",
    "medicalwebpage",
];

/// Author meta tags (`name`, `property` or `itemprop`), lower case.
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "og:author",
    "og:article:author",
    "authors",
    "byl",
    "citation_author",
    "creator",
    "dc.creator",
    "dc.creator.aut",
    "dc:creator",
    "dcterms.creator",
    "dcsext.author",
    "parsely-author",
    "rbauthors",
    "sailthru.author",
    "shareaholic:article_author_name",
    "atc-metaauthor",
    "cxenseparse:author",
];

/// Publication-date meta tags, lower case (htmldate's list).
const DATE_META: &[&str] = &[
    "article:published_time",
    "article.published",
    "article_date_original",
    "article.created",
    "article:publicationdate",
    "bt:pubdate",
    "citation_date",
    "citation_publication_date",
    "citation_online_date",
    "created",
    "cxenseparse:recs:publishtime",
    "date",
    "date_published",
    "datecreated",
    "dateposted",
    "datepublished",
    "dc.date",
    "dc.created",
    "dc.date.created",
    "dc.date.issued",
    "dc.date.publication",
    "dcterms.created",
    "dcterms.date",
    "dcterms.issued",
    "dc:created",
    "dc:date",
    "gentime",
    "og:published_time",
    "og:article:published_time",
    "originalpublicationdate",
    "parsely-pub-date",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "published-date",
    "published_time",
    "publication_date",
    "rnews:datepublished",
    "sailthru.date",
    "shareaholic:article_published_time",
    "timestamp",
    "article.published_time",
];

/// Modification-date meta tags: used only when nothing else is found.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "datemodified",
    "dc.modified",
    "dcterms.modified",
    "modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "last-modified",
    "lastmodified",
    "updated_time",
];

const TITLE_META: &[&str] = &[
    "og:title",
    "twitter:title",
    "citation_title",
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
    "headline",
    "title",
];

const SITE_META: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
    "twitter:site",
];

fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A candidate value with where it came from.
type Found = (String, String);

fn first_meta(metas: &[(String, String)], keys: &[&str]) -> Option<Found> {
    // In document order, as htmldate does: the page's own order is a signal.
    metas
        .iter()
        .find(|(k, _)| keys.contains(&k.as_str()))
        .map(|(k, v)| (v.clone(), format!("meta:{k}")))
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> PageMeta {
    let ld = json_ld(doc);
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
        .find_map(|(k, v)| Some((clean_authors(v)?, format!("meta:{k}"))))
    {
        m.authors = names;
        prov.authors = Some(from);
    } else if let Some(names) = visible_byline(doc) {
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
        && let Some(names) = visible_byline(doc).filter(|n| !n.iter().all(|a| site_like(a)))
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

    if let Some((d, from)) = find_date(doc, &ld, &metas, m.url.as_deref()) {
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

/// Returns true if a year is plausible for a publication date.
fn plausible(d: chrono::NaiveDate) -> bool {
    (1995..=chrono::Utc::now().year() + 1).contains(&d.year())
}

fn valid_date(s: &str) -> Option<String> {
    valid_date_in(s, false)
}

fn valid_date_in(s: &str, day_first: bool) -> Option<String> {
    let d = date::parse_loose_in(s, day_first)?;
    plausible(d).then(|| d.to_string())
}

fn find_date(
    doc: &Html,
    ld: &LdMeta,
    metas: &[(String, String)],
    url: Option<&str>,
) -> Option<Found> {
    // Pages in British English and other languages write 02/10/2020 day first.
    let lang = doc
        .select(&sel("html"))
        .next()
        .and_then(|h| {
            h.attr("lang")
                .or(h.attr("xml:lang"))
                .map(str::to_ascii_lowercase)
        })
        .unwrap_or_default();
    let day_first = !lang.is_empty() && lang != "en" && !lang.starts_with("en-us");
    let valid_date = |s: &str| valid_date_in(s, day_first);
    // A date in the article's own URL is the publication date (htmldate
    // checks it first, too).
    let urls: Vec<&str> = url
        .into_iter()
        .chain(
            metas
                .iter()
                .filter(|(k, _)| k == "og:url")
                .map(|(_, v)| v.as_str()),
        )
        .collect();
    for u in &urls {
        if let Some(d) = date_in_url(u).and_then(|d| valid_date(&d)) {
            return Some((d, "url".into()));
        }
    }
    // A short line right by the headline ("Hamburg, 2. November 2021").
    if let Some(h1) = doc.select(&sel("h1")).next() {
        let after_h1 = h1.next_siblings().filter_map(ElementRef::wrap).take(4);
        let after_parent = h1
            .parent()
            .into_iter()
            .flat_map(|p| p.next_siblings())
            .filter_map(ElementRef::wrap)
            .take(3);
        for e in after_h1.chain(after_parent) {
            // The element itself if short, else its first few short children.
            let parts = std::iter::once(e)
                .chain(e.descendants().filter_map(ElementRef::wrap).skip(1).take(6));
            for part in parts {
                let t = text_of(part);
                // "Updated January 20" is exactly not the publication date.
                let lower = t.to_lowercase();
                let updated = [
                    "updated",
                    "update:",
                    "aktualisiert",
                    "modified",
                    "mis à jour",
                    "actualizado",
                    "edited",
                ]
                .iter()
                .any(|w| lower.contains(w));
                if t.chars().count() <= 100
                    && !updated
                    && let Some(d) = valid_date(&t)
                {
                    return Some((d, "page text".into()));
                }
            }
        }
    }
    for (k, v) in metas {
        if DATE_META.contains(&k.as_str())
            && let Some(d) = valid_date(v)
        {
            return Some((d, format!("meta:{k}")));
        }
    }
    if let Some(d) = ld.published.as_deref().and_then(valid_date) {
        return Some((d, "json-ld".into()));
    }
    // Dates in the page's script data (htmldate's JSON regex, widened to
    // the keys of common front-end frameworks).
    if let Some(d) = script_date(doc) {
        return Some((d, "script data".into()));
    }
    let attr_date = |sel_str: &str| {
        doc.select(&sel(sel_str)).find_map(|e| {
            let v = e
                .attr("datetime")
                .or(e.attr("content"))
                .map(str::to_string)
                .unwrap_or_else(|| text_of(e));
            valid_date(&v)
        })
    };
    if let Some(d) = attr_date(
        "[itemprop=datePublished], [itemprop=dateCreated], time[pubdate], time.entry-date, time.published, .published[title], abbr.published, [property~='dc:date'], [property~='dc:created']",
    ) {
        return Some((d, "itemprop/time".into()));
    }
    // Elements whose class or id says they hold a date (htmldate's idea),
    // outside comments.
    let dateish = sel(
        "[class*=date], [id*=date], [class*=Date], [class*=time], [class*=publish], [class*=posted], [class*=byline], [class*=meta], [class*=datum], [class*=fecha], [class*=info], [itemprop*=date], time, .entry-meta, .post-meta, small",
    );
    for e in doc.select(&dateish) {
        if in_comments(e)
            || e.value().classes().any(|c| {
                c.to_ascii_lowercase().contains("modif") || c.to_ascii_lowercase().contains("updat")
            })
        {
            continue;
        }
        if let Some(d) = e.attr("datetime").and_then(valid_date) {
            return Some((d, "time".into()));
        }
        let t = text_of(e);
        if t.chars().count() <= 80
            && let Some(d) = valid_date(&t)
        {
            return Some((d, "page text".into()));
        }
    }
    // The title itself ("08.11.2021 | Online-Fachtag …").
    let title_sel = sel("title");
    let titles = metas
        .iter()
        .filter(|(k, _)| k == "og:title")
        .map(|(_, v)| v.clone())
        .chain(doc.select(&title_sel).map(text_of));
    for t in titles {
        if let Some(d) = valid_date(&t) {
            return Some((d, "title".into()));
        }
    }
    // A date in the lead image's URL (htmldate's last resort).
    for (_, v) in metas.iter().filter(|(k, _)| k == "og:image") {
        if let Some(d) = date_in_url(v).and_then(|d| valid_date(&d)) {
            return Some((d, "image url".into()));
        }
    }
    if let Some(d) = ld.modified.as_deref().and_then(valid_date) {
        return Some((d, "json-ld dateModified".into()));
    }
    for (k, v) in metas {
        if MODIFIED_META.contains(&k.as_str())
            && let Some(d) = valid_date(v)
        {
            return Some((d, format!("meta:{k}")));
        }
    }
    None
}

/// Keys under which scripts state a publication date.
const SCRIPT_DATE_KEYS: &[&str] = &[
    "\"datePublished\"",
    "\"publishedDate\"",
    "\"publishDate\"",
    "\"date_published\"",
    "\"published_at\"",
    "\"publishedAt\"",
    "\"firstPublishedDate\"",
    "\"publish_date\"",
];

/// The first publication date stated under a known key in a script.
fn script_date(doc: &Html) -> Option<String> {
    for script in doc.select(&sel("script")) {
        let text: String = script.text().collect();
        for key in SCRIPT_DATE_KEYS {
            let mut from = 0;
            while let Some(i) = text[from..].find(key) {
                let rest = text[from + i + key.len()..].trim_start();
                from += i + key.len();
                let Some(rest) = rest.strip_prefix(':') else {
                    continue;
                };
                let Some(value) = rest.trim_start().strip_prefix('"') else {
                    continue;
                };
                let value: String = value.chars().take_while(|c| *c != '"').take(40).collect();
                if let Some(d) = valid_date(&value) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// Returns true if `e` sits inside a comment thread, a sidebar or a
/// related-content box (judged by class and id words, `<aside>` and
/// `<footer>`; the page-wide classes of `<html>` and `<body>` do not count).
fn in_comments(e: ElementRef<'_>) -> bool {
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

/// Job titles that end a name in a byline ("Logan C. Ritchie Staff Writer").
const ROLES: &[&str] = &[
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "redakteur",
    "redakteurin",
    "journalist",
    "journalistin",
    "photographer",
    "senior",
];

/// Cleans an author string into names: "By Jane Doe and John Roe for
/// Reuters" → ["Jane Doe", "John Roe"]. `None` if nothing name-like is left.
pub fn clean_authors(raw: &str) -> Option<Vec<String>> {
    let mut raw = raw.trim();
    // "Posted on September 21, 2020 by Adi Tzlil": the name follows "by".
    let lower = raw.to_ascii_lowercase();
    for marker in [" by ", " von ", " par ", " por "] {
        if let Some(i) = lower.rfind(marker)
            && (lower[..i].chars().any(|c| c.is_ascii_digit())
                || lower.starts_with("posted")
                || lower.starts_with("published"))
        {
            raw = raw[i + marker.len()..].trim();
            break;
        }
    }
    if raw.starts_with("http") || (raw.contains('@') && raw.contains('.') && !raw.contains(' ')) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let normalized = raw
        .replace(" und ", ", ")
        .replace(" and ", ", ")
        .replace(" & ", ", ")
        .replace(" y ", ", ")
        .replace(" et ", ", ");
    for part in normalized.split([',', ';', '|', '/', '\n']) {
        let mut p = part.trim();
        // Leading "By", "Posted by", "Von", "Written by", "Autor:".
        let lower = p.to_ascii_lowercase();
        for prefix in [
            "written by",
            "posted by",
            "published by",
            "veröffentlicht von",
            "geschrieben von",
            "gespeichert von",
            "beitrag von",
            "erstellt von",
            "publié par",
            "écrit par",
            "publicado por",
            "escrito por",
            "words by",
            "story by",
            "reporting by",
            "by",
            "von",
            "par",
            "por",
            "door",
            "autor:",
            "author:",
            "autorin:",
            "autor",
            "author",
            "text:",
            "redakteur:",
            "from",
        ] {
            if lower.starts_with(prefix)
                && (lower.len() == prefix.len() || lower[prefix.len()..].starts_with([' ', ':']))
            {
                p = p[prefix.len()..].trim_start_matches([' ', ':']);
                break;
            }
        }
        // "@handle", and everything from a digit or " - " / " for " on.
        let mut words = Vec::new();
        for w in p.split_whitespace() {
            let wl = w.to_lowercase();
            if w.starts_with('@')
                || w.chars().any(|c| c.is_ascii_digit())
                || (!words.is_empty() && date::is_calendar_word(w))
                || (words.len() >= 2 && ROLES.contains(&wl.as_str()))
            {
                break;
            }
            if matches!(
                wl.trim_end_matches(':'),
                "-" | "–"
                    | "—"
                    | "|"
                    | "•"
                    | "·"
                    | "for"
                    | "at"
                    | "on"
                    | "via"
                    | "with"
                    | "für"
                    | "am"
                    | "veröffentlicht"
                    | "published"
                    | "updated"
                    | "aktualisiert"
                    | "posted"
            ) && !words.is_empty()
            {
                break;
            }
            words.push(w);
        }
        // "November 23, 2023" split off a byline is not a name.
        if words.first().is_some_and(|w| date::is_calendar_word(w))
            && part.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let name = words.join(" ");
        let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if name.is_empty() || name.chars().count() > 60 {
            continue;
        }
        // Degrees and bare outlet codes after a name: "Grant Tinsley, PhD", "Rob Picheta, CNN".
        let is_suffix =
            matches!(
                name.to_ascii_lowercase().trim_end_matches('.'),
                "phd" | "md" | "mba" | "msc" | "rd" | "rn" | "jr" | "sr" | "mph" | "dds" | "esq"
            ) || (!out.is_empty() && name.len() <= 5 && name.chars().all(|c| c.is_uppercase()));
        if is_suffix {
            continue;
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A visible byline: `rel=author`, `itemprop=author`, `.byline`, or an
/// element whose class or id names the author, outside comments.
fn visible_byline(doc: &Html) -> Option<Vec<String>> {
    // Most specific first; within a group, page order. No descendant
    // combinators: they cost O(depth) per element, and hostile pages nest
    // 100,000 levels deep.
    let groups = [
        "[rel=author], [itemprop=author], .author-name, .authorName, .byline__name, [data-testid*=byline], [data-component*=Byline], address",
        ".byline, [class*=byline], [class*=Byline], [class*=author-name], [class*=author_name]",
        ".author, [class*=author], [id*=author], .username, [class*=posted-by], [class*=submitted]",
    ];
    for group in groups {
        for e in doc.select(&sel(group)) {
            if in_comments(e) || e.value().name() == "meta" || e.value().name() == "link" {
                continue;
            }
            let t = text_of(e);
            if t.chars().count() < 2 || t.chars().count() > 120 {
                continue;
            }
            if let Some(names) = clean_authors(&t)
                && names
                    .iter()
                    .all(|n| looks_like_name(n) || n.split_whitespace().count() <= 3)
            {
                return Some(names);
            }
        }
    }
    None
}

/// `/2024/05/20/` (or `2024-05-20`) in a URL path.
fn date_in_url(url: &str) -> Option<String> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(y) = url.get(i..i + 4) else { continue };
        if !y.bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let sep = b[i + 4];
        if !matches!(sep, b'/' | b'-' | b'_') {
            continue;
        }
        let rest = &url[i + 5..];
        let mut it = rest.splitn(3, sep as char);
        let (Some(m), Some(d)) = (it.next(), it.next()) else {
            continue;
        };
        let d: String = d.chars().take_while(|c| c.is_ascii_digit()).collect();
        if m.len() <= 2
            && !m.is_empty()
            && m.bytes().all(|c| c.is_ascii_digit())
            && (1..=2).contains(&d.len())
        {
            return Some(format!("{y}-{m:0>2}-{d:0>2}"));
        }
    }
    None
}

/// What the page's JSON-LD says.
#[derive(Debug, Default)]
struct LdMeta {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    site: Option<String>,
    url: Option<String>,
    description: Option<String>,
    lang: Option<String>,
    body: Option<String>,
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

fn json_ld(doc: &Html) -> LdMeta {
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

/// Letters and digits of `s`, lower case.
fn squash(s: &str) -> String {
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

/// Removes a site-name suffix or prefix from a page title ("Title | Site").
pub fn strip_site_name(title: &str, site: Option<&str>) -> String {
    strip_site(title, site, None)
}

/// Like [`strip_site_name`], also recognising the site by the URL's host.
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
        assert_eq!(
            strip_site_name("Pierogi z dynią | przepisy.pl", None),
            "Pierogi z dynią"
        );
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://x.example/2024/5/20/slug").as_deref(),
            Some("2024-05-20")
        );
        assert_eq!(
            date_in_url("https://x.example/news/2019-10-flint-flake"),
            None
        );
        assert_eq!(date_in_url("https://x.example/news/slug"), None);
    }

    #[test]
    fn author_strings() {
        let c = |s: &str| clean_authors(s).unwrap_or_default();
        assert_eq!(c("By Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(c("Rob Picheta, CNN"), vec!["Rob Picheta"]);
        assert_eq!(c("Grant Tinsley, PhD"), vec!["Grant Tinsley"]);
        assert_eq!(c("Veröffentlicht von Chris Jung"), vec!["Chris Jung"]);
        assert_eq!(c("Williams Perdomo @wperdomod"), vec!["Williams Perdomo"]);
        assert_eq!(c("Glen Owen For The Mail On Sunday"), vec!["Glen Owen"]);
        assert!(clean_authors("https://www.facebook.com/someone").is_none());
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
