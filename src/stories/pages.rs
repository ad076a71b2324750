//! Story pages: writing and changing a story, its de-identified version,
//! the consent screen (plain words, nothing pre-ticked, one purpose at a
//! time), withdrawing (one grant, or everything), erasing, "Who used my
//! stories", reading a story shared with you (logged), the public page,
//! excerpts for reports, consent requests, and the consent notice.
//! Every page works without JavaScript.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::api::story_id;
use super::model::*;
use super::service::{self, ReadRequest};
use crate::db::ids::{ConsentId, ConsentRequestId};
use crate::error::{Error, FieldError, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::pagination::{PageLinks, PageQuery, Paging};
use crate::http::render::{self, see_other, Chrome, FormErrors, Said};
use crate::i18n::Language;
use crate::places::Area;
use crate::receipts::model::ReceiptEvent;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/stories").get(index))
        .service(web::resource("/stories/new").get(new_form).post(create))
        .service(web::resource("/stories/consents").get(consents_page))
        .service(
            web::resource("/stories/consents/withdraw-all")
                .get(withdraw_all_form)
                .post(withdraw_all),
        )
        .service(web::resource("/stories/consents/{id}/withdraw").post(withdraw))
        .service(web::resource("/stories/consents/{id}/renew").post(renew))
        .service(web::resource("/stories/uses").get(uses_page))
        .service(web::resource("/stories/requests").get(requests_page))
        .service(web::resource("/stories/requests/{id}/decision").post(decide))
        .service(web::resource("/stories/notice/{version}").get(notice_page))
        .service(web::resource("/stories/{id}").get(show))
        .service(web::resource("/stories/{id}/download").get(download))
        .service(web::resource("/stories/{id}/public").get(public_page))
        .service(
            web::resource("/stories/{id}/edit")
                .get(edit_form)
                .post(edit),
        )
        .service(
            web::resource("/stories/{id}/deidentified")
                .get(deidentified_form)
                .post(deidentified),
        )
        .service(
            web::resource("/stories/{id}/consent")
                .get(consent_form)
                .post(consent),
        )
        .service(
            web::resource("/stories/{id}/erase")
                .get(erase_form)
                .post(erase),
        )
        .service(
            web::resource("/stories/{id}/excerpt")
                .get(excerpt_form)
                .post(excerpt),
        )
        .service(
            web::resource("/stories/{id}/request")
                .get(request_form)
                .post(request),
        );
}

#[derive(Deserialize)]
struct Empty {}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
    /// The consent receipt the change just issued, to offer for download.
    receipt: Option<String>,
}

impl Done {
    fn receipt(&self) -> Option<String> {
        let raw = self.receipt.as_deref()?;
        uuid::Uuid::parse_str(raw).ok().map(|u| u.to_string())
    }
}

/// `&receipt=<id>` for a redirect after a change that issued one.
fn receipt_query(id: Option<&str>) -> String {
    id.map(|r| format!("&receipt={r}")).unwrap_or_default()
}

fn notice_for(lang: Language, done: Option<&str>) -> Option<String> {
    Some(match done? {
        "created" => lang.t("story-done-created"),
        "saved" => lang.t("story-done-saved"),
        "deidentified" => lang.t("story-done-deidentified"),
        "given" => lang.t("story-done-given"),
        "withdrawn" => lang.t("story-done-withdrawn"),
        "all_withdrawn" => lang.t("story-done-all-withdrawn"),
        "renewed" => lang.t("story-done-renewed"),
        "erased" => lang.t("story-done-erased"),
        "decided" => lang.t("story-done-decided"),
        "requested" => lang.t("story-done-requested"),
        _ => return None,
    })
}

/// What a change of consent needs: the place, the key store, the address.
fn context(state: &AppState, page: &Page) -> service::Context {
    service::Context {
        tenant: (*page.tenant).clone(),
        keys: state.keys.clone(),
        base_url: page.origin.base_url.clone(),
    }
}

/// A page holding a story's text must not be kept by browsers or proxies.
fn no_store(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    response
}

fn months_options() -> Vec<u32> {
    (1..=MAX_MONTHS).collect()
}

/// The author's name as a reader sees it: "Anonymous" is said in the
/// reader's language.
pub(super) fn author_name(lang: Language, author: &str, anonymous: bool) -> String {
    if anonymous {
        lang.t("story-anonymous")
    } else {
        author.to_owned()
    }
}

