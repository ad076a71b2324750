//! Gathering, erasing and importing a person's data.

use chrono::Utc;
use diesel::prelude::*;

use super::model::*;
use crate::accounts::{service as accounts, Role, User};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::{account_tokens, outbox, recovery_codes, sessions, users};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::profiles::model::{Field, ProfileChanges, Visibility};
use crate::tenancy::Tenant;

/// Tables that can hold data about a person; the export covers each one.
/// (`spent_refresh_tokens` holds only hashes of a session's old tokens and
/// goes with its session.)
pub const PERSONAL_TABLES: &[&str] = &[
    "audit_events",
    "users",
    "profiles",
    "sessions",
    "spent_refresh_tokens",
    "account_tokens",
    "recovery_codes",
    "outbox",
    "organisation_members",
    "organisation_join_requests",
    "organisation_invitations",
    "residency_verifications",
    "residency_requests",
    "residency_attempts",
    "assets",
    "asset_messages",
    "proposals",
    "proposal_coauthors",
    "proposal_supports",
    "proposal_revisions",
    "proposal_events",
    "comments",
    "moderation_flags",
    "moderation_actions",
    "boards",
    "board_members",
    "board_requests",
    "board_events",
    "board_proposals",
    "board_assets",
    "workshops",
    "workshop_rsvps",
    "workshop_attendance",
    "follows",
    "notification_settings",
    "notification_digest_items",
    "resident_areas",
    "evaluation_invitations",
    "evaluation_ratings",
    "polls",
    "poll_voters",
    "stories",
    "story_consents",
    "story_uses",
    "story_consent_requests",
    "consent_receipts",
    "consent_receipt_grants",
    "story_exports",
    "story_assists",
    "idempotency_keys",
];

/// Tables that hold nothing about any person.
/// (`organisations` are the organisations' own profiles; the one person's
/// id they hold, the admin who recognised one, is cleared on erasure.
/// `organisation_invitation_sends` holds only when an organisation sent
/// invitations, for its daily limit. `vouching_codes` record when a code
/// was used, never by whom.
/// `proposal_tags` are the words of a proposal, not of a person;
/// `proposal_counts` are numbers of proposals per status.
/// `moderation_items` is the state of a proposal or comment: hidden, the
/// moderators' reason, whether a review was asked for.
/// `proposal_assets` links proposals to assets; who linked them is in the
/// audit log; `board_organisations` says which organisations are on which
/// board. `poll_options` are a poll's choices; `poll_ballots` hold what
/// was voted and never who voted it.)
pub const NON_PERSONAL_TABLES: &[&str] = &[
    "tenants",
    "tenant_hosts",
    "organisations",
    "areas",
    "place_settings",
    "place_stories",
    "organisation_invitation_sends",
    "postcodes",
    "vouching_codes",
    "proposal_tags",
    "proposal_counts",
    "moderation_items",
    "proposal_assets",
    "board_organisations",
    "poll_options",
    "poll_ballots",
];

/// Records that a person downloaded their data.
pub fn record_export(conn: &mut DbConn, tenant: &TenantId, id: &UserId) -> Result<()> {
    crate::audit::service::record(
        conn,
        tenant,
        crate::audit::Event::new(crate::audit::Kind::DataExported).of(id),
    )
}

