//! The file's own types (format version 2), with conversions from and to the domain.
//!
//! A change to a domain type cannot change the file silently: every name written here is spelled
//! out here. Each incident is written with its current fields, for people reading the file, and
//! its events; a reader takes only the events (and unknown fields) and folds the fields again.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::domain::actions::{ActionEvent, ActionKind, ActionState, Outcome as ActionOutcome};
use crate::domain::assessment::{Assessment, AssessmentEvent};
use crate::domain::comms::{Audience, CommsEvent, TemplateKind};
use crate::domain::details::DetailsEvent;
use crate::domain::duties::{Deadline, DutyDef, DutyEvent, Outcome};
use crate::domain::identity::IdentityEvent;
use crate::domain::lifecycle::LifecycleEvent;
use crate::domain::links::{LinkEvent, LinkKind, RecordKind};
use crate::domain::notes::NoteEvent;
use crate::domain::resolution::{ResolutionEvent, ResolutionKind};
use crate::domain::review::{ReviewEvent, ReviewStatus, Section};
use crate::domain::roles::{Expert, Role, RolesEvent};
use crate::domain::targets::{TargetEvent, TargetKind};
use crate::domain::tasks::{Origin, TaskEvent, TaskState};
use crate::domain::{
    Category, Change, Declaration, Earlier, Event, FoldError, Incident, IncidentKind, Level, Log,
    Milestones, Priority, PriorityOverride, State, Unknown,
};

/// A domain enum written by its stable machine name.
pub trait Named: Copy + Sized {
    /// What the value is, for error messages.
    const WHAT: &'static str;
    /// The machine name.
    fn name(self) -> &'static str;
    /// The value of a machine name.
    fn from_name(name: &str) -> Option<Self>;
}

macro_rules! named {
    ($ty:ty, $what:literal) => {
        impl Named for $ty {
            const WHAT: &'static str = $what;
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn from_name(name: &str) -> Option<Self> {
                <$ty>::parse(name)
            }
        }
    };
}

named!(State, "state");
named!(Level, "level");
named!(Priority, "priority");
named!(Category, "category");
named!(IncidentKind, "kind");
named!(Role, "role");
named!(TaskState, "task state");
named!(ResolutionKind, "resolution kind");
named!(LinkKind, "link kind");
named!(RecordKind, "record kind");
named!(Audience, "audience");
named!(TemplateKind, "template");
named!(TargetKind, "target");
named!(Section, "review section");
named!(ReviewStatus, "review status");
named!(ActionKind, "action kind");
named!(ActionState, "action state");

/// A [`Named`] value as it is written: its machine name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<T>(pub T);

impl<T: Named> Serialize for Name<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.name())
    }
}

impl<'de, T: Named> Deserialize<'de> for Name<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Checked inside the read of the text, so a refusal is placed at the name itself.
        struct NameVisitor<T>(std::marker::PhantomData<T>);
        impl<T: Named> Visitor<'_> for NameVisitor<T> {
            type Value = Name<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Name<T>, E> {
                T::from_name(name).map(Name).ok_or_else(|| {
                    E::custom(format!("not a known {} ({})", T::WHAT, super::shown(name)))
                })
            }
        }
        deserializer.deserialize_str(NameVisitor(std::marker::PhantomData))
    }
}

/// An RFC 3339 time; anything else is "not a date".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time(pub DateTime<Utc>);

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl Visitor<'_> for TimeVisitor {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Time, E> {
                DateTime::parse_from_rfc3339(text)
                    .map(|t| Time(t.with_timezone(&Utc)))
                    .map_err(|_| E::custom("not a date"))
            }
        }
        deserializer.deserialize_str(TimeVisitor)
    }
}

/// A calendar day, `YYYY-MM-DD`; anything else is "not a day".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub chrono::NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DayVisitor;
        impl Visitor<'_> for DayVisitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a day (YYYY-MM-DD)")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Day, E> {
                let day = (text.len() == 10)
                    .then(|| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
                    .flatten();
                day.map(Day)
                    .ok_or_else(|| E::custom("not a day (YYYY-MM-DD)"))
            }
        }
        deserializer.deserialize_str(DayVisitor)
    }
}

/// One event as written.
#[derive(Debug, Serialize, Deserialize)]
pub struct WireEvent<'a> {
    id: Uuid,
    recorded_at: Time,
    /// Written only when it differs from `recorded_at` (a backdated note, or a write ordered
    /// after a copy whose clock ran ahead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<Time>,
    actor: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    supersedes: Vec<Uuid>,
    change: WireChange<'a>,
}

