//! Declaring an incident: the first event of its log.

use super::{check_services, check_text, CommandContext, CommandError, Input};
use super::{MAX_NAME, MAX_TEXT, MAX_TITLE};
use crate::domain::values::{format_reference, reference_number};
use crate::domain::{Change, Declaration, Draft, Incident, Log, PriorityOverride};

/// Declares a new incident from a draft, with reference number `number`; its id is `ctx.incident_id()`.
pub fn declare(draft: Draft, number: u32, ctx: &CommandContext) -> Result<Incident, CommandError> {
    check_text(Input::Title, &draft.title, MAX_TITLE, true)?;
    check_text(Input::Description, &draft.description, MAX_TEXT, false)?;
    check_text(Input::ReportedBy, &draft.reported_by, MAX_NAME, false)?;
    let services = check_services(&draft.services)?;
    if let Some(o) = &draft.priority_override {
        check_text(Input::OverrideReason, &o.reason, MAX_TEXT, true)?;
    }
    let priority = ctx.matrix.priority(draft.impact, draft.urgency);
    let declaration = Declaration {
        reference: format_reference(number),
        aliases: Vec::new(),
        kind: draft.kind,
        title: draft.title.trim().to_string(),
        description: draft.description.trim().to_string(),
        category: draft.category,
        services,
        impact: draft.impact,
        urgency: draft.urgency,
        priority,
        priority_override: draft
            .priority_override
            .filter(|o| o.priority != priority)
            .map(|o| PriorityOverride {
                priority: o.priority,
                reason: o.reason.trim().to_string(),
            }),
        reported_by: draft.reported_by.trim().to_string(),
        impact_started_at: draft.impact_started_at.min(ctx.now),
        detected_at: ctx.now,
    };
    let event = ctx.event(Change::Declared(Box::new(declaration)));
    Incident::from_log(ctx.incident_id(), Log::new(vec![event]), Default::default())
        .map_err(|_| CommandError::NoChange)
}

/// The next free reference number given the incidents already known.
pub fn next_reference_number<'a>(incidents: impl IntoIterator<Item = &'a Incident>) -> u32 {
    incidents
        .into_iter()
        .flat_map(|i| std::iter::once(&i.reference).chain(i.aliases.iter()))
        .filter_map(|r| reference_number(r))
        .max()
        .map_or(1, |n| n.saturating_add(1))
}
