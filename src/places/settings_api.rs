//! The settings API: the place's public settings for anyone, and changes
//! for its admins.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::settings::{self, Settings};
use crate::accounts::authz::{self, Permission};
use crate::error::Result;
use crate::http::auth::ApiUser;
use crate::http::extract::Tenant;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/place").get(place))
        .service(web::resource("/api/v1/admin/settings").patch(update));
}

/// A place's public settings.
#[derive(Serialize, ToSchema)]
pub struct Place {
    pub name: String,
    /// The default language tag, such as `en-GB`.
    pub language: String,
    /// `#rrggbb`, or none for the default colours.
    pub brand_colour: Option<String>,
}

impl From<Settings> for Place {
    fn from(s: Settings) -> Self {
        Self {
            name: s.name,
            language: s.language,
            brand_colour: s.brand_colour,
        }
    }
}

/// Changes to the settings; absent fields stay as they are, and an empty
/// brand colour goes back to the default colours.
#[derive(Deserialize, ToSchema)]
pub struct SettingsChanges {
    pub name: Option<String>,
    pub language: Option<String>,
    pub brand_colour: Option<String>,
}

/// The place's public settings.
#[utoipa::path(get, path = "/api/v1/place", tag = "places",
    responses((status = 200, description = "The place's public settings", body = Place)))]
pub async fn place(state: web::Data<AppState>, tenant: Tenant) -> Result<HttpResponse> {
    let id = tenant.id.clone();
    let now = state.db(move |conn| settings::current(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(Place::from(now)))
}

/// Change the place's settings (tenant admins). A brand colour that white
/// text is not readable on (below 4.5:1) is a field error.
#[utoipa::path(patch, path = "/api/v1/admin/settings", tag = "admin", security(("bearer" = [])),
    request_body = SettingsChanges,
    responses(
        (status = 200, description = "The settings now", body = Place),
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
            let mut wanted = settings::load(conn, &tenant)?;
            if let Some(name) = changes.name {
                wanted.name = name;
            }
            if let Some(language) = changes.language {
                wanted.language = language;
            }
            if let Some(colour) = changes.brand_colour {
                wanted.brand_colour = Some(colour);
            }
            settings::save(conn, &tenant, &by, &wanted)?;
            settings::current(conn, &tenant.id)
        })
        .await?;
    state.tenants.clear();
    tracing::info!(admin = %caller.user.id, "settings changed");
    Ok(HttpResponse::Ok().json(Place::from(saved)))
}
