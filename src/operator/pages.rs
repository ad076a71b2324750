//! The console's pages: the list of tenants with a form to create one,
//! and one tenant's page with its hosts, its status and a form to appoint
//! an admin. Forms post, then redirect back with a notice; bad input shows
//! the page again with messages beside the fields (422).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::service::{self, LinkRule, TenantWithHosts};
use crate::accounts::authz::{self, Permission};
use crate::accounts::service::Provisioned;
use crate::accounts::User;
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::state::AppState;
use crate::tenancy::{Slug, TenantStatus};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/operator").get(console))
        .service(web::resource("/operator/tenants").post(create_tenant))
        .service(web::resource("/operator/tenants/{slug}").get(tenant))
        .service(web::resource("/operator/tenants/{slug}/hosts").post(add_host))
        .service(web::resource("/operator/tenants/{slug}/hosts/remove").post(remove_host))
        .service(web::resource("/operator/tenants/{slug}/status").post(set_status))
        .service(web::resource("/operator/tenants/{slug}/sign-out").post(sign_out_place))
        .service(web::resource("/operator/tenants/{slug}/admins").post(appoint_admin));
}

/// The signed-in operator behind a form, or why not.
fn operator(page: &Page) -> Result<User> {
    let user = page.user().cloned().ok_or_else(|| Error::SignInRequired {
        next: "/operator".into(),
    })?;
    authz::require(&user, Permission::OperatePlatform)?;
    Ok(user)
}

/// A slug in an address that is not a slug names no tenant.
fn slug_in_path(raw: &str) -> Result<Slug> {
    Slug::parse(raw).map_err(|_| Error::NotFound)
}

fn tenant_path(slug: &str, done: &str) -> String {
    format!("/operator/tenants/{slug}?done={done}")
}

/// A conflict the person can fix in a field is shown beside that field.
fn conflict_beside(e: Error, field: &str) -> Result<FormErrors> {
    match e {
        Error::Conflict { code, message } => Ok(FormErrors::one(field, code, message)),
        other => FormErrors::from_error(other),
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

/// A tenant as a row of the console.
struct TenantRow {
    slug: String,
    name: String,
    suspended: bool,
    hosts: Vec<String>,
}

impl From<TenantWithHosts> for TenantRow {
    fn from((tenant, hosts): TenantWithHosts) -> Self {
        Self {
            suspended: tenant.status() == TenantStatus::Suspended,
            slug: tenant.slug,
            name: tenant.name,
            hosts,
        }
    }
}

// ---- the list of tenants --------------------------------------------------

#[derive(Deserialize, Default)]
struct CreateForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    hosts: String,
}

#[derive(Template)]
#[template(path = "operator/console.html")]
struct ConsolePage<'a> {
    chrome: Chrome,
    tenants: Vec<TenantRow>,
    slug: &'a str,
    name: &'a str,
    hosts: &'a str,
    errors: FormErrors,
}

async fn show_console(
    state: &AppState,
    page: &Page,
    form: &CreateForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let tenants = state.db(crate::tenancy::service::list).await?;
    render::page_with_status(
        status,
        &ConsolePage {
            chrome: page.chrome(),
            tenants: tenants.into_iter().map(TenantRow::from).collect(),
            slug: &form.slug,
            name: &form.name,
            hosts: &form.hosts,
            errors,
        },
    )
}

async fn console(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::OperatePlatform)?;
    show_console(
        &state,
        &signed_in.page,
        &CreateForm::default(),
        FormErrors::default(),
    )
    .await
}

async fn create_tenant(
    state: web::Data<AppState>,
    submitted: ProtectedForm<CreateForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let user = operator(&page)?;
    let hosts = service::split_hosts(&form.hosts);
    let new = match service::parse_new_tenant(&form.slug, &form.name, &hosts) {
        Ok(new) => new,
        Err(e) => return show_console(&state, &page, &form, FormErrors::from_error(e)?).await,
    };
    let created = state.db(move |conn| service::create(conn, &new)).await;
    let (tenant, _) = match created {
        Ok(created) => created,
        Err(e) => {
            let field = match &e {
                Error::Conflict {
                    code: "slug_taken", ..
                } => "slug",
                _ => "hosts",
            };
            return show_console(&state, &page, &form, conflict_beside(e, field)?).await;
        }
    };
    state.tenants.clear();
    tracing::info!(operator = %user.id, tenant = %tenant.slug, "tenant created");
    Ok(see_other(&tenant_path(&tenant.slug, "created")))
}

