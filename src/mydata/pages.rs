//! My data pages: see everything, download it, delete the account, and
//! bring a profile from another place.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{Contributions, Export};
use super::service::{self, Imported};
use crate::accounts::User;
use crate::error::{Error, Result, Words};
use crate::http::auth::{ProtectedForm, SignedIn};
use crate::http::render::{self, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/account/data").get(my_data))
        .service(web::resource("/account/data/my-data.json").get(download))
        .service(
            web::resource("/account/delete")
                .get(delete_form)
                .post(delete),
        )
        .service(
            web::resource("/account/import")
                .get(import_form)
                .post(import),
        );
}

#[derive(Template)]
#[template(path = "mydata/my_data.html")]
struct MyDataPage {
    chrome: Chrome,
    data: Export,
    data_json_bytes: usize,
}

impl MyDataPage {
    /// The person's role in this place, in the page's language.
    fn role(&self) -> String {
        match crate::accounts::Role::parse(&self.data.account.role) {
            Some(role) => role.label_in(self.chrome.language),
            None => self.data.account.role.clone(),
        }
    }

    /// Who may see a part of the profile (stored as `public`, `members`
    /// or `private`), in the page's language.
    fn visibility(&self, field: &str) -> String {
        let lang = self.chrome.language;
        match self.data.profile.visibility.get(field).map(String::as_str) {
            None => String::new(),
            Some("public") => lang.t("mydata-visibility-public"),
            Some("members") => lang.t("mydata-visibility-members"),
            Some("private") => lang.t("mydata-visibility-private"),
            Some(other) => other.to_owned(),
        }
    }

    /// How the person showed they live here (`postcode`, `vouching`,
    /// `manual`), in the page's language.
    fn route(&self, raw: &str) -> String {
        let lang = self.chrome.language;
        match raw {
            "postcode" => lang.t("mydata-route-postcode"),
            "vouching" => lang.t("mydata-route-vouching"),
            "manual" => lang.t("mydata-route-manual"),
            other => other.to_owned(),
        }
    }

    /// Where an email stands (`pending`, `sent`, `failed`).
    fn email_status(&self, raw: &str) -> String {
        let lang = self.chrome.language;
        match raw {
            "pending" => lang.t("mydata-email-status-pending"),
            "sent" => lang.t("mydata-email-status-sent"),
            "failed" => lang.t("mydata-email-status-failed"),
            other => other.to_owned(),
        }
    }

    /// An answer to a workshop (`yes`, `maybe`, `no`).
    fn response(&self, raw: &str) -> String {
        let lang = self.chrome.language;
        match raw {
            "yes" => lang.t("mydata-response-yes"),
            "maybe" => lang.t("mydata-response-maybe"),
            "no" => lang.t("mydata-response-no"),
            other => other.to_owned(),
        }
    }
}

async fn my_data(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    let tenant = signed_in.page.tenant.clone();
    let id = signed_in.user.id.clone();
    let keys = state.keys.clone();
    let data = state
        .db(move |conn| service::export(conn, &keys, &tenant, &id))
        .await?;
    let data_json_bytes = serde_json::to_vec(&data).map(|v| v.len()).unwrap_or(0);
    render::page(&MyDataPage {
        chrome: signed_in.page.chrome(),
        data,
        data_json_bytes,
    })
}

