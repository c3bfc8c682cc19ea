//! A fast pass over raw JSON bytes before any parsing: depth, list lengths, text lengths, and the path at an offset.
//!
//! The scan only tokenises (strings with their escapes, brackets, commas, colons, scalars); it does
//! not validate JSON, which `serde_json` does next. It allocates one small frame per open container,
//! so no file can make it use more than `max_depth` frames.

use super::{ImportError, Limits};

/// Which list an array is, which decides its length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Incidents,
    Timeline,
    Other,
}

/// One open object or array.
#[derive(Debug, Clone)]
struct Frame {
    array: bool,
    /// Elements seen so far (arrays); the current one is `count - 1`.
    count: usize,
    /// Byte range of the last key read (objects), without the quotes.
    key: (usize, usize),
    /// Whether the next string is a key (objects).
    expect_key: bool,
    list: List,
}

/// Most frames kept when only locating a path, whatever the file holds.
const LOCATE_DEPTH: usize = 256;

struct Scanner<'a> {
    bytes: &'a [u8],
    stack: Vec<Frame>,
    values: usize,
    limits: Option<&'a Limits>,
    /// Counts apply only when the top level is an object; anything else is refused unparsed.
    counting: bool,
}

/// Checks depth, list lengths, the number of values and every text's length, before parsing.
pub(crate) fn check(bytes: &[u8], limits: &Limits) -> Result<(), ImportError> {
    let mut scanner = Scanner::new(bytes, Some(limits));
    scanner.run(bytes.len())
}

/// The path (e.g. `incidents[3].timeline[12].at`) of the value being read at byte `offset`.
pub(crate) fn path_at(bytes: &[u8], offset: usize) -> String {
    let mut scanner = Scanner::new(bytes, None);
    // Without limits the scan cannot fail.
    let _ = scanner.run(offset);
    scanner.path()
}

