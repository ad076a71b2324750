//! The organisations API: the directory, profiles, members and the
//! council's recognition.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::model::{
    MemberRole, MemberView, NewOrganisation, OrganisationChanges, OrganisationKind,
    OrganisationView,
};
use super::service;
use crate::db::ids::{OrganisationId, UserId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/organisations")
            .get(list)
            .post(create),
    )
    .service(
        web::resource("/api/v1/organisations/{id}")
            .get(get)
            .patch(update),
    )
    .service(
        web::resource("/api/v1/organisations/{id}/members")
            .get(members)
            .post(add_member),
    )
    .service(
        web::resource("/api/v1/organisations/{id}/members/{user_id}")
            .put(change_role)
            .delete(remove_member),
    )
    .service(
        web::resource("/api/v1/organisations/{id}/join-requests")
            .get(join_requests)
            .post(request_to_join),
    )
    .service(
        web::resource("/api/v1/organisations/{id}/join-requests/{user_id}/decision").post(decide),
    )
    .service(web::resource("/api/v1/admin/organisations/{id}/verification").put(set_verification));
}

fn organisation_id(raw: &str) -> Result<OrganisationId> {
    raw.parse().map_err(|_| Error::NotFound)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OrganisationFilter {
    /// Part of the name.
    pub q: Option<String>,
    /// `public`, `voluntary`, `private` or `community`.
    pub kind: Option<String>,
}

/// The organisations of this place, by name, a page at a time.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    params(PageQuery, OrganisationFilter),
    responses(
        (status = 200, description = "One page of organisations", body = Paginated<OrganisationView>),
        (status = 422, description = "Bad page numbers or kind", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    paging: web::Query<PageQuery>,
    filter: web::Query<OrganisationFilter>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let kind = match filter
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        None => None,
        Some(raw) => Some(OrganisationKind::parse(raw).ok_or_else(|| {
            Error::field(
                "kind",
                "invalid",
                Words::of("organisations-error-kind-invalid"),
            )
        })?),
    };
    let tenant_id = tenant.id.clone();
    let search = filter.q.clone();
    let (found, total) = state
        .db(move |conn| service::list(conn, &tenant_id, search.as_deref(), kind, paging))
        .await?;
    let items = found.iter().map(OrganisationView::from).collect();
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

/// Start an organisation; you become its admin. Needs a confirmed email
/// address.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", security(("bearer" = [])),
    request_body = NewOrganisation,
    responses(
        (status = 201, description = "The new organisation", body = OrganisationView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<NewOrganisation>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let created = state
        .db(move |conn| service::create(conn, &me.tenant_id, &me, &new))
        .await?;
    tracing::info!(user = %caller.user.id, organisation = %created.id, "organisation created");
    Ok(HttpResponse::Created().json(OrganisationView::from(&created)))
}

/// An organisation's profile.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations",
    params(("id" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The organisation", body = OrganisationView),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let tenant_id = tenant.id.clone();
    let found = state
        .db(move |conn| service::find(conn, &tenant_id, &id))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(HttpResponse::Ok().json(OrganisationView::from(&found)))
}

/// Change an organisation's profile (its admins only). Absent fields stay;
/// an empty website or areas served clears it.
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    request_body = OrganisationChanges,
    responses(
        (status = 200, description = "The changed organisation", body = OrganisationView),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<OrganisationChanges>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let changed = state
        .db(move |conn| service::update(conn, &me.tenant_id, &me, &id, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(OrganisationView::from(&changed)))
}

/// An organisation's members; each name shows only if that person's
/// profile shows it to you.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/members", tag = "organisations", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The members", body = [MemberView]),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn members(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let list = state
        .db(move |conn| {
            service::find(conn, &tenant_id, &id)?.ok_or(Error::NotFound)?;
            service::members(conn, &tenant_id, &id, viewer.as_ref())
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = OrganisationNewMember)]
pub struct NewMember {
    /// A person of this place.
    pub user_id: String,
    pub role: MemberRole,
}

/// Add a person of this place to the organisation (its admins only).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/members", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    request_body = NewMember,
    responses(
        (status = 201, description = "The members, the new one among them", body = [MemberView]),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
        (status = 409, description = "Already a member", body = Problem),
        (status = 422, description = "No such person here", body = Problem),
    ))]
pub async fn add_member(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewMember>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let person: UserId = body.user_id.parse().map_err(|_| {
        Error::field(
            "user_id",
            "unknown",
            Words::of("organisations-error-no-such-person"),
        )
    })?;
    let role = body.role;
    let me = caller.user.clone();
    let list = state
        .db(move |conn| {
            service::add_member(conn, &me.tenant_id, &me, &id, &person, role)?;
            service::members(conn, &me.tenant_id, &id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Created().json(list))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = OrganisationRoleRequest)]
pub struct RoleRequest {
    pub role: MemberRole,
}

/// Give a member another role (the organisation's admins only). The last
/// admin stays one.
#[utoipa::path(put, path = "/api/v1/organisations/{id}/members/{user_id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"),
           ("user_id" = String, Path, description = "The member's id")),
    request_body = RoleRequest,
    responses(
        (status = 204, description = "The role is changed"),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation or member here", body = Problem),
        (status = 409, description = "It is the last admin", body = Problem),
    ))]
pub async fn change_role(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Json<RoleRequest>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let role = body.role;
    let me = caller.user.clone();
    state
        .db(move |conn| service::change_role(conn, &me.tenant_id, &me, &id, &person, role))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Remove a member (the organisation's admins), or leave (anyone). The
/// last admin stays.
#[utoipa::path(delete, path = "/api/v1/organisations/{id}/members/{user_id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"),
           ("user_id" = String, Path, description = "The member's id")),
    responses(
        (status = 204, description = "No longer a member"),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation or member here", body = Problem),
        (status = 409, description = "It is the last admin", body = Problem),
    ))]
