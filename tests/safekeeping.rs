//! Native tests of the safekeeping rules: when the backup nudge is due, and what the canary says.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::safekeeping::{
    backup_nudge, canary, parse_remind_days, Canary, Nudge, DEFAULT_REMIND_DAYS,
};
use support::{act, at, incident, note};

const DAY: i64 = 24 * 60;

#[test]
fn no_nudge_without_incidents_or_before_the_interval() {
    assert_eq!(backup_nudge(None, [], at(30 * DAY), 7), None);
    let one = incident(1, 1);
    assert_eq!(
        backup_nudge(None, [&one], at(7 * DAY - 1), 7),
        None,
        "day one is not nagged"
    );
    assert_eq!(
        backup_nudge(None, [&one], at(7 * DAY), 7),
        Some(Nudge {
            changed: 1,
            last_export: None
        }),
        "never exported, and the first incident is a week old"
    );
}

#[test]
fn counts_only_incidents_changed_since_the_last_export() {
    let untouched = incident(1, 1);
    let noted = act(&incident(2, 1), note("later"), 3 * DAY, "Ana", 9);
    let exported = at(DAY);
    let all = [&untouched, &noted];
    assert_eq!(
        backup_nudge(Some(exported), all, at(8 * DAY), 7),
        Some(Nudge {
            changed: 1,
            last_export: Some(exported)
        })
    );
    assert_eq!(
        backup_nudge(Some(exported), all, at(8 * DAY - 1), 7),
        None,
        "the interval runs from the export"
    );
    assert_eq!(
        backup_nudge(Some(at(4 * DAY)), [&untouched, &noted], at(30 * DAY), 7),
        None,
        "nothing changed since the export"
    );
    assert_eq!(
        backup_nudge(Some(noted.updated_at), all, at(30 * DAY), 7),
        None,
        "a change stamped at the export's own time is in that export"
    );
}

#[test]
fn the_interval_is_the_persons_choice_within_bounds() {
    let one = incident(1, 1);
    assert!(backup_nudge(None, [&one], at(DAY), 1).is_some());
    assert!(backup_nudge(None, [&one], at(DAY), 2).is_none());
    assert!(
        backup_nudge(None, [&one], at(DAY), 0).is_some(),
        "0 reads as 1 day"
    );
    assert_eq!(parse_remind_days(Some(" 14 ")), 14);
    for unusable in [
        None,
        Some(""),
        Some("0"),
        Some("-3"),
        Some("366"),
        Some("soon"),
    ] {
        assert_eq!(
            parse_remind_days(unusable),
            DEFAULT_REMIND_DAYS,
            "{unusable:?}"
        );
    }
    assert_eq!(parse_remind_days(Some("365")), 365);
    assert_eq!(parse_remind_days(Some("1")), 1);
}

#[test]
fn the_canary_sees_a_database_that_is_not_the_one_remembered() {
    assert_eq!(canary(None, "db-1"), Canary::Same, "first run");
    assert_eq!(canary(Some("db-1"), "db-1"), Canary::Same);
    assert_eq!(canary(Some("db-1"), "db-2"), Canary::Wiped);
}

#[test]
fn sizes_read_at_a_glance() {
    use sitrep::safekeeping::human_bytes;
    assert_eq!(human_bytes(0.0), "0 bytes");
    assert_eq!(human_bytes(999.0), "999 bytes");
    assert_eq!(human_bytes(1_000.0), "1.0 kB");
    assert_eq!(human_bytes(1_000_000.0), "1.0 MB", "not 1000 kB");
    assert_eq!(human_bytes(1_536_000.0), "1.5 MB");
    assert_eq!(human_bytes(12_400_000.0), "12 MB");
    assert_eq!(human_bytes(999_499_999.0), "999 MB");
    assert_eq!(human_bytes(10_000_000_000.0), "10 GB");
    assert_eq!(human_bytes(3e15), "3000 TB");
    assert_eq!(human_bytes(f64::NAN), "0 bytes");
}
