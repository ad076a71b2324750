//! The My data API: export, erasure and import.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::model::{Contributions, Export};
use super::service::{self, Imported};
use crate::error::{Error, Result};
use crate::http::auth::ApiUser;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/me/export").get(export))
        .service(web::resource("/api/v1/me/import").post(import));
}

/// Everything the platform holds about the caller, as JSON (format
/// `coproduce-export`, version 1).
#[utoipa::path(get, path = "/api/v1/me/export", tag = "my data", security(("bearer" = [])),
    responses(
        (status = 200, description = "Everything held about you", body = Export),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
    ))]
pub async fn export(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let tenant = caller.tenant.clone();
    let id = caller.user.id.clone();
    let keys = state.keys.clone();
    let data = state
        .db(move |conn| {
            service::record_export(conn, &tenant.id, &id)?;
            service::export(conn, &keys, &tenant, &id)
        })
        .await?;
    tracing::info!(user = %caller.user.id, "data exported");
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"my-data.json\"",
        ))
        .insert_header(("Cache-Control", "no-store"))
        .json(data))
}

#[derive(Deserialize, ToSchema)]
pub struct EraseRequest {
    pub password: String,
    /// What happens to your public contributions (default: delete them).
    #[serde(default)]
    pub contributions: Option<Contributions>,
}

/// Delete your account. Personal data is erased at once, every session
/// ends, and your encrypted content can never be read again.
#[utoipa::path(delete, path = "/api/v1/me", tag = "my data", security(("bearer" = [])),
    request_body = EraseRequest,
    responses(
        (status = 204, description = "Erased"),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 409, description = "You are the last admin of this place", body = crate::http::problem::Problem),
        (status = 422, description = "The password is not right", body = crate::http::problem::Problem),
    ))]
pub async fn erase(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<EraseRequest>,
) -> Result<HttpResponse> {
    let refused = state
        .hasher
        .confirm(
            &body.password,
            caller.user.password_hash.clone(),
            "password",
        )
        .await?;
    if let Some(e) = refused {
        return Err(Error::Validation(vec![e]));
    }
    let contributions = body.contributions.unwrap_or(Contributions::Delete);
    super::pages::erase_account(&state, &caller.user, contributions).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Bring your profile from another place's export. What comes across is
/// visible only to you until you choose otherwise.
#[utoipa::path(post, path = "/api/v1/me/import", tag = "my data", security(("bearer" = [])),
    request_body = Export,
    responses(
        (status = 200, description = "What was brought across", body = Imported),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 422, description = "Not a usable export", body = crate::http::problem::Problem),
    ))]
pub async fn import(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<Export>,
) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let export = body.into_inner();
    let imported = state
        .db(move |conn| service::import(conn, &me.tenant_id, &me, &export))
        .await?;
    tracing::info!(user = %caller.user.id, "profile imported from another place");
    Ok(HttpResponse::Ok().json(imported))
}
