//! Saved web pages: the article's text without the page around it.
//!
//! 1. Parse (html5ever via scraper) and read the metadata (`meta`).
//! 2. Measure every element once (`dom::stats`) and mark the chrome
//!    (`dom::junk`): navigation, banners, share bars, related lists,
//!    comments, hidden elements, scripts.
//! 3. Choose the article's container by paragraph scores (`score`).
//! 4. Render it to paragraphs (`render`), leaving out the headline and short
//!    blocks that are mostly links.

mod byline;
mod dates;
mod dom;
mod ld;
pub mod meta;
mod render;
mod score;

use ego_tree::NodeId;
use scraper::Html;

use crate::model::RawArticle;
use crate::normalize::text::paragraphs as text_paragraphs;

/// Nesting beyond this depth is not a real page: HTML parsing is quadratic
/// in depth, so such input is read as flat text instead.
const MAX_DEPTH: usize = 1_000;

/// Reads a web page; the warning says when the page had to be read as flat
/// text.
pub fn read(text: &str) -> (RawArticle, Option<String>) {
    let depth = nesting_estimate(text);
    if depth > MAX_DEPTH {
        // The `<head>` is shallow even when the body is not: its metadata
        // still holds.
        let head_end = text.to_ascii_lowercase().find("<body").unwrap_or(0);
        let head = &text[..head_end];
        let meta = if nesting_estimate(head) <= MAX_DEPTH {
            meta::read(&Html::parse_document(head))
        } else {
            meta::PageMeta::default()
        };
        let title = meta
            .title
            .as_deref()
            .map(|t| meta::strip_site(t, meta.site.as_deref(), meta.url.as_deref()));
        let raw = RawArticle {
            format: "html",
            title,
            description: meta.description,
            authors: meta.authors,
            date: meta.date,
            source: meta.site,
            url: meta.url,
            lang: meta.lang,
            paragraphs: flat_text(&text[head_end..]),
            has_header_lines: true,
            provenance: meta.provenance,
            ..Default::default()
        };
        return (
            raw,
            Some(format!(
                "elements nested {depth} deep; read as plain text without page structure"
            )),
        );
    }
    (read_dom(text), None)
}

fn read_dom(text: &str) -> RawArticle {
    let doc = Html::parse_document(text);
    let meta = meta::read(&doc);
    let reopened = dom::reopened_links(&doc);
    let mut skip = dom::hard_junk(&doc);
    let raw_stats = dom::stats(&doc, &skip, &reopened);
    skip.extend(dom::soft_junk(&doc, &raw_stats, &reopened));
    let stats = dom::stats(&doc, &skip, &reopened);
    let chosen = score::choose(&doc, &stats, &skip);
    skip.extend(inner_chrome(&doc, &chosen, &stats));
    let mut paras = render::paragraphs(&doc, &chosen, &skip);
    let len = |ps: &[String]| ps.iter().map(|p| p.len()).sum::<usize>();
    // The page's own articleBody, when it holds much more than what the
    // scorer found (a modal or a caption won, or the page renders its text
    // with scripts).
    if let Some(body) = &meta.article_body {
        let theirs = text_paragraphs(body);
        if len(&theirs) > 2 * len(&paras).max(100) {
            paras = theirs;
        }
    }
    // trafilatura's baseline: every paragraph outside the chrome, when the
    // chosen container holds only a small part of them.
    let baseline = baseline_paragraphs(&doc, &skip, &stats);
    if len(&baseline) * 4 > 5 * len(&paras).max(150) {
        paras = baseline;
    }
    let mut prov = meta.provenance.clone();
    // A press-release dateline opening the text ("01.02.2022 – Der …",
    // "Hamburg, 2. November 2021 –") when the page states no date.
    let mut date = meta.date.clone();
    if date.is_none() {
        for p in paras.iter().take(2) {
            let head: String = p.chars().take(40).collect();
            if let Some(d) = crate::date::parse_loose(&head) {
                date = Some(d.to_string());
                prov.date = Some("dateline".into());
                break;
            }
        }
    }
    let title = match headline(&doc, &skip, &meta, chosen.first().copied()) {
        Some(h) => {
            prov.title = Some("h1".into());
            Some(h)
        }
        None => meta
            .title
            .as_deref()
            .map(|t| meta::strip_site(t, meta.site.as_deref(), meta.url.as_deref())),
    };
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
        date,
        source: meta.site,
        url: meta.url,
        lang: meta.lang,
        paragraphs: paras,
        has_header_lines: true,
        provenance: prov,
        ..Default::default()
    }
}

