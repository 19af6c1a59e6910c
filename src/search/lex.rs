//! The query language's tokens: words, phrases with their slop, ranges,
//! operators and `field:` prefixes, each with its character position.

use super::parse::{FIELD_NAMES, QField};
use crate::error::QueryError;
use crate::model::EntityType;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    LParen,
    RParen,
    And,
    Or,
    Not,
    Plus,
    Field(QField),
    /// `PERSON:` after `entity:`.
    Kind(EntityType),
    Word(String),
    Phrase(String, u32),
    Range {
        from: String,
        to: String,
        inclusive: (bool, bool),
    },
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

pub(super) fn lex(q: &str) -> Result<Vec<(Tok, usize)>, QueryError> {
    let chars: Vec<char> = q.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        match c {
            '(' => {
                toks.push((Tok::LParen, i));
                i += 1;
            }
            ')' => {
                toks.push((Tok::RParen, i));
                i += 1;
            }
            c if is_quote(c) => {
                let close = (i + 1..chars.len()).find(|&j| is_quote(chars[j]));
                let Some(close) = close else {
                    return Err(QueryError::new(
                        i,
                        "unclosed quote: a phrase needs a closing \"",
                    ));
                };
                let text: String = chars[i + 1..close].iter().collect();
                i = close + 1;
                let mut slop = 0;
                if chars.get(i) == Some(&'~') {
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    slop = digits
                        .parse()
                        .map_err(|_| QueryError::new(i, "expected a number after ~ (\"a b\"~5)"))?;
                    i += 1 + digits.len();
                }
                if text.trim().is_empty() {
                    return Err(QueryError::new(start, "empty phrase"));
                }
                toks.push((Tok::Phrase(text, slop), start));
            }
            '-' | '!' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                toks.push((Tok::Not, i));
                i += 1;
            }
            '+' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                toks.push((Tok::Plus, i));
                i += 1;
            }
            '[' | '{' => {
                let close = (i + 1..chars.len()).find(|&j| matches!(chars[j], ']' | '}'));
                let Some(close) = close else {
                    return Err(QueryError::new(i, "unclosed range: expected ] or }"));
                };
                let inner: String = chars[i + 1..close].iter().collect();
                let parts: Vec<&str> = inner.split(" TO ").collect();
                if parts.len() != 2 {
                    return Err(QueryError::new(
                        i,
                        "a range is written [FROM TO UNTIL], e.g. [2024-01-01 TO 2024-06-30]",
                    ));
                }
                toks.push((
                    Tok::Range {
                        from: parts[0].trim().to_string(),
                        to: parts[1].trim().to_string(),
                        inclusive: (c == '[', chars[close] == ']'),
                    },
                    start,
                ));
                i = close + 1;
            }
            _ => {
                let mut j = i;
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !matches!(chars[j], '(' | ')')
                    && !is_quote(chars[j])
                {
                    if chars[j] == ':' {
                        break;
                    }
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                if chars.get(j) == Some(&':')
                    && !word.is_empty()
                    && word.chars().all(char::is_alphabetic)
                    // A URL ("https://…") is a word, not a field.
                    && !(chars.get(j + 1) == Some(&'/') && chars.get(j + 2) == Some(&'/'))
                {
                    if let Some(kind) = EntityType::parse(&word)
                        && matches!(toks.last(), Some((Tok::Field(QField::Entity), _)))
                    {
                        toks.push((Tok::Kind(kind), i));
                        i = j + 1;
                        continue;
                    }
                    let Some(f) = QField::from_name(&word) else {
                        return Err(QueryError::new(
                            i,
                            format!("unknown field '{word}:' (fields: {FIELD_NAMES})"),
                        ));
                    };
                    if chars.get(j + 1).is_none_or(|c| c.is_whitespace()) {
                        return Err(QueryError::new(j, format!("nothing after '{word}:'")));
                    }
                    toks.push((Tok::Field(f), i));
                    i = j + 1;
                    continue;
                }
                // A colon inside a word ("10:30") is part of it.
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !matches!(chars[j], '(' | ')')
                    && !is_quote(chars[j])
                {
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                let tok = match word.as_str() {
                    "AND" | "&&" => Tok::And,
                    "OR" | "||" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => Tok::Word(word),
                };
                toks.push((tok, i));
                i = j;
            }
        }
    }
    Ok(toks)
}
