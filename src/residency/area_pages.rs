//! The page where a person says which area of the place they live in.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::areas::{self, HomeArea};
use crate::error::Result;
use crate::http::auth::{ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::places::model::Area;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/account/residency/area")
            .get(form)
            .post(save),
    );
}

#[derive(Template)]
#[template(path = "residency/area.html")]
struct AreaPage {
    chrome: Chrome,
    areas: Vec<Area>,
    current: HomeArea,
    /// The area chosen in the form (shown again on an error).
    chosen: String,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

#[derive(Deserialize, Default)]
struct AreaForm {
    #[serde(default)]
    area_id: String,
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    chosen: Option<String>,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<HttpResponse> {
    let me = signed_in.user.clone();
    let (areas, current) = state
        .db(move |conn| {
            Ok((
                crate::places::service::all(conn, &me.tenant_id)?,
                areas::home_area(conn, &me.tenant_id, &me.id)?,
            ))
        })
        .await?;
    let page = AreaPage {
        chrome: signed_in.page.chrome(),
        chosen: chosen.unwrap_or_else(|| current.area_id.clone().unwrap_or_default()),
        areas,
        current,
        errors,
        notice,
    };
    render::form_page(&page, &page.errors)
}

async fn form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse> {
    let notice = (query.done.as_deref() == Some("saved"))
        .then(|| signed_in.page.language.t("notice-residency-area-saved"));
    page(&state, &signed_in, None, FormErrors::default(), notice).await
}

async fn save(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    submitted: ProtectedForm<AreaForm>,
) -> Result<HttpResponse> {
    let chosen = submitted.form.area_id.clone();
    let me = signed_in.user.clone();
    let for_save = chosen.clone();
    match state
        .db(move |conn| areas::set_home_area(conn, &me.tenant_id, &me, Some(&for_save)))
        .await
    {
        Ok(_) => Ok(see_other("/account/residency/area?done=saved")),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            page(&state, &signed_in, Some(chosen), errors, None).await
        }
    }
}
