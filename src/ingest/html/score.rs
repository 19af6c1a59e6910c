//! Choosing the article's container, the readability way: every
//! paragraph-like element scores its ancestors by length and commas; class
//! and id words and semantic tags (`<article>`, `itemprop=articleBody`) push
//! a candidate up or down; link-heavy candidates lose. The winner's siblings
//! that look like more of the article join it.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::dom::{Stats, class_words};

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "prose", "richtext", "articlebody", "articletext", "storytext", "postcontent",
    "entrycontent",
];
const NEGATIVE: &[&str] = &[
    "hidden", "banner", "combx", "comment", "comments", "contact", "foot", "footer", "footnote",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "teaser", "card",
    "list", "nav", "menu",
];

fn class_weight(n: NodeRef<'_, Node>) -> f64 {
    let Some(e) = n.value().as_element() else {
        return 0.0;
    };
    let words = class_words(e);
    let mut w = 0.0;
    if words.iter().any(|x| POSITIVE.contains(&x.as_str())) {
        w += 25.0;
    }
    if words.iter().any(|x| NEGATIVE.contains(&x.as_str())) {
        w -= 25.0;
    }
    if e.attr("itemprop") == Some("articleBody") {
        w += 50.0;
    }
    w + match e.name() {
        "article" => 30.0,
        "main" => 10.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Tags whose presence makes a `<div>` a container rather than a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "table", "ul", "ol", "dl", "pre", "blockquote", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "footer", "aside", "nav", "form", "figure", "main",
];

/// Returns true if the element is paragraph-like: `<p>`, `<pre>`, `<td>`,
/// or a `<div>` holding only inline content.
fn paragraph_like(n: NodeRef<'_, Node>) -> bool {
    let Some(e) = n.value().as_element() else {
        return false;
    };
    match e.name() {
        "p" | "pre" | "td" | "blockquote" => true,
        "div" | "section" => !n.children().any(|c| {
            c.value()
                .as_element()
                .is_some_and(|ce| BLOCKS.contains(&ce.name()))
        }),
        _ => false,
    }
}

/// Returns the chosen nodes (the best container and the siblings that
/// belong with it), in document order.
pub fn choose(doc: &Html, stats: &HashMap<NodeId, Stats>, junk: &HashSet<NodeId>) -> Vec<NodeId> {
    let skipped = |n: NodeRef<'_, Node>| {
        n.ancestors()
            .chain(std::iter::once(n))
            .any(|a| junk.contains(&a.id()))
    };
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for n in doc.tree.nodes() {
        // Paragraph-like elements score their ancestors; so does prose
        // written straight into a container with <br> breaks (readability
        // wraps such text in a <p> first).
        let (text, commas, start) = match n.value() {
            Node::Text(t) => {
                let Some(parent) = n.parent() else { continue };
                let container = parent.value().as_element().is_some_and(|e| {
                    matches!(
                        e.name(),
                        "div" | "section" | "article" | "main" | "td" | "body"
                    ) && !paragraph_like(parent)
                });
                if !container || skipped(parent) {
                    continue;
                }
                let len = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                (len, t.matches([',', '，', '、']).count() as u32, parent)
            }
            _ if paragraph_like(n) => {
                let Some(st) = stats.get(&n.id()) else {
                    continue;
                };
                if skipped(n) {
                    continue;
                }
                (st.text, st.commas, n)
            }
            _ => continue,
        };
        if text < 25 {
            continue;
        }
        let s = 1.0 + commas as f64 + (text as f64 / 100.0).min(3.0);
        let chain = if start.id() == n.id() {
            n.ancestors().take(5).collect::<Vec<_>>()
        } else {
            std::iter::once(start)
                .chain(start.ancestors().take(4))
                .collect()
        };
        for (level, a) in chain.into_iter().enumerate() {
            if a.value().as_element().is_none() {
                break;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let entry = scores.entry(a.id()).or_insert_with(|| class_weight(a));
            *entry += s / div;
        }
    }
    let final_score =
        |id: &NodeId, s: f64| s * (1.0 - stats.get(id).map(Stats::link_density).unwrap_or(0.0));
    let is_root = |id: NodeId| {
        doc.tree.get(id).is_none_or(|n| {
            matches!(
                n.value().as_element().map(|e| e.name()),
                Some("body" | "html") | None
            )
        })
    };
    let mut ranked: Vec<(NodeId, f64)> = scores
        .iter()
        .filter(|(id, _)| !is_root(**id))
        .map(|(id, s)| (*id, final_score(id, *s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let Some(&(top_id, top)) = ranked.first() else {
        return body(doc);
    };
    let score_of = |id: NodeId| scores.get(&id).map(|s| final_score(&id, *s));
    let mut chosen = doc.tree.get(top_id).expect("scored node exists");
    // Article text split over several blocks: when three close runners-up
    // share an ancestor with the winner, take that ancestor.
    let close: Vec<Vec<NodeId>> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(_, s)| *s >= top * 0.75)
        .filter_map(|(id, _)| doc.tree.get(*id))
        .map(|n| n.ancestors().map(|a| a.id()).collect())
        .collect();
    if close.len() >= 3 {
        for a in chosen.ancestors() {
            if is_root(a.id()) {
                break;
            }
            if close.iter().filter(|anc| anc.contains(&a.id())).count() >= 3 {
                chosen = a;
                break;
            }
        }
    }
    // Climb while the parent still scores well, to a better-scoring one.
    let mut last = score_of(chosen.id()).unwrap_or(top);
    let threshold_up = last / 3.0;
    let mut cur = chosen.parent();
    while let Some(p) = cur {
        if is_root(p.id()) {
            break;
        }
        if let Some(ps) = score_of(p.id()) {
            if ps < threshold_up {
                break;
            }
            if ps > last {
                chosen = p;
                break;
            }
            last = ps;
        }
        cur = p.parent();
    }
    // An only child is its parent's content.
    while let Some(p) = chosen.parent() {
        if is_root(p.id()) || p.children().filter(|c| c.value().is_element()).count() != 1 {
            break;
        }
        chosen = p;
    }
    let threshold = (top * 0.2).max(10.0);
    let Some(parent) = chosen.parent() else {
        return vec![chosen.id()];
    };
    let mut out = Vec::new();
    for sib in parent.children() {
        if sib.id() == chosen.id() {
            out.push(sib.id());
            continue;
        }
        if junk.contains(&sib.id()) || sib.value().as_element().is_none() {
            continue;
        }
        let st = stats.get(&sib.id()).copied().unwrap_or_default();
        let score = scores
            .get(&sib.id())
            .map(|s| final_score(&sib.id(), *s))
            .unwrap_or(0.0);
        let is_p = sib.value().as_element().is_some_and(|e| e.name() == "p");
        let ld = st.link_density();
        if score >= threshold || (is_p && st.text > 80 && ld < 0.25) {
            out.push(sib.id());
        }
    }
    out
}

fn body(doc: &Html) -> Vec<NodeId> {
    doc.tree
        .nodes()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .map(|n| vec![n.id()])
        .unwrap_or_default()
}
