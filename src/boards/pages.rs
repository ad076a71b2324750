//! Board pages: the list, starting and editing a board, a board's page
//! (phase, timeline, members, links, workshops, polls, discussion), members,
//! invitations and join requests, a person's boards, and workshops with
//! their answers, attendance and notes. Everything works without
//! JavaScript; anything that removes someone asks first.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::api::{board_id, request_id, workshop_id};
use super::model::{
    AttendanceRecord, Attendee, BoardChanges, BoardSummary, BoardView, LinkedBoard, Links,
    MemberView, MyBoards, NewBoard, NewInvitation, NewJoinRequest, NewLink, NewRsvp, NewWorkshop,
    Notes, Pending, Phase, Response, WorkshopView, DESCRIPTION_MAX, MESSAGE_MAX,
};
use super::service::{self, ListFilter};
use super::workshops;
use crate::accounts::authz::{self, Permission};
use crate::db::ids::{BoardId, OrganisationId, UserId, WorkshopId};
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::organisations::Organisation;
use crate::polls::model::BoardPolls;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/boards").get(list))
        .service(web::resource("/boards/new").get(new_form).post(create))
        .service(web::resource("/boards/mine").get(mine))
        .service(web::resource("/boards/{id}").get(show))
        .service(web::resource("/boards/{id}/edit").get(edit_form).post(edit))
        .service(web::resource("/boards/{id}/members").get(members))
        .service(web::resource("/boards/{id}/members/{user_id}/role").post(change_role))
        .service(
            web::resource("/boards/{id}/members/{user_id}/remove")
                .get(remove_person_form)
                .post(remove_person),
        )
        .service(
            web::resource("/boards/{id}/organisations/{organisation_id}/remove")
                .get(remove_organisation_form)
                .post(remove_organisation),
        )
        .service(
            web::resource("/boards/{id}/invitations")
                .get(invitations)
                .post(invite),
        )
        .service(web::resource("/boards/{id}/invitations/{rid}/answer").post(answer))
        .service(web::resource("/boards/{id}/requests/{rid}/withdraw").post(withdraw))
        .service(web::resource("/boards/{id}/join-requests/{rid}/decision").post(decide))
        .service(web::resource("/boards/{id}/join").get(join_form).post(join))
        .service(web::resource("/boards/{id}/links").post(link))
        .service(web::resource("/boards/{id}/links/{kind}/{target}/remove").post(unlink))
        .service(
            web::resource("/boards/{id}/workshops/new")
                .get(new_workshop_form)
                .post(schedule),
        )
        .service(web::resource("/workshops/{id}").get(workshop))
        .service(web::resource("/workshops/{id}/rsvp").post(rsvp))
        .service(web::resource("/workshops/{id}/attendance").post(attendance))
        .service(web::resource("/workshops/{id}/notes").post(notes));
}

#[derive(Deserialize)]
struct Empty {}

fn template_error(e: askama::Error) -> Error {
    Error::Internal(format!("template failed: {e}"))
}

/// A day and a time with the day of the week, as workshops are listed:
/// "Thursday 4 March 2027, 18:00" (UTC; the page says so).
pub(crate) fn day_time(at: &chrono::NaiveDateTime, lang: impl Into<Language>) -> String {
    use chrono::Datelike;
    let lang: Language = lang.into();
    let weekday = match at.weekday() {
        chrono::Weekday::Mon => lang.t("board-weekday-1"),
        chrono::Weekday::Tue => lang.t("board-weekday-2"),
        chrono::Weekday::Wed => lang.t("board-weekday-3"),
        chrono::Weekday::Thu => lang.t("board-weekday-4"),
        chrono::Weekday::Fri => lang.t("board-weekday-5"),
        chrono::Weekday::Sat => lang.t("board-weekday-6"),
        chrono::Weekday::Sun => lang.t("board-weekday-7"),
    };
    lang.t_args(
        "board-day-time",
        &[
            ("weekday", &weekday),
            ("date", &lang.date(at)),
            ("time", &at.format("%H:%M").to_string()),
        ],
    )
}

// ---------------------------------------------------------------------
// The list

#[derive(Deserialize, Default)]
struct ListForm {
    #[serde(default)]
    phase: String,
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "boards/list.html")]
struct ListPage {
    chrome: Chrome,
    phases: [Phase; 4],
    phase: String,
    boards: Vec<BoardSummary>,
    total: i64,
    links: PageLinks,
    signed_in: bool,
    errors: FormErrors,
}

