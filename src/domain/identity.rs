//! The identity part: the human reference (and every reference the incident carried), and the
//! facts only a declaration sets (kind, who reported it, when impact started and when it was seen).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::register::{Register, Slot, Stamp};
use super::{Declaration, IncidentKind, Topic};

/// An identity event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum IdentityEvent {
    /// The incident was given another human reference (its old one names another incident here).
    Renumbered {
        /// The new reference.
        reference: String,
    },
}

/// What only a declaration sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// Real or drill.
    pub kind: IncidentKind,
    /// Who reported it.
    pub reported_by: String,
    /// When impact started.
    pub impact_started_at: DateTime<Utc>,
    /// When it was noticed.
    pub detected_at: DateTime<Utc>,
}

/// The identity as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdentityState {
    /// The human reference.
    pub reference: Register<String>,
    /// Every reference ever written, the current one included.
    pub references: BTreeSet<String>,
    /// What the declaration set.
    pub declared: Register<Declared>,
}

impl IdentityState {
    /// Every register of the part that people change, by the topic it is.
    pub fn slots(&self) -> [(Topic, &dyn Slot); 1] {
        [(Topic::Reference, &self.reference)]
    }
}

/// What a declaration writes here.
pub fn declare(state: &mut IdentityState, stamp: &Stamp<'_>, d: &Declaration) {
    state.reference.write(stamp, d.reference.clone());
    state.references.insert(d.reference.clone());
    state.references.extend(d.aliases.iter().cloned());
    state.declared.write(
        stamp,
        Declared {
            kind: d.kind,
            reported_by: d.reported_by.clone(),
            impact_started_at: d.impact_started_at,
            detected_at: d.detected_at,
        },
    );
}

/// The fold step.
pub fn apply(state: &mut IdentityState, stamp: &Stamp<'_>, event: &IdentityEvent) {
    match event {
        IdentityEvent::Renumbered { reference } => {
            state.reference.write(stamp, reference.clone());
            state.references.insert(reference.clone());
        }
    }
}