/// Everything the platform holds about a person. Their stories are
/// decrypted with their keys (`keys`): they are the author.
pub fn export(
    conn: &mut DbConn,
    keys: &crate::keys::KeyStore,
    tenant: &Tenant,
    id: &UserId,
) -> Result<Export> {
    let (user, profile) =
        crate::profiles::service::load(conn, &tenant.id, id)?.ok_or(Error::NotFound)?;
    let unused_recovery_codes = accounts::unused_recovery_codes(conn, &user)?;
    let session_rows: Vec<crate::accounts::model::Session> = sessions::table
        .filter(sessions::tenant_id.eq(&tenant.id))
        .filter(sessions::user_id.eq(id))
        .filter(sessions::revoked_at.is_null())
        .order(sessions::created_at.asc())
        .select(crate::accounts::model::Session::as_select())
        .load(conn)?;
    let emails: Vec<(
        String,
        String,
        String,
        chrono::NaiveDateTime,
        Option<chrono::NaiveDateTime>,
    )> = outbox::table
        .filter(outbox::tenant_id.eq(&tenant.id))
        .filter(outbox::recipient.eq(&user.email))
        .order(outbox::created_at.asc())
        .select((
            outbox::kind,
            outbox::subject,
            outbox::status,
            outbox::created_at,
            outbox::sent_at,
        ))
        .load(conn)?;
    let links: Vec<crate::accounts::model::AccountToken> = account_tokens::table
        .filter(account_tokens::tenant_id.eq(&tenant.id))
        .filter(account_tokens::user_id.eq(id))
        .order(account_tokens::created_at.asc())
        .select(crate::accounts::model::AccountToken::as_select())
        .load(conn)?;
    let (invitations_sent, invitations_received) =
        crate::organisations::invitations::of_person(conn, &tenant.id, &user)?;
    Ok(Export {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: Utc::now().naive_utc(),
        place: Place {
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
        },
        account: AccountData {
            id: user.id.to_string(),
            email: user.email.clone(),
            email_verified_at: user.email_verified_at,
            display_name: user.display_name.clone(),
            role: user.role.clone(),
            platform_operator: user.platform_operator,
            two_step_sign_in: user.has_second_factor(),
            unused_recovery_codes,
            created_at: user.created_at,
            updated_at: user.updated_at,
        },
        profile: ProfileData {
            pronouns: profile.pronouns.clone(),
            bio: profile.bio.clone(),
            home_area: profile.home_area.clone(),
            skills: profile.skills.clone(),
            interests: profile.interests.clone(),
            visibility: Field::ALL
                .iter()
                .map(|f| {
                    (
                        f.as_str().to_owned(),
                        profile.visibility_of(*f).as_str().to_owned(),
                    )
                })
                .collect(),
        },
        sessions: session_rows
            .into_iter()
            .map(|s| SessionData {
                kind: s.kind,
                device: s.user_agent,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                expires_at: s.expires_at,
            })
            .collect(),
        emails: emails
            .into_iter()
            .map(|(kind, subject, status, created_at, sent_at)| EmailData {
                kind,
                subject,
                status,
                created_at,
                sent_at,
            })
            .collect(),
        links: links
            .into_iter()
            .map(|l| LinkData {
                purpose: l.purpose,
                created_at: l.created_at,
                expires_at: l.expires_at,
                used_at: l.used_at,
            })
            .collect(),
        audit_events: crate::audit::service::about(conn, &tenant.id, id)?
            .into_iter()
            .map(|e| AuditData {
                description: e.description().to_owned(),
                by_you: e.actor_id.as_deref() == Some(id.as_str()),
                detail: serde_json::from_str(&e.detail).unwrap_or_default(),
                occurred_at: e.occurred_at,
                kind: e.kind,
            })
            .collect(),
        organisations: crate::organisations::service::organisations_of(conn, &tenant.id, id)?
            .into_iter()
            .map(|(o, role, joined_at)| MembershipData {
                organisation_id: o.id.to_string(),
                organisation_name: o.name,
                role: role.as_str().to_owned(),
                joined_at,
            })
            .collect(),
        assets: crate::assets::service::registered_by(conn, &tenant.id, id)?
            .into_iter()
            .map(|a| AssetData {
                id: a.id.to_string(),
                kind: a.kind().as_str().to_owned(),
                organisation_id: a.organisation_id.as_ref().map(ToString::to_string),
                area_id: a.area_id.as_ref().map(ToString::to_string),
                name: a.name,
                description: a.description,
                availability: a.availability,
                contactable: a.contactable,
                withdrawn_at: a.withdrawn_at,
                created_at: a.created_at,
                updated_at: a.updated_at,
            })
            .collect(),
        asset_messages: crate::assets::service::messages_sent(conn, &tenant.id, id)?
            .into_iter()
            .map(|(asset_id, sent_at)| AssetMessageData {
                asset_id: asset_id.to_string(),
                sent_at,
            })
            .collect(),
        join_requests: crate::organisations::service::requests_of(conn, &tenant.id, id)?
            .into_iter()
            .map(|(o, message, status, created_at)| JoinRequestData {
                organisation_id: o.id.to_string(),
                organisation_name: o.name,
                message,
                status,
                created_at,
            })
            .collect(),
        invitations_sent: invitations_sent.iter().map(invitation_data).collect(),
        invitations_received: invitations_received.iter().map(invitation_data).collect(),
        residency: Some(crate::residency::service::export_of(conn, &tenant.id, id)?),
        proposals: crate::proposals::service::personal_data(conn, &tenant.id, id)?,
        comments: crate::comments::service::personal_data(conn, &tenant.id, id)?,
        moderation: crate::moderation::service::personal_data(conn, &tenant.id, id)?,
        boards: crate::boards::service::personal_data(conn, &tenant.id, id)?,
        notifications: crate::notifications::service::personal_data(conn, &tenant.id, id)?,
        evaluation: crate::evaluation::service::personal_data(conn, &tenant.id, id)?,
        polls: crate::polls::service::personal_data(conn, &tenant.id, id)?,
        stories: crate::stories::service::personal_data(conn, keys, &tenant.id, id)?,
        idempotency_keys: crate::idempotency::service::personal_data(conn, &tenant.id, id)?,
    })
}

