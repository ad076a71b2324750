//! The admin pages of a place's areas: the list with a form to add one,
//! an edit page per area, and removal after a confirmation (only for areas
//! with no areas inside them). The rules are the service's, as on the API.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{Area, AreaChanges, AreaKind, NewArea};
use super::service;
use crate::accounts::authz::{self, Permission};
use crate::db::ids::AreaId;
use crate::error::{Error, Result, Words};
use crate::http::auth::{ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/admin/areas").get(list).post(create))
        .service(web::resource("/admin/areas/{id}").get(edit_form).post(edit))
        .service(
            web::resource("/admin/areas/{id}/delete")
                .get(confirm_delete)
                .post(delete),
        );
}

/// The kind of an area as the admin pages name it.
pub(crate) fn kind_label(kind: &AreaKind, lang: impl Into<Language>) -> String {
    let lang: Language = lang.into();
    match kind {
        AreaKind::City => lang.t("admin-area-kind-city"),
        AreaKind::Ward => lang.t("admin-area-kind-ward"),
        AreaKind::Neighbourhood => lang.t("admin-area-kind-neighbourhood"),
        AreaKind::Other => lang.t("admin-area-kind-other"),
    }
}

/// What the add and edit forms hold, as typed.
#[derive(Deserialize, Default, Clone)]
struct AreaForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
}

impl AreaForm {
    fn from_area(area: &Area) -> Self {
        Self {
            name: area.name.clone(),
            kind: area.kind.as_str().to_owned(),
            parent_id: area
                .parent_id
                .as_ref()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            description: area.description.clone().unwrap_or_default(),
            latitude: area.latitude.map(|l| l.to_string()).unwrap_or_default(),
            longitude: area.longitude.map(|l| l.to_string()).unwrap_or_default(),
        }
    }

