//! Command-line arguments (clap derive). Doc comments here are the `--help`
//! text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search for folders of commentary: op-eds, analysis, blog posts
/// and news articles in text, Markdown, HTML and JSON.
#[derive(Debug, Parser)]
#[command(name = "pundit", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index directory [default: .pundit in the current directory]
    #[arg(long, global = true, env = "PUNDIT_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index for PATHs (files or folders).
    Index(IndexArgs),
    /// Search the index; with PATHs, first bring it up to date for them and
    /// only return documents under them.
    Search(SearchArgs),
    /// Print a stored document, by id or by file path (FILE#N for record N).
    Show(ShowArgs),
    /// Run the ingester on one file and print the normalized document(s) as
    /// JSON, without touching any index.
    Inspect(InspectArgs),
    /// Summarize the index: documents, authors, sources, dates, entities.
    Stats(StatsArgs),
    /// The entities most mentioned in the documents matching QUERY (all
    /// documents without one), or co-occurring most with --with NAME.
    Entities(EntitiesArgs),
    /// How many documents matching QUERY were published per year, month or
    /// week: a bar chart, or JSON/CSV rows.
    Timeline(TimelineArgs),
    /// The articles most like one (by id, path, or FILE#N): shared
    /// distinctive words and entities; output as `search`.
    Similar(SimilarArgs),
}

/// Output of commands that print a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Readable text.
    Pretty,
    /// One JSON object.
    Json,
}

/// `pundit index`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Summary format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Pretty)]
    pub format: SummaryFormat,
    /// Exit with status 2 if any file was skipped or had a bad record.
    #[arg(long)]
    pub strict: bool,
    /// Delete the index and build it from scratch.
    #[arg(long)]
    pub rebuild: bool,
    /// No progress bar, and no list of skipped files on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    pub max_file_size: u64,
    /// Your own entity list (TSV, see README; repeatable). Remembered for
    /// later runs; `entities.tsv` in the index directory is always read.
    #[arg(long = "entities", value_name = "FILE")]
    pub entities: Vec<PathBuf>,
    /// Threads for reading and indexing [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Memory budget of the index writer, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub memory: usize,
    /// Commit after this many new documents (an interrupted run keeps
    /// what it committed).
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub commit_docs: usize,
    /// Commit at least this often, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub commit_secs: u64,
    /// List each file's outcome on stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Search output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable, with highlighted snippets.
    Pretty,
    /// One JSON object: {query, total, took_ms, hits}.
    Json,
    /// One hit per line.
    Jsonl,
    /// One row per hit.
    Csv,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Hit order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

/// `pundit search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: keywords (all required), "exact phrases", OR, NOT/-word,
    /// (groups), title: author: entity: source: fields,
    /// date:[2024-01-01 TO 2024-06-30].
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Index these files or folders first and search only under them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Only articles by this author (repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,
    /// Only articles mentioning this entity, by name or alias, optionally
    /// typed: PERSON:Jordan (repeat: all required).
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Only articles from this outlet (repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortBy::Relevance)]
    pub sort: SortBy,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,
    /// When to colour matches.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Snippets per hit, best first (0 for none).
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u16).range(0..=20))]
    pub snippets: u16,
    /// About how many characters each snippet has.
    #[arg(long, value_name = "N", default_value_t = 160,
          value_parser = clap::value_parser!(u16).range(20..=2000))]
    pub snippet_chars: u16,
    /// Print only the number of matching documents.
    #[arg(long, conflicts_with_all = ["ids", "fields"])]
    pub count: bool,
    /// Print only the ids of the hits, one per line (for `pundit show`).
    #[arg(long, conflicts_with = "fields")]
    pub ids: bool,
    /// Only these fields in JSON, JSON Lines and CSV output, comma-separated
    /// (e.g. title,date,path).
    #[arg(long, value_name = "LIST")]
    pub fields: Option<String>,
}

/// Formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// The normalized document as JSON.
    Json,
    /// Readable text.
    Text,
}

/// `pundit show`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A document id, or the path of an indexed file.
    #[arg(value_name = "ID|PATH")]
    pub key: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DocFormat::Json)]
    pub format: DocFormat,
    /// When to use colour (text format).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `pundit inspect`
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The article file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Refuse files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    pub max_file_size: u64,
    /// Your own entity list (TSV, see README; repeatable), besides
    /// `entities.tsv` in the index directory.
    #[arg(long = "entities", value_name = "FILE")]
    pub entities: Vec<PathBuf>,
}

/// `pundit stats`
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Pretty)]
    pub format: SummaryFormat,
}

/// Formats of `entities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountFormat {
    /// A readable table.
    Pretty,
    /// One JSON object: {query, with, documents, entities: [{name, type, documents}]}.
    Json,
    /// A header row and one row per entity: name, type, documents.
    Csv,
}

/// Entity types, for `--type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum KindArg {
    /// People.
    Person,
    /// Organisations.
    Org,
    /// Places.
    Place,
    /// Weapons, programmes, treaties, strategies, events.
    Misc,
}

/// `pundit entities`
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Count over the documents matching this query (query language as in
    /// `search`); all documents when omitted or "".
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Index these files or folders first and count only under them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How many entities to list (1 to 10000).
    #[arg(long, default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=10_000))]
    pub top: u16,
    /// Only entities of this type.
    #[arg(long = "type", value_enum, value_name = "TYPE", ignore_case = true)]
    pub kind: Option<KindArg>,
    /// The entities that co-occur most with NAME (a name or alias).
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// Only documents published on or after DATE.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only documents published on or before DATE.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CountFormat::Pretty)]
    pub format: CountFormat,
}

/// Timeline periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// `2024`
    Year,
    /// `2024-05`
    Month,
    /// ISO weeks, `2024-W21`
    Week,
}

/// `pundit timeline`
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The documents to count (query language as in `search`; "" for all).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Index these files or folders first and count only under them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Period width.
    #[arg(long, value_enum, default_value_t = ByArg::Month)]
    pub by: ByArg,
    /// Only articles mentioning this entity (repeat: all required).
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Only articles by this author (repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,
    /// Output format: a bar chart, or JSON {query, by, total, undated,
    /// periods: [{period, count}]}, or CSV rows period,count.
    #[arg(long, value_enum, default_value_t = CountFormat::Pretty)]
    pub format: CountFormat,
}

/// `pundit similar`
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// A document id, or the path of an indexed file (FILE#N for record N).
    #[arg(value_name = "ID|PATH")]
    pub key: String,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,
    /// When to colour matches.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Snippets per hit (0 for none).
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(0..=20))]
    pub snippets: u16,
}
