//! Snippets: the passages of a document around its best matches, with the
//! matched words marked. The text is tokenized with the index's own
//! analyzer, so what is marked is exactly what matched: a phrase is marked
//! only where its words stand together, in order.

use tantivy::tokenizer::TextAnalyzer;

use super::query::{Pat, Seq};
use crate::index::schema;
use crate::model::Snippet;

/// A matched span: byte range in the text and which query sequence matched.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    term: usize,
}

/// Returns the byte ranges where any of `seqs` occurs in `text`, in order,
/// without overlaps.
fn find_matches(text: &str, analyzer: &mut TextAnalyzer, seqs: &[Seq]) -> Vec<Span> {
    thread_local! {
        // The index analyzer without its stemmer: the same words at the same
        // offsets, only not stemmed.
        static PLAIN: std::cell::RefCell<TextAnalyzer> =
            std::cell::RefCell::new(schema::analyzer(schema::NAME_ANALYZER));
    }
    // Stemming only trims and changes endings, so a word can only stem to
    // a query term that starts like it: the rest are left unstemmed (they
    // cannot match), which spares stemming a whole article per hit.
    let starts: Vec<&str> = seqs
        .iter()
        .flat_map(|s| &s.words)
        .map(|p| {
            let (q, n) = match p {
                Pat::Word(w) | Pat::Prefix(w) => (w.as_str(), 2),
                // A typo may be in the second letter.
                Pat::Fuzzy(w, _) => (w.as_str(), 1),
            };
            &q[..q.char_indices().nth(n).map_or(q.len(), |(i, _)| i)]
        })
        .collect();
    let mut toks: Vec<(String, usize, usize)> = Vec::new();
    PLAIN.with(|plain| {
        let mut plain = plain.borrow_mut();
        let mut stream = plain.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let word = if starts.iter().any(|s| t.text.starts_with(s)) {
                let mut one = analyzer.token_stream(&t.text);
                if one.advance() {
                    one.token().text.clone()
                } else {
                    t.text.clone()
                }
            } else {
                t.text.clone()
            };
            toks.push((word, t.offset_from, t.offset_to));
        }
    });
    let mut spans = Vec::new();
    for i in 0..toks.len() {
        for (k, seq) in seqs.iter().enumerate() {
            let words = &seq.words;
            if words.is_empty() {
                continue;
            }
            if seq.slop > 0 && words.len() > 1 {
                // Each word marked on its own: what stands between is not
                // part of the match.
                spans.extend(
                    within_slop(&toks, i, words, seq.slop)
                        .into_iter()
                        .map(|j| Span {
                            start: toks[j].1,
                            end: toks[j].2,
                            term: k,
                        }),
                );
            } else if i + words.len() <= toks.len()
                && words
                    .iter()
                    .zip(&toks[i..])
                    .all(|(p, t)| token_matches(p, &t.0))
            {
                spans.push(Span {
                    start: toks[i].1,
                    end: toks[i + words.len() - 1].2,
                    term: k,
                });
            }
        }
    }
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if out.last().is_none_or(|l| s.start >= l.end) {
            out.push(s);
        }
    }
    out
}

/// The positions of `words` in order from token `i` on, with at most
/// `slop` other words between them in all; empty if they are not there.
fn within_slop(
    toks: &[(String, usize, usize)],
    i: usize,
    words: &[Pat],
    slop: usize,
) -> Vec<usize> {
    let Some(first) = words.first() else {
        return Vec::new();
    };
    if !token_matches(first, &toks[i].0) {
        return Vec::new();
    }
    let (mut at, mut budget, mut found) = (i, slop, vec![i]);
    for w in &words[1..] {
        let next =
            (at + 1..toks.len().min(at + 2 + budget)).find(|&j| token_matches(w, &toks[j].0));
        let Some(j) = next else {
            return Vec::new();
        };
        budget -= j - at - 1;
        at = j;
        found.push(j);
    }
    found
}

/// True if the analyzed word `token` matches `pat`.
fn token_matches(pat: &Pat, token: &str) -> bool {
    match pat {
        Pat::Word(w) => w == token,
        Pat::Prefix(p) => token.starts_with(p.as_str()),
        Pat::Fuzzy(w, d) => edits_within(w, token, usize::from(*d)),
    }
}

/// True if `a` and `b` are at most `max` single-character edits apart
/// (insertions, deletions, substitutions, transpositions).
fn edits_within(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Rows of the (Damerau-)Levenshtein table: two back, one back, this one.
    let mut two: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(two[j - 2] + 1);
            }
        }
        two = std::mem::replace(&mut prev, row);
    }
    prev[b.len()] <= max
}

/// Returns the highlight ranges (in code points) of `seqs` in a short text
/// such as a title.
pub fn highlight_all(text: &str, analyzer: &mut TextAnalyzer, seqs: &[Seq]) -> Vec<[usize; 2]> {
    find_matches(text, analyzer, seqs)
        .into_iter()
        .map(|s| {
            [
                text[..s.start].chars().count(),
                text[..s.end].chars().count(),
            ]
        })
        .collect()
}

