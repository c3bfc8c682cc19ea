//! The lifecycle part: the state machine (which transitions are allowed and why others are
//! refused), the state register, the milestones stamped on first entry, and the transition command.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::commands::{CommandContext, CommandError};
use super::register::{Register, Slot, Stamp};
use super::{Change, Event, Incident, Topic};

/// Where an incident stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// Declared, nobody has looked yet.
    Reported,
    /// Acknowledged and prioritised.
    Triaged,
    /// Cause being looked for.
    Investigating,
    /// Impact stopped from spreading.
    Contained,
    /// Service restored.
    Resolved,
    /// Finished, review done or not needed.
    Closed,
    /// False alarm or duplicate.
    Cancelled,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The incident is already in that state.
    #[error("already {0:?}")]
    AlreadyThere(State),
    /// Closed and cancelled incidents do not move.
    #[error("{from:?} is final")]
    Final {
        /// Current state.
        from: State,
        /// Requested state.
        to: State,
    },
    /// The move skips or reverses steps the lifecycle requires.
    #[error("{from:?} -> {to:?} not allowed")]
    NotAllowed {
        /// Current state.
        from: State,
        /// Requested state.
        to: State,
        /// What the current state may move to.
        allowed: Vec<State>,
    },
}

impl State {
    /// Every state in lifecycle order.
    pub const ALL: [State; 7] = [
        State::Reported,
        State::Triaged,
        State::Investigating,
        State::Contained,
        State::Resolved,
        State::Closed,
        State::Cancelled,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Reported => "reported",
            State::Triaged => "triaged",
            State::Investigating => "investigating",
            State::Contained => "contained",
            State::Resolved => "resolved",
            State::Closed => "closed",
            State::Cancelled => "cancelled",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Open incidents are still being worked (resolved ones wait for closing and stay listed).
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Cancelled)
    }

    /// States from which an incident may be cancelled.
    fn cancellable(self) -> bool {
        matches!(
            self,
            State::Reported | State::Triaged | State::Investigating | State::Contained
        )
    }

    /// The states this one may move to, in the order buttons are shown.
    pub fn next_states(self) -> Vec<State> {
        let mut next = match self {
            State::Reported => vec![State::Triaged],
            State::Triaged => vec![State::Investigating],
            State::Investigating => vec![State::Contained],
            State::Contained => vec![State::Resolved],
            State::Resolved => vec![State::Closed, State::Investigating],
            State::Closed | State::Cancelled => vec![],
        };
        if self.cancellable() {
            next.push(State::Cancelled);
        }
        next
    }

    /// Checks a transition, saying why when it is refused.
    pub fn check_transition(self, to: State) -> Result<(), TransitionError> {
        if self == to {
            return Err(TransitionError::AlreadyThere(self));
        }
        if !self.is_open() {
            return Err(TransitionError::Final { from: self, to });
        }
        let allowed = self.next_states();
        if allowed.contains(&to) {
            Ok(())
        } else {
            Err(TransitionError::NotAllowed {
                from: self,
                to,
                allowed,
            })
        }
    }
}

/// A lifecycle event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LifecycleEvent {
    /// The state changed.
    StateChanged {
        /// State the writer saw.
        from: State,
        /// New state.
        to: State,
    },
}

/// First-entry stamps of lifecycle states; metrics are computed from these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Milestones {
    /// First entry into triaged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// First entry into contained.
    pub contained_at: Option<DateTime<Utc>>,
    /// First entry into resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// First entry into closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// First entry into cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Milestones {
    /// Keeps the earliest stamp of entering `state`.
    pub fn stamp(&mut self, state: State, at: DateTime<Utc>) {
        let slot = match state {
            State::Triaged => &mut self.acknowledged_at,
            State::Contained => &mut self.contained_at,
            State::Resolved => &mut self.resolved_at,
            State::Closed => &mut self.closed_at,
            State::Cancelled => &mut self.cancelled_at,
            State::Reported | State::Investigating => return,
        };
        *slot = Some(slot.map_or(at, |earlier| earlier.min(at)));
    }
}

/// The lifecycle as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LifecycleState {
    /// The state.
    pub state: Register<State>,
    /// First-entry stamps, by the writer's own time of each entry.
    pub milestones: Milestones,
}

impl LifecycleState {
    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> [(Topic, &dyn Slot); 1] {
        [(Topic::State, &self.state)]
    }
}

/// What a declaration writes here: the incident starts reported.
pub fn declare(state: &mut LifecycleState, stamp: &Stamp<'_>) {
    state.state.write(stamp, State::Reported);
}

/// The fold step.
pub fn apply(state: &mut LifecycleState, stamp: &Stamp<'_>, event: &LifecycleEvent) {
    match event {
        LifecycleEvent::StateChanged { to, .. } => {
            state.state.write(stamp, *to);
            state.milestones.stamp(*to, stamp.at);
        }
    }
}

/// Whether the incident was ever reopened: a state change from resolved back to investigating
/// is in its log (whatever happened after).
pub fn reopened(incident: &Incident) -> bool {
    incident.events().iter().any(|e| {
        matches!(
            e.change,
            Change::Lifecycle(LifecycleEvent::StateChanged {
                from: State::Resolved,
                to: State::Investigating,
            })
        )
    })
}

/// Move to another lifecycle state. Resolving needs a record of how, so a transition to
/// resolved is refused here: it is made by the resolution part's command, with its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition(pub State);

impl Transition {
    /// The state change, or why the lifecycle (or the need for a resolution record) refuses it.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let Transition(to) = self;
        incident.state.check_transition(to)?;
        if to == State::Resolved {
            return Err(CommandError::ResolutionRequired);
        }
        if to == State::Closed && !ctx.review.allows_close(incident) {
            return Err(CommandError::ReviewRequired);
        }
        let change = Change::Lifecycle(LifecycleEvent::StateChanged {
            from: incident.state,
            to,
        });
        Ok(vec![ctx.write(incident, Topic::State, change)])
    }
}

#[cfg(test)]
mod tests {
    use super::State::*;
    use super::*;

    const ALLOWED: [(State, State); 10] = [
        (Reported, Triaged),
        (Triaged, Investigating),
        (Investigating, Contained),
        (Contained, Resolved),
        (Resolved, Closed),
        (Resolved, Investigating),
        (Reported, Cancelled),
        (Triaged, Cancelled),
        (Investigating, Cancelled),
        (Contained, Cancelled),
    ];

    #[test]
    fn every_pair_of_states_is_allowed_exactly_when_listed() {
        let mut refused = 0;
        for from in State::ALL {
            for to in State::ALL {
                let result = from.check_transition(to);
                if ALLOWED.contains(&(from, to)) {
                    assert_eq!(result, Ok(()), "{from:?} -> {to:?} should be allowed");
                } else {
                    assert!(result.is_err(), "{from:?} -> {to:?} should be refused");
                    refused += 1;
                }
            }
        }
        assert_eq!(refused, 49 - ALLOWED.len());
    }

    #[test]
    fn names_round_trip() {
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        assert_eq!(State::parse("done"), None);
    }
}