/// An event's change as written: `{"kind": payload}`, or `"kind"` for a kind without payload.
/// A kind this build does not know is kept as it came ([`Change::Unknown`]).
#[derive(Debug)]
enum WireChange<'a> {
    Declared(Box<WireDeclaration<'a>>),
    StateChanged(WireStateChanged),
    TitleSet(Cow<'a, str>),
    DescriptionSet(Cow<'a, str>),
    CategorySet(Name<Category>),
    ServicesSet(Vec<Cow<'a, str>>),
    Assessed(WireAssessed),
    PriorityOverridden(WireOverride<'a>),
    OverrideCleared,
    RoleAssigned(WireRoleAssigned<'a>),
    RoleReleased(WireRoleReleased<'a>),
    ExpertAssigned(WireExpert<'a>),
    ExpertReleased(WireExpertReleased),
    NoteAdded(Cow<'a, str>),
    Renumbered(Cow<'a, str>),
    Earlier(WireEarlier<'a>),
    TaskCreated(WireTaskCreated<'a>),
    TaskRetitled(WireTaskTitle<'a>),
    TaskAssigned(WireTaskOwner<'a>),
    TaskDated(WireTaskDue),
    TaskState(WireTaskState),
    ResolutionRecorded(WireResolution<'a>),
    LinkAdded(WireLink<'a>),
    LinkRemoved(WireUnlink),
    RecordReferenced(WireReference<'a>),
    RecordUnreferenced(WireUnreference),
    UpdatePosted(WireUpdate<'a>),
    PublicTitleSet(Cow<'a, str>),
    PublicSet(bool),
    TargetBreached(WireBreach),
    DutyStarted(WireDutyStarted<'a>),
    DutyClockSet(WireDutyClock),
    DutySettled(WireDutySettled<'a>),
    ReviewWritten(WireReviewText<'a>),
    ReviewStarred(WireStar),
    ReviewStatusSet(WireReviewStatus),
    ReviewWaived(WireWaiver<'a>),
    ActionCreated(WireActionCreated<'a>),
    ActionRetitled(WireActionTitle<'a>),
    ActionKindSet(WireActionKind),
    ActionAssigned(WireActionOwner<'a>),
    ActionDated(WireActionDue),
    ActionStateSet(WireActionState<'a>),
    Unknown(Cow<'a, Value>),
}

#[derive(Debug, Serialize, Deserialize)]
struct WireReviewText<'a> {
    section: Name<Section>,
    text: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireStar {
    entry: Uuid,
    starred: bool,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireReviewStatus {
    status: Name<ReviewStatus>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireWaiver<'a> {
    reason: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireActionCreated<'a> {
    action: Uuid,
    title: Cow<'a, str>,
    kind: Name<ActionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<Day>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireActionTitle<'a> {
    action: Uuid,
    title: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireActionKind {
    action: Uuid,
    kind: Name<ActionKind>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireActionOwner<'a> {
    action: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireActionDue {
    action: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<Day>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireActionState<'a> {
    action: Uuid,
    state: Name<ActionState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireUpdate<'a> {
    update: Uuid,
    audience: Name<Audience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    template: Option<Name<TemplateKind>>,
    text: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    corrects: Option<Uuid>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireBreach {
    target: Name<TargetKind>,
    priority: Name<Priority>,
}

/// A deadline as written: a unit's name and an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireDeadline(pub Deadline);

impl Serialize for WireDeadline {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("unit", self.0.unit())?;
        map.serialize_entry("amount", &self.0.amount())?;
        map.end()
    }
}

/// A deadline's unit by its machine name.
struct Unit(&'static str);

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Checked inside the read of the text, so a refusal is placed at the unit itself.
        struct UnitVisitor;
        impl Visitor<'_> for UnitVisitor {
            type Value = Unit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a deadline unit")
            }
            fn visit_str<E: de::Error>(self, unit: &str) -> Result<Unit, E> {
                Deadline::of(unit, 0)
                    .map(|d| Unit(d.unit()))
                    .ok_or_else(|| {
                        E::custom(format!(
                            "not a known deadline unit ({})",
                            super::shown(unit)
                        ))
                    })
            }
        }
        deserializer.deserialize_str(UnitVisitor)
    }
}

impl<'de> Deserialize<'de> for WireDeadline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            unit: Unit,
            amount: u32,
        }
        let raw = Raw::deserialize(deserializer)?;
        Deadline::of(raw.unit.0, raw.amount)
            .map(WireDeadline)
            .ok_or_else(|| de::Error::custom("not a known deadline unit"))
    }
}

/// A notification duty's definition as written.
#[derive(Debug, Serialize, Deserialize)]
pub struct WireDutyDef<'a> {
    id: Cow<'a, str>,
    name: Cow<'a, str>,
    recipient: Cow<'a, str>,
    #[serde(default)]
    starts: Cow<'a, str>,
    deadline: WireDeadline,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<Cow<'a, str>>,
}

impl<'a> From<&'a DutyDef> for WireDutyDef<'a> {
    fn from(d: &'a DutyDef) -> Self {
        WireDutyDef {
            id: Cow::Borrowed(&d.id),
            name: Cow::Borrowed(&d.name),
            recipient: Cow::Borrowed(&d.recipient),
            starts: Cow::Borrowed(&d.starts),
            deadline: WireDeadline(d.deadline),
            after: d.after.as_deref().map(Cow::Borrowed),
        }
    }
}

impl From<WireDutyDef<'_>> for DutyDef {
    fn from(d: WireDutyDef<'_>) -> Self {
        DutyDef {
            id: d.id.into_owned(),
            name: d.name.into_owned(),
            recipient: d.recipient.into_owned(),
            starts: d.starts.into_owned(),
            deadline: d.deadline.0,
            after: d.after.map(Cow::into_owned),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct WireDutyStarted<'a> {
    duty: Uuid,
    def: WireDutyDef<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<Time>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireDutyClock {
    duty: Uuid,
    from: Time,
}

/// How a duty stands, as written: `open`, `done` (by, at, reference) or `waived` (reason).
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
enum WireOutcome<'a> {
    Open,
    Done {
        by: Cow<'a, str>,
        at: Time,
        #[serde(default)]
        reference: Cow<'a, str>,
    },
    Waived {
        reason: Cow<'a, str>,
    },
}

#[derive(Debug, Serialize, Deserialize)]
struct WireDutySettled<'a> {
    duty: Uuid,
    #[serde(flatten)]
    outcome: WireOutcome<'a>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireResolution<'a> {
    record: Uuid,
    kind: Name<ResolutionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    escalated_to: Option<Cow<'a, str>>,
    summary: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireLink<'a> {
    link: Uuid,
    kind: Name<LinkKind>,
    target: Uuid,
    target_ref: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireUnlink {
    link: Uuid,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireReference<'a> {
    reference: Uuid,
    kind: Name<RecordKind>,
    value: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireUnreference {
    reference: Uuid,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireTaskCreated<'a> {
    task: Uuid,
    title: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    playbook: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireTaskTitle<'a> {
    task: Uuid,
    title: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireTaskOwner<'a> {
    task: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireTaskDue {
    task: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<Time>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireTaskState {
    task: Uuid,
    state: Name<TaskState>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireStateChanged {
    from: Name<State>,
    to: Name<State>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireAssessed {
    impact: Name<Level>,
    urgency: Name<Level>,
    priority: Name<Priority>,
}

/// A role event's payload as read: the role as text, so that a role a newer Sitrep added is
/// told apart (and kept) rather than refused.
#[derive(Deserialize)]
struct WireRole<'a> {
    #[serde(borrow)]
    role: Cow<'a, str>,
    #[serde(default, borrow)]
    person: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    from: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireRoleAssigned<'a> {
    role: Name<Role>,
    person: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireRoleReleased<'a> {
    role: Name<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireExpert<'a> {
    expert: Uuid,
    person: Cow<'a, str>,
    area: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireExpertReleased {
    expert: Uuid,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireEarlier<'a> {
    field: Cow<'a, str>,
    from: Cow<'a, str>,
    to: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<Cow<'a, str>>,
}

/// Every kind this build knows, as written.
const KINDS: &[&str] = &[
    "declared",
    "state_changed",
    "title_set",
    "description_set",
    "category_set",
    "services_set",
    "assessed",
    "priority_overridden",
    "override_cleared",
    "role_assigned",
    "role_released",
    "expert_assigned",
    "expert_released",
    "note_added",
    "renumbered",
    "earlier",
    "task_created",
    "task_retitled",
    "task_assigned",
    "task_dated",
    "task_state",
    "resolution_recorded",
    "link_added",
    "link_removed",
    "record_referenced",
    "record_unreferenced",
    "update_posted",
    "public_title_set",
    "public_set",
    "target_breached",
    "duty_started",
    "duty_clock_set",
    "duty_settled",
    "review_written",
    "review_starred",
    "review_status_set",
    "review_waived",
    "action_created",
    "action_retitled",
    "action_kind_set",
    "action_assigned",
    "action_dated",
    "action_state_set",
];

impl Serialize for WireChange<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn one<S: Serializer, T: Serialize + ?Sized>(
            serializer: S,
            kind: &'static str,
            payload: &T,
        ) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry(kind, payload)?;
            map.end()
        }
        match self {
            WireChange::Declared(d) => one(serializer, "declared", d),
            WireChange::StateChanged(c) => one(serializer, "state_changed", c),
            WireChange::TitleSet(t) => one(serializer, "title_set", t),
            WireChange::DescriptionSet(t) => one(serializer, "description_set", t),
            WireChange::CategorySet(c) => one(serializer, "category_set", c),
            WireChange::ServicesSet(s) => one(serializer, "services_set", s),
            WireChange::Assessed(a) => one(serializer, "assessed", a),
            WireChange::PriorityOverridden(o) => one(serializer, "priority_overridden", o),
            WireChange::OverrideCleared => serializer.serialize_str("override_cleared"),
            WireChange::RoleAssigned(r) => one(serializer, "role_assigned", r),
            WireChange::RoleReleased(r) => one(serializer, "role_released", r),
            WireChange::ExpertAssigned(e) => one(serializer, "expert_assigned", e),
            WireChange::ExpertReleased(e) => one(serializer, "expert_released", e),
            WireChange::NoteAdded(t) => one(serializer, "note_added", t),
            WireChange::Renumbered(r) => one(serializer, "renumbered", r),
            WireChange::Earlier(e) => one(serializer, "earlier", e),
            WireChange::TaskCreated(t) => one(serializer, "task_created", t),
            WireChange::TaskRetitled(t) => one(serializer, "task_retitled", t),
            WireChange::TaskAssigned(t) => one(serializer, "task_assigned", t),
            WireChange::TaskDated(t) => one(serializer, "task_dated", t),
            WireChange::TaskState(t) => one(serializer, "task_state", t),
            WireChange::ResolutionRecorded(r) => one(serializer, "resolution_recorded", r),
            WireChange::LinkAdded(l) => one(serializer, "link_added", l),
            WireChange::LinkRemoved(l) => one(serializer, "link_removed", l),
            WireChange::RecordReferenced(r) => one(serializer, "record_referenced", r),
            WireChange::RecordUnreferenced(r) => one(serializer, "record_unreferenced", r),
            WireChange::UpdatePosted(u) => one(serializer, "update_posted", u),
            WireChange::PublicTitleSet(t) => one(serializer, "public_title_set", t),
            WireChange::PublicSet(p) => one(serializer, "public_set", p),
            WireChange::TargetBreached(b) => one(serializer, "target_breached", b),
            WireChange::DutyStarted(d) => one(serializer, "duty_started", d),
            WireChange::DutyClockSet(d) => one(serializer, "duty_clock_set", d),
            WireChange::DutySettled(d) => one(serializer, "duty_settled", d),
            WireChange::ReviewWritten(r) => one(serializer, "review_written", r),
            WireChange::ReviewStarred(r) => one(serializer, "review_starred", r),
            WireChange::ReviewStatusSet(r) => one(serializer, "review_status_set", r),
            WireChange::ReviewWaived(r) => one(serializer, "review_waived", r),
            WireChange::ActionCreated(a) => one(serializer, "action_created", a),
            WireChange::ActionRetitled(a) => one(serializer, "action_retitled", a),
            WireChange::ActionKindSet(a) => one(serializer, "action_kind_set", a),
            WireChange::ActionAssigned(a) => one(serializer, "action_assigned", a),
            WireChange::ActionDated(a) => one(serializer, "action_dated", a),
            WireChange::ActionStateSet(a) => one(serializer, "action_state_set", a),
            WireChange::Unknown(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de, 'a> Deserialize<'de> for WireChange<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ChangeVisitor<'a>(std::marker::PhantomData<WireChange<'a>>);
        impl<'de, 'a> Visitor<'de> for ChangeVisitor<'a> {
            type Value = WireChange<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event change (an object with one kind, or a kind's name)")
            }
            fn visit_str<E: de::Error>(self, kind: &str) -> Result<Self::Value, E> {
                match kind {
                    "override_cleared" => Ok(WireChange::OverrideCleared),
                    known if KINDS.contains(&known) => Err(E::custom(format!(
                        "the kind {known:?} needs a value: write {{\"{known}\": …}}"
                    ))),
                    unknown => Ok(WireChange::Unknown(Cow::Owned(Value::String(
                        unknown.to_string(),
                    )))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let Some(kind) = map.next_key::<Cow<'de, str>>()? else {
                    return Err(de::Error::custom("an event change with no kind"));
                };
                let change = match kind.as_ref() {
                    "declared" => WireChange::Declared(map.next_value()?),
                    "state_changed" => WireChange::StateChanged(map.next_value()?),
                    "title_set" => WireChange::TitleSet(Cow::Owned(map.next_value()?)),
                    "description_set" => WireChange::DescriptionSet(Cow::Owned(map.next_value()?)),
                    "category_set" => WireChange::CategorySet(map.next_value()?),
                    "services_set" => WireChange::ServicesSet(
                        map.next_value::<Vec<String>>()?
                            .into_iter()
                            .map(Cow::Owned)
                            .collect(),
                    ),
                    "assessed" => WireChange::Assessed(map.next_value()?),
                    "priority_overridden" => WireChange::PriorityOverridden(map.next_value()?),
                    "override_cleared" => {
                        map.next_value::<IgnoredAny>()?;
                        WireChange::OverrideCleared
                    }
                    "role_assigned" | "role_released" => {
                        // Read once with the role as text; a role a newer Sitrep added is kept
                        // as that Sitrep wrote it (read again, whole, only then).
                        let payload: &'de RawValue = map.next_value()?;
                        // Without the payload's own line and column, so that the error is
                        // placed where the payload stands in the file.
                        let typed = |e: serde_json::Error| {
                            de::Error::custom(format!("{kind}: {}", without_position(&e)))
                        };
                        let read: WireRole<'_> =
                            serde_json::from_str(payload.get()).map_err(typed)?;
                        let Some(role) = Role::parse(&read.role) else {
                            let mut raw = Map::new();
                            raw.insert(
                                kind.to_string(),
                                serde_json::from_str(payload.get()).map_err(typed)?,
                            );
                            while let Some(key) = map.next_key::<String>()? {
                                let value = map.next_value::<Value>()?;
                                raw.insert(key, value);
                            }
                            return Ok(WireChange::Unknown(Cow::Owned(Value::Object(raw))));
                        };
                        let from = read.from.map(|f| Cow::Owned(f.into_owned()));
                        if kind == "role_assigned" {
                            let Some(person) = read.person else {
                                return Err(de::Error::custom(format!(
                                    "{kind}: missing field `person`"
                                )));
                            };
                            WireChange::RoleAssigned(WireRoleAssigned {
                                role: Name(role),
                                person: Cow::Owned(person.into_owned()),
                                from,
                            })
                        } else {
                            WireChange::RoleReleased(WireRoleReleased {
                                role: Name(role),
                                from,
                            })
                        }
                    }
                    "expert_assigned" => WireChange::ExpertAssigned(map.next_value()?),
                    "expert_released" => WireChange::ExpertReleased(map.next_value()?),
                    "note_added" => WireChange::NoteAdded(Cow::Owned(map.next_value()?)),
                    "renumbered" => WireChange::Renumbered(Cow::Owned(map.next_value()?)),
                    "earlier" => WireChange::Earlier(map.next_value()?),
                    "task_created" => WireChange::TaskCreated(owned_task(map.next_value()?)),
                    "task_retitled" => {
                        let t: WireTaskTitle<'_> = map.next_value()?;
                        WireChange::TaskRetitled(WireTaskTitle {
                            task: t.task,
                            title: Cow::Owned(t.title.into_owned()),
                        })
                    }
                    "task_assigned" => {
                        let t: WireTaskOwner<'_> = map.next_value()?;
                        WireChange::TaskAssigned(WireTaskOwner {
                            task: t.task,
                            owner: t.owner.map(|o| Cow::Owned(o.into_owned())),
                        })
                    }
                    "task_dated" => WireChange::TaskDated(map.next_value()?),
                    "task_state" => WireChange::TaskState(map.next_value()?),
                    "resolution_recorded" => WireChange::ResolutionRecorded(map.next_value()?),
                    "link_added" => WireChange::LinkAdded(map.next_value()?),
                    "link_removed" => WireChange::LinkRemoved(map.next_value()?),
                    "record_referenced" => WireChange::RecordReferenced(map.next_value()?),
                    "record_unreferenced" => WireChange::RecordUnreferenced(map.next_value()?),
                    "update_posted" => WireChange::UpdatePosted(map.next_value()?),
                    "public_title_set" => WireChange::PublicTitleSet(Cow::Owned(map.next_value()?)),
                    "public_set" => WireChange::PublicSet(map.next_value()?),
                    "target_breached" => WireChange::TargetBreached(map.next_value()?),
                    "duty_started" => WireChange::DutyStarted(map.next_value()?),
                    "duty_clock_set" => WireChange::DutyClockSet(map.next_value()?),
                    "duty_settled" => WireChange::DutySettled(map.next_value()?),
                    "review_written" => WireChange::ReviewWritten(map.next_value()?),
                    "review_starred" => WireChange::ReviewStarred(map.next_value()?),
                    "review_status_set" => WireChange::ReviewStatusSet(map.next_value()?),
                    "review_waived" => WireChange::ReviewWaived(map.next_value()?),
                    "action_created" => WireChange::ActionCreated(map.next_value()?),
                    "action_retitled" => WireChange::ActionRetitled(map.next_value()?),
                    "action_kind_set" => WireChange::ActionKindSet(map.next_value()?),
                    "action_assigned" => WireChange::ActionAssigned(map.next_value()?),
                    "action_dated" => WireChange::ActionDated(map.next_value()?),
                    "action_state_set" => WireChange::ActionStateSet(map.next_value()?),
                    _ => {
                        // A newer kind: keep every key of the change as it came.
                        let mut raw = Map::new();
                        raw.insert(kind.into_owned(), map.next_value::<Value>()?);
                        while let Some(key) = map.next_key::<String>()? {
                            let value = map.next_value::<Value>()?;
                            raw.insert(key, value);
                        }
                        return Ok(WireChange::Unknown(Cow::Owned(Value::Object(raw))));
                    }
                };
                if map.next_key::<IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom(format!(
                        "an event change has one kind, and {kind:?} is followed by another"
                    )));
                }
                Ok(change)
            }
        }
        deserializer.deserialize_any(ChangeVisitor(std::marker::PhantomData))
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct WireOverride<'a> {
    priority: Name<Priority>,
    reason: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireDeclaration<'a> {
    reference: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<Cow<'a, str>>,
    kind: Name<IncidentKind>,
    title: Cow<'a, str>,
    #[serde(default)]
    description: Cow<'a, str>,
    category: Name<Category>,
    #[serde(default)]
    services: Vec<Cow<'a, str>>,
    impact: Name<Level>,
    urgency: Name<Level>,
    priority: Name<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority_override: Option<WireOverride<'a>>,
    #[serde(default)]
    reported_by: Cow<'a, str>,
    impact_started_at: Time,
    detected_at: Time,
}

/// A task as read, holding its own texts (the change outlives the text it was read from).
fn owned_task(t: WireTaskCreated<'_>) -> WireTaskCreated<'static> {
    let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
    WireTaskCreated {
        task: t.task,
        title: own(t.title),
        owner: t.owner.map(own),
        due: t.due,
        playbook: t.playbook.map(own),
        item: t.item.map(own),
    }
}

fn texts(list: &[String]) -> Vec<Cow<'_, str>> {
    list.iter().map(|s| Cow::Borrowed(s.as_str())).collect()
}

fn owned(list: Vec<Cow<'_, str>>) -> Vec<String> {
    list.into_iter().map(Cow::into_owned).collect()
}

impl<'a> From<&'a PriorityOverride> for WireOverride<'a> {
    fn from(o: &'a PriorityOverride) -> Self {
        WireOverride {
            priority: Name(o.priority),
            reason: Cow::Borrowed(&o.reason),
        }
    }
}

impl From<WireOverride<'_>> for PriorityOverride {
    fn from(o: WireOverride<'_>) -> Self {
        PriorityOverride {
            priority: o.priority.0,
            reason: o.reason.into_owned(),
        }
    }
}

fn declaration_out(d: &Declaration) -> WireDeclaration<'_> {
    WireDeclaration {
        reference: Cow::Borrowed(&d.reference),
        aliases: texts(&d.aliases),
        kind: Name(d.kind),
        title: Cow::Borrowed(&d.title),
        description: Cow::Borrowed(&d.description),
        category: Name(d.category),
        services: texts(&d.services),
        impact: Name(d.impact),
        urgency: Name(d.urgency),
        priority: Name(d.priority),
        priority_override: d.priority_override.as_ref().map(WireOverride::from),
        reported_by: Cow::Borrowed(&d.reported_by),
        impact_started_at: Time(d.impact_started_at),
        detected_at: Time(d.detected_at),
    }
}

fn declaration_in(d: WireDeclaration<'_>) -> Declaration {
    Declaration {
        reference: d.reference.into_owned(),
        aliases: owned(d.aliases),
        kind: d.kind.0,
        title: d.title.into_owned(),
        description: d.description.into_owned(),
        category: d.category.0,
        services: owned(d.services),
        impact: d.impact.0,
        urgency: d.urgency.0,
        priority: d.priority.0,
        priority_override: d.priority_override.map(PriorityOverride::from),
        reported_by: d.reported_by.into_owned(),
        impact_started_at: d.impact_started_at.0,
        detected_at: d.detected_at.0,
    }
}

/// A part's events as written.
fn change_out(change: &Change) -> WireChange<'_> {
    fn text(t: &str) -> Cow<'_, str> {
        Cow::Borrowed(t)
    }
    match change {
        Change::Declared(d) => WireChange::Declared(Box::new(declaration_out(d))),
        Change::Identity(IdentityEvent::Renumbered { reference }) => {
            WireChange::Renumbered(text(reference))
        }
        Change::Lifecycle(LifecycleEvent::StateChanged { from, to }) => {
            WireChange::StateChanged(WireStateChanged {
                from: Name(*from),
                to: Name(*to),
            })
        }
        Change::Details(DetailsEvent::Title(t)) => WireChange::TitleSet(text(t)),
        Change::Details(DetailsEvent::Description(t)) => WireChange::DescriptionSet(text(t)),
        Change::Details(DetailsEvent::Category(c)) => WireChange::CategorySet(Name(*c)),
        Change::Details(DetailsEvent::Services(s)) => WireChange::ServicesSet(texts(s)),
        Change::Assessment(AssessmentEvent::Assessed(a)) => WireChange::Assessed(WireAssessed {
            impact: Name(a.impact),
            urgency: Name(a.urgency),
            priority: Name(a.priority),
        }),
        Change::Assessment(AssessmentEvent::Overridden(o)) => {
            WireChange::PriorityOverridden(o.into())
        }
        Change::Assessment(AssessmentEvent::OverrideCleared) => WireChange::OverrideCleared,
        Change::Roles(RolesEvent::Assigned { role, person, from }) => {
            WireChange::RoleAssigned(WireRoleAssigned {
                role: Name(*role),
                person: text(person),
                from: from.as_deref().map(text),
            })
        }
        Change::Roles(RolesEvent::Released { role, from }) => {
            WireChange::RoleReleased(WireRoleReleased {
                role: Name(*role),
                from: from.as_deref().map(text),
            })
        }
        Change::Roles(RolesEvent::ExpertAssigned { expert, who }) => {
            WireChange::ExpertAssigned(WireExpert {
                expert: *expert,
                person: text(&who.person),
                area: text(&who.area),
            })
        }
        Change::Roles(RolesEvent::ExpertReleased { expert }) => {
            WireChange::ExpertReleased(WireExpertReleased { expert: *expert })
        }
        Change::Notes(NoteEvent::Added { text: t }) => WireChange::NoteAdded(text(t)),
        Change::Tasks(TaskEvent::Created {
            task,
            title,
            owner,
            due,
            origin,
        }) => WireChange::TaskCreated(WireTaskCreated {
            task: *task,
            title: text(title),
            owner: owner.as_deref().map(text),
            due: due.map(Time),
            playbook: origin.as_ref().map(|o| text(&o.playbook)),
            item: origin.as_ref().map(|o| text(&o.item)),
        }),
        Change::Tasks(TaskEvent::Retitled { task, title }) => {
            WireChange::TaskRetitled(WireTaskTitle {
                task: *task,
                title: text(title),
            })
        }
        Change::Tasks(TaskEvent::Assigned { task, owner }) => {
            WireChange::TaskAssigned(WireTaskOwner {
                task: *task,
                owner: owner.as_deref().map(text),
            })
        }
        Change::Tasks(TaskEvent::Dated { task, due }) => WireChange::TaskDated(WireTaskDue {
            task: *task,
            due: due.map(Time),
        }),
        Change::Tasks(TaskEvent::StateSet { task, state }) => {
            WireChange::TaskState(WireTaskState {
                task: *task,
                state: Name(*state),
            })
        }
        Change::Resolution(ResolutionEvent::Recorded {
            record,
            kind,
            escalated_to,
            summary,
        }) => WireChange::ResolutionRecorded(WireResolution {
            record: *record,
            kind: Name(*kind),
            escalated_to: escalated_to.as_deref().map(text),
            summary: text(summary),
        }),
        Change::Links(LinkEvent::Linked {
            link,
            kind,
            target,
            target_ref,
        }) => WireChange::LinkAdded(WireLink {
            link: *link,
            kind: Name(*kind),
            target: *target,
            target_ref: text(target_ref),
        }),
        Change::Links(LinkEvent::Unlinked { link }) => {
            WireChange::LinkRemoved(WireUnlink { link: *link })
        }
        Change::Links(LinkEvent::Referenced {
            reference,
            kind,
            value,
        }) => WireChange::RecordReferenced(WireReference {
            reference: *reference,
            kind: Name(*kind),
            value: text(value),
        }),
        Change::Links(LinkEvent::Unreferenced { reference }) => {
            WireChange::RecordUnreferenced(WireUnreference {
                reference: *reference,
            })
        }
        Change::Comms(CommsEvent::Posted {
            update,
            audience,
            template,
            text: said,
            corrects,
        }) => WireChange::UpdatePosted(WireUpdate {
            update: *update,
            audience: Name(*audience),
            template: template.map(Name),
            text: text(said),
            corrects: *corrects,
        }),
        Change::Comms(CommsEvent::PublicTitle(t)) => WireChange::PublicTitleSet(text(t)),
        Change::Comms(CommsEvent::Public(p)) => WireChange::PublicSet(*p),
        Change::Targets(TargetEvent::Breached { target, priority }) => {
            WireChange::TargetBreached(WireBreach {
                target: Name(*target),
                priority: Name(*priority),
            })
        }
        Change::Duties(DutyEvent::Started { duty, def, from }) => {
            WireChange::DutyStarted(WireDutyStarted {
                duty: *duty,
                def: WireDutyDef::from(def),
                from: from.map(Time),
            })
        }
        Change::Duties(DutyEvent::ClockSet { duty, from }) => {
            WireChange::DutyClockSet(WireDutyClock {
                duty: *duty,
                from: Time(*from),
            })
        }
        Change::Duties(DutyEvent::Settled { duty, outcome }) => {
            WireChange::DutySettled(WireDutySettled {
                duty: *duty,
                outcome: match outcome {
                    Outcome::Open => WireOutcome::Open,
                    Outcome::Done { by, at, reference } => WireOutcome::Done {
                        by: text(by),
                        at: Time(*at),
                        reference: text(reference),
                    },
                    Outcome::Waived { reason } => WireOutcome::Waived {
                        reason: text(reason),
                    },
                },
            })
        }
        Change::Review(ReviewEvent::Written { section, text: t }) => {
            WireChange::ReviewWritten(WireReviewText {
                section: Name(*section),
                text: text(t),
            })
        }
        Change::Review(ReviewEvent::Starred { entry, starred }) => {
            WireChange::ReviewStarred(WireStar {
                entry: *entry,
                starred: *starred,
            })
        }
        Change::Review(ReviewEvent::StatusSet { status }) => {
            WireChange::ReviewStatusSet(WireReviewStatus {
                status: Name(*status),
            })
        }
        Change::Review(ReviewEvent::Waived { reason }) => WireChange::ReviewWaived(WireWaiver {
            reason: text(reason),
        }),
        Change::Actions(ActionEvent::Created {
            action,
            title,
            kind,
            owner,
            due,
        }) => WireChange::ActionCreated(WireActionCreated {
            action: *action,
            title: text(title),
            kind: Name(*kind),
            owner: owner.as_deref().map(text),
            due: due.map(Day),
        }),
        Change::Actions(ActionEvent::Retitled { action, title }) => {
            WireChange::ActionRetitled(WireActionTitle {
                action: *action,
                title: text(title),
            })
        }
        Change::Actions(ActionEvent::Rekinded { action, kind }) => {
            WireChange::ActionKindSet(WireActionKind {
                action: *action,
                kind: Name(*kind),
            })
        }
        Change::Actions(ActionEvent::Assigned { action, owner }) => {
            WireChange::ActionAssigned(WireActionOwner {
                action: *action,
                owner: owner.as_deref().map(text),
            })
        }
        Change::Actions(ActionEvent::Dated { action, due }) => {
            WireChange::ActionDated(WireActionDue {
                action: *action,
                due: due.map(Day),
            })
        }
        Change::Actions(ActionEvent::StateSet { action, outcome }) => {
            WireChange::ActionStateSet(WireActionState {
                action: *action,
                state: Name(outcome.state),
                reason: outcome.reason.as_deref().map(text),
            })
        }
        Change::Earlier(e) => WireChange::Earlier(WireEarlier {
            field: text(&e.field),
            from: text(&e.from),
            to: text(&e.to),
            reason: e.reason.as_deref().map(text),
        }),
        Change::Unknown(u) => WireChange::Unknown(Cow::Borrowed(&u.raw)),
    }
}

/// The domain's change of a change as read.
fn change_in(change: WireChange<'_>) -> Change {
    match change {
        WireChange::Declared(d) => Change::Declared(Box::new(declaration_in(*d))),
        WireChange::StateChanged(c) => Change::Lifecycle(LifecycleEvent::StateChanged {
            from: c.from.0,
            to: c.to.0,
        }),
        WireChange::TitleSet(t) => Change::Details(DetailsEvent::Title(t.into_owned())),
        WireChange::DescriptionSet(t) => Change::Details(DetailsEvent::Description(t.into_owned())),
        WireChange::CategorySet(c) => Change::Details(DetailsEvent::Category(c.0)),
        WireChange::ServicesSet(s) => Change::Details(DetailsEvent::Services(owned(s))),
        WireChange::Assessed(a) => Change::Assessment(AssessmentEvent::Assessed(Assessment {
            impact: a.impact.0,
            urgency: a.urgency.0,
            priority: a.priority.0,
        })),
        WireChange::PriorityOverridden(o) => {
            Change::Assessment(AssessmentEvent::Overridden(o.into()))
        }
        WireChange::OverrideCleared => Change::Assessment(AssessmentEvent::OverrideCleared),
        WireChange::RoleAssigned(r) => Change::Roles(RolesEvent::Assigned {
            role: r.role.0,
            person: r.person.into_owned(),
            from: r.from.map(Cow::into_owned),
        }),
        WireChange::RoleReleased(r) => Change::Roles(RolesEvent::Released {
            role: r.role.0,
            from: r.from.map(Cow::into_owned),
        }),
        WireChange::ExpertAssigned(e) => Change::Roles(RolesEvent::ExpertAssigned {
            expert: e.expert,
            who: Expert {
                person: e.person.into_owned(),
                area: e.area.into_owned(),
            },
        }),
        WireChange::ExpertReleased(e) => {
            Change::Roles(RolesEvent::ExpertReleased { expert: e.expert })
        }
        WireChange::TaskCreated(t) => Change::Tasks(TaskEvent::Created {
            task: t.task,
            title: t.title.into_owned(),
            owner: t.owner.map(Cow::into_owned),
            due: t.due.map(|d| d.0),
            origin: match (t.playbook, t.item) {
                (Some(playbook), Some(item)) => Some(Origin {
                    playbook: playbook.into_owned(),
                    item: item.into_owned(),
                }),
                _ => None,
            },
        }),
        WireChange::TaskRetitled(t) => Change::Tasks(TaskEvent::Retitled {
            task: t.task,
            title: t.title.into_owned(),
        }),
        WireChange::TaskAssigned(t) => Change::Tasks(TaskEvent::Assigned {
            task: t.task,
            owner: t.owner.map(Cow::into_owned),
        }),
        WireChange::TaskDated(t) => Change::Tasks(TaskEvent::Dated {
            task: t.task,
            due: t.due.map(|d| d.0),
        }),
        WireChange::TaskState(t) => Change::Tasks(TaskEvent::StateSet {
            task: t.task,
            state: t.state.0,
        }),
        WireChange::ResolutionRecorded(r) => Change::Resolution(ResolutionEvent::Recorded {
            record: r.record,
            kind: r.kind.0,
            escalated_to: r.escalated_to.map(Cow::into_owned),
            summary: r.summary.into_owned(),
        }),
        WireChange::LinkAdded(l) => Change::Links(LinkEvent::Linked {
            link: l.link,
            kind: l.kind.0,
            target: l.target,
            target_ref: l.target_ref.into_owned(),
        }),
        WireChange::LinkRemoved(l) => Change::Links(LinkEvent::Unlinked { link: l.link }),
        WireChange::RecordReferenced(r) => Change::Links(LinkEvent::Referenced {
            reference: r.reference,
            kind: r.kind.0,
            value: r.value.into_owned(),
        }),
        WireChange::RecordUnreferenced(r) => Change::Links(LinkEvent::Unreferenced {
            reference: r.reference,
        }),
        WireChange::UpdatePosted(u) => Change::Comms(CommsEvent::Posted {
            update: u.update,
            audience: u.audience.0,
            template: u.template.map(|t| t.0),
            text: u.text.into_owned(),
            corrects: u.corrects,
        }),
        WireChange::PublicTitleSet(t) => Change::Comms(CommsEvent::PublicTitle(t.into_owned())),
        WireChange::PublicSet(p) => Change::Comms(CommsEvent::Public(p)),
        WireChange::TargetBreached(b) => Change::Targets(TargetEvent::Breached {
            target: b.target.0,
            priority: b.priority.0,
        }),
        WireChange::DutyStarted(d) => Change::Duties(DutyEvent::Started {
            duty: d.duty,
            def: d.def.into(),
            from: d.from.map(|t| t.0),
        }),
        WireChange::DutyClockSet(d) => Change::Duties(DutyEvent::ClockSet {
            duty: d.duty,
            from: d.from.0,
        }),
        WireChange::DutySettled(d) => Change::Duties(DutyEvent::Settled {
            duty: d.duty,
            outcome: match d.outcome {
                WireOutcome::Open => Outcome::Open,
                WireOutcome::Done { by, at, reference } => Outcome::Done {
                    by: by.into_owned(),
                    at: at.0,
                    reference: reference.into_owned(),
                },
                WireOutcome::Waived { reason } => Outcome::Waived {
                    reason: reason.into_owned(),
                },
            },
        }),
        WireChange::ReviewWritten(r) => Change::Review(ReviewEvent::Written {
            section: r.section.0,
            text: r.text.into_owned(),
        }),
        WireChange::ReviewStarred(r) => Change::Review(ReviewEvent::Starred {
            entry: r.entry,
            starred: r.starred,
        }),
        WireChange::ReviewStatusSet(r) => {
            Change::Review(ReviewEvent::StatusSet { status: r.status.0 })
        }
        WireChange::ReviewWaived(r) => Change::Review(ReviewEvent::Waived {
            reason: r.reason.into_owned(),
        }),
        WireChange::ActionCreated(a) => Change::Actions(ActionEvent::Created {
            action: a.action,
            title: a.title.into_owned(),
            kind: a.kind.0,
            owner: a.owner.map(Cow::into_owned),
            due: a.due.map(|d| d.0),
        }),
        WireChange::ActionRetitled(a) => Change::Actions(ActionEvent::Retitled {
            action: a.action,
            title: a.title.into_owned(),
        }),
        WireChange::ActionKindSet(a) => Change::Actions(ActionEvent::Rekinded {
            action: a.action,
            kind: a.kind.0,
        }),
        WireChange::ActionAssigned(a) => Change::Actions(ActionEvent::Assigned {
            action: a.action,
            owner: a.owner.map(Cow::into_owned),
        }),
        WireChange::ActionDated(a) => Change::Actions(ActionEvent::Dated {
            action: a.action,
            due: a.due.map(|d| d.0),
        }),
        WireChange::ActionStateSet(a) => Change::Actions(ActionEvent::StateSet {
            action: a.action,
            outcome: ActionOutcome {
                state: a.state.0,
                reason: a.reason.map(Cow::into_owned),
            },
        }),
        WireChange::NoteAdded(t) => Change::Notes(NoteEvent::Added {
            text: t.into_owned(),
        }),
        WireChange::Renumbered(r) => Change::Identity(IdentityEvent::Renumbered {
            reference: r.into_owned(),
        }),
        WireChange::Earlier(e) => Change::Earlier(Box::new(Earlier {
            field: e.field.into_owned(),
            from: e.from.into_owned(),
            to: e.to.into_owned(),
            reason: e.reason.map(Cow::into_owned),
        })),
        WireChange::Unknown(raw) => {
            let raw = raw.into_owned();
            let kind = match &raw {
                Value::String(kind) => kind.clone(),
                Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
                _ => String::new(),
            };
            Change::Unknown(Box::new(Unknown { kind, raw }))
        }
    }
}

impl<'a> From<&'a Event> for WireEvent<'a> {
    fn from(event: &'a Event) -> Self {
        WireEvent {
            id: event.id,
            recorded_at: Time(event.recorded_at),
            at: (event.at != event.recorded_at).then_some(Time(event.at)),
            actor: Cow::Borrowed(&event.actor),
            supersedes: event.supersedes.clone(),
            change: change_out(&event.change),
        }
    }
}

impl From<WireEvent<'_>> for Event {
    fn from(event: WireEvent<'_>) -> Self {
        Event {
            id: event.id,
            recorded_at: event.recorded_at.0,
            at: event.at.map_or(event.recorded_at.0, |t| t.0),
            actor: event.actor.into_owned(),
            supersedes: event.supersedes,
            change: change_in(event.change),
        }
    }
}

#[derive(Serialize)]
struct MilestonesOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledged_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contained_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cancelled_at: Option<Time>,
}

impl From<&Milestones> for MilestonesOut {
    fn from(m: &Milestones) -> Self {
        MilestonesOut {
            acknowledged_at: m.acknowledged_at.map(Time),
            contained_at: m.contained_at.map(Time),
            resolved_at: m.resolved_at.map(Time),
            closed_at: m.closed_at.map(Time),
            cancelled_at: m.cancelled_at.map(Time),
        }
    }
}

/// A subject-matter expert as the current fields show them.
#[derive(Serialize)]
struct ExpertOut<'a> {
    id: Uuid,
    person: &'a str,
    area: &'a str,
}

/// An incident as written: its current fields for people, then its events, then unknown fields.
#[derive(Serialize)]
pub struct IncidentOut<'a> {
    id: Uuid,
    reference: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    kind: Name<IncidentKind>,
    title: &'a str,
    description: &'a str,
    category: Name<Category>,
    services: &'a [String],
    impact: Name<Level>,
    urgency: Name<Level>,
    priority: Name<Priority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority_override: Option<WireOverride<'a>>,
    state: Name<State>,
    reported_by: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commander: Option<&'a str>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    roles: Map<String, Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    experts: Vec<ExpertOut<'a>>,
    impact_started_at: Time,
    detected_at: Time,
    created_at: Time,
    updated_at: Time,
    milestones: MilestonesOut,
    events: Vec<WireEvent<'a>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl<'a> From<&'a Incident> for IncidentOut<'a> {
    fn from(i: &'a Incident) -> Self {
        IncidentOut {
            id: i.id(),
            reference: &i.reference,
            aliases: &i.aliases,
            kind: Name(i.kind),
            title: &i.title,
            description: &i.description,
            category: Name(i.category),
            services: &i.services,
            impact: Name(i.impact),
            urgency: Name(i.urgency),
            priority: Name(i.priority()),
            priority_override: i.priority_override.as_ref().map(WireOverride::from),
            state: Name(i.state),
            reported_by: &i.reported_by,
            commander: i.commander.as_deref(),
            roles: Role::ALL
                .into_iter()
                .filter_map(|role| {
                    let (name, _) = i.parts().roles.holder(role)?;
                    Some((role.as_str().to_string(), Value::from(name)))
                })
                .collect(),
            experts: i
                .parts()
                .roles
                .experts()
                .map(|(id, who, _)| ExpertOut {
                    id,
                    person: &who.person,
                    area: &who.area,
                })
                .collect(),
            impact_started_at: Time(i.impact_started_at),
            detected_at: Time(i.detected_at),
            created_at: Time(i.created_at),
            updated_at: Time(i.updated_at),
            milestones: (&i.milestones).into(),
            events: i.events().iter().map(WireEvent::from).collect(),
            extra: i.extra(),
        }
    }
}

/// The fields an incident is written with for people; a reader skips them and folds its own.
const CURRENT_FIELDS: &[&str] = &[
    "reference",
    "aliases",
    "kind",
    "title",
    "description",
    "category",
    "services",
    "impact",
    "urgency",
    "priority",
    "priority_override",
    "state",
    "reported_by",
    "commander",
    "roles",
    "experts",
    "impact_started_at",
    "detected_at",
    "created_at",
    "updated_at",
    "milestones",
];

/// An incident as read: its id, its events, and any field this version does not know.
#[derive(Debug)]
pub struct IncidentIn {
    /// The incident's id.
    pub id: Uuid,
    /// Its events, in file order.
    pub events: Vec<Event>,
    /// Fields this version does not know, kept.
    pub extra: Map<String, Value>,
}

impl IncidentIn {
    /// The incident the events make.
    pub fn into_incident(self) -> Result<Incident, FoldError> {
        Incident::from_log(self.id, Log::new(self.events), self.extra)
    }
}

impl<'de> Deserialize<'de> for IncidentIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IncidentVisitor;
        impl<'de> Visitor<'de> for IncidentVisitor {
            type Value = IncidentIn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an incident object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IncidentIn, A::Error> {
                let mut id = None;
                let mut events: Option<Vec<WireEvent<'static>>> = None;
                let mut extra = Map::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "id" => id = Some(map.next_value::<Uuid>()?),
                        "events" => events = Some(map.next_value()?),
                        known if CURRENT_FIELDS.contains(&known) => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        _ => {
                            let value = map.next_value::<Value>()?;
                            extra.insert(key.into_owned(), value);
                        }
                    }
                }
                Ok(IncidentIn {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    events: events
                        .ok_or_else(|| de::Error::missing_field("events"))?
                        .into_iter()
                        .map(Event::from)
                        .collect(),
                    extra,
                })
            }
        }
        deserializer.deserialize_map(IncidentVisitor)
    }
}

/// An incident as the browser stores it: its id, events and unknown fields, without the
/// current fields (they are folded again when it is read, as from a file).
#[derive(Serialize)]
struct RecordOut<'a> {
    id: Uuid,
    events: Vec<WireEvent<'a>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// An incident as the browser stores it (compact JSON, read back with [`incident_from_json`]).
pub fn incident_to_json(incident: &Incident) -> Result<String, WriteError> {
    let record = RecordOut {
        id: incident.id(),
        events: incident.events().iter().map(WireEvent::from).collect(),
        extra: incident.extra(),
    };
    serde_json::to_string(&record).map_err(|e| WriteError(e.to_string()))
}

/// What serde_json says of an error, without the " at line L column C" it appends.
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let at = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&at).unwrap_or(&full).to_string()
}

/// Writing JSON failed (a bug, never an empty file or an empty record).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not write JSON: {0}")]
pub struct WriteError(pub String);

/// Why a stored incident could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Not an incident of this format.
    #[error("{0}")]
    Malformed(String),
    /// No event declares it.
    #[error(transparent)]
    Fold(#[from] FoldError),
}

/// Reads an incident stored with [`incident_to_json`] (or written in a file).
pub fn incident_from_json(json: &str) -> Result<Incident, RecordError> {
    let read: IncidentIn =
        serde_json::from_str(json).map_err(|e| RecordError::Malformed(e.to_string()))?;
    Ok(read.into_incident()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::commands::{declare, AssessmentCommand, RoleCommand, Transition};
    use crate::domain::identity::IdentityEvent;
    use crate::domain::{execute, Command, CommandContext, Draft};

    /// An incident with every current field written: override, alias, roles, an expert,
    /// milestones.
    fn everything() -> Incident {
        let now = DateTime::<Utc>::UNIX_EPOCH + chrono::TimeDelta::days(20_000);
        let ctx = |n: u128| CommandContext::new(now, "Ana", Uuid::from_u128(n << 64));
        let draft = Draft {
            title: "t".into(),
            description: "d".into(),
            category: Category::Data,
            services: vec!["db".into()],
            impact: Level::High,
            urgency: Level::High,
            priority_override: None,
            impact_started_at: now,
            reported_by: "r".into(),
            kind: IncidentKind::Drill,
        };
        let mut incident = declare(draft, 1, &ctx(1)).expect("declared");
        let commands = [
            Command::Lifecycle(Transition(State::Triaged)),
            Command::Assessment(AssessmentCommand::Override {
                priority: Priority::P3,
                reason: "why".into(),
            }),
            Command::Roles(RoleCommand::Assign {
                role: Role::Commander,
                person: "Ana".into(),
            }),
            Command::Roles(RoleCommand::AddExpert(Expert {
                person: "Dara".into(),
                area: "db".into(),
            })),
        ];
        for (n, command) in commands.into_iter().enumerate() {
            incident = execute(&incident, command, &ctx(10 + n as u128)).expect("accepted");
        }
        let renumber = ctx(99).write(
            &incident,
            crate::domain::Topic::Reference,
            Change::Identity(IdentityEvent::Renumbered {
                reference: "INC-0002".into(),
            }),
        );
        incident.with_events(vec![renumber])
    }

    #[test]
    fn the_fields_a_reader_skips_are_exactly_the_ones_written_for_people() {
        // Written but not skipped, a field would come back as an unknown one and be written twice.
        let written = serde_json::to_value(IncidentOut::from(&everything())).expect("written");
        let mut keys: Vec<&str> = written
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .filter(|k| !matches!(*k, "id" | "events"))
            .collect();
        keys.sort_unstable();
        let mut listed = CURRENT_FIELDS.to_vec();
        listed.sort_unstable();
        assert_eq!(keys, listed);
        let read = incident_from_json(&written.to_string()).expect("read");
        assert!(read.extra().is_empty(), "{:?}", read.extra());
    }

    #[test]
    fn every_kind_listed_is_read_as_that_kind() {
        for kind in KINDS {
            let read: Result<WireChange<'_>, _> =
                serde_json::from_value(serde_json::json!({ *kind: 12345 }));
            assert!(
                !matches!(read, Ok(WireChange::Unknown(_))),
                "{kind} is read as a kind this build does not know"
            );
        }
    }
}
