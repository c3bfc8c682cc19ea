//! What a merge changes, in a few words (import preview).

use super::topic_label;
use crate::transfer::Change as PlanChange;

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
