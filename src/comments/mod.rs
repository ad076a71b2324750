//! Comments: people discuss a subject in threads: a proposal (published
//! or later), or a board's discussion ([`model::Subject::Board`]: whoever
//! sees the board reads it, only its members write). Each kind's own room
//! decides who may see it ([`service::subject_state`] asks it).
//!
//! Threads are bounded: a comment that starts a thread is at depth 1 and
//! replies go at most to depth [`model::MAX_DEPTH`] (3); a reply to a
//! comment at depth 3 joins that comment's parent. Lists are a page of
//! threads, oldest first, each with its replies flat in reading order
//! (depth first, oldest first at each level), each naming its
//! `parent_id` and `depth`.
//!
//! A comment is plain text or the sanitised Markdown subset, up to 5,000
//! characters; its author may change it for 15 minutes (then 409
//! `edit_window_closed`; changed comments show "edited") and delete it: a
//! comment with replies becomes "[deleted]" so the thread holds, one
//! without goes. Commenting bumps the proposal's "recently active" time
//! and adds nothing to its timeline. Moderators hide comments through
//! [`crate::moderation`]; others then see "hidden by the moderators".

pub mod api;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{Comment, Subject};
