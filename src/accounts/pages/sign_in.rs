//! Signing in and out: password, the second step, and emailed links.

use super::*;
use crate::error::Words;

#[derive(Deserialize, Default)]
pub(super) struct SignInForm {
    #[serde(default)]
    pub(super) email: String,
    #[serde(default)]
    pub(super) password: String,
    #[serde(default)]
    pub(super) next: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct NextQuery {
    pub(super) next: Option<String>,
    pub(super) done: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
pub(super) struct SignInPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) email: &'a str,
    pub(super) next: &'a str,
    /// Carries `next` to the "create an account" link.
    pub(super) next_query: String,
    pub(super) notice: Option<String>,
    pub(super) errors: FormErrors,
}

pub(super) async fn sign_in_form(page: Page, query: web::Query<NextQuery>) -> Result<HttpResponse> {
    let next = safe_next(query.next.as_deref());
    if page.user().is_some() {
        return Ok(see_other(&next));
    }
    let notice = match query.done.as_deref() {
        Some("signed_out") => Some(page.language.t("notice-signed-out")),
        Some("password_reset") => Some(page.language.t("notice-password-reset")),
        _ => None,
    };
    render::page(&SignInPage {
        chrome: page.chrome(),
        email: "",
        next_query: render::next_query(&next),
        next: &next,
        notice,
        errors: FormErrors::default(),
    })
}

pub(super) async fn sign_in(
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
                next_query: render::next_query(&next),
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
                FormErrors::one("email", "invalid", &e),
            )
        }
    };
    let given = match Password::given(&form.password) {
        Ok(p) => p,
        Err(e) => {
            return refuse(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                FormErrors::one("password", &e.code, &e),
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
    let ok = state.hasher.verify(given, stored).await?;
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
                FormErrors::one(
                    "email",
                    "wrong_credentials",
                    Words::of("accounts-error-wrong-credentials"),
                ),
            )
        }
    }
}

#[derive(Deserialize)]
pub(super) struct Empty {}

pub(super) async fn sign_out(
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
    // The browser forgets what it kept of the session's pages too.
    res.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("clear-site-data"),
        actix_web::http::header::HeaderValue::from_static("\"cache\", \"storage\""),
    );
    let _ = res.add_cookie(&page.origin.removal(page.origin.session_cookie()));
    Ok(res)
}

#[derive(Template)]
#[template(path = "accounts/second_factor.html")]
pub(super) struct SecondFactorPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) next: &'a str,
    pub(super) errors: FormErrors,
}

/// The second step of signing in, for a session that gave its password.
pub(super) async fn second_factor_form(
    page: Page,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse> {
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
pub(super) struct CodeForm {
    #[serde(default)]
    pub(super) code: String,
    #[serde(default)]
    pub(super) next: Option<String>,
}

pub(super) async fn second_factor(
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
    let keys = state.keys.clone();
    let lifetimes = state.session_lifetimes();
    let finished = state
        .db(move |conn| {
            service::finish_second_factor(conn, &keys, &session, &user, &code, lifetimes)
        })
        .await?;
    if let Some((_, secret)) = finished {
        tracing::info!(user = %user_id, "second factor accepted");
        // A new cookie: the half-signed-in session's secret is revoked.
        let mut res = see_other(&next);
        let _ = res.add_cookie(&page.origin.cookie(page.origin.session_cookie(), secret));
        return Ok(res);
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
                Words::of("accounts-error-code-wrong-or-used"),
            ),
        },
    )
}

#[derive(Template)]
#[template(path = "accounts/email_link.html")]
pub(super) struct EmailLinkPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) email: &'a str,
    pub(super) sent: bool,
    pub(super) errors: FormErrors,
}

/// For people who find passwords hard: a link by email instead.
pub(super) async fn email_link_form(page: Page) -> Result<HttpResponse> {
    render::page(&EmailLinkPage {
        chrome: page.chrome(),
        email: "",
        sent: false,
        errors: FormErrors::default(),
    })
}

pub(super) async fn email_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<ForgotForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let show = |sent, errors| EmailLinkPage {
        chrome: page.chrome(),
        email: &form.email,
        sent,
        errors,
    };
    send_link_for(
        &state,
        &req,
        &page,
        &form.email,
        Action::EmailLink,
        service::request_sign_in_link,
        show,
    )
    .await
}

pub(super) async fn link_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    link_page(&state, &page, LinkKind::SignIn, &query.token).await
}

pub(super) async fn use_link(
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
            return dead_link(&page, LinkKind::SignIn);
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
