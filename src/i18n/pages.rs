//! The language switcher: `GET /language?to=cy&back=/proposals` remembers
//! the choice in a cookie and sends the person back to the page they were
//! on. Plain links, so it works without JavaScript; `back` is only ever a
//! path on this site.

use actix_web::cookie::time::Duration;
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};

use super::{Language, COOKIE};
use crate::error::{Error, Result};
use crate::http::auth::PublicOrigin;
use crate::http::render;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/language").get(switch));
}

#[derive(serde::Deserialize)]
struct Switch {
    to: Option<String>,
    back: Option<String>,
}

/// A choice kept for a year: long enough that a person need not choose
/// again, and it can be changed any time.
const REMEMBER_FOR: Duration = Duration::days(365);

async fn switch(req: HttpRequest, query: web::Query<Switch>) -> Result<HttpResponse> {
    let to = query
        .to
        .as_deref()
        .and_then(Language::parse)
        .ok_or_else(|| Error::BadRequest {
            code: "unknown_language",
            message: "choose a language this site offers: en (English) or cy (Cymraeg)".into(),
        })?;
    let origin = req
        .extensions()
        .get::<PublicOrigin>()
        .cloned()
        .ok_or(Error::UnknownHost)?;
    let mut cookie = origin.cookie(COOKIE, to.code().to_owned());
    cookie.set_max_age(REMEMBER_FOR);
    let back = render::local_path(query.back.as_deref(), "/");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back))
        // The answer depends on nothing a cache could key on.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(cookie)
        .finish())
}
