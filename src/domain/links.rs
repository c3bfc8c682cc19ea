//! The links part: how an incident relates to other incidents (a duplicate of, caused by,
//! related to) and to records kept elsewhere (a problem or change record, by id or URL).
//!
//! Each link and each reference is a child record under an id derived from the incident and
//! what it says (kind and target; kind and value), so the same link made in two copies is one
//! record. Its register holds the link, or `None` once removed: a removal in one copy stays
//! removed after a merge with a copy that did nothing, and linking again after a removal works.

use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_NAME, MAX_TITLE};
use super::lifecycle::LifecycleEvent;
use super::register::{Head, Keyed, Register, Slot, Stamp};
use super::{Change, Event, Incident, State, Topic};

/// Longest reference to an external record accepted when it is a URL.
pub const MAX_URL: usize = 2000;

/// How an incident relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    /// This incident is a duplicate of the target.
    DuplicateOf,
    /// This incident was caused by the target.
    CausedBy,
    /// The two are related.
    RelatedTo,
}

impl LinkKind {
    /// Every kind.
    pub const ALL: [LinkKind; 3] = [
        LinkKind::DuplicateOf,
        LinkKind::CausedBy,
        LinkKind::RelatedTo,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::DuplicateOf => "duplicate_of",
            LinkKind::CausedBy => "caused_by",
            LinkKind::RelatedTo => "related_to",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What kind of record kept elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// A problem record (the underlying cause, tracked apart).
    Problem,
    /// A change record (a planned change to the systems).
    Change,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 2] = [RecordKind::Problem, RecordKind::Change];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Problem => "problem",
            RecordKind::Change => "change",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A link to another incident.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IncidentLink {
    /// How the two relate.
    pub kind: LinkKind,
    /// The other incident's id.
    pub target: Uuid,
    /// The other incident's human reference when linked (shown even when this browser does
    /// not hold that incident).
    pub target_ref: String,
}

/// A reference to a record kept elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordRef {
    /// Problem or change.
    pub kind: RecordKind,
    /// Its id or URL.
    pub value: String,
}

/// A links event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkEvent {
    /// The incident was linked to another.
    Linked {
        /// The link's id (see [`link_id`]).
        link: Uuid,
        /// How the two relate.
        kind: LinkKind,
        /// The other incident's id.
        target: Uuid,
        /// The other incident's human reference when linked.
        target_ref: String,
    },
    /// A link was removed.
    Unlinked {
        /// Which link.
        link: Uuid,
    },
    /// A record kept elsewhere was referenced.
    Referenced {
        /// The reference's id (see [`reference_id`]).
        reference: Uuid,
        /// Problem or change.
        kind: RecordKind,
        /// Its id or URL.
        value: String,
    },
    /// A reference was removed.
    Unreferenced {
        /// Which reference.
        reference: Uuid,
    },
}

/// The links and references as folded: each register holds the record, or `None` once removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinksState {
    /// Links to other incidents, by id.
    pub links: Keyed<Uuid, Register<Option<IncidentLink>>>,
    /// References to records kept elsewhere, by id.
    pub references: Keyed<Uuid, Register<Option<RecordRef>>>,
}

/// The records present in `keyed`, with their ids and winning writes.
fn present<T: PartialEq>(
    keyed: &Keyed<Uuid, Register<Option<T>>>,
) -> impl Iterator<Item = (Uuid, &T, &Head<Option<T>>)> {
    keyed.iter().filter_map(|(id, register)| {
        let head = register.winner()?;
        Some((id, head.value.as_ref()?, head))
    })
}

impl LinksState {
    /// The links present, by kind, then the other incident's reference, then id.
    pub fn links(&self) -> Vec<(Uuid, &IncidentLink)> {
        let mut list: Vec<(Uuid, &IncidentLink)> = present(&self.links)
            .map(|(id, link, _)| (id, link))
            .collect();
        crate::order::sort_by(&mut list, |a, b| {
            (a.1.kind, &a.1.target_ref, a.0).cmp(&(b.1.kind, &b.1.target_ref, b.0))
        });
        list
    }

