//! Finding the exact field a record fails on, once serde has said that it fails.
//!
//! Reading uses the domain types' own serde code; only when that fails is each field tried on
//! its own, with the same serde code, to name the place (`incidents[3].timeline[12].at`) and say
//! what is wrong in words (`not a date`).

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::domain::{Category, Level, Priority, State, TimelineEvent};

use super::ImportError;

/// What is wrong, and where below the record (`""`, `.title`, `.priority_override.reason`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    at: String,
    msg: String,
}

impl Problem {
    fn new(msg: impl Into<String>) -> Self {
        Problem {
            at: String::new(),
            msg: msg.into(),
        }
    }

    fn under(mut self, field: &str) -> Self {
        self.at = format!(".{field}{}", self.at);
        self
    }
}

/// A check of one value.
type Check = fn(&Value) -> Result<(), Problem>;

/// A field: its name, whether it must be present, and its check.
type Field = (&'static str, bool, Check);

const INCIDENT: &[Field] = &[
    ("id", true, id),
    ("reference", true, text),
    ("aliases", false, texts),
    ("kind", false, kind),
    ("title", true, text),
    ("description", false, text),
    ("category", true, category),
    ("services", false, texts),
    ("impact", true, level),
    ("urgency", true, level),
    ("priority_override", false, priority_override),
    ("state", true, state),
    ("reported_by", false, text),
    ("commander", false, optional_text),
    ("impact_started_at", true, date),
    ("detected_at", true, date),
    ("created_at", true, date),
    ("updated_at", true, date),
    ("milestones", false, milestones),
];

const EVENT: &[Field] = &[
    ("id", true, id),
    ("at", true, date),
    ("recorded_at", true, date),
    ("actor", true, text),
    ("type", true, event_type),
];

/// The `type` of every timeline event, as serde writes it.
pub(crate) const EVENT_TYPES: [&str; 6] = [
    "declared",
    "note",
    "state_changed",
    "field_changed",
    "priority_changed",
    "commander_changed",
];

fn event_fields(event_type: &str) -> &'static [Field] {
    match event_type {
        "note" => &[("text", true, text)],
        "state_changed" => &[("from", true, state), ("to", true, state)],
        "field_changed" => &[
            ("field", true, text),
            ("from", true, text),
            ("to", true, text),
        ],
        "priority_changed" => &[
            ("from", true, priority),
            ("to", true, priority),
            ("reason", false, optional_text),
        ],
        "commander_changed" => &[("from", false, optional_text), ("to", true, text)],
        _ => &[],
    }
}

/// The error for an incident at `path` that serde refused with `error`.
pub(crate) fn incident_error(value: &Value, path: &str, error: &serde_json::Error) -> ImportError {
    let problem = incident_problem(value).unwrap_or_else(|| Problem::new(error.to_string()));
    ImportError::Invalid {
        path: format!("{path}{}", problem.at),
        msg: problem.msg,
    }
}

fn incident_problem(value: &Value) -> Option<Problem> {
    let Some(object) = value.as_object() else {
        return Some(Problem::new("not an object"));
    };
    if let Some(problem) = fields_problem(object, INCIDENT) {
        return Some(problem);
    }
    match object.get("timeline") {
        None => None,
        Some(Value::Array(events)) => events.iter().enumerate().find_map(|(j, event)| {
            event_problem(event).map(|p| Problem {
                at: format!(".timeline[{j}]{}", p.at),
                msg: p.msg,
            })
        }),
        Some(_) => Some(Problem::new("not a list").under("timeline")),
    }
}

fn event_problem(value: &Value) -> Option<Problem> {
    let Some(object) = value.as_object() else {
        return Some(Problem::new("not an object"));
    };
    if let Some(problem) = fields_problem(object, EVENT) {
        return Some(problem);
    }
    let event_type = object
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if let Some(problem) = fields_problem(object, event_fields(event_type)) {
        return Some(problem);
    }
    TimelineEvent::deserialize(value)
        .err()
        .map(|e| Problem::new(e.to_string()))
}

