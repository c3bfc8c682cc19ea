//! Native benchmark of the file format on the 10,000 × 20 archive: prints a table, asserts nothing
//! about time. Baselines (plain `serde_json` on the same bytes) are measured in the same run.
//! With `SITREP_BENCH_FILE=path` it also writes the archive there for the browser benchmark.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../support/mod.rs"]
mod support;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::run();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::{Duration, Instant};

    use sitrep::transfer::{export, parse_file, plan_import, Limits};

    use super::support;

    /// Median wall time of `runs` calls.
    fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
        let mut times = Vec::with_capacity(runs);
        let mut last = None;
        for _ in 0..runs {
            let started = Instant::now();
            let out = f();
            times.push(started.elapsed());
            last = Some(out);
        }
        times.sort();
        match last {
            Some(out) => (times[runs / 2], out),
            None => panic!("median needs at least one run"),
        }
    }

    fn row(what: &str, time: Duration, baseline: Option<Duration>) {
        let ratio = baseline.map_or(String::from("—"), |b| {
            format!("{:.2}×", time.as_secs_f64() / b.as_secs_f64())
        });
        println!(
            "| {what:<44} | {:>9.1} ms | {ratio:>7} |",
            time.as_secs_f64() * 1000.0
        );
    }

    pub fn run() {
        let incidents = support::incidents(10_000, 20);
        let (export_time, text) = median(3, || export(&incidents, support::at(0)));
        let text = text.unwrap_or_else(|error| {
            eprintln!("could not export: {error}");
            std::process::exit(1);
        });
        if let Ok(path) = std::env::var("SITREP_BENCH_FILE") {
            if let Err(error) = std::fs::write(&path, &text) {
                eprintln!("could not write {path}: {error}");
                std::process::exit(1);
            }
        }
        let bytes = text.as_bytes();
        let (baseline_parse, _) = median(3, || {
            serde_json::from_slice::<serde_json::Value>(bytes).map(|_| ())
        });
        let (parse_time, parsed) = median(3, || parse_file(bytes, &Limits::default()));
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                eprintln!("the benchmark archive was refused: {error}");
                std::process::exit(1);
            }
        };
        let ctx = support::ctx(0, "Bench", 1);
        let (plan_new, _) = median(3, || plan_import(&[], parsed.clone(), &ctx));
        let (plan_same, plan) = median(3, || plan_import(&incidents, parsed.clone(), &ctx));
        println!(
            "\nFile format, native (10,000 incidents × 20 events, {:.1} MB, median of 3)\n",
            text.len() as f64 / 1e6
        );
        println!("| {:<44} | {:>12} | {:>7} |", "what", "time", "vs base");
        println!("|{}|{}|{}|", "-".repeat(46), "-".repeat(14), "-".repeat(9));
        row(
            "baseline: serde_json::from_slice into Value",
            baseline_parse,
            None,
        );
        row(
            "parse_file (limits, validation, typed)",
            parse_time,
            Some(baseline_parse),
        );
        row(
            "export (pretty, stable order)",
            export_time,
            Some(baseline_parse),
        );
        row(
            "plan_import into an empty store",
            plan_new,
            Some(baseline_parse),
        );
        row(
            "plan_import of a file we already hold",
            plan_same,
            Some(baseline_parse),
        );
        println!("\n(re-import writes {} incidents)", plan.to_write.len());
        metrics(&incidents);
    }

    /// The dashboard's figures over every incident, against the queue's filter of the same range
    /// (the pass over every incident that following a figure's link makes).
    fn metrics(incidents: &[sitrep::domain::Incident]) {
        use sitrep::domain::metrics::{figures, Figure, Scope};
        use sitrep::domain::search::Clocks;
        let now = support::at(60 * 24);
        let scope = Scope::last_days(now, 90, true);
        let clocks = Clocks::from(now);
        let costs = std::collections::BTreeMap::new();
        let filter = scope.filter(&Figure::Incidents);
        let (baseline, listed) = median(5, || {
            incidents
                .iter()
                .filter(|i| filter.matches(i, clocks))
                .count()
        });
        let (time, f) = median(5, || {
            figures(incidents, &scope, &clocks, &costs, now.date_naive())
        });
        println!(
            "\nMetrics, native ({} incidents in range, {listed} listed; median of 5)\n",
            f.counts.incidents
        );
        println!("| {:<44} | {:>12} | {:>7} |", "what", "time", "vs base");
        println!("|{:-<46}|{:-<14}|{:-<9}|", "", "", "");
        row("baseline: the queue filter of the range", baseline, None);
        row("figures: every dashboard figure", time, Some(baseline));
    }
}
