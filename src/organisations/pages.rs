//! Organisation pages: the directory, starting one, its profile, editing
//! it, managing its members, and the admin's list where the council
//! recognises organisations.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{
    MemberRole, MemberView, NewOrganisation, Organisation, OrganisationChanges, OrganisationKind,
    OrganisationView,
};
use super::service;
use crate::accounts::authz::{self, Permission};
use crate::db::ids::{OrganisationId, UserId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/organisations").get(list))
        .service(
            web::resource("/organisations/new")
                .get(new_form)
                .post(create),
        )
        .service(web::resource("/organisations/{id}").get(profile))
        .service(
            web::resource("/organisations/{id}/edit")
                .get(edit_form)
                .post(edit),
        )
        .service(web::resource("/organisations/{id}/join").post(join))
        .service(web::resource("/organisations/{id}/join-requests/{user_id}/decision").post(decide))
        .service(web::resource("/organisations/{id}/members").get(members))
        .service(web::resource("/organisations/{id}/members/{user_id}/role").post(change_role))
        .service(
            web::resource("/organisations/{id}/members/{user_id}/remove")
                .get(remove_form)
                .post(remove),
        )
        .service(web::resource("/admin/organisations").get(admin_list))
        .service(web::resource("/admin/organisations/{id}/verification").post(set_verification));
}

fn organisation_id(raw: &str) -> Result<OrganisationId> {
    raw.parse().map_err(|_| Error::NotFound)
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    page: Option<String>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "organisations/list.html")]
struct ListPage<'a> {
    chrome: Chrome,
    q: &'a str,
    kind: &'a str,
    kinds: [OrganisationKind; 4],
    rows: Vec<OrganisationView>,
    total: i64,
    links: PageLinks,
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
    // An unknown kind in the address shows every kind, as the form would.
    let kind = OrganisationKind::parse(&query.kind);
    let tenant = page.tenant.id.clone();
    let search = query.q.clone();
    let (found, total) = state
        .db(move |conn| service::list(conn, &tenant, Some(&search), kind, paging))
        .await?;
    render::page(&ListPage {
        chrome: page.chrome(),
        q: &query.q,
        kind: kind.map(OrganisationKind::as_str).unwrap_or_default(),
        kinds: OrganisationKind::ALL,
        rows: found.iter().map(OrganisationView::from).collect(),
        total,
        links: PageLinks::new(paging, total),
    })
}

/// The form's fields as typed, to show again beside their errors.
#[derive(Debug, Clone, Default, Deserialize)]
struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    areas_served: String,
}

impl From<&Organisation> for ProfileForm {
    fn from(o: &Organisation) -> Self {
        Self {
            name: o.name.clone(),
            kind: o.kind.clone(),
            description: o.description.clone(),
            website: o.website.clone().unwrap_or_default(),
            areas_served: o.areas_served.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "organisations/form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    submit: String,
    action: String,
    values: ProfileForm,
    kinds: [OrganisationKind; 4],
    errors: FormErrors,
}

fn form_page(
    chrome: Chrome,
    editing: Option<&OrganisationId>,
    values: ProfileForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let lang = chrome.language;
    let page = match editing {
        None => FormPage {
            chrome,
            heading: lang.t("organisations-form-new"),
            submit: lang.t("organisations-form-new-submit"),
            action: "/organisations/new".into(),
            values,
            kinds: OrganisationKind::ALL,
            errors,
        },
        Some(id) => FormPage {
            chrome,
            heading: lang.t("organisations-form-edit"),
            submit: lang.t("organisations-form-edit-submit"),
            action: format!("/organisations/{id}/edit"),
            values,
            kinds: OrganisationKind::ALL,
            errors,
        },
    };
    if page.errors.any() {
        render::page_with_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, &page)
    } else {
        render::page(&page)
    }
}

async fn new_form(signed_in: SignedIn) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::Participate)?;
    let values = ProfileForm {
        kind: OrganisationKind::Community.as_str().into(),
        ..Default::default()
    };
    form_page(signed_in.page.chrome(), None, values, FormErrors::default())
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ProfileForm>,
) -> Result<HttpResponse> {
    let form = submitted.form.clone();
    let new = NewOrganisation {
        name: form.name.clone(),
        kind: form.kind.clone(),
        description: Some(form.description.clone()),
        website: Some(form.website.clone()),
        areas_served: Some(form.areas_served.clone()),
    };
    let me = signed_in.user.clone();
    match state
        .db(move |conn| service::create(conn, &me.tenant_id, &me, &new))
        .await
    {
        Ok(created) => {
            tracing::info!(user = %signed_in.user.id, organisation = %created.id, "organisation created");
            Ok(see_other(&format!(
                "/organisations/{}?done=created",
                created.id
            )))
        }
        Err(e) => form_page(
            signed_in.page.chrome(),
            None,
            form,
            FormErrors::from_error(e)?,
        ),
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "organisations/profile.html")]
struct ProfilePage {
    chrome: Chrome,
    org: OrganisationView,
    kind_label: String,
    members: Vec<MemberView>,
    is_admin: bool,
    /// Signed in, not a member and not waiting for an answer: may ask to join.
    may_ask: bool,
    notice: Option<String>,
}

