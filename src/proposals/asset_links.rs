//! The assets a proposal builds on: its authors link the skills, spaces,
//! services, groups and equipment of the place's asset map (only assets
//! anyone may see: of this place, not withdrawn), at most
//! [`MAX_LINKED`], while what the proposal says can still change. A list
//! is replaced whole: one unknown id (another place's, a withdrawn one,
//! nonsense) refuses the lot and nothing changes. An asset's page lists
//! the proposals that build on it.

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::model::{Proposal, Status};
use super::service;
use crate::accounts::User;
use crate::assets::model::AssetSummary;
use crate::audit::{self, Event};
use crate::db::ids::{AssetId, ProposalId, TenantId};
use crate::db::schema::{proposal_assets, proposals};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};

/// The most assets one proposal links.
pub const MAX_LINKED: usize = 20;

/// An asset a proposal builds on, as the API and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LinkedAsset {
    pub id: String,
    pub name: String,
    /// `skill`, `space`, `service`, `group` or `equipment`.
    pub kind: String,
    pub area_id: Option<String>,
    /// Set when an organisation offers it.
    pub organisation_id: Option<String>,
}

impl From<AssetSummary> for LinkedAsset {
    fn from(a: AssetSummary) -> Self {
        Self {
            id: a.id.to_string(),
            name: a.name,
            kind: a.kind.as_str().to_owned(),
            area_id: a.area_id.map(|x| x.to_string()),
            organisation_id: a.organisation_id.map(|x| x.to_string()),
        }
    }
}

/// The linked assets of a proposal, as `PUT` answers them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LinkedAssets {
    pub assets: Vec<LinkedAsset>,
}

/// A proposal that builds on an asset, for the asset's page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LinkingProposal {
    pub id: String,
    pub title: String,
    pub status: Status,
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// The assets a proposal links that anyone may still see (a withdrawn
/// asset drops out of view), by name. The proposal's own visibility is
/// the caller's to check.
pub fn linked(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
) -> Result<Vec<LinkedAsset>> {
    let ids: Vec<AssetId> = crate::db::direct!(conn, |c| proposal_assets::table
        .filter(proposal_assets::tenant_id.eq(tenant))
        .filter(proposal_assets::proposal_id.eq(proposal))
        .select(proposal_assets::asset_id)
        .load(c))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(a) = crate::assets::service::find_visible(conn, tenant, &id)? {
            out.push(LinkedAsset::from(a));
        }
    }
    out.sort_by_key(|a| a.name.to_lowercase());
    Ok(out)
}

/// Checks a list of asset ids sent by a client: each must be an asset of
/// this place anyone may see; repeats count once. Every problem is one
/// field error on `asset_ids`.
fn resolve(conn: &mut DbConn, tenant: &TenantId, raw: &[String]) -> Result<Vec<AssetSummary>> {
    let mut found: Vec<AssetSummary> = Vec::new();
    let mut unknown = Vec::new();
    for r in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let asset = match r.parse::<AssetId>() {
            Ok(id) => crate::assets::service::find_visible(conn, tenant, &id)?,
            Err(_) => None,
        };
        match asset {
            Some(a) if found.iter().any(|f| f.id == a.id) => {}
            Some(a) => found.push(a),
            None => unknown.push(r.to_owned()),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::field(
            "asset_ids",
            "unknown",
            Words::of2(
                "proposals-error-assets-unknown",
                "ids",
                unknown.join(", "),
                "n",
                unknown.len(),
            ),
        ));
    }
    if found.len() > MAX_LINKED {
        return Err(Error::field(
            "asset_ids",
            "too_many",
            Words::of1("proposals-error-too-many-assets", "max", MAX_LINKED),
        ));
    }
    Ok(found)
}

