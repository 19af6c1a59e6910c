//! Integration tests: the real `pundit` binary on real files.

mod util;

mod index;
mod inspect;
mod json;
mod search;
