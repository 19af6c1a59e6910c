//! Integration tests: the real `pundit` binary on real files.

mod util;

mod entities;
mod faults;
mod fixtures_ingest;
mod index;
mod inspect;
mod json;
mod ner;
mod search;
