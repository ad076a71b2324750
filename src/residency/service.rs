//! The rules of residency: who counts as a verified resident, the three
//! routes to it (postcode, vouching code, approval by an admin), the codes
//! organisations issue, and the slowing down of guesses.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{service as accounts, User};
use crate::audit::{self, Event, Kind};
use crate::db::ids::{OrganisationId, TenantId, UserId};
use crate::db::schema::{
    postcodes, residency_attempts, residency_requests, residency_verifications, users,
    vouching_codes,
};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;
use crate::organisations::{service as organisations, MemberRole};
use crate::places::settings;

/// Where a person reads how to become a verified resident.
pub const RESIDENCY_PAGE: &str = "/account/residency";
/// How long a vouching code lasts unless its issuer says otherwise.
pub const DEFAULT_CODE_DAYS: i64 = 30;
/// The longest a vouching code can last.
pub const MAX_CODE_DAYS: i64 = 90;
/// Failed postcodes and codes one account may try per [`ATTEMPT_WINDOW`].
pub const ATTEMPT_LIMIT: i64 = 5;
/// The window failed attempts are counted over, in minutes.
pub const ATTEMPT_WINDOW_MINUTES: i64 = 15;
/// The longest note a person can add to a request.
pub const NOTE_MAX: usize = 1000;
/// The longest reason an admin can give.
pub const REASON_MAX: usize = 1000;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Whether the person counts as a verified resident of the place: a
/// confirmed email address, and, unless the place asks for nothing more,
/// a verification by one of the routes. A verification stays when the
/// place later changes its rule: the person showed they live here.
pub fn is_resident(conn: &mut DbConn, tenant: &TenantId, user: &User) -> Result<bool> {
    if user.tenant_id != *tenant || !user.email_verified() {
        return Ok(false);
    }
    if settings::residency_rule(conn, tenant)?.email_is_enough() {
        return Ok(true);
    }
    Ok(verification(conn, tenant, &user.id)?.is_some())
}

/// Allows a verified resident, or refuses with `residency_required` (403)
/// and a message saying where to verify.
pub fn require_resident(conn: &mut DbConn, tenant: &TenantId, user: &User) -> Result<()> {
    if is_resident(conn, tenant, user)? {
        return Ok(());
    }
    let message = if user.email_verified() {
        Words::of1("residency-error-required", "page", RESIDENCY_PAGE)
    } else {
        Words::of1(
            "residency-error-confirm-email-first",
            "page",
            RESIDENCY_PAGE,
        )
    };
    Err(Error::Refused {
        code: "residency_required",
        message: message.into(),
    })
}

fn verification(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
) -> Result<Option<(String, NaiveDateTime)>> {
    Ok(residency_verifications::table
        .find((tenant, user))
        .select((
            residency_verifications::route,
            residency_verifications::verified_at,
        ))
        .first(conn)
        .optional()?)
}

