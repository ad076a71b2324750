//! The boards API: boards, their members, invitations and join requests,
//! links to proposals and assets, and workshops.

use actix_web::http::header::LOCATION;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use super::model::{
    AttendanceRecord, AttendanceView, BoardChanges, BoardPage, BoardSummary, BoardView, Decision,
    LinkView, Links, MemberView, MyBoards, NewBoard, NewInvitation, NewJoinRequest, NewLink,
    NewMember, NewRsvp, NewWorkshop, Notes, Pending, RequestView, RoleChange, RsvpView,
    WorkshopList, WorkshopView,
};
use super::service::{self, ListFilter};
use super::workshops;
use crate::db::ids::{BoardId, BoardRequestId, OrganisationId, UserId, WorkshopId};
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/boards").get(list).post(create))
        .service(web::resource("/api/v1/me/boards").get(mine))
        .service(web::resource("/api/v1/boards/{id}").get(get).patch(update))
        .service(
            web::resource("/api/v1/boards/{id}/members")
                .get(members)
                .post(add_member),
        )
        .service(
            web::resource("/api/v1/boards/{id}/members/{user_id}")
                .patch(change_role)
                .delete(remove_member),
        )
        .service(
            web::resource("/api/v1/boards/{id}/organisations/{organisation_id}")
                .delete(remove_organisation),
        )
        .service(
            web::resource("/api/v1/boards/{id}/invitations")
                .get(pending)
                .post(invite),
        )
        .service(web::resource("/api/v1/boards/{id}/invitations/{rid}/answer").post(answer))
        .service(web::resource("/api/v1/boards/{id}/join-requests").post(request_to_join))
        .service(web::resource("/api/v1/boards/{id}/join-requests/{rid}/decision").post(decide))
        .service(web::resource("/api/v1/boards/{id}/requests/{rid}").delete(withdraw))
        .service(
            web::resource("/api/v1/boards/{id}/links")
                .get(links)
                .post(link),
        )
        .service(web::resource("/api/v1/boards/{id}/links/{kind}/{target}").delete(unlink))
        .service(
            web::resource("/api/v1/boards/{id}/workshops")
                .get(list_workshops)
                .post(schedule),
        )
        .service(
            web::resource("/api/v1/workshops/{id}")
                .get(workshop)
                .patch(update_workshop),
        )
        .service(web::resource("/api/v1/workshops/{id}/rsvp").put(rsvp))
        .service(web::resource("/api/v1/workshops/{id}/attendance").put(attendance))
        .service(web::resource("/api/v1/workshops/{id}/notes").put(notes));
}

pub(super) fn board_id(raw: &str) -> Result<BoardId> {
    raw.parse().map_err(|_| Error::NotFound)
}

pub(super) fn request_id(raw: &str) -> Result<BoardRequestId> {
    raw.parse().map_err(|_| Error::NotFound)
}

pub(super) fn workshop_id(raw: &str) -> Result<WorkshopId> {
    raw.parse().map_err(|_| Error::NotFound)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// One phase: `discover`, `define`, `develop` or `deliver`.
    pub phase: Option<String>,
    /// `true`: only boards you are on.
    pub mine: Option<String>,
}

