//! Words of communication, targets and notification duties: audiences, templates, targets,
//! deadlines, countdowns and the timeline sentences of their events.

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::comms::{Audience, CommsEvent, MinutesError, TemplateKind, Update, UpdateDue};
use crate::domain::duties::{Deadline, DutyDefError, DutyEvent, DutyStanding, Outcome};
use crate::domain::targets::{Standing, TargetEvent, TargetKind, TargetStatus};
use crate::domain::templates::TemplateError;
use crate::domain::Incident;

/// An audience as a heading or choice shows it.
pub fn audience_label(audience: Audience) -> &'static str {
    match audience {
        Audience::Internal => "Internal",
        Audience::Executive => "Executives",
        Audience::Customers => "Customers",
    }
}

/// A template as a choice shows it.
pub fn template_label(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Initial => "Initial",
        TemplateKind::Can => "Conditions, actions, needs (CAN)",
        TemplateKind::Resolved => "Resolved",
    }
}

/// A response target as a heading shows it.
pub fn target_label(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Acknowledge => "Time to acknowledge",
        TargetKind::Resolve => "Time to resolve",
    }
}

/// A target's name inside a sentence.
fn target_words(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Acknowledge => "acknowledge",
        TargetKind::Resolve => "resolve",
    }
}

/// A deadline's unit as a choice shows it.
pub fn deadline_unit_label(unit: &str) -> &'static str {
    match unit {
        "hours" => "hours",
        "business_days" => "business days",
        "months" => "calendar months",
        _ => "",
    }
}

/// A deadline in words, e.g. "72 hours", "4 business days", "1 month".
pub fn deadline_words(deadline: Deadline) -> String {
    let n = deadline.amount();
    let s = |one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match deadline {
        Deadline::Hours(_) => s("hour", "hours"),
        Deadline::BusinessDays(_) => s("business day", "business days"),
        Deadline::Months(_) => s("month", "months"),
    }
}

/// A span of time in the largest units that say it to the minute: "12 min", "3 h 05 min",
/// "2 d 4 h".
pub fn span(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(0);
    let (d, h, m) = (minutes / 1440, (minutes / 60) % 24, minutes % 60);
    if d > 0 {
        format!("{d} d {h} h")
    } else if h > 0 {
        format!("{h} h {m:02} min")
    } else {
        format!("{m} min")
    }
}

/// "due in 12 min" or "overdue by 5 min": how an update or deadline stands at `now`. A time
/// less than a minute ahead is "due now".
pub fn due_words(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if now - due >= TimeDelta::minutes(1) {
        format!("overdue by {}", span(now - due))
    } else if (due - now).abs() < TimeDelta::minutes(1) {
        "due now".to_string()
    } else {
        format!("due in {}", span(due - now))
    }
}

/// How a started duty stands, in a few words.
pub fn duty_standing_label(standing: DutyStanding) -> &'static str {
    match standing {
        DutyStanding::Waiting => "Waiting for the duty it follows",
        DutyStanding::Running => "Owed",
        DutyStanding::Closing => "Owed: last quarter of its time",
        DutyStanding::Overdue => "Overdue",
        DutyStanding::DoneOnTime => "Done on time",
        DutyStanding::DoneLate => "Done late",
        DutyStanding::Waived => "Waived",
    }
}

/// A minutes value the settings refused, in one sentence.
pub fn minutes_refusal(error: &MinutesError) -> String {
    match error {
        MinutesError::NotPositive => {
            "Enter a number of minutes above zero, or leave it blank for none.".into()
        }
        MinutesError::TooLong => "Enter at most 43200 minutes (30 days).".into(),
    }
}

/// A template the settings refused, in one sentence.
pub fn template_refusal(error: &TemplateError) -> String {
    match error {
        TemplateError::Unknown { name } => format!(
            "“{{{name}}}” is not a placeholder; use one of the list, or write {{{{ and }}}} for braces."
        ),
        TemplateError::Unclosed => "A “{” is not closed by a “}”.".into(),
        TemplateError::TooLong { max } => format!("A template takes at most {max} characters."),
        TemplateError::Empty => "A template cannot be empty.".into(),
    }
}

