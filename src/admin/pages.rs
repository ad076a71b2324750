//! Admin pages: people and roles, undelivered email.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::accounts::authz::{self, Permission};
use crate::accounts::{service as accounts, Role, User};
use crate::db::ids::{OutboxId, UserId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome};
use crate::i18n::Language;
use crate::mail::OutboxSummary;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/people").get(people))
        .service(web::resource("/admin/people/{id}/role").post(change_role))
        .service(web::resource("/admin/people/{id}/sign-out").post(sign_out_everywhere))
        .service(web::resource("/admin/mail").get(mail))
        .service(web::resource("/admin/mail/{id}/retry").post(retry_mail));
}

#[derive(Deserialize)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
    page: Option<String>,
    done: Option<String>,
    error: Option<String>,
}

struct PersonRow {
    id: String,
    name: String,
    email: String,
    role: Role,
    verified: bool,
    is_me: bool,
    /// Their standing as a resident, in words.
    residency: String,
}

#[derive(Template)]
#[template(path = "admin/people.html")]
struct PeoplePage<'a> {
    chrome: Chrome,
    csrf: &'a str,
    q: &'a str,
    people: Vec<PersonRow>,
    total: i64,
    links: PageLinks,
    roles: [Role; 3],
    notice: Option<String>,
    problem: Option<String>,
}

async fn people(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<PeopleQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManageRoles)?;
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: None,
    })?;
    let tenant = signed_in.user.tenant_id.clone();
    let search = query.q.clone();
    let (people, total, routes, rule) = state
        .db(move |conn| {
            let (people, total) = accounts::list_people(conn, &tenant, Some(&search), paging)?;
            let ids: Vec<UserId> = people.iter().map(|u| u.id.clone()).collect();
            let routes = crate::residency::service::routes_of(conn, &tenant, &ids)?;
            let rule = crate::residency::service::rule(conn, &tenant)?;
            Ok((people, total, routes, rule))
        })
        .await?;
    let me = signed_in.user.id.clone();
    let lang = signed_in.page.language;
    let rows = people
        .iter()
        .map(|u: &User| PersonRow {
            id: u.id.to_string(),
            name: u.display_name.clone(),
            email: u.email.clone(),
            role: u.role(),
            verified: u.email_verified(),
            is_me: u.id == me,
            residency: residency_words(u, routes.get(&u.id).copied(), &rule, lang),
        })
        .collect();
    render::page(&PeoplePage {
        chrome: signed_in.page.chrome(),
        csrf: &signed_in.page.csrf,
        q: &query.q,
        people: rows,
        total,
        links: PageLinks::new(paging, total),
        roles: [Role::Citizen, Role::Moderator, Role::Admin],
        notice: match query.done.as_deref() {
            Some("role") => Some(lang.t("notice-admin-role-changed")),
            Some("signed_out") => Some(lang.t("notice-admin-signed-out")),
            _ => None,
        },
        problem: (query.error.as_deref() == Some("last_admin"))
            .then(|| lang.t("admin-people-last-admin")),
    })
}

/// A person's standing as a resident, as the admins' list says it.
fn residency_words(
    user: &User,
    route: Option<crate::residency::model::Route>,
    rule: &crate::residency::model::Rule,
    lang: Language,
) -> String {
    use crate::residency::model::Route;
    if !user.email_verified() {
        return lang.t("admin-people-not-verified-email");
    }
    match route {
        Some(Route::Postcode) => lang.t("admin-people-resident-postcode"),
        Some(Route::Vouching) => lang.t("admin-people-resident-vouched"),
        Some(Route::Manual) => lang.t("admin-people-resident-manual"),
        None if rule.email_is_enough() => lang.t("admin-people-resident-email"),
        None => lang.t("admin-people-not-verified"),
    }
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn change_role(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<RoleForm>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManageRoles)?;
    let person: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let role = Role::parse(&submitted.form.role)
        .ok_or_else(|| Error::field("role", "invalid", Words::of("admin-error-role-invalid")))?;
    let tenant = signed_in.user.tenant_id.clone();
    let by = signed_in.user.id.clone();
    let outcome = state
        .db(move |conn| accounts::change_role(conn, &tenant, &by, &person, role))
        .await;
    match outcome {
        Ok(changed) => {
            tracing::info!(admin = %signed_in.user.id, person = %changed.id, role = role.as_str(), "role changed");
            Ok(see_other("/admin/people?done=role"))
        }
        Err(Error::Conflict {
            code: "last_admin", ..
        }) => Ok(see_other("/admin/people?error=last_admin")),
        Err(e) => Err(e),
    }
}

/// Ends every session of a person (a lost phone, a shared computer, a
/// suspected takeover); logged with the admin as actor.
async fn sign_out_everywhere(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _form: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManageRoles)?;
    let person: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant = signed_in.user.tenant_id.clone();
    let by = signed_in.user.id.clone();
    let ended = state
        .db(move |conn| accounts::sign_out_everywhere(conn, &tenant, &by, &person))
        .await?;
    tracing::info!(admin = %signed_in.user.id, ended, "signed a person out everywhere");
    Ok(see_other("/admin/people?done=signed_out"))
}

#[derive(Template)]
#[template(path = "admin/mail.html")]
struct MailPage<'a> {
    chrome: Chrome,
    csrf: &'a str,
    messages: Vec<OutboxSummary>,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn mail(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ViewMailFailures)?;
    let tenant = signed_in.user.tenant_id.clone();
    let messages = state
        .db(move |conn| crate::mail::service::failures(conn, &tenant))
        .await?;
    render::page(&MailPage {
        chrome: signed_in.page.chrome(),
        csrf: &signed_in.page.csrf,
        messages,
        notice: (query.done.as_deref() == Some("retry"))
            .then(|| signed_in.page.language.t("notice-admin-mail-retry")),
    })
}

#[derive(Deserialize)]
struct Empty {}

async fn retry_mail(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _form: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ViewMailFailures)?;
    let id: OutboxId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant = signed_in.user.tenant_id.clone();
    let by = signed_in.user.id.clone();
    state
        .db(move |conn| crate::mail::service::retry_by(conn, &tenant, &id, &by))
        .await?;
    Ok(see_other("/admin/mail?done=retry"))
}
