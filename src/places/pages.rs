//! The public pages of a place's areas: the tree of areas, and each area
//! with its parent, the areas inside it and what happens there.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::model::{Area, AreaKind};
use super::service;
use crate::db::ids::AreaId;
use crate::error::{Error, Result};
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};
use crate::i18n::Language;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/areas").get(tree))
        .service(web::resource("/areas/{id}").get(area));
}

/// How a page names an area's kind, in `lang`.
pub fn kind_label(kind: &AreaKind, lang: impl Into<Language>) -> String {
    let lang: Language = lang.into();
    match kind {
        AreaKind::City => lang.t("places-kind-city"),
        AreaKind::Ward => lang.t("places-kind-ward"),
        AreaKind::Neighbourhood => lang.t("places-kind-neighbourhood"),
        AreaKind::Other => lang.t("places-kind-other"),
    }
}

/// A top-level area and the areas directly inside it.
struct Branch {
    area: Area,
    children: Vec<Area>,
}

#[derive(Template)]
#[template(path = "places/areas.html")]
struct TreePage {
    chrome: Chrome,
    branches: Vec<Branch>,
}

async fn tree(state: web::Data<AppState>, page: Page) -> Result<HttpResponse> {
    let tenant = page.tenant.id.clone();
    let areas = state.db(move |conn| service::all(conn, &tenant)).await?;
    let branches = areas
        .iter()
        .filter(|a| a.parent_id.is_none())
        .map(|top| Branch {
            area: top.clone(),
            children: areas
                .iter()
                .filter(|a| a.parent_id.as_ref() == Some(&top.id))
                .cloned()
                .collect(),
        })
        .collect();
    render::page(&TreePage {
        chrome: page.chrome(),
        branches,
    })
}

/// How many assets and organisations an area's page lists before it links
/// to the whole list.
pub const AREA_PAGE_CAP: usize = 10;

/// An organisation serving an area, as its page links to it.
struct Serving {
    id: String,
    name: String,
    verified: bool,
}

#[derive(Template)]
#[template(path = "places/area.html")]
struct AreaPage {
    chrome: Chrome,
    area: Area,
    parent: Option<Area>,
    children: Vec<Area>,
    /// The first assets in the area or inside it, newest first.
    assets: Vec<crate::assets::model::AssetView>,
    assets_total: i64,
    /// Organisations whose areas served name this area (or one inside
    /// it), or which offer assets here; by name, capped.
    organisations: Vec<Serving>,
    organisations_total: usize,
    /// The newest proposals made for this area.
    proposals: Vec<crate::proposals::model::ProposalSummary>,
}

async fn area(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id: AreaId = path.parse().map_err(|_| Error::NotFound)?;
    let tenant = page.tenant.id.clone();
    let viewer = page.user().cloned();
    let (area, parent, children, (assets, assets_total), organisations, proposals) = state
        .db(move |conn| {
            let Some(area) = service::find(conn, &tenant, &id)? else {
                return Err(Error::NotFound);
            };
            let parent = match &area.parent_id {
                Some(p) => service::find(conn, &tenant, p)?,
                None => None,
            };
            let all = service::all(conn, &tenant)?;
            let children = all
                .iter()
                .filter(|a| a.parent_id.as_ref() == Some(&area.id))
                .cloned()
                .collect();
            let assets = what_is_offered(conn, &tenant, &area, viewer.as_ref())?;
            let organisations = serving(conn, &tenant, &area, &all)?;
            let proposals = crate::proposals::service::in_area(conn, &tenant, &area.id, 20)?;
            Ok((area, parent, children, assets, organisations, proposals))
        })
        .await?;
    render::page(&AreaPage {
        chrome: page.chrome(),
        area,
        parent,
        children,
        assets,
        assets_total,
        organisations_total: organisations.len(),
        organisations: organisations.into_iter().take(AREA_PAGE_CAP).collect(),
        proposals,
    })
}

/// The first assets in an area or inside it, and how many there are.
fn what_is_offered(
    conn: &mut crate::db::DbConn,
    tenant: &crate::db::ids::TenantId,
    area: &Area,
    viewer: Option<&crate::accounts::User>,
) -> Result<(Vec<crate::assets::model::AssetView>, i64)> {
    use crate::assets::service as assets;
    let filter = assets::Filter {
        area: Some(area.id.clone()),
        ..Default::default()
    };
    let first = crate::http::pagination::Paging {
        page: 1,
        per_page: AREA_PAGE_CAP as u32,
    };
    let (found, total) = assets::list(conn, tenant, &filter, first)?;
    Ok((assets::present_all(conn, &found, viewer)?, total))
}

/// Organisations serving an area: those whose areas served name it or an
/// area inside it, and those offering assets there; by name.
fn serving(
    conn: &mut crate::db::DbConn,
    tenant: &crate::db::ids::TenantId,
    area: &Area,
    all: &[Area],
) -> Result<Vec<Serving>> {
    use crate::organisations::service as organisations;
    let inside = crate::assets::service::area_and_inside(conn, tenant, &area.id)?;
    let names: Vec<&str> = all
        .iter()
        .filter(|a| inside.contains(&a.id))
        .map(|a| a.name.as_str())
        .collect();
    let mut found = organisations::serving(conn, tenant, &names)?;
    for id in crate::assets::service::organisations_with_assets_in(conn, tenant, &inside)? {
        if !found.iter().any(|o| o.id == id) {
            found.extend(organisations::find(conn, tenant, &id)?);
        }
    }
    found.sort_by(|a, b| a.name_key.cmp(&b.name_key));
    Ok(found
        .into_iter()
        .map(|o| Serving {
            id: o.id.to_string(),
            verified: o.verified_at.is_some(),
            name: o.name,
        })
        .collect())
}
