//! Assisted participation: a member of staff of an organisation the
//! council recognised helps someone in person (at a night shelter, say,
//! with no device of their own) to make an account, tell their story and
//! choose how it may be used. The record says it was assisted and by whom
//! (the audit log, and `assisted_by` on the story and on the grants).
//! Nothing is shared until the person confirms: with a short one-time code
//! sent to their email and shown to the staff member to read aloud (they
//! type it on the staff device), or later, signed in themselves. They can
//! then review and change everything alone (their story, their consents).

use chrono::{Duration, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::model::{given, GrantInput, NewStory, Purpose};
use super::service::{self, Ctx};
use crate::accounts::service as accounts;
use crate::accounts::{Role, User};
use crate::audit::{self, Event, Kind};
use crate::db::ids::{ConsentId, OrganisationId, StoryId, TenantId, UserId};
use crate::db::schema::{stories, story_assists, story_consents};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::organisations::service as organisations;

crate::define_id!(
    /// One story told with a member of staff's help.
    AssistId
);

/// How long the code works.
pub const CODE_DAYS: i64 = 14;
/// Wrong codes allowed before the code stops working (the person can
/// still confirm signed in).
pub const MAX_ATTEMPTS: i32 = 5;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = story_assists)]
pub struct Assist {
    pub tenant_id: TenantId,
    pub id: AssistId,
    pub citizen_id: UserId,
    pub staff_id: Option<UserId>,
    pub organisation_id: OrganisationId,
    pub story_id: StoryId,
    pub grants: String,
    pub code_hash: String,
    pub code_expires_at: NaiveDateTime,
    pub attempts: i32,
    pub status: String,
    pub confirmed_how: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// What a member of staff fills in with the person.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewAssisted {
    /// The organisation the staff member acts for (recognised by the
    /// council).
    pub organisation_id: String,
    /// What to call the person.
    pub display_name: String,
    /// Their email address: the code and a link to set a password go
    /// there.
    pub email: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub area_id: Option<String>,
    #[serde(default)]
    pub special_category: Option<bool>,
    /// The consents they chose (none is fine): given only once they
    /// confirm.
    #[serde(default)]
    pub grants: Vec<GrantInput>,
}

/// A story told with help, as the staff member, the person and the API
/// see it (no story text).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssistView {
    pub id: String,
    pub citizen_id: String,
    pub citizen_name: String,
    pub story_id: String,
    pub organisation_id: String,
    pub organisation: String,
    pub staff_id: Option<String>,
    pub staff_name: Option<String>,
    /// `waiting`, `confirmed` or `declined`.
    pub status: String,
    /// `code` or `signed_in`, once confirmed.
    pub confirmed_how: Option<String>,
    /// The consents chosen, given once confirmed.
    pub grants: Vec<GrantInput>,
    pub code_expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// A new assisted story and its code (shown once, to the staff member, to
/// read aloud).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Started {
    pub assist: AssistView,
    /// Six digits. Read it to the person; they type it to confirm.
    pub code: String,
}

fn code_hash(id: &AssistId, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{id}:{}", code.trim()).as_bytes()))
}

fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// The organisations a person may help others for: those they belong to
/// that the council recognised (id, name).
pub fn organisations_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    staff: &UserId,
) -> Result<Vec<(OrganisationId, String)>> {
    Ok(organisations::organisations_of(conn, tenant, staff)?
        .into_iter()
        .filter(|(o, _, _)| o.verified_at.is_some())
        .map(|(o, _, _)| (o.id, o.name))
        .collect())
}

