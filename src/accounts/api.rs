//! The accounts API (`/api/v1/auth/*`, `/api/v1/me`): JSON in and out,
//! bearer access tokens and rotating refresh tokens.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{LinkPurpose, SessionKind, User};
use super::password::Password;
use super::service;
use super::tokens::ACCESS_TOKEN_SECONDS;
use crate::error::{Error, Result, Words};
use crate::http::auth::{ApiUser, PublicOrigin};
use crate::http::extract::Tenant;
use crate::http::rate_limit::Action;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/auth/register").post(register))
        .service(web::resource("/api/v1/auth/login").post(login))
        .service(web::resource("/api/v1/auth/refresh").post(refresh))
        .service(web::resource("/api/v1/auth/logout").post(logout))
        .service(web::resource("/api/v1/auth/verify-email").post(verify_email))
        .service(web::resource("/api/v1/auth/password-reset").post(password_reset))
        .service(web::resource("/api/v1/auth/password-reset/confirm").post(password_reset_confirm))
        // One resource per path: a second registration would never see the
        // other methods. Erasure lives with the rest of "my data".
        .service(
            web::resource("/api/v1/me")
                .get(me)
                .delete(crate::mydata::api::erase),
        );
}

fn origin(req: &HttpRequest) -> Result<PublicOrigin> {
    use actix_web::HttpMessage;
    req.extensions()
        .get::<PublicOrigin>()
        .cloned()
        .ok_or(Error::UnknownHost)
}

/// An account as its owner sees it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub email_verified: bool,
    pub role: super::Role,
}

impl From<&User> for Account {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.to_string(),
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            email_verified: u.email_verified(),
            role: u.role(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    pub display_name: String,
}

/// Create an account. A verification email is queued.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Created", body = Account),
        (status = 409, description = "The email already has an account here", body = crate::http::problem::Problem),
        (status = 422, description = "Invalid fields", body = crate::http::problem::Problem),
    ))]
pub async fn register(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> Result<HttpResponse> {
    let registration =
        service::parse_registration(&body.email, &body.password, &body.display_name)?;
    let client = state.rate_limits.client(&req);
    state
        .rate_limits
        .check(&tenant.id, Action::Register, client, None)?;
    let hash = state.hasher.hash(registration.password.clone()).await?;
    let base = origin(&req)?.base_url;
    let user = state
        .db(move |conn| {
            service::register(
                conn,
                &tenant,
                &base,
                &registration.email,
                &registration.display_name,
                &hash,
                None,
            )
        })
        .await?;
    tracing::info!(user = %user.id, "account registered");
    Ok(HttpResponse::Created()
        .insert_header(("Location", "/api/v1/me"))
        .json(Account::from(&user)))
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// For accounts with two-step sign-in: the app's 6-digit code or a
    /// recovery code. Without it such an account gets 403
    /// `second_factor_required`.
    #[serde(default)]
    pub code: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

fn pair(
    state: &AppState,
    user: &User,
    session: &super::model::Session,
    refresh: String,
) -> TokenPair {
    TokenPair {
        access_token: state
            .access_keys
            .issue(&user.tenant_id, &user.id, &session.id),
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
    }
}

/// Sign in. Unknown email and wrong password give the same answer.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenPair),
        (status = 401, description = "Wrong email, password or code", body = crate::http::problem::Problem),
        (status = 403, description = "The account needs its second-factor code", body = crate::http::problem::Problem),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse> {
    let client = state.rate_limits.client(&req);
    state
        .rate_limits
        .check(&tenant.id, Action::SignIn, client, Some(&body.email))?;
    let user = match service::parse_email(&body.email) {
        Ok(email) => {
            let tenant_id = tenant.id.clone();
            state
                .db(move |conn| service::find_by_email(conn, &tenant_id, &email))
                .await?
        }
        Err(_) => None,
    };
    let given = Password::given(&body.password).map_err(|e| Error::Validation(vec![e]))?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = state.hasher.verify(given, stored).await?;
    let user_id = user.as_ref().map(|u| &u.id);
    state
        .rate_limits
        .record_sign_in(&tenant.id, client, &body.email, user_id, ok);
    let known = user_id.cloned();
    let Some(user) = user.filter(|_| ok) else {
        let tenant = tenant.id.clone();
        state
            .db(move |conn| service::failed_password(conn, &tenant, known.as_ref()))
            .await?;
        return Err(Error::Unauthorized);
    };
    if user.has_second_factor() {
        let Some(code) = body.code.clone() else {
            return Err(Error::SecondFactorRequired);
        };
        let for_check = user.clone();
        let keys = state.keys.clone();
        let accepted = state
            .db(move |conn| {
                crate::db::write_transaction(conn, |conn| {
                    let accepted = service::check_second_factor(conn, &keys, &for_check, &code)?;
                    if !accepted {
                        let (tenant, who) = (&for_check.tenant_id, Some(&for_check.id));
                        service::record_failed_sign_in(
                            conn,
                            tenant,
                            who,
                            "password_and_code",
                            "wrong_code",
                        )?;
                    }
                    Ok::<_, Error>(accepted)
                })
            })
            .await?;
        if !accepted {
            // Wrong codes count as failed sign-ins, so codes cannot be guessed.
            tracing::warn!(user = %user.id, "API sign-in refused: wrong second factor");
            state.rate_limits.record_sign_in(
                &tenant.id,
                client,
                &body.email,
                Some(&user.id),
                false,
            );
            return Err(Error::Unauthorized);
        }
    }
    let agent = req
        .headers()
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("API client")
        .to_owned();
    let lifetimes = state.session_lifetimes();
    let for_session = user.clone();
    let method = if user.has_second_factor() {
        "password_and_code"
    } else {
        "password"
    };
    let (session, refresh) = state
        .db(move |conn| {
            let kind = SessionKind::Api;
            service::sign_in(conn, &for_session, kind, &agent, true, lifetimes, method)
        })
        .await?;
    tracing::info!(user = %user.id, "signed in through the API");
    Ok(HttpResponse::Ok().json(pair(&state, &user, &session, refresh)))
}

#[derive(Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Exchange a refresh token for a new pair. The old refresh token stops
/// working; presenting it again ends the session.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "accounts", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new pair", body = TokenPair),
        (status = 401, description = "Unknown, spent or expired refresh token", body = crate::http::problem::Problem),
    ))]
