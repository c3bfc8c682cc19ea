//! Reading a file into incidents, in stages: bytes, JSON, Sitrep envelope, version, migration, records.
//!
//! A current-version file is read straight into typed records in one pass. Anything that pass
//! refuses (an old version, a wrong or damaged record) is read again as a JSON tree, so the
//! error can say which stage failed and where.

use std::collections::{HashMap, HashSet};

use serde::de::{Deserializer, Error as _, IgnoredAny};
use serde::Deserialize;
use serde_json::error::Category as JsonCategory;
use serde_json::Value;
use uuid::Uuid;

use super::envelope::{ParsedFile, FORMAT};
use super::migrate::{migrate, CURRENT_VERSION};
use super::settings::{SettingsProblem, WireSettings};
use super::wire::{IncidentIn, Time};
use super::{scan, ImportError, Limits};
use crate::domain::commands::MAX_NAME;
use crate::domain::duties::{DutyDefError, MAX_AMOUNT, MAX_DUTIES};
use crate::domain::playbooks::{PlaybookError, MAX_ITEMS, MAX_PLAYBOOKS};
use crate::domain::settings::{SettingsError, MAX_PEOPLE};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a Sitrep file, refusing anything unsafe or malformed with a typed error.
///
/// The stages, in order: size, encoding, depth and counts (on the raw bytes), JSON, the `format`
/// tag, the `version` (newer is refused, older is migrated), then every record. A UTF-8
/// byte-order mark is skipped; marks of other encodings are refused.
pub fn parse_file(bytes: &[u8], limits: &Limits) -> Result<ParsedFile, ImportError> {
    limits.check_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    let file_bytes = bytes;
    let bytes = skip_utf8_bom(bytes)?;
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: file_bytes.len() - bytes.len() + e.valid_up_to(),
    })?;
    let Some(first) = scan::first_token(bytes) else {
        return Err(ImportError::Empty);
    };
    scan::check(bytes, limits)?;
    if first != b'{' {
        return Err(not_an_object(text, first));
    }
    // The fast path reads without tracking paths; only a file it refuses is read again with them.
    match serde_json::from_str::<CurrentFile>(text) {
        Ok(file) => file.into_parsed(CURRENT_VERSION, limits),
        Err(error) if error.classify() == JsonCategory::Data => {
            let (source_version, file) = read_tree(text)?;
            file.into_parsed(source_version, limits)
        }
        Err(error) => Err(json_error(&error, text)),
    }
}

