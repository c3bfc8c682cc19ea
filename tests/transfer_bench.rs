//! The benchmark archive (10,000 incidents × 20 events) parses well under a second natively.
//! Timing needs an optimised build: `cargo test --release --test transfer_bench -- --ignored`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "transfer_support.rs"]
mod support;

use std::time::{Duration, Instant};

use sitrep::transfer::{export, parse_file, plan_import, Limits};

#[test]
#[ignore = "timing: run in release with --ignored"]
fn the_benchmark_archive_parses_in_well_under_a_second() {
    let incidents = support::incidents(10_000, 20);
    let text = export(&incidents, support::at(0));
    assert!(
        text.len() > 60_000_000,
        "about the size of the 75 MB benchmark file"
    );

    let started = Instant::now();
    let parsed = parse_file(text.as_bytes(), &Limits::default());
    let parse_time = started.elapsed();
    let parsed = parsed.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.incidents.len(), 10_000);
    assert!(
        parse_time < Duration::from_millis(800),
        "parse took {parse_time:?}"
    );

    let started = Instant::now();
    let plan = plan_import(&incidents, parsed);
    assert!(plan.to_write.is_empty());
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "plan took {:?}",
        started.elapsed()
    );
}
