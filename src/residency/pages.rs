//! Residency pages: a person's own page with the routes their place
//! allows, the admins' queue of requests, and an organisation's page for
//! issuing vouching codes.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{CodeSummary, IssuedCode, PendingRequest, Route, Status};
use super::service;
use crate::db::ids::{OrganisationId, UserId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors, Said};
use crate::organisations::model::OrganisationView;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/account/residency").get(own_page))
        .service(web::resource("/account/residency/postcode").post(by_postcode))
        .service(web::resource("/account/residency/code").post(by_code))
        .service(web::resource("/account/residency/request").post(ask))
        .service(web::resource("/admin/residency").get(queue))
        .service(web::resource("/admin/residency/{user_id}/decision").post(decide))
        .service(
            web::resource("/organisations/{id}/vouching")
                .get(vouching)
                .post(issue),
        );
}

/// What the person typed, to show again beside its error.
#[derive(Deserialize, Default, Clone)]
struct AttemptForm {
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    note: String,
}

#[derive(Template)]
#[template(path = "residency/account.html")]
struct OwnPage {
    chrome: Chrome,
    status: Status,
    email_is_enough: bool,
    postcode: bool,
    vouching: bool,
    manual: bool,
    /// How they showed they live here, as a sentence.
    verified_by: Option<String>,
    pending: bool,
    declined_reason: Option<String>,
    form: AttemptForm,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
    page: Option<String>,
}

async fn own_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("verified") => Some(lang.t("notice-residency-verified")),
        Some("asked") => Some(lang.t("notice-residency-asked")),
        _ => None,
    };
    own_page_with(
        &state,
        &signed_in,
        AttemptForm::default(),
        FormErrors::default(),
        notice,
    )
    .await
}

async fn own_page_with(
    state: &AppState,
    signed_in: &SignedIn,
    form: AttemptForm,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let lang = signed_in.page.language;
    let status = state
        .db(move |conn| service::status(conn, &me.tenant_id, &me))
        .await?;
    let allows = |r: Route| status.allowed_routes.iter().any(|a| a == r.as_str());
    let page = OwnPage {
        chrome: signed_in.page.chrome(),
        email_is_enough: !Route::ALL.into_iter().any(allows),
        postcode: allows(Route::Postcode),
        vouching: allows(Route::Vouching),
        manual: allows(Route::Manual),
        verified_by: status.verified_by.map(|r| match r {
            Route::Postcode => lang.t("residency-verified-by-postcode"),
            Route::Vouching => lang.t("residency-verified-by-vouching"),
            Route::Manual => lang.t("residency-verified-by-manual"),
        }),
        pending: status
            .request
            .as_ref()
            .is_some_and(|r| r.status == "pending"),
        declined_reason: status
            .request
            .as_ref()
            .filter(|r| r.status == "declined")
            .map(|r| r.reason.clone().unwrap_or_default()),
        status,
        form,
        errors,
        notice,
    };
    if page.errors.any() {
        render::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
    } else {
        render::page(&page)
    }
}

/// Runs one route for the signed-in person: on success back to the page
/// with a notice; a field problem shows the page again beside the field;
/// a refusal the page explains (route not taken, already resident) shows
/// as the page's error.
async fn try_route(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    form: AttemptForm,
    field: &'static str,
    done: &'static str,
    work: impl FnOnce(&mut crate::db::DbConn, &crate::accounts::User) -> Result<()> + Send + 'static,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    match state.db(move |conn| work(conn, &me)).await {
        Ok(()) => Ok(see_other(&format!("/account/residency?done={done}"))),
        Err(Error::Conflict { message, .. }) => {
            own_page_with(
                &state,
                &signed_in,
                form,
                FormErrors::one(field, "conflict", message),
                None,
            )
            .await
        }
        Err(e @ Error::Validation(_)) => {
            own_page_with(&state, &signed_in, form, FormErrors::from_error(e)?, None).await
        }
        Err(e) => Err(e),
    }
}

async fn by_postcode(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<AttemptForm>,
) -> Result<HttpResponse> {
    let form = submitted.form.clone();
    let postcode = form.postcode.clone();
    try_route(
        state,
        signed_in,
        form,
        "postcode",
        "verified",
        move |conn, me| service::verify_by_postcode(conn, &me.tenant_id, me, &postcode),
    )
    .await
}

async fn by_code(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<AttemptForm>,
) -> Result<HttpResponse> {
    let form = submitted.form.clone();
    let code = form.code.clone();
    try_route(
        state,
        signed_in,
        form,
        "code",
        "verified",
        move |conn, me| service::verify_by_code(conn, &me.tenant_id, me, &code),
    )
    .await
}

