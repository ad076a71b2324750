//! The mail room: every outgoing email is written to the outbox table in the
//! same transaction as the action that causes it ([`service::queue`] joins
//! the caller's transaction), and a worker ([`worker`]) delivers it with
//! retries and exponential backoff, marks it sent exactly once, and keeps
//! failures visible to admins ([`service::failures`], [`service::retry`]).
//!
//! Nothing else sends email: a message that is not in the outbox was never
//! promised, and one that is will be delivered or shown as failed.

pub mod address;
pub mod model;
pub mod service;
pub mod transport;
pub mod worker;

pub use address::Email;
pub use model::{Message, OutboxId, OutboxStatus, OutboxSummary};
pub use service::{failures, pending_count, queue, retry};
pub use worker::{WorkerConfig, WorkerHandle};
