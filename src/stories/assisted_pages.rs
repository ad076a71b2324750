//! Pages of assisted participation: the form a member of staff fills in
//! with someone in person (their account, their story, the consents they
//! choose), the page that shows the code to read aloud and takes it back,
//! the page where the person confirms later (signed in, or with the code
//! from their email) or declines, and the list of stories told with help.
//! Every page works without JavaScript.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::assisted::{self, AssistId, AssistView, Looker, NewAssisted};
use super::model::*;
use super::service;
use crate::error::{Error, FieldError, Result, Words};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors, Said};
use crate::state::AppState;

/// Registered before the stories room's own pages, so `/stories/assist…`
/// is not read as a story's id.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/stories/assist").get(new_form).post(create))
        .service(web::resource("/stories/assisted").get(list))
        .service(web::resource("/stories/assisted/{id}").get(show))
        .service(web::resource("/stories/assisted/{id}/confirm").post(confirm))
        .service(web::resource("/stories/assisted/{id}/decline").post(decline));
}

fn assist_id(raw: &str) -> Result<AssistId> {
    raw.parse().map_err(|_| Error::NotFound)
}

fn context(state: &AppState, page: &Page) -> service::Context {
    service::Context {
        tenant: (*page.tenant).clone(),
        keys: state.keys.clone(),
        base_url: page.origin.base_url.clone(),
    }
}

fn no_store(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    response
}

/// The purposes the form offers, with what was typed for each.
struct Choice {
    purpose: Purpose,
    give: bool,
    audience: String,
    attribution: String,
    months: String,
}

impl Choice {
    fn key(&self) -> &'static str {
        self.purpose.as_str()
    }
}

