//! Moderation pages: the flag form, the moderators' queue at
//! `/moderation`, an item's page (its text, open flags and history, with
//! the moderators' actions and the author's request for a review), and the
//! notice a moderated item's own page shows.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{Action, Item, ItemSummary, ItemView, NewFlag, QueuePage, Reason};
use super::service;
use crate::accounts::authz::{self, Permission};
use crate::accounts::Role;
use crate::error::{Error, Result};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::state::AppState;

/// An item's kind (`proposal`, `comment`) as a noun in `lang`.
fn kind_noun(kind: &str, lang: Language) -> String {
    match kind {
        "proposal" => lang.t("moderation-noun-proposal"),
        "comment" => lang.t("moderation-noun-comment"),
        other => other.to_owned(),
    }
}

/// A flag's reason as stored, in `lang` ("Other" for one we do not know).
fn reason_words(raw: &str, lang: Language) -> String {
    Reason::parse(raw).map_or_else(|| lang.t("moderation-reason-unknown"), |r| r.label_in(lang))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/flag/{kind}/{id}").get(flag_form).post(flag))
        .service(web::resource("/moderation").get(queue))
        .service(web::resource("/moderation/{kind}/{id}").get(item))
        .service(web::resource("/moderation/{kind}/{id}/{action}").post(act));
}

/// What a moderated item's own page says: to its authors while it is
/// hidden, the reason and where to ask for a review; to moderators, a link
/// to its moderation page; to others signed in, a way to flag it.
#[derive(Template)]
#[template(path = "moderation/banner.html")]
struct Banner {
    chrome: Chrome,
    item_path: String,
    flag_path: String,
    noun: String,
    hidden_reason: Option<String>,
    moderator: bool,
    author: bool,
    signed_in: bool,
}

/// The banner for an item's page (`authors` are the people who wrote it).
pub fn render_banner(
    page: &Page,
    item: &Item,
    authors: &[crate::db::ids::UserId],
    hidden_reason: Option<String>,
) -> Result<String> {
    let viewer = page.user();
    let banner = Banner {
        chrome: page.chrome(),
        item_path: item.path(),
        flag_path: format!("/flag/{}/{}", item.kind(), item.id()),
        noun: kind_noun(item.kind(), page.language),
        hidden_reason,
        moderator: viewer.is_some_and(|v| v.role() >= Role::Moderator),
        author: viewer.is_some_and(|v| authors.contains(&v.id)),
        signed_in: viewer.is_some(),
    };
    banner
        .render()
        .map_err(|e| Error::Internal(format!("template failed: {e}")))
}

/// The flag form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct FlagForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

#[derive(Template)]
#[template(path = "moderation/flag.html")]
struct FlagPage {
    chrome: Chrome,
    summary: ItemSummary,
    noun: String,
    action: String,
    reasons: [Reason; 5],
    values: FlagForm,
    errors: FormErrors,
    done: bool,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn flag_page(
    state: &AppState,
    signed_in: &SignedIn,
    item: Item,
    values: FlagForm,
    errors: FormErrors,
    done: bool,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_load = item.clone();
    let summary = state
        .db(move |conn| {
            if done {
                service::facts(conn, &me.tenant_id, &for_load).map(|f| f.summary)
            } else {
                service::flaggable(conn, &me.tenant_id, &me, &for_load)
            }
        })
        .await?;
    let page = FlagPage {
        chrome: signed_in.page.chrome(),
        summary,
        noun: kind_noun(item.kind(), signed_in.page.language),
        action: format!("/flag/{}/{}", item.kind(), item.id()),
        reasons: Reason::ALL,
        values,
        errors,
        done,
    };
    render::form_page(&page, &page.errors)
}

async fn flag_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let item = Item::parse(&path.0, &path.1)?;
    let done = query.done.is_some();
    flag_page(
        &state,
        &signed_in,
        item,
        FlagForm::default(),
        FormErrors::default(),
        done,
    )
    .await
}

