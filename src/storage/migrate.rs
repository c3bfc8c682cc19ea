//! Ordered migrations of the stored records: each brings the database from one schema version to
//! the next, in place, inside the transaction that opened it. No step ever drops a store or a record.

use wasm_bindgen::JsValue;

/// One step: a stored incident's JSON text of schema `from` in, of schema `from + 1` out.
pub type RecordMigration = fn(&str) -> Result<String, String>;

/// Every step, oldest first; the versions must be contiguous up to [`super::SCHEMA_VERSION`].
pub const RECORD_MIGRATIONS: &[(u32, RecordMigration)] = &[(1, v1_to_v2), (2, v2_to_v3)];

/// Schema 1 stored each incident as format-1 JSON (fields plus a timeline); schema 2 stores the
/// text a format-2 file holds for it (its events).
fn v1_to_v2(json: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(crate::transfer::incident_v1_to_v2(value)?.to_string())
}

/// Schema 3 stores format-3 events (the commander is a role). The record is read back and
/// written anew, so what is stored is exactly what this build writes.
fn v2_to_v3(json: &str) -> Result<String, String> {
    let mut value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    crate::transfer::incident_v2_to_v3(&mut value)?;
    let incident =
        crate::transfer::wire::incident_from_json(&value.to_string()).map_err(|e| e.to_string())?;
    crate::transfer::wire::incident_to_json(&incident).map_err(|e| e.to_string())
}

/// One stored incident's JSON text brought from schema `from` to the current one, if every step reads it.
pub fn migrate_record(from: u32, json: &str) -> Option<String> {
    RECORD_MIGRATIONS
        .iter()
        .filter(|(v, _)| *v >= from)
        .try_fold(json.to_string(), |json, (_, step)| step(&json).ok())
}

/// The records rewritten from schema `from` to the current one; records no step can read are
/// left out (and so left as they are in the database).
pub fn migrate_records(
    from: u32,
    keys: &[JsValue],
    values: &[JsValue],
) -> Vec<(JsValue, Option<JsValue>)> {
    keys.iter()
        .zip(values)
        .filter_map(|(key, value)| {
            let json = migrate_record(from, &value.as_string()?)?;
            Some((JsValue::from_str(&json), Some(key.clone())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_migrations_are_contiguous_up_to_the_current_schema() {
        for (n, (from, _)) in RECORD_MIGRATIONS.iter().enumerate() {
            assert_eq!(*from, 1 + n as u32);
        }
        assert_eq!(
            1 + RECORD_MIGRATIONS.len() as u32,
            super::super::SCHEMA_VERSION
        );
    }
}
