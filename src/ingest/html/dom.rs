//! One-pass facts about a parsed page: per-element text and link-text
//! lengths (so every later heuristic is O(1) per element, even on deeply
//! nested pages), and the set of elements that are page chrome.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

/// Text statistics of an element's subtree (skipped elements excluded).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    /// Non-space characters of text.
    pub text: u32,
    /// Non-space characters inside links.
    pub links: u32,
    /// Commas (a sign of prose).
    pub commas: u32,
    /// `<p>` elements below.
    pub paras: u32,
}

impl Stats {
    /// Share of the text that is link text.
    pub fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.links as f64 / self.text as f64
        }
    }
}

/// Links the parser made up: an unclosed `<a>` is re-opened around every
/// later run of text (the HTML adoption agency), each copy carrying the
/// original's attributes, `id` included. Such copies are neither links nor
/// chrome; they are recognised by an `id` that occurs more than once.
pub fn reopened_links(doc: &Html) -> HashSet<NodeId> {
    let mut by_id: HashMap<&str, Vec<NodeId>> = HashMap::new();
    for n in doc.tree.nodes() {
        if let Some(e) = n.value().as_element()
            && e.name() == "a"
            && let Some(id) = e.attr("id").filter(|i| !i.is_empty())
        {
            by_id.entry(id).or_default().push(n.id());
        }
    }
    by_id
        .into_values()
        .filter(|v| v.len() > 1)
        .flatten()
        .collect()
}

/// Link text longer than this is not a link (see `stats`).
const LONG_LINK: u32 = 200;

/// A step of a depth-first walk.
pub enum Step<'a> {
    /// Entering a node (its children follow).
    Open(NodeRef<'a, Node>),
    /// Leaving a node.
    Close(NodeRef<'a, Node>),
}

/// Walks the subtree of `root` depth-first, calling `f` on entering and
/// leaving each node, and not entering the subtrees of nodes in `skip`.
/// Iterative, and driven by child lists only: html5ever's adoption agency
/// can leave parent links that ego-tree's own traversal trips over.
pub fn walk<'a>(root: NodeRef<'a, Node>, skip: &HashSet<NodeId>, mut f: impl FnMut(Step<'a>)) {
    let mut stack: Vec<(NodeRef<'a, Node>, bool)> = vec![(root, false)];
    while let Some((n, leaving)) = stack.pop() {
        if leaving {
            f(Step::Close(n));
            continue;
        }
        if skip.contains(&n.id()) {
            continue;
        }
        f(Step::Open(n));
        stack.push((n, true));
        let children: Vec<_> = n.children().collect();
        stack.extend(children.into_iter().rev().map(|c| (c, false)));
    }
}

/// Computes [`Stats`] for every element, leaving out the subtrees in `skip`.
pub fn stats(
    doc: &Html,
    skip: &HashSet<NodeId>,
    reopened: &HashSet<NodeId>,
) -> HashMap<NodeId, Stats> {
    let mut out = HashMap::new();
    let mut stack: Vec<(NodeId, Stats, bool)> = Vec::new();
    let mut link_depth = 0usize;
    walk(doc.tree.root(), skip, |step| match step {
        Step::Open(n) => match n.value() {
            Node::Element(e) => {
                let is_link = e.name() == "a" && !reopened.contains(&n.id());
                link_depth += is_link as usize;
                stack.push((n.id(), Stats::default(), is_link));
            }
            Node::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let len = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                    top.1.text += len;
                    top.1.commas += t.matches([',', '，', '、']).count() as u32;
                    if link_depth > 0 {
                        top.1.links += len;
                    }
                }
            }
            _ => {}
        },
        Step::Close(n) => {
            let Node::Element(e) = n.value() else { return };
            let Some((id, mut st, is_link)) = stack.pop() else {
                return;
            };
            link_depth -= is_link as usize;
            // A "link" around hundreds of characters is a parser artefact
            // (an unclosed <a> that the parser re-opened around later
            // text), not a link.
            if is_link && st.text > LONG_LINK {
                st.links = 0;
            }
            if let Some(parent) = stack.last_mut() {
                parent.1.text += st.text;
                parent.1.links += st.links;
                parent.1.commas += st.commas;
                parent.1.paras += st.paras + (e.name() == "p") as u32;
            }
            out.insert(id, st);
        }
    });
    out
}

/// Elements that never hold article text.
const JUNK_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "iframe", "svg", "button",
    "select", "input", "textarea", "canvas", "video", "audio", "object", "embed", "dialog", "menu",
    "img", "picture", "figcaption", "head", "title", "meta", "link", "label", "option",
];

