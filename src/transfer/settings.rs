//! The settings as a file holds them (`settings` in a full export), with conversions from and to
//! the domain. A malformed entry is refused with its place (`settings.people[2].name: …`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use serde_json::{Map, Value};

use crate::domain::comms::{Audience, Cadence, TemplateKind, MAX_MINUTES};
use crate::domain::duties::{self, DutyDef, DutyDefError, MAX_DUTIES};
use crate::domain::playbooks::{self, Playbook, PlaybookItem, MAX_PLAYBOOKS};
use crate::domain::review::ReviewRule;
use crate::domain::settings::{
    self, Person, Settings, SettingsError, DEFAULT_REMIND_DAYS, MAX_COSTS, MAX_COST_PER_HOUR,
    MAX_CURRENCY, MAX_PEOPLE, MAX_REMIND_DAYS,
};
use crate::domain::targets::{TargetKind, Targets};
use crate::domain::templates::{self, TemplateError};
use crate::domain::{Category, Level, Matrix, Priority};
use crate::transfer::shown;

use super::wire::{Name, WireDeadline};

/// Text that is not blank: `what` names it when something else stands there, `why` refuses it
/// blank. Checked inside the read of the text (a visitor), so a refusal is placed at the text.
fn nonblank<'de, 'a, D: Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
    why: &'static str,
) -> Result<Cow<'a, str>, D::Error> {
    struct TextVisitor {
        what: &'static str,
        why: &'static str,
    }
    impl de::Visitor<'_> for TextVisitor {
        type Value = Cow<'static, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.what)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            match text.trim() {
                "" => Err(E::custom(self.why)),
                text => Ok(Cow::Owned(text.to_string())),
            }
        }
    }
    deserializer.deserialize_str(TextVisitor { what, why })
}

/// A person's name.
fn required<'de, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'a, str>, D::Error> {
    nonblank(deserializer, "a name", "empty; a person needs a name")
}

/// A playbook's name or id.
fn named<'de, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'a, str>, D::Error> {
    nonblank(
        deserializer,
        "a playbook's name or id",
        "empty; a playbook needs a name and an id",
    )
}

/// A playbook item's text or id.
fn item_text<'de, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'a, str>, D::Error> {
    nonblank(
        deserializer,
        "an item's text or id",
        "empty; an item says what to do",
    )
}

/// A duty's id.
fn duty_id<'de, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'a, str>, D::Error> {
    nonblank(deserializer, "a duty's id", "empty; a duty needs an id")
}

/// A duty's name.
fn duty_name<'de, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'a, str>, D::Error> {
    nonblank(deserializer, "a duty's name", "empty; a duty needs a name")
}

/// Whom a duty is owed to.
fn duty_recipient<'de, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'a, str>, D::Error> {
    nonblank(
        deserializer,
        "a duty's recipient",
        "empty; a duty needs a recipient",
    )
}

/// An update template, kept as written (checked inside the read of the text, so an unknown
/// placeholder is refused at the template that has it).
fn template<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct TemplateVisitor;
    impl de::Visitor<'_> for TemplateVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a template's text")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            templates::check(text).map_err(|error| {
                E::custom(match error {
                    TemplateError::Unknown { .. } => error.to_string(),
                    TemplateError::Unclosed => {
                        "unclosed brace; write {{ or }} for a brace".to_string()
                    }
                    TemplateError::TooLong { max } => format!("longer than {max} characters"),
                    TemplateError::Empty => "empty; a template says something".to_string(),
                })
            })?;
            Ok(Some(text.to_string()))
        }
    }
    deserializer.deserialize_str(TemplateVisitor)
}

