//! The proposals API: writing, reading and listing proposals, moving them
//! along the lifecycle, supports, history and co-authors.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::model::{
    CoauthorView, Cursor, MyProposals, NewProposal, ProposalChanges, ProposalPage, ProposalView,
    RevisionView, Supports,
};
use super::service::{self, Invitee, ListFilter};
use crate::db::ids::{ProposalId, UserId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ApiUser, MaybeApiUser};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/proposals").get(list).post(create))
        .service(web::resource("/api/v1/me/proposals").get(mine))
        .service(
            web::resource("/api/v1/proposals/{id}")
                .get(get)
                .patch(update),
        )
        .service(
            web::resource("/api/v1/proposals/{id}/support")
                .post(support)
                .delete(withdraw),
        )
        .service(web::resource("/api/v1/proposals/{id}/revisions").get(revisions))
        .service(
            web::resource("/api/v1/proposals/{id}/coauthors")
                .get(coauthors)
                .post(invite),
        )
        .service(
            web::resource("/api/v1/proposals/{id}/coauthors/{user_id}").delete(remove_coauthor),
        )
        .service(web::resource("/api/v1/proposals/{id}/invitation").post(answer));
}

pub(super) fn proposal_id(raw: &str) -> Result<ProposalId> {
    raw.parse().map_err(|_| Error::NotFound)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// One status (drafts are private and never listed).
    pub status: Option<String>,
    /// An area of this place.
    pub area_id: Option<String>,
    /// One tag.
    pub tag: Option<String>,
    /// Words that must all appear in the title, outcome or body.
    pub q: Option<String>,
    /// `newest` (default), `most_supported` or `recently_active`.
    pub sort: Option<String>,
    /// The `next_cursor` of the previous page: keyset paging, fast however
    /// deep (then `page` is ignored).
    pub cursor: Option<String>,
}

/// A place's proposals (never drafts), filtered and sorted, a page at a
/// time by `page` or by `cursor`.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals",
    params(PageQuery, ListQuery),
    responses(
        (status = 200, description = "One page of proposals", body = ProposalPage),
        (status = 422, description = "A bad filter, sort, page or cursor", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    paging: web::Query<PageQuery>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let (filter, paging, cursor) = parse_list(&paging, &query)?;
    let tenant_id = tenant.id.clone();
    let listing = state
        .db(move |conn| service::list(conn, &tenant_id, &filter, paging, cursor.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(ProposalPage {
        items: listing.items,
        page: i64::from(listing.page),
        per_page: i64::from(paging.per_page),
        total: listing.total,
        next_cursor: listing.next.map(|c| c.encode()),
    }))
}

/// Checks a list's query: filters, paging and cursor together.
pub(super) fn parse_list(
    paging: &PageQuery,
    query: &ListQuery,
) -> Result<(ListFilter, Paging, Option<Cursor>)> {
    let paging = Paging::parse(paging)?;
    let filter = ListFilter::parse(
        query.status.as_deref(),
        query.area_id.as_deref(),
        query.tag.as_deref(),
        query.q.as_deref(),
        query.sort.as_deref(),
    )?;
    let cursor = match query
        .cursor
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None => None,
        Some(raw) => {
            Some(Cursor::decode(raw, filter.sort).map_err(|e| Error::Validation(vec![e]))?)
        }
    };
    Ok((filter, paging, cursor))
}

/// Write a proposal. It is published at once unless `draft` is true.
/// Needs a confirmed email address.
#[utoipa::path(post, path = "/api/v1/proposals", tag = "proposals", security(("bearer" = [])),
    request_body = NewProposal,
    responses(
        (status = 201, description = "The new proposal; Location names it", body = ProposalView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 422, description = "Fields to fix (an unknown area among them)", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<NewProposal>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            let created = service::create(conn, &me.tenant_id, &me, &new)?;
            service::view(conn, &me.tenant_id, &created.id, Some(&me))
        })
        .await?;
    tracing::info!(user = %caller.user.id, proposal = %view.id, "proposal written");
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/proposals/{}", view.id),
        ))
        .json(view))
}

/// A proposal with its authors, supports and timeline. Drafts are seen
/// only by their authors.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The proposal", body = ProposalView),
        (status = 404, description = "No such proposal here (or someone else's draft)", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::view(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change a proposal: its content (its authors only, until a decision is
/// made; after publication the earlier version is kept), and/or move its
/// `status` with a public `reason` as the lifecycle allows: authors
/// publish; admins take it into co-design once supports reach the
/// threshold, then decide (`not_taken_forward` needs a written reason),
/// deliver and evaluate. Content changes are applied first, then the move.
#[utoipa::path(patch, path = "/api/v1/proposals/{id}", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = ProposalChanges,
    responses(
        (status = 200, description = "The changed proposal", body = ProposalView),
        (status = 403, description = "Not allowed to make this change", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "Not a move from its current status, below the support threshold, or already decided", body = Problem),
        (status = 422, description = "Fields to fix, or a reason is required", body = Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<ProposalChanges>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let mailing = crate::notifications::Mailing::of(&state);
    let view = state
        .db(move |conn| {
            let tenant = me.tenant_id.clone();
            if changes.changes_content() || changes.status.is_none() {
                service::edit(conn, &tenant, &me, &id, &changes)?;
            }
            if let Some(status) = &changes.status {
                service::change_status(
                    conn,
                    &mailing,
                    &tenant,
                    &me,
                    &id,
                    status,
                    changes.reason.as_deref(),
                )?;
            }
            service::view(conn, &tenant, &id, Some(&me))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Support a proposal (published or in co-design). One support per
/// person: repeating changes nothing.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/support", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The count now", body = Supports),
        (status = 403, description = "Not able to support in this place", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "Not open for support in its current status", body = Problem),
    ))]
pub async fn support(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    set_support(state, caller, path, true).await
}

async fn set_support(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    on: bool,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let me = caller.user.clone();
    let count = state
        .write(move |conn| service::set_support(conn, &me.tenant_id, &me, &id, on))
        .await?;
    Ok(HttpResponse::Ok().json(count))
}

/// Withdraw your support; withdrawing when you gave none changes nothing.
#[utoipa::path(delete, path = "/api/v1/proposals/{id}/support", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The count now", body = Supports),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "Not open for support in its current status", body = Problem),
    ))]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    set_support(state, caller, path, false).await
}

