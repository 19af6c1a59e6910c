//! Human-readable output. Matches are coloured when colour is on and
//! wrapped in `**…**` when it is off, so they stay visible in a pipe. Every
//! string from an article is sanitized: control characters and escape
//! sequences never reach the terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects};

use crate::model::{Document, EntityCounts, Hit, IndexReport, SearchResults, Stats, Timeline};

/// Whether to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
}

const PATH: anstyle::Style = AnsiColor::Magenta.on_default();
const TITLE: anstyle::Style = anstyle::Style::new().effects(Effects::BOLD);
const META: anstyle::Style = anstyle::Style::new().effects(Effects::DIMMED);
const MATCH: anstyle::Style = AnsiColor::Red.on_default().effects(Effects::BOLD);

/// Returns `s` without control characters (escape sequences included) and
/// bidi overrides.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Drop a CSI/OSC sequence whole, not just its ESC.
            if chars.peek() == Some(&'[') {
                chars.next();
                for n in chars.by_ref() {
                    if ('@'..='~').contains(&n) {
                        break;
                    }
                }
            } else if chars.peek() == Some(&']') {
                for n in chars.by_ref() {
                    if n == '\u{7}' {
                        break;
                    }
                }
            }
            continue;
        }
        if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            if c == '\n' || c == '\t' {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn paint(w: &mut dyn Write, text: &str, st: anstyle::Style, style: Style) -> io::Result<()> {
    if style.color {
        write!(w, "{}{}{}", st.render(), text, st.render_reset())
    } else {
        write!(w, "{text}")
    }
}

/// Writes `text` with the code-point ranges in `marks` highlighted.
fn marked(
    w: &mut dyn Write,
    text: &str,
    marks: &[[usize; 2]],
    base: anstyle::Style,
    style: Style,
) -> io::Result<()> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    for &[s, e] in marks {
        let (s, e) = (s.min(chars.len()), e.min(chars.len()));
        if s < at {
            continue;
        }
        paint(
            w,
            &sanitize(&chars[at..s].iter().collect::<String>()),
            base,
            style,
        )?;
        let m = sanitize(&chars[s..e].iter().collect::<String>());
        if style.color {
            paint(w, &m, MATCH, style)?;
        } else {
            write!(w, "**{m}**")?;
        }
        at = e;
    }
    paint(
        w,
        &sanitize(&chars[at..].iter().collect::<String>()),
        base,
        style,
    )
}

fn byline(h_authors: &[String], date: Option<&str>, source: Option<&str>) -> String {
    let mut parts = Vec::new();
    if !h_authors.is_empty() {
        parts.push(h_authors.join(", "));
    }
    parts.extend(date.map(str::to_string));
    parts.extend(source.map(str::to_string));
    sanitize(&parts.join(" · "))
}

fn hit(w: &mut dyn Write, h: &Hit, style: Style) -> io::Result<()> {
    let path = match h.record {
        Some(n) => format!("{}#{n}", h.path),
        None => h.path.clone(),
    };
    paint(w, &sanitize(&path), PATH, style)?;
    writeln!(w)?;
    marked(w, &h.title, &h.title_highlights, TITLE, style)?;
    writeln!(w)?;
    let meta = byline(&h.authors, h.date.as_deref(), h.source.as_deref());
    if !meta.is_empty() {
        paint(w, &meta, META, style)?;
        writeln!(w)?;
    }
    for s in &h.snippets {
        write!(w, "  ")?;
        marked(w, &s.text, &s.highlights, anstyle::Style::new(), style)?;
        writeln!(w)?;
    }
    writeln!(w)
}

/// Writes search results for a terminal.
pub fn results(w: &mut dyn Write, r: &SearchResults, style: Style) -> io::Result<()> {
    for h in &r.hits {
        hit(w, h, style)?;
    }
    let shown = r.hits.len();
    let summary = match r.total {
        0 => "no hits".to_string(),
        t if shown == t => format!("{t} hit{}", if t == 1 { "" } else { "s" }),
        t => format!("{shown} of {t} hits"),
    };
    paint(w, &format!("{summary} ({} ms)", r.took_ms), META, style)?;
    writeln!(w)
}

/// Writes one document as text.
pub fn document(w: &mut dyn Write, d: &Document, style: Style) -> io::Result<()> {
    paint(w, &sanitize(&d.title), TITLE, style)?;
    writeln!(w)?;
    let meta = byline(&d.authors, d.date.as_deref(), d.source.as_deref());
    if !meta.is_empty() {
        paint(w, &meta, META, style)?;
        writeln!(w)?;
    }
    let mut info = vec![format!("id {}", d.id), sanitize(&d.path)];
    info.extend(d.url.as_deref().map(sanitize));
    paint(w, &info.join(" · "), META, style)?;
    writeln!(w)?;
    if let Some(desc) = &d.description {
        writeln!(w, "\n{}", sanitize(desc))?;
    }
    writeln!(w)?;
    for p in d.body.split("\n\n") {
        writeln!(w, "{}\n", sanitize(p))?;
    }
    if let Some(t) = &d.tagline {
        paint(w, &sanitize(t), META, style)?;
        writeln!(w)?;
    }
    if !d.entities.is_empty() {
        let names: Vec<String> = d
            .entities
            .iter()
            .take(15)
            .map(|e| format!("{} ({})", e.name, e.count))
            .collect();
        paint(
            w,
            &sanitize(&format!("Entities: {}", names.join(", "))),
            META,
            style,
        )?;
        writeln!(w)?;
    }
    Ok(())
}

