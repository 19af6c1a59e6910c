//! Splitting text into tokens as the tagger's training data was split
//! (Universal Dependencies' English conventions, mostly): punctuation
//! apart, a possessive "'s" and "n't" apart, abbreviations and initials
//! keeping their period ("U.S.", "Mr.", "J."), hyphenated and dotted words
//! whole ("Tu-95", "al-Assad"), URLs and e-mail addresses whole. Each
//! token knows whether it starts a sentence.

/// A token: a byte range of its text and what the tagger needs to know of
/// its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The first word of a sentence (after any opening quotes).
    pub sent_first: bool,
    /// A line break comes before it (or it is the first token).
    pub line_start: bool,
    /// Hash of its text in lower case ([`super::hash::lower`]).
    pub lw: u64,
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that keep their period (lower-cased, without it).
const ABBREVIATIONS: &[&str] = &[
    "adm", "ala", "ariz", "ark", "ave", "blvd", "calif", "capt", "cmdr", "co", "col", "colo",
    "conn", "corp", "cpl", "dept", "dr", "e.g", "est", "etc", "fla", "ft", "ga", "gen", "gov",
    "i.e", "ill", "inc", "ind", "jr", "kan", "ky", "la", "lt", "ltd", "maj", "mass", "md", "mich",
    "minn", "miss", "mo", "mont", "mr", "mrs", "ms", "mt", "neb", "nev", "no", "okla", "ore", "pa",
    "pp", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "tenn", "tex", "va", "vs", "vt", "wash",
    "wis", "wyo",
];

fn is_abbreviation(core: &str) -> bool {
    let n = core.chars().count();
    // Initials ("J") and dotted abbreviations ("U.S", "a.m").
    if n == 1 && core.chars().all(char::is_alphabetic) {
        return true;
    }
    if core.contains('.') && n <= 8 && core.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    // Capitalised, so that "no." ends a sentence while "No. 10" does not.
    let lowercase_ok = matches!(core, "vs" | "etc" | "pp");
    n <= 5
        && (lowercase_ok || core.starts_with(|c: char| c.is_uppercase()))
        && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core))
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Splits `text` into tokens, appended to `out`.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    let first = out.len();
    split(text, out);
    for t in &mut out[first..] {
        t.lw = super::hash::lower(&text[t.start..t.end]);
    }
    mark_sentences(text, &mut out[first..]);
}

