//! What each topic (a field of a part, or a child record) and each role is called.

use crate::domain::actions::ActionField;
use crate::domain::details::DetailField;
use crate::domain::duties::DutyField;
use crate::domain::review::Section;
use crate::domain::roles::Role;
use crate::domain::tasks::TaskField;
use crate::domain::Topic;

/// A topic's name as a sentence uses it (lower case).
pub fn topic_label(topic: Topic) -> &'static str {
    match topic {
        Topic::Reference => "reference",
        Topic::Details(DetailField::Title) => "title",
        Topic::Details(DetailField::Description) => "description",
        Topic::Details(DetailField::Category) => "category",
        Topic::Details(DetailField::Services) => "services",
        Topic::Assessment => "impact and urgency",
        Topic::Override => "priority override",
        Topic::State => "state",
        Topic::Role(Role::Commander) => "commander",
        Topic::Role(Role::CommsLead) => "communications lead",
        Topic::Role(Role::OpsLead) => "operations lead",
        Topic::Role(Role::Scribe) => "scribe",
        Topic::Expert(_) => "subject expert",
        Topic::Task(_, TaskField::Title) => "task",
        Topic::Task(_, TaskField::Owner) => "task owner",
        Topic::Task(_, TaskField::Due) => "task due time",
        Topic::Task(_, TaskField::State) => "task state",
        Topic::Resolution(_) => "resolution",
        Topic::Link(_) => "link",
        Topic::Record(_) => "record reference",
        Topic::PublicTitle => "title for customers",
        Topic::Public => "status page listing",
        Topic::Duty(_, DutyField::Clock) => "duty clock start",
        Topic::Duty(_, DutyField::Outcome) => "duty outcome",
        Topic::ReviewSection(Section::Summary) => "review summary",
        Topic::ReviewSection(Section::Impact) => "review impact",
        Topic::ReviewSection(Section::RootCause) => "review trigger and root cause",
        Topic::ReviewSection(Section::Factors) => "review contributing factors",
        Topic::ReviewSection(Section::WentWell) => "review: what went well",
        Topic::ReviewSection(Section::WentBadly) => "review: what went badly",
        Topic::ReviewSection(Section::Lucky) => "review: where we got lucky",
        Topic::ReviewSection(Section::Lessons) => "review lessons",
        Topic::ReviewStatus => "review status",
        Topic::ReviewStar(_) => "review star",
        Topic::ReviewWaiver => "reason for no review",
        Topic::Action(_, ActionField::Title) => "follow-up action",
        Topic::Action(_, ActionField::Kind) => "follow-up action kind",
        Topic::Action(_, ActionField::Owner) => "follow-up action owner",
        Topic::Action(_, ActionField::Due) => "follow-up action due date",
        Topic::Action(_, ActionField::State) => "follow-up action state",
    }
}

/// A role's name as a heading or label shows it.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Commander => "Incident commander",
        Role::CommsLead => "Communications lead",
        Role::OpsLead => "Operations lead",
        Role::Scribe => "Scribe",
    }
}
