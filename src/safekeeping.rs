//! Keeping data safe in a browser that may clear it: when to nudge for a backup, and how to tell
//! that the browser wiped the database. Pure rules; the browser side lives in `browser` and hooks.

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::Incident;

pub use crate::domain::settings::{DEFAULT_REMIND_DAYS, MAX_REMIND_DAYS};

/// A reminder to export: how many incidents changed since the last export, and when that was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudge {
    /// Incidents declared or changed since the last export (all of them if there was none).
    pub changed: usize,
    /// The last export, if there was one.
    pub last_export: Option<DateTime<Utc>>,
}

/// The nudge due now, if any: the last export is older than `remind_days` and something changed
/// since. Without any export, the clock starts at the oldest incident, so a first day of use is
/// not nagged.
pub fn backup_nudge<'a>(
    last_export: Option<DateTime<Utc>>,
    incidents: impl IntoIterator<Item = &'a Incident>,
    now: DateTime<Utc>,
    remind_days: u32,
) -> Option<Nudge> {
    let interval = TimeDelta::days(i64::from(remind_days.clamp(1, MAX_REMIND_DAYS)));
    let mut changed = 0;
    let mut oldest: Option<DateTime<Utc>> = None;
    for incident in incidents {
        if last_export.is_none_or(|at| incident.updated_at > at) {
            changed += 1;
            oldest = Some(oldest.map_or(incident.created_at, |o| o.min(incident.created_at)));
        }
    }
    let since = last_export.or(oldest)?;
    (changed > 0 && now - since >= interval).then_some(Nudge {
        changed,
        last_export,
    })
}

/// A reminder interval as typed: a whole number of days from 1 to [`MAX_REMIND_DAYS`].
pub fn remind_days(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_REMIND_DAYS).contains(d))
}

/// Reads the remembered reminder interval, falling back to the default for anything unusable.
pub fn parse_remind_days(text: Option<&str>) -> u32 {
    text.and_then(remind_days).unwrap_or(DEFAULT_REMIND_DAYS)
}

/// What the canary says about the database this browser opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canary {
    /// The database is the one this browser used before (or the first one it ever had).
    Same,
    /// This browser held another database before and it is gone: the browser cleared IndexedDB
    /// but kept local storage.
    Wiped,
}

/// Compares the database id remembered in local storage with the one the database holds.
pub fn canary(remembered: Option<&str>, database: &str) -> Canary {
    match remembered {
        Some(before) if before != database => Canary::Wiped,
        _ => Canary::Same,
    }
}

/// Bytes in words a person reads at a glance: `512 bytes`, `1.5 MB`, `12 GB` (powers of 1,000,
/// as browsers and disks count them).
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if !bytes.is_finite() || bytes < 1_000.0 {
        return format!("{} bytes", bytes.max(0.0).round());
    }
    let mut value = bytes;
    let mut unit = UNITS[0];
    for next in UNITS {
        value /= 1_000.0;
        unit = next;
        if value < 1_000.0 {
            break;
        }
    }
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}