/// The earlier versions of a proposal, newest first, each with who
/// replaced it and when.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/revisions", tag = "proposals", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "Earlier versions", body = [RevisionView]),
        (status = 404, description = "No such proposal here", body = Problem),
    ))]
pub async fn revisions(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let (_, list) = state
        .db(move |conn| service::revisions(conn, &tenant_id, &id, viewer.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Co-authors and invitations (the proposal's authors only).
#[utoipa::path(get, path = "/api/v1/proposals/{id}/coauthors", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "Co-authors and invitations", body = [CoauthorView]),
        (status = 403, description = "Not an author", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
    ))]
pub async fn coauthors(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let me = caller.user.clone();
    let list = state
        .db(move |conn| {
            let p = service::visible(conn, &me.tenant_id, &id, Some(&me))?;
            if !service::standing(conn, &me.tenant_id, &p, &me.id)?.writes() {
                return Err(Error::Forbidden(
                    Words::of("proposals-error-only-authors-see").into(),
                ));
            }
            service::coauthors(conn, &me.tenant_id, &id, &me)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Deserialize, ToSchema)]
pub struct InviteRequest {
    /// The email address of a person of this place…
    #[serde(default)]
    pub email: Option<String>,
    /// …or their id (from their profile).
    #[serde(default)]
    pub user_id: Option<String>,
}

/// Invite a person of this place to co-write the proposal (its author
/// only). They are told by email and accept or decline.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/coauthors", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = InviteRequest,
    responses(
        (status = 201, description = "Invited", body = CoauthorView),
        (status = 403, description = "Not the author", body = Problem),
        (status = 404, description = "No such proposal here", body = Problem),
        (status = 409, description = "Already invited, or already decided", body = Problem),
        (status = 422, description = "No such person here", body = Problem),
    ))]
pub async fn invite(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<InviteRequest>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let invitee = match (&body.email, &body.user_id) {
        (Some(email), _) if !email.trim().is_empty() => Invitee::Email(email.clone()),
        (_, Some(raw)) => Invitee::Id(raw.parse::<UserId>().map_err(|_| {
            Error::field(
                "user_id",
                "unknown",
                Words::of("proposals-error-no-such-person"),
            )
        })?),
        _ => {
            return Err(Error::field(
                "email",
                "required",
                Words::of("proposals-error-invite-email-required"),
            ))
        }
    };
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let invited = state
        .db(move |conn| service::invite(conn, &tenant, &me, &id, &invitee))
        .await?;
    Ok(HttpResponse::Created().json(invited))
}

/// Remove a co-author or invitation (the author), or leave (a co-author).
#[utoipa::path(delete, path = "/api/v1/proposals/{id}/coauthors/{user_id}", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id"),
           ("user_id" = String, Path, description = "The co-author's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not the author", body = Problem),
        (status = 404, description = "No such proposal or co-author here", body = Problem),
    ))]
pub async fn remove_coauthor(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = caller.user.clone();
    state
        .db(move |conn| service::remove_coauthor(conn, &me.tenant_id, &me, &id, &person))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationDecision {
    Accept,
    Decline,
}

/// An invitee's answer to an invitation to co-write.
#[derive(Deserialize, ToSchema)]
pub struct InvitationAnswer {
    pub decision: InvitationDecision,
}

/// Accept or decline your invitation to co-write a proposal.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/invitation", tag = "proposals", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = InvitationAnswer,
    responses(
        (status = 204, description = "Answered"),
        (status = 404, description = "No pending invitation to this proposal", body = Problem),
    ))]
pub async fn answer(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<InvitationAnswer>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let accept = matches!(body.decision, InvitationDecision::Accept);
    let me = caller.user.clone();
    state
        .db(move |conn| service::answer(conn, &me.tenant_id, &me, &id, accept))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Your proposals (drafts included) and invitations to co-write.
#[utoipa::path(get, path = "/api/v1/me/proposals", tag = "proposals", security(("bearer" = [])),
    responses(
        (status = 200, description = "Yours", body = MyProposals),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn mine(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let mine = state
        .db(move |conn| service::mine(conn, &me.tenant_id, &me.id))
        .await?;
    Ok(HttpResponse::Ok().json(mine))
}
