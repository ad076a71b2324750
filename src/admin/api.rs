//! The admin API: the tenant's people and their roles.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::api::Account;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{service as accounts, Role};
use crate::db::ids::UserId;
use crate::error::{Error, Result};
use crate::http::auth::ApiUser;
use crate::http::pagination::{PageQuery, Paginated, Paging};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/admin/users").get(list))
        .service(web::resource("/api/v1/admin/users/{id}/role").put(change_role))
        .service(web::resource("/api/v1/admin/users/{id}/sign-out").post(sign_out_everywhere));
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PeopleFilter {
    /// Part of a name or email address.
    pub q: Option<String>,
}

/// The accounts of this place, a page at a time (admins only).
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])),
    params(PageQuery, PeopleFilter),
    responses(
        (status = 200, description = "One page of accounts", body = Paginated<Account>),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 422, description = "Bad page numbers", body = crate::http::problem::Problem),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    caller: ApiUser,
    paging: web::Query<PageQuery>,
    filter: web::Query<PeopleFilter>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManageRoles)?;
    let paging = Paging::parse(&paging)?;
    let tenant = caller.tenant.id.clone();
    let search = filter.q.clone();
    let (people, total) = state
        .db(move |conn| accounts::list_people(conn, &tenant, search.as_deref(), paging))
        .await?;
    let items = people.iter().map(Account::from).collect::<Vec<_>>();
    Ok(HttpResponse::Ok().json(Paginated::new(items, paging, total)))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = AdminRoleRequest)]
pub struct RoleRequest {
    pub role: Role,
}

/// Give someone a role. The last admin of a place cannot be demoted.
#[utoipa::path(put, path = "/api/v1/admin/users/{id}/role", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    request_body = RoleRequest,
    responses(
        (status = 200, description = "The account with its new role", body = Account),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 404, description = "No such account here", body = crate::http::problem::Problem),
        (status = 409, description = "It is the last admin", body = crate::http::problem::Problem),
    ))]
pub async fn change_role(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
    body: web::Json<RoleRequest>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManageRoles)?;
    let person: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant = caller.tenant.id.clone();
    let role = body.role;
    let by = caller.user.id.clone();
    let changed = state
        .db(move |conn| accounts::change_role(conn, &tenant, &by, &person, role))
        .await?;
    tracing::info!(admin = %caller.user.id, person = %changed.id, role = role.as_str(), "role changed");
    Ok(HttpResponse::Ok().json(Account::from(&changed)))
}

/// How many sessions ended.
#[derive(serde::Serialize, serde::Deserialize, ToSchema)]
pub struct SessionsEnded {
    pub ended: usize,
}

/// Sign someone out everywhere: every browser and app session of theirs
/// ends at once. Logged with the admin as actor.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/sign-out", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "How many sessions ended", body = SessionsEnded),
        (status = 401, description = "Not signed in", body = crate::http::problem::Problem),
        (status = 403, description = "Not an admin, or no second factor yet", body = crate::http::problem::Problem),
        (status = 404, description = "No such account here", body = crate::http::problem::Problem),
    ))]
pub async fn sign_out_everywhere(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    authz::require(&caller.user, Permission::ManageRoles)?;
    let person: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant = caller.tenant.id.clone();
    let by = caller.user.id.clone();
    let ended = state
        .db(move |conn| accounts::sign_out_everywhere(conn, &tenant, &by, &person))
        .await?;
    tracing::info!(admin = %caller.user.id, ended, "signed a person out everywhere");
    Ok(HttpResponse::Ok().json(SessionsEnded { ended }))
}
