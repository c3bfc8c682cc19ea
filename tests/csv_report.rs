//! The queue as CSV: RFC 4180 quoting, a header row, milestones and minutes, and no cell a
//! spreadsheet would run as a formula.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::components::csv_report::{cell, file_name, render, HEADER};
use sitrep::domain::{Command, State};
use support::{act, ancestor, at, move_to, set_title};

#[test]
fn cells_are_quoted_as_rfc_4180_says() {
    assert_eq!(cell("plain"), "plain");
    assert_eq!(cell("a,b"), "\"a,b\"");
    assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(cell("cr\rhere"), "\"cr\rhere\"");
    assert_eq!(cell(""), "");
    assert_eq!(cell("Zürich — 東京"), "Zürich — 東京");
}

#[test]
fn a_cell_a_spreadsheet_would_run_is_neutralised() {
    for (text, written) in [
        (
            "=HYPERLINK(\"http://evil\",\"x\")",
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
        ),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "\"'\r=1\""),
        ("a=1", "a=1"),
        (" =1", " =1"),
    ] {
        assert_eq!(cell(text), written, "{text:?}");
    }
}

#[test]
fn the_queue_is_a_header_and_a_row_per_incident_with_minutes() {
    // Declared at 0 (impact from -30, detected at -10 in the support draft), then worked.
    let mut incident = ancestor();
    let steps: [(Command, i64); 5] = [
        (set_title(&incident, "=cmd|' /C calc'!A0, \"quoted\""), 1),
        (move_to(State::Triaged), 12),
        (move_to(State::Investigating), 20),
        (move_to(State::Contained), 45),
        (support::resolve("Rolled back"), 90),
    ];
    for (n, (command, minute)) in steps.into_iter().enumerate() {
        incident = act(&incident, command, minute, "Ana", 900 + n as u128);
    }
    let csv = render([&incident]);
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines.len(),
        3,
        "header, one row, and the final CRLF: {lines:?}"
    );
    assert_eq!(lines[0], HEADER.join(","));
    assert_eq!(lines[2], "");
    let row = lines[1];
    assert!(
        row.starts_with(&format!(
            "{},\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\",real,Resolved,",
            incident.reference
        )),
        "{row}"
    );
    let reported = incident.reported_at;
    assert_eq!(reported, at(0));
    let minutes = |m: i64| m.to_string();
    let detect = (incident.detected_at - incident.impact_started_at).num_minutes();
    let impact = (at(90) - incident.impact_started_at).num_minutes();
    assert!(
        row.ends_with(&format!(
            ",{},{},{},{},{}",
            minutes(detect),
            minutes(12),
            minutes(45),
            minutes(90),
            minutes(impact)
        )),
        "{row}"
    );
    assert!(row.matches(',').count() >= HEADER.len() - 1);
}

#[test]
fn an_open_incident_leaves_the_milestones_it_lacks_empty() {
    let csv = render([&ancestor()]);
    let row = csv.split("\r\n").nth(1).unwrap_or_default();
    assert!(row.ends_with(",,,,"), "{row}");
    assert_eq!(
        file_name(at(0) + chrono::TimeDelta::days(11)),
        "sitrep-queue-20261207-0900.csv"
    );
}