type RequestRow = (
    Option<String>,
    String,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

fn request_of(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<Option<RequestView>> {
    let row: Option<RequestRow> = residency_requests::table
        .find((tenant, user))
        .select((
            residency_requests::note,
            residency_requests::status,
            residency_requests::reason,
            residency_requests::created_at,
            residency_requests::decided_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(note, status, reason, created_at, decided_at)| RequestView {
            status,
            note,
            reason,
            created_at,
            decided_at,
        },
    ))
}

/// How the person stands, and the routes the place allows.
pub fn status(conn: &mut DbConn, tenant: &TenantId, user: &User) -> Result<Status> {
    let rule = settings::residency_rule(conn, tenant)?;
    let verified = verification(conn, tenant, &user.id)?;
    Ok(Status {
        resident: is_resident(conn, tenant, user)?,
        email_verified: user.email_verified(),
        allowed_routes: rule.names().into_iter().map(str::to_owned).collect(),
        verified_by: verified.as_ref().and_then(|(r, _)| Route::parse(r)),
        verified_at: verified.map(|(_, at)| at),
        request: request_of(conn, tenant, &user.id)?,
    })
}

/// The routes the place allows now.
pub fn rule(conn: &mut DbConn, tenant: &TenantId) -> Result<Rule> {
    settings::residency_rule(conn, tenant)
}

/// Before a person uses a route: they have a confirmed address, the place
/// takes this route, and they are not a resident already.
fn may_use(conn: &mut DbConn, tenant: &TenantId, user: &User, route: Route) -> Result<()> {
    authz::require(user, Permission::Participate)?;
    let rule = settings::residency_rule(conn, tenant)?;
    if !rule.allows(route) {
        return Err(Error::conflict(
            "route_not_allowed",
            Words::of2(
                "residency-error-route-not-allowed",
                "route",
                route.as_str(),
                "page",
                RESIDENCY_PAGE,
            ),
        ));
    }
    if verification(conn, tenant, &user.id)?.is_some() {
        return Err(Error::conflict(
            "already_resident",
            Words::of("residency-error-already-resident"),
        ));
    }
    Ok(())
}

fn insert_verification(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
    route: Route,
    by: Option<&UserId>,
) -> Result<()> {
    diesel::insert_into(residency_verifications::table)
        .values((
            residency_verifications::tenant_id.eq(tenant),
            residency_verifications::user_id.eq(user),
            residency_verifications::route.eq(route.as_str()),
            residency_verifications::verified_at.eq(now()),
        ))
        .execute(conn)?;
    let mut event = Event::new(Kind::ResidencyVerified)
        .about(user)
        .detail(json!({"route": route.as_str()}));
    event = match by {
        Some(admin) => event.by(admin),
        None => event.by(user),
    };
    audit::service::record(conn, tenant, event)
}

/// Refuses a person who has spent their failed attempts (429 with the wait).
fn check_allowance(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<()> {
    let since = now() - Duration::minutes(ATTEMPT_WINDOW_MINUTES);
    let recent: Vec<NaiveDateTime> = residency_attempts::table
        .filter(residency_attempts::tenant_id.eq(tenant))
        .filter(residency_attempts::user_id.eq(user))
        .filter(residency_attempts::attempted_at.gt(since))
        .order(residency_attempts::attempted_at.desc())
        .select(residency_attempts::attempted_at)
        .limit(ATTEMPT_LIMIT)
        .load(conn)?;
    if (recent.len() as i64) < ATTEMPT_LIMIT {
        return Ok(());
    }
    // Free again when the oldest of the last LIMIT attempts leaves the window.
    let oldest = recent.last().copied().unwrap_or_else(now);
    let free_at = oldest + Duration::minutes(ATTEMPT_WINDOW_MINUTES);
    let wait = (free_at - now()).num_seconds().max(1);
    tracing::warn!(user = %user, "residency attempts refused until the wait is over");
    Err(Error::RateLimited {
        retry_after: u64::try_from(wait).unwrap_or(1),
    })
}

fn record_failure(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<()> {
    write_transaction(conn, |conn| {
        // Attempts older than a day count for nothing: keep the table small.
        diesel::delete(
            residency_attempts::table
                .filter(residency_attempts::tenant_id.eq(tenant))
                .filter(residency_attempts::user_id.eq(user))
                .filter(residency_attempts::attempted_at.lt(now() - Duration::days(1))),
        )
        .execute(conn)?;
        diesel::insert_into(residency_attempts::table)
            .values((
                residency_attempts::tenant_id.eq(tenant),
                residency_attempts::user_id.eq(user),
                residency_attempts::id.eq(uuid::Uuid::now_v7().to_string()),
                residency_attempts::attempted_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Runs one guessable attempt (a postcode or a code): refused while the
/// person's failures are spent, and a wrong answer counts as a failure.
/// Failures are counted in the database, so every replica sees the same
/// count and a restart forgives nothing.
fn attempt(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &User,
    work: impl FnOnce(&mut DbConn) -> Result<()>,
) -> Result<()> {
    check_allowance(conn, tenant, &user.id)?;
    match write_transaction(conn, work) {
        Err(Error::Validation(fields)) => {
            record_failure(conn, tenant, &user.id)?;
            Err(Error::Validation(fields))
        }
        other => other,
    }
}

/// Verifies a person by a postcode in the place's list. Only the fact and
/// the route are kept, never the postcode.
pub fn verify_by_postcode(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &User,
    raw: &str,
) -> Result<()> {
    may_use(conn, tenant, user, Route::Postcode)?;
    attempt(conn, tenant, user, |conn| {
        may_use(conn, tenant, user, Route::Postcode)?;
        let postcode = Postcode::parse(raw).map_err(|e| Error::Validation(vec![e]))?;
        let known: i64 = postcodes::table
            .filter(postcodes::tenant_id.eq(tenant))
            .filter(postcodes::postcode.eq(postcode.as_str()))
            .count()
            .get_result(conn)?;
        if known == 0 {
            return Err(Error::field(
                "postcode",
                "unknown",
                Words::of1(
                    "residency-error-postcode-unknown",
                    "postcode",
                    postcode.as_str(),
                ),
            ));
        }
        insert_verification(conn, tenant, &user.id, Route::Postcode, None)
    })
}

/// Verifies a person by a vouching code: single use, unexpired, issued in
/// this place by an organisation the council still recognises. Nothing
/// records who used which code.
pub fn verify_by_code(conn: &mut DbConn, tenant: &TenantId, user: &User, raw: &str) -> Result<()> {
    may_use(conn, tenant, user, Route::Vouching)?;
    attempt(conn, tenant, user, |conn| {
        may_use(conn, tenant, user, Route::Vouching)?;
        let code = VouchingCode::parse(raw).map_err(|e| Error::Validation(vec![e]))?;
        let hash = code.hash();
        let at = now();
        let found: Option<(OrganisationId, NaiveDateTime, Option<NaiveDateTime>)> =
            vouching_codes::table
                .find((tenant, &hash))
                .select((
                    vouching_codes::organisation_id,
                    vouching_codes::expires_at,
                    vouching_codes::used_at,
                ))
                .first(conn)
                .optional()?;
        let Some((organisation, expires_at, used_at)) = found else {
            return Err(Error::field(
                "code",
                "unknown",
                Words::of("residency-error-code-unknown"),
            ));
        };
        if used_at.is_some() {
            return Err(Error::field(
                "code",
                "used",
                Words::of("residency-error-code-used"),
            ));
        }
        if expires_at <= at {
            return Err(Error::field(
                "code",
                "expired",
                Words::of("residency-error-code-expired"),
            ));
        }
        let recognised = organisations::find(conn, tenant, &organisation)?
            .is_some_and(|o| o.verified_at.is_some());
        if !recognised {
            return Err(Error::field(
                "code",
                "not_recognised",
                Words::of("residency-error-code-not-recognised"),
            ));
        }
        // The condition is checked by the database, so two people racing
        // with one code cannot both use it.
        let taken = diesel::update(
            vouching_codes::table
                .filter(vouching_codes::tenant_id.eq(tenant))
                .filter(vouching_codes::code_hash.eq(&hash))
                .filter(vouching_codes::used_at.is_null())
                .filter(vouching_codes::expires_at.gt(at)),
        )
        .set(vouching_codes::used_at.eq(Some(at)))
        .execute(conn)?;
        if taken != 1 {
            return Err(Error::field(
                "code",
                "used",
                Words::of("residency-error-code-used"),
            ));
        }
        insert_verification(conn, tenant, &user.id, Route::Vouching, None)
    })
}

/// Asks the place's admins to confirm by hand that the person lives here,
/// with an optional note. Asking again after a decline asks anew.
pub fn request_approval(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &User,
    note: Option<&str>,
) -> Result<()> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > NOTE_MAX) {
        return Err(Error::field(
            "note",
            "length",
            Words::of1("residency-error-note-too-long", "max", NOTE_MAX),
        ));
    }
    write_transaction(conn, |conn| {
        may_use(conn, tenant, user, Route::Manual)?;
        let key = (tenant, &user.id);
        let current: Option<String> = residency_requests::table
            .find(key)
            .select(residency_requests::status)
            .first(conn)
            .optional()?;
        match current.as_deref() {
            Some("pending") => {
                return Err(Error::conflict(
                    "residency_requested",
                    Words::of("residency-error-already-asked"),
                ))
            }
            Some(_) => {
                diesel::delete(residency_requests::table.find(key)).execute(conn)?;
            }
            None => {}
        }
        diesel::insert_into(residency_requests::table)
            .values((
                residency_requests::tenant_id.eq(tenant),
                residency_requests::user_id.eq(&user.id),
                residency_requests::note.eq(note),
                residency_requests::status.eq("pending"),
                residency_requests::created_at.eq(now()),
            ))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::ResidencyRequested).of(&user.id),
        )
    })
}

/// Pending requests, oldest first, a page at a time (the place's admins).
pub fn pending_requests(
    conn: &mut DbConn,
    tenant: &TenantId,
    admin: &User,
    paging: Paging,
) -> Result<(Vec<PendingRequest>, i64)> {
    authz::require(admin, Permission::ManagePlace)?;
    let pending = || {
        residency_requests::table
            .filter(residency_requests::tenant_id.eq(tenant))
            .filter(residency_requests::status.eq("pending"))
    };
    let total: i64 = pending().count().get_result(conn)?;
    let rows: Vec<(UserId, Option<String>, NaiveDateTime, String, String)> = pending()
        .inner_join(
            users::table.on(users::tenant_id
                .eq(residency_requests::tenant_id)
                .and(users::id.eq(residency_requests::user_id))),
        )
        .order((
            residency_requests::created_at.asc(),
            residency_requests::user_id.asc(),
        ))
        .offset(paging.offset())
        .limit(paging.limit())
        .select((
            residency_requests::user_id,
            residency_requests::note,
            residency_requests::created_at,
            users::display_name,
            users::email,
        ))
        .load(conn)?;
    Ok((
        rows.into_iter()
            .map(
                |(user_id, note, created_at, display_name, email)| PendingRequest {
                    user_id: user_id.to_string(),
                    display_name,
                    email,
                    note,
                    created_at,
                },
            )
            .collect(),
        total,
    ))
}

/// Approves (the person becomes a verified resident) or declines, with a
/// reason, a pending request (the place's admins). The person is told by
/// email in the same transaction. Someone without a pending request here,
/// including anyone of another place, is not found.
pub fn decide(
    conn: &mut DbConn,
    tenant: &crate::tenancy::Tenant,
    admin: &User,
    person: &UserId,
    approve: bool,
    reason: Option<&str>,
) -> Result<()> {
    authz::require(admin, Permission::ManagePlace)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > REASON_MAX) {
        return Err(Error::field(
            "reason",
            "length",
            Words::of1("residency-error-reason-too-long", "max", REASON_MAX),
        ));
    }
    let tenant_id = &tenant.id;
    write_transaction(conn, |conn| {
        let key = (tenant_id, person);
        let status: Option<String> = residency_requests::table
            .find(key)
            .select(residency_requests::status)
            .first(conn)
            .optional()?;
        if status.as_deref() != Some("pending") {
            return Err(Error::NotFound);
        }
        if !approve && reason.is_none() {
            return Err(Error::field(
                "reason",
                "required",
                Words::of("residency-error-reason-required"),
            ));
        }
        let requester = accounts::find_user(conn, tenant_id, person)?.ok_or(Error::NotFound)?;
        diesel::update(residency_requests::table.find(key))
            .set((
                residency_requests::status.eq(if approve { "approved" } else { "declined" }),
                residency_requests::reason.eq(reason),
                residency_requests::decided_at.eq(Some(now())),
                residency_requests::decided_by.eq(Some(&admin.id)),
            ))
            .execute(conn)?;
        if approve && verification(conn, tenant_id, person)?.is_none() {
            insert_verification(conn, tenant_id, person, Route::Manual, Some(&admin.id))?;
        }
        audit::service::record(
            conn,
            tenant_id,
            Event::new(Kind::ResidencyRequestDecided)
                .by(&admin.id)
                .about(person)
                .detail(json!({"approved": approve})),
        )?;
        let kind = if approve {
            "residency_approved"
        } else {
            "residency_declined"
        };
        let words = |lang: crate::i18n::Language| {
            let place = tenant.name.as_str();
            if approve {
                let mut body = lang.t1("email-residency-approved-body", "place", place);
                if let Some(note) = reason {
                    body = [body, lang.t1("email-residency-added", "note", note)].join("\n\n");
                }
                (lang.t("email-residency-approved-subject"), body)
            } else {
                let body = [
                    lang.t1("email-residency-declined-body", "place", place),
                    lang.t1("email-their-reason", "reason", reason.unwrap_or_default()),
                    lang.t("email-residency-declined-next"),
                ]
                .join("\n\n");
                (lang.t("email-residency-declined-subject"), body)
            }
        };
        let message = crate::accounts::emails::notice(tenant, &requester, words, kind)?;
        crate::mail::queue(conn, tenant_id, message)?;
        Ok(())
    })
}

/// The organisation, if `actor` is one of its admins (403 otherwise; 404
/// when it is not of this place).
fn as_org_admin(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
) -> Result<crate::organisations::Organisation> {
    let org = organisations::find(conn, tenant, organisation)?.ok_or(Error::NotFound)?;
    if organisations::membership(conn, tenant, organisation, &actor.id)? != Some(MemberRole::Admin)
    {
        tracing::warn!(user = %actor.id, organisation = %organisation, "not an admin of the organisation");
        return Err(Error::forbidden(Words::of(
            "residency-error-organisation-admins-only",
        )));
    }
    Ok(org)
}

/// Issues a one-time vouching code for someone the organisation vouches
/// for: only the admins of an organisation the council recognises, in a
/// place that takes vouching codes. The code is shown once; only its hash
/// is kept.
pub fn issue_code(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
    valid_days: Option<i64>,
) -> Result<IssuedCode> {
    let days = valid_days.unwrap_or(DEFAULT_CODE_DAYS);
    if !(1..=MAX_CODE_DAYS).contains(&days) {
        return Err(Error::field(
            "valid_days",
            "invalid",
            Words::of1("residency-error-code-days", "max", MAX_CODE_DAYS),
        ));
    }
    write_transaction(conn, |conn| {
        let org = as_org_admin(conn, tenant, actor, organisation)?;
        authz::require(actor, Permission::Participate)?;
        if org.verified_at.is_none() {
            return Err(Error::conflict(
                "not_recognised",
                Words::of("residency-error-vouching-not-recognised"),
            ));
        }
        if !settings::residency_rule(conn, tenant)?.allows(Route::Vouching) {
            return Err(Error::conflict(
                "route_not_allowed",
                Words::of("residency-error-vouching-off"),
            ));
        }
        let code = VouchingCode::generate();
        let issued_at = now();
        let expires_at = issued_at + Duration::days(days);
        diesel::insert_into(vouching_codes::table)
            .values((
                vouching_codes::tenant_id.eq(tenant),
                vouching_codes::code_hash.eq(code.hash()),
                vouching_codes::organisation_id.eq(organisation),
                vouching_codes::issued_at.eq(issued_at),
                vouching_codes::expires_at.eq(expires_at),
            ))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::VouchingCodeIssued)
                .by(&actor.id)
                .detail(json!({"organisation": organisation, "valid_days": days})),
        )?;
        Ok(IssuedCode {
            code: code.display(),
            expires_at,
        })
    })
}

/// How many codes the organisation issued, how many were used and how
/// many ran out (its admins only). Never who used them: nothing records it.
pub fn code_summary(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    organisation: &OrganisationId,
) -> Result<CodeSummary> {
    as_org_admin(conn, tenant, actor, organisation)?;
    let at = now();
    let of_org = || {
        vouching_codes::table
            .filter(vouching_codes::tenant_id.eq(tenant))
            .filter(vouching_codes::organisation_id.eq(organisation))
    };
    let issued: i64 = of_org().count().get_result(conn)?;
    let used: i64 = of_org()
        .filter(vouching_codes::used_at.is_not_null())
        .count()
        .get_result(conn)?;
    let expired: i64 = of_org()
        .filter(vouching_codes::used_at.is_null())
        .filter(vouching_codes::expires_at.le(at))
        .count()
        .get_result(conn)?;
    Ok(CodeSummary {
        issued,
        used,
        expired,
        outstanding: issued - used - expired,
    })
}

/// How each of these people was verified, for the admin's list of people.
pub fn routes_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    people: &[UserId],
) -> Result<HashMap<UserId, Route>> {
    let rows: Vec<(UserId, String)> = residency_verifications::table
        .filter(residency_verifications::tenant_id.eq(tenant))
        .filter(residency_verifications::user_id.eq_any(people))
        .select((
            residency_verifications::user_id,
            residency_verifications::route,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, route)| Some((id, Route::parse(&route)?)))
        .collect())
}

