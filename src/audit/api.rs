//! The audit API for admins: the tenant's log a page at a time, and a
//! verification of its chain.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{AuditEvent, Kind, Verification};
use super::service;
use crate::accounts::authz::{self, Permission};
use crate::error::{Error, Result, Words};
use crate::http::auth::ApiUser;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/admin/audit").get(list))
        .service(web::resource("/api/v1/admin/audit/verify").get(verify));
}

/// One event of the log, with its hashes so anyone can check the chain.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct AuditEventView {
    pub seq: i64,
    pub id: String,
    /// UTC, RFC 3339 with microseconds.
    pub occurred_at: String,
    pub kind: String,
    /// The kind in plain words.
    pub description: String,
    /// Who did it (a user id), when known.
    pub actor_id: Option<String>,
    /// Whom it is about (a user id), when anyone.
    pub subject_id: Option<String>,
    /// Ids, roles, slugs and counts; never personal data.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

impl From<&AuditEvent> for AuditEventView {
    fn from(e: &AuditEvent) -> Self {
        Self {
            seq: e.seq,
            id: e.id.clone(),
            occurred_at: e.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            kind: e.kind.clone(),
            description: e.description().to_owned(),
            actor_id: e.actor_id.clone(),
            subject_id: e.subject_id.clone(),
            // A detail that no longer parses (an edited row) is shown as
            // the text it holds; verification reports it.
            detail: serde_json::from_str(&e.detail)
                .unwrap_or_else(|_| serde_json::Value::String(e.detail.clone())),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct KindFilter {
    /// Only events of this kind (e.g. `sign_in`, `role_changed`); an
    /// unknown kind is a 422.
    pub kind: Option<String>,
}

/// Reads the `kind` filter: empty means every kind; an unknown one is a
/// field error rather than an empty list, so a typo is noticed.
pub fn parse_kind(raw: Option<&str>) -> Result<Option<Kind>> {
    match raw.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => Kind::parse(k)
            .map(Some)
            .ok_or_else(|| Error::field("kind", "invalid", Words::of("audit-error-kind-invalid"))),
    }
}

/// The tenant's audit log, newest first, a page at a time (admins only).
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", security(("bearer" = [])),
    params(PageQuery, KindFilter),
    responses(
        (status = 200, description = "One page of events", body = Paginated<AuditEventView>),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 422, description = "Bad page numbers or an unknown kind", body = crate::http::problem::Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
    filter: web::Query<KindFilter>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ViewAudit)?;
    let paging = Paging::parse(&paging)?;
    let kind = parse_kind(filter.kind.as_deref())?;
    let tenant = caller.tenant.id.clone();
    let (events, total) = state
        .db(move |conn| service::list(conn, &tenant, kind, paging))
        .await?;
    let items = events.iter().map(AuditEventView::from).collect::<Vec<_>>();
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

/// Where the chain first breaks.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct BrokenAt {
    pub seq: i64,
    pub id: String,
    pub reason: String,
}

/// The outcome of a verification.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct VerificationView {
    pub intact: bool,
    /// Events checked (intact), or events stored (broken).
    pub events: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken_at: Option<BrokenAt>,
}

/// Checks the tenant's whole chain and names the first edited or missing
/// event (admins only).
#[utoipa::path(get, path = "/api/v1/admin/audit/verify", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether the log is intact", body = VerificationView),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
    ))]
pub async fn verify(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ViewAudit)?;
    let tenant = caller.tenant.id.clone();
    let (outcome, stored) = state
        .db(move |conn| {
            Ok((
                service::verify(conn, &tenant)?,
                service::count(conn, &tenant)?,
            ))
        })
        .await?;
    Ok(HttpResponse::Ok().json(VerificationView::new(outcome, stored)))
}

impl VerificationView {
    pub fn new(outcome: Verification, stored: i64) -> Self {
        match outcome {
            Verification::Intact { events } => Self {
                intact: true,
                events,
                broken_at: None,
            },
            Verification::Broken { seq, id, reason } => Self {
                intact: false,
                events: stored,
                broken_at: Some(BrokenAt { seq, id, reason }),
            },
        }
    }
}
