//! The shipped JSON Schema (static/sitrep.schema.json) matches real exports, and refuses broken ones.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use jsonschema::Validator;
use proptest::prelude::*;
use serde_json::Map;
use serde_json::{json, Value};
use sitrep::domain::commands::RoleCommand;
use sitrep::domain::roles::{Expert, Role};
use sitrep::domain::Incident;
use support::export;

const SCHEMA: &str = include_str!("../static/sitrep.schema.json");
const V1: &str = include_str!("fixtures/v1-inc-0042-resolved-and-a-drill.json");
const V3: &str = include_str!("fixtures/v3-two-copies-merged.json");

fn validator() -> Validator {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap_or_default();
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema itself is valid draft 2020-12"
    );
    match jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
    {
        Ok(validator) => validator,
        Err(error) => panic!("schema does not compile: {error}"),
    }
}

fn problems(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// An export holding every kind of event, an override, a drill, a conflict and unknown fields.
fn full_export() -> Value {
    let mut incidents = support::incidents(8, 9);
    let first = &incidents[0];
    let a = support::act(first, support::set_title(first, "A's title"), 30, "Ana", 30);
    let b = support::act(first, support::set_title(first, "B's title"), 31, "Bo", 31);
    incidents[0] = Incident::merge(&a, &b);
    let mut extra = Map::new();
    extra.insert("severity_score".into(), json!(7));
    let second = &incidents[1];
    incidents[1] = Incident::from_log(second.id(), second.log().clone(), extra).unwrap();
    let roles = |command| sitrep::domain::Command::Roles(command);
    let third = support::act(
        &incidents[2],
        roles(RoleCommand::Assign {
            role: Role::CommsLead,
            person: "Chen".into(),
        }),
        40,
        "Ana",
        40,
    );
    let third = support::act(
        &third,
        roles(RoleCommand::AddExpert(Expert {
            person: "Dara".into(),
            area: "database".into(),
        })),
        41,
        "Ana",
        41,
    );
    let third = support::act(
        &third,
        roles(RoleCommand::Release(Role::CommsLead)),
        42,
        "Ana",
        42,
    );
    let expert = third
        .parts()
        .roles
        .experts()
        .next()
        .map(|(id, _, _)| id)
        .unwrap();
    incidents[2] = support::act(
        &third,
        roles(RoleCommand::ReleaseExpert(expert)),
        43,
        "Ana",
        43,
    );
    let fourth = &incidents[3];
    incidents[3] = support::act(
        fourth,
        roles(RoleCommand::AddExpert(Expert {
            person: "Eli".into(),
            area: "network".into(),
        })),
        44,
        "Ana",
        44,
    );
    incidents[4] = with_tasks(&incidents[4]);
    let target = (incidents[2].id(), incidents[2].reference.clone());
    incidents[4] = with_resolution_and_links(&incidents[4], target);
    incidents[5] = support::with_comms_and_duties(&incidents[5], 70);
    incidents[6] = support::with_review_and_actions(&incidents[6], 80);
    let mut text: Value =
        serde_json::from_str(&export(&incidents, support::at(0))).unwrap_or_default();
    let migrated: Value = serde_json::from_str(&export(
        &sitrep::transfer::parse_file(V1.as_bytes(), &Default::default())
            .unwrap()
            .incidents,
        support::at(0),
    ))
    .unwrap_or_default();
    if let (Some(list), Some(old)) = (
        text["incidents"].as_array_mut(),
        migrated["incidents"].as_array(),
    ) {
        list.extend(old.iter().cloned());
    }
    text
}

/// `incident` resolved by escalation, reopened and resolved by a fix, then linked to `target`
/// (and unlinked), with a problem and a change record referenced (one reference removed): every
/// resolution and links kind.
fn with_resolution_and_links(
    incident: &Incident,
    (target, target_ref): (uuid::Uuid, String),
) -> Incident {
    use sitrep::domain::links::{LinkCommand, LinkKind, RecordKind};
    use sitrep::domain::resolution::{ResolutionCommand, ResolutionDraft, ResolutionKind};
    use sitrep::domain::{Command, State};
    let mut current = incident.clone();
    let mut n = 60;
    let mut step = |current: &Incident, command: Command| {
        n += 1;
        support::act(current, command, n, "Ana", n as u128)
    };
    while current.state != State::Contained {
        let next = current.state.next_states()[0];
        current = step(&current, support::transition(next));
    }
    current = step(
        &current,
        Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
            kind: ResolutionKind::Escalation,
            escalated_to: "Acme DNS support".into(),
            summary: "Handed to the vendor".into(),
        })),
    );
    current = step(&current, support::transition(State::Investigating));
    current = step(&current, support::transition(State::Contained));
    current = step(&current, support::resolve("Patched the resolver"));
    let links = Command::Links;
    current = step(
        &current,
        links(LinkCommand::Link {
            kind: LinkKind::CausedBy,
            target,
            target_ref: target_ref.clone(),
        }),
    );
    current = step(
        &current,
        links(LinkCommand::Link {
            kind: LinkKind::RelatedTo,
            target,
            target_ref,
        }),
    );
    let related = current.parts().links.links()[1].0;
    current = step(&current, links(LinkCommand::Unlink(related)));
    for (kind, value) in [
        (RecordKind::Problem, "PRB-12"),
        (RecordKind::Change, "https://changes.example.com/CHG-7"),
    ] {
        current = step(
            &current,
            links(LinkCommand::Reference {
                kind,
                value: value.into(),
            }),
        );
    }
    let change = current.parts().links.references()[1].0;
    step(&current, links(LinkCommand::Unreference(change)))
}

