//! Trains the entity tagger and writes the model file pundit ships.
//!
//! Reads the open NER data (default `../shared/ner-data`, see its README):
//! trains on Universal NER English-EWT train and four fifths of wikigold
//! (by document), reports sentence-level span F1 on EWT dev, UNER PUD and
//! the held-back fifth of wikigold (every fifth document, never trained
//! on) and on EWT test, and writes `data/ner/model.bin`. The lexicon comes
//! from `data/ner/words.tsv.gz`, `names.tsv` and `places.tsv`.
//! Deterministic: the same data and options give the same bytes.
//!
//! Usage: cargo run --release --example train_ner -- [--data DIR] [--out FILE]
//!        [--bits N] [--epochs N] [--every] [--no-write]

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use pundit::entities::Gazetteer;
use pundit::entities::lexicon;
use pundit::entities::train::{self, Config, Doc, SpanScore};

fn read(p: &PathBuf) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn line(name: &str, s: &SpanScore) -> String {
    format!(
        "{name:<28} typed F1 {:.3} (P {:.3} R {:.3})   untyped F1 {:.3}",
        s.typed.f1(),
        s.typed.precision(),
        s.typed.recall(),
        s.untyped.f1()
    )
}

fn main() {
    let mut data = PathBuf::from("../shared/ner-data");
    let mut out = PathBuf::from("data/ner/model.bin");
    let mut cfg = Config::default();
    let mut every = false;
    let mut wiki_weight = 1usize;
    let mut write = true;
    let mut errors = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--out" => out = PathBuf::from(val()),
            "--bits" => cfg.bits = val().parse().expect("--bits N"),
            "--epochs" => cfg.epochs = val().parse().expect("--epochs N"),
            "--seed" => cfg.seed = val().parse().expect("--seed N"),
            "--runs" => cfg.runs = val().parse().expect("--runs N"),
            "--wiki-weight" => wiki_weight = val().parse().expect("--wiki-weight N"),
            "--every" => every = true,
            "--no-write" => write = false,
            "--errors" => errors = val(),
            _ => panic!("unknown argument {a}"),
        }
    }
    let t0 = Instant::now();
    let mut words = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open("data/ner/words.tsv.gz").expect("data/ner/words.tsv.gz"),
    )
    .read_to_string(&mut words)
    .expect("words.tsv.gz is gzip");
    let lex = lexicon::build(
        &words,
        &read(&PathBuf::from("data/ner/names.tsv")),
        &read(&PathBuf::from("data/ner/places.tsv")),
    );
    eprintln!("lexicon: {} words", lex.len());
    let ewt = |f: &str| train::read_uner(&read(&data.join("uner-ewt").join(f)));
    let ewt_train = ewt("en_ewt-ud-train.iob2");
    let ewt_dev = ewt("en_ewt-ud-dev.iob2");
    let ewt_test = ewt("en_ewt-ud-test.iob2");
    let pud = train::read_uner(&read(&data.join("uner-pud/en_pud-ud-test.iob2")));
    let wiki = train::read_conll(&read(&data.join("wikigold/wikigold.conll.txt")));
    let (wiki_train, wiki_held) = train::hold_back(wiki, 5);
    let mut docs: Vec<Doc> = ewt_train;
    for _ in 0..wiki_weight {
        docs.extend(wiki_train.iter().cloned());
    }
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    eprintln!(
        "training on {} documents, {sentences} sentences",
        docs.len()
    );
    if std::env::var_os("NER_SPANS").is_some() {
        for (name, set) in [
            ("dev", &ewt_dev),
            ("test", &ewt_test),
            ("pud", &pud),
            ("wiki", &wiki_held),
        ] {
            let (bad, all, ex) = train::unreachable_spans(set);
            println!("{name}: {bad} of {all} gold names cut by the tokenizer");
            for e in ex.iter().take(15) {
                println!("  {e}");
            }
        }
        return;
    }
    let gaz = Gazetteer::bundled();
    let model = train::train(&docs, lex, &gaz, cfg, &mut |epoch, m| {
        if every {
            let s = train::evaluate(m, &ewt_dev, &gaz, true);
            eprintln!("epoch {epoch:>2}: {}", line("EWT dev", &s));
        }
    });
    println!(
        "bits {} epochs {} seed {} runs {}",
        cfg.bits, cfg.epochs, cfg.seed, cfg.runs
    );
    for (name, set, drop_misc) in [
        ("UNER EWT dev (PER/ORG/LOC)", &ewt_dev, true),
        ("UNER PUD (PER/ORG/LOC)", &pud, true),
        ("wikigold held-back fifth", &wiki_held, false),
        ("UNER EWT test (PER/ORG/LOC)", &ewt_test, true),
    ] {
        println!(
            "{}",
            line(name, &train::evaluate(&model, set, &gaz, drop_misc))
        );
    }
    if !errors.is_empty() {
        let set = match errors.as_str() {
            "pud" => &pud,
            "wiki" => &wiki_held,
            _ => &ewt_dev,
        };
        for d in set {
            for (pred, s) in train::predict(&model, d, &gaz).iter().zip(&d.sentences) {
                if *pred != s.spans {
                    let show = |v: &[(usize, usize, pundit::model::EntityType)]| {
                        v.iter()
                            .map(|(a, b, k)| format!("{}:{}", k.as_str(), &s.text[*a..*b]))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    println!(
                        "{}\n  gold {}\n  pred {}",
                        s.text,
                        show(&s.spans),
                        show(pred)
                    );
                }
            }
        }
    }
    if write {
        let bytes = model.to_bytes();
        std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        println!(
            "wrote {} ({:.1} MB)",
            out.display(),
            bytes.len() as f64 / 1e6
        );
    }
    eprintln!("{:.1} s", t0.elapsed().as_secs_f64());
}
