//! Comment pages: the comments section a subject's page embeds (threads,
//! a reply form per comment that opens without JavaScript, the form for a
//! new comment), and the pages to write, change and delete a comment.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::api::{board, comment_id, proposal};
use super::model::{CommentChanges, CommentView, NewComment, Subject, ThreadView, BODY_MAX};
use super::service;
use crate::accounts::User;
use crate::db::ids::{CommentId, TenantId};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging, DEFAULT_PER_PAGE};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::proposals::service::Names;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/proposals/{id}/comments").post(create))
        .service(web::resource("/proposals/{id}/comments/new").get(new_form))
        .service(web::resource("/boards/{id}/comments").post(create_on_board))
        .service(web::resource("/boards/{id}/comments/new").get(new_form_on_board))
        .service(
            web::resource("/comments/{id}/edit")
                .get(edit_form)
                .post(edit),
        )
        .service(
            web::resource("/comments/{id}/delete")
                .get(delete_form)
                .post(delete),
        );
}

/// The comments section of a subject's page.
#[derive(Template)]
#[template(path = "comments/section.html")]
struct Section {
    chrome: Chrome,
    /// Where new comments and replies are posted.
    action: String,
    /// The subject's page, for the page links.
    here: String,
    threads: Vec<ThreadView>,
    total: i64,
    links: PageLinks,
    signed_in: bool,
    /// Signed in with a confirmed address, on a subject open for comments.
    can_comment: bool,
    open: bool,
    /// What to say when the viewer may not comment.
    closed_note: String,
    body_max: usize,
    words: CommentWords,
}

/// What the section says alike about every comment, translated once for
/// the section rather than once for each of its fifty comments.
struct CommentWords {
    comment: String,
    deleted_comment: String,
    edited: String,
    deleted_marker: String,
    hidden_yours: String,
    hidden_why: String,
    hidden: String,
    reply: String,
    markdown: String,
    post_reply: String,
    edit: String,
    your_comment_lower: String,
    delete: String,
    flag: String,
    flag_after: String,
}

impl CommentWords {
    fn in_language(language: crate::i18n::Language) -> Self {
        CommentWords {
            comment: language.t("comments-comment"),
            deleted_comment: language.t("comments-deleted-comment"),
            edited: language.t("comments-edited"),
            deleted_marker: language.t("comments-deleted-marker"),
            hidden_yours: language.t("comments-hidden-yours"),
            hidden_why: language.t("comments-hidden-why"),
            hidden: language.t("comments-hidden"),
            reply: language.t("comments-reply"),
            markdown: language.t("comments-markdown"),
            post_reply: language.t("comments-post-reply"),
            edit: language.t("comments-edit"),
            your_comment_lower: language.t("comments-your-comment-lower"),
            delete: language.t("comments-delete"),
            flag: language.t("comments-flag"),
            flag_after: language.t("comments-flag-after"),
        }
    }
}

impl Section {
    fn name_of(&self, c: &CommentView) -> String {
        c.author.as_ref().map_or_else(
            || self.chrome.language.t("comments-someone"),
            |a| a.name.clone(),
        )
    }
}

/// The comments section of a subject's page, as loaded with the rest of
/// the page: the page of threads `comments_page` asked for (the first when
/// it is missing or not a page number).
pub struct Listed {
    threads: Vec<ThreadView>,
    total: i64,
    paging: Paging,
    open: bool,
}

/// Loads the section, with the rest of its subject's page.
pub fn section_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: Option<&User>,
    comments_page: Option<String>,
) -> Result<Listed> {
    let state = service::subject_state(conn, tenant, subject, viewer)?;
    let mut names = Names::new(tenant, viewer);
    section_data_in(
        conn,
        tenant,
        subject,
        state,
        &mut names,
        viewer,
        comments_page,
    )
}

/// The same, for a page that has already found the subject visible and
/// knows its state (a proposal's page, from [`service::proposal_state`]).
pub fn section_data_in(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    state: service::SubjectState,
    names: &mut Names<'_>,
    viewer: Option<&User>,
    comments_page: Option<String>,
) -> Result<Listed> {
    let paging = Paging::parse(&PageQuery {
        page: comments_page,
        per_page: None,
    })
    .unwrap_or(Paging {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
    });
    let (threads, total) = service::threads_named(conn, tenant, subject, viewer, names, paging)?;
    Ok(Listed {
        threads,
        total,
        paging,
        open: state.open,
    })
}

