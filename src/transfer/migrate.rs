//! Format versions and the ordered, pure migrations that bring an older file up to the current one.
//!
//! Each step takes the whole envelope of version `from` and returns it as version `from + 1`.
//! Steps only reshape what they know; checking the result is the validator's job.

use serde_json::{Map, Value};

use super::ImportError;

/// The format version this build writes.
pub const CURRENT_VERSION: u64 = 1;

/// One step: the envelope of version `from` in, the envelope of version `from + 1` out.
pub type Migration = fn(Value) -> Result<Value, String>;

/// Every step, oldest first; the versions must be contiguous up to [`CURRENT_VERSION`].
pub const MIGRATIONS: &[(u64, Migration)] = &[(0, v0_to_v1)];

/// Brings an envelope of version `from` up to [`CURRENT_VERSION`], one step at a time.
pub fn migrate(mut envelope: Value, from: u64) -> Result<Value, ImportError> {
    let mut version = from;
    while version < CURRENT_VERSION {
        let step = MIGRATIONS
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, step)| step);
        let Some(step) = step else {
            return Err(ImportError::Migration {
                from: version,
                msg: "this version can no longer be read".to_string(),
            });
        };
        envelope = step(envelope).map_err(|msg| ImportError::Migration { from: version, msg })?;
        version += 1;
        if let Some(object) = envelope.as_object_mut() {
            object.insert("version".to_string(), Value::from(version));
        }
    }
    Ok(envelope)
}

/// Version 0 (pre-release): events said `time` and had no `recorded_at`; the priority
/// override was called `override`; there were no scenarios.
fn v0_to_v1(mut envelope: Value) -> Result<Value, String> {
    let top = envelope
        .as_object_mut()
        .ok_or("the file is not an object")?;
    if let Some(incidents) = top.get_mut("incidents") {
        let incidents = incidents.as_array_mut().ok_or("incidents is not a list")?;
        for (i, incident) in incidents.iter_mut().enumerate() {
            let incident = incident
                .as_object_mut()
                .ok_or_else(|| format!("incidents[{i}] is not an object"))?;
            if let Some(priority_override) = incident.remove("override") {
                if incident.contains_key("priority_override") {
                    return Err(format!(
                        "incidents[{i}] has both override and priority_override"
                    ));
                }
                incident.insert("priority_override".to_string(), priority_override);
            }
            if let Some(timeline) = incident.get_mut("timeline").and_then(Value::as_array_mut) {
                for (j, event) in timeline.iter_mut().enumerate() {
                    if let Some(event) = event.as_object_mut() {
                        event_v0_to_v1(event)
                            .map_err(|what| format!("incidents[{i}].timeline[{j}] {what}"))?;
                    }
                }
            }
        }
    }
    top.entry("scenarios")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(envelope)
}

fn event_v0_to_v1(event: &mut Map<String, Value>) -> Result<(), &'static str> {
    if event.contains_key("at") {
        return Err("already has at beside time");
    }
    let time = event.remove("time").ok_or("has no time")?;
    event.insert("recorded_at".to_string(), time.clone());
    event.insert("at".to_string(), time);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn migrations_are_contiguous_up_to_the_current_version() {
        let first = MIGRATIONS.first().map_or(CURRENT_VERSION, |(v, _)| *v);
        for (n, (from, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                *from,
                first + n as u64,
                "step {n} converts from the wrong version"
            );
        }
        assert_eq!(
            first + MIGRATIONS.len() as u64,
            CURRENT_VERSION,
            "the last step must reach the current version"
        );
    }

    #[test]
    fn v0_events_get_at_and_recorded_at() {
        let v0 = json!({"format": "sitrep", "version": 0, "incidents": [
            {"override": {"priority": "P1", "reason": "r"}, "timeline": [{"time": "2026-01-01T00:00:00Z"}]}
        ]});
        let v1 = migrate(v0, 0).unwrap();
        assert_eq!(v1["version"], 1);
        assert_eq!(v1["scenarios"], json!([]));
        assert_eq!(v1["incidents"][0]["priority_override"]["priority"], "P1");
        assert_eq!(
            v1["incidents"][0]["timeline"][0]["at"],
            "2026-01-01T00:00:00Z"
        );
        assert_eq!(
            v1["incidents"][0]["timeline"][0]["recorded_at"],
            "2026-01-01T00:00:00Z"
        );
    }

    #[test]
    fn a_broken_v0_file_names_the_step_and_the_place() {
        let v0 = json!({"incidents": [{"timeline": [{"at": "x", "time": "y"}]}]});
        assert_eq!(
            migrate(v0, 0),
            Err(ImportError::Migration {
                from: 0,
                msg: "incidents[0].timeline[0] already has at beside time".to_string()
            })
        );
        assert!(matches!(
            migrate(json!({"incidents": 3}), 0),
            Err(ImportError::Migration { from: 0, .. })
        ));
    }
}
