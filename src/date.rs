//! Dates as articles write them ("March 14, 2024", "2023-07-04T10:00:00+02:00",
//! "5 May 2022") and as users type them in filters (`2024`, `2024-05`,
//! `2024-05-20`).

use chrono::{Datelike, NaiveDate};

/// Month names and abbreviations in the languages pundit meets most
/// (English, German, French, Spanish, Italian, Portuguese, Dutch, Polish,
/// Russian, Ukrainian),
/// lower case; index 0 is January.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio",
        "janeiro", "januari", "stycznia", "styczeń", "января", "январь", "янв", "січня",
    ],
    &[
        "february", "feb", "februar", "février", "fevrier", "févr", "febrero", "febbraio",
        "fevereiro", "februari", "lutego", "luty", "февраля", "февраль", "фев", "лютого",
    ],
    &[
        "march", "mar", "märz", "maerz", "mars", "marzo", "março", "maart", "marca", "marzec",
        "mär", "марта", "март", "мар", "березня",
    ],
    &[
        "april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień", "апреля",
        "апрель", "апр", "квітня",
    ],
    &[
        "may", "mai", "mayo", "maggio", "maio", "mei", "maja", "maj", "мая", "май", "травня",
    ],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec", "июня",
        "июнь", "червня",
    ],
    &[
        "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho", "lipca", "lipiec",
        "июля", "июль", "липня",
    ],
    &[
        "august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "sierpień",
        "августа", "август", "авг", "серпня",
    ],
    &[
        "september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro", "set",
        "września", "wrzesień", "сентября", "сентябрь", "сен", "вересня",
    ],
    &[
        "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro", "out",
        "października", "październik", "октября", "октябрь", "окт", "жовтня",
    ],
    &[
        "november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "ноября",
        "ноябрь", "ноя", "листопада",
    ],
    &[
        "december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
        "dicembre", "dezembro", "grudnia", "grudzień", "декабря", "декабрь", "дек", "грудня",
    ],
];

/// Returns the month (1–12) named by `word` ("March", "Mar.", "März",
/// "septembre").
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.contains(&w.as_str()))
        .map(|i| i as u32 + 1)
}

/// Returns true if `word` names a month or a weekday (in the languages of
/// [`MONTHS`]): such a word ends a name in a byline ("Alex Bozarjian
/// Thursday, November 23").
pub fn is_calendar_word(word: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag",
        "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi",
        "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles",
        "jueves", "viernes", "sábado", "domingo",
    ];
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    (w.chars().count() >= 4 && month_of(&w).is_some()) || DAYS.contains(&w.as_str())
}

/// Returns the first calendar date found in `text`, which may be an ISO 8601
/// timestamp, a numeric date or a written one in English, with or without a
/// weekday or a leading word such as "Published". Times and zones are
/// ignored: the date is the one the writer wrote down.
pub fn parse_loose(text: &str) -> Option<NaiveDate> {
    parse_loose_in(text, false)
}

/// Like [`parse_loose`], reading an ambiguous `NN/NN/YYYY` day first
/// when `day_first` (British and European pages) and month first
/// otherwise (American ones).
pub fn parse_loose_in(text: &str, day_first: bool) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(d) = parse_numeric(text, day_first) {
        return Some(d);
    }
    if let Some(d) = parse_cjk(text) {
        return Some(d);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '|' | '(' | ')'))
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "of" | "the"))
        .collect();
    let num = |j: usize| -> Option<u32> {
        let s = words
            .get(j)?
            .trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_of(w) else { continue };
        // "March 14, 2024"
        if let (Some(day), Some(year)) = (num(i + 1), num(i + 2))
            && let Some(d) = ymd(year, month, day)
        {
            return Some(d);
        }
        // "14 March 2024", "5. März 2022"
        if i > 0
            && let (Some(day), Some(year)) = (num(i - 1), num(i + 1))
            && let Some(d) = ymd(year, month, day)
        {
            return Some(d);
        }
    }
    // A numeric date after a word: "Published 20.05.2024", "Stand: 2024-05-20".
    text.char_indices()
        .filter(|(i, c)| {
            c.is_ascii_digit() && (*i == 0 || !text[..*i].ends_with(|p: char| p.is_ascii_digit()))
        })
        .find_map(|(i, _)| parse_numeric(&text[i..], day_first))
}

/// A Chinese, Japanese or Korean date: "2019年6月24日", "2019년 6월 24일".
fn parse_cjk(text: &str) -> Option<NaiveDate> {
    let mut nums = [0u32; 3];
    let mut from = 0;
    for (i, marker) in [['年', '년'], ['月', '월'], ['日', '일']]
        .iter()
        .enumerate()
    {
        let at = from + text[from..].find(marker)?;
        let before = text[from..at].trim_end();
        from = at + marker[0].len_utf8();
        let digits = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        if digits == 0 || digits > 4 {
            return None;
        }
        nums[i] = before[before.len() - digits..].parse().ok()?;
    }
    ymd(nums[0], nums[1], nums[2])
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// A numeric date at the start of `text`: `YYYY-MM-DD` (also with `/` or
/// `.`), `DD.MM.YYYY`, or `MM/DD/YYYY` (`DD/MM/YYYY` when the first number
/// cannot be a month).
fn parse_numeric(text: &str, day_first: bool) -> Option<NaiveDate> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut parts: Vec<&str> = Vec::with_capacity(3);
    let mut seps: Vec<char> = Vec::new();
    let mut rest = text;
    while parts.len() < 3 {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        parts.push(&rest[..end]);
        rest = &rest[end..];
        if parts.len() < 3 {
            let sep = rest.chars().next()?;
            if !matches!(sep, '-' | '/' | '.') {
                return None;
            }
            seps.push(sep);
            rest = &rest[1..];
        }
    }
    // A fourth number ("1.2.3.4") or a letter glued on means it is not a date.
    let iso_time = rest.starts_with('T') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if (rest.starts_with(|c: char| c.is_ascii_alphanumeric()) && !iso_time)
        || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    if seps[0] != seps[1] {
        return None;
    }
    let Ok(n) = parts
        .iter()
        .map(|d| d.parse::<u32>())
        .collect::<Result<Vec<u32>, _>>()
    else {
        return None;
    };
    match (parts[0].len(), parts[2].len(), seps[0]) {
        (4, 1..=2, _) => ymd(n[0], n[1], n[2]),
        (1..=2, 4, '.') | (1..=2, 4, '-') => ymd(n[2], n[1], n[0]),
        (1..=2, 4, '/') if n[0] > 12 || (day_first && n[1] <= 12) => ymd(n[2], n[1], n[0]),
        (1..=2, 4, '/') => ymd(n[2], n[0], n[1]),
        _ => None,
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
        assert_eq!(d("15 августа 2016, 13:43").as_deref(), Some("2016-08-15"));
        assert_eq!(d("2019年6月24日 19時").as_deref(), Some("2019-06-24"));
        assert_eq!(d("2023년 11월 7일").as_deref(), Some("2023-11-07"));
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
        assert_eq!(d("version 1.2.3.4 of 2024"), None);
        assert_eq!(d("2024-99999999999-05"), None);
        assert_eq!(d("1.99999999999.2024"), None);
        assert_eq!(d("Call 030-1234-5678"), None);
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
