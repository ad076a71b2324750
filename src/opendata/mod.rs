//! Open data: a place's proposals, their statuses, support counts and
//! evaluation results as CSV and JSON downloads (`/open-data/proposals.csv`
//! and `.json`), documented on `/open-data`, under the licence the
//! place's admins choose (a place setting, `open_data_licence`, from the
//! open licences in [`model::LICENCES`]; CC-BY-4.0 until they choose).
//!
//! No personal data: no email addresses, no supporters, no raters; an
//! author's name appears only where their profile shows it to everyone
//! (`profiles::service::view` for an anonymous reader). Drafts and
//! proposals the moderators hid are left out. The files are streamed a
//! batch at a time in id order (keyset), so a place of 100,000 proposals
//! downloads without holding them in memory.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;
