//! The polls API: a board's polls, a poll, ballots (the voter's own and
//! assisted ones), closing early and results.

use actix_web::{web, HttpResponse};
use serde_json::Value;

use super::board::BoardId;
use super::model::{AssistedBallot, CastView, NewPoll, PollPage, PollView, ResultsView};
use super::service;
use crate::db::ids::PollId;
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/boards/{id}/polls")
            .get(list)
            .post(create),
    )
    .service(web::resource("/api/v1/polls/{id}").get(get))
    .service(web::resource("/api/v1/polls/{id}/ballots").post(cast))
    .service(web::resource("/api/v1/polls/{id}/assisted-ballots").post(cast_assisted))
    .service(web::resource("/api/v1/polls/{id}/close").post(close))
    .service(web::resource("/api/v1/polls/{id}/results").get(results));
}

pub(super) fn poll_id(raw: &str) -> Result<PollId> {
    raw.parse().map_err(|_| Error::NotFound)
}

pub(super) fn board_id(raw: &str) -> Result<BoardId> {
    raw.parse().map_err(|_| Error::NotFound)
}

/// A board's polls, newest first.
#[utoipa::path(get, path = "/api/v1/boards/{id}/polls", tag = "polls", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The board's id"), PageQuery),
    responses(
        (status = 200, description = "One page of polls", body = PollPage),
        (status = 404, description = "No such board here, or not one you can see", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let board = board_id(&path)?;
    let paging = Paging::parse(&paging)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let (items, total, _) = state
        .db(move |conn| service::list(conn, &tenant_id, &board, viewer.as_ref(), paging))
        .await?;
    // Each item carries the caller's own ballot in open polls.
    Ok(super::no_store(HttpResponse::Ok().json(PollPage {
        items,
        page: i64::from(paging.page),
        per_page: i64::from(paging.per_page),
        total,
    })))
}

/// Open a poll on a board (its facilitators). The board's members at this
/// moment become its voters, each counted as a citizen or an
/// organisation member. `options` are needed for every method but
/// approval and consent; budget options need a `cost`, and the method its
/// limit (`dots`, `cap`, `credits`).
#[utoipa::path(post, path = "/api/v1/boards/{id}/polls", tag = "polls", security(("bearer" = [])),
    params(("id" = String, Path, description = "The board's id")),
    request_body = NewPoll,
    responses(
        (status = 201, description = "The poll; Location names it", body = PollView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such board here", body = Problem),
        (status = 422, description = "Fields to fix: method, options, rule, threshold, closing time…", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewPoll>,
) -> Result<HttpResponse> {
    let board = board_id(&path)?;
    let new = body.into_inner();
    let me = caller.user.clone();
    let (view, _) = state
        .db(move |conn| {
            let tenant = me.tenant_id.clone();
            let poll = service::create(conn, &tenant, &me, &board, &new)?;
            service::view(conn, &tenant, &poll.id, Some(&me))
        })
        .await?;
    Ok(super::no_store(
        HttpResponse::Created()
            .insert_header((
                actix_web::http::header::LOCATION,
                format!("/api/v1/polls/{}", view.id),
            ))
            .json(view),
    ))
}

/// A poll, with how many may vote and have voted in each constituency,
/// and (signed in) where you stand.
#[utoipa::path(get, path = "/api/v1/polls/{id}", tag = "polls", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The poll's id")),
    responses(
        (status = 200, description = "The poll", body = PollView),
        (status = 404, description = "No such poll here", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let (view, _) = state
        .db(move |conn| service::view(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    // `you.ballot` is the caller's own ballot.
    Ok(super::no_store(HttpResponse::Ok().json(view)))
}

/// Cast your ballot: `{choice}` (approval: yes, no, abstain; consent:
/// agree, abstain, disagree, block), `{ranking: [option id, …]}` (ranked,
/// best first), `{allocations: {option id: n}}` (dot: dots; budget: 1 for
/// each option chosen; quadratic: votes, negative against, n votes
/// costing n² credits) or `{scores: {option id: 0–5}}`. A second ballot
/// replaces the first while the poll is open. Secret polls: the first
/// ballot returns a `receipt`; send it as `receipt` with a new ballot to
/// replace yours.
#[utoipa::path(post, path = "/api/v1/polls/{id}/ballots", tag = "polls", security(("bearer" = [])),
    params(("id" = String, Path, description = "The poll's id")),
    request_body(content = Object, description = "The method's ballot, and for replacing a secret ballot its `receipt`"),
    responses(
        (status = 201, description = "Cast (or replaced)", body = CastView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not one of the poll's voters (`not_eligible`), or email not confirmed", body = Problem),
        (status = 404, description = "No such poll here", body = Problem),
        (status = 409, description = "The poll has closed (`poll_closed`), or a secret ballot to replace without its receipt (`already_voted`)", body = Problem),
        (status = 422, description = "The ballot does not fit the poll: unknown option, an option ranked twice, too many dots, a score outside 0–5, over the budget or the voice credits", body = Problem),
    ))]
pub async fn cast(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let raw = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .write(move |conn| service::cast(conn, &me.tenant_id, &me, &id, &raw))
        .await?;
    Ok(created(view))
}

/// A cast ballot, with its receipt for a secret poll: never stored.
fn created(view: CastView) -> HttpResponse {
    super::no_store(
        HttpResponse::Created()
            .insert_header((
                actix_web::http::header::LOCATION,
                format!("/api/v1/polls/{}", view.poll_id),
            ))
            .json(view),
    )
}

/// Cast (or replace) the ballot of a board member who took part in one of
/// the board's workshops in person (the board's facilitators). Recorded
/// in the audit log as assisted.
#[utoipa::path(post, path = "/api/v1/polls/{id}/assisted-ballots", tag = "polls", security(("bearer" = [])),
    params(("id" = String, Path, description = "The poll's id")),
    request_body = AssistedBallot,
    responses(
        (status = 201, description = "Cast (or replaced) for them", body = CastView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such poll here", body = Problem),
        (status = 409, description = "The poll has closed", body = Problem),
        (status = 422, description = "Not one of the poll's voters, did not take part in person, or a ballot that does not fit", body = Problem),
    ))]
pub async fn cast_assisted(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<AssistedBallot>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let request = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| service::cast_assisted(conn, &me.tenant_id, &me, &id, &request))
        .await?;
    Ok(created(view))
}

/// Close the poll now (the board's facilitators): the ballots are counted,
/// and the result and the digest of the ballots go into the audit log.
#[utoipa::path(post, path = "/api/v1/polls/{id}/close", tag = "polls", security(("bearer" = [])),
    params(("id" = String, Path, description = "The poll's id")),
    responses(
        (status = 200, description = "The result", body = ResultsView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a facilitator of the board", body = Problem),
        (status = 404, description = "No such poll here", body = Problem),
        (status = 409, description = "Already closed", body = Problem),
    ))]
pub async fn close(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let me = caller.user.clone();
    let view = state
        .db(move |conn| service::close(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The results: tallies over all ballots and each constituency, the
/// outcome under the rule, turnout per constituency (and eligible voters),
/// the instant-runoff rounds of ranked polls, and the digest. Open polls
/// show them only with live results.
#[utoipa::path(get, path = "/api/v1/polls/{id}/results", tag = "polls", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The poll's id")),
    responses(
        (status = 200, description = "The results", body = ResultsView),
        (status = 404, description = "No such poll here", body = Problem),
        (status = 409, description = "Still open, and its results are shown when it closes (`results_not_ready`)", body = Problem),
    ))]
pub async fn results(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = poll_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::results(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