fn invitation_data(
    (org, invitation): &crate::organisations::invitations::OwnInvitation,
) -> InvitationData {
    InvitationData {
        organisation_id: org.id.to_string(),
        organisation_name: org.name.clone(),
        email: invitation.email.clone(),
        role: invitation.role.clone(),
        status: invitation.status.clone(),
        created_at: invitation.created_at,
        sent_at: invitation.sent_at,
        expires_at: invitation.expires_at,
        decided_at: invitation.decided_at,
    }
}

/// Whether a person may erase their account now: the last admin of a
/// place must appoint another first, so no place is left without one.
pub fn may_erase(conn: &mut DbConn, tenant: &TenantId, id: &UserId) -> Result<User> {
    let user = accounts::find_user(conn, tenant, id)?.ok_or(Error::NotFound)?;
    if user.role() == Role::Admin {
        let admins: i64 = users::table
            .filter(users::tenant_id.eq(tenant))
            .filter(users::role.eq(Role::Admin.as_str()))
            .count()
            .get_result(conn)?;
        if admins <= 1 {
            return Err(Error::conflict(
                "last_admin",
                Words::of("mydata-error-last-admin"),
            ));
        }
    }
    Ok(user)
}

/// Erases a person's account and personal data in one transaction.
/// Sessions and tokens end at once. With `Anonymise`, an anonymous record
/// stays so kept contributions read "a former member"; with `Delete`, the
/// account row goes too. Their data key is destroyed by the caller
/// (`keys::KeyStore::destroy`), which lives in another database.
pub fn erase(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &UserId,
    contributions: Contributions,
) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        let user = may_erase(conn, tenant, id)?;
        // Emails to the person carry their name and address.
        diesel::delete(
            outbox::table
                .filter(outbox::tenant_id.eq(tenant))
                .filter(outbox::recipient.eq(&user.email)),
        )
        .execute(conn)?;
        diesel::delete(
            sessions::table
                .filter(sessions::tenant_id.eq(tenant))
                .filter(sessions::user_id.eq(id)),
        )
        .execute(conn)?;
        diesel::delete(
            account_tokens::table
                .filter(account_tokens::tenant_id.eq(tenant))
                .filter(account_tokens::user_id.eq(id)),
        )
        .execute(conn)?;
        diesel::delete(
            recovery_codes::table
                .filter(recovery_codes::tenant_id.eq(tenant))
                .filter(recovery_codes::user_id.eq(id)),
        )
        .execute(conn)?;
        crate::profiles::service::delete(conn, tenant, id)?;
        crate::organisations::service::erase_person(conn, tenant, id)?;
        // Invitations to their address go; those they sent stay unsigned.
        crate::organisations::invitations::erase_person(conn, tenant, &user)?;
        crate::residency::service::erase_person(conn, tenant, id)?;
        crate::assets::service::erase_person(conn, tenant, id)?;
        crate::proposals::service::erase_person(conn, tenant, id)?;
        crate::boards::service::erase_person(conn, tenant, id)?;
        crate::comments::service::erase_person(conn, tenant, id)?;
        crate::moderation::service::erase_person(conn, tenant, id)?;
        crate::notifications::service::erase_person(conn, tenant, id)?;
        crate::evaluation::service::erase_person(conn, tenant, id)?;
        crate::polls::service::erase_person(conn, tenant, id)?;
        crate::stories::service::erase_person(conn, tenant, id)?;
        crate::idempotency::service::erase_person(conn, tenant, id)?;
        crate::audit::service::record(
            conn,
            tenant,
            crate::audit::Event::new(crate::audit::Kind::AccountErased)
                .of(id)
                .detail(serde_json::json!({"contributions": match contributions {
                    Contributions::Delete => "deleted",
                    Contributions::Anonymise => "anonymised",
                }})),
        )?;
        match contributions {
            Contributions::Delete => {
                diesel::delete(users::table.find((tenant, id))).execute(conn)?;
            }
            Contributions::Anonymise => {
                diesel::update(users::table.find((tenant, id)))
                    .set((
                        users::email.eq(format!("erased-{id}@erased.invalid")),
                        users::email_verified_at.eq(None::<chrono::NaiveDateTime>),
                        users::password_hash.eq(None::<String>),
                        users::display_name.eq("A former member"),
                        users::role.eq(Role::Citizen.as_str()),
                        users::platform_operator.eq(false),
                        users::totp_secret.eq(None::<String>),
                        users::totp_last_step.eq(None::<i64>),
                        users::updated_at.eq(Utc::now().naive_utc()),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}

/// What an import brought across.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Imported {
    pub profile_fields: Vec<String>,
    pub skills: usize,
    pub interests: usize,
}

/// Brings a person's profile from an export of another place into their
/// account here. Everything imported starts visible only to them: nothing
/// is shared in a new place until they decide again. Where they lived and
/// anything about their account or the old place stay behind.
pub fn import(
    conn: &mut DbConn,
    tenant: &TenantId,
    me: &User,
    export: &Export,
) -> Result<Imported> {
    if export.format != FORMAT || export.version != VERSION {
        return Err(Error::field(
            "file",
            "unsupported",
            Words::of1("mydata-error-unsupported", "version", i64::from(VERSION)),
        ));
    }
    let p = &export.profile;
    let mut visibility = std::collections::BTreeMap::new();
    let mut fields = Vec::new();
    let mut note = |field: Field, present: bool| {
        if present {
            visibility.insert(
                field.as_str().to_owned(),
                Visibility::Private.as_str().to_owned(),
            );
            fields.push(field.as_str().to_owned());
        }
    };
    note(Field::Pronouns, p.pronouns.is_some());
    note(Field::Bio, p.bio.is_some());
    note(Field::Skills, !p.skills.is_empty());
    note(Field::Interests, !p.interests.is_empty());
    let changes = ProfileChanges {
        pronouns: p.pronouns.clone(),
        bio: p.bio.clone(),
        skills: (!p.skills.is_empty()).then(|| p.skills.clone()),
        interests: (!p.interests.is_empty()).then(|| p.interests.clone()),
        visibility: Some(visibility),
        ..Default::default()
    };
    crate::db::write_transaction(conn, |conn| {
        crate::profiles::service::update(conn, tenant, &me.id, &changes)?;
        crate::audit::service::record(
            conn,
            tenant,
            crate::audit::Event::new(crate::audit::Kind::ProfileImported)
                .of(&me.id)
                .detail(serde_json::json!({"fields": fields.len()})),
        )
    })?;
    Ok(Imported {
        profile_fields: fields,
        skills: p.skills.len(),
        interests: p.interests.len(),
    })
}
