//! `timeline`: how many matching documents per year, month or week, read
//! from the date fast field (no stored document is loaded).

use chrono::{Datelike, NaiveDate};
use tantivy::collector::DocSetCollector;

use super::{SearchRequest, build_query};
use crate::error::{Error, Result};
use crate::index::PunditIndex;
use crate::model::{Period, Timeline};

/// The width of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// `2024`
    Year,
    /// `2024-05`
    Month,
    /// ISO weeks: `2024-W19`
    Week,
}

/// The first day of the period holding `d`.
fn period_start(d: NaiveDate, by: Granularity) -> NaiveDate {
    match by {
        Granularity::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        Granularity::Month => d.with_day(1).unwrap_or(d),
        Granularity::Week => {
            d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
        }
    }
}

/// The first day of the period after the one starting at `start`.
fn next_period(start: NaiveDate, by: Granularity) -> NaiveDate {
    match by {
        Granularity::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1).unwrap_or(start),
        Granularity::Month => start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(start),
        Granularity::Week => start + chrono::Duration::days(7),
    }
}

/// The label of the period starting at `start`.
fn label(start: NaiveDate, by: Granularity) -> String {
    match by {
        Granularity::Year => format!("{}", start.year()),
        Granularity::Month => format!("{}-{:02}", start.year(), start.month()),
        Granularity::Week => {
            let w = start.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
    }
}

/// Counts the documents matching `req` per period, from the first dated
/// one to the last (empty periods included, with 0), and the undated ones.
pub fn timeline(ix: &PunditIndex, req: &SearchRequest, by: Granularity) -> Result<Timeline> {
    let (query, _) = build_query(ix, req)?;
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let terr = |e| Error::index(&ix.dir, e);
    let docs = searcher.search(&*query, &DocSetCollector).map_err(terr)?;
    let mut starts: std::collections::BTreeMap<NaiveDate, u64> = Default::default();
    let mut undated = 0;
    let mut columns = Vec::new();
    for seg in searcher.segment_readers() {
        columns.push(seg.fast_fields().date("date").map_err(terr)?);
    }
    for addr in &docs {
        let day = columns[addr.segment_ord as usize]
            .first(addr.doc_id)
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive());
        match day {
            Some(d) => *starts.entry(period_start(d, by)).or_insert(0) += 1,
            None => undated += 1,
        }
    }
    let mut periods = Vec::new();
    if let (Some(&first), Some(&last)) = (starts.keys().next(), starts.keys().next_back()) {
        let mut at = first;
        while at <= last {
            periods.push(Period {
                period: label(at, by),
                count: starts.get(&at).copied().unwrap_or(0),
            });
            let next = next_period(at, by);
            if next <= at {
                break;
            }
            at = next;
        }
    }
    Ok(Timeline {
        query: req.query.clone(),
        by: match by {
            Granularity::Year => "year",
            Granularity::Month => "month",
            Granularity::Week => "week",
        }
        .into(),
        total: docs.len() as u64,
        undated,
        periods,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_and_follow() {
        let d = NaiveDate::from_ymd_opt(2024, 5, 22).unwrap();
        assert_eq!(
            label(period_start(d, Granularity::Year), Granularity::Year),
            "2024"
        );
        assert_eq!(
            label(period_start(d, Granularity::Month), Granularity::Month),
            "2024-05"
        );
        let w = period_start(d, Granularity::Week);
        assert_eq!(w, NaiveDate::from_ymd_opt(2024, 5, 20).unwrap());
        assert_eq!(label(w, Granularity::Week), "2024-W21");
        let dec = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
        assert_eq!(
            label(next_period(dec, Granularity::Month), Granularity::Month),
            "2025-01"
        );
    }
}
