//! The queue: filtering, text search and ordering, and the filter's URL form.

use chrono::{DateTime, NaiveDate, Utc};

use super::comms::{next_update_due, Cadence};
use super::lifecycle::reopened;
use super::targets::{self, Targets};
use super::{Category, Incident, IncidentKind, Priority, State};

/// The time a filter is applied at, with the cadence and targets that make updates and targets
/// late (a bare time uses the shipped ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    /// Now.
    pub now: DateTime<Utc>,
    /// Minutes between updates.
    pub cadence: Cadence,
    /// Response targets.
    pub targets: Targets,
}

impl From<DateTime<Utc>> for Clocks {
    fn from(now: DateTime<Utc>) -> Clocks {
        Clocks {
            now,
            cadence: Cadence::default(),
            targets: Targets::default(),
        }
    }
}

/// Which incidents the queue shows. Its URL query form lets a link or reload keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear in title, description, reference or notes.
    pub text: String,
    /// Only this state (none: all open ones, or all when `include_closed`).
    pub state: Option<State>,
    /// Only this priority.
    pub priority: Option<Priority>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only incidents affecting this service.
    pub service: Option<String>,
    /// Only incidents this person commands.
    pub commander: Option<String>,
    /// Show closed and cancelled incidents too.
    pub include_closed: bool,
    /// Only incidents with an open task past its due time.
    pub overdue_tasks: bool,
    /// Only incidents with a response target breached or at risk.
    pub target_alarm: bool,
    /// Only incidents whose next update is overdue.
    pub update_overdue: bool,
    /// Only incidents reported on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only incidents reported on or before this day (UTC): the last day is included, as a
    /// person reads "1 to 30 September".
    pub to: Option<NaiveDate>,
    /// Only incidents with a response target missed or breached.
    pub breached: bool,
    /// Only incidents that were ever reopened (resolved, then investigating again).
    pub reopened: bool,
    /// Drills: `None` lists them with real incidents, as the queue always has; `Some(true)` says
    /// so outright (the metrics' drills toggle, on); `Some(false)` lists real incidents only.
    pub drills: Option<bool>,
    /// Leave cancelled incidents out, even with `include_closed` (the metrics count them apart).
    pub no_cancelled: bool,
}

impl Filter {
    /// Whether no criterion is set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether an incident passes the filter at a time (when tasks, updates and targets fall
    /// late).
    pub fn matches(&self, incident: &Incident, at: impl Into<Clocks>) -> bool {
        self.matches_with(incident, &search_text(incident), &at.into())
    }

    /// Whether the filter depends on the time (so a list must be filtered again as it passes).
    pub fn needs_clock(&self) -> bool {
        self.overdue_tasks || self.target_alarm || self.update_overdue || self.breached
    }

    /// Like [`Filter::matches`], with the incident's lower-cased search text already built.
    pub fn matches_with(&self, incident: &Incident, haystack: &str, at: &Clocks) -> bool {
        let now = at.now;
        match self.state {
            Some(state) if incident.state != state => return false,
            None if !self.include_closed && !incident.state.is_open() => return false,
            _ => {}
        }
        if self.no_cancelled && incident.state == State::Cancelled {
            return false;
        }
        if self.drills == Some(false) && incident.kind == IncidentKind::Drill {
            return false;
        }
        if !reported_within(incident, self.from, self.to) {
            return false;
        }
        if self.priority.is_some_and(|p| p != incident.priority()) {
            return false;
        }
        if self.category.is_some_and(|c| c != incident.category) {
            return false;
        }
        if let Some(service) = &self.service {
            if !incident
                .services
                .iter()
                .any(|s| s.eq_ignore_ascii_case(service))
            {
                return false;
            }
        }
        if let Some(commander) = &self.commander {
            if !incident
                .commander
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(commander))
            {
                return false;
            }
        }
        if self.overdue_tasks && incident.parts().tasks.open_counts(now).1 == 0 {
            return false;
        }
        if self.target_alarm && targets::alarm(incident, &at.targets, now).is_none() {
            return false;
        }
        if self.update_overdue
            && !next_update_due(incident, &at.cadence).is_some_and(|d| d.is_overdue(now))
        {
            return false;
        }
        if self.breached && !targets::breached(incident, &at.targets, now) {
            return false;
        }
        if self.reopened && !reopened(incident) {
            return false;
        }
        let text = self.text.to_lowercase();
        text.split_whitespace().all(|word| haystack.contains(word))
    }

    /// The criteria as URL query pairs, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_string()));
        }
        if let Some(s) = self.state {
            pairs.push(("state", s.as_str().to_string()));
        }
        if let Some(p) = self.priority {
            pairs.push(("priority", p.as_str().to_string()));
        }
        if let Some(c) = self.category {
            pairs.push(("category", c.as_str().to_string()));
        }
        if let Some(s) = &self.service {
            pairs.push(("service", s.clone()));
        }
        if let Some(c) = &self.commander {
            pairs.push(("commander", c.clone()));
        }
        if self.include_closed {
            pairs.push(("closed", "1".to_string()));
        }
        if self.overdue_tasks {
            pairs.push(("overdue", "1".to_string()));
        }
        if self.target_alarm {
            pairs.push(("targets", "1".to_string()));
        }
        if self.update_overdue {
            pairs.push(("updates", "1".to_string()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", day_text(from)));
        }
        if let Some(to) = self.to {
            pairs.push(("to", day_text(to)));
        }
        if self.breached {
            pairs.push(("breached", "1".to_string()));
        }
        if self.reopened {
            pairs.push(("reopened", "1".to_string()));
        }
        if let Some(drills) = self.drills {
            pairs.push(("drills", if drills { "1" } else { "0" }.to_string()));
        }
        if self.no_cancelled {
            pairs.push(("cancelled", "0".to_string()));
        }
        pairs
    }

    /// The URL query text of [`Filter::to_pairs`], each value percent-encoded: what a link to
    /// the queue with this filter puts after `?`.
    pub fn query_string(&self) -> String {
        query_string(&self.to_pairs())
    }

    /// Reads the URL query form; unknown or malformed parts are ignored.
    pub fn from_query(query: &str) -> Filter {
        let mut filter = Filter::default();
        for (key, value) in query_pairs(query) {
            match key {
                "q" => filter.text = value,
                "state" => filter.state = State::parse(&value),
                "priority" => filter.priority = Priority::parse(&value),
                "category" => filter.category = Category::parse(&value),
                "service" if !value.is_empty() => filter.service = Some(value),
                "commander" if !value.is_empty() => filter.commander = Some(value),
                "closed" => filter.include_closed = value == "1",
                "overdue" => filter.overdue_tasks = value == "1",
                "targets" => filter.target_alarm = value == "1",
                "updates" => filter.update_overdue = value == "1",
                "from" => filter.from = parse_day(&value),
                "to" => filter.to = parse_day(&value),
                "breached" => filter.breached = value == "1",
                "reopened" => filter.reopened = value == "1",
                "drills" => {
                    filter.drills = match value.as_str() {
                        "1" => Some(true),
                        "0" => Some(false),
                        _ => None,
                    }
                }
                "cancelled" => filter.no_cancelled = value == "0",
                _ => {}
            }
        }
        filter
    }
}

