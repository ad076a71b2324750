//! Proposal pages: the list with its filters, writing and editing, a
//! proposal with its supports, status actions and timeline, its history,
//! and a person's own proposals and invitations. Everything works without
//! JavaScript.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::api::{parse_list, proposal_id, ListQuery};
use super::model::{
    split_tags, CoauthorView, MyProposals, NewProposal, Proposal, ProposalChanges, ProposalSummary,
    ProposalView, RevisionView, Sort, Status, Transition,
};
use super::service::{self, Invitee};
use crate::accounts::authz::{self, Permission};
use crate::accounts::User;
use crate::db::ids::{ProposalId, TenantId, UserId};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, PageStart, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::places::model::Area;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/proposals").get(list))
        .service(web::resource("/proposals/new").get(new_form).post(create))
        .service(web::resource("/proposals/mine").get(mine))
        .service(web::resource("/proposals/{id}").get(show))
        .service(
            web::resource("/proposals/{id}/edit")
                .get(edit_form)
                .post(edit),
        )
        .service(web::resource("/proposals/{id}/status").post(change_status))
        .service(web::resource("/proposals/{id}/support").post(support))
        .service(web::resource("/proposals/{id}/support/withdraw").post(withdraw))
        .service(web::resource("/proposals/{id}/history").get(history))
        .service(web::resource("/proposals/{id}/coauthors").post(invite))
        .service(web::resource("/proposals/{id}/coauthors/{user_id}/remove").post(remove_coauthor))
        .service(web::resource("/proposals/{id}/invitation").post(answer));
}

#[derive(Deserialize, Default)]
struct ListForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    area_id: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    page: Option<String>,
}

/// A row of the list: the summary with its area's name.
struct Row {
    p: ProposalSummary,
    area: Option<String>,
}

#[derive(Template)]
#[template(path = "proposals/list.html")]
struct ListPage {
    chrome: Chrome,
    values: ListForm,
    statuses: [Status; 7],
    sorts: [Sort; 3],
    areas: Vec<Area>,
    rows: Vec<Row>,
    total: i64,
    links: PageLinks,
    /// The filters as a query string, for the page links.
    query: String,
    errors: FormErrors,
}

fn area_names(areas: &[Area]) -> HashMap<String, String> {
    areas
        .iter()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect()
}

async fn list(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<ListForm>,
) -> Result<HttpResponse> {
    let form = query.into_inner();
    let as_api = ListQuery {
        status: Some(form.status.clone()),
        area_id: Some(form.area_id.clone()),
        tag: Some(form.tag.clone()),
        q: Some(form.q.clone()),
        sort: Some(form.sort.clone()),
        cursor: None,
    };
    let paging = PageQuery {
        page: form.page.clone(),
        per_page: None,
    };
    let parsed = parse_list(&paging, &as_api);
    let tenant = page.tenant.id.clone();
    let (areas, found) = state
        .db(move |conn| {
            let areas = crate::places::service::all(conn, &tenant)?;
            let found = match parsed {
                Ok((filter, paging, _)) => {
                    Ok((service::list(conn, &tenant, &filter, paging, None), paging))
                }
                Err(e) => Err(e),
            };
            Ok((areas, found))
        })
        .await?;
    let names = area_names(&areas);
    let (rows, total, links, errors) = match found {
        Ok((listing, paging)) => {
            let listing = match listing {
                Ok(l) => l,
                Err(e) => return list_errors(page, form, areas, e),
            };
            (
                listing.items,
                listing.total,
                PageLinks::new(paging, listing.total),
                FormErrors::default(),
            )
        }
        Err(e) => return list_errors(page, form, areas, e),
    };
    let query = serde_urlencoded::to_string([
        ("q", form.q.as_str()),
        ("status", form.status.as_str()),
        ("area_id", form.area_id.as_str()),
        ("tag", form.tag.as_str()),
        ("sort", form.sort.as_str()),
    ])
    .unwrap_or_default();
    render::page(&ListPage {
        chrome: page.chrome(),
        statuses: Status::LISTED,
        sorts: Sort::ALL,
        rows: rows
            .into_iter()
            .map(|p| Row {
                area: p.area_id.as_ref().and_then(|a| names.get(a).cloned()),
                p,
            })
            .collect(),
        areas,
        values: form,
        total,
        links,
        query,
        errors,
    })
}