/// A duty definition the settings refused, in one sentence.
pub fn duty_def_refusal(error: &DutyDefError) -> String {
    use crate::domain::duties::{MAX_AMOUNT, MAX_DUTIES};
    match error {
        DutyDefError::NameRequired => "A duty needs a name.".into(),
        DutyDefError::RecipientRequired => "Say who the notification is owed to.".into(),
        DutyDefError::TooLong { max } => format!("Each entry takes at most {max} characters."),
        DutyDefError::Amount => format!("Enter a deadline from 1 to {MAX_AMOUNT}."),
        DutyDefError::TooMany => format!("The settings hold at most {MAX_DUTIES} duties."),
    }
}

/// A time as the timeline writes it inside a sentence.
fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The timeline sentence of a communication event.
pub fn describe_comms(incident: &Incident, event: &CommsEvent) -> String {
    match event {
        CommsEvent::Posted {
            audience,
            text,
            corrects,
            ..
        } => {
            let corrected = corrects
                .and_then(|id| incident.parts().comms.update(id))
                .map(|u| format!(" (corrects the update of {})", when(u.at)))
                .unwrap_or_default();
            format!(
                "Update to {}{corrected}: {text}",
                audience_label(*audience).to_lowercase()
            )
        }
        CommsEvent::PublicTitle(t) if t.is_empty() => {
            "Title for customers cleared; they see the incident's title".into()
        }
        CommsEvent::PublicTitle(t) => format!("Title for customers: “{t}”"),
        CommsEvent::Public(true) => "Listed on the public status page".into(),
        CommsEvent::Public(false) => "Taken off the public status page".into(),
    }
}

/// The timeline sentence of a target event.
pub fn describe_target(event: &TargetEvent) -> String {
    let TargetEvent::Breached { target, priority } = event;
    format!(
        "Response target breached: time to {} for {} ran out",
        target_words(*target),
        priority.as_str()
    )
}

/// The name of the duty `id` on the incident, for a sentence.
fn duty_name(incident: &Incident, id: uuid::Uuid) -> String {
    incident
        .parts()
        .duties
        .duties
        .get(&id)
        .and_then(|r| r.def.as_ref())
        .map_or_else(|| "A notification duty".to_string(), |d| d.name.clone())
}

/// The timeline sentence of a duty event.
pub fn describe_duty(incident: &Incident, event: &DutyEvent) -> String {
    match event {
        DutyEvent::Started { def, from, .. } => match from {
            Some(from) => format!(
                "Notification duty started: {} to {}, within {} of {}",
                def.name,
                def.recipient,
                deadline_words(def.deadline),
                when(*from)
            ),
            None => format!(
                "Notification duty started: {} to {}, within {} of the duty it follows being done",
                def.name,
                def.recipient,
                deadline_words(def.deadline)
            ),
        },
        DutyEvent::ClockSet { duty, from } => format!(
            "{}: clock now starts at {}",
            duty_name(incident, *duty),
            when(*from)
        ),
        DutyEvent::Settled { duty, outcome } => {
            let name = duty_name(incident, *duty);
            match outcome {
                Outcome::Open => format!("{name}: owed again"),
                Outcome::Done { by, at, reference } if reference.is_empty() => {
                    format!("{name}: done by {by} at {}", when(*at))
                }
                Outcome::Done { by, at, reference } => {
                    format!(
                        "{name}: done by {by} at {} (reference {reference})",
                        when(*at)
                    )
                }
                Outcome::Waived { reason } => format!("{name}: waived ({reason})"),
            }
        }
    }
}

/// The value a duty's outcome gives its register, in a few words (for conflict marks).
pub fn outcome_words(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Open => "owed".into(),
        Outcome::Done { by, at, .. } => format!("done by {by} at {}", when(*at)),
        Outcome::Waived { reason } => format!("waived ({reason})"),
    }
}