/// Checks the staff member may help for this organisation: 404 for an
/// organisation not of this place, 403 for someone not its staff, 403
/// `organisation_not_verified` before the council recognised it.
fn check_staff(
    conn: &mut DbConn,
    tenant: &TenantId,
    staff: &User,
    raw: &str,
) -> Result<OrganisationId> {
    let org: OrganisationId = raw.trim().parse().map_err(|_| {
        Error::field(
            "organisation_id",
            "unknown_organisation",
            Words::of("story-error-assist-choose-organisation"),
        )
    })?;
    let found = organisations::find(conn, tenant, &org)?.ok_or_else(|| {
        Error::field(
            "organisation_id",
            "unknown_organisation",
            Words::of("story-error-no-such-organisation"),
        )
    })?;
    if organisations::membership(conn, tenant, &org, &staff.id)?.is_none() {
        return Err(Error::Forbidden(
            Words::of("story-error-assist-own-staff").into(),
        ));
    }
    if found.verified_at.is_none() {
        return Err(Error::Refused {
            code: "organisation_not_verified",
            message: Words::of("story-error-assist-not-recognised").into(),
        });
    }
    Ok(org)
}

fn view(conn: &mut DbConn, a: &Assist) -> Result<AssistView> {
    let citizen = accounts::find_user(conn, &a.tenant_id, &a.citizen_id)?;
    let staff = match &a.staff_id {
        Some(s) => accounts::find_user(conn, &a.tenant_id, s)?,
        None => None,
    };
    let org = organisations::find(conn, &a.tenant_id, &a.organisation_id)?;
    Ok(AssistView {
        id: a.id.to_string(),
        citizen_id: a.citizen_id.to_string(),
        citizen_name: citizen.map(|u| u.display_name).unwrap_or_default(),
        story_id: a.story_id.to_string(),
        organisation_id: a.organisation_id.to_string(),
        organisation: org.map(|o| o.name).unwrap_or_default(),
        staff_id: a.staff_id.as_ref().map(ToString::to_string),
        staff_name: staff.map(|u| u.display_name),
        status: a.status.clone(),
        confirmed_how: a.confirmed_how.clone(),
        grants: serde_json::from_str(&a.grants).unwrap_or_default(),
        code_expires_at: a.code_expires_at,
        created_at: a.created_at,
        decided_at: a.decided_at,
    })
}

