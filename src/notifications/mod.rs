//! Notifications: people follow proposals and co-design boards and hear,
//! by email, what happens to them: a proposal's status changes with the
//! public reason given ("you said, we did"), new comments, invitations to
//! evaluate a delivered proposal; new writing in a board's discussion.
//! Later rooms add their kinds to [`model::Notice`] (a board's decision, a
//! story's author hearing what came of a linked proposal).
//!
//! Rules:
//! - Authors, co-authors and supporters follow a proposal automatically,
//!   and members a board from when they join (their rooms call
//!   [`service::follow`]; leaving a board ends that follow,
//!   [`service::drop_automatic`]); anyone who may see a proposal or a
//!   board can follow or stop following it. Stopping is remembered: automatic
//!   following never starts again after a person chose to stop, and
//!   people named directly in an [`model::Audience`] are left out too.
//! - [`service::notify`] is the one way in. It never tells the person who
//!   did it, only tells people with a confirmed address who may see the
//!   subject now, and for each either queues an email in the outbox in
//!   the caller's transaction, or keeps an item for their digest, or
//!   nothing, as they chose: immediately (the default), a daily or weekly
//!   digest, or off.
//! - Digests go at `COPRODUCE_DIGEST_HOUR` (UTC, default 8; weekly ones
//!   on Mondays), one email per person grouped by proposal or board, each person's
//!   claimed by a conditional update so several servers send it once
//!   ([`digest`] runs the clock in `serve`; `coproduce digests send
//!   [--now]` runs it by hand). A digest reads its subjects again when it
//!   goes: a comment deleted or a proposal hidden meanwhile is left out.
//! - Every email carries an unsubscribe link signed with a key from the
//!   server's secrets ([`links`]), which works without signing in (a
//!   confirmation page, then a POST; mail clients' one-click POST per RFC
//!   8058 too, named by `List-Unsubscribe` headers). A link of another
//!   place, or altered, finds nothing (404).

pub mod api;
pub mod digest;
pub mod emails;
pub mod links;
pub mod model;
pub mod pages;
pub mod service;

pub use links::Mailing;
pub use model::{Audience, Delivery, Notice, Reason, Subject};
