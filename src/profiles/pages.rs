//! Profile pages: anyone's profile as the viewer may see it, and the form
//! where a person edits theirs and chooses who sees each field.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{Field, Profile, ProfileChanges, ProfileView, Viewer, Visibility};
use super::service;
use crate::db::ids::UserId;
use crate::error::{Error, Result};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::i18n::Language;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/people/{id}").get(person))
        .service(web::resource("/account/profile").get(edit_form).post(edit));
}

#[derive(Deserialize)]
struct PreviewQuery {
    /// The owner may preview their profile as `public` or `members` see it.
    #[serde(rename = "as")]
    as_: Option<String>,
}

#[derive(Template)]
#[template(path = "profiles/person.html")]
struct PersonPage {
    chrome: Chrome,
    view: ProfileView,
    own: bool,
    /// Who the owner is seeing it as, in a sentence.
    preview: Option<String>,
}

async fn person(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    query: web::Query<PreviewQuery>,
) -> Result<HttpResponse> {
    let id: UserId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let own = viewer.as_ref().is_some_and(|v| v.id == id);
    let (user, profile) = state
        .db(move |conn| service::load(conn, &tenant, &id))
        .await?
        .ok_or(Error::NotFound)?;
    let lang = page.language;
    let (who, preview) = match (own, query.as_.as_deref()) {
        (true, Some("public")) => (Viewer::Anonymous, Some(lang.t("profiles-preview-everyone"))),
        (true, Some("members")) => (Viewer::Member, Some(lang.t("profiles-preview-members"))),
        (true, _) => (Viewer::Owner, None),
        (false, _) if viewer.is_some() => (Viewer::Member, None),
        (false, _) => (Viewer::Anonymous, None),
    };
    render::page(&PersonPage {
        chrome: page.chrome(),
        view: profile.seen_by(user.id.as_str(), who),
        own,
        preview,
    })
}

/// One row of the edit form: a field, its current text and visibility.
struct FieldRow {
    field: Field,
    value: String,
    visibility: Visibility,
    multiline: bool,
    hint: String,
}

#[derive(Template)]
#[template(path = "profiles/edit.html")]
struct EditPage {
    chrome: Chrome,
    id: String,
    rows: Vec<FieldRow>,
    levels: [Visibility; 3],
    notice: Option<String>,
    errors: FormErrors,
}

fn rows(profile: &Profile, lang: Language) -> Vec<FieldRow> {
    Field::ALL
        .iter()
        .map(|f| {
            let (value, multiline, hint) = match f {
                Field::DisplayName => (
                    profile.display_name.clone(),
                    false,
                    lang.t("profiles-hint-name"),
                ),
                Field::Pronouns => (
                    profile.pronouns.clone().unwrap_or_default(),
                    false,
                    lang.t("profiles-hint-pronouns"),
                ),
                Field::Bio => (
                    profile.bio.clone().unwrap_or_default(),
                    true,
                    lang.t("profiles-hint-bio"),
                ),
                Field::HomeArea => (
                    profile.home_area.clone().unwrap_or_default(),
                    false,
                    lang.t("profiles-hint-home-area"),
                ),
                Field::Skills => (
                    profile.skills.join("\n"),
                    true,
                    lang.t("profiles-hint-skills"),
                ),
                Field::Interests => (
                    profile.interests.join("\n"),
                    true,
                    lang.t("profiles-hint-interests"),
                ),
            };
            FieldRow {
                field: *f,
                value,
                visibility: profile.visibility_of(*f),
                multiline,
                hint,
            }
        })
        .collect()
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
    let me = signed_in.user.clone();
    let (_, profile) = state
        .db(move |conn| service::load(conn, &me.tenant_id, &me.id))
        .await?
        .ok_or(Error::NotFound)?;
    render::page(&EditPage {
        chrome: signed_in.page.chrome(),
        id: signed_in.user.id.to_string(),
        rows: rows(&profile, signed_in.page.language),
        levels: Visibility::ALL,
        notice: (query.done.as_deref() == Some("saved"))
            .then(|| signed_in.page.language.t("profiles-notice-saved")),
        errors: FormErrors::default(),
    })
}

/// The edit form as posted: one text and one visibility per field.
#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    pronouns: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    home_area: String,
    #[serde(default)]
    skills: String,
    #[serde(default)]
    interests: String,
    #[serde(default)]
    visibility_display_name: String,
    #[serde(default)]
    visibility_pronouns: String,
    #[serde(default)]
    visibility_bio: String,
    #[serde(default)]
    visibility_home_area: String,
    #[serde(default)]
    visibility_skills: String,
    #[serde(default)]
    visibility_interests: String,
}

impl EditForm {
    fn changes(&self) -> ProfileChanges {
        let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
        let visibility = [
            ("display_name", &self.visibility_display_name),
            ("pronouns", &self.visibility_pronouns),
            ("bio", &self.visibility_bio),
            ("home_area", &self.visibility_home_area),
            ("skills", &self.visibility_skills),
            ("interests", &self.visibility_interests),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect();
        ProfileChanges {
            display_name: Some(self.display_name.clone()),
            pronouns: Some(self.pronouns.clone()),
            bio: Some(self.bio.clone()),
            home_area: Some(self.home_area.clone()),
            area_id: None,
            skills: Some(lines(&self.skills)),
            interests: Some(lines(&self.interests)),
            visibility: Some(visibility),
        }
    }
}

async fn edit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<EditForm>,
) -> Result<HttpResponse> {
    let changes = submitted.form.changes();
    let me = signed_in.user.clone();
    let for_update = changes.clone();
    let outcome = state
        .db(move |conn| service::update(conn, &me.tenant_id, &me.id, &for_update))
        .await;
    match outcome {
        Ok(_) => {
            tracing::info!(user = %signed_in.user.id, "profile changed");
            Ok(see_other("/account/profile?done=saved"))
        }
        Err(Error::Validation(fields)) => {
            // Show the person's own input again, beside the messages.
            let form = &submitted.form;
            let mut shown = Profile {
                display_name: form.display_name.clone(),
                pronouns: Some(form.pronouns.clone()),
                bio: Some(form.bio.clone()),
                home_area: Some(form.home_area.clone()),
                skills: form.skills.lines().map(str::to_owned).collect(),
                interests: form.interests.lines().map(str::to_owned).collect(),
                visibility: Default::default(),
            };
            for (k, v) in changes.visibility.iter().flatten() {
                if let (Some(f), Some(v)) = (Field::parse(k), Visibility::parse(v)) {
                    shown.visibility.insert(f, v);
                }
            }
            let errors = fields
                .into_iter()
                .map(|mut e| {
                    // Visibility errors belong beside their select.
                    if let Some(name) = e.field.strip_prefix("visibility.") {
                        e.field = format!("visibility_{name}");
                    }
                    e
                })
                .collect();
            render::page_with_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                &EditPage {
                    chrome: signed_in.page.chrome(),
                    id: signed_in.user.id.to_string(),
                    rows: rows(&shown, signed_in.page.language),
                    levels: Visibility::ALL,
                    notice: None,
                    errors: FormErrors::from_error(Error::Validation(errors))?,
                },
            )
        }
        Err(e) => Err(e),
    }
}
