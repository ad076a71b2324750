//! The rules of accounts: registration, email links, sessions, refresh
//! token rotation, password and email changes. No HTTP here; handlers in
//! `api.rs` and `pages.rs` call these.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::emails;
use super::model::*;
use super::tokens;
use crate::audit::{service as audit, Event, Kind};
use crate::db::ids::{SessionId, TenantId, UserId};
use crate::db::schema::{account_tokens, recovery_codes, sessions, spent_refresh_tokens, users};
use crate::db::{direct, execute_prepared, DbConn};
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::i18n::Language;
use crate::keys::KeyStore;
use crate::mail::Email;
use crate::tenancy::Tenant;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// How long sessions last. Idle: since the last request; absolute: since
/// sign-in, whatever happens.
#[derive(Debug, Clone, Copy)]
pub struct SessionLifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionLifetimes {
    fn default() -> Self {
        Self {
            idle: Duration::hours(2),
            absolute: Duration::days(7),
        }
    }
}

/// The name people see: 1–80 characters, no control characters.
pub fn parse_display_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new(
            "display_name",
            "required",
            Words::of("accounts-error-name-required"),
        ));
    }
    if name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(FieldError::new(
            "display_name",
            "invalid",
            Words::of1("accounts-error-name-too-long", "max", 80_i64),
        ));
    }
    Ok(name.to_owned())
}

pub fn parse_email(raw: &str) -> Result<Email, FieldError> {
    Email::parse(raw).map_err(|_| {
        FieldError::new(
            "email",
            "invalid",
            Words::of("accounts-error-email-invalid"),
        )
    })
}

/// A registration that passed every check.
pub struct Registration {
    pub email: Email,
    pub display_name: String,
    pub password: super::password::Password,
}

