//! Merging two copies of the same incident: a join, so copies converge in any order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Incident, Milestones, TimelineEvent};

/// Merges two copies of one incident (same id).
///
/// Timeline events are unioned by id; scalar fields come from the copy with the later
/// `updated_at` (ties go to the copy whose canonical JSON sorts last); milestones keep the
/// earliest stamp; aliases are unioned. Unknown fields travel with the scalars. The result does not depend on argument order, and
/// merging a copy with itself returns it unchanged.
pub fn merge(a: &Incident, b: &Incident) -> Incident {
    if a == b {
        // Re-importing a file mostly meets identical copies; skip the tie-breaking work.
        return a.clone();
    }
    let winner = match a.updated_at.cmp(&b.updated_at) {
        Ordering::Greater => a,
        Ordering::Less => b,
        Ordering::Equal => {
            if scalar_key(a) >= scalar_key(b) {
                a
            } else {
                b
            }
        }
    };
    let loser = if std::ptr::eq(winner, a) { b } else { a };
    let mut merged = winner.clone();
    merged.timeline = union_timeline(&a.timeline, &b.timeline);
    merged.milestones = earliest(&a.milestones, &b.milestones);
    let mut aliases: Vec<String> = a.aliases.iter().chain(b.aliases.iter()).cloned().collect();
    if loser.reference != winner.reference {
        aliases.push(loser.reference.clone());
    }
    aliases.retain(|r| *r != merged.reference);
    aliases.sort();
    aliases.dedup();
    merged.aliases = aliases;
    merged
}

/// Canonical JSON of the incident without its collections, used only to break ties.
fn scalar_key(incident: &Incident) -> String {
    let mut scalars = incident.clone();
    scalars.timeline.clear();
    scalars.aliases.clear();
    scalars.milestones = Milestones::default();
    serde_json::to_string(&scalars).unwrap_or_default()
}

fn union_timeline(a: &[TimelineEvent], b: &[TimelineEvent]) -> Vec<TimelineEvent> {
    let mut by_id: BTreeMap<uuid::Uuid, &TimelineEvent> = BTreeMap::new();
    for event in a.iter().chain(b.iter()) {
        by_id
            .entry(event.id)
            .and_modify(|kept| {
                // Events are immutable, so differing copies of one id mean a damaged file; pick one deterministically.
                if event != *kept && event_key(event) > event_key(kept) {
                    *kept = event;
                }
            })
            .or_insert(event);
    }
    let mut events: Vec<TimelineEvent> = by_id.into_values().cloned().collect();
    events.sort_by_key(|e| e.sort_key());
    events
}

fn event_key(event: &TimelineEvent) -> String {
    serde_json::to_string(event).unwrap_or_default()
}

fn min_stamp(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn earliest(a: &Milestones, b: &Milestones) -> Milestones {
    Milestones {
        acknowledged_at: min_stamp(a.acknowledged_at, b.acknowledged_at),
        contained_at: min_stamp(a.contained_at, b.contained_at),
        resolved_at: min_stamp(a.resolved_at, b.resolved_at),
        closed_at: min_stamp(a.closed_at, b.closed_at),
        cancelled_at: min_stamp(a.cancelled_at, b.cancelled_at),
    }
}
