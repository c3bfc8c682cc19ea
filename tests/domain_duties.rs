//! Notification duties: deadlines in hours, business days and months; how a started duty stands
//! at a given time; the NIS2 final report waiting on the notification; starting, re-dating,
//! settling and merging duties; and the settings' list of duties.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, TimeZone, Utc};
use sitrep::domain::commands::{Input, MAX_TITLE};
use sitrep::domain::duties::{
    self, add_business_days, duty_id, Deadline, DutyCommand, DutyDef, DutyDefError, DutyStanding,
    Outcome, MAX_DUTIES,
};
use sitrep::domain::settings::{Settings, SettingsError};
use sitrep::domain::{execute, Command, CommandError, Incident, Topic};
use support::{act, ancestor, at, ctx};
use uuid::Uuid;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or_default()
}

fn shipped(id: &str) -> DutyDef {
    match duties::defaults().into_iter().find(|d| d.id == id) {
        Some(def) => def,
        None => panic!("{id} is shipped"),
    }
}

fn duty(command: DutyCommand) -> Command {
    Command::Duties(command)
}

/// Minutes from the start instant of `support::at`.
fn hours(h: i64) -> i64 {
    h * 60
}

// ---- deadlines ----

#[test]
fn business_days_skip_weekends_and_keep_the_time_of_day() {
    // 2026-11-23 is a Monday.
    let monday = utc(2026, 11, 23, 9, 0);
    assert_eq!(
        add_business_days(monday, 4),
        Some(utc(2026, 11, 27, 9, 0)),
        "Monday + 4 = Friday"
    );
    let friday = utc(2026, 11, 27, 15, 0);
    assert_eq!(
        add_business_days(friday, 4),
        Some(utc(2026, 12, 3, 15, 0)),
        "Friday 15:00 + 4 = Thursday 15:00"
    );
    let saturday = utc(2026, 11, 28, 10, 30);
    assert_eq!(
        add_business_days(saturday, 1),
        Some(utc(2026, 11, 30, 10, 30)),
        "Saturday + 1 = Monday"
    );
    let sunday = utc(2026, 11, 29, 23, 0);
    assert_eq!(add_business_days(sunday, 1), Some(utc(2026, 11, 30, 23, 0)));
    assert_eq!(
        add_business_days(sunday, 5),
        Some(utc(2026, 12, 4, 23, 0)),
        "Sunday + 5 = Friday"
    );
    assert_eq!(add_business_days(friday, 0), Some(friday));
    assert_eq!(
        Deadline::BusinessDays(4).from(friday),
        Some(utc(2026, 12, 3, 15, 0))
    );
    assert_eq!(add_business_days(DateTime::<Utc>::MAX_UTC, 1), None);
}

#[test]
fn months_end_on_the_same_day_or_the_months_last_and_hours_count_weekends() {
    let one = Deadline::Months(1);
    assert_eq!(
        one.from(utc(2026, 1, 31, 12, 0)),
        Some(utc(2026, 2, 28, 12, 0))
    );
    assert_eq!(
        one.from(utc(2028, 1, 31, 12, 0)),
        Some(utc(2028, 2, 29, 12, 0)),
        "a leap year"
    );
    assert_eq!(
        one.from(utc(2026, 11, 26, 9, 0)),
        Some(utc(2026, 12, 26, 9, 0))
    );
    assert_eq!(
        Deadline::Months(3).from(utc(2026, 11, 30, 9, 0)),
        Some(utc(2027, 2, 28, 9, 0))
    );
    let friday = utc(2026, 11, 27, 15, 0);
    assert_eq!(
        Deadline::Hours(72).from(friday),
        Some(utc(2026, 11, 30, 15, 0))
    );
    assert_eq!(Deadline::Hours(1).from(DateTime::<Utc>::MAX_UTC), None);
}

#[test]
fn a_deadline_is_written_by_its_unit_and_amount() {
    for deadline in [
        Deadline::Hours(72),
        Deadline::BusinessDays(4),
        Deadline::Months(1),
    ] {
        assert_eq!(
            Deadline::of(deadline.unit(), deadline.amount()),
            Some(deadline)
        );
    }
    assert_eq!(Deadline::of("weeks", 2), None);
    assert_eq!(Deadline::of("Hours", 2), None, "names are exact");
}