/// Checks every field of a registration at once.
pub fn parse_registration(email: &str, password: &str, display_name: &str) -> Result<Registration> {
    let mut problems = Problems::default();
    let email = problems.check("email", parse_email(email));
    let display_name = problems.check("display_name", parse_display_name(display_name));
    let context: Vec<&str> = [email.as_ref().map(|e| e.as_str()), display_name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let password = problems.check(
        "password",
        super::password::Password::parse_new(password, &context),
    );
    problems.into_result()?;
    match (email, display_name, password) {
        (Some(email), Some(display_name), Some(password)) => Ok(Registration {
            email,
            display_name,
            password,
        }),
        _ => Err(Error::Internal(
            "registration parsed without its fields".into(),
        )),
    }
}

pub fn find_user(conn: &mut DbConn, tenant: &TenantId, id: &UserId) -> Result<Option<User>> {
    Ok(users::table
        .find((tenant, id))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_email(conn: &mut DbConn, tenant: &TenantId, email: &Email) -> Result<Option<User>> {
    Ok(users::table
        .filter(users::tenant_id.eq(tenant))
        .filter(users::email.eq(email.as_str()))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Saves the language a person chose, for the emails we send them.
pub fn set_language(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
    language: Language,
) -> Result<()> {
    diesel::update(users::table.find((tenant, user)))
        .set(users::language.eq(language.code()))
        .execute(conn)?;
    Ok(())
}

fn email_taken() -> Error {
    Error::conflict("email_taken", Words::of("accounts-error-email-taken"))
}

/// Creates a citizen's account and queues the verification email, in one
/// transaction.
pub fn register(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    email: &Email,
    display_name: &str,
    password_hash: &str,
    language: Option<Language>,
) -> Result<User> {
    crate::db::write_transaction(conn, |conn| {
        if find_by_email(conn, &tenant.id, email)?.is_some() {
            return Err(email_taken());
        }
        let id = UserId::new();
        let at = now();
        diesel::insert_into(users::table)
            .values(NewUser {
                tenant_id: &tenant.id,
                id: &id,
                email: email.as_str(),
                email_verified_at: None,
                password_hash: Some(password_hash),
                display_name,
                role: Role::Citizen.as_str(),
                platform_operator: false,
                created_at: at,
                updated_at: at,
                language: language.map(Language::code),
            })
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => email_taken(),
                other => other.into(),
            })?;
        let user = find_user(conn, &tenant.id, &id)?.ok_or(Error::NotFound)?;
        send_link(
            conn,
            tenant,
            base_url,
            &user,
            LinkPurpose::VerifyEmail,
            None,
        )?;
        audit::record(
            conn,
            &tenant.id,
            Event::new(Kind::AccountRegistered).of(&id),
        )?;
        Ok(user)
    })
}

/// Creates a single-use link and queues the email that carries it.
pub fn send_link(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    user: &User,
    purpose: LinkPurpose,
    new_email: Option<&Email>,
) -> Result<()> {
    let (token, hash) = tokens::opaque();
    let at = now();
    diesel::insert_into(account_tokens::table)
        .values(NewAccountToken {
            tenant_id: &tenant.id,
            token_hash: &hash,
            user_id: &user.id,
            purpose: purpose.as_str(),
            new_email: new_email.map(Email::as_str),
            expires_at: at + purpose.lifetime(),
            created_at: at,
        })
        .execute(conn)?;
    let to = match new_email {
        Some(e) => e.clone(),
        None => Email::parse(&user.email).map_err(Error::Internal)?,
    };
    let message = emails::link(tenant, base_url, user, purpose, &token, to)?;
    crate::mail::service::queue(conn, &tenant.id, message)?;
    Ok(())
}

fn invalid_link() -> Error {
    Error::bad_request("invalid_link", Words::of("accounts-error-link-expired"))
}

/// Uses up a link: it must exist in this tenant, serve this purpose, be
/// unused and unexpired.
pub fn consume_link(
    conn: &mut DbConn,
    tenant: &TenantId,
    token: &str,
    purpose: LinkPurpose,
) -> Result<(AccountToken, User)> {
    let hash = tokens::hash(token.trim());
    let at = now();
    let link: AccountToken = account_tokens::table
        .find((tenant, &hash))
        .select(AccountToken::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(invalid_link)?;
    if link.purpose != purpose.as_str() || link.used_at.is_some() || link.expires_at < at {
        return Err(invalid_link());
    }
    // Conditional update: two concurrent uses cannot both succeed.
    let used = diesel::update(
        account_tokens::table
            .find((tenant, &hash))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(at))
    .execute(conn)?;
    if used != 1 {
        return Err(invalid_link());
    }
    let user = find_user(conn, tenant, &link.user_id)?.ok_or_else(invalid_link)?;
    Ok((link, user))
}

/// Whether a link is usable, without using it (for the page that asks the
/// person to confirm).
pub fn link_is_live(
    conn: &mut DbConn,
    tenant: &TenantId,
    token: &str,
    purpose: LinkPurpose,
) -> Result<bool> {
    let hash = tokens::hash(token.trim());
    let link: Option<AccountToken> = account_tokens::table
        .find((tenant, &hash))
        .select(AccountToken::as_select())
        .first(conn)
        .optional()?;
    Ok(link.is_some_and(|l| {
        l.purpose == purpose.as_str() && l.used_at.is_none() && l.expires_at >= now()
    }))
}

/// The person a usable link (for one of `purposes`) belongs to, without
/// using it: a new password is checked against their own details first.
pub fn link_owner(
    conn: &mut DbConn,
    tenant: &TenantId,
    token: &str,
    purposes: &[LinkPurpose],
) -> Result<Option<User>> {
    let hash = tokens::hash(token.trim());
    let link: Option<AccountToken> = account_tokens::table
        .find((tenant, &hash))
        .select(AccountToken::as_select())
        .first(conn)
        .optional()?;
    let Some(link) = link.filter(|l| {
        purposes.iter().any(|p| l.purpose == p.as_str())
            && l.used_at.is_none()
            && l.expires_at >= now()
    }) else {
        return Ok(None);
    };
    find_user(conn, tenant, &link.user_id)
}

pub fn verify_email(conn: &mut DbConn, tenant: &TenantId, token: &str) -> Result<User> {
    crate::db::write_transaction(conn, |conn| {
        let (_, user) = consume_link(conn, tenant, token, LinkPurpose::VerifyEmail)?;
        mark_verified(conn, &user)?;
        find_user(conn, tenant, &user.id)?.ok_or(Error::NotFound)
    })
}

/// Marks a person's address confirmed because they used a single-use link
/// that another room sent to it (an organisation's invitation), inside the
/// caller's transaction.
pub fn confirm_email_by_link(conn: &mut DbConn, user: &User) -> Result<()> {
    mark_verified(conn, user)
}

fn mark_verified(conn: &mut DbConn, user: &User) -> Result<()> {
    if user.email_verified_at.is_none() {
        diesel::update(users::table.find((&user.tenant_id, &user.id)))
            .set((
                users::email_verified_at.eq(now()),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Sends a new verification link, unless the address is already verified.
pub fn resend_verification(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    user: &User,
) -> Result<()> {
    if user.email_verified() {
        return Ok(());
    }
    send_link(conn, tenant, base_url, user, LinkPurpose::VerifyEmail, None)
}

/// Starts a session for a person who proved who they are. Returns the
/// session and its secret (the cookie value or refresh token), which is
/// never stored.
pub fn start_session(
    conn: &mut DbConn,
    user: &User,
    kind: SessionKind,
    user_agent: &str,
    fully_signed_in: bool,
    lifetimes: SessionLifetimes,
) -> Result<(Session, String)> {
    let (secret, hash) = tokens::opaque();
    let id = SessionId::new();
    let at = now();
    let agent: String = user_agent
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    diesel::insert_into(sessions::table)
        .values(NewSession {
            tenant_id: &user.tenant_id,
            id: &id,
            user_id: &user.id,
            kind: kind.as_str(),
            token_hash: &hash,
            fully_signed_in,
            user_agent: &agent,
            created_at: at,
            last_seen_at: at,
            expires_at: at + lifetimes.absolute,
        })
        .execute(conn)?;
    let session = sessions::table
        .find((&user.tenant_id, &id))
        .select(Session::as_select())
        .first(conn)?;
    Ok((session, secret))
}

/// Signs a person in who proved who they are (`method`: `password`,
/// `password_and_code`, `email_link`, `registration`): a new session, and
/// the sign-in in the audit log, together. A session still waiting for
/// the second factor is logged as a first step.
pub fn sign_in(
    conn: &mut DbConn,
    user: &User,
    kind: SessionKind,
    user_agent: &str,
    fully_signed_in: bool,
    lifetimes: SessionLifetimes,
    method: &'static str,
) -> Result<(Session, String)> {
    crate::db::write_transaction(conn, |conn| {
        let started = start_session(conn, user, kind, user_agent, fully_signed_in, lifetimes)?;
        let event = if fully_signed_in {
            Kind::SignIn
        } else {
            Kind::SignInFirstStep
        };
        let detail = serde_json::json!({"method": method, "session": kind.as_str()});
        audit::record(
            conn,
            &user.tenant_id,
            Event::new(event).of(&user.id).detail(detail),
        )?;
        Ok(started)
    })
}

/// Logs a refused sign-in: the account when one matched (never the
/// address that was typed), how, and why (`unknown_account`,
/// `wrong_password`, `wrong_code`, `invalid_link`).
pub fn record_failed_sign_in(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: Option<&UserId>,
    method: &'static str,
    reason: &'static str,
) -> Result<()> {
    // `record` appends within a write transaction of its own when the
    // caller has none.
    let mut event = Event::new(Kind::SignInFailed)
        .detail(serde_json::json!({"method": method, "reason": reason}));
    if let Some(user) = user {
        event = event.about(user);
    }
    audit::record(conn, tenant, event)
}

/// Logs a password sign-in that was refused: to a known account (wrong
/// password) or to none (an address without an account, not logged).
pub fn failed_password(conn: &mut DbConn, tenant: &TenantId, user: Option<&UserId>) -> Result<()> {
    let reason = if user.is_some() {
        "wrong_password"
    } else {
        "unknown_account"
    };
    crate::db::write_transaction(conn, |conn| {
        record_failed_sign_in(conn, tenant, user, "password", reason)
    })
}

/// Ends a session its owner signed out of, and logs it.
pub fn sign_out(conn: &mut DbConn, session: &Session) -> Result<bool> {
    crate::db::write_transaction(conn, |conn| {
        let ended = revoke_session(conn, &session.tenant_id, &session.user_id, &session.id)?;
        if ended {
            let detail = serde_json::json!({"session": session.kind});
            audit::record(
                conn,
                &session.tenant_id,
                Event::new(Kind::SignOut)
                    .of(&session.user_id)
                    .detail(detail),
            )?;
        }
        Ok(ended)
    })
}

fn live(session: &Session, lifetimes: SessionLifetimes, at: NaiveDateTime) -> bool {
    session.revoked_at.is_none()
        && session.expires_at > at
        && session.last_seen_at + lifetimes.idle > at
}

/// The live browser session a cookie names, with its person. Touches the
/// session (at most once a minute) so idle time restarts.
pub fn browser_session(
    conn: &mut DbConn,
    tenant: &TenantId,
    secret: &str,
    lifetimes: SessionLifetimes,
) -> Result<Option<(Session, User)>> {
    let hash = tokens::hash(secret);
    let found = direct!(conn, |c| sessions_with_people()
        .filter(sessions::tenant_id.eq(tenant))
        .filter(sessions::token_hash.eq(&hash))
        .filter(sessions::kind.eq(SessionKind::Browser.as_str()))
        .select((Session::as_select(), User::as_select()))
        .first(c)
        .optional())?;
    Ok(if_live(found, lifetimes))
}

/// The live API session an access token names.
pub fn api_session(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &SessionId,
    lifetimes: SessionLifetimes,
) -> Result<Option<(Session, User)>> {
    let found = direct!(conn, |c| sessions_with_people()
        .filter(sessions::tenant_id.eq(tenant))
        .filter(sessions::id.eq(id))
        .filter(sessions::kind.eq(SessionKind::Api.as_str()))
        .select((Session::as_select(), User::as_select()))
        .first(c)
        .optional())?;
    // API sessions are kept alive by refreshing, not by each request.
    let lifetimes = SessionLifetimes {
        idle: lifetimes.absolute,
        ..lifetimes
    };
    Ok(if_live(found, lifetimes))
}

/// Sessions with the people they belong to, in one query: every signed-in
/// request starts here, and two queries were two round trips.
#[diesel::dsl::auto_type]
fn sessions_with_people() -> _ {
    sessions::table.inner_join(
        users::table.on(users::tenant_id
            .eq(sessions::tenant_id)
            .and(users::id.eq(sessions::user_id))),
    )
}

fn if_live(found: Option<(Session, User)>, lifetimes: SessionLifetimes) -> Option<(Session, User)> {
    let at = now();
    found.filter(|(s, _)| live(s, lifetimes, at))
}

/// Whether a session's last use is worth writing down again: at most once
/// a minute, so signed-in reads stay reads.
pub fn seen_long_ago(session: &Session) -> bool {
    now() - session.last_seen_at > Duration::minutes(1)
}

/// Notes that a session was just used (for the idle timeout and the
/// "last used" the account page shows). The caller sends it through group
/// commit: a burst of first requests from many people shares one commit.
pub fn mark_seen(conn: &mut DbConn, session: &Session) -> Result<()> {
    execute_prepared(
        conn,
        diesel::update(sessions::table.find((&session.tenant_id, &session.id)))
            .set(sessions::last_seen_at.eq(now())),
    )?;
    Ok(())
}

/// Why every session of a person ended at once, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndedBecause {
    /// They asked to be signed out everywhere else.
    OwnRequest,
    /// They changed how they sign in (two-step settings).
    SignInChanged,
    /// An admin signed them out.
    Admin,
    /// Their role changed, so sessions holding the old powers end.
    RoleChanged,
}

impl EndedBecause {
    fn as_str(self) -> &'static str {
        match self {
            EndedBecause::OwnRequest => "own_request",
            EndedBecause::SignInChanged => "sign_in_changed",
            EndedBecause::Admin => "admin",
            EndedBecause::RoleChanged => "role_changed",
        }
    }
}

/// Ends every session of `person` (but `keep`, the one in use when they
/// asked themselves) and logs it with who did it and why. Returns how many
/// ended.
pub fn end_sessions(
    conn: &mut DbConn,
    tenant: &TenantId,
    by: Option<&UserId>,
    person: &UserId,
    keep: Option<&SessionId>,
    because: EndedBecause,
) -> Result<usize> {
    crate::db::write_transaction(conn, |conn| {
        let ended = revoke_all_sessions(conn, tenant, person, keep)?;
        let detail = serde_json::json!({
            "everywhere": true,
            "sessions": ended,
            "reason": because.as_str(),
        });
        let mut event = Event::new(Kind::SignOut).about(person).detail(detail);
        if let Some(by) = by {
            event = event.by(by);
        }
        audit::record(conn, tenant, event)?;
        Ok(ended)
    })
}

/// Ends every other session of a person who asked for it themselves, from
/// the session they keep.
pub fn end_other_sessions(
    conn: &mut DbConn,
    user: &User,
    keep: &SessionId,
    because: EndedBecause,
) -> Result<usize> {
    end_sessions(
        conn,
        &user.tenant_id,
        Some(&user.id),
        &user.id,
        Some(keep),
        because,
    )
}

pub fn revoke_session(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
    id: &SessionId,
) -> Result<bool> {
    let n = diesel::update(
        sessions::table
            .find((tenant, id))
            .filter(sessions::user_id.eq(user))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now()))
    .execute(conn)?;
    Ok(n == 1)
}

/// Ends every session of a person, except perhaps the one in use.
pub fn revoke_all_sessions(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
    except: Option<&SessionId>,
) -> Result<usize> {
    let query = sessions::table
        .filter(sessions::tenant_id.eq(tenant))
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null());
    let n = match except {
        Some(keep) => diesel::update(query.filter(sessions::id.ne(keep)))
            .set(sessions::revoked_at.eq(now()))
            .execute(conn)?,
        None => diesel::update(query)
            .set(sessions::revoked_at.eq(now()))
            .execute(conn)?,
    };
    Ok(n)
}

/// Signs a person of this tenant out everywhere, for an admin (ASVS
/// 7.4.5): every browser and API session ends, logged with the admin as
/// actor. `NotFound` for anyone not in this tenant.
pub fn sign_out_everywhere(
    conn: &mut DbConn,
    tenant: &TenantId,
    by: &UserId,
    person: &UserId,
) -> Result<usize> {
    crate::db::write_transaction(conn, |conn| {
        find_user(conn, tenant, person)?.ok_or(Error::NotFound)?;
        end_sessions(conn, tenant, Some(by), person, None, EndedBecause::Admin)
    })
}

/// Ends every session of a place, browser and API alike, but `keep`
/// (the one in use, when the operator asking stands in this place).
/// Access and refresh tokens die with their session, since every request
/// looks its session up. Returns how many ended.
pub fn revoke_place_sessions(
    conn: &mut DbConn,
    tenant: &TenantId,
    keep: Option<&SessionId>,
) -> Result<usize> {
    let live = sessions::table
        .filter(sessions::tenant_id.eq(tenant))
        .filter(sessions::revoked_at.is_null());
    let n = match keep {
        Some(keep) => diesel::update(live.filter(sessions::id.ne(keep)))
            .set(sessions::revoked_at.eq(now()))
            .execute(conn)?,
        None => diesel::update(live)
            .set(sessions::revoked_at.eq(now()))
            .execute(conn)?,
    };
    Ok(n)
}

/// A person's live sessions, newest first.
pub fn active_sessions(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
    lifetimes: SessionLifetimes,
) -> Result<Vec<Session>> {
    let at = now();
    let all: Vec<Session> = sessions::table
        .filter(sessions::tenant_id.eq(tenant))
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(at))
        .order(sessions::created_at.desc())
        .select(Session::as_select())
        .load(conn)?;
    Ok(all
        .into_iter()
        .filter(|s| s.kind == SessionKind::Api.as_str() || live(s, lifetimes, at))
        .collect())
}

/// Exchanges a refresh token for a new one. A token that was already
/// exchanged means someone else holds a copy: the whole session ends.
pub fn rotate_refresh_token(
    conn: &mut DbConn,
    tenant: &TenantId,
    refresh_token: &str,
) -> Result<(Session, User, String)> {
    let hash = tokens::hash(refresh_token.trim());
    // The transaction commits a revocation even when the answer is 401,
    // so refusals are `Ok(None)` inside it.
    let rotated = crate::db::write_transaction(
        conn,
        |conn| -> Result<Option<(Session, User, String)>> {
            let current: Option<Session> = sessions::table
                .filter(sessions::tenant_id.eq(tenant))
                .filter(sessions::token_hash.eq(&hash))
                .filter(sessions::kind.eq(SessionKind::Api.as_str()))
                .select(Session::as_select())
                .first(conn)
                .optional()?;
            let at = now();
            let Some(session) = current else {
                let reused: Option<SessionId> = spent_refresh_tokens::table
                    .find((tenant, &hash))
                    .select(spent_refresh_tokens::session_id)
                    .first(conn)
                    .optional()?;
                if let Some(family) = reused {
                    tracing::warn!(session = %family, "a spent refresh token was presented; ending its session");
                    diesel::update(sessions::table.find((tenant, &family)))
                        .set(sessions::revoked_at.eq(at))
                        .execute(conn)?;
                }
                return Ok(None);
            };
            if session.revoked_at.is_some() || session.expires_at <= at {
                return Ok(None);
            }
            let (secret, new_hash) = tokens::opaque();
            // Only the holder of the current token can rotate it, once.
            let rotated = diesel::update(
                sessions::table
                    .find((tenant, &session.id))
                    .filter(sessions::token_hash.eq(&hash)),
            )
            .set((
                sessions::token_hash.eq(&new_hash),
                sessions::last_seen_at.eq(at),
            ))
            .execute(conn)?;
            if rotated != 1 {
                return Ok(None);
            }
            diesel::insert_into(spent_refresh_tokens::table)
                .values((
                    spent_refresh_tokens::tenant_id.eq(tenant),
                    spent_refresh_tokens::token_hash.eq(&hash),
                    spent_refresh_tokens::session_id.eq(&session.id),
                    spent_refresh_tokens::spent_at.eq(at),
                ))
                .execute(conn)?;
            Ok(find_user(conn, tenant, &session.user_id)?.map(|user| (session, user, secret)))
        },
    )?;
    rotated.ok_or(Error::Unauthorized)
}

/// Sends a reset link if the address has an account; says nothing either
/// way, so nobody can learn who has an account.
pub fn request_password_reset(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    email: &Email,
) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        if let Some(user) = find_by_email(conn, &tenant.id, email)? {
            send_link(
                conn,
                tenant,
                base_url,
                &user,
                LinkPurpose::ResetPassword,
                None,
            )?;
        }
        Ok(())
    })
}

