//! Accounts: citizens, staff and admins, their sign-in, sessions and second
//! factor. Registration, email verification, password and email changes,
//! browser sessions (cookies) and API sessions (access and refresh tokens).

pub mod api;
pub mod authz;
pub mod emails;
pub mod model;
pub mod pages;
pub mod password;
pub mod second_factor;
pub mod service;
pub mod tokens;

pub use model::{Role, User};
