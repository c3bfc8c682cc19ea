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

/// A refused change to the settings in one sentence.
pub fn settings_refusal(error: &crate::domain::settings::SettingsError) -> String {
    use crate::domain::settings::{SettingsError, MAX_PEOPLE, MAX_REMIND_DAYS};
    match error {
        SettingsError::NameRequired => "A person needs a name.".into(),
        SettingsError::TooLong { max } => format!("Each entry takes at most {max} characters."),
        SettingsError::TooManyPeople => format!("The directory holds at most {MAX_PEOPLE} people."),
        SettingsError::RemindDays => {
            format!("Enter a whole number of days from 1 to {MAX_REMIND_DAYS}.")
        }
    }
}
