//! A refused command in one sentence.

use crate::domain::CommandError;

/// A refused command in one sentence.
pub fn refusal_message(error: &CommandError) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
