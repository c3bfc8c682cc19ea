//! This browser's settings: the people directory, the priority matrix, the playbooks, the
//! update templates, the update cadence, the response targets, the notification duties, the
//! review rule, the cost of downtime per service and the backup reminder interval. They travel in a full export; importing them shows what would change and asks first.

use std::collections::BTreeMap;

use super::commands::MAX_NAME;
use super::comms::{Audience, Cadence, MinutesError, TemplateKind};
use super::duties::{self, DutyDef, DutyDefError, MAX_DUTIES};
use super::playbooks::{self, Playbook, PlaybookError, MAX_PLAYBOOKS};
use super::review::ReviewRule;
use super::targets::{TargetKind, Targets};
use super::templates::{self, TemplateError};
use super::{Level, Matrix, Priority};

/// Days between backup reminders when nobody chose.
pub const DEFAULT_REMIND_DAYS: u32 = 7;
/// The longest reminder interval the settings accept.
pub const MAX_REMIND_DAYS: u32 = 365;
/// The most people the directory holds.
pub const MAX_PEOPLE: usize = 2_000;
/// The highest cost per hour of downtime the settings accept, in whole units of the currency.
pub const MAX_COST_PER_HOUR: u64 = 1_000_000_000;
/// The most services that may have a cost per hour.
pub const MAX_COSTS: usize = 1_000;
/// The longest currency label, in characters ("EUR", "$", "CHF").
pub const MAX_CURRENCY: usize = 8;

/// Someone who may hold a role.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Person {
    /// Their name, as role fields take it.
    pub name: String,
    /// Their team.
    pub team: String,
    /// How to reach them (phone, chat handle, mail).
    pub contact: String,
}

/// Everything the settings hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The people directory, in name order; names are unique (ignoring case).
    pub people: Vec<Person>,
    /// The priority matrix that assessments use.
    pub matrix: Matrix,
    /// The playbooks, in the order the settings list them; ids are unique.
    pub playbooks: Vec<Playbook>,
    /// The update templates, in [`TemplateKind::ALL`] order.
    pub templates: [String; 3],
    /// Minutes between updates, per priority and audience.
    pub cadence: Cadence,
    /// Response targets per priority.
    pub targets: Targets,
    /// The notification duties a team may owe, in the order the settings list them; ids are unique.
    pub duties: Vec<DutyDef>,
    /// Which incidents need a published review (or a reason for none) to close.
    pub review: ReviewRule,
    /// Whole units of [`Settings::currency`] that an hour of downtime of a service costs, by the
    /// service's name as typed (trimmed); no two names are equal ignoring ASCII case. A service
    /// without an entry has no cost, never a guessed one.
    pub costs: BTreeMap<String, u64>,
    /// The label of the currency the costs are in ("EUR", "$"); may be empty.
    pub currency: String,
    /// Days after a full export before the backup reminder.
    pub remind_days: u32,
    /// Settings a newer Sitrep wrote that this one does not know, kept as they came.
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            people: Vec::new(),
            matrix: Matrix::DEFAULT,
            playbooks: playbooks::defaults(),
            templates: templates::defaults(),
            cadence: Cadence::default(),
            targets: Targets::default(),
            duties: duties::defaults(),
            review: ReviewRule::default(),
            costs: BTreeMap::new(),
            currency: String::new(),
            remind_days: DEFAULT_REMIND_DAYS,
            extra: BTreeMap::new(),
        }
    }
}

