//! Setting up two-step sign-in.

use super::*;

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
    pub(super) recovery_codes: Vec<String>,
    pub(super) errors: FormErrors,
}

#[derive(Deserialize)]
pub(super) struct TwoFactorQuery {
    pub(super) required: Option<String>,
}

pub(super) async fn two_factor_page(
    state: &AppState,
    signed_in: &SignedIn,
    secret: Option<String>,
    recovery_codes: Vec<String>,
    required: bool,
    errors: FormErrors,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse> {
    use crate::accounts::second_factor as sf;
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

pub(super) async fn two_factor(
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
pub(super) struct EnableForm {
    #[serde(default)]
    pub(super) secret: String,
    #[serde(default)]
    pub(super) code: String,
}

/// Turns two-step sign-in on once the person proves their app shows the
/// right code; the recovery codes are shown once, on this response.
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
pub(super) struct ConfirmWithPassword {
    #[serde(default)]
    pub(super) password: String,
}

pub(super) async fn confirm_password(
    state: &AppState,
    signed_in: &SignedIn,
    password: &str,
) -> Result<bool> {
    state
        .hasher
        .verify(
            Password::given(password),
            signed_in.user.password_hash.clone(),
        )
        .await
}

pub(super) async fn disable_two_factor(
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