/// `incident` with a task of every kind of change, and one from a playbook.
fn with_tasks(incident: &Incident) -> Incident {
    use sitrep::domain::tasks::{NewTask, Origin, TaskCommand, TaskState};
    let tasks = sitrep::domain::Command::Tasks;
    let added = support::act(
        incident,
        tasks(TaskCommand::Add(NewTask {
            title: "Rotate keys".into(),
            owner: "Ana".into(),
            due: Some(support::at(90)),
        })),
        50,
        "Ana",
        50,
    );
    let task = added.parts().tasks.list()[0].id;
    let commands = [
        TaskCommand::Retitle(task, "Rotate all keys".into()),
        TaskCommand::Assign(task, String::new()),
        TaskCommand::Date(task, None),
        TaskCommand::Set(task, TaskState::Done),
        TaskCommand::FromPlaybook(vec![(
            Origin {
                playbook: "security".into(),
                item: "isolate".into(),
            },
            "Isolate affected hosts".into(),
        )]),
    ];
    commands
        .into_iter()
        .enumerate()
        .fold(added, |current, (n, command)| {
            let n = 51 + n as i64;
            support::act(&current, tasks(command), n, "Ana", n as u128)
        })
}

#[test]
fn real_exports_are_valid() {
    let validator = validator();
    let fixture: Value = serde_json::from_str(V3).unwrap_or_default();
    assert_eq!(problems(&validator, &fixture), Vec::<String>::new());
    assert_eq!(problems(&validator, &full_export()), Vec::<String>::new());
    let empty: Value =
        serde_json::from_str(&export(&Vec::new(), support::at(0))).unwrap_or_default();
    assert_eq!(problems(&validator, &empty), Vec::<String>::new());
}

#[test]
fn the_full_export_holds_every_kind_of_the_newer_parts() {
    // So that `real_exports_are_valid` checks each of them against the schema.
    let file = full_export();
    let mut kinds: Vec<String> = Vec::new();
    for incident in file["incidents"].as_array().into_iter().flatten() {
        for event in incident["events"].as_array().into_iter().flatten() {
            if let Some(change) = event["change"].as_object() {
                kinds.extend(change.keys().cloned());
            }
        }
    }
    for kind in [
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
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} is in the full export"
        );
    }
}

