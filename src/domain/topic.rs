//! What a write is about, named as (part, key): the unit of conflicts and of the import
//! preview's "changed" list. A child record (a subject expert, a task, a resolution record, a
//! link) is named by its own id.

use uuid::Uuid;

use super::actions::ActionField;
use super::details::DetailField;
use super::duties::DutyField;
use super::review::Section;
use super::roles::Role;
use super::tasks::TaskField;

/// One register of an incident: a field of a part, or a child record of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    /// The human reference.
    Reference,
    /// A descriptive field.
    Details(DetailField),
    /// Impact, urgency and the priority they gave.
    Assessment,
    /// The hand-set priority.
    Override,
    /// The lifecycle state.
    State,
    /// Who holds a named role.
    Role(Role),
    /// One subject-matter expert, by the id given when they were added.
    Expert(Uuid),
    /// One field of one task, by the task's id.
    Task(Uuid, TaskField),
    /// One resolution record, by its id.
    Resolution(Uuid),
    /// One link to another incident, by its id.
    Link(Uuid),
    /// One reference to a record kept elsewhere (a problem or change record), by its id.
    Record(Uuid),
    /// The title customers see.
    PublicTitle,
    /// Whether the status page lists the incident.
    Public,
    /// One field of one notification duty, by the duty's id.
    Duty(Uuid, DutyField),
    /// One section of the review.
    ReviewSection(Section),
    /// Where the review stands.
    ReviewStatus,
    /// The star on one timeline entry, by the entry's event id.
    ReviewStar(Uuid),
    /// Why the incident was closed without a review.
    ReviewWaiver,
    /// One field of one follow-up action, by the action's id.
    Action(Uuid, ActionField),
}
