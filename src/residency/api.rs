//! The residency API: a person's own status and the routes to it, the
//! vouching codes of organisations, and the admins' queue of requests.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::model::{CodeSummary, IssuedCode, PendingRequest, Status};
use super::service;
use crate::db::ids::{OrganisationId, UserId};
use crate::error::{Error, Result, Words};
use crate::http::auth::ApiUser;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/me/residency")
            .get(my_status)
            .post(verify),
    )
    .service(web::resource("/api/v1/organisations/{id}/vouching-codes").post(issue_code))
    .service(web::resource("/api/v1/organisations/{id}/vouching-codes/summary").get(code_summary))
    .service(web::resource("/api/v1/residency/requests").get(requests))
    .service(web::resource("/api/v1/residency/requests/{user_id}/decision").post(decide));
}

fn organisation_id(raw: &str) -> Result<OrganisationId> {
    raw.parse().map_err(|_| Error::NotFound)
}

/// Your residency: whether you count as a verified resident, how, and the
/// routes this place allows.
#[utoipa::path(get, path = "/api/v1/me/residency", tag = "residency", security(("bearer" = [])),
    responses(
        (status = 200, description = "Your status", body = Status),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn my_status(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let status = state
        .db(move |conn| service::status(conn, &me.tenant_id, &me))
        .await?;
    Ok(HttpResponse::Ok().json(status))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct ApprovalRequest {
    /// A few words for the admins (optional), such as how to reach you.
    #[serde(default)]
    pub note: Option<String>,
}

/// One way to show you live here: exactly one of the fields.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(max_properties = 1)]
pub struct VerifyRequest {
    /// A postcode in this place's list.
    #[schema(nullable = false)]
    pub postcode: Option<String>,
    /// A vouching code from a recognised organisation (`XXXX-XXXX-XXXX`).
    #[schema(nullable = false)]
    pub code: Option<String>,
    /// Ask the admins to approve you.
    #[schema(nullable = false)]
    pub request: Option<ApprovalRequest>,
}

/// Show you live here: by postcode, by vouching code, or by asking the
/// admins. Wrong postcodes and codes count against a limit of 5 per 15
/// minutes per account (429 with `Retry-After` past it).
#[utoipa::path(post, path = "/api/v1/me/residency", tag = "residency", security(("bearer" = [])),
    request_body = VerifyRequest,
    responses(
        (status = 200, description = "Your status now (verified, or with a pending request)", body = Status),
        (status = 400, description = "Not exactly one of postcode, code and request", body = Problem),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 409, description = "Already a resident, a request already waiting, or a route this place does not take", body = Problem),
        (status = 422, description = "The postcode or code is wrong, used or expired; the note is too long", body = Problem),
        (status = 429, description = "Too many wrong attempts", body = Problem),
    ))]
pub async fn verify(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<VerifyRequest>,
) -> Result<HttpResponse> {
    let body = body.into_inner();
    let given = [
        body.postcode.is_some(),
        body.code.is_some(),
        body.request.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(Error::BadRequest {
            code: "invalid_body",
            message: Words::of("residency-error-one-way").into(),
        });
    }
    let me = caller.user.clone();
    let status = state
        .db(move |conn| {
            let tenant = me.tenant_id.clone();
            if let Some(postcode) = &body.postcode {
                service::verify_by_postcode(conn, &tenant, &me, postcode)?;
            } else if let Some(code) = &body.code {
                service::verify_by_code(conn, &tenant, &me, code)?;
            } else if let Some(request) = &body.request {
                service::request_approval(conn, &tenant, &me, request.note.as_deref())?;
            }
            service::status(conn, &tenant, &me)
        })
        .await?;
    tracing::info!(user = %caller.user.id, resident = status.resident, "residency attempt");
    Ok(HttpResponse::Ok().json(status))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct IssueRequest {
    /// Days the code lasts, 1 to 90 (default 30).
    #[serde(default)]
    pub valid_days: Option<i64>,
}

/// Issue a one-time vouching code (admins of an organisation the council
/// recognises). The code is shown only in this answer.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/vouching-codes", tag = "residency", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    request_body(content = Option<IssueRequest>, description = "Optional: how long the code lasts"),
    responses(
        (status = 201, description = "The code, shown once", body = IssuedCode),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
        (status = 409, description = "The organisation is not recognised, or the place takes no vouching codes", body = Problem),
        (status = 422, description = "valid_days out of range", body = Problem),
    ))]
pub async fn issue_code(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: Option<web::Json<IssueRequest>>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let days = body.and_then(|b| b.into_inner().valid_days);
    let me = caller.user.clone();
    let issued = state
        .db(move |conn| service::issue_code(conn, &me.tenant_id, &me, &id, days))
        .await?;
    tracing::info!(user = %caller.user.id, organisation = %path, "vouching code issued");
    Ok(HttpResponse::Created().json(issued))
}

/// How many codes the organisation issued, how many were used and how many
/// expired (its admins only); never who used them.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/vouching-codes/summary", tag = "residency", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The counts", body = CodeSummary),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn code_summary(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let me = caller.user.clone();
    let summary = state
        .db(move |conn| service::code_summary(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::Ok().json(summary))
}

/// Requests waiting for an admin, oldest first (tenant admins).
#[utoipa::path(get, path = "/api/v1/residency/requests", tag = "residency", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of pending requests", body = Paginated<PendingRequest>),
        (status = 403, description = "Not an admin, or no second factor yet", body = Problem),
        (status = 422, description = "Bad page numbers", body = Problem),
    ))]
pub async fn requests(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let me = caller.user.clone();
    let (items, total) = state
        .db(move |conn| service::pending_requests(conn, &me.tenant_id, &me, paging))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
#[schema(as = ResidencyDecision)]
pub enum Decision {
    Approve,
    Decline,
}

#[derive(Deserialize, ToSchema)]
#[schema(as = ResidencyDecisionRequest)]
pub struct DecisionRequest {
    pub decision: Decision,
    /// Why (required to decline); sent to the person.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Approve or decline a pending request (tenant admins). The person is
/// told by email.
#[utoipa::path(post, path = "/api/v1/residency/requests/{user_id}/decision", tag = "residency", security(("bearer" = [])),
    params(("user_id" = String, Path, description = "Who asked")),
    request_body = DecisionRequest,
    responses(
        (status = 204, description = "Decided"),
        (status = 403, description = "Not an admin, or no second factor yet", body = Problem),
        (status = 404, description = "No pending request from this person here", body = Problem),
        (status = 422, description = "A decline without a reason, or a reason too long", body = Problem),
    ))]
pub async fn decide(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<DecisionRequest>,
) -> Result<HttpResponse> {
    let person: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let body = body.into_inner();
    let approve = matches!(body.decision, Decision::Approve);
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    state
        .db(move |conn| {
            service::decide(conn, &tenant, &me, &person, approve, body.reason.as_deref())
        })
        .await?;
    tracing::info!(admin = %caller.user.id, approve, "residency request decided");
    Ok(HttpResponse::NoContent().finish())
}