async fn list(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<ListForm>,
) -> Result<HttpResponse> {
    let form = query.into_inner();
    let parsed = Paging::parse(&PageQuery {
        page: form.page.clone(),
        per_page: None,
    })
    .and_then(|p| Ok((p, ListFilter::parse(Some(&form.phase), None)?)));
    let (paging, filter, errors) = match parsed {
        Ok((p, f)) => (p, f, FormErrors::default()),
        Err(e) => (
            Paging {
                page: 1,
                per_page: 20,
            },
            ListFilter::default(),
            FormErrors::from_error(e)?,
        ),
    };
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (boards, total) = state
        .db(move |conn| service::list(conn, &tenant, viewer.as_ref(), &filter, paging))
        .await?;
    let list = ListPage {
        chrome: page.chrome(),
        phases: Phase::ALL,
        phase: form.phase,
        boards: boards.iter().map(BoardSummary::new).collect(),
        total,
        links: PageLinks::new(paging, total),
        signed_in: page.user().is_some(),
        errors,
    };
    render::form_page(&list, &list.errors)
}

// ---------------------------------------------------------------------
// Starting and editing a board

#[derive(Debug, Clone, Default, Deserialize)]
struct BoardForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    service_area: String,
    #[serde(default)]
    phase: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    note: String,
}

#[derive(Template)]
#[template(path = "boards/form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    is_new: bool,
    phases: [Phase; 4],
    values: BoardForm,
    errors: FormErrors,
    description_max: usize,
}

fn form_page(
    chrome: Chrome,
    editing: Option<&BoardId>,
    values: BoardForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let heading = if editing.is_some() {
        chrome.language.t("board-form-edit")
    } else {
        chrome.language.t("board-form-new")
    };
    let page = FormPage {
        chrome,
        heading,
        action: editing.map_or_else(|| "/boards/new".into(), |id| format!("/boards/{id}/edit")),
        is_new: editing.is_none(),
        phases: Phase::ALL,
        values,
        errors,
        description_max: DESCRIPTION_MAX,
    };
    render::form_page(&page, &page.errors)
}

async fn new_form(signed_in: SignedIn) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::Participate)?;
    form_page(
        signed_in.page.chrome(),
        None,
        BoardForm {
            phase: Phase::Discover.as_str().into(),
            visibility: "public".into(),
            ..Default::default()
        },
        FormErrors::default(),
    )
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<BoardForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let new = NewBoard {
        title: form.title.clone(),
        description: form.description.clone(),
        service_area: form.service_area.clone(),
        phase: Some(form.phase.clone()),
        visibility: Some(form.visibility.clone()),
    };
    let me = signed_in.user.clone();
    match state
        .db(move |conn| service::create(conn, &me.tenant_id, &me, &new))
        .await
    {
        Ok(b) => Ok(see_other(&format!("/boards/{}?done=created", b.id))),
        Err(e) => form_page(
            signed_in.page.chrome(),
            None,
            form,
            FormErrors::from_error(e)?,
        ),
    }
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let b = state
        .db(move |conn| service::require_facilitator(conn, &me.tenant_id, &for_load, &me))
        .await?;
    form_page(
        signed_in.page.chrome(),
        Some(&id),
        BoardForm {
            title: b.title.clone(),
            description: b.description.clone(),
            service_area: b.service_area.clone(),
            phase: b.phase.clone(),
            visibility: b.visibility.clone(),
            note: String::new(),
        },
        FormErrors::default(),
    )
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<BoardForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let form = submitted.form;
    let changes = BoardChanges {
        title: Some(form.title.clone()),
        description: Some(form.description.clone()),
        service_area: Some(form.service_area.clone()),
        phase: Some(form.phase.clone()),
        visibility: Some(form.visibility.clone()),
        note: Some(form.note.clone()),
    };
    let me = signed_in.user.clone();
    let for_edit = id.clone();
    match state
        .db(move |conn| service::update(conn, &me.tenant_id, &me, &for_edit, &changes))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/boards/{id}?done=saved"))),
        Err(e) => form_page(
            signed_in.page.chrome(),
            Some(&id),
            form,
            FormErrors::from_error(e)?,
        ),
    }
}

// ---------------------------------------------------------------------
// A board's page

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
    comments_page: Option<String>,
}

fn notice(done: Option<&str>, lang: Language) -> Option<String> {
    Some(match done? {
        "created" => lang.t("notice-board-created"),
        "saved" => lang.t("notice-board-saved"),
        "requested" => lang.t("notice-board-requested"),
        "joined" => lang.t("notice-board-joined"),
        "declined" => lang.t("notice-board-declined"),
        "left" => lang.t("notice-board-left"),
        "linked" => lang.t("notice-board-linked"),
        "unlinked" => lang.t("notice-board-unlinked"),
        "withdrawn" => lang.t("notice-board-request-withdrawn"),
        "scheduled" => lang.t("notice-board-scheduled"),
        _ => return None,
    })
}

