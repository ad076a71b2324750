//! Invitations to join an organisation by email, and their rules.
//!
//! An organisation's admins invite an address with a role. The email
//! carries a link with a random secret, stored only as its hash
//! ([`crate::accounts::tokens`]); the link works once and for
//! [`LIFETIME_DAYS`] days. Inviting an address that already has a pending
//! invitation refreshes that one (new secret, new role, new expiry), and
//! sending again does the same: the old link stops working at once. Each
//! organisation sends at most [`DAILY_LIMIT`] invitation emails in any 24
//! hours.
//!
//! Only the person signed in with the invited address can accept or
//! decline; accepting makes them a member with the invited role (someone
//! who is already a member keeps the role they have). Because the link
//! reached that mailbox, accepting also confirms the account's address.
//! An unusable link (unknown, expired, used, withdrawn, or of another
//! place) is one answer, "not found", whatever the reason.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::model::{MemberRole, Organisation};
use super::service::{self as organisations, insert_member, require_org_admin};
use crate::accounts::{service as accounts, tokens, User};
use crate::audit::{self, Event};
use crate::db::ids::{InvitationId, OrganisationId, TenantId, UserId};
use crate::db::schema::{organisation_invitation_sends, organisation_invitations};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::http::pagination::Paging;
use crate::mail::Email;
use crate::tenancy::Tenant;

/// How long an invitation link works.
pub const LIFETIME_DAYS: i64 = 7;
/// Invitation emails one organisation may send in any 24 hours.
pub const DAILY_LIMIT: i64 = 50;
/// Where the link in the email leads (the secret follows).
pub const LINK_PATH: &str = "/organisations/invitations/";

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Where an invitation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Accepted,
    Declined,
    Revoked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Revoked => "revoked",
        }
    }
}

/// A stored invitation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisation_invitations)]
pub struct Invitation {
    pub tenant_id: TenantId,
    pub id: InvitationId,
    pub organisation_id: OrganisationId,
    pub email: String,
    pub role: String,
    pub token_hash: String,
    pub invited_by: Option<UserId>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub sent_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

impl Invitation {
    pub fn role(&self) -> MemberRole {
        // The column has a CHECK constraint; anything else gets least power.
        MemberRole::parse(&self.role).unwrap_or(MemberRole::Member)
    }

    /// Pending and not expired: its link can still be used.
    pub fn usable(&self, at: NaiveDateTime) -> bool {
        self.status == Status::Pending.as_str() && self.expires_at >= at
    }
}

/// A pending invitation as the organisation's admins see it (never its
/// secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = OrganisationInvitationView)]
pub struct InvitationView {
    pub id: String,
    pub email: String,
    /// `admin` or `member`.
    pub role: String,
    /// The admin who sent it, if their profile shows their name to you.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<String>,
    pub sent_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    /// The link no longer works; send it again to renew it.
    pub expired: bool,
}

/// An invitation as asked for; strings, so a wrong value is a field error.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(as = OrganisationNewInvitation)]
pub struct NewInvitation {
    pub email: String,
    /// `admin` or `member`.
    pub role: String,
}

/// A usable invitation, as its link's page shows it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub invitation: Invitation,
    pub organisation: Organisation,
    /// The inviting admin's name, as their profile shows it to the reader;
    /// `None` when hidden (or the admin's account is gone).
    pub invited_by: Option<String>,
}

/// What accepting did.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub organisation: Organisation,
    /// The person's role now.
    pub role: MemberRole,
    /// They were a member already, and kept the role they had.
    pub already_member: bool,
}

fn parse(new: &NewInvitation) -> Result<(Email, MemberRole)> {
    let mut problems = Problems::default();
    let email = problems.check(
        "email",
        Email::parse(&new.email).map_err(|_| {
            FieldError::new(
                "email",
                "invalid",
                Words::of("accounts-error-email-invalid"),
            )
        }),
    );
    let role = MemberRole::parse(&new.role);
    if role.is_none() {
        problems.add(
            "role",
            "invalid",
            Words::of("organisations-error-role-invalid"),
        );
    }
    problems.into_result()?;
    match (email, role) {
        (Some(e), Some(r)) => Ok((e, r)),
        _ => Err(Error::Internal("fields checked above".into())),
    }
}