/// The section, from what `section_data` loaded.
pub fn render_section(page: &Page, subject: &Subject, listed: Listed) -> Result<String> {
    // The subject's room gives its reason in English; the page says it in
    // the reader's language.
    let closed_note = match subject {
        Subject::Proposal(_) => page.language.t("comments-closed-proposal"),
        Subject::Board(_) => page.language.t("comments-closed-board"),
    };
    let section = Section {
        chrome: page.chrome(),
        action: format!("{}/comments", subject.path()),
        here: subject.path(),
        threads: listed.threads,
        total: listed.total,
        links: PageLinks::new(listed.paging, listed.total),
        signed_in: page.user().is_some(),
        can_comment: listed.open && page.user().is_some_and(|u| u.email_verified()),
        open: listed.open,
        closed_note,
        body_max: BODY_MAX,
        words: CommentWords::in_language(page.language),
    };
    // About 1.5 KB a comment with its reply form: sized once rather than
    // grown (and copied) a dozen times.
    let comments: usize = section.threads.iter().map(|t| 1 + t.replies.len()).sum();
    let mut html = String::with_capacity(2048 + 1536 * comments);
    section
        .render_into(&mut html)
        .map_err(|e| Error::Internal(format!("template failed: {e}")))?;
    Ok(html)
}

/// A comment form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: String,
    /// The "format with Markdown" box.
    #[serde(default)]
    markdown: Option<String>,
}

impl CommentForm {
    fn format(&self) -> Option<String> {
        Some(
            if self.markdown.is_some() {
                "markdown"
            } else {
                "plain"
            }
            .to_owned(),
        )
    }
}

#[derive(Template)]
#[template(path = "comments/new.html")]
struct NewPage {
    chrome: Chrome,
    title: String,
    back: String,
    action: String,
    /// The comment answered.
    parent: Option<CommentView>,
    values: CommentForm,
    errors: FormErrors,
    body_max: usize,
}

#[derive(Deserialize)]
struct ParentQuery {
    parent_id: Option<String>,
}

async fn new_page(
    state: &AppState,
    signed_in: &SignedIn,
    subject: Subject,
    values: CommentForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let tenant = signed_in.user.tenant_id.clone();
    let me = signed_in.user.clone();
    let parent_raw = values.parent_id.clone();
    let for_load = subject.clone();
    let (title, parent) = state
        .db(move |conn| {
            let s = service::subject_state(conn, &tenant, &for_load, Some(&me))?;
            let parent = match parent_raw.trim().parse::<CommentId>() {
                Ok(id) => service::view_one(conn, &tenant, &id, Some(&me)).ok(),
                Err(_) => None,
            };
            Ok((s.title, parent))
        })
        .await?;
    let page = NewPage {
        chrome: signed_in.page.chrome(),
        title,
        back: subject.path(),
        action: format!("{}/comments", subject.path()),
        parent,
        values,
        errors,
        body_max: BODY_MAX,
    };
    render::form_page(&page, &page.errors)
}

async fn new_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    query: web::Query<ParentQuery>,
) -> Result<HttpResponse> {
    new_form_on(state, signed_in, proposal(&path)?, query).await
}

async fn new_form_on_board(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    query: web::Query<ParentQuery>,
) -> Result<HttpResponse> {
    new_form_on(state, signed_in, board(&path)?, query).await
}

async fn new_form_on(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    subject: Subject,
    query: web::Query<ParentQuery>,
) -> Result<HttpResponse> {
    let values = CommentForm {
        parent_id: query.parent_id.clone().unwrap_or_default(),
        ..Default::default()
    };
    new_page(&state, &signed_in, subject, values, FormErrors::default()).await
}

/// Where a comment is: its subject's page, on its thread's page.
fn location(subject: &Subject, page: i64, id: &CommentId) -> String {
    if page > 1 {
        format!("{}?comments_page={page}#comment-{id}", subject.path())
    } else {
        format!("{}#comment-{id}", subject.path())
    }
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<CommentForm>,
) -> Result<HttpResponse> {
    create_on(state, signed_in, proposal(&path)?, submitted).await
}

async fn create_on_board(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<CommentForm>,
) -> Result<HttpResponse> {
    create_on(state, signed_in, board(&path)?, submitted).await
}