/// What a template placeholder says of the incident at `now`.
pub fn placeholder_value(
    incident: &Incident,
    placeholder: crate::domain::templates::Placeholder,
    now: DateTime<Utc>,
) -> String {
    use super::Label;
    use crate::domain::templates::Placeholder as P;
    let or = |v: Option<String>, none: &str| v.unwrap_or_else(|| none.to_string());
    match placeholder {
        P::Title => incident.title.clone(),
        P::PublicTitle => incident
            .parts()
            .comms
            .public_title()
            .map_or_else(|| incident.title.clone(), str::to_string),
        P::Reference => incident.reference.clone(),
        P::Priority => super::priority_name(incident.priority()),
        P::State => incident.state.label().to_string(),
        P::Impact => incident.impact.label().to_string(),
        P::Services => super::list(&incident.services),
        P::Commander => or(incident.commander.clone(), "no commander yet"),
        P::ImpactStarted => when(incident.impact_started_at),
        P::Detected => when(incident.detected_at),
        P::Reported => when(incident.created_at),
        P::Resolved => or(
            incident.milestones.resolved_at.map(when),
            "not resolved yet",
        ),
        P::Now => when(now),
        P::Resolution => or(
            incident
                .parts()
                .resolution
                .latest()
                .map(|r| r.record.summary.to_string()),
            "not recorded yet",
        ),
    }
}

/// The heading line of a copied update: reference, audience, time, and what it corrects.
fn update_heading(incident: &Incident, update: &Update) -> String {
    let corrects = update
        .corrects
        .and_then(|id| incident.parts().comms.update(id))
        .map(|u| format!(" (corrects the update of {})", when(u.at)))
        .unwrap_or_default();
    format!(
        "{} · {} update · {}{corrects}",
        incident.reference,
        audience_label(update.audience),
        when(update.at)
    )
}

/// An update as plain text, for mail or chat.
pub fn update_as_text(incident: &Incident, update: &Update) -> String {
    format!("{}\n\n{}\n", update_heading(incident, update), update.text)
}

/// An update as Markdown: a heading line in bold, then the text as written (a line break in
/// the text stays a line break).
pub fn update_as_markdown(incident: &Incident, update: &Update) -> String {
    let heading = update_heading(incident, update).replace('*', "\\*");
    let body: Vec<String> = update.text.lines().map(|l| format!("{l}  ")).collect();
    format!("**{heading}**\n\n{}\n", body.join("\n").trim_end())
}

/// "Executives update due in 12 min" / "… overdue by 5 min".
pub fn update_due_line(due: &UpdateDue, now: DateTime<Utc>) -> String {
    format!(
        "{} update {}",
        audience_label(due.audience),
        due_words(due.due, now)
    )
}

/// A target in alarm, in a few words: "Time to acknowledge breached 4 min ago" or
/// "Time to resolve at risk: due in 12 min".
pub fn target_alarm_line(target: &TargetStatus, now: DateTime<Utc>) -> String {
    match target.standing {
        Standing::Breached => format!(
            "{} target breached {} ago",
            target_label(target.kind),
            span(now - target.deadline)
        ),
        _ => format!(
            "{} target at risk: {}",
            target_label(target.kind),
            due_words(target.deadline, now)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_due_words_read_to_the_minute() {
        let t0 = DateTime::parse_from_rfc3339("2026-03-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(due_words(t0 + TimeDelta::minutes(12), t0), "due in 12 min");
        assert_eq!(
            due_words(t0, t0 + TimeDelta::minutes(5)),
            "overdue by 5 min"
        );
        assert_eq!(due_words(t0 + TimeDelta::seconds(30), t0), "due now");
        assert_eq!(due_words(t0, t0 + TimeDelta::seconds(30)), "due now");
        assert_eq!(span(TimeDelta::minutes(185)), "3 h 05 min");
        assert_eq!(span(TimeDelta::minutes(2 * 1440 + 250)), "2 d 4 h");
    }
}
