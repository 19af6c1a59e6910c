//! Plain data passed between the stages: what ingest produces, what the
//! index stores and what search returns. No I/O here.

use serde::{Deserialize, Serialize};

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: government body, company, party, think tank.
    Org,
    /// A country, region, city or geographic feature.
    Place,
    /// Anything else worth tracking: weapons systems, programmes, treaties.
    Misc,
}

impl EntityType {
    /// Every type, in display order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Place,
        EntityType::Misc,
    ];

    /// Its position in [`EntityType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Splits a typed entity name (`PERSON:Jordan`) into its type and name;
    /// a name without a type prefix is returned whole.
    pub fn split(value: &str) -> (Option<EntityType>, &str) {
        match value.split_once(':') {
            Some((t, name)) if EntityType::parse(t).is_some() => (EntityType::parse(t), name),
            _ => (None, value),
        }
    }

    /// Reads `PERSON`, `ORG`, `PLACE` or `MISC`, in any case.
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }

    /// Returns the upper-case name used in JSON and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Misc => "MISC",
        }
    }
}

/// A named entity found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Mentions in the document (title, body, tagline and pull quotes).
    pub count: usize,
    /// The spellings seen in this document, most used first, without
    /// titles ("Putin", "Vladimir Putin" under "Vladimir Putin").
    #[serde(default)]
    pub forms: Vec<String>,
}

/// A normalized article: the unit pundit indexes and returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id derived from the normalized title and body (16 hex digits).
    pub id: String,
    /// The file the document came from.
    pub path: String,
    /// Where the document sits in a multi-document file: its line number in
    /// `.jsonl`, its position (from 1) among a `.json` array's objects;
    /// `None` for single-article files.
    pub record: Option<usize>,
    /// The file format: `text`, `markdown`, `html` or `json`.
    pub format: String,
    /// Headline, without any site-name suffix.
    pub title: String,
    /// A short standfirst or description, when the article has one.
    pub description: Option<String>,
    /// Author names, in byline order.
    pub authors: Vec<String>,
    /// The author's stated affiliation (from a tagline or byline).
    pub affiliation: Option<String>,
    /// Publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    /// Canonical URL of the article, when known.
    pub url: Option<String>,
    /// Language code (ISO 639-1 where one exists).
    pub lang: Option<String>,
    /// The clean article text, paragraphs separated by blank lines, without
    /// the title.
    pub body: String,
    /// An end tagline about the author ("Mr. Jones is president of …"),
    /// kept out of the body but searchable.
    pub tagline: Option<String>,
    /// Pull-quotes lifted out of the text flow.
    pub pull_quotes: Vec<String>,
    /// Named entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// Where each metadata field came from, and how the file was decoded.
    pub provenance: Provenance,
    /// Other files holding the same article (exact copies and
    /// near-duplicates), which are not indexed separately. Filled by `show`.
    #[serde(default)]
    pub also_at: Vec<String>,
}

/// Where a document's metadata was found: `json-ld`, `meta:og:title`,
/// `time`, `byline`, `tagline`, `dateline`, `file name`, `front matter`,
/// `url`… `None` when the field is empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Source of `title`.
    pub title: Option<String>,
    /// Source of `authors`.
    pub authors: Option<String>,
    /// Source of `date`.
    pub date: Option<String>,
    /// Source of `source` (the outlet).
    pub source: Option<String>,
    /// Source of `lang`: `declared` or `detected`.
    pub lang: Option<String>,
    /// The text encoding and how it was chosen (`UTF-8`, `windows-1252
    /// (detected)`, `ISO-8859-1 (declared)`…).
    pub encoding: Option<String>,
}

/// A highlighted passage of a hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    /// The passage, with `…` where text was cut.
    pub text: String,
    /// `[start, end)` ranges of matched words in `text`, in Unicode code
    /// points.
    pub highlights: Vec<[usize; 2]>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// File path, relative to the current directory when below it.
    pub path: String,
    /// Position inside a multi-document file, or `None`.
    pub record: Option<usize>,
    /// Headline.
    pub title: String,
    /// `[start, end)` code-point ranges of query matches in `title`.
    pub title_highlights: Vec<[usize; 2]>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date as `YYYY-MM-DD`, or `None`.
    pub date: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    /// Article URL, when known.
    pub url: Option<String>,
    /// Named entities with mention counts.
    pub entities: Vec<Entity>,
    /// Relevance score (BM25; higher is better).
    pub score: f32,
    /// Highlighted passages, best first.
    pub snippets: Vec<Snippet>,
}