/// Class or id words that mark page chrome, whatever its size (short of
/// holding most of the page).
const JUNK_WORDS: &[&str] = &[
    "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "cookie",
    "cookies", "consent", "gdpr", "banner", "newsletter", "subscribe", "subscription", "signup",
    "paywall", "share", "sharing", "sharebar", "sharedaddy", "social", "socials", "related",
    "recommended", "recommendations", "comments", "comment", "disqus", "sidebar", "promo",
    "advert", "advertisement", "ads", "ad", "adsbygoogle", "sponsored", "popup", "footer",
    "masthead", "outbrain", "taboola", "trending", "popular", "mostread", "shoutbox", "sponsor",
    "shopping", "offcanvas", "topbar", "subnav", "submenu", "dropdown", "login", "signin",
    "register", "lightbox", "overlay", "rss", "pagination", "pager", "respond", "replies",
];

/// Class or id words that mark chrome only on small elements: a byline or
/// a caption is chrome, a `<div class="article-header">` wrapping the
/// article is not.
const SMALL_JUNK_WORDS: &[&str] = &[
    "toolbar", "bio", "tags", "tagcloud", "skip", "kicker", "eyebrow", "byline", "dateline",
    "meta", "author", "authors", "print", "search", "caption", "credit", "credits", "copyright",
    "disclaimer", "follow", "reactions", "rating", "ratings", "toc", "cta", "date", "timestamp",
    "info", "tools", "actions", "widget", "widgets", "modal",
];

/// Words that mark a container of the article itself (readability's
/// "maybe candidate" list): such an element is not chrome even if another
/// of its words says so (`sidebar-and-content-body`, `article modal-enabled`),
/// unless it is a comment thread.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "main", "column", "shadow", "entry", "story", "post",
];
const COMMENT_WORDS: &[&str] = &[
    "comment", "comments", "disqus", "respond", "replies", "reply",
];

/// Text (non-space characters) under which an element counts as small.
const SMALL: u32 = 400;

/// Whole classes that hide text from sighted readers.
const HIDDEN_CLASSES: &[&str] = &[
    "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "hidden", "hide",
    "d-none",
];

/// Words of the element's class and id attributes, lower-cased, split at
/// spaces, hyphens and underscores.
pub(crate) fn class_words(e: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for s in e.attr("class").into_iter().chain(e.attr("id")) {
        for part in s.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
            if part.is_empty() {
                continue;
            }
            // camelCase names: "cookieNotice" → "cookie", "notice".
            let mut word = String::new();
            let mut prev_lower = false;
            for c in part.chars() {
                if c.is_uppercase() && prev_lower && !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                prev_lower = c.is_lowercase();
                word.extend(c.to_lowercase());
            }
            if !word.is_empty() {
                out.push(word);
            }
            if part.chars().any(char::is_uppercase) {
                out.push(part.to_ascii_lowercase());
            }
        }
    }
    out
}

fn is_hidden(e: &Element) -> bool {
    let style = e
        .attr("style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(' ', "");
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || style.contains("display:none")
        || style.contains("visibility:hidden")
        || e.classes()
            .any(|c| HIDDEN_CLASSES.contains(&c.to_ascii_lowercase().as_str()))
}

/// Returns the elements that are never article text, whatever their class:
/// scripts, navigation, forms, hidden elements.
pub fn hard_junk(doc: &Html) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        let role = e.attr("role").unwrap_or("");
        if JUNK_TAGS.contains(&e.name())
            || is_hidden(e)
            || matches!(
                role,
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "dialog"
                    | "alertdialog"
                    | "search"
                    | "menu"
                    | "menubar"
            )
        {
            out.insert(node.id());
        }
    }
    out
}

/// Returns the elements that are chrome by their class or id: share bars,
/// related lists, comments, small bylines and captions. `stats` must leave
/// out the hard junk. An element holding more than half of the page's text
/// is never chrome.
pub fn soft_junk(
    doc: &Html,
    stats: &HashMap<NodeId, Stats>,
    reopened: &HashSet<NodeId>,
) -> HashSet<NodeId> {
    let body_text = doc
        .tree
        .nodes()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .and_then(|n| stats.get(&n.id()))
        .map(|s| s.text)
        .unwrap_or(0)
        .max(1);
    let mut out = HashSet::new();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        let tag = e.name();
        if matches!(tag, "html" | "body" | "article" | "main") {
            continue;
        }
        let Some(st) = stats.get(&node.id()) else {
            continue;
        };
        let words = class_words(e);
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        let content = has(CONTENT_WORDS) && !has(COMMENT_WORDS);
        let in_article = || {
            node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|a| a.name() == "article")
            })
        };
        // ASP.NET and some CMSs wrap the whole page in a <form>.
        // Inline elements wrapping paragraphs are parser artefacts around
        // real content (see `stats`), whatever their class says.
        let inline = matches!(
            tag,
            "a" | "span" | "b" | "i" | "em" | "strong" | "font" | "small" | "u"
        );
        if inline && (st.paras > 0 || st.text > LONG_LINK) || reopened.contains(&node.id()) {
            continue;
        }
        let junk = (tag == "form" && st.text < SMALL)
            || (tag == "header" && !in_article())
            || (!content && has(JUNK_WORDS))
            || (st.text < SMALL && has(SMALL_JUNK_WORDS));
        if junk && st.text * 2 < body_text {
            out.insert(node.id());
        }
    }
    out
}