/// The boards you may see (public boards, and private ones you are on),
/// most recently active first.
#[utoipa::path(get, path = "/api/v1/boards", tag = "boards", security(("bearer" = []), ()),
    params(PageQuery, ListQuery),
    responses(
        (status = 200, description = "One page of boards", body = BoardPage),
        (status = 422, description = "A bad phase or page", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    paging: web::Query<PageQuery>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let filter = ListFilter::parse(query.phase.as_deref(), query.mine.as_deref())?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let (items, total) = state
        .db(move |conn| service::list(conn, &tenant_id, viewer.as_ref(), &filter, paging))
        .await?;
    Ok(HttpResponse::Ok().json(BoardPage {
        items: items.iter().map(BoardSummary::new).collect(),
        page: i64::from(paging.page),
        per_page: i64::from(paging.per_page),
        total,
    }))
}

/// Start a board (needs a confirmed email address); you become its first
/// facilitator.
#[utoipa::path(post, path = "/api/v1/boards", tag = "boards", security(("bearer" = [])),
    request_body = NewBoard,
    responses(
        (status = 201, description = "The new board; Location names it", body = BoardView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<NewBoard>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            let b = service::create(conn, &me.tenant_id, &me, &new)?;
            service::view(conn, &me.tenant_id, &b.id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/boards/{}", view.id)))
        .json(view))
}

/// The boards you are on, and invitations waiting for you (or for the
/// organisations you run).
#[utoipa::path(get, path = "/api/v1/me/boards", tag = "boards", security(("bearer" = [])),
    responses(
        (status = 200, description = "Your boards and invitations", body = MyBoards),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn mine(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let mine = state
        .db(move |conn| service::mine(conn, &me.tenant_id, &me))
        .await?;
    Ok(HttpResponse::Ok().json(mine))
}

/// A board with its phase, counts, your place on it and its timeline.
#[utoipa::path(get, path = "/api/v1/boards/{id}", tag = "boards", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "The board", body = BoardView),
        (status = 404, description = "No such board here (or a private one you are not on)", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::view(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change a board (its facilitators): title, description, service,
/// who can see it, and its `phase` (any of the four, with an optional
/// public `note`; each change of phase is a timeline entry).
#[utoipa::path(patch, path = "/api/v1/boards/{id}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = BoardChanges,
    responses(
        (status = 200, description = "The changed board", body = BoardView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<BoardChanges>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            service::update(conn, &me.tenant_id, &me, &id, &changes)?;
            service::view(conn, &me.tenant_id, &id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A board's members: people (facilitators first) and organisations.
#[utoipa::path(get, path = "/api/v1/boards/{id}/members", tag = "boards", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "The members", body = [MemberView]),
        (status = 404, description = "No such board here", body = Problem),
    ))]
pub async fn members(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let list = state
        .db(move |conn| service::members(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Add a person (`user_id`, a confirmed account of this place) or an
/// organisation (`organisation_id`) to the board (its facilitators), with
/// `role` `member` (default) or `facilitator` (people only). They are told
/// by email.
#[utoipa::path(post, path = "/api/v1/boards/{id}/members", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewMember,
    responses(
        (status = 201, description = "The new member", body = MemberView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 409, description = "Already on the board", body = Problem),
        (status = 422, description = "No such person or organisation here, or an organisation as facilitator", body = Problem),
    ))]
pub async fn add_member(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewMember>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let location = format!("/api/v1/boards/{id}/members");
    let view = state
        .db(move |conn| service::add_member(conn, &tenant, &me, &id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(view))
}

/// Give a person on the board another role (its facilitators); the last
/// facilitator stays one.
#[utoipa::path(patch, path = "/api/v1/boards/{id}/members/{user_id}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("user_id" = String, Path, description = "The person")),
    request_body = RoleChange,
    responses(
        (status = 204, description = "Changed"),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board or member here", body = Problem),
        (status = 409, description = "The last facilitator", body = Problem),
        (status = 422, description = "Not a role", body = Problem),
    ))]
pub async fn change_role(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Json<RoleChange>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::change_role(conn, &me.tenant_id, &me, &id, &person, &body.role))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take a person off the board (a facilitator), or leave it (yourself).
#[utoipa::path(delete, path = "/api/v1/boards/{id}/members/{user_id}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("user_id" = String, Path, description = "The person")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Neither a facilitator nor yourself", body = Problem),
        (status = 404, description = "No such board or member here", body = Problem),
        (status = 409, description = "The last facilitator", body = Problem),
    ))]
pub async fn remove_member(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::remove_person(conn, &me.tenant_id, &me, &id, &person))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take an organisation off the board (a facilitator), or have it leave
/// (an admin of the organisation).
#[utoipa::path(delete, path = "/api/v1/boards/{id}/organisations/{organisation_id}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("organisation_id" = String, Path, description = "The organisation")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Neither a facilitator nor an admin of the organisation", body = Problem),
        (status = 404, description = "No such board, or the organisation is not on it", body = Problem),
    ))]
pub async fn remove_organisation(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let org: OrganisationId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::remove_organisation(conn, &me.tenant_id, &me, &id, &org))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The board's waiting invitations and join requests (its facilitators).
#[utoipa::path(get, path = "/api/v1/boards/{id}/invitations", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "Waiting invitations and requests", body = Pending),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
    ))]