// ---- one tenant -----------------------------------------------------------

/// What the person typed into the tenant page's forms, kept on errors.
#[derive(Default)]
struct Kept {
    host: String,
    email: String,
    display_name: String,
}

#[derive(Template)]
#[template(path = "operator/tenant.html")]
struct TenantPage {
    chrome: Chrome,
    tenant: TenantRow,
    /// The console is being used on this tenant's own host, so it cannot
    /// be suspended from here.
    serving: bool,
    notice: Option<String>,
    kept: Kept,
    errors: FormErrors,
}

fn notice_for(done: Option<&str>, lang: Language) -> Option<String> {
    Some(match done? {
        "created" => lang.t("operator-notice-created"),
        "host_added" => lang.t("operator-notice-host-added"),
        "host_removed" => lang.t("operator-notice-host-removed"),
        "suspended" => lang.t("operator-notice-suspended"),
        "reopened" => lang.t("operator-notice-reopened"),
        "signed_out" => lang.t("operator-notice-signed-out"),
        "invited" => lang.t("operator-notice-invited"),
        "appointed" => lang.t("operator-notice-appointed"),
        _ => return None,
    })
}

async fn show_tenant(
    state: &AppState,
    page: &Page,
    slug: Slug,
    notice: Option<String>,
    kept: Kept,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let found = state.db(move |conn| service::find(conn, &slug)).await?;
    render::page_with_status(
        status,
        &TenantPage {
            chrome: page.chrome(),
            serving: found.0.id == page.tenant.id,
            tenant: TenantRow::from(found),
            notice,
            kept,
            errors,
        },
    )
}

