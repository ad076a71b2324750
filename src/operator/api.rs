//! The operator API (`/api/v1/operator/*`): the console's powers for
//! programs. Every route needs a bearer token of a platform operator with
//! a second factor.

use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::service::{self, LinkRule, TenantWithHosts};
use crate::accounts::authz::{self, Permission};
use crate::accounts::service::Provisioned;
use crate::error::{Error, Result};
use crate::http::auth::{ApiUser, PublicOrigin};
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;
use crate::tenancy::Slug;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/operator/tenants")
            .get(list_tenants)
            .post(create_tenant),
    )
    .service(web::resource("/api/v1/operator/tenants/{slug}").get(get_tenant))
    .service(web::resource("/api/v1/operator/tenants/{slug}/hosts").post(add_host))
    .service(web::resource("/api/v1/operator/tenants/{slug}/hosts/{host}").delete(remove_host))
    .service(web::resource("/api/v1/operator/tenants/{slug}/status").put(set_status))
    .service(web::resource("/api/v1/operator/tenants/{slug}/sign-out").post(sign_out_place))
    .service(web::resource("/api/v1/operator/tenants/{slug}/admins").post(appoint_admin));
}

/// The caller, once they are known to be an operator with a second factor.
fn operator(caller: &ApiUser) -> Result<()> {
    authz::require(&caller.user, Permission::OperatePlatform)
}

/// A slug in a path that is not a slug names no tenant.
fn slug_in_path(raw: &str) -> Result<Slug> {
    Slug::parse(raw).map_err(|_| Error::NotFound)
}

/// A tenant as operators see it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TenantView {
    pub slug: String,
    pub name: String,
    /// `active` or `suspended`.
    pub status: String,
    /// Hostnames it is served at, in alphabetical order.
    pub hosts: Vec<String>,
    pub created_at: chrono::NaiveDateTime,
}

impl From<TenantWithHosts> for TenantView {
    fn from((tenant, hosts): TenantWithHosts) -> Self {
        Self {
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
            status: tenant.status().as_str().to_owned(),
            hosts,
            created_at: tenant.created_at,
        }
    }
}

/// Every tenant with its hosts, oldest first.
#[utoipa::path(get, path = "/api/v1/operator/tenants", tag = "operator", params(PageQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of tenants", body = Paginated<TenantView>),
        (status = 401, description = "No valid token", body = Problem),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 422, description = "Bad page or per_page", body = Problem),
    ))]
pub async fn list_tenants(
    state: web::Data<AppState>,
    caller: ApiUser,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let paging = Paging::parse(&query)?;
    let (tenants, total) = state
        .db(move |conn| crate::tenancy::service::list_page(conn, paging.offset(), paging.limit()))
        .await?;
    let items = tenants.into_iter().map(TenantView::from).collect();
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

#[derive(Deserialize, ToSchema)]
pub struct CreateTenantRequest {
    /// 2–40 lowercase letters, digits and single hyphens, e.g. `coventry`.
    pub slug: String,
    pub name: String,
    /// At least one hostname, without scheme or port.
    pub hosts: Vec<String>,
}

/// Create a tenant with its hostnames. It serves them at once.
#[utoipa::path(post, path = "/api/v1/operator/tenants", tag = "operator",
    request_body = CreateTenantRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = TenantView),
        (status = 401, description = "No valid token", body = Problem),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 409, description = "The slug or a host is taken (`slug_taken`, `host_taken`)", body = Problem),
        (status = 422, description = "Invalid slug, name or hosts", body = Problem),
    ))]
pub async fn create_tenant(
    state: web::Data<AppState>,
    caller: ApiUser,
    body: web::Json<CreateTenantRequest>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let new = service::parse_new_tenant(&body.slug, &body.name, &body.hosts)?;
    let created = state.db(move |conn| service::create(conn, &new)).await?;
    state.tenants.clear();
    tracing::info!(operator = %caller.user.id, tenant = %created.0.slug, "tenant created");
    let location = format!("/api/v1/operator/tenants/{}", created.0.slug);
    Ok(HttpResponse::Created()
        .insert_header(("Location", location))
        .json(TenantView::from(created)))
}