pub async fn pending(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let me = caller.user.clone();
    let p = state
        .db(move |conn| service::pending(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Invite a person (`email` or `user_id`) or an organisation
/// (`organisation_id`) to the board (its facilitators), with a role and a
/// message; they answer on "Your boards".
#[utoipa::path(post, path = "/api/v1/boards/{id}/invitations", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "The invitation", body = RequestView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 409, description = "Already on the board, invited, or asking to join", body = Problem),
        (status = 422, description = "No such person or organisation here, or a field to fix", body = Problem),
    ))]
pub async fn invite(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewInvitation>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let view = state
        .db(move |conn| service::invite(conn, &tenant, &me, &id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            LOCATION,
            format!("/api/v1/boards/{}/invitations", view.board_id),
        ))
        .json(view))
}

/// Accept or decline an invitation: the person invited, or an admin of
/// the organisation invited.
#[utoipa::path(post, path = "/api/v1/boards/{id}/invitations/{rid}/answer", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("rid" = String, Path, description = "The invitation's id")),
    request_body = Decision,
    responses(
        (status = 204, description = "Answered"),
        (status = 404, description = "No such invitation for you here", body = Problem),
        (status = 409, description = "Answered or withdrawn already", body = Problem),
        (status = 422, description = "Neither accept nor decline", body = Problem),
    ))]
pub async fn answer(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Json<Decision>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let rid = request_id(&path.1)?;
    let accept = body.accepts()?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::answer_invitation(conn, &me.tenant_id, &me, &id, &rid, accept))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ask to join a board you can see: for yourself, or with
/// `organisation_id` for an organisation you are an admin of.
#[utoipa::path(post, path = "/api/v1/boards/{id}/join-requests", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewJoinRequest,
    responses(
        (status = 201, description = "The request", body = RequestView),
        (status = 403, description = "Email not confirmed, or not an admin of the organisation", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 409, description = "Already on the board, already asked, or invited", body = Problem),
        (status = 422, description = "No such organisation, or a message too long", body = Problem),
    ))]
pub async fn request_to_join(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewJoinRequest>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let view = state
        .db(move |conn| service::request_to_join(conn, &tenant, &me, &id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/boards/{}", view.board_id)))
        .json(view))
}

/// Accept or decline a request to join (the board's facilitators).
#[utoipa::path(post, path = "/api/v1/boards/{id}/join-requests/{rid}/decision", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("rid" = String, Path, description = "The request's id")),
    request_body = Decision,
    responses(
        (status = 204, description = "Decided"),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such request here", body = Problem),
        (status = 409, description = "Decided or withdrawn already", body = Problem),
        (status = 422, description = "Neither accept nor decline", body = Problem),
    ))]
pub async fn decide(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Json<Decision>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let rid = request_id(&path.1)?;
    let accept = body.accepts()?;
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    state
        .db(move |conn| service::decide(conn, &tenant, &me, &id, &rid, accept))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Withdraw an invitation (a facilitator) or your own request to join.
#[utoipa::path(delete, path = "/api/v1/boards/{id}/requests/{rid}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("rid" = String, Path, description = "The invitation's or request's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not yours to withdraw", body = Problem),
        (status = 404, description = "No such invitation or request here", body = Problem),
        (status = 409, description = "Answered already", body = Problem),
    ))]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let rid = request_id(&path.1)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::withdraw(conn, &me.tenant_id, &me, &id, &rid))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The proposals and assets the board works with.
#[utoipa::path(get, path = "/api/v1/boards/{id}/links", tag = "boards", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "Linked proposals and assets", body = Links),
        (status = 404, description = "No such board here", body = Problem),
    ))]
pub async fn links(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let l = state
        .db(move |conn| service::links(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(l))
}

/// Link a published proposal (`proposal_id`) or an asset (`asset_id`) to
/// the board (its facilitators); it shows on both pages.
#[utoipa::path(post, path = "/api/v1/boards/{id}/links", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewLink,
    responses(
        (status = 201, description = "The link", body = LinkView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 422, description = "No such proposal or asset here", body = Problem),
    ))]
pub async fn link(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewLink>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let location = format!("/api/v1/boards/{id}/links");
    let view = state
        .db(move |conn| service::link(conn, &me.tenant_id, &me, &id, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(view))
}

/// Remove a link (`kind` is `proposal` or `asset`; the board's
/// facilitators).
#[utoipa::path(delete, path = "/api/v1/boards/{id}/links/{kind}/{target}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id"), ("kind" = String, Path, description = "`proposal` or `asset`"), ("target" = String, Path, description = "The proposal's or asset's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board or link here", body = Problem),
    ))]
