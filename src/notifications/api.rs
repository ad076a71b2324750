//! The notifications API: following a proposal or a board, what the caller follows,
//! and how they want to hear.

use actix_web::{web, HttpResponse};

use super::model::{FollowPage, FollowState, SettingsChanges, SettingsView, Subject};
use super::service;
use crate::error::{Error, Result};
use crate::http::auth::ApiUser;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/proposals/{id}/follow")
            .get(follow_state)
            .post(follow)
            .delete(unfollow),
    )
    .service(
        web::resource("/api/v1/boards/{id}/follow")
            .get(board_follow_state)
            .post(follow_board)
            .delete(unfollow_board),
    )
    .service(web::resource("/api/v1/me/follows").get(follows))
    .service(
        web::resource("/api/v1/me/notifications")
            .get(settings)
            .patch(change_settings),
    );
}

pub(super) fn proposal(raw: &str) -> Result<Subject> {
    raw.parse()
        .map(Subject::Proposal)
        .map_err(|_| Error::NotFound)
}

pub(super) fn board(raw: &str) -> Result<Subject> {
    raw.parse().map(Subject::Board).map_err(|_| Error::NotFound)
}

/// Whether you follow a proposal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/follow", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "Whether you follow it", body = FollowState),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such proposal here (or someone else's draft)", body = Problem),
        (status = 410, description = "The proposal is hidden while moderators review it", body = Problem),
    ))]
pub async fn follow_state(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    state_of(state, caller, proposal(&path)?).await
}

async fn state_of(
    state: web::Data<AppState>,
    caller: ApiUser,
    subject: Subject,
) -> Result<HttpResponse> {
    let me = caller.user;
    let state_now = state
        .db(move |conn| service::following_state(conn, &me.tenant_id, &me, &subject))
        .await?;
    Ok(HttpResponse::Ok().json(state_now))
}

/// Follow a proposal: hear of its status changes and new comments, as
/// your notification settings say. Repeating changes nothing. (Its
/// authors, co-authors and supporters follow it already.)
#[utoipa::path(post, path = "/api/v1/proposals/{id}/follow", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "You follow it", body = FollowState),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such proposal here (or someone else's draft)", body = Problem),
        (status = 410, description = "The proposal is hidden while moderators review it", body = Problem),
    ))]
pub async fn follow(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    set(state, caller, proposal(&path)?, true).await
}

/// Stop following a proposal. Remembered: supporting it later does not
/// make you follow it again.
#[utoipa::path(delete, path = "/api/v1/proposals/{id}/follow", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "You no longer follow it", body = FollowState),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such proposal here (or someone else's draft)", body = Problem),
        (status = 410, description = "The proposal is hidden while moderators review it", body = Problem),
    ))]
pub async fn unfollow(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    set(state, caller, proposal(&path)?, false).await
}

/// Whether you follow a co-design board's discussion.
#[utoipa::path(get, path = "/api/v1/boards/{id}/follow", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "Whether you follow it", body = FollowState),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such board here, or not one you can see", body = Problem),
    ))]
pub async fn board_follow_state(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    state_of(state, caller, board(&path)?).await
}

/// Follow a board: hear of new writing in its discussion, as your
/// notification settings say. Its members follow it from when they join
/// (an organisation's staff from when the organisation joins).
#[utoipa::path(post, path = "/api/v1/boards/{id}/follow", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "You follow it", body = FollowState),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such board here, or not one you can see", body = Problem),
    ))]
pub async fn follow_board(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    set(state, caller, board(&path)?, true).await
}

/// Stop following a board. Remembered: being on the board, or joining it
/// again, does not make you follow it again.
#[utoipa::path(delete, path = "/api/v1/boards/{id}/follow", tag = "notifications", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    responses(
        (status = 200, description = "You no longer follow it", body = FollowState),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such board here, or not one you can see", body = Problem),
    ))]
pub async fn unfollow_board(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    set(state, caller, board(&path)?, false).await
}

async fn set(
    state: web::Data<AppState>,
    caller: ApiUser,
    subject: Subject,
    on: bool,
) -> Result<HttpResponse> {
    let me = caller.user;
    let now = state
        .db(move |conn| service::set_following(conn, &me.tenant_id, &me, &subject, on))
        .await?;
    Ok(HttpResponse::Ok().json(now))
}

/// What you follow, most recently followed first.
#[utoipa::path(get, path = "/api/v1/me/follows", tag = "notifications", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of what you follow", body = FollowPage),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn follows(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let me = caller.user;
    let (items, total) = state
        .db(move |conn| service::follows_of(conn, &me.tenant_id, &me, paging))
        .await?;
    Ok(HttpResponse::Ok().json(FollowPage {
        items,
        page: i64::from(paging.page),
        per_page: i64::from(paging.per_page),
        total,
    }))
}

/// How you hear about what you follow.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "notifications", security(("bearer" = [])),
    responses(
        (status = 200, description = "Your settings", body = SettingsView),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn settings(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user;
    let hour = state.settings.digest_hour;
    let view = state
        .db(move |conn| service::settings(conn, &me.tenant_id, &me.id, hour))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Choose how you hear about what you follow: `immediately` (one email
/// per update, the default), `daily` or `weekly` (one summary), or `off`.
#[utoipa::path(patch, path = "/api/v1/me/notifications", tag = "notifications", security(("bearer" = [])),
    request_body = SettingsChanges,
    responses(
        (status = 200, description = "Your settings now", body = SettingsView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 422, description = "Not one of the four choices", body = Problem),
    ))]
pub async fn change_settings(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<SettingsChanges>,
) -> Result<HttpResponse> {
    let me = caller.user;
    let changes = body.into_inner();
    let hour = state.settings.digest_hour;
    let view = state
        .db(move |conn| {
            service::change_settings(conn, &me.tenant_id, &me.id, &changes)?;
            service::settings(conn, &me.tenant_id, &me.id, hour)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