#[derive(Template)]
#[template(path = "boards/show.html")]
struct ShowPage {
    chrome: Chrome,
    b: BoardView,
    phases: [Phase; 4],
    notice: Option<String>,
    facilitates: bool,
    /// May ask to join (signed in, not on it, nothing waiting).
    can_ask: bool,
    members: Vec<MemberView>,
    links: Links,
    workshops: Vec<WorkshopView>,
    /// The board's polls (from the polls room).
    polls: BoardPolls,
    errors: FormErrors,
    link_value: String,
    /// Follow / stop following the board's discussion.
    follow_html: String,
    comments_html: String,
    /// The request to join the viewer made, to withdraw.
    own_request: Option<String>,
    /// The stories shared with the board (for its members), from the
    /// stories room.
    stories_html: String,
    /// The viewer's id (for "leave").
    me: String,
}

impl ShowPage {
    fn step_of(&self, p: &Phase) -> usize {
        p.step()
    }

    fn phase_label(&self, phase: &Option<Phase>) -> String {
        phase.map_or_else(String::new, |p| p.label_in(self.chrome.language))
    }

    fn about(&self, who: &Option<String>) -> String {
        who.clone().unwrap_or_default()
    }

    /// A linked proposal's status (the service gives it in English) in
    /// the page's language.
    fn proposal_status(&self, detail: &str) -> String {
        crate::proposals::model::Status::ALL
            .into_iter()
            .find(|s| s.label() == detail)
            .map_or_else(|| detail.to_owned(), |s| s.label_in(self.chrome.language))
    }

    /// The name of a poll's voting method.
    fn poll_method(&self, method: &str) -> String {
        let lang = self.chrome.language;
        match method {
            "approval" => lang.t("board-poll-method-approval"),
            "consent" => lang.t("board-poll-method-consent"),
            "dot" => lang.t("board-poll-method-dot"),
            "score" => lang.t("board-poll-method-score"),
            "ranked" => lang.t("board-poll-method-ranked"),
            "budget" => lang.t("board-poll-method-budget"),
            "quadratic" => lang.t("board-poll-method-quadratic"),
            _ => lang.t("board-poll-method-other"),
        }
    }
}

/// Open polls, and closed ones, listed on the board's page (the rest are
/// on its polls page).
const POLLS_LISTED: i64 = 10;

struct Loaded {
    b: BoardView,
    facilitates: bool,
    members: Vec<MemberView>,
    links: Links,
    workshops: Vec<WorkshopView>,
    polls: BoardPolls,
    own_request: Option<String>,
    /// For the sections other rooms own, loaded on the same trip.
    following: bool,
    comments: crate::comments::pages::Listed,
}

async fn load(
    state: &AppState,
    page: &Page,
    id: BoardId,
    comments_page: Option<String>,
) -> Result<Loaded> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    state
        .db(move |conn| {
            let b = service::view(conn, &tenant, &id, viewer.as_ref())?;
            let facilitates = match &viewer {
                Some(v) => service::is_facilitator(conn, &tenant, &id, &v.id)?,
                None => false,
            };
            let own_request = match &viewer {
                Some(v) => service::own_request(conn, &tenant, &id, &v.id)?,
                None => None,
            };
            Ok(Loaded {
                facilitates,
                members: service::members(conn, &tenant, &id, viewer.as_ref())?,
                links: service::links(conn, &tenant, &id, viewer.as_ref())?,
                workshops: workshops::list(conn, &tenant, &id, viewer.as_ref())?,
                polls: crate::polls::service::on_board(
                    conn,
                    &tenant,
                    &id,
                    viewer.as_ref(),
                    POLLS_LISTED,
                )?,
                own_request: own_request.map(|r| r.to_string()),
                following: crate::notifications::pages::is_following(
                    conn,
                    viewer.as_ref(),
                    &crate::notifications::Subject::Board(id.clone()),
                )?,
                comments: crate::comments::pages::section_data(
                    conn,
                    &tenant,
                    &crate::comments::Subject::Board(id.clone()),
                    viewer.as_ref(),
                    comments_page,
                )?,
                b,
            })
        })
        .await
}

