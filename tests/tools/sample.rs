//! Writes the sample incidents of `sitrep::sample` as a Sitrep file, and what the metrics make of
//! that very file, for the dashboard's end-to-end test and the benchmark.
//!
//! `cargo run --example sample -- COUNT FILE [EXPECTED]`
//!
//! The incidents are reported over the 120 days up to 2026-11-30 00:00 UTC (seed 2026); the same
//! arguments always write the same bytes. EXPECTED, when given, receives the figures of the range
//! 2026-09-01 to 2026-11-29 with and without drills, read on 2026-12-07 at 09:00 UTC, computed by
//! `metrics::figures` over the
//! incidents read back from FILE by the importer, with a cost of 1,200 an hour of downtime set
//! for Checkout alone.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::run();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeMap;

    use chrono::{NaiveDate, TimeZone, Utc};
    use serde_json::json;

    use sitrep::domain::actions::ActionKind;
    use sitrep::domain::metrics::{figures, Figure, Scope};
    use sitrep::domain::review::Span;
    use sitrep::domain::search::Clocks;
    use sitrep::domain::settings::Settings;
    use sitrep::domain::Priority;
    use sitrep::transfer::{export, parse_file, Limits};

    fn fail(message: String) -> ! {
        eprintln!("{message}");
        std::process::exit(1)
    }

    pub fn run() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let (Some(count), Some(file)) = (args.first(), args.get(1)) else {
            fail("usage: sample COUNT FILE [EXPECTED]".into())
        };
        let count: u32 = count
            .parse()
            .unwrap_or_else(|_| fail(format!("COUNT must be a whole number, not {count}")));
        let Some(until) = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).single() else {
            fail("no such instant".into())
        };
        let incidents = sitrep::sample::incidents(count, 2026, until, 120);
        let text = export(&incidents, until).unwrap_or_else(|e| fail(format!("{e}")));
        std::fs::write(file, &text).unwrap_or_else(|e| fail(format!("{file}: {e}")));
        let Some(expected) = args.get(2) else { return };
        let parsed = parse_file(text.as_bytes(), &Limits::default())
            .unwrap_or_else(|e| fail(format!("the sample file was refused: {e}")));
        // Read as the end-to-end test's browser reads it: on 7 December 2026 at 09:00 UTC.
        let Some(now) = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).single() else {
            fail("no such instant".into())
        };
        let settings = Settings::default();
        let clocks = Clocks {
            now,
            cadence: settings.cadence,
            targets: settings.targets,
        };
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(2026, 9, 1),
            NaiveDate::from_ymd_opt(2026, 11, 29),
        ) else {
            fail("no such day".into())
        };
        let costs = BTreeMap::from([("Checkout".to_string(), 1200)]);
        let of = |drills: bool| {
            let scope = Scope::days(first, last, drills);
            let f = figures(&parsed.incidents, &scope, &clocks, &costs, now.date_naive());
            let resolve = f.times.overall.get(Span::Resolve);
            json!({
                "incidents": f.counts.incidents,
                "cancelled": f.counts.cancelled,
                "reopened": f.counts.reopened,
                "p1": f.counts.priority(Priority::P1),
                "breached": f.count(&Figure::AnyBreached),
                "corrective_open": f.follow_ups.open.get(ActionKind::Corrective as usize),
                "resolve_median": resolve.map(|s| s.median),
                "resolve_p90": resolve.map(|s| s.p90),
                "services": f.services.iter().map(|s| json!({
                    "name": s.name, "incidents": s.incidents, "downtime": s.downtime, "cost": s.cost
                })).collect::<Vec<_>>(),
            })
        };
        let out = json!({
            "from": "2026-09-01",
            "to": "2026-11-29",
            "real": of(false),
            "with_drills": of(true),
        });
        let body = serde_json::to_string_pretty(&out).unwrap_or_else(|e| fail(format!("{e}")));
        std::fs::write(expected, body).unwrap_or_else(|e| fail(format!("{expected}: {e}")));
    }
}
