//! Rendering the chosen elements to paragraphs: block elements break
//! paragraphs, `<br><br>` breaks one, inline text flows, and skipped
//! subtrees (chrome, the headline, link lists) are left out. Iterative, so
//! a page nested 100,000 levels deep cannot overflow the stack.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::dom::{Step, walk};
use crate::normalize::text::collapse_ws;

const BLOCK: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead",
    "tbody", "tfoot", "tr", "figure", "figcaption", "form", "fieldset", "address", "hr", "details",
    "summary", "center", "caption",
];

/// Marks a `<br>` until paragraphs are split.
const BR: char = '\u{1}';

/// Renders the subtrees of `roots`, in order, without the nodes in `skip`.
pub fn paragraphs(doc: &Html, roots: &[NodeId], skip: &HashSet<NodeId>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for &root in roots {
        let Some(root) = doc.tree.get(root) else {
            continue;
        };
        walk(root, skip, |step| match step {
            Step::Open(n) => match n.value() {
                Node::Element(e) => match e.name() {
                    "br" => cur.push(BR),
                    "td" | "th" => cur.push(' '),
                    name if BLOCK.contains(&name) => flush(&mut cur, &mut out),
                    _ => {}
                },
                Node::Text(t) => cur.push_str(t),
                _ => {}
            },
            Step::Close(n) => {
                if n.value()
                    .as_element()
                    .is_some_and(|e| BLOCK.contains(&e.name()))
                {
                    flush(&mut cur, &mut out);
                }
            }
        });
        flush(&mut cur, &mut out);
    }
    out
}

/// Ends the current paragraph: two `<br>` in a row split it, one is a space.
fn flush(cur: &mut String, out: &mut Vec<String>) {
    if cur.is_empty() {
        return;
    }
    let mut piece = String::new();
    let mut brs = 0;
    for c in cur.chars() {
        if c == BR {
            brs += 1;
            continue;
        }
        if brs > 0 && !c.is_whitespace() {
            if brs >= 2 {
                push(&mut piece, out);
            } else {
                piece.push(' ');
            }
            brs = 0;
        }
        piece.push(c);
    }
    push(&mut piece, out);
    cur.clear();
}

fn push(piece: &mut String, out: &mut Vec<String>) {
    let p = collapse_ws(piece);
    if !p.is_empty() {
        out.push(p);
    }
    piece.clear();
}