/// Purposes in words, for lists ("Research, Training staff").
fn purpose_list(lang: Language, purposes: &[Purpose]) -> String {
    purposes
        .iter()
        .map(|p| p.title_in(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---- The list ----

#[derive(Template)]
#[template(path = "stories/index.html")]
struct IndexPage {
    chrome: Chrome,
    notice: Option<String>,
    mine: Vec<StorySummary>,
    shared: Vec<StorySummary>,
    total: i64,
    links: PageLinks,
}

impl IndexPage {
    fn purposes(&self, s: &StorySummary) -> String {
        purpose_list(self.chrome.language, &s.purposes)
    }

    /// A story shared anonymously is listed under "Anonymous", the word
    /// the service names its author with.
    fn author(&self, s: &StorySummary) -> String {
        author_name(self.chrome.language, &s.author, s.author == "Anonymous")
    }
}

#[derive(Deserialize)]
struct IndexQuery {
    done: Option<String>,
    page: Option<String>,
}

async fn index(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<IndexQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&PageQuery {
        page: query.page.clone(),
        per_page: None,
    })?;
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let (items, total) = state
        .db(move |conn| service::list(conn, &keys, &me.tenant_id, &me, paging))
        .await?;
    let (mine, shared) = items.into_iter().partition(|s| s.yours);
    render::page(&IndexPage {
        chrome: signed_in.page.chrome(),
        notice: notice_for(signed_in.page.language, query.done.as_deref()),
        mine,
        shared,
        total,
        links: PageLinks::new(paging, total),
    })
}

// ---- Writing and changing ----

#[derive(Debug, Clone, Default, Deserialize)]
struct StoryForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    area_id: String,
    #[serde(default)]
    board_id: String,
    #[serde(default)]
    special_category: Option<String>,
}

#[derive(Template)]
#[template(path = "stories/form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    back: String,
    is_new: bool,
    values: StoryForm,
    areas: Vec<Area>,
    /// Boards the author is on (id, title).
    boards: Vec<(String, String)>,
    errors: FormErrors,
    title_max: usize,
    body_max: usize,
}

async fn form_page(
    state: &AppState,
    signed_in: &SignedIn,
    is_new: bool,
    action: String,
    values: StoryForm,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let tenant = signed_in.user.tenant_id.clone();
    let me = signed_in.user.id.clone();
    let current = given(Some(&values.board_id)).map(str::to_owned);
    let (areas, boards) = state
        .db(move |conn| {
            let areas = crate::places::service::all(conn, &tenant)?;
            let boards = service::board_choices(conn, &tenant, &me, current.as_deref())?;
            Ok((areas, boards))
        })
        .await?;
    let page = FormPage {
        chrome: signed_in.page.chrome(),
        heading: if is_new {
            signed_in.page.language.t("story-form-new")
        } else {
            signed_in.page.language.t("story-change")
        },
        back: if is_new {
            "/stories".into()
        } else {
            action.trim_end_matches("/edit").to_owned()
        },
        action,
        is_new,
        values,
        areas,
        boards,
        errors,
        title_max: TITLE_MAX,
        body_max: BODY_MAX,
    };
    render::form_page(&page, &page.errors).map(no_store)
}

