//! Training and measuring the tagger on annotated sentences: readers for
//! the open data (Universal NER's IOB2 files with their sentence text,
//! CoNLL-style IOB1 files such as wikigold), a deterministic averaged
//! perceptron, and sentence-level span scores. The training example
//! (`examples/train_ner.rs`) and the tests both use this module.

use std::collections::HashMap;

use super::Gazetteer;
use super::eval::Prf;
use super::features;
use super::lexicon::Lexicon;
use super::prepare::{DocEvidence, Seg, is_heading, tokenize_all};
use super::tagger::{self, LABELS, Model, O, bucket, viterbi};
use crate::model::EntityType;

/// An annotated sentence: its text and its names as byte ranges.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence as written.
    pub text: String,
    /// Names: byte range in `text` and type.
    pub spans: Vec<(usize, usize, EntityType)>,
}

/// A document: sentences that share document-level evidence.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Its id in the source file.
    pub id: String,
    /// Its sentences in order.
    pub sentences: Vec<Sentence>,
}

fn tag_type(t: &str) -> Option<EntityType> {
    match t {
        "PER" => Some(EntityType::Person),
        "ORG" => Some(EntityType::Org),
        "LOC" => Some(EntityType::Place),
        "OTH" | "MISC" => Some(EntityType::Misc),
        _ => None,
    }
}