/// Sets a new password from a reset (or set-password) link. Every session
/// ends: whoever knew the old password is signed out. Using the link also
/// proves the address.
pub fn reset_password(
    conn: &mut DbConn,
    tenant: &TenantId,
    token: &str,
    purpose: LinkPurpose,
    new_hash: &str,
) -> Result<User> {
    crate::db::write_transaction(conn, |conn| {
        let (_, user) = consume_link(conn, tenant, token, purpose)?;
        set_password_hash(conn, &user, new_hash)?;
        mark_verified(conn, &user)?;
        revoke_all_sessions(conn, tenant, &user.id, None)?;
        let detail = serde_json::json!({"link": purpose.as_str()});
        audit::record(
            conn,
            tenant,
            Event::new(Kind::PasswordReset).of(&user.id).detail(detail),
        )?;
        find_user(conn, tenant, &user.id)?.ok_or(Error::NotFound)
    })
}

/// Changes a password the person confirmed with their current one; other
/// sessions end when they ask (`keep` is the one in use).
pub fn change_password(
    conn: &mut DbConn,
    user: &User,
    hash: &str,
    keep: Option<&SessionId>,
) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        set_password_hash(conn, user, hash)?;
        if let Some(keep) = keep {
            revoke_all_sessions(conn, &user.tenant_id, &user.id, Some(keep))?;
        }
        let detail = serde_json::json!({"signed_out_elsewhere": keep.is_some()});
        audit::record(
            conn,
            &user.tenant_id,
            Event::new(Kind::PasswordChanged)
                .of(&user.id)
                .detail(detail),
        )
    })
}

