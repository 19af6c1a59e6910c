//! The library's error types. Every error names what it is about: the file,
//! the index directory, or the position in the query.

use std::path::PathBuf;

/// Result with the crate-wide [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One article file could not be turned into documents.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The user's query is malformed.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The index could not be opened, read or written.
    #[error("index {}: {message}", dir.display())]
    Index {
        /// The index directory.
        dir: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The index was built with another index format; `pundit index`
    /// rebuilds it.
    #[error("index {}: built with index format {found}, this pundit uses {expected}; run `pundit index PATH…` to rebuild it", dir.display())]
    FormatChanged {
        /// The index directory.
        dir: PathBuf,
        /// Format of the index on disk.
        found: u32,
        /// Format this pundit writes.
        expected: u32,
    },
    /// Another process is writing to the index.
    #[error("index {}: another `pundit index`{holder} is writing to it; wait for it to finish", dir.display())]
    Locked {
        /// The index directory.
        dir: PathBuf,
        /// Which process holds it (" (pid 123 since …)"), when known.
        holder: String,
    },
    /// A document asked for by id or path is not in the index.
    #[error("no document {0} in the index")]
    NotFound(String),
    /// A file or directory given on the command line could not be used.
    #[error("{}: {error}", path.display())]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The underlying error (shown in the message, not chained, so
        /// it is not printed twice).
        error: std::io::Error,
    },
    /// A value given by the user (a date, a limit) is invalid.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// Returns an index error for `dir` with the given message.
    pub fn index(dir: impl Into<PathBuf>, message: impl std::fmt::Display) -> Error {
        Error::Index {
            dir: dir.into(),
            message: message.to_string(),
        }
    }
}

/// Why one article file was skipped.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct IngestError {
    /// The file.
    pub path: PathBuf,
    /// The reason.
    pub kind: IngestErrorKind,
}

/// The reasons a file is skipped.
#[derive(Debug, thiserror::Error)]
pub enum IngestErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Read(#[from] std::io::Error),
    /// The file has no content.
    #[error("empty file")]
    Empty,
    /// The file holds binary data, not text.
    #[error("binary content, not text")]
    Binary,
    /// A JSON file that does not parse.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The file parsed but yielded no article text.
    #[error("no article text found")]
    NoText,
    /// A multi-record file none of whose records could be used.
    #[error("no usable record: {0}")]
    Records(String),
    /// The file is over the size limit.
    #[error("{0}")]
    TooLarge(String),
    /// The extension is not one pundit reads.
    #[error("unsupported file type")]
    Unsupported,
}

impl IngestError {
    /// Returns an error for `path` of the given kind.
    pub fn new(path: impl Into<PathBuf>, kind: IngestErrorKind) -> IngestError {
        IngestError {
            path: path.into(),
            kind,
        }
    }

    /// Returns a short reason, without the path.
    pub fn reason(&self) -> String {
        self.kind.to_string()
    }
}

/// A malformed query, with the character position (0-based, in Unicode
/// scalar values) where the problem was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query error at column {}: {message}", position + 1)]
pub struct QueryError {
    /// 0-based character offset into the query.
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

impl QueryError {
    /// Returns an error at `position` with `message`.
    pub fn new(position: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            position,
            message: message.into(),
        }
    }
}
