//! Refusals in one sentence each: a command the rules refused, a change to the settings.

use super::Label;
use crate::domain::commands::Input;
use crate::domain::{CommandError, State, TransitionError};

/// What a typed text is called in a sentence.
pub fn input_label(input: Input) -> &'static str {
    match input {
        Input::Title => "Title",
        Input::Description => "Description",
        Input::ReportedBy => "Reported by",
        Input::ServiceName => "Service name",
        Input::OverrideReason => "Override reason",
        Input::Note => "Note",
        Input::Name => "Name",
        Input::Area => "Area",
        Input::TaskTitle => "Task",
        Input::ResolutionSummary => "Resolution summary",
        Input::EscalatedTo => "Escalated to",
        Input::LinkedIncident => "Linked incident",
        Input::RecordReference => "Record id or URL",
        Input::Update => "Update",
        Input::PublicTitle => "Title for customers",
        Input::DutyReference => "Reference",
        Input::WaiveReason => "Reason for waiving",
        Input::Review(section) => super::section_label(section),
        Input::NoReviewReason => "Reason for closing without a review",
        Input::ActionTitle => "Follow-up action",
        Input::WontDoReason => "Reason it will not be done",
    }
}

fn states(list: &[State]) -> String {
    list.iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A transition the lifecycle refused, in one sentence.
pub fn transition_refusal(error: &TransitionError) -> String {
    match error {
        TransitionError::AlreadyThere(state) => {
            format!("The incident is already {}.", state.label())
        }
        TransitionError::Final { from, to } => format!(
            "A {} incident is final and cannot move to {}.",
            from.label(),
            to.label()
        ),
        TransitionError::NotAllowed { from, to, allowed } => format!(
            "{} cannot move to {}; next allowed: {}.",
            from.label(),
            to.label(),
            states(allowed)
        ),
    }
}

/// A refused command in one sentence.
pub fn refusal_message(error: &CommandError) -> String {
    match error {
        CommandError::Transition(t) => transition_refusal(t),
        CommandError::Required(Input::Review(section)) => format!(
            "Write and save the {} first: a review is published with one.",
            super::section_label(*section).to_lowercase()
        ),
        CommandError::Required(input) => format!("{} is required.", input_label(*input)),
        CommandError::TooLong { field, len, max } => format!(
            "{} is too long ({len} characters; at most {max}).",
            input_label(*field)
        ),
        CommandError::FutureEvent => "That time is in the future; enter a time that has passed.".into(),
        CommandError::NoChange => "Nothing changed.".into(),
        CommandError::NoSuchTask => {
            "That task is not on this incident (it may have been added in another copy).".into()
        }
        CommandError::ResolutionRequired => "Record how it was resolved first: a fix, a workaround or an escalation, with a summary.".into(),
        CommandError::SelfLink => "An incident cannot be linked to itself.".into(),
        CommandError::AlreadyLinked => "That link is already there.".into(),
        CommandError::NoSuchLink => {
            "That link is not on this incident (it may have been removed in another copy).".into()
        }
        CommandError::NoSuchUpdate => {
            "A correction must name an earlier update to the same audience.".into()
        }
        CommandError::NoSuchDuty => {
            "That duty is not on this incident, or its settings are not valid.".into()
        }
        CommandError::DutyStarted => "That duty is already started on this incident.".into(),
        CommandError::NotResolved => {
            "The review and its follow-up actions come once the incident is resolved.".into()
        }
        CommandError::ReviewPublished => {
            "The review is published; reopen it for changes first.".into()
        }
        CommandError::NoSuchEntry => "That entry is not in this incident's timeline.".into(),
        CommandError::ReviewStep { from, to } => format!(
            "A review moves draft → in review → published; it cannot go from {} to {}.",
            super::status_label(*from).to_lowercase(),
            super::status_label(*to).to_lowercase()
        ),
        CommandError::ReviewFinal => "The incident is closed and its review published: the review is its record and stays as it is.".into(),
        CommandError::ReviewRequired => "This incident needs a published review before it closes, or a reason for closing without one.".into(),
        CommandError::NoSuchAction => "That follow-up action is not on this incident (it may have been added in another copy).".into(),
    }
}

/// A refused change to the settings in one sentence.
pub fn settings_refusal(error: &crate::domain::settings::SettingsError) -> String {
    use crate::domain::playbooks::MAX_PLAYBOOKS;
    use crate::domain::settings::{
        SettingsError, MAX_COSTS, MAX_COST_PER_HOUR, MAX_PEOPLE, MAX_REMIND_DAYS,
    };
    match error {
        SettingsError::NameRequired => "A person needs a name.".into(),
        SettingsError::TooLong { max } => format!("Each entry takes at most {max} characters."),
        SettingsError::TooManyPeople => format!("The directory holds at most {MAX_PEOPLE} people."),
        SettingsError::RemindDays => {
            format!("Enter a whole number of days from 1 to {MAX_REMIND_DAYS}.")
        }
        SettingsError::Playbook(error) => playbook_refusal(error),
        SettingsError::TooManyPlaybooks => {
            format!("The settings hold at most {MAX_PLAYBOOKS} playbooks.")
        }
        SettingsError::Template(error) => super::template_refusal(error),
        SettingsError::Minutes(error) => super::minutes_refusal(error),
        SettingsError::Duty(error) => super::duty_def_refusal(error),
        SettingsError::ServiceRequired => "Name the service the cost is for.".into(),
        SettingsError::ServiceTooLong { max } => {
            format!("A service name takes at most {max} characters.")
        }
        SettingsError::ControlCharacter => {
            "Service names and the currency cannot hold control characters such as tabs or line breaks.".into()
        }
        SettingsError::CostPerHour => format!(
            "Enter the cost per hour as a whole number from 0 to {}.",
            thousands(MAX_COST_PER_HOUR)
        ),
        SettingsError::TooManyCosts => {
            format!("The settings hold costs for at most {MAX_COSTS} services.")
        }
        SettingsError::CurrencyTooLong { max } => format!(
            "A currency takes at most {max} characters, such as EUR or $."
        ),
    }
}

/// A refused playbook in one sentence.
pub fn playbook_refusal(error: &crate::domain::playbooks::PlaybookError) -> String {
    use crate::domain::playbooks::{PlaybookError, MAX_ITEMS};
    match error {
        PlaybookError::NameRequired => "A playbook needs a name.".into(),
        PlaybookError::IdRequired => "A playbook and each of its items need an id.".into(),
        PlaybookError::ItemRequired(i) => {
            format!("Item {} is empty: say what to do, or remove it.", i + 1)
        }
        PlaybookError::ItemRepeated(i) => format!("Item {} repeats another item's id.", i + 1),
        PlaybookError::NoCategory => "Choose at least one category for the playbook.".into(),
        PlaybookError::TooLong { item: Some(i), max } => {
            format!("Item {} is too long (at most {max} characters).", i + 1)
        }
        PlaybookError::TooLong { item: None, max } => {
            format!("The playbook's name is too long (at most {max} characters).")
        }
        PlaybookError::TooManyItems => format!("A playbook holds at most {MAX_ITEMS} items."),
    }
}

/// A whole number with a comma between each group of three digits: 1,000,000.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::State::*;

    #[test]
    fn refusals_say_why() {
        let refusal = |from: State, to: State| match from.check_transition(to) {
            Err(e) => transition_refusal(&e),
            Ok(()) => String::new(),
        };
        assert_eq!(
            refusal(Reported, Resolved),
            "Reported cannot move to Resolved; next allowed: Triaged, Cancelled."
        );
        assert_eq!(
            refusal(Closed, Investigating),
            "A Closed incident is final and cannot move to Investigating."
        );
        assert_eq!(
            refusal(Triaged, Triaged),
            "The incident is already Triaged."
        );
        assert!(refusal(Resolved, Cancelled).contains("Closed, Investigating"));
        assert_eq!(
            refusal_message(&CommandError::Required(Input::OverrideReason)),
            "Override reason is required."
        );
        assert_eq!(
            refusal_message(&CommandError::TooLong {
                field: Input::Title,
                len: 201,
                max: 200
            }),
            "Title is too long (201 characters; at most 200)."
        );
    }
}
