//! Notification pages: the settings and what a person follows (under
//! their account), the Follow button a proposal's or board's page embeds, and the
//! unsubscribe pages that work without signing in.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::api::{board, proposal};
use super::links::{Mailing, Scope};
use super::model::{Delivery, FollowView, SettingsChanges, Subject};
use super::service::{self, UnsubscribeOffer};
use crate::accounts::User;
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/account/notifications")
            .get(settings_page)
            .post(save_settings),
    )
    .service(web::resource("/proposals/{id}/follow").post(follow))
    .service(web::resource("/proposals/{id}/unfollow").post(unfollow))
    .service(web::resource("/boards/{id}/follow").post(follow_board))
    .service(web::resource("/boards/{id}/unfollow").post(unfollow_board))
    .service(
        web::resource("/unsubscribe")
            .get(unsubscribe_page)
            .post(unsubscribe),
    );
}

fn render_html(t: &impl Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Internal(format!("template failed: {e}")))
}

// ------------------------------------------------------- follow button

#[derive(Template)]
#[template(path = "notifications/follow.html")]
struct FollowSection {
    chrome: Chrome,
    path: String,
    signed_in: bool,
    following: bool,
    /// A board (else a proposal).
    board: bool,
}

/// Whether `viewer` follows `subject`: what the Follow button of the
/// subject's page needs, loaded with the page's other data.
pub fn is_following(conn: &mut DbConn, viewer: Option<&User>, subject: &Subject) -> Result<bool> {
    match viewer {
        Some(me) => service::is_following(conn, &me.tenant_id, &me.id, subject),
        None => Ok(false),
    }
}

/// The Follow / Stop following button of a subject's page.
pub fn render_follow_section(page: &Page, subject: &Subject, following: bool) -> Result<String> {
    render_html(&FollowSection {
        chrome: page.chrome(),
        path: subject.path(),
        signed_in: page.user().is_some(),
        following,
        board: matches!(subject, Subject::Board(_)),
    })
}

/// Where a follow form came from: a page of this site.
#[derive(Deserialize)]
struct BackForm {
    #[serde(default)]
    back: Option<String>,
}

async fn set_following(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    subject: Subject,
    submitted: ProtectedForm<BackForm>,
    on: bool,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let for_set = subject.clone();
    state
        .db(move |conn| service::set_following(conn, &me.tenant_id, &me, &for_set, on))
        .await?;
    let back = match submitted.form.back.as_deref() {
        Some(b) if !b.is_empty() => render::safe_next(Some(b)),
        _ => format!("{}#follow", subject.path()),
    };
    Ok(see_other(&back))
}

async fn follow(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<BackForm>,
) -> Result<HttpResponse> {
    set_following(state, signed_in, proposal(&path)?, submitted, true).await
}

async fn unfollow(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<BackForm>,
) -> Result<HttpResponse> {
    set_following(state, signed_in, proposal(&path)?, submitted, false).await
}

async fn follow_board(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<BackForm>,
) -> Result<HttpResponse> {
    set_following(state, signed_in, board(&path)?, submitted, true).await
}

async fn unfollow_board(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<BackForm>,
) -> Result<HttpResponse> {
    set_following(state, signed_in, board(&path)?, submitted, false).await
}

// ------------------------------------------------------------- settings

struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "notifications/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    notice: Option<String>,
    errors: FormErrors,
    choices: Vec<Choice>,
    chosen: String,
    digest_hour: Option<u32>,
    pending: i64,
    follows: Vec<FollowView>,
    total: i64,
    links: PageLinks,
}

impl SettingsPage {
    fn reason_label(&self, f: &FollowView) -> String {
        f.reason.label_in(self.chrome.language)
    }
}

#[derive(Deserialize)]
struct SettingsQuery {
    page: Option<String>,
    done: Option<String>,
}

async fn settings_view(
    state: &AppState,
    signed_in: &SignedIn,
    page: Option<String>,
    chosen: Option<String>,
    notice: Option<String>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&PageQuery {
        page,
        per_page: None,
    })?;
    let me = signed_in.user.clone();
    let hour = state.settings.digest_hour;
    let (view, (follows, total)) = state
        .db(move |conn| {
            Ok((
                service::settings(conn, &me.tenant_id, &me.id, hour)?,
                service::follows_of(conn, &me.tenant_id, &me, paging)?,
            ))
        })
        .await?;
    let page = SettingsPage {
        chrome: signed_in.page.chrome(),
        notice,
        errors,
        choices: Delivery::ALL
            .into_iter()
            .map(|d| Choice {
                value: d.as_str(),
                label: d.label_in(signed_in.page.language),
            })
            .collect(),
        chosen: chosen.unwrap_or_else(|| view.delivery.as_str().to_owned()),
        digest_hour: view.digest_hour,
        pending: view.pending,
        follows,
        total,
        links: PageLinks::new(paging, total),
    };
    render::form_page(&page, &page.errors)
}

