//! Format versions and the ordered, pure migrations that bring an older file up to the current one.
//!
//! Each step takes the whole envelope of version `from` and returns it as version `from + 1`.
//! Steps only reshape what they know; checking the result is the validator's job.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::domain::{Level, Matrix};

use super::ImportError;

/// The format version this build writes.
pub const CURRENT_VERSION: u64 = 3;

/// One step: the envelope of version `from` in, the envelope of version `from + 1` out.
pub type Migration = fn(Value) -> Result<Value, String>;

/// Every step, oldest first; the versions must be contiguous up to [`CURRENT_VERSION`].
pub const MIGRATIONS: &[(u64, Migration)] = &[(0, v0_to_v1), (1, v1_to_v2), (2, v2_to_v3)];

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

/// Version 1 kept each incident's current fields, and a timeline whose field changes were
/// written as words. Version 2 keeps the events only, with typed values: the declaration holds
/// the fields version 1 had last (so the fold gives them again); notes, state changes and
/// commanders become their typed events, chained so that each replaces the one before; field and
/// priority changes written as words are kept as `earlier` events, which set nothing.
fn v1_to_v2(envelope: Value) -> Result<Value, String> {
    each_incident(envelope, |incident| {
        *incident = incident_v1_to_v2(std::mem::take(incident))?;
        Ok(())
    })
}

/// The envelope with `step` applied to each of its incidents; a failure names the incident.
fn each_incident(
    mut envelope: Value,
    mut step: impl FnMut(&mut Value) -> Result<(), String>,
) -> Result<Value, String> {
    let top = envelope
        .as_object_mut()
        .ok_or("the file is not an object")?;
    if let Some(incidents) = top.get_mut("incidents") {
        let incidents = incidents.as_array_mut().ok_or("incidents is not a list")?;
        for (i, incident) in incidents.iter_mut().enumerate() {
            step(incident).map_err(|what| format!("incidents[{i}] {what}"))?;
        }
    }
    Ok(envelope)
}

