//! Plain text as analysts copy it: the first line is the title; byline, dek
//! and date lines may follow (taken apart in `normalize`).

use crate::model::RawArticle;
use crate::normalize::text::{clean_chars, paragraphs};

/// Reads a plain-text article.
pub fn read(text: &str) -> RawArticle {
    let text = clean_chars(text);
    // The header block (title, byline, date) is often written line by line
    // without blank lines between: give each short line its own paragraph.
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let mut paras = Vec::new();
    let mut header: Vec<&str> = Vec::new();
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        header.push(line);
    }
    let rest: String = lines.collect::<Vec<_>>().join("\n");
    if header.iter().all(|l| l.split_whitespace().count() <= 20) {
        paras.extend(header.iter().map(|l| l.trim().to_string()));
    } else {
        paras.extend(paragraphs(&header.join("\n")));
    }
    paras.extend(paragraphs(&rest));
    RawArticle {
        format: "text",
        paragraphs: paras,
        has_header_lines: true,
        ..Default::default()
    }
}
