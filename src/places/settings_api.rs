//! The settings API: the place's public settings for anyone, and changes
//! for its admins.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::settings::{self, Settings, Wanted};
use crate::accounts::authz::{self, Permission};
use crate::error::Result;
use crate::http::auth::ApiUser;
use crate::http::extract::Tenant;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/place").get(place))
        .service(
            web::resource("/api/v1/admin/settings")
                .get(admin_settings)
                .patch(update),
        );
}

/// A place's public settings.
#[derive(Serialize, ToSchema)]
pub struct Place {
    pub name: String,
    /// The default language tag, such as `en-GB`.
    pub language: String,
    /// `#rrggbb`, or none for the default colours.
    pub brand_colour: Option<String>,
    /// Where to write to the place's team, if it says.
    pub contact_email: Option<String>,
    /// How a person becomes a verified resident: `["verified_email"]` (a
    /// confirmed email address is enough) or any of `postcode`,
    /// `vouching`, `manual`, each enough on its own.
    pub residency_routes: Vec<String>,
    /// How many supports a proposal needs.
    pub support_threshold: i64,
    /// The SPDX id of the licence of the place's open data (see
    /// `/open-data`).
    pub open_data_licence: String,
}

impl From<&Settings> for Place {
    fn from(s: &Settings) -> Self {
        Self {
            name: s.name.clone(),
            language: s.language.clone(),
            brand_colour: s.brand_colour.clone(),
            contact_email: s.contact_email.clone(),
            residency_routes: s.residency.names().into_iter().map(str::to_owned).collect(),
            support_threshold: s.support_threshold,
            open_data_licence: s.open_data_licence.clone(),
        }
    }
}

/// Every setting, as its admins see them.
#[derive(Serialize, ToSchema)]
pub struct AdminSettings {
    #[serde(flatten)]
    pub place: Place,
    /// The name in the From of the place's email; none: the place's name.
    pub mail_sender_name: Option<String>,
    /// The From address of the place's email; none: the installation's.
    pub mail_sender_address: Option<String>,
}

impl From<Settings> for AdminSettings {
    fn from(s: Settings) -> Self {
        Self {
            place: Place::from(&s),
            mail_sender_name: s.mail_sender_name,
            mail_sender_address: s.mail_sender_address,
        }
    }
}

/// Changes to the settings; absent fields stay as they are, and an empty
/// text (brand colour, contact or sender) clears that setting.
#[derive(Deserialize, ToSchema)]
#[schema(as = PlaceSettingsChanges)]
pub struct SettingsChanges {
    pub name: Option<String>,
    pub language: Option<String>,
    pub brand_colour: Option<String>,
    pub contact_email: Option<String>,
    pub mail_sender_name: Option<String>,
    pub mail_sender_address: Option<String>,
    /// `["verified_email"]`, or any of `postcode`, `vouching`, `manual`.
    pub residency_routes: Option<Vec<String>>,
    /// A whole number from 1.
    pub support_threshold: Option<i64>,
    /// `CC-BY-4.0`, `CC-BY-SA-4.0`, `CC0-1.0`, `OGL-UK-3.0`, `ODbL-1.0` or
    /// `PDDL-1.0`.
    pub open_data_licence: Option<String>,
}

/// The place's public settings.
#[utoipa::path(get, path = "/api/v1/place", tag = "places",
    responses((status = 200, description = "The place's public settings", body = Place)))]
pub async fn place(state: web::Data<AppState>, tenant: Tenant) -> Result<HttpResponse> {
    let id = tenant.id.clone();
    let now = state.db(move |conn| settings::current(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(Place::from(&now)))
}

/// Every setting of the place (tenant admins).
#[utoipa::path(get, path = "/api/v1/admin/settings", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = AdminSettings),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
    ))]
pub async fn admin_settings(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManagePlace)?;
    let id = caller.tenant.id.clone();
    let now = state.db(move |conn| settings::current(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(AdminSettings::from(now)))
}

/// Change the place's settings (tenant admins). A brand colour that white
/// text is not readable on (below 4.5:1), an address that is not one, an
/// unknown residency route or a threshold below 1 is a field error.
#[utoipa::path(patch, path = "/api/v1/admin/settings", tag = "admin", security(("bearer" = [])),
    request_body = SettingsChanges,
    responses(
        (status = 200, description = "The settings now", body = AdminSettings),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 422, description = "Fields to fix", body = crate::http::problem::Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<SettingsChanges>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManagePlace)?;
    let changes = body.into_inner();
    let tenant = caller.tenant.0.clone();
    let by = caller.user.id.clone();
    let saved = state
        .db(move |conn| {
            let mut wanted = Wanted::from(settings::load(conn, &tenant)?);
            if let Some(name) = changes.name {
                wanted.name = name;
            }
            if let Some(language) = changes.language {
                wanted.language = language;
            }
            for (new, old) in [
                (changes.brand_colour, &mut wanted.brand_colour),
                (changes.contact_email, &mut wanted.contact_email),
                (changes.mail_sender_name, &mut wanted.mail_sender_name),
                (changes.mail_sender_address, &mut wanted.mail_sender_address),
            ] {
                if new.is_some() {
                    *old = new;
                }
            }
            if let Some(routes) = changes.residency_routes {
                wanted.residency_routes = routes;
            }
            if let Some(n) = changes.support_threshold {
                wanted.support_threshold = n.to_string();
            }
            if let Some(licence) = changes.open_data_licence {
                wanted.open_data_licence = licence;
            }
            settings::save(conn, &tenant, &by, &wanted)?;
            settings::current(conn, &tenant.id)
        })
        .await?;
    state.tenants.clear();
    tracing::info!(admin = %caller.user.id, "settings changed");
    Ok(HttpResponse::Ok().json(AdminSettings::from(saved)))
}
