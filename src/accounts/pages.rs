//! Account pages: register, sign in and out, confirm an email address,
//! forgotten and new passwords, and "your account" with its sessions.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{LinkPurpose, Session, SessionKind};
use super::password::Password;
use super::service;
use crate::error::{Error, Result};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::rate_limit::Action;
use crate::http::render::{self, safe_next, see_other, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/register").get(register_form).post(register))
        .service(web::resource("/sign-in").get(sign_in_form).post(sign_in))
        .service(web::resource("/sign-out").post(sign_out))
        .service(
            web::resource("/sign-in/email-link")
                .get(email_link_form)
                .post(email_link),
        )
        .service(web::resource("/sign-in/link").get(link_form).post(use_link))
        .service(
            web::resource("/sign-in/second-factor")
                .get(second_factor_form)
                .post(second_factor),
        )
        .service(
            web::resource("/account/two-factor")
                .get(two_factor)
                .post(enable_two_factor),
        )
        .service(web::resource("/account/two-factor/disable").post(disable_two_factor))
        .service(web::resource("/account/two-factor/recovery-codes").post(new_recovery_codes))
        .service(web::resource("/verify-email").get(verify_form).post(verify))
        .service(
            web::resource("/forgot-password")
                .get(forgot_form)
                .post(forgot),
        )
        .service(web::resource("/reset-password").get(reset_form).post(reset))
        .service(web::resource("/account").get(account))
        .service(web::resource("/account/verification").post(resend_verification))
        .service(web::resource("/account/password").post(change_password))
        .service(web::resource("/account/email").post(change_email))
        .service(
            web::resource("/account/email/confirm")
                .get(confirm_email_form)
                .post(confirm_email),
        )
        .service(web::resource("/account/sessions/end-others").post(end_other_sessions))
        .service(web::resource("/account/sessions/{id}/end").post(end_session));
}

fn user_agent(req: &HttpRequest) -> String {
    req.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown device")
        .to_owned()
}

/// Signs the browser in: a new session (and cookie) every time, so a
/// session id planted before sign-in is worthless after it. `method` is
/// how the person proved who they are, for the audit log.
async fn start_browser_session(
    state: &AppState,
    page: &Page,
    user: super::model::User,
    agent: String,
    method: &'static str,
) -> Result<HttpResponse> {
    // With a second factor, the session only counts once the code is given.
    let fully = !user.has_second_factor();
    let lifetimes = state.session_lifetimes();
    let previous = page.signed_in.as_ref().map(|(s, _)| s.id.clone());
    let tenant = page.tenant.id.clone();
    let user_id = user.id.clone();
    let (_, secret) = state
        .db(move |conn| {
            if let Some(old) = previous {
                service::revoke_session(conn, &tenant, &user_id, &old)?;
            }
            let kind = SessionKind::Browser;
            service::sign_in(conn, &user, kind, &agent, fully, lifetimes, method)
        })
        .await?;
    let cookie = page.origin.cookie(page.origin.session_cookie(), secret);
    let mut res = HttpResponse::SeeOther();
    res.cookie(cookie);
    Ok(res.finish())
}

// ---- register -------------------------------------------------------------

#[derive(Deserialize, Default)]
struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage<'a> {
    chrome: Chrome,
    email: &'a str,
    display_name: &'a str,
    errors: FormErrors,
}

async fn register_form(page: Page) -> Result<HttpResponse> {
    if page.user().is_some() {
        return Ok(see_other("/account"));
    }
    render::page(&RegisterPage {
        chrome: page.chrome(),
        email: "",
        display_name: "",
        errors: FormErrors::default(),
    })
}

