//! `coproduce demo`: a realistic place, "Coventry", to see the whole
//! platform working in one command. Everything is made through the
//! services (so every rule, audit event and email applies as if people
//! had used the site), in one transaction: a run makes all of it or
//! nothing, and a second run finds the place there and changes nothing.
//!
//! The words are ours, drawing on action research into how Coventry's
//! homelessness and family services began to behave like one system:
//! put the people a service is for ahead of the organisation, involve
//! them from design to delivery, start from a place's strengths.

pub mod content;
pub mod service;

pub use service::{seed, Outcome, DEMO_ADMIN_TOTP_KEY, DEMO_PASSWORD, DEMO_SLUG};
