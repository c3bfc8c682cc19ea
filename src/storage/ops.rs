//! Typed async operations. Each is one transaction that awaits only IndexedDB requests.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::{Rc, Weak};

use futures::future::{select, Either};
use rexie::{Rexie, TransactionMode};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::migrate::{migrate_record, migrate_records};
use super::schema::{
    self, INCIDENTS, META, META_INSTANCE, META_SCHEMA, SCHEMA_VERSION, SETTINGS, SETTINGS_KEY,
};
use super::StorageError;
use crate::domain::settings::Settings;
use crate::domain::Incident;
use crate::transfer::settings::{settings_from_json, settings_to_json};
use crate::transfer::wire::{incident_from_json, incident_to_json};

/// What a write stored.
#[derive(Debug, Default)]
struct Written {
    incidents: Vec<Incident>,
    settings: Option<Settings>,
    unreadable: Vec<String>,
}

/// What a write does with an incident whose stored copy it cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Refuse the whole write (an import: all or nothing).
    Nothing,
    /// Leave that one as it is and write the others (a save of edits).
    Unreadable,
}

/// How a write finds which incidents already have a stored copy.
enum Lookup {
    /// Ask for each record: cheapest for a few edits.
    EachRecord,
    /// Read all keys once, then ask only for those: cheapest for a large import of new ones.
    KeysFirst,
}

/// How long an open may take before the person is told that another tab is holding it up.
const WAIT_NOTICE_MS: u32 = 1_500;

/// What the database tells the app while it is open, apart from answers to requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The open is waiting: another tab holds the database at an older version. It goes on by
    /// itself once that tab is closed.
    Waiting,
    /// Another tab upgraded or deleted the database, so this tab let go of it: every later
    /// request fails with [`StorageError::Closed`] until the page is reloaded.
    ClosedElsewhere,
}

/// Who hears notices.
pub type OnNotice = Rc<dyn Fn(Notice)>;

/// An open Sitrep database. Cheap to clone; every clone shares one connection.
#[derive(Clone)]
pub struct Database {
    connection: Rc<Connection>,
}

impl PartialEq for Database {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.connection, &other.connection)
    }
}

/// The rexie connection, and a second plain connection that only listens for another tab's
/// upgrade: rexie offers no `versionchange` handler, and a connection that ignores it blocks the
/// other tab's upgrade for as long as this tab stays open.
struct Connection {
    rexie: RefCell<Option<Rexie>>,
    watch: RefCell<Option<Watch>>,
    instance: RefCell<String>,
}

struct Watch {
    database: web_sys::IdbDatabase,
    _listener: gloo::events::EventListener,
}

impl Connection {
    /// Closes both connections; requests already running finish first.
    fn close(&self) {
        if let Some(watch) = self.watch.borrow_mut().take() {
            watch.database.close();
        }
        if let Some(rexie) = self.rexie.borrow_mut().take() {
            rexie.close();
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.close();
    }
}

/// What loading found: the incidents, the settings, and the keys of records that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadReport {
    /// Every readable incident.
    pub incidents: Vec<Incident>,
    /// Keys of stored records that failed to decode; they are left untouched in the database.
    pub unreadable: Vec<String>,
    /// The stored settings: `None` when none were stored yet.
    pub settings: Option<Settings>,
    /// The stored settings record cannot be read (left untouched; saving settings is refused).
    pub settings_unreadable: bool,
}

fn key(id: &Uuid) -> JsValue {
    JsValue::from_str(&id.to_string())
}

/// Settings as stored, if this build can read them.
fn decode_settings(value: &JsValue) -> Option<Settings> {
    settings_from_json(&value.as_string()?).ok()
}

fn encode_settings(settings: &Settings) -> Result<JsValue, StorageError> {
    settings_to_json(settings)
        .map(|json| JsValue::from_str(&json))
        .map_err(|e| StorageError::Encode {
            id: SETTINGS_KEY.to_string(),
            msg: e.0,
        })
}

fn encode(incident: &Incident) -> Result<JsValue, StorageError> {
    incident_to_json(incident)
        .map(|json| JsValue::from_str(&json))
        .map_err(|e| StorageError::Encode {
            id: incident.id().to_string(),
            msg: e.0,
        })
}

/// A stored incident; a record of an older schema (written by an older Sitrep that was still
/// open when this one migrated the database) is read through the migrations.
fn decode(value: &JsValue) -> Option<Incident> {
    let json = value.as_string()?;
    incident_from_json(&json).ok().or_else(|| {
        (1..SCHEMA_VERSION)
            .rev()
            .find_map(|from| incident_from_json(&migrate_record(from, &json)?).ok())
    })
}

