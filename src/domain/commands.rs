//! Everything a person can do to an incident, as pure functions from old incident to new.

use chrono::{DateTime, Utc};
use thiserror::Error;
use uuid::Uuid;

use super::incident::format_reference;
use super::{
    Category, Draft, EventKind, Incident, Level, Milestones, Priority, PriorityOverride, State,
    TimelineEvent, TransitionError,
};

/// Longest title accepted.
pub const MAX_TITLE: usize = 200;
/// Longest note or description accepted.
pub const MAX_TEXT: usize = 20_000;
/// Longest person or service name accepted.
pub const MAX_NAME: usize = 100;

/// Who acts, when, and fresh ids for the events the action writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    /// Current time.
    pub now: DateTime<Utc>,
    /// The person acting.
    pub actor: String,
    /// Random id from which this action's event ids are made.
    pub seed: Uuid,
}

impl CommandContext {
    /// The `n`th fresh id of this action.
    pub fn id(&self, n: u8) -> Uuid {
        let mut bytes = *self.seed.as_bytes();
        bytes[15] ^= n;
        Uuid::from_bytes(bytes)
    }
}

/// A change a person asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Move to another lifecycle state.
    Transition(State),
    /// Add a note; `at` may be earlier than now for things that already happened.
    AddNote {
        /// The note.
        text: String,
        /// When it happened, if not now.
        at: Option<DateTime<Utc>>,
    },
    /// Set or hand over the incident commander.
    SetCommander(String),
    /// Edit descriptive fields.
    UpdateDetails {
        /// New title.
        title: String,
        /// New description.
        description: String,
        /// New category.
        category: Category,
        /// New affected services.
        services: Vec<String>,
    },
    /// Re-assess impact and urgency.
    Assess {
        /// New impact.
        impact: Level,
        /// New urgency.
        urgency: Level,
    },
    /// Override the matrix priority, with a reason.
    OverridePriority {
        /// Priority chosen.
        priority: Priority,
        /// Why.
        reason: String,
    },
    /// Go back to the matrix priority.
    ClearOverride,
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommandError {
    /// The lifecycle does not allow it.
    #[error("{0}")]
    Transition(#[from] TransitionError),
    /// A required text is empty.
    #[error("{0} is required")]
    Required(&'static str),
    /// A text is longer than allowed.
    #[error("{field} is too long ({len} characters; at most {max})")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A note dated in the future.
    #[error("a note cannot be dated in the future")]
    FutureEvent,
    /// Nothing would change.
    #[error("nothing changed")]
    NoChange,
}

fn check_text(
    field: &'static str,
    text: &str,
    max: usize,
    required: bool,
) -> Result<(), CommandError> {
    if required && text.trim().is_empty() {
        return Err(CommandError::Required(field));
    }
    let len = text.chars().count();
    if len > max {
        return Err(CommandError::TooLong { field, len, max });
    }
    Ok(())
}

/// Trims service names, drops empties and repeats, keeps first-seen order.
pub fn normalise_services(services: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in services {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
            out.push(s.to_string());
        }
    }
    out
}

fn event(ctx: &CommandContext, n: u8, at: DateTime<Utc>, kind: EventKind) -> TimelineEvent {
    TimelineEvent {
        id: ctx.id(n),
        at,
        recorded_at: ctx.now,
        actor: ctx.actor.clone(),
        kind,
    }
}

/// Declares a new incident from a draft, with reference number `number`.
pub fn declare(draft: Draft, number: u32, ctx: &CommandContext) -> Result<Incident, CommandError> {
    check_text("Title", &draft.title, MAX_TITLE, true)?;
    check_text("Description", &draft.description, MAX_TEXT, false)?;
    check_text("Reported by", &draft.reported_by, MAX_NAME, false)?;
    let services = normalise_services(&draft.services);
    for s in &services {
        check_text("Service name", s, MAX_NAME, false)?;
    }
    if let Some(o) = &draft.priority_override {
        check_text("Override reason", &o.reason, MAX_TEXT, true)?;
    }
    let mut incident = Incident {
        id: ctx.id(0),
        reference: format_reference(number),
        aliases: Vec::new(),
        kind: draft.kind,
        title: draft.title.trim().to_string(),
        description: draft.description.trim().to_string(),
        category: draft.category,
        services,
        impact: draft.impact,
        urgency: draft.urgency,
        priority_override: None,
        state: State::Reported,
        reported_by: draft.reported_by.trim().to_string(),
        commander: None,
        impact_started_at: draft.impact_started_at.min(ctx.now),
        detected_at: ctx.now,
        created_at: ctx.now,
        updated_at: ctx.now,
        milestones: Milestones::default(),
        timeline: vec![event(ctx, 1, ctx.now, EventKind::Declared)],
        extra: Default::default(),
    };
    if let Some(o) = draft.priority_override {
        let derived = incident.derived_priority();
        if o.priority != derived {
            incident.timeline.push(event(
                ctx,
                2,
                ctx.now,
                EventKind::PriorityChanged {
                    from: derived,
                    to: o.priority,
                    reason: Some(o.reason.trim().to_string()),
                },
            ));
            incident.priority_override = Some(PriorityOverride {
                priority: o.priority,
                reason: o.reason.trim().to_string(),
            });
        }
    }
    Ok(incident)
}

/// Applies a command, returning the changed incident or why it was refused.
pub fn apply(
    incident: &Incident,
    command: Command,
    ctx: &CommandContext,
) -> Result<Incident, CommandError> {
    let mut next = incident.clone();
    let mut events = Vec::new();
    let now = ctx.now;
    match command {
        Command::Transition(to) => {
            incident.state.check_transition(to)?;
            next.state = to;
            next.milestones.stamp(to, now);
            events.push(EventKind::StateChanged {
                from: incident.state,
                to,
            });
        }
        Command::AddNote { text, at } => {
            check_text("Note", &text, MAX_TEXT, true)?;
            let at = at.unwrap_or(now);
            if at > now {
                return Err(CommandError::FutureEvent);
            }
            next.timeline.push(event(
                ctx,
                0,
                at,
                EventKind::Note {
                    text: text.trim().to_string(),
                },
            ));
        }
        Command::SetCommander(name) => {
            check_text("Commander", &name, MAX_NAME, true)?;
            let name = name.trim().to_string();
            if incident.commander.as_deref() == Some(name.as_str()) {
                return Err(CommandError::NoChange);
            }
            next.commander = Some(name.clone());
            events.push(EventKind::CommanderChanged {
                from: incident.commander.clone(),
                to: name,
            });
        }
        Command::UpdateDetails {
            title,
            description,
            category,
            services,
        } => {
            check_text("Title", &title, MAX_TITLE, true)?;
            check_text("Description", &description, MAX_TEXT, false)?;
            let services = normalise_services(&services);
            for s in &services {
                check_text("Service name", s, MAX_NAME, false)?;
            }
            let mut field = |name: &str, from: String, to: String| {
                if from != to {
                    events.push(EventKind::FieldChanged {
                        field: name.to_string(),
                        from,
                        to,
                    });
                }
            };
            next.title = title.trim().to_string();
            next.description = description.trim().to_string();
            next.category = category;
            next.services = services;
            field("Title", incident.title.clone(), next.title.clone());
            field(
                "Description",
                incident.description.clone(),
                next.description.clone(),
            );
            field(
                "Category",
                incident.category.label().into(),
                category.label().into(),
            );
            field(
                "Services",
                incident.services.join(", "),
                next.services.join(", "),
            );
        }
        Command::Assess { impact, urgency } => {
            next.impact = impact;
            next.urgency = urgency;
            if impact != incident.impact {
                events.push(EventKind::FieldChanged {
                    field: "Impact".into(),
                    from: incident.impact.label().into(),
                    to: impact.label().into(),
                });
            }
            if urgency != incident.urgency {
                events.push(EventKind::FieldChanged {
                    field: "Urgency".into(),
                    from: incident.urgency.label().into(),
                    to: urgency.label().into(),
                });
            }
        }
        Command::OverridePriority { priority, reason } => {
            check_text("Override reason", &reason, MAX_TEXT, true)?;
            let reason = reason.trim().to_string();
            next.priority_override = Some(PriorityOverride {
                priority,
                reason: reason.clone(),
            });
            if incident.priority() == priority && incident.priority_override.is_some() {
                return Err(CommandError::NoChange);
            }
            events.push(EventKind::PriorityChanged {
                from: incident.priority(),
                to: priority,
                reason: Some(reason),
            });
        }
        Command::ClearOverride => {
            if incident.priority_override.is_none() {
                return Err(CommandError::NoChange);
            }
            next.priority_override = None;
            if next.priority() == incident.priority() {
                events.push(EventKind::FieldChanged {
                    field: "Priority override".into(),
                    from: incident.priority().as_str().into(),
                    to: "matrix".into(),
                });
            }
        }
    }
    let (before, after) = (incident.priority(), next.priority());
    let overridden = events
        .iter()
        .any(|e| matches!(e, EventKind::PriorityChanged { .. }));
    if before != after && !overridden {
        events.push(EventKind::PriorityChanged {
            from: before,
            to: after,
            reason: None,
        });
    }
    if events.is_empty() && next.timeline.len() == incident.timeline.len() {
        return Err(CommandError::NoChange);
    }
    for (n, kind) in events.into_iter().enumerate() {
        let n = u8::try_from(n + 1).unwrap_or(u8::MAX);
        next.timeline.push(event(ctx, n, now, kind));
    }
    // A backdated note belongs earlier in the timeline; keeping it sorted keeps copies comparable.
    next.timeline.sort_by_key(|e| e.sort_key());
    next.updated_at = now.max(incident.updated_at);
    Ok(next)
}

/// The next free reference number given the incidents already known.
pub fn next_reference_number<'a>(incidents: impl IntoIterator<Item = &'a Incident>) -> u32 {
    incidents
        .into_iter()
        .flat_map(|i| std::iter::once(&i.reference).chain(i.aliases.iter()))
        .filter_map(|r| super::incident::reference_number(r))
        .max()
        .map_or(1, |n| n.saturating_add(1))
}
