//! Training and measuring the tagger on annotated sentences (read by
//! [`super::corpus`]): a deterministic averaged perceptron, and
//! sentence-level span scores. The training example
//! (`examples/train_ner.rs`) and the tests both use this module.

use super::Gazetteer;
pub use super::corpus::{Doc, Sentence};
use super::eval::Prf;
use super::evidence::DocEvidence;
use super::features;
use super::lexicon::Lexicon;
use super::prepare::{self, Seg, tokenize_all};
use super::tagger::{self, LABELS, Model, O, bucket, viterbi};
use crate::model::EntityType;

/// A prepared sentence: segment and gold tags.
struct Prepared<'a> {
    seg: Seg<'a>,
    gold: Vec<u8>,
}

/// Gold tags of tokens from byte spans, BILOU: the tokens a name's bytes
/// touch.
fn gold_tags(seg: &Seg, spans: &[(usize, usize, EntityType)]) -> Vec<u8> {
    let mut tags = vec![O; seg.toks.len()];
    for &(s, e, k) in spans {
        let first = seg.toks.partition_point(|t| t.end <= s);
        let end = seg.toks.partition_point(|t| t.start < e);
        if first < end {
            tagger::write_name(&mut tags[first..end], k);
        }
    }
    tags
}

/// The sentences of a document ready to tag, and its evidence.
fn prepare<'a>(
    doc: &'a Doc,
    lex: &Lexicon,
    gaz: &Gazetteer,
) -> (Vec<Prepared<'a>>, DocEvidence<'a>) {
    let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
    let toks = tokenize_all(&texts);
    let cases = prepare::cases(&toks, false);
    let ev = DocEvidence::gather(&toks, &cases);
    let prepared = toks
        .iter()
        .zip(&doc.sentences)
        .zip(&cases)
        .map(|(((text, t), s), &case)| {
            let seg = Seg::new(text, t.clone(), case, &ev, lex, gaz);
            let gold = gold_tags(&seg, &s.spans);
            Prepared { seg, gold }
        })
        .collect();
    (prepared, ev)
}

/// Gold tags of a window, names cut by its edges closed: a name that
/// runs past the window ends at its last token, one that began before it
/// starts at its first.
fn clip(tags: &[u8]) -> Vec<u8> {
    let mut out = vec![O; tags.len()];
    for (s, e, k) in tagger::names(tags) {
        tagger::write_name(&mut out[s..e], k);
    }
    out
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Perceptrons trained (each on its own shuffle) and averaged.
    pub runs: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bits: 16,
            epochs: 6,
            seed: 42,
            runs: 5,
        }
    }
}