/// Why a change to the settings was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// A person needs a name.
    #[error("a person needs a name")]
    NameRequired,
    /// A text is longer than allowed.
    #[error("too long")]
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// The directory is full.
    #[error("the directory is full")]
    TooManyPeople,
    /// A reminder interval outside 1 to [`MAX_REMIND_DAYS`] days.
    #[error("days out of range")]
    RemindDays,
    /// A playbook the settings refuse.
    #[error(transparent)]
    Playbook(#[from] PlaybookError),
    /// The settings hold no more playbooks.
    #[error("too many playbooks")]
    TooManyPlaybooks,
    /// A template the settings refuse.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A cadence or target of minutes the settings refuse.
    #[error(transparent)]
    Minutes(#[from] MinutesError),
    /// A notification duty the settings refuse.
    #[error(transparent)]
    Duty(#[from] DutyDefError),
    /// A cost of downtime needs the name of its service.
    #[error("a cost needs a service")]
    ServiceRequired,
    /// A service name longer than services may be.
    #[error("service name too long")]
    ServiceTooLong {
        /// The limit in characters.
        max: usize,
    },
    /// A service name or currency holding a control character (a tab, a line break…).
    #[error("a control character")]
    ControlCharacter,
    /// A cost per hour above [`MAX_COST_PER_HOUR`], or not a whole number.
    #[error("cost per hour out of range")]
    CostPerHour,
    /// Costs for more than [`MAX_COSTS`] services.
    #[error("too many costs")]
    TooManyCosts,
    /// A currency label longer than [`MAX_CURRENCY`] characters.
    #[error("currency too long")]
    CurrencyTooLong {
        /// The limit in characters.
        max: usize,
    },
}

fn checked(text: &str) -> Result<String, SettingsError> {
    let text = text.trim();
    if text.chars().count() > MAX_NAME {
        return Err(SettingsError::TooLong { max: MAX_NAME });
    }
    Ok(text.to_string())
}

/// A service name as a cost of downtime takes it: trimmed, not empty, no longer than any
/// service name, without control characters.
pub fn cost_service(name: &str) -> Result<String, SettingsError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SettingsError::ServiceRequired);
    }
    if name.chars().count() > MAX_NAME {
        return Err(SettingsError::ServiceTooLong { max: MAX_NAME });
    }
    if name.chars().any(char::is_control) {
        return Err(SettingsError::ControlCharacter);
    }
    Ok(name.to_string())
}

/// A cost per hour of downtime, if in range.
pub fn cost_per_hour(per_hour: u64) -> Result<u64, SettingsError> {
    if per_hour > MAX_COST_PER_HOUR {
        return Err(SettingsError::CostPerHour);
    }
    Ok(per_hour)
}

/// A cost per hour as typed in a field: blank is none; anything else a whole number of units
/// from 0 to [`MAX_COST_PER_HOUR`] (digits only: no sign, separator, fraction or exponent).
pub fn parse_cost(text: &str) -> Result<Option<u64>, SettingsError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SettingsError::CostPerHour);
    }
    // Digits that overflow a u64 are out of range as surely as a number above the limit.
    let per_hour = text
        .parse::<u64>()
        .map_err(|_| SettingsError::CostPerHour)?;
    cost_per_hour(per_hour).map(Some)
}

/// A currency label as the settings keep it: trimmed, short, without control characters.
pub fn currency(label: &str) -> Result<String, SettingsError> {
    let label = label.trim();
    if label.chars().count() > MAX_CURRENCY {
        return Err(SettingsError::CurrencyTooLong { max: MAX_CURRENCY });
    }
    if label.chars().any(char::is_control) {
        return Err(SettingsError::ControlCharacter);
    }
    Ok(label.to_string())
}

impl Settings {
    /// The person with this name (ignoring case), if the directory has them.
    pub fn person(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        self.people
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// These settings with `person` added, or replacing the entry of the same name.
    pub fn with_person(&self, person: Person) -> Result<Settings, SettingsError> {
        let person = Person {
            name: checked(&person.name)?,
            team: checked(&person.team)?,
            contact: checked(&person.contact)?,
        };
        if person.name.is_empty() {
            return Err(SettingsError::NameRequired);
        }
        let mut next = self.clone();
        next.people
            .retain(|p| !p.name.eq_ignore_ascii_case(&person.name));
        if next.people.len() >= MAX_PEOPLE {
            return Err(SettingsError::TooManyPeople);
        }
        next.people.push(person);
        crate::order::sort(&mut next.people);
        Ok(next)
    }

    /// These settings without the person of this name.
    pub fn without_person(&self, name: &str) -> Settings {
        let mut next = self.clone();
        next.people
            .retain(|p| !p.name.eq_ignore_ascii_case(name.trim()));
        next
    }

    /// These settings with one matrix cell set.
    pub fn with_cell(&self, impact: Level, urgency: Level, priority: Priority) -> Settings {
        Settings {
            matrix: self.matrix.with(impact, urgency, priority),
            ..self.clone()
        }
    }

    /// These settings with another reminder interval.
    pub fn with_remind_days(&self, days: u32) -> Result<Settings, SettingsError> {
        if !(1..=MAX_REMIND_DAYS).contains(&days) {
            return Err(SettingsError::RemindDays);
        }
        Ok(Settings {
            remind_days: days,
            ..self.clone()
        })
    }

    /// The cost per hour of downtime of this service (its name compared ignoring ASCII case and
    /// surrounding spaces), if it has one.
    pub fn cost(&self, service: &str) -> Option<u64> {
        let service = service.trim();
        self.costs
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(service))
            .map(|(_, per_hour)| *per_hour)
    }

