//! Organisations: public services, charities, businesses and community
//! groups of a place, and the people who act for them. Any citizen with a
//! confirmed email address can start one and becomes its admin; its admins
//! edit its profile and manage its members (an organisation always keeps at
//! least one admin); tenant admins mark it "recognised by the council".
//!
//! Areas served are free text (`areas_served`) until the place has areas of
//! its own; they will then become area ids of the tenant.
//!
//! Admins also invite people by email ([`invitations`]): the link works
//! once and for 7 days, and only the person signed in with the invited
//! address can accept it.
//!
//! Other rooms (boards) ask [`service::membership`] and
//! [`service::organisations_of`] whether someone acts for an organisation.

pub mod api;
pub mod emails;
pub mod invitation_api;
pub mod invitation_pages;
pub mod invitations;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{MemberRole, Organisation, OrganisationKind};