async fn create_on(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    subject: Subject,
    submitted: ProtectedForm<CommentForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let new = NewComment {
        body: form.body.clone(),
        parent_id: Some(form.parent_id.clone()),
        format: form.format(),
    };
    let me = signed_in.user.clone();
    let for_create = subject.clone();
    let mailing = crate::notifications::Mailing::of(&state);
    match state
        .db(move |conn| {
            let c = service::create(conn, &mailing, &me.tenant_id, &me, &for_create, &new)?;
            let page = service::page_of(conn, &me.tenant_id, &c)?;
            Ok((c.id, page))
        })
        .await
    {
        Ok((id, page)) => Ok(see_other(&location(&subject, page, &id))),
        Err(Error::Validation(fields)) => {
            new_page(
                &state,
                &signed_in,
                subject,
                form,
                FormErrors::from_error(Error::Validation(fields))?,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "comments/edit.html")]
struct EditPage {
    chrome: Chrome,
    id: String,
    title: String,
    back: String,
    values: CommentForm,
    errors: FormErrors,
    body_max: usize,
    minutes: i64,
}

async fn edit_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: CommentId,
    values: Option<CommentForm>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let (c, s) = state
        .db(move |conn| {
            let c = service::own(conn, &me.tenant_id, &me, &for_load)?;
            if !c.editable_at(chrono::Utc::now().naive_utc()) {
                return Err(Error::conflict(
                    "edit_window_closed",
                    Words::of1(
                        "comments-error-edit-window-closed",
                        "minutes",
                        super::model::EDIT_WINDOW_MINUTES,
                    ),
                ));
            }
            let s = service::subject_state(conn, &me.tenant_id, &c.subject()?, Some(&me))?;
            Ok((c, s))
        })
        .await?;
    let subject = c.subject()?;
    let values = values.unwrap_or_else(|| CommentForm {
        markdown: (c.format() == super::model::Format::Markdown).then(|| "on".into()),
        body: c.body.clone(),
        parent_id: String::new(),
    });
    let page = EditPage {
        chrome: signed_in.page.chrome(),
        id: id.to_string(),
        title: s.title,
        back: location(&subject, 1, &id),
        values,
        errors,
        body_max: BODY_MAX,
        minutes: super::model::EDIT_WINDOW_MINUTES,
    };
    render::form_page(&page, &page.errors)
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    edit_page(&state, &signed_in, id, None, FormErrors::default()).await
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<CommentForm>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    let form = submitted.form;
    let changes = CommentChanges {
        body: form.body.clone(),
        format: form.format(),
    };
    let me = signed_in.user.clone();
    let for_edit = id.clone();
    match state
        .db(move |conn| {
            let c = service::edit(conn, &me.tenant_id, &me, &for_edit, &changes)?;
            let page = service::page_of(conn, &me.tenant_id, &c)?;
            Ok((c.subject()?, page))
        })
        .await
    {
        Ok((subject, page)) => Ok(see_other(&location(&subject, page, &id))),
        Err(Error::Validation(fields)) => {
            edit_page(
                &state,
                &signed_in,
                id,
                Some(form),
                FormErrors::from_error(Error::Validation(fields))?,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "comments/delete.html")]
struct DeletePage {
    chrome: Chrome,
    id: String,
    title: String,
    back: String,
    comment: CommentView,
}

async fn delete_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let (c, s, comment) = state
        .db(move |conn| {
            let c = service::own(conn, &me.tenant_id, &me, &for_load)?;
            let s = service::subject_state(conn, &me.tenant_id, &c.subject()?, Some(&me))?;
            let view = service::view_one(conn, &me.tenant_id, &for_load, Some(&me))?;
            Ok((c, s, view))
        })
        .await?;
    render::page(&DeletePage {
        chrome: signed_in.page.chrome(),
        id: id.to_string(),
        title: s.title,
        back: location(&c.subject()?, 1, &id),
        comment,
    })
}

#[derive(Deserialize)]
struct Empty {}

async fn delete(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = comment_id(&path)?;
    let me = signed_in.user.clone();
    let (subject, _) = state
        .db(move |conn| service::delete(conn, &me.tenant_id, &me, &id))
        .await?;
    Ok(see_other(&format!("{}#comments", subject.path())))
}