    /// These settings with the cost per hour of downtime of `service` set (`None`: cleared), or
    /// why not. A name equal ignoring ASCII case to one that has a cost takes its place, spelled
    /// as given, so a service never has two costs.
    pub fn with_cost(
        &self,
        service: &str,
        per_hour: Option<u64>,
    ) -> Result<Settings, SettingsError> {
        let service = cost_service(service)?;
        let per_hour = per_hour.map(cost_per_hour).transpose()?;
        let mut next = self.clone();
        next.costs
            .retain(|name, _| !name.eq_ignore_ascii_case(&service));
        if let Some(per_hour) = per_hour {
            if next.costs.len() >= MAX_COSTS {
                return Err(SettingsError::TooManyCosts);
            }
            next.costs.insert(service, per_hour);
        }
        Ok(next)
    }

    /// These settings with another currency label (trimmed; empty for none), or why not.
    pub fn with_currency(&self, label: &str) -> Result<Settings, SettingsError> {
        Ok(Settings {
            currency: currency(label)?,
            ..self.clone()
        })
    }

    /// The services a cost of downtime may be set for: each of `named` (the services incidents
    /// name), and each service with a cost that none of them names (ignoring ASCII case), in
    /// name order ignoring case. A named spelling stands for a costed one of another case.
    pub fn cost_services(&self, named: &[String]) -> Vec<String> {
        let known: std::collections::BTreeSet<String> = named
            .iter()
            .map(|name| name.trim().to_ascii_lowercase())
            .collect();
        let mut services: Vec<(String, String)> = named
            .iter()
            .map(|name| (name.to_lowercase(), name.clone()))
            .collect();
        for name in self.costs.keys() {
            if !known.contains(&name.to_ascii_lowercase()) {
                services.push((name.to_lowercase(), name.clone()));
            }
        }
        services.sort();
        services.into_iter().map(|(_, name)| name).collect()
    }

    /// Whether any cost of downtime or a currency is set.
    pub fn has_costs(&self) -> bool {
        !self.costs.is_empty() || !self.currency.is_empty()
    }

    /// Whether these settings and `other` hold the same costs of downtime: the same currency,
    /// and the same cost for each service, its name compared ignoring ASCII case.
    pub fn same_costs(&self, other: &Settings) -> bool {
        self.currency == other.currency
            && self.costs.len() == other.costs.len()
            && self
                .costs
                .iter()
                .all(|(name, per_hour)| other.cost(name) == Some(*per_hour))
    }

    /// The playbook with this id.
    pub fn playbook(&self, id: &str) -> Option<&Playbook> {
        self.playbooks.iter().find(|p| p.id == id)
    }

    /// These settings with `playbook` added at the end, or replacing the one of the same id in
    /// its place.
    pub fn with_playbook(&self, playbook: &Playbook) -> Result<Settings, SettingsError> {
        let playbook = playbook.checked()?;
        let mut next = self.clone();
        let full = next.playbooks.len() >= MAX_PLAYBOOKS;
        match next.playbooks.iter_mut().find(|p| p.id == playbook.id) {
            Some(place) => *place = playbook,
            None if full => return Err(SettingsError::TooManyPlaybooks),
            None => next.playbooks.push(playbook),
        }
        Ok(next)
    }

    /// These settings without the playbook of this id.
    pub fn without_playbook(&self, id: &str) -> Settings {
        let mut next = self.clone();
        next.playbooks.retain(|p| p.id != id);
        next
    }