#[test]
fn a_duty_definition_is_trimmed_and_checked() {
    let def = DutyDef {
        id: " own ".into(),
        name: " Tell the insurer ".into(),
        recipient: "Insurer".into(),
        starts: String::new(),
        deadline: Deadline::Hours(48),
        after: None,
    };
    let checked = def.checked().unwrap();
    assert_eq!(
        (checked.id.as_str(), checked.name.as_str()),
        ("own", "Tell the insurer")
    );
    let with = |edit: fn(&mut DutyDef)| {
        let mut d = def.clone();
        edit(&mut d);
        d.checked()
    };
    assert_eq!(
        with(|d| d.name = "  ".into()),
        Err(DutyDefError::NameRequired)
    );
    // Exactly the limit is kept; one more is refused.
    let at_limit = "n".repeat(sitrep::domain::commands::MAX_TITLE);
    let mut long = def.clone();
    long.name = at_limit.clone();
    assert_eq!(long.checked().map(|d| d.name), Ok(at_limit.clone()));
    long.name.push('n');
    assert_eq!(
        long.checked(),
        Err(DutyDefError::TooLong {
            max: sitrep::domain::commands::MAX_TITLE
        })
    );
    assert_eq!(
        with(|d| d.recipient = String::new()),
        Err(DutyDefError::RecipientRequired)
    );
    assert_eq!(
        with(|d| d.deadline = Deadline::Hours(0)),
        Err(DutyDefError::Amount)
    );
    assert_eq!(
        with(|d| d.deadline = Deadline::Months(duties::MAX_AMOUNT + 1)),
        Err(DutyDefError::Amount)
    );
    assert!(with(|d| d.deadline = Deadline::Months(duties::MAX_AMOUNT)).is_ok());
    assert_eq!(
        with(|d| d.name = "n".repeat(MAX_TITLE + 1)),
        Err(DutyDefError::TooLong { max: MAX_TITLE })
    );
    assert_eq!(
        with(|d| d.after = Some(" nis2-notification ".into())).map(|d| d.after),
        Ok(Some("nis2-notification".into()))
    );
    assert_eq!(
        with(|d| d.after = Some("  ".into())).map(|d| d.after),
        Ok(None),
        "a blank `after` follows nothing"
    );
    for shipped in duties::defaults() {
        assert_eq!(shipped.checked(), Ok(shipped.clone()), "{}", shipped.id);
    }
}

#[test]
fn a_duty_that_follows_a_blank_id_runs_from_when_it_is_started() {
    let def = DutyDef {
        after: Some(" ".into()),
        ..shipped("gdpr-breach")
    };
    let started = act(
        &ancestor(),
        duty(DutyCommand::Start(def, None)),
        5,
        "Ana",
        171,
    );
    let list = started.parts().duties.list();
    assert_eq!(list[0].from, Some(at(5)), "not waiting for nothing");
    assert_eq!(list[0].def.after, None);
}

// ---- standing ----

/// The ancestor with the GDPR duty (72 hours) started from minute 0.
fn gdpr() -> (Incident, Uuid) {
    let incident = act(
        &ancestor(),
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(0)))),
        1,
        "Ana",
        101,
    );
    (incident, duty_id(ancestor().id(), "gdpr-breach"))
}

fn standing(incident: &Incident, minute: i64) -> DutyStanding {
    let list = incident.parts().duties.list();
    assert_eq!(list.len(), 1, "{list:?}");
    list[0].standing(at(minute))
}

#[test]
fn an_owed_duty_runs_then_closes_in_its_last_quarter_then_is_overdue() {
    let (incident, id) = gdpr();
    let list = incident.parts().duties.list();
    assert_eq!(list[0].id, id);
    assert_eq!(list[0].from, Some(at(0)));
    assert_eq!(list[0].deadline, Some(at(hours(72))));
    assert_eq!(list[0].outcome, &Outcome::Open);
    assert_eq!(standing(&incident, 0), DutyStanding::Running);
    assert_eq!(standing(&incident, hours(54) - 1), DutyStanding::Running);
    // 18 of 72 hours left: the last quarter.
    assert_eq!(standing(&incident, hours(54)), DutyStanding::Closing);
    assert_eq!(standing(&incident, hours(72)), DutyStanding::Closing);
    assert_eq!(standing(&incident, hours(72) + 1), DutyStanding::Overdue);
    assert!(DutyStanding::Closing.is_loud() && DutyStanding::Overdue.is_loud());
    assert!(!DutyStanding::Running.is_loud());
    let (pressing, how) = incident
        .parts()
        .duties
        .most_pressing(at(hours(73)))
        .unwrap();
    assert_eq!((pressing.id, how), (id, DutyStanding::Overdue));
}