#[test]
fn a_full_export_with_settings_is_valid() {
    let validator = validator();
    let settings = sitrep::domain::settings::Settings::default()
        .with_person(sitrep::domain::settings::Person {
            name: "Ana".into(),
            team: "SRE".into(),
            contact: String::new(),
        })
        .unwrap();
    let text =
        sitrep::transfer::export_all(&support::incidents(2, 3), &settings, support::at(0)).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(problems(&validator, &file), Vec::<String>::new());
    let mut broken = file.clone();
    broken["settings"]["priority_matrix"]["low"]["low"] = json!("P7");
    assert!(
        !validator.is_valid(&broken),
        "a matrix cell that is no priority"
    );
    assert!(
        file["settings"]["playbooks"][3]["items"][0]["text"].is_string(),
        "the shipped playbooks are written"
    );
    let mut empty_item = file.clone();
    empty_item["settings"]["playbooks"][3]["items"][0]["text"] = json!("");
    assert!(!validator.is_valid(&empty_item), "an empty playbook item");
    let mut no_category = file.clone();
    no_category["settings"]["playbooks"][0]["categories"] = json!([]);
    assert!(!validator.is_valid(&no_category), "a playbook for nothing");
    assert!(
        file["settings"]["cadence"]["P4"]["customers"].is_null()
            && file["settings"]["targets"]["P1"]["acknowledge"] == json!(15)
            && file["settings"]["templates"]["can"].is_string()
            && file["settings"]["duties"][4]["deadline"]["unit"] == json!("business_days"),
        "the templates, cadence, targets and duties are written"
    );
    type Edit = fn(&mut Value);
    assert_eq!(
        file["settings"]["review"],
        json!({ "needed": ["P1", "P2", "P3"], "drills": true }),
        "the review rule is written"
    );
    let edits: [(&str, Edit); 11] = [
        ("a cadence of zero minutes", |f| {
            f["settings"]["cadence"]["P1"]["internal"] = json!(0)
        }),
        ("a target over 30 days", |f| {
            f["settings"]["targets"]["P2"]["resolve"] = json!(43_201)
        }),
        ("a cadence for an unknown audience", |f| {
            f["settings"]["cadence"]["P1"]["board"] = json!(30)
        }),
        ("targets for an unknown priority", |f| {
            f["settings"]["targets"]["P6"] = json!({ "acknowledge": 5 })
        }),
        ("an empty template", |f| {
            f["settings"]["templates"]["initial"] = json!("")
        }),
        ("a duty of an unknown deadline unit", |f| {
            f["settings"]["duties"][0]["deadline"]["unit"] = json!("weeks")
        }),
        ("a duty of no name", |f| {
            f["settings"]["duties"][1]["name"] = json!("")
        }),
        ("a duty of a zero deadline", |f| {
            f["settings"]["duties"][2]["deadline"]["amount"] = json!(0)
        }),
        ("a review rule naming no priority", |f| {
            f["settings"]["review"]["needed"] = json!(["P1", "P9"])
        }),
        ("a review rule for drills that is text", |f| {
            f["settings"]["review"]["drills"] = json!("yes")
        }),
        ("a review rule without its priorities", |f| {
            f["settings"]["review"] = json!({ "drills": false })
        }),
    ];
    for (what, edit) in edits {
        let mut broken = file.clone();
        edit(&mut broken);
        assert!(!validator.is_valid(&broken), "{what} should be invalid");
    }
    let mut none = file;
    none["settings"]["cadence"]["P1"]["internal"] = Value::Null;
    none["settings"]["targets"]["P1"] = json!({});
    assert_eq!(
        problems(&validator, &none),
        Vec::<String>::new(),
        "null is no cadence; a missing cell takes the default"
    );
}

