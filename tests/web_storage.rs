//! Browser tests of storage: round trips, reopening, merge-on-write between tabs, damaged records,
//! newer data refused, and the in-place upgrade of a database written by the previous schema.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use rexie::{ObjectStore, Rexie, TransactionMode};
use sitrep::domain::commands::{declare, AddNote, EditDetails, RoleCommand};
use sitrep::domain::{
    execute, Category, Change, Command, CommandContext, Draft, Incident, IncidentKind, Level, State,
};
use sitrep::storage::{Database, Notice, StorageError, DB_VERSION, SCHEMA_VERSION};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const V1: &str = include_str!("fixtures/v1-inc-0042-resolved-and-a-drill.json");

fn ctx(minute: u32, n: u128) -> CommandContext {
    CommandContext::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 10, minute, 0).unwrap(),
        "Alice",
        Uuid::from_u128(n << 8),
    )
}

fn incident(n: u32) -> Incident {
    let draft = Draft {
        title: format!("Incident {n} <b>bold</b>"),
        description: "seen".into(),
        category: Category::Data,
        services: vec!["db".into()],
        impact: Level::High,
        urgency: Level::Low,
        priority_override: None,
        impact_started_at: ctx(0, 0).now,
        reported_by: "Bob".into(),
        kind: IncidentKind::Real,
    };
    declare(draft, n, &ctx(0, u128::from(n) + 1)).unwrap()
}

fn run(incident: &Incident, command: Command, minute: u32, n: u128) -> Incident {
    execute(incident, command, &ctx(minute, n)).unwrap()
}

fn note(incident: &Incident, text: &str, minute: u32, n: u128) -> Incident {
    let command = Command::Notes(AddNote {
        text: text.into(),
        at: None,
    });
    run(incident, command, minute, n)
}

