//! What a merge changes, in a few words (import preview).

use super::{topic_label, Label};
use crate::domain::settings::SettingsDiff;
use crate::transfer::{Change as PlanChange, FutureDated};

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
        PlanChange::Topic(topic) => format!("{} changed", topic_label(*topic)),
    }
}

/// A file's changes dated in this machine's future, in one sentence.
pub fn future_dated(future: FutureDated) -> String {
    let latest = future.latest.format("%Y-%m-%d %H:%M UTC");
    let what = if future.count == 1 {
        "1 change is".to_string()
    } else {
        format!("{} changes are", future.count)
    };
    format!(
        "{what} dated up to {latest}, later than this computer's clock: the other machine's clock may be wrong. They are imported as they are; later changes made here still follow them."
    )
}

/// What applying a file's settings would change, one line each.
pub fn settings_changes(diff: &SettingsDiff) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for person in &diff.added {
        let team = if person.team.is_empty() {
            String::new()
        } else {
            format!(" ({})", person.team)
        };
        lines.push(format!("Person added: {}{team}", person.name));
    }
    for (ours, theirs) in &diff.changed {
        lines.push(format!(
            "Person changed: {} (team “{}” → “{}”, contact “{}” → “{}”)",
            theirs.name, ours.team, theirs.team, ours.contact, theirs.contact
        ));
    }
    for cell in &diff.cells {
        lines.push(format!(
            "Priority matrix: impact {} × urgency {}: {} → {}",
            cell.impact.label().to_lowercase(),
            cell.urgency.label().to_lowercase(),
            cell.from.as_str(),
            cell.to.as_str()
        ));
    }
    lines
}