#[test]
fn the_costs_of_downtime_are_valid_and_what_import_refuses_is_not() {
    use sitrep::domain::settings::Settings;
    let validator = validator();
    let costed = Settings::default()
        .with_currency("EUR")
        .unwrap()
        .with_cost("Checkout", Some(1_200))
        .unwrap()
        .with_cost("Search", Some(0))
        .unwrap();
    let export = |settings: &Settings| -> Value {
        let text =
            sitrep::transfer::export_all(&support::incidents(1, 2), settings, support::at(0))
                .unwrap();
        serde_json::from_str(&text).unwrap_or_default()
    };
    let file = export(&costed);
    assert_eq!(
        file["settings"]["downtime_cost"],
        json!({ "currency": "EUR", "per_hour": { "Checkout": 1200, "Search": 0 } })
    );
    assert_eq!(problems(&validator, &file), Vec::<String>::new());
    let none = export(&Settings::default());
    assert_eq!(
        problems(&validator, &none),
        Vec::<String>::new(),
        "none set"
    );
    let mut older = file.clone();
    if let Some(settings) = older["settings"].as_object_mut() {
        settings.remove("downtime_cost");
    }
    assert_eq!(
        problems(&validator, &older),
        Vec::<String>::new(),
        "an older file"
    );
    let mut widest = file.clone();
    widest["settings"]["downtime_cost"] = json!({
        "currency": "€€€€€€€€",
        "per_hour": { "n".repeat(100): 1_000_000_000, "Café au lait": 1 }
    });
    assert_eq!(
        problems(&validator, &widest),
        Vec::<String>::new(),
        "the limits"
    );
    let many: Map<String, Value> = (0..1_000).map(|i| (format!("s{i}"), json!(1))).collect();
    let mut full = file.clone();
    full["settings"]["downtime_cost"]["per_hour"] = Value::Object(many);
    assert_eq!(
        problems(&validator, &full),
        Vec::<String>::new(),
        "1000 services"
    );

    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 12] = [
        ("a negative cost", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["Checkout"] = json!(-5)
        }),
        ("a fraction", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["Checkout"] = json!(12.5)
        }),
        ("over the highest cost", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["Checkout"] = json!(1_000_000_001u64)
        }),
        ("a cost as text", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["Checkout"] = json!("1200")
        }),
        ("null for a cost", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["Checkout"] = Value::Null
        }),
        ("a blank service name", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["  "] = json!(5)
        }),
        ("a service name too long", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["n".repeat(101)] = json!(5)
        }),
        ("a control character in a service name", |f| {
            f["settings"]["downtime_cost"]["per_hour"]["Check\u{7}out"] = json!(5)
        }),
        ("too many services", |f| {
            f["settings"]["downtime_cost"]["per_hour"] =
                Value::Object((0..1_001).map(|i| (format!("s{i}"), json!(1))).collect())
        }),
        ("a currency too long", |f| {
            f["settings"]["downtime_cost"]["currency"] = json!("EURO-ZONE")
        }),
        ("a control character in the currency", |f| {
            f["settings"]["downtime_cost"]["currency"] = json!("E\nUR")
        }),
        ("a currency that is a number", |f| {
            f["settings"]["downtime_cost"]["currency"] = json!(978)
        }),
    ];
    for (what, edit) in edits {
        let mut broken = file.clone();
        edit(&mut broken);
        assert!(!validator.is_valid(&broken), "{what} should be invalid");
        let text = broken.to_string();
        assert!(
            sitrep::transfer::parse_file(text.as_bytes(), &Default::default()).is_err(),
            "{what}: import refuses it too"
        );
    }
}

#[test]
fn a_kind_from_a_newer_sitrep_is_valid() {
    let validator = validator();
    let mut file = full_export();
    file["incidents"][0]["events"][1]["change"] = json!({"task_added": {"title": "Page the DBA"}});
    file["incidents"][0]["events"][2]["change"] = json!("review_started");
    assert_eq!(problems(&validator, &file), Vec::<String>::new());
}

