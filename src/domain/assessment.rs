//! The assessment part: impact and urgency with the priority the matrix gave, and a hand-set
//! priority with its reason. Each is a register.

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_TEXT};
use super::register::{Register, Slot, Stamp};
use super::{Change, Declaration, Event, Incident, Level, Priority, PriorityOverride, Topic};

/// Impact and urgency, and the priority the matrix gave them when they were assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assessment {
    /// How bad.
    pub impact: Level,
    /// How fast it worsens.
    pub urgency: Level,
    /// The priority the matrix gave (kept, so browsers with other matrices agree).
    pub priority: Priority,
}

/// An assessment event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum AssessmentEvent {
    /// Impact and urgency were assessed, giving this priority.
    Assessed(Assessment),
    /// The priority was set by hand.
    Overridden(PriorityOverride),
    /// The hand-set priority was dropped; the assessed one applies again.
    OverrideCleared,
}

/// The assessment as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssessmentState {
    /// The latest assessment.
    pub assessment: Register<Assessment>,
    /// The hand-set priority, if any.
    pub priority_override: Register<Option<PriorityOverride>>,
}

impl AssessmentState {
    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> [(Topic, &dyn Slot); 2] {
        [
            (Topic::Assessment, &self.assessment),
            (Topic::Override, &self.priority_override),
        ]
    }
}

/// What a declaration writes here.
pub fn declare(state: &mut AssessmentState, stamp: &Stamp<'_>, d: &Declaration) {
    state.assessment.write(
        stamp,
        Assessment {
            impact: d.impact,
            urgency: d.urgency,
            priority: d.priority,
        },
    );
    state
        .priority_override
        .write(stamp, d.priority_override.clone());
}

/// The fold step.
pub fn apply(state: &mut AssessmentState, stamp: &Stamp<'_>, event: &AssessmentEvent) {
    match event {
        AssessmentEvent::Assessed(a) => state.assessment.write(stamp, *a),
        AssessmentEvent::Overridden(o) => state.priority_override.write(stamp, Some(o.clone())),
        AssessmentEvent::OverrideCleared => state.priority_override.write(stamp, None),
    }
}

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
    /// The assessment or override event, or nothing when nothing would change.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        match self {
            AssessmentCommand::Assess { impact, urgency } => {
                let assessment = Assessment {
                    impact,
                    urgency,
                    priority: ctx.matrix.priority(impact, urgency),
                };
                let unchanged = (
                    incident.impact,
                    incident.urgency,
                    incident.assessed_priority,
                ) == (impact, urgency, assessment.priority);
                if unchanged && incident.conflicts(Topic::Assessment).is_empty() {
                    return Ok(Vec::new());
                }
                let change = Change::Assessment(AssessmentEvent::Assessed(assessment));
                Ok(vec![ctx.write(incident, Topic::Assessment, change)])
            }
            AssessmentCommand::Override { priority, reason } => {
                check_text(Input::OverrideReason, &reason, MAX_TEXT, true)?;
                let chosen = PriorityOverride {
                    priority,
                    reason: reason.trim().to_string(),
                };
                // The same priority with a new reason is a new decision: its reason is logged.
                if incident.priority_override.as_ref() == Some(&chosen)
                    && incident.conflicts(Topic::Override).is_empty()
                {
                    return Ok(Vec::new());
                }
                let change = Change::Assessment(AssessmentEvent::Overridden(chosen));
                Ok(vec![ctx.write(incident, Topic::Override, change)])
            }
            AssessmentCommand::ClearOverride => {
                if incident.priority_override.is_none() {
                    return Ok(Vec::new());
                }
                let change = Change::Assessment(AssessmentEvent::OverrideCleared);
                Ok(vec![ctx.write(incident, Topic::Override, change)])
            }
        }
    }
}
