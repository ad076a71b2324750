//! The rules of organisations: who may create, edit and manage them, and
//! that each keeps at least one admin.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{service as accounts, User};
use crate::audit::{self, Event};
use crate::db::ids::{OrganisationId, TenantId, UserId};
use crate::db::schema::{organisation_join_requests, organisation_members, organisations};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn name_taken() -> Error {
    Error::field("name", "taken", Words::of("organisations-error-name-taken"))
}

fn name_is_free(
    conn: &mut DbConn,
    tenant: &TenantId,
    key: &str,
    except: Option<&OrganisationId>,
) -> Result<bool> {
    let mut query = organisations::table
        .filter(organisations::tenant_id.eq(tenant))
        .filter(organisations::name_key.eq(key))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(organisations::id.ne(id));
    }
    let taken: i64 = query.count().get_result(conn)?;
    Ok(taken == 0)
}

/// Starts an organisation; its creator becomes its admin.
pub fn create(
    conn: &mut DbConn,
    tenant: &TenantId,
    creator: &User,
    new: &NewOrganisation,
) -> Result<Organisation> {
    authz::require(creator, Permission::Participate)?;
    let fields = Fields::check(
        &new.name,
        &new.kind,
        new.description.as_deref().unwrap_or_default(),
        new.website.as_deref(),
        new.areas_served.as_deref(),
    )?;
    write_transaction(conn, |conn| {
        let key = name_key(&fields.name);
        if !name_is_free(conn, tenant, &key, None)? {
            return Err(name_taken());
        }
        let at = now();
        let organisation = Organisation {
            tenant_id: tenant.clone(),
            id: OrganisationId::new(),
            name: fields.name.clone(),
            name_key: key,
            kind: fields.kind.as_str().to_owned(),
            description: fields.description.clone(),
            website: fields.website.clone(),
            areas_served: fields.areas_served.clone(),
            verified_at: None,
            verified_by: None,
            created_at: at,
            updated_at: at,
        };
        diesel::insert_into(organisations::table)
            .values(&organisation)
            .execute(conn)?;
        insert_member(
            conn,
            tenant,
            &organisation.id,
            &creator.id,
            MemberRole::Admin,
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::OrganisationCreated)
                .of(&creator.id)
                .detail(json!({"organisation": organisation.id})),
        )?;
        Ok(organisation)
    })
}

