//! The resolution part: how an incident was resolved (a fix, a workaround, or an escalation to
//! a vendor or another team), each record a child keyed by its own id and never removed. The
//! lifecycle moves to resolved only with a record: [`ResolutionCommand::Resolve`] writes the
//! record and the state change together, and a bare transition to resolved is refused.
//! Reopening keeps earlier records; resolving again adds another.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_NAME, MAX_TEXT};
use super::lifecycle::LifecycleEvent;
use super::register::{Keyed, Register, Slot, Stamp};
use super::{Change, Event, Incident, State, Topic};

/// How an incident was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResolutionKind {
    /// The cause was fixed.
    Fix,
    /// The impact was stopped without fixing the cause.
    Workaround,
    /// Handed to a vendor or another team.
    Escalation,
}

impl ResolutionKind {
    /// Every kind.
    pub const ALL: [ResolutionKind; 3] = [
        ResolutionKind::Fix,
        ResolutionKind::Workaround,
        ResolutionKind::Escalation,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ResolutionKind::Fix => "fix",
            ResolutionKind::Workaround => "workaround",
            ResolutionKind::Escalation => "escalation",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ResolutionKind> {
        ResolutionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A resolution event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ResolutionEvent {
    /// How the incident was resolved was recorded.
    Recorded {
        /// The record's own id.
        record: Uuid,
        /// Fix, workaround or escalation.
        kind: ResolutionKind,
        /// To whom it was escalated (only for an escalation).
        escalated_to: Option<String>,
        /// What was done.
        summary: String,
    },
}

/// One resolution record as folded. Who wrote it and when are copied from its event, so that
/// a page lists records without reading the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionRecord {
    /// Fix, workaround or escalation.
    pub kind: ResolutionKind,
    /// To whom it was escalated; `None` unless the kind is an escalation.
    pub escalated_to: Option<String>,
    /// What was done.
    pub summary: String,
    /// Who recorded it (the event's actor).
    pub recorded_by: String,
    /// When it happened (the event's `at`).
    pub at: DateTime<Utc>,
    /// When it was written (the event's `recorded_at`).
    pub recorded_at: DateTime<Utc>,
}

/// A resolution record as a page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'a> {
    /// The record's id.
    pub id: Uuid,
    /// The event that wrote it.
    pub event: Uuid,
    /// The record.
    pub record: &'a ResolutionRecord,
}

/// The resolution records as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResolutionState {
    /// Each record by id.
    pub records: Keyed<Uuid, Register<ResolutionRecord>>,
}

impl ResolutionState {
    /// Every record, oldest first: by when it happened, then when it was written, then id.
    pub fn records(&self) -> Vec<Resolution<'_>> {
        let mut list: Vec<Resolution<'_>> = self
            .records
            .iter()
            .filter_map(|(id, register)| {
                let head = register.winner()?;
                Some(Resolution {
                    id,
                    event: head.event,
                    record: &head.value,
                })
            })
            .collect();
        crate::order::sort_by(&mut list, |a, b| {
            (a.record.at, a.record.recorded_at, a.id).cmp(&(
                b.record.at,
                b.record.recorded_at,
                b.id,
            ))
        });
        list
    }

    /// The latest record, if any.
    pub fn latest(&self) -> Option<Resolution<'_>> {
        self.records().pop()
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        self.records
            .iter()
            .map(|(id, r)| (Topic::Resolution(id), r as &dyn Slot))
            .collect()
    }

    /// The register of one record.
    pub fn slot(&self, record: Uuid) -> Option<&dyn Slot> {
        self.records.get(&record).map(|r| r as &dyn Slot)
    }
}

/// The fold step.
pub fn apply(state: &mut ResolutionState, stamp: &Stamp<'_>, event: &ResolutionEvent) {
    match event {
        ResolutionEvent::Recorded {
            record,
            kind,
            escalated_to,
            summary,
        } => {
            let escalated_to = match kind {
                ResolutionKind::Escalation => escalated_to.clone(),
                ResolutionKind::Fix | ResolutionKind::Workaround => None,
            };
            state.records.entry(*record).write(
                stamp,
                ResolutionRecord {
                    kind: *kind,
                    escalated_to,
                    summary: summary.clone(),
                    recorded_by: stamp.actor.to_string(),
                    at: stamp.at,
                    recorded_at: stamp.recorded_at,
                },
            );
        }
    }
}

/// How it was resolved, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionDraft {
    /// Fix, workaround or escalation.
    pub kind: ResolutionKind,
    /// To whom it was escalated: required for an escalation, ignored otherwise.
    pub escalated_to: String,
    /// What was done.
    pub summary: String,
}

/// A change to an incident's resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolutionCommand {
    /// Record how it was resolved and move the incident to resolved.
    Resolve(ResolutionDraft),
}

impl ResolutionCommand {
    /// The record and the state change, or why they are refused.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        match self {
            ResolutionCommand::Resolve(draft) => resolve(incident, draft, ctx),
        }
    }
}

fn resolve(
    incident: &Incident,
    draft: ResolutionDraft,
    ctx: &CommandContext,
) -> Result<Vec<Event>, CommandError> {
    incident.state.check_transition(State::Resolved)?;
    let escalated_to = match draft.kind {
        ResolutionKind::Escalation => {
            check_text(Input::EscalatedTo, &draft.escalated_to, MAX_NAME, true)?;
            Some(draft.escalated_to.trim().to_string())
        }
        ResolutionKind::Fix | ResolutionKind::Workaround => None,
    };
    check_text(Input::ResolutionSummary, &draft.summary, MAX_TEXT, true)?;
    let record = ctx.fresh_id();
    let recorded = ctx.event(Change::Resolution(ResolutionEvent::Recorded {
        record,
        kind: draft.kind,
        escalated_to,
        summary: draft.summary.trim().to_string(),
    }));
    let resolved = ctx.write(
        incident,
        Topic::State,
        Change::Lifecycle(LifecycleEvent::StateChanged {
            from: incident.state,
            to: State::Resolved,
        }),
    );
    Ok(vec![recorded, resolved])
}