impl Database {
    /// Opens (creating or upgrading) the app's database; `on_notice` hears when the open waits
    /// for another tab, and when another tab's upgrade closes it later.
    pub async fn open(on_notice: OnNotice) -> Result<Database, StorageError> {
        Self::open_at(schema::DB_NAME, schema::DB_VERSION, on_notice).await
    }

    /// Opens a database by name at the current version; tests use their own names.
    pub async fn open_named(name: &str) -> Result<Database, StorageError> {
        Self::open_at(name, schema::DB_VERSION, Rc::new(|_| {})).await
    }

    /// Opens a database by name at a given IndexedDB version (tests provoke upgrades with it).
    pub async fn open_at(
        name: &str,
        version: u32,
        on_notice: OnNotice,
    ) -> Result<Database, StorageError> {
        let build = Box::pin(schema::builder(name, version).build());
        let notice = gloo::timers::future::TimeoutFuture::new(WAIT_NOTICE_MS);
        let rexie = match select(build, notice).await {
            Either::Left((result, _)) => result?,
            Either::Right((_, build)) => {
                on_notice(Notice::Waiting);
                build.await?
            }
        };
        let connection = Rc::new(Connection {
            rexie: RefCell::new(Some(rexie)),
            watch: RefCell::new(None),
            instance: RefCell::new(String::new()),
        });
        let watch = watch(name, Rc::downgrade(&connection), on_notice).await;
        *connection.watch.borrow_mut() = watch;
        let db = Database { connection };
        match db.check_schema().await {
            Ok(()) => Ok(db),
            Err(error) => {
                // An open connection left behind would block deleting or upgrading the database.
                db.connection.close();
                Err(error)
            }
        }
    }