pub async fn remove_member(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::remove_member(conn, &me.tenant_id, &me, &id, &person))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct VerificationRequest {
    /// Whether the council recognises the organisation.
    pub verified: bool,
}

/// Mark an organisation recognised by the council, or take that back
/// (tenant admins with a second factor).
#[utoipa::path(put, path = "/api/v1/admin/organisations/{id}/verification", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    request_body = VerificationRequest,
    responses(
        (status = 200, description = "The organisation", body = OrganisationView),
        (status = 403, description = "Not an admin, or no second factor yet", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn set_verification(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<VerificationRequest>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let verified = body.verified;
    let me = caller.user.clone();
    let changed = state
        .db(move |conn| service::set_verified(conn, &me.tenant_id, &me, &id, verified))
        .await?;
    tracing::info!(admin = %caller.user.id, organisation = %changed.id, verified, "organisation recognition changed");
    Ok(HttpResponse::Ok().json(OrganisationView::from(&changed)))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct JoinRequest {
    /// A few words for the organisation's admins (optional).
    #[serde(default)]
    pub message: Option<String>,
}

/// Ask to join an organisation; its admins accept or decline, and you are
/// told by email. Needs a confirmed email address.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/join-requests", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    request_body = JoinRequest,
    responses(
        (status = 201, description = "Asked"),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
        (status = 409, description = "Already a member, or already asked", body = Problem),
        (status = 422, description = "The message is too long", body = Problem),
    ))]
pub async fn request_to_join(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<JoinRequest>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let message = body.into_inner().message;
    let me = caller.user.clone();
    state
        .db(move |conn| service::request_to_join(conn, &me.tenant_id, &me, &id, message.as_deref()))
        .await?;
    Ok(HttpResponse::Created().finish())
}

/// Pending requests to join, oldest first (the organisation's admins only).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/join-requests", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "Pending requests", body = [service::JoinRequestView]),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
    ))]
pub async fn join_requests(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let me = caller.user.clone();
    let list = state
        .db(move |conn| service::pending_requests(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = OrganisationDecision)]
pub enum Decision {
    Accept,
    Decline,
}

#[derive(Deserialize, ToSchema)]
#[schema(as = OrganisationDecisionRequest)]
pub struct DecisionRequest {
    pub decision: Decision,
}

/// Accept or decline a pending request to join (the organisation's admins
/// only). The person is told by email.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/join-requests/{user_id}/decision", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"),
           ("user_id" = String, Path, description = "Who asked")),
    request_body = DecisionRequest,
    responses(
        (status = 204, description = "Decided"),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation or pending request here", body = Problem),
    ))]
pub async fn decide(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Json<DecisionRequest>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let accept = matches!(body.decision, Decision::Accept);
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    state
        .db(move |conn| service::decide(conn, &tenant, &me, &id, &person, accept))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