#[test]
fn a_duty_done_by_its_deadline_is_on_time_and_after_it_late() {
    let (incident, id) = gdpr();
    let done = |minute: i64, n: u128| {
        act(
            &incident,
            duty(DutyCommand::Done {
                duty: id,
                by: " Ana Lima ".into(),
                at: at(minute),
                reference: "ICO-2026-0042".into(),
            }),
            hours(80),
            "Ana",
            n,
        )
    };
    let on_time = done(hours(70), 102);
    assert_eq!(standing(&on_time, hours(100)), DutyStanding::DoneOnTime);
    assert_eq!(
        on_time.parts().duties.list()[0].outcome,
        &Outcome::Done {
            by: "Ana Lima".into(),
            at: at(hours(70)),
            reference: "ICO-2026-0042".into()
        }
    );
    assert_eq!(
        standing(&done(hours(72), 103), hours(100)),
        DutyStanding::DoneOnTime,
        "at the deadline is in time"
    );
    let late = done(hours(73), 104);
    assert_eq!(standing(&late, hours(100)), DutyStanding::DoneLate);
    assert!(!DutyStanding::DoneLate.is_owed());
    assert_eq!(
        late.parts().duties.most_pressing(at(hours(100))),
        None,
        "nothing owed"
    );
    let waived = act(
        &incident,
        duty(DutyCommand::Waive(id, "No personal data involved".into())),
        hours(10),
        "Ana",
        105,
    );
    assert_eq!(standing(&waived, hours(100)), DutyStanding::Waived);
    let reopened = act(
        &waived,
        duty(DutyCommand::Reopen(id)),
        hours(11),
        "Ana",
        106,
    );
    assert_eq!(standing(&reopened, hours(100)), DutyStanding::Overdue);
}

#[test]
fn the_nis2_final_report_waits_for_the_notification_then_runs_from_when_it_was_done() {
    let notification = duty_id(ancestor().id(), "nis2-notification");
    let final_report = duty_id(ancestor().id(), "nis2-final-report");
    let started = act(
        &ancestor(),
        duty(DutyCommand::Start(
            shipped("nis2-notification"),
            Some(at(0)),
        )),
        1,
        "Ana",
        111,
    );
    let both = act(
        &started,
        duty(DutyCommand::Start(shipped("nis2-final-report"), None)),
        2,
        "Ana",
        112,
    );
    let list = both.parts().duties.list();
    let ids: Vec<Uuid> = list.iter().map(|d| d.id).collect();
    assert_eq!(ids, [notification, final_report], "waiting ones last");
    assert_eq!((list[1].from, list[1].deadline), (None, None));
    assert_eq!(list[1].standing(at(hours(1000))), DutyStanding::Waiting);
    assert!(DutyStanding::Waiting.is_owed());
    // Waived, the notification still does not start the final report's clock.
    let waived = act(
        &both,
        duty(DutyCommand::Waive(notification, "Not significant".into())),
        3,
        "Ana",
        113,
    );
    assert_eq!(waived.parts().duties.list()[1].from, None);
    // Done at hour 10: the final report is due one month later.
    let done = act(
        &both,
        duty(DutyCommand::Done {
            duty: notification,
            by: "Ana".into(),
            at: at(hours(10)),
            reference: String::new(),
        }),
        hours(11),
        "Ana",
        114,
    );
    // Another duty done (GDPR) does not start the final report's clock either.
    let gdpr_id = duty_id(ancestor().id(), "gdpr-breach");
    let other = act(
        &act(
            &both,
            duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(0)))),
            3,
            "Ana",
            115,
        ),
        duty(DutyCommand::Done {
            duty: gdpr_id,
            by: "Ana".into(),
            at: at(hours(5)),
            reference: String::new(),
        }),
        hours(6),
        "Ana",
        116,
    );
    let list = other.parts().duties.list();
    let report = list.iter().find(|d| d.id == final_report).unwrap();
    assert_eq!(report.from, None, "only the duty it follows starts it");
    let list = done.parts().duties.list();
    let report = list.iter().find(|d| d.id == final_report).unwrap();
    assert_eq!(report.from, Some(at(hours(10))));
    assert_eq!(report.deadline, Some(utc(2026, 12, 26, 19, 0)));
    assert_eq!(report.standing(at(hours(12))), DutyStanding::Running);
}

