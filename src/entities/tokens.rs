//! Splitting a text into words, with what name-finding needs to know of
//! each: where sentences and quotations start, which punctuation breaks a
//! name, possessives.

use super::names::capitalised;

/// A word of a text, with its byte range.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The word without surrounding punctuation or a possessive "'s".
    pub text: &'a str,
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset after the word.
    pub end: usize,
    /// A sentence (or a quotation, or the text) starts here.
    pub sentence_start: bool,
    /// Punctuation after the word ends a name run (",", ".", ":", ")"…).
    pub breaks_after: bool,
    /// The word had a possessive "'s" ("China's CNPC" is two names).
    pub possessive: bool,
    /// A quotation mark or parenthesis opens right before the word.
    pub opens: bool,
}

/// Splits `text` into words.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sentence_start = true;
    let mut pos = 0;
    for raw in text.split_inclusive(|c: char| c.is_whitespace() || c == '—' || c == '–') {
        let at = pos;
        pos += raw.len();
        let raw_trim = raw.trim_end_matches(|c: char| c.is_whitespace() || c == '—' || c == '–');
        // Most words are plain lower-case ASCII: nothing to trim or judge.
        if !raw_trim.is_empty() && raw_trim.bytes().all(|b| b.is_ascii_lowercase()) {
            out.push(Token {
                text: raw_trim,
                start: at,
                end: at + raw_trim.len(),
                sentence_start,
                breaks_after: raw.ends_with(['—', '–']),
                possessive: false,
                opens: false,
            });
            sentence_start = false;
            continue;
        }
        let lead = raw_trim.len()
            - raw_trim
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let body = &raw_trim[lead..];
        let mut word = body.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        // "U.S." keeps its final period; "said." and "Xi." do not.
        if word.ends_with('.') && (word.matches('.').count() == 1 || word.len() > 6) {
            word = word[..word.len() - 1].trim_end_matches(|c: char| !c.is_alphanumeric());
        }
        // "Mr." and "Gen." keep their period: it does not end a sentence.
        if body[word.len()..].starts_with('.')
            && capitalised(word)
            && is_abbreviation(&body[..word.len() + 1])
        {
            word = &body[..word.len() + 1];
        }
        let mut possessive = false;
        let apostrophe = word.contains(['\'', '’']);
        for suffix in ["'s", "’s", "'", "’"].iter().filter(|_| apostrophe) {
            if let Some(w) = word.strip_suffix(suffix) {
                word = w;
                possessive = true;
                break;
            }
        }
        let opens_quote = raw_trim[..lead].contains(['"', '“', '‘', '(', '[']);
        // "I've", "don't": contractions are not names; "Java/JSP" is a list.
        let contraction = apostrophe
            && [
                "'ve", "’ve", "'d", "’d", "'ll", "’ll", "'re", "’re", "'m", "’m", "n't", "n’t",
            ]
            .iter()
            .any(|c| word.ends_with(c));
        if contraction || word.contains('/') {
            word = "";
        }
        let trail = &raw_trim[lead + word.len()..];
        // A dash or bar standing alone ends a run; after a dateline
        // ("LONDON —") a sentence starts.
        if word.is_empty()
            && !raw_trim.is_empty()
            && !contraction
            && let Some(last) = out.last_mut()
        {
            last.breaks_after = true;
            if last.text.chars().count() >= 3 && last.text.chars().all(char::is_uppercase) {
                sentence_start = true;
                continue;
            }
        }
        if !word.is_empty() {
            out.push(Token {
                text: word,
                start: at + lead,
                end: at + lead + word.len(),
                sentence_start: sentence_start || opens_quote,
                breaks_after: trail
                    .contains([',', ';', ':', '.', '!', '?', ')', ']', '"', '”', '/'])
                    || (raw.ends_with(['—', '–'])),
                possessive,
                opens: opens_quote,
            });
        }
        let end = raw_trim.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
        sentence_start = raw_trim.is_empty()
            || (end.ends_with(['.', '!', '?', ':'])
                && !is_abbreviation(end.trim_start_matches(|c: char| !c.is_alphanumeric())));
    }
    out
}

fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr."
            | "Ms."
            | "Mrs."
            | "Dr."
            | "Gen."
            | "Sen."
            | "Rep."
            | "St."
            | "No."
            | "Prof."
            | "Lt."
            | "Col."
            | "Adm."
            | "Gov."
            | "Capt."
            | "Sgt."
            | "Maj."
            | "Amb."
            | "Jr."
            | "Sr."
            | "vs."
    ) || (w.matches('.').count() > 1 && w.len() <= 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_mark_sentences_and_strip_possessives() {
        let t = tokens("Mr. Putin's envoy met Xi. Then “China” said");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Mr.", "Putin", "envoy", "met", "Xi", "Then", "China", "said"
            ]
        );
        assert!(t[0].sentence_start && !t[1].sentence_start);
        assert!(t[5].sentence_start && t[6].sentence_start && !t[7].sentence_start);
        assert!(t[4].breaks_after);
    }
}
