//! Every field of the tantivy index, its options and its analyzer, in one
//! place. Bump [`SCHEMA_VERSION`] whenever anything here changes, so old
//! indexes are rebuilt, and [`NORMALIZER_VERSION`] when ingestion changes,
//! so files are read again.

use tantivy::Index;
use tantivy::schema::{
    DateOptions, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Version of the index format (these fields and analyzers); stored in the
/// manifest. A change rebuilds the index.
pub const SCHEMA_VERSION: u32 = 3;

/// Version of ingestion and normalization: bump it when the same file would
/// now give a different document. A change re-reads every file.
pub const NORMALIZER_VERSION: u32 = 5;

/// Analyzer for article text: words, lower case, accents folded, English
/// stems. Apostrophes and quotes of any shape split words the same way, so
/// `China's` and `China’s` index identically.
pub const TEXT_ANALYZER: &str = "pundit_en";
/// Analyzer for names (authors, outlets): like the text analyzer
/// without stemming.
pub const NAME_ANALYZER: &str = "pundit_name";
/// Analyzer for exact keys (entity names): the whole value, lower case,
/// accents folded.
pub const KEY_ANALYZER: &str = "pundit_key";

/// Returns the exact-match key of an entity name, optionally of one type
/// (`person:xi jinping`), as the key analyzer indexes it.
pub fn entity_key(name: &str, kind: Option<crate::model::EntityType>) -> String {
    thread_local! {
        static KEY: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(analyzer(KEY_ANALYZER));
    }
    let folded = KEY
        .with(|a| tokens(&mut a.borrow_mut(), name.trim()).pop())
        .unwrap_or_default();
    match kind {
        Some(k) => format!("{}:{folded}", k.as_str().to_ascii_lowercase()),
        None => folded,
    }
}

/// Handles to the index fields.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Document id (raw, stored).
    pub id: Field,
    /// File path (raw, stored): the key for deletes.
    pub path: Field,
    /// The file's path and each of its ancestor directories (raw): the key
    /// for restricting a search to PATHs.
    pub scope: Field,
    /// Headline (analyzed, positions).
    pub title: Field,
    /// Body, description, tagline and pull-quotes (analyzed, positions).
    pub body: Field,
    /// Author names (name analyzer, positions).
    pub author: Field,
    /// Exact entity keys: every canonical name and form, untyped and typed
    /// (`xi jinping`, `person:xi jinping`), for `entity:` filters.
    pub entity_key: Field,
    /// `/TYPE/Canonical name` facets, once per document, for counting.
    pub entity_facet: Field,
    /// Outlet (name analyzer, positions).
    pub source: Field,
    /// Publication date (indexed and fast, for ranges and sorting).
    pub date: Field,
    /// The whole normalized document as JSON (stored only).
    pub doc: Field,
}

/// Returns the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analyzed = |name: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(name)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        path: b.add_text_field("path", STRING | STORED),
        scope: b.add_text_field("scope", STRING),
        title: b.add_text_field("title", analyzed(TEXT_ANALYZER)),
        body: b.add_text_field("body", analyzed(TEXT_ANALYZER)),
        author: b.add_text_field("author", analyzed(NAME_ANALYZER)),
        entity_key: b.add_text_field(
            "entity_key",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEY_ANALYZER)
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        entity_facet: b.add_facet_field("entity_facet", FacetOptions::default()),
        source: b.add_text_field("source", analyzed(NAME_ANALYZER)),
        date: b.add_date_field("date", DateOptions::from(INDEXED).set_fast()),
        doc: b.add_text_field("doc", STORED),
    };
    (b.build(), fields)
}

/// Returns the analyzer registered under `name`.
pub fn analyzer(name: &str) -> TextAnalyzer {
    if name == KEY_ANALYZER {
        return TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
    }
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if name == TEXT_ANALYZER {
        base.filter(super::stem::CachedStemmer).build()
    } else {
        base.build()
    }
}

/// Registers pundit's analyzers on an index (needed on every open).
pub fn register(index: &Index) {
    for name in [TEXT_ANALYZER, NAME_ANALYZER, KEY_ANALYZER] {
        index.tokenizers().register(name, analyzer(name));
    }
}

/// Returns the analyzed tokens of `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}
