//! The evaluation API: a proposal's results, your rating, and the
//! place's outcomes.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{rating_from_json, EvaluationView, Outcome, Rating, RatingInput, YourRating};
use super::service;
use crate::db::ids::ProposalId;
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/proposals/{id}/evaluation").get(get))
        .service(
            web::resource("/api/v1/proposals/{id}/evaluation/mine")
                .put(rate)
                .delete(withdraw),
        )
        .service(web::resource("/api/v1/outcomes").get(outcomes));
}

fn proposal_id(raw: &str) -> Result<ProposalId> {
    raw.parse().map_err(|_| Error::NotFound)
}

/// A proposal's evaluation: whether it is open, how many were invited,
/// the count, average and spread of the ratings, a page of the comments
/// (`page`, `per_page`), and, when signed in, your own part.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/evaluation", tag = "evaluation", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The proposal's id"), PageQuery),
    responses(
        (status = 200, description = "The evaluation", body = EvaluationView),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 410, description = "Hidden by the moderators", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let paging = Paging::parse(&paging)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::view(conn, &tenant_id, &id, viewer.as_ref(), paging))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Say whether a delivered proposal's intended outcome happened: a
/// `rating` from 1 to 5, an optional `comment`, and whether to show your
/// name beside it. Only the people invited (its supporters and the
/// residents of its area when it was delivered) rate, one rating each,
/// changeable until the evaluation closes.
#[utoipa::path(put, path = "/api/v1/proposals/{id}/evaluation/mine", tag = "evaluation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = RatingInput,
    responses(
        (status = 200, description = "Your rating", body = YourRating),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not invited to evaluate it (`not_invited`)", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "Not delivered yet, or the evaluation has closed", body = Problem),
        (status = 422, description = "A rating that is not 1 to 5, or a comment too long", body = Problem),
    ))]
pub async fn rate(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<RatingInput>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let input = body.into_inner();
    let me = caller.user.clone();
    let rated = state
        .db(move |conn| {
            let rating = Rating::check(
                rating_from_json(&input.rating),
                input.comment.as_deref(),
                input.show_name.unwrap_or(false),
            );
            // Who may rate is answered before what was sent.
            service::may_rate(conn, &me.tenant_id, &me, &id)?;
            service::rate(conn, &me.tenant_id, &me, &id, &rating?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rated))
}

/// Take back your rating while the evaluation is open.
#[utoipa::path(delete, path = "/api/v1/proposals/{id}/evaluation/mine", tag = "evaluation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 204, description = "Taken back (or there was none)"),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not invited to evaluate it", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "Not open", body = Problem),
    ))]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::withdraw(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// One page of outcomes.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct OutcomePage {
    pub items: Vec<Outcome>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// The place's delivered and evaluated proposals with what residents
/// said about their intended outcomes, most recently moved first.
#[utoipa::path(get, path = "/api/v1/outcomes", tag = "evaluation",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of outcomes", body = OutcomePage),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn outcomes(
    state: web::Data<AppState>,
    tenant: Tenant,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let tenant_id = tenant.id.clone();
    let (items, total) = state
        .db(move |conn| service::outcomes(conn, &tenant_id, paging))
        .await?;
    Ok(HttpResponse::Ok().json(OutcomePage {
        items,
        page: i64::from(paging.page),
        per_page: i64::from(paging.per_page),
        total,
    }))
}
