//! The import preview: which incidents of a file are new, merge into ours, or change nothing, and what to write.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::domain::commands::next_reference_number;
use crate::domain::identity::IdentityEvent;
use crate::domain::roles::Role;
use crate::domain::settings::{Settings, SettingsDiff};
use crate::domain::values::format_reference;
use crate::domain::{Change as EventChange, CommandContext, Incident, Priority, State, Topic};

use super::ParsedFile;

/// What importing a file would do, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// One entry per incident in the file: merges first, then new ones, each by reference.
    pub items: Vec<PlannedIncident>,
    /// The incidents to store, as they will be stored: new ones and changed merges only.
    pub to_write: Vec<Incident>,
    /// The file's changes written later than [`FUTURE_SLACK`] after now: the other machine's
    /// clock may be wrong. They are imported as they are; the preview says so.
    pub future: Option<FutureDated>,
}

/// How far ahead of the importing machine's clock a change may be written before the preview
/// points it out (clocks drift; minutes are common, hours are a wrong clock).
pub const FUTURE_SLACK: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// Changes in a file dated in this machine's future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FutureDated {
    /// How many.
    pub count: usize,
    /// The latest date among them.
    pub latest: chrono::DateTime<chrono::Utc>,
}

/// The changes among `incidents` written after `now` plus [`FUTURE_SLACK`].
fn future_dated(incidents: &[Incident], now: chrono::DateTime<chrono::Utc>) -> Option<FutureDated> {
    let limit = now + FUTURE_SLACK;
    let mut found: Option<FutureDated> = None;
    for event in incidents.iter().flat_map(|i| i.events()) {
        if event.recorded_at > limit {
            let f = found.get_or_insert(FutureDated {
                count: 0,
                latest: event.recorded_at,
            });
            f.count += 1;
            f.latest = f.latest.max(event.recorded_at);
        }
    }
    found
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
        /// What the file holds another value of than the result, because a later write won.
        not_taken: Vec<Topic>,
        /// What both copies changed apart (new conflicting heads); the later write wins and the
        /// page marks it.
        conflicts: Vec<Topic>,
    },
    /// Known here and the file adds nothing.
    Unchanged,
}

/// One thing a merge changes in our copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Events we did not have.
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
    /// Another field or child record.
    Topic(Topic),
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
    /// Merged incidents with a field both sides changed apart.
    pub conflicted: usize,
}

impl ImportPlan {
    /// How many incidents are new, merged, unchanged, renumbered and conflicted.
    pub fn counts(&self) -> PlanCounts {
        let mut counts = PlanCounts::default();
        for item in &self.items {
            match &item.outcome {
                Outcome::New => counts.new += 1,
                Outcome::Merge { conflicts, .. } => {
                    counts.merged += 1;
                    counts.conflicted += usize::from(!conflicts.is_empty());
                }
                Outcome::Unchanged => counts.unchanged += 1,
            }
            counts.renumbered += usize::from(item.renumbered_from.is_some());
        }
        counts
    }
}

/// Plans importing `file` into the incidents we have: pure and deterministic for a given `ctx`.
///
/// Same id: merged ([`Incident::merge`]). Same reference but another id: a different incident, so
/// it is renumbered (an event written by `ctx`) to the next free reference and keeps its old one
/// among its aliases. A merge whose reference would name another incident here is renumbered
/// back to ours the same way.
pub fn plan_import<'a>(
    existing: impl IntoIterator<Item = &'a Incident>,
    file: ParsedFile,
    ctx: &CommandContext,
) -> ImportPlan {
    let existing: Vec<&Incident> = existing.into_iter().collect();
    let ours: HashMap<Uuid, &Incident> = existing.iter().map(|i| (i.id(), *i)).collect();
    let mut owners: HashMap<String, Uuid> =
        HashMap::with_capacity(existing.len() + file.incidents.len());
    for incident in &existing {
        owners
            .entry(incident.reference.clone())
            .or_insert(incident.id());
    }
    let incoming = coalesce(file.incidents);
    let future = future_dated(&incoming, ctx.now);
    let mut next_number = next_reference_number(existing.iter().copied().chain(incoming.iter()));
    let (mut merges, mut news): (Vec<Incident>, Vec<Incident>) = incoming
        .into_iter()
        .partition(|i| ours.contains_key(&i.id()));
    crate::order::sort_by(&mut merges, |a, b| {
        (&a.reference, a.id()).cmp(&(&b.reference, b.id()))
    });
    crate::order::sort_by(&mut news, |a, b| {
        (&a.reference, a.id()).cmp(&(&b.reference, b.id()))
    });

    let mut plan = ImportPlan {
        items: Vec::new(),
        to_write: Vec::new(),
        future,
    };
    for incoming in merges {
        let Some(local) = ours.get(&incoming.id()).copied() else {
            continue;
        };
        if !Incident::merge_changes(local, &incoming) {
            plan.items.push(item(local, Outcome::Unchanged, None));
            continue;
        }
        let mut merged = Incident::merge(local, &incoming);
        if merged.reference != local.reference {
            if owners
                .get(&merged.reference)
                .is_some_and(|owner| *owner != local.id())
            {
                merged = renumbered(&merged, local.reference.clone(), ctx);
            } else {
                if owners.get(&local.reference) == Some(&local.id()) {
                    owners.remove(&local.reference);
                }
                owners.insert(merged.reference.clone(), merged.id());
            }
        }
        let outcome = Outcome::Merge {
            changes: changes(local, &merged),
            not_taken: differing(&incoming, &merged),
            conflicts: merged
                .parts()
                .slots()
                .into_iter()
                .filter(|(topic, slot)| slot.conflicts().len() > local.conflicts(*topic).len())
                .map(|(topic, _)| topic)
                .collect(),
        };
        plan.items.push(item(&merged, outcome, None));
        plan.to_write.push(merged);
    }
    for incoming in news {
        let mut incident = incoming;
        let mut renumbered_from = None;
        if owners.contains_key(&incident.reference) {
            let number = next_number;
            next_number = next_number.saturating_add(1);
            renumbered_from = Some(incident.reference.clone());
            incident = renumbered(&incident, format_reference(number), ctx);
        }
        owners.insert(incident.reference.clone(), incident.id());
        plan.items
            .push(item(&incident, Outcome::New, renumbered_from));
        plan.to_write.push(incident);
    }
    plan
}