/// A cadence or target in minutes, or `null` for none (checked inside the read of the number).
/// Absent, the cell is `None` and takes the default; `null` is `Some(None)`.
fn minutes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<u32>>, D::Error> {
    struct MinutesVisitor;
    impl MinutesVisitor {
        fn refused<E: de::Error>(minutes: impl std::fmt::Display) -> E {
            E::custom(format!(
                "{minutes} minutes; a time is 1 to {MAX_MINUTES} minutes (30 days), or null for none"
            ))
        }
    }
    impl<'de> de::Visitor<'de> for MinutesVisitor {
        type Value = Option<Option<u32>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number of minutes, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Some(None))
        }
        fn visit_some<D2: Deserializer<'de>>(self, inner: D2) -> Result<Self::Value, D2::Error> {
            inner.deserialize_u64(self)
        }
        fn visit_u64<E: de::Error>(self, minutes: u64) -> Result<Self::Value, E> {
            match u32::try_from(minutes) {
                Ok(m) if (1..=MAX_MINUTES).contains(&m) => Ok(Some(Some(m))),
                _ => Err(Self::refused(minutes)),
            }
        }
        fn visit_i64<E: de::Error>(self, minutes: i64) -> Result<Self::Value, E> {
            match u64::try_from(minutes) {
                Ok(m) => self.visit_u64(m),
                Err(_) => Err(Self::refused(minutes)),
            }
        }
    }
    deserializer.deserialize_option(MinutesVisitor)
}

/// A reminder interval in range (checked inside the read of the number, like a name).
fn days<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    struct DaysVisitor;
    impl de::Visitor<'_> for DaysVisitor {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number of days")
        }
        fn visit_u64<E: de::Error>(self, days: u64) -> Result<Self::Value, E> {
            match u32::try_from(days) {
                Ok(days) if (1..=MAX_REMIND_DAYS).contains(&days) => Ok(Some(days)),
                _ => Err(E::custom(format!(
                    "{days} days; the reminder interval is 1 to {MAX_REMIND_DAYS} days"
                ))),
            }
        }
    }
    deserializer.deserialize_u64(DaysVisitor)
}

#[derive(Debug, Serialize, Deserialize)]
struct WirePerson<'a> {
    #[serde(deserialize_with = "required")]
    name: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    team: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    contact: Cow<'a, str>,
}

/// One item of a playbook.
#[derive(Debug, Serialize, Deserialize)]
struct WireItem<'a> {
    #[serde(deserialize_with = "item_text")]
    id: Cow<'a, str>,
    #[serde(deserialize_with = "item_text")]
    text: Cow<'a, str>,
}

/// A playbook.
#[derive(Debug, Serialize, Deserialize)]
struct WirePlaybook<'a> {
    #[serde(deserialize_with = "named")]
    id: Cow<'a, str>,
    #[serde(deserialize_with = "named")]
    name: Cow<'a, str>,
    categories: Vec<Name<Category>>,
    items: Vec<WireItem<'a>>,
}

/// One row of the matrix: the priority for each urgency.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireRow {
    high: Name<Priority>,
    medium: Name<Priority>,
    low: Name<Priority>,
}

/// The matrix by impact, then urgency.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireMatrix {
    high: WireRow,
    medium: WireRow,
    low: WireRow,
}

/// The update templates by kind; a kind not written takes the shipped template.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireTemplates {
    #[serde(
        default,
        deserialize_with = "template",
        skip_serializing_if = "Option::is_none"
    )]
    initial: Option<String>,
    #[serde(
        default,
        deserialize_with = "template",
        skip_serializing_if = "Option::is_none"
    )]
    can: Option<String>,
    #[serde(
        default,
        deserialize_with = "template",
        skip_serializing_if = "Option::is_none"
    )]
    resolved: Option<String>,
}

/// Minutes (`null`: none) as a file holds them; an absent cell takes the default.
type Cell = Option<Option<u32>>;

/// One priority's update cadence, per audience.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireAudiences {
    #[serde(
        default,
        deserialize_with = "minutes",
        skip_serializing_if = "Option::is_none"
    )]
    internal: Cell,
    #[serde(
        default,
        deserialize_with = "minutes",
        skip_serializing_if = "Option::is_none"
    )]
    executive: Cell,
    #[serde(
        default,
        deserialize_with = "minutes",
        skip_serializing_if = "Option::is_none"
    )]
    customers: Cell,
}

/// One priority's response targets.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireTargetRow {
    #[serde(
        default,
        deserialize_with = "minutes",
        skip_serializing_if = "Option::is_none"
    )]
    acknowledge: Cell,
    #[serde(
        default,
        deserialize_with = "minutes",
        skip_serializing_if = "Option::is_none"
    )]
    resolve: Cell,
}

/// A row per priority; a priority not written takes the default row.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ByPriority<T> {
    #[serde(rename = "P1", default = "Option::default")]
    p1: Option<T>,
    #[serde(rename = "P2", default = "Option::default")]
    p2: Option<T>,
    #[serde(rename = "P3", default = "Option::default")]
    p3: Option<T>,
    #[serde(rename = "P4", default = "Option::default")]
    p4: Option<T>,
    #[serde(rename = "P5", default = "Option::default")]
    p5: Option<T>,
}

