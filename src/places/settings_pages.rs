//! The admin settings page and the per-place stylesheet `/theme.css`.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::settings::{self, Settings, Wanted};
use crate::accounts::authz::{self, Permission};
use crate::error::Result;
use crate::http::auth::{ProtectedForm, SignedIn};
use crate::http::extract::Tenant;
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::residency::model::Route;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/settings").get(form).post(save))
        .service(web::resource("/theme.css").get(theme));
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    form: SettingsForm,
    errors: FormErrors,
    notice: Option<String>,
    routes: [Route; 3],
    licences: &'static [crate::opendata::model::Licence],
}

#[derive(Deserialize, Default)]
struct SettingsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    brand_colour: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    mail_sender_name: String,
    #[serde(default)]
    mail_sender_address: String,
    /// Ticked boxes, one per route.
    route_postcode: Option<String>,
    route_vouching: Option<String>,
    route_manual: Option<String>,
    #[serde(default)]
    support_threshold: String,
    #[serde(default)]
    open_data_licence: String,
}

/// The form as posted. Fields a form leaves out (an older page, a script)
/// keep their current values; the residency boxes count only when the
/// form says it showed them (`routes_shown`), since an unticked box is
/// simply absent.
#[derive(Deserialize, Default)]
struct Submitted {
    #[serde(default)]
    name: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    brand_colour: String,
    contact_email: Option<String>,
    mail_sender_name: Option<String>,
    mail_sender_address: Option<String>,
    routes_shown: Option<String>,
    route_postcode: Option<String>,
    route_vouching: Option<String>,
    route_manual: Option<String>,
    support_threshold: Option<String>,
    open_data_licence: Option<String>,
}

impl Submitted {
    /// The form to check and, on a problem, show again: what was sent,
    /// over the settings as they are.
    fn over(self, now: Settings) -> SettingsForm {
        let mut form = SettingsForm::from_settings(now);
        form.name = self.name;
        form.language = self.language;
        form.brand_colour = self.brand_colour;
        for (sent, field) in [
            (self.contact_email, &mut form.contact_email),
            (self.mail_sender_name, &mut form.mail_sender_name),
            (self.mail_sender_address, &mut form.mail_sender_address),
            (self.support_threshold, &mut form.support_threshold),
            (self.open_data_licence, &mut form.open_data_licence),
        ] {
            if let Some(value) = sent {
                *field = value;
            }
        }
        if self.routes_shown.is_some() {
            form.route_postcode = self.route_postcode;
            form.route_vouching = self.route_vouching;
            form.route_manual = self.route_manual;
        }
        form
    }
}

impl SettingsForm {
    fn ticked(&self, route: &Route) -> bool {
        match route {
            Route::Postcode => self.route_postcode.is_some(),
            Route::Vouching => self.route_vouching.is_some(),
            Route::Manual => self.route_manual.is_some(),
        }
    }

    fn from_settings(now: Settings) -> Self {
        let tick = |r: Route| now.residency.allows(r).then(|| "yes".to_owned());
        Self {
            route_postcode: tick(Route::Postcode),
            route_vouching: tick(Route::Vouching),
            route_manual: tick(Route::Manual),
            support_threshold: now.support_threshold.to_string(),
            open_data_licence: now.open_data_licence,
            name: now.name,
            language: now.language,
            brand_colour: now.brand_colour.unwrap_or_default(),
            contact_email: now.contact_email.unwrap_or_default(),
            mail_sender_name: now.mail_sender_name.unwrap_or_default(),
            mail_sender_address: now.mail_sender_address.unwrap_or_default(),
        }
    }

    fn wanted(&self) -> Wanted {
        Wanted {
            name: self.name.clone(),
            language: self.language.clone(),
            brand_colour: Some(self.brand_colour.clone()),
            contact_email: Some(self.contact_email.clone()),
            mail_sender_name: Some(self.mail_sender_name.clone()),
            mail_sender_address: Some(self.mail_sender_address.clone()),
            residency_routes: Route::ALL
                .iter()
                .filter(|r| self.ticked(r))
                .map(|r| r.as_str().to_owned())
                .collect(),
            support_threshold: self.support_threshold.clone(),
            open_data_licence: self.open_data_licence.clone(),
        }
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let tenant = signed_in.page.tenant.clone();
    let now = state.db(move |conn| settings::load(conn, &tenant)).await?;
    render::page(&SettingsPage {
        chrome: signed_in.page.chrome(),
        form: SettingsForm::from_settings(now),
        errors: FormErrors::default(),
        notice: (query.done.as_deref() == Some("saved"))
            .then(|| signed_in.page.language.t("notice-admin-settings-saved")),
        routes: Route::ALL,
        licences: crate::opendata::model::LICENCES,
    })
}

async fn save(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<Submitted>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let tenant = signed_in.page.tenant.clone();
    let now = state.db(move |conn| settings::load(conn, &tenant)).await?;
    let form = submitted.form.over(now);
    let wanted = form.wanted();
    let tenant = signed_in.page.tenant.clone();
    let by = signed_in.user.id.clone();
    match state
        .db(move |conn| settings::save(conn, &tenant, &by, &wanted))
        .await
    {
        Ok(changed) => {
            // The name and language are in every page's header: drop the
            // cached tenant so the next request reads them again.
            state.tenants.clear();
            tracing::info!(admin = %signed_in.user.id, ?changed, "settings changed");
            Ok(see_other("/admin/settings?done=saved"))
        }
        Err(e) => render::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SettingsPage {
                chrome: signed_in.page.chrome(),
                form,
                errors: FormErrors::from_error(e)?,
                notice: None,
                routes: Route::ALL,
                licences: crate::opendata::model::LICENCES,
            },
        ),
    }
}

/// The place's colours as CSS, revalidated on each page (ETag), since
/// the CSP forbids inline styles.
async fn theme(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
) -> Result<HttpResponse> {
    let id = tenant.id.clone();
    let colour = state
        .db(move |conn| settings::brand_colour(conn, &id))
        .await?;
    let css = settings::theme_css(colour.as_deref());
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(css.as_bytes())[..16]));
    let cache = (header::CACHE_CONTROL, "no-cache");
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if matches {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header(cache)
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::ETAG, etag))
        .insert_header(cache)
        .body(css))
}
