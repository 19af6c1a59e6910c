//! Markdown with optional YAML front matter (`---` … `---`), the way notes
//! apps and static-site blogs store articles.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use crate::model::RawArticle;
use crate::normalize::text::{clean_chars, collapse_ws};

/// Reads a Markdown article.
pub fn read(text: &str) -> RawArticle {
    let text = clean_chars(text);
    let (front, body) = split_front_matter(&text);
    let mut raw = RawArticle {
        format: "markdown",
        has_header_lines: true,
        ..Default::default()
    };
    if let Some(front) = front {
        apply_front_matter(&mut raw, front);
    }
    let mut paras = blocks(body);
    // A `# Title` heading repeating the front matter title, or standing in
    // for it.
    if let Some(first) = paras.first() {
        let is_heading = body.trim_start().starts_with("# ");
        match &raw.title {
            Some(t) if first.eq_ignore_ascii_case(t) => {
                paras.remove(0);
            }
            None if is_heading => raw.title = Some(paras.remove(0)),
            _ => {}
        }
    }
    raw.paragraphs = paras;
    raw
}

/// Splits off front matter delimited by `---` lines at the top.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let t = text.trim_start_matches('\u{feff}');
    let Some(rest) = t.strip_prefix("---\n") else {
        return (None, text);
    };
    for (pos, _) in rest.match_indices('\n') {
        let line_start = pos + 1;
        let line = rest[line_start..].lines().next().unwrap_or("");
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body = rest[line_start + line.len()..].trim_start_matches('\n');
            return (Some(&rest[..pos]), body);
        }
    }
    (None, text)
}

fn yaml_str(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Hash(h) => h.get(&Yaml::String("name".into())).and_then(yaml_str),
        _ => None,
    }
}

fn yaml_list(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Array(a) => a.iter().filter_map(yaml_str).collect(),
        other => yaml_str(other).into_iter().collect(),
    }
}

fn apply_front_matter(raw: &mut RawArticle, front: &str) {
    let Ok(docs) = YamlLoader::load_from_str(front) else {
        return;
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return;
    };
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| map.get(&Yaml::String((*k).into())).filter(|v| !v.is_null()))
    };
    raw.title = get(&["title", "headline"]).and_then(yaml_str);
    raw.authors = get(&["authors", "author", "byline", "creator"])
        .map(yaml_list)
        .unwrap_or_default();
    raw.date = get(&[
        "date",
        "published",
        "pubdate",
        "date_published",
        "publishDate",
        "created",
    ])
    .and_then(yaml_str);
    raw.source = get(&["source", "outlet", "site", "publication", "publisher"]).and_then(yaml_str);
    raw.url = get(&["url", "link", "canonical_url", "canonical"]).and_then(yaml_str);
    raw.lang = get(&["lang", "language"]).and_then(yaml_str);
    raw.description =
        get(&["description", "summary", "dek", "subtitle", "excerpt"]).and_then(yaml_str);
    raw.affiliation = get(&["affiliation"]).and_then(yaml_str);
}

/// Renders Markdown to plain paragraphs: one per paragraph, heading, list
/// item or code block; emphasis and link syntax dropped, link text kept.
fn blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let p = collapse_ws(cur);
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    for ev in Parser::new(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => cur.push_str(&t),
            Event::SoftBreak => cur.push(' '),
            Event::HardBreak => cur.push(' '),
            Event::Start(Tag::Item)
            | Event::Start(Tag::Paragraph)
            | Event::Start(Tag::Heading { .. }) => flush(&mut cur, &mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => flush(&mut cur, &mut out),
            _ => {}
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body() {
        let raw = read(
            "---\ntitle: \"The “No Limits” Partnership\"\nauthors: [Catherine Moreau, Priya Raman]\n\
             published: \"2023-11-02T08:30:00Z\"\noutlet: Meridian Policy Journal\n---\n\
             # The “No Limits” Partnership\n\nFirst *para* with a [link](https://x.org).\n\n\
             ## Heading\n\n- item one\n- item two\n\n> quoted text\n",
        );
        assert_eq!(raw.title.as_deref(), Some("The “No Limits” Partnership"));
        assert_eq!(raw.authors, vec!["Catherine Moreau", "Priya Raman"]);
        assert_eq!(raw.date.as_deref(), Some("2023-11-02T08:30:00Z"));
        assert_eq!(raw.source.as_deref(), Some("Meridian Policy Journal"));
        assert_eq!(
            raw.paragraphs,
            vec![
                "First para with a link.",
                "Heading",
                "item one",
                "item two",
                "quoted text"
            ]
        );
    }

    #[test]
    fn no_front_matter() {
        let raw = read("# Title\n\nBody.\n");
        assert_eq!(raw.title.as_deref(), Some("Title"));
        assert_eq!(raw.paragraphs, vec!["Body."]);
    }
}