/// The list again with its filters' errors beside them.
fn list_errors(page: Page, form: ListForm, areas: Vec<Area>, e: Error) -> Result<HttpResponse> {
    let errors = FormErrors::from_error(e)?;
    render::page_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &ListPage {
            chrome: page.chrome(),
            statuses: Status::LISTED,
            sorts: Sort::ALL,
            areas,
            rows: Vec::new(),
            values: form,
            total: 0,
            links: PageLinks::new(
                crate::http::pagination::Paging {
                    page: 1,
                    per_page: 20,
                },
                0,
            ),
            query: String::new(),
            errors,
        },
    )
}

/// The writing form's fields as typed, to show again beside their errors.
#[derive(Debug, Clone, Default, Deserialize)]
struct ContentForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    intended_outcome: String,
    #[serde(default)]
    area_id: String,
    #[serde(default)]
    tags: String,
    /// `publish` or `draft` (the new form's two buttons).
    #[serde(default)]
    action: String,
}

#[derive(Template)]
#[template(path = "proposals/form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    /// A new proposal offers "publish" and "save as draft".
    is_new: bool,
    values: ContentForm,
    areas: Vec<Area>,
    errors: FormErrors,
    /// The linked-assets form, when editing (from `asset_links_pages`).
    assets_html: String,
}

async fn form_page(
    state: &AppState,
    chrome: Chrome,
    tenant: crate::db::ids::TenantId,
    editing: Option<&ProposalId>,
    values: ContentForm,
    errors: FormErrors,
    assets_html: String,
) -> Result<HttpResponse> {
    let areas = state
        .db(move |conn| crate::places::service::all(conn, &tenant))
        .await?;
    let heading = if editing.is_some() {
        chrome.language.t("proposal-form-edit")
    } else {
        chrome.language.t("proposal-form-new")
    };
    let page = FormPage {
        chrome,
        heading,
        action: editing.map_or_else(
            || "/proposals/new".into(),
            |id| format!("/proposals/{id}/edit"),
        ),
        is_new: editing.is_none(),
        values,
        areas,
        errors,
        assets_html,
    };
    if page.errors.any() {
        render::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
    } else {
        render::page(&page)
    }
}