/// Writes the summary of an index run.
pub fn report(w: &mut dyn Write, r: &IndexReport) -> io::Result<()> {
    writeln!(
        w,
        "index {} updated in {:.2} s",
        sanitize(&r.index),
        r.seconds
    )?;
    writeln!(
        w,
        "  added {}, updated {}, removed {}, unchanged {}, skipped {}, duplicates {}, ignored {}",
        r.added,
        r.updated,
        r.removed,
        r.unchanged,
        r.skipped.len(),
        r.duplicates.len(),
        r.ignored
    )?;
    for n in &r.notes {
        writeln!(w, "  note: {}", sanitize(n))?;
    }
    // A long list is cut: --format json has all of it.
    const SHOWN: usize = 20;
    let more = |w: &mut dyn Write, n: usize, what: &str| -> io::Result<()> {
        if n > SHOWN {
            writeln!(
                w,
                "  … and {} more {what} (`--format json` lists them all)",
                n - SHOWN
            )?;
        }
        Ok(())
    };
    for p in r.skipped.iter().take(SHOWN) {
        writeln!(
            w,
            "  skipped {}: {}",
            sanitize(&p.path),
            sanitize(&p.reason)
        )?;
    }
    more(w, r.skipped.len(), "skipped")?;
    for p in r.warnings.iter().take(SHOWN) {
        writeln!(
            w,
            "  warning {}: {}",
            sanitize(&p.path),
            sanitize(&p.reason)
        )?;
    }
    more(w, r.warnings.len(), "warnings")?;
    for d in r.duplicates.iter().take(SHOWN) {
        writeln!(
            w,
            "  duplicate {} (same article as {})",
            sanitize(&d.path),
            sanitize(&d.of)
        )?;
    }
    more(w, r.duplicates.len(), "duplicates")?;
    writeln!(w, "  {} documents in the index", r.documents)
}

/// Writes index statistics.
pub fn stats(w: &mut dyn Write, s: &Stats) -> io::Result<()> {
    let list = |v: &[crate::model::NameCount]| {
        v.iter()
            .map(|n| format!("{} ({})", sanitize(&n.name), n.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(w, "index       {}", sanitize(&s.index))?;
    writeln!(w, "documents   {} from {} files", s.documents, s.files)?;
    match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => writeln!(w, "dates       {a} to {b} ({} undated)", s.undated)?,
        _ => writeln!(w, "dates       none ({} undated)", s.undated)?,
    }
    writeln!(w, "authors     {}: {}", s.authors, list(&s.top_authors))?;
    writeln!(w, "sources     {}: {}", s.sources.len(), list(&s.sources))?;
    writeln!(w, "entities    {}", list(&s.top_entities))?;
    writeln!(w, "index size  {:.1} MB", s.index_bytes as f64 / 1e6)
}

/// Entity counts: one line per entity, counts right-aligned.
pub fn entity_counts(w: &mut dyn Write, c: &EntityCounts) -> io::Result<()> {
    let scope = match &c.with {
        Some(n) => format!(" that also mention {}", sanitize(n)),
        None => String::new(),
    };
    writeln!(w, "{} documents{scope}", c.documents)?;
    let width = c
        .entities
        .first()
        .map_or(1, |e| e.documents.to_string().len());
    for e in &c.entities {
        writeln!(
            w,
            "{:>width$}  {:<6}  {}",
            e.documents,
            e.kind.as_str(),
            sanitize(&e.name)
        )?;
    }
    Ok(())
}

/// A timeline as labelled Unicode bars scaled to `width` columns.
pub fn timeline(w: &mut dyn Write, t: &Timeline, width: usize) -> io::Result<()> {
    writeln!(
        w,
        "{} documents by {}{}",
        t.total,
        t.by,
        if t.undated > 0 {
            format!(", {} undated", t.undated)
        } else {
            String::new()
        }
    )?;
    let label = t.periods.iter().map(|p| p.period.len()).max().unwrap_or(4);
    let max = t.periods.iter().map(|p| p.count).max().unwrap_or(0).max(1);
    let digits = max.to_string().len();
    // Label, space, bar, space, count.
    let room = width.saturating_sub(label + digits + 2).max(10);
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    for p in &t.periods {
        let eighths = (p.count as u128 * room as u128 * 8 / max as u128) as usize;
        let bar = format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8]);
        writeln!(
            w,
            "{:<label$} {bar}{} {}",
            p.period,
            " ".repeat(room.saturating_sub(bar.chars().count())),
            p.count
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_removed() {
        assert_eq!(
            sanitize("a\u{1b}[31mred\u{1b}[0m b\u{1b}]0;title\u{7}c\u{202E}d"),
            "ared bcd"
        );
    }

    #[test]
    fn highlights_visible_without_colour() {
        let mut out = Vec::new();
        marked(
            &mut out,
            "the “no limits” pact",
            &[[5, 14]],
            anstyle::Style::new(),
            Style { color: false },
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "the “**no limits**” pact");
    }
}
