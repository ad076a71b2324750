//! The audit room: each tenant's tamper-evident log of what happened to
//! accounts and to the place itself (sign-ins, roles, passwords, two-step
//! sign-in, operator actions, admins' actions), so an admin can answer
//! "who did this, and when?" and each person can see what happened to
//! their own account.
//!
//! The log is append-only and hash-chained per tenant. Events are numbered
//! 1, 2, 3… (`seq`) and each stores the previous event's hash (`prev_hash`,
//! 64 zeros for the first) and its own (`hash`). Changing or removing a row
//! breaks the chain, and [`service::verify`] (and `coproduce audit verify
//! --tenant S`) names the first broken event. Removing the newest events
//! leaves a shorter chain that still verifies; keep the count an earlier
//! verification printed to notice that.
//!
//! # The canonical encoding
//!
//! `hash` is the lowercase hex SHA-256 of the UTF-8 bytes of this JSON
//! array, serialised compactly (no spaces, no newlines):
//!
//! ```text
//! [tenant_id, seq, id, occurred_at, kind, actor_id, subject_id, detail, prev_hash]
//! ```
//!
//! - `tenant_id`, `id`: lowercase UUID strings; `seq`: a JSON number;
//! - `occurred_at`: UTC in RFC 3339 with exactly six fractional digits and
//!   `Z`, e.g. `"2026-11-25T10:04:05.123456Z"` (stored times are cut to
//!   microseconds, which both databases keep exactly);
//! - `kind`: a string such as `"sign_in"`; `actor_id`, `subject_id`: a user
//!   id string or `null`;
//! - `detail`: the JSON object itself (not a string), its keys sorted at
//!   every level; the `detail` column holds exactly this object serialised
//!   the same way, so any edit to it shows;
//! - `prev_hash`: the previous event's `hash`.
//!
//! Anyone with read access to the table can recompute every hash with these
//! rules alone (e.g. in Python: `json.dumps([...], separators=(",", ":"),
//! sort_keys=True, ensure_ascii=False)`).
//!
//! # No personal data
//!
//! The log cannot be edited, so it must never hold anything a person could
//! ask to have erased: `detail` carries ids, roles, slugs, hostnames,
//! methods and counts only, never emails, names or free text.
//! [`service::record`] refuses a detail with an `@` in any string.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{AuditEvent, Event, Kind, Verification};
