//! Typed async operations. Each is one transaction that awaits only IndexedDB requests.

use std::collections::HashSet;
use std::rc::Rc;

use futures::future::{select, Either};
use rexie::{Rexie, TransactionMode};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::migrate::{migrate_record, migrate_records};
use super::schema::{self, INCIDENTS, META, META_SCHEMA, SCHEMA_VERSION};
use super::StorageError;
use crate::domain::Incident;
use crate::transfer::wire::{incident_from_json, incident_to_json};

/// How a write finds which incidents already have a stored copy.
enum Lookup {
    /// Ask for each record: cheapest for a few edits.
    EachRecord,
    /// Read all keys once, then ask only for those: cheapest for a large import of new ones.
    KeysFirst,
}

/// How long an upgrade may wait for another tab to let go of the database.
const OPEN_TIMEOUT_MS: u32 = 8_000;

/// An open Sitrep database. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    rexie: Rc<Rexie>,
}

impl PartialEq for Database {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rexie, &other.rexie)
    }
}

/// What loading found: the incidents, and the keys of records that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadReport {
    /// Every readable incident.
    pub incidents: Vec<Incident>,
    /// Keys of stored records that failed to decode; they are left untouched in the database.
    pub unreadable: Vec<String>,
}

fn key(id: &Uuid) -> JsValue {
    JsValue::from_str(&id.to_string())
}

fn encode(incident: &Incident) -> JsValue {
    JsValue::from_str(&incident_to_json(incident))
}

/// A stored incident; a record of the previous schema (written by an older Sitrep still open in
/// another tab after this one migrated the database) is read through the migration.
fn decode(value: &JsValue) -> Option<Incident> {
    let json = value.as_string()?;
    incident_from_json(&json)
        .ok()
        .or_else(|| incident_from_json(&migrate_record(1, &json)?).ok())
}

impl Database {
    /// Opens (creating or upgrading) the app's database.
    pub async fn open() -> Result<Database, StorageError> {
        Self::open_named(schema::DB_NAME).await
    }

    /// Opens a database by name; tests use their own names.
    pub async fn open_named(name: &str) -> Result<Database, StorageError> {
        let build = Box::pin(schema::builder(name).build());
        let timeout = gloo::timers::future::TimeoutFuture::new(OPEN_TIMEOUT_MS);
        let rexie = match select(build, timeout).await {
            Either::Left((result, _)) => result?,
            Either::Right(_) => return Err(StorageError::Blocked),
        };
        let db = Database {
            rexie: Rc::new(rexie),
        };
        match db.check_schema().await {
            Ok(()) => Ok(db),
            Err(error) => {
                // An open connection left behind would block deleting or upgrading the database.
                db.close();
                Err(error)
            }
        }
    }

