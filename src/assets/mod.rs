//! The asset map: the strengths a place already has. Citizens with a
//! confirmed email address, and organisations (any member may register on
//! their behalf), register skills, spaces, services, groups and equipment,
//! each with an optional area, a description and when it is available.
//! Anyone browses and searches them by area (with the areas inside it),
//! kind and words; owners (an organisation's admins for its assets) edit
//! or withdraw them. A signed-in person writes to an owner through a form
//! that relays the message by email: the owner's address is never shown,
//! and the sender's goes along (as Reply-To) only if they choose.
//!
//! Other rooms link to assets through [`service::find_visible`]; area
//! pages list them with [`service::list`].

pub mod api;
pub mod emails;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{Asset, AssetKind, AssetSummary};