    /// These settings with every shipped playbook as shipped; playbooks of other ids stay.
    pub fn with_default_playbooks(&self) -> Settings {
        let mut next = self.clone();
        let defaults = playbooks::defaults();
        next.playbooks
            .retain(|p| !defaults.iter().any(|d| d.id == p.id));
        let own = std::mem::take(&mut next.playbooks);
        next.playbooks = defaults;
        next.playbooks.extend(own);
        next
    }

    /// The template of this kind.
    pub fn template(&self, kind: TemplateKind) -> &str {
        &self.templates[kind.index()]
    }

    /// These settings with one template replaced, or why not.
    pub fn with_template(&self, kind: TemplateKind, text: &str) -> Result<Settings, SettingsError> {
        templates::check(text)?;
        let mut next = self.clone();
        next.templates[kind.index()] = text.to_string();
        Ok(next)
    }

    /// These settings with one cadence cell set (`None`: no cadence), or why not.
    pub fn with_cadence(
        &self,
        priority: Priority,
        audience: Audience,
        minutes: Option<i64>,
    ) -> Result<Settings, SettingsError> {
        Ok(Settings {
            cadence: self.cadence.with(priority, audience, minutes)?,
            ..self.clone()
        })
    }

    /// These settings with one target set (`None`: no target), or why not.
    pub fn with_target(
        &self,
        priority: Priority,
        kind: TargetKind,
        minutes: Option<i64>,
    ) -> Result<Settings, SettingsError> {
        Ok(Settings {
            targets: self.targets.with(priority, kind, minutes)?,
            ..self.clone()
        })
    }

    /// The duty with this id.
    pub fn duty(&self, id: &str) -> Option<&DutyDef> {
        self.duties.iter().find(|d| d.id == id)
    }

    /// These settings with `duty` added at the end, or replacing the one of the same id.
    pub fn with_duty(&self, duty: &DutyDef) -> Result<Settings, SettingsError> {
        let duty = duty.checked()?;
        let mut next = self.clone();
        let full = next.duties.len() >= MAX_DUTIES;
        match next.duties.iter_mut().find(|d| d.id == duty.id) {
            Some(place) => *place = duty,
            None if full => return Err(DutyDefError::TooMany.into()),
            None => next.duties.push(duty),
        }
        Ok(next)
    }

    /// These settings without the duty of this id.
    pub fn without_duty(&self, id: &str) -> Settings {
        let mut next = self.clone();
        next.duties.retain(|d| d.id != id);
        next
    }

    /// What applying a file's settings makes of ours: their people join ours (theirs win for the
    /// same name, nobody is removed), their playbooks and duties likewise (by id), and their
    /// matrix, templates, cadence, targets and review rule replace ours; the reminder interval is this
    /// browser's habit and stays. Their costs of downtime replace ours whole, currency and all
    /// (costs in two currencies do not mix), unless they set none (a file older than costs, or a
    /// team that never set any), which leaves ours.
    pub fn applied(&self, theirs: &Settings) -> Settings {
        // Costs and their currency come as one: both theirs, or both ours.
        let costs_from = if theirs.has_costs() { theirs } else { self };
        let mut people: Vec<Person> = self
            .people
            .iter()
            .filter(|ours| theirs.person(&ours.name).is_none())
            .cloned()
            .collect();
        people.extend(theirs.people.iter().cloned());
        crate::order::sort(&mut people);
        let mut playbooks = self.playbooks.clone();
        for playbook in &theirs.playbooks {
            match playbooks.iter_mut().find(|p| p.id == playbook.id) {
                Some(place) => *place = playbook.clone(),
                None => playbooks.push(playbook.clone()),
            }
        }
        let mut duties = self.duties.clone();
        for duty in &theirs.duties {
            match duties.iter_mut().find(|d| d.id == duty.id) {
                Some(place) => *place = duty.clone(),
                None => duties.push(duty.clone()),
            }
        }
        let mut extra = self.extra.clone();
        extra.extend(theirs.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Settings {
            people,
            matrix: theirs.matrix,
            playbooks,
            templates: theirs.templates.clone(),
            cadence: theirs.cadence,
            targets: theirs.targets,
            duties,
            review: theirs.review,
            costs: costs_from.costs.clone(),
            currency: costs_from.currency.clone(),
            remind_days: self.remind_days,
            extra,
        }
    }
}

/// A matrix cell that applying a file's settings changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellChange {
    /// Row.
    pub impact: Level,
    /// Column.
    pub urgency: Level,
    /// Ours.
    pub from: Priority,
    /// Theirs.
    pub to: Priority,
}

