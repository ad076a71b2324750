//! The console's rules beyond tenancy's own: reading what an operator
//! typed (all field problems at once), refusing to suspend the place the
//! operator is standing in, and appointing a tenant's admin with an
//! invitation linked to that tenant's own host.

use crate::accounts::model::Session;
use crate::accounts::service::{self as accounts, Provision, Provisioned};
use crate::accounts::Role;
use crate::audit::{service as audit, Event, Kind};
use crate::db::ids::TenantId;
use crate::db::DbConn;
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::mail::Email;
use crate::tenancy::{service as tenancy, Hostname, Slug, TenantStatus};

/// More hosts than this for one place is a typing accident, not a need.
pub const MAX_HOSTS: usize = 20;

/// A tenant an operator asked for, every field checked.
pub struct NewTenant {
    pub slug: Slug,
    pub name: String,
    pub hosts: Vec<Hostname>,
}

/// A person to make admin of a tenant.
pub struct Appointment {
    pub email: Email,
    pub display_name: String,
}

/// How invitation links are built: the scheme rule of the settings, and
/// the port the console was reached on (none behind a proxy on 443).
#[derive(Clone, Copy)]
pub struct LinkRule {
    pub insecure_http: bool,
    pub port: Option<u16>,
}

pub use crate::tenancy::service::TenantWithHosts;