fn skip_utf8_bom(bytes: &[u8]) -> Result<&[u8], ImportError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return Ok(rest);
    }
    let encoding = match bytes {
        [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 (big-endian)",
        [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 (little-endian)",
        [0xFE, 0xFF, ..] => "UTF-16 (big-endian)",
        [0xFF, 0xFE, ..] => "UTF-16 (little-endian)",
        _ => return Ok(bytes),
    };
    Err(ImportError::ByteOrderMark { encoding })
}

/// A current-version file, read in one typed pass; also the type every older file is migrated into.
#[derive(Deserialize)]
struct CurrentFile {
    #[serde(rename = "format")]
    _format: SitrepTag,
    #[serde(rename = "version")]
    _version: CurrentVersion,
    exported_at: Time,
    #[serde(default)]
    generator: String,
    #[serde(default)]
    incidents: Vec<IncidentIn>,
    #[serde(default)]
    scenarios: Vec<Value>,
    #[serde(default)]
    settings: Option<WireSettings<'static>>,
}

impl CurrentFile {
    /// Checks what the types cannot (counts, unique ids), then folds every incident.
    fn into_parsed(self, source_version: u64, limits: &Limits) -> Result<ParsedFile, ImportError> {
        check_records(&self.incidents, limits)?;
        let incidents = self
            .incidents
            .into_iter()
            .enumerate()
            .map(|(i, incident)| {
                incident
                    .into_incident()
                    .map_err(|e| invalid(&format!("incidents[{i}].events"), &e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let settings = match self.settings {
            None => None,
            Some(wire) => Some(wire.into_settings().map_err(|problem| match problem {
                SettingsProblem::TooManyPeople { found } => invalid(
                    "settings.people",
                    &format!("{found} people; the directory holds at most {MAX_PEOPLE}"),
                ),
                SettingsProblem::SameName { index } => invalid(
                    &format!("settings.people[{index}].name"),
                    "another person in the list has this name",
                ),
                SettingsProblem::Person { index, .. } => invalid(
                    &format!("settings.people[{index}]"),
                    &format!("an entry longer than {MAX_NAME} characters"),
                ),
                SettingsProblem::TooManyPlaybooks { found } => invalid(
                    "settings.playbooks",
                    &format!("{found} playbooks; the settings hold at most {MAX_PLAYBOOKS}"),
                ),
                SettingsProblem::SamePlaybook { index } => invalid(
                    &format!("settings.playbooks[{index}].id"),
                    "another playbook in the list has this id",
                ),
                SettingsProblem::Playbook { index, error } => playbook_problem(index, &error),
                SettingsProblem::TooManyDuties { found } => invalid(
                    "settings.duties",
                    &format!("{found} duties; the settings hold at most {MAX_DUTIES}"),
                ),
                SettingsProblem::SameDuty { index } => invalid(
                    &format!("settings.duties[{index}].id"),
                    "another duty in the list has this id",
                ),
                SettingsProblem::Duty { index, error } => duty_problem(index, &error),
            })?),
        };
        Ok(ParsedFile {
            source_version,
            exported_at: self.exported_at.0,
            generator: self.generator,
            incidents,
            scenarios: self.scenarios,
            settings,
        })
    }
}

/// A refused playbook of a file's settings, placed at the playbook or its item.
fn playbook_problem(index: usize, error: &SettingsError) -> ImportError {
    let at = format!("settings.playbooks[{index}]");
    let item = |i: usize| format!("{at}.items[{i}]");
    match error {
        SettingsError::Playbook(PlaybookError::ItemRequired(i)) => {
            invalid(&item(*i), "empty; an item says what to do")
        }
        SettingsError::Playbook(PlaybookError::ItemRepeated(i)) => invalid(
            &format!("{}.id", item(*i)),
            "another item in the playbook has this id",
        ),
        SettingsError::Playbook(PlaybookError::TooLong { item: Some(i), max }) => {
            invalid(&item(*i), &format!("longer than {max} characters"))
        }
        SettingsError::Playbook(PlaybookError::TooLong { item: None, max }) => {
            invalid(&at, &format!("a name or id longer than {max} characters"))
        }
        SettingsError::Playbook(PlaybookError::NoCategory) => invalid(
            &format!("{at}.categories"),
            "empty; a playbook is for at least one category",
        ),
        SettingsError::Playbook(PlaybookError::TooManyItems) => invalid(
            &format!("{at}.items"),
            &format!("more than {MAX_ITEMS} items"),
        ),
        _ => invalid(&at, "a playbook the settings cannot hold"),
    }
}

/// A refused duty of a file's settings, placed at the duty or its deadline.
fn duty_problem(index: usize, error: &DutyDefError) -> ImportError {
    let at = format!("settings.duties[{index}]");
    match error {
        DutyDefError::Amount => invalid(
            &format!("{at}.deadline.amount"),
            &format!("a deadline is 1 to {MAX_AMOUNT} of its unit"),
        ),
        DutyDefError::TooLong { max } => {
            invalid(&at, &format!("a text longer than {max} characters"))
        }
        DutyDefError::NameRequired => invalid(&format!("{at}.name"), "empty; a duty needs a name"),
        DutyDefError::RecipientRequired => invalid(
            &format!("{at}.recipient"),
            "empty; a duty needs a recipient",
        ),
        DutyDefError::TooMany => invalid(&at, "a duty the settings cannot hold"),
    }
}

/// Accepts only `"sitrep"`, so other files leave the typed pass early.
struct SitrepTag;

impl<'de> Deserialize<'de> for SitrepTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        if tag == FORMAT {
            Ok(SitrepTag)
        } else {
            Err(D::Error::custom("not a Sitrep file"))
        }
    }
}

/// Accepts only the current version, so older files go to migration.
struct CurrentVersion;

impl<'de> Deserialize<'de> for CurrentVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if u64::deserialize(deserializer)? == CURRENT_VERSION {
            Ok(CurrentVersion)
        } else {
            Err(D::Error::custom("not the current version"))
        }
    }
}

/// The slow, staged path: the file as a JSON tree, its format and version checked, migrated,
/// then read by the same types as the fast path, which name the place of any problem.
fn read_tree(text: &str) -> Result<(u64, CurrentFile), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(&e, text))?;
    let Value::Object(top) = &value else {
        return Err(ImportError::NotSitrep {
            found: "it is not an object".to_string(),
        });
    };
    check_format(top.get("format"))?;
    let source_version = read_version(top.get("version"))?;
    if source_version > CURRENT_VERSION {
        return Err(ImportError::NewerVersion {
            found: source_version,
            supported: CURRENT_VERSION,
        });
    }
    if !top.contains_key("exported_at") {
        return Err(invalid("exported_at", "missing"));
    }
    let migrated = migrate(value, source_version)?.to_string();
    let file = read_typed::<CurrentFile>(&migrated).map_err(|error| {
        let msg = error.error.to_string();
        let msg = match msg.rfind(" at line ") {
            Some(cut) => msg[..cut].to_string(),
            None => msg,
        };
        invalid(&error.path, &without_type_names(&msg))
    })?;
    Ok((source_version, file))
}