/// A member of staff helps someone: makes their account (no password; a
/// link to set one goes to their email), writes their story (marked as
/// assisted, by whom) and records the consents they chose, which wait for
/// their confirmation. Returns the code to read to them.
pub fn start(conn: &mut DbConn, ctx: &Ctx<'_>, staff: &User, new: &NewAssisted) -> Result<Started> {
    crate::accounts::authz::require(staff, crate::accounts::authz::Permission::Participate)?;
    let tenant = &ctx.tenant.id;
    let mut problems = Problems::default();
    let name = problems.check(
        "display_name",
        accounts::parse_display_name(&new.display_name),
    );
    let email = problems.check("email", accounts::parse_email(&new.email));
    super::model::Text::check(&new.title, &new.body, &mut problems);
    // Every mistake at once: the consents' own checks too (those that
    // need the database come in the transaction).
    let at = now();
    for (i, g) in new.grants.iter().enumerate() {
        super::model::Grant::check(g, &format!("grants[{i}]"), at, &mut problems);
    }
    problems.into_result()?;
    let (Some(name), Some(email)) = (name, email) else {
        return Err(Error::NotFound);
    };
    write_transaction(conn, |conn| {
        let org = check_staff(conn, tenant, staff, &new.organisation_id)?;
        if accounts::find_by_email(conn, tenant, &email)?.is_some() {
            return Err(Error::conflict(
                "email_taken",
                Words::of("story-error-assist-email-taken"),
            ));
        }
        let citizen = match accounts::provision(
            conn,
            ctx.tenant,
            ctx.base_url,
            &accounts::Provision {
                email: email.clone(),
                display_name: name.clone(),
                role: Role::Citizen,
                platform_operator: false,
            },
            None,
        )? {
            accounts::Provisioned::Created { user, .. } => user,
            accounts::Provisioned::RoleChanged { .. } => {
                return Err(Error::Internal(
                    "an assisted account already existed".into(),
                ))
            }
        };
        let story = service::create_for(
            conn,
            ctx.keys,
            tenant,
            &citizen,
            &NewStory {
                title: new.title.clone(),
                body: new.body.clone(),
                area_id: new.area_id.clone(),
                board_id: None,
                special_category: new.special_category,
            },
        )?;
        diesel::update(stories::table.find((tenant, &story.id)))
            .set(stories::assisted_by.eq(Some(staff.id.to_string())))
            .execute(conn)?;
        // The choices are checked now (so mistakes show while they are
        // together) and given only on confirmation.
        let grants: Vec<GrantInput> = new
            .grants
            .iter()
            .map(|g| GrantInput {
                expires_at: Some(
                    g.expires_at
                        .unwrap_or_else(|| super::model::default_expiry(at)),
                ),
                ..g.clone()
            })
            .collect();
        service::check_grants(conn, tenant, &story, &grants, at)?;
        let id = AssistId::new();
        let code = new_code();
        let row = Assist {
            tenant_id: tenant.clone(),
            code_hash: code_hash(&id, &code),
            id,
            citizen_id: citizen.id.clone(),
            staff_id: Some(staff.id.clone()),
            organisation_id: org.clone(),
            story_id: story.id.clone(),
            grants: serde_json::to_string(&grants).map_err(|e| Error::Internal(e.to_string()))?,
            code_expires_at: at + Duration::days(CODE_DAYS),
            attempts: 0,
            status: "waiting".into(),
            confirmed_how: None,
            decided_at: None,
            created_at: at,
        };
        diesel::insert_into(story_assists::table)
            .values(&row)
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryAssisted)
                .by(&staff.id)
                .about(&citizen.id)
                .detail(serde_json::json!({
                    "assist_id": row.id,
                    "story_id": story.id,
                    "organisation_id": org,
                    "consents_chosen": grants.len(),
                })),
        )?;
        let org_name = organisations::find(conn, tenant, &org)?
            .map(|o| o.name)
            .unwrap_or_default();
        let msg = super::emails::assisted_code(
            ctx.tenant,
            ctx.base_url,
            &citizen,
            &staff.display_name,
            &org_name,
            &row.id.to_string(),
            &code,
            grants
                .iter()
                .map(|g| {
                    Purpose::parse(&g.purpose).map_or_else(
                        || g.purpose.clone(),
                        |p| p.title_in(citizen.language(ctx.tenant)),
                    )
                })
                .collect(),
        )?;
        crate::mail::queue(conn, tenant, msg)?;
        Ok(Started {
            assist: view(conn, &row)?,
            code,
        })
    })
}