pub fn set_password_hash(conn: &mut DbConn, user: &User, hash: &str) -> Result<()> {
    diesel::update(users::table.find((&user.tenant_id, &user.id)))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// Asks to move an account to a new address: a link goes to the new
/// address, and the old one is told.
pub fn request_email_change(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    user: &User,
    new_email: &Email,
) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        if new_email.as_str() == user.email {
            return Err(Error::field(
                "email",
                "unchanged",
                Words::of("accounts-error-email-unchanged"),
            ));
        }
        if find_by_email(conn, &tenant.id, new_email)?.is_some() {
            return Err(Error::field(
                "email",
                "email_taken",
                Words::of("accounts-error-email-used"),
            ));
        }
        send_link(
            conn,
            tenant,
            base_url,
            user,
            LinkPurpose::ChangeEmail,
            Some(new_email),
        )?;
        let notice = emails::email_change_requested(tenant, user, new_email)?;
        crate::mail::service::queue(conn, &tenant.id, notice)?;
        Ok(())
    })
}

pub fn confirm_email_change(conn: &mut DbConn, tenant: &TenantId, token: &str) -> Result<User> {
    crate::db::write_transaction(conn, |conn| {
        let (link, user) = consume_link(conn, tenant, token, LinkPurpose::ChangeEmail)?;
        let new_email = link.new_email.ok_or_else(invalid_link)?;
        let parsed = Email::parse(&new_email).map_err(|_| invalid_link())?;
        if find_by_email(conn, tenant, &parsed)?.is_some() {
            return Err(email_taken());
        }
        diesel::update(users::table.find((tenant, &user.id)))
            .set((
                users::email.eq(parsed.as_str()),
                users::email_verified_at.eq(now()),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
        // Never the addresses themselves: the log outlives them.
        audit::record(conn, tenant, Event::new(Kind::EmailChanged).of(&user.id))?;
        find_user(conn, tenant, &user.id)?.ok_or(Error::NotFound)
    })
}

/// Marks an authenticator key sealed under its person's data key, as
/// `users.totp_secret` and `sessions.pending_totp_secret` hold it. Keys
/// written before sealing are bare base32 (32 characters, never this
/// prefix) and are sealed at start-up or on their next use.
const SEALED_TOTP: &str = "sealed:";

/// The associated data of a sealed authenticator key: what it is and
/// whose, so a sealed key copied onto another row does not open.
fn totp_aad(tenant: &TenantId, user: &UserId) -> Vec<u8> {
    format!("totp-secret|{tenant}|{user}").into_bytes()
}

/// Seals an authenticator key under its person's data key in the key
/// store, so a backup of the database alone holds no usable second factor.
pub fn seal_totp_secret(
    keys: &KeyStore,
    tenant: &TenantId,
    user: &UserId,
    secret: &super::second_factor::TotpSecret,
) -> Result<String> {
    use base64::Engine;
    let sealed = keys.encrypt_for(tenant, user, secret.as_bytes(), &totp_aad(tenant, user))?;
    Ok(format!(
        "{SEALED_TOTP}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sealed)
    ))
}

/// Opens a stored authenticator key: sealed, or bare base32 from before
/// keys were sealed.
pub fn open_totp_secret(
    keys: &KeyStore,
    tenant: &TenantId,
    user: &UserId,
    stored: &str,
) -> Result<super::second_factor::TotpSecret> {
    use super::second_factor::TotpSecret;
    use base64::Engine;
    let Some(encoded) = stored.strip_prefix(SEALED_TOTP) else {
        return Ok(TotpSecret::from_base32(stored)?);
    };
    let sealed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| Error::Internal("a sealed authenticator key is not base64url".into()))?;
    let plain = keys.decrypt_for(tenant, user, &sealed, &totp_aad(tenant, user))?;
    Ok(TotpSecret::from_bytes(&plain)?)
}

/// Whether a stored authenticator key is sealed (not plaintext).
pub fn is_sealed_totp_secret(stored: &str) -> bool {
    stored.starts_with(SEALED_TOTP)
}

/// Seals one plaintext key in place; the conditional update leaves a row
/// that changed meanwhile alone.
fn reseal_totp_secret(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    user: &UserId,
    plaintext: &str,
) -> Result<bool> {
    let secret = super::second_factor::TotpSecret::from_base32(plaintext)?;
    let sealed = seal_totp_secret(keys, tenant, user, &secret)?;
    let n = diesel::update(
        users::table
            .find((tenant, user))
            .filter(users::totp_secret.eq(plaintext)),
    )
    .set(users::totp_secret.eq(sealed))
    .execute(conn)?;
    Ok(n == 1)
}

/// Seals every authenticator key still stored in plaintext by a version
/// before keys were sealed; run at start-up. Returns how many it sealed. A
/// key that does not parse is left as it is (and logged): it could not be
/// used to sign in anyway.
pub fn seal_plaintext_totp_secrets(conn: &mut DbConn, keys: &KeyStore) -> Result<usize> {
    let plain: Vec<(TenantId, UserId, Option<String>)> = users::table
        .filter(users::totp_secret.is_not_null())
        .filter(users::totp_secret.not_like(format!("{SEALED_TOTP}%")))
        .select((users::tenant_id, users::id, users::totp_secret))
        .load(conn)?;
    let mut sealed = 0;
    for (tenant, user, stored) in plain {
        let Some(stored) = stored else { continue };
        match reseal_totp_secret(conn, keys, &tenant, &user, &stored) {
            Ok(true) => sealed += 1,
            Ok(false) => {}
            Err(Error::Internal(why)) => {
                tracing::warn!(tenant_id = %tenant, user_id = %user, "authenticator key left unsealed: {why}");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(sealed)
}

/// The authenticator key the session is setting up: the one kept with the
/// session, or a new one, sealed and kept from now on. The key never
/// travels through a form, so it is always one the server made.
pub fn pending_totp_secret(
    conn: &mut DbConn,
    keys: &KeyStore,
    session: &Session,
) -> Result<super::second_factor::TotpSecret> {
    let (tenant, user) = (&session.tenant_id, &session.user_id);
    let stored: Option<String> = sessions::table
        .find((tenant, &session.id))
        .select(sessions::pending_totp_secret)
        .first(conn)?;
    if let Some(stored) = stored {
        return open_totp_secret(keys, tenant, user, &stored);
    }
    let secret = super::second_factor::TotpSecret::generate()?;
    let sealed = seal_totp_secret(keys, tenant, user, &secret)?;
    let kept = diesel::update(
        sessions::table
            .find((tenant, &session.id))
            .filter(sessions::pending_totp_secret.is_null()),
    )
    .set(sessions::pending_totp_secret.eq(&sealed))
    .execute(conn)?;
    if kept == 1 {
        return Ok(secret);
    }
    // Another request of this session kept one first: use that.
    let stored: Option<String> = sessions::table
        .find((tenant, &session.id))
        .select(sessions::pending_totp_secret)
        .first(conn)?;
    let stored = stored.ok_or_else(|| Error::Internal("the pending key vanished".into()))?;
    open_totp_secret(keys, tenant, user, &stored)
}

/// The key a session set up, if it kept one (for turning two-step on).
pub fn kept_totp_secret(
    conn: &mut DbConn,
    keys: &KeyStore,
    session: &Session,
) -> Result<Option<super::second_factor::TotpSecret>> {
    let stored: Option<String> = sessions::table
        .find((&session.tenant_id, &session.id))
        .select(sessions::pending_totp_secret)
        .first(conn)?;
    stored
        .map(|s| open_totp_secret(keys, &session.tenant_id, &session.user_id, &s))
        .transpose()
}

/// Stores a confirmed second factor, sealed, and its recovery codes
/// (hashed); keys other sessions were setting up are dropped.
pub fn enable_second_factor(
    conn: &mut DbConn,
    keys: &KeyStore,
    user: &User,
    secret: &super::second_factor::TotpSecret,
    step: u64,
    recovery_code_hashes: &[String],
) -> Result<()> {
    let sealed = seal_totp_secret(keys, &user.tenant_id, &user.id, secret)?;
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find((&user.tenant_id, &user.id)))
            .set((
                users::totp_secret.eq(&sealed),
                users::totp_last_step.eq(step as i64),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
        diesel::update(
            sessions::table
                .filter(sessions::tenant_id.eq(&user.tenant_id))
                .filter(sessions::user_id.eq(&user.id)),
        )
        .set(sessions::pending_totp_secret.eq(None::<String>))
        .execute(conn)?;
        replace_recovery_codes(conn, user, recovery_code_hashes)?;
        audit::record(
            conn,
            &user.tenant_id,
            Event::new(Kind::TwoStepOn).of(&user.id),
        )
    })
}

pub fn replace_recovery_codes(conn: &mut DbConn, user: &User, hashes: &[String]) -> Result<()> {
    diesel::delete(
        recovery_codes::table
            .filter(recovery_codes::tenant_id.eq(&user.tenant_id))
            .filter(recovery_codes::user_id.eq(&user.id)),
    )
    .execute(conn)?;
    for hash in hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::tenant_id.eq(&user.tenant_id),
                recovery_codes::user_id.eq(&user.id),
                recovery_codes::code_hash.eq(hash),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn disable_second_factor(conn: &mut DbConn, user: &User) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find((&user.tenant_id, &user.id)))
            .set((
                users::totp_secret.eq(None::<String>),
                users::totp_last_step.eq(None::<i64>),
                users::updated_at.eq(now()),
            ))
            .execute(conn)?;
        replace_recovery_codes(conn, user, &[])?;
        audit::record(
            conn,
            &user.tenant_id,
            Event::new(Kind::TwoStepOff).of(&user.id),
        )
    })
}

