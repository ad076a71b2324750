//! The tenant admin's room: the people of this place and their roles, and
//! email that could not be delivered. Every page and route here checks the
//! admin's powers through `accounts::authz`, which also demands a second
//! factor.

pub mod api;
pub mod pages;