fn notes(incident: &Incident) -> Vec<&str> {
    incident
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Notes(sitrep::domain::notes::NoteEvent::Added { text }) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

async fn fresh(name: &str) -> Database {
    Database::delete_named(name).await.unwrap();
    Database::open_named(name).await.unwrap()
}

async fn sorted(db: &Database) -> Vec<Incident> {
    let mut all = db.load_all().await.unwrap().incidents;
    all.sort_by_key(|i| i.reference.clone());
    all
}

/// The database opened as rexie, below the app's storage layer.
async fn raw_open(name: &str) -> Rexie {
    raw_open_at(name, DB_VERSION).await
}

/// Opens (or creates) the database at an IndexedDB version with the stores that version had:
/// incidents and meta at version 1 (schemas 1 and 2), the settings store from version 3 on.
async fn raw_open_at(name: &str, version: u32) -> Rexie {
    let builder = Rexie::builder(name)
        .version(version)
        .add_object_store(ObjectStore::new("incidents"))
        .add_object_store(ObjectStore::new("meta"));
    let builder = if version >= 3 {
        builder.add_object_store(ObjectStore::new("settings"))
    } else {
        builder
    };
    builder.build().await.unwrap()
}

/// The IndexedDB version a build of this schema used: 1 until schema 3, the schema after.
fn idb_version(schema: u32) -> u32 {
    if schema < 3 {
        1
    } else {
        schema.min(DB_VERSION)
    }
}

/// The schema version stamped in the database's meta store, and the raw record under `key`.
async fn stored_raw(name: &str, key: &str) -> (Option<f64>, Option<String>) {
    let raw = raw_open(name).await;
    let tx = raw
        .transaction(&["meta", "incidents"], TransactionMode::ReadOnly)
        .unwrap();
    let stamp = tx
        .store("meta")
        .unwrap()
        .get(JsValue::from_str("schema_version"))
        .await
        .unwrap()
        .and_then(|v| v.as_f64());
    let record = tx
        .store("incidents")
        .unwrap()
        .get(JsValue::from_str(key))
        .await
        .unwrap()
        .and_then(|v| v.as_string());
    tx.done().await.unwrap();
    raw.close();
    (stamp, record)
}

/// A database laid out as the previous schema had it, holding these raw records.
async fn raw_database(name: &str, schema: u32, records: &[(String, String)]) {
    Database::delete_named(name).await.unwrap();
    let raw = raw_open_at(name, idb_version(schema)).await;
    let tx = raw
        .transaction(&["meta", "incidents"], TransactionMode::ReadWrite)
        .unwrap();
    tx.store("meta")
        .unwrap()
        .put(
            &JsValue::from(schema),
            Some(&JsValue::from_str("schema_version")),
        )
        .await
        .unwrap();
    let incidents = tx.store("incidents").unwrap();
    for (key, value) in records {
        incidents
            .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
            .await
            .unwrap();
    }
    tx.done().await.unwrap();
    raw.close();
}

#[wasm_bindgen_test]
async fn incidents_round_trip_and_survive_reopening() {
    let name = "test-round-trip";
    let db = fresh(name).await;
    let written = vec![
        incident(1),
        incident(2),
        note(&incident(3), "Rolled back", 5, 90),
    ];
    assert!(db.save(&written).await.unwrap().is_empty());
    assert_eq!(sorted(&db).await, written);
    db.close();

    let reopened = Database::open_named(name).await.unwrap();
    assert_eq!(sorted(&reopened).await, written);
    assert_eq!(reopened.count().await.unwrap(), 3);
    reopened.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn saving_merges_with_what_another_tab_stored() {
    let name = "test-merge-on-write";
    let db = fresh(name).await;
    let base = incident(1);
    db.save(std::slice::from_ref(&base)).await.unwrap();
    let tab_a = note(&base, "from tab A", 5, 10);
    let tab_b = note(&base, "from tab B", 6, 20);
    db.save(&[tab_a]).await.unwrap();
    let changed = db.save(std::slice::from_ref(&tab_b)).await.unwrap();
    assert_eq!(changed.len(), 1, "tab B learns about tab A's note");
    let stored = db.load_all().await.unwrap().incidents;
    assert_eq!(notes(&stored[0]), vec!["from tab A", "from tab B"]);
    assert_eq!(changed[0], stored[0]);
    db.close();
    Database::delete_named(name).await.unwrap();
}

/// Makes the `n`th IndexedDB put from now on throw, as a full disk or a damaged value would;
/// returns what puts it back.
fn poison_put(n: u32) -> js_sys::Function {
    let install = js_sys::Function::new_with_args(
        "n",
        "const put = IDBObjectStore.prototype.put; let seen = 0;
         IDBObjectStore.prototype.put = function (...args) {
           seen += 1;
           if (seen === n) throw new DOMException('refused for a test', 'DataError');
           return put.apply(this, args);
         };
         return () => { IDBObjectStore.prototype.put = put; };",
    );
    install
        .call1(&JsValue::NULL, &JsValue::from(n))
        .unwrap()
        .into()
}

#[wasm_bindgen_test]
async fn an_import_that_fails_half_way_leaves_the_database_unchanged() {
    let name = "test-atomic-import";
    let db = fresh(name).await;
    let before = vec![incident(1)];
    db.import(&before, None).await.unwrap();

    // The app's own write path: the third of four puts fails, so none of them may land,
    // neither the new incidents nor the change to the stored one.
    let changed = note(&before[0], "should not land", 9, 33);
    let restore = poison_put(3);
    let result = db
        .import(&[incident(2), changed, incident(3), incident(4)], None)
        .await;
    restore.call0(&JsValue::NULL).unwrap();
    assert!(result.is_err(), "the poisoned import must fail");
    assert_eq!(
        sorted(&db).await,
        before,
        "nothing of the failed import landed"
    );

    let restore = poison_put(1);
    let saved = db.save(&[note(&before[0], "nor this", 10, 34)]).await;
    restore.call0(&JsValue::NULL).unwrap();
    assert!(saved.is_err());
    assert_eq!(sorted(&db).await, before);
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_late_broadcast_loses_no_field_of_either_tab() {
    let name = "test-late-broadcast";
    let db = fresh(name).await;
    let base = incident(1);
    db.save(std::slice::from_ref(&base)).await.unwrap();
    // Tab A assigns a commander and saves; tab B never heard of it and, later, edits the title.
    let tab_a = run(
        &base,
        Command::Roles(RoleCommand::Assign {
            role: sitrep::domain::roles::Role::Commander,
            person: "Ana".into(),
        }),
        5,
        10,
    );
    db.save(&[tab_a]).await.unwrap();
    let tab_b = run(
        &base,
        Command::Details(EditDetails {
            title: "Renamed in tab B".into(),
            description: base.description.clone(),
            category: base.category,
            services: base.services.clone(),
        }),
        6,
        20,
    );
    let changed = db.save(std::slice::from_ref(&tab_b)).await.unwrap();
    let stored = db.load_all().await.unwrap().incidents;
    assert_eq!(stored[0].commander.as_deref(), Some("Ana"));
    assert_eq!(stored[0].title, "Renamed in tab B");
    assert_eq!(changed, stored, "tab B is handed the joined copy");
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_database_of_the_previous_schema_is_upgraded_in_place() {
    let name = "test-upgrade";
    let file: serde_json::Value = serde_json::from_str(V1).unwrap();
    let records: Vec<(String, String)> = file["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i.to_string()))
        .collect();
    raw_database(name, 1, &records).await;

    let db = Database::open_named(name).await.unwrap();
    let report = db.load_all().await.unwrap();
    assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
    let mut upgraded = report.incidents;
    upgraded.sort_by_key(|i| i.reference.clone());
    assert_eq!(upgraded.len(), 2);
    let real = &upgraded[0];
    assert_eq!(real.reference, "INC-0042");
    assert_eq!(real.state, State::Resolved);
    assert_eq!(real.commander.as_deref(), Some("Ravi Patel"));
    let old_timeline = file["incidents"][0]["timeline"].as_array().unwrap().len();
    assert_eq!(
        real.events().len(),
        old_timeline,
        "every timeline entry is kept"
    );
    let parsed = sitrep::transfer::parse_file(V1.as_bytes(), &Default::default()).unwrap();
    assert_eq!(
        upgraded, parsed.incidents,
        "storage and files upgrade alike"
    );
    db.close();

    // The records were rewritten: a second open has nothing left to migrate.
    let (stamp, stored) = stored_raw(name, &records[0].0).await;
    assert_eq!(stamp, Some(f64::from(SCHEMA_VERSION)));
    let text = stored.unwrap();
    assert!(text.contains("\"events\""), "{text}");
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_record_an_older_tab_wrote_after_the_upgrade_is_still_read() {
    let name = "test-old-tab-record";
    let file: serde_json::Value = serde_json::from_str(V1).unwrap();
    let old = &file["incidents"][0];
    let records = vec![(old["id"].as_str().unwrap().to_string(), old.to_string())];
    raw_database(name, SCHEMA_VERSION, &records).await;
    let db = Database::open_named(name).await.unwrap();
    let report = db.load_all().await.unwrap();
    assert!(report.unreadable.is_empty());
    assert_eq!(report.incidents.len(), 1);
    assert_eq!(report.incidents[0].reference, "INC-0042");
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_database_without_a_schema_stamp_is_stamped_and_keeps_its_records() {
    let name = "test-no-stamp";
    Database::delete_named(name).await.unwrap();
    let good = incident(1);
    let raw = raw_open(name).await;
    let tx = raw
        .transaction(&["incidents"], TransactionMode::ReadWrite)
        .unwrap();
    tx.store("incidents")
        .unwrap()
        .put(
            &JsValue::from_str(&sitrep::transfer::wire::incident_to_json(&good).unwrap()),
            Some(&JsValue::from_str(&good.id().to_string())),
        )
        .await
        .unwrap();
    tx.done().await.unwrap();
    raw.close();

    let db = Database::open_named(name).await.unwrap();
    assert_eq!(db.load_all().await.unwrap().incidents, vec![good.clone()]);
    db.close();
    let (stamp, _) = stored_raw(name, &good.id().to_string()).await;
    assert_eq!(stamp, Some(f64::from(SCHEMA_VERSION)));
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn unreadable_records_are_reported_and_kept() {
    let name = "test-unreadable";
    let good = incident(1);
    let records = vec![
        (
            good.id().to_string(),
            sitrep::transfer::wire::incident_to_json(&good).unwrap(),
        ),
        ("broken".to_string(), "{not json".to_string()),
    ];
    raw_database(name, SCHEMA_VERSION, &records).await;
    let db = Database::open_named(name).await.unwrap();
    let report = db.load_all().await.unwrap();
    assert_eq!(report.incidents, vec![good]);
    assert_eq!(report.unreadable, vec!["broken".to_string()]);
    assert_eq!(
        db.count().await.unwrap(),
        2,
        "the damaged record is not deleted"
    );
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn data_from_a_newer_schema_is_refused_untouched() {
    let name = "test-newer-schema";
    raw_database(name, 99, &[]).await;
    match Database::open_named(name).await {
        Err(StorageError::NewerSchema { found }) => assert_eq!(found, 99),
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("expected NewerSchema, got an open database"),
    }
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_indexeddb_version_is_refused() {
    let name = "test-newer-idb-version";
    Database::delete_named(name).await.unwrap();
    let raw = Rexie::builder(name)
        .version(DB_VERSION + 1)
        .add_object_store(ObjectStore::new("incidents"))
        .build()
        .await
        .unwrap();
    raw.close();
    assert!(matches!(
        Database::open_named(name).await,
        Err(StorageError::NewerSchema { .. })
    ));
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn import_merges_known_incidents_and_adds_new_ones_in_one_go() {
    let name = "test-import";
    let db = fresh(name).await;
    let base = incident(1);
    let ours = note(&base, "ours", 5, 10);
    db.save(std::slice::from_ref(&ours)).await.unwrap();
    let theirs = note(&base, "theirs", 6, 20);
    let (stored, _) = db.import(&[theirs, incident(2)], None).await.unwrap();
    assert_eq!(stored.len(), 2);
    let all = sorted(&db).await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].events().len(), 3, "declared + ours + theirs");
    assert_eq!(all, {
        let mut s = stored.clone();
        s.sort_by_key(|i| i.reference.clone());
        s
    });
    db.close();
    Database::delete_named(name).await.unwrap();
}

/// Notices the database gave, in order.
fn recorder() -> (
    std::rc::Rc<std::cell::RefCell<Vec<Notice>>>,
    sitrep::storage::OnNotice,
) {
    let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = heard.clone();
    (heard, std::rc::Rc::new(move |n| sink.borrow_mut().push(n)))
}

async fn sleep(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

/// Awaits `future` for at most `ms`; None when it did not finish (a hang is a failure, not a wait).
async fn within<T>(ms: u32, future: impl std::future::Future<Output = T>) -> Option<T> {
    use futures::future::{select, Either};
    match select(Box::pin(future), Box::pin(sleep(ms))).await {
        Either::Left((value, _)) => Some(value),
        Either::Right(_) => None,
    }
}

/// A connection that ignores `versionchange`, as a tab of an older build may: rexie's own
/// connections close themselves on it.
async fn stubborn_connection(name: &str) -> web_sys::IdbDatabase {
    use wasm_bindgen::{closure::Closure, JsCast};
    let request = web_sys::window()
        .unwrap()
        .indexed_db()
        .unwrap()
        .unwrap()
        .open(name)
        .unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap());
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn an_upgrade_waits_for_an_old_tab_says_so_and_goes_on_when_it_lets_go() {
    let name = "test-upgrade-blocked";
    let db = fresh(name).await;
    db.save(&[incident(1)]).await.unwrap();
    db.close();
    let old_tab = stubborn_connection(name).await;
    let (heard, on_notice) = recorder();
    let opened = std::rc::Rc::new(std::cell::RefCell::new(None));
    {
        let opened = opened.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = Database::open_at(name, DB_VERSION + 1, on_notice).await;
            *opened.borrow_mut() = Some(result);
        });
    }
    sleep(2_000).await;
    assert_eq!(*heard.borrow(), vec![Notice::Waiting]);
    assert!(opened.borrow().is_none(), "the upgrade must wait, not fail");
    old_tab.close();
    for _ in 0..30 {
        if opened.borrow().is_some() {
            break;
        }
        sleep(100).await;
    }
    let db = opened
        .borrow_mut()
        .take()
        .expect("the upgrade finishes once the old tab lets go")
        .unwrap();
    assert_eq!(db.load_all().await.unwrap().incidents, vec![incident(1)]);
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_upgrade_in_another_tab_closes_this_connection_and_says_so() {
    let name = "test-upgrade-elsewhere";
    Database::delete_named(name).await.unwrap();
    let (heard, on_notice) = recorder();
    let this_tab = Database::open_at(name, DB_VERSION, on_notice)
        .await
        .unwrap();
    this_tab.save(&[incident(1)]).await.unwrap();
    let (other_heard, other_notice) = recorder();
    let newer = within(1_400, Database::open_at(name, DB_VERSION + 1, other_notice))
        .await
        .expect("this tab steps aside at once, so the newer one never waits")
        .unwrap();
    assert!(other_heard.borrow().is_empty());
    assert_eq!(*heard.borrow(), vec![Notice::ClosedElsewhere]);
    assert_eq!(this_tab.count().await, Err(StorageError::Closed));
    assert_eq!(
        this_tab.save(&[incident(2)]).await,
        Err(StorageError::Closed)
    );
    assert_eq!(newer.load_all().await.unwrap().incidents, vec![incident(1)]);
    newer.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn deleting_the_database_elsewhere_does_not_hang_on_an_open_tab() {
    let name = "test-delete-elsewhere";
    let (heard, on_notice) = recorder();
    Database::delete_named(name).await.unwrap();
    let db = Database::open_at(name, DB_VERSION, on_notice)
        .await
        .unwrap();
    db.save(&[incident(1)]).await.unwrap();
    within(3_000, Database::delete_named(name))
        .await
        .expect("the open tab lets go")
        .unwrap();
    assert_eq!(*heard.borrow(), vec![Notice::ClosedElsewhere]);
    assert_eq!(db.load_all().await, Err(StorageError::Closed));
}

/// A database as stored: the schema stamp and every incident record under its key.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Dump {
    about: String,
    schema_version: u32,
    records: std::collections::BTreeMap<String, String>,
}

const DB_SCHEMA_1: &str = include_str!("fixtures/db-schema-1.json");
const DB_SCHEMA_2: &str = include_str!("fixtures/db-schema-2.json");
const DB_SCHEMA_3: &str = include_str!("fixtures/db-schema-3.json");

/// Reads a database below the app's storage layer into a dump.
async fn dump(name: &str, about: &str) -> Dump {
    let raw = raw_open(name).await;
    let tx = raw
        .transaction(&["meta", "incidents"], TransactionMode::ReadOnly)
        .unwrap();
    let schema_version = tx
        .store("meta")
        .unwrap()
        .get(JsValue::from_str("schema_version"))
        .await
        .unwrap()
        .and_then(|v| v.as_f64())
        .unwrap() as u32;
    let incidents = tx.store("incidents").unwrap();
    let keys = incidents.get_all_keys(None, None).await.unwrap();
    let values = incidents.get_all(None, None).await.unwrap();
    tx.done().await.unwrap();
    raw.close();
    Dump {
        about: about.into(),
        schema_version,
        records: keys
            .iter()
            .zip(values.iter())
            .map(|(k, v)| (k.as_string().unwrap(), v.as_string().unwrap()))
            .collect(),
    }
}

#[wasm_bindgen_test]
async fn this_schema_stores_what_its_fixture_keeps() {
    // The fixture of the current schema is this dump. When the schema changes, the old fixture
    // stays (the next test opens it) and a new one is written from the message below.
    let name = "test-dump";
    let db = fresh(name).await;
    let base = incident(1);
    let ours = note(&base, "ours", 5, 10);
    let theirs = run(
        &note(&base, "theirs", 6, 20),
        Command::Roles(RoleCommand::Assign {
            role: sitrep::domain::roles::Role::Commander,
            person: "Bea".into(),
        }),
        7,
        21,
    );
    db.save(&[ours, incident(2)]).await.unwrap();
    db.save(&[theirs]).await.unwrap();
    db.close();
    let written = dump(
        name,
        "IndexedDB of Sitrep schema 3: each incident stored as the JSON text of its id, events (format 3: the commander is a role) and unknown keys.",
    )
    .await;
    let kept: Dump = serde_json::from_str(DB_SCHEMA_3).unwrap();
    if written != kept {
        web_sys::console::log_1(&serde_json::to_string_pretty(&written).unwrap().into());
        panic!("schema {SCHEMA_VERSION} stores other records than tests/fixtures/db-schema-{SCHEMA_VERSION}.json: if the schema changed, keep that file, add the dump above as the new schema's fixture, and bump SCHEMA_VERSION");
    }
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn databases_of_every_earlier_schema_open_with_every_record() {
    for (n, fixture) in [DB_SCHEMA_1, DB_SCHEMA_2].into_iter().enumerate() {
        let kept: Dump = serde_json::from_str(fixture).unwrap();
        let name = format!("test-fixture-{n}");
        let records: Vec<(String, String)> = kept.records.clone().into_iter().collect();
        raw_database(&name, kept.schema_version, &records).await;
        let db = Database::open_named(&name).await.unwrap();
        let report = db.load_all().await.unwrap();
        assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
        let mut ids: Vec<String> = report
            .incidents
            .iter()
            .map(|i| i.id().to_string())
            .collect();
        ids.sort();
        assert_eq!(
            ids,
            kept.records.keys().cloned().collect::<Vec<_>>(),
            "schema {}: every record opens",
            kept.schema_version
        );
        assert_eq!(
            report.settings, None,
            "no settings were stored before schema 3"
        );
        let settings = sitrep::domain::settings::Settings::default()
            .with_remind_days(3)
            .unwrap();
        db.save_settings(&settings).await.unwrap();
        assert_eq!(
            db.load_all().await.unwrap().settings,
            Some(settings),
            "schema {}: the upgrade added the settings store",
            kept.schema_version
        );
        let commanders: Vec<Option<String>> = report
            .incidents
            .iter()
            .map(|i| i.commander.clone())
            .filter(Option::is_some)
            .collect();
        assert!(
            !commanders.is_empty(),
            "schema {}: the commander it stored is the commander role's holder",
            kept.schema_version
        );
        db.close();
        let (stamp, _) = stored_raw(&name, &records[0].0).await;
        assert_eq!(stamp, Some(f64::from(SCHEMA_VERSION)));
        Database::delete_named(&name).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_stored_record_this_build_cannot_read_is_never_written_over() {
    // What an older build meets when a newer one (or damage) left a record it cannot decode.
    let name = "test-unreadable-kept";
    let ours = incident(1);
    let other = incident(2);
    let unreadable = format!(
        "{{\"id\":\"{}\",\"events\":\"from a shape this build does not know\"}}",
        ours.id()
    );
    raw_database(
        name,
        SCHEMA_VERSION,
        &[(ours.id().to_string(), unreadable.clone())],
    )
    .await;
    let db = Database::open_named(name).await.unwrap();
    assert_eq!(
        db.load_all().await.unwrap().unreadable,
        vec![ours.id().to_string()]
    );
    let edited = note(&ours, "written in an old tab", 5, 30);
    assert_eq!(
        db.save(std::slice::from_ref(&edited)).await,
        Err(StorageError::UnreadableStored {
            id: ours.id().to_string()
        }),
        "a save is refused with a typed error"
    );
    assert_eq!(
        db.import(&[other.clone(), edited], None).await,
        Err(StorageError::UnreadableStored {
            id: ours.id().to_string()
        }),
        "and so is an import that holds it"
    );
    assert_eq!(db.count().await.unwrap(), 1, "nothing of the import landed");
    let settings = sitrep::domain::settings::Settings::default()
        .with_remind_days(30)
        .unwrap();
    assert!(db
        .import(
            &[other.clone(), note(&ours, "again", 6, 31)],
            Some(&settings)
        )
        .await
        .is_err());
    assert_eq!(
        db.load_all().await.unwrap().settings,
        None,
        "nor the settings it carried"
    );
    // A save of edits leaves that record alone but stores the others, then says why.
    let third = incident(3);
    assert_eq!(
        db.save(&[note(&ours, "still the old tab", 7, 32), third.clone()])
            .await,
        Err(StorageError::UnreadableStored {
            id: ours.id().to_string()
        })
    );
    assert_eq!(db.count().await.unwrap(), 2, "the readable edit landed");
    assert_eq!(db.load_some(&[third.id()]).await.unwrap(), vec![third]);
    db.close();
    let (_, stored) = stored_raw(name, &ours.id().to_string()).await;
    assert_eq!(stored, Some(unreadable), "the record is as it was");
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn settings_are_stored_and_an_import_writes_them_with_its_incidents() {
    let db = fresh("test-settings").await;
    assert_eq!(db.load_all().await.unwrap().settings, None);
    let settings = sitrep::domain::settings::Settings::default()
        .with_person(sitrep::domain::settings::Person {
            name: "Ana".into(),
            team: "SRE".into(),
            contact: "ana@example.org".into(),
        })
        .unwrap();
    db.save_settings(&settings).await.unwrap();
    assert_eq!(
        db.load_all().await.unwrap().settings,
        Some(settings.clone())
    );
    // The file's settings join what is stored when the import is written, not what the
    // preview saw: a person another tab added since stays.
    let since = settings
        .with_person(sitrep::domain::settings::Person {
            name: "Cy".into(),
            team: String::new(),
            contact: String::new(),
        })
        .unwrap();
    db.save_settings(&since).await.unwrap();
    let theirs = sitrep::domain::settings::Settings::default()
        .with_person(sitrep::domain::settings::Person {
            name: "Ben".into(),
            team: "Network".into(),
            contact: String::new(),
        })
        .unwrap()
        .with_cell(Level::Low, Level::Low, sitrep::domain::Priority::P4)
        .with_remind_days(2)
        .unwrap();
    let (stored, applied) = db.import(&[incident(5)], Some(&theirs)).await.unwrap();
    assert_eq!(stored.len(), 1);
    let expected = since.applied(&theirs);
    assert_eq!(applied, Some(expected.clone()));
    let names: Vec<&str> = expected.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ana", "Ben", "Cy"]);
    assert_eq!(expected.remind_days, since.remind_days);
    let report = db.load_all().await.unwrap();
    assert_eq!(report.settings, Some(expected));
    assert_eq!(report.incidents.len(), 1);
    db.close();
    Database::delete_named("test-settings").await.unwrap();
}
