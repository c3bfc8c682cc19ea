//! Hostile and broken files: each is refused with the exact typed error and a plain sentence, never a panic.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sitrep::domain::identity::IdentityEvent;
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::roles::{Expert, Role, RolesEvent};
use sitrep::domain::{
    Change, Declaration, Earlier, Event, Incident, Log, Priority, PriorityOverride,
};
use sitrep::transfer::{parse_file, ImportError, Limits, ParsedFile};
use support::export;
use support::{assert_sentence, file_value, incident, incident_value};

fn parse_bytes(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    parse_file(bytes, &Limits::default())
}

fn parse(value: &Value) -> Result<ParsedFile, ImportError> {
    parse_bytes(&serde_json::to_vec_pretty(value).unwrap_or_default())
}

/// Asserts `result` is exactly `expected` and reads as a sentence.
fn refused(result: Result<ParsedFile, ImportError>, expected: ImportError) {
    match result {
        Ok(_) => panic!("accepted a file that should give {expected:?}"),
        Err(error) => {
            assert_eq!(error, expected);
            assert_sentence(&error);
        }
    }
}

fn invalid(path: &str, msg: &str) -> ImportError {
    ImportError::Invalid {
        path: path.into(),
        msg: msg.into(),
    }
}

/// A valid file whose first incident is edited by `edit`.
fn with_incident(edit: impl FnOnce(&mut Value)) -> Value {
    let mut one = incident_value();
    edit(&mut one);
    file_value(json!([one]))
}

fn valid_export() -> String {
    export(&support::incidents(3, 4), support::at(0))
}

#[test]
fn an_empty_file_is_refused() {
    refused(parse_bytes(b""), ImportError::Empty);
    refused(parse_bytes(b" \n\t\r\n"), ImportError::Empty);
    assert_eq!(
        sitrep::components::words::import_refusal(&ImportError::Empty),
        "This file is empty."
    );
}

#[test]
fn a_file_that_is_not_json_is_refused() {
    refused(
        parse_bytes(b"hello, world"),
        ImportError::NotJson {
            line: 1,
            column: 1,
            msg: "expected value".into(),
        },
    );
    refused(
        parse_bytes(b"{\"format\": sitrep}"),
        ImportError::NotJson {
            line: 1,
            column: 12,
            msg: "expected value".into(),
        },
    );
    let with_garbage = format!("{}garbage", valid_export());
    assert!(
        matches!(parse_bytes(with_garbage.as_bytes()), Err(ImportError::NotJson { ref msg, .. }) if msg == "trailing characters")
    );
}

#[test]
fn json_cut_off_half_way_is_refused() {
    let text = valid_export();
    for cut in [text.len() / 2, text.len() - 2, 1] {
        let error = parse_bytes(&text.as_bytes()[..cut]).unwrap_err();
        assert!(
            matches!(&error, ImportError::NotJson { msg, .. } if msg == "the file ends too early, so it may have been cut off"),
            "cut at {cut}: {error:?}"
        );
        assert_sentence(&error);
    }
}

#[test]
fn a_utf8_byte_order_mark_is_skipped_and_others_are_refused() {
    let text = valid_export();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(parse_bytes(&with_bom), parse_bytes(text.as_bytes()));
    assert!(parse_bytes(&with_bom).is_ok());

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    refused(
        parse_bytes(&utf16),
        ImportError::ByteOrderMark {
            encoding: "UTF-16 (little-endian)",
        },
    );
    refused(
        parse_bytes(b"\xFE\xFF\x00{"),
        ImportError::ByteOrderMark {
            encoding: "UTF-16 (big-endian)",
        },
    );
    refused(
        parse_bytes(b"\x00\x00\xFE\xFF\x00\x00\x00{"),
        ImportError::ByteOrderMark {
            encoding: "UTF-32 (big-endian)",
        },
    );
    refused(
        parse_bytes(b"\xFF\xFE\x00\x00{\x00\x00\x00"),
        ImportError::ByteOrderMark {
            encoding: "UTF-32 (little-endian)",
        },
    );
    assert_eq!(
        sitrep::components::words::import_refusal(&ImportError::ByteOrderMark { encoding: "UTF-16 (little-endian)" }),
        "This file is saved as UTF-16 (little-endian); Sitrep reads UTF-8 only. Save it as UTF-8 and try again."
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let text = valid_export();
    let at = text.find("Checkout errors").unwrap_or_default();
    let mut bytes = text.into_bytes();
    bytes[at] = 0xFF;
    refused(parse_bytes(&bytes), ImportError::NotUtf8 { offset: at });
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&bytes);
    refused(
        parse_bytes(&with_bom),
        ImportError::NotUtf8 { offset: at + 3 },
    );
}

