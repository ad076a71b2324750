//! Asset map pages: browse and search, register, the asset's page with its
//! contact form, editing and withdrawing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::{Deserialize, Serialize};

use super::api::asset_id;
use super::model::{AssetChanges, AssetKind, AssetView, NewAsset, MESSAGE_MAX};
use super::service::{self, Filter};
use crate::accounts::authz::{self, Permission};
use crate::db::ids::{AreaId, AssetId, TenantId};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::places::Area;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/assets").get(list))
        .service(web::resource("/assets/new").get(new_form).post(create))
        .service(web::resource("/assets/{id}").get(show))
        .service(web::resource("/assets/{id}/edit").get(edit_form).post(edit))
        .service(
            web::resource("/assets/{id}/withdraw")
                .get(withdraw_form)
                .post(withdraw),
        )
        .service(
            web::resource("/assets/{id}/contact")
                .get(contact_form)
                .post(contact),
        );
}

/// What the sender is told once their message is on its way, in their
/// language.
fn sent_notice_in(can_reply: bool, lang: Language) -> String {
    if can_reply {
        lang.t("assets-notice-sent")
    } else {
        lang.t("assets-notice-sent-private")
    }
}

/// What the sender is told once their message is on its way (the API's
/// words).
pub fn sent_notice(can_reply: bool) -> &'static str {
    if can_reply {
        "Your message has been sent. They can reply to you by email."
    } else {
        "Your message has been sent. You did not share your email address, so they cannot reply to you. To let them reply, send another message and tick \"Share my email address so they can reply\"."
    }
}

/// An area as a choice in a list: indented to show where it sits.
pub struct AreaChoice {
    pub id: String,
    pub label: String,
}

/// Every area of the place, in tree order, each under its parent.
fn area_choices(areas: &[Area]) -> Vec<AreaChoice> {
    fn walk(areas: &[Area], parent: Option<&AreaId>, depth: usize, out: &mut Vec<AreaChoice>) {
        for a in areas.iter().filter(|a| a.parent_id.as_ref() == parent) {
            out.push(AreaChoice {
                id: a.id.to_string(),
                label: format!("{}{}", "\u{2014} ".repeat(depth), a.name),
            });
            // Areas form a tree (parents exist before children), so this ends.
            walk(areas, Some(&a.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(areas.len());
    walk(areas, None, 0, &mut out);
    out
}

fn all_area_choices(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<AreaChoice>> {
    Ok(area_choices(&crate::places::service::all(conn, tenant)?))
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    area_id: String,
    page: Option<String>,
}

/// The filters of a list, as the query string of its page links.
#[derive(Serialize)]
struct FilterParams<'a> {
    q: &'a str,
    kind: &'a str,
    area_id: &'a str,
}

#[derive(Template)]
#[template(path = "assets/list.html")]
struct ListPage<'a> {
    chrome: Chrome,
    q: &'a str,
    kind: &'a str,
    area_id: String,
    area_name: Option<String>,
    kinds: [AssetKind; 5],
    areas: Vec<AreaChoice>,
    rows: Vec<AssetView>,
    total: i64,
    links: PageLinks,
    /// The filters as a query string, for the page links.
    filters: String,
    filtered: bool,
}

async fn list(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: None,
    })?;
    // Unknown kinds and areas in the address show everything, as the form
    // would: nothing of another place is ever listed.
    let kind = AssetKind::parse(&query.kind);
    let wanted_area = query.area_id.trim().parse::<AreaId>().ok();
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let text = query.q.clone();
    let (rows, total, areas, area) = state
        .db(move |conn| {
            let area = match wanted_area {
                Some(id) => crate::places::service::find(conn, &tenant, &id)?,
                None => None,
            };
            let filter = Filter {
                area: area.as_ref().map(|a| a.id.clone()),
                kind,
                text: Some(text),
            };
            let (found, total) = service::list(conn, &tenant, &filter, paging)?;
            Ok((
                service::present_all(conn, &found, viewer.as_ref())?,
                total,
                all_area_choices(conn, &tenant)?,
                area,
            ))
        })
        .await?;
    let kind = kind.map(AssetKind::as_str).unwrap_or_default();
    let area_id = area.as_ref().map(|a| a.id.to_string()).unwrap_or_default();
    let filters = serde_urlencoded::to_string(FilterParams {
        q: &query.q,
        kind,
        area_id: &area_id,
    })
    .map_err(|e| Error::Internal(e.to_string()))?;
    render::page(&ListPage {
        chrome: page.chrome(),
        q: &query.q,
        kind,
        filtered: !query.q.trim().is_empty() || !kind.is_empty() || area.is_some(),
        area_name: area.map(|a| a.name),
        area_id,
        kinds: AssetKind::ALL,
        areas,
        rows,
        total,
        links: PageLinks::new(paging, total),
        filters,
    })
}

/// The form's fields as typed, to show again beside their errors.
#[derive(Debug, Clone, Default, Deserialize)]
struct AssetForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    area_id: String,
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    availability: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    contactable: Option<String>,
}

