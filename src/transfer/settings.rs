//! The settings as a file holds them (`settings` in a full export), with conversions from and to
//! the domain. A malformed entry is refused with its place (`settings.people[2].name: …`).

use std::borrow::Cow;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use serde_json::{Map, Value};

use crate::domain::playbooks::{self, Playbook, PlaybookItem, MAX_PLAYBOOKS};
use crate::domain::settings::{
    Person, Settings, SettingsError, DEFAULT_REMIND_DAYS, MAX_PEOPLE, MAX_REMIND_DAYS,
};
use crate::domain::{Category, Level, Matrix, Priority};

use super::wire::Name;

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
}

impl WireSettings<'_> {
    /// The domain's settings; a missing matrix or interval takes the default.
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
        Ok(Settings {
            matrix,
            playbooks,
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