/// The incident with a `Renumbered` event giving it `reference`.
fn renumbered(incident: &Incident, reference: String, ctx: &CommandContext) -> Incident {
    let event = ctx.write(
        incident,
        Topic::Reference,
        EventChange::Identity(IdentityEvent::Renumbered { reference }),
    );
    incident.with_events(vec![event])
}

/// Merges copies that share an id ([`parse_file`](super::parse_file) refuses them, but a
/// hand-built file may hold them), so each id is planned once.
fn coalesce(mut incidents: Vec<Incident>) -> Vec<Incident> {
    crate::order::sort_by_key(&mut incidents, |i| i.id());
    let mut unique: Vec<Incident> = Vec::with_capacity(incidents.len());
    for incident in incidents {
        match unique.last_mut() {
            Some(last) if last.id() == incident.id() => *last = Incident::merge(last, &incident),
            _ => unique.push(incident),
        }
    }
    unique
}

fn item(incident: &Incident, outcome: Outcome, renumbered_from: Option<String>) -> PlannedIncident {
    PlannedIncident {
        id: incident.id(),
        reference: incident.reference.clone(),
        title: incident.title.clone(),
        outcome,
        renumbered_from,
    }
}

/// The topics whose winning value differs between two copies of one incident (a topic only
/// one of them has differs), in the order a page shows them.
fn differing(a: &Incident, b: &Incident) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    let (a, b) = (a.parts(), b.parts());
    for (topic, slot) in a.slots() {
        if b.slot(topic).is_none_or(|other| !slot.same_value(other)) {
            topics.push(topic);
        }
    }
    for (topic, _) in b.slots() {
        if a.slot(topic).is_none() {
            topics.push(topic);
        }
    }
    topics
}

fn changes(ours: &Incident, merged: &Incident) -> Vec<Change> {
    let mut changes = Vec::new();
    let known: HashSet<Uuid> = ours.events().iter().map(|e| e.id).collect();
    let added = merged
        .events()
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
    let described = [Topic::State, Topic::Role(Role::Commander), Topic::Reference];
    changes.extend(
        differing(ours, merged)
            .into_iter()
            .filter(|t| !described.contains(t))
            .map(Change::Topic),
    );
    changes
}

/// What importing a file's settings would do: the settings that would result, and how they
/// differ from ours. Applied only when the person agrees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsPlan {
    /// The file's settings (applied to what is stored when the import is written).
    pub theirs: Settings,
    /// Our settings with the file's applied, as the preview saw ours.
    pub applied: Settings,
    /// What changes.
    pub diff: SettingsDiff,
}

/// Plans importing a file's settings into ours; `None` when the file has none or they change nothing.
pub fn plan_settings(ours: &Settings, theirs: Option<&Settings>) -> Option<SettingsPlan> {
    let theirs = theirs?;
    let applied = ours.applied(theirs);
    let diff = SettingsDiff::between(ours, &applied);
    (!diff.is_empty()).then(|| SettingsPlan {
        theirs: theirs.clone(),
        applied,
        diff,
    })
}