async fn show_page(
    state: &AppState,
    page: &Page,
    id: BoardId,
    comments_page: Option<String>,
    notice: Option<String>,
    errors: FormErrors,
    link_value: String,
) -> Result<HttpResponse> {
    let loaded = load(state, page, id.clone(), comments_page).await?;
    let stories_html = crate::stories::board_pages::section(state, page, &id).await?;
    let follow_html = crate::notifications::pages::render_follow_section(
        page,
        &crate::notifications::Subject::Board(id.clone()),
        loaded.following,
    )?;
    let comments_html = crate::comments::pages::render_section(
        page,
        &crate::comments::Subject::Board(id),
        loaded.comments,
    )?;
    let you = loaded.b.you.clone();
    // Anyone signed in who is not on the board in their own right and has
    // nothing waiting may ask (staff of a member organisation too).
    let can_ask = you
        .as_ref()
        .is_some_and(|y| y.role.is_none() && !y.requested && y.invitation_id.is_none());
    let show = ShowPage {
        chrome: page.chrome(),
        phases: Phase::ALL,
        notice,
        facilitates: loaded.facilitates,
        can_ask,
        members: loaded.members,
        links: loaded.links,
        workshops: loaded.workshops,
        polls: loaded.polls,
        errors,
        link_value,
        follow_html,
        comments_html,
        own_request: loaded.own_request,
        stories_html,
        me: page.user().map(|u| u.id.to_string()).unwrap_or_default(),
        b: loaded.b,
    };
    render::form_page(&show, &show.errors)
}

async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let q = query.into_inner();
    show_page(
        &state,
        &page,
        id,
        q.comments_page,
        notice(q.done.as_deref(), page.language),
        FormErrors::default(),
        String::new(),
    )
    .await
}

// ---------------------------------------------------------------------
// Members

#[derive(Template)]
#[template(path = "boards/members.html")]
struct MembersPage {
    chrome: Chrome,
    board_id: String,
    title: String,
    members: Vec<MemberView>,
    facilitates: bool,
    me: String,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn members(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let for_load = id.clone();
    let (b, list, facilitates) = state
        .db(move |conn| {
            let b = service::visible(conn, &tenant, &for_load, viewer.as_ref())?;
            let list = service::members(conn, &tenant, &for_load, viewer.as_ref())?;
            let facilitates = match &viewer {
                Some(v) => service::is_facilitator(conn, &tenant, &for_load, &v.id)?,
                None => false,
            };
            Ok((b, list, facilitates))
        })
        .await?;
    render::page(&MembersPage {
        chrome: page.chrome(),
        board_id: id.to_string(),
        title: b.title,
        members: list,
        facilitates,
        me: page.user().map(|u| u.id.to_string()).unwrap_or_default(),
        notice: match query.done.as_deref() {
            Some("role") => Some(page.language.t("notice-board-role")),
            Some("removed") => Some(page.language.t("notice-board-removed")),
            _ => None,
        },
    })
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn change_role(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    submitted: ProtectedForm<RoleForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let for_change = id.clone();
    state
        .db(move |conn| {
            service::change_role(
                conn,
                &me.tenant_id,
                &me,
                &for_change,
                &person,
                &submitted.form.role,
            )
        })
        .await?;
    Ok(see_other(&format!("/boards/{id}/members?done=role")))
}

#[derive(Template)]
#[template(path = "boards/confirm.html")]
struct ConfirmPage {
    chrome: Chrome,
    heading: String,
    explanation: String,
    action: String,
    button: String,
    back: String,
}

async fn remove_person_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let (for_load, who) = (id.clone(), person.clone());
    let (b, name) = state
        .db(move |conn| {
            let b = service::visible(conn, &me.tenant_id, &for_load, Some(&me))?;
            service::role_of(conn, &me.tenant_id, &for_load, &who)?.ok_or(Error::NotFound)?;
            let name = crate::proposals::service::Names::new(&me.tenant_id, Some(&me))
                .of(conn, Some(&who))?;
            Ok((b, name))
        })
        .await?;
    let leaving = person == signed_in.user.id;
    let lang = signed_in.page.language;
    render::page(&ConfirmPage {
        chrome: signed_in.page.chrome(),
        heading: if leaving {
            lang.t1("board-leave-question", "title", &b.title)
        } else {
            lang.t1("board-remove-question", "name", &name)
        },
        explanation: if leaving {
            lang.t("board-leave-explain")
        } else {
            lang.t1("board-remove-explain", "name", &name)
        },
        action: format!("/boards/{id}/members/{person}/remove"),
        button: if leaving {
            lang.t("board-leave-button")
        } else {
            lang.t("board-remove-button")
        },
        back: format!("/boards/{id}/members"),
    })
}

async fn remove_person(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let person: UserId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let leaving = person == me.id;
    let for_remove = id.clone();
    state
        .db(move |conn| service::remove_person(conn, &me.tenant_id, &me, &for_remove, &person))
        .await?;
    Ok(see_other(&if leaving {
        format!("/boards/{id}?done=left")
    } else {
        format!("/boards/{id}/members?done=removed")
    }))
}

async fn remove_organisation_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let org: OrganisationId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let (for_load, which) = (id.clone(), org.clone());
    let name = state
        .db(move |conn| {
            service::visible(conn, &me.tenant_id, &for_load, Some(&me))?;
            let listed = service::members(conn, &me.tenant_id, &for_load, Some(&me))?;
            listed
                .into_iter()
                .find(|m| m.organisation_id.as_deref() == Some(which.as_str()))
                .map(|m| m.name)
                .ok_or(Error::NotFound)
        })
        .await?;
    let lang = signed_in.page.language;
    render::page(&ConfirmPage {
        chrome: signed_in.page.chrome(),
        heading: lang.t1("board-remove-organisation-question", "name", &name),
        explanation: lang.t1("board-remove-organisation-explain", "name", &name),
        action: format!("/boards/{id}/organisations/{org}/remove"),
        button: lang.t("board-remove-organisation-button"),
        back: format!("/boards/{id}/members"),
    })
}

