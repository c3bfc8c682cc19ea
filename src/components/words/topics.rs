//! What each topic (a field of a part, or a child record) and each role is called.

use crate::domain::details::DetailField;
use crate::domain::duties::DutyField;
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
