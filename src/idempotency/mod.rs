//! Idempotency keys on the API's POSTs (the IETF `Idempotency-Key` header).
//!
//! A signed-in client that sends `Idempotency-Key: K` with a POST under
//! `/api/v1/` gets the work done once: the first answer is kept 24 hours,
//! scoped by place, person and key, and a retry of the same request (same
//! method, path, query and body bytes) gets that answer again with
//! `Idempotent-Replayed: true`. The same key with a different request is a
//! 422; a retry while the first is still running is a 409
//! (`idempotency_key_in_flight`); a malformed key is a 400
//! (`invalid_idempotency_key`).
//!
//! Choices, and why:
//! - **Signed-in callers only.** Anonymous requests have no person to
//!   scope by (a key shared by strangers would hand one the other's
//!   answer), and `/api/v1/auth/*` answers carry tokens that must never be
//!   stored; on those the header is ignored, and the OpenAPI document
//!   lists it only where it is honoured.
//! - **What is kept**: answers below 500 except 401, 408, 425 and 429
//!   ([`model::Answer::worth_keeping`]). A 5xx, or a "try later", frees
//!   the key so the retry runs again.
//! - **Sealed answers**: an answer may hold the person's story, so its body
//!   is encrypted under their data key and erasure (which deletes the rows
//!   and destroys the key) leaves nothing readable in any backup.
//! - **The first request runs to the end** even if the client hangs up
//!   (it runs on its own task), so the retry finds its answer. A row left
//!   in flight by a server that stopped mid-request is taken over after
//!   [`model::LEASE`] (5 minutes).
//! - Keys past 24 hours are ignored at once and deleted by the sweep
//!   ([`sweeper`], every 10 minutes in `serve`).

pub mod api;
pub mod model;
pub mod service;
pub mod sweeper;

pub use model::{Fingerprint, IdempotencyKey, Scope};