/// One tenant with its hosts.
#[utoipa::path(get, path = "/api/v1/operator/tenants/{slug}", tag = "operator",
    params(("slug" = String, Path, description = "The tenant's slug")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The tenant", body = TenantView),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 404, description = "No such tenant", body = Problem),
    ))]
pub async fn get_tenant(
    state: web::Data<AppState>,
    caller: ApiUser,
    slug: web::Path<String>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let slug = slug_in_path(&slug)?;
    let found = state.db(move |conn| service::find(conn, &slug)).await?;
    Ok(HttpResponse::Ok().json(TenantView::from(found)))
}

#[derive(Deserialize, ToSchema)]
pub struct HostRequest {
    /// A hostname, without scheme or port.
    pub host: String,
}

/// Serve a tenant at one more hostname.
#[utoipa::path(post, path = "/api/v1/operator/tenants/{slug}/hosts", tag = "operator",
    params(("slug" = String, Path, description = "The tenant's slug")),
    request_body = HostRequest, security(("bearer" = [])),
    responses(
        (status = 200, description = "The tenant with its hosts now", body = TenantView),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 404, description = "No such tenant", body = Problem),
        (status = 409, description = "The host serves a tenant already (`host_taken`)", body = Problem),
        (status = 422, description = "Not a hostname", body = Problem),
    ))]
pub async fn add_host(
    state: web::Data<AppState>,
    caller: ApiUser,
    slug: web::Path<String>,
    body: web::Json<HostRequest>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let slug = slug_in_path(&slug)?;
    let host = service::parse_host(&body.host).map_err(|e| Error::Validation(vec![e]))?;
    let tenant = state
        .db(move |conn| service::add_host(conn, &slug, &host))
        .await?;
    state.tenants.clear();
    tracing::info!(operator = %caller.user.id, tenant = %tenant.0.slug, host = %body.host, "host added");
    Ok(HttpResponse::Ok().json(TenantView::from(tenant)))
}

/// Stop serving a tenant at a hostname. Its last host is kept.
#[utoipa::path(delete, path = "/api/v1/operator/tenants/{slug}/hosts/{host}", tag = "operator",
    params(
        ("slug" = String, Path, description = "The tenant's slug"),
        ("host" = String, Path, description = "One of its hostnames"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 404, description = "No such tenant, or not one of its hosts", body = Problem),
        (status = 409, description = "It is the last host (`last_host`)", body = Problem),
        (status = 422, description = "Not a hostname", body = Problem),
    ))]
pub async fn remove_host(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let (slug, host) = path.into_inner();
    let slug = slug_in_path(&slug)?;
    let host = service::parse_host(&host).map_err(|e| Error::Validation(vec![e]))?;
    let shown = host.to_string();
    let tenant = state
        .db(move |conn| service::remove_host(conn, &slug, &host))
        .await?;
    state.tenants.clear();
    tracing::info!(operator = %caller.user.id, tenant = %tenant.0.slug, host = %shown, "host removed");
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct StatusRequest {
    /// `active` (reopen) or `suspended` (every request is answered with a
    /// "paused" page until it is reopened).
    pub status: String,
}

/// Suspend or reopen a tenant.
#[utoipa::path(put, path = "/api/v1/operator/tenants/{slug}/status", tag = "operator",
    params(("slug" = String, Path, description = "The tenant's slug")),
    request_body = StatusRequest, security(("bearer" = [])),
    responses(
        (status = 200, description = "The tenant with its new status", body = TenantView),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 404, description = "No such tenant", body = Problem),
        (status = 409, description = "It is the tenant serving this request (`own_tenant`)", body = Problem),
        (status = 422, description = "Not `active` or `suspended`", body = Problem),
    ))]
pub async fn set_status(
    state: web::Data<AppState>,
    caller: ApiUser,
    slug: web::Path<String>,
    body: web::Json<StatusRequest>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let slug = slug_in_path(&slug)?;
    let status = service::parse_status(&body.status)?;
    let serving = caller.tenant.id.clone();
    let tenant = state
        .db(move |conn| service::set_status(conn, &slug, status, &serving))
        .await?;
    state.tenants.clear();
    tracing::info!(operator = %caller.user.id, tenant = %tenant.0.slug, status = status.as_str(), "tenant status set");
    Ok(HttpResponse::Ok().json(TenantView::from(tenant)))
}

