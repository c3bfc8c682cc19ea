//! Roles: who commands the incident.

use super::{check_text, CommandContext, CommandError, MAX_NAME};
use crate::domain::event::{Change, Event, Field};
use crate::domain::Incident;

/// A change of who holds a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleCommand {
    /// Give or hand over incident command.
    SetCommander(String),
}

impl RoleCommand {
    pub(super) fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        match self {
            RoleCommand::SetCommander(name) => {
                check_text("Commander", &name, MAX_NAME, true)?;
                let name = name.trim().to_string();
                let same = incident.commander.as_deref() == Some(name.as_str());
                if same && incident.conflicts(Field::Commander).is_empty() {
                    return Ok(Vec::new());
                }
                Ok(vec![ctx.write(
                    incident,
                    Field::Commander,
                    Change::CommanderSet { name },
                )])
            }
        }
    }
}
