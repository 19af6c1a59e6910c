//! The date of a web page, by precedence: the date its header shows the
//! reader (an "Updated" one only when nothing else is shown), a date in
//! the URL,
//! publication meta tags in page order (as htmldate does), JSON-LD
//! `datePublished`, script data, `itemprop`/`<time pubdate>`, date-like
//! elements, the title, and only as a last resort a modification date.

use chrono::Datelike;
use scraper::{ElementRef, Html};

use super::ld::LdMeta;
use super::meta::{Found, in_comments, text_of};
use crate::date;
use crate::ingest::sel;

/// Meta tags that name the publication date and nothing else.
const STRONG_DATE_META: &[&str] = &[
    "article:published_time", "og:article:published_time", "og:published_time",
    "article.published", "datepublished", "date_published", "publishdate", "publish_date",
    "publish-date", "published-date", "published_time", "dc.date.issued", "dcterms.issued",
    "citation_publication_date", "rnews:datepublished", "parsely-pub-date",
    "article:publicationdate",
];

/// Publication-date meta tags, lower case (htmldate's list).
pub(super) const DATE_META: &[&str] = &[
    "article:published_time", "article.published", "article_date_original", "article.created",
    "article:publicationdate", "bt:pubdate", "citation_date", "citation_publication_date",
    "citation_online_date", "created", "cxenseparse:recs:publishtime", "date", "date_published",
    "datecreated", "dateposted", "datepublished", "dc.date", "dc.created", "dc.date.created",
    "dc.date.issued", "dc.date.publication", "dcterms.created", "dcterms.date", "dcterms.issued",
    "dc:created", "dc:date", "gentime", "og:published_time", "og:article:published_time",
    "originalpublicationdate", "parsely-pub-date", "pubdate", "publishdate", "publish_date",
    "publish-date", "published-date", "published_time", "publication_date", "rnews:datepublished",
    "sailthru.date", "shareaholic:article_published_time", "timestamp", "article.published_time",
];

/// Modification-date meta tags: used only when nothing else is found.
const MODIFIED_META: &[&str] = &[
    "article:modified_time", "datemodified", "dc.modified", "dcterms.modified", "modified_time",
    "og:updated_time", "og:article:modified_time", "last-modified", "lastmodified", "updated_time",
];

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

pub(super) fn find_date(
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
    // A short line right by the headline ("Hamburg, 2. November 2021").
    if let Some(found) = header_date(doc, &valid_date) {
        return Some(found);
    }
    // A date in the article's own URL: htmldate checks it first, but a
    // slug's date is often the day the draft was made.
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
    // Tags that can only mean publication first, then the generic ones
    // ("date", "sailthru.date"…), each tier in page order.
    for tier in [STRONG_DATE_META, DATE_META] {
        for (k, v) in metas {
            if tier.contains(&k.as_str())
                && let Some(d) = valid_date(v)
            {
                return Some((d, format!("meta:{k}")));
            }
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
    "\"datePublished\"", "\"publishedDate\"", "\"publishDate\"", "\"date_published\"",
    "\"published_at\"", "\"publishedAt\"", "\"firstPublishedDate\"", "\"publish_date\"",
];

/// The first publication date stated under a known key in a script.
/// How much text after the headline is still its header (byline, date
/// line, dek), in characters.
const HEADER_TEXT: usize = 600;

/// The date shown in the article header: the first short element after the
/// first `<h1>`, in document order, that reads as a date. A line that says
/// "Updated …" counts only when no other date is shown there: then it is the
/// date the page presents to its reader.
fn header_date(doc: &Html, valid_date: &dyn Fn(&str) -> Option<String>) -> Option<Found> {
    let h1 = doc.select(&sel("h1")).next()?;
    let mut shown_updated = None;
    let mut seen_text = 0;
    let mut after = false;
    for node in doc.root_element().descendants() {
        if node.id() == h1.id() {
            after = true;
            continue;
        }
        if !after || node.ancestors().any(|a| a.id() == h1.id()) {
            continue;
        }
        if let Some(t) = node.value().as_text() {
            let in_code = node
                .parent()
                .and_then(|p| p.value().as_element())
                .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript" | "template"));
            if !in_code {
                seen_text += t.trim().chars().count();
                if seen_text > HEADER_TEXT {
                    break;
                }
            }
            continue;
        }
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        if matches!(
            e.value().name(),
            "script" | "style" | "noscript" | "template"
        ) {
            continue;
        }
        let t = text_of(e);
        if t.is_empty() || t.chars().count() > 100 {
            continue;
        }
        let Some(d) = valid_date(&t) else { continue };
        let lower = t.to_lowercase();
        let updated = [
            "updated", "update:", "aktualisiert", "modified", "mis à jour", "actualizado", "edited",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if !updated {
            return Some((d, "page text".into()));
        }
        shown_updated.get_or_insert(d);
    }
    shown_updated.map(|d| (d, "page text (updated)".into()))
}

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

/// `/2024/05/20/` (or `2024-05-20`) in a URL path.
pub(super) fn date_in_url(url: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
