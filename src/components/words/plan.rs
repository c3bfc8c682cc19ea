//! What a merge changes, in a few words (import preview).

use super::{template_label, topic_label, Label};
use crate::domain::playbooks::Playbook;
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
    for playbook in &diff.playbooks_added {
        lines.push(format!(
            "Playbook added: {} ({})",
            playbook.name,
            item_count(playbook.items.len())
        ));
    }
    for (ours, theirs) in &diff.playbooks_changed {
        lines.push(playbook_changes(ours, theirs));
    }
    for kind in &diff.templates_changed {
        lines.push(format!("Template changed: {}", template_label(*kind)));
    }
    if diff.cadence_changed {
        lines.push("Update cadence changed".to_string());
    }
    if diff.targets_changed {
        lines.push("Response targets changed".to_string());
    }
    if diff.review_changed {
        lines.push("Which incidents need a review changed".to_string());
    }
    if diff.costs_changed {
        lines.push("Downtime costs changed".to_string());
    }
    for duty in &diff.duties_added {
        lines.push(format!("Duty added: {}", duty.name));
    }
    for (_, theirs) in &diff.duties_changed {
        lines.push(format!("Duty changed: {}", theirs.name));
    }
    lines
}

/// "1 item", "9 items": how long a playbook is.
pub fn item_count(n: usize) -> String {
    match n {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    }
}

/// How a file's playbook differs from ours, in one line.
fn playbook_changes(ours: &Playbook, theirs: &Playbook) -> String {
    let mut parts: Vec<String> = Vec::new();
    if ours.name != theirs.name {
        parts.push(format!("renamed from “{}”", ours.name));
    }
    if ours.categories != theirs.categories {
        let names: Vec<&str> = theirs.categories.iter().map(|c| c.label()).collect();
        parts.push(format!("for {}", names.join(", ")));
    }
    for item in &theirs.items {
        match ours.items.iter().find(|i| i.id == item.id) {
            None => parts.push(format!("item added “{}”", item.text)),
            Some(mine) if mine.text != item.text => {
                parts.push(format!("item changed “{}” → “{}”", mine.text, item.text))
            }
            Some(_) => {}
        }
    }
    for item in &ours.items {
        if !theirs.items.iter().any(|i| i.id == item.id) {
            parts.push(format!("item removed “{}”", item.text));
        }
    }
    let order = |p: &Playbook| -> Vec<String> { p.items.iter().map(|i| i.id.clone()).collect() };
    let common = |a: &Playbook, b: &Playbook| -> Vec<String> {
        order(a)
            .into_iter()
            .filter(|id| b.items.iter().any(|i| &i.id == id))
            .collect()
    };
    if common(ours, theirs) != common(theirs, ours) {
        parts.push("items reordered".into());
    }
    format!("Playbook changed: {}: {}", theirs.name, parts.join("; "))
}
