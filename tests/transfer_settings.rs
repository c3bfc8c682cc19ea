//! Settings in files: a full export carries them, they read back the same, a malformed entry is
//! refused whole with its place, and the import preview says what applying them would change;
//! and the settings' own rules for what they hold (the costs of downtime).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use sitrep::domain::commands::AssessmentCommand;
use sitrep::domain::playbooks::{self, Playbook};
use sitrep::domain::settings::{Person, Settings, SettingsDiff};
use sitrep::domain::{Category, Command, Level, Priority};
use sitrep::transfer::{export_all, parse_file, plan_settings, ImportError, Limits};

fn settings() -> Settings {
    Settings::default()
        .with_person(Person {
            name: "Ana Lima".into(),
            team: "SRE".into(),
            contact: "+44 20 7946 0000".into(),
        })
        .unwrap()
        .with_person(Person {
            name: "Ben".into(),
            team: String::new(),
            contact: String::new(),
        })
        .unwrap()
        .with_cell(Level::Low, Level::Low, Priority::P4)
        .with_remind_days(14)
        .unwrap()
}

fn written(settings: &Settings) -> String {
    export_all(&support::incidents(2, 3), settings, support::at(0)).expect("the file is written")
}

/// A written file reads back to the same settings, and writing what was read gives the same bytes.
fn reads_back_byte_for_byte(text: &str, settings: &Settings) {
    let parsed = parse_file(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings.as_ref(), Some(settings));
    let again = export_all(&parsed.incidents, settings, parsed.exported_at).unwrap();
    assert_eq!(again, text);
}

#[test]
fn a_full_export_carries_the_settings_and_reads_them_back_byte_for_byte() {
    let text = written(&settings());
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["settings"]["people"][0]["name"], "Ana Lima");
    assert_eq!(file["settings"]["priority_matrix"]["low"]["low"], "P4");
    assert_eq!(file["settings"]["remind_days"], 14);
    reads_back_byte_for_byte(&text, &settings());
}

#[test]
fn a_file_without_settings_has_none_and_missing_parts_take_the_defaults() {
    let plain = support::export(&support::incidents(1, 2), support::at(0));
    let parsed = parse_file(plain.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings, None);
    let mut file: Value = serde_json::from_str(&plain).unwrap();
    file["settings"] = json!({ "people": [{ "name": "Chen" }] });
    let parsed = parse_file(file.to_string().as_bytes(), &Limits::default()).unwrap();
    let read = parsed.settings.unwrap();
    assert_eq!(read.people[0].name, "Chen");
    assert_eq!(read.matrix, Settings::default().matrix);
    assert_eq!(read.remind_days, Settings::default().remind_days);
}

fn refused(edit: impl FnOnce(&mut Value), path: &str, msg: &str) {
    let mut file: Value = serde_json::from_str(&written(&settings())).unwrap();
    edit(&mut file);
    let error = parse_file(file.to_string().as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        ImportError::Invalid {
            path: path.into(),
            msg: msg.into()
        }
    );
    support::assert_sentence(&error);
}

#[test]
fn malformed_settings_are_refused_whole_with_their_place() {
    refused(
        |f| f["settings"]["people"] = json!([{ "name": "A" }, { "name": "B" }, { "name": "  " }]),
        "settings.people[2].name",
        "empty; a person needs a name",
    );
    refused(
        |f| f["settings"]["people"] = json!([{ "name": "Ana" }, { "name": "ana" }]),
        "settings.people[1].name",
        "another person in the list has this name",
    );
    refused(
        |f| f["settings"]["priority_matrix"]["medium"]["high"] = json!("P9"),
        "settings.priority_matrix.medium.high",
        "not a known priority (\"P9\")",
    );
    refused(
        |f| {
            f["settings"]["priority_matrix"]["high"]
                .as_object_mut()
                .map(|row| row.remove("low"));
        },
        "settings.priority_matrix.high",
        "missing field `low`",
    );
    refused(
        |f| f["settings"]["remind_days"] = json!(0),
        "settings.remind_days",
        "0 days; the reminder interval is 1 to 365 days",
    );
    // Something other than the text or number expected is named as what was expected.
    refused(
        |f| f["settings"]["remind_days"] = json!("7"),
        "settings.remind_days",
        "invalid type: string \"7\", expected a whole number of days",
    );
    refused(
        |f| f["settings"]["people"] = json!([{ "name": 5 }]),
        "settings.people[0].name",
        "invalid type: integer `5`, expected a name",
    );
    refused(
        |f| f["settings"]["playbooks"][0]["items"][1]["text"] = json!(true),
        "settings.playbooks[0].items[1].text",
        "invalid type: boolean `true`, expected an item's text or id",
    );
}

#[test]
fn the_preview_lists_what_applying_a_files_settings_changes_and_nothing_when_equal() {
    let ours = Settings::default()
        .with_person(Person {
            name: "Ben".into(),
            team: "Network".into(),
            contact: String::new(),
        })
        .unwrap();
    let plan = plan_settings(&ours, Some(&settings())).expect("something changes");
    let names: Vec<&str> = plan.diff.added.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ana Lima"]);
    assert_eq!(plan.diff.changed.len(), 1, "Ben's team changes");
    assert_eq!(plan.diff.cells.len(), 1);
    assert_eq!(plan.applied.remind_days, ours.remind_days);
    assert_eq!(plan_settings(&plan.applied, Some(&settings())), None);
    assert_eq!(plan_settings(&ours, None), None);
    assert!(SettingsDiff::between(&plan.applied, &plan.applied).is_empty());
}

#[test]
fn the_next_assessment_follows_the_matrix_and_incidents_keep_their_priority() {
    let incident = support::incident(1, 1);
    let impact = incident.impact;
    let before = incident.priority();
    let edited = Settings::default().with_cell(impact, Level::Low, Priority::P1);
    let ctx = support::ctx(30, "Ana", 7).with_matrix(edited.matrix);
    let reassessed = sitrep::domain::execute(
        &incident,
        Command::Assessment(AssessmentCommand::Assess {
            impact,
            urgency: Level::Low,
        }),
        &ctx,
    )
    .unwrap();
    assert_eq!(reassessed.priority(), Priority::P1, "the edited cell");
    assert_eq!(
        incident.priority(),
        before,
        "the incident as assessed keeps its priority"
    );
    // Another browser with the default matrix reads the same file and agrees.
    let text = support::export([&reassessed], support::at(40));
    let parsed = parse_file(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.incidents[0].priority(), Priority::P1);
}

