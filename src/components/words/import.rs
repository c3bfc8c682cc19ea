//! Why a file was refused, in one sentence per kind of refusal.

use crate::transfer::ImportError;

/// Bytes as megabytes with one decimal, e.g. `75.3 MB`.
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_add(50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// A refused file in one sentence.
pub fn import_refusal(error: &ImportError) -> String {
    match error {
        ImportError::Empty => "This file is empty.".into(),
        ImportError::TooLarge { bytes, max } => format!("This file is too large to import ({}; at most {} can be imported).", megabytes(*bytes), megabytes(*max)),
        ImportError::NotUtf8 { offset } => format!("This file is not UTF-8 text (byte {offset} is not valid UTF-8), so it is not a Sitrep file."),
        ImportError::ByteOrderMark { encoding } => format!("This file is saved as {encoding}; Sitrep reads UTF-8 only. Save it as UTF-8 and try again."),
        ImportError::NotJson { line, column, msg } => format!("This file is not valid JSON (line {line}, column {column}: {msg})."),
        ImportError::TooDeep { max } => format!("This file is nested more than {max} levels deep; a Sitrep file never is."),
        ImportError::NotSitrep { found } => format!("This is not a Sitrep file ({found})."),
        ImportError::NewerVersion { found, supported } => format!("This file was made by a newer Sitrep (format version {found}); this one reads up to version {supported}."),
        ImportError::Migration { from, msg } => format!("This file uses the older format version {from}, and converting it failed: {msg}."),
        ImportError::Invalid { path, msg } => format!("This file has a problem at {path}: {msg}."),
        ImportError::TooMany { what, count, max } => format!("This file holds too many {what} ({count}; at most {max} can be imported)."),
        ImportError::StringTooLong { path, len, max } => format!("The text at {path} is {len} characters long; at most {max} are allowed."),
        ImportError::DuplicateId { path, id } => format!("The id {id} is used twice in this file (again at {path})."),
    }
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
