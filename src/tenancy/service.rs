//! Rules for tenants and their hostnames.

use chrono::Utc;
use diesel::prelude::*;

use super::model::{Hostname, NewTenant, NewTenantHost, Slug, Tenant, TenantStatus};
use crate::audit::{service as audit, Event, Kind};
use crate::db::ids::TenantId;
use crate::db::schema::{tenant_hosts, tenants};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};

/// The tenant created on first start when there is none, so a newcomer's
/// `coproduce serve` shows a working site at once.
pub const DEFAULT_SLUG: &str = "local";
pub const DEFAULT_NAME: &str = "Our place";
pub const DEFAULT_HOSTS: [&str; 2] = ["localhost", "127.0.0.1"];

/// Checks a tenant's display name: 1–120 characters after trimming.
pub fn parse_name(raw: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::field(
            "name",
            "required",
            Words::of("tenancy-error-name-required"),
        ));
    }
    if name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(Error::field(
            "name",
            "invalid",
            Words::of("tenancy-error-name-invalid"),
        ));
    }
    Ok(name.to_owned())
}

/// Checks a language tag such as `en`, `cy` or `en-GB`: two or three
/// letters, then optional subtags of letters and digits.
pub fn parse_language(raw: &str) -> Result<String> {
    let tag = raw.trim();
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !primary_ok || !rest_ok {
        return Err(Error::field(
            "language",
            "invalid",
            Words::of("tenancy-error-language-invalid"),
        ));
    }
    Ok(tag.to_owned())
}

