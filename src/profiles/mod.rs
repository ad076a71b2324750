//! Profiles: what a person tells others about themselves (name, pronouns,
//! a few words about them, where they live, what they can offer, what they
//! care about), each field with a visibility the person chooses: everyone,
//! members of this place, or only them. The person owns the profile; every
//! page and API that shows one goes through [`model::Profile::seen_by`].

pub mod api;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{Field, Profile, ProfileView, Viewer, Visibility};