#[test]
fn a_bare_array_is_not_a_sitrep_file() {
    let list = ImportError::NotSitrep {
        found: "it is a list, not an object".into(),
    };
    refused(parse_bytes(b"[]"), list.clone());
    refused(parse(&json!([file_value(json!([]))])), list);
    refused(
        parse_bytes(b"42"),
        ImportError::NotSitrep {
            found: "it is a number, not an object".into(),
        },
    );
    refused(
        parse_bytes(b"\"sitrep\""),
        ImportError::NotSitrep {
            found: "it is a text, not an object".into(),
        },
    );
    refused(
        parse_bytes(b"null"),
        ImportError::NotSitrep {
            found: "it is null, not an object".into(),
        },
    );
    for boolean in [b"true".as_slice(), b"false"] {
        refused(
            parse_bytes(boolean),
            ImportError::NotSitrep {
                found: "it is true or false, not an object".into(),
            },
        );
    }
    assert_eq!(
        sitrep::components::words::import_refusal(&ImportError::NotSitrep {
            found: "it is a list, not an object".into()
        }),
        "This is not a Sitrep file (it is a list, not an object)."
    );
}

#[test]
fn a_long_format_is_shown_cut_at_forty_characters_and_marked() {
    let mut other = file_value(json!([]));
    let forty = "f".repeat(40);
    other["format"] = json!(forty);
    refused(
        parse(&other),
        ImportError::NotSitrep {
            found: format!("its format is \"{forty}\", not \"sitrep\""),
        },
    );
    other["format"] = json!(format!("{forty}\nforged line"));
    refused(
        parse(&other),
        ImportError::NotSitrep {
            found: format!("its format is \"{forty}\"…, not \"sitrep\""),
        },
    );
}

#[test]
fn the_wrong_format_is_not_a_sitrep_file() {
    let mut other = file_value(json!([]));
    other["format"] = json!("tldraw");
    refused(
        parse(&other),
        ImportError::NotSitrep {
            found: "its format is \"tldraw\", not \"sitrep\"".into(),
        },
    );
    other["format"] = json!(1);
    refused(
        parse(&other),
        ImportError::NotSitrep {
            found: "its format is not text".into(),
        },
    );
    refused(
        parse(&json!({"type": "excalidraw", "version": 2, "elements": []})),
        ImportError::NotSitrep {
            found: "it has no \"format\" field".into(),
        },
    );
}

#[test]
fn a_newer_version_is_refused_in_words() {
    let mut newer = file_value(json!([{"a shape": "from the future"}]));
    newer["version"] = json!(4);
    let error = parse(&newer).unwrap_err();
    assert_eq!(
        error,
        ImportError::NewerVersion {
            found: 4,
            supported: 3
        }
    );
    assert_eq!(
        sitrep::components::words::import_refusal(&error),
        "This file was made by a newer Sitrep (format version 4); this one reads up to version 3."
    );
}

