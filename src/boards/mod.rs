//! Boards: where citizens and organisations redesign a service together
//! and decide with an equal stake. A board names the service being
//! redesigned and moves through the double diamond's phases (discover →
//! define → develop → deliver; facilitators may move it back as well as
//! on, and every move is on its public timeline with a note).
//!
//! Rules:
//! - Anyone who may take part (a confirmed email address) can start a
//!   board and becomes its first facilitator; a board always keeps one.
//! - Members are people in their own right (citizens and facilitators)
//!   and organisations; an organisation's staff (its own members) act for
//!   it. In polls each person counts once: staff of a member organisation
//!   count as organisation members even when they are also members in
//!   their own right ([`service`] explains why).
//! - People join by a facilitator adding them (the API's `POST
//!   /boards/{id}/members`), by accepting an invitation (to them, or to an
//!   organisation they are an admin of), or by asking to join (for
//!   themselves or for an organisation they run) and a facilitator
//!   accepting. Anyone may leave; facilitators remove.
//! - A public board is read by everyone in the place; a private one only
//!   by its members, the people invited, and the place's moderators and
//!   admins. To anyone else, and to other places, it does not exist (404).
//! - Facilitators link proposals and assets (shown on both sides),
//!   schedule workshops ([`workshops`]), record attendance and publish
//!   notes. Members discuss the board in threads ([`crate::comments`]),
//!   RSVP to workshops with access needs only facilitators read.
//! - Members follow the board's discussion from when they join (people in
//!   their own right, and the staff of an organisation when it joins), and
//!   hear of new writing in it as their notification settings say
//!   ([`crate::notifications`]); they can stop following on the board's
//!   page or from any such email, and that choice stands. Leaving the
//!   board ends the follow that came with it. Anyone who may see a board
//!   can follow it.
//!
//! Other rooms build on [`service::find`], [`service::visible`],
//! [`service::is_facilitator`], [`service::is_member`],
//! [`service::constituency_of`], [`service::eligible_voters`] and
//! [`workshops::attended_in_person`].

pub mod api;
pub mod model;
pub mod pages;
pub mod service;
pub mod workshops;

pub use model::{Board, Phase, Role};
