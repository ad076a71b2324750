//! Confirming an email address.

use super::*;

#[derive(Deserialize)]
pub(super) struct TokenQuery {
    #[serde(default)]
    pub(super) token: String,
}

/// Opening the link shows a button: a GET never changes anything (mail
/// scanners open links too).
pub(super) async fn verify_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    link_page(&state, &page, LinkKind::VerifyEmail, &query.token).await
}

#[derive(Deserialize)]
pub(super) struct TokenForm {
    #[serde(default)]
    pub(super) token: String,
}

pub(super) async fn verify(
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
        Err(Error::BadRequest { .. }) => dead_link(&page, LinkKind::VerifyEmail),
        Err(e) => Err(e),
    }
}

pub(super) async fn resend_verification(
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