#[test]
fn a_ten_megabyte_string_is_refused_by_its_path() {
    let huge = "A".repeat(10_000_000);
    let title = with_incident(|i| i["title"] = json!(huge));
    refused(
        parse(&title),
        ImportError::StringTooLong {
            path: "incidents[0].title".into(),
            len: 10_000_000,
            max: 100_000,
        },
    );
    let note = with_incident(|i| {
        i["events"][1] = json!({"id": "00000000-0000-4000-8000-0000000000aa",
        "recorded_at": "2026-11-26T09:00:00Z", "actor": "x", "change": {"note_added": huge}})
    });
    refused(
        parse(&note),
        ImportError::StringTooLong {
            path: "incidents[0].events[1].change.note_added".into(),
            len: 10_000_000,
            max: 100_000,
        },
    );
    let mut in_scenarios = file_value(json!([]));
    in_scenarios["scenarios"] = json!([{"name": "é".repeat(200_000)}]);
    refused(
        parse(&in_scenarios),
        ImportError::StringTooLong {
            path: "scenarios[0].name".into(),
            len: 200_000,
            max: 100_000,
        },
    );
}

#[test]
fn nesting_200_deep_is_refused_before_parsing() {
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let in_file = format!(
        r#"{{"format":"sitrep","version":1,"exported_at":"2026-11-26T10:00:00Z","scenarios":{deep}}}"#
    );
    refused(
        parse_bytes(in_file.as_bytes()),
        ImportError::TooDeep { max: 32 },
    );
    refused(
        parse_bytes(deep.as_bytes()),
        ImportError::TooDeep { max: 32 },
    );
    let objects = format!("{}{}", r#"{"a":"#.repeat(200), "}".repeat(200));
    refused(
        parse_bytes(objects.as_bytes()),
        ImportError::TooDeep { max: 32 },
    );
}

fn million(items: &str, before: &str, after: &str) -> Vec<u8> {
    let mut text = String::with_capacity(items.len() * 1_000_001 + before.len() + after.len());
    text.push_str(before);
    for n in 0..1_000_000 {
        if n > 0 {
            text.push(',');
        }
        text.push_str(items);
    }
    text.push_str(after);
    text.into_bytes()
}

#[test]
fn a_million_tiny_records_are_refused_by_count_quickly() {
    let head = r#"{"format":"sitrep","version":1,"exported_at":"2026-11-26T10:00:00Z","#;
    let started = Instant::now();
    let incidents = million("{}", &format!(r#"{head}"incidents":["#), "]}");
    refused(
        parse_bytes(&incidents),
        ImportError::TooMany {
            what: "incidents".into(),
            count: 1_000_000,
            max: 100_000,
        },
    );
    let events = million("{}", &format!(r#"{head}"incidents":[{{"events":["#), "]}]}");
    refused(
        parse_bytes(&events),
        ImportError::TooMany {
            what: "timeline events in incidents[0]".into(),
            count: 1_000_000,
            max: 10_000,
        },
    );
    let scenario_items = million("0", &format!(r#"{head}"scenarios":[{{"injects":["#), "]}]}");
    refused(
        parse_bytes(&scenario_items),
        ImportError::TooMany {
            what: "items in scenarios[0].injects".into(),
            count: 1_000_000,
            max: 10_000,
        },
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn the_limits_admit_a_real_file_and_refuse_more() {
    let text = export(&support::incidents(5, 6), support::at(0));
    let exact = Limits {
        max_incidents: 5,
        max_events_per_incident: 6,
        ..Limits::default()
    };
    assert!(
        parse_file(text.as_bytes(), &exact).is_ok(),
        "exactly the limits are admitted"
    );
    for max_values in [1, 5] {
        let tight = Limits {
            max_values,
            ..Limits::default()
        };
        refused(
            parse_file(text.as_bytes(), &tight),
            ImportError::TooMany {
                what: "values".into(),
                count: max_values + 1,
                max: max_values,
            },
        );
    }
    let tight = Limits {
        max_incidents: 4,
        ..Limits::default()
    };
    refused(
        parse_file(text.as_bytes(), &tight),
        ImportError::TooMany {
            what: "incidents".into(),
            count: 5,
            max: 4,
        },
    );
    let tight = Limits {
        max_events_per_incident: 5,
        ..Limits::default()
    };
    refused(
        parse_file(text.as_bytes(), &tight),
        ImportError::TooMany {
            what: "timeline events in incidents[0]".into(),
            count: 6,
            max: 5,
        },
    );
    let tight = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    refused(
        parse_file(text.as_bytes(), &tight),
        ImportError::TooLarge {
            bytes: text.len() as u64,
            max: 100,
        },
    );
    assert!(parse_file(text.as_bytes(), &Limits::default()).is_ok());
}

#[test]
fn duplicate_ids_inside_the_file_are_refused() {
    let one = incident_value();
    let id = one["id"].as_str().unwrap_or_default().to_string();
    refused(
        parse(&file_value(json!([one.clone(), incident_value(), one]))),
        ImportError::DuplicateId {
            path: "incidents[1].id".into(),
            id,
        },
    );
    let mut events = incident_value();
    let copied = events["events"][0].clone();
    let event_id = copied["id"].as_str().unwrap_or_default().to_string();
    if let Some(list) = events["events"].as_array_mut() {
        list.push(copied);
    }
    refused(
        parse(&file_value(json!([events]))),
        ImportError::DuplicateId {
            path: "incidents[0].events[3].id".into(),
            id: event_id,
        },
    );
}

#[test]
fn unknown_enum_values_name_their_place() {
    refused(
        parse(&with_incident(|i| {
            i["events"][0]["change"]["declared"]["kind"] = json!("exercise")
        })),
        invalid(
            "incidents[0].events[0].change.declared.kind",
            "not a known kind (\"exercise\")",
        ),
    );
    // A kind this build does not know is kept (see transfer_forward.rs); a change that is no
    // kind at all, or a known kind that is malformed, is refused where it stands.
    refused(
        parse(&with_incident(|i| i["events"][1]["change"] = json!(7))),
        invalid(
            "incidents[0].events[1].change",
            "invalid type: integer `7`, expected an event change (an object with one kind, or a kind's name)",
        ),
    );
    refused(
        parse(&with_incident(|i| {
            i["events"][1]["change"] = json!({"state_changed": {"from": "reported"}})
        })),
        invalid(
            "incidents[0].events[1].change.state_changed",
            "missing field `to`",
        ),
    );
    refused(
        parse(&with_incident(|i| {
            i["events"][1]["change"] = json!({"role_assigned": {"role": "scribe"}})
        })),
        invalid(
            "incidents[0].events[1].change",
            "role_assigned: missing field `person`",
        ),
    );
    // A role a newer Sitrep added is kept, not refused: a new role needs no format bump.
    let newer = parse(&with_incident(|i| {
        i["events"][1]["change"] = json!({"role_assigned": {"role": "liaison", "person": "A"}})
    }))
    .expect("a newer role is read");
    assert!(matches!(
        &newer.incidents[0].events()[1].change,
        sitrep::domain::Change::Unknown(u) if u.kind == "role_assigned"
    ));
    refused(
        parse(&with_incident(|i| {
            i["events"][1]["change"] = json!({"note_added": "a", "title_set": "b"})
        })),
        // The place named is the second kind itself.
        invalid(
            "incidents[0].events[1].change.title_set",
            "an event change has one kind, and \"note_added\" is followed by another",
        ),
    );
    refused(
        parse(&with_incident(|i| {
            i["events"][0]["change"]["declared"]["category"] = json!(7)
        })),
        invalid(
            "incidents[0].events[0].change.declared.category",
            "invalid type: integer `7`, expected a string",
        ),
    );
}

#[test]
fn bad_dates_name_their_place() {
    refused(
        parse(&with_incident(|i| {
            i["events"][2]["recorded_at"] = json!("yesterday")
        })),
        invalid("incidents[0].events[2].recorded_at", "not a date"),
    );
    refused(
        parse(&with_incident(|i| {
            i["events"][1]["at"] = json!("2026-13-45T00:00:00Z")
        })),
        invalid("incidents[0].events[1].at", "not a date"),
    );
    refused(
        parse(&with_incident(|i| {
            i["events"][0]["change"]["declared"]["detected_at"] = json!(1_764_150_000)
        })),
        invalid(
            "incidents[0].events[0].change.declared.detected_at",
            "invalid type: integer `1764150000`, expected a date",
        ),
    );
    let mut envelope = file_value(json!([]));
    envelope["exported_at"] = json!("now");
    refused(parse(&envelope), invalid("exported_at", "not a date"));
}

#[test]
fn the_current_fields_written_for_people_are_folded_again_not_trusted() {
    let edited = with_incident(|i| {
        i["title"] = json!("Edited by hand");
        i["state"] = json!("no such state");
        i["created_at"] = json!("not even a date");
    });
    let parsed = parse(&edited).unwrap();
    assert_eq!(parsed.incidents[0], incident(42, 3));
    assert_eq!(parsed.incidents[0].title, incident(42, 3).title);
}

#[test]
fn an_incident_nobody_declared_is_refused() {
    let undeclared = with_incident(|i| {
        if let Some(events) = i["events"].as_array_mut() {
            events.remove(0);
        }
    });
    refused(
        parse(&undeclared),
        invalid("incidents[0].events", "no declared event"),
    );
}

#[test]
fn numbers_out_of_range_are_refused() {
    let version = |v: &str| {
        format!(r#"{{"format":"sitrep","version":{v},"exported_at":"2026-11-26T10:00:00Z","incidents":[]}}"#).into_bytes()
    };
    refused(
        parse_bytes(&version("1e400")),
        invalid("version", "number out of range"),
    );
    refused(
        parse_bytes(&version("1180591620717411303424")),
        invalid("version", "number out of range"),
    );
    refused(
        parse_bytes(&version("18446744073709551616.0")),
        invalid("version", "number out of range"),
    );
    refused(
        parse_bytes(&version("-1")),
        invalid("version", "a negative number; versions start at 0"),
    );
    refused(
        parse_bytes(&version("1.5")),
        invalid("version", "not a whole number"),
    );
    refused(
        parse_bytes(&version("\"1\"")),
        invalid("version", "not a number"),
    );
    assert!(
        parse_bytes(&version("1.0")).is_ok(),
        "1.0 is the whole number 1"
    );
    assert!(
        parse_bytes(&version("0.0")).is_ok(),
        "0.0 is the first version"
    );
    refused(
        parse_bytes(&version("-2.0")),
        invalid("version", "a negative number; versions start at 0"),
    );
    let in_incident =
        valid_export().replacen("\"kind\": ", "\"score\": -2e999,\n      \"kind\": ", 1);
    refused(
        parse_bytes(in_incident.as_bytes()),
        invalid("incidents[0].score", "number out of range"),
    );
}

#[test]
fn missing_required_fields_name_their_place() {
    let remove =
        |field: &'static str| move |i: &mut Value| drop(i.as_object_mut().map(|o| o.remove(field)));
    refused(
        parse(&with_incident(remove("id"))),
        invalid("incidents[0]", "missing field `id`"),
    );
    refused(
        parse(&with_incident(remove("events"))),
        invalid("incidents[0]", "missing field `events`"),
    );
    refused(
        parse(&with_incident(|i| {
            drop(
                i["events"][1]
                    .as_object_mut()
                    .map(|e| e.remove("recorded_at")),
            )
        })),
        invalid("incidents[0].events[1]", "missing field `recorded_at`"),
    );
    refused(
        parse(&with_incident(|i| {
            drop(
                i["events"][0]["change"]["declared"]
                    .as_object_mut()
                    .map(|e| e.remove("title")),
            )
        })),
        invalid(
            "incidents[0].events[0].change.declared",
            "missing field `title`",
        ),
    );
    for field in ["version", "exported_at"] {
        let mut envelope = file_value(json!([]));
        envelope.as_object_mut().map(|o| o.remove(field));
        refused(parse(&envelope), invalid(field, "missing"));
    }
    let mut not_a_list = file_value(json!([]));
    not_a_list["incidents"] = json!({"0": {}});
    refused(
        parse(&not_a_list),
        invalid("incidents", "invalid type: map, expected a sequence"),
    );
    refused(
        parse(&file_value(json!(["INC-0001"]))),
        invalid(
            "incidents[0]",
            "invalid type: string \"INC-0001\", expected an incident object",
        ),
    );
}

#[test]
fn a_broken_old_file_fails_in_migration() {
    let old = json!({"format": "sitrep", "version": 0, "exported_at": "2026-09-14T16:20:00Z",
        "incidents": [{"timeline": [{"id": "x", "actor": "y", "type": "declared"}]}]});
    refused(
        parse(&old),
        ImportError::Migration {
            from: 0,
            msg: "incidents[0].timeline[0] has no time".into(),
        },
    );
}

#[test]
fn markup_in_every_text_field_round_trips_untouched() {
    let hostile =
        "<script>alert('x')</script><img src=x onerror=\"alert(1)\">&amp;&lt;\u{202E}\u{0}\\ \"q\"";
    let sample = incident(9, 1);
    let first = sample.events()[0].clone();
    let Change::Declared(declaration) = &first.change else {
        panic!("the first event declares");
    };
    let declaration = Declaration {
        reference: format!("INC-{hostile}"),
        aliases: vec![hostile.into()],
        title: hostile.into(),
        description: hostile.into(),
        services: vec![hostile.into(), hostile.into()],
        reported_by: hostile.into(),
        priority_override: Some(PriorityOverride {
            priority: Priority::P2,
            reason: hostile.into(),
        }),
        ..(**declaration).clone()
    };
    let changes = [
        Change::Notes(NoteEvent::Added {
            text: hostile.into(),
        }),
        Change::Earlier(Box::new(Earlier {
            field: hostile.into(),
            from: hostile.into(),
            to: hostile.into(),
            reason: Some(hostile.into()),
        })),
        Change::Roles(RolesEvent::Assigned {
            role: Role::Scribe,
            person: hostile.into(),
            from: Some(hostile.into()),
        }),
        Change::Roles(RolesEvent::ExpertAssigned {
            expert: support::uuid(7, 7),
            who: Expert {
                person: hostile.into(),
                area: hostile.into(),
            },
        }),
        Change::Identity(IdentityEvent::Renumbered {
            reference: hostile.into(),
        }),
    ];
    let mut events = vec![Event {
        actor: hostile.into(),
        change: Change::Declared(Box::new(declaration)),
        ..first.clone()
    }];
    for (n, change) in changes.into_iter().enumerate() {
        events.push(Event {
            id: support::uuid(9, 10 + n as u64),
            recorded_at: support::at(n as i64 + 1),
            at: support::at(n as i64 + 1),
            actor: hostile.into(),
            supersedes: Vec::new(),
            change,
        });
    }
    let mut extra = serde_json::Map::new();
    extra.insert(hostile.into(), json!({ hostile: [hostile] }));
    let sample = Incident::from_log(sample.id(), Log::new(events), extra).unwrap();
    let text = export([&sample], support::at(0));
    let parsed = parse_bytes(text.as_bytes()).unwrap();
    assert_eq!(parsed.incidents, vec![sample]);
}

#[test]
fn each_list_is_held_to_its_own_limit() {
    // Incidents and timelines have limits of their own; every other list, here the services, has
    // the general one, however deep it sits.
    let text = export(&support::incidents(2, 3), support::at(0));
    let tight = Limits {
        max_list_items: 1,
        ..Limits::default()
    };
    refused(
        parse_file(text.as_bytes(), &tight),
        ImportError::TooMany {
            what: "items in incidents[0].services".into(),
            count: 2,
            max: 1,
        },
    );
    let mut with_scenarios = file_value(json!([]));
    with_scenarios["scenarios"] = json!([{}, {}]);
    refused(
        parse_file(with_scenarios.to_string().as_bytes(), &tight),
        ImportError::TooMany {
            what: "items in scenarios".into(),
            count: 2,
            max: 1,
        },
    );
}
