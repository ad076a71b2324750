//! The rules of evaluation: who is invited when a proposal is delivered,
//! who may rate and when, the results, the outcomes dashboard, and what
//! happens to a person's ratings when they leave.

use std::collections::HashMap;

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde_json::json;

use super::model::*;
use crate::accounts::User;
use crate::audit::{self, Event};
use crate::db::ids::{ProposalId, TenantId, UserId};
use crate::db::schema::{evaluation_invitations, evaluation_ratings, proposals};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;
use crate::notifications::{Audience, Mailing, Notice};
use crate::proposals::service as proposals_service;
use crate::proposals::{Proposal, Status};

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Opens the evaluation of a proposal that has just been delivered,
/// inside the caller's transaction (`proposals::service::change_status`
/// calls this): its supporters, and the verified residents of its area
/// and the areas inside it, are invited, each once. A proposal for the
/// whole place (no area) invites its supporters. Returns how many were
/// invited.
pub fn open(
    conn: &mut DbConn,
    mailing: &Mailing,
    tenant: &TenantId,
    actor: &UserId,
    proposal: &Proposal,
) -> Result<usize> {
    let mut people: Vec<(UserId, Reason)> =
        proposals_service::supporters_of(conn, tenant, &proposal.id)?
            .into_iter()
            .map(|u| (u, Reason::Supporter))
            .collect();
    if let Some(area) = &proposal.area_id {
        let areas = crate::assets::service::area_and_inside(conn, tenant, area)?;
        for person in crate::residency::areas::residents_in(conn, tenant, &areas)? {
            if !people.iter().any(|(p, _)| *p == person) {
                people.push((person, Reason::Resident));
            }
        }
    }
    let at = now();
    let mut invited = Vec::new();
    for (person, reason) in &people {
        let already = evaluation_invitations::table
            .find((tenant, &proposal.id, person))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if already {
            continue;
        }
        diesel::insert_into(evaluation_invitations::table)
            .values((
                evaluation_invitations::tenant_id.eq(tenant),
                evaluation_invitations::proposal_id.eq(&proposal.id),
                evaluation_invitations::user_id.eq(person),
                evaluation_invitations::reason.eq(reason.as_str()),
                evaluation_invitations::invited_at.eq(at),
            ))
            .execute(conn)?;
        invited.push((person.clone(), *reason));
    }
    let count = invited.len();
    // The invitation goes out as each person chose to hear of things: now,
    // in their digest, or not at all; always with an unsubscribe link.
    for reason in [Reason::Supporter, Reason::Resident] {
        let group: Vec<UserId> = invited
            .iter()
            .filter(|(_, r)| *r == reason)
            .map(|(p, _)| p.clone())
            .collect();
        crate::notifications::service::notify(
            conn,
            mailing,
            tenant,
            Audience::people(group),
            &Notice::EvaluationInvitation {
                proposal: proposal.id.clone(),
                // A code, so each person's email says it in their language.
                because: Some(reason.as_str().to_owned()),
            },
        )?;
    }
    audit::service::record(
        conn,
        tenant,
        Event::new(audit::Kind::EvaluationOpened)
            .by(actor)
            .detail(json!({"proposal": proposal.id, "invited": count})),
    )?;
    Ok(count)
}

/// Why a person was invited to evaluate a proposal, if they were.
pub fn invitation_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
    person: &UserId,
) -> Result<Option<Reason>> {
    let reason: Option<String> = evaluation_invitations::table
        .find((tenant, proposal, person))
        .select(evaluation_invitations::reason)
        .first(conn)
        .optional()?;
    Ok(reason.as_deref().and_then(Reason::parse))
}

fn require_open(proposal: &Proposal) -> Result<()> {
    match State::of(proposal.status()) {
        State::Open => Ok(()),
        State::NotStarted => Err(Error::conflict(
            "evaluation_not_open",
            Words::of("evaluation-error-not-open"),
        )),
        State::Closed => Err(Error::conflict(
            "evaluation_closed",
            Words::of("evaluation-error-closed"),
        )),
    }
}

fn not_invited() -> Error {
    Error::refused("not_invited", Words::of("evaluation-error-not-invited"))
}

type RatingRow = (i32, Option<String>, bool, NaiveDateTime, NaiveDateTime);

fn your_rating(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
    person: &UserId,
) -> Result<Option<YourRating>> {
    let row: Option<RatingRow> = evaluation_ratings::table
        .find((tenant, proposal, person))
        .select((
            evaluation_ratings::rating,
            evaluation_ratings::comment,
            evaluation_ratings::show_name,
            evaluation_ratings::created_at,
            evaluation_ratings::updated_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(rating, comment, show_name, created_at, updated_at)| YourRating {
            rating,
            comment,
            show_name,
            created_at,
            updated_at,
        },
    ))
}

