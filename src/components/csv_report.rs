//! The queue as CSV for spreadsheets: one row per incident with its milestones and the minutes
//! between them. RFC 4180 (fields quoted when they hold a comma, a quote or a line break; quotes
//! doubled; lines end with CRLF), UTF-8 with a byte-order mark so that spreadsheets read the
//! names right, and a header row. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return gets a leading apostrophe, so a spreadsheet shows it instead of running it.

use chrono::{DateTime, Utc};

use super::words::Label;
use crate::domain::Incident;

/// The header row, in column order.
pub const HEADER: [&str; 20] = [
    "Reference",
    "Title",
    "Kind",
    "State",
    "Priority",
    "Category",
    "Services",
    "Commander",
    "Impact started (UTC)",
    "Detected (UTC)",
    "Reported (UTC)",
    "Acknowledged (UTC)",
    "Contained (UTC)",
    "Resolved (UTC)",
    "Closed (UTC)",
    "Minutes to detect",
    "Minutes to acknowledge",
    "Minutes to contain",
    "Minutes to resolve",
    "Minutes of impact",
];

/// A cell as a spreadsheet may read it: a would-be formula neutralised, then quoted if needed.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn time(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

fn minutes(from: DateTime<Utc>, to: Option<DateTime<Utc>>) -> String {
    to.map(|to| (to - from).num_minutes().to_string())
        .unwrap_or_default()
}

/// One incident's row, before quoting.
fn row(incident: &Incident) -> [String; 20] {
    let m = &incident.milestones;
    let reported = incident.reported_at;
    [
        incident.reference.clone(),
        incident.title.clone(),
        incident.kind.as_str().to_string(),
        incident.state.label().to_string(),
        incident.priority().as_str().to_string(),
        incident.category.label().to_string(),
        incident.services.join(", "),
        incident.commander.clone().unwrap_or_default(),
        time(Some(incident.impact_started_at)),
        time(Some(incident.detected_at)),
        time(Some(reported)),
        time(m.acknowledged_at),
        time(m.contained_at),
        time(m.resolved_at),
        time(m.closed_at),
        minutes(incident.impact_started_at, Some(incident.detected_at)),
        minutes(reported, m.acknowledged_at),
        minutes(reported, m.contained_at),
        minutes(reported, m.resolved_at),
        minutes(incident.impact_started_at, m.resolved_at),
    ]
}

/// The CSV of these incidents, in the order given.
pub fn render<'a>(incidents: impl IntoIterator<Item = &'a Incident>) -> String {
    let mut out = String::from("\u{feff}");
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, &mut HEADER.iter().map(|h| cell(h)));
    for incident in incidents {
        line(&mut out, &mut row(incident).iter().map(|c| cell(c)));
    }
    out
}

/// The file name of a CSV written at `at`, e.g. `sitrep-queue-20261207-1405.csv`.
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("sitrep-queue-{}.csv", at.format("%Y%m%d-%H%M"))
}
