//! The open data page: what the downloads hold, their fields, and the
//! licence.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::model::{Licence, FIELDS};
use super::service;
use crate::error::Result;
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};
use crate::i18n::Language;
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
    /// Each field's name and what it means, in the page's language.
    fields: Vec<(&'static str, String)>,
}

/// What a field means, in `lang` (the files themselves carry English).
fn meaning(field: &str, english: &str, lang: Language) -> String {
    lang.t_dynamic(&format!("opendata-field-{}", field.replace('_', "-")))
        .unwrap_or_else(|| english.to_owned())
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
        fields: FIELDS
            .iter()
            .map(|(name, english)| (*name, meaning(name, english, page.language)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field's meaning is translated, and the English one is the
    /// files' own.
    #[test]
    fn every_field_has_its_meaning_in_every_language() {
        for (name, english) in FIELDS {
            let key = format!("opendata-field-{}", name.replace('_', "-"));
            for lang in Language::ALL {
                assert!(lang.t_dynamic(&key).is_some(), "{lang} lacks {key}");
            }
            assert_eq!(meaning(name, english, Language::En), *english);
        }
    }
}