/// serde names the Rust type it expected (`struct variant WireChange::StateChanged`); people
/// reading the message need only the shape.
fn without_type_names(msg: &str) -> String {
    match msg.find(", expected struct") {
        Some(cut) => format!("{}, expected an object", &msg[..cut]),
        None => msg.to_string(),
    }
}

/// Reads JSON text into `T` with the same types (and compiled code) as the fast path; where a
/// problem lies is found by scanning the text up to where serde_json stopped.
fn read_typed<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, TypedError> {
    serde_json::from_str(text).map_err(|error| TypedError {
        path: scan::path_at(
            text.as_bytes(),
            offset_of(text, error.line(), error.column()),
        ),
        error,
    })
}

/// Where a typed read failed, and why.
struct TypedError {
    /// The path of the value, e.g. `incidents[3].events[12].at`.
    pub path: String,
    /// What serde_json said.
    pub error: serde_json::Error,
}

fn invalid(path: &str, msg: &str) -> ImportError {
    ImportError::Invalid {
        path: path.to_string(),
        msg: msg.to_string(),
    }
}

fn check_format(format: Option<&Value>) -> Result<(), ImportError> {
    let found = match format {
        Some(Value::String(tag)) if tag == FORMAT => return Ok(()),
        Some(Value::String(tag)) => {
            format!("its format is {}, not \"{FORMAT}\"", super::shown(tag))
        }
        Some(_) => "its format is not text".to_string(),
        None => "it has no \"format\" field".to_string(),
    };
    Err(ImportError::NotSitrep { found })
}

fn read_version(version: Option<&Value>) -> Result<u64, ImportError> {
    let Some(version) = version else {
        return Err(invalid("version", "missing"));
    };
    let Value::Number(number) = version else {
        return Err(invalid("version", "not a number"));
    };
    if let Some(whole) = number.as_u64() {
        return Ok(whole);
    }
    if number.as_i64().is_some() {
        return Err(invalid("version", "a negative number; versions start at 0"));
    }
    let float = number.as_f64().unwrap_or(f64::NAN);
    if float.fract() != 0.0 || float.is_nan() {
        Err(invalid("version", "not a whole number"))
    } else if float < 0.0 {
        Err(invalid("version", "a negative number; versions start at 0"))
    } else if float < 18_446_744_073_709_551_616.0 {
        // A whole number written with a decimal point or exponent, e.g. `1.0`.
        Ok(float as u64)
    } else {
        Err(invalid("version", "number out of range"))
    }
}

