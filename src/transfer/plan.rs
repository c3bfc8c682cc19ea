//! The import preview: which incidents of a file are new, merge into ours, or change nothing, and what to write.

use std::collections::{HashMap, HashSet};
use std::fmt;

use uuid::Uuid;

use crate::domain::commands::next_reference_number;
use crate::domain::incident::format_reference;
use crate::domain::merge::merge;
use crate::domain::{Incident, Priority, State};

use super::ParsedFile;

/// What importing a file would do, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// One entry per incident in the file: merges first, then new ones, each by reference.
    pub items: Vec<PlannedIncident>,
    /// The incidents to store, as they will be stored: new ones and changed merges only.
    pub to_write: Vec<Incident>,
}

/// What happens to one incident of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedIncident {
    /// The incident's id.
    pub id: Uuid,
    /// Its reference as it will be stored.
    pub reference: String,
    /// Its title as it will be stored.
    pub title: String,
    /// New, merged or unchanged.
    pub outcome: Outcome,
    /// The file's reference, when it named another incident here and a free one was given.
    pub renumbered_from: Option<String>,
}

/// Whether an incident is added, merged or left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not known here: added.
    New,
    /// Known here and the file adds something.
    Merge {
        /// What the merge changes in our copy.
        changes: Vec<Change>,
        /// Fields where the file's copy differs but ours is newer, so the file's value is not taken.
        not_taken: Vec<&'static str>,
    },
    /// Known here and the file adds nothing.
    Unchanged,
}

/// One thing a merge changes in our copy; `Display` says it in a few words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Timeline events we did not have.
    Events(usize),
    /// The lifecycle state.
    State {
        /// Ours.
        from: State,
        /// After the merge.
        to: State,
    },
    /// The priority in force.
    Priority {
        /// Ours.
        from: Priority,
        /// After the merge.
        to: Priority,
    },
    /// The incident commander.
    Commander {
        /// Ours.
        from: Option<String>,
        /// After the merge.
        to: Option<String>,
    },
    /// The human reference.
    Reference {
        /// Ours.
        from: String,
        /// After the merge.
        to: String,
    },
    /// Another field, by the name people know it by.
    Field(&'static str),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Events(1) => write!(f, "+1 timeline event"),
            Change::Events(n) => write!(f, "+{n} timeline events"),
            Change::State { from, to } => write!(f, "state: {} → {}", from.label(), to.label()),
            Change::Priority { from, to } => {
                write!(f, "priority: {} → {}", from.as_str(), to.as_str())
            }
            Change::Commander { from, to } => {
                write!(
                    f,
                    "commander: {} → {}",
                    from.as_deref().unwrap_or("none"),
                    to.as_deref().unwrap_or("none")
                )
            }
            Change::Reference { from, to } => write!(f, "reference: {from} → {to}"),
            Change::Field(name) => write!(f, "{name} changed"),
        }
    }
}

/// How many incidents fall in each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    /// Added.
    pub new: usize,
    /// Merged with a change.
    pub merged: usize,
    /// Merged without a change.
    pub unchanged: usize,
    /// Given a free reference because theirs named another incident here.
    pub renumbered: usize,
}

impl ImportPlan {
    /// How many incidents are new, merged, unchanged and renumbered.
    pub fn counts(&self) -> PlanCounts {
        let mut counts = PlanCounts::default();
        for item in &self.items {
            match item.outcome {
                Outcome::New => counts.new += 1,
                Outcome::Merge { .. } => counts.merged += 1,
                Outcome::Unchanged => counts.unchanged += 1,
            }
            counts.renumbered += usize::from(item.renumbered_from.is_some());
        }
        counts
    }
}

/// Plans importing `file` into the incidents we have: pure and deterministic.
///
/// Same id: merged with [`merge`]. Same reference but another id: a different incident, so it
/// gets the next free reference and keeps its old one among its aliases. A merge never takes a
/// reference that names another incident here; it keeps ours instead.
pub fn plan_import<'a>(
    existing: impl IntoIterator<Item = &'a Incident>,
    file: ParsedFile,
) -> ImportPlan {
    let existing: Vec<&Incident> = existing.into_iter().collect();
    let ours: HashMap<Uuid, &Incident> = existing.iter().map(|i| (i.id, *i)).collect();
    let mut owners: HashMap<String, Uuid> =
        HashMap::with_capacity(existing.len() + file.incidents.len());
    for incident in &existing {
        owners
            .entry(incident.reference.clone())
            .or_insert(incident.id);
    }
    let incoming = coalesce(file.incidents);
    let mut next_number = next_reference_number(existing.iter().copied().chain(incoming.iter()));
    let (mut merges, mut news): (Vec<Incident>, Vec<Incident>) =
        incoming.into_iter().partition(|i| ours.contains_key(&i.id));
    merges.sort_by(|a, b| (&a.reference, a.id).cmp(&(&b.reference, b.id)));
    news.sort_by(|a, b| (&a.reference, a.id).cmp(&(&b.reference, b.id)));

    let mut plan = ImportPlan {
        items: Vec::new(),
        to_write: Vec::new(),
    };
    for incoming in merges {
        let Some(local) = ours.get(&incoming.id).copied() else {
            continue;
        };
        if incoming == *local {
            plan.items.push(item(local, Outcome::Unchanged, None));
            continue;
        }
        let mut merged = merge(local, &incoming);
        if merged.reference != local.reference {
            if owners
                .get(&merged.reference)
                .is_some_and(|owner| *owner != local.id)
            {
                let theirs = std::mem::replace(&mut merged.reference, local.reference.clone());
                merged.aliases.push(theirs);
                normalize_aliases(&mut merged);
            } else {
                if owners.get(&local.reference) == Some(&local.id) {
                    owners.remove(&local.reference);
                }
                owners.insert(merged.reference.clone(), merged.id);
            }
        }
        if merged == normalized(local.clone()) {
            plan.items.push(item(local, Outcome::Unchanged, None));
        } else {
            let outcome = Outcome::Merge {
                changes: changes(local, &merged),
                not_taken: differing(&incoming, &merged),
            };
            plan.items.push(item(&merged, outcome, None));
            plan.to_write.push(merged);
        }
    }
    for incoming in news {
        let mut incident = normalized(incoming);
        let mut renumbered_from = None;
        if owners.contains_key(&incident.reference) {
            let number = next_number;
            next_number = next_number.saturating_add(1);
            let old = std::mem::replace(&mut incident.reference, format_reference(number));
            incident.aliases.push(old.clone());
            normalize_aliases(&mut incident);
            renumbered_from = Some(old);
        }
        owners.insert(incident.reference.clone(), incident.id);
        plan.items
            .push(item(&incident, Outcome::New, renumbered_from));
        plan.to_write.push(incident);
    }
    plan
}