async fn remove_organisation(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let org: OrganisationId = path.1.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let for_remove = id.clone();
    state
        .db(move |conn| service::remove_organisation(conn, &me.tenant_id, &me, &for_remove, &org))
        .await?;
    Ok(see_other(&format!("/boards/{id}/members?done=removed")))
}

// ---------------------------------------------------------------------
// Invitations and requests

#[derive(Debug, Clone, Default, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    message: String,
}

#[derive(Template)]
#[template(path = "boards/invitations.html")]
struct InvitationsPage {
    chrome: Chrome,
    board_id: String,
    title: String,
    pending: Pending,
    organisations: Vec<Organisation>,
    values: InviteForm,
    errors: FormErrors,
    notice: Option<String>,
    message_max: usize,
}

async fn invitations_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: BoardId,
    values: InviteForm,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let (b, pending, organisations) = state
        .db(move |conn| {
            let b = service::require_facilitator(conn, &me.tenant_id, &for_load, &me)?;
            let pending = service::pending(conn, &me.tenant_id, &me, &for_load)?;
            let (orgs, _) = crate::organisations::service::list(
                conn,
                &me.tenant_id,
                None,
                None,
                Paging {
                    page: 1,
                    per_page: 100,
                },
            )?;
            Ok((b, pending, orgs))
        })
        .await?;
    let page = InvitationsPage {
        chrome: signed_in.page.chrome(),
        board_id: id.to_string(),
        title: b.title,
        pending,
        organisations,
        values,
        errors,
        notice,
        message_max: MESSAGE_MAX,
    };
    render::form_page(&page, &page.errors)
}

async fn invitations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("invited") => Some(lang.t("notice-board-invited")),
        Some("accepted") => Some(lang.t("notice-board-accepted")),
        Some("declined") => Some(lang.t("notice-board-request-declined")),
        Some("withdrawn") => Some(lang.t("notice-board-invitation-withdrawn")),
        _ => None,
    };
    invitations_page(
        &state,
        &signed_in,
        id,
        InviteForm::default(),
        FormErrors::default(),
        notice,
    )
    .await
}

async fn invite(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<InviteForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let form = submitted.form;
    let new = NewInvitation {
        email: Some(form.email.clone()),
        user_id: None,
        organisation_id: Some(form.organisation_id.clone()),
        role: Some(form.role.clone()),
        message: Some(form.message.clone()),
    };
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let for_invite = id.clone();
    match state
        .db(move |conn| service::invite(conn, &tenant, &me, &for_invite, &new))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/boards/{id}/invitations?done=invited"))),
        Err(Error::Conflict { message, .. }) => {
            let errors = FormErrors::one(
                if form.organisation_id.trim().is_empty() {
                    "email"
                } else {
                    "organisation_id"
                },
                "conflict",
                message,
            );
            invitations_page(&state, &signed_in, id, form, errors, None).await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            invitations_page(&state, &signed_in, id, form, errors, None).await
        }
    }
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
}

impl DecisionForm {
    fn accepts(&self) -> Result<bool> {
        super::model::Decision {
            decision: self.decision.clone(),
        }
        .accepts()
    }
}

async fn answer(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    submitted: ProtectedForm<DecisionForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let rid = request_id(&path.1)?;
    let accept = submitted.form.accepts()?;
    let me = signed_in.user.clone();
    let for_answer = id.clone();
    state
        .db(move |conn| {
            service::answer_invitation(conn, &me.tenant_id, &me, &for_answer, &rid, accept)
        })
        .await?;
    Ok(see_other(&if accept {
        format!("/boards/{id}?done=joined")
    } else {
        "/boards/mine?done=declined".to_owned()
    }))
}