async fn ask(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<AttemptForm>,
) -> Result<HttpResponse> {
    let form = submitted.form.clone();
    let note = form.note.clone();
    try_route(state, signed_in, form, "note", "asked", move |conn, me| {
        service::request_approval(conn, &me.tenant_id, me, Some(&note))
    })
    .await
}

#[derive(Template)]
#[template(path = "residency/admin.html")]
struct QueuePage {
    chrome: Chrome,
    requests: Vec<PendingRequest>,
    total: i64,
    links: PageLinks,
    notice: Option<String>,
    /// The request whose decision needs fixing, with its problem.
    failed: Option<(String, String)>,
}

async fn queue(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("approved") => Some(lang.t("notice-residency-approved")),
        Some("declined") => Some(lang.t("notice-residency-declined")),
        _ => None,
    };
    queue_with(&state, &signed_in, query.page.clone(), notice, None).await
}

async fn queue_with(
    state: &AppState,
    signed_in: &SignedIn,
    page: Option<String>,
    notice: Option<String>,
    failed: Option<(String, String)>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&PageQuery {
        page,
        per_page: None,
    })?;
    let me = signed_in.user.clone();
    let (requests, total) = state
        .db(move |conn| service::pending_requests(conn, &me.tenant_id, &me, paging))
        .await?;
    let status = if failed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render::page_with_status(
        status,
        &QueuePage {
            chrome: signed_in.page.chrome(),
            requests,
            total,
            links: PageLinks::new(paging, total),
            notice,
            failed,
        },
    )
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

async fn decide(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<DecisionForm>,
) -> Result<HttpResponse> {
    let person: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let approve = match submitted.form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => {
            return Err(Error::field(
                "decision",
                "invalid",
                Words::of("residency-error-decision-invalid"),
            ))
        }
    };
    let reason = submitted.form.reason.clone();
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let who = person.clone();
    let outcome = state
        .db(move |conn| service::decide(conn, &tenant, &me, &who, approve, Some(&reason)))
        .await;
    match outcome {
        Ok(()) => Ok(see_other(if approve {
            "/admin/residency?done=approved"
        } else {
            "/admin/residency?done=declined"
        })),
        Err(Error::Validation(fields)) => {
            let message = fields
                .into_iter()
                .map(|f| f.message)
                .collect::<Vec<_>>()
                .join("; ");
            queue_with(
                &state,
                &signed_in,
                None,
                None,
                Some((person.to_string(), message)),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "residency/vouching.html")]
struct VouchingPage {
    chrome: Chrome,
    org: OrganisationView,
    summary: CodeSummary,
    issued: Option<IssuedCode>,
    problem: Option<Said>,
}

fn organisation_id(raw: &str) -> Result<OrganisationId> {
    raw.parse().map_err(|_| Error::NotFound)
}

async fn vouching_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: OrganisationId,
    issued: Option<IssuedCode>,
    problem: Option<Said>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (org, summary) = state
        .db(move |conn| {
            let summary = service::code_summary(conn, &me.tenant_id, &me, &id)?;
            let org = crate::organisations::service::find(conn, &me.tenant_id, &id)?
                .ok_or(Error::NotFound)?;
            Ok((org, summary))
        })
        .await?;
    let status = match (&issued, &problem) {
        (_, Some(_)) => StatusCode::CONFLICT,
        (Some(_), None) => StatusCode::CREATED,
        (None, None) => StatusCode::OK,
    };
    render::page_with_status(
        status,
        &VouchingPage {
            chrome: signed_in.page.chrome(),
            org: OrganisationView::from(&org),
            summary,
            issued,
            problem,
        },
    )
}

async fn vouching(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    vouching_page(&state, &signed_in, id, None, None).await
}

#[derive(Deserialize)]
struct Empty {}

/// Issues a code and shows it on the page at once: it is never shown
/// again, so there is no redirect to a page that could not show it.
async fn issue(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let me = signed_in.user.clone();
    let org = id.clone();
    let outcome = state
        .db(move |conn| service::issue_code(conn, &me.tenant_id, &me, &org, None))
        .await;
    match outcome {
        Ok(code) => {
            tracing::info!(user = %signed_in.user.id, organisation = %id, "vouching code issued");
            vouching_page(&state, &signed_in, id, Some(code), None).await
        }
        Err(Error::Conflict { message, .. }) => {
            vouching_page(
                &state,
                &signed_in,
                id,
                None,
                Some(Said::say(&message, signed_in.page.language)),
            )
            .await
        }
        Err(e) => Err(e),
    }
}