/// What an ingester read from one article, before normalization: every
/// field as found, untrusted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// `text`, `markdown`, `html` or `json`.
    pub format: &'static str,
    /// 1-based position inside a multi-document file.
    pub record: Option<usize>,
    /// Headline as found.
    pub title: Option<String>,
    /// Standfirst or description.
    pub description: Option<String>,
    /// Author names as found (bylines already split).
    pub authors: Vec<String>,
    /// Affiliation when the source states it.
    pub affiliation: Option<String>,
    /// The date as written.
    pub date: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Declared language.
    pub lang: Option<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Whether the body's first lines may hold a title, byline and date
    /// (plain text) that normalization should take apart.
    pub has_header_lines: bool,
    /// Where the fields above were found (filled by the ingester; the
    /// normalizer adds what it finds itself).
    pub provenance: Provenance,
}

/// A file or record that was not indexed, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Problem {
    /// The file (relative to the current directory when below it).
    pub path: String,
    /// Why.
    pub reason: String,
}

/// A document found again in another file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Duplicate {
    /// The file holding the copy.
    pub path: String,
    /// The document id.
    pub id: String,
    /// The file whose copy is indexed.
    pub of: String,
}

/// The outcome of an index run.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct IndexReport {
    /// The index directory.
    pub index: String,
    /// Files indexed for the first time.
    pub added: usize,
    /// Files re-ingested because they changed.
    pub updated: usize,
    /// Files gone from under the PATHs, removed from the index.
    pub removed: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files not indexed (unreadable, empty, binary, unparsable).
    pub skipped: Vec<Problem>,
    /// Records skipped inside files that were otherwise indexed.
    pub warnings: Vec<Problem>,
    /// Documents already indexed from another file.
    pub duplicates: Vec<Duplicate>,
    /// Files with extensions pundit does not read.
    pub ignored: usize,
    /// Documents in the whole index after the run.
    pub documents: u64,
    /// What the run had to do besides the files: a rebuild after a format
    /// change, re-reading after a normalizer change.
    pub notes: Vec<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl IndexReport {
    /// Returns true if anything in the index changed.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// What a search found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching documents (all pages).
    pub total: usize,
    /// Milliseconds the search took, snippets included.
    pub took_ms: u64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
}

/// A name with the number of documents it appears in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name.
    pub name: String,
    /// Documents.
    pub count: usize,
}

/// An overview of an index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// The index directory.
    pub index: String,
    /// Documents.
    pub documents: usize,
    /// Files the documents came from (duplicates included).
    pub files: usize,
    /// Distinct authors.
    pub authors: usize,
    /// Most prolific authors.
    pub top_authors: Vec<NameCount>,
    /// Sources with their document counts.
    pub sources: Vec<NameCount>,
    /// Earliest publication date.
    pub first_date: Option<String>,
    /// Latest publication date.
    pub last_date: Option<String>,
    /// Documents without a date.
    pub undated: usize,
    /// Entities in the most documents.
    pub top_entities: Vec<NameCount>,
    /// Size of the index directory in bytes.
    pub index_bytes: u64,
}

/// How many matching documents mention one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCount {
    /// Canonical name.
    pub name: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Matching documents that mention it.
    pub documents: u64,
}

/// The answer of `pundit entities`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCounts {
    /// The query (empty: every document).
    pub query: String,
    /// The entity every counted document mentions (`--with`).
    pub with: Option<String>,
    /// Documents counted.
    pub documents: u64,
    /// The entities, most mentioned first.
    pub entities: Vec<EntityCount>,
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// `2024`, `2024-05` or `2024-W21`.
    pub period: String,
    /// Matching documents published in it.
    pub count: u64,
}

/// The answer of `pundit timeline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// The query (empty: every document).
    pub query: String,
    /// `year`, `month` or `week`.
    pub by: String,
    /// Matching documents, dated or not.
    pub total: u64,
    /// Matching documents without a date.
    pub undated: u64,
    /// The periods from the first dated match to the last, empty ones too.
    pub periods: Vec<Period>,
}