async fn profile(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let signed_in = viewer.is_some();
    let (org, members, role, asked) = state
        .db(move |conn| {
            let org = service::find(conn, &tenant, &id)?.ok_or(Error::NotFound)?;
            let members = service::members(conn, &tenant, &id, viewer.as_ref())?;
            let (role, asked) = match &viewer {
                Some(v) => (
                    service::membership(conn, &tenant, &id, &v.id)?,
                    service::requests_of(conn, &tenant, &v.id)?
                        .iter()
                        .any(|(o, _, status, _)| o.id == id && status == "pending"),
                ),
                None => (None, false),
            };
            Ok((org, members, role, asked))
        })
        .await?;
    let lang = page.language;
    render::page(&ProfilePage {
        chrome: page.chrome(),
        kind_label: super::model::kind_label(&org.kind, lang),
        org: OrganisationView::from(&org),
        members,
        is_admin: role == Some(MemberRole::Admin),
        may_ask: signed_in && role.is_none() && !asked,
        notice: match query.done.as_deref() {
            Some("created") => Some(lang.t("notice-organisations-created")),
            Some("asked") => Some(lang.t("notice-organisations-asked")),
            Some("saved") => Some(lang.t("notice-organisations-saved")),
            Some("joined_admin") => Some(lang.t("notice-organisations-joined-admin")),
            Some("joined_member") => Some(lang.t("notice-organisations-joined-member")),
            Some("already_member") => Some(lang.t("notice-organisations-already-member")),
            Some("invitation_declined") => Some(lang.t("notice-organisations-invitation-declined")),
            _ => None,
        },
    })
}

/// The organisation, if `me` is one of its admins (403 otherwise, 404
/// when it is not of this place).
async fn as_org_admin(
    state: &AppState,
    signed_in: &SignedIn,
    id: &OrganisationId,
) -> Result<Organisation> {
    let me = signed_in.user.clone();
    let id = id.clone();
    state
        .db(move |conn| {
            let org = service::find(conn, &me.tenant_id, &id)?.ok_or(Error::NotFound)?;
            if service::membership(conn, &me.tenant_id, &id, &me.id)? != Some(MemberRole::Admin) {
                return Err(Error::Forbidden(
                    Words::of("organisations-error-only-admins").into(),
                ));
            }
            Ok(org)
        })
        .await
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let org = as_org_admin(&state, &signed_in, &id).await?;
    form_page(
        signed_in.page.chrome(),
        Some(&id),
        ProfileForm::from(&org),
        FormErrors::default(),
    )
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<ProfileForm>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let form = submitted.form.clone();
    let changes = OrganisationChanges {
        name: Some(form.name.clone()),
        kind: Some(form.kind.clone()),
        description: Some(form.description.clone()),
        website: Some(form.website.clone()),
        areas_served: Some(form.areas_served.clone()),
    };
    let me = signed_in.user.clone();
    let for_update = id.clone();
    match state
        .db(move |conn| service::update(conn, &me.tenant_id, &me, &for_update, &changes))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/organisations/{id}?done=saved"))),
        Err(e) => form_page(
            signed_in.page.chrome(),
            Some(&id),
            form,
            FormErrors::from_error(e)?,
        ),
    }
}

/// A member on the admin's page: admins of an organisation see who acts
/// for it, so the name shows as the person's profile allows, or "a member".
struct MemberRow {
    user_id: String,
    name: String,
    role: String,
}

