//! The browser's clock and how times are shown and typed in local time.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// Current time, to the millisecond (what the browser clock offers).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::milliseconds(1))
        .unwrap_or(now)
}

/// Reads an `<input type="datetime-local">` value (local time) as UTC.
pub fn parse_local_datetime(value: &str) -> Option<DateTime<Utc>> {
    use chrono::{Local, NaiveDateTime, TimeZone};
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A typed time that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Reads an optional `datetime-local` value: blank is none, anything else must read as a time.
pub fn parse_optional_local(value: &str) -> Result<Option<DateTime<Utc>>, Unreadable> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_local_datetime(value).map(Some).ok_or(Unreadable)
}

/// Formats a time for a `datetime-local` input, in local time.
pub fn to_local_input(time: DateTime<Utc>) -> String {
    time.with_timezone(&chrono::Local)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Formats a time for reading, in local time, e.g. `2026-11-28 14:05`.
pub fn display_time(time: DateTime<Utc>) -> String {
    time.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The calendar day `now` falls on in this browser's time zone: a follow-up action due today is
/// not overdue until the day is over where the person is.
pub fn local_day(now: DateTime<Utc>) -> chrono::NaiveDate {
    now.with_timezone(&chrono::Local).date_naive()
}