/// Invites an address to the organisation (its admins only), or refreshes
/// the pending invitation of that address; queues the email.
pub fn invite(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    actor: &User,
    organisation: &OrganisationId,
    new: &NewInvitation,
) -> Result<Invitation> {
    let (email, role) = parse(new)?;
    write_transaction(conn, |conn| {
        let org = require_org_admin(conn, &tenant.id, organisation, actor)?;
        if let Some(person) = accounts::find_by_email(conn, &tenant.id, &email)? {
            if organisations::membership(conn, &tenant.id, organisation, &person.id)?.is_some() {
                return Err(Error::field(
                    "email",
                    "already_member",
                    Words::of("organisations-error-invitee-already-member"),
                ));
            }
        }
        let pending: Option<Invitation> = organisation_invitations::table
            .filter(organisation_invitations::tenant_id.eq(&tenant.id))
            .filter(organisation_invitations::organisation_id.eq(organisation))
            .filter(organisation_invitations::email.eq(email.as_str()))
            .filter(organisation_invitations::status.eq(Status::Pending.as_str()))
            .select(Invitation::as_select())
            .first(conn)
            .optional()?;
        let id = match &pending {
            Some(p) => p.id.clone(),
            None => {
                let at = now();
                let id = InvitationId::new();
                diesel::insert_into(organisation_invitations::table)
                    .values(&Invitation {
                        tenant_id: tenant.id.clone(),
                        id: id.clone(),
                        organisation_id: organisation.clone(),
                        email: email.as_str().to_owned(),
                        role: role.as_str().to_owned(),
                        // Replaced by `send` below, before anyone sees it.
                        token_hash: format!("unsent-{id}"),
                        invited_by: Some(actor.id.clone()),
                        status: Status::Pending.as_str().to_owned(),
                        created_at: at,
                        sent_at: at,
                        expires_at: at,
                        decided_at: None,
                    })
                    .execute(conn)?;
                id
            }
        };
        send(
            conn,
            tenant,
            base_url,
            actor,
            &org,
            &id,
            role,
            pending.is_some(),
        )
    })
}

/// Sends a pending invitation again with a new link (its admins only); the
/// old link stops working.
pub fn resend(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    actor: &User,
    organisation: &OrganisationId,
    invitation: &InvitationId,
) -> Result<Invitation> {
    write_transaction(conn, |conn| {
        let org = require_org_admin(conn, &tenant.id, organisation, actor)?;
        let found = pending_of(conn, &tenant.id, organisation, invitation)?;
        send(
            conn,
            tenant,
            base_url,
            actor,
            &org,
            &found.id,
            found.role(),
            true,
        )
    })
}

/// Withdraws a pending invitation (its admins only); its link stops working.
pub fn revoke(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    invitation: &InvitationId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        require_org_admin(conn, tenant, organisation, actor)?;
        let found = pending_of(conn, tenant, organisation, invitation)?;
        decide(conn, tenant, &found, Status::Revoked)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::InvitationRevoked)
                .by(&actor.id)
                .detail(json!({"organisation": organisation, "invitation": found.id})),
        )
    })
}

