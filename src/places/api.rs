//! The areas API: anyone may read a place's areas; tenant admins (with a
//! second factor) add, change and remove them.

use actix_web::{http::header, web, HttpResponse};
use serde::Deserialize;

use super::model::{Area, AreaChanges, NewArea};
use super::service::{self, Scope};
use crate::accounts::authz::{self, Permission};
use crate::db::ids::AreaId;
use crate::error::{Error, Result, Words};
use crate::http::auth::ApiUser;
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/areas").get(list).post(create))
        .service(
            web::resource("/api/v1/areas/{id}")
                .get(get)
                .patch(update)
                .delete(delete),
        );
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AreaFilter {
    /// Only the areas directly inside this one; `none` for the top-level
    /// areas. Without it, every area.
    pub parent_id: Option<String>,
}

fn area_id(raw: &str) -> Result<AreaId> {
    raw.parse().map_err(|_| Error::NotFound)
}

/// The place's areas, a page at a time, by name.
#[utoipa::path(get, path = "/api/v1/areas", tag = "places",
    params(PageQuery, AreaFilter),
    responses(
        (status = 200, description = "One page of areas", body = Paginated<Area>),
        (status = 422, description = "Bad page numbers or parent id", body = crate::http::problem::Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    paging: web::Query<PageQuery>,
    filter: web::Query<AreaFilter>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let scope = match filter.parent_id.as_deref().map(str::trim) {
        None | Some("") => Scope::Everywhere,
        Some("none") => Scope::TopLevel,
        Some(raw) => Scope::ChildrenOf(raw.parse().map_err(|_| {
            Error::field(
                "parent_id",
                "invalid",
                Words::of("places-error-parent-id-invalid"),
            )
        })?),
    };
    let tenant_id = tenant.id.clone();
    let (items, total) = state
        .db(move |conn| service::list(conn, &tenant_id, &scope, paging))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

/// Add an area (tenant admins).
#[utoipa::path(post, path = "/api/v1/areas", tag = "places", security(("bearer" = [])),
    request_body = NewArea,
    responses(
        (status = 201, description = "The new area; `Location` names it", body = Area),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 409, description = "A sibling already has this name", body = crate::http::problem::Problem),
        (status = 422, description = "Fields to fix (including a parent that is not an area here)", body = crate::http::problem::Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<NewArea>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManagePlace)?;
    let new = body.into_inner();
    let (tenant, by) = (caller.tenant.id.clone(), caller.user.id.clone());
    let area = state
        .db(move |conn| service::create(conn, &tenant, Some(&by), &new))
        .await?;
    tracing::info!(admin = %caller.user.id, area = %area.id, "area created");
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/areas/{}", area.id)))
        .json(area))
}

/// One area.
#[utoipa::path(get, path = "/api/v1/areas/{id}", tag = "places",
    params(("id" = String, Path, description = "The area's id")),
    responses(
        (status = 200, description = "The area", body = Area),
        (status = 404, description = "No such area here", body = crate::http::problem::Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = area_id(&path)?;
    let tenant_id = tenant.id.clone();
    let area = state
        .db(move |conn| service::find(conn, &tenant_id, &id))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(HttpResponse::Ok().json(area))
}

/// Change an area's name, kind, description or point (tenant admins).
#[utoipa::path(patch, path = "/api/v1/areas/{id}", tag = "places", security(("bearer" = [])),
    params(("id" = String, Path, description = "The area's id")),
    request_body = AreaChanges,
    responses(
        (status = 200, description = "The changed area", body = Area),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 404, description = "No such area here", body = crate::http::problem::Problem),
        (status = 409, description = "A sibling already has this name", body = crate::http::problem::Problem),
        (status = 422, description = "Fields to fix", body = crate::http::problem::Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<AreaChanges>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManagePlace)?;
    let id = area_id(&path)?;
    let changes = body.into_inner();
    let (tenant, by) = (caller.tenant.id.clone(), caller.user.id.clone());
    let area = state
        .db(move |conn| service::update(conn, &tenant, Some(&by), &id, &changes))
        .await?;
    tracing::info!(admin = %caller.user.id, area = %area.id, "area changed");
    Ok(HttpResponse::Ok().json(area))
}

/// Remove an area that contains no other areas (tenant admins).
#[utoipa::path(delete, path = "/api/v1/areas/{id}", tag = "places", security(("bearer" = [])),
    params(("id" = String, Path, description = "The area's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 404, description = "No such area here", body = crate::http::problem::Problem),
        (status = 409, description = "The area still contains other areas", body = crate::http::problem::Problem),
    ))]
pub async fn delete(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManagePlace)?;
    let id = area_id(&path)?;
    let (tenant, by) = (caller.tenant.id.clone(), caller.user.id.clone());
    let removed = id.clone();
    state
        .db(move |conn| service::delete(conn, &tenant, &by, &id))
        .await?;
    tracing::info!(admin = %caller.user.id, area = %removed, "area removed");
    Ok(HttpResponse::NoContent().finish())
}
