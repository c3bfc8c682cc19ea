//! Metrics: typed figures over the incidents of a date range, made from milestones and events
//! (never from a wall-clock guess), for the dashboard to draw. Time is passed in; the words are
//! the UI's.
//!
//! The rules every figure follows:
//! - **Scope.** An incident is in scope when the UTC day of its `reported_at` lies in the scope's
//!   days (first and last day included) and it is real, or drills are asked for. The queue
//!   filter of [`Scope::filter`] uses the very same rule ([`search::reported_within`]).
//! - **Cancelled** incidents (false alarms, duplicates) are counted apart: they show in
//!   [`Counts::cancelled`] and as the cancelled state in [`Counts::by_state`], and in no other
//!   figure.
//! - **Times** are the review's spans ([`review::spans`]), in whole minutes: detect is impact
//!   start → detected; acknowledge, contain and resolve run from the report to the first entry
//!   into triaged, contained and resolved. A reopened incident counts by its first resolution
//!   (the milestone is the first entry) and is counted in [`Counts::reopened`].
//! - **Priority** is the incident's priority now (override included), as the queue shows it.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc};

use super::actions::{ActionKind, ActionState, FollowUpFilter};
use super::comms::Audience;
use super::duties::DutyStanding;
use super::lifecycle::reopened;
use super::review::{self, Span};
use super::search::{day_text, parse_day, query_pairs, reported_within, Clocks, Filter};
use super::targets::{self, Standing, TargetKind};
use super::{Category, Incident, IncidentKind, Priority, State};

/// How many weeks the weekly figures cover.
pub const WEEKS: usize = 12;

/// How many days the dashboard covers when its URL names no range.
pub const DEFAULT_DAYS: u32 = 90;

/// The incidents the figures are made of: the days they were reported on, and whether drills
/// count too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    first: NaiveDate,
    last: NaiveDate,
    drills: bool,
}

impl Scope {
    /// The incidents reported from the UTC day `first` to the UTC day `last`, both included
    /// (none when `last` is before `first`).
    pub fn days(first: NaiveDate, last: NaiveDate, drills: bool) -> Scope {
        Scope {
            first,
            last,
            drills,
        }
    }

    /// The last `days` UTC days up to and including the day of `now` (at least that day): the
    /// dashboard's default is 90.
    pub fn last_days(now: DateTime<Utc>, days: u32, drills: bool) -> Scope {
        let last = now.date_naive();
        Scope::days(days_back(last, days), last, drills)
    }

    /// The scope a dashboard URL asks for: `from` and `to` (`YYYY-MM-DD`, UTC days, both
    /// included) and `drills=1`. A missing or malformed end falls back on the default: `to` on
    /// the day of `now`, `from` [`DEFAULT_DAYS`] days before `to` counted inclusively. Ends given
    /// the wrong way round are swapped, as the person meant that range.
    pub fn from_query(query: &str, now: DateTime<Utc>) -> Scope {
        let (mut from, mut to, mut drills) = (None, None, false);
        for (key, value) in query_pairs(query) {
            match key {
                "from" => from = parse_day(&value),
                "to" => to = parse_day(&value),
                "drills" => drills = value == "1",
                _ => {}
            }
        }
        let last = to.unwrap_or_else(|| now.date_naive());
        let first = from.unwrap_or_else(|| days_back(last, DEFAULT_DAYS));
        let (first, last) = if last < first {
            (last, first)
        } else {
            (first, last)
        };
        Scope::days(first, last, drills)
    }

