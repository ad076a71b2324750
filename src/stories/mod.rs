//! Stories: lived experience shared on the citizen's terms.
//!
//! A citizen writes a story (title, body, area, optionally a board it is
//! about), may mark it as holding health or other special-category
//! information, and may prepare a de-identified version (names, dates and
//! places taken out) that they approve. The rules:
//!
//! - **Encrypted at rest.** Each story has its own key, kept in the key
//!   store wrapped under its author's data key ([`crate::keys`]); the text
//!   is sealed with XChaCha20-Poly1305, bound to the story's id, version
//!   and part. The main database, its backups, lists and the outbox never
//!   hold a story's text. Erasing a story destroys its key; erasing the
//!   author destroys their data key, and with it every story key.
//! - **Nothing shared until the citizen acts.** Consent is given per story
//!   × purpose × audience ([`model::Purpose`], [`model::Audience`]), with
//!   an attribution (`named`, `first_name`, `anonymous` — which shows the
//!   approved de-identified version) and an expiry (at most 24 months,
//!   default 12). Each grant stores its W3C DPV purpose and legal basis
//!   (`eu-gdpr:A9-2-a` for special-category stories, else `A6-1-a`).
//!   Nothing is pre-ticked and purposes are never bundled.
//! - **One path to the text.** [`service::read`] is the only way anyone but
//!   the author gets a story's text: it checks live consent (status,
//!   purpose, audience, expiry) at that moment ([`consent::choose`]),
//!   renders the attribution allowed and writes a hash-chained row to the
//!   author's use log in the same transaction, before returning anything.
//!   Lists carry no text. The author sees every use ("Who used my
//!   stories") and can check the chain.
//! - **Withdrawal** (one grant, or everything) takes effect on the next
//!   request. Organisations that used the story are emailed the list of
//!   their uses and asked to delete copies; the public page of a story
//!   answers 410 Gone.
//! - **Requests and renewal.** Organisations and boards' facilitators who
//!   can already read a story may ask for more; the author grants all,
//!   part or declines (DPV statuses requested, given, refused, withdrawn,
//!   expired). Reminders go 30 days before a grant ends; renewing makes a
//!   new grant.
//! - **Receipts.** Every change of consent calls
//!   [`service::on_consent_changed`], which signs a consent receipt for it
//!   ([`crate::receipts`]), keeps it for the author ("Your consents") and
//!   hands it back with the change. Boards are reached through
//!   [`service::board_exists`] and its siblings, which ask the boards room.
//! - **Exports** ([`export`]) of the stories shared with an organisation
//!   or a board go through the same rule of reading, story by story, and
//!   record the grants they relied on.

pub mod api;
pub mod assisted;
pub mod assisted_api;
pub mod assisted_pages;
pub mod board_pages;
pub mod consent;
pub mod emails;
pub mod export;
pub mod model;
pub mod pages;
pub mod reminders;
pub mod service;

pub use model::{Attribution, Audience, Purpose, Story};