    /// Deletes a database by name (used by tests and by "erase local data").
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(Into::into)
    }

    /// This database's own id, given when it was created (see [`META_INSTANCE`]).
    pub fn instance(&self) -> String {
        self.connection.instance.borrow().clone()
    }

    /// Refuses data written by a newer Sitrep, migrates records of an older schema in place,
    /// stamps the schema version, and gives the database its id if it has none; one transaction,
    /// so a migration lands whole or not at all.
    async fn check_schema(&self) -> Result<(), StorageError> {
        let tx = self.transaction(&[META, INCIDENTS], TransactionMode::ReadWrite)?;
        match self.migrate_and_stamp(&tx).await {
            Ok(()) => finish(tx).await,
            Err(error) => {
                // Nothing of a failed migration may land: not the records without the stamp.
                let _ = tx.abort().await;
                Err(error)
            }
        }
    }

    /// The requests of [`Database::check_schema`], inside its transaction.
    async fn migrate_and_stamp(&self, tx: &rexie::Transaction) -> Result<(), StorageError> {
        let meta = tx.store(META)?;
        let found = meta
            .get(JsValue::from_str(META_SCHEMA))
            .await?
            .and_then(|v| v.as_f64());
        match found {
            Some(v) if v > f64::from(SCHEMA_VERSION) => {
                return Err(StorageError::NewerSchema { found: v as u32 });
            }
            Some(v) if v < f64::from(SCHEMA_VERSION) => {
                let incidents = tx.store(INCIDENTS)?;
                let keys = incidents.get_all_keys(None, None).await?;
                let values = incidents.get_all(None, None).await?;
                let records = migrate_records(v as u32, &keys, &values);
                if !records.is_empty() {
                    incidents.put_all(records.into_iter()).await?;
                }
            }
            _ => {}
        }
        let instance = match meta
            .get(JsValue::from_str(META_INSTANCE))
            .await?
            .and_then(|v| v.as_string())
        {
            Some(id) => id,
            None => {
                let id = crate::browser::new_uuid().to_string();
                meta.put(
                    &JsValue::from_str(&id),
                    Some(&JsValue::from_str(META_INSTANCE)),
                )
                .await?;
                id
            }
        };
        *self.connection.instance.borrow_mut() = instance;
        if found != Some(f64::from(SCHEMA_VERSION)) {
            meta.put(
                &JsValue::from(SCHEMA_VERSION),
                Some(&JsValue::from_str(META_SCHEMA)),
            )
            .await?;
        }
        Ok(())
    }

    /// Reads every incident in one read-only transaction.
    pub async fn load_all(&self) -> Result<LoadReport, StorageError> {
        let tx = self.transaction(&[INCIDENTS, SETTINGS], TransactionMode::ReadOnly)?;
        let store = tx.store(INCIDENTS)?;
        let keys = store.get_all_keys(None, None).await?;
        let values = store.get_all(None, None).await?;
        let stored_settings = tx
            .store(SETTINGS)?
            .get(JsValue::from_str(SETTINGS_KEY))
            .await?;
        finish(tx).await?;
        let settings = stored_settings.map(|v| decode_settings(&v));
        let mut report = LoadReport {
            incidents: Vec::with_capacity(values.len()),
            unreadable: Vec::new(),
            settings_unreadable: matches!(settings, Some(None)),
            settings: settings.flatten(),
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
        let tx = self.transaction(&[INCIDENTS], TransactionMode::ReadOnly)?;
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
    /// A stored copy this build cannot read is left as it is and the others are still saved;
    /// the save then fails with [`StorageError::UnreadableStored`].
    pub async fn save(&self, incidents: &[Incident]) -> Result<Vec<Incident>, StorageError> {
        let written = self
            .write_merged(incidents, None, Lookup::EachRecord, Skip::Unreadable)
            .await?;
        if let Some(id) = written.unreadable.into_iter().next() {
            return Err(StorageError::UnreadableStored { id });
        }
        Ok(written
            .incidents
            .into_iter()
            .zip(incidents)
            .filter(|(stored, given)| stored != *given)
            .map(|(stored, _)| stored)
            .collect())
    }

    /// Imports incidents in one transaction: each one already stored is merged with the stored
    /// copy (so a write from another tab since the preview is kept), the rest are put as they
    /// are; with `settings` (a file's), they are applied to the stored ones in the same
    /// transaction. All land or none do. Returns the incidents and settings as stored.
    pub async fn import(
        &self,
        incidents: &[Incident],
        settings: Option<&Settings>,
    ) -> Result<(Vec<Incident>, Option<Settings>), StorageError> {
        let written = self
            .write_merged(incidents, settings, Lookup::KeysFirst, Skip::Nothing)
            .await?;
        Ok((written.incidents, written.settings))
    }

    /// Reads the stored settings: `None` when none are stored or they cannot be read.
    pub async fn load_settings(&self) -> Result<Option<Settings>, StorageError> {
        let tx = self.transaction(&[SETTINGS], TransactionMode::ReadOnly)?;
        let stored = tx
            .store(SETTINGS)?
            .get(JsValue::from_str(SETTINGS_KEY))
            .await?;
        finish(tx).await?;
        Ok(stored.as_ref().and_then(decode_settings))
    }

    /// Stores the settings in one transaction. A stored settings record this build cannot read
    /// is never written over.
    pub async fn save_settings(&self, settings: &Settings) -> Result<(), StorageError> {
        let record = encode_settings(settings)?;
        let tx = self.transaction(&[SETTINGS], TransactionMode::ReadWrite)?;
        let store = tx.store(SETTINGS)?;
        let key = JsValue::from_str(SETTINGS_KEY);
        if let Some(stored) = store.get(key.clone()).await? {
            if decode_settings(&stored).is_none() {
                return Err(StorageError::UnreadableStored {
                    id: SETTINGS_KEY.to_string(),
                });
            }
        }
        store.put(&record, Some(&key)).await?;
        finish(tx).await
    }

    /// One transaction: join each incident with its stored copy (and, with `theirs`, the
    /// stored settings with a file's), then put them all, or none. A stored record this build
    /// cannot read is never written over: with `Skip::Unreadable` the others are written and the
    /// refusal is reported after; otherwise nothing is written.
    async fn write_merged(
        &self,
        incidents: &[Incident],
        theirs: Option<&Settings>,
        lookup: Lookup,
        skip: Skip,
    ) -> Result<Written, StorageError> {
        let tx = self.transaction(&[INCIDENTS, SETTINGS], TransactionMode::ReadWrite)?;
        let store = tx.store(INCIDENTS)?;
        let settings_store = tx.store(SETTINGS)?;
        // The file's settings join what is stored now, not what the preview saw.
        let settings = match theirs {
            None => None,
            Some(theirs) => {
                let stored = settings_store.get(JsValue::from_str(SETTINGS_KEY)).await?;
                let ours = match stored {
                    None => Settings::default(),
                    Some(value) => {
                        decode_settings(&value).ok_or_else(|| StorageError::UnreadableStored {
                            id: SETTINGS_KEY.to_string(),
                        })?
                    }
                };
                Some(ours.applied(theirs))
            }
        };
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
        let mut written = Written::default();
        let mut records = Vec::with_capacity(incidents.len());
        for incident in incidents {
            let maybe_stored = stored_keys
                .as_ref()
                .is_none_or(|keys| keys.contains(&incident.id().to_string()));
            let to_write = if maybe_stored {
                match merged_with_stored(&store, incident).await {
                    Ok(merged) => merged,
                    Err(StorageError::UnreadableStored { id }) if skip == Skip::Unreadable => {
                        written.unreadable.push(id);
                        continue;
                    }
                    Err(error) => return Err(error),
                }
            } else {
                incident.clone()
            };
            records.push((encode(&to_write)?, Some(key(&to_write.id()))));
            written.incidents.push(to_write);
        }
        let bytes: usize = records
            .iter()
            .map(|(value, _)| value.as_string().map_or(0, |s| s.len()))
            .sum();
        // Written after every merge was decided, so a refusal above leaves nothing queued.
        if let Some(settings) = &settings {
            let put = match encode_settings(settings) {
                Ok(record) => settings_store
                    .put(&record, Some(&JsValue::from_str(SETTINGS_KEY)))
                    .await
                    .map_err(StorageError::from),
                Err(error) => Err(error),
            };
            if let Err(error) = put {
                let _ = tx.abort().await;
                return Err(error);
            }
        }
        written.settings = settings;
        match put_all_or_abort(tx, &store, records).await {
            Ok(()) => Ok(written),
            Err(StorageError::Aborted) => Err(explain_abort(bytes as f64).await),
            Err(error) => Err(error),
        }
    }

    /// Number of stored incident records.
    pub async fn count(&self) -> Result<u32, StorageError> {
        let tx = self.transaction(&[INCIDENTS], TransactionMode::ReadOnly)?;
        let count = tx.store(INCIDENTS)?.count(None).await?;
        finish(tx).await?;
        Ok(count)
    }

    /// Closes the connection for every clone (tests reopen to prove data survives).
    pub fn close(self) {
        self.connection.close();
    }

    /// Starts a transaction, or says the connection is closed.
    fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
    ) -> Result<rexie::Transaction, StorageError> {
        match self.connection.rexie.borrow().as_ref() {
            Some(rexie) => Ok(rexie.transaction(stores, mode)?),
            None => Err(StorageError::Closed),
        }
    }
}