pub async fn refresh(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse> {
    let tenant_id = tenant.id.clone();
    let token = body.refresh_token.clone();
    let (session, user, secret) = state
        .db(move |conn| service::rotate_refresh_token(conn, &tenant_id, &token))
        .await?;
    Ok(HttpResponse::Ok().json(pair(&state, &user, &session, secret)))
}

/// Sign out: the session's access and refresh tokens stop working.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 204, description = "Signed out"), (status = 401, description = "Not signed in", body = crate::http::problem::Problem)))]
pub async fn logout(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let session = caller.session.clone();
    state
        .db(move |conn| service::sign_out(conn, &session))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    pub token: String,
}

/// Confirm an email address with the token from the verification email.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "accounts", request_body = TokenRequest,
    responses((status = 204, description = "Confirmed"), (status = 400, description = "Expired or used link", body = crate::http::problem::Problem)))]
pub async fn verify_email(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse> {
    let tenant_id = tenant.id.clone();
    let token = body.token.clone();
    state
        .db(move |conn| service::verify_email(conn, &tenant_id, &token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct ResetRequest {
    pub email: String,
}

/// Ask for a password-reset email. Always 202, so nobody can learn who has
/// an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way"), (status = 422, description = "Not an email address", body = crate::http::problem::Problem)))]
pub async fn password_reset(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
    body: web::Json<ResetRequest>,
) -> Result<HttpResponse> {
    let client = state.rate_limits.client(&req);
    state
        .rate_limits
        .check(&tenant.id, Action::PasswordReset, client, Some(&body.email))?;
    let email = service::parse_email(&body.email).map_err(|e| Error::Validation(vec![e]))?;
    let base = origin(&req)?.base_url;
    state
        .db(move |conn| service::request_password_reset(conn, &tenant, &base, &email))
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct ResetConfirmRequest {
    pub token: String,
    pub new_password: String,
}

/// Set a new password with the token from the reset email. Every session
/// of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = ResetConfirmRequest,
    responses((status = 204, description = "Password changed"), (status = 400, description = "Expired or used link", body = crate::http::problem::Problem),
        (status = 422, description = "Password too weak", body = crate::http::problem::Problem)))]
pub async fn password_reset_confirm(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<ResetConfirmRequest>,
) -> Result<HttpResponse> {
    let tenant_id = tenant.id.clone();
    let token = body.token.clone();
    let owner = state
        .db(move |conn| {
            service::link_owner(conn, &tenant_id, &token, &[LinkPurpose::ResetPassword])
        })
        .await?
        .ok_or_else(|| {
            Error::bad_request("invalid_link", Words::of("accounts-error-link-expired"))
        })?;
    // The person's own address and name make guessable passwords too.
    let context = [owner.email.as_str(), owner.display_name.as_str()];
    let password = Password::parse_new(&body.new_password, &context).map_err(|mut e| {
        e.field = "new_password".into();
        Error::Validation(vec![e])
    })?;
    let hash = state.hasher.hash(password).await?;
    let tenant_id = tenant.id.clone();
    let token = body.token.clone();
    state
        .db(move |conn| {
            service::reset_password(conn, &tenant_id, &token, LinkPurpose::ResetPassword, &hash)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's account and their whole profile.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub account: Account,
    pub profile: crate::profiles::ProfileView,
}

/// The caller's account and profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, description = "The caller's account and profile", body = Me), (status = 401, description = "Not signed in", body = crate::http::problem::Problem)))]
pub async fn me(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let user = caller.user.clone();
    let profile = state
        .db(move |conn| {
            crate::profiles::service::view(conn, &user.tenant_id, &user.id, Some(&user))
        })
        .await?
        .ok_or(Error::NotFound)?;
    Ok(HttpResponse::Ok().json(Me {
        account: Account::from(&caller.user),
        profile,
    }))
}