    /// The dashboard URL's query pairs for this scope (both ends always, drills only when on).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("from", day_text(self.first)), ("to", day_text(self.last))];
        if self.drills {
            pairs.push(("drills", "1".to_string()));
        }
        pairs
    }

    /// How many days the scope covers (none when it ends before it starts).
    pub fn day_count(&self) -> i64 {
        ((self.last - self.first).num_days() + 1).max(0)
    }

    /// The first day in scope (UTC).
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last day in scope (UTC), included.
    pub fn last_day(&self) -> NaiveDate {
        self.last
    }

    /// Whether drills are counted.
    pub fn drills(&self) -> bool {
        self.drills
    }

    /// The first instant in scope: the first day at 00:00 UTC. An incident reported exactly then
    /// is in.
    pub fn from(&self) -> DateTime<Utc> {
        self.first.and_time(chrono::NaiveTime::MIN).and_utc()
    }

    /// The first instant after the scope: the day after the last at 00:00 UTC. An incident
    /// reported exactly then is out. `None` past the calendar's end.
    pub fn to(&self) -> Option<DateTime<Utc>> {
        let next = self.last.succ_opt()?;
        Some(next.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    /// Whether an incident is counted: reported within the days, and real unless drills count.
    pub fn contains(&self, incident: &Incident) -> bool {
        self.kind_counts(incident) && reported_within(incident, Some(self.first), Some(self.last))
    }

    fn kind_counts(&self, incident: &Incident) -> bool {
        self.drills || incident.kind == IncidentKind::Real
    }

    /// The queue filter that lists the incidents behind a figure of this scope.
    pub fn filter(&self, figure: &Figure) -> Filter {
        let base = Filter {
            from: Some(self.first),
            to: Some(self.last),
            drills: Some(self.drills),
            include_closed: true,
            no_cancelled: true,
            ..Filter::default()
        };
        match figure {
            Figure::Incidents => base,
            Figure::State(state) => Filter {
                state: Some(*state),
                no_cancelled: false,
                ..base
            },
            Figure::Cancelled => Filter {
                state: Some(State::Cancelled),
                no_cancelled: false,
                ..base
            },
            Figure::Priority(priority) => Filter {
                priority: Some(*priority),
                ..base
            },
            Figure::Category(category) => Filter {
                category: Some(*category),
                ..base
            },
            Figure::Service(service) => Filter {
                service: Some(service.clone()),
                ..base
            },
            Figure::Reopened => Filter {
                reopened: true,
                ..base
            },
            Figure::Breached(priority) => Filter {
                priority: Some(*priority),
                breached: true,
                ..base
            },
            Figure::AnyBreached => Filter {
                breached: true,
                ..base
            },
            Figure::Week(day) => {
                let monday = monday_of(*day);
                Filter {
                    from: Some(monday),
                    to: monday.checked_add_days(Days::new(6)),
                    ..base
                }
            }
        }
    }
}

/// The first of the `days` days (at least one) that end with `last`.
fn days_back(last: NaiveDate, days: u32) -> NaiveDate {
    let back = Days::new(u64::from(days.max(1) - 1));
    last.checked_sub_days(back).unwrap_or(NaiveDate::MIN)
}

impl Scope {
    /// The follow-ups filter that lists the open actions of `kind` that [`Figures::follow_ups`]
    /// counts: those of the incidents in scope, cancelled ones apart.
    pub fn follow_ups(&self, kind: Option<ActionKind>) -> FollowUpFilter {
        FollowUpFilter {
            kind,
            from: Some(self.first),
            to: Some(self.last),
            real_only: !self.drills,
            no_cancelled: true,
            ..FollowUpFilter::default()
        }
    }
}

/// A figure that counts incidents, so that the dashboard can lead to the incidents behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// Every incident counted (cancelled ones apart).
    Incidents,
    /// The incidents in a state now (cancelled included for that state).
    State(State),
    /// The cancelled incidents.
    Cancelled,
    /// The incidents of a priority.
    Priority(Priority),
    /// The incidents of a category.
    Category(Category),
    /// The incidents affecting a service (by name, ignoring ASCII case).
    Service(String),
    /// The reopened incidents.
    Reopened,
    /// The incidents of a priority with a response target missed or breached.
    Breached(Priority),
    /// The incidents of any priority with a response target missed or breached.
    AnyBreached,
    /// The incidents reported in the week (Monday to Sunday, UTC) holding this day.
    Week(NaiveDate),
}