/// Whether the incident was reported (by the UTC day of its `reported_at`) on or after `from`
/// and on or before `to`; a missing bound does not limit. The metrics' scope uses the same rule.
pub fn reported_within(
    incident: &Incident,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> bool {
    let day = incident.reported_at.date_naive();
    from.is_none_or(|from| from <= day) && to.is_none_or(|to| day <= to)
}

/// A day as the URL writes it: `YYYY-MM-DD`.
pub fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A day from its URL form, exactly `YYYY-MM-DD`; anything else is none.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// Lower-cased text a search looks in: reference, aliases, title, description, services, notes.
pub fn search_text(incident: &Incident) -> String {
    let mut text = String::with_capacity(incident.title.len() + incident.description.len() + 64);
    for part in [&incident.reference, &incident.title, &incident.description] {
        text.push_str(part);
        text.push('\n');
    }
    for part in incident.aliases.iter().chain(incident.services.iter()) {
        text.push_str(part);
        text.push('\n');
    }
    for event in incident.events() {
        if let super::Change::Notes(super::notes::NoteEvent::Added { text: note }) = &event.change {
            text.push_str(note);
            text.push('\n');
        }
    }
    text.to_lowercase()
}

/// Queue order: priority first, then the oldest declared first, then reference.
pub fn queue_order(a: &Incident, b: &Incident) -> std::cmp::Ordering {
    (a.priority(), a.created_at, &a.reference, a.id()).cmp(&(
        b.priority(),
        b.created_at,
        &b.reference,
        b.id(),
    ))
}

/// Filters and orders incidents for the queue at a time.
pub fn queue<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    filter: &Filter,
    at: impl Into<Clocks>,
) -> Vec<&'a Incident> {
    let at = at.into();
    let mut list: Vec<&Incident> = incidents
        .into_iter()
        .filter(|i| filter.matches(i, at))
        .collect();
    crate::order::sort_by(&mut list, |a, b| queue_order(a, b));
    list
}

/// Age as people say it: `45m`, `3h 12m`, `2d 4h`.
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - since).num_minutes().max(0);
    match minutes {
        m if m < 60 => format!("{m}m"),
        m if m < 60 * 24 => format!("{}h {}m", m / 60, m % 60),
        m => format!("{}d {}h", m / (60 * 24), (m / 60) % 24),
    }
}

/// Query pairs as URL text, `key=value&…`, each value percent-encoded (the inverse of the
/// `from_query` readers).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes every byte but the unreserved ones (`A–Z a–z 0–9 - . _ ~`), so any value is
/// one query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `key=value` pairs of a URL query (a leading `?` allowed), each value percent-decoded; a
/// pair without `=` has an empty value. The inverse of [`query_string`].
pub fn query_pairs(query: &str) -> impl Iterator<Item = (&str, String)> {
    query.trim_start_matches('?').split('&').map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key, decode(value))
    })
}

pub(crate) fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