// ---- commands ----

#[test]
fn a_duty_is_started_once() {
    let (incident, _) = gdpr();
    let again = execute(
        &incident,
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(5)))),
        &ctx(6, "Ana", 121),
    );
    assert_eq!(again.unwrap_err(), CommandError::DutyStarted);
    assert!(incident.parts().duties.has("gdpr-breach"));
    assert!(!incident.parts().duties.has("sec-8k-105"));
    let invalid = DutyDef {
        name: " ".into(),
        ..shipped("sec-8k-105")
    };
    assert_eq!(
        execute(
            &incident,
            duty(DutyCommand::Start(invalid, None)),
            &ctx(6, "Ana", 122)
        )
        .unwrap_err(),
        CommandError::NoSuchDuty
    );
}

#[test]
fn a_duty_started_in_two_copies_is_one_duty() {
    let base = ancestor();
    let a = act(
        &base,
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(3)))),
        5,
        "Ana",
        131,
    );
    let b = act(
        &base,
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(4)))),
        6,
        "Bo",
        132,
    );
    let ab = Incident::merge(&a, &b);
    assert_eq!(ab, Incident::merge(&b, &a));
    let list = ab.parts().duties.list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, duty_id(base.id(), "gdpr-breach"));
    assert_eq!(list[0].from, Some(at(4)), "the later write of the clock");
    let topic = Topic::Duty(list[0].id, duties::DutyField::Clock);
    assert_eq!(ab.conflicts(topic).len(), 1, "the other start is kept");
    // Settled in one copy and started again in the other: still one duty.
    let done = act(
        &a,
        duty(DutyCommand::Done {
            duty: list[0].id,
            by: "Ana".into(),
            at: at(8),
            reference: String::new(),
        }),
        8,
        "Ana",
        133,
    );
    assert_eq!(Incident::merge(&done, &b).parts().duties.list().len(), 1);
    // Started in the other copy only after it was done in this one: it stays done.
    let late = act(
        &base,
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(4)))),
        9,
        "Bo",
        134,
    );
    for merged in [Incident::merge(&done, &late), Incident::merge(&late, &done)] {
        let list = merged.parts().duties.list();
        assert_eq!(list.len(), 1);
        assert!(
            matches!(list[0].outcome, duties::Outcome::Done { .. }),
            "a later start does not reopen a duty done: {:?}",
            list[0].outcome
        );
    }
}

#[test]
fn done_and_waive_need_their_texts_and_a_known_duty() {
    let (incident, id) = gdpr();
    let refused = |command: DutyCommand, n: u128| {
        execute(&incident, duty(command), &ctx(hours(2), "Ana", n)).unwrap_err()
    };
    assert_eq!(
        refused(
            DutyCommand::Done {
                duty: id,
                by: "  ".into(),
                at: at(60),
                reference: String::new(),
            },
            141
        ),
        CommandError::Required(Input::Name)
    );
    assert_eq!(
        refused(
            DutyCommand::Done {
                duty: id,
                by: "Ana".into(),
                at: at(60),
                reference: "r".repeat(MAX_TITLE + 1),
            },
            142
        ),
        CommandError::TooLong {
            field: Input::DutyReference,
            len: MAX_TITLE + 1,
            max: MAX_TITLE
        }
    );
    assert_eq!(
        refused(DutyCommand::Waive(id, " ".into()), 143),
        CommandError::Required(Input::WaiveReason)
    );
    let unknown = Uuid::from_u128(99);
    assert_eq!(
        refused(DutyCommand::Waive(unknown, "Why".into()), 144),
        CommandError::NoSuchDuty
    );
    assert_eq!(
        refused(DutyCommand::Reopen(unknown), 145),
        CommandError::NoSuchDuty
    );
    assert_eq!(
        refused(DutyCommand::SetClock(unknown, at(0)), 146),
        CommandError::NoSuchDuty
    );
    assert_eq!(
        refused(DutyCommand::Reopen(id), 147),
        CommandError::NoChange,
        "it is open already"
    );
}

