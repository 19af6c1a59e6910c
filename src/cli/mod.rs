//! The binary's glue: arguments → library calls → output and exit code.
//! The only place that uses `anyhow`.

pub mod args;
mod progress;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use pundit::date::{self, Bound};
use pundit::entities::Extractor;
use pundit::index::{PunditIndex, lookup};
use pundit::model::EntityType;
use pundit::output::{self, Style};
use pundit::pipeline::{self, IndexOptions};
use pundit::search::counts::{self, CountRequest};
use pundit::search::timeline::{self, Granularity};
use pundit::search::{self, SearchRequest, Sort};

use args::{
    Cli, ColorChoice, Command, CountFormat, DocFormat, KindArg, OutputFormat, SortBy, SummaryFormat,
};

/// Exit status: success or hits.
pub const OK: i32 = 0;
/// Exit status: the search found nothing.
pub const NO_HITS: i32 = 1;
/// Exit status: an error.
pub const ERROR: i32 = 2;

/// Runs the parsed command and returns the exit status.
pub fn run(cli: Cli) -> Result<i32> {
    let index_dir = cli
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from(".pundit"));
    match cli.command {
        Command::Index(a) => index(&index_dir, a),
        Command::Search(a) => search(&index_dir, a),
        Command::Show(a) => show(&index_dir, a),
        Command::Inspect(a) => inspect(&index_dir, a),
        Command::Stats(a) => stats(&index_dir, a),
        Command::Entities(a) => entities(&index_dir, a),
        Command::Timeline(a) => timeline(&index_dir, a),
        Command::Similar(a) => similar(&index_dir, a),
    }
}

fn style(choice: ColorChoice) -> Style {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    };
    Style { color }
}

fn open_existing(dir: &Path) -> Result<PunditIndex> {
    open_index(dir, false)
}

/// Opens the index, with its per-file records when `files`.
fn open_index(dir: &Path, files: bool) -> Result<PunditIndex> {
    let opened = if files {
        PunditIndex::open_with_files(dir)?
    } else {
        PunditIndex::open(dir)?
    };
    match opened {
        Some(ix) => Ok(ix),
        None => bail!(
            "no index at {}; build one with `pundit index PATH`, or pass PATHs to `pundit search`",
            dir.display()
        ),
    }
}

fn index(dir: &Path, a: args::IndexArgs) -> Result<i32> {
    let opts = IndexOptions {
        rebuild: a.rebuild,
        max_file_size: a.max_file_size.saturating_mul(1024 * 1024),
        entity_files: a.entities,
        threads: a.threads.unwrap_or(0),
        memory: a.memory.saturating_mul(1024 * 1024),
        commit_docs: a.commit_docs,
        commit_every: std::time::Duration::from_secs(a.commit_secs),
    };
    let bar = progress::Bar::new(a.quiet, a.verbose);
    let report = pipeline::sync_with(dir, &a.paths, &opts, &bar)?;
    for n in &report.notes {
        eprintln!("pundit: {n}");
    }
    if !a.quiet {
        for p in &report.skipped {
            eprintln!(
                "pundit: skipped {}: {}",
                output::sanitize(&p.path),
                output::sanitize(&p.reason)
            );
        }
        for p in &report.warnings {
            eprintln!(
                "pundit: {}: {}",
                output::sanitize(&p.path),
                output::sanitize(&p.reason)
            );
        }
    }
    let mut out = std::io::stdout().lock();
    output::write_report(&mut out, &report, a.format == SummaryFormat::Json)?;
    out.flush()?;
    let problems = !report.skipped.is_empty() || !report.warnings.is_empty();
    Ok(if a.strict && problems { ERROR } else { OK })
}

fn user_date(flag: &str, value: Option<&str>, bound: Bound) -> Result<Option<chrono::NaiveDate>> {
    value
        .map(|v| date::parse_user(v, bound).map_err(|m| anyhow::anyhow!("{flag}: {m}")))
        .transpose()
}