async fn withdraw(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let rid = request_id(&path.1)?;
    let me = signed_in.user.clone();
    let for_withdraw = id.clone();
    let facilitates = state
        .db(move |conn| {
            service::withdraw(conn, &me.tenant_id, &me, &for_withdraw, &rid)?;
            service::is_facilitator(conn, &me.tenant_id, &for_withdraw, &me.id)
        })
        .await?;
    Ok(see_other(&if facilitates {
        format!("/boards/{id}/invitations?done=withdrawn")
    } else {
        format!("/boards/{id}?done=withdrawn")
    }))
}

async fn decide(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    submitted: ProtectedForm<DecisionForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path.0)?;
    let rid = request_id(&path.1)?;
    let accept = submitted.form.accepts()?;
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let for_decide = id.clone();
    state
        .db(move |conn| service::decide(conn, &tenant, &me, &for_decide, &rid, accept))
        .await?;
    Ok(see_other(&format!(
        "/boards/{id}/invitations?done={}",
        if accept { "accepted" } else { "declined" }
    )))
}

#[derive(Debug, Clone, Default, Deserialize)]
struct JoinForm {
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    message: String,
}

#[derive(Template)]
#[template(path = "boards/join.html")]
struct JoinPage {
    chrome: Chrome,
    board_id: String,
    title: String,
    organisations: Vec<Organisation>,
    values: JoinForm,
    errors: FormErrors,
    message_max: usize,
}

async fn join_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: BoardId,
    values: JoinForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let (b, organisations) = state
        .db(move |conn| {
            let b = service::visible(conn, &me.tenant_id, &for_load, Some(&me))?;
            let orgs = service::organisations_to_offer(conn, &me.tenant_id, &for_load, &me.id)?;
            Ok((b, orgs))
        })
        .await?;
    let page = JoinPage {
        chrome: signed_in.page.chrome(),
        board_id: id.to_string(),
        title: b.title,
        organisations,
        values,
        errors,
        message_max: MESSAGE_MAX,
    };
    render::form_page(&page, &page.errors)
}

async fn join_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    join_page(
        &state,
        &signed_in,
        id,
        JoinForm::default(),
        FormErrors::default(),
    )
    .await
}

async fn join(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<JoinForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let form = submitted.form;
    let new = NewJoinRequest {
        organisation_id: Some(form.organisation_id.clone()),
        message: Some(form.message.clone()),
    };
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let for_join = id.clone();
    match state
        .db(move |conn| service::request_to_join(conn, &tenant, &me, &for_join, &new))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/boards/{id}?done=requested"))),
        Err(Error::Conflict { message, .. }) => {
            let errors = FormErrors::one("organisation_id", "conflict", message);
            join_page(&state, &signed_in, id, form, errors).await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            join_page(&state, &signed_in, id, form, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "boards/mine.html")]
struct MinePage {
    chrome: Chrome,
    mine: MyBoards,
    notice: Option<String>,
}

async fn mine(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let mine = state
        .db(move |conn| service::mine(conn, &me.tenant_id, &me))
        .await?;
    render::page(&MinePage {
        chrome: signed_in.page.chrome(),
        mine,
        notice: match query.done.as_deref() {
            Some("declined") => Some(signed_in.page.language.t("notice-board-declined")),
            _ => None,
        },
    })
}

// ---------------------------------------------------------------------
// Links

#[derive(Deserialize)]
struct LinkForm {
    /// A proposal's or asset's address on this site, or its id.
    #[serde(default)]
    target: String,
}

/// Reads "/proposals/ID", "https://…/assets/ID" or a bare proposal id.
fn link_target(raw: &str) -> NewLink {
    let raw = raw.trim().trim_end_matches('/');
    let path = match url::Url::parse(raw) {
        Ok(u) => u.path().to_owned(),
        Err(_) => raw.to_owned(),
    };
    let mut parts = path.trim_start_matches('/').rsplitn(2, '/');
    let id = parts.next().unwrap_or_default().to_owned();
    match parts.next() {
        Some("assets") => NewLink {
            proposal_id: None,
            asset_id: Some(id),
        },
        _ => NewLink {
            proposal_id: Some(id),
            asset_id: None,
        },
    }
}

async fn link(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<LinkForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let raw = submitted.form.target.clone();
    let new = link_target(&raw);
    let me = signed_in.user.clone();
    let for_link = id.clone();
    match state
        .db(move |conn| service::link(conn, &me.tenant_id, &me, &for_link, &new))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/boards/{id}?done=linked#links"))),
        Err(Error::Validation(_)) => {
            let errors = FormErrors::one(
                "target",
                "unknown",
                Words::of("board-error-link-target-unknown"),
            );
            show_page(&state, &signed_in.page, id, None, None, errors, raw).await
        }
        Err(e) => Err(e),
    }
}

