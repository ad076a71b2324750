//! The moderation API: flagging proposals and comments, the moderators'
//! queue, an item's state and history, and hiding, restoring, dismissing
//! and asking for a review.

use actix_web::{web, HttpResponse};

use super::model::{Action, FlagView, HideRequest, Item, ItemView, NewFlag, Note, QueuePage};
use super::service;
use crate::error::Result;
use crate::http::auth::ApiUser;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/proposals/{id}/flags").post(flag_proposal))
        .service(web::resource("/api/v1/comments/{id}/flags").post(flag_comment))
        .service(web::resource("/api/v1/moderation/queue").get(queue))
        .service(web::resource("/api/v1/moderation/{kind}/{id}").get(item))
        .service(web::resource("/api/v1/moderation/{kind}/{id}/hide").post(hide))
        .service(web::resource("/api/v1/moderation/{kind}/{id}/restore").post(restore))
        .service(web::resource("/api/v1/moderation/{kind}/{id}/dismiss").post(dismiss))
        .service(
            web::resource("/api/v1/moderation/{kind}/{id}/review-request").post(review_request),
        );
}

async fn flag(
    state: web::Data<AppState>,
    caller: ApiUser,
    item: Item,
    new: NewFlag,
) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let flag = state
        .db(move |conn| service::flag(conn, &me.tenant_id, &me, &item, &new))
        .await?;
    Ok(HttpResponse::Created().json(flag))
}

/// Flag a proposal for the moderators, with a reason (`other` needs a
/// `note`). One open flag per person per proposal.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/flags", tag = "moderation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = NewFlag,
    responses(
        (status = 201, description = "Flagged", body = FlagView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "You already flagged it, or it is already hidden", body = Problem),
        (status = 422, description = "An unknown reason, or `other` without a note", body = Problem),
    ))]
pub async fn flag_proposal(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewFlag>,
) -> Result<HttpResponse> {
    let item = Item::parse("proposal", &path)?;
    flag(state, caller, item, body.into_inner()).await
}

/// Flag a comment for the moderators, with a reason (`other` needs a
/// `note`). One open flag per person per comment.
#[utoipa::path(post, path = "/api/v1/comments/{id}/flags", tag = "moderation", security(("bearer" = [])),
    params(("id" = String, Path, description = "The comment's id")),
    request_body = NewFlag,
    responses(
        (status = 201, description = "Flagged", body = FlagView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such comment here", body = Problem),
        (status = 409, description = "You already flagged it, or it is already hidden", body = Problem),
        (status = 422, description = "An unknown reason, or `other` without a note", body = Problem),
    ))]
pub async fn flag_comment(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewFlag>,
) -> Result<HttpResponse> {
    let item = Item::parse("comment", &path)?;
    flag(state, caller, item, body.into_inner()).await
}

/// The moderators' queue: items with open flags or a review request,
/// waiting longest first, with open flags counted per reason.
#[utoipa::path(get, path = "/api/v1/moderation/queue", tag = "moderation", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of the queue", body = QueuePage),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a moderator", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn queue(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let me = caller.user.clone();
    let page = state
        .db(move |conn| service::queue(conn, &me.tenant_id, &me, paging))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// An item's moderation state and history (moderators, and its authors).
#[utoipa::path(get, path = "/api/v1/moderation/{kind}/{id}", tag = "moderation", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`proposal` or `comment`"),
           ("id" = String, Path, description = "The item's id")),
    responses(
        (status = 200, description = "The item", body = ItemView),
        (status = 403, description = "Neither a moderator nor its author", body = Problem),
        (status = 404, description = "No such item here", body = Problem),
    ))]
pub async fn item(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let item = Item::parse(&path.0, &path.1)?;
    let me = caller.user.clone();
    let view = state
        .db(move |conn| service::item_view(conn, &me.tenant_id, &me, &item))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn act(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    action: Action,
    reason: Option<String>,
) -> Result<HttpResponse> {
    let item = Item::parse(&path.0, &path.1)?;
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let view = state
        .db(move |conn| service::act(conn, &tenant, &me, &item, action, reason.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Hide an item with a written reason (moderators). Its open flags close,
/// and its authors are emailed the reason.
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/hide", tag = "moderation", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`proposal` or `comment`"),
           ("id" = String, Path, description = "The item's id")),
    request_body = HideRequest,
    responses(
        (status = 200, description = "Hidden", body = ItemView),
        (status = 403, description = "Not a moderator", body = Problem),
        (status = 404, description = "No such item here", body = Problem),
        (status = 409, description = "Already hidden", body = Problem),
        (status = 422, description = "No reason, or too long", body = Problem),
    ))]
pub async fn hide(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: web::Json<HideRequest>,
) -> Result<HttpResponse> {
    act(
        state,
        caller,
        path,
        Action::Hide,
        Some(body.into_inner().reason),
    )
    .await
}

/// Show a hidden item again (moderators); its authors are told.
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/restore", tag = "moderation", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`proposal` or `comment`"),
           ("id" = String, Path, description = "The item's id")),
    request_body(content = Option<Note>, description = "An optional note for the author"),
    responses(
        (status = 200, description = "Shown again", body = ItemView),
        (status = 403, description = "Not a moderator", body = Problem),
        (status = 404, description = "No such item here", body = Problem),
        (status = 409, description = "Not hidden", body = Problem),
    ))]
pub async fn restore(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: Option<web::Json<Note>>,
) -> Result<HttpResponse> {
    let reason = body.and_then(|b| b.into_inner().reason);
    act(state, caller, path, Action::Restore, reason).await
}

/// Close an item's open flags with no action (moderators); on a hidden
/// item waiting for review, this answers the review: it stays hidden.
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/dismiss", tag = "moderation", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`proposal` or `comment`"),
           ("id" = String, Path, description = "The item's id")),
    request_body(content = Option<Note>, description = "An optional note for the record"),
    responses(
        (status = 200, description = "Dismissed", body = ItemView),
        (status = 403, description = "Not a moderator", body = Problem),
        (status = 404, description = "No such item here", body = Problem),
        (status = 409, description = "Nothing is waiting", body = Problem),
    ))]
pub async fn dismiss(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: Option<web::Json<Note>>,
) -> Result<HttpResponse> {
    let reason = body.and_then(|b| b.into_inner().reason);
    act(state, caller, path, Action::Dismiss, reason).await
}

/// Ask the moderators to review the hiding of your item, once per
/// hiding; it goes back in their queue as a review request.
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/review-request", tag = "moderation", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`proposal` or `comment`"),
           ("id" = String, Path, description = "The item's id")),
    request_body(content = Option<Note>, description = "What you changed, or why it should be shown"),
    responses(
        (status = 200, description = "Asked", body = ItemView),
        (status = 403, description = "Not its author", body = Problem),
        (status = 404, description = "No such item here", body = Problem),
        (status = 409, description = "Not hidden, or a review was already asked for", body = Problem),
    ))]
pub async fn review_request(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
    body: Option<web::Json<Note>>,
) -> Result<HttpResponse> {
    let reason = body.and_then(|b| b.into_inner().reason);
    act(state, caller, path, Action::ReviewRequest, reason).await
}
