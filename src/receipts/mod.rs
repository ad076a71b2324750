//! Consent receipts: a signed record, in the citizen's hands, of each
//! consent they gave, changed or withdrew.
//!
//! A receipt is a JWT signed with the platform's Ed25519 key (`EdDSA`,
//! `kid` in the header; keys from [`crate::keys::signing`], published at
//! `/.well-known/jwks.json`, retired keys kept so old receipts still
//! verify). Its claims follow the Kantara Initiative's Consent Receipt
//! v1.1 (`version: "KI-CR-v1.1.0"`, jurisdiction, timestamp, collection
//! method, `consentReceiptID` equal to `jti`, a pseudonymous
//! `piiPrincipalId` that is never an email address, the place as
//! controller, the exact privacy notice version, each purpose with its
//! consent type, categories, termination and disclosure, and whether the
//! data is sensitive), plus one namespaced claim, [`model::CONSENT_CLAIM`],
//! with the grant's id, a digest of the story version it covers, the
//! audience, the attribution and the expiry. A receipt never holds story
//! text, and has no `exp`: it records an event, and stays verifiable
//! after the consent it records has ended.
//!
//! Anyone can check a receipt on the public "Check a consent receipt"
//! page or `POST /api/v1/receipts/verify`: the signature against the
//! published keys, and, for a receipt issued by this place, whether the
//! consent it records is still live.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{ConsentReceipt, ReceiptFacts, Verification};