/// The first byte that is not JSON whitespace.
pub(crate) fn first_token(bytes: &[u8]) -> Option<u8> {
    bytes
        .iter()
        .copied()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8], limits: Option<&'a Limits>) -> Self {
        Scanner {
            bytes,
            stack: Vec::with_capacity(16),
            values: 0,
            limits,
            counting: first_token(bytes) == Some(b'{'),
        }
    }

    fn run(&mut self, end: usize) -> Result<(), ImportError> {
        let bytes = self.bytes;
        let end = end.min(bytes.len());
        let mut i = 0;
        while i < end {
            match bytes[i] {
                b'{' | b'[' => {
                    self.value(i)?;
                    self.open(bytes[i] == b'[')?;
                    i += 1;
                }
                b'}' | b']' => {
                    self.stack.pop();
                    i += 1;
                }
                b',' => {
                    if let Some(top) = self.stack.last_mut() {
                        top.expect_key = !top.array;
                    }
                    i += 1;
                }
                b'"' => {
                    let close = string_end(bytes, i + 1);
                    self.string(i + 1, close)?;
                    i = close.saturating_add(1);
                }
                b':' | b' ' | b'\t' | b'\n' | b'\r' => i += 1,
                _ => {
                    self.value(i)?;
                    i = scalar_end(bytes, i);
                }
            }
        }
        Ok(())
    }

    /// A value starts at `at`: count it, in the file and in its list.
    fn value(&mut self, at: usize) -> Result<(), ImportError> {
        let Some(limits) = self.limits.filter(|_| self.counting) else {
            if let Some(top) = self.stack.last_mut() {
                top.count += usize::from(top.array);
            }
            return Ok(());
        };
        self.values += 1;
        if self.values > limits.max_values {
            return Err(ImportError::TooMany {
                what: "values".to_string(),
                count: self.values,
                max: limits.max_values,
            });
        }
        let Some(top) = self.stack.last_mut() else {
            return Ok(());
        };
        if !top.array {
            return Ok(());
        }
        top.count += 1;
        let (count, list) = (top.count, top.list);
        let max = match list {
            List::Incidents => limits.max_incidents,
            List::Timeline => limits.max_events_per_incident,
            List::Other => limits.max_list_items,
        };
        if count <= max {
            return Ok(());
        }
        let what = match list {
            List::Incidents => "incidents".to_string(),
            List::Timeline => format!(
                "timeline events in {}",
                self.path_to(self.stack.len().saturating_sub(2))
            ),
            List::Other => format!("items in {}", self.path_to(self.stack.len() - 1)),
        };
        Err(ImportError::TooMany {
            what,
            count: count_rest(self.bytes, at, count),
            max,
        })
    }

    fn open(&mut self, array: bool) -> Result<(), ImportError> {
        let max_depth = self.limits.map_or(LOCATE_DEPTH, |l| l.max_depth);
        if self.stack.len() >= max_depth {
            return match self.limits {
                Some(_) => Err(ImportError::TooDeep { max: max_depth }),
                None => Ok(()),
            };
        }
        let list = match self.stack.as_slice() {
            _ if !array => List::Other,
            [root] if !root.array && self.key_is(root, b"incidents") => List::Incidents,
            [_, list, incident]
                if list.list == List::Incidents
                    && !incident.array
                    && (self.key_is(incident, b"events") || self.key_is(incident, b"timeline")) =>
            {
                List::Timeline
            }
            _ => List::Other,
        };
        self.stack.push(Frame {
            array,
            count: 0,
            key: (0, 0),
            expect_key: !array,
            list,
        });
        Ok(())
    }

    /// A string whose content is `bytes[start..close]`: a key, or a value.
    fn string(&mut self, start: usize, close: usize) -> Result<(), ImportError> {
        match self.stack.last_mut() {
            Some(top) if !top.array && top.expect_key => {
                top.key = (start, close);
                top.expect_key = false;
            }
            _ => self.value(start.saturating_sub(1))?,
        }
        let Some(limits) = self.limits else {
            return Ok(());
        };
        // A string has at most as many characters as raw bytes, so most need no counting.
        if close - start > limits.max_string_chars {
            let len = decoded_chars(&self.bytes[start..close]);
            if len > limits.max_string_chars {
                return Err(ImportError::StringTooLong {
                    path: self.path(),
                    len,
                    max: limits.max_string_chars,
                });
            }
        }
        Ok(())
    }

    fn key_is(&self, frame: &Frame, name: &[u8]) -> bool {
        self.bytes.get(frame.key.0..frame.key.1) == Some(name)
    }

    /// Path of the value currently being read.
    fn path(&self) -> String {
        self.path_to(self.stack.len())
    }

    /// Path through the first `depth` open containers.
    fn path_to(&self, depth: usize) -> String {
        let mut path = String::new();
        for frame in &self.stack[..depth.min(self.stack.len())] {
            if frame.array {
                if frame.count > 0 {
                    path.push_str(&format!("[{}]", frame.count - 1));
                }
            } else if frame.key != (0, 0) {
                let raw = &self.bytes[frame.key.0..frame.key.1];
                push_key(&mut path, raw);
            }
        }
        if path.is_empty() {
            "the top level".to_string()
        } else {
            path
        }
    }
}

/// Appends `.key`, or `["key"]` when the key is not a plain name.
fn push_key(path: &mut String, raw: &[u8]) {
    let plain = !raw.is_empty() && raw.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&String::from_utf8_lossy(raw));
    } else {
        let shown = String::from_utf8_lossy(&raw[..raw.len().min(40)]);
        path.push_str(&format!("[{shown:?}]"));
    }
}

/// Index of the quote closing a string whose content starts at `start`, or the end of input.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return i,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index just past a number, literal or stray byte starting at `start`.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
        )
    {
        i += 1;
    }
    i
}

/// Counts the elements of a list whose element number `count` starts at `at`, up to its closing bracket.
fn count_rest(bytes: &[u8], at: usize, mut count: usize) -> usize {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i + 1);
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return count,
            },
            b',' if depth == 0 => count += 1,
            _ => {}
        }
        i += 1;
    }
    count
}

/// Characters of a JSON string's content once its escapes are decoded.
pub(crate) fn decoded_chars(raw: &[u8]) -> usize {
    let mut chars = 0;
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' {
            i += if raw.get(i + 1) == Some(&b'u') {
                escape_width(raw, i)
            } else {
                2
            };
            chars += 1;
        } else {
            chars += usize::from(raw[i] & 0xC0 != 0x80);
            i += 1;
        }
    }
    chars
}

/// Bytes taken by the `\u` escape at `i`: 12 for a surrogate pair (one character), else 6.
fn escape_width(raw: &[u8], i: usize) -> usize {
    let high = hex4(raw.get(i + 2..i + 6));
    let low = match raw.get(i + 6..i + 8) {
        Some(b"\\u") => hex4(raw.get(i + 8..i + 12)),
        _ => None,
    };
    match (high, low) {
        (Some(0xD800..=0xDBFF), Some(0xDC00..=0xDFFF)) => 12,
        _ => 6,
    }
}

fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let text = std::str::from_utf8(digits?).ok()?;
    u32::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_depth: 4,
            max_incidents: 2,
            max_events_per_incident: 3,
            max_list_items: 2,
            max_string_chars: 9,
            ..Limits::DEFAULT
        }
    }

    #[test]
    fn counts_decoded_characters_exactly() {
        for text in ["", "abc", "é✓😀", "a\"b\\c\nd", "\u{1F600}\u{7}x"] {
            let json = serde_json::to_string(text).unwrap();
            let raw = &json.as_bytes()[1..json.len() - 1];
            assert_eq!(decoded_chars(raw), text.chars().count(), "{json}");
        }
        assert_eq!(decoded_chars(br"\ud83d\ude00\u00e9"), 2);
    }

    #[test]
    fn finds_the_path_of_an_offset() {
        let json = br#"{"incidents":[{"x":1},{"timeline":[{},{"at":1e400}]}],"weird key":[7]}"#;
        let at = |needle: &str| {
            let pos = json
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())
                .unwrap();
            path_at(json, pos + needle.len())
        };
        assert_eq!(at("1e400"), "incidents[1].timeline[1].at");
        assert_eq!(at("[7"), "[\"weird key\"][0]");
        assert_eq!(path_at(json, 0), "the top level");
    }

    #[test]
    fn refuses_by_depth_count_and_length() {
        assert_eq!(
            check(br#"{"a":[[[[1]]]]}"#, &limits()),
            Err(ImportError::TooDeep { max: 4 })
        );
        assert_eq!(
            check(br#"{"incidents":[{},{},{},{"s":"[,]"}]}"#, &limits()),
            Err(ImportError::TooMany {
                what: "incidents".into(),
                count: 4,
                max: 2
            })
        );
        assert_eq!(
            check(br#"{"incidents":[{"timeline":[1,2,3,4]}]}"#, &limits()),
            Err(ImportError::TooMany {
                what: "timeline events in incidents[0]".into(),
                count: 4,
                max: 3
            })
        );
        assert_eq!(
            check(br#"{"incidents":[{"title":"abcdefghij"}]}"#, &limits()),
            Err(ImportError::StringTooLong {
                path: "incidents[0].title".into(),
                len: 10,
                max: 9
            })
        );
        assert_eq!(check(br#"{"a":[[[1]]]}"#, &limits()), Ok(()));
        assert_eq!(check(br#"{"incidents":[{"title":"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"}]}"#, &limits()), Ok(()));
        assert_eq!(
            check(b"[1,2,3,4,5]", &limits()),
            Ok(()),
            "a bare list is refused later, unparsed"
        );
    }

    #[test]
    fn an_escaped_quote_does_not_end_a_string() {
        // 12 characters once decoded; cut at the escaped quote it would be 2, and the rest of the
        // text would be read as a scalar and a string running to the end.
        assert_eq!(
            check(br#"{"incidents":[{"title":"a\"bcdefghijk"}]}"#, &limits()),
            Err(ImportError::StringTooLong {
                path: "incidents[0].title".into(),
                len: 12,
                max: 9
            })
        );
        let json = br#"{"a\"b":[1,"x\"y",{"c":2}]}"#;
        let end = json.len() - 4;
        assert_eq!(path_at(json, end), r#"["a\\\"b"][2].c"#);
    }

    #[test]
    fn a_number_or_literal_is_one_value() {
        // Two items of several bytes each: within a limit of two items and eight values.
        let limits = Limits {
            max_values: 8,
            ..limits()
        };
        assert_eq!(check(br#"{"a":[1000,true],"b":null}"#, &limits), Ok(()));
        assert_eq!(
            check(br#"{"a":[1000,true,-2.5e10],"b":null}"#, &limits),
            Err(ImportError::TooMany {
                what: "items in a".into(),
                count: 3,
                max: 2
            })
        );
    }

    #[test]
    fn a_list_over_its_limit_is_counted_to_its_end_outside_strings() {
        // The count goes on past the limit to name the list's real length: commas and brackets
        // inside its strings are not items.
        assert_eq!(
            check(br#"{"a":[1,2,"x","y,z]",{"k":"]"},3]}"#, &limits()),
            Err(ImportError::TooMany {
                what: "items in a".into(),
                count: 6,
                max: 2
            })
        );
    }
}
