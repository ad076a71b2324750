//! Places: what a tenant *is* on the ground. Tenant admins keep a hierarchy
//! of areas (city → ward → neighbourhood), each with an optional point and
//! description; later features (assets, organisations, proposals, boards)
//! hang off these areas. Names are unique among siblings, an area with
//! children cannot be removed, and another tenant's areas do not exist here.
//! Admins also set the place's name, language and brand colour
//! ([`settings`]), served to the layout as `/theme.css`.

pub mod admin_pages;
pub mod api;
pub mod import;
pub mod model;
pub mod pages;
pub mod service;
pub mod settings;
pub mod settings_api;
pub mod settings_pages;

pub use model::{Area, AreaChanges, AreaKind, NewArea};
pub mod story;
pub mod story_pages;