/// Renames a tenant. Callers clear the tenant cache afterwards.
pub fn rename(conn: &mut DbConn, tenant: &TenantId, name: &str) -> Result<()> {
    let name = parse_name(name)?;
    diesel::update(tenants::table.find(tenant))
        .set((
            tenants::name.eq(name),
            tenants::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets a tenant's default language. Callers clear the tenant cache
/// afterwards.
pub fn set_language(conn: &mut DbConn, tenant: &TenantId, language: &str) -> Result<()> {
    let language = parse_language(language)?;
    diesel::update(tenants::table.find(tenant))
        .set((
            tenants::default_language.eq(language),
            tenants::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Creates a tenant with its hostnames, all or nothing.
pub fn create(conn: &mut DbConn, slug: &Slug, name: &str, hosts: &[Hostname]) -> Result<Tenant> {
    let name = parse_name(name)?;
    if hosts.is_empty() {
        return Err(Error::field(
            "host",
            "required",
            Words::of("tenancy-error-host-required"),
        ));
    }
    crate::db::write_transaction(conn, |conn| {
        if find_by_slug(conn, slug)?.is_some() {
            return Err(Error::conflict(
                "slug_taken",
                Words::of1("tenancy-error-slug-taken", "slug", slug.as_str()),
            ));
        }
        let now = Utc::now().naive_utc();
        let id = TenantId::new();
        diesel::insert_into(tenants::table)
            .values(NewTenant {
                id: &id,
                slug: slug.as_str(),
                name: &name,
                status: "active",
                default_language: "en",
                created_at: now,
                updated_at: now,
            })
            .execute(conn)
            .map_err(|e| slug_or_db(e, slug))?;
        for host in hosts {
            insert_host(conn, &id, host)?;
        }
        let hosts: Vec<&str> = hosts.iter().map(Hostname::as_str).collect();
        let detail = serde_json::json!({"slug": slug.as_str(), "hosts": hosts});
        audit::record(conn, &id, Event::new(Kind::TenantCreated).detail(detail))?;
        Ok(tenants::table
            .find(&id)
            .select(Tenant::as_select())
            .first(conn)?)
    })
}

fn slug_or_db(e: diesel::result::Error, slug: &Slug) -> Error {
    if is_unique_violation(&e) {
        Error::conflict(
            "slug_taken",
            Words::of1("tenancy-error-slug-taken", "slug", slug.as_str()),
        )
    } else {
        e.into()
    }
}

fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

fn insert_host(conn: &mut DbConn, tenant: &TenantId, host: &Hostname) -> Result<()> {
    if let Some(owner) = owner_of_host(conn, host)? {
        return Err(Error::conflict(
            "host_taken",
            Words::of2(
                "tenancy-error-host-serves",
                "host",
                host.as_str(),
                "slug",
                owner.slug,
            ),
        ));
    }
    diesel::insert_into(tenant_hosts::table)
        .values(NewTenantHost {
            host: host.as_str(),
            tenant_id: tenant,
            created_at: Utc::now().naive_utc(),
        })
        .execute(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                Error::conflict(
                    "host_taken",
                    Words::of1("tenancy-error-host-taken", "host", host.as_str()),
                )
            } else {
                e.into()
            }
        })?;
    Ok(())
}

fn owner_of_host(conn: &mut DbConn, host: &Hostname) -> Result<Option<Tenant>> {
    Ok(tenant_hosts::table
        .inner_join(tenants::table)
        .filter(tenant_hosts::host.eq(host.as_str()))
        .select(Tenant::as_select())
        .first(conn)
        .optional()?)
}

/// The tenant a hostname serves, if any. Suspended tenants are returned too:
/// the caller decides how to answer for them.
pub fn find_by_host(conn: &mut DbConn, host: &Hostname) -> Result<Option<Tenant>> {
    owner_of_host(conn, host)
}

pub fn find_by_slug(conn: &mut DbConn, slug: &Slug) -> Result<Option<Tenant>> {
    Ok(tenants::table
        .filter(tenants::slug.eq(slug.as_str()))
        .select(Tenant::as_select())
        .first(conn)
        .optional()?)
}

/// A tenant by its id, for work that starts from stored rows (digests,
/// notices) rather than from a request's host.
pub fn find_by_id(conn: &mut DbConn, id: &TenantId) -> Result<Option<Tenant>> {
    Ok(tenants::table
        .find(id)
        .select(Tenant::as_select())
        .first(conn)
        .optional()?)
}

fn require_by_slug(conn: &mut DbConn, slug: &Slug) -> Result<Tenant> {
    find_by_slug(conn, slug)?.ok_or_else(|| Error::BadRequest {
        code: "unknown_tenant",
        message: format!(
            "there is no tenant with the slug `{slug}`; `coproduce tenant list` shows them"
        )
        .into(),
    })
}

/// A tenant with its hostnames, in alphabetical order.
pub type TenantWithHosts = (Tenant, Vec<String>);

/// Every tenant with its hostnames, oldest first.
pub fn list(conn: &mut DbConn) -> Result<Vec<TenantWithHosts>> {
    let all: Vec<Tenant> = tenants::table
        .select(Tenant::as_select())
        .order((tenants::created_at.asc(), tenants::slug.asc()))
        .load(conn)?;
    with_hosts(conn, all)
}

/// One page of [`list`]: `limit` tenants after skipping `offset`, and how
/// many there are in all.
pub fn list_page(
    conn: &mut DbConn,
    offset: i64,
    limit: i64,
) -> Result<(Vec<TenantWithHosts>, i64)> {
    let total: i64 = tenants::table.count().get_result(conn)?;
    let some: Vec<Tenant> = tenants::table
        .select(Tenant::as_select())
        .order((tenants::created_at.asc(), tenants::slug.asc()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((with_hosts(conn, some)?, total))
}

fn with_hosts(conn: &mut DbConn, all: Vec<Tenant>) -> Result<Vec<TenantWithHosts>> {
    let ids: Vec<&TenantId> = all.iter().map(|t| &t.id).collect();
    let hosts: Vec<(String, TenantId)> = tenant_hosts::table
        .filter(tenant_hosts::tenant_id.eq_any(ids))
        .select((tenant_hosts::host, tenant_hosts::tenant_id))
        .order(tenant_hosts::host.asc())
        .load(conn)?;
    Ok(all
        .into_iter()
        .map(|t| {
            let mine = hosts
                .iter()
                .filter(|(_, owner)| *owner == t.id)
                .map(|(h, _)| h.clone())
                .collect();
            (t, mine)
        })
        .collect())
}

pub fn hosts_of(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<String>> {
    Ok(tenant_hosts::table
        .filter(tenant_hosts::tenant_id.eq(tenant))
        .select(tenant_hosts::host)
        .order(tenant_hosts::host.asc())
        .load(conn)?)
}

pub fn add_host(conn: &mut DbConn, slug: &Slug, host: &Hostname) -> Result<Tenant> {
    crate::db::write_transaction(conn, |conn| {
        let tenant = require_by_slug(conn, slug)?;
        insert_host(conn, &tenant.id, host)?;
        let detail = serde_json::json!({"host": host.as_str()});
        audit::record(conn, &tenant.id, Event::new(Kind::HostAdded).detail(detail))?;
        Ok(tenant)
    })
}

/// Removes a hostname. The last one is kept: a tenant nobody can reach
/// would be lost, so another must be added first.
pub fn remove_host(conn: &mut DbConn, slug: &Slug, host: &Hostname) -> Result<Tenant> {
    crate::db::write_transaction(conn, |conn| {
        let tenant = require_by_slug(conn, slug)?;
        let hosts = hosts_of(conn, &tenant.id)?;
        if !hosts.iter().any(|h| h == host.as_str()) {
            return Err(Error::BadRequest {
                code: "unknown_host",
                message: format!(
                    "`{host}` is not a host of `{slug}`; it has: {}",
                    hosts.join(", ")
                )
                .into(),
            });
        }
        if hosts.len() == 1 {
            return Err(Error::conflict(
                "last_host",
                Words::of2(
                    "tenancy-error-last-host",
                    "host",
                    host.as_str(),
                    "slug",
                    slug.as_str(),
                ),
            ));
        }
        diesel::delete(
            tenant_hosts::table
                .filter(tenant_hosts::tenant_id.eq(&tenant.id))
                .filter(tenant_hosts::host.eq(host.as_str())),
        )
        .execute(conn)?;
        let detail = serde_json::json!({"host": host.as_str()});
        audit::record(
            conn,
            &tenant.id,
            Event::new(Kind::HostRemoved).detail(detail),
        )?;
        Ok(tenant)
    })
}

/// Suspends or reopens a tenant. A suspended tenant answers every request
/// with a "paused" page; its data is kept as it was.
pub fn set_status(conn: &mut DbConn, slug: &Slug, status: TenantStatus) -> Result<Tenant> {
    crate::db::write_transaction(conn, |conn| {
        let tenant = require_by_slug(conn, slug)?;
        diesel::update(tenants::table.find(&tenant.id))
            .set((
                tenants::status.eq(status.as_str()),
                tenants::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(conn)?;
        if tenant.status() != status {
            let kind = match status {
                TenantStatus::Suspended => Kind::TenantSuspended,
                TenantStatus::Active => Kind::TenantReopened,
            };
            audit::record(conn, &tenant.id, Event::new(kind))?;
        }
        Ok(tenants::table
            .find(&tenant.id)
            .select(Tenant::as_select())
            .first(conn)?)
    })
}

/// Creates the default tenant when the database has none; returns it if it
/// was created.
pub fn ensure_default(conn: &mut DbConn) -> Result<Option<Tenant>> {
    let count: i64 = tenants::table.count().get_result(conn)?;
    if count > 0 {
        return Ok(None);
    }
    let slug = Slug::parse(DEFAULT_SLUG).map_err(Error::Internal)?;
    let hosts: Vec<Hostname> = DEFAULT_HOSTS
        .iter()
        .map(|h| Hostname::parse(h).map_err(Error::Internal))
        .collect::<Result<_>>()?;
    create(conn, &slug, DEFAULT_NAME, &hosts).map(Some)
}