async fn download(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse> {
    let tenant = signed_in.page.tenant.clone();
    let id = signed_in.user.id.clone();
    let keys = state.keys.clone();
    let data = state
        .db(move |conn| {
            service::record_export(conn, &tenant.id, &id)?;
            service::export(conn, &keys, &tenant, &id)
        })
        .await?;
    tracing::info!(user = %signed_in.user.id, "data exported");
    let body = serde_json::to_string_pretty(&data).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"my-data.json\"",
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

/// Erases a person: the shared step of the page and the API.
pub(crate) async fn erase_account(
    state: &AppState,
    user: &User,
    contributions: Contributions,
) -> Result<()> {
    let (tenant, id) = (user.tenant_id.clone(), user.id.clone());
    // The rules first (a refusal must destroy nothing), then the data key,
    // then the rest. Shredding before the records go means a failure
    // between the two leaves content unreadable, never readable but
    // "erased"; retrying finishes the job.
    let (t, i) = (tenant.clone(), id.clone());
    state
        .db(move |conn| service::may_erase(conn, &t, &i))
        .await?;
    let keys = state.keys.clone();
    let (t, i) = (tenant.clone(), id.clone());
    actix_web::web::block(move || keys.destroy(&t, &i))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    state
        .db(move |conn| service::erase(conn, &tenant, &id, contributions))
        .await?;
    tracing::info!(user = %user.id, ?contributions, "account erased");
    Ok(())
}

#[derive(Template)]
#[template(path = "mydata/delete.html")]
struct DeletePage {
    chrome: Chrome,
    keep: bool,
    errors: FormErrors,
}

async fn delete_form(signed_in: SignedIn) -> Result<HttpResponse> {
    render::page(&DeletePage {
        chrome: signed_in.page.chrome(),
        keep: false,
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    contributions: String,
}

#[derive(Template)]
#[template(path = "mydata/goodbye.html")]
struct GoodbyePage {
    chrome: Chrome,
}

async fn delete(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<DeleteForm>,
) -> Result<HttpResponse> {
    let form = submitted.form;
    let keep = form.contributions == "anonymise";
    let show = |errors: FormErrors| {
        render::page_with_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            &DeletePage {
                chrome: signed_in.page.chrome(),
                keep,
                errors,
            },
        )
    };
    let contributions = match form.contributions.as_str() {
        "delete" => Contributions::Delete,
        "anonymise" => Contributions::Anonymise,
        _ => {
            return show(FormErrors::one(
                "contributions",
                "required",
                Words::of("mydata-error-contributions-required"),
            ))
        }
    };
    let refused = state
        .hasher
        .confirm(
            &form.password,
            signed_in.user.password_hash.clone(),
            "password",
        )
        .await?;
    if let Some(e) = refused {
        return show(FormErrors::one(&e.field, &e.code, &e));
    }
    match erase_account(&state, &signed_in.user, contributions).await {
        Ok(()) => {}
        Err(Error::Conflict { message, .. }) => {
            return show(FormErrors::one("password", "last_admin", message))
        }
        Err(e) => return Err(e),
    }
    // The person is gone: the goodbye page is shown as to a visitor.
    let mut visitor = signed_in.page.clone();
    visitor.signed_in = None;
    let mut res = render::page(&GoodbyePage {
        chrome: visitor.chrome(),
    })?;
    let _ = res.add_removal_cookie(
        &signed_in
            .page
            .origin
            .removal(signed_in.page.origin.session_cookie()),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "mydata/import.html")]
struct ImportPage<'a> {
    chrome: Chrome,
    pasted: &'a str,
    imported: Option<Imported>,
    errors: FormErrors,
}

async fn import_form(signed_in: SignedIn) -> Result<HttpResponse> {
    render::page(&ImportPage {
        chrome: signed_in.page.chrome(),
        pasted: "",
        imported: None,
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
struct ImportForm {
    #[serde(default)]
    export: String,
}

async fn import(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<ImportForm>,
) -> Result<HttpResponse> {
    let pasted = submitted.form.export;
    let show_error = |errors: FormErrors| {
        render::page_with_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            &ImportPage {
                chrome: signed_in.page.chrome(),
                pasted: &pasted,
                imported: None,
                errors,
            },
        )
    };
    let export: Export = match serde_json::from_str(&pasted) {
        Ok(e) => e,
        Err(_) => {
            return show_error(FormErrors::one(
                "export",
                "unreadable",
                Words::of("mydata-error-unreadable"),
            ))
        }
    };
    let me = signed_in.user.clone();
    let outcome = state
        .db(move |conn| service::import(conn, &me.tenant_id, &me, &export))
        .await;
    match outcome {
        Ok(imported) => {
            tracing::info!(user = %signed_in.user.id, "profile imported from another place");
            render::page(&ImportPage {
                chrome: signed_in.page.chrome(),
                pasted: "",
                imported: Some(imported),
                errors: FormErrors::default(),
            })
        }
        Err(Error::Validation(fields)) => show_error(FormErrors::from_error(Error::Validation(
            fields
                .into_iter()
                .map(|mut f| {
                    f.field = "export".into();
                    f
                })
                .collect(),
        ))?),
        Err(e) => Err(e),
    }
}