/// Splits the hosts box of the console: one per line or comma-separated.
pub fn split_hosts(text: &str) -> Vec<String> {
    text.split([',', '\n', '\r'])
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn parse_slug(raw: &str) -> Result<Slug, FieldError> {
    Slug::parse(raw).map_err(|_| {
        FieldError::new(
            "slug",
            "invalid",
            Words::of1("operator-error-slug-invalid", "slug", raw),
        )
    })
}

pub fn parse_host(raw: &str) -> Result<Hostname, FieldError> {
    Hostname::parse(raw).map_err(|_| {
        FieldError::new(
            "host",
            "invalid",
            Words::of1("operator-error-host-invalid", "host", raw),
        )
    })
}

/// Checks a new tenant's slug, name and hosts together, so the operator
/// sees every problem at once. Hosts given twice count once.
pub fn parse_new_tenant(slug: &str, name: &str, hosts: &[String]) -> Result<NewTenant> {
    let mut problems = Problems::default();
    let slug = problems.check("slug", parse_slug(slug));
    let name = match tenancy::parse_name(name) {
        Ok(n) => Some(n),
        Err(Error::Validation(fields)) => {
            for f in fields {
                problems.check::<()>("name", Err(f));
            }
            None
        }
        Err(other) => return Err(other),
    };
    let mut parsed: Vec<Hostname> = Vec::new();
    if hosts.is_empty() {
        problems.add(
            "hosts",
            "required",
            Words::of("tenancy-error-host-required"),
        );
    } else if hosts.len() > MAX_HOSTS {
        problems.add(
            "hosts",
            "too_many",
            Words::of1("operator-error-too-many-hosts", "max", MAX_HOSTS),
        );
    } else {
        for raw in hosts {
            match problems.check("hosts", parse_host(raw)) {
                Some(h) if !parsed.contains(&h) => parsed.push(h),
                _ => {}
            }
        }
    }
    problems.into_result()?;
    match (slug, name) {
        (Some(slug), Some(name)) => Ok(NewTenant {
            slug,
            name,
            hosts: parsed,
        }),
        _ => Err(Error::Internal("tenant parsed without its fields".into())),
    }
}

/// Checks an appointment; without a name, the part of the address before
/// `@` is used, as the command line does.
pub fn parse_appointment(email: &str, display_name: Option<&str>) -> Result<Appointment> {
    let mut problems = Problems::default();
    let email = problems.check("email", accounts::parse_email(email));
    let fallback = email
        .as_ref()
        .and_then(|e| e.as_str().split('@').next())
        .unwrap_or("")
        .to_owned();
    let name = display_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(&fallback);
    let display_name = problems.check("display_name", accounts::parse_display_name(name));
    problems.into_result()?;
    match (email, display_name) {
        (Some(email), Some(display_name)) => Ok(Appointment {
            email,
            display_name,
        }),
        _ => Err(Error::Internal(
            "appointment parsed without its fields".into(),
        )),
    }
}

/// Reads a status an operator asked for.
pub fn parse_status(raw: &str) -> Result<TenantStatus> {
    TenantStatus::from_input(raw).ok_or_else(|| {
        Error::field(
            "status",
            "invalid",
            Words::of("operator-error-status-invalid"),
        )
    })
}

/// The tenant a console address names; 404 when there is none.
pub fn find(conn: &mut DbConn, slug: &Slug) -> Result<TenantWithHosts> {
    let tenant = tenancy::find_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let hosts = tenancy::hosts_of(conn, &tenant.id)?;
    Ok((tenant, hosts))
}

pub fn create(conn: &mut DbConn, new: &NewTenant) -> Result<TenantWithHosts> {
    let tenant = tenancy::create(conn, &new.slug, &new.name, &new.hosts)?;
    let hosts = tenancy::hosts_of(conn, &tenant.id)?;
    Ok((tenant, hosts))
}

pub fn add_host(conn: &mut DbConn, slug: &Slug, host: &Hostname) -> Result<TenantWithHosts> {
    find(conn, slug)?;
    tenancy::add_host(conn, slug, host)?;
    find(conn, slug)
}

/// Removes a host; a host the tenant does not have is not found here (the
/// command line explains it instead), and the last host is kept.
pub fn remove_host(conn: &mut DbConn, slug: &Slug, host: &Hostname) -> Result<TenantWithHosts> {
    find(conn, slug)?;
    match tenancy::remove_host(conn, slug, host) {
        Ok(_) => find(conn, slug),
        Err(Error::BadRequest {
            code: "unknown_host",
            ..
        }) => Err(Error::NotFound),
        Err(e) => Err(e),
    }
}

/// Suspends or reopens a tenant. The operator cannot suspend the place
/// the request is served by: they would lose the console with it, and
/// nothing but another place's console could reopen it.
pub fn set_status(
    conn: &mut DbConn,
    slug: &Slug,
    status: TenantStatus,
    serving: &TenantId,
) -> Result<TenantWithHosts> {
    let (tenant, _) = find(conn, slug)?;
    if status == TenantStatus::Suspended && tenant.id == *serving {
        return Err(Error::conflict(
            "own_tenant",
            Words::of("operator-error-own-tenant"),
        ));
    }
    tenancy::set_status(conn, slug, status)?;
    find(conn, slug)
}

/// The refusal when an operator did not confirm signing a place out.
pub fn confirmation_missing(field: &str) -> Error {
    Error::field(
        field,
        "required",
        Words::of("operator-error-confirm-sign-out"),
    )
}

/// Ends every session of a place, e.g. after a breach: everyone there is
/// signed out of the pages and the API. The operator's own session is kept
/// when they stand in that place, so the console stays theirs. Recorded in
/// the place's audit log, naming the operator. Returns how many ended.
pub fn sign_out_place(conn: &mut DbConn, slug: &Slug, operator: &Session) -> Result<usize> {
    crate::db::write_transaction(conn, |conn| {
        let (tenant, _) = find(conn, slug)?;
        let own_place = tenant.id == operator.tenant_id;
        let keep = own_place.then_some(&operator.id);
        let ended = accounts::revoke_place_sessions(conn, &tenant.id, keep)?;
        // An operator from another place is no person of this one, so the
        // detail names them rather than the actor column.
        let detail = serde_json::json!({
            "sessions": ended,
            "operator": operator.user_id.to_string(),
            "operator_place": operator.tenant_id.to_string(),
        });
        let mut event = Event::new(Kind::PlaceSignedOut).detail(detail);
        if own_place {
            event = event.by(&operator.user_id);
        }
        audit::record(conn, &tenant.id, event)?;
        Ok(ended)
    })
}

/// Makes someone admin of a tenant. A new account gets an invitation to
/// choose a password, linked to the tenant's first host so they arrive at
/// their own place; an existing account simply becomes admin.
pub fn appoint_admin(
    conn: &mut DbConn,
    slug: &Slug,
    appointment: &Appointment,
    links: LinkRule,
) -> Result<Provisioned> {
    let (tenant, hosts) = find(conn, slug)?;
    let first = hosts
        .first()
        .ok_or_else(|| Error::Internal(format!("the tenant `{slug}` has no host")))?;
    let host = Hostname::parse(first).map_err(Error::Internal)?;
    let base_url = host.base_url(links.insecure_http, links.port);
    let account = Provision {
        email: appointment.email.clone(),
        display_name: appointment.display_name.clone(),
        role: Role::Admin,
        platform_operator: false,
    };
    accounts::provision(conn, &tenant, &base_url, &account, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_split_on_lines_and_commas() {
        assert_eq!(
            split_hosts(" a.org,b.org\r\n\n c.org ,"),
            vec!["a.org", "b.org", "c.org"]
        );
    }

    #[test]
    fn every_problem_of_a_new_tenant_is_reported() {
        let Err(Error::Validation(fields)) =
            parse_new_tenant("Bad Slug", " ", &["https://x.org".into()])
        else {
            panic!("expected field errors");
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, vec!["slug", "name", "hosts"]);
        let ok = parse_new_tenant("leeds", "Leeds", &["leeds.org".into(), "LEEDS.org".into()]);
        assert_eq!(ok.map(|t| t.hosts.len()).ok(), Some(1));
    }

    #[test]
    fn the_console_says_what_the_command_line_says() {
        for raw in ["Bad Slug", " -x", "a--b"] {
            let said = parse_slug(raw).err().map(|e| e.message);
            assert_eq!(said, Slug::parse(raw).err(), "{raw}");
        }
        for raw in ["https://x.org", "a b", "x.org:80"] {
            let said = parse_host(raw).err().map(|e| e.message);
            assert_eq!(said, Hostname::parse(raw).err(), "{raw}");
        }
    }

    #[test]
    fn appointments_default_the_name_to_the_address() {
        let a = parse_appointment("ann@example.org", None).map(|a| a.display_name);
        assert_eq!(a.ok().as_deref(), Some("ann"));
        assert!(parse_appointment("nope", Some("Ann")).is_err());
    }
}