/// Valid JSON that is not an object: a list, a text, a number… (never parsed into memory).
fn not_an_object(text: &str, first: u8) -> ImportError {
    if let Err(error) = serde_json::from_str::<IgnoredAny>(text) {
        return json_error(&error, text);
    }
    let what = match first {
        b'[' => "a list",
        b'"' => "a text",
        b't' | b'f' => "true or false",
        b'n' => "null",
        _ => "a number",
    };
    ImportError::NotSitrep {
        found: format!("it is {what}, not an object"),
    }
}

/// Words for a JSON syntax error; an out-of-range number is named by its path.
fn json_error(error: &serde_json::Error, text: &str) -> ImportError {
    let (line, column) = (error.line(), error.column());
    let msg = super::wire::without_position(error);
    if error.classify() == JsonCategory::Eof {
        let msg = "the file ends too early, so it may have been cut off".to_string();
        return ImportError::NotJson { line, column, msg };
    }
    if msg == "number out of range" {
        let path = scan::path_at(text.as_bytes(), offset_of(text, line, column));
        return ImportError::Invalid { path, msg };
    }
    ImportError::NotJson { line, column, msg }
}

/// Byte offset of a 1-based line and column as serde_json counts them.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    line_start.saturating_add(column).min(text.len())
}

/// Checks what the types cannot: counts and unique ids.
fn check_records(incidents: &[IncidentIn], limits: &Limits) -> Result<(), ImportError> {
    if incidents.len() > limits.max_incidents {
        return Err(ImportError::TooMany {
            what: "incidents".to_string(),
            count: incidents.len(),
            max: limits.max_incidents,
        });
    }
    let mut incident_ids: HashSet<Uuid> = HashSet::with_capacity(incidents.len());
    let mut event_ids: HashMap<Uuid, usize> = HashMap::new();
    for (i, incident) in incidents.iter().enumerate() {
        if !incident_ids.insert(incident.id) {
            return Err(ImportError::DuplicateId {
                path: format!("incidents[{i}].id"),
                id: incident.id.to_string(),
            });
        }
        if incident.events.len() > limits.max_events_per_incident {
            return Err(ImportError::TooMany {
                what: format!("timeline events in incidents[{i}]"),
                count: incident.events.len(),
                max: limits.max_events_per_incident,
            });
        }
        event_ids.clear();
        for (j, event) in incident.events.iter().enumerate() {
            // The same event twice is a broken file; two events that share an id but say
            // different things (two diverged copies joined) are both kept, and shown as a conflict.
            let first = *event_ids.entry(event.id).or_insert(j);
            if first != j && incident.events.get(first) == Some(event) {
                return Err(ImportError::DuplicateId {
                    path: format!("incidents[{i}].events[{j}].id"),
                    id: event.id.to_string(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V2: &str = include_str!("../../tests/fixtures/v2-two-copies-merged.json");

    #[test]
    fn the_typed_pass_and_the_tree_read_agree() {
        let limits = Limits::default();
        let fast = parse_file(V2.as_bytes(), &limits);
        assert!(fast.is_ok());
        let slow = read_tree(V2).and_then(|(version, file)| file.into_parsed(version, &limits));
        assert_eq!(slow, fast);
        let without = V2.replacen("\"format\": \"sitrep\",", "", 1);
        let format_last = format!(
            "{}, \"format\": \"sitrep\"}}",
            without.trim_end().trim_end_matches('}')
        );
        assert_eq!(parse_file(format_last.as_bytes(), &limits), fast);
    }

    #[test]
    fn duplicate_keys_take_the_last_value_like_json_parse() {
        let doubled = V2.replacen(
            "\"generator\": \"sitrep 0.1.0\"",
            "\"generator\": \"x\", \"generator\": \"y\"",
            1,
        );
        assert_eq!(
            parse_file(doubled.as_bytes(), &Limits::default()).map(|f| f.generator),
            Ok("y".to_string())
        );
    }

    #[test]
    fn line_and_column_become_a_byte_offset() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2e999\n}";
        let error = serde_json::from_str::<Value>(text).unwrap_err();
        assert_eq!(
            &text[..offset_of(text, error.line(), error.column())],
            "{\n  \"a\": 1,\n  \"b\": 2e999"
        );
        assert_eq!(
            json_error(&error, text),
            invalid("b", "number out of range")
        );
    }
}
