//! The query language, parsed into a small tree with positions kept for
//! error messages. No tantivy here; `query` turns the tree into a tantivy
//! query.
//!
//! ```text
//! query   = or
//! or      = and ("OR" and)*
//! and     = unary (["AND"] unary)*          keywords are all required
//! unary   = ("NOT" | "-") unary | "+" unary | primary
//! primary = "(" or ")" | [field ":"] (word | "phrase"[~N] | range | "(" or ")")
//! range   = ("[" | "{") date "TO" date ("]" | "}")   only for date:
//! ```

use chrono::NaiveDate;

use super::lex::{Tok, lex};
use crate::date::{self, Bound};
use crate::error::QueryError;

/// Fields a query may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QField {
    /// `title:`
    Title,
    /// `body:`
    Body,
    /// `author:`
    Author,
    /// `entity:`
    Entity,
    /// `source:`
    Source,
    /// `date:`
    Date,
}

pub(super) const FIELD_NAMES: &str = "title, body, author, entity, source, date";

impl QField {
    pub(super) fn from_name(s: &str) -> Option<QField> {
        Some(match s.to_ascii_lowercase().as_str() {
            "title" => QField::Title,
            "body" | "text" => QField::Body,
            "author" | "by" => QField::Author,
            "entity" => QField::Entity,
            "source" | "site" => QField::Source,
            "date" => QField::Date,
            _ => return None,
        })
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// All must match.
    And(Vec<Node>),
    /// At least one must match.
    Or(Vec<Node>),
    /// Must not match.
    Not(Box<Node>),
    /// A keyword (analyzed; may become several tokens, searched as a phrase).
    Term {
        /// Field, or `None` for title and body.
        field: Option<QField>,
        /// The word as typed.
        text: String,
    },
    /// An exact phrase, optionally with a slop.
    Phrase {
        /// Field, or `None` for title and body.
        field: Option<QField>,
        /// The words inside the quotes.
        text: String,
        /// Words allowed between and around the phrase's words.
        slop: u32,
    },
    /// Words starting with a prefix: `sanction*`.
    Prefix {
        /// Field, or `None` for title and body.
        field: Option<QField>,
        /// The prefix, without the `*`.
        text: String,
    },
    /// A word with up to `distance` typos: `Pyongyang~1`.
    Fuzzy {
        /// Field, or `None` for title and body.
        field: Option<QField>,
        /// The word, without `~N`.
        text: String,
        /// Edits allowed (0 to 2).
        distance: u8,
    },
    /// A clause weighing `boost` times as much: `title:taiwan^2`.
    Boost(Box<Node>, f32),
    /// Publication dates from `from` to `to`, inclusive.
    DateRange {
        /// First day, or unbounded.
        from: Option<NaiveDate>,
        /// Last day, or unbounded.
        to: Option<NaiveDate>,
    },
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    at: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(t, _)| t)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.at).map(|(_, p)| *p).unwrap_or(self.len)
    }

    fn next(&mut self) -> Option<(Tok, usize)> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn or(&mut self, field: Option<QField>) -> Result<Node, QueryError> {
        let mut parts = vec![self.and(field)?];
        while self.peek() == Some(&Tok::Or) {
            let p = self.pos();
            self.at += 1;
            if matches!(self.peek(), None | Some(Tok::RParen | Tok::Or | Tok::And)) {
                return Err(QueryError::new(p, "OR needs a search term on both sides"));
            }
            parts.push(self.and(field)?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self, field: Option<QField>) -> Result<Node, QueryError> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::RParen | Tok::Or) => break,
                Some(Tok::And) => {
                    let p = self.pos();
                    self.at += 1;
                    if items.is_empty()
                        || matches!(self.peek(), None | Some(Tok::RParen | Tok::Or | Tok::And))
                    {
                        return Err(QueryError::new(p, "AND needs a search term on both sides"));
                    }
                }
                _ => items.push(self.unary(field)?),
            }
        }
        match items.len() {
            0 => Err(QueryError::new(
                self.pos(),
                match self.peek() {
                    Some(Tok::RParen) => "expected a search term before ')'",
                    Some(Tok::Or) => "OR needs a search term on both sides",
                    _ => "expected a search term",
                },
            )),
            1 => Ok(items.pop().expect("one item")),
            _ => Ok(Node::And(items)),
        }
    }

    fn unary(&mut self, field: Option<QField>) -> Result<Node, QueryError> {
        match self.peek() {
            Some(Tok::Not) => {
                let p = self.pos();
                self.at += 1;
                if matches!(self.peek(), None | Some(Tok::RParen | Tok::Or | Tok::And)) {
                    return Err(QueryError::new(p, "NOT needs a search term after it"));
                }
                Ok(Node::Not(Box::new(self.unary(field)?)))
            }
            Some(Tok::Plus) => {
                self.at += 1;
                self.unary(field)
            }
            _ => self.primary(field),
        }
    }

    fn primary(&mut self, field: Option<QField>) -> Result<Node, QueryError> {
        let Some((tok, p)) = self.next() else {
            return Err(QueryError::new(self.len, "expected a search term"));
        };
        match tok {
            Tok::LParen => {
                let inner = self.or(field)?;
                match self.next() {
                    Some((Tok::RParen, _)) => Ok(inner),
                    _ => Err(QueryError::new(p, "unclosed parenthesis: expected ')'")),
                }
            }
            Tok::Field(f) => {
                if field.is_some() {
                    return Err(QueryError::new(
                        p,
                        "a field inside a field group is not allowed",
                    ));
                }
                if f == QField::Date {
                    return self.date(p);
                }
                // `entity:PERSON:name`: the type travels as a prefix of the
                // name, as in `--entity PERSON:name`.
                if let Some(Tok::Kind(kind)) = self.peek() {
                    let kind = *kind;
                    self.next();
                    return match self.next() {
                        Some((Tok::Word(w), _)) => Ok(Node::Term {
                            field: Some(f),
                            text: format!("{}:{w}", kind.as_str()),
                        }),
                        Some((Tok::Phrase(w, slop), _)) => Ok(Node::Phrase {
                            field: Some(f),
                            text: format!("{}:{w}", kind.as_str()),
                            slop,
                        }),
                        _ => Err(QueryError::new(
                            self.pos(),
                            "expected a name after the entity type",
                        )),
                    };
                }
                match self.peek() {
                    Some(Tok::Word(_) | Tok::Phrase(..) | Tok::LParen) => self.primary(Some(f)),
                    _ => Err(QueryError::new(
                        self.pos(),
                        "expected a word or \"phrase\" after the field name",
                    )),
                }
            }
            Tok::Word(text) => word(field, text, p),
            Tok::Phrase(text, slop) => Ok(Node::Phrase { field, text, slop }),
            Tok::Range { .. } => Err(QueryError::new(
                p,
                "ranges work on dates only: date:[2024-01-01 TO 2024-06-30]",
            )),
            Tok::RParen => Err(QueryError::new(p, "unmatched ')'")),
            Tok::Kind(_) => Err(QueryError::new(p, "an entity type belongs after 'entity:'")),
            Tok::And | Tok::Or | Tok::Not | Tok::Plus => {
                Err(QueryError::new(p, "expected a search term"))
            }
        }
    }

    fn date(&mut self, p: usize) -> Result<Node, QueryError> {
        let err = |pos: usize, m: String| QueryError::new(pos, m);
        match self.next() {
            Some((
                Tok::Range {
                    from,
                    to,
                    inclusive,
                },
                rp,
            )) => {
                let bound =
                    |s: &str, b: Bound, incl: bool| -> Result<Option<NaiveDate>, QueryError> {
                        if s == "*" {
                            return Ok(None);
                        }
                        let d = date::parse_user(s, b).map_err(|m| err(rp, m))?;
                        Ok(Some(match (incl, b) {
                            (true, _) => d,
                            (false, Bound::Start) => date::parse_user(s, Bound::End)
                                .map_err(|m| err(rp, m))?
                                .succ_opt()
                                .unwrap_or(d),
                            (false, Bound::End) => date::parse_user(s, Bound::Start)
                                .map_err(|m| err(rp, m))?
                                .pred_opt()
                                .unwrap_or(d),
                        }))
                    };
                Ok(Node::DateRange {
                    from: bound(&from, Bound::Start, inclusive.0)?,
                    to: bound(&to, Bound::End, inclusive.1)?,
                })
            }
            Some((Tok::Word(w), wp)) => Ok(Node::DateRange {
                from: Some(date::parse_user(&w, Bound::Start).map_err(|m| err(wp, m))?),
                to: Some(date::parse_user(&w, Bound::End).map_err(|m| err(wp, m))?),
            }),
            _ => Err(err(
                p,
                "date: takes a date (date:2024-05) or a range (date:[2024-01-01 TO 2024-06-30])"
                    .into(),
            )),
        }
    }
}