/// Returns up to `max` non-overlapping snippets of about `width` characters
/// around the best matches of `seqs` in `text`, best first. With no match,
/// returns the lead of the text.
pub fn snippets(
    text: &str,
    analyzer: &mut TextAnalyzer,
    seqs: &[Seq],
    max: usize,
    width: usize,
) -> Vec<Snippet> {
    if max == 0 || text.is_empty() {
        return Vec::new();
    }
    let matches = find_matches(text, analyzer, seqs);
    if matches.is_empty() {
        let para_end = text.find("\n\n").unwrap_or(text.len());
        let end = snap_end(text, 0, byte_at_char(text, 0, width).min(para_end));
        return vec![render(text, 0, end, &[])];
    }
    let mut used = vec![false; matches.len()];
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    while out.len() < max {
        // Best window: the unused match whose neighbourhood covers the most
        // distinct query terms, then the most matches.
        let mut best: Option<(usize, usize, (usize, usize))> = None;
        for (i, m) in matches.iter().enumerate() {
            if used[i] || windows.iter().any(|&(s, e)| m.start < e && m.end > s) {
                continue;
            }
            let mut last = i;
            let mut terms = vec![m.term];
            for (j, n) in matches.iter().enumerate().skip(i + 1) {
                if text[m.start..n.end].chars().count() > width
                    || text[m.start..n.start].contains("\n\n")
                    || windows.iter().any(|&(s, e)| n.start < e && n.end > s)
                {
                    break;
                }
                last = j;
                if !terms.contains(&n.term) {
                    terms.push(n.term);
                }
            }
            let score = (terms.len(), last - i + 1);
            if best.is_none_or(|b| score > b.2) {
                best = Some((i, last, score));
            }
        }
        let Some((first, last, _)) = best else { break };
        let (start, end) = window(text, matches[first].start, matches[last].end, width);
        let (start, end) = clip(start, end, &windows);
        for (k, m) in matches.iter().enumerate() {
            if m.start >= start && m.end <= end {
                used[k] = true;
            }
        }
        used[first] = true;
        windows.push((start, end));
        let inside: Vec<Span> = matches
            .iter()
            .copied()
            .filter(|m| m.start >= start && m.end <= end)
            .collect();
        out.push(render(text, start, end, &inside));
    }
    out
}

/// Keeps a new window from overlapping earlier ones.
fn clip(mut start: usize, mut end: usize, windows: &[(usize, usize)]) -> (usize, usize) {
    for &(s, e) in windows {
        if start < e && end > e {
            start = e;
        }
        if end > s && start < s {
            end = s;
        }
    }
    (start, end)
}

/// The byte offset `n` characters after byte offset `from` (or the end).
fn byte_at_char(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map(|(b, _)| from + b)
        .unwrap_or(text.len())
}

/// The byte offset `n` characters before byte offset `to` (or 0).
fn byte_before_char(text: &str, to: usize, n: usize) -> usize {
    if n == 0 {
        return to;
    }
    text[..to]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map(|(b, _)| b)
        .unwrap_or(0)
}

/// A window of about `width` characters containing `[from, to)`: the match
/// is placed after a little lead-in, starting at a sentence start when one
/// is near, else at a word boundary, and ending at a word boundary.
fn window(text: &str, from: usize, to: usize, width: usize) -> (usize, usize) {
    // Stay inside the matches' paragraph, so a heading or the previous
    // paragraph's last words do not run into the snippet.
    let para_start = text[..from].rfind("\n\n").map(|i| i + 2).unwrap_or(0);
    let para_end = text[to..]
        .find("\n\n")
        .map(|i| to + i)
        .unwrap_or(text.len());
    let span = text[from..to].chars().count();
    let spare = width.saturating_sub(span);
    let lead = (spare / 3).max(1);
    let mut start = byte_before_char(text, from, lead).max(para_start);
    // Prefer the start of the sentence if it is close.
    let search_from = byte_before_char(text, from, spare.min(lead * 2)).max(para_start);
    if let Some(i) = text[search_from..from].rfind(['.', '!', '?']) {
        let cand = search_from + i + 1;
        let cand = cand + text[cand..].len() - text[cand..].trim_start().len();
        if cand <= from {
            start = cand;
        }
    }
    let start = snap_start(text, start, from);
    let used = text[start..to].chars().count();
    let end = byte_at_char(text, to, width.saturating_sub(used)).min(para_end);
    (start, snap_end(text, to, end))
}

/// Returns true if `at` is the start of the text or of a paragraph.
fn at_paragraph_start(text: &str, at: usize) -> bool {
    at == 0 || text[..at].trim_end_matches(' ').ends_with('\n')
}

/// Returns true if `at` is the end of the text or of a paragraph.
fn at_paragraph_end(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('\n')
}

/// Moves `start` forward to the beginning of a word (not past `limit`).
fn snap_start(text: &str, start: usize, limit: usize) -> usize {
    if start == 0 || text[..start].ends_with(char::is_whitespace) {
        return start;
    }
    match text[start..limit].find(char::is_whitespace) {
        Some(i) => {
            let s = start + i;
            s + text[s..].len() - text[s..].trim_start().len()
        }
        None => start.min(limit),
    }
}

