//! PURE: the JSON file format people share: envelope, limits, parsing and validation, migrations, import plan.
//!
//! Nothing here does I/O; the UI hands in bytes and `now`, and gets back text, parsed files,
//! typed errors and an import plan.

pub mod envelope;
pub mod error;
pub mod limits;
pub mod migrate;
pub mod parse;
pub mod plan;
mod scan;
pub mod settings;
pub mod wire;

/// Text from a file as a refusal shows it: quoted, with control characters escaped, and cut
/// after 40 characters (marked `…`), so a hostile string can neither flood nor forge a message.
pub(crate) fn shown(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() > SHOWN {
        let start: String = text.chars().take(SHOWN).collect();
        format!("{start:?}…")
    } else {
        format!("{text:?}")
    }
}

pub use envelope::{
    export, export_all, export_with_scenarios, file_name, ExportScope, ParsedFile, FORMAT,
    GENERATOR,
};
pub use error::ImportError;
pub use limits::Limits;
pub use migrate::{incident_v1_to_v2, incident_v2_to_v3, migrate, CURRENT_VERSION, MIGRATIONS};
pub use parse::parse_file;
pub use plan::{
    plan_import, plan_settings, Change, FutureDated, ImportPlan, Outcome, PlanCounts,
    PlannedIncident, SettingsPlan, FUTURE_SLACK,
};
pub use wire::WriteError;