/// The text of every substantial paragraph-like element outside the chrome,
/// in page order.
fn baseline_paragraphs(
    doc: &Html,
    skip: &std::collections::HashSet<NodeId>,
    stats: &std::collections::HashMap<NodeId, dom::Stats>,
) -> Vec<String> {
    let mut out = Vec::new();
    let sel = crate::ingest::sel("p, blockquote, pre");
    for e in doc.select(&sel) {
        if skip.contains(&e.id()) || e.ancestors().any(|a| skip.contains(&a.id())) {
            continue;
        }
        let st = stats.get(&e.id()).copied().unwrap_or_default();
        if st.text < 40 || st.link_density() > 0.5 {
            continue;
        }
        out.extend(render::paragraphs(doc, &[e.id()], skip));
    }
    out
}

/// Lower-case word tokens of `s`.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The visible headline: an `<h1>` (or a title-classed `<h2>`) whose words
/// mostly appear in the page's metadata title. Readers see the headline;
/// `<title>` and `og:title` are often shortened or carry the site name. An
/// `<h1>` that is the site's logo does not match the metadata and is passed
/// over.
fn headline(
    doc: &Html,
    skip: &std::collections::HashSet<NodeId>,
    meta: &meta::PageMeta,
    near: Option<NodeId>,
) -> Option<String> {
    let meta_words: std::collections::HashSet<String> = meta
        .title
        .iter()
        .chain(&meta.html_title)
        .flat_map(|t| tokens(t))
        .collect();
    // The region around the article: its container's grandparent.
    let region = near
        .and_then(|id| doc.tree.get(id))
        .map(|n| n.ancestors().nth(1).unwrap_or(n).id());
    let heading = crate::ingest::sel("h1, h2");
    // A page with a single h1 of several words: that is its headline.
    let h1s: Vec<_> = doc
        .select(&crate::ingest::sel("h1"))
        .filter(|h| !skip.contains(&h.id()) && !h.ancestors().any(|a| skip.contains(&a.id())))
        .collect();
    let single_h1 = (h1s.len() == 1).then(|| h1s[0].id());
    let mut best: Option<(f64, String, bool)> = None;
    for h in doc.select(&heading) {
        if h.ancestors().any(|a| skip.contains(&a.id())) || skip.contains(&h.id()) {
            continue;
        }
        let text = crate::normalize::text::collapse_ws(&h.text().collect::<String>());
        let words = tokens(&text);
        if words.is_empty() || text.chars().count() > 300 {
            continue;
        }
        let similarity = if meta_words.is_empty() {
            0.0
        } else {
            words.iter().filter(|w| meta_words.contains(*w)).count() as f64 / words.len() as f64
        };
        let is_h1 = h.value().name() == "h1";
        let titled = h
            .value()
            .attr("class")
            .is_some_and(|c| c.contains("title") || c.contains("headline"))
            || h.value().attr("itemprop") == Some("headline");
        let in_region = region.is_some_and(|r| h.ancestors().any(|a| a.id() == r));
        let score = similarity
            + if is_h1 { 0.3 } else { 0.0 }
            + if titled { 0.2 } else { 0.0 }
            + if in_region { 0.4 } else { 0.0 };
        // An h1 by the article, or any heading that the metadata title
        // confirms; never a bare h2 on its own word.
        let ok = (single_h1 == Some(h.id()) && words.len() >= 4)
            || (is_h1
                && in_region
                && words.len() >= 2
                && (meta_words.is_empty() || similarity >= 0.3))
            || similarity >= 0.6 && (is_h1 || titled || similarity >= 0.8);
        if ok && best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, text, is_h1));
        }
    }
    let (_, text, is_h1) = best?;
    // A sub-heading that is only a fragment of the metadata title ("Dezuka
    // Suisan" of "Dezuka Suisan: Deep-Fried Fish Cakes") yields to it; the
    // page's h1 does not.
    if let Some(mt) = meta.title.as_ref().filter(|_| !is_h1) {
        let mt_stripped = meta::strip_site(mt, meta.site.as_deref(), meta.url.as_deref());
        let (hw, mw) = (tokens(&text), tokens(&mt_stripped));
        if hw.len() * 10 < mw.len() * 6 && hw.iter().all(|w| mw.contains(w)) {
            return None;
        }
    }
    Some(text)
}