/// The shipped security playbook with its first item reworded, one item added and a new playbook.
fn edited_playbooks() -> Settings {
    let security = Settings::default().playbook("security").unwrap().clone();
    let edited = security
        .with_item_text(0, "Isolate affected hosts (pull the cable, keep the power)")
        .with_item("call-insurer", "Call the cyber insurer's hotline");
    let own = Playbook {
        id: "own-1".into(),
        name: "Payment outage".into(),
        categories: vec![Category::Application, Category::ThirdParty],
        items: vec![],
    }
    .with_item("psp", "Check the payment provider's status page");
    Settings::default()
        .with_playbook(&edited)
        .unwrap()
        .with_playbook(&own)
        .unwrap()
}

#[test]
fn playbooks_travel_in_the_settings_and_an_older_file_gets_the_shipped_ones() {
    let text = written(&edited_playbooks());
    let file: Value = serde_json::from_str(&text).unwrap();
    let last = file["settings"]["playbooks"].as_array().unwrap().len() - 1;
    assert_eq!(file["settings"]["playbooks"][last]["id"], "own-1");
    assert_eq!(
        file["settings"]["playbooks"][last]["categories"],
        json!(["application", "third_party"])
    );
    let parsed = parse_file(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings, Some(edited_playbooks()));

    let mut older = file.clone();
    older["settings"]
        .as_object_mut()
        .unwrap()
        .remove("playbooks");
    let parsed = parse_file(older.to_string().as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings.unwrap().playbooks, playbooks::defaults());

    let mut none = file;
    none["settings"]["playbooks"] = json!([]);
    let parsed = parse_file(none.to_string().as_bytes(), &Limits::default()).unwrap();
    assert_eq!(
        parsed.settings.unwrap().playbooks,
        Vec::new(),
        "all removed stays so"
    );
}

#[test]
fn a_malformed_playbook_refuses_the_file_with_its_place() {
    let book =
        |items: Value| json!({ "id": "x", "name": "X", "categories": ["other"], "items": items });
    refused(
        |f| f["settings"]["playbooks"][2] = book(json!([{ "id": "a", "text": "  " }])),
        "settings.playbooks[2].items[0].text",
        "empty; an item says what to do",
    );
    refused(
        |f| {
            f["settings"]["playbooks"][1] =
                book(json!([{ "id": "a", "text": "A" }, { "id": "a", "text": "B" }]))
        },
        "settings.playbooks[1].items[1].id",
        "another item in the playbook has this id",
    );
    refused(
        |f| f["settings"]["playbooks"][0] = book(json!([{ "id": "a", "text": "t".repeat(201) }])),
        "settings.playbooks[0].items[0]",
        "longer than 200 characters",
    );
    refused(
        |f| f["settings"]["playbooks"][3]["categories"] = json!([]),
        "settings.playbooks[3].categories",
        "empty; a playbook is for at least one category",
    );
    refused(
        |f| f["settings"]["playbooks"][3]["categories"] = json!(["weather"]),
        "settings.playbooks[3].categories[0]",
        "not a known category (\"weather\")",
    );
    refused(
        |f| f["settings"]["playbooks"][4]["id"] = json!("security"),
        "settings.playbooks[4].id",
        "another playbook in the list has this id",
    );
}

#[test]
fn the_preview_lists_playbooks_added_and_changed_and_applying_keeps_ours() {
    let ours = Settings::default()
        .with_playbook(
            &Playbook {
                id: "mine".into(),
                name: "Mine".into(),
                categories: vec![Category::Other],
                items: vec![],
            }
            .with_item("a", "Do A"),
        )
        .unwrap();
    let plan = plan_settings(&ours, Some(&edited_playbooks())).expect("something changes");
    let added: Vec<&str> = plan
        .diff
        .playbooks_added
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(added, vec!["own-1"]);
    let changed: Vec<&str> = plan
        .diff
        .playbooks_changed
        .iter()
        .map(|(_, theirs)| theirs.id.as_str())
        .collect();
    assert_eq!(changed, vec!["security"]);
    let ids: Vec<&str> = plan
        .applied
        .playbooks
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert!(
        ids.contains(&"mine"),
        "nobody's playbook is removed: {ids:?}"
    );
    assert_eq!(
        plan.applied.playbook("security"),
        edited_playbooks().playbook("security")
    );
    assert_eq!(
        plan_settings(&plan.applied, Some(&edited_playbooks())),
        None
    );
}

#[test]
fn restoring_the_shipped_playbooks_keeps_ones_of_other_ids() {
    let restored = edited_playbooks().with_default_playbooks();
    assert_eq!(
        restored.playbook("security"),
        Settings::default().playbook("security")
    );
    assert!(restored.playbook("own-1").is_some());
    let without = Settings::default().without_playbook("security");
    assert!(without.playbook("security").is_none());
    assert_eq!(without.with_default_playbooks(), Settings::default());
}

#[test]
fn the_stored_settings_record_reads_back_the_same_with_a_newer_sitreps_keys() {
    use sitrep::transfer::settings::{settings_from_json, settings_to_json};
    let stored = settings_to_json(&edited_playbooks()).unwrap();
    assert_eq!(settings_from_json(&stored), Ok(edited_playbooks()));
    // A key a newer Sitrep wrote is kept, and written back as it came.
    let mut newer: Value = serde_json::from_str(&stored).unwrap();
    newer["review_rules"] = json!({ "required_for": ["P1", "P2"] });
    let read = settings_from_json(&newer.to_string()).unwrap();
    assert_eq!(
        read.extra.get("review_rules"),
        Some(&json!({ "required_for": ["P1", "P2"] }))
    );
    let again: Value = serde_json::from_str(&settings_to_json(&read).unwrap()).unwrap();
    assert_eq!(again["review_rules"], newer["review_rules"]);
}

#[test]
fn a_file_may_hold_exactly_as_many_people_and_playbooks_as_the_settings_do() {
    use sitrep::domain::playbooks::MAX_PLAYBOOKS;
    use sitrep::domain::settings::MAX_PEOPLE;
    let people =
        |n: usize| -> Value { (0..n).map(|i| json!({ "name": format!("P{i}") })).collect() };
    let books = |n: usize| -> Value {
        (0..n)
            .map(|i| json!({ "id": format!("b{i}"), "name": "B", "categories": ["other"], "items": [] }))
            .collect()
    };
    let read = |edit: &dyn Fn(&mut Value)| {
        let mut file: Value = serde_json::from_str(&written(&settings())).unwrap();
        edit(&mut file);
        parse_file(file.to_string().as_bytes(), &Limits::default())
    };
    let full = read(&|f| {
        f["settings"]["people"] = people(MAX_PEOPLE);
        f["settings"]["playbooks"] = books(MAX_PLAYBOOKS);
    })
    .expect("exactly the limits");
    let settings = full.settings.unwrap();
    assert_eq!(
        (settings.people.len(), settings.playbooks.len()),
        (MAX_PEOPLE, MAX_PLAYBOOKS)
    );
    refused(
        |f| f["settings"]["people"] = people(MAX_PEOPLE + 1),
        "settings.people",
        &format!(
            "{} people; the directory holds at most {MAX_PEOPLE}",
            MAX_PEOPLE + 1
        ),
    );
    refused(
        |f| f["settings"]["playbooks"] = books(MAX_PLAYBOOKS + 1),
        "settings.playbooks",
        &format!(
            "{} playbooks; the settings hold at most {MAX_PLAYBOOKS}",
            MAX_PLAYBOOKS + 1
        ),
    );
}

