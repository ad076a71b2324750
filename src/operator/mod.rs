//! The platform operator console: pages under `/operator` and the API
//! under `/api/v1/operator`, for creating tenants, setting their hosts,
//! appointing their first admin by email invitation, and suspending or
//! reopening them.
//!
//! Operators are accounts with `platform_operator` set, in any tenant;
//! they reach the console on any host they can sign in on. Every route
//! asks [`authz::require`](crate::accounts::authz::require) for
//! `OperatePlatform`, which also demands a second factor. After a tenant or
//! its hosts change, the tenant cache is cleared so this process sees the
//! change at once (other replicas see it when their cache expires).

pub mod api;
pub mod pages;
pub mod service;

/// The port of a public origin such as `http://localhost:8080`; none when
/// it is the scheme's default. Invitation links use it, since the console
/// and the tenant it manages are served by the same listener.
pub(crate) fn port_of(base_url: &str) -> Option<u16> {
    url::Url::parse(base_url).ok().and_then(|u| u.port())
}
