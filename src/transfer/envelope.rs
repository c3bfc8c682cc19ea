//! The file people share: the envelope around incidents, written pretty-printed in a stable order.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::domain::settings::Settings;
use crate::domain::{Incident, IncidentKind};

use super::migrate::CURRENT_VERSION;
use super::settings::WireSettings;
use super::wire::{IncidentOut, Time, WriteError};

/// The value of `format` that marks a Sitrep file.
pub const FORMAT: &str = "sitrep";

/// The `generator` this build writes, e.g. `sitrep 0.1.0`.
pub const GENERATOR: &str = concat!("sitrep ", env!("CARGO_PKG_VERSION"));

/// What a file holds once read: the envelope's fields, migrated to the current version.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// The format version the file was written in (older ones were migrated).
    pub source_version: u64,
    /// When the file was written.
    pub exported_at: DateTime<Utc>,
    /// Which program wrote it, e.g. `sitrep 0.1.0` (empty if the file does not say).
    pub generator: String,
    /// The incidents, in file order.
    pub incidents: Vec<Incident>,
    /// Drill scenarios, kept as they are until Sitrep reads them.
    pub scenarios: Vec<Value>,
    /// The settings of the browser that wrote it (a full export carries them).
    pub settings: Option<Settings>,
}

/// The envelope as written: its own type, borrowing the incidents it exports.
#[derive(Serialize)]
struct Written<'a> {
    format: &'static str,
    version: u64,
    exported_at: Time,
    generator: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<WireSettings<'a>>,
    incidents: Vec<IncidentOut<'a>>,
    scenarios: &'a [Value],
}

/// Writes incidents as a Sitrep file stamped `now`.
pub fn export<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    now: DateTime<Utc>,
) -> Result<String, WriteError> {
    export_with_scenarios(incidents, &[], now)
}

/// Writes incidents and drill scenarios as a Sitrep file stamped `now`.
///
/// Incidents are sorted by reference number, then reference, then id, and their events are in
/// fold order, so equal content gives equal bytes.
pub fn export_with_scenarios<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    scenarios: &[Value],
    now: DateTime<Utc>,
) -> Result<String, WriteError> {
    write(incidents, None, scenarios, now)
}

/// Writes everything this browser holds: every incident and the settings.
pub fn export_all<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<String, WriteError> {
    write(incidents, Some(settings), &[], now)
}

fn write<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    settings: Option<&Settings>,
    scenarios: &[Value],
    now: DateTime<Utc>,
) -> Result<String, WriteError> {
    let mut sorted: Vec<&Incident> = incidents.into_iter().collect();
    crate::order::sort_by(&mut sorted, |a, b| order_key(a).cmp(&order_key(b)));
    let written = Written {
        format: FORMAT,
        version: CURRENT_VERSION,
        exported_at: Time(now),
        generator: GENERATOR,
        settings: settings.map(WireSettings::from),
        incidents: sorted.into_iter().map(IncidentOut::from).collect(),
        scenarios,
    };
    let mut out = Vec::with_capacity(written.incidents.len().saturating_mul(8 * 1024));
    serde_json::to_writer_pretty(&mut out, &written).map_err(|e| WriteError(e.to_string()))?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| WriteError(e.to_string()))
}

fn order_key(incident: &Incident) -> (bool, Option<u32>, &str, uuid::Uuid) {
    let number = incident.reference_number();
    (
        number.is_none(),
        number,
        incident.reference.as_str(),
        incident.id(),
    )
}

/// What an export holds, for naming its file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExportScope<'a> {
    /// One incident.
    Incident(&'a Incident),
    /// Every incident.
    All,
    /// The incidents the queue's filter shows.
    Filtered,
}

/// A download name that tells what the file holds, e.g. `sitrep-INC-0042-2026-11-26.json`.
pub fn file_name(scope: ExportScope<'_>, now: DateTime<Utc>) -> String {
    let what = match scope {
        ExportScope::Incident(incident) => {
            let mut name = safe_name(&incident.reference);
            if incident.kind == IncidentKind::Drill {
                name.push_str("-drill");
            }
            name
        }
        ExportScope::All => "all".to_string(),
        ExportScope::Filtered => "filtered".to_string(),
    };
    format!("sitrep-{what}-{}.json", now.format("%Y-%m-%d"))
}

/// A reference made safe for a file name: letters, digits, `-` and `_`, at most 40 characters.
fn safe_name(reference: &str) -> String {
    let mut name = String::new();
    for c in reference.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        };
        if !(c == '-' && (name.is_empty() || name.ends_with('-'))) {
            name.push(c);
        }
        if name.len() >= 40 {
            break;
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "incident".to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_become_safe_file_names() {
        assert_eq!(safe_name("INC-0042"), "INC-0042");
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("<script>"), "script");
        assert_eq!(safe_name("***"), "incident");
        assert_eq!(safe_name(&"x".repeat(100)).len(), 40);
    }
}
