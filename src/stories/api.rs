//! The stories API: writing stories, consent, reading under consent (each
//! read logged), the use log, excerpts for reports, and consent requests.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::*;
use super::service::{self, ReadRequest};
use crate::db::ids::{ConsentId, ConsentRequestId, StoryId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ApiUser, MaybeApiUser, PublicOrigin};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/stories").get(list).post(create))
        .service(
            web::resource("/api/v1/stories/{id}")
                .get(get)
                .patch(update)
                .delete(erase),
        )
        .service(web::resource("/api/v1/stories/{id}/deidentified").put(deidentified))
        .service(
            web::resource("/api/v1/stories/{id}/consents")
                .get(consents)
                .put(set_consents)
                .post(give),
        )
        .service(web::resource("/api/v1/stories/{id}/excerpts").post(excerpt))
        .service(web::resource("/api/v1/stories/{id}/consent-requests").post(request))
        .service(web::resource("/api/v1/consents/{id}/withdraw").post(withdraw))
        .service(web::resource("/api/v1/consents/{id}/renew").post(renew))
        .service(web::resource("/api/v1/consent-requests/{id}/decision").post(decide))
        .service(web::resource("/api/v1/me/consents").get(my_consents))
        .service(web::resource("/api/v1/me/consents/withdraw-all").post(withdraw_all))
        .service(web::resource("/api/v1/me/consent-requests").get(my_requests))
        .service(web::resource("/api/v1/me/story-uses").get(uses))
        .service(web::resource("/api/v1/me/story-uses/verify").get(verify));
}

pub(super) fn story_id(raw: &str) -> Result<StoryId> {
    raw.parse().map_err(|_| Error::NotFound)
}

fn base_url(req: &HttpRequest) -> Result<String> {
    use actix_web::HttpMessage;
    req.extensions()
        .get::<PublicOrigin>()
        .map(|o| o.base_url.clone())
        .ok_or(Error::UnknownHost)
}

fn place(caller: &ApiUser) -> crate::tenancy::Tenant {
    (*caller.tenant).clone()
}

/// What a change of consent needs: the place, the key store, the address.
fn context(req: &HttpRequest, state: &AppState, caller: &ApiUser) -> Result<service::Context> {
    Ok(service::Context {
        tenant: place(caller),
        keys: state.keys.clone(),
        base_url: base_url(req)?,
    })
}

/// Write a story. It is encrypted at once and shared with no one until
/// you give consent, purpose by purpose.
#[utoipa::path(post, path = "/api/v1/stories", tag = "stories", security(("bearer" = [])),
    request_body = NewStory,
    responses(
        (status = 201, description = "Your story; Location names it", body = AuthorView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 422, description = "Missing or too long; an unknown area or board", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<NewStory>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let keys = state.keys.clone();
    let view = state
        .db(move |conn| {
            let story = service::create(conn, &keys, &me.tenant_id, &me, &new)?;
            service::author_view(conn, &keys, &me.tenant_id, &me, &story.id)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/stories/{}", view.id)))
        .json(view))
}

/// The stories you may open now: your own, and those shared with you
/// under a live consent. Entries carry no text (only your own stories'
/// titles); opening one is a read, and is logged.
#[utoipa::path(get, path = "/api/v1/stories", tag = "stories", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of stories", body = Paginated<StorySummary>),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let me = caller.user.clone();
    let keys = state.keys.clone();
    let (items, total) = state
        .db(move |conn| service::list(conn, &keys, &me.tenant_id, &me, paging))
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

/// How a story is read.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReadQuery {
    /// Read under a grant for this purpose only (default: any purpose you
    /// are covered for).
    pub purpose: Option<String>,
    /// The organisation you read for (you must belong to it).
    pub organisation_id: Option<String>,
    /// `view` (default) or `download`, as the author's use log records it.
    pub action: Option<String>,
}

impl ReadQuery {
    pub(super) fn parse(&self) -> Result<ReadRequest> {
        let mut problems = crate::error::Problems::default();
        let purpose = match given(self.purpose.as_deref()) {
            None => None,
            Some(raw) => {
                let p = Purpose::parse(raw);
                if p.is_none() {
                    problems.add(
                        "purpose",
                        "unknown_purpose",
                        Words::of("story-error-no-such-purpose"),
                    );
                }
                p
            }
        };
        let action = match given(self.action.as_deref()) {
            None => Action::View,
            Some(raw) => match Action::parse(raw) {
                Some(a @ (Action::View | Action::Download)) => a,
                _ => {
                    problems.add("action", "invalid", Words::of("story-error-read-action"));
                    Action::View
                }
            },
        };
        let organisation = match given(self.organisation_id.as_deref()) {
            None => None,
            Some(raw) => match raw.parse() {
                Ok(o) => Some(o),
                Err(_) => {
                    problems.add(
                        "organisation_id",
                        "unknown_organisation",
                        Words::of("story-error-no-such-organisation"),
                    );
                    None
                }
            },
        };
        problems.into_result()?;
        Ok(ReadRequest {
            purpose,
            action,
            organisation,
        })
    }
}

/// A story as read: yours whole, or someone else's at the attribution
/// their consent allows.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum StoryAnswer {
    Author(AuthorView),
    Reader(ReadView),
}

