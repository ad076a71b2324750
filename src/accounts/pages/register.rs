//! Registering an account.

use super::*;

#[derive(Deserialize, Default)]
pub(super) struct RegisterForm {
    #[serde(default)]
    pub(super) email: String,
    #[serde(default)]
    pub(super) display_name: String,
    #[serde(default)]
    pub(super) password: String,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
pub(super) struct RegisterPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) email: &'a str,
    pub(super) display_name: &'a str,
    pub(super) errors: FormErrors,
}

pub(super) async fn register_form(page: Page) -> Result<HttpResponse> {
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

pub(super) async fn register(
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
