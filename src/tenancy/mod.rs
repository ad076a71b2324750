//! Tenancy: a tenant is a place (a council's instance of the platform) with
//! its hostnames. Every request outside the health checks and static files is
//! served for exactly one tenant, resolved from the `Host` header; handlers
//! get it only through the [`Tenant`](crate::http::extract::Tenant) extractor.

pub mod cache;
pub mod model;
pub mod service;

pub use model::{Hostname, Slug, Tenant, TenantStatus};
