//! Dates as articles write them ("March 14, 2024", "2023-07-04T10:00:00+02:00",
//! "5 May 2022") and as users type them in filters (`2024`, `2024-05`,
//! `2024-05-20`).

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Returns the month (1–12) named by `word` ("March", "Mar.", "Sept").
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w == "sept" {
        return Some(9);
    }
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

/// Returns the first calendar date found in `text`, which may be an ISO 8601
/// timestamp, a numeric date or a written one in English, with or without a
/// weekday or a leading word such as "Published". Times and zones are
/// ignored: the date is the one the writer wrote down.
pub fn parse_loose(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(d) = parse_numeric(text) {
        return Some(d);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_of(w) else { continue };
        let num = |j: usize| -> Option<u32> {
            let s = words
                .get(j)?
                .trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
            s.parse().ok()
        };
        // "March 14, 2024"
        if let (Some(day), Some(year)) = (num(i + 1), num(i + 2))
            && let Some(d) = ymd(year, month, day)
        {
            return Some(d);
        }
        // "14 March 2024"
        if i > 0
            && let (Some(day), Some(year)) = (num(i - 1), num(i + 1))
            && let Some(d) = ymd(year, month, day)
        {
            return Some(d);
        }
    }
    None
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` at the start of `text`, or
/// `DD.MM.YYYY`.
fn parse_numeric(text: &str) -> Option<NaiveDate> {
    let digits: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).take(3).collect();
    if digits.len() < 3 || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n: Vec<u32> = digits.iter().filter_map(|d| d.parse().ok()).collect();
    if n.len() < 3 {
        return None;
    }
    if digits[0].len() == 4 {
        ymd(n[0], n[1], n[2])
    } else if digits[2].len() == 4 && text.contains('.') {
        ymd(n[2], n[1], n[0])
    } else {
        None
    }
}

/// Which end of a period a user-typed date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The first day: `2024` means 2024-01-01.
    Start,
    /// The last day: `2024` means 2024-12-31.
    End,
}

/// Parses a user-typed `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the first or
/// last day of that period. Returns a message saying what is wrong.
pub fn parse_user(text: &str, bound: Bound) -> Result<NaiveDate, String> {
    let bad = || format!("invalid date '{text}': expected YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.trim().split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let num = |i: usize| parts[i].parse::<u32>().map_err(|_| bad());
    match parts.len() {
        1 if parts[0].len() == 4 => {
            let y = num(0)? as i32;
            let (m, d) = if bound == Bound::Start {
                (1, 1)
            } else {
                (12, 31)
            };
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
        }
        2 if parts[0].len() == 4 => {
            let (y, m) = (num(0)? as i32, num(1)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
            Ok(match bound {
                Bound::Start => first,
                Bound::End => last_of_month(first),
            })
        }
        3 if parts[0].len() == 4 => {
            NaiveDate::from_ymd_opt(num(0)? as i32, num(1)?, num(2)?).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_loose(s).map(|d| d.to_string())
    }

    #[test]
    fn written_dates() {
        assert_eq!(d("March 14, 2024").as_deref(), Some("2024-03-14"));
        assert_eq!(d("Published 5 May 2022").as_deref(), Some("2022-05-05"));
        assert_eq!(d("12 March 2025").as_deref(), Some("2025-03-12"));
        assert_eq!(d("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(
            d("Tue, 14 Mar 2024 10:00:00 GMT").as_deref(),
            Some("2024-03-14")
        );
        assert_eq!(
            d("Monday, January 2nd, 2023").as_deref(),
            Some("2023-01-02")
        );
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(
            d("2023-07-04T10:00:00+02:00").as_deref(),
            Some("2023-07-04")
        );
        assert_eq!(d("2024-02-11 08:15:00").as_deref(), Some("2024-02-11"));
        assert_eq!(d("20.05.2024").as_deref(), Some("2024-05-20"));
        assert_eq!(d("2024/05/20").as_deref(), Some("2024-05-20"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(d("Mayday in the Strait"), None);
        assert_eq!(d("2024-13-45"), None);
        assert_eq!(d("On Dec. 9, Chinese and Russian bombers"), None);
    }

    #[test]
    fn user_dates() {
        assert_eq!(
            parse_user("2024", Bound::End).unwrap().to_string(),
            "2024-12-31"
        );
        assert_eq!(
            parse_user("2024-02", Bound::End).unwrap().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            parse_user("2024-02", Bound::Start).unwrap().to_string(),
            "2024-02-01"
        );
        assert!(parse_user("24-02", Bound::Start).is_err());
        assert!(parse_user("2024-02-30", Bound::Start).is_err());
        assert!(parse_user("yesterday", Bound::Start).is_err());
    }
}