#[test]
fn times_in_the_future_are_refused() {
    let (incident, id) = gdpr();
    let now = 30;
    let refused = |command: DutyCommand, n: u128| {
        execute(&incident, duty(command), &ctx(now, "Ana", n)).unwrap_err()
    };
    assert_eq!(
        refused(
            DutyCommand::Start(shipped("sec-8k-105"), Some(at(now + 1))),
            151
        ),
        CommandError::FutureEvent
    );
    assert_eq!(
        refused(DutyCommand::SetClock(id, at(now + 1)), 152),
        CommandError::FutureEvent
    );
    assert_eq!(
        refused(
            DutyCommand::Done {
                duty: id,
                by: "Ana".into(),
                at: at(now + 1),
                reference: String::new(),
            },
            153
        ),
        CommandError::FutureEvent
    );
    // Now itself is not the future.
    let started = act(
        &incident,
        duty(DutyCommand::Start(shipped("sec-8k-105"), Some(at(now)))),
        now,
        "Ana",
        154,
    );
    assert!(started.parts().duties.has("sec-8k-105"));
    let started = act(
        &incident,
        duty(DutyCommand::Start(shipped("sec-8k-105"), None)),
        now,
        "Ana",
        155,
    );
    let sec = started
        .parts()
        .duties
        .list()
        .into_iter()
        .find(|d| d.def.id == "sec-8k-105")
        .unwrap();
    assert_eq!(sec.from, Some(at(now)), "without a time, from now");
}

#[test]
fn the_clock_of_a_duty_can_be_set_back() {
    let (incident, id) = gdpr();
    let moved = act(
        &incident,
        duty(DutyCommand::SetClock(id, at(-hours(24)))),
        10,
        "Ana",
        161,
    );
    let list = moved.parts().duties.list();
    assert_eq!(list[0].from, Some(at(-hours(24))));
    assert_eq!(list[0].deadline, Some(at(hours(48))));
    assert_eq!(
        execute(
            &moved,
            duty(DutyCommand::SetClock(id, at(-hours(24)))),
            &ctx(11, "Ana", 162)
        )
        .unwrap_err(),
        CommandError::NoChange
    );
    // The definition as started stays, whatever the settings say later.
    assert_eq!(list[0].def, &shipped("gdpr-breach"));
}

// ---- the settings' duties ----

#[test]
fn the_settings_add_replace_and_remove_duties_by_id_up_to_the_limit() {
    let own = DutyDef {
        id: "insurer".into(),
        name: "Tell the cyber insurer".into(),
        recipient: "Insurer".into(),
        starts: "suspecting a breach".into(),
        deadline: Deadline::Hours(48),
        after: None,
    };
    let s = Settings::default().with_duty(&own).unwrap();
    assert_eq!(s.duties.last(), Some(&own));
    let renamed = DutyDef {
        name: "Call the insurer".into(),
        ..shipped("gdpr-breach")
    };
    let s2 = s.with_duty(&renamed).unwrap();
    assert_eq!(s2.duties[0], renamed, "replaced in its place");
    assert_eq!(s2.duties.len(), s.duties.len());
    assert_eq!(s2.without_duty("gdpr-breach").duty("gdpr-breach"), None);
    assert_eq!(
        Settings::default().with_duty(&DutyDef {
            recipient: " ".into(),
            ..own.clone()
        }),
        Err(SettingsError::Duty(DutyDefError::RecipientRequired))
    );
    let mut full = Settings::default();
    full.duties.clear();
    for n in 0..MAX_DUTIES {
        full = full
            .with_duty(&DutyDef {
                id: format!("d{n}"),
                ..own.clone()
            })
            .unwrap();
    }
    assert_eq!(full.duties.len(), MAX_DUTIES);
    assert_eq!(
        full.with_duty(&own),
        Err(SettingsError::Duty(DutyDefError::TooMany))
    );
    assert!(
        full.with_duty(&DutyDef {
            id: "d0".into(),
            ..own
        })
        .is_ok(),
        "a full list still takes a change to one of its duties"
    );
}

