//! Document-level entity quality against a gold file: each line names an
//! article (`path`, `record`) and lists its distinct entities (`name`,
//! `type`, `aliases`). A predicted entity is right when its name or one of
//! its forms equals a gold entity's name or alias (case-insensitively, or
//! the gazetteer's canonical name for one); typed, when the types agree
//! too. Prints precision, recall and F1, untyped and typed, and with
//! `--show` every miss and extra.
//!
//! Usage: cargo run --release --example eval_entities -- [--root DIR] [--show] GOLD.jsonl...

use std::path::PathBuf;

use pundit::entities::Extractor;
use pundit::entities::eval::{DocGold, score_documents};
use pundit::pipeline;

fn main() {
    let mut root = PathBuf::from(".");
    let mut show = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--show" => show = true,
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: eval_entities [--root DIR] [--show] GOLD.jsonl...");
        std::process::exit(2);
    }
    let x = Extractor::bundled();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("gold file");
        let gold = DocGold::parse_lines(&text).expect("gold lines");
        let predicted: Vec<_> = gold
            .iter()
            .map(|g| {
                let (docs, _) = pipeline::load_file(&root.join(&g.path), u64::MAX, &x)
                    .unwrap_or_else(|e| panic!("{}: {e}", g.path));
                docs[g.record.unwrap_or(0)].entities.clone()
            })
            .collect();
        let s = score_documents(&gold, &predicted, x.gazetteer());
        println!("{f}: {} articles", gold.len());
        println!("  untyped {}", s.untyped);
        println!("  typed   {}", s.typed);
        if show {
            print!("{}", s.report);
        }
    }
}