// ---- templates, cadence, targets and duties ----

/// Settings with one template, cadence and target changed, a cadence cell of none, a shipped duty
/// changed, one removed and one of the team's own.
fn comms_settings() -> Settings {
    use sitrep::domain::comms::{Audience, TemplateKind};
    use sitrep::domain::duties::{Deadline, DutyDef};
    use sitrep::domain::targets::TargetKind;
    let gdpr = Settings::default().duty("gdpr-breach").unwrap().clone();
    Settings::default()
        .with_template(
            TemplateKind::Can,
            "{reference} {{internal}}: {state}. Next: {now}",
        )
        .unwrap()
        .with_cadence(Priority::P1, Audience::Customers, Some(15))
        .unwrap()
        .with_cadence(Priority::P2, Audience::Executive, None)
        .unwrap()
        .with_cadence(Priority::P5, Audience::Internal, Some(43_200))
        .unwrap()
        .with_target(Priority::P1, TargetKind::Acknowledge, Some(5))
        .unwrap()
        .with_target(Priority::P4, TargetKind::Resolve, None)
        .unwrap()
        .with_duty(&DutyDef {
            deadline: Deadline::Hours(48),
            ..gdpr
        })
        .unwrap()
        .without_duty("sec-8k-105")
        .with_duty(&DutyDef {
            id: "insurer".into(),
            name: "Tell the cyber insurer".into(),
            recipient: "Insurer hotline".into(),
            starts: String::new(),
            deadline: Deadline::BusinessDays(2),
            after: Some("gdpr-breach".into()),
        })
        .unwrap()
}

#[test]
fn templates_cadence_targets_and_duties_travel_and_read_back_byte_for_byte() {
    let text = written(&comms_settings());
    let file: Value = serde_json::from_str(&text).unwrap();
    let s = &file["settings"];
    assert_eq!(
        s["templates"]["can"],
        "{reference} {{internal}}: {state}. Next: {now}"
    );
    assert_eq!(
        s["cadence"]["P1"],
        json!({ "internal": 30, "executive": 30, "customers": 15 })
    );
    assert_eq!(s["cadence"]["P2"]["executive"], Value::Null);
    assert_eq!(s["cadence"]["P5"]["internal"], 43_200);
    assert_eq!(
        s["targets"]["P1"],
        json!({ "acknowledge": 5, "resolve": 240 })
    );
    assert_eq!(s["targets"]["P4"]["resolve"], Value::Null);
    let last = s["duties"].as_array().unwrap().len() - 1;
    assert_eq!(
        s["duties"][last],
        json!({
            "id": "insurer", "name": "Tell the cyber insurer", "recipient": "Insurer hotline",
            "starts": "", "deadline": { "unit": "business_days", "amount": 2 },
            "after": "gdpr-breach"
        })
    );
    assert_eq!(
        s["duties"][0]["deadline"],
        json!({ "unit": "hours", "amount": 48 })
    );
    reads_back_byte_for_byte(&text, &comms_settings());
}

#[test]
fn the_stored_settings_record_keeps_templates_cadence_targets_and_duties() {
    use sitrep::transfer::settings::{settings_from_json, settings_to_json};
    let stored = settings_to_json(&comms_settings()).unwrap();
    assert_eq!(settings_from_json(&stored), Ok(comms_settings()));
    assert_eq!(settings_to_json(&comms_settings()).unwrap(), stored);
    // A record stored before these settings existed reads with the shipped ones.
    let mut older: Value = serde_json::from_str(&stored).unwrap();
    for key in ["templates", "cadence", "targets", "duties"] {
        older.as_object_mut().unwrap().remove(key);
    }
    let read = settings_from_json(&older.to_string()).unwrap();
    let shipped = Settings::default();
    assert_eq!(
        (&read.templates, read.cadence, read.targets, &read.duties),
        (
            &shipped.templates,
            shipped.cadence,
            shipped.targets,
            &shipped.duties
        )
    );
    let blank_after = r#"{"duties": [{"id": "a", "name": "A", "recipient": "R",
        "deadline": {"unit": "hours", "amount": 1}, "after": " "}]}"#;
    assert_eq!(
        settings_from_json(blank_after).map(|s| s.duties[0].after.clone()),
        Ok(None),
        "a blank `after` follows nothing"
    );
    let refused = settings_from_json(r#"{"cadence": {"P1": {"internal": 0}}}"#).unwrap_err();
    assert!(
        refused.starts_with("0 minutes; a time is 1 to 43200 minutes"),
        "a stored record is held to the same rules: {refused}"
    );
}

#[test]
fn an_older_file_without_them_gets_the_shipped_ones_and_a_missing_cell_its_default() {
    use sitrep::domain::comms::{Audience, Cadence};
    use sitrep::domain::targets::{TargetKind, Targets};
    let mut file: Value = serde_json::from_str(&written(&comms_settings())).unwrap();
    let settings = file["settings"].as_object_mut().unwrap();
    for key in ["templates", "cadence", "targets", "duties"] {
        settings.remove(key);
    }
    let read = parse_file(file.to_string().as_bytes(), &Limits::default())
        .unwrap()
        .settings
        .unwrap();
    let shipped = Settings::default();
    assert_eq!(read.templates, shipped.templates);
    assert_eq!(read.cadence, shipped.cadence);
    assert_eq!(read.targets, shipped.targets);
    assert_eq!(read.duties, shipped.duties);

    file["settings"]["templates"] = json!({ "resolved": "Fixed: {title}" });
    file["settings"]["cadence"] = json!({ "P1": { "customers": 10, "executive": null } });
    file["settings"]["targets"] = json!({ "P5": { "resolve": 60 }, "P2": {} });
    file["settings"]["duties"] = json!([]);
    let read = parse_file(file.to_string().as_bytes(), &Limits::default())
        .unwrap()
        .settings
        .unwrap();
    assert_eq!(read.templates[0], shipped.templates[0]);
    assert_eq!(read.templates[2], "Fixed: {title}");
    let cadence = Cadence::default()
        .with(Priority::P1, Audience::Customers, Some(10))
        .unwrap()
        .with(Priority::P1, Audience::Executive, None)
        .unwrap();
    assert_eq!(read.cadence, cadence, "null is none; absent is the default");
    let targets = Targets::default()
        .with(Priority::P5, TargetKind::Resolve, Some(60))
        .unwrap();
    assert_eq!(read.targets, targets);
    assert_eq!(read.duties, Vec::new(), "all removed stays so");
}

