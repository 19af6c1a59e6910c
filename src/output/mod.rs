//! Printing results: pretty (terminal), JSON, JSON Lines and CSV. Works on
//! the plain data of [`crate::model`] and writes to any `io::Write`; never
//! sees tantivy.

mod pretty;

use std::io::{self, Write};

use crate::model::{Document, EntityCounts, Hit, IndexReport, SearchResults, Stats, Timeline};
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

/// The fields of a hit that `--fields` may name, in output order.
pub const HIT_FIELDS: &[&str] = &[
    "id", "path", "record", "title", "title_highlights", "authors", "date", "source", "url",
    "entities", "score", "snippets",
];

/// The columns of CSV output, in order.
pub const CSV_FIELDS: &[&str] = &[
    "id", "path", "title", "authors", "date", "source", "score", "snippet",
];

/// Checks a `--fields` list against the fields `format` has; returns them,
/// or a message naming the unknown one.
pub fn parse_fields(list: &str, format: Format) -> Result<Vec<String>, String> {
    let known = if format == Format::Csv {
        CSV_FIELDS
    } else {
        HIT_FIELDS
    };
    let mut out = Vec::new();
    for f in list.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        if !known.contains(&f) {
            return Err(format!(
                "--fields: unknown field {f:?}; fields are {}",
                known.join(", ")
            ));
        }
        out.push(f.to_string());
    }
    if out.is_empty() {
        return Err("--fields: name at least one field".into());
    }
    Ok(out)
}

/// A hit as JSON, with only `fields` when given.
fn hit_json(h: &Hit, fields: Option<&[String]>) -> serde_json::Value {
    let mut v = serde_json::to_value(h).unwrap_or_default();
    if let (Some(fields), Some(obj)) = (fields, v.as_object_mut()) {
        obj.retain(|k, _| fields.iter().any(|f| f == k));
    }
    v
}

/// Writes search results in `format`; `fields` trims JSON, JSON Lines and
/// CSV output to the fields named (see [`parse_fields`]).
pub fn write_results(
    w: &mut dyn Write,
    r: &SearchResults,
    format: Format,
    style: Style,
    fields: Option<&[String]>,
) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::results(w, r, style),
        Format::Json => {
            let mut v = serde_json::to_value(r).unwrap_or_default();
            v["hits"] = r.hits.iter().map(|h| hit_json(h, fields)).collect();
            serde_json::to_writer(&mut *w, &v)?;
            writeln!(w)
        }
        Format::JsonLines => {
            for h in &r.hits {
                serde_json::to_writer(&mut *w, &hit_json(h, fields))?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Csv => write_csv(w, &r.hits, fields),
    }
}

fn write_csv(w: &mut dyn Write, hits: &[Hit], fields: Option<&[String]>) -> io::Result<()> {
    let all: Vec<String> = CSV_FIELDS.iter().map(|f| f.to_string()).collect();
    let fields = fields.unwrap_or(&all);
    let mut c = csv::Writer::from_writer(w);
    c.write_record(fields)?;
    for h in hits {
        let row = fields.iter().map(|f| match f.as_str() {
            "id" => h.id.clone(),
            "path" => h.path.clone(),
            "title" => h.title.clone(),
            "authors" => h.authors.join("; "),
            "date" => h.date.clone().unwrap_or_default(),
            "source" => h.source.clone().unwrap_or_default(),
            "score" => format!("{:.4}", h.score),
            _ => h
                .snippets
                .first()
                .map(|s| s.text.clone())
                .unwrap_or_default(),
        });
        c.write_record(row)?;
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

/// Writes a timeline as a bar chart `width` columns wide.
pub fn write_timeline(w: &mut dyn Write, t: &Timeline, width: usize) -> io::Result<()> {
    pretty::timeline(w, t, width)
}

/// Writes a timeline as CSV: `period, count`.
pub fn write_timeline_csv(w: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["period", "count"])?;
    for p in &t.periods {
        out.write_record([p.period.as_str(), p.count.to_string().as_str()])?;
    }
    out.write_record(["undated", t.undated.to_string().as_str()])?;
    out.flush()
}