pub(super) fn insert_member(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisation: &OrganisationId,
    user: &UserId,
    role: MemberRole,
) -> Result<()> {
    diesel::insert_into(organisation_members::table)
        .values((
            organisation_members::tenant_id.eq(tenant),
            organisation_members::organisation_id.eq(organisation),
            organisation_members::user_id.eq(user),
            organisation_members::role.eq(role.as_str()),
            organisation_members::joined_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// An organisation of this place.
pub fn find(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &OrganisationId,
) -> Result<Option<Organisation>> {
    Ok(organisations::table
        .find((tenant, id))
        .select(Organisation::as_select())
        .first(conn)
        .optional()?)
}

/// Organisations of this place by name, optionally searched by part of
/// the name and filtered by kind, a page at a time.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    search: Option<&str>,
    kind: Option<OrganisationKind>,
    paging: Paging,
) -> Result<(Vec<Organisation>, i64)> {
    let filtered = || {
        let mut query = organisations::table
            .filter(organisations::tenant_id.eq(tenant))
            .into_boxed();
        if let Some(words) = search.map(str::trim).filter(|s| !s.is_empty()) {
            query = query.filter(
                organisations::name_key
                    .like(crate::db::contains_pattern(&name_key(words)))
                    .escape('\\'),
            );
        }
        if let Some(kind) = kind {
            query = query.filter(organisations::kind.eq(kind.as_str()));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let items = filtered()
        .order((organisations::name_key.asc(), organisations::id.asc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Organisation::as_select())
        .load(conn)?;
    Ok((items, total))
}

/// The role a person has in an organisation, if they belong to it.
pub fn membership(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisation: &OrganisationId,
    user: &UserId,
) -> Result<Option<MemberRole>> {
    let role: Option<String> = organisation_members::table
        .find((tenant, organisation, user))
        .select(organisation_members::role)
        .first(conn)
        .optional()?;
    Ok(role.as_deref().and_then(MemberRole::parse))
}

/// The organisations a person belongs to, with their role in each.
/// The ids of the organisations `user` belongs to, as a subquery for a
/// caller's own query (a round trip fewer).
#[diesel::dsl::auto_type]
pub fn organisation_ids_subquery<'a>(tenant: &'a TenantId, user: &'a UserId) -> _ {
    organisation_members::table
        .filter(organisation_members::tenant_id.eq(tenant))
        .filter(organisation_members::user_id.eq(user))
        .select(organisation_members::organisation_id)
}

/// The ids of the organisations `user` belongs to: for deciding what they
/// may see, where the organisations themselves are not shown.
pub fn organisation_ids_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
) -> Result<Vec<OrganisationId>> {
    Ok(crate::db::direct!(conn, |c| organisation_ids_subquery(
        tenant, user
    )
    .load(c))?)
}

pub fn organisations_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
) -> Result<Vec<(Organisation, MemberRole, NaiveDateTime)>> {
    let rows: Vec<(Organisation, String, NaiveDateTime)> = organisation_members::table
        .inner_join(
            organisations::table.on(organisations::tenant_id
                .eq(organisation_members::tenant_id)
                .and(organisations::id.eq(organisation_members::organisation_id))),
        )
        .filter(organisation_members::tenant_id.eq(tenant))
        .filter(organisation_members::user_id.eq(user))
        .order(organisation_members::joined_at.asc())
        .select((
            Organisation::as_select(),
            organisation_members::role,
            organisation_members::joined_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(o, role, at)| Some((o, MemberRole::parse(&role)?, at)))
        .collect())
}

/// The people of some organisations (their staff, who act for them),
/// with each one's role: one row per organisation and person, by
/// organisation then person. For rooms that count who acts for whom
/// (boards' members and voters).
pub fn member_ids(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisations: &[OrganisationId],
) -> Result<Vec<(OrganisationId, UserId, MemberRole)>> {
    let rows: Vec<(OrganisationId, UserId, String)> = organisation_members::table
        .filter(organisation_members::tenant_id.eq(tenant))
        .filter(organisation_members::organisation_id.eq_any(organisations))
        .order((
            organisation_members::organisation_id.asc(),
            organisation_members::user_id.asc(),
        ))
        .select((
            organisation_members::organisation_id,
            organisation_members::user_id,
            organisation_members::role,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(o, u, role)| Some((o, u, MemberRole::parse(&role)?)))
        .collect())
}

/// An organisation's members, admins first, then by when they joined,
/// each named only if their profile shows their name to `viewer`.
pub fn members(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisation: &OrganisationId,
    viewer: Option<&User>,
) -> Result<Vec<MemberView>> {
    let rows: Vec<(UserId, String, NaiveDateTime)> = organisation_members::table
        .filter(organisation_members::tenant_id.eq(tenant))
        .filter(organisation_members::organisation_id.eq(organisation))
        .order((
            organisation_members::role.asc(),
            organisation_members::joined_at.asc(),
        ))
        .select((
            organisation_members::user_id,
            organisation_members::role,
            organisation_members::joined_at,
        ))
        .load(conn)?;
    let mut members = Vec::with_capacity(rows.len());
    for (user_id, role, joined_at) in rows {
        let display_name = crate::profiles::service::view(conn, tenant, &user_id, viewer)?
            .and_then(|profile| profile.display_name);
        members.push(MemberView {
            user_id: user_id.to_string(),
            display_name,
            role,
            joined_at,
        });
    }
    Ok(members)
}

/// Refuses someone who is not an admin of the organisation (which must
/// exist here: another place's organisation is not found).
pub(super) fn require_org_admin(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisation: &OrganisationId,
    actor: &User,
) -> Result<Organisation> {
    let found = find(conn, tenant, organisation)?.ok_or(Error::NotFound)?;
    if membership(conn, tenant, organisation, &actor.id)? != Some(MemberRole::Admin) {
        tracing::warn!(user = %actor.id, organisation = %organisation, "not an admin of the organisation");
        return Err(Error::Forbidden(
            Words::of("organisations-error-only-admins").into(),
        ));
    }
    Ok(found)
}

/// Changes an organisation's profile (its admins only).
pub fn update(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &OrganisationId,
    changes: &OrganisationChanges,
) -> Result<Organisation> {
    write_transaction(conn, |conn| {
        let current = require_org_admin(conn, tenant, id, actor)?;
        let pick = |new: &Option<String>, old: Option<&str>| -> Option<String> {
            match new {
                Some(v) => Some(v.clone()),
                None => old.map(str::to_owned),
            }
        };
        let fields = Fields::check(
            changes.name.as_deref().unwrap_or(&current.name),
            changes.kind.as_deref().unwrap_or(&current.kind),
            changes
                .description
                .as_deref()
                .unwrap_or(&current.description),
            pick(&changes.website, current.website.as_deref()).as_deref(),
            pick(&changes.areas_served, current.areas_served.as_deref()).as_deref(),
        )?;
        let key = name_key(&fields.name);
        if !name_is_free(conn, tenant, &key, Some(id))? {
            return Err(name_taken());
        }
        diesel::update(organisations::table.find((tenant, id)))
            .set((
                organisations::name.eq(&fields.name),
                organisations::name_key.eq(&key),
                organisations::kind.eq(fields.kind.as_str()),
                organisations::description.eq(&fields.description),
                organisations::website.eq(&fields.website),
                organisations::areas_served.eq(&fields.areas_served),
                organisations::updated_at.eq(now()),
            ))
            .execute(conn)?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

fn admins(conn: &mut DbConn, tenant: &TenantId, organisation: &OrganisationId) -> Result<i64> {
    Ok(organisation_members::table
        .filter(organisation_members::tenant_id.eq(tenant))
        .filter(organisation_members::organisation_id.eq(organisation))
        .filter(organisation_members::role.eq(MemberRole::Admin.as_str()))
        .count()
        .get_result(conn)?)
}

fn last_admin() -> Error {
    Error::conflict("last_admin", Words::of("organisations-error-last-admin"))
}

/// Adds a person of this place to the organisation (its admins only).
/// Someone who is not a person of this place is a field error, never a
/// link across places.
pub fn add_member(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    person: &UserId,
    role: MemberRole,
) -> Result<()> {
    write_transaction(conn, |conn| {
        require_org_admin(conn, tenant, organisation, actor)?;
        if accounts::find_user(conn, tenant, person)?.is_none() {
            return Err(Error::field(
                "user_id",
                "unknown",
                Words::of("organisations-error-no-such-person"),
            ));
        }
        if membership(conn, tenant, organisation, person)?.is_some() {
            return Err(Error::conflict(
                "already_member",
                Words::of("organisations-error-already-member"),
            ));
        }
        insert_member(conn, tenant, organisation, person, role)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::MemberAdded)
                .by(&actor.id)
                .about(person)
                .detail(json!({"organisation": organisation, "role": role.as_str()})),
        )
    })
}

/// Gives a member another role (the organisation's admins only); the last
/// admin stays one.
pub fn change_role(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    person: &UserId,
    role: MemberRole,
) -> Result<()> {
    write_transaction(conn, |conn| {
        require_org_admin(conn, tenant, organisation, actor)?;
        let current = membership(conn, tenant, organisation, person)?.ok_or(Error::NotFound)?;
        if current == role {
            return Ok(());
        }
        if current == MemberRole::Admin && admins(conn, tenant, organisation)? <= 1 {
            return Err(last_admin());
        }
        diesel::update(organisation_members::table.find((tenant, organisation, person)))
            .set(organisation_members::role.eq(role.as_str()))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::MemberRoleChanged)
                .by(&actor.id)
                .about(person)
                .detail(json!({"organisation": organisation, "role": role.as_str()})),
        )
    })
}

/// Removes a member: the organisation's admins may remove anyone, and
/// anyone may leave; the last admin stays.
pub fn remove_member(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    person: &UserId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        if actor.id != *person {
            require_org_admin(conn, tenant, organisation, actor)?;
        } else if find(conn, tenant, organisation)?.is_none() {
            return Err(Error::NotFound);
        }
        let current = membership(conn, tenant, organisation, person)?.ok_or(Error::NotFound)?;
        if current == MemberRole::Admin && admins(conn, tenant, organisation)? <= 1 {
            return Err(last_admin());
        }
        diesel::delete(organisation_members::table.find((tenant, organisation, person)))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::MemberRemoved)
                .by(&actor.id)
                .about(person)
                .detail(json!({"organisation": organisation})),
        )
    })
}