impl MemberRow {
    fn new(m: MemberView, lang: Language) -> Self {
        Self {
            name: m.display_name.unwrap_or_else(|| {
                lang.t1(
                    "organisations-members-unnamed",
                    "id",
                    &m.user_id[..8.min(m.user_id.len())],
                )
            }),
            user_id: m.user_id,
            role: m.role,
        }
    }
}

/// A pending request to join on the admin's page.
struct RequestRow {
    user_id: String,
    name: String,
    message: String,
}

/// A pending invitation on the admin's page.
struct InvitationRow {
    id: String,
    email: String,
    role: String,
    invited_by: String,
    expires: String,
    expired: bool,
}

/// The invite form's fields as typed, to show again beside their errors.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct InviteForm {
    #[serde(default)]
    pub(super) email: String,
    #[serde(default)]
    pub(super) role: String,
}

#[derive(Template)]
#[template(path = "organisations/members.html")]
struct MembersPage {
    chrome: Chrome,
    org: OrganisationView,
    members: Vec<MemberRow>,
    requests: Vec<RequestRow>,
    invitations: Vec<InvitationRow>,
    /// Pending invitations beyond those listed.
    more_invitations: i64,
    invite: InviteForm,
    errors: FormErrors,
    notice: Option<String>,
    problem: Option<String>,
}

async fn members(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("accepted") => Some(lang.t("notice-organisations-request-accepted")),
        Some("declined") => Some(lang.t("notice-organisations-request-declined")),
        Some("role") => Some(lang.t("notice-organisations-role")),
        Some("removed") => Some(lang.t("notice-organisations-removed")),
        Some("invited") => Some(lang.t("notice-organisations-invited")),
        Some("resent") => Some(lang.t("notice-organisations-resent")),
        Some("revoked") => Some(lang.t("notice-organisations-revoked")),
        _ => None,
    };
    let problem = (query.error.as_deref() == Some("last_admin"))
        .then(|| lang.t("organisations-members-last-admin"));
    members_page(
        &state,
        &signed_in,
        &id,
        notice,
        problem,
        InviteForm {
            role: MemberRole::Member.as_str().into(),
            ..Default::default()
        },
        FormErrors::default(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

/// The members page (the organisation's admins only): members, requests
/// to join, pending invitations and the invite form, shown again with
/// its errors after a mistake.
#[allow(clippy::too_many_arguments)]
pub(super) async fn members_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: &OrganisationId,
    notice: Option<String>,
    problem: Option<String>,
    invite: InviteForm,
    errors: FormErrors,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse> {
    let org = as_org_admin(state, signed_in, id).await?;
    let me = signed_in.user.clone();
    let id = id.clone();
    let (list, requests, (invitations, pending)) = state
        .db(move |conn| {
            let paging = Paging {
                page: 1,
                per_page: crate::http::pagination::MAX_PER_PAGE,
            };
            Ok((
                service::members(conn, &me.tenant_id, &id, Some(&me))?,
                service::pending_requests(conn, &me.tenant_id, &me, &id)?,
                super::invitations::pending(conn, &me.tenant_id, &me, &id, paging)?,
            ))
        })
        .await?;
    let more_invitations = pending - invitations.len() as i64;
    let lang = signed_in.page.language;
    render::page_with_status(
        status,
        &MembersPage {
            chrome: signed_in.page.chrome(),
            org: OrganisationView::from(&org),
            members: list.into_iter().map(|m| MemberRow::new(m, lang)).collect(),
            requests: requests
                .into_iter()
                .map(|r| RequestRow {
                    name: r
                        .display_name
                        .unwrap_or_else(|| lang.t("organisations-members-private-name")),
                    user_id: r.user_id,
                    message: r.message.unwrap_or_default(),
                })
                .collect(),
            invitations: invitations
                .into_iter()
                .map(|i| InvitationRow {
                    invited_by: i
                        .invited_by
                        .unwrap_or_else(|| lang.t("organisations-members-not-shown")),
                    expires: lang.date(&i.expires_at),
                    id: i.id,
                    email: i.email,
                    role: i.role,
                    expired: i.expired,
                })
                .collect(),
            more_invitations,
            invite,
            errors,
            notice,
            problem,
        },
    )
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

/// Where a member change leads: back to the list, with what happened.
fn after_member_change(
    id: &OrganisationId,
    outcome: Result<()>,
    done: &str,
) -> Result<HttpResponse> {
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/organisations/{id}/members?done={done}"
        ))),
        Err(Error::Conflict {
            code: "last_admin", ..
        }) => Ok(see_other(&format!(
            "/organisations/{id}/members?error=last_admin"
        ))),
        Err(e) => Err(e),
    }
}

