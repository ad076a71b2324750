//! The open data page: what the downloads hold, their fields, and the
//! licence.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::model::{Licence, FIELDS};
use super::service;
use crate::error::Result;
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/open-data").get(page));
}

#[derive(Template)]
#[template(path = "opendata/page.html")]
struct OpenDataPage {
    chrome: Chrome,
    licence: &'static Licence,
    count: i64,
    fields: &'static [(&'static str, &'static str)],
}

async fn page(state: web::Data<AppState>, page: Page) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let (licence, count) = state
        .db(move |conn| {
            Ok((
                service::licence(conn, &tenant)?,
                service::count(conn, &tenant)?,
            ))
        })
        .await?;
    render::page(&OpenDataPage {
        chrome: page.chrome(),
        licence,
        count,
        fields: FIELDS,
    })
}
