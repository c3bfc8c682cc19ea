//! Database layout: names, versions, and the upgrade that builds it.

use rexie::{ObjectStore, Rexie};

/// Database name used by the app.
pub const DB_NAME: &str = "sitrep";
/// Version of the record shapes inside the stores, kept in the meta store.
pub const SCHEMA_VERSION: u32 = 3;
/// IndexedDB version: moves with [`SCHEMA_VERSION`], so that opening a newer schema fires
/// `versionchange` in every tab of an older build, which then lets go at once and asks for a
/// reload instead of writing records of a shape it would not read back.
pub const DB_VERSION: u32 = SCHEMA_VERSION;

/// Incidents, keyed by UUID string, each stored as the JSON text a file holds for it.
pub const INCIDENTS: &str = "incidents";
/// Small bookkeeping records, e.g. the schema version.
pub const META: &str = "meta";
/// The settings (people directory, priority matrix, reminder interval): one record, added in schema 3.
pub const SETTINGS: &str = "settings";
/// Key of the settings record in the settings store.
pub const SETTINGS_KEY: &str = "settings";
/// Key of the schema version record in the meta store.
pub const META_SCHEMA: &str = "schema_version";
/// Key of this database's own random id in the meta store: a database created anew after the
/// browser wiped the old one has another id than the one remembered in local storage.
pub const META_INSTANCE: &str = "instance";

/// The builder for the current layout. rexie deletes any store not declared here, so every
/// store ever created must stay listed.
/// `version` is [`DB_VERSION`] but for tests that provoke an upgrade.
pub fn builder(name: &str, version: u32) -> rexie::RexieBuilder {
    Rexie::builder(name)
        .version(version)
        .add_object_store(ObjectStore::new(INCIDENTS))
        .add_object_store(ObjectStore::new(META))
        .add_object_store(ObjectStore::new(SETTINGS))
}
