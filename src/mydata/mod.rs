//! My data: the citizen's promise kept. Everything the platform holds about
//! a person, readable on one page and downloadable as JSON (a documented,
//! versioned format); erasure of the account, with the person choosing
//! what happens to their public contributions; and moving to another place
//! by importing an export there.
//!
//! Every table that can hold personal data must be covered by the export:
//! [`service::PERSONAL_TABLES`] lists them and a test fails when a table is
//! neither there nor in [`service::NON_PERSONAL_TABLES`].

pub mod api;
pub mod model;
pub mod pages;
pub mod service;
