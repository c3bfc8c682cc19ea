//! What can go wrong with browser storage, as types the UI turns into words.

use thiserror::Error;

/// A storage failure.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// IndexedDB cannot be used here (private mode, disabled, unsupported).
    #[error("IndexedDB unavailable: {0}")]
    Unavailable(String),
    /// The database was written by a newer Sitrep.
    #[error("database written by a newer version (schema {found})")]
    NewerSchema {
        /// Schema version found in the database.
        found: u32,
    },
    /// The browser refused to store more data.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// The connection was closed, usually because another tab upgraded the database.
    #[error("database connection closed")]
    Closed,
    /// The write was rolled back; nothing of it was stored.
    #[error("transaction aborted")]
    Aborted,
    /// A stored copy of an incident about to be written cannot be read by this build (a newer
    /// Sitrep wrote it, or it is damaged): nothing was written over it.
    #[error("stored incident {id} cannot be read here; nothing was written over it")]
    UnreadableStored {
        /// The incident's id.
        id: String,
    },
    /// An incident could not be turned into JSON (a bug): nothing was written.
    #[error("could not write incident {id}: {msg}")]
    Encode {
        /// The incident's id.
        id: String,
        /// What serde said.
        msg: String,
    },
    /// Any other IndexedDB failure.
    #[error("IndexedDB error: {0}")]
    Failed(String),
}

impl From<rexie::Error> for StorageError {
    fn from(error: rexie::Error) -> Self {
        let text = error_text(&error);
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else if text.contains("VersionError") {
            StorageError::NewerSchema { found: 0 }
        } else if text.contains("InvalidStateError") || text.contains("closing") {
            StorageError::Closed
        } else if text.contains("AbortError") {
            StorageError::Aborted
        } else if text.contains("indexed db not found") || text.contains("SecurityError") {
            StorageError::Unavailable(text)
        } else {
            StorageError::Failed(text)
        }
    }
}

/// rexie's own Display hides the browser's message; the inner error carries the DOMException name.
fn error_text(error: &rexie::Error) -> String {
    match error {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}