/// Opens a plain connection that closes this tab's connections when another tab upgrades or
/// deletes the database. None where it cannot be opened in time: the app then works as before,
/// only without stepping aside for an upgrade.
async fn watch(name: &str, connection: Weak<Connection>, on_notice: OnNotice) -> Option<Watch> {
    use wasm_bindgen::JsCast;
    let request = web_sys::window()?.indexed_db().ok()??.open(name).ok()?;
    let (sender, receiver) = futures::channel::oneshot::channel::<bool>();
    let sender = Rc::new(RefCell::new(Some(sender)));
    let answer = |ok: bool| {
        let sender = sender.clone();
        move |_: &web_sys::Event| {
            if let Some(sender) = sender.borrow_mut().take() {
                let _ = sender.send(ok);
            }
        }
    };
    let _success = gloo::events::EventListener::once(&request, "success", answer(true));
    let _error = gloo::events::EventListener::once(&request, "error", answer(false));
    let limit = gloo::timers::future::TimeoutFuture::new(WAIT_NOTICE_MS);
    let opened = matches!(select(receiver, limit).await, Either::Left((Ok(true), _)));
    if !opened {
        // Close it if it opens later, so that it never holds up an upgrade.
        let late = request.clone();
        gloo::events::EventListener::once(&request, "success", move |_| {
            if let Some(database) = late
                .result()
                .ok()
                .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>().ok())
            {
                database.close();
            }
        })
        .forget();
        return None;
    }
    let database: web_sys::IdbDatabase = request.result().ok()?.dyn_into().ok()?;
    let listener = gloo::events::EventListener::new(&database, "versionchange", move |_| {
        if let Some(connection) = connection.upgrade() {
            connection.close();
            on_notice(Notice::ClosedElsewhere);
        }
    });
    Some(Watch {
        database,
        _listener: listener,
    })
}

/// The incident joined with the stored copy of the same id. A stored copy this build cannot
/// read is never written over: the whole write is refused (and its transaction rolled back).
async fn merged_with_stored(
    store: &rexie::Store,
    incident: &Incident,
) -> Result<Incident, StorageError> {
    let Some(stored) = store.get(key(&incident.id())).await? else {
        return Ok(incident.clone());
    };
    match decode(&stored) {
        Some(stored) if stored != *incident => Ok(Incident::merge(&stored, incident)),
        Some(_) => Ok(incident.clone()),
        None => Err(StorageError::UnreadableStored {
            id: incident.id().to_string(),
        }),
    }
}

/// Why the browser aborted a write it gave no reason for. Chromium reports a full disk or an
/// exhausted quota at commit only as an abort; when what was written would not have fitted in
/// what the browser allows this site, that is the reason.
async fn explain_abort(attempted_bytes: f64) -> StorageError {
    match crate::browser::storage_estimate().await {
        Some((usage, quota)) if usage + attempted_bytes >= quota => StorageError::QuotaExceeded,
        _ => StorageError::Aborted,
    }
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
