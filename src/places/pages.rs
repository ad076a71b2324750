//! The public pages of a place's areas: the tree of areas, and each area
//! with its parent, the areas inside it and what happens there.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::model::Area;
use super::service;
use crate::db::ids::AreaId;
use crate::error::{Error, Result};
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/areas").get(tree))
        .service(web::resource("/areas/{id}").get(area));
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

#[derive(Template)]
#[template(path = "places/area.html")]
struct AreaPage {
    chrome: Chrome,
    area: Area,
    parent: Option<Area>,
    children: Vec<Area>,
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
    let (area, parent, children, proposals) = state
        .db(move |conn| {
            let Some(area) = service::find(conn, &tenant, &id)? else {
                return Err(Error::NotFound);
            };
            let parent = match &area.parent_id {
                Some(p) => service::find(conn, &tenant, p)?,
                None => None,
            };
            let children = service::all(conn, &tenant)?
                .into_iter()
                .filter(|a| a.parent_id.as_ref() == Some(&area.id))
                .collect();
            let proposals = crate::proposals::service::in_area(conn, &tenant, &area.id, 20)?;
            Ok((area, parent, children, proposals))
        })
        .await?;
    render::page(&AreaPage {
        chrome: page.chrome(),
        area,
        parent,
        children,
        proposals,
    })
}
