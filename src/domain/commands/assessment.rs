//! Assessing impact and urgency, and overriding the priority the matrix gives.

use super::{check_text, CommandContext, CommandError, MAX_TEXT};
use crate::domain::event::{Change, Event, Field};
use crate::domain::{Incident, Level, Priority, PriorityOverride};

/// A change to how an incident is prioritised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssessmentCommand {
    /// Re-assess impact and urgency; the matrix gives the priority, which is kept on the incident.
    Assess {
        /// New impact.
        impact: Level,
        /// New urgency.
        urgency: Level,
    },
    /// Override the priority, with a reason.
    Override {
        /// Priority chosen.
        priority: Priority,
        /// Why.
        reason: String,
    },
    /// Go back to the assessed priority.
    ClearOverride,
}

impl AssessmentCommand {
    pub(super) fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        match self {
            AssessmentCommand::Assess { impact, urgency } => {
                let priority = Priority::from_matrix(impact, urgency);
                let unchanged = (
                    incident.impact,
                    incident.urgency,
                    incident.assessed_priority,
                ) == (impact, urgency, priority);
                if unchanged && incident.conflicts(Field::Assessment).is_empty() {
                    return Ok(Vec::new());
                }
                let change = Change::Assessed {
                    impact,
                    urgency,
                    priority,
                };
                Ok(vec![ctx.write(incident, Field::Assessment, change)])
            }
            AssessmentCommand::Override { priority, reason } => {
                check_text("Override reason", &reason, MAX_TEXT, true)?;
                let current = incident.priority_override.as_ref().map(|o| o.priority);
                if current == Some(priority) {
                    return Ok(Vec::new());
                }
                let change = Change::PriorityOverridden(PriorityOverride {
                    priority,
                    reason: reason.trim().to_string(),
                });
                Ok(vec![ctx.write(incident, Field::Override, change)])
            }
            AssessmentCommand::ClearOverride => {
                if incident.priority_override.is_none() {
                    return Ok(Vec::new());
                }
                Ok(vec![ctx.write(
                    incident,
                    Field::Override,
                    Change::OverrideCleared,
                )])
            }
        }
    }
}
