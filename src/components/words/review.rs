//! Words of the review and the follow-up actions: section names and hints, statuses, kinds,
//! moments, and what their events say in the timeline.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::actions::{ActionEvent, ActionField, ActionKind, ActionState, Outcome};
use crate::domain::review::{Moment, ReviewEvent, ReviewStatus, Section};
use crate::domain::{Change, Incident, Topic};

/// A section's heading.
pub fn section_label(section: Section) -> &'static str {
    match section {
        Section::Summary => "Summary",
        Section::Impact => "Impact",
        Section::RootCause => "Trigger and root cause",
        Section::Factors => "Contributing factors",
        Section::WentWell => "What went well",
        Section::WentBadly => "What went badly",
        Section::Lucky => "Where we got lucky",
        Section::Lessons => "Lessons",
    }
}

/// What a section is for, under its field.
pub fn section_hint(section: Section) -> &'static str {
    match section {
        Section::Summary => "What happened and how it ended, in a few sentences.",
        Section::Impact => "Who and what was affected, how badly, and for how long.",
        Section::RootCause => "What set it off, and why the system let it.",
        Section::Factors => "What made it more likely, worse or longer.",
        Section::WentWell => "What helped: keep doing it.",
        Section::WentBadly => "What slowed the response or made it worse.",
        Section::Lucky => "What went right by chance, and would not next time.",
        Section::Lessons => "What we learned, as the team would say it to another team.",
    }
}

/// A review status as a page shows it.
pub fn status_label(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Draft => "Draft",
        ReviewStatus::InReview => "In review",
        ReviewStatus::Published => "Published",
    }
}

/// The button that moves a review to `to` from where it stands.
pub fn move_label(from: ReviewStatus, to: ReviewStatus) -> &'static str {
    match (from, to) {
        (_, ReviewStatus::InReview) if from == ReviewStatus::Published => {
            "Reopen the review for changes"
        }
        (_, ReviewStatus::InReview) => "Send the review for review",
        (_, ReviewStatus::Published) => "Publish the review",
        (_, ReviewStatus::Draft) => "Back to draft",
    }
}

/// An action kind as a page shows it.
pub fn action_kind_label(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Corrective => "Corrective",
        ActionKind::Preventive => "Preventive",
        ActionKind::Detective => "Detective",
    }
}

/// An action state as a page shows it.
pub fn action_state_label(state: ActionState) -> &'static str {
    match state {
        ActionState::Open => "Open",
        ActionState::Done => "Done",
        ActionState::WontDo => "Won't do",
    }
}

/// A moment's name in the review's facts.
pub fn moment_label(moment: Moment) -> &'static str {
    match moment {
        Moment::ImpactStarted => "Impact started",
        Moment::Detected => "Detected",
        Moment::Reported => "Reported",
        Moment::Acknowledged => "Acknowledged",
        Moment::Contained => "Contained",
        Moment::Resolved => "Resolved",
        Moment::Closed => "Closed",
    }
}

/// A span's name, as a facts table shows it.
pub fn span_label(span: crate::domain::review::Span) -> &'static str {
    use crate::domain::review::Span;
    match span {
        Span::Detect => "Time to detect",
        Span::Acknowledge => "Time to acknowledge",
        Span::Contain => "Time to contain",
        Span::Resolve => "Time to resolve",
        Span::Impact => "Impact lasted",
    }
}

/// What a span runs between, in words.
pub fn span_ends(span: crate::domain::review::Span) -> String {
    let (from, to) = span.ends();
    format!(
        "{} → {}",
        moment_label(from).to_lowercase(),
        moment_label(to).to_lowercase()
    )
}

/// A due date in words.
pub fn due_date_words(due: Option<NaiveDate>) -> String {
    due.map_or_else(
        || "no due date".to_string(),
        |d| format!("due {}", d.format("%Y-%m-%d")),
    )
}

/// A duration in minutes as people say it: `45 min`, `2 h 5 min`, `3 d 4 h`.
pub fn minutes_words(minutes: i64) -> String {
    let m = minutes.max(0);
    match m {
        m if m < 60 => format!("{m} min"),
        m if m < 60 * 24 => match m % 60 {
            0 => format!("{} h", m / 60),
            r => format!("{} h {r} min", m / 60),
        },
        m => match (m / 60) % 24 {
            0 => format!("{} d", m / (60 * 24)),
            h => format!("{} d {h} h", m / (60 * 24)),
        },
    }
}

fn outcome_words(outcome: &Outcome) -> String {
    match (&outcome.state, &outcome.reason) {
        (ActionState::WontDo, Some(reason)) => format!("won't do (reason: {reason})"),
        (state, _) => action_state_label(*state).to_lowercase(),
    }
}

/// The value a review or action event gives a topic (for conflict marks).
pub fn value_words(change: &Change, topic: Topic) -> String {
    match change {
        Change::Review(ReviewEvent::Written { text, .. }) => text.clone(),
        Change::Review(ReviewEvent::Starred { starred, .. }) => {
            if *starred { "starred" } else { "not starred" }.to_string()
        }
        Change::Review(ReviewEvent::StatusSet { status }) => status_label(*status).to_string(),
        Change::Review(ReviewEvent::Waived { reason }) => reason.clone(),
        Change::Actions(ActionEvent::Created {
            title,
            kind,
            owner,
            due,
            ..
        }) => match topic {
            Topic::Action(_, ActionField::Kind) => action_kind_label(*kind).to_string(),
            Topic::Action(_, ActionField::Owner) => owner.clone().unwrap_or("nobody".into()),
            Topic::Action(_, ActionField::Due) => due_date_words(*due),
            Topic::Action(_, ActionField::State) => "open".to_string(),
            _ => title.clone(),
        },
        Change::Actions(ActionEvent::Retitled { title, .. }) => title.clone(),
        Change::Actions(ActionEvent::Rekinded { kind, .. }) => action_kind_label(*kind).into(),
        Change::Actions(ActionEvent::Assigned { owner, .. }) => {
            owner.clone().unwrap_or("nobody".into())
        }
        Change::Actions(ActionEvent::Dated { due, .. }) => due_date_words(*due),
        Change::Actions(ActionEvent::StateSet { outcome, .. }) => outcome_words(outcome),
        _ => String::new(),
    }
}

