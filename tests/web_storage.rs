//! Browser tests of storage: round trips, reopening, merge-on-write, atomic batches, damaged records.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use rexie::{ObjectStore, Rexie, TransactionMode};
use sitrep::domain::commands::declare;
use sitrep::domain::{
    apply, Category, Command, CommandContext, Draft, EventKind, Incident, IncidentKind, Level,
};
use sitrep::storage::{Database, StorageError, DB_VERSION};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ctx(minute: u32, n: u128) -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2026, 11, 26, 10, minute, 0).unwrap(),
        actor: "Alice".into(),
        seed: Uuid::from_u128(n << 8),
    }
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

fn note(incident: &Incident, text: &str, minute: u32, n: u128) -> Incident {
    apply(
        incident,
        Command::AddNote {
            text: text.into(),
            at: None,
        },
        &ctx(minute, n),
    )
    .unwrap()
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
    let notes: Vec<_> = stored[0]
        .timeline
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Note { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(notes, vec!["from tab A", "from tab B"]);
    assert_eq!(changed[0], stored[0]);
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_batch_that_fails_half_way_leaves_the_database_unchanged() {
    let name = "test-atomic-batch";
    let db = fresh(name).await;
    let before = vec![incident(1)];
    db.import(&before).await.unwrap();

    let good = |n: u32| {
        let i = incident(n);
        (
            JsValue::from_str(&serde_json::to_string(&i).unwrap()),
            Some(JsValue::from_str(&i.id.to_string())),
        )
    };
    // A function cannot be stored (structured clone refuses it), so the third request fails.
    let poison = js_sys::Function::new_no_args("return 1");
    let batch = vec![
        good(2),
        good(3),
        (poison.into(), Some(JsValue::from_str("poison"))),
        good(4),
    ];
    let result = db.put_records(batch).await;
    assert!(result.is_err(), "the poisoned batch must fail");
    assert_eq!(
        sorted(&db).await,
        before,
        "nothing of the failed batch landed"
    );

    // Overwrites are rolled back too.
    let changed = note(&before[0], "should not land", 9, 33);
    let batch = vec![
        (
            JsValue::from_str(&serde_json::to_string(&changed).unwrap()),
            Some(JsValue::from_str(&changed.id.to_string())),
        ),
        (
            js_sys::Function::new_no_args("").into(),
            Some(JsValue::from_str("poison")),
        ),
    ];
    assert!(db.put_records(batch).await.is_err());
    assert_eq!(sorted(&db).await, before);
    db.close();
    Database::delete_named(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn unreadable_records_are_reported_and_kept() {
    let name = "test-unreadable";
    let db = fresh(name).await;
    db.import(&[incident(1)]).await.unwrap();
    db.put_records(vec![(
        JsValue::from_str("{not json"),
        Some(JsValue::from_str("broken")),
    )])
    .await
    .unwrap();
    let report = db.load_all().await.unwrap();
    assert_eq!(report.incidents.len(), 1);
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
    Database::delete_named(name).await.unwrap();
    let raw = Rexie::builder(name)
        .version(DB_VERSION)
        .add_object_store(ObjectStore::new("incidents"))
        .add_object_store(ObjectStore::new("meta"))
        .build()
        .await
        .unwrap();
    let tx = raw
        .transaction(&["meta"], TransactionMode::ReadWrite)
        .unwrap();
    tx.store("meta")
        .unwrap()
        .put(
            &JsValue::from(99),
            Some(&JsValue::from_str("schema_version")),
        )
        .await
        .unwrap();
    tx.done().await.unwrap();
    raw.close();

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
    let stored = db.import(&[theirs, incident(2)]).await.unwrap();
    assert_eq!(stored.len(), 2);
    let all = sorted(&db).await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].timeline.len(), 3, "declared + ours + theirs");
    assert_eq!(all, {
        let mut s = stored.clone();
        s.sort_by_key(|i| i.reference.clone());
        s
    });
    db.close();
    Database::delete_named(name).await.unwrap();
}
