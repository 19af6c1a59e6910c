//! How much of ingestion the entity extractor takes: reads every article
//! under the given folders into memory, then times, over several rounds,
//! (a) the whole per-file pipeline (decode, extract, normalize, entities)
//! and (b) the entity extractor alone on the same documents. Prints the
//! medians and the share (b)/(a). Run by `bench/entities.sh`.
//!
//! Usage: cargo run --release --example entity_share -- [--rounds N] DIR...
//! (with ONLY_ENTITIES=1 in the environment, only the extractor runs: for
//! profiling it, e.g. under `perf record`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use pundit::entities::Extractor;

// The allocator pundit's binary uses, so the figures are the index run's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use pundit::pipeline;
use pundit::walk::{self, Walked};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut rounds = 7;
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rounds" {
            rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds);
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: entity_share [--rounds N] DIR...");
        std::process::exit(2);
    }
    let mut found = Walked::default();
    for d in &dirs {
        let root = walk::absolute(d).expect("folder exists");
        walk::walk(&root, &root.join(".no-index"), &mut found);
    }
    let files: Vec<(PathBuf, Vec<u8>)> = found
        .files
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let x = Extractor::bundled();
    // Warm up: builds the gazetteer's automaton, fills caches.
    let mut docs = Vec::new();
    for (p, b) in &files {
        if let Ok((d, _)) = pipeline::load_bytes(p, b, &x) {
            docs.extend(d);
        }
    }
    let (mut full, mut ents) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        if std::env::var_os("ONLY_ENTITIES").is_none() {
            for (p, b) in &files {
                let _ = std::hint::black_box(pipeline::load_bytes(p, b, &x));
            }
        }
        full.push(t.elapsed());
        let t = Instant::now();
        for d in docs.iter_mut() {
            x.annotate(d);
        }
        ents.push(t.elapsed());
    }
    let (full, ents) = (median(full), median(ents));
    // Words the entity stage reads: title, body, pull quotes, tagline.
    let words: usize = docs
        .iter()
        .map(|d| {
            std::iter::once(&d.title)
                .chain(std::iter::once(&d.body))
                .chain(d.pull_quotes.iter())
                .chain(d.tagline.iter())
                .map(|t| t.split_whitespace().count())
                .sum::<usize>()
        })
        .sum();
    println!(
        "{} files, {} documents, {:.1} MB; median of {rounds} rounds, one thread",
        files.len(),
        docs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "ingest, whole pipeline: {:>8.1} ms  ({:.0} docs/s, {:.1} MB/s)",
        full.as_secs_f64() * 1e3,
        docs.len() as f64 / full.as_secs_f64(),
        bytes as f64 / 1e6 / full.as_secs_f64()
    );
    println!(
        "entities alone:         {:>8.1} ms  ({:.0} docs/s, {:.2} M words/s on one core, {words} words)",
        ents.as_secs_f64() * 1e3,
        docs.len() as f64 / ents.as_secs_f64(),
        words as f64 / ents.as_secs_f64() / 1e6
    );
    println!(
        "entity share of ingest: {:.1} %",
        100.0 * ents.as_secs_f64() / full.as_secs_f64()
    );
}
