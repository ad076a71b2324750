//! A forgotten password: the emailed link and the new password.

use super::*;

#[derive(Deserialize, Default)]
pub(super) struct ForgotForm {
    #[serde(default)]
    pub(super) email: String,
}

#[derive(Template)]
#[template(path = "accounts/forgot_password.html")]
pub(super) struct ForgotPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) email: &'a str,
    pub(super) sent: bool,
    pub(super) errors: FormErrors,
}

pub(super) async fn forgot_form(page: Page) -> Result<HttpResponse> {
    render::page(&ForgotPage {
        chrome: page.chrome(),
        email: "",
        sent: false,
        errors: FormErrors::default(),
    })
}

pub(super) async fn forgot(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<ForgotForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let show = |sent, errors| ForgotPage {
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
        Action::PasswordReset,
        service::request_password_reset,
        show,
    )
    .await
}

#[derive(Template)]
#[template(path = "accounts/reset_password.html")]
pub(super) struct ResetPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) token: &'a str,
    pub(super) live: bool,
    pub(super) errors: FormErrors,
}

pub(super) async fn reset_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    let purposes = [LinkPurpose::ResetPassword, LinkPurpose::SetPassword];
    let live = link_live(&state, &page, &query.token, &purposes).await?;
    render::page(&ResetPage {
        chrome: page.chrome(),
        token: &query.token,
        live,
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
pub(super) struct ResetForm {
    #[serde(default)]
    pub(super) token: String,
    #[serde(default)]
    pub(super) password: String,
}

pub(super) async fn reset(
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
    let tenant = page.tenant.id.clone();
    let token = form.token.clone();
    let purposes = [LinkPurpose::ResetPassword, LinkPurpose::SetPassword];
    let owner = state
        .db(move |conn| service::link_owner(conn, &tenant, &token, &purposes))
        .await?;
    let Some(owner) = owner else {
        return show(
            false,
            FormErrors::default(),
            actix_web::http::StatusCode::BAD_REQUEST,
        );
    };
    // The person's own address and name make guessable passwords too.
    let context = [owner.email.as_str(), owner.display_name.as_str()];
    let password = match Password::parse_new(&form.password, &context) {
        Ok(p) => p,
        Err(e) => {
            return show(
                true,
                FormErrors::one("password", &e.code, &e),
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