    /// Deletes a database by name (used by tests and by "erase local data").
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(Into::into)
    }

    /// Refuses data written by a newer Sitrep, migrates records of an older schema in place, and
    /// stamps the schema version; one transaction, so a migration lands whole or not at all.
    async fn check_schema(&self) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[META, INCIDENTS], TransactionMode::ReadWrite)?;
        let meta = tx.store(META)?;
        let found = meta
            .get(JsValue::from_str(META_SCHEMA))
            .await?
            .and_then(|v| v.as_f64());
        match found {
            Some(v) if v > f64::from(SCHEMA_VERSION) => {
                return Err(StorageError::NewerSchema { found: v as u32 });
            }
            Some(v) if v == f64::from(SCHEMA_VERSION) => return finish(tx).await,
            Some(v) => {
                let incidents = tx.store(INCIDENTS)?;
                let keys = incidents.get_all_keys(None, None).await?;
                let values = incidents.get_all(None, None).await?;
                let records = migrate_records(v as u32, &keys, &values);
                if !records.is_empty() {
                    incidents.put_all(records.into_iter()).await?;
                }
            }
            None => {}
        }
        meta.put(
            &JsValue::from(SCHEMA_VERSION),
            Some(&JsValue::from_str(META_SCHEMA)),
        )
        .await?;
        finish(tx).await
    }

    /// Reads every incident in one read-only transaction.
    pub async fn load_all(&self) -> Result<LoadReport, StorageError> {
        let tx = self
            .rexie
            .transaction(&[INCIDENTS], TransactionMode::ReadOnly)?;
        let store = tx.store(INCIDENTS)?;
        let keys = store.get_all_keys(None, None).await?;
        let values = store.get_all(None, None).await?;
        finish(tx).await?;
        let mut report = LoadReport {
            incidents: Vec::with_capacity(values.len()),
            unreadable: Vec::new(),
        };
        for (key, value) in keys.iter().zip(values.iter()) {
            match decode(value) {
                Some(incident) => report.incidents.push(incident),
                None => report
                    .unreadable
                    .push(key.as_string().unwrap_or_else(|| "?".into())),
            }
        }
        Ok(report)
    }

    /// Reads the named incidents (those still stored and readable) in one read-only transaction.
    pub async fn load_some(&self, ids: &[Uuid]) -> Result<Vec<Incident>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[INCIDENTS], TransactionMode::ReadOnly)?;
        let store = tx.store(INCIDENTS)?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(incident) = store.get(key(id)).await?.as_ref().and_then(decode) {
                found.push(incident);
            }
        }
        finish(tx).await?;
        Ok(found)
    }

    /// Saves edited incidents, merging each with the stored copy so that another tab's
    /// changes are kept. Returns the incidents whose stored result differs from what was given.
    pub async fn save(&self, incidents: &[Incident]) -> Result<Vec<Incident>, StorageError> {
        let stored = self.write_merged(incidents, Lookup::EachRecord).await?;
        Ok(stored
            .into_iter()
            .zip(incidents)
            .filter(|(stored, given)| stored != *given)
            .map(|(stored, _)| stored)
            .collect())
    }

    /// Imports incidents in one transaction: each one already stored is merged with the stored
    /// copy (so a write from another tab since the preview is kept), the rest are put as they
    /// are. All land or none do. Returns the incidents as stored.
    pub async fn import(&self, incidents: &[Incident]) -> Result<Vec<Incident>, StorageError> {
        self.write_merged(incidents, Lookup::KeysFirst).await
    }

    /// One transaction: join each incident with its stored copy, put them all, or none.
    async fn write_merged(
        &self,
        incidents: &[Incident],
        lookup: Lookup,
    ) -> Result<Vec<Incident>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[INCIDENTS], TransactionMode::ReadWrite)?;
        let store = tx.store(INCIDENTS)?;
        let stored_keys: Option<HashSet<String>> = match lookup {
            Lookup::EachRecord => None,
            Lookup::KeysFirst => Some(
                store
                    .get_all_keys(None, None)
                    .await?
                    .iter()
                    .filter_map(|k| k.as_string())
                    .collect(),
            ),
        };
        let mut result = Vec::with_capacity(incidents.len());
        let mut records = Vec::with_capacity(incidents.len());
        for incident in incidents {
            let maybe_stored = stored_keys
                .as_ref()
                .is_none_or(|keys| keys.contains(&incident.id().to_string()));
            let to_write = if maybe_stored {
                merged_with_stored(&store, incident).await?
            } else {
                incident.clone()
            };
            records.push((encode(&to_write), Some(key(&to_write.id()))));
            result.push(to_write);
        }
        put_all_or_abort(tx, &store, records).await?;
        Ok(result)
    }

    /// Number of stored incident records.
    pub async fn count(&self) -> Result<u32, StorageError> {
        let tx = self
            .rexie
            .transaction(&[INCIDENTS], TransactionMode::ReadOnly)?;
        let count = tx.store(INCIDENTS)?.count(None).await?;
        finish(tx).await?;
        Ok(count)
    }

    /// Closes the connection (tests reopen to prove data survives).
    pub fn close(self) {
        if let Ok(rexie) = Rc::try_unwrap(self.rexie) {
            rexie.close();
        }
    }
}

/// The incident joined with the stored copy of the same id, if there is a readable one.
async fn merged_with_stored(
    store: &rexie::Store,
    incident: &Incident,
) -> Result<Incident, StorageError> {
    let stored = store.get(key(&incident.id())).await?;
    Ok(match stored.as_ref().and_then(decode) {
        Some(stored) if stored != *incident => Incident::merge(&stored, incident),
        _ => incident.clone(),
    })
}

/// Puts every record and commits, or aborts so that none of them land.
async fn put_all_or_abort(
    tx: rexie::Transaction,
    store: &rexie::Store,
    records: Vec<(JsValue, Option<JsValue>)>,
) -> Result<(), StorageError> {
    match store.put_all(records.into_iter()).await {
        Ok(()) => finish(tx).await,
        Err(error) => {
            // A request that throws synchronously leaves the transaction alive with the earlier
            // puts queued; abort so that none of them land. If the browser already aborted it,
            // this second abort fails harmlessly.
            let _ = tx.abort().await;
            Err(error.into())
        }
    }
}

async fn finish(tx: rexie::Transaction) -> Result<(), StorageError> {
    if tx.done().await?.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Aborted)
    }
}