/// The proposal, if `person` may rate it now: one they may read (404,
/// 410), delivered and not yet evaluated (409), and they were invited
/// (403 `not_invited`).
pub fn may_rate(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
) -> Result<Proposal> {
    let proposal = proposals_service::visible(conn, tenant, id, Some(person))?;
    require_open(&proposal)?;
    if invitation_of(conn, tenant, id, &person.id)?.is_none() {
        tracing::warn!(user = %person.id, proposal = %id, "not invited to evaluate");
        return Err(not_invited());
    }
    Ok(proposal)
}

/// Rates a delivered proposal (the people invited to, while its
/// evaluation is open): one rating per person, a second replaces the
/// first.
pub fn rate(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
    rating: &Rating,
) -> Result<YourRating> {
    write_transaction(conn, |conn| {
        may_rate(conn, tenant, person, id)?;
        let at = now();
        let key = (tenant, id, &person.id);
        let updated = diesel::update(evaluation_ratings::table.find(key))
            .set((
                evaluation_ratings::rating.eq(rating.value),
                evaluation_ratings::comment.eq(&rating.comment),
                evaluation_ratings::show_name.eq(rating.show_name),
                evaluation_ratings::updated_at.eq(at),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(evaluation_ratings::table)
                .values((
                    evaluation_ratings::tenant_id.eq(tenant),
                    evaluation_ratings::proposal_id.eq(id),
                    evaluation_ratings::user_id.eq(&person.id),
                    evaluation_ratings::rating.eq(rating.value),
                    evaluation_ratings::comment.eq(&rating.comment),
                    evaluation_ratings::show_name.eq(rating.show_name),
                    evaluation_ratings::created_at.eq(at),
                    evaluation_ratings::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::EvaluationRated)
                .of(&person.id)
                .detail(json!({"proposal": id, "changed": updated > 0})),
        )?;
        your_rating(conn, tenant, id, &person.id)?
            .ok_or_else(|| Error::Internal("a rating just written is missing".into()))
    })
}

/// Takes back a rating while the evaluation is open; taking back one
/// that is not there changes nothing.
pub fn withdraw(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        may_rate(conn, tenant, person, id)?;
        diesel::delete(evaluation_ratings::table.find((tenant, id, &person.id))).execute(conn)?;
        Ok(())
    })
}

/// The results of several proposals' evaluations at once (one grouped
/// query); a proposal nobody rated is absent.
pub fn results_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    ids: &[ProposalId],
) -> Result<HashMap<ProposalId, Results>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(ProposalId, i32, i64)> = evaluation_ratings::table
        .filter(evaluation_ratings::tenant_id.eq(tenant))
        .filter(evaluation_ratings::proposal_id.eq_any(ids))
        .group_by((evaluation_ratings::proposal_id, evaluation_ratings::rating))
        .select((
            evaluation_ratings::proposal_id,
            evaluation_ratings::rating,
            count_star(),
        ))
        .load(conn)?;
    let mut counts: HashMap<ProposalId, [i64; 5]> = HashMap::new();
    for (id, rating, n) in rows {
        if let Some(slot) = usize::try_from(rating - 1).ok().filter(|i| *i < 5) {
            counts.entry(id).or_insert([0; 5])[slot] = n;
        }
    }
    Ok(counts
        .into_iter()
        .map(|(id, c)| (id, Results::from_counts(c)))
        .collect())
}

/// The results of one proposal's evaluation.
pub fn results(conn: &mut DbConn, tenant: &TenantId, id: &ProposalId) -> Result<Results> {
    Ok(results_of(conn, tenant, std::slice::from_ref(id))?
        .remove(id)
        .unwrap_or_else(Results::empty))
}

type CommentRow = (UserId, i32, Option<String>, bool, NaiveDateTime);

/// A proposal's evaluation as `viewer` may see it: anyone who may read
/// the proposal sees the results and the comments (names only where the
/// person chose to show theirs and their profile lets the viewer see
/// it); a signed-in person also sees their own part.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    viewer: Option<&User>,
    paging: Paging,
) -> Result<EvaluationView> {
    let p = proposals_service::visible(conn, tenant, id, viewer)?;
    let state = State::of(p.status());
    let invited: i64 = evaluation_invitations::table
        .filter(evaluation_invitations::tenant_id.eq(tenant))
        .filter(evaluation_invitations::proposal_id.eq(id))
        .count()
        .get_result(conn)?;
    let with_comment = || {
        evaluation_ratings::table
            .filter(evaluation_ratings::tenant_id.eq(tenant))
            .filter(evaluation_ratings::proposal_id.eq(id))
            .filter(evaluation_ratings::comment.is_not_null())
    };
    let total: i64 = with_comment().count().get_result(conn)?;
    let rows: Vec<CommentRow> = with_comment()
        .order((
            evaluation_ratings::updated_at.desc(),
            evaluation_ratings::user_id.asc(),
        ))
        .offset(paging.offset())
        .limit(paging.limit())
        .select((
            evaluation_ratings::user_id,
            evaluation_ratings::rating,
            evaluation_ratings::comment,
            evaluation_ratings::show_name,
            evaluation_ratings::updated_at,
        ))
        .load(conn)?;
    let mut names = proposals_service::Names::new(tenant, viewer);
    let mut items = Vec::with_capacity(rows.len());
    for (person, rating, comment, show_name, rated_at) in rows {
        let name = if show_name {
            Some(names.of(conn, Some(&person))?)
        } else {
            None
        };
        items.push(RatingComment {
            name,
            rating,
            comment: comment.unwrap_or_default(),
            rated_at,
        });
    }
    let you = match viewer {
        Some(v) if v.tenant_id == *tenant => {
            let reason = invitation_of(conn, tenant, id, &v.id)?;
            Some(YourPart {
                invited: reason.is_some(),
                reason,
                may_rate: reason.is_some() && state == State::Open,
                rating: your_rating(conn, tenant, id, &v.id)?,
            })
        }
        _ => None,
    };
    Ok(EvaluationView {
        proposal_id: p.id.to_string(),
        title: p.title.clone(),
        intended_outcome: p.intended_outcome.clone(),
        status: p.status(),
        state,
        invited,
        results: results(conn, tenant, id)?,
        comments: CommentPage {
            items,
            page: i64::from(paging.page),
            per_page: i64::from(paging.per_page),
            total,
        },
        you,
    })
}