/// A pending invitation of this organisation (expired or not).
fn pending_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisation: &OrganisationId,
    invitation: &InvitationId,
) -> Result<Invitation> {
    organisation_invitations::table
        .find((tenant, invitation))
        .filter(organisation_invitations::organisation_id.eq(organisation))
        .filter(organisation_invitations::status.eq(Status::Pending.as_str()))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// Refuses when the organisation has sent its day's invitations; the wait
/// is until the oldest of them is a day old.
fn check_daily_limit(
    conn: &mut DbConn,
    tenant: &TenantId,
    organisation: &OrganisationId,
    at: NaiveDateTime,
) -> Result<()> {
    let since = at - Duration::days(1);
    diesel::delete(
        organisation_invitation_sends::table
            .filter(organisation_invitation_sends::tenant_id.eq(tenant))
            .filter(organisation_invitation_sends::organisation_id.eq(organisation))
            .filter(organisation_invitation_sends::sent_at.lt(since)),
    )
    .execute(conn)?;
    let recent: Vec<NaiveDateTime> = organisation_invitation_sends::table
        .filter(organisation_invitation_sends::tenant_id.eq(tenant))
        .filter(organisation_invitation_sends::organisation_id.eq(organisation))
        .filter(organisation_invitation_sends::sent_at.ge(since))
        .order(organisation_invitation_sends::sent_at.desc())
        .limit(DAILY_LIMIT)
        .select(organisation_invitation_sends::sent_at)
        .load(conn)?;
    if recent.len() as i64 >= DAILY_LIMIT {
        let oldest = recent.last().copied().unwrap_or(at);
        let wait = (oldest + Duration::days(1) - at).num_seconds().max(1);
        tracing::warn!(organisation = %organisation, "the organisation's daily invitation limit is reached");
        return Err(Error::RateLimited {
            retry_after: wait as u64,
        });
    }
    diesel::insert_into(organisation_invitation_sends::table)
        .values((
            organisation_invitation_sends::tenant_id.eq(tenant),
            organisation_invitation_sends::id.eq(uuid::Uuid::now_v7().to_string()),
            organisation_invitation_sends::organisation_id.eq(organisation),
            organisation_invitation_sends::sent_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives the invitation a new secret and expiry, queues its email and
/// records it, inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
fn send(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    actor: &User,
    org: &Organisation,
    id: &InvitationId,
    role: MemberRole,
    again: bool,
) -> Result<Invitation> {
    let at = now();
    check_daily_limit(conn, &tenant.id, &org.id, at)?;
    let (token, hash) = tokens::opaque();
    diesel::update(organisation_invitations::table.find((&tenant.id, id)))
        .set((
            organisation_invitations::token_hash.eq(&hash),
            organisation_invitations::role.eq(role.as_str()),
            organisation_invitations::invited_by.eq(Some(&actor.id)),
            organisation_invitations::sent_at.eq(at),
            organisation_invitations::expires_at.eq(at + Duration::days(LIFETIME_DAYS)),
        ))
        .execute(conn)?;
    let invitation: Invitation = organisation_invitations::table
        .find((&tenant.id, id))
        .select(Invitation::as_select())
        .first(conn)?;
    let inviter = crate::profiles::service::view(conn, &tenant.id, &actor.id, None)?
        .and_then(|p| p.display_name);
    let to = Email::parse(&invitation.email).map_err(Error::Internal)?;
    let link = format!("{base_url}{LINK_PATH}{token}");
    let lang = match crate::accounts::service::find_by_email(conn, &tenant.id, &to)? {
        Some(invitee) => invitee.language(tenant),
        None => crate::i18n::Language::for_person(None, &tenant.default_language),
    };
    let message =
        super::emails::invitation(tenant, org, inviter.as_deref(), role, &link, to, lang)?;
    crate::mail::queue(conn, &tenant.id, message)?;
    audit::service::record(
        conn,
        &tenant.id,
        Event::new(audit::Kind::InvitationSent)
            .by(&actor.id)
            .detail(json!({
                "organisation": org.id,
                "invitation": id,
                "role": role.as_str(),
                "again": again,
            })),
    )?;
    Ok(invitation)
}

/// Pending invitations of an organisation, newest first, a page at a time
/// (its admins only).
pub fn pending(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    paging: Paging,
) -> Result<(Vec<InvitationView>, i64)> {
    require_org_admin(conn, tenant, organisation, actor)?;
    let filtered = || {
        organisation_invitations::table
            .filter(organisation_invitations::tenant_id.eq(tenant))
            .filter(organisation_invitations::organisation_id.eq(organisation))
            .filter(organisation_invitations::status.eq(Status::Pending.as_str()))
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<Invitation> = filtered()
        .order((
            organisation_invitations::sent_at.desc(),
            organisation_invitations::id.asc(),
        ))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Invitation::as_select())
        .load(conn)?;
    let at = now();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(view(conn, tenant, actor, row, at)?);
    }
    Ok((out, total))
}

/// One pending invitation of the organisation (its admins only).
pub fn pending_one(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    invitation: &InvitationId,
) -> Result<InvitationView> {
    require_org_admin(conn, tenant, organisation, actor)?;
    let row = pending_of(conn, tenant, organisation, invitation)?;
    view(conn, tenant, actor, row, now())
}

fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    row: Invitation,
    at: NaiveDateTime,
) -> Result<InvitationView> {
    let invited_by = match &row.invited_by {
        Some(by) => crate::profiles::service::view(conn, tenant, by, Some(actor))?
            .and_then(|p| p.display_name),
        None => None,
    };
    Ok(InvitationView {
        id: row.id.to_string(),
        expired: row.expires_at < at,
        email: row.email,
        role: row.role,
        invited_by,
        sent_at: row.sent_at,
        expires_at: row.expires_at,
    })
}

/// The usable invitation a link's secret names in this place, with its
/// organisation; `None` for any link that cannot be used.
pub fn open(
    conn: &mut DbConn,
    tenant: &TenantId,
    token: &str,
    reader: Option<&User>,
) -> Result<Option<Opened>> {
    let Some(invitation) = usable(conn, tenant, token)? else {
        return Ok(None);
    };
    let organisation =
        organisations::find(conn, tenant, &invitation.organisation_id)?.ok_or(Error::NotFound)?;
    let invited_by = match &invitation.invited_by {
        Some(by) => {
            crate::profiles::service::view(conn, tenant, by, reader)?.and_then(|p| p.display_name)
        }
        None => None,
    };
    Ok(Some(Opened {
        invitation,
        organisation,
        invited_by,
    }))
}

fn usable(conn: &mut DbConn, tenant: &TenantId, token: &str) -> Result<Option<Invitation>> {
    let hash = tokens::hash(token.trim());
    let found: Option<Invitation> = organisation_invitations::table
        .filter(organisation_invitations::tenant_id.eq(tenant))
        .filter(organisation_invitations::token_hash.eq(&hash))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?;
    Ok(found.filter(|i| i.usable(now())))
}

/// Whether `person` is the one the invitation was sent to.
pub fn is_for(invitation: &Invitation, person: &User) -> bool {
    invitation.email == person.email.to_lowercase()
}

fn someone_else() -> Error {
    Error::Forbidden(Words::of("organisations-error-invitation-for-another").into())
}

/// The usable invitation a secret names, with its organisation, if
/// `person` is the one it was sent to (someone else is refused).
fn answerable(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    token: &str,
) -> Result<(Invitation, Organisation)> {
    let invitation = usable(conn, tenant, token)?.ok_or(Error::NotFound)?;
    if !is_for(&invitation, person) {
        tracing::warn!(user = %person.id, invitation = %invitation.id, "refused someone else's invitation");
        return Err(someone_else());
    }
    let organisation =
        organisations::find(conn, tenant, &invitation.organisation_id)?.ok_or(Error::NotFound)?;
    Ok((invitation, organisation))
}

/// Marks a pending invitation decided; a second, concurrent decision finds
/// it no longer pending.
fn decide(
    conn: &mut DbConn,
    tenant: &TenantId,
    invitation: &Invitation,
    status: Status,
) -> Result<()> {
    let changed = diesel::update(
        organisation_invitations::table
            .find((tenant, &invitation.id))
            .filter(organisation_invitations::status.eq(Status::Pending.as_str())),
    )
    .set((
        organisation_invitations::status.eq(status.as_str()),
        organisation_invitations::decided_at.eq(Some(now())),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// Accepts an invitation as the person signed in with its address: they
/// become a member with the invited role, or keep the role they have.
pub fn accept(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    token: &str,
) -> Result<Accepted> {
    write_transaction(conn, |conn| {
        let (invitation, organisation) = answerable(conn, tenant, person, token)?;
        decide(conn, tenant, &invitation, Status::Accepted)?;
        let current = organisations::membership(conn, tenant, &organisation.id, &person.id)?;
        let role = match current {
            Some(role) => role,
            None => {
                insert_member(
                    conn,
                    tenant,
                    &organisation.id,
                    &person.id,
                    invitation.role(),
                )?;
                invitation.role()
            }
        };
        // The link reached this mailbox: the address is the person's.
        accounts::confirm_email_by_link(conn, person)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::InvitationAccepted)
                .of(&person.id)
                .detail(json!({
                    "organisation": organisation.id,
                    "invitation": invitation.id,
                    "role": role.as_str(),
                    "already_member": current.is_some(),
                })),
        )?;
        Ok(Accepted {
            organisation,
            role,
            already_member: current.is_some(),
        })
    })
}

/// Declines an invitation as the person signed in with its address.
pub fn decline(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    token: &str,
) -> Result<Organisation> {
    write_transaction(conn, |conn| {
        let (invitation, organisation) = answerable(conn, tenant, person, token)?;
        decide(conn, tenant, &invitation, Status::Declined)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::InvitationDeclined)
                .of(&person.id)
                .detail(json!({"organisation": organisation.id, "invitation": invitation.id})),
        )?;
        Ok(organisation)
    })
}

/// An invitation in a person's data: one they sent, or one sent to them.
pub type OwnInvitation = (Organisation, Invitation);

/// Invitations a person sent and those sent to their address, for their
/// data export (oldest first).
pub fn of_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
) -> Result<(Vec<OwnInvitation>, Vec<OwnInvitation>)> {
    let with_org = |conn: &mut DbConn, rows: Vec<Invitation>| -> Result<Vec<OwnInvitation>> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(org) = organisations::find(conn, tenant, &row.organisation_id)? {
                out.push((org, row));
            }
        }
        Ok(out)
    };
    let sent: Vec<Invitation> = organisation_invitations::table
        .filter(organisation_invitations::tenant_id.eq(tenant))
        .filter(organisation_invitations::invited_by.eq(&person.id))
        .order(organisation_invitations::created_at.asc())
        .select(Invitation::as_select())
        .load(conn)?;
    let received: Vec<Invitation> = organisation_invitations::table
        .filter(organisation_invitations::tenant_id.eq(tenant))
        .filter(organisation_invitations::email.eq(person.email.to_lowercase()))
        .order(organisation_invitations::created_at.asc())
        .select(Invitation::as_select())
        .load(conn)?;
    Ok((with_org(conn, sent)?, with_org(conn, received)?))
}