fn split(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut line_start = true;
    let mut chunk_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII is judged by the byte; other characters are decoded.
        let (space, dash, len) = if b.is_ascii() {
            (b.is_ascii_whitespace(), false, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), is_dash(c), c.len_utf8())
        };
        if space || dash {
            if let Some(s) = chunk_start.take() {
                chunk(text, s, i, line_start, out);
                line_start = false;
            }
            if b == b'\n' {
                line_start = true;
            }
            if dash {
                push(out, i, i + len, line_start);
                line_start = false;
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = chunk_start {
        chunk(text, s, text.len(), line_start, out);
    }
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, line_start: bool) {
    if start < end {
        out.push(Token {
            start,
            end,
            sent_first: false,
            line_start,
            lw: 0,
        });
    }
}

/// Splits one whitespace-free chunk `text[a..b]`.
fn chunk(text: &str, a: usize, b: usize, line_start: bool, out: &mut Vec<Token>) {
    let s = &text[a..b];
    // Most chunks are a plain word, perhaps with a comma or full stop.
    let bytes = s.as_bytes();
    let alnum_end = bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    if alnum_end > 0
        && bytes[alnum_end..]
            .iter()
            .all(|b| matches!(b, b',' | b';' | b':' | b'!' | b'?' | b')' | b'"'))
        && bytes[alnum_end..].first() != Some(&b'.')
    {
        push(out, a, a + alnum_end, line_start);
        let mut i = alnum_end;
        while i < bytes.len() {
            let run = bytes[i..].iter().take_while(|&&d| d == bytes[i]).count();
            push(out, a + i, a + i + run, false);
            i += run;
        }
        return;
    }
    if alnum_end > 0 && &bytes[alnum_end..] == b"." && !is_abbreviation(&s[..alnum_end]) {
        push(out, a, a + alnum_end, line_start);
        push(out, a + alnum_end, b, false);
        return;
    }
    let mut ls = line_start;
    let mut emit = |out: &mut Vec<Token>, from: usize, to: usize| {
        push(out, a + from, a + to, ls);
        ls = false;
    };
    // Leading punctuation, one token per mark (a run of the same mark is
    // one token: "...").
    let mut lead = 0;
    while let Some(c) = s[lead..].chars().next() {
        if c.is_alphanumeric() {
            break;
        }
        let run = s[lead..].chars().take_while(|&d| d == c).count() * c.len_utf8();
        emit(out, lead, lead + run);
        lead += run;
    }
    if lead == s.len() {
        return;
    }
    // URLs and e-mail addresses stay whole (without trailing punctuation).
    let body = &s[lead..];
    let has = |b: u8| body.as_bytes().contains(&b);
    if (has(b':') && body.contains("://")) || body.starts_with("www.") || (has(b'@') && has(b'.')) {
        let end = lead
            + body
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/')
                .len();
        emit(out, lead, end);
        trailing(s, end, s.len(), &mut emit, out);
        return;
    }
    // Trailing punctuation: everything after the last alphanumeric, but an
    // abbreviation keeps its period.
    let mut core_end = lead
        + body
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
    // "Mr.", "U.S.", and the state in "(D-Calif.)".
    let last_part = s[lead..core_end].rsplit('-').next().unwrap_or("");
    if s[core_end..].starts_with('.')
        && (is_abbreviation(&s[lead..core_end]) || is_abbreviation(last_part))
    {
        core_end += 1;
    }
    core(s, lead, core_end, &mut emit, out);
    trailing(s, core_end, s.len(), &mut emit, out);
}

fn trailing(
    s: &str,
    from: usize,
    to: usize,
    emit: &mut impl FnMut(&mut Vec<Token>, usize, usize),
    out: &mut Vec<Token>,
) {
    let mut i = from;
    while let Some(c) = s[i..to].chars().next() {
        let run = s[i..to].chars().take_while(|&d| d == c).count() * c.len_utf8();
        emit(out, i, i + run);
        i += run;
    }
}

/// Splits the word part of a chunk: joins across "-", ".", "&", "_" and
/// apostrophes between letters, and "," between digits; splits clitics.
fn core(
    s: &str,
    from: usize,
    to: usize,
    emit: &mut impl FnMut(&mut Vec<Token>, usize, usize),
    out: &mut Vec<Token>,
) {
    let w = &s[..to];
    let mut piece = from;
    let it = w[from..].char_indices().map(|(i, c)| (i + from, c));
    let mut prev: Option<char> = None;
    for (i, c) in it {
        if c.is_alphanumeric() {
            prev = Some(c);
            continue;
        }
        let next = w[i + c.len_utf8()..].chars().next();
        let alnum = |o: Option<char>| o.is_some_and(char::is_alphanumeric);
        if is_apostrophe(c) && alnum(prev) {
            let rest_len = w[i + c.len_utf8()..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum::<usize>();
            let rest = &w[i + c.len_utf8()..i + c.len_utf8() + rest_len];
            let at_end = i + c.len_utf8() + rest_len == to;
            let clitic = at_end
                && matches!(
                    rest.to_ascii_lowercase().as_str(),
                    "s" | "ve" | "d" | "ll" | "re" | "m"
                );
            if clitic {
                emit(out, piece, i);
                emit(out, i, to);
                return;
            }
            if at_end && rest.eq_ignore_ascii_case("t") && matches!(prev, Some('n' | 'N')) {
                let n = i - 1;
                emit(out, piece, n);
                emit(out, n, to);
                return;
            }
            if alnum(next) {
                prev = Some(c);
                continue;
            }
        }
        let joins = match c {
            // "Paris-based", "anti-Biden", "Russia-Ukraine" split as the
            // training data splits them; "Tu-95", "long-range" stay whole.
            '-' => alnum(prev) && alnum(next) && !splits_hyphen(&w[piece..i], &w[i + 1..to]),
            '.' | '&' | '_' | '·' => alnum(prev) && alnum(next),
            ',' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            '\'' | '’' => alnum(prev) && alnum(next),
            _ => false,
        };
        if joins {
            prev = Some(c);
            continue;
        }
        // A period that ends the core belongs to it (the abbreviation
        // case), and so does an abbreviation's before a hyphen ("U.S.-led").
        if c == '.'
            && piece < i
            && (i + 1 == to || (next == Some('-') && is_abbreviation(&w[piece..i])))
        {
            prev = Some(c);
            continue;
        }
        emit(out, piece, i);
        emit(out, i, i + c.len_utf8());
        piece = i + c.len_utf8();
        prev = Some(c);
    }
    emit(out, piece, to);
}

/// True if a hyphen between `left` (the word so far) and `right` (the
/// rest) joins a name to an ordinary word: "Paris-based", "U.S.-led",
/// "anti-Biden", "pro-Kremlin", or two capitalised words
/// ("Russia-Ukraine", "D-Calif"). Names with a hyphen stay whole
/// ("Tsai Ing-wen", "Tu-95", "long-range").
fn splits_hyphen(left: &str, right: &str) -> bool {
    let left = left.rsplit('-').next().unwrap_or(left);
    let right = right.split('-').next().unwrap_or(right);
    let letters =
        |s: &str| s.chars().any(char::is_alphabetic) && !s.chars().any(|c| c.is_ascii_digit());
    if !letters(left) || !letters(right) {
        return false;
    }
    let cap = |s: &str| s.starts_with(char::is_uppercase);
    match (cap(left), cap(right)) {
        (true, true) => true,
        (true, false) => HYPHEN_SUFFIXES
            .iter()
            .any(|w| w.eq_ignore_ascii_case(right)),
        (false, true) => HYPHEN_PREFIXES.iter().any(|w| w.eq_ignore_ascii_case(left)),
        (false, false) => false,
    }
}

/// Words after a hyphen that make the part before it a modifier.
const HYPHEN_SUFFIXES: &[&str] = &[
    "aligned", "allied", "american", "area", "backed", "based", "born", "bound", "brokered",
    "centered", "centric", "class", "controlled", "designed", "dominated", "era", "esque",
    "funded", "headquartered", "inspired", "language", "led", "level", "like", "linked", "listed",
    "made", "owned", "related", "run", "speaking", "sponsored", "style", "supported", "themed",
    "type", "wide",
];

/// Words before a hyphen that make what follows a modifier.
const HYPHEN_PREFIXES: &[&str] = &[
    "all", "anti", "co", "counter", "cross", "ex", "inter", "mid", "multi", "neo", "non", "pan",
    "post", "pre", "pro", "quasi", "semi", "sub", "super", "trans", "ultra", "un",
];

/// True for tokens that end a sentence.
fn ends_sentence(t: &str) -> bool {
    matches!(
        t,
        "." | "!" | "?" | "..." | "…" | "!!" | "??" | "?!" | "!?" | "...."
    )
}

/// Marks the first word of every sentence: after ".", "!", "?" (past
/// closing quotes), at line starts, and at the start of the text.
fn mark_sentences(text: &str, toks: &mut [Token]) {
    // Quotes and brackets between a full stop and the next word keep the
    // boundary open.
    let mut boundary = true;
    for t in toks.iter_mut() {
        let s = t.text(text);
        if t.line_start {
            boundary = true;
        }
        if s.chars().next().is_some_and(char::is_alphanumeric) {
            t.sent_first = boundary;
            boundary = false;
        } else if ends_sentence(s) {
            boundary = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_as_the_training_data_does() {
        assert_eq!(
            words("Mr. Putin's envoy didn't meet the U.S. team."),
            [
                "Mr.", "Putin", "'s", "envoy", "did", "n't", "meet", "the", "U.S.", "team", "."
            ]
        );
        assert_eq!(
            words("“No limits,” said Xi—again (in Beijing)."),
            [
                "“", "No", "limits", ",", "”", "said", "Xi", "—", "again", "(", "in", "Beijing",
                ")", "."
            ]
        );
        assert_eq!(
            words("Tu-95s and AT&T paid $1,200.50 to O’Brien… see https://x.org/a."),
            [
                "Tu-95s", "and", "AT&T", "paid", "$", "1,200.50", "to", "O’Brien", "…", "see",
                "https://x.org/a", "."
            ]
        );
        assert_eq!(words("J. K. Rowling"), ["J.", "K.", "Rowling"]);
        assert_eq!(
            words("U.S.-China talks (D-Calif.) spoke"),
            [
                "U.S.", "-", "China", "talks", "(", "D", "-", "Calif.", ")", "spoke"
            ]
        );
        assert_eq!(
            words("Paris-based anti-Biden long-range Covid-19 Russia-Ukraine"),
            [
                "Paris", "-", "based", "anti", "-", "Biden", "long-range", "Covid-19", "Russia",
                "-", "Ukraine"
            ]
        );
        assert_eq!(words("Workers' Party"), ["Workers", "'", "Party"]);
    }

    #[test]
    fn marks_sentence_starts() {
        let text = "He left. “Then we go,” she said.\nVAIL, Colorado";
        let mut v = Vec::new();
        tokenize(text, &mut v);
        let firsts: Vec<&str> = v
            .iter()
            .filter(|t| t.sent_first)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(firsts, ["He", "Then", "VAIL"]);
    }
}
