//! The fold: an incident's current fields, made of its events in (`recorded_at`, id) order.
//! Each part folds its own events into its own state; the view reads the parts' winners.

use chrono::{DateTime, Utc};

use super::actions::{self, ActionsState};
use super::assessment::{self, AssessmentState};
use super::comms::{self, CommsState};
use super::details::{self, DetailsState};
use super::duties::{self, DutiesState};
use super::identity::{self, IdentityState};
use super::lifecycle::{self, LifecycleState, Milestones};
use super::links::{self, LinksState};
use super::register::Slot;
use super::resolution::{self, ResolutionState};
use super::review::{self, ReviewState};
use super::roles::{self, Role, RolesState};
use super::targets::{self, TargetsState};
use super::tasks::{self, TasksState};
use super::{Category, Change, IncidentKind, Level, Log, Priority, PriorityOverride, State, Topic};

/// Every part's folded state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// Reference and declared facts.
    pub identity: IdentityState,
    /// Title, description, category, services.
    pub details: DetailsState,
    /// Impact, urgency, override.
    pub assessment: AssessmentState,
    /// State and milestones.
    pub lifecycle: LifecycleState,
    /// Who holds which role.
    pub roles: RolesState,
    /// Work to do.
    pub tasks: TasksState,
    /// How it was resolved, each time.
    pub resolution: ResolutionState,
    /// Links to other incidents and references to records kept elsewhere.
    pub links: LinksState,
    /// Updates posted, and what customers see.
    pub comms: CommsState,
    /// Response-target breaches recorded.
    pub targets: TargetsState,
    /// Notification duties started.
    pub duties: DutiesState,
    /// The post-incident review.
    pub review: ReviewState,
    /// Follow-up actions.
    pub actions: ActionsState,
}

impl Parts {
    /// Every register of every part, by topic, in the order a page shows them.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        let mut slots: Vec<(Topic, &dyn Slot)> = Vec::new();
        slots.extend(self.identity.slots());
        slots.extend(self.details.slots());
        slots.extend(self.assessment.slots());
        slots.extend(self.lifecycle.slots());
        slots.extend(self.roles.slots());
        slots.extend(self.tasks.slots());
        slots.extend(self.resolution.slots());
        slots.extend(self.links.slots());
        slots.extend(self.comms.slots());
        slots.extend(self.duties.slots());
        slots.extend(self.review.slots());
        slots.extend(self.actions.slots());
        slots
    }

    /// The register of one topic, if anything wrote it.
    pub fn slot(&self, topic: Topic) -> Option<&dyn Slot> {
        match topic {
            Topic::Reference => Some(&self.identity.reference),
            Topic::Details(details::DetailField::Title) => Some(&self.details.title),
            Topic::Details(details::DetailField::Description) => Some(&self.details.description),
            Topic::Details(details::DetailField::Category) => Some(&self.details.category),
            Topic::Details(details::DetailField::Services) => Some(&self.details.services),
            Topic::Assessment => Some(&self.assessment.assessment),
            Topic::Override => Some(&self.assessment.priority_override),
            Topic::State => Some(&self.lifecycle.state),
            Topic::Role(role) => self.roles.holders.get(&role).map(|r| r as &dyn Slot),
            Topic::Expert(id) => self.roles.experts.get(&id).map(|r| r as &dyn Slot),
            Topic::Task(id, field) => self.tasks.slot(id, field),
            Topic::Resolution(id) => self.resolution.slot(id),
            Topic::Link(id) => self.links.link_slot(id),
            Topic::Record(id) => self.links.reference_slot(id),
            Topic::PublicTitle => Some(&self.comms.public_title),
            Topic::Public => Some(&self.comms.public),
            Topic::Duty(id, field) => self.duties.slot(id, field),
            Topic::ReviewSection(_)
            | Topic::ReviewStatus
            | Topic::ReviewStar(_)
            | Topic::ReviewWaiver => self.review.slot(topic),
            Topic::Action(id, field) => self.actions.slot(id, field),
        }
    }
}