async fn tenant(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    slug: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::OperatePlatform)?;
    let slug = slug_in_path(&slug)?;
    let notice = notice_for(query.done.as_deref(), signed_in.page.language);
    show_tenant(
        &state,
        &signed_in.page,
        slug,
        notice,
        Kept::default(),
        FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
struct HostForm {
    #[serde(default)]
    host: String,
}

async fn add_host(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: ProtectedForm<HostForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let user = operator(&page)?;
    let slug = slug_in_path(&slug)?;
    let kept = Kept {
        host: form.host.clone(),
        ..Kept::default()
    };
    let host = match service::parse_host(&form.host) {
        Ok(h) => h,
        Err(e) => {
            let errors = FormErrors::from_error(Error::Validation(vec![e]))?;
            return show_tenant(&state, &page, slug, None, kept, errors).await;
        }
    };
    let for_db = (slug.clone(), host.clone());
    let added = state
        .db(move |conn| service::add_host(conn, &for_db.0, &for_db.1))
        .await;
    if let Err(e) = added {
        let errors = conflict_beside(e, "host")?;
        return show_tenant(&state, &page, slug, None, kept, errors).await;
    }
    state.tenants.clear();
    tracing::info!(operator = %user.id, tenant = %slug, %host, "host added");
    Ok(see_other(&tenant_path(slug.as_str(), "host_added")))
}

async fn remove_host(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: ProtectedForm<HostForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let user = operator(&page)?;
    let slug = slug_in_path(&slug)?;
    // The host comes from a button on the page, so a bad one names nothing.
    let host = service::parse_host(&form.host).map_err(|_| Error::NotFound)?;
    let for_db = (slug.clone(), host.clone());
    let removed = state
        .db(move |conn| service::remove_host(conn, &for_db.0, &for_db.1))
        .await;
    if let Err(e) = removed {
        // The only fixable refusal is the last host: the list says why.
        let errors = conflict_beside(e, "hosts")?;
        return show_tenant(&state, &page, slug, None, Kept::default(), errors).await;
    }
    state.tenants.clear();
    tracing::info!(operator = %user.id, tenant = %slug, %host, "host removed");
    Ok(see_other(&tenant_path(slug.as_str(), "host_removed")))
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    /// The checkbox acknowledging what suspension means.
    #[serde(default)]
    confirm: Option<String>,
}

async fn set_status(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: ProtectedForm<StatusForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let user = operator(&page)?;
    let slug = slug_in_path(&slug)?;
    let status = service::parse_status(&form.status)?;
    if status == TenantStatus::Suspended && form.confirm.as_deref() != Some("yes") {
        let errors = FormErrors::one(
            "confirm",
            "required",
            Words::of("operator-error-confirm-suspend"),
        );
        return show_tenant(&state, &page, slug, None, Kept::default(), errors).await;
    }
    let serving = page.tenant.id.clone();
    let for_db = slug.clone();
    let changed = state
        .db(move |conn| service::set_status(conn, &for_db, status, &serving))
        .await;
    if let Err(e) = changed {
        // Only `own_tenant` gets here, and that page has no suspend form:
        // the summary links to the section that explains why.
        let errors = conflict_beside(e, "status-title")?;
        return show_tenant(&state, &page, slug, None, Kept::default(), errors).await;
    }
    state.tenants.clear();
    tracing::info!(operator = %user.id, tenant = %slug, status = status.as_str(), "tenant status set");
    let done = match status {
        TenantStatus::Suspended => "suspended",
        TenantStatus::Active => "reopened",
    };
    Ok(see_other(&tenant_path(slug.as_str(), done)))
}

#[derive(Deserialize)]
struct SignOutForm {
    /// The checkbox acknowledging that everyone must sign in again.
    #[serde(default)]
    confirm: Option<String>,
}

async fn sign_out_place(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: ProtectedForm<SignOutForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let user = operator(&page)?;
    let slug = slug_in_path(&slug)?;
    if form.confirm.as_deref() != Some("yes") {
        let errors = FormErrors::from_error(service::confirmation_missing("sign_out_confirm"))?;
        return show_tenant(&state, &page, slug, None, Kept::default(), errors).await;
    }
    let session = page
        .signed_in
        .as_ref()
        .map(|(s, _)| s.clone())
        .ok_or(Error::Internal("an operator without a session".into()))?;
    let for_db = slug.clone();
    let ended = state
        .db(move |conn| service::sign_out_place(conn, &for_db, &session))
        .await?;
    tracing::warn!(operator = %user.id, tenant = %slug, sessions = ended, "every session of a place ended");
    Ok(see_other(&tenant_path(slug.as_str(), "signed_out")))
}

#[derive(Deserialize)]
struct AppointForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
}

async fn appoint_admin(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    submitted: ProtectedForm<AppointForm>,
) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = submitted;
    let user = operator(&page)?;
    let slug = slug_in_path(&slug)?;
    let appointment = match service::parse_appointment(&form.email, Some(&form.display_name)) {
        Ok(a) => a,
        Err(e) => {
            let kept = Kept {
                email: form.email.clone(),
                display_name: form.display_name.clone(),
                ..Kept::default()
            };
            let errors = FormErrors::from_error(e)?;
            return show_tenant(&state, &page, slug, None, kept, errors).await;
        }
    };
    let links = LinkRule {
        insecure_http: state.settings.insecure_http,
        port: super::port_of(&page.origin.base_url),
    };
    let for_db = slug.clone();
    let outcome = state
        .db(move |conn| service::appoint_admin(conn, &for_db, &appointment, links))
        .await?;
    let (appointed, done) = match outcome {
        Provisioned::Created { user, .. } => (user, "invited"),
        Provisioned::RoleChanged { user, .. } => (user, "appointed"),
    };
    tracing::info!(operator = %user.id, user = %appointed.id, tenant = %slug, "admin appointed");
    Ok(see_other(&tenant_path(slug.as_str(), done)))
}
