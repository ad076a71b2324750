//! Email: every message goes through an outbox table written in the same
//! transaction as the action that causes it, and a worker delivers it.

pub mod address;

pub use address::Email;