fn choices_from(form: &HashMap<String, String>) -> Vec<Choice> {
    Purpose::ALL
        .into_iter()
        .map(|p| {
            let get = |f: &str| {
                form.get(&format!("{}-{f}", p.as_str()))
                    .cloned()
                    .unwrap_or_default()
            };
            let months = get("months");
            Choice {
                purpose: p,
                give: !get("give").is_empty(),
                audience: get("audience"),
                attribution: get("attribution"),
                months: if months.is_empty() {
                    DEFAULT_MONTHS.to_string()
                } else {
                    months
                },
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "stories/assist_form.html")]
struct FormPage {
    chrome: Chrome,
    organisations: Vec<(String, String)>,
    values: HashMap<String, String>,
    choices: Vec<Choice>,
    audiences: Vec<(String, String)>,
    months: Vec<u32>,
    errors: FormErrors,
}

impl FormPage {
    fn value(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    fn error(&self, c: &Choice, field: &str) -> Option<Said> {
        self.errors
            .said(&format!("{}-{field}", c.key()), self.chrome.language)
    }

    fn months_is(&self, c: &Choice, m: &u32) -> bool {
        c.months == m.to_string()
    }
}

async fn form_page(
    state: &AppState,
    signed_in: &SignedIn,
    values: HashMap<String, String>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (organisations, any) = state
        .db(move |conn| {
            let orgs = assisted::organisations_for(conn, &me.tenant_id, &me.id)?;
            let any =
                !crate::organisations::service::organisations_of(conn, &me.tenant_id, &me.id)?
                    .is_empty();
            Ok((orgs, any))
        })
        .await?;
    if organisations.is_empty() {
        return Err(if any {
            Error::Refused {
                code: "organisation_not_verified",
                message: Words::of("story-error-assist-not-recognised").into(),
            }
        } else {
            Error::Forbidden(Words::of("story-error-assist-staff-only").into())
        });
    }
    let lang = signed_in.page.language;
    let mut audiences = vec![
        ("tenant".to_owned(), lang.t("story-audience-tenant")),
        ("public".to_owned(), lang.t("story-audience-public-page")),
    ];
    for (id, name) in &organisations {
        audiences.push((
            format!("organisation:{id}"),
            lang.t1("story-audience-organisation", "name", name),
        ));
    }
    let page = FormPage {
        chrome: signed_in.page.chrome(),
        organisations: organisations
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect(),
        choices: choices_from(&values),
        values,
        audiences,
        months: (1..=MAX_MONTHS).collect(),
        errors,
    };
    render::form_page(&page, &page.errors).map(no_store)
}

async fn new_form(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    form_page(&state, &signed_in, HashMap::new(), FormErrors::default()).await
}

#[derive(Template)]
#[template(path = "stories/assisted.html")]
struct ShowPage {
    chrome: Chrome,
    a: AssistView,
    /// `citizen`, `staff` or `other`.
    looker: &'static str,
    /// The code, only on the page that follows the form.
    code: Option<String>,
    notice: Option<String>,
    errors: FormErrors,
}

impl ShowPage {
    /// Who helped, for which organisation, and when.
    fn helper(&self) -> String {
        let lang = self.chrome.language;
        let staff = self
            .a
            .staff_name
            .clone()
            .unwrap_or_else(|| lang.t("story-assisted-staff-left"));
        lang.t_args(
            "story-assisted-helper",
            &[
                ("staff", &staff),
                ("organisation", &self.a.organisation),
                ("date", &lang.date(&self.a.created_at)),
            ],
        )
    }

    /// One use they chose: its purpose, who reads, how they are named,
    /// and until when.
    fn grant(&self, g: &GrantInput) -> String {
        let lang = self.chrome.language;
        let purpose =
            Purpose::parse(&g.purpose).map_or_else(|| g.purpose.clone(), |p| p.title_in(lang));
        let attribution =
            Attribution::parse(&g.attribution).map_or_else(String::new, |a| a.describe_in(lang));
        let audience = match Audience::parse(&g.audience) {
            Some(Audience::Board(_)) => lang.t("story-audience-words-board"),
            Some(Audience::Organisation(_)) => lang.t("story-audience-words-organisation"),
            Some(Audience::Tenant) => lang.t("story-audience-words-tenant"),
            Some(Audience::Public) => lang.t("story-audience-words-public"),
            None => String::new(),
        };
        let args: [(&str, &dyn crate::i18n::Arg); 3] = [
            ("purpose", &purpose),
            ("audience", &audience),
            ("attribution", &attribution),
        ];
        match g.expires_at {
            Some(e) => {
                let until = lang.date(&e);
                let mut args = args.to_vec();
                args.push(("date", &until));
                lang.t_args("story-assisted-grant-until", &args)
            }
            None => lang.t_args("story-assisted-grant", &args),
        }
    }
}

async fn create(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<HashMap<String, String>>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let get = |f: &str| form.get(f).cloned().unwrap_or_default();
    let choices = choices_from(&form);
    let ticked: Vec<&Choice> = choices.iter().filter(|c| c.give).collect();
    let now = Utc::now().naive_utc();
    let new = NewAssisted {
        organisation_id: get("organisation_id"),
        display_name: get("display_name"),
        email: get("email"),
        title: get("title"),
        body: get("body"),
        area_id: None,
        special_category: Some(!get("special_category").is_empty()),
        grants: ticked
            .iter()
            .map(|c| GrantInput {
                purpose: c.key().into(),
                audience: c.audience.clone(),
                attribution: c.attribution.clone(),
                expires_at: Some(months_from(
                    now,
                    c.months
                        .trim()
                        .parse::<u32>()
                        .unwrap_or(12)
                        .clamp(1, MAX_MONTHS),
                )),
            })
            .collect(),
    };
    let me = signed_in.user.clone();
    let cx = context(&state, &signed_in.page);
    match state
        .db(move |conn| assisted::start(conn, &cx.ctx(), &me, &new))
        .await
    {
        Ok(started) => {
            let page = ShowPage {
                chrome: signed_in.page.chrome(),
                a: started.assist,
                looker: "staff",
                code: Some(started.code),
                notice: Some(signed_in.page.language.t("story-assisted-done-saved")),
                errors: FormErrors::default(),
            };
            render::page_with_status(actix_web::http::StatusCode::CREATED, &page).map(no_store)
        }
        Err(Error::Validation(fields)) => {
            // grants[i].field → the ticked purpose's field on this page.
            let mapped = fields
                .into_iter()
                .map(|e| match e.field.strip_prefix("grants[") {
                    Some(rest) => {
                        let (i, f) = rest
                            .split_once("].")
                            .map(|(i, f)| (i.parse::<usize>().unwrap_or(0), f.to_owned()))
                            .unwrap_or((0, String::new()));
                        let key = ticked.get(i).map_or("board_learning", |c| c.key());
                        let f = match f.as_str() {
                            "audience" | "attribution" => f.as_str(),
                            "expires_at" => "months",
                            _ => "give",
                        };
                        // Moved beside its row, keeping its words.
                        FieldError {
                            field: format!("{key}-{f}"),
                            ..e
                        }
                    }
                    None => e,
                })
                .collect();
            let errors = FormErrors::from_error(Error::Validation(mapped))?;
            form_page(&state, &signed_in, form, errors).await
        }
        Err(Error::Conflict { message, .. }) => {
            let errors = FormErrors::from_error(Error::Validation(vec![FieldError::new(
                "email",
                "email_taken",
                message,
            )]))?;
            form_page(&state, &signed_in, form, errors).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn show_page(
    state: &AppState,
    page: &Page,
    id: AssistId,
    notice: Option<String>,
    errors: FormErrors,
) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (a, looker) = state
        .db(move |conn| assisted::find_view(conn, &tenant, &id, viewer.as_ref()))
        .await?;
    let show = ShowPage {
        chrome: page.chrome(),
        a,
        looker: match looker {
            Looker::Citizen => "citizen",
            Looker::Staff => "staff",
            Looker::Other => "other",
        },
        code: None,
        notice,
        errors,
    };
    render::form_page(&show, &show.errors).map(no_store)
}

async fn show(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<Done>,
) -> Result<HttpResponse> {
    let id = assist_id(&path)?;
    let notice = match query.done.as_deref() {
        Some("confirmed") => Some(page.language.t("story-assisted-done-confirmed")),
        Some("declined") => Some(page.language.t("story-assisted-done-declined")),
        _ => None,
    };
    show_page(&state, &page, id, notice, FormErrors::default()).await
}

#[derive(Debug, Default, Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

async fn confirm(
    state: web::Data<AppState>,
    path: web::Path<String>,
    submitted: ProtectedForm<CodeForm>,
) -> Result<HttpResponse> {
    let id = assist_id(&path)?;
    let page = submitted.page;
    let code = submitted.form.code;
    let actor = page.user().cloned();
    let cx = context(&state, &page);
    let for_confirm = id.clone();
    match state
        .db(move |conn| {
            assisted::confirm(
                conn,
                &cx.ctx(),
                &for_confirm,
                Some(code.as_str()),
                actor.as_ref(),
            )
        })
        .await
    {
        Ok(_) => Ok(see_other(&format!("/stories/assisted/{id}?done=confirmed"))),
        Err(e @ Error::Validation(_)) => {
            let errors = FormErrors::from_error(e)?;
            show_page(&state, &page, id, None, errors).await
        }
        Err(e) => Err(e),
    }
}

async fn decline(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    _submitted: ProtectedForm<HashMap<String, String>>,
) -> Result<HttpResponse> {
    let id = assist_id(&path)?;
    let me = signed_in.user.clone();
    let for_decline = id.clone();
    state
        .db(move |conn| assisted::decline(conn, &me.tenant_id, &me, &for_decline))
        .await?;
    Ok(see_other(&format!("/stories/assisted/{id}?done=declined")))
}

#[derive(Template)]
#[template(path = "stories/assisted_list.html")]
struct ListPage {
    chrome: Chrome,
    told: Vec<AssistView>,
    helped: Vec<AssistView>,
    can_help: bool,
}

impl ListPage {
    /// A story they told: with whom, for which organisation, when.
    fn told_line(&self, a: &AssistView) -> String {
        let lang = self.chrome.language;
        let staff = a
            .staff_name
            .clone()
            .unwrap_or_else(|| lang.t("story-assisted-a-member-of-staff"));
        lang.t_args(
            "story-assisted-with",
            &[
                ("staff", &staff),
                ("organisation", &a.organisation),
                ("date", &lang.date(&a.created_at)),
            ],
        )
    }

    /// A decided story's status in words.
    fn status(&self, a: &AssistView) -> String {
        let lang = self.chrome.language;
        match a.status.as_str() {
            "confirmed" => lang.t("story-assisted-status-confirmed"),
            "declined" => lang.t("story-assisted-status-declined"),
            other => other.to_owned(),
        }
    }
}

async fn list(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (told, helped, can_help) = state
        .db(move |conn| {
            Ok((
                assisted::mine(conn, &me.tenant_id, &me.id)?,
                assisted::helped_by(conn, &me.tenant_id, &me.id)?,
                !assisted::organisations_for(conn, &me.tenant_id, &me.id)?.is_empty(),
            ))
        })
        .await?;
    render::page(&ListPage {
        chrome: signed_in.page.chrome(),
        told,
        helped,
        can_help,
    })
    .map(no_store)
}