async fn settings_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<SettingsQuery>,
) -> Result<HttpResponse> {
    let query = query.into_inner();
    let notice = match query.done.as_deref() {
        Some("saved") => Some(signed_in.page.language.t("notifications-notice-saved")),
        _ => None,
    };
    settings_view(
        &state,
        &signed_in,
        query.page,
        None,
        notice,
        FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    delivery: String,
}

async fn save_settings(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<SettingsForm>,
) -> Result<HttpResponse> {
    let chosen = submitted.form.delivery;
    let me = signed_in.user.clone();
    let changes = SettingsChanges {
        delivery: chosen.clone(),
    };
    match state
        .db(move |conn| service::change_settings(conn, &me.tenant_id, &me.id, &changes))
        .await
    {
        Ok(_) => Ok(see_other("/account/notifications?done=saved")),
        Err(Error::Validation(fields)) => {
            settings_view(
                &state,
                &signed_in,
                None,
                Some(chosen),
                None,
                FormErrors::from_error(Error::Validation(fields))?,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

// ----------------------------------------------------------- unsubscribe

#[derive(Template)]
#[template(path = "notifications/unsubscribe.html")]
struct UnsubscribePage {
    chrome: Chrome,
    token: String,
    /// The proposal the link is about (absent for "all" links).
    subject: Option<String>,
    /// Its title, when the person may still see it.
    title: Option<String>,
    following: bool,
    delivery_off: bool,
    /// What the POST did: `subject` or `all`.
    done: Option<&'static str>,
}

fn unsubscribe_page_of(
    page: &Page,
    token: String,
    offer: UnsubscribeOffer,
    done: Option<&'static str>,
) -> UnsubscribePage {
    let subject = match &offer.what.scope {
        Scope::Subject(s) => Some(s.path()),
        Scope::All => None,
    };
    UnsubscribePage {
        chrome: page.chrome(),
        token,
        subject,
        title: offer.title,
        following: offer.following,
        delivery_off: offer.delivery == Delivery::Off,
        done,
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// The confirmation page of an unsubscribe link: nothing changes until
/// its button is pressed (a link scanner following the link stops
/// nothing).
async fn unsubscribe_page(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse> {
    let token = query.into_inner().token;
    let mailing = Mailing::of(&state);
    let tenant = page.tenant.id.clone();
    let for_offer = token.clone();
    let offer = state
        .db(move |conn| service::offer(conn, &mailing, &tenant, &for_offer))
        .await?;
    render::page(&unsubscribe_page_of(&page, token, offer, None))
}

/// What the confirmation page's buttons send; a mail client's one-click
/// unsubscribe (RFC 8058) sends `List-Unsubscribe=One-Click` and no
/// choice, and stops what the link names.
#[derive(Deserialize)]
struct UnsubscribeForm {
    #[serde(default)]
    stop: Option<String>,
}

/// Unsubscribes. No sign-in and no CSRF token: the signed token in the
/// address is the proof, it can only turn emails off, and mail clients'
/// one-click requests carry nothing else.
async fn unsubscribe(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<TokenQuery>,
    form: web::Form<UnsubscribeForm>,
) -> Result<HttpResponse> {
    let token = query.into_inner().token;
    let everything = match form.into_inner().stop.as_deref() {
        Some("all") => true,
        None | Some("") | Some("subject") => false,
        Some(_) => {
            return Err(Error::bad_request(
                "bad_choice",
                Words::of("notifications-error-bad-choice"),
            ))
        }
    };
    let mailing = Mailing::of(&state);
    let tenant = page.tenant.id.clone();
    let for_change = token.clone();
    let offer = state
        .db(move |conn| service::unsubscribe(conn, &mailing, &tenant, &for_change, everything))
        .await?;
    let done = match (&offer.what.scope, everything) {
        (Scope::Subject(_), false) => "subject",
        _ => "all",
    };
    render::page(&unsubscribe_page_of(&page, token, offer, Some(done)))
}