#[derive(Deserialize, ToSchema)]
pub struct SignOutPlaceRequest {
    /// Must be `true`: everyone in the place will have to sign in again.
    pub confirm: bool,
}

/// How many sessions ended.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct PlaceSignedOut {
    pub slug: String,
    /// Browser and API sessions ended; their access and refresh tokens
    /// stop working at once.
    pub sessions_ended: usize,
}

/// End every session of a place (e.g. after a breach): everyone there is
/// signed out of the pages and the API. The caller's own session is kept
/// when the place is their own. Recorded in the place's audit log.
#[utoipa::path(post, path = "/api/v1/operator/tenants/{slug}/sign-out", tag = "operator",
    params(("slug" = String, Path, description = "The tenant's slug")),
    request_body = SignOutPlaceRequest, security(("bearer" = [])),
    responses(
        (status = 200, description = "Every session of the place has ended", body = PlaceSignedOut),
        (status = 401, description = "No valid token", body = Problem),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 404, description = "No such tenant", body = Problem),
        (status = 422, description = "`confirm` is not `true`", body = Problem),
    ))]
pub async fn sign_out_place(
    state: web::Data<AppState>,
    caller: ApiUser,
    slug: web::Path<String>,
    body: web::Json<SignOutPlaceRequest>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let slug = slug_in_path(&slug)?;
    if !body.confirm {
        return Err(service::confirmation_missing("confirm"));
    }
    let session = caller.session.clone();
    let for_db = slug.clone();
    let ended = state
        .db(move |conn| service::sign_out_place(conn, &for_db, &session))
        .await?;
    tracing::warn!(operator = %caller.user.id, tenant = %slug, sessions = ended, "every session of a place ended");
    Ok(HttpResponse::Ok().json(PlaceSignedOut {
        slug: slug.to_string(),
        sessions_ended: ended,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct AppointRequest {
    pub email: String,
    /// What to call them; the part of the address before `@` if absent.
    pub display_name: Option<String>,
}

/// The person appointed.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Appointed {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: crate::accounts::Role,
    /// Whether an invitation to choose a password was sent (a new account).
    pub invited: bool,
}

/// Make someone admin of a tenant. A new account is invited by email to
/// choose a password, on the tenant's first host; an existing one becomes
/// admin.
#[utoipa::path(post, path = "/api/v1/operator/tenants/{slug}/admins", tag = "operator",
    params(("slug" = String, Path, description = "The tenant's slug")),
    request_body = AppointRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "A new account, invited", body = Appointed),
        (status = 200, description = "An existing account, now admin", body = Appointed),
        (status = 403, description = "Not an operator, or no second factor yet", body = Problem),
        (status = 404, description = "No such tenant", body = Problem),
        (status = 422, description = "Invalid email or display_name", body = Problem),
    ))]
pub async fn appoint_admin(
    state: web::Data<AppState>,
    caller: ApiUser,
    req: HttpRequest,
    slug: web::Path<String>,
    body: web::Json<AppointRequest>,
) -> Result<HttpResponse> {
    operator(&caller)?;
    let slug = slug_in_path(&slug)?;
    let appointment = service::parse_appointment(&body.email, body.display_name.as_deref())?;
    let origin = req
        .extensions()
        .get::<PublicOrigin>()
        .cloned()
        .ok_or(Error::UnknownHost)?;
    let links = LinkRule {
        insecure_http: state.settings.insecure_http,
        port: super::port_of(&origin.base_url),
    };
    let outcome = state
        .db(move |conn| service::appoint_admin(conn, &slug, &appointment, links))
        .await?;
    let (user, invited) = match outcome {
        Provisioned::Created { user, invited } => (user, invited),
        Provisioned::RoleChanged { user, .. } => (user, false),
    };
    tracing::info!(operator = %caller.user.id, user = %user.id, invited, "admin appointed");
    let body = Appointed {
        id: user.id.to_string(),
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role(),
        invited,
    };
    Ok(if invited {
        HttpResponse::Created().json(body)
    } else {
        HttpResponse::Ok().json(body)
    })
}
