//! Saved web pages: the article's text without the page around it.
//!
//! Junk is removed from the parsed DOM first (navigation, banners, share
//! bars, related lists, comments, hidden elements, scripts), then the main
//! container is chosen: schema.org `articleBody`, the largest `<article>`,
//! `<main>`, else the block with the best paragraph score (the readability
//! idea: many long, comma-rich paragraphs, few links). The chosen subtree is
//! rendered to text with html2text.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::sel;

use super::meta::{self, strip_site_name};
use crate::model::RawArticle;
use crate::normalize::text::paragraphs;

/// Elements that never hold article text.
const JUNK_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "canvas",
    "video",
    "audio",
    "object",
    "embed",
    "dialog",
    "menu",
    "img",
    "picture",
    "figcaption",
];

/// Class or id words that mark page chrome.
const JUNK_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recommendations",
    "comments",
    "comment",
    "disqus",
    "sidebar",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "sponsored",
    "popup",
    "modal",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "masthead",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "mostread",
    "toolbar",
    "widget",
    "bio",
    "tags",
    "skip",
    "hidden",
    "kicker",
    "eyebrow",
];

/// Reads a web page.
pub fn read(text: &str) -> RawArticle {
    let mut doc = Html::parse_document(text);
    let meta = meta::read(&doc);
    remove_junk(&mut doc);
    let container = pick_container(&doc).map(|e| e.id());
    if let Some(id) = container {
        remove_headline(&mut doc, id);
        remove_link_blocks(&mut doc, id);
    }
    let mut paras = container
        .and_then(|id| ElementRef::wrap(doc.tree.get(id)?))
        .map(render)
        .unwrap_or_default();
    if paras.iter().map(|p| p.len()).sum::<usize>() < 200
        && let Some(body) = &meta.article_body
    {
        paras = paragraphs(body);
    }
    let title = meta
        .title
        .as_deref()
        .map(|t| strip_site_name(t, meta.site.as_deref()));
    if let (Some(t), Some(first)) = (&title, paras.first())
        && first.trim().eq_ignore_ascii_case(t.trim())
    {
        paras.remove(0);
    }
    RawArticle {
        format: "html",
        title,
        description: meta.description,
        authors: meta.authors,
        date: meta.date,
        source: meta.site,
        url: meta.url,
        lang: meta.lang,
        paragraphs: paras,
        has_header_lines: true,
        ..Default::default()
    }
}

fn class_words(e: &scraper::node::Element) -> impl Iterator<Item = String> + '_ {
    e.attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    let style = e
        .attr("style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(' ', "");
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || style.contains("display:none")
        || style.contains("visibility:hidden")
}

fn text_len(e: ElementRef<'_>) -> usize {
    e.text().map(|t| t.trim().len()).sum()
}

/// Detaches chrome from the tree. An element flagged only by its class is
/// kept if it holds most of the page's text (a `<div class="post-share
/// content">` wrapping the article must survive).
fn remove_junk(doc: &mut Html) {
    let body_len = doc
        .select(&sel("body"))
        .next()
        .map(text_len)
        .unwrap_or(0)
        .max(1);
    let mut doomed: Vec<NodeId> = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else {
            if matches!(node.value(), Node::Comment(_)) {
                doomed.push(node.id());
            }
            continue;
        };
        let tag = e.name();
        if matches!(tag, "html" | "body" | "article" | "main") {
            continue;
        }
        if JUNK_TAGS.contains(&tag)
            || is_hidden(e)
            || e.attr("role").is_some_and(|r| {
                matches!(
                    r,
                    "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"
                )
            })
        {
            doomed.push(node.id());
        } else if class_words(e).any(|w| JUNK_WORDS.contains(&w.as_str())) {
            let len = ElementRef::wrap(node).map(text_len).unwrap_or(0);
            if len * 2 < body_len {
                doomed.push(node.id());
            }
        }
    }
    detach_all(doc, doomed);
}

/// Detaches the headline and the short labels before it (section kicker,
/// badges): the title comes from the metadata, and the labels are chrome.
fn remove_headline(doc: &mut Html, container: NodeId) {
    let Some(root) = doc.tree.get(container).and_then(ElementRef::wrap) else {
        return;
    };
    let Some(h1) = root.select(&sel("h1")).next() else {
        return;
    };
    let mut doomed = vec![h1.id()];
    for sib in h1.prev_siblings() {
        let words = ElementRef::wrap(sib)
            .map(|e| e.text().collect::<String>())
            .or_else(|| sib.value().as_text().map(|t| t.to_string()))
            .map(|t| t.split_whitespace().count())
            .unwrap_or(0);
        if words <= 6 {
            doomed.push(sib.id());
        }
    }
    detach_all(doc, doomed);
}