/// One incident of format version 1 (as files and the browser's storage held it) in version 2.
pub fn incident_v1_to_v2(incident: Value) -> Result<Value, String> {
    let Value::Object(mut old) = incident else {
        return Err("is not an object".to_string());
    };
    let text = |old: &Map<String, Value>, key: &str| old.get(key).cloned().unwrap_or(json!(""));
    let id = old.get("id").cloned().unwrap_or(Value::Null);
    let incident_id = id.as_str().and_then(|s| Uuid::parse_str(s).ok());
    let mut timeline: Vec<Map<String, Value>> = match old.remove("timeline") {
        None => Vec::new(),
        Some(Value::Array(events)) => events
            .into_iter()
            .enumerate()
            .map(|(j, e)| match e {
                Value::Object(e) => Ok(e),
                _ => Err(format!("timeline[{j}] is not an object")),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("timeline is not a list".to_string()),
    };
    // The fold applies events by (recorded_at, id); chains must follow the same order.
    crate::order::sort_by_key(&mut timeline, |e| {
        (
            time_of(e.get("recorded_at")),
            e.get("id").and_then(Value::as_str).map(str::to_string),
        )
    });

    let declared_event = timeline
        .iter()
        .position(|e| e.get("type").and_then(Value::as_str) == Some("declared"))
        .map(|n| timeline.remove(n));
    let (declared_id, declared_at, declared_actor) = match &declared_event {
        Some(e) => (
            e.get("id").cloned().unwrap_or(Value::Null),
            e.get("recorded_at").cloned().unwrap_or(Value::Null),
            e.get("actor").cloned().unwrap_or(json!("")),
        ),
        None => (
            Value::Null,
            old.get("created_at").cloned().unwrap_or(Value::Null),
            text(&old, "reported_by"),
        ),
    };
    let impact = old
        .get("impact")
        .and_then(Value::as_str)
        .and_then(Level::parse);
    let urgency = old
        .get("urgency")
        .and_then(Value::as_str)
        .and_then(Level::parse);
    let priority = match (impact, urgency) {
        (Some(impact), Some(urgency)) => json!(Matrix::DEFAULT.priority(impact, urgency).as_str()),
        _ => Value::Null,
    };
    let mut declaration = Map::new();
    declaration.insert("reference".into(), text(&old, "reference"));
    if let Some(aliases) = old.get("aliases") {
        declaration.insert("aliases".into(), aliases.clone());
    }
    declaration.insert(
        "kind".into(),
        old.get("kind").cloned().unwrap_or(json!("real")),
    );
    for key in [
        "title",
        "description",
        "category",
        "services",
        "impact",
        "urgency",
    ] {
        if let Some(value) = old.get(key) {
            declaration.insert(key.into(), value.clone());
        }
    }
    declaration.insert("priority".into(), priority);
    if let Some(o) = old.get("priority_override") {
        declaration.insert("priority_override".into(), o.clone());
    }
    for key in ["reported_by", "impact_started_at", "detected_at"] {
        if let Some(value) = old.get(key) {
            declaration.insert(key.into(), value.clone());
        }
    }
    let declaration = Value::Object(declaration);
    let declared_id = match declared_id {
        Value::Null => derived_id(incident_id, 1, &[&declared_at, &declaration]),
        id => id,
    };
    let mut events = vec![event(
        declared_id.clone(),
        declared_at,
        None,
        declared_actor,
        Vec::new(),
        json!({ "declared": declaration }),
    )];
    let mut last_state = (declared_id, json!("reported"));
    let mut last_commander: Option<(Value, Value)> = None;
    for (j, mut e) in timeline.into_iter().enumerate() {
        let kind = e
            .remove("type")
            .and_then(|t| t.as_str().map(str::to_string));
        let get = |e: &mut Map<String, Value>, key: &str| e.remove(key).unwrap_or(Value::Null);
        let (id, recorded_at, at, actor) = (
            get(&mut e, "id"),
            get(&mut e, "recorded_at"),
            get(&mut e, "at"),
            e.remove("actor").unwrap_or(json!("")),
        );
        let at = (at != recorded_at).then_some(at);
        let (supersedes, change) = match kind.as_deref() {
            Some("note") => (Vec::new(), json!({ "note_added": get(&mut e, "text") })),
            Some("state_changed") => {
                let to = get(&mut e, "to");
                let previous = std::mem::replace(&mut last_state, (id.clone(), to.clone()));
                (
                    vec![previous.0],
                    json!({ "state_changed": { "from": get(&mut e, "from"), "to": to } }),
                )
            }
            Some("commander_changed") => {
                let name = get(&mut e, "to");
                let previous = last_commander.replace((id.clone(), name.clone()));
                (
                    previous.map(|p| p.0).into_iter().collect(),
                    json!({ "commander_set": name }),
                )
            }
            Some("field_changed") => (
                Vec::new(),
                json!({ "earlier": { "field": get(&mut e, "field"), "from": get(&mut e, "from"), "to": get(&mut e, "to") } }),
            ),
            Some("priority_changed") => {
                let mut earlier = json!({ "field": "priority", "from": get(&mut e, "from"), "to": get(&mut e, "to") });
                if let Some(reason) = e.remove("reason").filter(|r| !r.is_null()) {
                    earlier["reason"] = reason;
                }
                (Vec::new(), json!({ "earlier": earlier }))
            }
            other => {
                return Err(format!(
                    "timeline[{j}] has an unknown type {:?}",
                    other.unwrap_or("(none)")
                ))
            }
        };
        events.push(event(id, recorded_at, at, actor, supersedes, change));
    }
    // A file edited by hand may state a field its timeline never reached; keep the field.
    let updated_at = old.get("updated_at").cloned().unwrap_or(Value::Null);
    let state = old.get("state").cloned().unwrap_or(json!("reported"));
    if state != last_state.1 {
        let change = json!({ "state_changed": { "from": last_state.1, "to": state } });
        events.push(event(
            derived_id(incident_id, 2, &[&updated_at, &change]),
            updated_at.clone(),
            None,
            json!(""),
            vec![last_state.0],
            change,
        ));
    }
    let commander = old.get("commander").cloned().filter(|c| !c.is_null());
    if let Some(name) = commander {
        if last_commander.as_ref().map(|c| &c.1) != Some(&name) {
            let supersedes = last_commander.map(|c| c.0).into_iter().collect();
            let change = json!({ "commander_set": name });
            events.push(event(
                derived_id(incident_id, 3, &[&updated_at, &change]),
                updated_at,
                None,
                json!(""),
                supersedes,
                change,
            ));
        }
    }
    for key in V1_FIELDS {
        old.remove(*key);
    }
    let mut new = Map::new();
    new.insert("id".into(), id);
    new.insert("events".into(), Value::Array(events));
    new.extend(old);
    Ok(Value::Object(new))
}

/// Fields of a version 1 incident that version 2 folds from its events.
const V1_FIELDS: &[&str] = &[
    "id",
    "reference",
    "aliases",
    "kind",
    "title",
    "description",
    "category",
    "services",
    "impact",
    "urgency",
    "priority_override",
    "state",
    "reported_by",
    "commander",
    "impact_started_at",
    "detected_at",
    "created_at",
    "updated_at",
    "milestones",
];

fn event(
    id: Value,
    recorded_at: Value,
    at: Option<Value>,
    actor: Value,
    supersedes: Vec<Value>,
    change: Value,
) -> Value {
    let mut e = Map::new();
    e.insert("id".into(), id);
    e.insert("recorded_at".into(), recorded_at);
    if let Some(at) = at {
        e.insert("at".into(), at);
    }
    e.insert("actor".into(), actor);
    if !supersedes.is_empty() {
        e.insert("supersedes".into(), Value::Array(supersedes));
    }
    e.insert("change".into(), change);
    Value::Object(e)
}

fn time_of(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let text = value?.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An id for an event the migration adds (UUIDv5 in the incident's namespace, named by what the
/// event says): the same wherever the same incident is migrated, and different for two copies
/// of it that went their own ways, so both events are kept and their difference shows.
fn derived_id(incident: Option<Uuid>, salt: u8, content: &[&Value]) -> Value {
    let mut name = vec![salt];
    for part in content {
        name.extend_from_slice(part.to_string().as_bytes());
        name.push(0);
    }
    json!(Uuid::new_v5(&incident.unwrap_or_default(), &name).to_string())
}

/// Version 2 named the commander in `commander_set` events; version 3 has roles, and the
/// commander is the first of them: `role_assigned` with the role `commander`. Nothing else changed.
fn v2_to_v3(envelope: Value) -> Result<Value, String> {
    each_incident(envelope, incident_v2_to_v3)
}

/// One incident of format version 2 (as files and the browser's storage held it) made version 3,
/// in place. Each commander change names the commander before it, in the order the fold applies
/// them, so a hand-over reads as one ("Command handed from Ana to Ben").
pub fn incident_v2_to_v3(incident: &mut Value) -> Result<(), String> {
    let Some(events) = incident.get_mut("events") else {
        return Ok(());
    };
    let events = events.as_array_mut().ok_or("events is not a list")?;
    let mut commanders: Vec<(Option<DateTime<Utc>>, String, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.get("change")
                .and_then(|c| c.get("commander_set"))
                .is_some()
        })
        .map(|(n, e)| {
            let id = e.get("id").and_then(Value::as_str).unwrap_or_default();
            (time_of(e.get("recorded_at")), id.to_string(), n)
        })
        .collect();
    crate::order::sort(&mut commanders);
    let mut previous: Option<Value> = None;
    for (_, _, n) in commanders {
        let Some(change) = events
            .get_mut(n)
            .and_then(|e| e.get_mut("change"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let Some(name) = change.remove("commander_set") else {
            continue;
        };
        let mut assigned = json!({ "role": "commander", "person": name.clone() });
        if let Some(from) = previous.replace(name) {
            assigned["from"] = from;
        }
        change.insert("role_assigned".into(), assigned);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v2_commanders_become_the_commander_role_each_naming_the_one_before() {
        let event = |id: &str, at: &str, name: &str| json!({"id": id, "recorded_at": at, "actor": "A", "change": {"commander_set": name}});
        let mut incident = json!({"id": "x", "events": [
            event("b", "2026-01-01T00:02:00Z", "Ben"),
            {"id": "n", "recorded_at": "2026-01-01T00:01:30Z", "actor": "A", "change": {"note_added": "hi"}},
            event("a", "2026-01-01T00:01:00.500Z", "Ana"),
        ]});
        incident_v2_to_v3(&mut incident).unwrap();
        let events = incident["events"].as_array().unwrap();
        assert_eq!(
            events[2]["change"],
            json!({"role_assigned": {"role": "commander", "person": "Ana"}})
        );
        assert_eq!(
            events[0]["change"],
            json!({"role_assigned": {"role": "commander", "person": "Ben", "from": "Ana"}}),
            "ordered by when written, fractions of a second included"
        );
        assert_eq!(events[1]["change"], json!({"note_added": "hi"}));
    }

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
        let v1 = v0_to_v1(v0).unwrap();
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

    fn v1_incident(state: &str, commander: Option<&str>) -> Value {
        json!({
            "id": "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a00", "reference": "INC-0007", "kind": "real",
            "title": "T", "category": "data", "impact": "low", "urgency": "high", "state": state,
            "commander": commander, "impact_started_at": "2026-01-01T00:00:00Z",
            "detected_at": "2026-01-01T00:00:00Z", "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:09:00Z", "future_field": 3,
            "timeline": [
                {"id": "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a02", "at": "2026-01-01T00:05:00Z",
                 "recorded_at": "2026-01-01T00:05:00Z", "actor": "A", "type": "state_changed",
                 "from": "reported", "to": "triaged"},
                {"id": "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a01", "at": "2026-01-01T00:00:00Z",
                 "recorded_at": "2026-01-01T00:00:00Z", "actor": "A", "type": "declared"},
                {"id": "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a03", "at": "2026-01-01T00:06:00Z",
                 "recorded_at": "2026-01-01T00:06:00Z", "actor": "A", "type": "field_changed",
                 "field": "Category", "from": "Network", "to": "Data"}
            ]
        })
    }

    #[test]
    fn a_v1_incident_becomes_a_declaration_and_chained_typed_events() {
        let v2 = incident_v1_to_v2(v1_incident("triaged", None)).unwrap();
        let events = v2["events"].as_array().unwrap();
        assert_eq!(events.len(), 3);
        assert_eq!(events[0]["change"]["declared"]["category"], "data");
        assert_eq!(
            events[0]["change"]["declared"]["priority"], "P3",
            "the matrix gives it"
        );
        assert_eq!(events[1]["change"]["state_changed"]["to"], "triaged");
        assert_eq!(events[1]["supersedes"], json!([events[0]["id"]]));
        assert_eq!(events[2]["change"]["earlier"]["to"], "Data");
        assert_eq!(v2["future_field"], 3, "unknown fields are kept");
        assert!(v2.get("title").is_none() && v2.get("timeline").is_none());
    }

    #[test]
    fn a_v1_state_or_commander_its_timeline_never_reached_is_kept() {
        let v2 = incident_v1_to_v2(v1_incident("investigating", Some("Ravi"))).unwrap();
        let events = v2["events"].as_array().unwrap();
        assert_eq!(events.len(), 5);
        assert_eq!(
            events[3]["change"]["state_changed"],
            json!({"from": "triaged", "to": "investigating"})
        );
        assert_eq!(events[3]["supersedes"], json!([events[1]["id"]]));
        assert_eq!(events[4]["change"]["commander_set"], "Ravi");
        let again = incident_v1_to_v2(v1_incident("investigating", Some("Ravi"))).unwrap();
        assert_eq!(
            again, v2,
            "the added events are the same wherever the file is migrated"
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

    fn with_entries(entries: Vec<Value>) -> Value {
        let mut incident = v1_incident("triaged", Some("Later"));
        let timeline = incident["timeline"].as_array_mut().unwrap();
        timeline.extend(entries);
        incident
    }

    #[test]
    fn commander_changes_chain_in_time_order_whatever_their_ids() {
        // The later handover has the smaller id: the chain must follow time, not ids.
        let v2 = incident_v1_to_v2(with_entries(vec![
            json!({"id": "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a99", "at": "2026-01-01T00:07:00Z",
                   "recorded_at": "2026-01-01T00:07:00Z", "actor": "A", "type": "commander_changed",
                   "from": null, "to": "Earlier"}),
            json!({"id": "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a10", "at": "2026-01-01T00:08:00Z",
                   "recorded_at": "2026-01-01T00:08:00Z", "actor": "A", "type": "commander_changed",
                   "from": "Earlier", "to": "Later"}),
        ]))
        .unwrap();
        let events = v2["events"].as_array().unwrap();
        let set = |name: &str| {
            events
                .iter()
                .find(|e| e["change"]["commander_set"] == name)
                .unwrap()
                .clone()
        };
        assert_eq!(set("Later")["supersedes"], json!([set("Earlier")["id"]]));
        assert!(set("Earlier").get("supersedes").is_none());
    }

    #[test]
    fn a_priority_change_keeps_its_reason_and_drops_a_missing_one() {
        let entry = |id: &str, reason: Value| {
            json!({"id": id, "at": "2026-01-01T00:07:00Z", "recorded_at": "2026-01-01T00:07:00Z",
                   "actor": "A", "type": "priority_changed", "from": "P3", "to": "P1", "reason": reason})
        };
        let v2 = incident_v1_to_v2(with_entries(vec![
            entry("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a20", json!("Board call")),
            entry("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a21", Value::Null),
        ]))
        .unwrap();
        let earlier: Vec<&Value> = v2["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["change"].get("earlier"))
            .filter(|e| e["field"] == "priority")
            .collect();
        assert_eq!(earlier.len(), 2);
        assert_eq!(earlier[0]["reason"], "Board call");
        assert!(earlier[1].get("reason").is_none(), "{}", earlier[1]);
    }

    #[test]
    fn ids_the_migration_adds_differ_by_salt_content_and_incident() {
        let content = json!({"state_changed": {"from": "reported", "to": "closed"}});
        let other = json!({"state_changed": {"from": "reported", "to": "resolved"}});
        let mut all = Vec::new();
        for incident in [
            Uuid::nil(),
            Uuid::max(),
            Uuid::from_u128(0x0123_4567_89ab_cdef),
        ] {
            for salt in 1..=3 {
                for said in [&content, &other] {
                    let id = derived_id(Some(incident), salt, &[said]);
                    assert_eq!(id, derived_id(Some(incident), salt, &[said]), "stable");
                    all.push(id.as_str().and_then(|s| Uuid::parse_str(s).ok()).unwrap());
                }
            }
            all.push(incident);
        }
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "every id differs");
    }

    #[test]
    fn a_v1_note_keeps_an_earlier_happened_at_and_writes_none_when_the_same() {
        let note = |id: &str, at: &str| {
            json!({"id": id, "at": at, "recorded_at": "2026-01-01T00:08:00Z", "actor": "A",
                   "type": "note", "text": format!("happened {at}")})
        };
        let v2 = incident_v1_to_v2(with_entries(vec![
            note(
                "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a30",
                "2026-01-01T00:01:00Z",
            ),
            note(
                "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a31",
                "2026-01-01T00:08:00Z",
            ),
        ]))
        .unwrap();
        let notes: Vec<&Value> = v2["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["change"].get("note_added").is_some())
            .collect();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0]["at"], "2026-01-01T00:01:00Z");
        assert!(notes[1].get("at").is_none(), "{}", notes[1]);
    }
}
