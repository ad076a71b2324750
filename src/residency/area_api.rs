//! The API of a person's home area: read it and choose it.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::areas::{self, HomeArea};
use crate::error::Result;
use crate::http::auth::ApiUser;
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/me/residency/area")
            .get(my_area)
            .put(set_area),
    );
}

/// The area of this place you live in, if you chose one.
#[utoipa::path(get, path = "/api/v1/me/residency/area", tag = "residency", security(("bearer" = [])),
    responses(
        (status = 200, description = "Your area", body = HomeArea),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn my_area(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let area = state
        .db(move |conn| areas::home_area(conn, &me.tenant_id, &me.id))
        .await?;
    Ok(HttpResponse::Ok().json(area))
}

/// The area to record.
#[derive(Deserialize, ToSchema)]
pub struct AreaChoice {
    /// An area of this place; `null` or `""` forgets it.
    pub area_id: Option<String>,
}

/// Say which area of this place you live in. Residents of an area are
/// invited to evaluate the proposals delivered there; nobody else sees it.
#[utoipa::path(put, path = "/api/v1/me/residency/area", tag = "residency", security(("bearer" = [])),
    request_body = AreaChoice,
    responses(
        (status = 200, description = "Your area now", body = HomeArea),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 422, description = "Not an area of this place", body = Problem),
    ))]
pub async fn set_area(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<AreaChoice>,
) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let choice = body.into_inner();
    let area = state
        .db(move |conn| areas::set_home_area(conn, &me.tenant_id, &me, choice.area_id.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(area))
}