#[test]
fn malformed_templates_cadence_targets_and_duties_are_refused_with_their_place() {
    let duty = |id: &str, name: &str| json!({ "id": id, "name": name, "recipient": "R", "deadline": { "unit": "hours", "amount": 1 } });
    let range = "a time is 1 to 43200 minutes (30 days), or null for none";
    let table: Vec<Refusal> = vec![
        (
            "a template that is not text",
            Box::new(|f| f["settings"]["templates"]["can"] = json!(5)),
            "settings.templates.can",
            "invalid type: integer `5`, expected a template's text".into(),
        ),
        (
            "minutes written as text",
            Box::new(|f| f["settings"]["cadence"]["P2"]["customers"] = json!("30")),
            "settings.cadence.P2.customers",
            "invalid type: string \"30\", expected a whole number of minutes, or null".into(),
        ),
        (
            "zero minutes",
            Box::new(|f| f["settings"]["cadence"]["P1"]["internal"] = json!(0)),
            "settings.cadence.P1.internal",
            format!("0 minutes; {range}"),
        ),
        (
            "over 30 days",
            Box::new(|f| f["settings"]["targets"]["P2"]["resolve"] = json!(43_201)),
            "settings.targets.P2.resolve",
            format!("43201 minutes; {range}"),
        ),
        (
            "negative",
            Box::new(|f| f["settings"]["cadence"]["P3"]["customers"] = json!(-5)),
            "settings.cadence.P3.customers",
            format!("-5 minutes; {range}"),
        ),
        (
            "a fraction",
            Box::new(|f| f["settings"]["targets"]["P1"]["acknowledge"] = json!(1.5)),
            "settings.targets.P1.acknowledge",
            "invalid type: floating point `1.5`, expected a whole number of minutes, or null"
                .into(),
        ),
        (
            "minutes as text",
            Box::new(|f| f["settings"]["cadence"]["P1"]["internal"] = json!("30")),
            "settings.cadence.P1.internal",
            "invalid type: string \"30\", expected a whole number of minutes, or null".into(),
        ),
        (
            "an unknown audience",
            Box::new(|f| f["settings"]["cadence"]["P1"]["board"] = json!(30)),
            "settings.cadence.P1.board",
            "unknown field `board`, expected one of `internal`, `executive`, `customers`".into(),
        ),
        (
            "an unknown priority",
            Box::new(|f| f["settings"]["targets"]["P6"] = json!({})),
            "settings.targets.P6",
            "unknown field `P6`, expected one of `P1`, `P2`, `P3`, `P4`, `P5`".into(),
        ),
        (
            "an unknown placeholder",
            Box::new(|f| f["settings"]["templates"]["can"] = json!("Hi {foo} and {bar}")),
            "settings.templates.can",
            "unknown placeholder \"foo\"".into(),
        ),
        (
            "an unclosed brace",
            Box::new(|f| f["settings"]["templates"]["initial"] = json!("Hi {title")),
            "settings.templates.initial",
            "unclosed brace; write {{ or }} for a brace".into(),
        ),
        (
            "an empty template",
            Box::new(|f| f["settings"]["templates"]["resolved"] = json!(" ")),
            "settings.templates.resolved",
            "empty; a template says something".into(),
        ),
        (
            "an unknown template",
            Box::new(|f| f["settings"]["templates"]["final"] = json!("Bye")),
            "settings.templates.final",
            "unknown field `final`, expected one of `initial`, `can`, `resolved`".into(),
        ),
        (
            "an unknown deadline unit",
            Box::new(|f| f["settings"]["duties"][0]["deadline"]["unit"] = json!("weeks")),
            "settings.duties[0].deadline.unit",
            "not a known deadline unit (\"weeks\")".into(),
        ),
        (
            "a deadline of zero",
            Box::new(|f| f["settings"]["duties"][3]["deadline"]["amount"] = json!(0)),
            "settings.duties[3].deadline.amount",
            "a deadline is 1 to 1000 of its unit".into(),
        ),
        (
            "a duplicate duty id",
            Box::new(move |f| f["settings"]["duties"] = json!([duty("a", "A"), duty(" a ", "B")])),
            "settings.duties[1].id",
            "another duty in the list has this id".into(),
        ),
        (
            "an empty duty name",
            Box::new(move |f| {
                f["settings"]["duties"] = json!([duty("a", "A"), duty("b", "B"), duty("c", "  ")])
            }),
            "settings.duties[2].name",
            "empty; a duty needs a name".into(),
        ),
        (
            "an empty duty id",
            Box::new(move |f| f["settings"]["duties"] = json!([duty("", "A")])),
            "settings.duties[0].id",
            "empty; a duty needs an id".into(),
        ),
        (
            "an empty recipient",
            Box::new(|f| f["settings"]["duties"][1]["recipient"] = json!("")),
            "settings.duties[1].recipient",
            "empty; a duty needs a recipient".into(),
        ),
        (
            "a duty name too long",
            Box::new(|f| f["settings"]["duties"][2]["name"] = json!("n".repeat(201))),
            "settings.duties[2]",
            "a text longer than 200 characters".into(),
        ),
        (
            "a duty without a deadline",
            Box::new(|f| {
                f["settings"]["duties"][4]
                    .as_object_mut()
                    .map(|d| d.remove("deadline"));
            }),
            "settings.duties[4]",
            "missing field `deadline`".into(),
        ),
    ];
    refused_each(&settings(), table);
}

#[test]
fn a_file_may_hold_exactly_as_many_duties_as_the_settings_do_and_thirty_days() {
    use sitrep::domain::duties::MAX_DUTIES;
    let duties = |n: usize| -> Value {
        (0..n)
            .map(|i| {
                json!({ "id": format!("d{i}"), "name": "D", "recipient": "R",
                        "deadline": { "unit": "months", "amount": 1000 } })
            })
            .collect()
    };
    let mut file: Value = serde_json::from_str(&written(&settings())).unwrap();
    file["settings"]["duties"] = duties(MAX_DUTIES);
    file["settings"]["targets"]["P5"]["resolve"] = json!(43_200);
    file["settings"]["cadence"]["P5"]["customers"] = json!(1);
    let read = parse_file(file.to_string().as_bytes(), &Limits::default())
        .expect("exactly the limits")
        .settings
        .unwrap();
    assert_eq!(read.duties.len(), MAX_DUTIES);
    refused(
        |f| f["settings"]["duties"] = duties(MAX_DUTIES + 1),
        "settings.duties",
        &format!(
            "{} duties; the settings hold at most {MAX_DUTIES}",
            MAX_DUTIES + 1
        ),
    );
}

