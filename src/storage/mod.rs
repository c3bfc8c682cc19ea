//! IndexedDB persistence through rexie. The only module that names rexie.
//!
//! Incidents are stored as JSON strings under their UUID: strings cross the JS boundary
//! cheaply, and the stored form is the one the file format writes (its own wire types).

mod error;
mod migrate;
mod ops;
mod schema;

pub use error::StorageError;
pub use ops::{Database, LoadReport, Notice, OnNotice};
pub use schema::{DB_NAME, DB_VERSION, SCHEMA_VERSION, SETTINGS_KEY as SETTINGS_RECORD};