/// Containers whose end tags pages do write: counting only these keeps the
/// estimate honest on pages full of unclosed `<p>`, `<li>` or `<td>`.
const NESTING: &[&str] = &[
    "div", "section", "article", "main", "aside", "nav", "header", "footer", "span", "ul", "ol",
    "table", "blockquote", "form", "figure",
];

/// A cheap upper estimate of the element nesting depth, from the tags alone.
fn nesting_estimate(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |p| start + p);
        if end == start {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if !NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let close = b[end..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |p| end + p);
            if close == 0 || b.get(close - 1) != Some(&b'/') {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// The text of a page with tags, scripts and styles removed; block tags
/// break paragraphs. For pages too deeply nested to parse.
fn flat_text(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len() / 2);
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        let Some(off) = text[i..].find('<') else {
            out.push_str(&text[i..]);
            break;
        };
        out.push_str(&text[i..i + off]);
        i += off;
        let rest = &lower[i..];
        let skip_to = |end: &str| rest.find(end).map_or(text.len(), |p| i + p + end.len());
        if rest.starts_with("<script") {
            i = skip_to("</script>");
        } else if rest.starts_with("<style") {
            i = skip_to("</style>");
        } else if rest.starts_with("<!--") {
            i = skip_to("-->");
        } else {
            let end = rest.find('>').map_or(text.len(), |p| i + p + 1);
            let name: String = rest[1..]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if matches!(
                name.as_str(),
                "p" | "div"
                    | "br"
                    | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "section"
                    | "article"
                    | "tr"
                    | "blockquote"
            ) {
                out.push_str("\n\n");
            }
            i = end;
        }
    }
    text_paragraphs(&decode_entities(&out))
}