    /// The coordinates as numbers; a word where a number belongs is a
    /// field error, not a silent blank.
    fn point(&self) -> Result<(Option<f64>, Option<f64>)> {
        let mut errors = Vec::new();
        let mut number = |field: &str, raw: &str| match raw.trim() {
            "" => None,
            text => match text.parse::<f64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(crate::error::FieldError::new(
                        field,
                        "invalid",
                        Words::of("places-error-degrees-number"),
                    ));
                    None
                }
            },
        };
        let lat = number("latitude", &self.latitude);
        let lon = number("longitude", &self.longitude);
        if errors.is_empty() {
            Ok((lat, lon))
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// A sibling-name clash belongs beside the name field on a form.
fn form_errors(e: Error) -> Result<FormErrors> {
    match e {
        Error::Conflict {
            code: "area_name_taken",
            message,
        } => Ok(FormErrors::one("name", "taken", message)),
        other => FormErrors::from_error(other),
    }
}

/// An area in the admin list, indented under its parent.
struct Row {
    area: Area,
    depth: usize,
    has_children: bool,
}

/// Orders the areas as a tree: each area followed by the areas inside it.
fn as_tree(areas: &[Area]) -> Vec<Row> {
    fn walk(areas: &[Area], parent: Option<&AreaId>, depth: usize, out: &mut Vec<Row>) {
        // The depth limit guards against a cycle written outside the
        // service; the service itself never moves an area.
        if depth > 16 {
            return;
        }
        for a in areas.iter().filter(|a| a.parent_id.as_ref() == parent) {
            let has_children = areas.iter().any(|c| c.parent_id.as_ref() == Some(&a.id));
            out.push(Row {
                area: a.clone(),
                depth,
                has_children,
            });
            walk(areas, Some(&a.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(areas, None, 0, &mut out);
    out
}

#[derive(Template)]
#[template(path = "admin/areas.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    kinds: [AreaKind; 4],
    form: AreaForm,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn list_page(
    state: &AppState,
    signed_in: &SignedIn,
    form: AreaForm,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<HttpResponse> {
    let tenant = signed_in.user.tenant_id.clone();
    let areas = state.db(move |conn| service::all(conn, &tenant)).await?;
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render::page_with_status(
        status,
        &ListPage {
            chrome: signed_in.page.chrome(),
            rows: as_tree(&areas),
            kinds: AreaKind::ALL,
            form,
            errors,
            notice,
        },
    )
}

async fn list(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("created") => Some(lang.t("notice-admin-area-created")),
        Some("saved") => Some(lang.t("notice-admin-area-saved")),
        Some("deleted") => Some(lang.t("notice-admin-area-deleted")),
        _ => None,
    };
    let form = AreaForm {
        kind: "neighbourhood".into(),
        ..AreaForm::default()
    };
    list_page(&state, &signed_in, form, FormErrors::default(), notice).await
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<AreaForm>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let form = submitted.form;
    let (latitude, longitude) = match form.point() {
        Ok(point) => point,
        Err(e) => return list_page(&state, &signed_in, form, form_errors(e)?, None).await,
    };
    let new = NewArea {
        name: form.name.clone(),
        parent_id: Some(form.parent_id.clone()),
        kind: Some(form.kind.clone()),
        description: Some(form.description.clone()),
        latitude,
        longitude,
    };
    let (tenant, by) = (signed_in.user.tenant_id.clone(), signed_in.user.id.clone());
    match state
        .db(move |conn| service::create(conn, &tenant, Some(&by), &new))
        .await
    {
        Ok(area) => {
            tracing::info!(admin = %signed_in.user.id, area = %area.id, "area created");
            Ok(see_other("/admin/areas?done=created"))
        }
        Err(e) => list_page(&state, &signed_in, form, form_errors(e)?, None).await,
    }
}

#[derive(Template)]
#[template(path = "admin/area_edit.html")]
struct EditPage {
    chrome: Chrome,
    area: Area,
    has_children: bool,
    kinds: [AreaKind; 4],
    form: AreaForm,
    errors: FormErrors,
}

/// The area and whether it has areas inside it; another tenant's is 404.
async fn load(state: &AppState, signed_in: &SignedIn, raw: &str) -> Result<(Area, bool)> {
    let id: AreaId = raw.parse().map_err(|_| Error::NotFound)?;
    let tenant = signed_in.user.tenant_id.clone();
    state
        .db(move |conn| {
            let area = service::find(conn, &tenant, &id)?.ok_or(Error::NotFound)?;
            let has_children = service::all(conn, &tenant)?
                .iter()
                .any(|a| a.parent_id.as_ref() == Some(&id));
            Ok((area, has_children))
        })
        .await
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let (area, has_children) = load(&state, &signed_in, &path).await?;
    render::page(&EditPage {
        chrome: signed_in.page.chrome(),
        form: AreaForm::from_area(&area),
        area,
        has_children,
        kinds: AreaKind::ALL,
        errors: FormErrors::default(),
    })
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<AreaForm>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let (area, has_children) = load(&state, &signed_in, &path).await?;
    let form = submitted.form;
    let outcome = match form.point() {
        Ok((latitude, longitude)) => {
            let changes = AreaChanges {
                name: Some(form.name.clone()),
                kind: Some(form.kind.clone()),
                description: Some(form.description.clone()),
                latitude: Some(latitude),
                longitude: Some(longitude),
            };
            let (tenant, by, id) = (
                signed_in.user.tenant_id.clone(),
                signed_in.user.id.clone(),
                area.id.clone(),
            );
            state
                .db(move |conn| service::update(conn, &tenant, Some(&by), &id, &changes))
                .await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(changed) => {
            tracing::info!(admin = %signed_in.user.id, area = %changed.id, "area changed");
            Ok(see_other("/admin/areas?done=saved"))
        }
        Err(e) => render::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &EditPage {
                chrome: signed_in.page.chrome(),
                area,
                has_children,
                kinds: AreaKind::ALL,
                form,
                errors: form_errors(e)?,
            },
        ),
    }
}

#[derive(Template)]
#[template(path = "admin/area_delete.html")]
struct DeletePage {
    chrome: Chrome,
    area: Area,
    has_children: bool,
}

async fn confirm_delete(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let (area, has_children) = load(&state, &signed_in, &path).await?;
    render::page(&DeletePage {
        chrome: signed_in.page.chrome(),
        area,
        has_children,
    })
}

#[derive(Deserialize)]
struct Nothing {}

async fn delete(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _confirmed: ProtectedForm<Nothing>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let id: AreaId = path.parse().map_err(|_| Error::NotFound)?;
    let (tenant, by) = (signed_in.user.tenant_id.clone(), signed_in.user.id.clone());
    let removed = id.clone();
    state
        .db(move |conn| service::delete(conn, &tenant, &by, &id))
        .await?;
    tracing::info!(admin = %signed_in.user.id, area = %removed, "area removed");
    Ok(see_other("/admin/areas?done=deleted"))
}