    /// The references present, by kind, then value, then id.
    pub fn references(&self) -> Vec<(Uuid, &RecordRef)> {
        let mut list: Vec<(Uuid, &RecordRef)> = present(&self.references)
            .map(|(id, reference, _)| (id, reference))
            .collect();
        crate::order::sort_by(&mut list, |a, b| {
            (a.1.kind, &a.1.value, a.0).cmp(&(b.1.kind, &b.1.value, b.0))
        });
        list
    }

    /// The link under `id`, if present.
    pub fn link(&self, id: Uuid) -> Option<&IncidentLink> {
        self.links.get(&id)?.value()?.as_ref()
    }

    /// The reference under `id`, if present.
    pub fn reference(&self, id: Uuid) -> Option<&RecordRef> {
        self.references.get(&id)?.value()?.as_ref()
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        let links = self
            .links
            .iter()
            .map(|(id, r)| (Topic::Link(id), r as &dyn Slot));
        let references = self
            .references
            .iter()
            .map(|(id, r)| (Topic::Record(id), r as &dyn Slot));
        links.chain(references).collect()
    }

    /// The register of one link.
    pub fn link_slot(&self, link: Uuid) -> Option<&dyn Slot> {
        self.links.get(&link).map(|r| r as &dyn Slot)
    }

    /// The register of one reference.
    pub fn reference_slot(&self, reference: Uuid) -> Option<&dyn Slot> {
        self.references.get(&reference).map(|r| r as &dyn Slot)
    }
}

/// The fold step.
pub fn apply(state: &mut LinksState, stamp: &Stamp<'_>, event: &LinkEvent) {
    match event {
        LinkEvent::Linked {
            link,
            kind,
            target,
            target_ref,
        } => state.links.entry(*link).write(
            stamp,
            Some(IncidentLink {
                kind: *kind,
                target: *target,
                target_ref: target_ref.clone(),
            }),
        ),
        LinkEvent::Unlinked { link } => state.links.entry(*link).write(stamp, None),
        LinkEvent::Referenced {
            reference,
            kind,
            value,
        } => state.references.entry(*reference).write(
            stamp,
            Some(RecordRef {
                kind: *kind,
                value: value.clone(),
            }),
        ),
        LinkEvent::Unreferenced { reference } => {
            state.references.entry(*reference).write(stamp, None)
        }
    }
}

/// The id of the link of `kind` from `incident` to `target`: the same in every copy.
pub fn link_id(incident: Uuid, kind: LinkKind, target: Uuid) -> Uuid {
    let name = format!("link\u{1f}{}\u{1f}{target}", kind.as_str());
    Uuid::new_v5(&incident, name.as_bytes())
}

/// The id of the reference of `incident` to the record of `kind` named `value` (trimmed):
/// the same in every copy.
pub fn reference_id(incident: Uuid, kind: RecordKind, value: &str) -> Uuid {
    let name = format!("record\u{1f}{}\u{1f}{}", kind.as_str(), value.trim());
    Uuid::new_v5(&incident, name.as_bytes())
}

