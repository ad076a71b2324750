//! Residency: who counts as a verified resident of a place, and the ways
//! to become one.
//!
//! Later features (supporting proposals, voting, counting as a citizen on
//! boards) are for the people who live in a place. A place chooses how a
//! person shows that ([`model::Rule`]): a new place starts with "a
//! confirmed email address is enough", and its admins may accept any of
//! three routes, each enough on its own:
//!
//! - **postcode**: a postcode in the place's list, imported by
//!   `coproduce postcodes import`;
//! - **vouching**: a one-time code from an organisation the council
//!   recognises. This route exists so that people without a fixed address
//!   (for example people using a night shelter) take part with equal
//!   standing: the organisation that knows them vouches for them;
//! - **manual**: the place's admins approve a request by hand.
//!
//! Data minimisation: a verification records only that it happened and by
//! which route, never the postcode given or which organisation vouched
//! (that could reveal that someone is homeless). Vouching codes are kept
//! as hashes, and a used code records when, never by whom, so an
//! organisation sees counts (issued, used, expired) and nothing else.
//!
//! Wrong postcodes and codes are slowed down per account: at most
//! [`service::ATTEMPT_LIMIT`] failures per
//! [`service::ATTEMPT_WINDOW_MINUTES`] minutes, counted in the database
//! (`residency_attempts`) so every replica shares the count and a restart
//! forgives nothing; past it the answer is 429 with `Retry-After`.
//!
//! Other rooms ask [`service::is_resident`] and
//! [`service::require_resident`] (a 403 problem `residency_required` that
//! points to `/account/residency`).
//!
//! A person may also say which area of the place they live in
//! ([`areas`], `/account/residency/area`): the residents of an area are
//! asked to evaluate proposals delivered there ([`areas::residents_in`]).

pub mod api;
pub mod area_api;
pub mod area_pages;
pub mod areas;
pub mod import;
pub mod model;
pub mod pages;
pub mod service;
