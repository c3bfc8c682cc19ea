//! The details part: title, description, category and affected services. Each is its own
//! register, and an edit writes one event per field it changes, so concurrent edits of different
//! fields all survive a merge.

use super::commands::{check_services, check_text, CommandContext, CommandError, Input};
use super::commands::{MAX_TEXT, MAX_TITLE};
use super::register::{Register, Slot, Stamp};
use super::{Category, Change, Declaration, Event, Incident, Topic};

/// One descriptive field set to a new value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum DetailsEvent {
    /// Short title.
    Title(String),
    /// What is seen.
    Description(String),
    /// Area.
    Category(Category),
    /// Affected services.
    Services(Vec<String>),
}

/// Which descriptive field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DetailField {
    /// Short title.
    Title,
    /// What is seen.
    Description,
    /// Area.
    Category,
    /// Affected services.
    Services,
}

/// The details as folded: one register per field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailsState {
    /// Short title.
    pub title: Register<String>,
    /// What is seen.
    pub description: Register<String>,
    /// Area.
    pub category: Register<Category>,
    /// Affected services.
    pub services: Register<Vec<String>>,
}

impl DetailsState {
    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> [(Topic, &dyn Slot); 4] {
        [
            (Topic::Details(DetailField::Title), &self.title),
            (Topic::Details(DetailField::Description), &self.description),
            (Topic::Details(DetailField::Category), &self.category),
            (Topic::Details(DetailField::Services), &self.services),
        ]
    }
}

/// What a declaration writes here.
pub fn declare(state: &mut DetailsState, stamp: &Stamp<'_>, d: &Declaration) {
    state.title.write(stamp, d.title.clone());
    state.description.write(stamp, d.description.clone());
    state.category.write(stamp, d.category);
    state.services.write(stamp, d.services.clone());
}

/// The fold step.
pub fn apply(state: &mut DetailsState, stamp: &Stamp<'_>, event: &DetailsEvent) {
    match event {
        DetailsEvent::Title(t) => state.title.write(stamp, t.clone()),
        DetailsEvent::Description(t) => state.description.write(stamp, t.clone()),
        DetailsEvent::Category(c) => state.category.write(stamp, *c),
        DetailsEvent::Services(s) => state.services.write(stamp, s.clone()),
    }
}

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
    /// One event per field that changes (or is in conflict: writing it settles the conflict).
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        check_text(Input::Title, &self.title, MAX_TITLE, true)?;
        check_text(Input::Description, &self.description, MAX_TEXT, false)?;
        let services = check_services(&self.services)?;
        let title = self.title.trim();
        let description = self.description.trim();
        let mut events = Vec::new();
        let mut set = |field: DetailField, changed: bool, detail: DetailsEvent| {
            let topic = Topic::Details(field);
            if changed || !incident.conflicts(topic).is_empty() {
                events.push(ctx.write(incident, topic, Change::Details(detail)));
            }
        };
        set(
            DetailField::Title,
            incident.title != title,
            DetailsEvent::Title(title.to_string()),
        );
        set(
            DetailField::Description,
            incident.description != description,
            DetailsEvent::Description(description.to_string()),
        );
        set(
            DetailField::Category,
            incident.category != self.category,
            DetailsEvent::Category(self.category),
        );
        set(
            DetailField::Services,
            incident.services != services,
            DetailsEvent::Services(services),
        );
        Ok(events)
    }
}