/// Count, median and 90th percentile of a set of minutes.
///
/// The median of an even count is the mean of the two middle values, rounded down. The 90th
/// percentile is by nearest rank: the ⌈0.9·n⌉-th smallest value (so for 1 to 10 values, the
/// largest but one from 10 on, and the largest below 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    /// How many values.
    pub count: usize,
    /// The middle value.
    pub median: i64,
    /// The nearest-rank 90th percentile.
    pub p90: i64,
}

/// The [`Stat`] of some values; none for none.
pub fn stat(values: impl IntoIterator<Item = i64>) -> Option<Stat> {
    let mut values: Vec<i64> = values.into_iter().collect();
    values.sort_unstable();
    let count = values.len();
    let middle = count / 2;
    let median = if count % 2 == 1 {
        *values.get(middle)?
    } else {
        let (low, high) = (*values.get(middle.checked_sub(1)?)?, *values.get(middle)?);
        // In i128, so two huge values cannot overflow; the mean of two i64 fits an i64.
        let mean = (i128::from(low) + i128::from(high)).div_euclid(2);
        i64::try_from(mean).ok()?
    };
    // ⌈0.9·n⌉ = ⌈9n/10⌉, in integers.
    let rank = count.checked_mul(9)?.div_ceil(10);
    let p90 = *values.get(rank.checked_sub(1)?)?;
    Some(Stat { count, median, p90 })
}

/// One [`Stat`] per span, in [`Span::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpanStats([Option<Stat>; 5]);

impl SpanStats {
    /// The figure of one span; none when no incident has both its moments.
    pub fn get(&self, span: Span) -> Option<Stat> {
        self.0.get(span as usize).copied().flatten()
    }
}

/// Minutes gathered per span, before they become [`SpanStats`].
#[derive(Debug, Clone, Default)]
struct SpanMinutes([Vec<i64>; 5]);

impl SpanMinutes {
    fn push(&mut self, spans: &[(Span, i64)]) {
        for (span, minutes) in spans {
            if let Some(list) = self.0.get_mut(*span as usize) {
                list.push(*minutes);
            }
        }
    }

    fn stats(self) -> SpanStats {
        SpanStats(self.0.map(stat))
    }
}

/// Response times: each span's figure, overall and broken down.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Times {
    /// Over every incident counted.
    pub overall: SpanStats,
    /// Per priority, in [`Priority::ALL`] order.
    pub by_priority: [SpanStats; 5],
    /// Per category, in [`Category::ALL`] order.
    pub by_category: [SpanStats; 7],
}

impl Times {
    /// The figures of one priority.
    pub fn priority(&self, priority: Priority) -> SpanStats {
        self.by_priority
            .get(priority as usize)
            .copied()
            .unwrap_or_default()
    }