/// A word, with its operators: `^B` (boost), `*` (prefix), `~N` (fuzzy).
fn word(field: Option<QField>, text: String, at: usize) -> Result<Node, QueryError> {
    let (text, boost) = match text.rsplit_once('^') {
        Some((w, b)) if !w.is_empty() && !b.is_empty() => {
            let b: f32 = b
                .parse()
                .map_err(|_| QueryError::new(at, format!("a boost is a number, as in {w}^2")))?;
            if !(b > 0.0 && b.is_finite()) {
                return Err(QueryError::new(at, "a boost must be greater than 0"));
            }
            (w.to_string(), Some(b))
        }
        _ => (text, None),
    };
    let node = if let Some(prefix) = text.strip_suffix('*') {
        if prefix.chars().filter(|c| c.is_alphanumeric()).count() < 3
            || !prefix.chars().all(char::is_alphanumeric)
        {
            return Err(QueryError::new(
                at,
                "a prefix is at least 3 letters or digits before the *, as in sanction*",
            ));
        }
        Node::Prefix {
            field,
            text: prefix.to_string(),
        }
    } else if let Some((w, d)) = text.rsplit_once('~')
        && !w.is_empty()
        && !d.is_empty()
        && d.chars().all(|c| c.is_ascii_digit())
    {
        let distance: u8 = d.parse().unwrap_or(u8::MAX);
        if distance > 2 {
            return Err(QueryError::new(
                at,
                "a fuzzy word allows 0, 1 or 2 typos, as in Pyongyang~1",
            ));
        }
        Node::Fuzzy {
            field,
            text: w.to_string(),
            distance,
        }
    } else {
        Node::Term { field, text }
    };
    Ok(match boost {
        Some(b) => Node::Boost(Box::new(node), b),
        None => node,
    })
}