async fn unlink(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String, String)>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let (raw, kind, target) = path.into_inner();
    let id = board_id(&raw)?;
    let me = signed_in.user.clone();
    let for_unlink = id.clone();
    state
        .db(move |conn| service::unlink(conn, &me.tenant_id, &me, &for_unlink, &kind, &target))
        .await?;
    Ok(see_other(&format!("/boards/{id}?done=unlinked#links")))
}

/// The boards working with a proposal or asset, as HTML for its page
/// (empty when there are none).
pub async fn linked_boards(
    state: &AppState,
    page: &Page,
    target: service::Linked,
) -> Result<String> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let boards = state
        .db(move |conn| service::boards_linked_to(conn, &tenant, &target, viewer.as_ref()))
        .await?;
    render_linked_boards(page, boards)
}

/// The list of `linked_boards`, for a page that has loaded the boards
/// (`service::boards_linked_to`) with its other sections.
pub fn render_linked_boards(page: &Page, boards: Vec<LinkedBoard>) -> Result<String> {
    #[derive(Template)]
    #[template(path = "boards/linked.html")]
    struct Linked {
        boards: Vec<LinkedBoard>,
        lang: Language,
    }
    if boards.is_empty() {
        return Ok(String::new());
    }
    Linked {
        boards,
        lang: page.language,
    }
    .render()
    .map_err(template_error)
}

// ---------------------------------------------------------------------
// Workshops

#[derive(Debug, Clone, Default, Deserialize)]
struct WorkshopForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    accessibility: String,
    #[serde(default)]
    online_url: String,
}

#[derive(Template)]
#[template(path = "boards/workshop_form.html")]
struct WorkshopFormPage {
    chrome: Chrome,
    board_id: String,
    title: String,
    values: WorkshopForm,
    errors: FormErrors,
}

async fn workshop_form_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: BoardId,
    values: WorkshopForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let b = state
        .db(move |conn| service::require_facilitator(conn, &me.tenant_id, &for_load, &me))
        .await?;
    let page = WorkshopFormPage {
        chrome: signed_in.page.chrome(),
        board_id: id.to_string(),
        title: b.title,
        values,
        errors,
    };
    render::form_page(&page, &page.errors)
}

async fn new_workshop_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    workshop_form_page(
        &state,
        &signed_in,
        id,
        WorkshopForm::default(),
        FormErrors::default(),
    )
    .await
}

