//! The sample incidents: the same seed writes the same file to the byte, the mix is what the
//! dashboard needs to show (drills, cancelled, reopened, open and closed, every priority seen,
//! updates, duties, follow-ups), nothing happens after the end, and the importer takes the file
//! whole.

#![cfg(not(target_arch = "wasm32"))]

use chrono::{TimeZone, Utc};
use sitrep::domain::lifecycle::reopened;
use sitrep::domain::{IncidentKind, State};
use sitrep::transfer::{export, parse_file, Limits};

fn until() -> chrono::DateTime<Utc> {
    match Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).single() {
        Some(at) => at,
        None => panic!("an instant"),
    }
}

#[test]
fn the_same_seed_writes_the_same_file_and_another_seed_another() {
    let one = sitrep::sample::incidents(60, 7, until(), 120);
    let again = sitrep::sample::incidents(60, 7, until(), 120);
    let other = sitrep::sample::incidents(60, 8, until(), 120);
    let text = |list: &[sitrep::domain::Incident]| export(list, until()).expect("written");
    assert_eq!(text(&one), text(&again));
    assert_ne!(text(&one), text(&other));
}

#[test]
fn the_sample_holds_every_kind_of_incident_the_figures_count() {
    let list = sitrep::sample::incidents(200, 2026, until(), 120);
    assert_eq!(list.len(), 200);
    let count =
        |f: &dyn Fn(&sitrep::domain::Incident) -> bool| list.iter().filter(|i| f(i)).count();
    assert!(count(&|i| i.kind == IncidentKind::Drill) >= 5);
    assert!(count(&|i| i.state == State::Cancelled) >= 3);
    assert!(count(&|i| reopened(i)) >= 3);
    assert!(count(&|i| i.state == State::Closed) >= 50);
    assert!(count(&|i| i.state.is_open()) >= 5);
    for priority in sitrep::domain::Priority::ALL {
        assert!(
            count(&|i| i.priority() == priority) >= 1,
            "{priority:?} seen"
        );
    }
    assert!(count(&|i| !i.parts().comms.updates().is_empty()) >= 100);
    assert!(count(&|i| !i.parts().duties.list().is_empty()) >= 5);
    assert!(count(&|i| !i.parts().actions.list().is_empty()) >= 5);
    // Reported within the days asked for, and nothing recorded after the end.
    let first = until() - chrono::Duration::days(120);
    for incident in &list {
        assert!(first <= incident.reported_at && incident.reported_at < until());
        assert!(incident.events().iter().all(|e| e.recorded_at <= until()));
    }
    // In report order.
    assert!(list
        .windows(2)
        .all(|w| w[0].reported_at <= w[1].reported_at));
}

#[test]
fn the_importer_takes_the_sample_file_whole() {
    let list = sitrep::sample::incidents(200, 2026, until(), 120);
    let text = export(&list, until()).expect("written");
    let parsed = match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(parsed) => parsed,
        Err(error) => panic!("refused: {error}"),
    };
    // The file lists them in its own order; each comes back as it was made.
    let by_id = |mut list: Vec<sitrep::domain::Incident>| {
        list.sort_by_key(|i| i.id());
        list
    };
    assert_eq!(by_id(parsed.incidents), by_id(list));
}
