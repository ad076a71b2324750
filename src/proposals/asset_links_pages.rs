//! Pages of a proposal's linked assets: the list on the proposal's page,
//! the form on its edit page, and the page that form posts to (shown
//! again with its errors).

use actix_web::{web, HttpResponse};
use askama::Template;

use super::api::proposal_id;
use super::asset_links::{self, LinkedAsset, LinkingProposal};
use crate::db::ids::{AssetId, ProposalId};
use crate::error::{Error, Result};
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, see_other, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/proposals/{id}/assets").get(form).post(save));
}

/// How many assets of its area the form suggests.
const SUGGESTED: u32 = 20;

/// One box of the form.
struct Choice {
    asset: LinkedAsset,
    ticked: bool,
}

/// The form's fields (shared by the edit page and the form's own page).
#[derive(Template)]
#[template(path = "proposals/assets_fields.html")]
struct Fields {
    chrome: Chrome,
    proposal_id: String,
    choices: Vec<Choice>,
    add: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "proposals/assets.html")]
struct AssetsPage {
    chrome: Chrome,
    proposal_id: String,
    title: String,
    errors: FormErrors,
    fields_html: String,
}

/// The form's fields: the proposal's linked assets and suggestions from
/// its area, each box ticked as stored (`ticked: None`) or as sent.
/// Returns the proposal's title too.
async fn fields(
    state: &AppState,
    signed_in: &SignedIn,
    id: ProposalId,
    ticked: Option<Vec<String>>,
    add: String,
    errors: FormErrors,
) -> Result<(String, String)> {
    let me = signed_in.user.clone();
    let for_load = id.clone();
    let (title, linked, suggested) = state
        .db(move |conn| {
            let p = asset_links::editable_by(conn, &me.tenant_id, &me, &for_load)?;
            let linked = asset_links::linked(conn, &me.tenant_id, &for_load)?;
            let suggested = asset_links::suggestions(conn, &me.tenant_id, &p, SUGGESTED)?;
            Ok((p.title, linked, suggested))
        })
        .await?;
    let stored: Vec<String> = linked.iter().map(|a| a.id.clone()).collect();
    let mut choices: Vec<Choice> = Vec::new();
    for asset in linked.into_iter().chain(suggested) {
        if choices.iter().any(|c| c.asset.id == asset.id) {
            continue;
        }
        let ticked = match &ticked {
            Some(sent) => sent.contains(&asset.id),
            None => stored.contains(&asset.id),
        };
        choices.push(Choice { asset, ticked });
    }
    let html = Fields {
        chrome: signed_in.page.chrome(),
        proposal_id: id.to_string(),
        choices,
        add,
        errors,
    }
    .render()
    .map_err(|e| Error::Internal(format!("template failed: {e}")))?;
    Ok((title, html))
}

/// The linked-assets form for the proposal's edit page, as HTML.
pub async fn edit_section(
    state: &AppState,
    signed_in: &SignedIn,
    id: &ProposalId,
) -> Result<String> {
    let (_, html) = fields(
        state,
        signed_in,
        id.clone(),
        None,
        String::new(),
        FormErrors::default(),
    )
    .await?;
    Ok(html)
}

async fn form(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let (title, fields_html) = fields(
        &state,
        &signed_in,
        id.clone(),
        None,
        String::new(),
        FormErrors::default(),
    )
    .await?;
    render::page(&AssetsPage {
        chrome: signed_in.page.chrome(),
        proposal_id: id.to_string(),
        title,
        errors: FormErrors::default(),
        fields_html,
    })
}

/// Asset ids typed in the "add" box: ids or addresses of asset pages,
/// separated by spaces or commas.
fn typed_ids(raw: &str) -> Vec<String> {
    raw.split([',', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.trim_end_matches('/');
            let last = w.rsplit('/').next().unwrap_or(w);
            // An address of an asset's page names its id last.
            match last.parse::<AssetId>() {
                Ok(id) => id.to_string(),
                Err(_) => w.to_owned(),
            }
        })
        .collect()
}

async fn save(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
    submitted: ProtectedForm<Vec<(String, String)>>,
) -> Result<HttpResponse> {
    let id = proposal_id(&path)?;
    let ticked: Vec<String> = submitted
        .form
        .iter()
        .filter(|(k, _)| k == "asset_ids")
        .map(|(_, v)| v.clone())
        .collect();
    let add = submitted
        .form
        .iter()
        .find(|(k, _)| k == "asset_add")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut wanted = ticked.clone();
    wanted.extend(typed_ids(&add));
    let me = signed_in.user.clone();
    let for_save = id.clone();
    match state
        .db(move |conn| asset_links::set(conn, &me.tenant_id, &me, &for_save, &wanted))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}?done=assets"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            let summary = FormErrors::from_error(Error::Validation(errors.list().to_vec()))?;
            let (title, fields_html) =
                fields(&state, &signed_in, id.clone(), Some(ticked), add, errors).await?;
            let page = AssetsPage {
                chrome: signed_in.page.chrome(),
                proposal_id: id.to_string(),
                title,
                errors: summary,
                fields_html,
            };
            render::form_page(&page, &page.errors)
        }
    }
}

/// The list of assets a proposal builds on, for its page.
#[derive(Template)]
#[template(path = "proposals/assets_list.html")]
struct ListSection {
    chrome: Chrome,
    proposal_id: String,
    assets: Vec<LinkedAsset>,
    /// Its authors may change the list now.
    may_edit: bool,
}

/// The linked assets of a proposal the viewer may see (as
/// `asset_links::linked` loads them), as HTML for its page.
pub fn render_show_section(
    page: &Page,
    id: &ProposalId,
    assets: Vec<LinkedAsset>,
    may_edit: bool,
) -> Result<String> {
    ListSection {
        chrome: page.chrome(),
        proposal_id: id.to_string(),
        assets,
        may_edit,
    }
    .render()
    .map_err(|e| Error::Internal(format!("template failed: {e}")))
}

/// The proposals building on an asset, for the asset's page.
pub async fn linking(
    state: &AppState,
    page: &Page,
    asset: &AssetId,
) -> Result<Vec<LinkingProposal>> {
    let tenant = page.tenant.id.clone();
    let asset = asset.clone();
    state
        .db(move |conn| asset_links::proposals_linking(conn, &tenant, &asset))
        .await
}

#[cfg(test)]
mod tests {
    use super::typed_ids;

    #[test]
    fn typed_ids_take_addresses_and_ids() {
        let id = crate::db::ids::AssetId::new().to_string();
        let upper = id.to_uppercase();
        assert_eq!(
            typed_ids(&format!("https://x.test/assets/{id}/, {upper} nonsense")),
            [id.clone(), id, "nonsense".to_owned()]
        );
        assert!(typed_ids("  ").is_empty());
    }
}
