//! The comments API: a proposal's threads, posting, changing and deleting
//! a comment.

use actix_web::{web, HttpResponse};

use super::model::{CommentChanges, CommentView, NewComment, Subject, ThreadPage};
use super::service;
use crate::db::ids::CommentId;
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/proposals/{id}/comments")
            .get(list)
            .post(create),
    )
    .service(
        web::resource("/api/v1/boards/{id}/comments")
            .get(list_on_board)
            .post(create_on_board),
    )
    .service(
        web::resource("/api/v1/comments/{id}")
            .get(get)
            .patch(update)
            .delete(delete),
    );
}

pub(super) fn comment_id(raw: &str) -> Result<CommentId> {
    raw.parse().map_err(|_| Error::NotFound)
}

pub(super) fn proposal(raw: &str) -> Result<Subject> {
    raw.parse()
        .map(Subject::Proposal)
        .map_err(|_| Error::NotFound)
}

pub(super) fn board(raw: &str) -> Result<Subject> {
    raw.parse().map(Subject::Board).map_err(|_| Error::NotFound)
}

/// A page of threads on a subject.
async fn list_subject(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    subject: Subject,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let (items, total, _) = state
        .db(move |conn| service::list(conn, &tenant_id, &subject, viewer.as_ref(), paging))
        .await?;
    Ok(HttpResponse::Ok().json(ThreadPage {
        items,
        page: i64::from(paging.page),
        per_page: i64::from(paging.per_page),
        total,
    }))
}

/// Posts a comment on a subject.
async fn create_subject(
    state: web::Data<AppState>,
    caller: ApiUser,
    subject: Subject,
    body: web::Json<NewComment>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let mailing = crate::notifications::Mailing::of(&state);
    let view = state
        .db(move |conn| {
            let tenant = me.tenant_id.clone();
            let created = service::create(conn, &mailing, &tenant, &me, &subject, &new)?;
            service::view_one(conn, &tenant, &created.id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/comments/{}", view.id),
        ))
        .json(view))
}

/// A board's discussion: a page of threads, oldest first, as on a
/// proposal. Whoever may see the board reads it.
#[utoipa::path(get, path = "/api/v1/boards/{id}/comments", tag = "comments", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The board's id"), PageQuery),
    responses(
        (status = 200, description = "One page of threads", body = ThreadPage),
        (status = 404, description = "No such board here (or a private board you are not on)", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn list_on_board(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let subject = board(&path)?;
    list_subject(state, tenant, caller, subject, paging).await
}

/// Take part in a board's discussion (its members only), or reply with
/// `parent_id`.
#[utoipa::path(post, path = "/api/v1/boards/{id}/comments", tag = "comments", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewComment,
    responses(
        (status = 201, description = "The comment; Location names it", body = CommentView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a member of the board (`not_a_board_member`), or email address not confirmed", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 422, description = "Empty or too long, or a parent that is not a comment on this board", body = Problem),
    ))]
pub async fn create_on_board(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewComment>,
) -> Result<HttpResponse> {
    let subject = board(&path)?;
    create_subject(state, caller, subject, body).await
}

/// A proposal's comments: a page of threads, oldest first (`total` counts
/// threads). Each thread is its first comment with `replies` flat in
/// reading order (depth first, oldest first at each level), each naming
/// its `parent_id` and `depth` (at most 3).
#[utoipa::path(get, path = "/api/v1/proposals/{id}/comments", tag = "comments", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The proposal's id"), PageQuery),
    responses(
        (status = 200, description = "One page of threads", body = ThreadPage),
        (status = 404, description = "No such proposal here (or someone else's draft)", body = Problem),
        (status = 410, description = "The proposal is hidden while moderators review it", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let subject = proposal(&path)?;
    list_subject(state, tenant, caller, subject, paging).await
}

/// Comment on a published (or later) proposal, or reply with
/// `parent_id`. Needs a confirmed email address. Plain text by default,
/// or `format: "markdown"` (sanitised); up to 5,000 characters.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/comments", tag = "comments", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = NewComment,
    responses(
        (status = 201, description = "The comment; Location names it", body = CommentView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "The proposal takes no comments (a draft, or hidden)", body = Problem),
        (status = 422, description = "Empty or too long, or a parent that is not a comment on this proposal", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewComment>,
) -> Result<HttpResponse> {
    let subject = proposal(&path)?;
    create_subject(state, caller, subject, body).await
}

/// One comment.
#[utoipa::path(get, path = "/api/v1/comments/{id}", tag = "comments", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The comment's id")),
    responses(
        (status = 200, description = "The comment", body = CommentView),
        (status = 404, description = "No such comment here", body = Problem),
        (status = 410, description = "Its proposal is hidden while moderators review it", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::view_one(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change your comment within 15 minutes of posting it (or while the
/// moderators hide it); it is marked edited.
#[utoipa::path(patch, path = "/api/v1/comments/{id}", tag = "comments", security(("bearer" = [])),
    params(("id" = String, Path, description = "The comment's id")),
    request_body = CommentChanges,
    responses(
        (status = 200, description = "The changed comment", body = CommentView),
        (status = 403, description = "Not your comment", body = Problem),
        (status = 404, description = "No such comment here", body = Problem),
        (status = 409, description = "The edit window has closed, or the comment was deleted", body = Problem),
        (status = 422, description = "Empty or too long", body = Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<CommentChanges>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            let tenant = me.tenant_id.clone();
            service::edit(conn, &tenant, &me, &id, &changes)?;
            service::view_one(conn, &tenant, &id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Delete your comment: with replies it stays as "[deleted]" so the
/// thread holds; without, it goes.
#[utoipa::path(delete, path = "/api/v1/comments/{id}", tag = "comments", security(("bearer" = [])),
    params(("id" = String, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not your comment", body = Problem),
        (status = 404, description = "No such comment here", body = Problem),
        (status = 409, description = "Already deleted", body = Problem),
    ))]
pub async fn delete(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::delete(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