async fn new_form(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    form_page(
        &state,
        &signed_in,
        true,
        "/stories/new".into(),
        StoryForm::default(),
        FormErrors::default(),
    )
    .await
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<StoryForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let new = NewStory {
        title: form.title.clone(),
        body: form.body.clone(),
        area_id: Some(form.area_id.clone()),
        board_id: Some(form.board_id.clone()),
        special_category: Some(form.special_category.is_some()),
    };
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    match state
        .db(move |conn| service::create(conn, &keys, &me.tenant_id, &me, &new))
        .await
    {
        Ok(story) => Ok(see_other(&format!("/stories/{}?done=created", story.id))),
        Err(e @ Error::Validation(_)) => {
            let errors = FormErrors::from_error(e)?;
            form_page(
                &state,
                &signed_in,
                true,
                "/stories/new".into(),
                form,
                errors,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let view = state
        .db(move |conn| service::author_view(conn, &keys, &me.tenant_id, &me, &id))
        .await?;
    let values = StoryForm {
        title: view.title,
        body: view.body,
        area_id: view.area_id.unwrap_or_default(),
        board_id: view.board_id.unwrap_or_default(),
        special_category: view.special_category.then(|| "on".into()),
    };
    form_page(
        &state,
        &signed_in,
        false,
        format!("/stories/{}/edit", view.id),
        values,
        FormErrors::default(),
    )
    .await
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<StoryForm>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let form = submitted.form;
    let changes = StoryChanges {
        title: Some(form.title.clone()),
        body: Some(form.body.clone()),
        area_id: Some(form.area_id.clone()),
        board_id: Some(form.board_id.clone()),
        special_category: Some(form.special_category.is_some()),
    };
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    let for_edit = id.clone();
    match state
        .db(move |conn| service::edit(conn, &cx.ctx(), &me, &for_edit, &changes))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/stories/{id}?done=saved"))),
        Err(e @ Error::Validation(_)) => {
            let errors = FormErrors::from_error(e)?;
            form_page(
                &state,
                &signed_in,
                false,
                format!("/stories/{id}/edit"),
                form,
                errors,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

// ---- A story: its author's page, or a reader's ----

/// A live grant as the author's page lists it.
struct GrantLine {
    id: String,
    purpose: String,
    audience: String,
    attribution: String,
    until: String,
    status: String,
    live: bool,
}

fn audience_label(lang: Language, raw: &str, orgs: &HashMap<String, String>) -> String {
    match Audience::parse(raw) {
        Some(Audience::Tenant) => lang.t("story-audience-tenant"),
        Some(Audience::Public) => lang.t("story-audience-public"),
        Some(Audience::Organisation(id)) => match orgs.get(id.as_str()) {
            Some(name) => lang.t1("story-audience-organisation", "name", name),
            None => lang.t("story-audience-some-organisation"),
        },
        Some(Audience::Board(_)) => lang.t("story-audience-board"),
        None => raw.to_owned(),
    }
}

fn grant_lines(
    lang: Language,
    grants: &[Consent],
    orgs: &HashMap<String, String>,
) -> Vec<GrantLine> {
    let at = Utc::now().naive_utc();
    grants
        .iter()
        .map(|g| {
            let v = ConsentView::of(g, at);
            GrantLine {
                id: v.id.clone(),
                purpose: v.purpose.title_in(lang),
                audience: audience_label(lang, &v.audience, orgs),
                attribution: v.attribution.describe_in(lang),
                until: lang.date(&v.expires_at),
                status: match v.status {
                    ConsentStatus::Given => lang.t("story-status-given"),
                    ConsentStatus::Withdrawn => lang.t("story-status-withdrawn"),
                    ConsentStatus::Expired => lang.t("story-status-ended"),
                    _ => String::new(),
                },
                live: v.status == ConsentStatus::Given,
            }
        })
        .collect()
}

fn organisation_names(
    conn: &mut crate::db::DbConn,
    tenant: &crate::db::ids::TenantId,
) -> Result<HashMap<String, String>> {
    let (orgs, _) = crate::organisations::service::list(
        conn,
        tenant,
        None,
        None,
        Paging {
            page: 1,
            per_page: 1000,
        },
    )?;
    Ok(orgs
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

#[derive(Template)]
#[template(path = "stories/show_author.html")]
struct AuthorPage {
    chrome: Chrome,
    notice: Option<String>,
    receipt: Option<String>,
    story: AuthorView,
    area: Option<String>,
    grants: Vec<GrantLine>,
}

#[derive(Template)]
#[template(path = "stories/show_reader.html")]
struct ReaderPage {
    chrome: Chrome,
    story: ReadView,
    /// The author's name as the grant allows, in the reader's language.
    author: String,
    area: Option<String>,
    purpose: String,
    audience: String,
    until: String,
    in_an_organisation: bool,
}

async fn show(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    query: web::Query<Done>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let (read, areas, orgs, grants, mine) = state
        .write(move |conn| {
            let read = service::read(
                conn,
                &keys,
                &me.tenant_id,
                &id,
                Some(&me),
                &ReadRequest::view(),
            )?;
            let grants = match &read {
                Read::Author(_) => service::consents_of(conn, &me.tenant_id, &me, &id)?,
                Read::Reader(_) => Vec::new(),
            };
            let areas = crate::places::service::all(conn, &me.tenant_id)?;
            let orgs = organisation_names(conn, &me.tenant_id)?;
            let mine =
                !crate::organisations::service::organisations_of(conn, &me.tenant_id, &me.id)?
                    .is_empty();
            Ok((read, areas, orgs, grants, mine))
        })
        .await?;
    let area_name = |id: &Option<String>| {
        id.as_ref().and_then(|id| {
            areas
                .iter()
                .find(|a| a.id.as_str() == id)
                .map(|a| a.name.clone())
        })
    };
    let lang = signed_in.page.language;
    let response = match read {
        Read::Author(story) => render::page(&AuthorPage {
            chrome: signed_in.page.chrome(),
            notice: notice_for(lang, query.done.as_deref()),
            receipt: query.receipt(),
            area: area_name(&story.area_id),
            grants: grant_lines(
                lang,
                &grants
                    .into_iter()
                    .filter(|g| g.status == "given")
                    .collect::<Vec<_>>(),
                &orgs,
            ),
            story: *story,
        }),
        Read::Reader(story) => render::page(&ReaderPage {
            chrome: signed_in.page.chrome(),
            author: author_name(
                lang,
                &story.author,
                story.attribution == Attribution::Anonymous,
            ),
            area: area_name(&story.area_id),
            purpose: story.purpose.title_in(lang),
            audience: audience_label(lang, &story.audience, &orgs),
            until: lang.date(&story.shared_until),
            in_an_organisation: mine,
            story: *story,
        }),
    }?;
    Ok(no_store(response))
}

async fn download(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let read = state
        .write(move |conn| {
            let request = ReadRequest {
                action: Action::Download,
                ..ReadRequest::view()
            };
            service::read(conn, &keys, &me.tenant_id, &id, Some(&me), &request)
        })
        .await?;
    let lang = signed_in.page.language;
    let text = match read {
        Read::Author(v) => format!("{}\n\n{}\n", v.title, v.body),
        Read::Reader(v) => format!(
            "{}\n\n{}\n\n{}\n",
            v.title,
            lang.t_args(
                "story-download-byline",
                &[
                    (
                        "author",
                        &author_name(lang, &v.author, v.attribution == Attribution::Anonymous),
                    ),
                    ("purpose", &v.purpose.title_in(lang)),
                    ("date", &lang.date(&v.shared_until)),
                ],
            ),
            v.body
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"story.txt\""))
        .insert_header(("Cache-Control", "no-store"))
        .body(text))
}

#[derive(Template)]
#[template(path = "stories/public.html")]
struct PublicPage {
    chrome: Chrome,
    story: ReadView,
}

impl PublicPage {
    fn author(&self) -> String {
        author_name(
            self.chrome.language,
            &self.story.author,
            self.story.attribution == Attribution::Anonymous,
        )
    }
}

async fn public_page(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let tenant = page.tenant.id.clone();
    let keys = state.keys.clone();
    let story = state
        .write(move |conn| service::read_public(conn, &keys, &tenant, &id))
        .await?;
    render::page(&PublicPage {
        chrome: page.chrome(),
        story,
    })
    .map(no_store)
}

// ---- The de-identified version ----

#[derive(Debug, Clone, Default, Deserialize)]
struct DeidForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    approved: Option<String>,
}

#[derive(Template)]
#[template(path = "stories/deidentified.html")]
struct DeidPage {
    chrome: Chrome,
    id: String,
    original_title: String,
    original_body: String,
    values: DeidForm,
    errors: FormErrors,
}

async fn deid_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: crate::db::ids::StoryId,
    values: Option<DeidForm>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let view = state
        .db(move |conn| service::author_view(conn, &keys, &me.tenant_id, &me, &id))
        .await?;
    let values = values.unwrap_or_else(|| match &view.deidentified {
        Some(d) => DeidForm {
            title: d.title.clone(),
            body: d.body.clone(),
            approved: None,
        },
        None => DeidForm {
            title: view.title.clone(),
            body: view.body.clone(),
            approved: None,
        },
    });
    let page = DeidPage {
        chrome: signed_in.page.chrome(),
        id: view.id,
        original_title: view.title,
        original_body: view.body,
        values,
        errors,
    };
    render::form_page(&page, &page.errors).map(no_store)
}

async fn deidentified_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    deid_page(&state, &signed_in, id, None, FormErrors::default()).await
}

async fn deidentified(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<DeidForm>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let form = submitted.form;
    let version = Deidentified {
        title: form.title.clone(),
        body: form.body.clone(),
        approved: form.approved.is_some(),
    };
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let for_save = id.clone();
    match state
        .db(move |conn| {
            service::set_deidentified(conn, &keys, &me.tenant_id, &me, &for_save, &version)
        })
        .await
    {
        Ok(_) => Ok(see_other(&format!("/stories/{id}?done=deidentified"))),
        Err(e @ Error::Validation(_)) => {
            let errors = FormErrors::from_error(e)?;
            deid_page(&state, &signed_in, id, Some(form), errors).await
        }
        Err(Error::Conflict { message, .. }) => {
            let errors = FormErrors::one("approved", "deidentified_in_use", message);
            deid_page(&state, &signed_in, id, Some(form), errors).await
        }
        Err(e) => Err(e),
    }
}

// ---- The consent screen ----

/// One purpose's part of the consent form, as typed.
#[derive(Debug, Clone)]
struct PurposeChoice {
    purpose: Purpose,
    give: bool,
    audience: String,
    attribution: String,
    months: String,
}

impl PurposeChoice {
    fn key(&self) -> &'static str {
        self.purpose.as_str()
    }

    fn months_is(&self, m: &u32) -> bool {
        self.months == m.to_string()
    }
}

/// An audience the form offers.
struct AudienceOption {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "stories/consent.html")]
struct ConsentPage {
    chrome: Chrome,
    id: String,
    title: String,
    special_category: bool,
    has_deidentified: bool,
    grants: Vec<GrantLine>,
    choices: Vec<PurposeChoice>,
    audiences: Vec<AudienceOption>,
    attributions: Vec<(&'static str, String)>,
    months: Vec<u32>,
    errors: FormErrors,
}

impl ConsentPage {
    fn error(&self, c: &PurposeChoice, field: &str) -> Option<Said> {
        self.errors
            .said(&format!("{}-{field}", c.key()), self.chrome.language)
    }
}

fn choices_from(form: &HashMap<String, String>) -> Vec<PurposeChoice> {
    Purpose::ALL
        .into_iter()
        .map(|p| {
            let get = |f: &str| {
                form.get(&format!("{}-{f}", p.as_str()))
                    .cloned()
                    .unwrap_or_default()
            };
            PurposeChoice {
                purpose: p,
                give: !get("give").is_empty(),
                audience: get("audience"),
                attribution: get("attribution"),
                months: {
                    let m = get("months");
                    if m.is_empty() {
                        DEFAULT_MONTHS.to_string()
                    } else {
                        m
                    }
                },
            }
        })
        .collect()
}

async fn consent_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: crate::db::ids::StoryId,
    choices: Vec<PurposeChoice>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let (view, grants, orgs, boards) = state
        .db(move |conn| {
            let view = service::author_view(conn, &keys, &me.tenant_id, &me, &id)?;
            let grants = service::consents_of(conn, &me.tenant_id, &me, &id)?;
            let orgs = organisation_names(conn, &me.tenant_id)?;
            let boards = service::board_choices(conn, &me.tenant_id, &me.id, None)?;
            Ok((view, grants, orgs, boards))
        })
        .await?;
    let lang = signed_in.page.language;
    let mut audiences = vec![
        AudienceOption {
            value: "tenant".into(),
            label: lang.t("story-audience-tenant"),
        },
        AudienceOption {
            value: "public".into(),
            label: lang.t("story-audience-public-page"),
        },
    ];
    // The boards the author is on (the story's own board first).
    let mut boards = boards;
    boards.sort_by_key(|(b, _)| view.board_id.as_deref() != Some(b.as_str()));
    for (id, title) in boards {
        audiences.push(AudienceOption {
            value: format!("board:{id}"),
            label: lang.t1("story-audience-named-board", "title", title),
        });
    }
    let mut named: Vec<(&String, &String)> = orgs.iter().collect();
    named.sort_by_key(|a| a.1.to_lowercase());
    for (id, name) in named {
        audiences.push(AudienceOption {
            value: format!("organisation:{id}"),
            label: lang.t1("story-audience-organisation", "name", name),
        });
    }
    let page = ConsentPage {
        chrome: signed_in.page.chrome(),
        id: view.id.clone(),
        title: view.title.clone(),
        special_category: view.special_category,
        has_deidentified: view.deidentified_approved,
        grants: grant_lines(
            lang,
            &grants
                .into_iter()
                .filter(|g| g.status == "given")
                .collect::<Vec<_>>(),
            &orgs,
        ),
        choices,
        audiences,
        attributions: Attribution::ALL
            .iter()
            .map(|a| (a.as_str(), a.choice_in(lang)))
            .collect(),
        months: months_options(),
        errors,
    };
    render::form_page(&page, &page.errors).map(no_store)
}

async fn consent_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let choices = choices_from(&HashMap::new());
    consent_page(&state, &signed_in, id, choices, FormErrors::default()).await
}

async fn consent(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<HashMap<String, String>>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let choices = choices_from(&submitted.form);
    let ticked: Vec<&PurposeChoice> = choices.iter().filter(|c| c.give).collect();
    if ticked.is_empty() {
        let errors = FormErrors::one(
            "board_learning-give",
            "required",
            Words::of("story-error-consent-none-ticked"),
        );
        return consent_page(&state, &signed_in, id, choices, errors).await;
    }
    let now = Utc::now().naive_utc();
    let mut month_errors = Vec::new();
    let inputs: Vec<GrantInput> = ticked
        .iter()
        .map(|c| {
            let months = c.months.trim().parse::<u32>().unwrap_or(0);
            if !(1..=MAX_MONTHS).contains(&months) {
                month_errors.push(FieldError::new(
                    &format!("{}-months", c.key()),
                    "too_long",
                    Words::of1("story-error-consent-months", "max", i64::from(MAX_MONTHS)),
                ));
            }
            GrantInput {
                purpose: c.key().into(),
                audience: c.audience.clone(),
                attribution: c.attribution.clone(),
                expires_at: Some(months_from(now, months.clamp(1, MAX_MONTHS))),
            }
        })
        .collect();
    if !month_errors.is_empty() {
        let errors = FormErrors::from_error(Error::Validation(month_errors))?;
        return consent_page(&state, &signed_in, id, choices, errors).await;
    }
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    let for_give = id.clone();
    match state
        .db(move |conn| service::give(conn, &cx.ctx(), &me, &for_give, &inputs))
        .await
    {
        Ok(a) => Ok(see_other(&format!(
            "/stories/{id}?done=given{}",
            receipt_query(a.receipt_id.as_deref())
        ))),
        Err(Error::Validation(fields)) => {
            // grants[i].field → the ticked purpose's field on this page.
            let mapped = fields
                .into_iter()
                .map(|e| {
                    let (index, field) = e
                        .field
                        .strip_prefix("grants[")
                        .and_then(|r| r.split_once("]."))
                        .map(|(i, f)| (i.parse::<usize>().unwrap_or(0), f.to_owned()))
                        .unwrap_or((0, e.field.clone()));
                    let key = ticked.get(index).map_or("board_learning", |c| c.key());
                    let field = match field.as_str() {
                        "expires_at" => "months",
                        "audience" => "audience",
                        "attribution" => "attribution",
                        _ => "give",
                    };
                    // Moved beside its row, keeping its words.
                    FieldError {
                        field: format!("{key}-{field}"),
                        ..e
                    }
                })
                .collect();
            let errors = FormErrors::from_error(Error::Validation(mapped))?;
            consent_page(&state, &signed_in, id, choices, errors).await
        }
        Err(e) => Err(e),
    }
}

// ---- Withdrawing, renewing, erasing ----

async fn withdraw(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id: ConsentId = path.parse().map_err(|_| Error::NotFound)?;
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    let answer = state
        .db(move |conn| service::withdraw(conn, &cx.ctx(), &me, &id))
        .await;
    match answer {
        Ok(a) => {
            let story = a
                .changed
                .first()
                .map(|c| c.story_id.clone())
                .unwrap_or_default();
            Ok(see_other(&format!(
                "/stories/{story}?done=withdrawn{}",
                receipt_query(a.receipt_id.as_deref())
            )))
        }
        Err(Error::Conflict { .. }) => Ok(see_other("/stories/consents?done=withdrawn")),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct RenewForm {
    #[serde(default)]
    months: String,
}

async fn renew(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<RenewForm>,
) -> Result<HttpResponse> {
    let id: ConsentId = path.parse().map_err(|_| Error::NotFound)?;
    let months = submitted
        .form
        .months
        .trim()
        .parse()
        .unwrap_or(DEFAULT_MONTHS);
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    let answer = state
        .db(move |conn| service::renew(conn, &cx.ctx(), &me, &id, months))
        .await?;
    Ok(see_other(&format!(
        "/stories/consents?done=renewed{}",
        receipt_query(answer.receipt_id.as_deref())
    )))
}

/// A consent receipt on "Your consents".
struct ReceiptLine {
    id: String,
    issued: String,
    event: String,
    story_title: String,
    summary: String,
}

/// A consent on "Your consents".
struct ConsentLine {
    story_id: String,
    story_title: String,
    grant: GrantLine,
    renewable: bool,
}

#[derive(Template)]
#[template(path = "stories/consents.html")]
struct ConsentsPage {
    chrome: Chrome,
    notice: Option<String>,
    /// The receipt just issued, offered first.
    receipt: Option<String>,
    receipts: Vec<ReceiptLine>,
    live: Vec<ConsentLine>,
    past: Vec<ConsentLine>,
    months: Vec<u32>,
}

async fn consents_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<Done>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let (grants, titles, orgs, receipts) = state
        .db(move |conn| {
            let grants = service::my_consents(conn, &me.tenant_id, &me.id)?;
            let receipts = crate::receipts::service::mine(conn, &me.tenant_id, &me.id)?;
            let titles: HashMap<String, String> =
                service::mine(conn, &keys, &me.tenant_id, &me.id)?
                    .into_iter()
                    .map(|(s, t, _)| (s.id.to_string(), t.title))
                    .collect();
            let orgs = organisation_names(conn, &me.tenant_id)?;
            Ok((grants, titles, orgs, receipts))
        })
        .await?;
    let lang = signed_in.page.language;
    let receipts = receipts
        .into_iter()
        .map(|r| ReceiptLine {
            issued: lang.date_time(&r.issued_at),
            event: match r.event {
                ReceiptEvent::Given => lang.t("story-receipt-given"),
                ReceiptEvent::Changed => lang.t("story-receipt-changed"),
                ReceiptEvent::Withdrawn => lang.t("story-receipt-withdrawn"),
            },
            story_title: titles
                .get(&r.story_id)
                .cloned()
                .unwrap_or_else(|| lang.t("story-erased")),
            summary: r.summary,
            id: r.id,
        })
        .collect();
    let lines = grant_lines(lang, &grants, &orgs);
    let (mut live, mut past) = (Vec::new(), Vec::new());
    for (g, line) in grants.iter().zip(lines) {
        let title = titles.get(g.story_id.as_str()).cloned();
        let entry = ConsentLine {
            story_id: g.story_id.to_string(),
            renewable: title.is_some() && g.status != "withdrawn",
            story_title: title.unwrap_or_else(|| lang.t("story-erased")),
            grant: line,
        };
        if entry.grant.live {
            live.push(entry);
        } else {
            past.push(entry);
        }
    }
    render::page(&ConsentsPage {
        chrome: signed_in.page.chrome(),
        notice: notice_for(lang, query.done.as_deref()),
        receipt: query.receipt(),
        receipts,
        live,
        past,
        months: months_options(),
    })
}

#[derive(Template)]
#[template(path = "stories/withdraw_all.html")]
struct WithdrawAllPage {
    chrome: Chrome,
    live: usize,
}

async fn withdraw_all_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let live = state
        .db(move |conn| {
            let at = Utc::now().naive_utc();
            Ok(service::my_consents(conn, &me.tenant_id, &me.id)?
                .iter()
                .filter(|g| g.status == "given" && g.expires_at > at)
                .count())
        })
        .await?;
    render::page(&WithdrawAllPage {
        chrome: signed_in.page.chrome(),
        live,
    })
}

async fn withdraw_all(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    state
        .db(move |conn| service::withdraw_all(conn, &cx.ctx(), &me, None))
        .await?;
    Ok(see_other("/stories/consents?done=all_withdrawn"))
}

#[derive(Template)]
#[template(path = "stories/erase.html")]
struct ErasePage {
    chrome: Chrome,
    id: String,
    title: String,
    live: usize,
}

async fn erase_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let (view, live) = state
        .db(move |conn| {
            let view = service::author_view(conn, &keys, &me.tenant_id, &me, &id)?;
            let at = Utc::now().naive_utc();
            let live = service::consents_of(conn, &me.tenant_id, &me, &id)?
                .iter()
                .filter(|g| g.live_at(at))
                .count();
            Ok((view, live))
        })
        .await?;
    render::page(&ErasePage {
        chrome: signed_in.page.chrome(),
        id: view.id,
        title: view.title,
        live,
    })
    .map(no_store)
}