    /// The figures of one category.
    pub fn category(&self, category: Category) -> SpanStats {
        self.by_category
            .get(category as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// How many incidents, and of what.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// The incidents counted: in scope and not cancelled.
    pub incidents: usize,
    /// The cancelled incidents in scope.
    pub cancelled: usize,
    /// The counted incidents that were ever reopened.
    pub reopened: usize,
    /// Per state now, in [`State::ALL`] order (cancelled included).
    pub by_state: [usize; 7],
    /// Per priority, in [`Priority::ALL`] order.
    pub by_priority: [usize; 5],
    /// Per category, in [`Category::ALL`] order.
    pub by_category: [usize; 7],
}

impl Counts {
    /// The incidents in a state now.
    pub fn state(&self, state: State) -> usize {
        self.by_state.get(state as usize).copied().unwrap_or(0)
    }

    /// The incidents of a priority.
    pub fn priority(&self, priority: Priority) -> usize {
        self.by_priority
            .get(priority as usize)
            .copied()
            .unwrap_or(0)
    }

    /// The incidents of a category.
    pub fn category(&self, category: Category) -> usize {
        self.by_category
            .get(category as usize)
            .copied()
            .unwrap_or(0)
    }
}

/// One week of the trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// Its Monday (the week runs Monday 00:00 UTC to the next Monday).
    pub start: NaiveDate,
    /// The incidents reported in it (cancelled ones apart).
    pub incidents: usize,
    /// Time to resolve of those of them that were resolved, in minutes.
    pub resolve: Option<Stat>,
}

/// One service: its incidents, its downtime and what that cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFigures {
    /// The service's name, as the incidents spell it (the first in sort order when they spell
    /// it in more than one case).
    pub name: String,
    /// The incidents affecting it.
    pub incidents: usize,
    /// Minutes of downtime: the union of its resolved incidents' spells from impact start to
    /// (first) resolution, overlapping spells counted once, rounded down to whole minutes.
    pub downtime: i64,
    /// The incidents affecting it that are not resolved now: those never resolved are left out
    /// of its downtime; a reopened one counts to its first resolution.
    pub unresolved: usize,
    /// The downtime's cost at the service's rate per hour, rounded to the nearest whole unit;
    /// none when no rate is set for it.
    pub cost: Option<u64>,
}

/// How many targets of one kind were met and breached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TargetCounts {
    /// Reached in time.
    pub met: usize,
    /// Reached late, or not reached with the time up.
    pub breached: usize,
}

/// Response targets of one priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TargetFigures {
    /// Per target, in [`TargetKind::ALL`] order; targets still running count in neither.
    pub by_kind: [TargetCounts; 2],
    /// The incidents with at least one target breached (what [`Figure::Breached`] lists).
    pub incidents_breached: usize,
}

impl TargetFigures {
    /// The counts of one target.
    pub fn kind(&self, kind: TargetKind) -> TargetCounts {
        self.by_kind.get(kind as usize).copied().unwrap_or_default()
    }
}

/// A share: how many of all were on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    /// On time.
    pub on_time: usize,
    /// All.
    pub all: usize,
}

/// Notification duties, by how they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DutyCounts {
    /// Sent by the deadline.
    pub done_on_time: usize,
    /// Sent after the deadline.
    pub done_late: usize,
    /// Waived.
    pub waived: usize,
    /// Owed and not yet due (waiting for its clock, running, or in its last quarter).
    pub running: usize,
    /// Owed and past the deadline.
    pub overdue: usize,
}

/// A calendar month (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month holding an instant (UTC).
    pub fn of(at: DateTime<Utc>) -> Month {
        Month {
            year: at.year(),
            month: at.month(),
        }
    }
}

/// Follow-up actions of the incidents counted, per kind in [`ActionKind::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowUpFigures {
    /// Open.
    pub open: [usize; 3],
    /// Open and past their due date on the day given.
    pub overdue: [usize; 3],
    /// Done, per month the done outcome was written in.
    pub done: BTreeMap<Month, [usize; 3]>,
}

/// The count of `kind` in counts kept per kind ([`FollowUpFigures`]' rows).
pub fn per_kind(counts: &[usize; 3], kind: ActionKind) -> usize {
    counts.get(kind as usize).copied().unwrap_or(0)
}

/// Every figure of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// How many incidents, and of what.
    pub counts: Counts,
    /// Response times.
    pub times: Times,
    /// The [`WEEKS`] weeks ending with the week holding the scope's last day, oldest first.
    pub weeks: Vec<Week>,
    /// Per service, by name ignoring ASCII case, in that name's order.
    pub services: Vec<ServiceFigures>,
    /// Response targets per priority, in [`Priority::ALL`] order.
    pub targets: [TargetFigures; 5],
    /// Updates on cadence per priority, in [`Priority::ALL`] order: gaps no longer than the
    /// cadence, of all gaps.
    pub cadence: [Share; 5],
    /// Notification duties.
    pub duties: DutyCounts,
    /// Follow-up actions.
    pub follow_ups: FollowUpFigures,
}