/// Read a story. Its author reads it whole. Anyone else needs a live
/// consent covering them (and the purpose, if given) now: they get it at
/// the attribution that consent allows, and the read is written to the
/// author's use log before anything is returned. No such consent: 404.
#[utoipa::path(get, path = "/api/v1/stories/{id}", tag = "stories", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The story's id"), ReadQuery),
    responses(
        (status = 200, description = "The story", body = StoryAnswer),
        (status = 403, description = "Reading for an organisation you do not belong to", body = Problem),
        (status = 404, description = "No such story here, or no live consent covers you", body = Problem),
        (status = 422, description = "An unknown purpose or action", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
    query: web::Query<ReadQuery>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let request = query.parse()?;
    let tenant_id = tenant.id.clone();
    let reader = caller.0.map(|c| c.user);
    let keys = state.keys.clone();
    let read = state
        .write(move |conn| service::read(conn, &keys, &tenant_id, &id, reader.as_ref(), &request))
        .await?;
    let answer = match read {
        Read::Author(v) => StoryAnswer::Author(*v),
        Read::Reader(v) => StoryAnswer::Reader(*v),
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}

/// Change your story: its text, area, board, or whether it holds
/// special-category information. Absent fields stay.
#[utoipa::path(patch, path = "/api/v1/stories/{id}", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    request_body = StoryChanges,
    responses(
        (status = 200, description = "Your story", body = AuthorView),
        (status = 404, description = "Not one of your stories", body = Problem),
        (status = 422, description = "Missing or too long; an unknown area or board", body = Problem),
    ))]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<StoryChanges>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let view = state
        .db(move |conn| service::edit(conn, &cx.ctx(), &me, &id, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Save the de-identified version of your story (names, dates and places
/// taken out). With `approved: true` it can be shared anonymously.
#[utoipa::path(put, path = "/api/v1/stories/{id}/deidentified", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    request_body = Deidentified,
    responses(
        (status = 200, description = "Your story", body = AuthorView),
        (status = 404, description = "Not one of your stories", body = Problem),
        (status = 409, description = "A draft while anonymous sharing relies on the approved version", body = Problem),
        (status = 422, description = "Missing or too long", body = Problem),
    ))]
pub async fn deidentified(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<Deidentified>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let version = body.into_inner();
    let me = caller.user.clone();
    let keys = state.keys.clone();
    let view = state
        .db(move |conn| service::set_deidentified(conn, &keys, &me.tenant_id, &me, &id, &version))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Erase your story. Its key is destroyed, so it can never be read again
/// (not even from backups); every consent is withdrawn and organisations
/// that used it are asked to delete copies.
#[utoipa::path(delete, path = "/api/v1/stories/{id}", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    responses(
        (status = 204, description = "Erased"),
        (status = 404, description = "Not one of your stories", body = Problem),
    ))]
pub async fn erase(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    state
        .db(move |conn| service::erase(conn, &cx.ctx(), &me, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every consent you gave for a story, newest first.
#[utoipa::path(get, path = "/api/v1/stories/{id}/consents", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    responses(
        (status = 200, description = "The story's consents", body = [ConsentView]),
        (status = 404, description = "Not one of your stories", body = Problem),
    ))]