async fn erase(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<Empty>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    state
        .db(move |conn| service::erase(conn, &cx.ctx(), &me, &id))
        .await?;
    Ok(see_other("/stories?done=erased"))
}

// ---- Who used my stories ----

#[derive(Template)]
#[template(path = "stories/uses.html")]
struct UsesPage {
    chrome: Chrome,
    uses: Vec<UseView>,
    total: i64,
    links: PageLinks,
    chain: ChainCheck,
}

impl UsesPage {
    fn action(&self, u: &UseView) -> String {
        let lang = self.chrome.language;
        Action::parse(&u.action)
            .map_or_else(|| lang.t("story-action-other"), |a| a.described_in(lang))
    }

    fn purpose(&self, u: &UseView) -> String {
        Purpose::parse(&u.purpose).map_or_else(String::new, |p| p.title_in(self.chrome.language))
    }

    fn attribution(&self, u: &UseView) -> String {
        Attribution::parse(&u.attribution)
            .map_or_else(String::new, |a| a.describe_in(self.chrome.language))
    }
}

async fn uses_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse> {
    let paging = Paging::parse(&query)?;
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let (uses, total, chain) = state
        .db(move |conn| {
            let (uses, total) = service::uses_of(conn, &keys, &me.tenant_id, &me.id, paging)?;
            let chain = service::verify_chain(conn, &me.tenant_id, &me.id)?;
            Ok((uses, total, chain))
        })
        .await?;
    render::page(&UsesPage {
        chrome: signed_in.page.chrome(),
        uses,
        total,
        links: PageLinks::new(paging, total),
        chain,
    })
    .map(no_store)
}