async fn change_role(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    submitted: ProtectedForm<RoleForm>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let role = MemberRole::parse(&submitted.form.role).ok_or_else(|| {
        Error::field(
            "role",
            "invalid",
            Words::of("organisations-error-role-invalid"),
        )
    })?;
    let me = signed_in.user.clone();
    let org = id.clone();
    let outcome = state
        .db(move |conn| service::change_role(conn, &me.tenant_id, &me, &org, &person, role))
        .await;
    after_member_change(&id, outcome, "role")
}

#[derive(Template)]
#[template(path = "organisations/remove.html")]
struct RemovePage {
    chrome: Chrome,
    org: OrganisationView,
    user_id: String,
    name: String,
}

async fn remove_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let org = as_org_admin(&state, &signed_in, &id).await?;
    let me = signed_in.user.clone();
    let member = state
        .db(move |conn| service::members(conn, &me.tenant_id, &id, Some(&me)))
        .await?
        .into_iter()
        .find(|m| m.user_id == person.as_str())
        .ok_or(Error::NotFound)?;
    let row = MemberRow::new(member, signed_in.page.language);
    render::page(&RemovePage {
        chrome: signed_in.page.chrome(),
        org: OrganisationView::from(&org),
        user_id: row.user_id,
        name: row.name,
    })
}

#[derive(Deserialize)]
struct Empty {}

async fn remove(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let org = id.clone();
    let outcome = state
        .db(move |conn| service::remove_member(conn, &me.tenant_id, &me, &org, &person))
        .await;
    after_member_change(&id, outcome, "removed")
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct AdminPage {
    chrome: Chrome,
    rows: Vec<OrganisationView>,
    links: PageLinks,
    notice: Option<String>,
}

async fn admin_list(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::VerifyOrganisations)?;
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: None,
    })?;
    let tenant = signed_in.user.tenant_id.clone();
    let (found, total) = state
        .db(move |conn| service::list(conn, &tenant, None, None, paging))
        .await?;
    render::page(&AdminPage {
        chrome: signed_in.page.chrome(),
        rows: found.iter().map(OrganisationView::from).collect(),
        links: PageLinks::new(paging, total),
        notice: match query.done.as_deref() {
            Some("recognised") => Some(
                signed_in
                    .page
                    .language
                    .t("notice-admin-organisation-recognised"),
            ),
            Some("unrecognised") => Some(
                signed_in
                    .page
                    .language
                    .t("notice-admin-organisation-unrecognised"),
            ),
            _ => None,
        },
    })
}

#[derive(Deserialize)]
struct VerificationForm {
    #[serde(default)]
    verified: String,
}

async fn set_verification(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<VerificationForm>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let verified = submitted.form.verified == "true";
    let me = signed_in.user.clone();
    let changed = state
        .db(move |conn| service::set_verified(conn, &me.tenant_id, &me, &id, verified))
        .await?;
    tracing::info!(admin = %signed_in.user.id, organisation = %changed.id, verified, "organisation recognition changed");
    Ok(see_other(if verified {
        "/admin/organisations?done=recognised"
    } else {
        "/admin/organisations?done=unrecognised"
    }))
}

#[derive(Deserialize)]
struct JoinForm {
    #[serde(default)]
    message: String,
}

async fn join(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<JoinForm>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path)?;
    let message = submitted.form.message.clone();
    let me = signed_in.user.clone();
    let org = id.clone();
    state
        .db(move |conn| service::request_to_join(conn, &me.tenant_id, &me, &org, Some(&message)))
        .await?;
    Ok(see_other(&format!("/organisations/{id}?done=asked")))
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
}

async fn decide(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    submitted: ProtectedForm<DecisionForm>,
) -> Result<HttpResponse> {
    let id = organisation_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let accept = match submitted.form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Err(Error::field(
                "decision",
                "invalid",
                Words::of("organisations-error-accept-or-decline"),
            ))
        }
    };
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let org = id.clone();
    state
        .db(move |conn| service::decide(conn, &tenant, &me, &org, &person, accept))
        .await?;
    let done = if accept { "accepted" } else { "declined" };
    Ok(see_other(&format!(
        "/organisations/{id}/members?done={done}"
    )))
}
