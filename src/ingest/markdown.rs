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
    match front {
        Some(Front::Yaml(f)) => apply_front_matter(&mut raw, f),
        Some(Front::Toml(f)) => apply_toml(&mut raw, f),
        None => {}
    }
    if front_found(&raw) {
        for slot in [
            &mut raw.provenance.title, &mut raw.provenance.authors, &mut raw.provenance.date,
            &mut raw.provenance.source,
        ] {
            *slot = Some("front matter".into());
        }
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

/// Front matter: YAML between `---` lines, or TOML between `+++` lines.
enum Front<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

/// Splits off front matter at the top of the text.
fn split_front_matter(text: &str) -> (Option<Front<'_>>, &str) {
    let t = text.trim_start_matches('\u{feff}');
    for (fence, close) in [("---\n", ["---", "..."]), ("+++\n", ["+++", "+++"])] {
        let Some(rest) = t.strip_prefix(fence) else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if close.contains(&line.trim_end()) {
                let inner = &rest[..offset];
                let body = rest[offset + line.len()..].trim_start_matches('\n');
                let front = if fence.starts_with('+') {
                    Front::Toml(inner)
                } else {
                    Front::Yaml(inner)
                };
                return (Some(front), body);
            }
            offset += line.len();
        }
    }
    (None, text)
}

fn apply_toml(raw: &mut RawArticle, front: &str) {
    let Ok(table) = front.parse::<toml::Table>() else {
        return;
    };
    let text = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Integer(i) => Some(i.to_string()),
        _ => None,
    };
    let get = |keys: &[&str]| keys.iter().find_map(|k| table.get(*k));
    raw.title = get(&["title", "headline"]).and_then(text);
    raw.authors = match get(&["authors", "author", "byline"]) {
        Some(toml::Value::Array(a)) => a.iter().filter_map(text).collect(),
        Some(v) => text(v).into_iter().collect(),
        None => Vec::new(),
    };
    raw.date = get(&["date", "published", "pubdate", "publishDate"]).and_then(text);
    raw.source = get(&["source", "outlet", "site", "publication", "publisher"]).and_then(text);
    raw.url = get(&["url", "link", "canonical_url"]).and_then(text);
    raw.lang = get(&["lang", "language"]).and_then(text);
    raw.description = get(&["description", "summary", "dek", "subtitle"]).and_then(text);
    raw.affiliation = get(&["affiliation"]).and_then(text);
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
        "date", "published", "pubdate", "date_published", "publishDate", "created",
    ])
    .and_then(yaml_str);
    raw.source = get(&["source", "outlet", "site", "publication", "publisher"]).and_then(yaml_str);
    raw.url = get(&["url", "link", "canonical_url", "canonical"]).and_then(yaml_str);
    raw.lang = get(&["lang", "language"]).and_then(yaml_str);
    raw.description =
        get(&["description", "summary", "dek", "subtitle", "excerpt"]).and_then(yaml_str);
    raw.affiliation = get(&["affiliation"]).and_then(yaml_str);
}

fn front_found(raw: &RawArticle) -> bool {
    raw.title.is_some() || !raw.authors.is_empty() || raw.date.is_some()
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
                "First para with a link.", "Heading", "item one", "item two", "quoted text"
            ]
        );
    }

    #[test]
    fn toml_front_matter() {
        let raw = read(
            "+++\ntitle = \"Housing\"\nauthor = \"Priya L\"\ndate = 2024-02-29\nsource = \"Maple\"\n+++\n\nBody text.\n",
        );
        assert_eq!(raw.title.as_deref(), Some("Housing"));
        assert_eq!(raw.authors, vec!["Priya L"]);
        assert_eq!(raw.date.as_deref(), Some("2024-02-29"));
        assert_eq!(raw.paragraphs, vec!["Body text."]);
    }

    #[test]
    fn no_front_matter() {
        let raw = read("# Title\n\nBody.\n");
        assert_eq!(raw.title.as_deref(), Some("Title"));
        assert_eq!(raw.paragraphs, vec!["Body."]);
    }
}
