//! Moving an incident through its lifecycle.

use super::{CommandContext, CommandError};
use crate::domain::event::{Change, Event, Field};
use crate::domain::{Incident, State};

/// Move to another lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition(pub State);

impl Transition {
    pub(super) fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let Transition(to) = self;
        incident.state.check_transition(to)?;
        let change = Change::StateChanged {
            from: incident.state,
            to,
        };
        Ok(vec![ctx.write(incident, Field::State, change)])
    }
}