#[test]
fn the_preview_lists_template_cadence_target_and_duty_changes() {
    use sitrep::components::words::settings_changes;
    use sitrep::domain::comms::TemplateKind;
    let ours = Settings::default();
    let plan = plan_settings(&ours, Some(&comms_settings())).expect("something changes");
    assert_eq!(plan.diff.templates_changed, vec![TemplateKind::Can]);
    assert!(plan.diff.cadence_changed && plan.diff.targets_changed);
    let added: Vec<&str> = plan
        .diff
        .duties_added
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(added, ["insurer"]);
    let changed: Vec<&str> = plan
        .diff
        .duties_changed
        .iter()
        .map(|(ours, theirs)| {
            assert_eq!(ours.id, theirs.id);
            theirs.id.as_str()
        })
        .collect();
    assert_eq!(changed, ["gdpr-breach"]);
    assert_eq!(
        settings_changes(&plan.diff),
        [
            "Template changed: Conditions, actions, needs (CAN)",
            "Update cadence changed",
            "Response targets changed",
            "Duty added: Tell the cyber insurer",
            "Duty changed: GDPR personal-data breach notification (Art. 33)",
        ]
    );
    // One change of each kind alone makes a preview.
    use sitrep::domain::comms::Audience;
    use sitrep::domain::targets::TargetKind;
    let alone = [
        ours.with_template(TemplateKind::Initial, "{title}")
            .unwrap(),
        ours.with_cadence(Priority::P4, Audience::Internal, Some(60))
            .unwrap(),
        ours.with_target(Priority::P3, TargetKind::Resolve, None)
            .unwrap(),
    ];
    let lines = [
        "Template changed: Initial",
        "Update cadence changed",
        "Response targets changed",
    ];
    for (theirs, line) in alone.iter().zip(lines) {
        let plan = plan_settings(&ours, Some(theirs)).expect(line);
        assert_eq!(settings_changes(&plan.diff), [line]);
    }
    // A duty removed in the file is no change here: applying never removes one.
    assert_eq!(
        plan_settings(&ours, Some(&ours.without_duty("sec-8k-105"))),
        None
    );
}

#[test]
fn applying_takes_their_templates_cadence_and_targets_and_merges_duties_by_id() {
    use sitrep::domain::duties::{Deadline, DutyDef};
    let mine = DutyDef {
        id: "mine".into(),
        name: "Tell the board".into(),
        recipient: "The board".into(),
        starts: String::new(),
        deadline: Deadline::Hours(24),
        after: None,
    };
    let ours = Settings::default()
        .with_duty(&mine)
        .unwrap()
        .with_remind_days(3)
        .unwrap();
    let theirs = comms_settings();
    let applied = ours.applied(&theirs);
    assert_eq!(applied.templates, theirs.templates);
    assert_eq!(applied.cadence, theirs.cadence);
    assert_eq!(applied.targets, theirs.targets);
    assert_eq!(applied.remind_days, 3);
    let ids: Vec<&str> = applied.duties.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "gdpr-breach",
            "nis2-early-warning",
            "nis2-notification",
            "nis2-final-report",
            "sec-8k-105",
            "mine",
            "insurer"
        ],
        "ours in place (theirs removed none), then theirs added"
    );
    assert_eq!(applied.duty("gdpr-breach"), theirs.duty("gdpr-breach"));
    assert_eq!(applied.duty("mine"), Some(&mine));
    assert_eq!(plan_settings(&applied, Some(&theirs)), None);
    assert!(SettingsDiff::between(&applied, &theirs).is_empty());
}

// ---- the review rule ----

/// The shipped settings of the fixture with P1 and P4 needing a review, drills exempt.
fn review_settings() -> Settings {
    use sitrep::domain::review::ReviewRule;
    Settings {
        review: ReviewRule {
            priorities: [true, false, false, true, false],
            drills: false,
        },
        ..settings()
    }
}

#[test]
fn the_review_rule_travels_and_reads_back_byte_for_byte() {
    use sitrep::transfer::settings::{settings_from_json, settings_to_json};
    let text = written(&review_settings());
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        file["settings"]["review"],
        json!({ "needed": ["P1", "P4"], "drills": false })
    );
    reads_back_byte_for_byte(&text, &review_settings());
    let shipped: Value = serde_json::from_str(&written(&settings())).unwrap();
    assert_eq!(
        shipped["settings"]["review"],
        json!({ "needed": ["P1", "P2", "P3"], "drills": true })
    );
    let stored = settings_to_json(&review_settings()).unwrap();
    assert_eq!(settings_from_json(&stored), Ok(review_settings()));
}

#[test]
fn a_file_without_the_review_rule_gets_the_default_and_drills_follow_by_default() {
    use sitrep::domain::review::ReviewRule;
    use sitrep::transfer::settings::{settings_from_json, settings_to_json};
    let read = |edit: &dyn Fn(&mut Value)| {
        let mut file: Value = serde_json::from_str(&written(&review_settings())).unwrap();
        edit(&mut file);
        parse_file(file.to_string().as_bytes(), &Limits::default())
            .unwrap()
            .settings
            .unwrap()
            .review
    };
    assert_eq!(
        read(&|f| {
            f["settings"].as_object_mut().unwrap().remove("review");
        }),
        ReviewRule::default()
    );
    assert_eq!(
        read(&|f| f["settings"]["review"] = json!({ "needed": ["P5"] })),
        ReviewRule {
            priorities: [false, false, false, false, true],
            drills: true
        }
    );
    assert_eq!(
        read(&|f| f["settings"]["review"] = json!({ "needed": [], "drills": true })),
        ReviewRule {
            priorities: [false; 5],
            drills: true
        },
        "none needed stays so"
    );
    let mut older: Value =
        serde_json::from_str(&settings_to_json(&review_settings()).unwrap()).unwrap();
    older.as_object_mut().unwrap().remove("review");
    assert_eq!(
        settings_from_json(&older.to_string()).map(|s| s.review),
        Ok(ReviewRule::default()),
        "a record stored before reviews"
    );
}

