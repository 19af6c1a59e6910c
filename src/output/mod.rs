//! Printing results: pretty (terminal), JSON, JSON Lines and CSV. Works on
//! the plain data of [`crate::model`] and writes to any `io::Write`; never
//! sees tantivy.

mod pretty;

use std::io::{self, Write};

use crate::model::{Document, EntityCounts, Hit, IndexReport, SearchResults, Stats};
pub use pretty::{Style, sanitize};

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable, with colour when enabled.
    Pretty,
    /// One JSON object.
    Json,
    /// One JSON object per hit, per line.
    JsonLines,
    /// One CSV row per hit, with a header row.
    Csv,
}

/// Writes search results in `format`.
pub fn write_results(
    w: &mut dyn Write,
    r: &SearchResults,
    format: Format,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::results(w, r, style),
        Format::Json => {
            serde_json::to_writer(&mut *w, r)?;
            writeln!(w)
        }
        Format::JsonLines => {
            for h in &r.hits {
                serde_json::to_writer(&mut *w, h)?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Csv => write_csv(w, &r.hits),
    }
}

fn write_csv(w: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let mut c = csv::Writer::from_writer(w);
    c.write_record([
        "id", "path", "title", "authors", "date", "source", "score", "snippet",
    ])?;
    for h in hits {
        let snippet = h.snippets.first().map(|s| s.text.as_str()).unwrap_or("");
        c.write_record([
            h.id.as_str(),
            h.path.as_str(),
            h.title.as_str(),
            h.authors.join("; ").as_str(),
            h.date.as_deref().unwrap_or(""),
            h.source.as_deref().unwrap_or(""),
            format!("{:.4}", h.score).as_str(),
            snippet,
        ])?;
    }
    c.flush()
}

/// Writes documents as JSON: one pretty-printed object for a single
/// document, one compact object per line for several.
pub fn write_documents_json(w: &mut dyn Write, docs: &[Document]) -> io::Result<()> {
    if let [one] = docs {
        serde_json::to_writer_pretty(&mut *w, one)?;
        return writeln!(w);
    }
    for d in docs {
        serde_json::to_writer(&mut *w, d)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Writes documents as readable text.
pub fn write_documents_text(w: &mut dyn Write, docs: &[Document], style: Style) -> io::Result<()> {
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            writeln!(w, "\n{}\n", "─".repeat(40))?;
        }
        pretty::document(w, d, style)?;
    }
    Ok(())
}

/// Writes the summary of an index run.
pub fn write_report(w: &mut dyn Write, r: &IndexReport, json: bool) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *w, r)?;
        return writeln!(w);
    }
    pretty::report(w, r)
}

/// Writes index statistics.
pub fn write_stats(w: &mut dyn Write, s: &Stats, json: bool) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *w, s)?;
        return writeln!(w);
    }
    pretty::stats(w, s)
}

/// Writes entity counts as a readable table.
pub fn write_entity_counts(w: &mut dyn Write, c: &EntityCounts) -> io::Result<()> {
    pretty::entity_counts(w, c)
}

/// Writes entity counts as CSV: `name, type, documents`.
pub fn write_entity_counts_csv(w: &mut dyn Write, c: &EntityCounts) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["name", "type", "documents"])?;
    for e in &c.entities {
        out.write_record([
            e.name.as_str(),
            e.kind.as_str(),
            e.documents.to_string().as_str(),
        ])?;
    }
    out.flush()
}