impl<T> ByPriority<T> {
    fn of(row: impl Fn(Priority) -> T) -> Self {
        ByPriority {
            p1: Some(row(Priority::P1)),
            p2: Some(row(Priority::P2)),
            p3: Some(row(Priority::P3)),
            p4: Some(row(Priority::P4)),
            p5: Some(row(Priority::P5)),
        }
    }

    fn rows(self) -> [(Priority, Option<T>); 5] {
        [
            (Priority::P1, self.p1),
            (Priority::P2, self.p2),
            (Priority::P3, self.p3),
            (Priority::P4, self.p4),
            (Priority::P5, self.p5),
        ]
    }
}

/// A notification duty as the settings hold it.
#[derive(Debug, Serialize, Deserialize)]
struct WireDuty<'a> {
    #[serde(deserialize_with = "duty_id")]
    id: Cow<'a, str>,
    #[serde(deserialize_with = "duty_name")]
    name: Cow<'a, str>,
    #[serde(deserialize_with = "duty_recipient")]
    recipient: Cow<'a, str>,
    #[serde(default)]
    starts: Cow<'a, str>,
    deadline: WireDeadline,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<Cow<'a, str>>,
}

/// Which incidents need a review to close: the priorities that do, and whether drills follow
/// the same rule.
#[derive(Debug, Serialize, Deserialize)]
struct WireReviewRule {
    needed: Vec<Name<Priority>>,
    #[serde(default = "yes")]
    drills: bool,
}

fn yes() -> bool {
    true
}

/// What an hour of downtime costs, per service, and the currency it is in.
#[derive(Debug, Serialize, Deserialize)]
struct WireDowntimeCost {
    #[serde(default, deserialize_with = "currency")]
    currency: String,
    #[serde(default)]
    per_hour: Rates,
}

/// A currency label (checked inside the read of the text, so a refusal is placed at it).
fn currency<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct CurrencyVisitor;
    impl de::Visitor<'_> for CurrencyVisitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a currency label")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            settings::currency(text).map_err(|_| {
                E::custom(format!(
                    "{}; a currency is a label of at most {MAX_CURRENCY} characters, such as EUR or $, without control characters",
                    shown(text)
                ))
            })
        }
    }
    deserializer.deserialize_str(CurrencyVisitor)
}

/// A cost per hour of downtime in range (checked inside the read of the number).
struct PerHour(u64);

impl<'de> Deserialize<'de> for PerHour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PerHourVisitor;
        impl PerHourVisitor {
            fn refused<E: de::Error>(per_hour: impl std::fmt::Display) -> E {
                E::custom(format!(
                    "{per_hour}; a cost per hour is a whole number from 0 to {MAX_COST_PER_HOUR}"
                ))
            }
        }
        impl de::Visitor<'_> for PerHourVisitor {
            type Value = PerHour;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number of currency units per hour")
            }
            fn visit_u64<E: de::Error>(self, per_hour: u64) -> Result<Self::Value, E> {
                settings::cost_per_hour(per_hour)
                    .map(PerHour)
                    .map_err(|_| Self::refused(per_hour))
            }
            fn visit_i64<E: de::Error>(self, per_hour: i64) -> Result<Self::Value, E> {
                match u64::try_from(per_hour) {
                    Ok(per_hour) => self.visit_u64(per_hour),
                    Err(_) => Err(Self::refused(per_hour)),
                }
            }
        }
        deserializer.deserialize_u64(PerHourVisitor)
    }
}

/// Costs per hour by service. Each name is checked as it is read, so a refusal is placed at its
/// entry; a name written twice exactly takes its last cost (as `JSON.parse` reads it), but two
/// names equal ignoring ASCII case are one service with two costs, and refused.
#[derive(Debug, Default, Serialize)]
#[serde(transparent)]
struct Rates(BTreeMap<String, u64>);

