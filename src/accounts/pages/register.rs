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
    /// Where to go once the account exists (a path on this site).
    #[serde(default)]
    pub(super) next: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
pub(super) struct RegisterPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) email: &'a str,
    pub(super) display_name: &'a str,
    pub(super) next: &'a str,
    /// Carries `next` to the sign-in link.
    pub(super) next_query: String,
    pub(super) errors: FormErrors,
}

pub(super) async fn register_form(
    page: Page,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse> {
    let next = safe_next(query.next.as_deref());
    if page.user().is_some() {
        return Ok(see_other(&next));
    }
    render::page(&RegisterPage {
        chrome: page.chrome(),
        email: "",
        display_name: "",
        next_query: render::next_query(&next),
        next: &next,
        errors: FormErrors::default(),
    })
}

pub(super) async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    submitted: ProtectedForm<RegisterForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let next = safe_next(form.next.as_deref());
    let show = |errors: FormErrors| {
        render::page_with_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            &RegisterPage {
                chrome: page.chrome(),
                email: &form.email,
                display_name: &form.display_name,
                next: &next,
                next_query: render::next_query(&next),
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
    // Only a choice the person made is saved; otherwise their emails
    // follow the place's default, even if it changes later.
    let language = crate::i18n::Language::chosen(&req);
    let created = state
        .db(move |conn| service::register(conn, &tenant, &base, &email, &name, &hash, language))
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
    // Back where they came from (an invitation, say), or to their account.
    let location = if next == "/account" {
        "/account?done=registered".to_owned()
    } else {
        next.clone()
    };
    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&location) {
        res.headers_mut()
            .insert(actix_web::http::header::LOCATION, v);
    }
    Ok(res)
}