#[test]
fn a_malformed_review_rule_is_refused_with_its_place() {
    refused(
        |f| f["settings"]["review"]["needed"] = json!(["P1", "P9"]),
        "settings.review.needed[1]",
        "not a known priority (\"P9\")",
    );
    refused(
        |f| f["settings"]["review"]["needed"] = json!("P1"),
        "settings.review.needed",
        "invalid type: string \"P1\", expected a sequence",
    );
    refused(
        |f| f["settings"]["review"]["needed"] = json!([1]),
        "settings.review.needed[0]",
        "invalid type: integer `1`, expected a string",
    );
    refused(
        |f| f["settings"]["review"]["drills"] = json!("no"),
        "settings.review.drills",
        "invalid type: string \"no\", expected a boolean",
    );
    refused(
        |f| f["settings"]["review"] = json!(true),
        "settings.review",
        "invalid type: boolean `true`, expected an object",
    );
    refused(
        |f| f["settings"]["review"] = json!({ "drills": true }),
        "settings.review",
        "missing field `needed`",
    );
}

#[test]
fn the_preview_says_when_the_review_rule_changes_and_applying_takes_theirs() {
    use sitrep::components::words::settings_changes;
    let ours = Settings::default();
    let theirs = review_settings();
    let plan = plan_settings(&ours, Some(&theirs)).expect("something changes");
    assert!(plan.diff.review_changed);
    assert!(settings_changes(&plan.diff)
        .iter()
        .any(|line| line == "Which incidents need a review changed"));
    assert_eq!(plan.applied.review, theirs.review);
    assert_eq!(plan_settings(&plan.applied, Some(&theirs)), None);
    let alone = Settings {
        review: theirs.review,
        ..Settings::default()
    };
    let plan = plan_settings(&ours, Some(&alone)).expect("the rule alone changes");
    assert_eq!(
        settings_changes(&plan.diff),
        ["Which incidents need a review changed"]
    );
}

// ---- the cost of downtime ----

/// The fixture's settings with two services costed in euros, one of them at nothing.
fn cost_settings() -> Settings {
    settings()
        .with_currency("EUR")
        .unwrap()
        .with_cost("Checkout", Some(1_200))
        .unwrap()
        .with_cost("Search", Some(0))
        .unwrap()
}

#[test]
fn the_costs_travel_and_read_back_byte_for_byte() {
    use sitrep::transfer::settings::{settings_from_json, settings_to_json};
    let text = written(&cost_settings());
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        file["settings"]["downtime_cost"],
        json!({ "currency": "EUR", "per_hour": { "Checkout": 1200, "Search": 0 } })
    );
    reads_back_byte_for_byte(&text, &cost_settings());
    let stored = settings_to_json(&cost_settings()).unwrap();
    assert_eq!(settings_from_json(&stored), Ok(cost_settings()));

    // Without costs the part is written all the same (like every other part), empty.
    let plain = written(&settings());
    let shipped: Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(
        shipped["settings"]["downtime_cost"],
        json!({ "currency": "", "per_hour": {} })
    );
    reads_back_byte_for_byte(&plain, &settings());
}

#[test]
fn a_file_without_costs_sets_none_and_a_missing_part_of_them_is_empty() {
    use sitrep::transfer::settings::{settings_from_json, settings_to_json};
    let read = |edit: &dyn Fn(&mut Value)| {
        let mut file: Value = serde_json::from_str(&written(&cost_settings())).unwrap();
        edit(&mut file);
        let settings = parse_file(file.to_string().as_bytes(), &Limits::default())
            .unwrap()
            .settings
            .unwrap();
        (settings.costs, settings.currency)
    };
    let costs = |pairs: &[(&str, u64)]| -> std::collections::BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    assert_eq!(
        read(&|f| {
            f["settings"]
                .as_object_mut()
                .unwrap()
                .remove("downtime_cost");
        }),
        (costs(&[]), String::new()),
        "a file older than costs"
    );
    assert_eq!(
        read(&|f| f["settings"]["downtime_cost"] = json!({ "per_hour": { "Checkout": 5 } })),
        (costs(&[("Checkout", 5)]), String::new())
    );
    assert_eq!(
        read(&|f| f["settings"]["downtime_cost"] = json!({ "currency": " $ " })),
        (costs(&[]), "$".to_string())
    );
    assert_eq!(
        read(&|f| {
            f["settings"]["downtime_cost"] =
                json!({ "per_hour": { " Checkout ": 5, "Search": 1_000_000_000 } })
        }),
        (
            costs(&[("Checkout", 5), ("Search", 1_000_000_000)]),
            String::new()
        ),
        "names are trimmed; the highest cost is taken"
    );
    let mut older: Value =
        serde_json::from_str(&settings_to_json(&cost_settings()).unwrap()).unwrap();
    older.as_object_mut().unwrap().remove("downtime_cost");
    assert_eq!(
        settings_from_json(&older.to_string()).map(|s| (s.costs, s.currency)),
        Ok((costs(&[]), String::new())),
        "a record stored before costs"
    );
}

#[test]
fn a_file_may_cost_exactly_as_many_services_as_the_settings_hold_with_names_at_the_limit() {
    use sitrep::domain::commands::MAX_NAME;
    use sitrep::domain::settings::MAX_COSTS;
    let mut file: Value = serde_json::from_str(&written(&settings())).unwrap();
    let mut per_hour: serde_json::Map<String, Value> = (1..MAX_COSTS)
        .map(|i| (format!("s{i}"), json!(i)))
        .collect();
    per_hour.insert("n".repeat(MAX_NAME), json!(7));
    file["settings"]["downtime_cost"] = json!({ "currency": "12345678", "per_hour": per_hour });
    let read = parse_file(file.to_string().as_bytes(), &Limits::default())
        .expect("exactly the limits")
        .settings
        .unwrap();
    assert_eq!(read.costs.len(), MAX_COSTS);
    assert_eq!(read.cost(&"N".repeat(MAX_NAME)), Some(7));
    assert_eq!(read.currency, "12345678");
}