async fn flag(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    submitted: ProtectedForm<FlagForm>,
) -> Result<HttpResponse> {
    let item = Item::parse(&path.0, &path.1)?;
    let form = submitted.form;
    let new = NewFlag {
        reason: form.reason.clone(),
        note: Some(form.note.clone()),
    };
    let me = signed_in.user.clone();
    let for_flag = item.clone();
    match state
        .db(move |conn| service::flag(conn, &me.tenant_id, &me, &for_flag, &new))
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/flag/{}/{}?done=1",
            item.kind(),
            item.id()
        ))),
        Err(Error::Validation(fields)) => {
            let errors = FormErrors::from_error(Error::Validation(fields))?;
            flag_page(&state, &signed_in, item, form, errors, false).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueueHtml {
    chrome: Chrome,
    queue: QueuePage,
    links: PageLinks,
}

impl QueueHtml {
    fn reason_label(&self, raw: &str) -> String {
        reason_words(raw, self.chrome.language)
    }

    fn kind_word(&self, kind: &str) -> String {
        kind_noun(kind, self.chrome.language)
    }
}

#[derive(Deserialize)]
struct QueueQuery {
    page: Option<String>,
}

async fn queue(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::Moderate)?;
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: None,
    })?;
    let me = signed_in.user.clone();
    let queue = state
        .db(move |conn| service::queue(conn, &me.tenant_id, &me, paging))
        .await?;
    render::page(&QueueHtml {
        chrome: signed_in.page.chrome(),
        links: PageLinks::new(paging, queue.total),
        queue,
    })
}

#[derive(Template)]
#[template(path = "moderation/item.html")]
struct ItemPage {
    chrome: Chrome,
    v: ItemView,
    noun: String,
    action_base: String,
    notice: Option<String>,
    errors: FormErrors,
    /// What was typed in the form that failed, and which form.
    typed: String,
    failed: String,
}

impl ItemPage {
    fn action_label(&self, action: &str) -> String {
        let lang = self.chrome.language;
        match action {
            "hidden" => lang.t("moderation-action-hidden"),
            "restored" => lang.t("moderation-action-restored"),
            "dismissed" => lang.t("moderation-action-dismissed"),
            "review_requested" => lang.t("moderation-action-review-requested"),
            _ => lang.t("moderation-action-changed"),
        }
    }

    fn reason_label(&self, r: &Reason) -> String {
        r.label_in(self.chrome.language)
    }

    fn typed_for(&self, form: &str) -> &str {
        if self.failed == form {
            &self.typed
        } else {
            ""
        }
    }
}

async fn item_page(
    state: &AppState,
    signed_in: &SignedIn,
    item: Item,
    notice: Option<String>,
    failed: Option<(String, String, FormErrors)>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_load = item.clone();
    let v = state
        .db(move |conn| service::item_view(conn, &me.tenant_id, &me, &for_load))
        .await?;
    let (failed, typed, errors) = failed.unwrap_or_default();
    let page = ItemPage {
        chrome: signed_in.page.chrome(),
        v,
        noun: kind_noun(item.kind(), signed_in.page.language),
        action_base: item.path(),
        notice,
        errors,
        typed,
        failed,
    };
    render::form_page(&page, &page.errors)
}

async fn item(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let item = Item::parse(&path.0, &path.1)?;
    let lang = signed_in.page.language;
    let notice = match query.done.as_deref() {
        Some("hide") => Some(lang.t("moderation-notice-hidden")),
        Some("restore") => Some(lang.t("moderation-notice-restored")),
        Some("dismiss") => Some(lang.t("moderation-notice-dismissed")),
        Some("review-request") => Some(lang.t("moderation-notice-review-requested")),
        _ => None,
    };
    item_page(&state, &signed_in, item, notice, None).await
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(default)]
    reason: String,
}

async fn act(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<(String, String, String)>,
    submitted: ProtectedForm<ActionForm>,
) -> Result<HttpResponse> {
    let item = Item::parse(&path.0, &path.1)?;
    let action = Action::parse(&path.2).ok_or(Error::NotFound)?;
    let reason = submitted.form.reason.clone();
    let me = signed_in.user.clone();
    let tenant = signed_in.page.tenant.0.clone();
    let (for_act, typed) = (item.clone(), reason.clone());
    let outcome = state
        .db(move |conn| service::act(conn, &tenant, &me, &for_act, action, Some(&typed)))
        .await;
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "{}?done={}",
            item.path(),
            action.as_str()
        ))),
        Err(Error::Validation(fields)) => {
            // Errors point at the box of the form that was sent.
            let fields = fields
                .into_iter()
                .map(|mut f| {
                    f.field = format!("{}-reason", action.as_str());
                    f
                })
                .collect();
            let errors = FormErrors::from_error(Error::Validation(fields))?;
            item_page(
                &state,
                &signed_in,
                item,
                None,
                Some((action.as_str().to_owned(), reason, errors)),
            )
            .await
        }
        Err(e) => Err(e),
    }
}
