//! All integration tests, in one binary so the crate links once.
//! Each module is one feature; `common` is the harness.

#[path = "../common/mod.rs"]
mod common;

mod account_security;
mod accounts;
mod admin;
mod assets;
mod audit;
mod boards;
mod browser;
mod cli;
mod comments;
mod demo;
mod evaluation;
mod http;
mod i18n;
mod idempotency;
mod invitations;
mod keyboard;
mod keys;
mod least_privilege;
mod mail;
mod moderation;
mod mydata;
mod notifications;
mod openapi;
mod opendata;
mod operations;
mod operator;
mod organisations;
mod outages;
mod places;
mod polls;
mod prepared;
mod probe;
mod profiles;
mod proposals;
mod rate_limit;
mod receipts;
mod replicas;
mod residency;
mod schema;
mod screenshots;
mod stories;
mod story_boards;
mod tenancy;
mod two_factor;