fn fields_problem(object: &Map<String, Value>, fields: &[Field]) -> Option<Problem> {
    fields
        .iter()
        .find_map(|(name, required, check)| match object.get(*name) {
            None if *required => Some(Problem::new("missing").under(name)),
            None => None,
            Some(value) => check(value).err().map(|p| p.under(name)),
        })
}

fn reads_as<T: DeserializeOwned>(value: &Value, msg: &str) -> Result<(), Problem> {
    T::deserialize(value)
        .map(drop)
        .map_err(|_| Problem::new(msg))
}

fn text(value: &Value) -> Result<(), Problem> {
    reads_as::<String>(value, "not text")
}

fn optional_text(value: &Value) -> Result<(), Problem> {
    reads_as::<Option<String>>(value, "not text")
}

fn texts(value: &Value) -> Result<(), Problem> {
    let Some(items) = value.as_array() else {
        return Err(Problem::new("not a list"));
    };
    match items.iter().position(|item| !item.is_string()) {
        Some(n) => Err(Problem {
            at: format!("[{n}]"),
            msg: "not text".to_string(),
        }),
        None => Ok(()),
    }
}

fn date(value: &Value) -> Result<(), Problem> {
    reads_as::<DateTime<Utc>>(value, "not a date")
}

fn id(value: &Value) -> Result<(), Problem> {
    reads_as::<Uuid>(value, "not an id (a UUID)")
}

fn one_of<T: DeserializeOwned>(value: &Value, names: &[&str]) -> Result<(), Problem> {
    match value {
        _ if T::deserialize(value).is_ok() => Ok(()),
        Value::String(found) => {
            let shown: String = found.chars().take(40).collect();
            Err(Problem::new(format!(
                "unknown value {shown:?} (expected one of {})",
                names.join(", ")
            )))
        }
        _ => Err(Problem::new("not text")),
    }
}

fn level(value: &Value) -> Result<(), Problem> {
    one_of::<Level>(value, &Level::ALL.map(Level::as_str))
}

fn state(value: &Value) -> Result<(), Problem> {
    one_of::<State>(value, &State::ALL.map(State::as_str))
}

fn category(value: &Value) -> Result<(), Problem> {
    one_of::<Category>(value, &Category::ALL.map(Category::as_str))
}

fn priority(value: &Value) -> Result<(), Problem> {
    one_of::<Priority>(value, &Priority::ALL.map(Priority::as_str))
}

fn kind(value: &Value) -> Result<(), Problem> {
    one_of::<crate::domain::IncidentKind>(value, &["real", "drill"])
}

fn event_type(value: &Value) -> Result<(), Problem> {
    match value.as_str() {
        Some(found) if EVENT_TYPES.contains(&found) => Ok(()),
        Some(found) => {
            let shown: String = found.chars().take(40).collect();
            Err(Problem::new(format!(
                "unknown event type {shown:?} (expected one of {})",
                EVENT_TYPES.join(", ")
            )))
        }
        None => Err(Problem::new("not text")),
    }
}

fn object_with(value: &Value, fields: &[Field]) -> Result<(), Problem> {
    match value {
        Value::Object(object) => fields_problem(object, fields).map_or(Ok(()), Err),
        _ => Err(Problem::new("not an object")),
    }
}

fn priority_override(value: &Value) -> Result<(), Problem> {
    if value.is_null() {
        return Ok(());
    }
    object_with(
        value,
        &[("priority", true, priority), ("reason", true, text)],
    )
}

fn optional_date(value: &Value) -> Result<(), Problem> {
    reads_as::<Option<DateTime<Utc>>>(value, "not a date")
}