fn find(conn: &mut DbConn, tenant: &TenantId, id: &AssistId) -> Result<Assist> {
    story_assists::table
        .find((tenant, id))
        .select(Assist::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// Who is looking at an assisted story's page.
pub enum Looker {
    /// The person it is about, signed in.
    Citizen,
    /// The staff member who helped.
    Staff,
    /// Anyone else with the link (they see only the code form).
    Other,
}

/// An assisted story for its page: the person, the staff member who
/// helped, or (with only the form to type the code) anyone with the link.
pub fn find_view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &AssistId,
    viewer: Option<&User>,
) -> Result<(AssistView, Looker)> {
    let a = find(conn, tenant, id)?;
    let looker = match viewer {
        Some(v) if v.id == a.citizen_id => Looker::Citizen,
        Some(v) if a.staff_id.as_ref() == Some(&v.id) => Looker::Staff,
        _ => Looker::Other,
    };
    Ok((view(conn, &a)?, looker))
}

/// The stories a person told with help (newest first).
pub fn mine(conn: &mut DbConn, tenant: &TenantId, citizen: &UserId) -> Result<Vec<AssistView>> {
    let rows: Vec<Assist> = story_assists::table
        .filter(story_assists::tenant_id.eq(tenant))
        .filter(story_assists::citizen_id.eq(citizen))
        .order(story_assists::created_at.desc())
        .select(Assist::as_select())
        .load(conn)?;
    rows.iter().map(|a| view(conn, a)).collect()
}

/// The assisted stories a member of staff helped with (newest first).
pub fn helped_by(conn: &mut DbConn, tenant: &TenantId, staff: &UserId) -> Result<Vec<AssistView>> {
    let rows: Vec<Assist> = story_assists::table
        .filter(story_assists::tenant_id.eq(tenant))
        .filter(story_assists::staff_id.eq(staff))
        .order(story_assists::created_at.desc())
        .select(Assist::as_select())
        .load(conn)?;
    rows.iter().map(|a| view(conn, a)).collect()
}

enum Check {
    Ok(Box<Assist>),
    Wrong(FieldError),
}

/// Confirms an assisted story: with the code (typed on the staff device,
/// or from the email), or by the person signed in (no code needed). The
/// consents chosen are then given (receipts and all), marked as assisted
/// by the staff member; the person's email counts as confirmed when they
/// used the code from it. A wrong code: 422, and after five the code stops
/// working.
pub fn confirm(
    conn: &mut DbConn,
    ctx: &Ctx<'_>,
    id: &AssistId,
    code: Option<&str>,
    actor: Option<&User>,
) -> Result<AssistView> {
    let tenant = &ctx.tenant.id;
    // A wrong code is counted in its own transaction, so the count stays.
    let checked = write_transaction(conn, |conn| {
        let a = find(conn, tenant, id)?;
        if a.status != "waiting" {
            return Err(Error::conflict(
                "already_decided",
                Words::of("story-error-assist-decided-author"),
            ));
        }
        if actor.is_some_and(|u| u.id == a.citizen_id) && given(code).is_none() {
            return Ok(Check::Ok(Box::new(a)));
        }
        let Some(code) = given(code) else {
            return Ok(Check::Wrong(FieldError::new(
                "code",
                "required",
                Words::of("story-error-code-required"),
            )));
        };
        if a.attempts >= MAX_ATTEMPTS {
            return Ok(Check::Wrong(FieldError::new(
                "code",
                "locked",
                Words::of("story-error-code-locked"),
            )));
        }
        if a.code_expires_at < now() {
            return Ok(Check::Wrong(FieldError::new(
                "code",
                "expired",
                Words::of("story-error-code-expired"),
            )));
        }
        if code_hash(&a.id, code) != a.code_hash {
            diesel::update(story_assists::table.find((tenant, id)))
                .set(story_assists::attempts.eq(a.attempts + 1))
                .execute(conn)?;
            return Ok(Check::Wrong(FieldError::new(
                "code",
                "wrong_code",
                Words::of("story-error-code-wrong"),
            )));
        }
        Ok(Check::Ok(Box::new(a)))
    })?;
    let a = match checked {
        Check::Ok(a) => *a,
        Check::Wrong(e) => return Err(Error::Validation(vec![e])),
    };
    let how = if actor.is_some_and(|u| u.id == a.citizen_id) && given(code).is_none() {
        "signed_in"
    } else {
        "code"
    };
    write_transaction(conn, |conn| {
        // Only one confirmation wins.
        let changed = diesel::update(
            story_assists::table
                .find((tenant, id))
                .filter(story_assists::status.eq("waiting")),
        )
        .set((
            story_assists::status.eq("confirmed"),
            story_assists::confirmed_how.eq(Some(how)),
            story_assists::decided_at.eq(Some(now())),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(Error::conflict(
                "already_decided",
                Words::of("story-error-assist-decided"),
            ));
        }
        let citizen = accounts::find_user(conn, tenant, &a.citizen_id)?.ok_or(Error::NotFound)?;
        if how == "code" {
            // The code came from their email (or was read to them by
            // someone who vouches for them in person).
            accounts::confirm_email_by_link(conn, &citizen)?;
        }
        let grants: Vec<GrantInput> = serde_json::from_str(&a.grants).unwrap_or_default();
        if !grants.is_empty() {
            let answer = service::give(conn, ctx, &citizen, &a.story_id, &grants)?;
            let ids: Vec<ConsentId> = answer
                .changed
                .iter()
                .filter_map(|c| c.id.parse().ok())
                .collect();
            diesel::update(
                story_consents::table
                    .filter(story_consents::tenant_id.eq(tenant))
                    .filter(story_consents::id.eq_any(&ids))
                    .filter(story_consents::status.eq("given")),
            )
            .set(story_consents::assisted_by.eq(a.staff_id.as_ref().map(ToString::to_string)))
            .execute(conn)?;
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryAssistDecided)
                .of(&a.citizen_id)
                .detail(serde_json::json!({
                    "assist_id": a.id,
                    "story_id": a.story_id,
                    "decision": "confirmed",
                    "how": how,
                })),
        )?;
        let done = find(conn, tenant, id)?;
        view(conn, &done)
    })
}

/// The person (signed in) declines what was prepared with them: nothing is
/// shared; their story stays theirs to change or erase.
pub fn decline(
    conn: &mut DbConn,
    tenant: &TenantId,
    citizen: &User,
    id: &AssistId,
) -> Result<AssistView> {
    write_transaction(conn, |conn| {
        let a = find(conn, tenant, id)?;
        if a.citizen_id != citizen.id {
            return Err(Error::NotFound);
        }
        let changed = diesel::update(
            story_assists::table
                .find((tenant, id))
                .filter(story_assists::status.eq("waiting")),
        )
        .set((
            story_assists::status.eq("declined"),
            story_assists::decided_at.eq(Some(now())),
        ))
        .execute(conn)?;
        if changed != 1 {
            return Err(Error::conflict(
                "already_decided",
                Words::of("story-error-assist-decided"),
            ));
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::StoryAssistDecided)
                .of(&citizen.id)
                .detail(serde_json::json!({
                    "assist_id": a.id,
                    "story_id": a.story_id,
                    "decision": "declined",
                })),
        )?;
        let done = find(conn, tenant, id)?;
        view(conn, &done)
    })
}

