//! "Your account": details, sessions, password and email changes.

use super::*;
use crate::error::Words;

#[derive(Deserialize)]
pub(super) struct DoneQuery {
    pub(super) done: Option<String>,
}

/// A session as listed on the account page.
pub(super) struct SessionRow {
    pub(super) id: String,
    pub(super) device: String,
    pub(super) started: String,
    pub(super) last_seen: String,
    pub(super) current: bool,
    pub(super) api: bool,
    /// The field its password error is shown beside.
    pub(super) password_field: String,
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
            password_field: format!("password-end-{}", s.id),
        }
    }
}

/// A short, readable name for a browser from its user agent.
pub(super) fn describe_device(agent: &str) -> String {
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
pub(super) struct AccountPage {
    pub(super) chrome: Chrome,
    pub(super) csrf: String,
    pub(super) display_name: String,
    pub(super) email: String,
    pub(super) verified: bool,
    pub(super) two_factor: bool,
    pub(super) role: String,
    /// A verified resident of the place.
    pub(super) resident: bool,
    pub(super) sessions: Vec<SessionRow>,
    pub(super) notice: Option<String>,
    pub(super) errors: FormErrors,
}

pub(super) async fn account_page(
    state: &AppState,
    signed_in: &SignedIn,
    notice: Option<String>,
    errors: FormErrors,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse> {
    let tenant = signed_in.user.tenant_id.clone();
    let user_id = signed_in.user.id.clone();
    let lifetimes = state.session_lifetimes();
    let me = signed_in.user.clone();
    let (sessions, resident) = state
        .db(move |conn| {
            Ok((
                service::active_sessions(conn, &tenant, &user_id, lifetimes)?,
                crate::residency::service::is_resident(conn, &tenant, &me)?,
            ))
        })
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
            role: user.role().label_in(signed_in.page.language),
            resident,
            sessions: sessions
                .iter()
                .map(|s| SessionRow::new(s, &signed_in.session))
                .collect(),
            notice,
            errors,
        },
    )
}

pub(super) async fn account(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("registered") => Some(lang.t("notice-registered")),
        Some("verified") => Some(lang.t("notice-verified")),
        Some("verification_sent") => Some(lang.t("notice-verification-sent")),
        Some("password_changed") => Some(lang.t("notice-password-changed")),
        Some("sessions_ended") => Some(lang.t("notice-sessions-ended")),
        Some("session_ended") => Some(lang.t("notice-session-ended")),
        Some("email_change_sent") => Some(lang.t("notice-email-change-sent")),
        Some("email_changed") => Some(lang.t("notice-email-changed")),
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
pub(super) struct ChangePasswordForm {
    #[serde(default)]
    pub(super) current_password: String,
    #[serde(default)]
    pub(super) new_password: String,
    #[serde(default)]
    pub(super) end_other_sessions: Option<String>,
}

pub(super) async fn change_password(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ChangePasswordForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let user = signed_in.user.clone();
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    let refused = state
        .hasher
        .confirm(
            &form.current_password,
            user.password_hash.clone(),
            "current_password",
        )
        .await?;
    if let Some(e) = refused {
        let message = if e.code == "wrong_password" {
            crate::error::Say::from(Words::of("accounts-error-current-password-wrong"))
        } else {
            crate::error::Say::from(&e)
        };
        let errors = FormErrors::one(&e.field, &e.code, message);
        return account_page(&state, &signed_in, None, errors, unprocessable).await;
    }
    let new = match Password::parse_new(&form.new_password, &[&user.email, &user.display_name]) {
        Ok(p) => p,
        Err(e) => {
            let errors = FormErrors::one("new_password", &e.code, &e);
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

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    #[serde(default)]
    pub(super) password: String,
}

/// Asks for the password before sessions end (ASVS 7.5.2): whoever holds
/// only a stolen session cannot throw the owner out. `None` when right.
async fn password_refused(
    state: &AppState,
    signed_in: &SignedIn,
    typed: &str,
    field: &str,
) -> Result<Option<HttpResponse>> {
    match confirm_password(state, signed_in, typed, field).await? {
        None => Ok(None),
        Some(errors) => {
            let status = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(Some(
                account_page(state, signed_in, None, errors, status).await?,
            ))
        }
    }
}

pub(super) async fn end_other_sessions(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<PasswordForm>,
) -> Result<HttpResponse> {
    let typed = &submitted.form.password;
    if let Some(page) = password_refused(&state, &signed_in, typed, "password_end_others").await? {
        return Ok(page);
    }
    let user = signed_in.user.clone();
    let keep = signed_in.session.id.clone();
    let ended = state
        .db(move |conn| {
            service::end_other_sessions(conn, &user, &keep, service::EndedBecause::OwnRequest)
        })
        .await?;
    tracing::info!(user = %signed_in.user.id, ended, "signed out everywhere else");
    Ok(see_other("/account?done=sessions_ended"))
}

pub(super) async fn end_session(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<PasswordForm>,
) -> Result<HttpResponse> {
    let id: crate::db::ids::SessionId = path.parse().map_err(|_| Error::NotFound)?;
    let field = format!("password-end-{id}");
    let typed = &submitted.form.password;
    if let Some(page) = password_refused(&state, &signed_in, typed, &field).await? {
        return Ok(page);
    }
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
pub(super) struct ChangeEmailForm {
    #[serde(default)]
    pub(super) password: String,
    #[serde(default)]
    pub(super) new_email: String,
    #[serde(default)]
    pub(super) end_other_sessions: Option<String>,
}

/// Asks for the password again, then sends a link to the new address.
pub(super) async fn change_email(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ChangeEmailForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let user = signed_in.user.clone();
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if let Some(page) = password_refused(&state, &signed_in, &form.password, "password").await? {
        return Ok(page);
    }
    let new_email = match service::parse_email(&form.new_email) {
        Ok(e) => e,
        Err(e) => {
            let errors = FormErrors::one("new_email", "invalid", &e);
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
                let because = service::EndedBecause::SignInChanged;
                service::end_other_sessions(conn, &user, &keep, because)?;
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

pub(super) async fn confirm_email_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    link_page(&state, &page, LinkKind::ChangeEmail, &query.token).await
}

pub(super) async fn confirm_email(
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
        Err(Error::BadRequest { .. }) | Err(Error::Conflict { .. }) => {
            dead_link(&page, LinkKind::ChangeEmail)
        }
        Err(e) => Err(e),
    }
}
