//! Properties of files: export is byte-stable, imports of diverged copies converge in any order,
//! and importing a file twice changes nothing.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use proptest::prelude::*;
use sitrep::domain::{Incident, State};
use sitrep::transfer::{parse_file, plan_import, ImportPlan, Limits, ParsedFile};
use support::export;
use support::{act, any_incidents, at, commander, ctx, histories, note, set_title, transition};

fn read(text: &str) -> ParsedFile {
    match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

fn file(incidents: &[&Incident]) -> ParsedFile {
    read(&export(incidents.iter().copied(), at(0)))
}

/// Writes the plan as storage does: each written incident joined with the stored copy.
fn apply_plan(store: &mut Vec<Incident>, plan: &ImportPlan) {
    for written in &plan.to_write {
        match store.iter_mut().find(|i| i.id() == written.id()) {
            Some(slot) => *slot = Incident::merge(slot, written),
            None => store.push(written.clone()),
        }
    }
}

/// `store` after importing each incident in turn, one file each.
fn import_all(mut store: Vec<Incident>, files: &[&Incident]) -> Vec<Incident> {
    for (n, incident) in files.iter().enumerate() {
        let plan = plan_import(
            &store,
            file(&[incident]),
            &ctx(900, "Importer", 900 + n as u128),
        );
        apply_plan(&mut store, &plan);
    }
    store.sort_by_key(|i| i.id());
    store
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_byte_stable(incidents in any_incidents(), minute in -1_000_000i64..1_000_000) {
        let first = export(&incidents, at(minute));
        let parsed = read(&first);
        let mut read = parsed.incidents.clone();
        read.sort_by_key(|i| i.id());
        prop_assert_eq!(&read, &incidents, "what is read is what was written");
        prop_assert_eq!(export(&parsed.incidents, parsed.exported_at), first);
    }

    #[test]
    fn copies_imported_in_any_order_converge((base, [a, b, c]) in histories()) {
        let abc = import_all(vec![a.clone()], &[&b, &c]);
        let acb = import_all(vec![a.clone()], &[&c, &b]);
        let cba = import_all(vec![c.clone()], &[&b, &a]);
        let fresh = import_all(vec![base.clone()], &[&a, &b, &c]);
        prop_assert_eq!(abc.len(), 1);
        prop_assert_eq!(&abc, &acb);
        prop_assert_eq!(&abc, &cba);
        prop_assert_eq!(&fresh, &abc);
        prop_assert_eq!(&*abc[0], &*cba[0], "every side shows the same fields");
        prop_assert_eq!(export(&abc, at(0)), export(&cba, at(0)));
    }

    #[test]
    fn importing_a_file_twice_writes_nothing_the_second_time((_, [a, b, c]) in histories()) {
        let mut store = vec![a.clone(), support::incident(7, 3)];
        let joined = Incident::merge(&b, &c);
        let other = support::incident(8, 3);
        let theirs = [&joined, &other];
        let first = plan_import(&store, file(&theirs), &ctx(900, "Importer", 1));
        apply_plan(&mut store, &first);
        let second = plan_import(&store, file(&theirs), &ctx(901, "Importer", 2));
        prop_assert!(second.to_write.is_empty());
        prop_assert_eq!(second.counts().unchanged, 2);
    }
}

#[test]
fn two_copies_edited_apart_converge_whichever_imports_first() {
    let shared = act(
        &support::incident(42, 4),
        transition(State::Triaged),
        5,
        "Ana",
        5,
    );
    let a = act(&shared, commander("Ana"), 10, "Ana", 10);
    let b = act(&shared, set_title(&shared, "B's title"), 11, "Bo", 11);
    let b = act(&b, note("B: rolled back the certificate"), 12, "Bo", 12);
    let b = act(&b, transition(State::Investigating), 13, "Bo", 13);

    let at_a = import_all(vec![a.clone()], &[&b]);
    let at_b = import_all(vec![b.clone()], &[&a]);
    let at_c = import_all(vec![shared.clone()], &[&b, &a]);
    assert_eq!(at_a, at_b);
    assert_eq!(at_a, at_c);
    let merged = &at_a[0];
    assert_eq!(merged.commander.as_deref(), Some("Ana"), "A's commander");
    assert_eq!(merged.title, "B's title", "B's title");
    assert_eq!(merged.state, State::Investigating);
    assert_eq!(merged.events().len(), shared.events().len() + 4);
    assert_eq!(
        export(&at_a, at(0)),
        export(&at_b, at(0)),
        "both sides now export the same bytes"
    );
}
