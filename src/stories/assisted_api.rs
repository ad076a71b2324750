//! The JSON API of assisted participation: staff of a recognised
//! organisation start an assisted story (the answer carries the code to
//! read aloud); the code, or the person signed in, confirms it; the person
//! may decline; each side lists theirs.

use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::assisted::{self, AssistId, AssistView, NewAssisted, Started};
use super::service;
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, MaybeApiUser, PublicOrigin};
use crate::http::extract::Tenant;
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/assisted-stories").post(start))
        .service(web::resource("/api/v1/assisted-stories/{id}").get(get))
        .service(web::resource("/api/v1/assisted-stories/{id}/confirm").post(confirm))
        .service(web::resource("/api/v1/assisted-stories/{id}/decline").post(decline))
        .service(web::resource("/api/v1/me/assisted-stories").get(mine));
}

fn assist_id(raw: &str) -> Result<AssistId> {
    raw.parse().map_err(|_| Error::NotFound)
}

fn context(req: &HttpRequest, state: &AppState, tenant: &Tenant) -> Result<service::Context> {
    Ok(service::Context {
        tenant: (**tenant).clone(),
        keys: state.keys.clone(),
        base_url: req
            .extensions()
            .get::<PublicOrigin>()
            .map(|o| o.base_url.clone())
            .ok_or(Error::UnknownHost)?,
    })
}

/// Help someone in person (staff of an organisation the council
/// recognised): make their account, write their story, record the
/// consents they choose. Nothing is shared until they confirm; the answer
/// carries the six-digit code to read to them (it is also emailed).
#[utoipa::path(post, path = "/api/v1/assisted-stories", tag = "stories", security(("bearer" = [])),
    request_body = NewAssisted,
    responses(
        (status = 201, description = "Made; waiting for the person's confirmation", body = Started),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not staff of the organisation, or it is not recognised (`organisation_not_verified`)", body = Problem),
        (status = 409, description = "An account with this email exists", body = Problem),
        (status = 422, description = "Missing or bad fields, or consents", body = Problem),
    ))]
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: ApiUser,
    body: web::Json<NewAssisted>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let cx = context(&req, &state, &tenant)?;
    let started = state
        .db(move |conn| assisted::start(conn, &cx.ctx(), &me, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/assisted-stories/{}", started.assist.id),
        ))
        .json(started))
}

/// An assisted story: for the person it is about and the staff member who
/// helped; anyone else: 404.
#[utoipa::path(get, path = "/api/v1/assisted-stories/{id}", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The assisted story's id")),
    responses(
        (status = 200, description = "It, without the story's text", body = AssistView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "None here, or not yours", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = assist_id(&path)?;
    let me = caller.user.clone();
    let view = state
        .db(
            move |conn| match assisted::find_view(conn, &me.tenant_id, &id, Some(&me))? {
                (v, assisted::Looker::Citizen | assisted::Looker::Staff) => Ok(v),
                (_, assisted::Looker::Other) => Err(Error::NotFound),
            },
        )
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The code, as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct ConfirmBody {
    /// The six digits; not needed when the person confirms signed in.
    #[serde(default)]
    pub code: Option<String>,
}

/// Confirm: with the code (on the staff device, or from the email), or as
/// the person signed in. The consents chosen are given then, marked as
/// assisted.
#[utoipa::path(post, path = "/api/v1/assisted-stories/{id}/confirm", tag = "stories", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The assisted story's id")),
    request_body = ConfirmBody,
    responses(
        (status = 200, description = "Confirmed; the consents are given", body = AssistView),
        (status = 404, description = "None here", body = Problem),
        (status = 409, description = "Already confirmed or declined", body = Problem),
        (status = 422, description = "Wrong, expired or locked code (`wrong_code`, `expired`, `locked`)", body = Problem),
    ))]
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
    body: web::Json<ConfirmBody>,
) -> Result<HttpResponse> {
    let id = assist_id(&path)?;
    let code = body.into_inner().code;
    let actor = caller.0.map(|c| c.user);
    let cx = context(&req, &state, &tenant)?;
    let view = state
        .db(move |conn| assisted::confirm(conn, &cx.ctx(), &id, code.as_deref(), actor.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Decline (the person, signed in): nothing is shared.
#[utoipa::path(post, path = "/api/v1/assisted-stories/{id}/decline", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The assisted story's id")),
    responses(
        (status = 200, description = "Declined", body = AssistView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "None here, or not yours", body = Problem),
        (status = 409, description = "Already confirmed or declined", body = Problem),
    ))]
pub async fn decline(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = assist_id(&path)?;
    let me = caller.user.clone();
    let view = state
        .db(move |conn| assisted::decline(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The stories you told with help, and those you helped others tell.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyAssisted {
    pub told: Vec<AssistView>,
    pub helped: Vec<AssistView>,
}

/// Stories told with a member of staff's help (yours), and those you
/// helped with.
#[utoipa::path(get, path = "/api/v1/me/assisted-stories", tag = "stories", security(("bearer" = [])),
    responses(
        (status = 200, description = "Both lists", body = MyAssisted),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn mine(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let answer = state
        .db(move |conn| {
            Ok(MyAssisted {
                told: assisted::mine(conn, &me.tenant_id, &me.id)?,
                helped: assisted::helped_by(conn, &me.tenant_id, &me.id)?,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