/// Counts business days one day at a time: what the whole-week arithmetic must agree with.
fn stepped(start: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    use chrono::Datelike;
    let mut at = start;
    let mut left = days;
    while left > 0 {
        at += chrono::TimeDelta::days(1);
        if at.weekday().num_days_from_monday() < 5 {
            left -= 1;
        }
    }
    at
}

#[test]
fn business_days_agree_with_counting_day_by_day_from_every_weekday() {
    // 2026-11-23 (Monday) to 2026-11-29 (Sunday), each with 0 to 26 business days.
    for day in 23..=29 {
        let start = utc(2026, 11, day, 17, 45);
        for days in 0..=26 {
            assert_eq!(
                add_business_days(start, days),
                Some(stepped(start, days)),
                "{start} + {days} business days"
            );
        }
    }
}

#[test]
fn a_hostile_business_day_count_ends_at_once_past_the_calendar() {
    // A file may carry any amount: the answer is quick, and none past chrono's calendar.
    let started = std::time::Instant::now();
    assert_eq!(add_business_days(utc(2026, 11, 27, 9, 0), u32::MAX), None);
    assert_eq!(
        Deadline::BusinessDays(u32::MAX).from(utc(2026, 11, 27, 9, 0)),
        None
    );
    assert_eq!(
        Deadline::Hours(u32::MAX).from(utc(2026, 11, 27, 9, 0)),
        None
    );
    assert_eq!(
        Deadline::Months(u32::MAX).from(utc(2026, 11, 27, 9, 0)),
        None
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn a_duty_started_earlier_in_another_copy_does_not_stand_against_its_outcome() {
    let base = ancestor();
    // Bo starts it first; Ana starts it later in her copy and marks it done.
    let bo = act(
        &base,
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(2)))),
        3,
        "Bo",
        141,
    );
    let ana = act(
        &base,
        duty(DutyCommand::Start(shipped("gdpr-breach"), Some(at(2)))),
        4,
        "Ana",
        142,
    );
    let id = duty_id(base.id(), "gdpr-breach");
    let done = act(
        &ana,
        duty(DutyCommand::Done {
            duty: id,
            by: "Ana".into(),
            at: at(6),
            reference: "REF-1".into(),
        }),
        6,
        "Ana",
        143,
    );
    for merged in [Incident::merge(&bo, &done), Incident::merge(&done, &bo)] {
        let topic = Topic::Duty(id, duties::DutyField::Outcome);
        assert!(
            merged.conflicts(topic).is_empty(),
            "no conflict on the outcome"
        );
        assert!(matches!(
            merged.parts().duties.list()[0].outcome,
            duties::Outcome::Done { .. }
        ));
    }
}

#[test]
fn a_duty_clock_set_apart_in_two_copies_is_a_conflict_of_the_parts() {
    let (incident, id) = gdpr();
    let a = act(
        &incident,
        duty(DutyCommand::SetClock(id, at(-60))),
        5,
        "Ana",
        151,
    );
    let b = act(
        &incident,
        duty(DutyCommand::SetClock(id, at(-30))),
        6,
        "Bo",
        152,
    );
    let merged = Incident::merge(&a, &b);
    let clock = Topic::Duty(id, duties::DutyField::Clock);
    // Each register of a duty is among the parts' (what the import preview reads for conflicts).
    let topics: Vec<Topic> = merged.parts().slots().into_iter().map(|(t, _)| t).collect();
    assert!(topics.contains(&clock), "{topics:?}");
    assert!(topics.contains(&Topic::Duty(id, duties::DutyField::Outcome)));
    let conflicted: Vec<Topic> = merged
        .parts()
        .slots()
        .into_iter()
        .filter(|(_, slot)| !slot.conflicts().is_empty())
        .map(|(t, _)| t)
        .collect();
    assert_eq!(conflicted, [clock]);
}