/// Marks an organisation recognised by the council, or takes that back
/// (tenant admins with a second factor).
pub fn set_verified(
    conn: &mut DbConn,
    tenant: &TenantId,
    admin: &User,
    id: &OrganisationId,
    verified: bool,
) -> Result<Organisation> {
    authz::require(admin, Permission::VerifyOrganisations)?;
    write_transaction(conn, |conn| {
        let current = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
        if current.verified_at.is_some() == verified {
            return Ok(current);
        }
        let (at, by) = if verified {
            (Some(now()), Some(admin.id.clone()))
        } else {
            (None, None)
        };
        diesel::update(organisations::table.find((tenant, id)))
            .set((
                organisations::verified_at.eq(at),
                organisations::verified_by.eq(by),
                organisations::updated_at.eq(now()),
            ))
            .execute(conn)?;
        let kind = if verified {
            audit::Kind::OrganisationVerified
        } else {
            audit::Kind::OrganisationUnverified
        };
        audit::service::record(
            conn,
            tenant,
            Event::new(kind)
                .by(&admin.id)
                .detail(json!({"organisation": id})),
        )?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// Removes a person from every organisation, with their requests to join
/// (erasure), inside the
/// caller's transaction. An organisation whose only admin they were keeps
/// its other members: the longest-standing of them becomes admin, so the
/// organisation can still be run. One left with no members at all stays,
/// without members, until a tenant admin decides what to do with it: its
/// public profile is the organisation's, not the person's.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    for (organisation, role, _) in organisations_of(conn, tenant, person)? {
        if role == MemberRole::Admin && admins(conn, tenant, &organisation.id)? <= 1 {
            let successor: Option<UserId> = organisation_members::table
                .filter(organisation_members::tenant_id.eq(tenant))
                .filter(organisation_members::organisation_id.eq(&organisation.id))
                .filter(organisation_members::user_id.ne(person))
                .order((
                    organisation_members::joined_at.asc(),
                    organisation_members::user_id.asc(),
                ))
                .select(organisation_members::user_id)
                .first(conn)
                .optional()?;
            if let Some(successor) = successor {
                diesel::update(organisation_members::table.find((
                    tenant,
                    &organisation.id,
                    &successor,
                )))
                .set(organisation_members::role.eq(MemberRole::Admin.as_str()))
                .execute(conn)?;
                audit::service::record(
                    conn,
                    tenant,
                    Event::new(audit::Kind::MemberRoleChanged)
                        .about(&successor)
                        .detail(json!({"organisation": organisation.id, "role": "admin"})),
                )?;
            }
        }
    }
    diesel::delete(
        organisation_members::table
            .filter(organisation_members::tenant_id.eq(tenant))
            .filter(organisation_members::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        organisation_join_requests::table
            .filter(organisation_join_requests::tenant_id.eq(tenant))
            .filter(organisation_join_requests::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        organisation_join_requests::table
            .filter(organisation_join_requests::tenant_id.eq(tenant))
            .filter(organisation_join_requests::decided_by.eq(person)),
    )
    .set(organisation_join_requests::decided_by.eq(None::<UserId>))
    .execute(conn)?;
    // Who recognised an organisation is the admin's id: it goes with them.
    diesel::update(
        organisations::table
            .filter(organisations::tenant_id.eq(tenant))
            .filter(organisations::verified_by.eq(person)),
    )
    .set(organisations::verified_by.eq(None::<UserId>))
    .execute(conn)?;
    Ok(())
}

/// Longest message that can come with a request to join.
pub const JOIN_MESSAGE_MAX: usize = 1000;

/// Asks to join an organisation (anyone with a confirmed address who is
/// not a member yet). Asking again after a decision asks anew.
pub fn request_to_join(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    organisation: &OrganisationId,
    message: Option<&str>,
) -> Result<()> {
    authz::require(person, Permission::Participate)?;
    let message = message.map(str::trim).filter(|m| !m.is_empty());
    if message.is_some_and(|m| m.chars().count() > JOIN_MESSAGE_MAX) {
        return Err(Error::field(
            "message",
            "length",
            Words::of1(
                "organisations-error-message-length",
                "max",
                JOIN_MESSAGE_MAX,
            ),
        ));
    }
    write_transaction(conn, |conn| {
        find(conn, tenant, organisation)?.ok_or(Error::NotFound)?;
        if membership(conn, tenant, organisation, &person.id)?.is_some() {
            return Err(Error::conflict(
                "already_member",
                Words::of("organisations-error-you-already-member"),
            ));
        }
        let key = (tenant, organisation, &person.id);
        let status: Option<String> = organisation_join_requests::table
            .find(key)
            .select(organisation_join_requests::status)
            .first(conn)
            .optional()?;
        match status.as_deref() {
            Some("pending") => Err(Error::conflict(
                "already_requested",
                Words::of("organisations-error-already-requested"),
            )),
            Some(_) => {
                diesel::update(organisation_join_requests::table.find(key))
                    .set((
                        organisation_join_requests::message.eq(message),
                        organisation_join_requests::status.eq("pending"),
                        organisation_join_requests::created_at.eq(now()),
                        organisation_join_requests::decided_at.eq(None::<NaiveDateTime>),
                        organisation_join_requests::decided_by.eq(None::<UserId>),
                    ))
                    .execute(conn)?;
                Ok(())
            }
            None => {
                diesel::insert_into(organisation_join_requests::table)
                    .values((
                        organisation_join_requests::tenant_id.eq(tenant),
                        organisation_join_requests::organisation_id.eq(organisation),
                        organisation_join_requests::user_id.eq(&person.id),
                        organisation_join_requests::message.eq(message),
                        organisation_join_requests::status.eq("pending"),
                        organisation_join_requests::created_at.eq(now()),
                    ))
                    .execute(conn)?;
                Ok(())
            }
        }
    })
}

/// A request to join, as the organisation's admins see it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct JoinRequestView {
    pub user_id: String,
    /// Absent when the person's profile does not show their name to you.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub message: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Pending requests to join, oldest first (the organisation's admins only).
pub fn pending_requests(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
) -> Result<Vec<JoinRequestView>> {
    require_org_admin(conn, tenant, organisation, actor)?;
    let rows: Vec<(UserId, Option<String>, NaiveDateTime)> = organisation_join_requests::table
        .filter(organisation_join_requests::tenant_id.eq(tenant))
        .filter(organisation_join_requests::organisation_id.eq(organisation))
        .filter(organisation_join_requests::status.eq("pending"))
        .order(organisation_join_requests::created_at.asc())
        .select((
            organisation_join_requests::user_id,
            organisation_join_requests::message,
            organisation_join_requests::created_at,
        ))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (user_id, message, created_at) in rows {
        let display_name = crate::profiles::service::view(conn, tenant, &user_id, Some(actor))?
            .and_then(|p| p.display_name);
        out.push(JoinRequestView {
            user_id: user_id.to_string(),
            display_name,
            message,
            created_at,
        });
    }
    Ok(out)
}

/// Accepts (the person becomes a member) or declines a pending request
/// (the organisation's admins only); the person is told by email, in the
/// same transaction.
pub fn decide(
    conn: &mut DbConn,
    tenant: &crate::tenancy::Tenant,
    actor: &User,
    organisation: &OrganisationId,
    person: &UserId,
    accept: bool,
) -> Result<()> {
    let tenant_id = &tenant.id;
    write_transaction(conn, |conn| {
        let org = require_org_admin(conn, tenant_id, organisation, actor)?;
        let key = (tenant_id, organisation, person);
        let status: Option<String> = organisation_join_requests::table
            .find(key)
            .select(organisation_join_requests::status)
            .first(conn)
            .optional()?;
        if status.as_deref() != Some("pending") {
            return Err(Error::NotFound);
        }
        let requester = accounts::find_user(conn, tenant_id, person)?.ok_or(Error::NotFound)?;
        diesel::update(organisation_join_requests::table.find(key))
            .set((
                organisation_join_requests::status.eq(if accept { "accepted" } else { "declined" }),
                organisation_join_requests::decided_at.eq(Some(now())),
                organisation_join_requests::decided_by.eq(Some(&actor.id)),
            ))
            .execute(conn)?;
        if accept && membership(conn, tenant_id, organisation, person)?.is_none() {
            insert_member(conn, tenant_id, organisation, person, MemberRole::Member)?;
        }
        audit::service::record(
            conn,
            tenant_id,
            Event::new(audit::Kind::JoinRequestDecided)
                .by(&actor.id)
                .about(person)
                .detail(json!({"organisation": organisation, "accepted": accept})),
        )?;
        let org_name = org.name.as_str();
        let words = |lang: crate::i18n::Language| {
            if accept {
                (
                    lang.t1("email-join-accepted-subject", "org", org_name),
                    lang.t1("email-join-accepted-body", "org", org_name),
                )
            } else {
                (
                    lang.t1("email-join-declined-subject", "org", org_name),
                    lang.t1("email-join-declined-body", "org", org_name),
                )
            }
        };
        let message = crate::accounts::emails::notice(
            tenant,
            &requester,
            words,
            if accept {
                "join_request_accepted"
            } else {
                "join_request_declined"
            },
        )?;
        crate::mail::queue(conn, tenant_id, message)?;
        Ok(())
    })
}

/// A request to join as stored: the organisation, the message, the status
/// (`pending`, `accepted`, `declined`) and when it was made.
pub type OwnRequest = (Organisation, Option<String>, String, NaiveDateTime);

/// A person's own requests to join, for their data export.
pub fn requests_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<Vec<OwnRequest>> {
    Ok(organisation_join_requests::table
        .inner_join(
            organisations::table.on(organisations::tenant_id
                .eq(organisation_join_requests::tenant_id)
                .and(organisations::id.eq(organisation_join_requests::organisation_id))),
        )
        .filter(organisation_join_requests::tenant_id.eq(tenant))
        .filter(organisation_join_requests::user_id.eq(person))
        .order(organisation_join_requests::created_at.asc())
        .select((
            Organisation::as_select(),
            organisation_join_requests::message,
            organisation_join_requests::status,
            organisation_join_requests::created_at,
        ))
        .load(conn)?)
}

/// Organisations whose areas served name one of `names`: the free-text
/// list is read item by item ("Hillfields, Foleshill"), without regard to
/// case. By name.
pub fn serving(conn: &mut DbConn, tenant: &TenantId, names: &[&str]) -> Result<Vec<Organisation>> {
    let wanted: Vec<String> = names.iter().map(|n| n.trim().to_lowercase()).collect();
    let mut found: Vec<Organisation> = organisations::table
        .filter(organisations::tenant_id.eq(tenant))
        .filter(organisations::areas_served.is_not_null())
        .select(Organisation::as_select())
        .load(conn)?
        .into_iter()
        .filter(|o| {
            o.areas_served.as_deref().is_some_and(|served| {
                served
                    .split([',', ';', '\n'])
                    .any(|item| wanted.contains(&item.trim().to_lowercase()))
            })
        })
        .collect();
    found.sort_by(|a, b| a.name_key.cmp(&b.name_key));
    Ok(found)
}