#[test]
fn hostile_costs_are_refused_whole_with_their_place() {
    use sitrep::domain::settings::MAX_COSTS;
    let cost = "a cost per hour is a whole number from 0 to 1000000000";
    let label = "a currency is a label of at most 8 characters, such as EUR or $, without control characters";
    let at = |name: &str, value: Value| -> Box<dyn FnOnce(&mut Value)> {
        let name = name.to_string();
        Box::new(move |f: &mut Value| f["settings"]["downtime_cost"]["per_hour"][name] = value)
    };
    let long_path = format!("settings.downtime_cost.per_hour.{}", "n".repeat(101));
    let too_many: serde_json::Map<String, Value> = (0..=MAX_COSTS)
        .map(|i| (format!("s{i}"), json!(1)))
        .collect();
    let table: Vec<Refusal> = vec![
        (
            "a negative cost",
            at("Checkout", json!(-5)),
            "settings.downtime_cost.per_hour.Checkout",
            format!("-5; {cost}"),
        ),
        (
            "a fraction",
            at("Checkout", json!(12.5)),
            "settings.downtime_cost.per_hour.Checkout",
            "invalid type: floating point `12.5`, expected a whole number of currency units per hour"
                .into(),
        ),
        (
            "over the highest cost",
            at("Search", json!(1_000_000_001u64)),
            "settings.downtime_cost.per_hour.Search",
            format!("1000000001; {cost}"),
        ),
        (
            "the largest whole number",
            at("Search", json!(u64::MAX)),
            "settings.downtime_cost.per_hour.Search",
            format!("{}; {cost}", u64::MAX),
        ),
        (
            "beyond any whole number",
            at("Search", json!(1e30)),
            "settings.downtime_cost.per_hour.Search",
            "invalid type: floating point `1e+30`, expected a whole number of currency units per hour"
                .into(),
        ),
        (
            "a cost as text",
            at("Search", json!("1200")),
            "settings.downtime_cost.per_hour.Search",
            "invalid type: string \"1200\", expected a whole number of currency units per hour"
                .into(),
        ),
        (
            "null for a cost",
            at("Search", Value::Null),
            "settings.downtime_cost.per_hour.Search",
            "invalid type: null, expected a whole number of currency units per hour".into(),
        ),
        (
            "a blank service name",
            at("  ", json!(5)),
            "settings.downtime_cost.per_hour[\"  \"]",
            "an empty service name; a cost is for a named service".into(),
        ),
        (
            "a service name too long",
            at(&"n".repeat(101), json!(5)),
            &long_path,
            "a service name longer than 100 characters".into(),
        ),
        (
            "a control character in a service name",
            at("Check\u{7}out", json!(5)),
            // The path shows the key as the file escapes it.
            "settings.downtime_cost.per_hour[\"Check\\\\u0007out\"]",
            "a control character in the service name \"Check\\u{7}out\"".into(),
        ),
        (
            "one service twice, in two cases",
            at("CHECKOUT", json!(900)),
            "settings.downtime_cost.per_hour.CHECKOUT",
            "\"Checkout\" and \"CHECKOUT\" name one service (names ignore case); give it one cost"
                .into(),
        ),
        (
            "too many services",
            Box::new(move |f| f["settings"]["downtime_cost"]["per_hour"] = Value::Object(too_many)),
            "settings.downtime_cost.per_hour",
            format!(
                "{} services; the settings hold costs for at most {MAX_COSTS}",
                MAX_COSTS + 1
            ),
        ),
        (
            "costs as a list",
            Box::new(|f| f["settings"]["downtime_cost"]["per_hour"] = json!([1200])),
            "settings.downtime_cost.per_hour",
            "invalid type: sequence, expected an object of costs per hour by service".into(),
        ),
        (
            "a currency too long",
            Box::new(|f| f["settings"]["downtime_cost"]["currency"] = json!("EURO-ZONE")),
            "settings.downtime_cost.currency",
            format!("\"EURO-ZONE\"; {label}"),
        ),
        (
            "a control character in the currency",
            Box::new(|f| f["settings"]["downtime_cost"]["currency"] = json!("E\nUR")),
            "settings.downtime_cost.currency",
            format!("\"E\\nUR\"; {label}"),
        ),
        (
            "a currency that is a number",
            Box::new(|f| f["settings"]["downtime_cost"]["currency"] = json!(978)),
            "settings.downtime_cost.currency",
            "invalid type: integer `978`, expected a currency label".into(),
        ),
        (
            "the costs as a number",
            Box::new(|f| f["settings"]["downtime_cost"] = json!(1200)),
            "settings.downtime_cost",
            "invalid type: integer `1200`, expected an object".into(),
        ),
    ];
    refused_each(&cost_settings(), table);
    // A stored record is held to the same rules.
    use sitrep::transfer::settings::settings_from_json;
    let refused =
        settings_from_json(r#"{"downtime_cost": {"per_hour": {"Checkout": -1}}}"#).unwrap_err();
    assert!(refused.starts_with(&format!("-1; {cost}")), "{refused}");
}

#[test]
fn a_name_written_twice_exactly_takes_its_last_cost_like_json_parse() {
    let text = written(&cost_settings()).replacen(
        "\"Checkout\": 1200",
        "\"Checkout\": 1, \"Checkout\": 1200",
        1,
    );
    assert_ne!(text, written(&cost_settings()));
    let parsed = parse_file(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings, Some(cost_settings()));
    // A stored record is read in one typed pass, and reads alike.
    use sitrep::transfer::settings::settings_from_json;
    let stored = r#"{"downtime_cost": {"per_hour": {"Checkout": 1, "Checkout": 1200}}}"#;
    assert_eq!(
        settings_from_json(stored).map(|s| s.costs),
        Ok([("Checkout".to_string(), 1_200)].into())
    );
}

#[test]
fn the_preview_says_when_the_costs_change_and_applying_takes_theirs_whole() {
    use sitrep::components::words::settings_changes;
    let ours = Settings::default()
        .with_currency("USD")
        .unwrap()
        .with_cost("Billing", Some(50))
        .unwrap();
    let theirs = Settings {
        costs: cost_settings().costs,
        currency: cost_settings().currency,
        ..Settings::default()
    };
    let plan = plan_settings(&ours, Some(&theirs)).expect("the costs change");
    assert!(plan.diff.costs_changed);
    assert_eq!(settings_changes(&plan.diff), ["Downtime costs changed"]);
    assert_eq!(
        (&plan.applied.costs, &plan.applied.currency),
        (&theirs.costs, &theirs.currency),
        "costs in two currencies do not mix"
    );
    assert_eq!(plan_settings(&plan.applied, Some(&theirs)), None);

    // The currency alone is a change; a name in another case is none.
    let euros = ours.with_currency("EUR").unwrap();
    let plan = plan_settings(&ours, Some(&euros)).expect("the currency changes");
    assert_eq!(settings_changes(&plan.diff), ["Downtime costs changed"]);
    let shouted = Settings {
        costs: [("BILLING".to_string(), 50)].into(),
        ..ours.clone()
    };
    assert_eq!(plan_settings(&ours, Some(&shouted)), None);

    // A file that sets none (one older than costs) leaves ours.
    let plan = plan_settings(&ours, Some(&review_settings()));
    let plan = plan.expect("the review rule and people change");
    assert!(!plan.diff.costs_changed);
    assert_eq!(plan.applied.costs, ours.costs);
    assert_eq!(plan.applied.currency, "USD");
    assert!(!settings_changes(&plan.diff)
        .iter()
        .any(|line| line.contains("cost")));
}

#[test]
fn a_cost_is_set_changed_and_cleared_and_a_service_has_one_whatever_the_case() {
    let s = Settings::default()
        .with_cost("Checkout", Some(1_200))
        .unwrap()
        .with_cost(" checkout ", Some(1_500))
        .unwrap();
    assert_eq!(s.costs, [("checkout".to_string(), 1_500)].into());
    assert_eq!(s.cost("CHECKOUT"), Some(1_500));
    assert_eq!(s.cost("Search"), None, "no cost is guessed");
    let s = s.with_cost("Search", Some(0)).unwrap();
    assert_eq!(s.cost("search"), Some(0), "nothing is a cost");
    let cleared = s.with_cost("CheckOut", None).unwrap();
    assert_eq!(cleared.costs, [("Search".to_string(), 0)].into());
    assert_eq!(
        cleared.with_cost("Billing", None).unwrap(),
        cleared,
        "clearing a service without a cost changes nothing"
    );
}

#[test]
fn costs_and_the_currency_are_held_to_their_limits() {
    use sitrep::domain::commands::MAX_NAME;
    use sitrep::domain::settings::{SettingsError, MAX_COSTS, MAX_COST_PER_HOUR, MAX_CURRENCY};
    let s = Settings::default();
    assert_eq!(
        s.with_cost("  ", Some(1)),
        Err(SettingsError::ServiceRequired)
    );
    assert_eq!(s.with_cost("", None), Err(SettingsError::ServiceRequired));
    let at_limit = "n".repeat(MAX_NAME);
    assert_eq!(
        s.with_cost(&at_limit, Some(1)).map(|s| s.cost(&at_limit)),
        Ok(Some(1))
    );
    assert_eq!(
        s.with_cost(&"n".repeat(MAX_NAME + 1), Some(1)),
        Err(SettingsError::ServiceTooLong { max: MAX_NAME })
    );
    assert_eq!(
        s.with_cost("Check\tout", Some(1)),
        Err(SettingsError::ControlCharacter)
    );
    assert_eq!(
        s.with_cost("Checkout", Some(MAX_COST_PER_HOUR))
            .map(|s| s.cost("Checkout")),
        Ok(Some(MAX_COST_PER_HOUR))
    );
    assert_eq!(
        s.with_cost("Checkout", Some(MAX_COST_PER_HOUR + 1)),
        Err(SettingsError::CostPerHour)
    );
    let mut full = s.clone();
    for i in 0..MAX_COSTS {
        full = full.with_cost(&format!("s{i}"), Some(1)).unwrap();
    }
    assert_eq!(
        full.with_cost("one more", Some(1)),
        Err(SettingsError::TooManyCosts)
    );
    assert_eq!(
        full.with_cost("S0", Some(2)).map(|s| s.cost("s0")),
        Ok(Some(2)),
        "a service with a cost may change it when full"
    );
    assert_eq!(full.with_cost("one more", None).unwrap(), full);

    assert_eq!(
        s.with_currency("  EUR ").map(|s| s.currency),
        Ok("EUR".into())
    );
    assert_eq!(s.with_currency("").map(|s| s.currency), Ok(String::new()));
    let widest = "€".repeat(MAX_CURRENCY);
    assert_eq!(s.with_currency(&widest).map(|s| s.currency), Ok(widest));
    assert_eq!(
        s.with_currency(&"X".repeat(MAX_CURRENCY + 1)),
        Err(SettingsError::CurrencyTooLong { max: MAX_CURRENCY })
    );
    assert_eq!(
        s.with_currency("E\u{1b}UR"),
        Err(SettingsError::ControlCharacter)
    );
}

#[test]
fn a_typed_cost_is_a_whole_number_in_range_or_blank_for_none() {
    use sitrep::domain::settings::{parse_cost, SettingsError};
    assert_eq!(parse_cost(""), Ok(None));
    assert_eq!(parse_cost("   "), Ok(None));
    assert_eq!(parse_cost(" 1200 "), Ok(Some(1_200)));
    assert_eq!(parse_cost("0"), Ok(Some(0)));
    assert_eq!(parse_cost("1000000000"), Ok(Some(1_000_000_000)));
    for refused in [
        "1000000001",
        "99999999999999999999999",
        "-5",
        "+5",
        "12.5",
        "1e3",
        "1,200",
        "1 200",
        "twelve",
    ] {
        assert_eq!(
            parse_cost(refused),
            Err(SettingsError::CostPerHour),
            "{refused}"
        );
    }
}

#[test]
fn refused_costs_are_said_in_one_sentence() {
    use sitrep::components::words::settings_refusal;
    use sitrep::domain::settings::SettingsError;
    assert_eq!(
        settings_refusal(&SettingsError::CostPerHour),
        "Enter the cost per hour as a whole number from 0 to 1,000,000,000."
    );
    for error in [
        SettingsError::ServiceRequired,
        SettingsError::ServiceTooLong { max: 100 },
        SettingsError::ControlCharacter,
        SettingsError::TooManyCosts,
        SettingsError::CurrencyTooLong { max: 8 },
    ] {
        let text = settings_refusal(&error);
        assert!(
            text.starts_with(char::is_uppercase) && text.ends_with('.'),
            "{text}"
        );
    }
}

#[test]
fn the_services_to_cost_are_those_incidents_name_and_those_with_a_cost() {
    let s = Settings::default()
        .with_cost("Checkout", Some(1))
        .unwrap()
        .with_cost("Billing", Some(2))
        .unwrap();
    let named = ["checkout".to_string(), "Search".to_string()];
    assert_eq!(
        s.cost_services(&named),
        ["Billing", "checkout", "Search"],
        "a named spelling stands for the costed one"
    );
    assert_eq!(Settings::default().cost_services(&[]), Vec::<String>::new());
}

/// An edit of a settings file: what it is, the edit, and the path and message it is refused with.
type Refusal<'a> = (&'a str, Box<dyn FnOnce(&mut Value)>, &'a str, String);

/// Each edit of the file `settings` write is refused whole, at its path, with its message and in
/// a sentence.
fn refused_each(settings: &Settings, table: Vec<Refusal>) {
    for (what, edit, path, msg) in table {
        let mut file: Value = serde_json::from_str(&written(settings)).unwrap();
        edit(&mut file);
        let error = parse_file(file.to_string().as_bytes(), &Limits::default()).unwrap_err();
        assert_eq!(
            error,
            ImportError::Invalid {
                path: path.into(),
                msg: msg.clone()
            },
            "{what}"
        );
        support::assert_sentence(&error);
    }
}