/// An incident's current fields: the fold of its events.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Human reference, e.g. `INC-0042`.
    pub reference: String,
    /// Earlier references this incident carried.
    pub aliases: Vec<String>,
    /// Real or drill.
    pub kind: IncidentKind,
    /// Short title.
    pub title: String,
    /// What is seen.
    pub description: String,
    /// Area.
    pub category: Category,
    /// Affected services.
    pub services: Vec<String>,
    /// How bad.
    pub impact: Level,
    /// How fast it worsens.
    pub urgency: Level,
    /// The priority the matrix gave at the last assessment.
    pub assessed_priority: Priority,
    /// Hand-set priority, if any.
    pub priority_override: Option<PriorityOverride>,
    /// Lifecycle state.
    pub state: State,
    /// Who reported it.
    pub reported_by: String,
    /// Current incident commander.
    pub commander: Option<String>,
    /// When impact started (set by people).
    pub impact_started_at: DateTime<Utc>,
    /// When it was noticed (set by people).
    pub detected_at: DateTime<Utc>,
    /// When it was declared.
    pub created_at: DateTime<Utc>,
    /// When it was reported, by its declarer's clock (the declaration's `at`): update cadences
    /// and response targets run from here.
    pub reported_at: DateTime<Utc>,
    /// When the latest event was written.
    pub updated_at: DateTime<Utc>,
    /// Lifecycle stamps.
    pub milestones: Milestones,
    /// Every part's registers, for conflicts, histories and the import preview.
    pub(super) parts: Parts,
}

/// Folds the log; `None` when no event declares the incident.
pub fn fold(log: &Log) -> Option<View> {
    let events = log.events();
    let first = events
        .iter()
        .find(|e| matches!(e.change, Change::Declared(_)))?;
    let mut parts = Parts::default();
    let mut updated_at = first.recorded_at;
    for event in events {
        updated_at = updated_at.max(event.recorded_at);
        let stamp = event.stamp();
        match &event.change {
            Change::Declared(d) => {
                identity::declare(&mut parts.identity, &stamp, d);
                details::declare(&mut parts.details, &stamp, d);
                assessment::declare(&mut parts.assessment, &stamp, d);
                lifecycle::declare(&mut parts.lifecycle, &stamp);
            }
            Change::Identity(e) => identity::apply(&mut parts.identity, &stamp, e),
            Change::Lifecycle(e) => lifecycle::apply(&mut parts.lifecycle, &stamp, e),
            Change::Details(e) => details::apply(&mut parts.details, &stamp, e),
            Change::Assessment(e) => assessment::apply(&mut parts.assessment, &stamp, e),
            Change::Roles(e) => roles::apply(&mut parts.roles, &stamp, e),
            Change::Tasks(e) => tasks::apply(&mut parts.tasks, &stamp, e),
            Change::Resolution(e) => resolution::apply(&mut parts.resolution, &stamp, e),
            Change::Links(e) => links::apply(&mut parts.links, &stamp, e),
            Change::Comms(e) => comms::apply(&mut parts.comms, &stamp, e),
            Change::Targets(e) => targets::apply(&mut parts.targets, &stamp, e),
            Change::Duties(e) => duties::apply(&mut parts.duties, &stamp, e),
            Change::Review(e) => review::apply(&mut parts.review, &stamp, e),
            Change::Actions(e) => actions::apply(&mut parts.actions, &stamp, e),
            Change::Notes(_) | Change::Earlier(_) | Change::Unknown(_) => {}
        }
    }
    let declared = parts.identity.declared.value()?.clone();
    let assessed = *parts.assessment.assessment.value()?;
    let reference = parts.identity.reference.value()?.clone();
    let aliases = parts
        .identity
        .references
        .iter()
        .filter(|r| **r != reference)
        .cloned()
        .collect();
    Some(View {
        reference,
        aliases,
        kind: declared.kind,
        title: parts.details.title.value()?.clone(),
        description: parts.details.description.value()?.clone(),
        category: *parts.details.category.value()?,
        services: parts.details.services.value()?.clone(),
        impact: assessed.impact,
        urgency: assessed.urgency,
        assessed_priority: assessed.priority,
        priority_override: parts.assessment.priority_override.value()?.clone(),
        state: *parts.lifecycle.state.value()?,
        reported_by: declared.reported_by,
        commander: parts
            .roles
            .holder(Role::Commander)
            .map(|(name, _)| name.to_string()),
        impact_started_at: declared.impact_started_at,
        detected_at: declared.detected_at,
        created_at: first.recorded_at,
        reported_at: first.at,
        updated_at,
        milestones: parts.lifecycle.milestones.clone(),
        parts,
    })
}