fn search(dir: &Path, a: args::SearchArgs) -> Result<i32> {
    // Validate everything the user typed before touching the index.
    pundit::search::parse::parse(&a.query).map_err(|e| query_error(&a.query, e))?;
    let since = user_date("--since", a.since.as_deref(), Bound::Start)?;
    let until = user_date("--until", a.until.as_deref(), Bound::End)?;
    let format = output_format(a.format);
    let fields = a
        .fields
        .as_deref()
        .map(|f| output::parse_fields(f, format))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let scopes = sync_for(dir, &a.paths)?;
    let ix = open_existing(dir)?;
    let req = SearchRequest {
        query: a.query.clone(),
        scopes,
        // Counting needs no hits.
        limit: if a.count { 1 } else { a.limit },
        offset: a.offset,
        snippets: if a.count || a.ids {
            0
        } else {
            usize::from(a.snippets)
        },
        snippet_chars: usize::from(a.snippet_chars),
        authors: a.author,
        entities: a.entity,
        sources: a.source,
        since,
        until,
        sort: match a.sort {
            SortBy::Relevance => Sort::Relevance,
            SortBy::Date => Sort::Date,
        },
    };
    let results = search::search(&ix, &req).map_err(|e| match e {
        pundit::Error::Query(q) => query_error(&a.query, q),
        e => e.into(),
    })?;
    let mut out = std::io::stdout().lock();
    if a.count {
        writeln!(out, "{}", results.total)?;
    } else if a.ids {
        for h in &results.hits {
            writeln!(out, "{}", h.id)?;
        }
    } else {
        output::write_results(
            &mut out,
            &results,
            format,
            style(a.color),
            fields.as_deref(),
        )?;
    }
    out.flush()?;
    Ok(if results.total > 0 { OK } else { NO_HITS })
}

/// With PATHs, brings the index up to date for them and returns their
/// absolute forms, to restrict results to them.
fn sync_for(dir: &Path, paths: &[PathBuf]) -> Result<Vec<String>> {
    let mut scopes = Vec::new();
    if paths.is_empty() {
        return Ok(scopes);
    }
    let report = match pipeline::sync(dir, paths, &IndexOptions::default()) {
        Ok(r) => r,
        // Someone else is updating the index: search what it has.
        Err(e @ pundit::Error::Locked { .. }) => {
            eprintln!("pundit: {e}; searching its last commit");
            Default::default()
        }
        Err(e) => return Err(e.into()),
    };
    for n in &report.notes {
        eprintln!("pundit: {n}");
    }
    if report.changed() {
        eprintln!(
            "pundit: index {} updated: {} added, {} updated, {} removed, {} skipped (`pundit index` lists them)",
            dir.display(),
            report.added,
            report.updated,
            report.removed,
            report.skipped.len()
        );
    }
    for p in paths {
        let abs = std::fs::canonicalize(p).with_context(|| format!("{}", p.display()))?;
        scopes.push(abs.to_string_lossy().into_owned());
    }
    Ok(scopes)
}

fn entities(dir: &Path, a: args::EntitiesArgs) -> Result<i32> {
    let query = a.query.unwrap_or_default();
    if !query.trim().is_empty() {
        pundit::search::parse::parse(&query).map_err(|e| query_error(&query, e))?;
    }
    let since = user_date("--since", a.since.as_deref(), Bound::Start)?;
    let until = user_date("--until", a.until.as_deref(), Bound::End)?;
    let scopes = sync_for(dir, &a.paths)?;
    let ix = open_existing(dir)?;
    let req = CountRequest {
        search: SearchRequest {
            query: query.clone(),
            scopes,
            since,
            until,
            ..SearchRequest::default()
        },
        kind: a.kind.map(|k| match k {
            KindArg::Person => EntityType::Person,
            KindArg::Org => EntityType::Org,
            KindArg::Place => EntityType::Place,
            KindArg::Misc => EntityType::Misc,
        }),
        with: a.with,
        top: usize::from(a.top),
    };
    let counts = counts::entity_counts(&ix, &req).map_err(|e| match e {
        pundit::Error::Query(q) => query_error(&query, q),
        e => e.into(),
    })?;
    let mut out = std::io::stdout().lock();
    match a.format {
        CountFormat::Pretty => output::write_entity_counts(&mut out, &counts)?,
        CountFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &counts)?;
            writeln!(out)?;
        }
        CountFormat::Csv => output::write_entity_counts_csv(&mut out, &counts)?,
    }
    out.flush()?;
    Ok(if counts.entities.is_empty() {
        NO_HITS
    } else {
        OK
    })
}

fn output_format(f: OutputFormat) -> output::Format {
    match f {
        OutputFormat::Pretty => output::Format::Pretty,
        OutputFormat::Json => output::Format::Json,
        OutputFormat::Jsonl => output::Format::JsonLines,
        OutputFormat::Csv => output::Format::Csv,
    }
}

