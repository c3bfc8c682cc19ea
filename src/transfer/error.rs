//! Why a file was refused: one typed error per stage of reading it. The words people read are
//! made by the UI (`components::words::import_refusal`); `Display` is for logs.

use thiserror::Error;

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file has no content.
    #[error("empty")]
    Empty,
    /// The file is bigger than the import limit.
    #[error("too large ({bytes} > {max} bytes)")]
    TooLarge {
        /// Size of the file in bytes.
        bytes: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// The file is not UTF-8 text.
    #[error("not UTF-8 at byte {offset}")]
    NotUtf8 {
        /// Position of the first bad byte.
        offset: usize,
    },
    /// The file starts with a byte-order mark of an encoding other than UTF-8 (a UTF-8 mark is skipped).
    #[error("byte-order mark of {encoding}")]
    ByteOrderMark {
        /// The encoding the mark announces, e.g. `UTF-16`.
        encoding: &'static str,
    },
    /// The file is not well-formed JSON, or is cut off.
    #[error("not JSON at {line}:{column}: {msg}")]
    NotJson {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What is wrong there.
        msg: String,
    },
    /// Containers are nested deeper than the limit.
    #[error("nested deeper than {max}")]
    TooDeep {
        /// The depth limit.
        max: usize,
    },
    /// The file is JSON but not a Sitrep file.
    #[error("not a Sitrep file: {found}")]
    NotSitrep {
        /// What was found instead, e.g. `it is a list, not an object`.
        found: String,
    },
    /// The file was written by a newer Sitrep than this one.
    #[error("format version {found} > {supported}")]
    NewerVersion {
        /// Version in the file.
        found: u64,
        /// Newest version this build reads.
        supported: u64,
    },
    /// Converting an older format version failed.
    #[error("migration from version {from} failed: {msg}")]
    Migration {
        /// The version the failing step converts from.
        from: u64,
        /// What went wrong.
        msg: String,
    },
    /// A value is missing or malformed.
    #[error("{path}: {msg}")]
    Invalid {
        /// Where, e.g. `incidents[3].timeline[12].at`.
        path: String,
        /// What is wrong, e.g. `not a date`.
        msg: String,
    },
    /// More records than the limit.
    #[error("too many {what}: {count} > {max}")]
    TooMany {
        /// What was counted, e.g. `incidents` or `timeline events in incidents[3]`.
        what: String,
        /// How many were found (counting stops early only for `values`).
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A text longer than the limit.
    #[error("{path}: {len} > {max} characters")]
    StringTooLong {
        /// Where the text is.
        path: String,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Two records in the file share one id.
    #[error("id {id} repeated at {path}")]
    DuplicateId {
        /// Where the second use is.
        path: String,
        /// The id.
        id: String,
    },
}
