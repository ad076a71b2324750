//! The invitations API: an organisation's admins invite, list, resend and
//! withdraw invitations; the person invited accepts or declines with the
//! secret from their email. No response ever carries a secret.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::invitations::{self, InvitationView, NewInvitation};
use super::model::{MemberView, OrganisationView};
use super::service;
use crate::db::ids::{InvitationId, OrganisationId};
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, PublicOrigin};
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/organisations/{id}/invitations")
            .get(list)
            .post(invite),
    )
    .service(
        web::resource("/api/v1/organisations/{id}/invitations/{invitation_id}")
            .get(get)
            .delete(revoke),
    )
    .service(
        web::resource("/api/v1/organisations/{id}/invitations/{invitation_id}/resend").post(resend),
    )
    .service(web::resource("/api/v1/organisation-invitations/accept").post(accept))
    .service(web::resource("/api/v1/organisation-invitations/decline").post(decline));
}

fn ids(raw: &(String, String)) -> Result<(OrganisationId, InvitationId)> {
    Ok((
        raw.0.parse().map_err(|_| Error::NotFound)?,
        raw.1.parse().map_err(|_| Error::NotFound)?,
    ))
}

fn base_url(req: &HttpRequest) -> Result<String> {
    use actix_web::HttpMessage;
    req.extensions()
        .get::<PublicOrigin>()
        .map(|o| o.base_url.clone())
        .ok_or(Error::UnknownHost)
}

/// Invite someone to the organisation by email (its admins only). Inviting
/// an address that already has a pending invitation sends that one again
/// with the new role. The email's link works once and for 7 days.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/invitations", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id")),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "The invitation (never its secret)", body = InvitationView),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
        (status = 422, description = "A bad address or role, or the person is already a member", body = Problem),
        (status = 429, description = "The organisation sent its 50 invitations of the day", body = Problem),
    ))]
pub async fn invite(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewInvitation>,
) -> Result<HttpResponse> {
    let org: OrganisationId = path.parse().map_err(|_| Error::NotFound)?;
    let base = base_url(&req)?;
    let location = format!("/api/v1/organisations/{org}/invitations/");
    let new = body.into_inner();
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let view = state
        .db(move |conn| {
            let sent = invitations::invite(conn, &tenant, &base, &me, &org, &new)?;
            invitations::pending_one(conn, &me.tenant_id, &me, &org, &sent.id)
        })
        .await?;
    tracing::info!(user = %caller.user.id, invitation = %view.id, "organisation invitation sent");
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("{location}{}", view.id)))
        .json(view))
}

/// Pending invitations of the organisation, most recently sent first, a
/// page at a time (its admins only). Expired ones are marked; send them
/// again to renew them.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/invitations", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"), PageQuery),
    responses(
        (status = 200, description = "One page of pending invitations", body = Paginated<InvitationView>),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation here", body = Problem),
        (status = 422, description = "Bad page numbers", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let org: OrganisationId = path.parse().map_err(|_| Error::NotFound)?;
    let paging = Paging::parse(&paging)?;
    let me = caller.user.clone();
    let (items, total) = state
        .db(move |conn| invitations::pending(conn, &me.tenant_id, &me, &org, paging))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

/// One pending invitation (the organisation's admins only).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/invitations/{invitation_id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"),
           ("invitation_id" = String, Path, description = "The invitation's id")),
    responses(
        (status = 200, description = "The invitation", body = InvitationView),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation or pending invitation here", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (org, id) = ids(&path)?;
    let me = caller.user.clone();
    let view = state
        .db(move |conn| invitations::pending_one(conn, &me.tenant_id, &me, &org, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Withdraw a pending invitation (the organisation's admins only); its
/// link stops working.
#[utoipa::path(delete, path = "/api/v1/organisations/{id}/invitations/{invitation_id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"),
           ("invitation_id" = String, Path, description = "The invitation's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation or pending invitation here", body = Problem),
    ))]
pub async fn revoke(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (org, id) = ids(&path)?;
    let me = caller.user.clone();
    state
        .db(move |conn| invitations::revoke(conn, &me.tenant_id, &me, &org, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a pending invitation again with a new link and a new 7 days (the
/// organisation's admins only); the old link stops working.
#[utoipa::path(post, path = "/api/v1/organisations/{id}/invitations/{invitation_id}/resend", tag = "organisations", security(("bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id"),
           ("invitation_id" = String, Path, description = "The invitation's id")),
    responses(
        (status = 200, description = "The invitation, sent again", body = InvitationView),
        (status = 403, description = "Not an admin of the organisation", body = Problem),
        (status = 404, description = "No such organisation or pending invitation here", body = Problem),
        (status = 429, description = "The organisation sent its 50 invitations of the day", body = Problem),
    ))]
pub async fn resend(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let (org, id) = ids(&path)?;
    let base = base_url(&req)?;
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let view = state
        .db(move |conn| {
            invitations::resend(conn, &tenant, &base, &me, &org, &id)?;
            invitations::pending_one(conn, &me.tenant_id, &me, &org, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Deserialize, ToSchema)]
pub struct InvitationToken {
    /// The secret from the invitation email's link (the part after
    /// `/organisations/invitations/`).
    pub token: String,
}

/// Your membership after accepting an invitation.
#[derive(serde::Serialize, ToSchema)]
pub struct Membership {
    pub organisation: OrganisationView,
    /// Your role in it now: `admin` or `member`.
    pub role: String,
    /// You were a member already and kept the role you had.
    pub already_member: bool,
    pub members: Vec<MemberView>,
}

/// Accept an invitation sent to your email address: you become a member
/// with the invited role (a member already keeps their role). Accepting
/// also confirms your email address, since the link reached it.
#[utoipa::path(post, path = "/api/v1/organisation-invitations/accept", tag = "organisations", security(("bearer" = [])),
    request_body = InvitationToken,
    responses(
        (status = 200, description = "Your membership", body = Membership),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "The invitation was sent to another email address", body = Problem),
        (status = 404, description = "The invitation can no longer be used (or never existed here)", body = Problem),
    ))]
pub async fn accept(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<InvitationToken>,
) -> Result<HttpResponse> {
    let token = body.into_inner().token;
    let me = caller.user.clone();
    let membership = state
        .db(move |conn| {
            let accepted = invitations::accept(conn, &me.tenant_id, &me, &token)?;
            let members =
                service::members(conn, &me.tenant_id, &accepted.organisation.id, Some(&me))?;
            Ok(Membership {
                organisation: OrganisationView::from(&accepted.organisation),
                role: accepted.role.as_str().to_owned(),
                already_member: accepted.already_member,
                members,
            })
        })
        .await?;
    tracing::info!(user = %caller.user.id, organisation = %membership.organisation.id, "organisation invitation accepted");
    Ok(HttpResponse::Ok().json(membership))
}

/// Decline an invitation sent to your email address.
#[utoipa::path(post, path = "/api/v1/organisation-invitations/decline", tag = "organisations", security(("bearer" = [])),
    request_body = InvitationToken,
    responses(
        (status = 204, description = "Declined"),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "The invitation was sent to another email address", body = Problem),
        (status = 404, description = "The invitation can no longer be used (or never existed here)", body = Problem),
    ))]
pub async fn decline(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<InvitationToken>,
) -> Result<HttpResponse> {
    let token = body.into_inner().token;
    let me = caller.user.clone();
    state
        .db(move |conn| invitations::decline(conn, &me.tenant_id, &me, &token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