fn similar(dir: &Path, a: args::SimilarArgs) -> Result<i32> {
    let ix = open_index(dir, true)?;
    let docs = lookup::find(&ix, &a.key)?;
    let doc = match docs.as_slice() {
        [one] => one,
        many => bail!(
            "{} holds {} articles; name one with FILE#N or its id",
            a.key,
            many.len()
        ),
    };
    let req = SearchRequest {
        limit: a.limit,
        offset: a.offset,
        snippets: usize::from(a.snippets),
        ..SearchRequest::default()
    };
    let results = pundit::search::similar::similar(&ix, doc, &req)?;
    let mut out = std::io::stdout().lock();
    output::write_results(
        &mut out,
        &results,
        output_format(a.format),
        style(a.color),
        None,
    )?;
    out.flush()?;
    Ok(if results.total > 0 { OK } else { NO_HITS })
}

fn timeline(dir: &Path, a: args::TimelineArgs) -> Result<i32> {
    if !a.query.trim().is_empty() {
        pundit::search::parse::parse(&a.query).map_err(|e| query_error(&a.query, e))?;
    }
    let scopes = sync_for(dir, &a.paths)?;
    let ix = open_existing(dir)?;
    let req = SearchRequest {
        query: a.query.clone(),
        scopes,
        entities: a.entity,
        authors: a.author,
        ..SearchRequest::default()
    };
    let by = match a.by {
        args::ByArg::Year => Granularity::Year,
        args::ByArg::Month => Granularity::Month,
        args::ByArg::Week => Granularity::Week,
    };
    let t = timeline::timeline(&ix, &req, by).map_err(|e| match e {
        pundit::Error::Query(q) => query_error(&a.query, q),
        e => e.into(),
    })?;
    let mut out = std::io::stdout().lock();
    match a.format {
        CountFormat::Pretty => {
            // COLUMNS when set, else the terminal's width, else 80.
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .or_else(|| {
                    console::Term::stdout()
                        .size_checked()
                        .map(|(_, cols)| usize::from(cols))
                })
                .unwrap_or(80);
            output::write_timeline(&mut out, &t, width)?
        }
        CountFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &t)?;
            writeln!(out)?;
        }
        CountFormat::Csv => output::write_timeline_csv(&mut out, &t)?,
    }
    out.flush()?;
    Ok(if t.total > 0 { OK } else { NO_HITS })
}

/// A query error with the query and a caret under the problem.
fn query_error(query: &str, e: pundit::error::QueryError) -> anyhow::Error {
    let shown = output::sanitize(query);
    let caret = " ".repeat(e.position.min(shown.chars().count()));
    anyhow::anyhow!("{e}\n  {shown}\n  {caret}^")
}

fn show(dir: &Path, a: args::ShowArgs) -> Result<i32> {
    let ix = open_index(dir, true)?;
    let docs = lookup::find(&ix, &a.key)?;
    let mut out = std::io::stdout().lock();
    match a.format {
        DocFormat::Json => output::write_documents_json(&mut out, &docs)?,
        DocFormat::Text => output::write_documents_text(&mut out, &docs, style(a.color))?,
    }
    out.flush()?;
    Ok(OK)
}

fn inspect(dir: &Path, a: args::InspectArgs) -> Result<i32> {
    // The lists the index would use: given ones, else those it remembers.
    let given = if a.entities.is_empty() {
        pundit::index::remembered_entity_files(dir)
    } else {
        a.entities.clone()
    };
    let lists = pundit::index::entity_lists(dir, &given);
    let names = Extractor::with_files(&lists.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
    let (docs, warnings) =
        pipeline::load_file(&a.file, a.max_file_size.saturating_mul(1024 * 1024), &names)?;
    for w in warnings {
        eprintln!("pundit: {}: {}", a.file.display(), w);
    }
    let mut out = std::io::stdout().lock();
    if pundit::ingest::Format::from_path(&a.file) == Some(pundit::ingest::Format::JsonLines) {
        for d in &docs {
            serde_json::to_writer(&mut out, d)?;
            writeln!(out)?;
        }
    } else {
        output::write_documents_json(&mut out, &docs)?;
    }
    out.flush()?;
    Ok(OK)
}

fn stats(dir: &Path, a: args::StatsArgs) -> Result<i32> {
    let ix = open_index(dir, true)?;
    let s = lookup::stats(&ix)?;
    let mut out = std::io::stdout().lock();
    output::write_stats(&mut out, &s, a.format == SummaryFormat::Json)?;
    out.flush()?;
    Ok(OK)
}