impl<'de> Deserialize<'de> for Rates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RatesVisitor;
        impl<'de> de::Visitor<'de> for RatesVisitor {
            type Value = Rates;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of costs per hour by service")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Rates, A::Error> {
                let mut rates: BTreeMap<String, u64> = BTreeMap::new();
                // Each service's name in lower case → the key it was written as.
                let mut seen: BTreeMap<String, String> = BTreeMap::new();
                let mut found = 0usize;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    found += 1;
                    if found > MAX_COSTS {
                        // Read to the end only to count, keeping nothing.
                        map.next_value::<de::IgnoredAny>()?;
                        continue;
                    }
                    let name = settings::cost_service(&key).map_err(|error| {
                        de::Error::custom(match error {
                            SettingsError::ServiceRequired => {
                                "an empty service name; a cost is for a named service".to_string()
                            }
                            SettingsError::ControlCharacter => {
                                format!("a control character in the service name {}", shown(&key))
                            }
                            _ => format!(
                                "a service name longer than {} characters",
                                crate::domain::commands::MAX_NAME
                            ),
                        })
                    })?;
                    let lower = name.to_ascii_lowercase();
                    if let Some(earlier) = seen.get(&lower) {
                        if **earlier != *key {
                            return Err(de::Error::custom(format!(
                                "{} and {} name one service (names ignore case); give it one cost",
                                shown(earlier),
                                shown(&key)
                            )));
                        }
                    }
                    let PerHour(per_hour) = map.next_value()?;
                    seen.insert(lower, key.into_owned());
                    rates.insert(name, per_hour);
                }
                if found > MAX_COSTS {
                    return Err(de::Error::custom(format!(
                        "{found} services; the settings hold costs for at most {MAX_COSTS}"
                    )));
                }
                Ok(Rates(rates))
            }
        }
        deserializer.deserialize_map(RatesVisitor)
    }
}

/// The settings as written. Keys this version does not know (a newer Sitrep's) are kept and
/// written back as they came.
#[derive(Debug, Serialize, Deserialize)]
pub struct WireSettings<'a> {
    #[serde(default)]
    people: Vec<WirePerson<'a>>,
    #[serde(default)]
    priority_matrix: Option<WireMatrix>,
    /// Absent in a file older than playbooks: the shipped ones are used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    playbooks: Option<Vec<WirePlaybook<'a>>>,
    /// Absent in a file older than templates: the shipped ones are used (likewise below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    templates: Option<WireTemplates>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cadence: Option<ByPriority<WireAudiences>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    targets: Option<ByPriority<WireTargetRow>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    duties: Option<Vec<WireDuty<'a>>>,
    /// Absent in a file older than reviews: P1 to P3 need one, drills alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    review: Option<WireReviewRule>,
    /// Absent in a file older than costs of downtime: no service has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    downtime_cost: Option<WireDowntimeCost>,
    #[serde(
        default,
        deserialize_with = "days",
        skip_serializing_if = "Option::is_none"
    )]
    remind_days: Option<u32>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl<'a> From<&'a Settings> for WireSettings<'a> {
    fn from(s: &'a Settings) -> Self {
        let row = |impact| WireRow {
            high: Name(s.matrix.priority(impact, Level::High)),
            medium: Name(s.matrix.priority(impact, Level::Medium)),
            low: Name(s.matrix.priority(impact, Level::Low)),
        };
        WireSettings {
            people: s
                .people
                .iter()
                .map(|p| WirePerson {
                    name: Cow::Borrowed(&p.name),
                    team: Cow::Borrowed(&p.team),
                    contact: Cow::Borrowed(&p.contact),
                })
                .collect(),
            priority_matrix: Some(WireMatrix {
                high: row(Level::High),
                medium: row(Level::Medium),
                low: row(Level::Low),
            }),
            playbooks: Some(
                s.playbooks
                    .iter()
                    .map(|p| WirePlaybook {
                        id: Cow::Borrowed(&p.id),
                        name: Cow::Borrowed(&p.name),
                        categories: p.categories.iter().map(|c| Name(*c)).collect(),
                        items: p
                            .items
                            .iter()
                            .map(|i| WireItem {
                                id: Cow::Borrowed(&i.id),
                                text: Cow::Borrowed(&i.text),
                            })
                            .collect(),
                    })
                    .collect(),
            ),
            templates: Some(WireTemplates {
                initial: Some(s.template(TemplateKind::Initial).to_string()),
                can: Some(s.template(TemplateKind::Can).to_string()),
                resolved: Some(s.template(TemplateKind::Resolved).to_string()),
            }),
            cadence: Some(ByPriority::of(|p| WireAudiences {
                internal: Some(s.cadence.minutes(p, Audience::Internal)),
                executive: Some(s.cadence.minutes(p, Audience::Executive)),
                customers: Some(s.cadence.minutes(p, Audience::Customers)),
            })),
            targets: Some(ByPriority::of(|p| WireTargetRow {
                acknowledge: Some(s.targets.minutes(p, TargetKind::Acknowledge)),
                resolve: Some(s.targets.minutes(p, TargetKind::Resolve)),
            })),
            review: Some(WireReviewRule {
                needed: Priority::ALL
                    .into_iter()
                    .filter(|p| s.review.priorities[*p as usize])
                    .map(Name)
                    .collect(),
                drills: s.review.drills,
            }),
            downtime_cost: Some(WireDowntimeCost {
                currency: s.currency.clone(),
                per_hour: Rates(s.costs.clone()),
            }),
            duties: Some(
                s.duties
                    .iter()
                    .map(|d| WireDuty {
                        id: Cow::Borrowed(&d.id),
                        name: Cow::Borrowed(&d.name),
                        recipient: Cow::Borrowed(&d.recipient),
                        starts: Cow::Borrowed(&d.starts),
                        deadline: WireDeadline(d.deadline),
                        after: d.after.as_deref().map(Cow::Borrowed),
                    })
                    .collect(),
            ),
            remind_days: Some(s.remind_days),
            extra: s
                .extra
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }
}

