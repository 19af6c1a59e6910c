//! The shipped tagger on open annotated data nobody here wrote: span F1 per
//! sentence (exact spans; typed and untyped) on Universal NER EWT test,
//! UNER PUD and the fifth of wikigold training never sees, with floors at
//! what the model reaches (`cargo run --release --example train_ner` prints
//! the same figures). Also: training is deterministic.

use pundit::entities::Gazetteer;
use pundit::entities::corpus::{self, Doc};
use pundit::entities::lexicon;
use pundit::entities::tagger::Model;
use pundit::entities::train::{self, Config, SpanScore};

use crate::util::root;

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/ner").join(rel)).expect("NER fixture")
}

fn score(set: &[Doc], drop_misc: bool) -> SpanScore {
    train::evaluate(Model::bundled(), set, &Gazetteer::bundled(), drop_misc)
}

fn check(name: &str, s: SpanScore, typed: f64, untyped: f64) {
    eprintln!(
        "{name}: typed F1 {:.3} (P {:.3} R {:.3}), untyped F1 {:.3}",
        s.typed.f1(),
        s.typed.precision(),
        s.typed.recall(),
        s.untyped.f1()
    );
    assert!(
        s.typed.gold > 500,
        "{name}: only {} gold names",
        s.typed.gold
    );
    assert!(
        s.typed.f1() >= typed && s.untyped.f1() >= untyped,
        "{name}: typed F1 {:.3} (floor {typed}), untyped F1 {:.3} (floor {untyped})",
        s.typed.f1(),
        s.untyped.f1()
    );
}

#[test]
fn uner_ewt_test_persons_organisations_places() {
    let docs = corpus::read_uner(&read("uner-ewt/en_ewt-ud-test.iob2"));
    assert_eq!(docs.iter().map(|d| d.sentences.len()).sum::<usize>(), 2077);
    check("UNER EWT test", score(&docs, true), 0.71, 0.76);
}

#[test]
fn uner_pud_persons_organisations_places() {
    let docs = corpus::read_uner(&read("uner-pud/en_pud-ud-test.iob2"));
    assert_eq!(docs.iter().map(|d| d.sentences.len()).sum::<usize>(), 1000);
    check("UNER PUD", score(&docs, true), 0.67, 0.81);
}

#[test]
fn wikigold_held_back_fifth_all_four_types() {
    let (_, held) = corpus::hold_back(corpus::read_conll(&read("wikigold/wikigold.conll.txt")), 5);
    assert!(held.len() >= 25, "{} held-back documents", held.len());
    check("wikigold held-back fifth", score(&held, false), 0.60, 0.79);
}

#[test]
fn the_tokenizer_reaches_the_gold_names_boundaries() {
    // Names whose first or last byte falls inside one of pundit's tokens
    // can never be found: fewer than one in a hundred.
    for f in [
        "uner-ewt/en_ewt-ud-test.iob2", "uner-pud/en_pud-ud-test.iob2",
    ] {
        let (cut, all, examples) = corpus::unreachable_spans(&corpus::read_uner(&read(f)));
        assert!(cut * 100 < all, "{f}: {cut} of {all} cut: {examples:?}");
    }
}

#[test]
fn training_is_deterministic_and_learns() {
    // A small model on a few wikigold documents, twice: the same bytes,
    // and it finds names in the sentences it was trained on.
    let (train_docs, _) =
        corpus::hold_back(corpus::read_conll(&read("wikigold/wikigold.conll.txt")), 5);
    let docs = &train_docs[..6];
    let lex = lexicon::build("", "John\tFIRST\t1.0\n", "");
    let cfg = Config {
        bits: 12,
        epochs: 2,
        seed: 7,
        runs: 2,
    };
    let gaz = Gazetteer::bundled();
    let a = train::train(docs, lex.clone(), &gaz, cfg, &mut |_, _| {});
    let b = train::train(docs, lex, &gaz, cfg, &mut |_, _| {});
    assert_eq!(a.to_bytes(), b.to_bytes());
    let s = train::evaluate(&a, docs, &gaz, false);
    assert!(s.untyped.f1() > 0.5, "trained on these: {:?}", s.untyped);
    // The model file reads back to the same model.
    let back = Model::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(back.to_bytes(), a.to_bytes());
}
