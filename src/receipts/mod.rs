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
//! listing each grant the change touched with its id, what happened to
//! it, a digest of the story version it covers, the audience, the
//! attribution and the expiry. One receipt is issued per change of one
//! story's consents (the stories room calls [`service::issue`] and
//! [`service::record`] inside the change's transaction), and kept for its
//! holder: "Your consents" and `GET /api/v1/me/consent-receipts` list and
//! download them, for the author only. A receipt never holds story text,
//! and has no `exp`: it records an event, and stays verifiable after the
//! consent it records has ended.
//!
//! Anyone can check a receipt on the public "Check a consent receipt"
//! page or `POST /api/v1/receipts/verify`: the signature against the
//! published keys, and, for a receipt issued by this place, where each
//! grant stands now (live, withdrawn, expired, or superseded by a later
//! change), looked up by grant id in that place only; another place
//! learns only that the receipt is not theirs.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{ConsentReceipt, ReceiptFacts, Verification};
