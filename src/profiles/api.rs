//! The profiles API: anyone's profile as the caller may see it, and the
//! caller's own profile changes.

use actix_web::{web, HttpResponse};

use super::model::{ProfileChanges, ProfileView};
use super::service;
use crate::db::ids::UserId;
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/users/{id}").get(user))
        .service(web::resource("/api/v1/me/profile").patch(update));
}

/// A person's profile, with only the fields the caller may see: public
/// fields for everyone, members' fields for people signed in here, all of
/// it for the person.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "profiles", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The profile as the caller may see it", body = ProfileView),
        (status = 401, description = "A token was sent and is not valid", body = crate::http::problem::Problem),
        (status = 404, description = "No such person here", body = crate::http::problem::Problem),
    ))]
pub async fn user(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::view(conn, &tenant_id, &id, viewer.as_ref()))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change your profile and who may see each field. Absent fields stay as
/// they are; an empty string clears a field.
#[utoipa::path(patch, path = "/api/v1/me/profile", tag = "profiles", security(("bearer" = [])),
    request_body = ProfileChanges,
    responses(
        (status = 200, description = "Your whole profile", body = ProfileView),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 422, description = "Fields to fix", body = crate::http::problem::Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<ProfileChanges>,
) -> Result<HttpResponse> {
    let changes = body.into_inner();
    let me = caller.user.clone();
    let profile = state
        .db(move |conn| service::update(conn, &me.tenant_id, &me.id, &changes))
        .await?;
    tracing::info!(user = %caller.user.id, "profile changed");
    Ok(HttpResponse::Ok().json(profile.seen_by(caller.user.id.as_str(), super::Viewer::Owner)))
}