impl From<&AssetView> for AssetForm {
    fn from(a: &AssetView) -> Self {
        Self {
            name: a.name.clone(),
            kind: a.kind.clone(),
            description: a.description.clone(),
            area_id: a.area_id.clone().unwrap_or_default(),
            organisation_id: a.organisation_id.clone().unwrap_or_default(),
            availability: a.availability.clone().unwrap_or_default(),
            contactable: a.contactable.then(|| "on".to_owned()),
        }
    }
}

/// An organisation the person may offer assets for.
struct OrganisationChoice {
    id: String,
    name: String,
}

#[derive(Template)]
#[template(path = "assets/form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    submit: String,
    action: String,
    /// Editing: who offers it is fixed, so no organisation choice.
    editing: Option<AssetView>,
    values: AssetForm,
    kinds: [AssetKind; 5],
    areas: Vec<AreaChoice>,
    organisations: Vec<OrganisationChoice>,
    errors: FormErrors,
}

async fn form_page(
    state: &AppState,
    signed_in: &SignedIn,
    editing: Option<AssetView>,
    values: AssetForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (areas, organisations) = state
        .db(move |conn| {
            let orgs =
                crate::organisations::service::organisations_of(conn, &me.tenant_id, &me.id)?
                    .into_iter()
                    .map(|(o, _, _)| OrganisationChoice {
                        id: o.id.to_string(),
                        name: o.name,
                    })
                    .collect::<Vec<_>>();
            Ok((all_area_choices(conn, &me.tenant_id)?, orgs))
        })
        .await?;
    let lang = signed_in.page.language;
    let page = match editing {
        None => FormPage {
            chrome: signed_in.page.chrome(),
            heading: lang.t("assets-register-title"),
            submit: lang.t("assets-register-button"),
            action: "/assets/new".into(),
            editing: None,
            values,
            kinds: AssetKind::ALL,
            areas,
            organisations,
            errors,
        },
        Some(asset) => FormPage {
            chrome: signed_in.page.chrome(),
            heading: lang.t1("assets-edit-title", "name", &asset.name),
            submit: lang.t("assets-save-button"),
            action: format!("/assets/{}/edit", asset.id),
            editing: Some(asset),
            values,
            kinds: AssetKind::ALL,
            areas,
            organisations,
            errors,
        },
    };
    if page.errors.any() {
        render::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
    } else {
        render::page(&page)
    }
}

#[derive(Deserialize)]
struct NewQuery {
    #[serde(default)]
    area_id: String,
}

async fn new_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::Participate)?;
    let values = AssetForm {
        kind: AssetKind::Skill.as_str().into(),
        area_id: query.area_id.trim().to_owned(),
        contactable: Some("on".into()),
        ..Default::default()
    };
    form_page(&state, &signed_in, None, values, FormErrors::default()).await
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<AssetForm>,
) -> Result<HttpResponse> {
    let form = submitted.form.clone();
    let new = NewAsset {
        name: form.name.clone(),
        kind: form.kind.clone(),
        description: form.description.clone(),
        area_id: Some(form.area_id.clone()),
        organisation_id: Some(form.organisation_id.clone()),
        availability: Some(form.availability.clone()),
        contactable: Some(form.contactable.is_some()),
    };
    let me = signed_in.user.clone();
    match state
        .db(move |conn| service::create(conn, &me.tenant_id, &me, &new))
        .await
    {
        Ok(created) => {
            tracing::info!(user = %signed_in.user.id, asset = %created.id, "asset registered");
            Ok(see_other(&format!("/assets/{}?done=created", created.id)))
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            form_page(&state, &signed_in, None, form, errors).await
        }
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

/// The contact form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct ContactForm {
    #[serde(default)]
    message: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    share_email: Option<String>,
}

#[derive(Template)]
#[template(path = "assets/show.html")]
struct ShowPage {
    chrome: Chrome,
    asset: AssetView,
    kind_label: String,
    /// Offer the contact form: signed in, not the owner, contactable, not
    /// withdrawn.
    may_contact: bool,
    values: ContactForm,
    errors: FormErrors,
    message_max: usize,
    notice: Option<String>,
    /// Proposals that build on it (from `crate::proposals`).
    proposals: Vec<crate::proposals::asset_links::LinkingProposal>,
    /// The boards working with it (from `crate::boards`).
    boards_html: String,
}

/// The asset as `page`'s viewer may see it (404 for a withdrawn one
/// unless they own it).
async fn visible(state: &AppState, page: &Page, id: AssetId) -> Result<AssetView> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    state
        .db(move |conn| service::view(conn, &tenant, &id, viewer.as_ref()))
        .await?
        .ok_or(Error::NotFound)
}

