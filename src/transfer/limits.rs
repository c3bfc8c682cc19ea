//! How big a file may be: size, depth, counts and text lengths that an import accepts.

use super::ImportError;

/// The bounds an import enforces, so that no file can exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, in bytes; checked before the file is read.
    pub max_file_bytes: u64,
    /// Deepest nesting of objects and lists.
    pub max_depth: usize,
    /// Most incidents in one file.
    pub max_incidents: usize,
    /// Most timeline events in one incident.
    pub max_events_per_incident: usize,
    /// Most items in any other list (services, aliases, scenarios, unknown fields).
    pub max_list_items: usize,
    /// Most JSON values (texts, numbers, lists, objects…) in the whole file.
    pub max_values: usize,
    /// Longest text, in characters; a title or note of megabytes is an attack, not an incident.
    pub max_string_chars: usize,
}

impl Limits {
    /// The limits the app uses: they admit a 256 MiB archive of real incidents.
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: 256 * 1024 * 1024,
        max_depth: 32,
        max_incidents: 100_000,
        max_events_per_incident: 10_000,
        max_list_items: 10_000,
        max_values: 20_000_000,
        max_string_chars: 100_000,
    };

    /// Checks a file's size before it is read (the UI passes the `File`'s size).
    pub fn check_size(&self, bytes: u64) -> Result<(), ImportError> {
        if bytes == 0 {
            Err(ImportError::Empty)
        } else if bytes > self.max_file_bytes {
            Err(ImportError::TooLarge {
                bytes,
                max: self.max_file_bytes,
            })
        } else {
            Ok(())
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmark_archive_fits_and_a_huge_file_does_not() {
        let limits = Limits::default();
        assert_eq!(limits.check_size(75_000_000), Ok(()));
        assert_eq!(limits.check_size(200_000_000), Ok(()));
        assert_eq!(limits.check_size(0), Err(ImportError::Empty));
        assert_eq!(
            limits.check_size(300_000_000),
            Err(ImportError::TooLarge {
                bytes: 300_000_000,
                max: 268_435_456
            })
        );
        let max = limits.max_file_bytes;
        assert_eq!(
            limits.check_size(max),
            Ok(()),
            "exactly the limit is allowed"
        );
        assert!(limits.check_size(max + 1).is_err());
    }
}
