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
use crate::i18n::Language;
use crate::state::AppState;

mod account;
mod recovery;
mod register;
mod sign_in;
mod two_factor;
mod verify;

use account::*;
use recovery::*;
use register::*;
use sign_in::*;
use two_factor::*;
use verify::*;

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

pub(super) fn user_agent(req: &HttpRequest) -> String {
    req.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown device")
        .to_owned()
}

/// Signs the browser in: a new session (and cookie) every time, so a
/// session id planted before sign-in is worthless after it. `method` is
/// how the person proved who they are, for the audit log.
pub(super) async fn start_browser_session(
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

/// The pages an emailed link opens: a GET only shows a button (mail
/// scanners open links too), and the POST uses the link.
#[derive(Clone, Copy)]
pub(super) enum LinkKind {
    VerifyEmail,
    ChangeEmail,
    SignIn,
}

impl LinkKind {
    fn purpose(self) -> LinkPurpose {
        match self {
            LinkKind::VerifyEmail => LinkPurpose::VerifyEmail,
            LinkKind::ChangeEmail => LinkPurpose::ChangeEmail,
            LinkKind::SignIn => LinkPurpose::SignIn,
        }
    }

    pub(super) fn title(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            LinkKind::VerifyEmail => lang.t("link-verify-title"),
            LinkKind::ChangeEmail => lang.t("link-change-title"),
            LinkKind::SignIn => lang.t("link-sign-in-title"),
        }
    }

    pub(super) fn prompt(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            LinkKind::VerifyEmail => lang.t("link-verify-prompt"),
            LinkKind::ChangeEmail => lang.t("link-change-prompt"),
            LinkKind::SignIn => lang.t("link-sign-in-prompt"),
        }
    }

    pub(super) fn button(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            LinkKind::VerifyEmail => lang.t("link-verify-button"),
            LinkKind::ChangeEmail => lang.t("link-change-button"),
            LinkKind::SignIn => lang.t("link-sign-in-button"),
        }
    }

    pub(super) fn action(self) -> &'static str {
        match self {
            LinkKind::VerifyEmail => "/verify-email",
            LinkKind::ChangeEmail => "/account/email/confirm",
            LinkKind::SignIn => "/sign-in/link",
        }
    }

    pub(super) fn retry_href(self) -> &'static str {
        match self {
            LinkKind::VerifyEmail | LinkKind::ChangeEmail => "/account",
            LinkKind::SignIn => "/sign-in/email-link",
        }
    }

    pub(super) fn retry_label(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            LinkKind::VerifyEmail | LinkKind::ChangeEmail => lang.t("link-ask-again-on-account"),
            LinkKind::SignIn => lang.t("link-ask-again"),
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/confirm_link.html")]
pub(super) struct LinkPage<'a> {
    chrome: Chrome,
    kind: LinkKind,
    token: &'a str,
    live: bool,
}

/// Whether an emailed link can still be used, without using it.
pub(super) async fn link_live(
    state: &AppState,
    page: &Page,
    token: &str,
    purposes: &[LinkPurpose],
) -> Result<bool> {
    let tenant = page.tenant.id.clone();
    let token = token.to_owned();
    let purposes = purposes.to_vec();
    state
        .db(move |conn| {
            for purpose in purposes {
                if service::link_is_live(conn, &tenant, &token, purpose)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })
        .await
}

/// The page an emailed link opens.
pub(super) async fn link_page(
    state: &AppState,
    page: &Page,
    kind: LinkKind,
    token: &str,
) -> Result<HttpResponse> {
    let live = link_live(state, page, token, &[kind.purpose()]).await?;
    render::page(&LinkPage {
        chrome: page.chrome(),
        kind,
        token,
        live,
    })
}

/// The same page after a link turned out to be used up or expired.
pub(super) fn dead_link(page: &Page, kind: LinkKind) -> Result<HttpResponse> {
    render::page_with_status(
        actix_web::http::StatusCode::BAD_REQUEST,
        &LinkPage {
            chrome: page.chrome(),
            kind,
            token: "",
            live: false,
        },
    )
}

/// Sends an emailed link for a form's address (a password reset, or a
/// sign-in link) and answers the same whether or not the address has an
/// account, so nobody can learn who has one. Rate limited per address and
/// account, so nobody can flood an inbox.
pub(super) async fn send_link_for<T: Template>(
    state: &AppState,
    req: &HttpRequest,
    page: &Page,
    typed: &str,
    action: Action,
    send: fn(
        &mut crate::db::DbConn,
        &crate::tenancy::Tenant,
        &str,
        &crate::mail::Email,
    ) -> Result<()>,
    show: impl Fn(bool, FormErrors) -> T,
) -> Result<HttpResponse> {
    let email = match service::parse_email(typed) {
        Ok(e) => e,
        Err(e) => {
            return render::page_with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                &show(false, FormErrors::one("email", "invalid", &e)),
            )
        }
    };
    let client = state.rate_limits.client(req);
    state
        .rate_limits
        .check(&page.tenant.id, action, client, Some(typed))?;
    let tenant = page.tenant.clone();
    let base = page.origin.base_url.clone();
    state
        .db(move |conn| send(conn, &tenant, &base, &email))
        .await?;
    render::page(&show(true, FormErrors::default()))
}
