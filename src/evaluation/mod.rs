//! Evaluation: after delivery, the people a proposal was for say whether
//! its intended outcome happened.
//!
//! When a proposal moves to `delivered` ([`service::open`], called by
//! `proposals::service::change_status` in the same transaction), its
//! supporters and the verified residents of its area (and the areas
//! inside it, per `residency::areas`) are invited, each once and by email
//! through [`service::invite`] — the one place invitations are sent.
//! Only invited people rate (403 `not_invited` for others): a rating from
//! 1 (it did not happen) to 5 (it fully happened) and an optional comment,
//! one per person, changeable while the proposal is `delivered`; once the
//! place's admins move it to `evaluated` the results are final (409
//! `evaluation_closed`).
//!
//! Anyone who may read the proposal sees the results: how many were
//! invited and rated, the average, the spread over 1–5, and the comments,
//! each named only when its author chose to show their name and their
//! profile shows it to the reader. The outcomes dashboard (`/outcomes`)
//! shows every delivered and evaluated proposal's intended outcome and
//! ratings as an SVG chart drawn on the server, with a table of the same
//! figures; it shows outcomes for residents, not organisational activity.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;