pub async fn consents(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = caller.user.clone();
    let grants = state
        .db(move |conn| service::consents_of(conn, &me.tenant_id, &me, &id))
        .await?;
    let at = chrono::Utc::now().naive_utc();
    let views: Vec<ConsentView> = grants.iter().map(|g| ConsentView::of(g, at)).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// Set your story's consents all at once: listed grants already live on
/// the same terms stay; new ones (or new terms) are given; live grants not
/// listed are withdrawn. Each grant: one purpose, one audience
/// (`board:<id>`, `organisation:<id>`, `tenant`, `public`), an attribution
/// (`named`, `first_name`, `anonymous` — which needs an approved
/// de-identified version) and an expiry at most 24 months away (default
/// 12). `receipt` is the signed consent receipt, once receipts are on.
#[utoipa::path(put, path = "/api/v1/stories/{id}/consents", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    request_body = ConsentsUpdate,
    responses(
        (status = 200, description = "The story's live grants, what changed, and the receipt", body = ConsentsAnswer),
        (status = 404, description = "Not one of your stories", body = Problem),
        (status = 422, description = "An unknown purpose, audience or attribution; an expiry past 24 months; anonymous without an approved de-identified version", body = Problem),
    ))]
pub async fn set_consents(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<ConsentsUpdate>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let update = body.into_inner();
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let answer = state
        .db(move |conn| service::set_consents(conn, &cx.ctx(), &me, &id, &update))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Give more consents beside those already live (a live grant for the
/// same purpose and audience is replaced by the new terms).
#[utoipa::path(post, path = "/api/v1/stories/{id}/consents", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    request_body = ConsentsUpdate,
    responses(
        (status = 200, description = "The story's live grants, what changed, and the receipt", body = ConsentsAnswer),
        (status = 404, description = "Not one of your stories", body = Problem),
        (status = 422, description = "A bad grant", body = Problem),
    ))]
pub async fn give(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<ConsentsUpdate>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let update = body.into_inner();
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let answer = state
        .db(move |conn| service::give(conn, &cx.ctx(), &me, &id, &update.grants))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Withdraw one consent. It takes effect on the next request; those who
/// used the story for it are asked to delete copies.
#[utoipa::path(post, path = "/api/v1/consents/{id}/withdraw", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The grant's id")),
    responses(
        (status = 200, description = "The story's live grants and the withdrawn one", body = ConsentsAnswer),
        (status = 404, description = "Not one of your consents", body = Problem),
        (status = 409, description = "Already withdrawn", body = Problem),
    ))]
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id: ConsentId = path.parse().map_err(|_| Error::NotFound)?;
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let answer = state
        .db(move |conn| service::withdraw(conn, &cx.ctx(), &me, &id))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RenewRequest {
    /// For how long, 1 to 24 months (default 12).
    #[serde(default)]
    pub months: Option<u32>,
}

/// Renew a consent: a new grant on the same terms, from now.
#[utoipa::path(post, path = "/api/v1/consents/{id}/renew", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The grant's id")),
    request_body = RenewRequest,
    responses(
        (status = 200, description = "The story's live grants and what changed", body = ConsentsAnswer),
        (status = 404, description = "Not one of your consents", body = Problem),
        (status = 422, description = "More than 24 months", body = Problem),
    ))]
pub async fn renew(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: Option<web::Json<RenewRequest>>,
) -> Result<HttpResponse> {
    let id: ConsentId = path.parse().map_err(|_| Error::NotFound)?;
    let months = body
        .and_then(|b| b.into_inner().months)
        .unwrap_or(DEFAULT_MONTHS);
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let answer = state
        .db(move |conn| service::renew(conn, &cx.ctx(), &me, &id, months))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WithdrawnCount {
    pub withdrawn: usize,
    /// The consent receipts recording the withdrawals (one per story).
    pub receipts: Vec<String>,
}

/// Withdraw every consent you gave, on every story.
#[utoipa::path(post, path = "/api/v1/me/consents/withdraw-all", tag = "stories", security(("bearer" = [])),
    responses(
        (status = 200, description = "How many were withdrawn", body = WithdrawnCount),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn withdraw_all(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let (withdrawn, receipts) = state
        .db(move |conn| service::withdraw_all_with_receipts(conn, &cx.ctx(), &me, None))
        .await?;
    Ok(HttpResponse::Ok().json(WithdrawnCount {
        withdrawn,
        receipts,
    }))
}

/// Every consent you gave, on every story, newest first.
#[utoipa::path(get, path = "/api/v1/me/consents", tag = "stories", security(("bearer" = [])),
    responses(
        (status = 200, description = "Your consents", body = [ConsentView]),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn my_consents(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let grants = state
        .db(move |conn| service::my_consents(conn, &me.tenant_id, &me.id))
        .await?;
    let at = chrono::Utc::now().naive_utc();
    let views: Vec<ConsentView> = grants.iter().map(|g| ConsentView::of(g, at)).collect();
    Ok(HttpResponse::Ok().json(views))
}

/// Every logged use of your stories, newest first: who, for which
/// organisation, for what purpose, what they did, and how you were named.
#[utoipa::path(get, path = "/api/v1/me/story-uses", tag = "stories", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of uses", body = Paginated<UseView>),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 422, description = "A bad page", body = Problem),
    ))]
