//! The incident: its log of events and the view folded from it; merging two copies.

use uuid::Uuid;

use super::fold::{fold, Parts, View};
use super::register::Conflict;
use super::values::reference_number;
use super::{Event, Log, Priority, Topic};

/// Why a log cannot be folded into an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FoldError {
    /// No event declares the incident.
    #[error("no declared event")]
    NotDeclared,
}

/// An incident: the set of its events, and the fields folded from them.
#[derive(Debug, Clone)]
pub struct Incident {
    id: Uuid,
    log: Log,
    view: View,
    extra: serde_json::Map<String, serde_json::Value>,
}

impl PartialEq for Incident {
    fn eq(&self, other: &Self) -> bool {
        // The view is a function of the log, so it need not be compared.
        self.id == other.id && self.log == other.log && self.extra == other.extra
    }
}

impl std::ops::Deref for Incident {
    type Target = View;
    fn deref(&self) -> &View {
        &self.view
    }
}

impl Incident {
    /// The incident these events make; fails only when none of them declares it.
    pub fn from_log(
        id: Uuid,
        log: Log,
        extra: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Incident, FoldError> {
        let view = fold(&log).ok_or(FoldError::NotDeclared)?;
        Ok(Incident {
            id,
            log,
            view,
            extra,
        })
    }

    /// Stable identity across copies and files.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The log, in fold order.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The events, in fold order.
    pub fn events(&self) -> &[Event] {
        self.log.events()
    }

    /// Fields written by a newer Sitrep, kept so that nothing is lost.
    pub fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.extra
    }

    /// Every part's folded state.
    pub fn parts(&self) -> &Parts {
        &self.view.parts
    }

    /// This incident with events written by someone who saw it as it is. Each is ordered after
    /// every event here (its `recorded_at` lifted to a millisecond after the latest, if the
    /// writer's clock says otherwise), so a write always follows what its writer saw, whatever
    /// the clocks. `at`, the writer's own time of the fact, is never changed.
    pub fn with_events(&self, mut events: Vec<Event>) -> Incident {
        let floor = self.view.updated_at + chrono::TimeDelta::milliseconds(1);
        for event in &mut events {
            if event.recorded_at < floor {
                event.recorded_at = floor;
            }
        }
        self.with_log(self.log.with(events))
    }

    fn with_log(&self, log: Log) -> Incident {
        // The log keeps this incident's declaration, so the fold cannot fail; stay unchanged if it did.
        match fold(&log) {
            Some(view) => Incident {
                id: self.id,
                log,
                view,
                extra: self.extra.clone(),
            },
            None => self.clone(),
        }
    }

    /// Two copies of one incident joined: the union of their events, folded. Commutative,
    /// associative and idempotent; fields from a newer Sitrep are joined key by key.
    pub fn merge(a: &Incident, b: &Incident) -> Incident {
        // Re-importing a file mostly meets copies that add nothing: no fold needed then.
        let mut merged = match Log::added(&a.log, &b.log) {
            Some(log) => a.with_log(log),
            None => a.clone(),
        };
        for (key, theirs) in &b.extra {
            match merged.extra.get(key) {
                Some(ours) if value_key(ours) >= value_key(theirs) => {}
                _ => {
                    merged.extra.insert(key.clone(), theirs.clone());
                }
            }
        }
        merged
    }

    /// Whether joining `b` into `a` would change `a`: `b` holds an event `a` lacks, or a field
    /// from a newer Sitrep that `a` would take. Cheaper than merging, for the common case of a
    /// copy already held.
    pub fn merge_changes(a: &Incident, b: &Incident) -> bool {
        Log::added(&a.log, &b.log).is_some()
            || b.extra.iter().any(|(key, theirs)| {
                a.extra
                    .get(key)
                    .is_none_or(|ours| value_key(ours) < value_key(theirs))
            })
    }

    /// The priority in force: the override if set, else the assessed one.
    pub fn priority(&self) -> Priority {
        self.view
            .priority_override
            .as_ref()
            .map_or(self.view.assessed_priority, |o| o.priority)
    }

    /// The numeric part of the reference, if it has the usual shape.
    pub fn reference_number(&self) -> Option<u32> {
        reference_number(&self.view.reference)
    }

    /// Writes to `topic` that lost to a concurrent write and have not been settled since.
    pub fn conflicts(&self, topic: Topic) -> Vec<Conflict> {
        let rivals = self
            .parts()
            .slot(topic)
            .map_or(Vec::new(), |s| s.conflicts());
        rivals
            .into_iter()
            .map(|r| Conflict {
                event: r.event,
                actor: self
                    .event(r.event)
                    .map_or_else(String::new, |e| e.actor.clone()),
                recorded_at: r.recorded_at,
            })
            .collect()
    }

    /// The writes a new write to `topic` replaces: the current value and any conflicting ones.
    pub fn supersedable(&self, topic: Topic) -> Vec<Uuid> {
        self.parts()
            .slot(topic)
            .map_or(Vec::new(), |slot| slot.heads())
    }

    /// The event with this id.
    pub fn event(&self, id: Uuid) -> Option<&Event> {
        self.log.events().iter().find(|e| e.id == id)
    }
}

/// A total order of JSON values, for joining unknown fields the same way in any order.
fn value_key(value: &serde_json::Value) -> String {
    value.to_string()
}
