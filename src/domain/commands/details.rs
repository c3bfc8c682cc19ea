//! Editing the descriptive fields: one event per field that changes, so concurrent edits of
//! different fields all survive a merge.

use super::{check_services, check_text, CommandContext, CommandError, MAX_TEXT, MAX_TITLE};
use crate::domain::event::{Change, Detail, Event, Field};
use crate::domain::{Category, Incident};

/// Edit title, description, category and services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditDetails {
    /// New title.
    pub title: String,
    /// New description.
    pub description: String,
    /// New category.
    pub category: Category,
    /// New affected services.
    pub services: Vec<String>,
}

impl EditDetails {
    pub(super) fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        check_text("Title", &self.title, MAX_TITLE, true)?;
        check_text("Description", &self.description, MAX_TEXT, false)?;
        let services = check_services(&self.services)?;
        let title = self.title.trim();
        let description = self.description.trim();
        let mut events = Vec::new();
        let mut set = |field: Field, changed: bool, detail: Detail| {
            // A field still in conflict is written even unchanged: writing it settles the conflict.
            if changed || !incident.conflicts(field).is_empty() {
                events.push(ctx.write(incident, field, Change::DetailSet(detail)));
            }
        };
        set(
            Field::Title,
            incident.title != title,
            Detail::Title(title.to_string()),
        );
        set(
            Field::Description,
            incident.description != description,
            Detail::Description(description.to_string()),
        );
        set(
            Field::Category,
            incident.category != self.category,
            Detail::Category(self.category),
        );
        set(
            Field::Services,
            incident.services != services,
            Detail::Services(services),
        );
        Ok(events)
    }
}