/// The title of action `id`, as the latest write of it says.
fn action_title(incident: &Incident, id: Uuid) -> String {
    incident
        .parts()
        .actions
        .actions
        .get(&id)
        .and_then(|r| r.title.value())
        .map_or_else(|| "(unknown)".to_string(), |t| format!("“{t}”"))
}

/// One line for a review event in the timeline.
pub fn describe_review(incident: &Incident, event: &ReviewEvent) -> String {
    match event {
        ReviewEvent::Written { section, text } if text.is_empty() => {
            format!("Review: {} cleared", section_label(*section))
        }
        ReviewEvent::Written { section, .. } => {
            format!("Review: {} written", section_label(*section))
        }
        ReviewEvent::Starred { entry, starred } => {
            let what = match incident.event(*entry) {
                Some(e) if !matches!(e.change, Change::Review(_)) => {
                    let line = super::describe(incident, e);
                    let short: String = line.chars().take(80).collect();
                    if short.len() < line.len() {
                        format!("“{short}…”")
                    } else {
                        format!("“{short}”")
                    }
                }
                _ => "a timeline entry".to_string(),
            };
            if *starred {
                format!("Starred for the review: {what}")
            } else {
                format!("Star removed: {what}")
            }
        }
        ReviewEvent::StatusSet { status } => format!("Review: {}", status_label(*status)),
        ReviewEvent::Waived { reason } => format!("Closed without a review (reason: {reason})"),
    }
}

/// One line for a follow-up action event in the timeline.
pub fn describe_action(incident: &Incident, event: &ActionEvent) -> String {
    match event {
        ActionEvent::Created {
            title,
            kind,
            owner,
            due,
            ..
        } => {
            let mut line = format!(
                "Follow-up action added: “{title}” ({})",
                action_kind_label(*kind).to_lowercase()
            );
            if let Some(owner) = owner {
                line.push_str(&format!(", for {owner}"));
            }
            if due.is_some() {
                line.push_str(&format!(", {}", due_date_words(*due)));
            }
            line
        }
        ActionEvent::Retitled { title, .. } => format!("Follow-up action renamed: “{title}”"),
        ActionEvent::Rekinded { action, kind } => format!(
            "Follow-up action {} is {} now",
            action_title(incident, *action),
            action_kind_label(*kind).to_lowercase()
        ),
        ActionEvent::Assigned { action, owner } => match owner {
            Some(owner) => format!(
                "Follow-up action {} given to {owner}",
                action_title(incident, *action)
            ),
            None => format!(
                "Follow-up action {} has no owner now",
                action_title(incident, *action)
            ),
        },
        ActionEvent::Dated { action, due } => format!(
            "Follow-up action {}: {}",
            action_title(incident, *action),
            due_date_words(*due)
        ),
        ActionEvent::StateSet { action, outcome } => format!(
            "Follow-up action {}: {}",
            action_title(incident, *action),
            outcome_words(outcome)
        ),
    }
}

/// A time as a review writes it down: UTC, to the minute.
pub fn utc(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The text a section starts with when nobody has written it yet: what the log already says
/// (the summary from the title and the resolution, the impact from the times and services).
/// `None` for sections only people can write.
pub fn prefill(incident: &Incident, section: Section) -> Option<String> {
    use crate::domain::review::{facts, Moment};
    let facts = facts(incident);
    match section {
        Section::Summary => {
            let mut text = format!("{}.", incident.title.trim_end_matches('.'));
            if let Some(latest) = facts.resolutions.last() {
                let r = latest.record;
                let how = super::resolution_how(r);
                text.push_str(&format!(" {how}: {}", r.summary));
            }
            Some(text)
        }
        Section::Impact => {
            let start = facts.moment(Moment::ImpactStarted)?;
            let services = if incident.services.is_empty() {
                "no service named".to_string()
            } else {
                incident.services.join(", ")
            };
            let mut text = match facts.moment(Moment::Resolved) {
                Some(end) => format!(
                    "Impact on {services} from {} to {} ({}).",
                    utc(start),
                    utc(end),
                    minutes_words((end - start).num_minutes())
                ),
                None => format!("Impact on {services} from {}.", utc(start)),
            };
            let steps = [
                ("Detected", Moment::ImpactStarted, Moment::Detected),
                ("acknowledged", Moment::Reported, Moment::Acknowledged),
                ("contained", Moment::Reported, Moment::Contained),
            ];
            let said: Vec<String> = steps
                .iter()
                .filter_map(|(what, from, to)| {
                    let m = facts.minutes(*from, *to)?;
                    let after = match from {
                        Moment::Reported => "after the report",
                        _ => "after impact began",
                    };
                    Some(format!("{what} {} {after}", minutes_words(m)))
                })
                .collect();
            if !said.is_empty() {
                text.push_str(&format!(" {}.", said.join("; ")));
            }
            Some(text)
        }
        _ => None,
    }
}