/// Records the time step of an accepted code so it cannot be replayed. The
/// conditional update makes two concurrent uses of one code fail.
pub fn record_totp_step(conn: &mut DbConn, user: &User, step: u64) -> Result<bool> {
    let step = step as i64;
    let n = diesel::update(
        users::table.find((&user.tenant_id, &user.id)).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)?;
    Ok(n == 1)
}

/// Uses up a recovery code; true if it was valid and unused.
pub fn use_recovery_code(conn: &mut DbConn, user: &User, code_hash: &str) -> Result<bool> {
    let n = diesel::update(
        recovery_codes::table
            .find((&user.tenant_id, &user.id, code_hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(now()))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn unused_recovery_codes(conn: &mut DbConn, user: &User) -> Result<i64> {
    Ok(recovery_codes::table
        .filter(recovery_codes::tenant_id.eq(&user.tenant_id))
        .filter(recovery_codes::user_id.eq(&user.id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The account `coproduce user create` asks for.
pub struct Provision {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub platform_operator: bool,
}

/// What `coproduce user create` did.
pub enum Provisioned {
    /// A new account; `invited` when a set-password email was queued.
    Created { user: User, invited: bool },
    /// The account existed; its role is now the one asked for.
    RoleChanged { user: User, from: Role },
}

/// Creates an account for someone (from the command line), or changes the
/// role of an existing one. With a password hash the account is ready to
/// use and its address counts as confirmed (the operator vouches for it);
/// without one, a set-password invitation is queued.
pub fn provision(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    account: &Provision,
    password_hash: Option<&str>,
) -> Result<Provisioned> {
    let Provision {
        email,
        display_name,
        role,
        platform_operator,
    } = account;
    let (role, platform_operator) = (*role, *platform_operator);
    crate::db::write_transaction(conn, |conn| {
        if let Some(existing) = find_by_email(conn, &tenant.id, email)? {
            let from = existing.role();
            diesel::update(users::table.find((&tenant.id, &existing.id)))
                .set((
                    users::role.eq(role.as_str()),
                    users::platform_operator.eq(platform_operator || existing.platform_operator),
                    users::updated_at.eq(now()),
                ))
                .execute(conn)?;
            if from != role {
                end_sessions(
                    conn,
                    &tenant.id,
                    None,
                    &existing.id,
                    None,
                    EndedBecause::RoleChanged,
                )?;
            }
            let user = find_user(conn, &tenant.id, &existing.id)?.ok_or(Error::NotFound)?;
            let detail = serde_json::json!({
                "from": from.as_str(),
                "to": role.as_str(),
                "platform_operator": user.platform_operator,
                "via": "provision",
            });
            audit::record(
                conn,
                &tenant.id,
                Event::new(Kind::RoleChanged).about(&user.id).detail(detail),
            )?;
            return Ok(Provisioned::RoleChanged { user, from });
        }
        let id = UserId::new();
        let at = now();
        diesel::insert_into(users::table)
            .values(NewUser {
                tenant_id: &tenant.id,
                id: &id,
                email: email.as_str(),
                email_verified_at: password_hash.map(|_| at),
                password_hash,
                display_name,
                role: role.as_str(),
                platform_operator,
                created_at: at,
                updated_at: at,
                language: None,
            })
            .execute(conn)?;
        let user = find_user(conn, &tenant.id, &id)?.ok_or(Error::NotFound)?;
        let invited = password_hash.is_none();
        if invited {
            send_link(
                conn,
                tenant,
                base_url,
                &user,
                LinkPurpose::SetPassword,
                None,
            )?;
        }
        let detail = serde_json::json!({
            "role": role.as_str(),
            "platform_operator": platform_operator,
            "invited": invited,
        });
        audit::record(
            conn,
            &tenant.id,
            Event::new(Kind::AccountProvisioned)
                .about(&id)
                .detail(detail),
        )?;
        Ok(Provisioned::Created { user, invited })
    })
}

/// Checks a second-factor code: six digits from the person's app, or one
/// of their recovery codes. A code is accepted once. A key still stored in
/// plaintext is sealed once it has proved itself.
pub fn check_second_factor(
    conn: &mut DbConn,
    keys: &KeyStore,
    user: &User,
    code: &str,
) -> Result<bool> {
    use super::second_factor as sf;
    let Some(stored) = user.totp_secret.as_deref() else {
        return Ok(false);
    };
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let secret = open_totp_secret(keys, &user.tenant_id, &user.id, stored)?;
        let now = Utc::now().timestamp().max(0) as u64;
        let last = user.totp_last_step.map(|s| s.max(0) as u64);
        let Some(step) = sf::verify(&secret, &digits, now, last) else {
            return Ok(false);
        };
        let accepted = record_totp_step(conn, user, step)?;
        if accepted && !is_sealed_totp_secret(stored) {
            reseal_totp_secret(conn, keys, &user.tenant_id, &user.id, stored)?;
        }
        return Ok(accepted);
    }
    use_recovery_code(conn, user, &sf::hash_recovery_code(code))
}

/// How many unused recovery codes are of the short kind handed out before
/// codes grew to 24 symbols (their owner is asked to make new ones).
pub fn unused_legacy_recovery_codes(conn: &mut DbConn, user: &User) -> Result<i64> {
    Ok(recovery_codes::table
        .filter(recovery_codes::tenant_id.eq(&user.tenant_id))
        .filter(recovery_codes::user_id.eq(&user.id))
        .filter(recovery_codes::used_at.is_null())
        .filter(
            recovery_codes::code_hash
                .not_like(format!("{}%", super::second_factor::RECOVERY_HASH_PREFIX)),
        )
        .count()
        .get_result(conn)?)
}

/// Ends the second step of signing in. A right code gives a new session
/// with a new secret (returned, for the cookie) and revokes the
/// half-signed-in one, whose secret travelled before the second factor
/// was proved (ASVS 7.2.4); a wrong one gives `None`.
pub fn finish_second_factor(
    conn: &mut DbConn,
    keys: &KeyStore,
    session: &Session,
    user: &User,
    code: &str,
    lifetimes: SessionLifetimes,
) -> Result<Option<(Session, String)>> {
    crate::db::write_transaction(conn, |conn| {
        if !check_second_factor(conn, keys, user, code)? {
            record_failed_sign_in(
                conn,
                &user.tenant_id,
                Some(&user.id),
                "second_factor",
                "wrong_code",
            )?;
            return Ok(None);
        }
        if !revoke_session(conn, &user.tenant_id, &user.id, &session.id)? {
            // Signed out (or ended elsewhere) while the code was typed.
            return Ok(None);
        }
        let kind = if session.kind == SessionKind::Api.as_str() {
            SessionKind::Api
        } else {
            SessionKind::Browser
        };
        let started = start_session(conn, user, kind, &session.user_agent, true, lifetimes)?;
        let detail = serde_json::json!({"method": "second_factor", "session": session.kind});
        audit::record(
            conn,
            &user.tenant_id,
            Event::new(Kind::SignIn).of(&user.id).detail(detail),
        )?;
        Ok(Some(started))
    })
}

/// Sends a sign-in link if the address has an account; silent otherwise.
pub fn request_sign_in_link(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    email: &Email,
) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        if let Some(user) = find_by_email(conn, &tenant.id, email)? {
            send_link(conn, tenant, base_url, &user, LinkPurpose::SignIn, None)?;
        }
        Ok(())
    })
}

/// Uses a sign-in link. Following it also proves the address.
pub fn use_sign_in_link(conn: &mut DbConn, tenant: &TenantId, token: &str) -> Result<User> {
    crate::db::write_transaction(conn, |conn| {
        let (_, user) = consume_link(conn, tenant, token, LinkPurpose::SignIn)?;
        mark_verified(conn, &user)?;
        find_user(conn, tenant, &user.id)?.ok_or(Error::NotFound)
    })
}

diesel::define_sql_function! {
    /// Lowercases text the same way on both backends, for searches.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// One page of the tenant's accounts, optionally matching a search on name
/// or email, with the total count; oldest first so pages are stable.
pub fn list_people(
    conn: &mut DbConn,
    tenant: &TenantId,
    search: Option<&str>,
    paging: crate::http::pagination::Paging,
) -> Result<(Vec<User>, i64)> {
    let pattern = search
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{}%", s.to_lowercase().replace(['%', '_'], "")));
    let filtered = || {
        let mut q = users::table
            .filter(users::tenant_id.eq(tenant))
            .into_boxed();
        if let Some(p) = &pattern {
            q = q.filter(
                lower(users::display_name)
                    .like(p.clone())
                    .or(users::email.like(p.clone())),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let people = filtered()
        .order((users::created_at.asc(), users::id.asc()))
        .limit(paging.limit())
        .offset(paging.offset())
        .select(User::as_select())
        .load(conn)?;
    Ok((people, total))
}

/// Gives someone a role. A tenant always keeps at least one admin, so an
/// admin cannot remove the last admin (themselves included).
pub fn change_role(
    conn: &mut DbConn,
    tenant: &TenantId,
    by: &UserId,
    person: &UserId,
    role: Role,
) -> Result<User> {
    crate::db::write_transaction(conn, |conn| {
        let user = find_user(conn, tenant, person)?.ok_or(Error::NotFound)?;
        if user.role() == Role::Admin && role != Role::Admin {
            let admins: i64 = users::table
                .filter(users::tenant_id.eq(tenant))
                .filter(users::role.eq(Role::Admin.as_str()))
                .count()
                .get_result(conn)?;
            if admins <= 1 {
                return Err(Error::conflict(
                    "last_admin",
                    Words::of("accounts-error-last-admin"),
                ));
            }
        }
        diesel::update(users::table.find((tenant, person)))
            .set((users::role.eq(role.as_str()), users::updated_at.eq(now())))
            .execute(conn)?;
        let detail = serde_json::json!({"from": user.role().as_str(), "to": role.as_str()});
        audit::record(
            conn,
            tenant,
            Event::new(Kind::RoleChanged)
                .by(by)
                .about(person)
                .detail(detail),
        )?;
        // Sessions started under the old role end (ASVS 7.4.5): a demoted
        // admin keeps no admin session, and everyone signs in afresh.
        if user.role() != role {
            end_sessions(
                conn,
                tenant,
                Some(by),
                person,
                None,
                EndedBecause::RoleChanged,
            )?;
        }
        find_user(conn, tenant, person)?.ok_or(Error::NotFound)
    })
}
