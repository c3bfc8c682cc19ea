//! Why a file was refused: one typed error per stage of reading it, with words for people in `Display`.

use thiserror::Error;

/// Why a file could not be imported. `Display` is the sentence the UI shows.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file has no content.
    #[error("This file is empty.")]
    Empty,
    /// The file is bigger than the import limit.
    #[error("This file is too large to import ({}; at most {} can be imported).", megabytes(*.bytes), megabytes(*.max))]
    TooLarge {
        /// Size of the file in bytes.
        bytes: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// The file is not UTF-8 text.
    #[error("This file is not UTF-8 text (byte {offset} is not valid UTF-8), so it is not a Sitrep file.")]
    NotUtf8 {
        /// Position of the first bad byte.
        offset: usize,
    },
    /// The file starts with a byte-order mark of an encoding other than UTF-8 (a UTF-8 mark is skipped).
    #[error("This file is saved as {encoding}; Sitrep reads UTF-8 only. Save it as UTF-8 and try again.")]
    ByteOrderMark {
        /// The encoding the mark announces, e.g. `UTF-16`.
        encoding: &'static str,
    },
    /// The file is not well-formed JSON, or is cut off.
    #[error("This file is not valid JSON (line {line}, column {column}: {msg}).")]
    NotJson {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What is wrong there.
        msg: String,
    },
    /// Containers are nested deeper than the limit.
    #[error("This file is nested more than {max} levels deep; a Sitrep file never is.")]
    TooDeep {
        /// The depth limit.
        max: usize,
    },
    /// The file is JSON but not a Sitrep file.
    #[error("This is not a Sitrep file ({found}).")]
    NotSitrep {
        /// What was found instead, e.g. `it is a list, not an object`.
        found: String,
    },
    /// The file was written by a newer Sitrep than this one.
    #[error("This file was made by a newer Sitrep (format version {found}); this one reads up to version {supported}.")]
    NewerVersion {
        /// Version in the file.
        found: u64,
        /// Newest version this build reads.
        supported: u64,
    },
    /// Converting an older format version failed.
    #[error("This file uses the older format version {from}, and converting it failed: {msg}.")]
    Migration {
        /// The version the failing step converts from.
        from: u64,
        /// What went wrong.
        msg: String,
    },
    /// A value is missing or malformed.
    #[error("This file has a problem at {path}: {msg}.")]
    Invalid {
        /// Where, e.g. `incidents[3].timeline[12].at`.
        path: String,
        /// What is wrong, e.g. `not a date`.
        msg: String,
    },
    /// More records than the limit.
    #[error("This file holds too many {what} ({count}; at most {max} can be imported).")]
    TooMany {
        /// What was counted, e.g. `incidents` or `timeline events in incidents[3]`.
        what: String,
        /// How many were found (counting stops early only for `values`).
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A text longer than the limit.
    #[error("The text at {path} is {len} characters long; at most {max} are allowed.")]
    StringTooLong {
        /// Where the text is.
        path: String,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Two records in the file share one id.
    #[error("The id {id} is used twice in this file (again at {path}).")]
    DuplicateId {
        /// Where the second use is.
        path: String,
        /// The id.
        id: String,
    },
}

/// Bytes as megabytes with one decimal, e.g. `75.3 MB`.
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_add(50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_megabytes() {
        assert_eq!(megabytes(75_300_000), "75.3 MB");
        assert_eq!(megabytes(0), "0.0 MB");
        assert!(megabytes(u64::MAX).ends_with(" MB"));
    }
}
