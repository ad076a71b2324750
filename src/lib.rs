//! coproduce: a platform for co-producing public services with the people
//! who use them. See `README.md` for the tour and `ARCHITECTURE.md`-style
//! notes in each module's docs.
//!
//! Feature rooms (each with `model`, `service`, `pages`, `api` as needed):
//! [`tenancy`], [`places`], [`accounts`], [`profiles`], [`organisations`], [`proposals`],
//! [`residency`], [`assets`], [`boards`], [`comments`], [`moderation`], [`evaluation`], [`opendata`], [`notifications`], [`polls`], [`receipts`], [`stories`], [`mydata`], [`idempotency`], [`admin`], [`audit`], [`operator`], [`mail`], [`site`]. Shared plumbing: [`config`], [`db`],
//! [`error`], [`http`], [`i18n`], [`keys`], [`ops`], [`secrets`]. Pure engines (no I/O):
//! [`voting`] (poll methods, rules and the count).

pub mod accounts;
pub mod admin;
pub mod assets;
pub mod audit;
pub mod boards;
pub mod cli;
pub mod comments;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod http;
pub mod i18n;
pub mod idempotency;
pub mod keys;
pub mod mail;
pub mod moderation;
pub mod mydata;
pub mod notifications;
pub mod opendata;
pub mod operator;
pub mod ops;
pub mod organisations;
pub mod places;
pub mod polls;
pub mod profiles;
pub mod proposals;
pub mod receipts;
pub mod residency;
pub mod secrets;
pub mod site;
pub mod state;
pub mod stories;
pub mod tenancy;
pub mod voting;

pub use http::server::{App, StartError};