async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<RegisterForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let show = |errors: FormErrors| {
        render::page_with_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            &RegisterPage {
                chrome: page.chrome(),
                email: &form.email,
                display_name: &form.display_name,
                errors,
            },
        )
    };
    let registration =
        match service::parse_registration(&form.email, &form.password, &form.display_name) {
            Ok(r) => r,
            Err(e) => return show(FormErrors::from_error(e)?),
        };
    let client = state.rate_limits.client(&req);
    state
        .rate_limits
        .check(&page.tenant.id, Action::Register, client, None)?;
    let hash = state.hasher.hash(registration.password.clone()).await?;
    let tenant = page.tenant.clone();
    let base = page.origin.base_url.clone();
    let email = registration.email.clone();
    let name = registration.display_name.clone();
    let created = state
        .db(move |conn| service::register(conn, &tenant, &base, &email, &name, &hash))
        .await;
    let user = match created {
        Ok(user) => user,
        Err(Error::Conflict { message, .. }) => {
            return show(FormErrors::one("email", "email_taken", message))
        }
        Err(e) => return Err(e),
    };
    tracing::info!(user = %user.id, "account registered");
    let agent = user_agent(&req);
    let mut res = start_browser_session(&state, &page, user, agent, "registration").await?;
    res.headers_mut().insert(
        actix_web::http::header::LOCATION,
        actix_web::http::header::HeaderValue::from_static("/account?done=registered"),
    );
    Ok(res)
}

// ---- sign in and out ------------------------------------------------------

#[derive(Deserialize, Default)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage<'a> {
    chrome: Chrome,
    email: &'a str,
    next: &'a str,
    notice: Option<&'static str>,
    errors: FormErrors,
}

async fn sign_in_form(page: Page, query: web::Query<NextQuery>) -> Result<HttpResponse> {
    let next = safe_next(query.next.as_deref());
    if page.user().is_some() {
        return Ok(see_other(&next));
    }
    let notice = match query.done.as_deref() {
        Some("signed_out") => Some("You have signed out."),
        Some("password_reset") => Some("Your password has been changed and you have been signed out everywhere. Sign in with your new password."),
        _ => None,
    };
    render::page(&SignInPage {
        chrome: page.chrome(),
        email: "",
        next: &next,
        notice,
        errors: FormErrors::default(),
    })
}

const WRONG_CREDENTIALS: &str =
    "The email address or password is not right. Check them and try again, or reset your password.";

async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<SignInForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let next = safe_next(form.next.as_deref());
    let refuse = |status, errors| {
        render::page_with_status(
            status,
            &SignInPage {
                chrome: page.chrome(),
                email: &form.email,
                next: &next,
                notice: None,
                errors,
            },
        )
    };
    let email = match service::parse_email(&form.email) {
        Ok(e) => e,
        Err(e) => {
            return refuse(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                FormErrors::one("email", "invalid", e.message),
            )
        }
    };
    let client = state.rate_limits.client(&req);
    state
        .rate_limits
        .check(&page.tenant.id, Action::SignIn, client, Some(&form.email))?;
    let tenant = page.tenant.id.clone();
    let user = state
        .db(move |conn| service::find_by_email(conn, &tenant, &email))
        .await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = state
        .hasher
        .verify(Password::given(&form.password), stored)
        .await?;
    let user_id = user.as_ref().map(|u| &u.id);
    state
        .rate_limits
        .record_sign_in(&page.tenant.id, client, &form.email, user_id, ok);
    let known = user_id.cloned();
    match user.filter(|_| ok) {
        Some(user) => {
            tracing::info!(user = %user.id, "signed in with a password");
            let second_step = user.has_second_factor();
            let agent = user_agent(&req);
            let mut res = start_browser_session(&state, &page, user, agent, "password").await?;
            let next = if second_step {
                format!(
                    "/sign-in/second-factor?next={}",
                    percent_encoding::utf8_percent_encode(
                        &next,
                        percent_encoding::NON_ALPHANUMERIC
                    )
                )
            } else {
                next
            };
            if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&next) {
                res.headers_mut()
                    .insert(actix_web::http::header::LOCATION, v);
            }
            Ok(res)
        }
        None => {
            let tenant = page.tenant.id.clone();
            state
                .db(move |conn| service::failed_password(conn, &tenant, known.as_ref()))
                .await?;
            refuse(
                actix_web::http::StatusCode::UNAUTHORIZED,
                FormErrors::one("email", "wrong_credentials", WRONG_CREDENTIALS),
            )
        }
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn sign_out(
    state: web::Data<AppState>,
    submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let page = submitted.page;
    if let Some((session, _)) = page.signed_in.clone() {
        state
            .db(move |conn| service::sign_out(conn, &session))
            .await?;
    }
    let mut res = see_other("/sign-in?done=signed_out");
    let _ = res.add_cookie(&page.origin.removal(page.origin.session_cookie()));
    Ok(res)
}

