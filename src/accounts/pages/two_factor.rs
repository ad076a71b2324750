//! Setting up two-step sign-in.

use super::*;
use crate::error::Words;

#[derive(Template)]
#[template(path = "accounts/two_factor.html")]
pub(super) struct TwoFactorPage<'a> {
    pub(super) chrome: Chrome,
    pub(super) enabled: bool,
    pub(super) required: bool,
    pub(super) must_keep: bool,
    pub(super) secret: &'a str,
    pub(super) qr_svg: &'a str,
    pub(super) recovery_left: i64,
    /// Unused recovery codes of the short kind from before codes grew.
    pub(super) legacy_left: i64,
    pub(super) recovery_codes: Vec<String>,
    pub(super) notice: Option<String>,
    pub(super) errors: FormErrors,
}

#[derive(Deserialize)]
pub(super) struct TwoFactorQuery {
    pub(super) required: Option<String>,
    pub(super) done: Option<String>,
}

/// The page: how to turn two-step on (with the key this session is setting
/// up, kept on the server), or how to manage it once it is on.
pub(super) async fn two_factor_page(
    state: &AppState,
    signed_in: &SignedIn,
    recovery_codes: Vec<String>,
    required: bool,
    notice: Option<String>,
    errors: FormErrors,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse> {
    use crate::accounts::second_factor as sf;
    let user = signed_in.user.clone();
    let enabled = user.has_second_factor();
    let session = signed_in.session.clone();
    let keys = state.keys.clone();
    let (recovery_left, legacy_left, pending) = state
        .db(move |conn| {
            if enabled {
                Ok((
                    service::unused_recovery_codes(conn, &user)?,
                    service::unused_legacy_recovery_codes(conn, &user)?,
                    None,
                ))
            } else {
                let pending = service::pending_totp_secret(conn, &keys, &session)?;
                Ok((0, 0, Some(pending)))
            }
        })
        .await?;
    let (secret, qr_svg) = match &pending {
        Some(pending) => (
            pending.to_base32(),
            sf::qr_svg(&sf::otpauth_uri(
                pending,
                &signed_in.page.tenant.name,
                &signed_in.user.email,
            ))?,
        ),
        None => (String::new(), String::new()),
    };
    render::page_with_status(
        status,
        &TwoFactorPage {
            chrome: signed_in.page.chrome(),
            enabled,
            required,
            must_keep: signed_in.user.must_use_second_factor(),
            secret: &secret,
            qr_svg: &qr_svg,
            recovery_left,
            legacy_left,
            recovery_codes,
            notice,
            errors,
        },
    )
}

pub(super) async fn two_factor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<TwoFactorQuery>,
) -> Result<HttpResponse> {
    let required = query.required.is_some();
    let notice = match query.done.as_deref() {
        Some("off") => Some(signed_in.page.language.t("notice-two-factor-off")),
        Some("off_and_signed_out") => Some(
            signed_in
                .page
                .language
                .t("notice-two-factor-off-signed-out"),
        ),
        _ => None,
    };
    two_factor_page(
        &state,
        &signed_in,
        vec![],
        required,
        notice,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
pub(super) struct EnableForm {
    #[serde(default)]
    pub(super) password: String,
    #[serde(default)]
    pub(super) code: String,
    #[serde(default)]
    pub(super) end_other_sessions: Option<String>,
}

/// Ends the person's other sessions after a change to how they sign in,
/// when they ticked the box for it.
async fn end_others_if_asked(
    state: &AppState,
    signed_in: &SignedIn,
    asked: bool,
) -> Result<Option<String>> {
    if !asked {
        return Ok(None);
    }
    let user = signed_in.user.clone();
    let keep = signed_in.session.id.clone();
    state
        .db(move |conn| {
            service::end_other_sessions(conn, &user, &keep, service::EndedBecause::SignInChanged)
        })
        .await?;
    Ok(Some(signed_in.page.language.t("notice-sessions-ended")))
}

/// Turns two-step sign-in on once the person gives their password and
/// proves their app shows the right code for the key this session set up;
/// the recovery codes are shown once, on this response.
pub(super) async fn enable_two_factor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<EnableForm>,
) -> Result<HttpResponse> {
    use crate::accounts::second_factor as sf;
    let form = submitted.form;
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if signed_in.user.has_second_factor() {
        return Ok(see_other("/account/two-factor"));
    }
    let show = |errors| {
        two_factor_page(
            &state,
            &signed_in,
            vec![],
            false,
            None,
            errors,
            unprocessable,
        )
    };
    // A hijacked session must not be able to bind someone else's app.
    if let Some(errors) = confirm_password(&state, &signed_in, &form.password, "password").await? {
        return show(errors).await;
    }
    let session = signed_in.session.clone();
    let keys = state.keys.clone();
    let kept = state
        .db(move |conn| service::kept_totp_secret(conn, &keys, &session))
        .await?;
    let Some(secret) = kept else {
        return show(FormErrors::one(
            "code",
            "start_again",
            Words::of("accounts-error-setup-expired"),
        ))
        .await;
    };
    let now = chrono::Utc::now().timestamp().max(0) as u64;
    let Some(step) = sf::verify(&secret, &form.code, now, None) else {
        return show(FormErrors::one(
            "code",
            "wrong_code",
            Words::of("accounts-error-code-wrong"),
        ))
        .await;
    };
    let codes = sf::generate_recovery_codes()?;
    let hashes: Vec<String> = codes.iter().map(|c| sf::hash_recovery_code(c)).collect();
    let user = signed_in.user.clone();
    let keys = state.keys.clone();
    let refreshed = state
        .db(move |conn| {
            service::enable_second_factor(conn, &keys, &user, &secret, step, &hashes)?;
            service::find_user(conn, &user.tenant_id, &user.id)?.ok_or(Error::NotFound)
        })
        .await?;
    tracing::info!(user = %refreshed.id, "two-step sign-in turned on");
    let notice = end_others_if_asked(&state, &signed_in, form.end_other_sessions.is_some()).await?;
    let signed_in = SignedIn {
        user: refreshed,
        ..signed_in
    };
    two_factor_page(
        &state,
        &signed_in,
        codes,
        false,
        notice,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
pub(super) struct ConfirmWithPassword {
    #[serde(default)]
    pub(super) password: String,
    #[serde(default)]
    pub(super) end_other_sessions: Option<String>,
}

/// Checks the password a signed-in person typed to confirm a change:
/// `None` when right, otherwise the errors to show beside `field`.
pub(super) async fn confirm_password(
    state: &AppState,
    signed_in: &SignedIn,
    password: &str,
    field: &str,
) -> Result<Option<FormErrors>> {
    let refused = state
        .hasher
        .confirm(password, signed_in.user.password_hash.clone(), field)
        .await?;
    Ok(refused.map(|e| FormErrors::one(&e.field, &e.code, &e)))
}

pub(super) async fn disable_two_factor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ConfirmWithPassword>,
) -> Result<HttpResponse> {
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if signed_in.user.must_use_second_factor() {
        return Err(Error::Forbidden(
            Words::of("accounts-error-must-keep-two-factor").into(),
        ));
    }
    let refused = confirm_password(&state, &signed_in, &submitted.form.password, "password_off");
    if let Some(errors) = refused.await? {
        return two_factor_page(
            &state,
            &signed_in,
            vec![],
            false,
            None,
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
    let ended = end_others_if_asked(
        &state,
        &signed_in,
        submitted.form.end_other_sessions.is_some(),
    )
    .await?;
    Ok(see_other(if ended.is_some() {
        "/account/two-factor?done=off_and_signed_out"
    } else {
        "/account/two-factor?done=off"
    }))
}

pub(super) async fn new_recovery_codes(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ConfirmWithPassword>,
) -> Result<HttpResponse> {
    use crate::accounts::second_factor as sf;
    let unprocessable = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
    if !signed_in.user.has_second_factor() {
        return Ok(see_other("/account/two-factor"));
    }
    let refused = confirm_password(&state, &signed_in, &submitted.form.password, "password");
    if let Some(errors) = refused.await? {
        return two_factor_page(
            &state,
            &signed_in,
            vec![],
            false,
            None,
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
    let notice = end_others_if_asked(
        &state,
        &signed_in,
        submitted.form.end_other_sessions.is_some(),
    )
    .await?;
    two_factor_page(
        &state,
        &signed_in,
        codes,
        false,
        notice,
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}