/// The place's delivered and evaluated proposals (not hidden), most
/// recently moved first, a page at a time, each with its results: the
/// outcomes dashboard.
pub fn outcomes(
    conn: &mut DbConn,
    tenant: &TenantId,
    paging: Paging,
) -> Result<(Vec<Outcome>, i64)> {
    let finished = [Status::Delivered.as_str(), Status::Evaluated.as_str()];
    let filtered = || {
        proposals::table
            .filter(proposals::tenant_id.eq(tenant))
            .filter(proposals::status.eq_any(finished))
            .filter(proposals::hidden_at.is_null())
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<Proposal> = filtered()
        .order((proposals::updated_at.desc(), proposals::id.desc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Proposal::as_select())
        .load(conn)?;
    let ids: Vec<ProposalId> = rows.iter().map(|p| p.id.clone()).collect();
    let mut results = results_of(conn, tenant, &ids)?;
    Ok((
        rows.into_iter()
            .map(|p| Outcome {
                results: results.remove(&p.id).unwrap_or_else(Results::empty),
                proposal_id: p.id.to_string(),
                status: p.status(),
                area_id: p.area_id.as_ref().map(ToString::to_string),
                title: p.title,
                intended_outcome: p.intended_outcome,
            })
            .collect(),
        total,
    ))
}

/// Everything about a person in evaluations, for their data export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    let invitations: Vec<(ProposalId, String, String, NaiveDateTime)> =
        evaluation_invitations::table
            .inner_join(
                proposals::table.on(proposals::tenant_id
                    .eq(evaluation_invitations::tenant_id)
                    .and(proposals::id.eq(evaluation_invitations::proposal_id))),
            )
            .filter(evaluation_invitations::tenant_id.eq(tenant))
            .filter(evaluation_invitations::user_id.eq(person))
            .order(evaluation_invitations::invited_at.asc())
            .select((
                proposals::id,
                proposals::title,
                evaluation_invitations::reason,
                evaluation_invitations::invited_at,
            ))
            .load(conn)?;
    type Row = (
        ProposalId,
        String,
        i32,
        Option<String>,
        bool,
        NaiveDateTime,
        NaiveDateTime,
    );
    let ratings: Vec<Row> = evaluation_ratings::table
        .inner_join(
            proposals::table.on(proposals::tenant_id
                .eq(evaluation_ratings::tenant_id)
                .and(proposals::id.eq(evaluation_ratings::proposal_id))),
        )
        .filter(evaluation_ratings::tenant_id.eq(tenant))
        .filter(evaluation_ratings::user_id.eq(person))
        .order(evaluation_ratings::created_at.asc())
        .select((
            proposals::id,
            proposals::title,
            evaluation_ratings::rating,
            evaluation_ratings::comment,
            evaluation_ratings::show_name,
            evaluation_ratings::created_at,
            evaluation_ratings::updated_at,
        ))
        .load(conn)?;
    Ok(PersonalData {
        invitations: invitations
            .into_iter()
            .map(|(id, title, reason, invited_at)| InvitationData {
                proposal_id: id.to_string(),
                title,
                reason,
                invited_at,
            })
            .collect(),
        ratings: ratings
            .into_iter()
            .map(
                |(id, title, rating, comment, show_name, created_at, updated_at)| RatingData {
                    proposal_id: id.to_string(),
                    title,
                    rating,
                    comment,
                    show_name,
                    created_at,
                    updated_at,
                },
            )
            .collect(),
    })
}

/// What erasure does with a person's evaluations, inside the caller's
/// transaction: their ratings (and comments) and invitations go, and the
/// results no longer count them.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        evaluation_ratings::table
            .filter(evaluation_ratings::tenant_id.eq(tenant))
            .filter(evaluation_ratings::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        evaluation_invitations::table
            .filter(evaluation_invitations::tenant_id.eq(tenant))
            .filter(evaluation_invitations::user_id.eq(person)),
    )
    .execute(conn)?;
    Ok(())
}