async fn new_form(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::Participate)?;
    form_page(
        &state,
        signed_in.page.chrome(),
        signed_in.user.tenant_id.clone(),
        None,
        ContentForm::default(),
        FormErrors::default(),
        String::new(),
    )
    .await
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ContentForm>,
) -> Result<HttpResponse> {
    let form = submitted.form.clone();
    let new = NewProposal {
        title: form.title.clone(),
        body: form.body.clone(),
        intended_outcome: form.intended_outcome.clone(),
        area_id: Some(form.area_id.clone()),
        tags: Some(split_tags(&form.tags)),
        draft: Some(form.action == "draft"),
    };
    let me = signed_in.user.clone();
    match state
        .db(move |conn| service::create(conn, &me.tenant_id, &me, &new))
        .await
    {
        Ok(created) => {
            let done = if created.status() == Status::Draft {
                "drafted"
            } else {
                "published"
            };
            Ok(see_other(&format!("/proposals/{}?done={done}", created.id)))
        }
        Err(e) => {
            form_page(
                &state,
                signed_in.page.chrome(),
                signed_in.user.tenant_id.clone(),
                None,
                form,
                FormErrors::from_error(e)?,
                String::new(),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
    /// Which page of the comments' threads to show.
    comments_page: Option<String>,
}

/// A status move offered on the page.
struct Move {
    to: Status,
    needs_reason: bool,
    /// Why it cannot be made yet (below the threshold), instead of a form.
    waiting: Option<String>,
}

#[derive(Template)]
#[template(path = "proposals/show.html")]
struct ShowPage {
    chrome: Chrome,
    p: ProposalView,
    area: Option<Area>,
    notice: Option<String>,
    signed_in: bool,
    /// Author or co-author.
    writes: bool,
    /// The author (manages co-authors).
    is_author: bool,
    /// A pending invitation to co-write, for the viewer.
    invited: bool,
    coauthors: Vec<CoauthorView>,
    moves: Vec<Move>,
    /// Supports shown on the progress bar (at most the threshold).
    progress: i64,
    has_history: bool,
    errors: FormErrors,
    /// The reason typed for a refused move, shown again.
    reason: String,
    /// The move whose form holds the errors.
    failed_move: String,
    invite_email: String,
    /// The moderation notice or flag link (from `crate::moderation`).
    moderation_html: String,
    /// The comments section (from `crate::comments`).
    comments_html: String,
    /// The boards working with it (from `crate::boards`).
    boards_html: String,
    /// The Follow button (from `crate::notifications`).
    follow_html: String,
    /// The assets it builds on (from `asset_links_pages`).
    assets_html: String,
    /// Its evaluation once delivered (from `crate::evaluation`).
    evaluation_html: String,
}

impl ShowPage {
    fn status_label(&self, raw: Option<&str>) -> String {
        raw.and_then(Status::parse)
            .map(|s| s.label_in(self.chrome.language))
            .unwrap_or_default()
    }
}

struct Shown {
    view: ProposalView,
    area: Option<Area>,
    standing: service::Standing,
    coauthors: Vec<CoauthorView>,
    moves: Vec<&'static Transition>,
    has_history: bool,
    moderation_html: String,
    comments_html: String,
    boards_html: String,
    follow_html: String,
    assets_html: String,
    evaluation_html: String,
}

/// The sections other rooms own, as loaded with the proposal; rendered
/// after the connection is given back.
struct Sections {
    following: bool,
    evaluation: Option<crate::evaluation::model::EvaluationView>,
    /// Only for a published proposal: a draft has no moderation, boards
    /// or comments yet.
    published: Option<PublishedSections>,
}

struct PublishedSections {
    authors: Vec<UserId>,
    hidden_reason: Option<String>,
    boards: Vec<crate::boards::model::LinkedBoard>,
    comments: crate::comments::pages::Listed,
}

// One trip to a database thread for the whole page: a trip per section
// cost more in thread switches than the queries themselves.
async fn load(
    state: &AppState,
    page: &Page,
    id: ProposalId,
    comments_page: Option<String>,
) -> Result<Shown> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let for_load = id.clone();
    let loaded = state
        .db(move |conn| load_data(conn, &tenant, viewer.as_ref(), &for_load, comments_page))
        .await?;
    render_sections(page, id, loaded)
}

/// Everything the page shows, read in the caller's one trip to the
/// database; the sections other rooms own are rendered afterwards.
fn load_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    viewer: Option<&User>,
    id: &ProposalId,
    comments_page: Option<String>,
) -> Result<(Shown, Sections)> {
    let p = service::visible(conn, tenant, id, viewer)?;
    let published = p.status() != Status::Draft;
    // The comments first, so that one lookup names the author and
    // the commenters alike.
    let mut names = service::Names::new(tenant, viewer);
    names.expect(p.author_id.as_ref());
    let comments = if published {
        Some(crate::comments::pages::section_data_in(
            conn,
            tenant,
            &crate::comments::Subject::Proposal(id.clone()),
            crate::comments::service::proposal_state(&p),
            &mut names,
            viewer,
            comments_page,
        )?)
    } else {
        None
    };
    let named = service::view_named(conn, tenant, &p, viewer, &mut names, true)?;
    let (view, authors, has_history) = (named.view, named.authors, named.has_revisions);
    let area = match &p.area_id {
        Some(a) => crate::places::service::find(conn, tenant, a)?,
        None => None,
    };
    // Read once for the status actions and the boards section.
    let boards = if viewer.is_some() || published {
        crate::boards::service::boards_working_on(conn, tenant, id)?
    } else {
        Vec::new()
    };
    let standing = named.standing;
    let moves = match viewer {
        Some(v) => service::moves_for(conn, tenant, &p, v, standing, &boards)?,
        None => Vec::new(),
    };
    let coauthors = match viewer {
        Some(v) if standing.writes() => service::coauthors(conn, tenant, id, v)?,
        _ => Vec::new(),
    };
    let published = match comments {
        Some(comments) => {
            let item = crate::moderation::Item::Proposal(id.clone());
            Some(PublishedSections {
                authors,
                // Moderation sets the proposal's own mark in the same
                // transaction as its record, so a proposal not marked
                // hidden has no reason to look up.
                hidden_reason: if p.hidden() {
                    crate::moderation::service::hidden_reason(conn, tenant, &item)?
                } else {
                    None
                },
                boards: crate::boards::service::linked_boards(conn, tenant, boards, viewer)?,
                comments,
            })
        }
        None => None,
    };
    let sections = Sections {
        following: named.following,
        evaluation: crate::evaluation::pages::section_data(conn, tenant, id, view.status, viewer)?,
        published,
    };
    Ok((
        Shown {
            view,
            area,
            standing,
            coauthors,
            moves,
            has_history,
            moderation_html: String::new(),
            comments_html: String::new(),
            boards_html: String::new(),
            follow_html: String::new(),
            assets_html: String::new(),
            evaluation_html: String::new(),
        },
        sections,
    ))
}

/// Renders the sections other rooms own into the page, once the
/// connection is given back.
fn render_sections(
    page: &Page,
    id: ProposalId,
    (mut shown, sections): (Shown, Sections),
) -> Result<Shown> {
    shown.follow_html = crate::notifications::pages::render_follow_section(
        page,
        &crate::notifications::Subject::Proposal(id.clone()),
        sections.following,
    )?;
    let may_edit_assets = shown.standing.writes() && shown.view.status.editable();
    shown.assets_html = super::asset_links_pages::render_show_section(
        page,
        &id,
        shown.view.assets.clone(),
        may_edit_assets,
    )?;
    shown.evaluation_html = crate::evaluation::pages::render_section(page, sections.evaluation)?;
    if let Some(published) = sections.published {
        shown.moderation_html = crate::moderation::pages::render_banner(
            page,
            &crate::moderation::Item::Proposal(id.clone()),
            &published.authors,
            published.hidden_reason,
        )?;
        shown.boards_html = crate::boards::pages::render_linked_boards(page, published.boards)?;
        shown.comments_html = crate::comments::pages::render_section(
            page,
            &crate::comments::Subject::Proposal(id),
            published.comments,
        )?;
    }
    Ok(shown)
}

/// What a proposal page shows beyond the proposal: a notice, or the
/// errors of a form on it with what was typed.
#[derive(Default)]
struct Extras {
    notice: Option<String>,
    errors: FormErrors,
    reason: String,
    failed_move: String,
    invite_email: String,
}

fn show_page(page: &Page, shown: Shown, extras: Extras) -> Result<HttpResponse> {
    let p = shown.view;
    let moves = shown
        .moves
        .iter()
        .map(|t| Move {
            to: t.to,
            needs_reason: t.needs_reason,
            waiting: (t.needs_threshold && p.supports < p.support_threshold).then(|| {
                page.language
                    .t1("proposal-move-waiting", "needed", p.support_threshold)
            }),
        })
        .collect();
    let show = ShowPage {
        chrome: page.chrome(),
        area: shown.area,
        notice: extras.notice,
        signed_in: page.user().is_some(),
        writes: shown.standing.writes(),
        is_author: shown.standing == service::Standing::Author,
        invited: shown.standing == service::Standing::Invited,
        coauthors: shown.coauthors,
        moves,
        progress: p.supports.min(p.support_threshold),
        has_history: shown.has_history,
        p,
        reason: extras.reason,
        failed_move: extras.failed_move,
        invite_email: extras.invite_email,
        errors: extras.errors,
        moderation_html: shown.moderation_html,
        comments_html: shown.comments_html,
        boards_html: shown.boards_html,
        follow_html: shown.follow_html,
        assets_html: shown.assets_html,
        evaluation_html: shown.evaluation_html,
    };
    if show.errors.any() {
        render::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &show)
    } else {
        render::page(&show)
    }
}

