//! Reading the open data: the licence, and the proposals a batch at a
//! time.

use std::collections::HashMap;

use diesel::prelude::*;

use super::model::{licence_or_default, Licence, OpenProposal};
use crate::db::ids::{AreaId, ProposalId, TenantId, UserId};
use crate::db::schema::proposals;
use crate::db::DbConn;
use crate::error::Result;
use crate::proposals::{Proposal, Status};

/// How many proposals each step of a download reads.
pub const BATCH: i64 = 500;

/// The licence the place publishes under.
pub fn licence(conn: &mut DbConn, tenant: &TenantId) -> Result<&'static Licence> {
    Ok(licence_or_default(
        &crate::places::settings::current(conn, tenant)?.open_data_licence,
    ))
}

/// How many proposals the open data holds now.
pub fn count(conn: &mut DbConn, tenant: &TenantId) -> Result<i64> {
    Ok(proposals::table
        .filter(proposals::tenant_id.eq(tenant))
        .filter(proposals::status.ne(Status::Draft.as_str()))
        .filter(proposals::hidden_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The next `limit` proposals of the open data after `after`, in id order
/// (ids are time-ordered, so oldest first): never drafts, never hidden
/// ones, each with its tags, area, evaluation results and, where the
/// author's profile shows it to everyone, the author's name.
pub fn batch(
    conn: &mut DbConn,
    tenant: &TenantId,
    after: Option<&ProposalId>,
    limit: i64,
) -> Result<Vec<OpenProposal>> {
    let mut query = proposals::table
        .filter(proposals::tenant_id.eq(tenant))
        .filter(proposals::status.ne(Status::Draft.as_str()))
        .filter(proposals::hidden_at.is_null())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(proposals::id.gt(after));
    }
    let rows: Vec<Proposal> = query
        .order(proposals::id.asc())
        .limit(limit)
        .select(Proposal::as_select())
        .load(conn)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<ProposalId> = rows.iter().map(|p| p.id.clone()).collect();
    let mut tags = crate::proposals::service::tags_of(conn, tenant, &ids)?;
    let mut results = crate::evaluation::service::results_of(conn, tenant, &ids)?;
    let areas: HashMap<AreaId, String> = crate::places::service::all(conn, tenant)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut names: HashMap<UserId, Option<String>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let author_name = match &p.author_id {
            None => None,
            Some(author) => match names.get(author) {
                Some(known) => known.clone(),
                None => {
                    // What anyone, not signed in, may see of the profile.
                    let name = crate::profiles::service::view(conn, tenant, author, None)?
                        .and_then(|v| v.display_name);
                    names.insert(author.clone(), name.clone());
                    name
                }
            },
        };
        let r = results.remove(&p.id);
        out.push(OpenProposal {
            tags: tags.remove(&p.id).unwrap_or_default(),
            area_name: p.area_id.as_ref().and_then(|a| areas.get(a).cloned()),
            area_id: p.area_id.as_ref().map(ToString::to_string),
            evaluation_count: r.as_ref().map_or(0, |r| r.count),
            evaluation_average: r.and_then(|r| r.average),
            id: p.id.to_string(),
            status: p.status().as_str().to_owned(),
            title: p.title,
            intended_outcome: p.intended_outcome,
            supports: p.support_count,
            created_at: p.created_at,
            updated_at: p.updated_at,
            published_at: p.published_at,
            author_name,
        });
    }
    Ok(out)
}
