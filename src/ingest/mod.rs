//! Bytes of one article file → [`RawArticle`]s. Each format has its own
//! reader; all of them hand back fields as found and leave cleaning to
//! `normalize`. No tantivy here.

pub mod decode;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use std::path::Path;

use crate::error::IngestErrorKind;
use crate::model::RawArticle;

/// The file formats pundit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt`, `.text`).
    Text,
    /// Markdown with optional YAML front matter (`.md`, `.markdown`).
    Markdown,
    /// A saved web page (`.html`, `.htm`, `.xhtml`).
    Html,
    /// One article, an array of them, or an export wrapping an array (`.json`).
    Json,
    /// One article per line (`.jsonl`, `.ndjson`).
    JsonLines,
}

impl Format {
    /// Returns the format for a file name's extension, or `None` if pundit
    /// does not read such files.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" | "mdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        })
    }
}

/// What one file yielded: its articles, and problems with single records
/// that did not stop the rest (a bad line in a `.jsonl` file).
#[derive(Debug, Default)]
pub struct Ingested {
    /// The articles, in file order.
    pub articles: Vec<RawArticle>,
    /// One message per record that was skipped.
    pub warnings: Vec<String>,
}

/// Returns the CSS selector for a constant selector string.
pub(crate) fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).expect("static selector")
}

/// Parses the bytes of an article file of the given format (reading the
/// file and the size limit are `pipeline::load_file`'s job).
pub fn ingest_bytes(bytes: &[u8], format: Format) -> Result<Ingested, IngestErrorKind> {
    let (text, encoding) = decode::decode(bytes, format == Format::Html)?;
    let one = |a: RawArticle| Ingested {
        articles: vec![a],
        warnings: Vec::new(),
    };
    let mut got = match format {
        Format::Text => one(text::read(&text)),
        Format::Markdown => one(markdown::read(&text)),
        Format::Html => {
            let (article, warning) = html::read(&text);
            let mut got = one(article);
            got.warnings.extend(warning);
            got
        }
        Format::Json => json::read(&text)?,
        Format::JsonLines => json::read_lines(&text)?,
    };
    for a in &mut got.articles {
        a.provenance.encoding = Some(encoding.clone());
    }
    Ok(got)
}