/// Decodes the common character references.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Elements inside the chosen container that are not article text: the
/// headline with the short labels before it, and short blocks that are
/// mostly links ("Read also: …", tag lists, "Opinion · China").
fn inner_chrome(
    doc: &Html,
    chosen: &[NodeId],
    stats: &std::collections::HashMap<NodeId, dom::Stats>,
) -> Vec<NodeId> {
    let mut out = Vec::new();
    for &root in chosen {
        let Some(root) = doc.tree.get(root) else {
            continue;
        };
        for n in root.descendants() {
            let Some(e) = n.value().as_element() else {
                continue;
            };
            let st = stats.get(&n.id()).copied().unwrap_or_default();
            match e.name() {
                "h1" => {
                    out.push(n.id());
                    for sib in n.prev_siblings() {
                        if stats.get(&sib.id()).is_none_or(|s| s.text <= 40) {
                            out.push(sib.id());
                        }
                    }
                }
                // trafilatura's link-density test: short and nearly all link.
                name @ ("p" | "li" | "ul" | "ol" | "div" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "section" | "table" | "dl" | "span") => {
                    let last = n.next_siblings().all(|s| !s.value().is_element());
                    let limit = match (name, last) {
                        ("p" | "li" | "span", false) => 45,
                        ("p" | "li" | "span", true) => 80,
                        (_, false) => 150,
                        (_, true) => 300,
                    };
                    if st.links > 0 && st.text < limit && st.link_density() > 0.8 {
                        out.push(n.id());
                    }
                }
                _ => {}
            }
        }
    }
    out
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
      <p>Governments should plan for a future in which the sea route opens for months at a time, not weeks.<br><br>A second paragraph after two breaks, with<br>a single break inside.</p>
      </article>
      <section id="comments"><p>Posted by Gerald Finch: great piece about lithium</p></section>
      <footer>© 2024 Northgate. All rights reserved.</footer><script>var a=1;</script></body></html>"#;

    #[test]
    fn article_without_chrome() {
        let raw = read(PAGE).0;
        assert_eq!(raw.title.as_deref(), Some("Ice Roads"));
        assert_eq!(raw.authors, vec!["Sofia Lindqvist"]);
        let body = raw.paragraphs.join("\n");
        assert!(body.contains("The Arctic shipping season"), "{body}");
        assert!(body.contains("Second point about the cost."), "{body}");
        assert!(
            raw.paragraphs.contains(
                &"A second paragraph after two breaks, with a single break inside.".to_string()
            ),
            "{body}"
        );
        for junk in [
            "Hormuz", "cookies", "Gerald", "Advertisement", "All rights", "World", "var a",
            "Ice Roads",
        ] {
            assert!(!body.contains(junk), "{junk} leaked into: {body}");
        }
    }

    #[test]
    fn page_without_article_element() {
        let page = PAGE
            .replace("<article>", "<div class=\"post-body\">")
            .replace("</article>", "</div>");
        let body = read(&page).0.paragraphs.join("\n");
        assert!(body.contains("Governments should plan"), "{body}");
        assert!(!body.contains("Hormuz"), "{body}");
    }

    #[test]
    fn an_unclosed_link_in_the_header_does_not_swallow_the_article() {
        // Regression (harpers.org): an unclosed <a class="login"> makes the
        // parser's adoption agency reparent later content.
        let page = r##"<html><body><div class="header-bar"><ul><li><span><a id="login" class="login" href="#">Sign in</span></li></ul></div>
            <div class="content"><article class="post"><h1>A Letter</h1>
            <p>Our cultural institutions are facing a moment of trial, and the free exchange of ideas is at stake.</p>
            <p>The restriction of debate, whether by a repressive government or an intolerant society, hurts everyone.</p>
            </article></div></body></html>"##;
        let (raw, _) = read(page);
        let body = raw.paragraphs.join("\n");
        assert!(
            body.contains("Our cultural institutions") && body.contains("hurts everyone"),
            "{body:?}"
        );
    }

    #[test]
    fn deep_nesting_is_read_as_flat_text_in_bounded_time() {
        let depth = 100_000;
        let page = format!(
            "<html><head><title>Deep | Site</title><meta property=\"og:site_name\" content=\"Site\"><meta property=\"article:published_time\" content=\"2022-05-03T10:00:00Z\"></head><body>{}<p>Deep text, with a comma &amp; an entity, at the bottom.</p><script>var x;</script>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = std::time::Instant::now();
        let (raw, warning) = read(&page);
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(
            raw.paragraphs,
            vec!["Deep text, with a comma & an entity, at the bottom."]
        );
        assert!(warning.unwrap().contains("deep; read as plain text"));
        // The shallow head still gives the metadata.
        assert_eq!(raw.date.as_deref(), Some("2022-05-03"));
        assert_eq!(raw.title.as_deref(), Some("Deep"));
        // Ordinary nesting goes through the DOM.
        let (raw, warning) = read(&format!(
            "<html><body>{}<p>Shallow.</p>{}</body></html>",
            "<div>".repeat(50),
            "</div>".repeat(50)
        ));
        assert!(warning.is_none() && raw.paragraphs == vec!["Shallow."]);
    }
}