impl Figures {
    /// How many incidents a figure counts; none for a week outside [`Figures::weeks`].
    pub fn count(&self, figure: &Figure) -> Option<usize> {
        Some(match figure {
            Figure::Incidents => self.counts.incidents,
            Figure::State(state) => self.counts.state(*state),
            Figure::Cancelled => self.counts.cancelled,
            Figure::Priority(priority) => self.counts.priority(*priority),
            Figure::Category(category) => self.counts.category(*category),
            Figure::Service(name) => self.service(name).map_or(0, |s| s.incidents),
            Figure::Reopened => self.counts.reopened,
            Figure::Breached(priority) => self.target(*priority).incidents_breached,
            Figure::AnyBreached => self.targets.iter().map(|t| t.incidents_breached).sum(),
            Figure::Week(day) => {
                let monday = monday_of(*day);
                self.weeks.iter().find(|w| w.start == monday)?.incidents
            }
        })
    }

    /// The figures of a service, by name ignoring ASCII case.
    pub fn service(&self, name: &str) -> Option<&ServiceFigures> {
        self.services
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The response targets of a priority.
    pub fn target(&self, priority: Priority) -> TargetFigures {
        self.targets
            .get(priority as usize)
            .copied()
            .unwrap_or_default()
    }

    /// The updates on cadence of a priority.
    pub fn cadence(&self, priority: Priority) -> Share {
        self.cadence
            .get(priority as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    let back = Days::new(u64::from(day.weekday().num_days_from_monday()));
    day.checked_sub_days(back).unwrap_or(day)
}

/// One service while the figures are gathered.
#[derive(Debug, Default)]
struct ServiceTally {
    name: String,
    incidents: usize,
    unresolved: usize,
    spells: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

fn bump(counts: &mut [usize], index: usize) {
    if let Some(count) = counts.get_mut(index) {
        *count += 1;
    }
}

/// Every figure of the incidents in `scope`, at the time and by the cadence and targets of
/// `clocks`. `costs` is the cost of an hour of downtime per service (whole currency units, by
/// name ignoring ASCII case); `today` is the day actions fall overdue by. One pass over the
/// incidents.
pub fn figures<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    scope: &Scope,
    clocks: &Clocks,
    costs: &BTreeMap<String, u64>,
    today: NaiveDate,
) -> Figures {
    let mut figures = Figures::default();
    let mut overall = SpanMinutes::default();
    let mut by_priority: [SpanMinutes; 5] = Default::default();
    let mut by_category: [SpanMinutes; 7] = Default::default();
    let trend_end = monday_of(scope.last);
    let trend_start = trend_end
        .checked_sub_days(Days::new(7 * (WEEKS as u64 - 1)))
        .unwrap_or(NaiveDate::MIN);
    let mut weekly: Vec<(usize, Vec<i64>)> = vec![(0, Vec::new()); WEEKS];
    let mut services: BTreeMap<String, ServiceTally> = BTreeMap::new();

    for incident in incidents {
        if !scope.kind_counts(incident) {
            continue;
        }
        if incident.state == State::Cancelled {
            if scope.contains(incident) {
                figures.counts.cancelled += 1;
                bump(&mut figures.counts.by_state, State::Cancelled as usize);
            }
            continue;
        }
        let in_range = scope.contains(incident);
        let day = incident.reported_at.date_naive();
        let week = (trend_start <= day)
            .then(|| usize::try_from((day - trend_start).num_days() / 7).ok())
            .flatten()
            .and_then(|w| weekly.get_mut(w));
        if !in_range && week.is_none() {
            continue;
        }
        let spans = review::spans(&review::moments(incident));
        if let Some((count, resolves)) = week {
            *count += 1;
            resolves.extend(
                spans
                    .iter()
                    .filter(|(s, _)| *s == Span::Resolve)
                    .map(|(_, m)| *m),
            );
        }
        if !in_range {
            continue;
        }
        let priority = incident.priority();
        let counts = &mut figures.counts;
        counts.incidents += 1;
        counts.reopened += usize::from(reopened(incident));
        bump(&mut counts.by_state, incident.state as usize);
        bump(&mut counts.by_priority, priority as usize);
        bump(&mut counts.by_category, incident.category as usize);
        overall.push(&spans);
        if let Some(list) = by_priority.get_mut(priority as usize) {
            list.push(&spans);
        }
        if let Some(list) = by_category.get_mut(incident.category as usize) {
            list.push(&spans);
        }
        tally_services(&mut services, incident);
        if let Some(share) = figures.cadence.get_mut(priority as usize) {
            tally_cadence(share, incident, clocks);
        }
        if let Some(target) = figures.targets.get_mut(priority as usize) {
            tally_targets(target, incident, clocks);
        }
        tally_duties(&mut figures.duties, incident, clocks.now);
        tally_follow_ups(&mut figures.follow_ups, incident, today);
    }

    figures.times = Times {
        overall: overall.stats(),
        by_priority: by_priority.map(SpanMinutes::stats),
        by_category: by_category.map(SpanMinutes::stats),
    };
    figures.weeks = weekly
        .into_iter()
        .enumerate()
        .map(|(n, (incidents, resolves))| Week {
            start: trend_start
                .checked_add_days(Days::new(7 * n as u64))
                .unwrap_or(NaiveDate::MAX),
            incidents,
            resolve: stat(resolves),
        })
        .collect();
    let rates = rates(costs);
    figures.services = services
        .into_iter()
        .map(|(key, tally)| {
            let downtime = union_minutes(tally.spells);
            ServiceFigures {
                cost: rates
                    .get(&key)
                    .copied()
                    .flatten()
                    .map(|r| cost(downtime, r)),
                name: tally.name,
                incidents: tally.incidents,
                downtime,
                unresolved: tally.unresolved,
            }
        })
        .collect();
    figures
}

/// Counts the incident once for each service it names (names equal ignoring ASCII case are
/// one service), with its spell of impact when it is resolved.
fn tally_services(services: &mut BTreeMap<String, ServiceTally>, incident: &Incident) {
    let mut seen: Vec<String> = Vec::with_capacity(incident.services.len());
    for name in &incident.services {
        let key = name.to_ascii_lowercase();
        let tally = services.entry(key.clone()).or_default();
        if tally.name.is_empty() || *name < tally.name {
            tally.name = name.clone();
        }
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        tally.incidents += 1;
        // Its spell of impact to the first resolution counts; an incident worked again after
        // that (reopened) is also unresolved now, its second spell not yet known.
        if let Some(resolved) = incident.milestones.resolved_at {
            tally.spells.push((incident.impact_started_at, resolved));
        }
        if !matches!(incident.state, State::Resolved | State::Closed) {
            tally.unresolved += 1;
        }
    }
}

/// Whole minutes covered by the union of the spells (those ending before they start cover
/// nothing).
fn union_minutes(mut spells: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> i64 {
    spells.sort_unstable();
    let mut total = TimeDelta::zero();
    let mut current: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for (start, end) in spells {
        if end <= start {
            continue;
        }
        current = match current {
            Some((from, until)) if start <= until => Some((from, until.max(end))),
            Some((from, until)) => {
                total += until - from;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((from, until)) = current {
        total += until - from;
    }
    total.num_minutes()
}

/// Rates per hour by service name in lower case; a name set twice (ignoring case) with two
/// rates has none, rather than a guess.
fn rates(costs: &BTreeMap<String, u64>) -> BTreeMap<String, Option<u64>> {
    let mut rates: BTreeMap<String, Option<u64>> = BTreeMap::new();
    for (name, rate) in costs {
        let key = name.trim().to_ascii_lowercase();
        match rates.get(&key) {
            Some(Some(earlier)) if earlier == rate => {}
            Some(_) => {
                rates.insert(key, None);
            }
            None => {
                rates.insert(key, Some(*rate));
            }
        }
    }
    rates
}

/// The cost of `minutes` of downtime at `per_hour`, to the nearest whole unit (halves up).
fn cost(minutes: i64, per_hour: u64) -> u64 {
    let minutes = u128::try_from(minutes.max(0)).unwrap_or(0);
    let cost = (minutes * u128::from(per_hour) + 30) / 60;
    u64::try_from(cost).unwrap_or(u64::MAX)
}

/// Gaps between updates to each audience the cadence covers at the incident's priority: report
/// → first update, update → next, and last update → the end (now while the incident is worked;
/// its first resolution once resolved or closed; none when closed without one). Updates after
/// the end do not count. A gap no longer than the cadence is on time.
fn tally_cadence(share: &mut Share, incident: &Incident, clocks: &Clocks) {
    let end = match incident.state {
        State::Reported | State::Triaged | State::Investigating | State::Contained => {
            Some(clocks.now)
        }
        State::Resolved | State::Closed | State::Cancelled => incident.milestones.resolved_at,
    };
    let comms = &incident.parts().comms;
    let priority = incident.priority();
    for audience in Audience::ALL {
        let Some(minutes) = clocks.cadence.minutes(priority, audience) else {
            continue;
        };
        let allowed = TimeDelta::minutes(i64::from(minutes));
        let mut gap = |from: DateTime<Utc>, to: DateTime<Utc>| {
            share.all += 1;
            share.on_time += usize::from(to - from <= allowed);
        };
        let mut last = incident.reported_at;
        for update in comms.thread(audience) {
            if end.is_some_and(|end| update.at > end) {
                break;
            }
            gap(last, update.at);
            last = update.at;
        }
        // The last gap runs to the end; an update at the very end leaves no gap after it.
        if let Some(end) = end.filter(|end| *end > last) {
            gap(last, end);
        }
    }
}

/// Met and breached targets at `clocks.now`; running ones count in neither.
fn tally_targets(figures: &mut TargetFigures, incident: &Incident, clocks: &Clocks) {
    let mut breached = false;
    for status in targets::statuses(incident, &clocks.targets, clocks.now) {
        let Some(counts) = figures.by_kind.get_mut(status.kind as usize) else {
            continue;
        };
        // The queue's `breached` filter asks the same of each target.
        if status.standing.is_breach() {
            counts.breached += 1;
            breached = true;
        } else if status.standing == Standing::Met {
            counts.met += 1;
        }
    }
    figures.incidents_breached += usize::from(breached);
}

/// The incident's notification duties by how they stand at `now`.
fn tally_duties(counts: &mut DutyCounts, incident: &Incident, now: DateTime<Utc>) {
    for duty in incident.parts().duties.list() {
        let slot = match duty.standing(now) {
            DutyStanding::DoneOnTime => &mut counts.done_on_time,
            DutyStanding::DoneLate => &mut counts.done_late,
            DutyStanding::Waived => &mut counts.waived,
            DutyStanding::Waiting | DutyStanding::Running | DutyStanding::Closing => {
                &mut counts.running
            }
            DutyStanding::Overdue => &mut counts.overdue,
        };
        *slot += 1;
    }
}

/// The incident's follow-up actions: open and overdue on `today` by kind, done by the month
/// their done outcome was written in and kind. Won't-do actions count in none.
fn tally_follow_ups(figures: &mut FollowUpFigures, incident: &Incident, today: NaiveDate) {
    let actions = &incident.parts().actions;
    for action in actions.list() {
        let kind = action.kind as usize;
        match action.state {
            ActionState::Open => {
                bump(&mut figures.open, kind);
                if action.is_overdue(today) {
                    bump(&mut figures.overdue, kind);
                }
            }
            ActionState::Done => {
                if let Some(at) = actions.outcome_at(action.id) {
                    bump(figures.done.entry(Month::of(at)).or_default(), kind);
                }
            }
            ActionState::WontDo => {}
        }
    }
}