/// What applying a file's settings would change in ours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsDiff {
    /// People the directory does not have yet.
    pub added: Vec<Person>,
    /// People whose team or contact would change: (ours, theirs).
    pub changed: Vec<(Person, Person)>,
    /// Matrix cells that would change.
    pub cells: Vec<CellChange>,
    /// Playbooks this browser does not have yet.
    pub playbooks_added: Vec<Playbook>,
    /// Playbooks that would change: (ours, theirs).
    pub playbooks_changed: Vec<(Playbook, Playbook)>,
    /// Templates that would change.
    pub templates_changed: Vec<TemplateKind>,
    /// Whether the update cadence would change.
    pub cadence_changed: bool,
    /// Whether the response targets would change.
    pub targets_changed: bool,
    /// Whether which incidents need a review would change.
    pub review_changed: bool,
    /// Whether the costs of downtime (or their currency) would change.
    pub costs_changed: bool,
    /// Duties this browser does not have yet.
    pub duties_added: Vec<DutyDef>,
    /// Duties that would change: (ours, theirs).
    pub duties_changed: Vec<(DutyDef, DutyDef)>,
}

impl SettingsDiff {
    /// What applying `theirs` to `ours` changes.
    pub fn between(ours: &Settings, theirs: &Settings) -> SettingsDiff {
        let mut diff = SettingsDiff::default();
        for person in &theirs.people {
            match ours.person(&person.name) {
                None => diff.added.push(person.clone()),
                Some(mine) if mine != person => diff.changed.push((mine.clone(), person.clone())),
                Some(_) => {}
            }
        }
        diff.cells = ours
            .matrix
            .cells()
            .zip(theirs.matrix.cells())
            .filter(|((_, _, from), (_, _, to))| from != to)
            .map(|((impact, urgency, from), (_, _, to))| CellChange {
                impact,
                urgency,
                from,
                to,
            })
            .collect();
        for playbook in &theirs.playbooks {
            match ours.playbook(&playbook.id) {
                None => diff.playbooks_added.push(playbook.clone()),
                Some(mine) if mine != playbook => diff
                    .playbooks_changed
                    .push((mine.clone(), playbook.clone())),
                Some(_) => {}
            }
        }
        diff.templates_changed = TemplateKind::ALL
            .into_iter()
            .filter(|k| ours.template(*k) != theirs.template(*k))
            .collect();
        diff.cadence_changed = ours.cadence != theirs.cadence;
        diff.targets_changed = ours.targets != theirs.targets;
        diff.review_changed = ours.review != theirs.review;
        // Costs set nowhere in theirs leave ours (see `applied`).
        diff.costs_changed = theirs.has_costs() && !ours.same_costs(theirs);
        for duty in &theirs.duties {
            match ours.duty(&duty.id) {
                None => diff.duties_added.push(duty.clone()),
                Some(mine) if mine != duty => {
                    diff.duties_changed.push((mine.clone(), duty.clone()))
                }
                Some(_) => {}
            }
        }
        diff
    }

