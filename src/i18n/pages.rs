//! The language switcher. Pages carry a small form (`POST /language`,
//! with the CSRF token) that remembers the choice in a cookie, saves it
//! on the account of a signed-in person (so the emails we send them are
//! in it too), and sends them back to the page they were on. Error pages,
//! which have no form token, link to `GET /language?to=cy&back=/path`,
//! which only sets the cookie. `back` is only ever a path on this site.

use actix_web::cookie::time::Duration;
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};

use super::{Language, COOKIE};
use crate::error::{Error, Result};
use crate::http::auth::{ProtectedForm, PublicOrigin};
use crate::http::render;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/language").get(switch).post(choose));
}

#[derive(serde::Deserialize)]
struct Switch {
    to: Option<String>,
    back: Option<String>,
}

/// A choice kept for a year: long enough that a person need not choose
/// again, and it can be changed any time.
const REMEMBER_FOR: Duration = Duration::days(365);

fn language(to: Option<&str>) -> Result<Language> {
    to.and_then(Language::parse)
        .ok_or_else(|| Error::BadRequest {
            code: "unknown_language",
            message: "choose a language this site offers: en (English) or cy (Cymraeg)".into(),
        })
}

async fn switch(req: HttpRequest, query: web::Query<Switch>) -> Result<HttpResponse> {
    let to = language(query.to.as_deref())?;
    remember(&req, to, query.back.as_deref())
}

async fn choose(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: ProtectedForm<Switch>,
) -> Result<HttpResponse> {
    let to = language(form.form.to.as_deref())?;
    if let Some(user) = form.page.user() {
        let (tenant, id) = (user.tenant_id.clone(), user.id.clone());
        state
            .db(move |conn| crate::accounts::service::set_language(conn, &tenant, &id, to))
            .await?;
    }
    remember(&req, to, form.form.back.as_deref())
}

/// Sets the cookie and sends the person back where they were.
fn remember(req: &HttpRequest, to: Language, back: Option<&str>) -> Result<HttpResponse> {
    let origin = req
        .extensions()
        .get::<PublicOrigin>()
        .cloned()
        .ok_or(Error::UnknownHost)?;
    let mut cookie = origin.cookie(COOKIE, to.code().to_owned());
    cookie.set_max_age(REMEMBER_FOR);
    let back = render::local_path(back, "/");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back))
        // The answer depends on nothing a cache could key on.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(cookie)
        .finish())
}
