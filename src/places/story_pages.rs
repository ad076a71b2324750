//! The place's story: the public page and the admin's editor.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::story;
use crate::accounts::authz::{self, Permission};
use crate::error::{Error, Result};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::markdown;
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/place").get(place)).service(
        web::resource("/admin/place-story")
            .get(edit_form)
            .post(edit),
    );
}

#[derive(Template)]
#[template(path = "places/place.html")]
struct PlacePage {
    chrome: Chrome,
    story_html: Option<String>,
    can_edit: bool,
    contact: Option<String>,
}

async fn place(state: web::Data<AppState>, page: Page) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let (text, contact) = state
        .db(move |conn| {
            Ok((
                story::markdown(conn, &tenant)?,
                super::settings::contact_email(conn, &tenant)?,
            ))
        })
        .await?;
    let can_edit = page
        .user()
        .is_some_and(|u| authz::require(u, Permission::ManagePlace).is_ok());
    render::page(&PlacePage {
        chrome: page.chrome(),
        story_html: text.as_deref().map(markdown::render),
        can_edit,
        contact,
    })
}

#[derive(Template)]
#[template(path = "admin/place_story.html")]
struct EditPage<'a> {
    chrome: Chrome,
    text: &'a str,
    notice: Option<String>,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn edit_form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let tenant = signed_in.user.tenant_id.clone();
    let text = state.db(move |conn| story::markdown(conn, &tenant)).await?;
    render::page(&EditPage {
        chrome: signed_in.page.chrome(),
        text: text.as_deref().unwrap_or(""),
        notice: (query.done.as_deref() == Some("saved"))
            .then(|| signed_in.page.language.t("notice-admin-story-saved")),
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
struct StoryForm {
    #[serde(default)]
    story: String,
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<StoryForm>,
) -> Result<HttpResponse> {
    authz::require(&signed_in.user, Permission::ManagePlace)?;
    let text = submitted.form.story;
    let (tenant, user) = (signed_in.user.tenant_id.clone(), signed_in.user.clone());
    let for_save = text.clone();
    match state
        .db(move |conn| story::save(conn, &tenant, &user, &for_save))
        .await
    {
        Ok(()) => Ok(see_other("/admin/place-story?done=saved")),
        Err(e @ Error::Validation(_)) => render::page_with_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            &EditPage {
                chrome: signed_in.page.chrome(),
                text: &text,
                notice: None,
                errors: FormErrors::from_error(e)?,
            },
        ),
        Err(e) => Err(e),
    }
}