pub async fn uses(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let me = caller.user.clone();
    let keys = state.keys.clone();
    let (items, total) = state
        .db(move |conn| service::uses_of(conn, &keys, &me.tenant_id, &me.id, paging))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(Paginated::new(items, paging, total)))
}

/// Check your use log's chain: every use is linked to the one before by
/// its hash, so a removed or edited entry shows.
#[utoipa::path(get, path = "/api/v1/me/story-uses/verify", tag = "stories", security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether the chain holds", body = ChainCheck),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn verify(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let check = state
        .db(move |conn| service::verify_chain(conn, &me.tenant_id, &me.id))
        .await?;
    Ok(HttpResponse::Ok().json(check))
}

/// Quote a story in an organisation's report: needs a live consent for
/// `organisation_report` covering your organisation. Answers the quote
/// with the grant it relies on and the credit to print; logged.
#[utoipa::path(post, path = "/api/v1/stories/{id}/excerpts", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    request_body = ExcerptRequest,
    responses(
        (status = 201, description = "The excerpt", body = Excerpt),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not a member of the organisation, or no consent to quote it in a report", body = Problem),
        (status = 404, description = "No such story here, or not shared with you", body = Problem),
        (status = 422, description = "An empty or too long quote, or one not in the story", body = Problem),
    ))]
pub async fn excerpt(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<ExcerptRequest>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let ask = body.into_inner();
    let me = caller.user.clone();
    let keys = state.keys.clone();
    let excerpt = state
        .db(move |conn| service::excerpt(conn, &keys, &me.tenant_id, &me, &id, &ask))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(excerpt))
}

/// Ask a story's author for consent (for your organisation, or a board
/// you facilitate). You must already be able to read the story. The
/// author is emailed and decides.
#[utoipa::path(post, path = "/api/v1/stories/{id}/consent-requests", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The story's id")),
    request_body = NewConsentRequest,
    responses(
        (status = 201, description = "The request", body = RequestView),
        (status = 403, description = "Not a member of the organisation, or not the board's facilitator", body = Problem),
        (status = 404, description = "No such story here, or not shared with you", body = Problem),
        (status = 422, description = "Unknown purposes, audience or attribution; a missing message", body = Problem),
    ))]
pub async fn request(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<NewConsentRequest>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let new = body.into_inner();
    let base = base_url(&req)?;
    let me = caller.user.clone();
    let tenant = place(&caller);
    let view = state
        .db(move |conn| service::request(conn, &tenant, &base, &me, &id, &new))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MyRequests {
    /// Requests to use your stories.
    pub received: Vec<RequestView>,
    /// Requests you made.
    pub sent: Vec<RequestView>,
}

/// Requests to use your stories, and those you made.
#[utoipa::path(get, path = "/api/v1/me/consent-requests", tag = "stories", security(("bearer" = [])),
    responses(
        (status = 200, description = "Requests", body = MyRequests),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn my_requests(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let answer = state
        .db(move |conn| {
            Ok(MyRequests {
                received: service::requests_for(conn, &me.tenant_id, &me.id)?,
                sent: service::requests_by(conn, &me.tenant_id, &me.id)?,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Answer a request to use your story: `grant` (all of it, or part:
/// fewer `purposes`, a less identifying `attribution`, an earlier
/// `expires_at`) or `decline`.
#[utoipa::path(post, path = "/api/v1/consent-requests/{id}/decision", tag = "stories", security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    request_body = Decision,
    responses(
        (status = 200, description = "The request, answered", body = RequestView),
        (status = 404, description = "Not a request about your stories", body = Problem),
        (status = 409, description = "Already answered", body = Problem),
        (status = 422, description = "More than was asked, or a bad answer", body = Problem),
    ))]
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<Decision>,
) -> Result<HttpResponse> {
    let id: ConsentRequestId = path.parse().map_err(|_| Error::NotFound)?;
    let decision = body.into_inner();
    let me = caller.user.clone();
    let cx = context(&req, &state, &caller)?;
    let view = state
        .db(move |conn| service::decide(conn, &cx.ctx(), &me, &id, &decision))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
