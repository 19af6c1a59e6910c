//! pundit: full-text search for folders of commentary.
//!
//! Data flows one way:
//!
//! ```text
//! files ─ walk ─ ingest ─ RawArticle ─ normalize + entities ─ Document ─ index
//! query ─ search::query ─ tantivy ─ Hit + snippets ─ output
//! ```
//!
//! `ingest`, `normalize`, `entities` and `output` never see tantivy; only
//! `index` and `search` do. The binary (`src/main.rs`) only parses arguments
//! and calls [`pipeline::sync`], [`search::search`] and the printers here.
#![warn(missing_docs)]

pub mod date;
pub mod entities;
pub mod error;
pub mod fingerprint;
pub mod index;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod search;
pub mod walk;

pub use error::{Error, Result};
pub use model::{Document, Entity, Hit, Snippet};