/// The links other incidents hold that point at `this`: each as (the other incident's id,
/// the kind of its link), in the order the incidents come, then their links' order.
pub fn inverse_links<'a>(
    this: Uuid,
    others: impl Iterator<Item = &'a Incident>,
) -> Vec<(Uuid, LinkKind)> {
    others
        .filter(|other| other.id() != this)
        .flat_map(|other| {
            other
                .parts()
                .links
                .links()
                .into_iter()
                .filter(|(_, link)| link.target == this)
                .map(|(_, link)| (other.id(), link.kind))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A change to an incident's links and references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkCommand {
    /// Link to another incident.
    Link {
        /// How the two relate.
        kind: LinkKind,
        /// The other incident's id.
        target: Uuid,
        /// The other incident's human reference.
        target_ref: String,
    },
    /// Remove a link, by its id.
    Unlink(Uuid),
    /// Reference a record kept elsewhere.
    Reference {
        /// Problem or change.
        kind: RecordKind,
        /// Its id or URL.
        value: String,
    },
    /// Remove a reference, by its id.
    Unreference(Uuid),
    /// Cancel the incident as a duplicate of another: the link (unless present) and the move
    /// to cancelled, together.
    CancelAsDuplicate {
        /// The incident this one duplicates.
        target: Uuid,
        /// Its human reference.
        target_ref: String,
    },
}

/// Whether a reference's value is a URL (and so may be longer).
fn is_url(value: &str) -> bool {
    let value = value.trim_start();
    ["http://", "https://"].iter().any(|scheme| {
        value
            .get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

/// The longest value accepted for a reference: an id, or a longer URL.
pub fn reference_limit(value: &str) -> usize {
    if is_url(value) {
        MAX_URL
    } else {
        MAX_TITLE
    }
}

impl LinkCommand {
    /// The links events, or why they are refused.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let links = &incident.parts().links;
        match self {
            LinkCommand::Link {
                kind,
                target,
                target_ref,
            } => Ok(vec![link(incident, kind, target, &target_ref, ctx)?]),
            LinkCommand::Unlink(link) => {
                if links.link(link).is_none() {
                    return Err(CommandError::NoSuchLink);
                }
                Ok(vec![ctx.write(
                    incident,
                    Topic::Link(link),
                    Change::Links(LinkEvent::Unlinked { link }),
                )])
            }
            LinkCommand::Reference { kind, value } => {
                check_text(
                    Input::RecordReference,
                    &value,
                    reference_limit(&value),
                    true,
                )?;
                let reference = reference_id(incident.id(), kind, &value);
                if links.reference(reference).is_some() {
                    return Err(CommandError::AlreadyLinked);
                }
                Ok(vec![ctx.write(
                    incident,
                    Topic::Record(reference),
                    Change::Links(LinkEvent::Referenced {
                        reference,
                        kind,
                        value: value.trim().to_string(),
                    }),
                )])
            }
            LinkCommand::Unreference(reference) => {
                if links.reference(reference).is_none() {
                    return Err(CommandError::NoSuchLink);
                }
                Ok(vec![ctx.write(
                    incident,
                    Topic::Record(reference),
                    Change::Links(LinkEvent::Unreferenced { reference }),
                )])
            }
            LinkCommand::CancelAsDuplicate { target, target_ref } => {
                incident.state.check_transition(State::Cancelled)?;
                let kind = LinkKind::DuplicateOf;
                let mut events = match link(incident, kind, target, &target_ref, ctx) {
                    Ok(event) => vec![event],
                    Err(CommandError::AlreadyLinked) => Vec::new(),
                    Err(refused) => return Err(refused),
                };
                events.push(ctx.write(
                    incident,
                    Topic::State,
                    Change::Lifecycle(LifecycleEvent::StateChanged {
                        from: incident.state,
                        to: State::Cancelled,
                    }),
                ));
                Ok(events)
            }
        }
    }
}

/// The event linking `incident` to `target`, or why not.
fn link(
    incident: &Incident,
    kind: LinkKind,
    target: Uuid,
    target_ref: &str,
    ctx: &CommandContext,
) -> Result<Event, CommandError> {
    if target == incident.id() {
        return Err(CommandError::SelfLink);
    }
    check_text(Input::LinkedIncident, target_ref, MAX_NAME, true)?;
    let link = link_id(incident.id(), kind, target);
    if incident.parts().links.link(link).is_some() {
        return Err(CommandError::AlreadyLinked);
    }
    Ok(ctx.write(
        incident,
        Topic::Link(link),
        Change::Links(LinkEvent::Linked {
            link,
            kind,
            target,
            target_ref: target_ref.trim().to_string(),
        }),
    ))
}