/// Detaches short blocks that are mostly links ("Opinion · China",
/// "Read also: …", tag lists) from the chosen container.
fn remove_link_blocks(doc: &mut Html, container: NodeId) {
    let Some(root) = doc.tree.get(container).and_then(ElementRef::wrap) else {
        return;
    };
    let link = sel("a");
    let doomed: Vec<NodeId> = root
        .select(&sel("p, li, ul, ol, div, h2, h3, h4, h5, h6"))
        .filter(|e| {
            let text: String = e.text().collect();
            let words = text.split_whitespace().count();
            let links: usize = e.select(&link).map(text_len).sum();
            words <= 25 && links * 10 >= text_len(*e) * 7 && links > 0
        })
        .map(|e| e.id())
        .collect();
    detach_all(doc, doomed);
}

/// Text in `<p>` elements below `e`.
fn paragraph_text(e: ElementRef<'_>) -> usize {
    e.select(&sel("p")).map(text_len).sum()
}

fn pick_container(doc: &Html) -> Option<ElementRef<'_>> {
    for s in ["[itemprop=articleBody]", "article", "[role=main]", "main"] {
        if let Some(best) = doc.select(&sel(s)).max_by_key(|e| paragraph_text(*e))
            && paragraph_text(best) >= 400
        {
            return Some(best);
        }
    }
    best_scored(doc).or_else(|| doc.select(&sel("body")).next())
}

/// The readability heuristic: each substantial paragraph scores its parent
/// (and half for the grandparent) by length and commas; links count against.
fn best_scored(doc: &Html) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for p in doc.select(&sel("p, pre, blockquote")) {
        let text: String = p.text().collect();
        let len = text.trim().chars().count();
        if len < 25 {
            continue;
        }
        let s = 1.0 + text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        if let Some(parent) = p.parent() {
            *scores.entry(parent.id()).or_default() += s;
            if let Some(gp) = parent.parent() {
                *scores.entry(gp.id()).or_default() += s / 2.0;
            }
        }
    }
    let link = sel("a");
    scores
        .into_iter()
        .filter_map(|(id, s)| {
            let e = ElementRef::wrap(doc.tree.get(id)?)?;
            let total = text_len(e).max(1) as f64;
            let links: usize = e.select(&link).map(text_len).sum();
            Some((e, s * (1.0 - links as f64 / total)))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, _)| e)
}

/// Renders an element to paragraphs with html2text, without any
/// decoration (no link brackets, heading marks or bullets).
fn render(e: ElementRef<'_>) -> Vec<String> {
    let html = e.html();
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .string_from_read(html.as_bytes(), 1_000_000)
        .unwrap_or_default();
    paragraphs(&text)
}

/// Detaches the given nodes from the tree.
fn detach_all(doc: &mut Html, ids: Vec<NodeId>) {
    for id in ids {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title>Ice Roads | Northgate</title>
      <meta property="og:site_name" content="Northgate"><meta name="author" content="Sofia Lindqvist">
      <style>.x{}</style></head><body>
      <nav><a href="/">World</a> <a href="/s">Security</a></nav>
      <div class="cookie-banner">We use cookies. Accept all</div>
      <article><h1>Ice Roads</h1><p class="byline">By Sofia Lindqvist</p>
      <p>The Arctic shipping season is getting longer, and with it the stakes for every coastal state, from Norway to Canada.</p>
      <p>Icebreakers, ports and insurance all matter, but the decisive variable is still the weather, which nobody controls.</p>
      <div style="display:none">Advertisement</div>
      <ul><li>First point about the route.</li><li>Second point about the cost.</li></ul>
      <aside><h3>Related stories</h3><ul><li><a href="/h">Hormuz tensions rise</a></li></ul></aside>
      <p>Governments should plan for a future in which the sea route opens for months at a time, not weeks.</p>
      </article>
      <section id="comments"><p>Posted by Gerald Finch: great piece about lithium</p></section>
      <footer>© 2024 Northgate. All rights reserved.</footer><script>var a=1;</script></body></html>"#;

    #[test]
    fn article_without_chrome() {
        let raw = read(PAGE);
        assert_eq!(raw.title.as_deref(), Some("Ice Roads"));
        assert_eq!(raw.authors, vec!["Sofia Lindqvist"]);
        let body = raw.paragraphs.join("\n");
        assert!(body.contains("The Arctic shipping season"), "{body}");
        assert!(body.contains("Second point about the cost."), "{body}");
        for junk in [
            "Hormuz",
            "cookies",
            "Gerald",
            "Advertisement",
            "All rights",
            "World",
            "var a",
        ] {
            assert!(!body.contains(junk), "{junk} leaked into: {body}");
        }
    }

    #[test]
    fn page_without_article_element() {
        let page = PAGE
            .replace("<article>", "<div class=\"post-body\">")
            .replace("</article>", "</div>");
        let body = read(&page).paragraphs.join("\n");
        assert!(body.contains("Governments should plan"), "{body}");
        assert!(!body.contains("Hormuz"), "{body}");
    }
}