/// Merges copies that share an id ([`parse_file`](super::parse_file) refuses them, but a
/// hand-built file may hold them), so each id is planned once.
fn coalesce(mut incidents: Vec<Incident>) -> Vec<Incident> {
    incidents.sort_by_key(|i| i.id);
    let mut unique: Vec<Incident> = Vec::with_capacity(incidents.len());
    for incident in incidents {
        match unique.last_mut() {
            Some(last) if last.id == incident.id => *last = merge(last, &incident),
            _ => unique.push(incident),
        }
    }
    unique
}

fn item(incident: &Incident, outcome: Outcome, renumbered_from: Option<String>) -> PlannedIncident {
    PlannedIncident {
        id: incident.id,
        reference: incident.reference.clone(),
        title: incident.title.clone(),
        outcome,
        renumbered_from,
    }
}

/// The form a merge leaves an incident in: timeline in order, aliases sorted and without the reference.
fn normalized(mut incident: Incident) -> Incident {
    incident.timeline.sort_by_key(|e| e.sort_key());
    normalize_aliases(&mut incident);
    incident
}

fn normalize_aliases(incident: &mut Incident) {
    let reference = &incident.reference;
    incident.aliases.retain(|alias| alias != reference);
    incident.aliases.sort();
    incident.aliases.dedup();
}

type SameField = fn(&Incident, &Incident) -> bool;

/// Fields compared for the preview, by the names people know them by.
const FIELDS: &[(&str, SameField)] = &[
    ("title", |a, b| a.title == b.title),
    ("description", |a, b| a.description == b.description),
    ("category", |a, b| a.category == b.category),
    ("services", |a, b| a.services == b.services),
    ("impact", |a, b| a.impact == b.impact),
    ("urgency", |a, b| a.urgency == b.urgency),
    ("priority override", |a, b| {
        a.priority_override == b.priority_override
    }),
    ("kind", |a, b| a.kind == b.kind),
    ("reported by", |a, b| a.reported_by == b.reported_by),
    ("impact start", |a, b| {
        a.impact_started_at == b.impact_started_at
    }),
    ("detection time", |a, b| a.detected_at == b.detected_at),
    ("milestones", |a, b| a.milestones == b.milestones),
    ("other references", |a, b| a.aliases == b.aliases),
    ("fields from a newer Sitrep", |a, b| a.extra == b.extra),
];

fn changes(ours: &Incident, merged: &Incident) -> Vec<Change> {
    let mut changes = Vec::new();
    let known: HashSet<Uuid> = ours.timeline.iter().map(|e| e.id).collect();
    let added = merged
        .timeline
        .iter()
        .filter(|e| !known.contains(&e.id))
        .count();
    if added > 0 {
        changes.push(Change::Events(added));
    }
    if ours.state != merged.state {
        changes.push(Change::State {
            from: ours.state,
            to: merged.state,
        });
    }
    if ours.priority() != merged.priority() {
        changes.push(Change::Priority {
            from: ours.priority(),
            to: merged.priority(),
        });
    }
    if ours.commander != merged.commander {
        changes.push(Change::Commander {
            from: ours.commander.clone(),
            to: merged.commander.clone(),
        });
    }
    if ours.reference != merged.reference {
        changes.push(Change::Reference {
            from: ours.reference.clone(),
            to: merged.reference.clone(),
        });
    }
    changes.extend(
        FIELDS
            .iter()
            .filter(|(_, same)| !same(ours, merged))
            .map(|(name, _)| Change::Field(name)),
    );
    changes
}

/// Scalar fields where the file's copy differs from the merge result.
fn differing(theirs: &Incident, merged: &Incident) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    if theirs.state != merged.state {
        names.push("state");
    }
    if theirs.commander != merged.commander {
        names.push("commander");
    }
    names.extend(
        FIELDS
            .iter()
            .filter(|(name, _)| !matches!(*name, "milestones" | "other references"))
            .filter(|(_, same)| !same(theirs, merged))
            .map(|(name, _)| *name),
    );
    names
}
