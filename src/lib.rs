//! Sitrep: incident management that lives entirely in the browser.

pub mod app;
pub mod browser;
pub mod components;
pub mod domain;
pub mod hooks;
pub mod order;
pub mod pages;
pub mod safekeeping;
pub mod sample;
pub mod storage;
pub mod store;
pub mod transfer;