/// Moves `end` back to the end of a word (not before `limit`).
fn snap_end(text: &str, limit: usize, end: usize) -> usize {
    if end >= text.len() || text[end..].starts_with(char::is_whitespace) {
        return end.min(text.len());
    }
    match text[limit..end].rfind(char::is_whitespace) {
        Some(i) => limit + i,
        None => end,
    }
}

/// Builds the snippet text for `text[start..end]`: white space collapsed,
/// `…` where text was cut, highlight offsets in code points.
fn render(text: &str, start: usize, end: usize, spans: &[Span]) -> Snippet {
    let mut out = String::new();
    let mut count = 0usize;
    let mut highlights = Vec::new();
    if !at_paragraph_start(text, start) {
        out.push('…');
        count += 1;
    }
    let mut span_iter = spans.iter().peekable();
    let mut open: Option<usize> = None;
    let mut prev_space = false;
    let slice = text[start..end].trim_end();
    for (b, c) in slice.char_indices() {
        let at = start + b;
        if let Some(s) = span_iter.peek()
            && open.is_none()
            && at == s.start
        {
            open = Some(count);
        }
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
                count += 1;
            }
            prev_space = true;
        } else {
            out.push(c);
            count += 1;
            prev_space = false;
        }
        if let (Some(s), Some(o)) = (span_iter.peek(), open)
            && at + c.len_utf8() == s.end
        {
            highlights.push([o, count]);
            open = None;
            span_iter.next();
        }
    }
    if !at_paragraph_end(text, start + slice.len()) {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{TEXT_ANALYZER, analyzer};

    fn seqs(words: &[&[&str]]) -> Vec<Seq> {
        words
            .iter()
            .map(|w| Seq::words(w.iter().copied()))
            .collect()
    }

    fn marked(s: &Snippet) -> Vec<String> {
        let chars: Vec<char> = s.text.chars().collect();
        s.highlights
            .iter()
            .map(|[a, b]| chars[*a..*b].iter().collect())
            .collect()
    }

    #[test]
    fn edit_distance_counts_typos_and_swaps() {
        assert!(edits_within("pyongyang", "pyongyng", 1));
        assert!(edits_within("russia", "rusisa", 1), "a swap is one edit");
        assert!(!edits_within("russia", "prussian", 1));
        assert!(edits_within("russia", "prussian", 2));
        assert!(token_matches(&Pat::Prefix("sanct".into()), "sanction"));
        assert!(!token_matches(&Pat::Prefix("sanct".into()), "insanct"));
    }

    #[test]
    fn phrase_marks_only_the_phrase() {
        let text =
            "There are no easy answers. Their partnership has “no limits” and limits matter.";
        let mut a = analyzer(TEXT_ANALYZER);
        let s = snippets(text, &mut a, &seqs(&[&["no", "limit"]]), 3, 200);
        assert_eq!(s.len(), 1);
        assert_eq!(marked(&s[0]), vec!["no limits"]);
    }

    #[test]
    fn windows_are_cut_at_words_and_do_not_overlap() {
        let long = "Word ".repeat(100)
            + "Ukraine needs air defence. "
            + &"filler ".repeat(100)
            + "Ukraine again here.";
        let mut a = analyzer(TEXT_ANALYZER);
        let s = snippets(&long, &mut a, &seqs(&[&["ukrain"]]), 3, 60);
        assert_eq!(s.len(), 2);
        for sn in &s {
            assert!(sn.text.chars().count() <= 64, "{}", sn.text);
            assert_eq!(marked(sn), vec!["Ukraine"]);
            assert!(!sn.text.contains("Wor …") && !sn.text.starts_with("…ord"));
        }
    }

    #[test]
    fn multibyte_text_is_never_split() {
        let text = "Zürich — “Gazprom’s” café … ".repeat(20) + "gas storage in Zürich.";
        let mut a = analyzer(TEXT_ANALYZER);
        for width in 10..40 {
            let s = snippets(&text, &mut a, &seqs(&[&["gas"]]), 2, width);
            let chars: Vec<char> = s[0].text.chars().collect();
            for [x, y] in &s[0].highlights {
                assert_eq!(chars[*x..*y].iter().collect::<String>(), "gas");
            }
        }
    }

    #[test]
    fn snippets_stay_inside_their_paragraph() {
        let text = "What the numbers say\n\nBilateral trade reached a record. Exports of chips rose.\n\nNext part";
        let mut a = analyzer(TEXT_ANALYZER);
        let s = snippets(text, &mut a, &seqs(&[&["trade"]]), 1, 200);
        assert_eq!(
            s[0].text,
            "Bilateral trade reached a record. Exports of chips rose."
        );
        assert_eq!(marked(&s[0]), vec!["trade"]);
    }

    #[test]
    fn no_match_gives_the_lead() {
        let mut a = analyzer(TEXT_ANALYZER);
        let s = snippets(
            "First sentence here. Second one.",
            &mut a,
            &seqs(&[&["absent"]]),
            3,
            15,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "First sentence…");
        assert!(s[0].highlights.is_empty());
    }
}