// ---- email verification ---------------------------------------------------

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "accounts/verify_email.html")]
struct VerifyPage<'a> {
    chrome: Chrome,
    token: &'a str,
    live: bool,
}

/// Opening the link shows a button: a GET never changes anything (mail
/// scanners open links too).
async fn verify_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let token = query.token.clone();
    let live = state
        .db(move |conn| service::link_is_live(conn, &tenant, &token, LinkPurpose::VerifyEmail))
        .await?;
    render::page(&VerifyPage {
        chrome: page.chrome(),
        token: &query.token,
        live,
    })
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    token: String,
}

async fn verify(
    state: web::Data<AppState>,
    submitted: ProtectedForm<TokenForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let tenant = page.tenant.id.clone();
    let outcome = state
        .db(move |conn| service::verify_email(conn, &tenant, &form.token))
        .await;
    match outcome {
        Ok(user) => {
            tracing::info!(user = %user.id, "email address confirmed");
            Ok(see_other(if page.user().is_some() {
                "/account?done=verified"
            } else {
                "/sign-in?next=/account%3Fdone%3Dverified"
            }))
        }
        Err(Error::BadRequest { .. }) => render::page_with_status(
            actix_web::http::StatusCode::BAD_REQUEST,
            &VerifyPage {
                chrome: page.chrome(),
                token: "",
                live: false,
            },
        ),
        Err(e) => Err(e),
    }
}

async fn resend_verification(
    state: web::Data<AppState>,
    submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let page = submitted.page;
    let Some(user) = page.user().cloned() else {
        return Err(Error::SignInRequired {
            next: "/account".into(),
        });
    };
    let tenant = page.tenant.clone();
    let base = page.origin.base_url.clone();
    state
        .db(move |conn| service::resend_verification(conn, &tenant, &base, &user))
        .await?;
    Ok(see_other("/account?done=verification_sent"))
}

// ---- forgotten password ---------------------------------------------------

#[derive(Deserialize, Default)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

#[derive(Template)]
#[template(path = "accounts/forgot_password.html")]
struct ForgotPage<'a> {
    chrome: Chrome,
    email: &'a str,
    sent: bool,
    errors: FormErrors,
}

async fn forgot_form(page: Page) -> Result<HttpResponse> {
    render::page(&ForgotPage {
        chrome: page.chrome(),
        email: "",
        sent: false,
        errors: FormErrors::default(),
    })
}

async fn forgot(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<ForgotForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let email = match service::parse_email(&form.email) {
        Ok(e) => e,
        Err(e) => {
            return render::page_with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                &ForgotPage {
                    chrome: page.chrome(),
                    email: &form.email,
                    sent: false,
                    errors: FormErrors::one("email", "invalid", e.message),
                },
            )
        }
    };
    let client = state.rate_limits.client(&req);
    state.rate_limits.check(
        &page.tenant.id,
        Action::PasswordReset,
        client,
        Some(&form.email),
    )?;
    let tenant = page.tenant.clone();
    let base = page.origin.base_url.clone();
    state
        .db(move |conn| service::request_password_reset(conn, &tenant, &base, &email))
        .await?;
    // The same answer whether or not the address has an account.
    render::page(&ForgotPage {
        chrome: page.chrome(),
        email: &form.email,
        sent: true,
        errors: FormErrors::default(),
    })
}

#[derive(Template)]
#[template(path = "accounts/reset_password.html")]
struct ResetPage<'a> {
    chrome: Chrome,
    token: &'a str,
    live: bool,
    errors: FormErrors,
}

