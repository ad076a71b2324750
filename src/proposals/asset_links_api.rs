//! The API of a proposal's linked assets.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::api::proposal_id;
use super::asset_links::{self, LinkedAssets};
use super::service;
use crate::error::Result;
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/proposals/{id}/assets")
            .get(list)
            .put(replace),
    );
}

/// The assets of this place's asset map a proposal builds on.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/assets", tag = "proposals", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "Its linked assets", body = LinkedAssets),
        (status = 404, description = "No such proposal here", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let assets = state
        .db(move |conn| {
            service::visible(conn, &tenant_id, &id, viewer.as_ref())?;
            asset_links::linked(conn, &tenant_id, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(LinkedAssets { assets }))
}

/// The whole list of assets a proposal builds on.
#[derive(Deserialize, ToSchema)]
pub struct AssetIds {
    /// Ids of assets of this place's asset map (at most 20); an empty list
    /// unlinks them all.
    pub asset_ids: Vec<String>,
}

/// Choose the assets a proposal builds on (its authors, until a decision
/// is made on it). The list replaces the one before; an id that is not an
/// asset anyone may see here (another place's, a withdrawn one) refuses
/// the whole list and nothing changes.
#[utoipa::path(put, path = "/api/v1/proposals/{id}/assets", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = AssetIds,
    responses(
        (status = 200, description = "Its linked assets now", body = LinkedAssets),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not one of its authors", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "A decision has been made on it", body = Problem),
        (status = 422, description = "Unknown assets, or too many", body = Problem),
    ))]
pub async fn replace(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<AssetIds>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let ids = body.into_inner().asset_ids;
    let me = caller.user.clone();
    let assets = state
        .db(move |conn| asset_links::set(conn, &me.tenant_id, &me, &id, &ids))
        .await?;
    Ok(HttpResponse::Ok().json(LinkedAssets { assets }))
}