// ---- Excerpts for reports ----

#[derive(Debug, Clone, Default, Deserialize)]
struct ExcerptForm {
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    quote: String,
}

#[derive(Template)]
#[template(path = "stories/excerpt.html")]
struct ExcerptPage {
    chrome: Chrome,
    id: String,
    organisations: Vec<(String, String)>,
    values: ExcerptForm,
    errors: FormErrors,
    refused: Option<Said>,
    result: Option<Excerpt>,
    quote_max: usize,
}

async fn excerpt_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: String,
    values: ExcerptForm,
    errors: FormErrors,
    refused: Option<Said>,
    result: Option<Excerpt>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let organisations: Vec<(String, String)> = state
        .db(move |conn| {
            Ok(
                crate::organisations::service::organisations_of(conn, &me.tenant_id, &me.id)?
                    .into_iter()
                    .map(|(o, _, _)| (o.id.to_string(), o.name))
                    .collect(),
            )
        })
        .await?;
    if organisations.is_empty() {
        return Err(Error::Forbidden(
            Words::of("story-error-excerpt-members-only").into(),
        ));
    }
    let page = ExcerptPage {
        chrome: signed_in.page.chrome(),
        id,
        organisations,
        values,
        errors,
        refused,
        result,
        quote_max: QUOTE_MAX,
    };
    if page.refused.is_some() {
        return render::page_with_status(actix_web::http::StatusCode::FORBIDDEN, &page)
            .map(no_store);
    }
    render::form_page(&page, &page.errors).map(no_store)
}