/// What a person's data export holds about their residency.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ResidencyData {
    /// `postcode`, `vouching` or `manual`, if verified.
    pub verified_by: Option<String>,
    pub verified_at: Option<NaiveDateTime>,
    /// The request to the admins, if any: status, note, reason, when.
    pub request: Option<serde_json::Value>,
    /// Failed postcodes and codes tried in the last day (only when and
    /// how many are kept, never what was typed).
    pub failed_attempts: Vec<NaiveDateTime>,
    /// The area of the place the person said they live in (absent in
    /// older exports).
    #[serde(default)]
    pub home_area: Option<super::areas::HomeArea>,
}

/// Everything held about a person's residency, for their export.
pub fn export_of(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<ResidencyData> {
    let verified = verification(conn, tenant, person)?;
    let request = request_of(conn, tenant, person)?;
    let failed_attempts = residency_attempts::table
        .filter(residency_attempts::tenant_id.eq(tenant))
        .filter(residency_attempts::user_id.eq(person))
        .order(residency_attempts::attempted_at.asc())
        .select(residency_attempts::attempted_at)
        .load(conn)?;
    Ok(ResidencyData {
        verified_by: verified.as_ref().map(|(r, _)| r.clone()),
        verified_at: verified.map(|(_, at)| at),
        request: request.map(|r| serde_json::to_value(r).unwrap_or_default()),
        failed_attempts,
        home_area: Some(super::areas::home_area(conn, tenant, person)?),
    })
}

/// Erases a person's verification, request and attempts, inside the
/// caller's transaction; an admin's id on others' decisions goes too.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        residency_verifications::table
            .filter(residency_verifications::tenant_id.eq(tenant))
            .filter(residency_verifications::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        residency_requests::table
            .filter(residency_requests::tenant_id.eq(tenant))
            .filter(residency_requests::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        residency_requests::table
            .filter(residency_requests::tenant_id.eq(tenant))
            .filter(residency_requests::decided_by.eq(person)),
    )
    .set(residency_requests::decided_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::delete(
        residency_attempts::table
            .filter(residency_attempts::tenant_id.eq(tenant))
            .filter(residency_attempts::user_id.eq(person)),
    )
    .execute(conn)?;
    super::areas::erase_person(conn, tenant, person)?;
    Ok(())
}
