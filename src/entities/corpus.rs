//! Annotated sentences for training and measuring the tagger: readers
//! for Universal NER's IOB2 files (with each sentence's text) and
//! CoNLL-style IOB1 files such as wikigold, names as byte ranges of the
//! sentence text, and the split that holds documents back.

use super::tokens;
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

/// Gold names whose edges fall inside a token: the tokenizer can never
/// produce them (a check on the tokenizer, for reports).
pub fn unreachable_spans(docs: &[Doc]) -> (usize, usize, Vec<String>) {
    let (mut bad, mut all) = (0, 0);
    let mut examples = Vec::new();
    for d in docs {
        for s in &d.sentences {
            let mut toks = Vec::new();
            tokens::tokenize(&s.text, &mut toks);
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