async fn schedule(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<WorkshopForm>,
) -> Result<HttpResponse> {
    let id = board_id(&path)?;
    let form = submitted.form;
    let new = NewWorkshop {
        title: Some(form.title.clone()),
        starts_at: Some(form.starts_at.clone()),
        ends_at: Some(form.ends_at.clone()),
        location: Some(form.location.clone()),
        accessibility: Some(form.accessibility.clone()),
        online_url: Some(form.online_url.clone()),
    };
    let me = signed_in.user.clone();
    let for_schedule = id.clone();
    match state
        .db(move |conn| workshops::schedule(conn, &me.tenant_id, &me, &for_schedule, &new))
        .await
    {
        Ok(w) => Ok(see_other(&format!("/workshops/{}?done=scheduled", w.id))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            workshop_form_page(&state, &signed_in, id, form, errors).await
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
struct RsvpForm {
    #[serde(default)]
    response: String,
    #[serde(default)]
    access_needs: String,
}

#[derive(Template)]
#[template(path = "boards/workshop.html")]
struct WorkshopPage {
    chrome: Chrome,
    w: WorkshopView,
    board_title: String,
    facilitates: bool,
    member: bool,
    signed_in: bool,
    over: bool,
    started: bool,
    responses: [Response; 3],
    rsvp: RsvpForm,
    notes_value: String,
    /// People on the board in their own right, for the attendance form.
    people: Vec<MemberView>,
    errors: FormErrors,
    notice: Option<String>,
}

impl WorkshopPage {
    fn mode_of(&self, user: &Option<String>) -> &'static str {
        let Some(user) = user else { return "" };
        self.w
            .attendance
            .iter()
            .flatten()
            .find(|a| &a.user_id == user)
            .map_or("", |a| a.mode.as_str())
    }
}

#[derive(Default)]
struct WorkshopExtras {
    rsvp: Option<RsvpForm>,
    notes: Option<String>,
    errors: FormErrors,
    notice: Option<String>,
}

async fn workshop_page(
    state: &AppState,
    page: &Page,
    id: WorkshopId,
    extras: WorkshopExtras,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (w, board, facilitates, member, people) = state
        .db(move |conn| {
            let w = workshops::view(conn, &tenant, &id, viewer.as_ref())?;
            let (_, board) = workshops::visible_workshop(conn, &tenant, &id, viewer.as_ref())?;
            let (facilitates, member) = match &viewer {
                Some(v) => (
                    service::is_facilitator(conn, &tenant, &board.id, &v.id)?,
                    service::is_member(conn, &tenant, &board.id, &v.id)?,
                ),
                None => (false, false),
            };
            let people = if facilitates {
                service::attendees(conn, &tenant, &board.id, viewer.as_ref())?
            } else {
                Vec::new()
            };
            Ok((w, board, facilitates, member, people))
        })
        .await?;
    let now = chrono::Utc::now().naive_utc();
    let rsvp = extras.rsvp.unwrap_or_else(|| RsvpForm {
        response: w
            .your_rsvp
            .as_ref()
            .map(|r| r.response.as_str().to_owned())
            .unwrap_or_default(),
        access_needs: w
            .your_rsvp
            .as_ref()
            .and_then(|r| r.access_needs.clone())
            .unwrap_or_default(),
    });
    let notes_value = extras
        .notes
        .unwrap_or_else(|| w.notes.clone().unwrap_or_default());
    let show = WorkshopPage {
        chrome: page.chrome(),
        board_title: board.title,
        facilitates,
        member,
        signed_in: page.user().is_some(),
        over: w.ends_at <= now,
        started: w.starts_at <= now,
        responses: Response::ALL,
        rsvp,
        notes_value,
        people,
        errors: extras.errors,
        notice: extras.notice,
        w,
    };
    render::form_page(&show, &show.errors)
}

async fn workshop(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let lang = page.language;
    let notice = match query.done.as_deref() {
        Some("scheduled") => Some(lang.t("notice-board-scheduled")),
        Some("answered") => Some(lang.t("notice-board-answered")),
        Some("attendance") => Some(lang.t("notice-board-attendance")),
        Some("notes") => Some(lang.t("notice-board-notes")),
        _ => None,
    };
    workshop_page(
        &state,
        &page,
        id,
        WorkshopExtras {
            notice,
            ..Default::default()
        },
    )
    .await
}

async fn rsvp(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<RsvpForm>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let form = submitted.form;
    let new = NewRsvp {
        response: form.response.clone(),
        access_needs: Some(form.access_needs.clone()),
    };
    let me = signed_in.user.clone();
    let for_rsvp = id.clone();
    match state
        .db(move |conn| workshops::rsvp(conn, &me.tenant_id, &me, &for_rsvp, &new))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/workshops/{id}?done=answered"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            workshop_page(
                &state,
                &signed_in.page,
                id,
                WorkshopExtras {
                    rsvp: Some(form),
                    errors,
                    ..Default::default()
                },
            )
            .await
        }
    }
}

async fn attendance(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Vec<(String, String)>>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    // Each person's select is named `mode_<user id>`: `in_person`,
    // `online`, or empty for "did not come".
    let pairs = submitted.form;
    let record = AttendanceRecord {
        attended: pairs
            .into_iter()
            .filter_map(|(k, v)| {
                let user = k.strip_prefix("mode_")?.to_owned();
                (!v.trim().is_empty()).then_some(Attendee {
                    user_id: user,
                    mode: v,
                })
            })
            .collect(),
    };
    let me = signed_in.user.clone();
    let for_record = id.clone();
    match state
        .db(move |conn| {
            workshops::record_attendance(conn, &me.tenant_id, &me, &for_record, &record)
        })
        .await
    {
        Ok(_) => Ok(see_other(&format!("/workshops/{id}?done=attendance"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            workshop_page(
                &state,
                &signed_in.page,
                id,
                WorkshopExtras {
                    errors,
                    ..Default::default()
                },
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct NotesForm {
    #[serde(default)]
    notes: String,
}

async fn notes(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<NotesForm>,
) -> Result<HttpResponse> {
    let id = workshop_id(&path)?;
    let text = submitted.form.notes.clone();
    let me = signed_in.user.clone();
    let for_notes = id.clone();
    let notes = Notes {
        notes: text.clone(),
    };
    match state
        .db(move |conn| workshops::publish_notes(conn, &me.tenant_id, &me, &for_notes, &notes))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/workshops/{id}?done=notes"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            workshop_page(
                &state,
                &signed_in.page,
                id,
                WorkshopExtras {
                    notes: Some(text),
                    errors,
                    ..Default::default()
                },
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_are_read_from_addresses_or_ids() {
        let id = "0190f0e0-0000-7000-8000-000000000000";
        let p = link_target(&format!("https://x.example/proposals/{id}/"));
        assert_eq!(p.proposal_id.as_deref(), Some(id));
        let a = link_target(&format!("/assets/{id}"));
        assert_eq!((a.asset_id.as_deref(), a.proposal_id), (Some(id), None));
        assert_eq!(link_target(id).proposal_id.as_deref(), Some(id));
    }
}