fn milestones(value: &Value) -> Result<(), Problem> {
    object_with(
        value,
        &[
            ("acknowledged_at", false, optional_date),
            ("contained_at", false, optional_date),
            ("resolved_at", false, optional_date),
            ("closed_at", false, optional_date),
            ("cancelled_at", false, optional_date),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EventKind;
    use crate::domain::Incident;
    use serde_json::json;

    /// Forces this list to grow with the enum: a new variant fails to compile here.
    fn type_of(kind: &EventKind) -> &'static str {
        match kind {
            EventKind::Declared => "declared",
            EventKind::Note { .. } => "note",
            EventKind::StateChanged { .. } => "state_changed",
            EventKind::FieldChanged { .. } => "field_changed",
            EventKind::PriorityChanged { .. } => "priority_changed",
            EventKind::CommanderChanged { .. } => "commander_changed",
        }
    }

    #[test]
    fn every_event_type_is_known_by_its_serde_name() {
        let samples = [
            EventKind::Declared,
            EventKind::Note { text: "n".into() },
            EventKind::StateChanged {
                from: State::Reported,
                to: State::Triaged,
            },
            EventKind::FieldChanged {
                field: "f".into(),
                from: "a".into(),
                to: "b".into(),
            },
            EventKind::PriorityChanged {
                from: Priority::P1,
                to: Priority::P2,
                reason: None,
            },
            EventKind::CommanderChanged {
                from: None,
                to: "c".into(),
            },
        ];
        for kind in &samples {
            let written = serde_json::to_value(kind).unwrap();
            assert_eq!(written["type"], type_of(kind));
            assert!(EVENT_TYPES.contains(&type_of(kind)));
        }
        assert_eq!(samples.len(), EVENT_TYPES.len());
    }

    fn incident() -> Value {
        json!({
            "id": "00000000-0000-4000-8000-000000000001", "reference": "INC-0001", "title": "t",
            "category": "network", "impact": "high", "urgency": "low", "state": "reported",
            "impact_started_at": "2026-01-01T00:00:00Z", "detected_at": "2026-01-01T00:00:00Z",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "timeline": [{"id": "00000000-0000-4000-8000-000000000002", "at": "2026-01-01T00:00:00Z",
                "recorded_at": "2026-01-01T00:00:00Z", "actor": "a", "type": "declared"}]
        })
    }

    fn problem(mut value: Value, edit: impl FnOnce(&mut Value)) -> ImportError {
        edit(&mut value);
        let error = Incident::deserialize(&value).expect_err("the edit should break the incident");
        incident_error(&value, "incidents[3]", &error)
    }

    type Edit = fn(&mut Value);

    fn invalid(path: &str, msg: &str) -> ImportError {
        ImportError::Invalid {
            path: path.to_string(),
            msg: msg.to_string(),
        }
    }

    #[test]
    fn names_the_field_and_the_fault() {
        assert!(Incident::deserialize(&incident()).is_ok());
        let cases: Vec<(Edit, ImportError)> = vec![
            (
                |v| v["timeline"][0]["at"] = json!("yesterday"),
                invalid("incidents[3].timeline[0].at", "not a date"),
            ),
            (
                |v| v["title"] = json!(7),
                invalid("incidents[3].title", "not text"),
            ),
            (
                |v| drop(v.as_object_mut().unwrap().remove("title")),
                invalid("incidents[3].title", "missing"),
            ),
            (
                |v| v["impact"] = json!("extreme"),
                invalid(
                    "incidents[3].impact",
                    "unknown value \"extreme\" (expected one of high, medium, low)",
                ),
            ),
            (
                |v| v["services"] = json!(["a", 2]),
                invalid("incidents[3].services[1]", "not text"),
            ),
            (
                |v| v["milestones"] = json!({"closed_at": "soon"}),
                invalid("incidents[3].milestones.closed_at", "not a date"),
            ),
            (
                |v| v["priority_override"] = json!({"priority": "P9", "reason": "r"}),
                invalid(
                    "incidents[3].priority_override.priority",
                    "unknown value \"P9\" (expected one of P1, P2, P3, P4, P5)",
                ),
            ),
            (
                |v| v["timeline"][0]["type"] = json!("note"),
                invalid("incidents[3].timeline[0].text", "missing"),
            ),
            (
                |v| v["timeline"][0]["id"] = json!("nope"),
                invalid("incidents[3].timeline[0].id", "not an id (a UUID)"),
            ),
            (
                |v| v["timeline"] = json!({}),
                invalid("incidents[3].timeline", "not a list"),
            ),
            (|v| *v = json!([]), invalid("incidents[3]", "not an object")),
        ];
        for (edit, expected) in cases {
            assert_eq!(problem(incident(), edit), expected);
        }
    }
}
