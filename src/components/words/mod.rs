//! Words for people: what topics, events, plan changes and refusals are called on screen.
//! One exhaustive match per kind of thing, so a new variant cannot go unnamed.

mod comms;
mod events;
mod import;
mod labels;
mod plan;
mod refusals;
mod review;
mod topics;

pub use comms::{
    audience_label, deadline_unit_label, deadline_words, due_words, duty_def_refusal,
    duty_standing_label, minutes_refusal, placeholder_value, span, target_alarm_line, target_label,
    template_label, template_refusal, update_as_markdown, update_as_text, update_due_line,
};
pub use events::{describe, task_state_label, value_words};
pub use import::import_refusal;
pub use labels::{
    day_words, inverse_link_label, link_label, priority_name, record_kind_label, resolution_how,
    resolution_kind_label, Guidance, Label,
};
pub use plan::{future_dated, item_count, plan_change, settings_changes};
pub use refusals::{
    input_label, playbook_refusal, refusal_message, settings_refusal, thousands, transition_refusal,
};
pub use review::{
    action_kind_label, action_state_label, describe_action, describe_review, due_date_words,
    minutes_words, moment_label, move_label, prefill, section_hint, section_label, span_ends,
    span_label, status_label, utc,
};
pub use topics::{role_label, topic_label};

use crate::domain::{Level, Priority, PriorityOverride};

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

fn assessment(impact: Level, urgency: Level, priority: Priority) -> String {
    format!(
        "impact {}, urgency {} ({})",
        impact.label(),
        urgency.label(),
        priority.as_str()
    )
}

fn override_words(o: Option<&PriorityOverride>) -> String {
    match o {
        Some(o) => format!("{} (reason: {})", o.priority.as_str(), o.reason),
        None => "none".to_string(),
    }
}
