//! Words for people: what events, fields, plan changes and refusals are called on screen.
//! One exhaustive match per kind of thing, so a new variant cannot go unnamed.

use crate::domain::{
    Change, CommandError, Detail, Event, Field, Level, Priority, PriorityOverride,
};
use crate::transfer::Change as PlanChange;

/// A field's name as the page shows it.
pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::Reference => "reference",
        Field::Title => "title",
        Field::Description => "description",
        Field::Category => "category",
        Field::Services => "services",
        Field::Assessment => "impact and urgency",
        Field::Override => "priority override",
        Field::State => "state",
        Field::Commander => "commander",
    }
}

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

/// The value an event gives a field, in a few words (for conflict marks).
pub fn value_words(event: &Event, field: Field) -> String {
    match (&event.change, field) {
        (Change::Declared(d), Field::Reference) => d.reference.clone(),
        (Change::Declared(d), Field::Title) => d.title.clone(),
        (Change::Declared(d), Field::Description) => d.description.clone(),
        (Change::Declared(d), Field::Category) => d.category.label().to_string(),
        (Change::Declared(d), Field::Services) => list(&d.services),
        (Change::Declared(d), Field::Assessment) => assessment(d.impact, d.urgency, d.priority),
        (Change::Declared(d), Field::Override) => override_words(d.priority_override.as_ref()),
        (Change::Declared(_), _) => String::new(),
        (Change::StateChanged { to, .. }, _) => to.label().to_string(),
        (Change::DetailSet(Detail::Title(t) | Detail::Description(t)), _) => t.clone(),
        (Change::DetailSet(Detail::Category(c)), _) => c.label().to_string(),
        (Change::DetailSet(Detail::Services(s)), _) => list(s),
        (
            Change::Assessed {
                impact,
                urgency,
                priority,
            },
            _,
        ) => assessment(*impact, *urgency, *priority),
        (Change::PriorityOverridden(o), _) => override_words(Some(o)),
        (Change::OverrideCleared, _) => override_words(None),
        (Change::CommanderSet { name }, _) => name.clone(),
        (Change::Renumbered { reference }, _) => reference.clone(),
        (Change::NoteAdded { .. } | Change::Earlier { .. }, _) => String::new(),
    }
}

/// One line describing an event for the timeline.
pub fn describe(event: &Event) -> String {
    match &event.change {
        Change::Declared(_) => "Declared the incident".to_string(),
        Change::NoteAdded { text } => text.clone(),
        Change::StateChanged { from, to } => format!("State: {} → {}", from.label(), to.label()),
        Change::DetailSet(Detail::Title(t)) => format!("Title: “{t}”"),
        Change::DetailSet(Detail::Description(t)) => format!("Description: “{t}”"),
        Change::DetailSet(Detail::Category(c)) => format!("Category: {}", c.label()),
        Change::DetailSet(Detail::Services(s)) => format!("Services: {}", list(s)),
        Change::Assessed {
            impact,
            urgency,
            priority,
        } => format!("Assessed: {}", assessment(*impact, *urgency, *priority)),
        Change::PriorityOverridden(o) => format!(
            "Priority overridden: {} (reason: {})",
            o.priority.as_str(),
            o.reason
        ),
        Change::OverrideCleared => {
            "Priority override cleared; the assessed priority applies".into()
        }
        Change::CommanderSet { name } => format!("Incident commander: {name}"),
        Change::Renumbered { reference } => format!("Reference changed to {reference}"),
        Change::Earlier {
            field,
            from,
            to,
            reason,
        } => match reason {
            Some(reason) => format!("{field}: “{from}” → “{to}” (reason: {reason})"),
            None => format!("{field}: “{from}” → “{to}”"),
        },
    }
}

/// A refused command in one sentence.
pub fn refusal_message(error: &CommandError) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a merge changes, in a few words (import preview).
pub fn plan_change(change: &PlanChange) -> String {
    match change {
        PlanChange::Events(1) => "+1 timeline event".to_string(),
        PlanChange::Events(n) => format!("+{n} timeline events"),
        PlanChange::State { from, to } => format!("state: {} → {}", from.label(), to.label()),
        PlanChange::Priority { from, to } => {
            format!("priority: {} → {}", from.as_str(), to.as_str())
        }
        PlanChange::Commander { from, to } => format!(
            "commander: {} → {}",
            from.as_deref().unwrap_or("none"),
            to.as_deref().unwrap_or("none")
        ),
        PlanChange::Reference { from, to } => format!("reference: {from} → {to}"),
        PlanChange::Field(field) => format!("{} changed", field_label(*field)),
    }
}