// The busiest signed-in page: the session is looked up in the page's own
// trip to the database, not in a trip of its own.
async fn show(
    state: web::Data<AppState>,
    mut start: PageStart,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let tenant = start.tenant().id.clone();
    let lookup = start.take_lookup();
    let for_load = id.clone();
    let comments_page = query.comments_page.clone();
    let (signed_in, loaded) = state
        .db(move |conn| {
            let signed_in = match lookup {
                Some(lookup) => lookup.run(conn)?,
                None => None,
            };
            let viewer = Page::person(&signed_in);
            let loaded = load_data(conn, &tenant, viewer, &for_load, comments_page)?;
            Ok((signed_in, loaded))
        })
        .await?;
    let page = start.finish(signed_in).await?;
    let shown = render_sections(&page, id, loaded)?;
    let notice = match query.done.as_deref() {
        Some("published") => Some(page.language.t("notice-proposal-published")),
        Some("drafted") => Some(page.language.t("notice-proposal-drafted")),
        Some("saved") => Some(page.language.t("notice-proposal-saved")),
        Some("moved") => Some(page.language.t("notice-proposal-moved")),
        Some("supported") => Some(page.language.t("notice-proposal-supported")),
        Some("withdrawn") => Some(page.language.t("notice-proposal-withdrawn")),
        Some("invited") => Some(page.language.t("notice-proposal-invited")),
        Some("removed") => Some(page.language.t("notice-proposal-removed")),
        Some("accepted") => Some(page.language.t("notice-proposal-accepted")),
        Some("assets") => Some(page.language.t("notice-proposal-assets")),
        _ => None,
    };
    show_page(
        &page,
        shown,
        Extras {
            notice,
            ..Default::default()
        },
    )
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let (p, tags): (Proposal, Vec<String>) = state
        .db(move |conn| {
            let p = service::visible(conn, &me.tenant_id, &for_load, Some(&me))?;
            if !service::standing(conn, &me.tenant_id, &p, &me.id)?.writes() {
                return Err(Error::forbidden(Words::of(
                    "proposals-error-only-authors-change",
                )));
            }
            if !p.status().editable() {
                return Err(Error::conflict(
                    "proposal_decided",
                    Words::of("proposals-error-decided"),
                ));
            }
            let tags = service::tags_of(conn, &me.tenant_id, std::slice::from_ref(&for_load))?
                .remove(&for_load)
                .unwrap_or_default();
            Ok((p, tags))
        })
        .await?;
    let values = ContentForm {
        title: p.title,
        body: p.body,
        intended_outcome: p.intended_outcome,
        area_id: p.area_id.map(|a| a.to_string()).unwrap_or_default(),
        tags: tags.join(", "),
        action: String::new(),
    };
    let assets_html = super::asset_links_pages::edit_section(&state, &signed_in, &id).await?;
    form_page(
        &state,
        signed_in.page.chrome(),
        signed_in.user.tenant_id.clone(),
        Some(&id),
        values,
        FormErrors::default(),
        assets_html,
    )
    .await
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<ContentForm>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let form = submitted.form.clone();
    let changes = ProposalChanges {
        title: Some(form.title.clone()),
        body: Some(form.body.clone()),
        intended_outcome: Some(form.intended_outcome.clone()),
        area_id: Some(Some(form.area_id.clone())),
        tags: Some(split_tags(&form.tags)),
        ..Default::default()
    };
    let me = signed_in.user.clone();
    let for_edit = id.clone();
    match state
        .db(move |conn| service::edit(conn, &me.tenant_id, &me, &for_edit, &changes))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}?done=saved"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            let assets_html =
                super::asset_links_pages::edit_section(&state, &signed_in, &id).await?;
            form_page(
                &state,
                signed_in.page.chrome(),
                signed_in.user.tenant_id.clone(),
                Some(&id),
                form,
                errors,
                assets_html,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

async fn change_status(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<StatusForm>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let form = &submitted.form;
    let (to, reason) = (form.status.clone(), form.reason.clone());
    let me = signed_in.user.clone();
    let for_move = id.clone();
    let (to_moved, reason_moved) = (to.clone(), reason.clone());
    let mailing = crate::notifications::Mailing::of(&state);
    match state
        .db(move |conn| {
            service::change_status(
                conn,
                &mailing,
                &me.tenant_id,
                &me,
                &for_move,
                &to_moved,
                Some(&reason_moved),
            )
        })
        .await
    {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}?done=moved"))),
        Err(Error::Validation(fields)) => {
            // Errors point at the reason box of the move that was tried.
            let fields = fields
                .into_iter()
                .map(|mut f| {
                    f.field = format!("{}-{}", f.field, to);
                    f
                })
                .collect();
            let shown = load(&state, &signed_in.page, id, None).await?;
            show_page(
                &signed_in.page,
                shown,
                Extras {
                    errors: FormErrors::from_error(Error::Validation(fields))?,
                    reason,
                    failed_move: to,
                    ..Default::default()
                },
            )
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn support(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    set_support(state, signed_in, path, true).await
}

async fn withdraw(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    set_support(state, signed_in, path, false).await
}

async fn set_support(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    on: bool,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let me = signed_in.user.clone();
    let for_support = id.clone();
    state
        .write(move |conn| service::set_support(conn, &me.tenant_id, &me, &for_support, on))
        .await?;
    let done = if on { "supported" } else { "withdrawn" };
    Ok(see_other(&format!("/proposals/{id}?done={done}")))
}

#[derive(Template)]
#[template(path = "proposals/history.html")]
struct HistoryPage {
    chrome: Chrome,
    id: String,
    title: String,
    revisions: Vec<RevisionView>,
}

async fn history(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (p, revisions) = state
        .db(move |conn| service::revisions(conn, &tenant, &id, viewer.as_ref()))
        .await?;
    render::page(&HistoryPage {
        chrome: page.chrome(),
        id: p.id.to_string(),
        title: p.title,
        revisions,
    })
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
}

async fn invite(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<InviteForm>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let email = submitted.form.email.clone();
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let for_invite = id.clone();
    let invitee = Invitee::Email(email.clone());
    match state
        .db(move |conn| service::invite(conn, &tenant, &me, &for_invite, &invitee))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}?done=invited"))),
        Err(Error::Validation(fields)) => {
            let fields = fields
                .into_iter()
                .map(|mut f| {
                    f.field = "email".into();
                    f
                })
                .collect();
            let shown = load(&state, &signed_in.page, id, None).await?;
            show_page(
                &signed_in.page,
                shown,
                Extras {
                    errors: FormErrors::from_error(Error::Validation(fields))?,
                    invite_email: email,
                    ..Default::default()
                },
            )
        }
        Err(e) => Err(e),
    }
}

async fn remove_coauthor(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let for_remove = id.clone();
    let leaving = person == signed_in.user.id;
    state
        .db(move |conn| service::remove_coauthor(conn, &me.tenant_id, &me, &for_remove, &person))
        .await?;
    if leaving {
        Ok(see_other("/proposals/mine?done=left"))
    } else {
        Ok(see_other(&format!("/proposals/{id}?done=removed")))
    }
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    decision: String,
}

async fn answer(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<AnswerForm>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let accept = match submitted.form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Err(Error::field(
                "decision",
                "invalid",
                Words::of("proposals-error-accept-or-decline"),
            ))
        }
    };
    let me = signed_in.user.clone();
    let for_answer = id.clone();
    state
        .db(move |conn| service::answer(conn, &me.tenant_id, &me, &for_answer, accept))
        .await?;
    if accept {
        Ok(see_other(&format!("/proposals/{id}?done=accepted")))
    } else {
        Ok(see_other("/proposals/mine?done=declined"))
    }
}

#[derive(Template)]
#[template(path = "proposals/mine.html")]
struct MinePage {
    chrome: Chrome,
    mine: MyProposals,
    notice: Option<String>,
}

async fn mine(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let mine = state
        .db(move |conn| service::mine(conn, &me.tenant_id, &me.id))
        .await?;
    render::page(&MinePage {
        chrome: signed_in.page.chrome(),
        mine,
        notice: match query.done.as_deref() {
            Some("declined") => Some(signed_in.page.language.t("notice-proposal-declined")),
            Some("left") => Some(signed_in.page.language.t("notice-proposal-left")),
            _ => None,
        },
    })
}