/// Why settings read from a file cannot be used, beyond their shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsProblem {
    /// More people than the directory holds.
    TooManyPeople {
        /// How many the file lists.
        found: usize,
    },
    /// Two entries of one name.
    SameName {
        /// The later entry's index.
        index: usize,
    },
    /// An entry the directory refuses (an entry too long).
    Person {
        /// The entry's index.
        index: usize,
        /// Why.
        error: SettingsError,
    },
    /// More playbooks than the settings hold.
    TooManyPlaybooks {
        /// How many the file lists.
        found: usize,
    },
    /// Two playbooks of one id.
    SamePlaybook {
        /// The later playbook's index.
        index: usize,
    },
    /// A playbook the settings refuse.
    Playbook {
        /// The playbook's index.
        index: usize,
        /// Why.
        error: SettingsError,
    },
    /// More duties than the settings hold.
    TooManyDuties {
        /// How many the file lists.
        found: usize,
    },
    /// Two duties of one id.
    SameDuty {
        /// The later duty's index.
        index: usize,
    },
    /// A duty the settings refuse.
    Duty {
        /// The duty's index.
        index: usize,
        /// Why.
        error: DutyDefError,
    },
}

impl WireSettings<'_> {
    /// The domain's settings; a missing matrix, interval, template, cadence or target (or a
    /// missing priority or audience in one) takes the default, missing playbooks or duties the
    /// shipped ones.
    pub fn into_settings(self) -> Result<Settings, SettingsProblem> {
        if self.people.len() > MAX_PEOPLE {
            return Err(SettingsProblem::TooManyPeople {
                found: self.people.len(),
            });
        }
        // Built through the directory's own rule, so a file holds it to the same limits.
        let mut settings = Settings::default();
        for (index, p) in self.people.into_iter().enumerate() {
            if settings.person(&p.name).is_some() {
                return Err(SettingsProblem::SameName { index });
            }
            let person = Person {
                name: p.name.into_owned(),
                team: p.team.into_owned(),
                contact: p.contact.into_owned(),
            };
            settings = settings
                .with_person(person)
                .map_err(|error| SettingsProblem::Person { index, error })?;
        }
        let matrix = match self.priority_matrix {
            None => Matrix::DEFAULT,
            Some(m) => {
                let mut matrix = Matrix::DEFAULT;
                for (impact, row) in [
                    (Level::High, m.high),
                    (Level::Medium, m.medium),
                    (Level::Low, m.low),
                ] {
                    matrix = matrix
                        .with(impact, Level::High, row.high.0)
                        .with(impact, Level::Medium, row.medium.0)
                        .with(impact, Level::Low, row.low.0);
                }
                matrix
            }
        };
        let playbooks = match self.playbooks {
            None => playbooks::defaults(),
            Some(list) => {
                if list.len() > MAX_PLAYBOOKS {
                    return Err(SettingsProblem::TooManyPlaybooks { found: list.len() });
                }
                let mut held = Settings {
                    playbooks: Vec::new(),
                    ..Settings::default()
                };
                for (index, p) in list.into_iter().enumerate() {
                    if held.playbook(&p.id).is_some() {
                        return Err(SettingsProblem::SamePlaybook { index });
                    }
                    let playbook = Playbook {
                        id: p.id.into_owned(),
                        name: p.name.into_owned(),
                        categories: p.categories.into_iter().map(|c| c.0).collect(),
                        items: p
                            .items
                            .into_iter()
                            .map(|i| PlaybookItem {
                                id: i.id.into_owned(),
                                text: i.text.into_owned(),
                            })
                            .collect(),
                    };
                    held = held
                        .with_playbook(&playbook)
                        .map_err(|error| SettingsProblem::Playbook { index, error })?;
                }
                held.playbooks
            }
        };
        let mut templates = templates::defaults();
        if let Some(t) = self.templates {
            for (kind, text) in [
                (TemplateKind::Initial, t.initial),
                (TemplateKind::Can, t.can),
                (TemplateKind::Resolved, t.resolved),
            ] {
                if let Some(text) = text {
                    templates[kind.index()] = text;
                }
            }
        }
        let mut cadence = Cadence::default();
        for (priority, row) in self.cadence.map(ByPriority::rows).into_iter().flatten() {
            let Some(row) = row else { continue };
            for (audience, cell) in [
                (Audience::Internal, row.internal),
                (Audience::Executive, row.executive),
                (Audience::Customers, row.customers),
            ] {
                if let Some(minutes) = cell {
                    cadence.0[priority as usize][audience.index()] = minutes;
                }
            }
        }
        let mut targets = Targets::default();
        for (priority, row) in self.targets.map(ByPriority::rows).into_iter().flatten() {
            let Some(row) = row else { continue };
            for (kind, cell) in [
                (TargetKind::Acknowledge, row.acknowledge),
                (TargetKind::Resolve, row.resolve),
            ] {
                if let Some(minutes) = cell {
                    targets.0[priority as usize][kind as usize] = minutes;
                }
            }
        }
        let duties = match self.duties {
            None => duties::defaults(),
            Some(list) => {
                if list.len() > MAX_DUTIES {
                    return Err(SettingsProblem::TooManyDuties { found: list.len() });
                }
                let mut held: Vec<DutyDef> = Vec::with_capacity(list.len());
                for (index, d) in list.into_iter().enumerate() {
                    let duty = DutyDef {
                        id: d.id.into_owned(),
                        name: d.name.into_owned(),
                        recipient: d.recipient.into_owned(),
                        starts: d.starts.into_owned(),
                        deadline: d.deadline.0,
                        after: d.after.map(Cow::into_owned),
                    }
                    .checked()
                    .map_err(|error| SettingsProblem::Duty { index, error })?;
                    if held.iter().any(|h| h.id == duty.id) {
                        return Err(SettingsProblem::SameDuty { index });
                    }
                    held.push(duty);
                }
                held
            }
        };
        let review = self.review.map_or_else(ReviewRule::default, |r| {
            let mut priorities = [false; 5];
            for Name(p) in r.needed {
                priorities[p as usize] = true;
            }
            ReviewRule {
                priorities,
                drills: r.drills,
            }
        });
        let (costs, currency) = self
            .downtime_cost
            .map(|d| (d.per_hour.0, d.currency))
            .unwrap_or_default();
        Ok(Settings {
            matrix,
            review,
            costs,
            currency,
            playbooks,
            templates,
            cadence,
            targets,
            duties,
            remind_days: self.remind_days.unwrap_or(DEFAULT_REMIND_DAYS),
            extra: self.extra.into_iter().collect(),
            ..settings
        })
    }
}

/// The settings as the browser stores them (one record).
pub fn settings_to_json(settings: &Settings) -> Result<String, super::WriteError> {
    serde_json::to_string(&WireSettings::from(settings))
        .map_err(|e| super::WriteError(e.to_string()))
}

/// Reads settings stored with [`settings_to_json`].
pub fn settings_from_json(json: &str) -> Result<Settings, String> {
    let wire: WireSettings<'static> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    wire.into_settings().map_err(|e| format!("{e:?}"))
}