    /// Whether applying would change nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.cells.is_empty()
            && self.playbooks_added.is_empty()
            && self.playbooks_changed.is_empty()
            && self.templates_changed.is_empty()
            && !self.cadence_changed
            && !self.targets_changed
            && !self.review_changed
            && !self.costs_changed
            && self.duties_added.is_empty()
            && self.duties_changed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, team: &str) -> Person {
        Person {
            name: name.into(),
            team: team.into(),
            contact: String::new(),
        }
    }

    #[test]
    fn a_person_of_the_same_name_is_replaced_whatever_the_case() {
        let s = Settings::default()
            .with_person(person("Ana Lima", "SRE"))
            .unwrap()
            .with_person(person(" ana lima ", "DBA"))
            .unwrap();
        assert_eq!(s.people, vec![person("ana lima", "DBA")]);
        assert_eq!(
            Settings::default().with_person(person("  ", "SRE")),
            Err(SettingsError::NameRequired)
        );
        assert_eq!(s.without_person("ANA LIMA").people, Vec::new());
        let two = s.with_person(person("Ben", "Network")).unwrap().with_cell(
            Level::Low,
            Level::Low,
            Priority::P4,
        );
        let one = two.without_person("ana lima");
        assert_eq!(one.people, vec![person("Ben", "Network")]);
        assert_eq!(one.matrix, two.matrix, "only the person goes");
    }

    #[test]
    fn entries_of_exactly_the_limit_are_kept_and_longer_ones_refused() {
        let at_limit = "n".repeat(MAX_NAME);
        let s = Settings::default()
            .with_person(person(&at_limit, &at_limit))
            .unwrap();
        assert_eq!(s.people[0].name, at_limit);
        let over = "n".repeat(MAX_NAME + 1);
        assert_eq!(
            Settings::default().with_person(person(&over, "")),
            Err(SettingsError::TooLong { max: MAX_NAME })
        );
        assert_eq!(
            Settings::default().with_person(person("Ana", &over)),
            Err(SettingsError::TooLong { max: MAX_NAME })
        );
    }

    #[test]
    fn applying_a_files_settings_adds_and_updates_people_and_takes_its_matrix() {
        let ours = Settings::default()
            .with_person(person("Ana", "SRE"))
            .unwrap()
            .with_person(person("Ben", "Network"))
            .unwrap()
            .with_remind_days(3)
            .unwrap();
        let theirs = Settings::default()
            .with_person(person("Ben", "Platform"))
            .unwrap()
            .with_person(person("Chen", "Security"))
            .unwrap()
            .with_cell(Level::Low, Level::Low, Priority::P4);
        let diff = SettingsDiff::between(&ours, &theirs);
        assert_eq!(diff.added, vec![person("Chen", "Security")]);
        assert_eq!(
            diff.changed,
            vec![(person("Ben", "Network"), person("Ben", "Platform"))]
        );
        assert_eq!(
            diff.cells,
            vec![CellChange {
                impact: Level::Low,
                urgency: Level::Low,
                from: Priority::P5,
                to: Priority::P4
            }]
        );
        let applied = ours.applied(&theirs);
        let names: Vec<&str> = applied.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Ana", "Ben", "Chen"], "nobody is removed");
        assert_eq!(applied.person("Ben"), Some(&person("Ben", "Platform")));
        assert_eq!(applied.matrix, theirs.matrix);
        assert_eq!(applied.remind_days, 3, "the reminder stays this browser's");
        assert!(SettingsDiff::between(&applied, &theirs).is_empty());
    }

    #[test]
    fn one_change_of_any_kind_makes_a_diff() {
        let ours = Settings::default()
            .with_person(person("Ana", "SRE"))
            .unwrap();
        let cell = ours.with_cell(Level::High, Level::Low, Priority::P1);
        let added = ours.with_person(person("Ben", "")).unwrap();
        let changed = ours.with_person(person("Ana", "DBA")).unwrap();
        for theirs in [&cell, &added, &changed] {
            assert!(
                !SettingsDiff::between(&ours, theirs).is_empty(),
                "{theirs:?}"
            );
        }
        assert!(SettingsDiff::between(&ours, &ours).is_empty());
    }

    #[test]
    fn reminder_days_are_held_to_their_range() {
        let s = Settings::default();
        assert_eq!(s.with_remind_days(0), Err(SettingsError::RemindDays));
        assert_eq!(
            s.with_remind_days(MAX_REMIND_DAYS + 1),
            Err(SettingsError::RemindDays)
        );
        assert_eq!(s.with_remind_days(1).map(|s| s.remind_days), Ok(1));
        assert_eq!(
            s.with_remind_days(MAX_REMIND_DAYS).map(|s| s.remind_days),
            Ok(MAX_REMIND_DAYS)
        );
    }
}