async fn reset_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let token = query.token.clone();
    let live = state
        .db(move |conn| {
            Ok(
                service::link_is_live(conn, &tenant, &token, LinkPurpose::ResetPassword)?
                    || service::link_is_live(conn, &tenant, &token, LinkPurpose::SetPassword)?,
            )
        })
        .await?;
    render::page(&ResetPage {
        chrome: page.chrome(),
        token: &query.token,
        live,
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

async fn reset(
    state: web::Data<AppState>,
    submitted: ProtectedForm<ResetForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let show = |live: bool, errors: FormErrors, status| {
        render::page_with_status(
            status,
            &ResetPage {
                chrome: page.chrome(),
                token: &form.token,
                live,
                errors,
            },
        )
    };
    let password = match Password::parse_new(&form.password, &[]) {
        Ok(p) => p,
        Err(e) => {
            return show(
                true,
                FormErrors::one("password", &e.code, e.message),
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    let hash = state.hasher.hash(password).await?;
    let tenant = page.tenant.id.clone();
    let token = form.token.clone();
    let outcome = state
        .db(move |conn| {
            let purpose = if service::link_is_live(conn, &tenant, &token, LinkPurpose::SetPassword)?
            {
                LinkPurpose::SetPassword
            } else {
                LinkPurpose::ResetPassword
            };
            service::reset_password(conn, &tenant, &token, purpose, &hash)
        })
        .await;
    match outcome {
        Ok(user) => {
            tracing::info!(user = %user.id, "password reset; every session ended");
            let mut res = see_other("/sign-in?done=password_reset");
            let _ = res.add_cookie(&page.origin.removal(page.origin.session_cookie()));
            Ok(res)
        }
        Err(Error::BadRequest { .. }) => show(
            false,
            FormErrors::default(),
            actix_web::http::StatusCode::BAD_REQUEST,
        ),
        Err(e) => Err(e),
    }
}

// ---- your account ---------------------------------------------------------

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

/// A session as listed on the account page.
struct SessionRow {
    id: String,
    device: String,
    started: String,
    last_seen: String,
    current: bool,
    api: bool,
}

impl SessionRow {
    fn new(s: &Session, current: &Session) -> Self {
        Self {
            id: s.id.to_string(),
            device: describe_device(&s.user_agent),
            started: s.created_at.format("%-d %B %Y, %H:%M UTC").to_string(),
            last_seen: s.last_seen_at.format("%-d %B %Y, %H:%M UTC").to_string(),
            current: s.id == current.id,
            api: s.kind == SessionKind::Api.as_str(),
        }
    }
}

/// A short, readable name for a browser from its user agent.
fn describe_device(agent: &str) -> String {
    let browser = ["Edg/", "Firefox/", "Chrome/", "Safari/"]
        .iter()
        .find(|b| agent.contains(*b))
        .map(|b| match *b {
            "Edg/" => "Edge",
            "Firefox/" => "Firefox",
            "Chrome/" => "Chrome",
            _ => "Safari",
        });
    let system = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
        .iter()
        .find(|s| agent.contains(*s))
        .map(|s| if *s == "Mac OS" { "macOS" } else { s });
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.to_owned(),
        _ => agent.chars().take(60).collect(),
    }
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    chrome: Chrome,
    csrf: String,
    display_name: String,
    email: String,
    verified: bool,
    two_factor: bool,
    role: &'static str,
    sessions: Vec<SessionRow>,
    notice: Option<&'static str>,
    errors: FormErrors,
}

async fn account_page(
    state: &AppState,
    signed_in: &SignedIn,
    notice: Option<&'static str>,
    errors: FormErrors,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse> {
    let tenant = signed_in.user.tenant_id.clone();
    let user_id = signed_in.user.id.clone();
    let lifetimes = state.session_lifetimes();
    let sessions = state
        .db(move |conn| service::active_sessions(conn, &tenant, &user_id, lifetimes))
        .await?;
    let user = &signed_in.user;
    render::page_with_status(
        status,
        &AccountPage {
            chrome: signed_in.page.chrome(),
            csrf: signed_in.page.csrf.clone(),
            display_name: user.display_name.clone(),
            email: user.email.clone(),
            verified: user.email_verified(),
            two_factor: user.has_second_factor(),
            role: user.role().label(),
            sessions: sessions
                .iter()
                .map(|s| SessionRow::new(s, &signed_in.session))
                .collect(),
            notice,
            errors,
        },
    )
}

async fn account(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let notice = match query.done.as_deref() {
        Some("registered") => Some("Welcome! We have sent you an email: follow its link to confirm your address, so you can take part."),
        Some("verified") => Some("Thank you: your email address is confirmed."),
        Some("verification_sent") => Some("We have sent a new confirmation link to your email address."),
        Some("password_changed") => Some("Your password has been changed."),
        Some("sessions_ended") => Some("You have been signed out everywhere else."),
        Some("session_ended") => Some("That device has been signed out."),
        Some("email_change_sent") => Some("We have sent a link to your new address. Your account keeps using this address until you follow it."),
        Some("email_changed") => Some("Your email address has been changed."),
        _ => None,
    };
    account_page(
        &state,
        &signed_in,
        notice,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct ChangePasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    end_other_sessions: Option<String>,
}

async fn change_password(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ChangePasswordForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let user = signed_in.user.clone();
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    let current_ok = state
        .hasher
        .verify(
            Password::given(&form.current_password),
            user.password_hash.clone(),
        )
        .await?;
    if !current_ok {
        let errors = FormErrors::one(
            "current_password",
            "wrong_password",
            "your current password is not right",
        );
        return account_page(&state, &signed_in, None, errors, unprocessable).await;
    }
    let new = match Password::parse_new(&form.new_password, &[&user.email, &user.display_name]) {
        Ok(p) => p,
        Err(e) => {
            let errors = FormErrors::one("new_password", &e.code, e.message);
            return account_page(&state, &signed_in, None, errors, unprocessable).await;
        }
    };
    let hash = state.hasher.hash(new).await?;
    let keep = signed_in.session.id.clone();
    let end_others = form.end_other_sessions.is_some();
    state
        .db(move |conn| service::change_password(conn, &user, &hash, end_others.then_some(&keep)))
        .await?;
    tracing::info!(user = %signed_in.user.id, end_others, "password changed");
    Ok(see_other("/account?done=password_changed"))
}

async fn end_other_sessions(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    _form: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let user = signed_in.user.clone();
    let keep = signed_in.session.id.clone();
    let ended = state
        .db(move |conn| service::revoke_all_sessions(conn, &user.tenant_id, &user.id, Some(&keep)))
        .await?;
    tracing::info!(user = %signed_in.user.id, ended, "signed out everywhere else");
    Ok(see_other("/account?done=sessions_ended"))
}

async fn end_session(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _form: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = path.parse().map_err(|_| Error::NotFound)?;
    let user = signed_in.user.clone();
    let ended = state
        .db(move |conn| service::revoke_session(conn, &user.tenant_id, &user.id, &id))
        .await?;
    if !ended {
        return Err(Error::NotFound);
    }
    Ok(see_other("/account?done=session_ended"))
}

#[derive(Deserialize)]
struct ChangeEmailForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    end_other_sessions: Option<String>,
}

/// Asks for the password again, then sends a link to the new address.
async fn change_email(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ChangeEmailForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let user = signed_in.user.clone();
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    let password_ok = state
        .hasher
        .verify(Password::given(&form.password), user.password_hash.clone())
        .await?;
    if !password_ok {
        let errors = FormErrors::one("password", "wrong_password", "your password is not right");
        return account_page(&state, &signed_in, None, errors, unprocessable).await;
    }
    let new_email = match service::parse_email(&form.new_email) {
        Ok(e) => e,
        Err(e) => {
            let errors = FormErrors::one("new_email", "invalid", e.message);
            return account_page(&state, &signed_in, None, errors, unprocessable).await;
        }
    };
    let tenant = signed_in.page.tenant.clone();
    let base = signed_in.page.origin.base_url.clone();
    let keep = form
        .end_other_sessions
        .is_some()
        .then(|| signed_in.session.id.clone());
    let outcome = state
        .db(move |conn| {
            service::request_email_change(conn, &tenant, &base, &user, &new_email)?;
            if let Some(keep) = keep {
                service::revoke_all_sessions(conn, &user.tenant_id, &user.id, Some(&keep))?;
            }
            Ok(())
        })
        .await;
    match outcome {
        Ok(()) => Ok(see_other("/account?done=email_change_sent")),
        Err(Error::Validation(mut fields)) => {
            for f in &mut fields {
                f.field = "new_email".into();
            }
            account_page(
                &state,
                &signed_in,
                None,
                FormErrors::from_error(Error::Validation(fields))?,
                unprocessable,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "accounts/confirm_email.html")]
struct ConfirmEmailPage<'a> {
    chrome: Chrome,
    token: &'a str,
    live: bool,
}

async fn confirm_email_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let token = query.token.clone();
    let live = state
        .db(move |conn| service::link_is_live(conn, &tenant, &token, LinkPurpose::ChangeEmail))
        .await?;
    render::page(&ConfirmEmailPage {
        chrome: page.chrome(),
        token: &query.token,
        live,
    })
}

async fn confirm_email(
    state: web::Data<AppState>,
    submitted: ProtectedForm<TokenForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let tenant = page.tenant.id.clone();
    let outcome = state
        .db(move |conn| service::confirm_email_change(conn, &tenant, &form.token))
        .await;
    match outcome {
        Ok(user) => {
            tracing::info!(user = %user.id, "email address changed");
            Ok(see_other(if page.user().is_some() {
                "/account?done=email_changed"
            } else {
                "/sign-in?next=/account%3Fdone%3Demail_changed"
            }))
        }
        Err(Error::BadRequest { .. }) | Err(Error::Conflict { .. }) => render::page_with_status(
            actix_web::http::StatusCode::BAD_REQUEST,
            &ConfirmEmailPage {
                chrome: page.chrome(),
                token: "",
                live: false,
            },
        ),
        Err(e) => Err(e),
    }
}

// ---- two-step sign-in -----------------------------------------------------

#[derive(Template)]
#[template(path = "accounts/second_factor.html")]
struct SecondFactorPage<'a> {
    chrome: Chrome,
    next: &'a str,
    errors: FormErrors,
}

/// The second step of signing in, for a session that gave its password.
async fn second_factor_form(page: Page, query: web::Query<NextQuery>) -> Result<HttpResponse> {
    let next = safe_next(query.next.as_deref());
    match &page.signed_in {
        Some((session, _)) if !session.fully_signed_in => render::page(&SecondFactorPage {
            chrome: page.chrome(),
            next: &next,
            errors: FormErrors::default(),
        }),
        Some(_) => Ok(see_other(&next)),
        None => Ok(see_other("/sign-in")),
    }
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: Option<String>,
}

async fn second_factor(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<CodeForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let next = safe_next(form.next.as_deref());
    let Some((session, user)) = page.signed_in.clone().filter(|(s, _)| !s.fully_signed_in) else {
        return Ok(see_other("/sign-in"));
    };
    // Wrong codes count as failed sign-ins, so codes cannot be guessed.
    let client = state.rate_limits.client(&req);
    state
        .rate_limits
        .check(&page.tenant.id, Action::SignIn, client, Some(&user.email))?;
    let code = form.code.clone();
    let user_id = user.id.clone();
    let email = user.email.clone();
    let accepted = state
        .db(move |conn| service::finish_second_factor(conn, &session, &user, &code))
        .await?;
    if accepted {
        tracing::info!(user = %user_id, "second factor accepted");
        return Ok(see_other(&next));
    }
    tracing::warn!(user = %user_id, "second factor refused");
    state
        .rate_limits
        .record_sign_in(&page.tenant.id, client, &email, Some(&user_id), false);
    render::page_with_status(
        actix_web::http::StatusCode::UNAUTHORIZED,
        &SecondFactorPage {
            chrome: page.chrome(),
            next: &next,
            errors: FormErrors::one(
                "code",
                "wrong_code",
                "that code is not right or has been used; enter the code your app shows now, or a recovery code",
            ),
        },
    )
}

// ---- setting up two-step sign-in ------------------------------------------

#[derive(Template)]
#[template(path = "accounts/two_factor.html")]
struct TwoFactorPage<'a> {
    chrome: Chrome,
    enabled: bool,
    required: bool,
    must_keep: bool,
    secret: &'a str,
    qr_svg: &'a str,
    recovery_left: i64,
    recovery_codes: Vec<String>,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct TwoFactorQuery {
    required: Option<String>,
}

async fn two_factor_page(
    state: &AppState,
    signed_in: &SignedIn,
    secret: Option<String>,
    recovery_codes: Vec<String>,
    required: bool,
    errors: FormErrors,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse> {
    use super::second_factor as sf;
    let user = signed_in.user.clone();
    let enabled = user.has_second_factor();
    let for_count = user.clone();
    let recovery_left = if enabled {
        state
            .db(move |conn| service::unused_recovery_codes(conn, &for_count))
            .await?
    } else {
        0
    };
    let secret = match (enabled, secret) {
        (true, _) => String::new(),
        (false, Some(s)) => s,
        (false, None) => sf::TotpSecret::generate()?.to_base32(),
    };
    let qr_svg = if enabled {
        String::new()
    } else {
        let parsed = sf::TotpSecret::from_base32(&secret)?;
        sf::qr_svg(&sf::otpauth_uri(
            &parsed,
            &signed_in.page.tenant.name,
            &user.email,
        ))?
    };
    render::page_with_status(
        status,
        &TwoFactorPage {
            chrome: signed_in.page.chrome(),
            enabled,
            required,
            must_keep: user.must_use_second_factor(),
            secret: &secret,
            qr_svg: &qr_svg,
            recovery_left,
            recovery_codes,
            errors,
        },
    )
}

async fn two_factor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<TwoFactorQuery>,
) -> Result<HttpResponse> {
    let required = query.required.is_some();
    two_factor_page(
        &state,
        &signed_in,
        None,
        vec![],
        required,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct EnableForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

/// Turns two-step sign-in on once the person proves their app shows the
/// right code; the recovery codes are shown once, on this response.
async fn enable_two_factor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<EnableForm>,
) -> Result<HttpResponse> {
    use super::second_factor as sf;
    let form = submitted.form;
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if signed_in.user.has_second_factor() {
        return Ok(see_other("/account/two-factor"));
    }
    let Ok(secret) = sf::TotpSecret::from_base32(&form.secret) else {
        return two_factor_page(
            &state,
            &signed_in,
            None,
            vec![],
            false,
            FormErrors::default(),
            unprocessable,
        )
        .await;
    };
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    let Some(step) = sf::verify(&secret, &form.code, now, None) else {
        let errors = FormErrors::one(
            "code",
            "wrong_code",
            "that code is not right; enter the 6 digits your app shows now",
        );
        return two_factor_page(
            &state,
            &signed_in,
            Some(form.secret.clone()),
            vec![],
            false,
            errors,
            unprocessable,
        )
        .await;
    };
    let codes = sf::generate_recovery_codes()?;
    let hashes: Vec<String> = codes.iter().map(|c| sf::hash_recovery_code(c)).collect();
    let user = signed_in.user.clone();
    let encoded = secret.to_base32();
    let refreshed = state
        .db(move |conn| {
            service::enable_second_factor(conn, &user, &encoded, step, &hashes)?;
            service::find_user(conn, &user.tenant_id, &user.id)?.ok_or(Error::NotFound)
        })
        .await?;
    tracing::info!(user = %refreshed.id, "two-step sign-in turned on");
    let signed_in = SignedIn {
        user: refreshed,
        ..signed_in
    };
    two_factor_page(
        &state,
        &signed_in,
        None,
        codes,
        false,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct ConfirmWithPassword {
    #[serde(default)]
    password: String,
}

async fn confirm_password(state: &AppState, signed_in: &SignedIn, password: &str) -> Result<bool> {
    state
        .hasher
        .verify(
            Password::given(password),
            signed_in.user.password_hash.clone(),
        )
        .await
}

async fn disable_two_factor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ConfirmWithPassword>,
) -> Result<HttpResponse> {
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if signed_in.user.must_use_second_factor() {
        return Err(Error::Forbidden(
            "admins and platform operators must keep two-step sign-in".into(),
        ));
    }
    if !confirm_password(&state, &signed_in, &submitted.form.password).await? {
        let errors = FormErrors::one("password", "wrong_password", "your password is not right");
        return two_factor_page(
            &state,
            &signed_in,
            None,
            vec![],
            false,
            errors,
            unprocessable,
        )
        .await;
    }
    let user = signed_in.user.clone();
    state
        .db(move |conn| service::disable_second_factor(conn, &user))
        .await?;
    tracing::info!(user = %signed_in.user.id, "two-step sign-in turned off");
    Ok(see_other("/account/two-factor"))
}

async fn new_recovery_codes(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ConfirmWithPassword>,
) -> Result<HttpResponse> {
    use super::second_factor as sf;
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if !signed_in.user.has_second_factor() {
        return Ok(see_other("/account/two-factor"));
    }
    if !confirm_password(&state, &signed_in, &submitted.form.password).await? {
        let errors = FormErrors::one("password", "wrong_password", "your password is not right");
        return two_factor_page(
            &state,
            &signed_in,
            None,
            vec![],
            false,
            errors,
            unprocessable,
        )
        .await;
    }
    let codes = sf::generate_recovery_codes()?;
    let hashes: Vec<String> = codes.iter().map(|c| sf::hash_recovery_code(c)).collect();
    let user = signed_in.user.clone();
    state
        .db(move |conn| service::replace_recovery_codes(conn, &user, &hashes))
        .await?;
    two_factor_page(
        &state,
        &signed_in,
        None,
        codes,
        false,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

// ---- signing in with an emailed link --------------------------------------

#[derive(Template)]
#[template(path = "accounts/email_link.html")]
struct EmailLinkPage<'a> {
    chrome: Chrome,
    email: &'a str,
    sent: bool,
    errors: FormErrors,
}

/// For people who find passwords hard: a link by email instead.
async fn email_link_form(page: Page) -> Result<HttpResponse> {
    render::page(&EmailLinkPage {
        chrome: page.chrome(),
        email: "",
        sent: false,
        errors: FormErrors::default(),
    })
}

async fn email_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<ForgotForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let email = match service::parse_email(&form.email) {
        Ok(e) => e,
        Err(e) => {
            return render::page_with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                &EmailLinkPage {
                    chrome: page.chrome(),
                    email: &form.email,
                    sent: false,
                    errors: FormErrors::one("email", "invalid", e.message),
                },
            )
        }
    };
    // Links are limited like resets, so nobody can flood an inbox.
    let client = state.rate_limits.client(&req);
    state.rate_limits.check(
        &page.tenant.id,
        Action::EmailLink,
        client,
        Some(&form.email),
    )?;
    let tenant = page.tenant.clone();
    let base = page.origin.base_url.clone();
    state
        .db(move |conn| service::request_sign_in_link(conn, &tenant, &base, &email))
        .await?;
    render::page(&EmailLinkPage {
        chrome: page.chrome(),
        email: &form.email,
        sent: true,
        errors: FormErrors::default(),
    })
}

#[derive(Template)]
#[template(path = "accounts/use_link.html")]
struct UseLinkPage<'a> {
    chrome: Chrome,
    token: &'a str,
    live: bool,
}

async fn link_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let token = query.token.clone();
    let live = state
        .db(move |conn| service::link_is_live(conn, &tenant, &token, LinkPurpose::SignIn))
        .await?;
    render::page(&UseLinkPage {
        chrome: page.chrome(),
        token: &query.token,
        live,
    })
}

async fn use_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<TokenForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let tenant = page.tenant.id.clone();
    let token = form.token.clone();
    let outcome = state
        .db(move |conn| service::use_sign_in_link(conn, &tenant, &token))
        .await;
    let user = match outcome {
        Ok(user) => user,
        Err(Error::BadRequest { .. }) => {
            let tenant = page.tenant.id.clone();
            state
                .db(move |conn| {
                    service::record_failed_sign_in(
                        conn,
                        &tenant,
                        None,
                        "email_link",
                        "invalid_link",
                    )
                })
                .await?;
            return render::page_with_status(
                actix_web::http::StatusCode::BAD_REQUEST,
                &UseLinkPage {
                    chrome: page.chrome(),
                    token: "",
                    live: false,
                },
            );
        }
        Err(e) => return Err(e),
    };
    tracing::info!(user = %user.id, "signed in with an emailed link");
    let second_step = user.has_second_factor();
    let agent = user_agent(&req);
    let mut res = start_browser_session(&state, &page, user, agent, "email_link").await?;
    let next = if second_step {
        "/sign-in/second-factor?next=%2Faccount"
    } else {
        "/account"
    };
    res.headers_mut().insert(
        actix_web::http::header::LOCATION,
        actix_web::http::header::HeaderValue::from_static(next),
    );
    Ok(res)
}