async fn excerpt_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    excerpt_page(
        &state,
        &signed_in,
        id.to_string(),
        ExcerptForm::default(),
        FormErrors::default(),
        None,
        None,
    )
    .await
}

async fn excerpt(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<ExcerptForm>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let form = submitted.form;
    let ask = ExcerptRequest {
        organisation_id: form.organisation_id.clone(),
        quote: form.quote.clone(),
    };
    let me = signed_in.user.clone();
    let keys = state.keys.clone();
    let for_excerpt = id.clone();
    let result = state
        .db(move |conn| service::excerpt(conn, &keys, &me.tenant_id, &me, &for_excerpt, &ask))
        .await;
    let id = id.to_string();
    match result {
        Ok(e) => {
            excerpt_page(
                &state,
                &signed_in,
                id,
                form,
                FormErrors::default(),
                None,
                Some(e),
            )
            .await
        }
        Err(e @ Error::Validation(_)) => {
            let errors = FormErrors::from_error(e)?;
            excerpt_page(&state, &signed_in, id, form, errors, None, None).await
        }
        Err(Error::Refused { message, .. }) => {
            excerpt_page(
                &state,
                &signed_in,
                id,
                form,
                FormErrors::default(),
                Some(Said::say(&message, signed_in.page.language)),
                None,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

// ---- Consent requests ----

#[derive(Template)]
#[template(path = "stories/requests.html")]
struct RequestsPage {
    chrome: Chrome,
    notice: Option<String>,
    received: Vec<RequestView>,
    sent: Vec<RequestView>,
    months: Vec<u32>,
    orgs: HashMap<String, String>,
}

impl RequestsPage {
    fn purposes(&self, r: &RequestView) -> String {
        purpose_list(self.chrome.language, &r.purposes)
    }

    fn audience(&self, r: &RequestView) -> String {
        audience_label(self.chrome.language, &r.audience, &self.orgs)
    }

    /// Who asked, and for which organisation.
    fn requester(&self, r: &RequestView) -> String {
        let lang = self.chrome.language;
        let who = r
            .requester
            .clone()
            .unwrap_or_else(|| lang.t("story-requester-left"));
        match &r.organisation {
            Some(o) => lang.t2("story-requester-for", "requester", who, "organisation", o),
            None => who,
        }
    }

    fn status(&self, r: &RequestView) -> String {
        let lang = self.chrome.language;
        match r.status {
            ConsentStatus::Given => lang.t("story-request-agreed"),
            ConsentStatus::Refused => lang.t("story-request-declined"),
            _ => lang.t("story-request-waiting"),
        }
    }

    fn attributions_up_to(&self, r: &RequestView) -> Vec<(&'static str, String)> {
        Attribution::ALL
            .into_iter()
            .filter(|a| *a <= r.attribution)
            .map(|a| (a.as_str(), a.describe_in(self.chrome.language)))
            .collect()
    }

    fn same_months(&self, r: &RequestView, m: impl std::borrow::Borrow<u32>) -> bool {
        i64::from(*m.borrow()) == i64::from(r.duration_months)
    }

    fn months_up_to(&self, r: &RequestView) -> Vec<u32> {
        self.months
            .iter()
            .copied()
            .filter(|m| i64::from(*m) <= i64::from(r.duration_months))
            .collect()
    }
}

async fn requests_page(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<Done>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (received, sent, orgs) = state
        .db(move |conn| {
            Ok((
                service::requests_for(conn, &me.tenant_id, &me.id)?,
                service::requests_by(conn, &me.tenant_id, &me.id)?,
                organisation_names(conn, &me.tenant_id)?,
            ))
        })
        .await?;
    render::page(&RequestsPage {
        chrome: signed_in.page.chrome(),
        notice: notice_for(signed_in.page.language, query.done.as_deref()),
        received,
        sent,
        months: months_options(),
        orgs,
    })
}

async fn decide(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Vec<(String, String)>>,
) -> Result<HttpResponse> {
    let id: ConsentRequestId = path.parse().map_err(|_| Error::NotFound)?;
    let fields = submitted.form;
    let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
    let purposes: Vec<String> = fields
        .iter()
        .filter(|(f, _)| f == "purpose")
        .map(|(_, v)| v.clone())
        .collect();
    let months = get("months").and_then(|m| m.trim().parse::<u32>().ok());
    let decision = Decision {
        decision: get("decision").unwrap_or_default(),
        attribution: get("attribution"),
        expires_at: months.map(|m| months_from(Utc::now().naive_utc(), m)),
        purposes: Some(purposes),
    };
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    state
        .db(move |conn| service::decide(conn, &cx.ctx(), &me, &id, &decision))
        .await?;
    Ok(see_other("/stories/requests?done=decided"))
}

#[derive(Debug, Clone, Default)]
struct RequestValues {
    organisation_id: String,
    purposes: Vec<String>,
    audience: String,
    attribution: String,
    months: String,
    message: String,
}

impl RequestValues {
    fn has(&self, p: &Purpose) -> bool {
        self.purposes.iter().any(|x| x == p.as_str())
    }
}

#[derive(Template)]
#[template(path = "stories/request.html")]
struct RequestPage {
    chrome: Chrome,
    id: String,
    organisations: Vec<(String, String)>,
    purposes: Vec<Purpose>,
    /// How the author would be named, said of them ("with their name").
    attributions: Vec<(&'static str, String)>,
    months: Vec<u32>,
    values: RequestValues,
    errors: FormErrors,
    message_max: usize,
}

async fn request_page(
    state: &AppState,
    signed_in: &SignedIn,
    id: String,
    values: RequestValues,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let organisations: Vec<(String, String)> = state
        .db(move |conn| {
            Ok(
                crate::organisations::service::organisations_of(conn, &me.tenant_id, &me.id)?
                    .into_iter()
                    .map(|(o, _, _)| (o.id.to_string(), o.name))
                    .collect(),
            )
        })
        .await?;
    if organisations.is_empty() {
        return Err(Error::Forbidden(
            Words::of("story-error-request-members-only").into(),
        ));
    }
    let page = RequestPage {
        chrome: signed_in.page.chrome(),
        id,
        organisations,
        purposes: Purpose::ALL.to_vec(),
        attributions: Attribution::ALL
            .iter()
            .map(|a| (a.as_str(), a.describe_theirs_in(signed_in.page.language)))
            .collect(),
        months: months_options(),
        values,
        errors,
        message_max: MESSAGE_MAX,
    };
    render::form_page(&page, &page.errors)
}

async fn request_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let values = RequestValues {
        months: DEFAULT_MONTHS.to_string(),
        ..Default::default()
    };
    request_page(
        &state,
        &signed_in,
        id.to_string(),
        values,
        FormErrors::default(),
    )
    .await
}

async fn request(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Vec<(String, String)>>,
) -> Result<HttpResponse> {
    let id = story_id(&path)?;
    let fields = submitted.form;
    let get = |k: &str| {
        fields
            .iter()
            .find(|(f, _)| f == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let values = RequestValues {
        organisation_id: get("organisation_id"),
        purposes: fields
            .iter()
            .filter(|(f, _)| f == "purpose")
            .map(|(_, v)| v.clone())
            .collect(),
        audience: get("audience"),
        attribution: get("attribution"),
        months: get("months"),
        message: get("message"),
    };
    let audience = match values.audience.as_str() {
        "organisation" => format!("organisation:{}", values.organisation_id.trim()),
        other => other.to_owned(),
    };
    let new = NewConsentRequest {
        purpose: None,
        purposes: Some(values.purposes.clone()),
        audience,
        attribution: Some(values.attribution.clone()),
        duration_months: values.months.trim().parse().ok(),
        message: values.message.clone(),
        organisation_id: Some(values.organisation_id.clone()),
        board_id: None,
    };
    let base = signed_in.page.origin.base_url.clone();
    let me = signed_in.user.clone();
    let tenant = (*signed_in.page.tenant).clone();
    let for_request = id.clone();
    match state
        .db(move |conn| service::request(conn, &tenant, &base, &me, &for_request, &new))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/stories/{id}?done=requested"))),
        Err(e @ Error::Validation(_)) => {
            let errors = FormErrors::from_error(e)?;
            request_page(&state, &signed_in, id.to_string(), values, errors).await
        }
        Err(e) => Err(e),
    }
}

// ---- The consent notice ----

#[derive(Template)]
#[template(path = "stories/notice.html")]
struct NoticePage {
    chrome: Chrome,
    version: &'static str,
    purposes: Vec<Purpose>,
}

async fn notice_page(page: Page, path: web::Path<String>) -> Result<HttpResponse> {
    if path.as_str() != NOTICE_VERSION {
        return Err(Error::NotFound);
    }
    render::page(&NoticePage {
        chrome: page.chrome(),
        version: NOTICE_VERSION,
        purposes: Purpose::ALL.to_vec(),
    })
}