/// One window to learn from: its feature buckets per position and gold
/// tags.
struct Instance {
    feats: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

/// Trains a model on documents (deterministic for the same data and
/// settings). `report` is called after every epoch with its number.
pub fn train(
    docs: &[Doc],
    lex: Lexicon,
    gaz: &Gazetteer,
    cfg: Config,
    report: &mut dyn FnMut(usize, &Model),
) -> Model {
    let mut instances = Vec::new();
    let mut fbuf = Vec::new();
    let (mut covered, mut names) = (0usize, 0usize);
    let mut infos = Vec::new();
    for d in docs {
        let (prepared, ev) = prepare(d, &lex, gaz);
        for p in prepared {
            let mut inside = vec![false; p.gold.len()];
            for &(s, e) in &p.seg.windows {
                inside[s..e].iter_mut().for_each(|x| *x = true);
                let lo = features::window_infos(&p.seg, (s, e), &lex, Some(&ev), &mut infos);
                let mut feats = Vec::with_capacity(e - s);
                for i in s..e {
                    features::features(&p.seg, &infos, lo, i, &mut fbuf);
                    feats.push(fbuf.iter().map(|&f| bucket(f, cfg.bits) as u32).collect());
                }
                instances.push(Instance {
                    feats,
                    gold: clip(&p.gold[s..e]),
                });
            }
            for (i, &g) in p.gold.iter().enumerate() {
                if tagger::starts(g) {
                    names += 1;
                    covered += usize::from(inside[i]);
                }
            }
        }
    }
    eprintln!(
        "training: {} windows; {covered} of {names} names start inside a window",
        instances.len()
    );
    // Several perceptrons on differently shuffled data, their weights
    // averaged: steadier than any one of them.
    let n = (1usize << cfg.bits) * LABELS;
    let nt = (LABELS + 1) * LABELS;
    let (mut sum_w, mut sum_t) = (vec![0f32; n], vec![0f32; nt]);
    let runs = cfg.runs.max(1);
    for r in 0..runs {
        let seed = cfg.seed.wrapping_add(r as u64 * 0x9e37_79b9);
        let (w, t) = perceptron(&instances, cfg, seed, &mut |epoch, w, t| {
            if r == 0 {
                report(epoch, &Model::new(cfg.bits, w, t.to_vec(), lex.clone()));
            }
        });
        sum_w.iter_mut().zip(&w).for_each(|(s, x)| *s += x);
        sum_t.iter_mut().zip(&t).for_each(|(s, x)| *s += x);
    }
    let k = runs as f32;
    sum_w.iter_mut().for_each(|x| *x /= k);
    sum_t.iter_mut().for_each(|x| *x /= k);
    Model::new(cfg.bits, &sum_w, sum_t, lex)
}

/// Sees an epoch's number, weights and transitions.
type EpochReport<'a> = dyn FnMut(usize, &[f32], &[f32]) + 'a;

/// One averaged perceptron: its weights and transitions after the last
/// epoch; `report` sees them after every epoch.
fn perceptron(
    instances: &[Instance],
    cfg: Config,
    seed: u64,
    report: &mut EpochReport,
) -> (Vec<f32>, Vec<f32>) {
    let n = (1usize << cfg.bits) * LABELS;
    let nt = (LABELS + 1) * LABELS;
    let (mut w, mut u) = (vec![0f32; n], vec![0f32; n]);
    let (mut t, mut tu) = (vec![0f32; nt], vec![0f32; nt]);
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = seed.max(1);
    let mut emit = Vec::new();
    let mut path = Vec::new();
    let mut last = (Vec::new(), Vec::new());
    for epoch in 1..=cfg.epochs {
        // Fisher–Yates with xorshift: the same seed, the same order.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let inst = &instances[k];
            let len = inst.gold.len();
            emit.clear();
            emit.resize(len * LABELS, 0.0);
            for (p, fs) in inst.feats.iter().enumerate() {
                for &f in fs {
                    let b = f as usize * LABELS;
                    for l in 0..LABELS {
                        emit[p * LABELS + l] += w[b + l];
                    }
                }
            }
            viterbi(len, &emit, &t, &mut path);
            if path != inst.gold {
                let step = 1.0;
                for p in 0..len {
                    let (g, y) = (inst.gold[p] as usize, path[p] as usize);
                    if g != y {
                        for &f in &inst.feats[p] {
                            let b = f as usize * LABELS;
                            w[b + g] += step;
                            u[b + g] += c * step;
                            w[b + y] -= step;
                            u[b + y] -= c * step;
                        }
                    }
                    let gp = if p == 0 {
                        0
                    } else {
                        inst.gold[p - 1] as usize + 1
                    };
                    let yp = if p == 0 { 0 } else { path[p - 1] as usize + 1 };
                    if (gp, g) != (yp, y) {
                        t[gp * LABELS + g] += step;
                        tu[gp * LABELS + g] += c * step;
                        t[yp * LABELS + y] -= step;
                        tu[yp * LABELS + y] -= c * step;
                    }
                }
            }
            c += 1.0;
        }
        let avg: Vec<f32> = w.iter().zip(&u).map(|(w, u)| w - u / c).collect();
        let tavg: Vec<f32> = t.iter().zip(&tu).map(|(t, u)| t - u / c).collect();
        report(epoch, &avg, &tavg);
        last = (avg, tavg);
    }
    last
}

/// Sentence-level span scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpanScore {
    /// Exact span and type.
    pub typed: Prf,
    /// Exact span, any type.
    pub untyped: Prf,
}

/// The names a model finds in each sentence of a document, as byte spans
/// of the sentence text.
pub fn predict(model: &Model, doc: &Doc, gaz: &Gazetteer) -> Vec<Vec<(usize, usize, EntityType)>> {
    let lex = model.lexicon();
    let mut scratch = tagger::Scratch::default();
    let (prepared, ev) = prepare(doc, lex, gaz);
    prepared
        .iter()
        .map(|p| spans_from_tags(&p.seg, &model.tag(&p.seg, Some(&ev), &mut scratch)))
        .collect()
}

/// Scores a model on documents: exact spans, typed and untyped. With
/// `drop_misc`, MISC names are left out of both sides (Universal NER's
/// test data has no MISC).
pub fn evaluate(model: &Model, docs: &[Doc], gaz: &Gazetteer, drop_misc: bool) -> SpanScore {
    let mut score = SpanScore::default();
    let keep = |k: &EntityType| !(drop_misc && *k == EntityType::Misc);
    for d in docs {
        for (pred, s) in predict(model, d, gaz).into_iter().zip(&d.sentences) {
            let gold: Vec<(usize, usize, EntityType)> = s
                .spans
                .iter()
                .copied()
                .filter(|(_, _, k)| keep(k))
                .collect();
            let pred: Vec<(usize, usize, EntityType)> =
                pred.into_iter().filter(|(_, _, k)| keep(k)).collect();
            let typed_hits = pred.iter().filter(|x| gold.contains(x)).count();
            let untyped_hits = pred
                .iter()
                .filter(|x| gold.iter().any(|g| g.0 == x.0 && g.1 == x.1))
                .count();
            for (prf, hits) in [
                (&mut score.typed, typed_hits),
                (&mut score.untyped, untyped_hits),
            ] {
                prf.add(&Prf {
                    tp_pred: hits,
                    pred: pred.len(),
                    tp_gold: hits,
                    gold: gold.len(),
                });
            }
        }
    }
    score
}

/// Byte spans and types of the names in a tag sequence.
pub fn spans_from_tags(seg: &Seg, tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
    tagger::names(tags)
        .into_iter()
        .map(|(i, j, k)| (seg.toks[i].start, seg.toks[j - 1].end, k))
        .collect()
}