pub async fn unlink(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse> {
    let (raw, kind, target) = path.into_inner();
    let id = board_id(&raw)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::unlink(conn, &me.tenant_id, &me, &id, &kind, &target))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A board's workshops: upcoming soonest first, then past ones.
#[utoipa::path(get, path = "/api/v1/boards/{id}/workshops", tag = "boards", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "The workshops", body = WorkshopList),
        (status = 404, description = "No such board here", body = Problem),
    ))]
pub async fn list_workshops(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let items = state
        .db(move |conn| workshops::list(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(WorkshopList { items }))
}

/// Schedule a workshop (the board's facilitators): title, start and end,
/// where (with its accessibility) and/or an online link.
#[utoipa::path(post, path = "/api/v1/boards/{id}/workshops", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewWorkshop,
    responses(
        (status = 201, description = "The workshop", body = WorkshopView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn schedule(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewWorkshop>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            let w = workshops::schedule(conn, &me.tenant_id, &me, &id, &new)?;
            workshops::view(conn, &me.tenant_id, &w.id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/workshops/{}", view.id)))
        .json(view))
}

/// A workshop. Its facilitators also see everyone's answers with their
/// access needs, and the attendance; a member sees their own answer.
#[utoipa::path(get, path = "/api/v1/workshops/{id}", tag = "boards", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The workshop's id")),
    responses(
        (status = 200, description = "The workshop", body = WorkshopView),
        (status = 404, description = "No such workshop here", body = Problem),
    ))]
pub async fn workshop(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| workshops::view(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change a workshop (the board's facilitators); absent fields stay.
#[utoipa::path(patch, path = "/api/v1/workshops/{id}", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The workshop's id")),
    request_body = NewWorkshop,
    responses(
        (status = 200, description = "The workshop", body = WorkshopView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such workshop here", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn update_workshop(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewWorkshop>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            workshops::update(conn, &me.tenant_id, &me, &id, &changes)?;
            workshops::view(conn, &me.tenant_id, &id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Answer a workshop (the board's members, until it ends): `yes`,
/// `maybe` or `no`, with access needs only you and the facilitators read.
/// Answering again replaces the answer.
#[utoipa::path(put, path = "/api/v1/workshops/{id}/rsvp", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The workshop's id")),
    request_body = NewRsvp,
    responses(
        (status = 200, description = "Your answer", body = RsvpView),
        (status = 403, description = "Not a member of the board (`not_a_board_member`)", body = Problem),
        (status = 404, description = "No such workshop here", body = Problem),
        (status = 409, description = "The workshop has ended", body = Problem),
        (status = 422, description = "Not an answer, or access needs too long", body = Problem),
    ))]
pub async fn rsvp(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewRsvp>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| workshops::rsvp(conn, &me.tenant_id, &me, &id, &new))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Record who took part and how (`in_person` or `online`), replacing any
/// earlier record (the board's facilitators, once it has started).
#[utoipa::path(put, path = "/api/v1/workshops/{id}/attendance", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The workshop's id")),
    request_body = AttendanceRecord,
    responses(
        (status = 200, description = "The attendance", body = [AttendanceView]),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such workshop here", body = Problem),
        (status = 409, description = "The workshop has not started", body = Problem),
        (status = 422, description = "Someone not on the board, or not a mode", body = Problem),
    ))]
pub async fn attendance(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<AttendanceRecord>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let record = body.into_inner();
    let me = caller.user.clone();
    let list = state
        .db(move |conn| workshops::record_attendance(conn, &me.tenant_id, &me, &id, &record))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Publish (or replace) a workshop's notes for everyone who sees the
/// board (its facilitators).
#[utoipa::path(put, path = "/api/v1/workshops/{id}/notes", tag = "boards", security(("bearer" = [])),
    params(("id" = String, Path, description = "The workshop's id")),
    request_body = Notes,
    responses(
        (status = 200, description = "The workshop with its notes", body = WorkshopView),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such workshop here", body = Problem),
        (status = 422, description = "Empty or too long", body = Problem),
    ))]
pub async fn notes(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<Notes>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let notes = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            workshops::publish_notes(conn, &me.tenant_id, &me, &id, &notes)?;
            workshops::view(conn, &me.tenant_id, &id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
