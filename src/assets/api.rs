//! The asset map API: register, browse and search, change, withdraw, and
//! write to an asset's owner.

use actix_web::{http::header, web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{AssetChanges, AssetKind, AssetView, NewAsset};
use super::service::{self, Filter};
use crate::db::ids::{AreaId, AssetId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ApiUser, MaybeApiUser, PublicOrigin};
use crate::http::extract::Tenant;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/assets").get(list).post(create))
        .service(
            web::resource("/api/v1/assets/{id}")
                .get(get)
                .patch(update)
                .delete(withdraw),
        )
        .service(web::resource("/api/v1/assets/{id}/contact").post(contact));
}

/// An id in a path: anything that is not an asset id finds nothing.
pub(super) fn asset_id(raw: &str) -> Result<AssetId> {
    raw.parse().map_err(|_| Error::NotFound)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AssetFilter {
    /// Only assets in this area or the areas inside it.
    pub area_id: Option<String>,
    /// `skill`, `space`, `service`, `group` or `equipment`.
    pub kind: Option<String>,
    /// Words in the name, description or availability, in any case.
    pub q: Option<String>,
}

impl AssetFilter {
    /// The filter, checked: a bad kind or area id is a field error.
    fn parse(&self) -> Result<Filter> {
        let mut problems = crate::error::Problems::default();
        let nonempty = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let kind = match nonempty(&self.kind) {
            None => None,
            Some(raw) => {
                let kind = AssetKind::parse(&raw);
                if kind.is_none() {
                    problems.add("kind", "invalid", Words::of("assets-error-kind"));
                }
                kind
            }
        };
        let area = match nonempty(&self.area_id) {
            None => None,
            Some(raw) => {
                let area = raw.parse::<AreaId>().ok();
                if area.is_none() {
                    problems.add("area_id", "unknown", Words::of("assets-error-area-unknown"));
                }
                area
            }
        };
        problems.into_result()?;
        Ok(Filter {
            area,
            kind,
            text: nonempty(&self.q),
        })
    }
}

/// The assets of this place, newest first, a page at a time: in an area
/// (and the areas inside it), of a kind, or matching words.
#[utoipa::path(get, path = "/api/v1/assets", tag = "assets", security(("bearer" = []), ()),
    params(PageQuery, AssetFilter),
    responses(
        (status = 200, description = "One page of assets", body = Paginated<AssetView>),
        (status = 422, description = "Bad page numbers, kind or area", body = Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    paging: web::Query<PageQuery>,
    filter: web::Query<AssetFilter>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&paging)?;
    let filter = filter.parse()?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let (items, total) = state
        .db(move |conn| {
            let (found, total) = service::list(conn, &tenant_id, &filter, paging)?;
            Ok((service::present_all(conn, &found, viewer.as_ref())?, total))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

/// Register an asset: yours, or an organisation's you are a member of.
/// Needs a confirmed email address.
#[utoipa::path(post, path = "/api/v1/assets", tag = "assets", security(("bearer" = [])),
    request_body = NewAsset,
    responses(
        (status = 201, description = "The new asset; `Location` names it", body = AssetView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet, or not a member of the organisation", body = Problem),
        (status = 422, description = "Fields to fix (including an area or organisation that is not of this place)", body = Problem),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<NewAsset>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            let created = service::create(conn, &me.tenant_id, &me, &new)?;
            service::view(conn, &me.tenant_id, &created.id, Some(&me))?.ok_or(Error::NotFound)
        })
        .await?;
    tracing::info!(user = %caller.user.id, asset = %view.id, "asset registered");
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/assets/{}", view.id)))
        .json(view))
}

/// One asset. A withdrawn asset is found only by its owners.
#[utoipa::path(get, path = "/api/v1/assets/{id}", tag = "assets", security(("bearer" = []), ()),
    params(("id" = String, Path, description = "The asset's id")),
    responses(
        (status = 200, description = "The asset", body = AssetView),
        (status = 404, description = "No such asset here", body = Problem),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    tenant: Tenant,
    caller: MaybeApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let tenant_id = tenant.id.clone();
    let viewer = caller.0.map(|c| c.user);
    let view = state
        .db(move |conn| service::view(conn, &tenant_id, &id, viewer.as_ref()))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change an asset (its owner, or its organisation's admins). Absent
/// fields stay; an empty availability clears it; `area_id: null` takes it
/// out of its area.
#[utoipa::path(patch, path = "/api/v1/assets/{id}", tag = "assets", security(("bearer" = [])),
    params(("id" = String, Path, description = "The asset's id")),
    request_body = AssetChanges,
    responses(
        (status = 200, description = "The changed asset", body = AssetView),
        (status = 403, description = "Not an owner of the asset", body = Problem),
        (status = 404, description = "No such asset here", body = Problem),
        (status = 409, description = "The asset has been withdrawn", body = Problem),
        (status = 422, description = "Fields to fix", body = Problem),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<AssetChanges>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let changes = body.into_inner();
    let me = caller.user.clone();
    let view = state
        .db(move |conn| {
            service::update(conn, &me.tenant_id, &me, &id, &changes)?;
            service::view(conn, &me.tenant_id, &id, Some(&me))?.ok_or(Error::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Withdraw an asset (its owner, or its organisation's admins): it leaves
/// every list. Withdrawing again changes nothing.
#[utoipa::path(delete, path = "/api/v1/assets/{id}", tag = "assets", security(("bearer" = [])),
    params(("id" = String, Path, description = "The asset's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not an owner of the asset", body = Problem),
        (status = 404, description = "No such asset here", body = Problem),
    ))]
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let me = caller.user.clone();
    let for_log = id.clone();
    state
        .db(move |conn| service::withdraw(conn, &me.tenant_id, &me, &id))
        .await?;
    tracing::info!(user = %caller.user.id, asset = %for_log, "asset withdrawn");
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct ContactRequest {
    /// Plain text, up to 4000 characters.
    #[serde(default)]
    pub message: String,
    /// Let the owner reply: your email address becomes the email's
    /// Reply-To. Without it, the owner cannot answer you.
    #[serde(default)]
    pub share_email: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ContactReceipt {
    /// How many people the message was sent to (an organisation's admins
    /// are several).
    pub recipients: usize,
    /// Whether they can reply to you (you shared your address).
    pub can_reply: bool,
    pub detail: String,
}

/// Write to the owner of an asset (an organisation's admins for its
/// assets). They get your message and your display name by email; your
/// address only if you share it; theirs is never shown to you. Needs a
/// confirmed email address; at most 10 messages an hour.
#[utoipa::path(post, path = "/api/v1/assets/{id}/contact", tag = "assets", security(("bearer" = [])),
    params(("id" = String, Path, description = "The asset's id")),
    request_body = ContactRequest,
    responses(
        (status = 202, description = "The message is on its way", body = ContactReceipt),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Email address not confirmed yet", body = Problem),
        (status = 404, description = "No such asset here", body = Problem),
        (status = 409, description = "The owner takes no messages", body = Problem),
        (status = 422, description = "The message is empty or too long", body = Problem),
        (status = 429, description = "Too many messages; wait for Retry-After seconds", body = Problem),
    ))]
pub async fn contact(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<ContactRequest>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let base_url = req
        .extensions()
        .get::<PublicOrigin>()
        .map(|o| o.base_url.clone())
        .ok_or(Error::UnknownHost)?;
    let ContactRequest {
        message,
        share_email,
    } = body.into_inner();
    let me = caller.user.clone();
    let tenant = caller.tenant.0.clone();
    let relayed = state
        .db(move |conn| service::contact(conn, &tenant, &base_url, &me, &id, &message, share_email))
        .await?;
    Ok(HttpResponse::Accepted().json(ContactReceipt {
        recipients: relayed.recipients,
        can_reply: relayed.can_reply,
        detail: super::pages::sent_notice(relayed.can_reply).to_owned(),
    }))
}