/// Token spans from BIO tags: IOB2 (every name starts with B) or IOB1 (I
/// starts a name unless it continues one of the same type).
fn spans_of(tags: &[&str]) -> Vec<(usize, usize, EntityType)> {
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, tag_type(ty)),
            None => ("O", None),
        };
        let cont = matches!((prefix, open, ty), ("I", Some((_, a)), Some(b)) if a == b);
        if !cont {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = ty {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// Places tokens in a text; returns their byte ranges, or `None` if a
/// token is not found where expected.
fn align(text: &str, toks: &[&str]) -> Option<Vec<(usize, usize)>> {
    let mut at = 0;
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        let rest = &text[at..];
        let skip = rest.len() - rest.trim_start().len();
        let from = at + skip;
        if !text[from..].starts_with(t) {
            return None;
        }
        out.push((from, from + t.len()));
        at = from + t.len();
    }
    Some(out)
}

/// Joins tokens into text as it would be written: no space before closing
/// punctuation and clitics, none after opening brackets.
fn detokenize(toks: &[&str]) -> (String, Vec<(usize, usize)>) {
    let mut s = String::new();
    let mut spans = Vec::with_capacity(toks.len());
    let mut open_quote = false;
    let mut glue_next = false;
    for t in toks {
        let closing = matches!(
            *t,
            "," | "."
                | ";"
                | ":"
                | "!"
                | "?"
                | ")"
                | "]"
                | "%"
                | "'s"
                | "n't"
                | "'re"
                | "'ve"
                | "'ll"
                | "'m"
                | "'d"
        );
        let quote = *t == "\"";
        let no_space = s.is_empty() || glue_next || closing || (quote && open_quote);
        if !no_space {
            s.push(' ');
        }
        let at = s.len();
        s.push_str(t);
        spans.push((at, s.len()));
        glue_next = matches!(*t, "(" | "[" | "$") || (quote && !open_quote);
        if quote {
            open_quote = !open_quote;
        }
    }
    (s, spans)
}

fn sentence(text: String, toks: &[&str], tags: &[&str]) -> Sentence {
    let (text, offs) = match align(&text, toks) {
        Some(o) => (text, o),
        None => detokenize(toks),
    };
    let spans = spans_of(tags)
        .into_iter()
        .map(|(s, e, k)| (offs[s].0, offs[e - 1].1, k))
        .collect();
    Sentence { text, spans }
}

/// Reads a Universal NER file (IOB2 with `# newdoc id`, `# text =`
/// comments; token in the second column, tag in the third).
pub fn read_uner(content: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut text: Option<String> = None;
    let (mut toks, mut tags): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |docs: &mut Vec<Doc>,
                 text: &mut Option<String>,
                 toks: &mut Vec<&str>,
                 tags: &mut Vec<&str>| {
        if !toks.is_empty() {
            let t = text.take().unwrap_or_else(|| toks.join(" "));
            if docs.is_empty() {
                docs.push(Doc::default());
            }
            let d = docs.last_mut().expect("a document");
            d.sentences.push(sentence(t, toks, tags));
        }
        toks.clear();
        tags.clear();
        *text = None;
    };
    for line in content.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            flush(&mut docs, &mut text, &mut toks, &mut tags);
            docs.push(Doc {
                id: id.trim().to_string(),
                sentences: Vec::new(),
            });
        } else if let Some(t) = line.strip_prefix("# text = ") {
            text = Some(t.to_string());
        } else if let Some(id) = line.strip_prefix("# sent_id = ") {
            // PUD has no newdoc lines: its documents are its id prefixes.
            let prefix = id.trim().rsplit_once('-').map_or(id, |(p, _)| p);
            if docs.last().is_none_or(|d| {
                !d.id.is_empty() && d.id != prefix && !content.contains("# newdoc id")
            }) {
                flush(&mut docs, &mut text, &mut toks, &mut tags);
                docs.push(Doc {
                    id: prefix.to_string(),
                    sentences: Vec::new(),
                });
            }
        } else if line.starts_with('#') {
        } else if line.trim().is_empty() {
            flush(&mut docs, &mut text, &mut toks, &mut tags);
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                toks.push(cols[1]);
                tags.push(cols[2]);
            }
        }
    }
    flush(&mut docs, &mut text, &mut toks, &mut tags);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Reads a CoNLL-style file (token and IOB1 tag per line, blank lines
/// between sentences, `-DOCSTART-` between documents).
pub fn read_conll(content: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = vec![Doc::default()];
    let (mut toks, mut tags): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |docs: &mut Vec<Doc>, toks: &mut Vec<&str>, tags: &mut Vec<&str>| {
        if !toks.is_empty() {
            let d = docs.last_mut().expect("a document");
            d.sentences.push(sentence(String::new(), toks, tags));
        }
        toks.clear();
        tags.clear();
    };
    for line in content.lines() {
        let mut cols = line.split_whitespace();
        let (Some(tok), Some(tag)) = (cols.next(), cols.next_back()) else {
            flush(&mut docs, &mut toks, &mut tags);
            continue;
        };
        if tok == "-DOCSTART-" {
            flush(&mut docs, &mut toks, &mut tags);
            docs.push(Doc {
                id: format!("doc{}", docs.len()),
                sentences: Vec::new(),
            });
            continue;
        }
        toks.push(tok);
        tags.push(tag);
    }
    flush(&mut docs, &mut toks, &mut tags);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Splits documents into those kept for training and every `k`-th one
/// (from the `k`-th), held back.
pub fn hold_back(docs: Vec<Doc>, k: usize) -> (Vec<Doc>, Vec<Doc>) {
    let (mut keep, mut held) = (Vec::new(), Vec::new());
    for (i, d) in docs.into_iter().enumerate() {
        if i % k == k - 1 {
            held.push(d);
        } else {
            keep.push(d);
        }
    }
    (keep, held)
}

/// A prepared sentence: segment and gold tags.
struct Prepared<'a> {
    seg: Seg<'a>,
    gold: Vec<u8>,
}

/// Gold tags of tokens from byte spans, BILOU: a name of one token is U;
/// a longer one is B, I…, L.
fn gold_tags(seg: &Seg, spans: &[(usize, usize, EntityType)]) -> Vec<u8> {
    let mut tags = vec![O; seg.toks.len()];
    for &(s, e, k) in spans {
        let inside: Vec<usize> = (0..seg.toks.len())
            .filter(|&i| seg.toks[i].end > s && seg.toks[i].start < e)
            .collect();
        let n = inside.len();
        for (j, &i) in inside.iter().enumerate() {
            let pos = match (j, n) {
                (_, 1) => 3,
                (0, _) => 0,
                (j, n) if j + 1 == n => 2,
                _ => 1,
            };
            tags[i] = tagger::tag(k, pos);
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
    let headings: Vec<bool> = texts.iter().map(|t| is_heading(t)).collect();
    let ev = DocEvidence::gather(&toks, &headings);
    let prepared = toks
        .iter()
        .zip(&doc.sentences)
        .zip(&headings)
        .map(|(((text, t), s), &heading)| {
            let seg = Seg::new(text, t.clone(), heading, &ev, lex, gaz);
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
    let spans = name_ranges(tags);
    let mut out = vec![O; tags.len()];
    for (s, e, k) in spans {
        for (j, t) in out[s..e].iter_mut().enumerate() {
            let pos = match (j, e - s) {
                (_, 1) => 3,
                (0, _) => 0,
                (j, n) if j + 1 == n => 2,
                _ => 1,
            };
            *t = tagger::tag(k, pos);
        }
    }
    out
}

/// Token ranges and types of the names in a tag sequence, tolerant of
/// sequences cut anywhere (any tag of a type continues a name of that
/// type unless it starts a new one).
fn name_ranges(tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(k) = tagger::label_type(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while !tagger::ends(tags[j])
            && j + 1 < tags.len()
            && tagger::label_type(tags[j + 1]) == Some(k)
            && !tagger::starts(tags[j + 1])
        {
            j += 1;
        }
        out.push((i, j + 1, k));
        i = j + 1;
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
    name_ranges(tags)
        .into_iter()
        .map(|(i, j, k)| (seg.toks[i].start, seg.toks[j - 1].end, k))
        .collect()
}

/// Counts of gold names by type, for reports.
pub fn name_counts(docs: &[Doc]) -> HashMap<EntityType, usize> {
    let mut m = HashMap::new();
    for d in docs {
        for s in &d.sentences {
            for (_, _, k) in &s.spans {
                *m.entry(*k).or_insert(0) += 1;
            }
        }
    }
    m
}

/// Gold names whose edges fall inside a token: the tokenizer can never
/// produce them (a check on the tokenizer, for reports).
pub fn unreachable_spans(docs: &[Doc]) -> (usize, usize, Vec<String>) {
    let (mut bad, mut all) = (0, 0);
    let mut examples = Vec::new();
    for d in docs {
        for s in &d.sentences {
            let mut toks = Vec::new();
            super::tokens::tokenize(&s.text, &mut toks);
            for &(a, b, _) in &s.spans {
                all += 1;
                let ok = toks.iter().any(|t| t.start == a) && toks.iter().any(|t| t.end == b);
                if !ok {
                    bad += 1;
                    if examples.len() < 40 {
                        examples.push(format!(
                            "{:?} in {:?}",
                            &s.text[a..b],
                            &s.text[a.saturating_sub(20)..(b + 20).min(s.text.len())]
                        ));
                    }
                }
            }
        }
    }
    (bad, all, examples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_and_iob2() {
        let conll = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nMarkets I-ORG\nmet O\nJohn I-PER\nB-PER\n\n";
        let docs = read_conll(conll);
        assert_eq!(docs.len(), 1);
        let s = &docs[0].sentences[0];
        assert_eq!(s.text, "The Mad Capsule Markets met John");
        assert_eq!(
            &s.text[s.spans[0].0..s.spans[0].1],
            "The Mad Capsule Markets"
        );
        let uner = "# newdoc id = d1\n# sent_id = d1-1\n# text = Al-Zaman : U.S. forces\n1\tAl\tB-ORG\n2\t-\tI-ORG\n3\tZaman\tI-ORG\n4\t:\tO\n5\tU.S.\tB-LOC\n6\tforces\tO\n\n";
        let docs = read_uner(uner);
        let s = &docs[0].sentences[0];
        let names: Vec<&str> = s.spans.iter().map(|(a, b, _)| &s.text[*a..*b]).collect();
        assert_eq!(names, ["Al-Zaman", "U.S."]);
        assert_eq!(s.spans[1].2, EntityType::Place);
    }

    #[test]
    fn detokenizes_readably() {
        let (s, _) = detokenize(&["He", "said", "\"", "no", "\"", "(", "twice", ")", "."]);
        assert_eq!(s, "He said \"no\" (twice).");
    }
}
