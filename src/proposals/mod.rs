//! Proposals: citizens' ideas for their place, followed from draft to
//! delivery and evaluation. A citizen writes one (title, Markdown body
//! shown sanitised, the intended outcome for residents, an area, tags),
//! may invite co-authors, and publishes it; residents support it; once
//! supports reach the place's threshold the place's admins take it into
//! co-design and decide, deliver and evaluate it. The lifecycle is one
//! table of moves in [`model::TRANSITIONS`]; every move is a public
//! timeline entry, every refusal is audited. Edits after publication keep
//! the earlier version.
//!
//! Its authors link the assets of the asset map it builds on
//! ([`asset_links`]).
//!
//! Later parts (comments and moderation, evaluation and the outcomes
//! dashboard, following and notifications, open data) build on
//! [`service::visible`], [`service::record_event`], [`service::touch`],
//! [`service::authors_of`] and [`service::supporters_of`].

pub mod api;
pub mod asset_links;
pub mod asset_links_api;
pub mod asset_links_pages;
pub mod model;
pub mod pages;
pub mod service;

pub use model::{Proposal, Status};
