//! Moderation: anyone signed in may flag a proposal or a comment (spam,
//! abuse, personal information, off-topic, or something else in their own
//! words), once while their flag is open. Moderators see the queue at
//! `/moderation` (items with open flags or review requests, waiting
//! longest first, with counts per reason) and hide an item with a written
//! reason, dismiss its flags, or restore it.
//!
//! A hidden comment reads "hidden by the moderators" to others; a hidden
//! proposal leaves lists and its page says it is hidden while moderators
//! review it (410). Its authors are emailed the reason at once, still see
//! and edit it, see its moderation history at `/moderation/{kind}/{id}`,
//! and may ask for a review once per hiding, which puts it back in the
//! queue marked as a review request. Every action is in the audit log.
//!
//! Items are reached through their own rooms' services
//! ([`crate::proposals::service`], [`crate::comments::service`]); the
//! proposals' and comments' own `hidden_at` columns follow
//! `moderation_items` in the same transaction.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;

pub use model::Item;