/// A person's account is erased, inside the caller's transaction: the
/// records of stories told with help go with the person; as staff, their
/// name leaves the records of those they helped.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        story_assists::table
            .filter(story_assists::tenant_id.eq(tenant))
            .filter(story_assists::citizen_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        story_assists::table
            .filter(story_assists::tenant_id.eq(tenant))
            .filter(story_assists::staff_id.eq(person)),
    )
    .set(story_assists::staff_id.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        stories::table
            .filter(stories::tenant_id.eq(tenant))
            .filter(stories::assisted_by.eq(person.as_str())),
    )
    .set(stories::assisted_by.eq(None::<String>))
    .execute(conn)?;
    diesel::update(
        story_consents::table
            .filter(story_consents::tenant_id.eq(tenant))
            .filter(story_consents::assisted_by.eq(person.as_str())),
    )
    .set(story_consents::assisted_by.eq(None::<String>))
    .execute(conn)?;
    Ok(())
}

/// Who helped with a story, if anyone (staff id), for its author's page.
pub fn assisted_by(
    conn: &mut DbConn,
    tenant: &TenantId,
    story: &StoryId,
) -> Result<Option<AssistView>> {
    let row: Option<Assist> = story_assists::table
        .filter(story_assists::tenant_id.eq(tenant))
        .filter(story_assists::story_id.eq(story))
        .order(story_assists::created_at.desc())
        .select(Assist::as_select())
        .first(conn)
        .optional()?;
    row.map(|a| view(conn, &a)).transpose()
}
