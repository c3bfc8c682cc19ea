//! Sitrep: incident management that lives entirely in the browser.

pub mod domain;