async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let asset = visible(&state, &page, id.clone()).await?;
    let proposals = crate::proposals::asset_links_pages::linking(&state, &page, &id).await?;
    let boards_html = crate::boards::pages::linked_boards(
        &state,
        &page,
        crate::boards::service::Linked::Asset(id),
    )
    .await?;
    let signed_in = page.user().is_some();
    let lang = page.language;
    render::page(&ShowPage {
        proposals,
        boards_html,
        chrome: page.chrome(),
        kind_label: AssetKind::parse(&asset.kind)
            .map(|k| k.label_in(lang))
            .unwrap_or_else(|| lang.t("assets-asset")),
        may_contact: signed_in && asset.contactable && !asset.withdrawn && !asset.yours,
        asset,
        values: ContactForm::default(),
        errors: FormErrors::default(),
        message_max: MESSAGE_MAX,
        notice: match query.done.as_deref() {
            Some("created") => Some(lang.t("assets-notice-created")),
            Some("saved") => Some(lang.t("assets-notice-saved")),
            Some("sent") => Some(sent_notice_in(true, lang)),
            Some("sent_private") => Some(sent_notice_in(false, lang)),
            _ => None,
        },
    })
}

/// The asset, if the signed-in person may manage it (403 otherwise; 404
/// when it is not of this place, or withdrawn and not theirs).
async fn as_manager(state: &AppState, signed_in: &SignedIn, id: AssetId) -> Result<AssetView> {
    let asset = visible(state, &signed_in.page, id).await?;
    if !asset.yours {
        return Err(Error::Forbidden(
            Words::of("assets-error-owners-only").into(),
        ));
    }
    Ok(asset)
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let asset = as_manager(&state, &signed_in, asset_id(&path)?).await?;
    let values = AssetForm::from(&asset);
    form_page(
        &state,
        &signed_in,
        Some(asset),
        values,
        FormErrors::default(),
    )
    .await
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<AssetForm>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let form = submitted.form.clone();
    let changes = AssetChanges {
        name: Some(form.name.clone()),
        kind: Some(form.kind.clone()),
        description: Some(form.description.clone()),
        area_id: Some(Some(form.area_id.clone())),
        availability: Some(form.availability.clone()),
        contactable: Some(form.contactable.is_some()),
    };
    let me = signed_in.user.clone();
    let for_update = id.clone();
    match state
        .db(move |conn| service::update(conn, &me.tenant_id, &me, &for_update, &changes))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/assets/{id}?done=saved"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            let asset = as_manager(&state, &signed_in, id).await?;
            form_page(&state, &signed_in, Some(asset), form, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "assets/withdraw.html")]
struct WithdrawPage {
    chrome: Chrome,
    asset: AssetView,
}

async fn withdraw_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let asset = as_manager(&state, &signed_in, asset_id(&path)?).await?;
    if asset.withdrawn {
        return Ok(see_other(&format!("/assets/{}", asset.id)));
    }
    render::page(&WithdrawPage {
        chrome: signed_in.page.chrome(),
        asset,
    })
}

#[derive(Deserialize)]
struct Empty {}

async fn withdraw(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let me = signed_in.user.clone();
    let for_withdraw = id.clone();
    state
        .db(move |conn| service::withdraw(conn, &me.tenant_id, &me, &for_withdraw))
        .await?;
    tracing::info!(user = %signed_in.user.id, asset = %id, "asset withdrawn");
    Ok(see_other(&format!("/assets/{id}")))
}

#[derive(Template)]
#[template(path = "assets/contact.html")]
struct ContactPage {
    chrome: Chrome,
    asset: AssetView,
    values: ContactForm,
    errors: FormErrors,
    message_max: usize,
}

/// The asset, if the signed-in person may write to its owner now.
async fn contactable(state: &AppState, signed_in: &SignedIn, id: AssetId) -> Result<AssetView> {
    let asset = visible(state, &signed_in.page, id).await?;
    if asset.withdrawn {
        return Err(Error::NotFound);
    }
    if !asset.contactable {
        return Err(service::not_contactable());
    }
    Ok(asset)
}

async fn contact_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let asset = contactable(&state, &signed_in, asset_id(&path)?).await?;
    render::page(&ContactPage {
        chrome: signed_in.page.chrome(),
        asset,
        values: ContactForm::default(),
        errors: FormErrors::default(),
        message_max: MESSAGE_MAX,
    })
}

async fn contact(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<ContactForm>,
) -> Result<HttpResponse> {
    let id = asset_id(&path)?;
    let form = submitted.form.clone();
    let share = form.share_email.is_some();
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let base_url = signed_in.page.origin.base_url.clone();
    let (for_contact, message) = (id.clone(), form.message.clone());
    match state
        .db(move |conn| {
            service::contact(conn, &tenant, &base_url, &me, &for_contact, &message, share)
        })
        .await
    {
        Ok(relayed) => {
            let done = if relayed.can_reply {
                "sent"
            } else {
                "sent_private"
            };
            Ok(see_other(&format!("/assets/{id}?done={done}")))
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            let asset = contactable(&state, &signed_in, id).await?;
            render::page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ContactPage {
                    chrome: signed_in.page.chrome(),
                    asset,
                    values: form,
                    errors,
                    message_max: MESSAGE_MAX,
                },
            )
        }
    }
}