/// The proposal, if `actor` may change its linked assets: one of its
/// authors (403 otherwise), while what it says can change (409 after a
/// decision).
pub fn editable_by(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &ProposalId,
) -> Result<Proposal> {
    let p = service::visible(conn, tenant, id, Some(actor))?;
    if !service::standing(conn, tenant, &p, &actor.id)?.writes() {
        return Err(Error::Forbidden(
            Words::of("proposals-error-only-authors-assets").into(),
        ));
    }
    if !p.status().editable() {
        return Err(Error::conflict(
            "proposal_decided",
            Words::of("proposals-error-decided"),
        ));
    }
    Ok(p)
}

/// Replaces the assets a proposal builds on (its authors), all or
/// nothing.
pub fn set(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &ProposalId,
    raw: &[String],
) -> Result<Vec<LinkedAsset>> {
    write_transaction(conn, |conn| {
        let p = editable_by(conn, tenant, actor, id)?;
        let wanted = resolve(conn, tenant, raw)?;
        let before: Vec<AssetId> = proposal_assets::table
            .filter(proposal_assets::tenant_id.eq(tenant))
            .filter(proposal_assets::proposal_id.eq(id))
            .select(proposal_assets::asset_id)
            .load(conn)?;
        let mut same = before.len() == wanted.len();
        same = same && wanted.iter().all(|w| before.contains(&w.id));
        if !same {
            diesel::delete(
                proposal_assets::table
                    .filter(proposal_assets::tenant_id.eq(tenant))
                    .filter(proposal_assets::proposal_id.eq(id)),
            )
            .execute(conn)?;
            let at = now();
            for a in &wanted {
                diesel::insert_into(proposal_assets::table)
                    .values((
                        proposal_assets::tenant_id.eq(tenant),
                        proposal_assets::proposal_id.eq(id),
                        proposal_assets::asset_id.eq(&a.id),
                        proposal_assets::linked_at.eq(at),
                    ))
                    .execute(conn)?;
            }
            if p.status() != Status::Draft {
                service::touch(conn, tenant, id)?;
            }
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::ProposalAssetsLinked)
                    .by(&actor.id)
                    .detail(json!({"proposal": id, "assets": wanted.len()})),
            )?;
        }
        linked(conn, tenant, id)
    })
}

/// The proposals (published or later, not hidden) that build on an
/// asset, newest first.
pub fn proposals_linking(
    conn: &mut DbConn,
    tenant: &TenantId,
    asset: &AssetId,
) -> Result<Vec<LinkingProposal>> {
    let rows: Vec<(ProposalId, String, String)> = proposal_assets::table
        .inner_join(
            proposals::table.on(proposals::tenant_id
                .eq(proposal_assets::tenant_id)
                .and(proposals::id.eq(proposal_assets::proposal_id))),
        )
        .filter(proposal_assets::tenant_id.eq(tenant))
        .filter(proposal_assets::asset_id.eq(asset))
        .filter(proposals::status.ne(Status::Draft.as_str()))
        .filter(proposals::hidden_at.is_null())
        .order((proposals::published_at.desc(), proposals::id.desc()))
        .select((proposals::id, proposals::title, proposals::status))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, status)| LinkingProposal {
            id: id.to_string(),
            title,
            status: Status::parse(&status).unwrap_or(Status::Published),
        })
        .collect())
}

/// Assets to suggest on a proposal's form: those in its area (and the
/// areas inside it), newest first, at most `limit`.
pub fn suggestions(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &Proposal,
    limit: u32,
) -> Result<Vec<LinkedAsset>> {
    let Some(area) = &proposal.area_id else {
        return Ok(Vec::new());
    };
    let filter = crate::assets::service::Filter {
        area: Some(area.clone()),
        ..Default::default()
    };
    let paging = crate::http::pagination::Paging {
        page: 1,
        per_page: limit,
    };
    let (rows, _) = match crate::assets::service::list(conn, tenant, &filter, paging) {
        Ok(found) => found,
        // The area may have gone since; then there is nothing to suggest.
        Err(Error::Validation(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(rows
        .iter()
        .map(|a| LinkedAsset::from(AssetSummary::from(a)))
        .collect())
}