/// Parses a query; errors carry the character position of the problem.
pub fn parse(q: &str) -> Result<Node, QueryError> {
    let toks = lex(q)?;
    if toks.is_empty() {
        return Err(QueryError::new(0, "empty query"));
    }
    let mut p = Parser {
        toks,
        at: 0,
        len: q.chars().count(),
    };
    let node = p.or(None)?;
    if let Some((_, pos)) = p.toks.get(p.at) {
        return Err(QueryError::new(*pos, "unmatched ')'"));
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Node {
        Node::Term {
            field: None,
            text: t.into(),
        }
    }

    #[test]
    fn implicit_and_or_not() {
        assert_eq!(parse("a b").unwrap(), Node::And(vec![term("a"), term("b")]));
        assert_eq!(
            parse("a OR b -c").unwrap(),
            Node::Or(vec![
                term("a"),
                Node::And(vec![term("b"), Node::Not(Box::new(term("c")))])
            ])
        );
        assert_eq!(
            parse("NOT (a OR b)").unwrap(),
            Node::Not(Box::new(Node::Or(vec![term("a"), term("b")])))
        );
    }

    #[test]
    fn phrases_fields_and_dates() {
        assert_eq!(
            parse("“no limits”").unwrap(),
            Node::Phrase {
                field: None,
                text: "no limits".into(),
                slop: 0
            }
        );
        assert_eq!(
            parse("title:\"a b\"~2").unwrap(),
            Node::Phrase {
                field: Some(QField::Title),
                text: "a b".into(),
                slop: 2
            }
        );
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            parse("date:[2024-01 TO 2024-06-30]").unwrap(),
            Node::DateRange {
                from: d("2024-01-01"),
                to: d("2024-06-30")
            }
        );
        assert_eq!(
            parse("date:2023").unwrap(),
            Node::DateRange {
                from: d("2023-01-01"),
                to: d("2023-12-31")
            }
        );
        assert_eq!(
            parse("date:[* TO 2022]").unwrap(),
            Node::DateRange {
                from: None,
                to: d("2022-12-31")
            }
        );
    }

    #[test]
    fn errors_say_where() {
        let e = |q: &str| parse(q).unwrap_err();
        assert_eq!(e("china \"no limits").position, 6);
        assert_eq!(e("(china OR russia").position, 0);
        assert_eq!(e("china )").position, 6);
        assert_eq!(e("china AND").position, 6);
        assert_eq!(e("OR china").position, 0);
        assert!(e("foo:bar").message.contains("unknown field"));
        assert!(parse("https://example.org/a").is_ok());
        assert_eq!(e("date:[2024-13 TO 2025]").position, 5);
        assert_eq!(e("").message, "empty query");
    }
}