#[test]
fn broken_exports_are_invalid() {
    let validator = validator();
    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 31] = [
        ("a missing event list", |f| {
            drop(
                f["incidents"][0]
                    .as_object_mut()
                    .map(|i| i.remove("events")),
            )
        }),
        ("impact as a number", |f| {
            f["incidents"][0]["impact"] = json!(5)
        }),
        ("an unknown state", |f| {
            f["incidents"][0]["events"][0]["change"] =
                json!({"state_changed": {"from": "reported", "to": "done"}})
        }),
        ("a note that is not text", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"note_added": {"text": "a"}})
        }),
        ("a change that is a number", |f| {
            f["incidents"][0]["events"][0]["change"] = json!(7)
        }),
        ("two changes in one event", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"note_added": "a", "title_set": "b"})
        }),
        ("an unknown role", |f| {
            f["incidents"][0]["events"][1]["change"] =
                json!({"role_assigned": {"role": "king", "person": "b"}})
        }),
        ("an unknown event field", |f| {
            f["incidents"][0]["events"][0]["mood"] = json!("calm")
        }),
        ("a bad date", |f| {
            f["incidents"][0]["events"][0]["recorded_at"] = json!("yesterday")
        }),
        ("a bad id", |f| f["incidents"][0]["id"] = json!("42")),
        ("an unknown link kind", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"link_added": {
                "link": "00000000-0000-0000-0000-000000000001", "kind": "blocks",
                "target": "00000000-0000-0000-0000-000000000002", "target_ref": "INC-0002"
            }})
        }),
        ("a resolution without a summary", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"resolution_recorded": {
                "record": "00000000-0000-0000-0000-000000000001", "kind": "fix"
            }})
        }),
        ("an unknown record kind", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"record_referenced": {
                "reference": "00000000-0000-0000-0000-000000000001", "kind": "ticket", "value": "T-1"
            }})
        }),
        ("an update to an unknown audience", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"update_posted": {
                "update": "00000000-0000-0000-0000-000000000001", "audience": "board", "text": "Hi"
            }})
        }),
        ("an update without text", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"update_posted": {
                "update": "00000000-0000-0000-0000-000000000001", "audience": "internal"
            }})
        }),
        ("a status-page flag that is text", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"public_set": "yes"})
        }),
        ("a breach of an unknown target", |f| {
            f["incidents"][0]["events"][1]["change"] =
                json!({"target_breached": {"target": "contain", "priority": "P1"}})
        }),
        ("a duty of an unknown deadline unit", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"duty_started": {
                "duty": "00000000-0000-0000-0000-000000000001",
                "def": { "id": "x", "name": "X", "recipient": "Y", "starts": "",
                         "deadline": { "unit": "weeks", "amount": 2 } }
            }})
        }),
        ("a duty clock that is no date", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"duty_clock_set": {
                "duty": "00000000-0000-0000-0000-000000000001", "from": "soon"
            }})
        }),
        ("a duty done by nobody", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"duty_settled": {
                "duty": "00000000-0000-0000-0000-000000000001", "outcome": "done",
                "at": "2026-11-26T10:00:00Z"
            }})
        }),
        ("a duty settled as something else", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"duty_settled": {
                "duty": "00000000-0000-0000-0000-000000000001", "outcome": "lost"
            }})
        }),
        ("a review section of an unknown name", |f| {
            f["incidents"][0]["events"][1]["change"] =
                json!({"review_written": {"section": "epilogue", "text": "x"}})
        }),
        ("a review status of an unknown name", |f| {
            f["incidents"][0]["events"][1]["change"] =
                json!({"review_status_set": {"status": "final"}})
        }),
        ("a star that is text", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"review_starred": {
                "entry": "00000000-0000-0000-0000-000000000001", "starred": "yes"
            }})
        }),
        ("a waiver without a reason", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"review_waived": {}})
        }),
        ("an action of an unknown kind", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"action_created": {
                "action": "00000000-0000-0000-0000-000000000001", "title": "Fix", "kind": "curative"
            }})
        }),
        ("an action due at a time, not on a day", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"action_dated": {
                "action": "00000000-0000-0000-0000-000000000001", "due": "2026-12-31T00:00:00Z"
            }})
        }),
        ("an action due on no day", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"action_created": {
                "action": "00000000-0000-0000-0000-000000000001", "title": "Fix",
                "kind": "corrective", "due": "2026-02-30"
            }})
        }),
        ("an action state of an unknown name", |f| {
            f["incidents"][0]["events"][1]["change"] = json!({"action_state_set": {
                "action": "00000000-0000-0000-0000-000000000001", "state": "cancelled"
            }})
        }),
        ("a newer version", |f| f["version"] = json!(4)),
        ("another format", |f| f["format"] = json!("tldraw")),
    ];
    for (what, edit) in edits {
        let mut file = full_export();
        assert!(validator.is_valid(&file));
        edit(&mut file);
        assert!(!validator.is_valid(&file), "{what} should be invalid");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_exports_are_valid(incidents in support::any_incidents()) {
        let validator = validator();
        let file: Value = serde_json::from_str(&export(&incidents, support::at(0))).unwrap_or_default();
        prop_assert_eq!(problems(&validator, &file), Vec::<String>::new());
    }
}