/// On erasure, inside the caller's transaction: invitations sent to the
/// person's address are deleted (they hold the address), and invitations
/// they sent stay with the organisation but no longer say who sent them.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &User) -> Result<()> {
    diesel::delete(
        organisation_invitations::table
            .filter(organisation_invitations::tenant_id.eq(tenant))
            .filter(organisation_invitations::email.eq(person.email.to_lowercase())),
    )
    .execute(conn)?;
    diesel::update(
        organisation_invitations::table
            .filter(organisation_invitations::tenant_id.eq(tenant))
            .filter(organisation_invitations::invited_by.eq(&person.id)),
    )
    .set(organisation_invitations::invited_by.eq(None::<UserId>))
    .execute(conn)?;
    Ok(())
}

/// An address with most of its local part hidden (`a•••@example.org`), to
/// tell someone which of their addresses an invitation is for without
/// showing it whole.
pub fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_checked_together() {
        let Err(Error::Validation(errors)) = parse(&NewInvitation {
            email: "not an address".into(),
            role: "owner".into(),
        }) else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "role"]);
        let (email, role) = parse(&NewInvitation {
            email: " Bob@Example.org ".into(),
            role: "admin".into(),
        })
        .unwrap();
        assert_eq!(
            (email.as_str(), role),
            ("bob@example.org", MemberRole::Admin)
        );
    }

    #[test]
    fn addresses_are_masked() {
        assert_eq!(masked("bob@example.org"), "b•••@example.org");
        assert_eq!(masked("nonsense"), "•••");
    }
}
