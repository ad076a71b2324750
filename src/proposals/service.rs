//! The rules of proposals: who sees drafts, who edits, who moves a
//! proposal along its lifecycle, supports, co-authors, lists, and what
//! happens to a person's proposals when they leave.
//!
//! Other rooms build on [`find`], [`visible`], [`record_event`] (append to
//! a proposal's public timeline), [`touch`] (bump its "recently active"
//! time), [`authors_of`] and [`supporters_of`].

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, Timestamp};
use serde_json::json;

use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{Role, User};
use crate::audit::{self, Event};
use crate::db::ids::{AreaId, BoardId, ProposalEntryId, ProposalId, TenantId, UserId};
use crate::db::schema::{
    proposal_coauthors, proposal_counts, proposal_events, proposal_revisions, proposal_supports,
    proposal_tags, proposals,
};
use crate::db::{direct, execute_prepared, first_rows, prepared, write_transaction, DbConn, Rows};
use crate::error::{Error, Result, Words};
use crate::http::pagination::{Paging, DEFAULT_PER_PAGE};
use crate::notifications::service as notifications;
use crate::notifications::{
    Audience, Mailing, Notice, Reason as FollowReason, Subject as Followed,
};

/// Now, to the microsecond both databases keep exactly (so keyset
/// cursors compare equal to what was stored).
fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Supports a proposal needs before it may move into co-design.
/// The place's admins set it (default 50).
pub fn support_threshold(conn: &mut DbConn, tenant: &TenantId) -> Result<i64> {
    crate::places::settings::support_threshold(conn, tenant)
}

/// Refuses someone who may not support proposals in this place: a
/// confirmed email address and, where the place has one, its residency
/// rule.
fn require_supporter(conn: &mut DbConn, tenant: &TenantId, user: &User) -> Result<()> {
    crate::residency::service::require_resident(conn, tenant, user)
}

/// A proposal of this place, whatever its status (no visibility check:
/// for other rooms' services that check their own rules).
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &ProposalId) -> Result<Option<Proposal>> {
    Ok(direct!(conn, |c| proposals::table
        .find((tenant, id))
        .select(Proposal::as_select())
        .first(c)
        .optional())?)
}

/// How a person stands to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Wrote it.
    Author,
    /// Accepted an invitation to write it with the author.
    Coauthor,
    /// Invited, not answered yet.
    Invited,
    Other,
}

impl Standing {
    /// Authors and co-authors edit it and publish it.
    pub fn writes(self) -> bool {
        matches!(self, Standing::Author | Standing::Coauthor)
    }
}

pub fn standing(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &Proposal,
    person: &UserId,
) -> Result<Standing> {
    if proposal.author_id.as_ref() == Some(person) {
        return Ok(Standing::Author);
    }
    let status: Option<String> = proposal_coauthors::table
        .find((tenant, &proposal.id, person))
        .select(proposal_coauthors::status)
        .first(conn)
        .optional()?;
    Ok(standing_from(status.as_deref()))
}

/// How someone stands whose co-author row has `status` (if they have one).
fn standing_from(status: Option<&str>) -> Standing {
    match status {
        Some("accepted") => Standing::Coauthor,
        Some("pending") => Standing::Invited,
        _ => Standing::Other,
    }
}

/// A proposal `viewer` may see: drafts only to their authors (and to
/// people invited to co-write them); anyone else, and another place,
/// finds nothing (404). A proposal the moderators hid is read only by its
/// authors and the moderators; others are told it is hidden (410).
pub fn visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    viewer: Option<&User>,
) -> Result<Proposal> {
    let proposal = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
    if proposal.hidden() {
        let reads = match viewer {
            Some(v) if v.tenant_id == *tenant => {
                v.role() >= Role::Moderator || standing(conn, tenant, &proposal, &v.id)?.writes()
            }
            _ => false,
        };
        if !reads {
            return Err(Error::gone("hidden", Words::of("proposals-error-hidden")));
        }
    }
    if proposal.status() != Status::Draft {
        return Ok(proposal);
    }
    match viewer {
        Some(v) if v.tenant_id == *tenant => match standing(conn, tenant, &proposal, &v.id)? {
            Standing::Other => Err(Error::NotFound),
            _ => Ok(proposal),
        },
        _ => Err(Error::NotFound),
    }
}

/// The capacities in which `person` may move this proposal: the one place
/// that decides it. Facilitators of a board the proposal is linked to
/// move it as admins do.
pub fn capacities(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &Proposal,
    person: &User,
) -> Result<Vec<Mover>> {
    let standing = standing(conn, tenant, proposal, &person.id)?;
    let boards = crate::boards::service::boards_working_on(conn, tenant, &proposal.id)?;
    capacities_of(conn, tenant, person, standing, &boards)
}

/// The same, for a caller that knows how `person` stands to the proposal
/// and which boards work on it.
fn capacities_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    standing: Standing,
    boards: &[BoardId],
) -> Result<Vec<Mover>> {
    let mut held = Vec::new();
    if standing.writes() {
        held.push(Mover::Author);
    }
    if person.role() == Role::Admin {
        held.push(Mover::Admin);
    }
    for board in boards {
        if crate::boards::service::is_facilitator(conn, tenant, board, &person.id)? {
            held.push(Mover::Facilitator);
            break;
        }
    }
    Ok(held)
}

/// The moves `person`, who stands to this proposal as `standing` says, may
/// offer on it now (the page's status actions); each is still checked in
/// full when made. `boards` are those working on it
/// ([`crate::boards::service::boards_working_on`]).
pub fn moves_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &Proposal,
    person: &User,
    standing: Standing,
    boards: &[BoardId],
) -> Result<Vec<&'static Transition>> {
    let held = capacities_of(conn, tenant, person, standing, boards)?;
    Ok(moves_from(proposal.status())
        .filter(|t| t.by.iter().any(|m| held.contains(m)))
        .collect())
}

/// An entry to append to a proposal's public timeline.
pub struct NewEvent<'a> {
    /// `created`, `status_changed`, `edited`; other rooms add their own.
    pub kind: &'a str,
    pub actor: Option<&'a UserId>,
    pub from: Option<Status>,
    pub to: Option<Status>,
    /// The public reason or response.
    pub reason: Option<&'a str>,
    /// A JSON object for what a kind needs beyond the above.
    pub detail: serde_json::Value,
}

/// Appends to a proposal's public timeline, inside the caller's
/// transaction.
pub fn record_event(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
    event: NewEvent<'_>,
) -> Result<()> {
    diesel::insert_into(proposal_events::table)
        .values((
            proposal_events::tenant_id.eq(tenant),
            proposal_events::proposal_id.eq(proposal),
            proposal_events::id.eq(ProposalEntryId::new()),
            proposal_events::occurred_at.eq(now()),
            proposal_events::kind.eq(event.kind),
            proposal_events::actor_id.eq(event.actor),
            proposal_events::from_status.eq(event.from.map(Status::as_str)),
            proposal_events::to_status.eq(event.to.map(Status::as_str)),
            proposal_events::reason.eq(event.reason),
            proposal_events::detail.eq(event.detail.to_string()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Hides a proposal from everyone but its authors and the moderators, or
/// shows it again, inside the caller's transaction. Only the moderation
/// room calls this; it keeps the reasons and the history.
pub fn set_hidden(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
    hidden: bool,
) -> Result<()> {
    diesel::update(proposals::table.find((tenant, proposal)))
        .set(proposals::hidden_at.eq(hidden.then(now)))
        .execute(conn)?;
    Ok(())
}

/// Marks a proposal as active now (for the "recently active" sort):
/// comments and other parts call this when something happens on it.
pub fn touch(conn: &mut DbConn, tenant: &TenantId, proposal: &ProposalId) -> Result<()> {
    diesel::update(proposals::table.find((tenant, proposal)))
        .set(proposals::last_activity_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// The people who write a proposal: its author and accepted co-authors.
pub fn authors_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &Proposal,
) -> Result<Vec<UserId>> {
    let mut people: Vec<UserId> = proposal.author_id.iter().cloned().collect();
    people.extend(
        proposal_coauthors::table
            .filter(proposal_coauthors::tenant_id.eq(tenant))
            .filter(proposal_coauthors::proposal_id.eq(&proposal.id))
            .filter(proposal_coauthors::status.eq("accepted"))
            .order(proposal_coauthors::invited_at.asc())
            .select(proposal_coauthors::user_id)
            .load::<UserId>(conn)?,
    );
    Ok(people)
}

/// The people who support a proposal, earliest first.
pub fn supporters_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
) -> Result<Vec<UserId>> {
    Ok(proposal_supports::table
        .filter(proposal_supports::tenant_id.eq(tenant))
        .filter(proposal_supports::proposal_id.eq(proposal))
        .order(proposal_supports::created_at.asc())
        .select(proposal_supports::user_id)
        .load(conn)?)
}

/// Moves the place's count of proposals in `status` by `delta`, inside
/// the caller's transaction.
fn count_change(conn: &mut DbConn, tenant: &TenantId, status: Status, delta: i64) -> Result<()> {
    let row = (
        proposal_counts::tenant_id.eq(tenant),
        proposal_counts::status.eq(status.as_str()),
        proposal_counts::n.eq(delta),
    );
    let target = (proposal_counts::tenant_id, proposal_counts::status);
    let bump = proposal_counts::n.eq(proposal_counts::n + delta);
    match conn {
        DbConn::Pg(pg) => diesel::insert_into(proposal_counts::table)
            .values(row)
            .on_conflict(target)
            .do_update()
            .set(bump)
            .execute(pg)?,
        DbConn::Sqlite(lite) => diesel::insert_into(proposal_counts::table)
            .values(row)
            .on_conflict(target)
            .do_update()
            .set(bump)
            .execute(lite)?,
    };
    Ok(())
}

/// How many listed proposals a place has, from the kept counts: in one
/// status, or in any but draft. The hidden ones, which leave lists, are
/// few and under their own index; they are taken off in the same statement
/// (as two, their round trips were a quarter of a list's on PostgreSQL).
fn counted(conn: &mut DbConn, tenant: &TenantId, status: Option<Status>) -> Result<i64> {
    let [one_status, all_but] = match conn {
        DbConn::Pg(_) => &*COUNTED_PG,
        DbConn::Sqlite(_) => &*COUNTED_SQLITE,
    };
    // Every status but draft is "all but" the one bound.
    let (sql, status) = match status {
        Some(s) => (one_status, s),
        None => (all_but, Status::Draft),
    };
    let found = direct!(conn, |c| prepared(
        diesel::sql_query(sql.as_str())
            .bind::<Text, _>(tenant)
            .bind::<Text, _>(status.as_str()),
    )
    .get_result::<Counted>(c))?;
    Ok(found.n)
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

static COUNTED_PG: LazyLock<[String; 2]> = LazyLock::new(|| counted_sql("$1", "$2"));
static COUNTED_SQLITE: LazyLock<[String; 2]> = LazyLock::new(|| counted_sql("?1", "?2"));

/// [`counted`]'s statements, for one status and for all but one, with
/// the backend's placeholders.
fn counted_sql(tenant: &str, status: &str) -> [String; 2] {
    let shape = |operator: &str| {
        format!(
            "SELECT CAST(COALESCE((SELECT SUM(n) FROM proposal_counts \
             WHERE tenant_id = {tenant} AND status {operator} {status}), 0) \
             - (SELECT COUNT(*) FROM proposals WHERE tenant_id = {tenant} \
             AND hidden_at IS NOT NULL AND status {operator} {status}) AS BIGINT) AS n"
        )
    };
    [shape("="), shape("<>")]
}

fn check_area(conn: &mut DbConn, tenant: &TenantId, area: Option<&AreaId>) -> Result<()> {
    if let Some(area) = area {
        if crate::places::service::find(conn, tenant, area)?.is_none() {
            return Err(Error::Validation(vec![unknown_area()]));
        }
    }
    Ok(())
}

fn set_tags(conn: &mut DbConn, tenant: &TenantId, id: &ProposalId, tags: &[String]) -> Result<()> {
    diesel::delete(
        proposal_tags::table
            .filter(proposal_tags::tenant_id.eq(tenant))
            .filter(proposal_tags::proposal_id.eq(id)),
    )
    .execute(conn)?;
    for tag in tags {
        diesel::insert_into(proposal_tags::table)
            .values((
                proposal_tags::tenant_id.eq(tenant),
                proposal_tags::proposal_id.eq(id),
                proposal_tags::tag.eq(tag),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The tags of some proposals, each list in order.
pub fn tags_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    ids: &[ProposalId],
) -> Result<HashMap<ProposalId, Vec<String>>> {
    let rows: Vec<(ProposalId, String)> = direct!(conn, |c| proposal_tags::table
        .filter(proposal_tags::tenant_id.eq(tenant))
        .filter(crate::db::one_of(proposal_tags::proposal_id, ids))
        .order((proposal_tags::proposal_id.asc(), proposal_tags::tag.asc()))
        .select((proposal_tags::proposal_id, proposal_tags::tag))
        .load(c))?;
    let mut map: HashMap<ProposalId, Vec<String>> = HashMap::new();
    for (id, tag) in rows {
        map.entry(id).or_default().push(tag);
    }
    Ok(map)
}

fn summaries(
    conn: &mut DbConn,
    tenant: &TenantId,
    rows: Vec<ListedProposal>,
) -> Result<Vec<ProposalSummary>> {
    let ids: Vec<ProposalId> = rows.iter().map(|p| p.id.clone()).collect();
    let mut tags = tags_of(conn, tenant, &ids)?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let tags = tags.remove(&p.id).unwrap_or_default();
            ProposalSummary::listed(p, tags)
        })
        .collect())
}

/// Writes a proposal (anyone who may take part). It is published at once
/// unless `draft` is asked for.
pub fn create(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &User,
    new: &NewProposal,
) -> Result<Proposal> {
    authz::require(author, Permission::Participate)?;
    let content = Content::check(
        &new.title,
        &new.body,
        &new.intended_outcome,
        new.area_id.as_deref(),
        new.tags.as_deref().unwrap_or_default(),
    )?;
    let publish = !new.draft.unwrap_or(false);
    write_transaction(conn, |conn| {
        check_area(conn, tenant, content.area_id.as_ref())?;
        let at = now();
        let proposal = Proposal {
            tenant_id: tenant.clone(),
            id: ProposalId::new(),
            author_id: Some(author.id.clone()),
            search_text: search_text(&content.title, &content.intended_outcome, &content.body),
            title: content.title.clone(),
            body: content.body.clone(),
            intended_outcome: content.intended_outcome.clone(),
            area_id: content.area_id.clone(),
            status: if publish {
                Status::Published
            } else {
                Status::Draft
            }
            .as_str()
            .to_owned(),
            support_count: 0,
            created_at: at,
            updated_at: at,
            published_at: publish.then_some(at),
            last_activity_at: at,
            hidden_at: None,
        };
        diesel::insert_into(proposals::table)
            .values(&proposal)
            .execute(conn)?;
        count_change(conn, tenant, proposal.status(), 1)?;
        set_tags(conn, tenant, &proposal.id, &content.tags)?;
        notifications::follow(
            conn,
            tenant,
            &author.id,
            &Followed::Proposal(proposal.id.clone()),
            FollowReason::Author,
        )?;
        record_event(
            conn,
            tenant,
            &proposal.id,
            NewEvent {
                kind: "created",
                actor: Some(&author.id),
                from: None,
                to: Some(Status::Draft),
                reason: None,
                detail: json!({}),
            },
        )?;
        if publish {
            record_event(
                conn,
                tenant,
                &proposal.id,
                NewEvent {
                    kind: "status_changed",
                    actor: Some(&author.id),
                    from: Some(Status::Draft),
                    to: Some(Status::Published),
                    reason: None,
                    detail: json!({}),
                },
            )?;
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::ProposalCreated)
                .of(&author.id)
                .detail(json!({"proposal": proposal.id, "status": proposal.status})),
        )?;
        Ok(proposal)
    })
}

/// Changes what a proposal says (its authors and co-authors, until a
/// decision is made on it). After publication the version it replaces is
/// kept, with who changed it and when, and the timeline says so.
pub fn edit(
    conn: &mut DbConn,
    tenant: &TenantId,
    editor: &User,
    id: &ProposalId,
    changes: &ProposalChanges,
) -> Result<Proposal> {
    write_transaction(conn, |conn| {
        let current = visible(conn, tenant, id, Some(editor))?;
        if !standing(conn, tenant, &current, &editor.id)?.writes() {
            tracing::warn!(user = %editor.id, proposal = %id, "not an author of the proposal");
            return Err(Error::Forbidden(
                Words::of("proposals-error-only-authors-change").into(),
            ));
        }
        let status = current.status();
        if !status.editable() {
            return Err(Error::conflict(
                "proposal_decided",
                Words::of("proposals-error-decided"),
            ));
        }
        let current_tags = tags_of(conn, tenant, std::slice::from_ref(id))?
            .remove(id)
            .unwrap_or_default();
        let area = match &changes.area_id {
            Some(new) => new.clone(),
            None => current.area_id.as_ref().map(ToString::to_string),
        };
        let content = Content::check(
            changes.title.as_deref().unwrap_or(&current.title),
            changes.body.as_deref().unwrap_or(&current.body),
            changes
                .intended_outcome
                .as_deref()
                .unwrap_or(&current.intended_outcome),
            area.as_deref(),
            changes.tags.as_deref().unwrap_or(&current_tags),
        )?;
        check_area(conn, tenant, content.area_id.as_ref())?;
        let text_changed = content.title != current.title
            || content.body != current.body
            || content.intended_outcome != current.intended_outcome;
        let changed =
            text_changed || content.area_id != current.area_id || content.tags != current_tags;
        if !changed {
            return Ok(current);
        }
        let at = now();
        let published = status != Status::Draft;
        if published && text_changed {
            diesel::insert_into(proposal_revisions::table)
                .values((
                    proposal_revisions::tenant_id.eq(tenant),
                    proposal_revisions::proposal_id.eq(id),
                    proposal_revisions::id.eq(ProposalEntryId::new()),
                    proposal_revisions::edited_by.eq(Some(&editor.id)),
                    proposal_revisions::edited_at.eq(at),
                    proposal_revisions::title.eq(&current.title),
                    proposal_revisions::body.eq(&current.body),
                    proposal_revisions::intended_outcome.eq(&current.intended_outcome),
                ))
                .execute(conn)?;
        }
        diesel::update(proposals::table.find((tenant, id)))
            .set((
                proposals::title.eq(&content.title),
                proposals::body.eq(&content.body),
                proposals::intended_outcome.eq(&content.intended_outcome),
                proposals::area_id.eq(&content.area_id),
                proposals::search_text.eq(search_text(
                    &content.title,
                    &content.intended_outcome,
                    &content.body,
                )),
                proposals::updated_at.eq(at),
            ))
            .execute(conn)?;
        set_tags(conn, tenant, id, &content.tags)?;
        if published {
            touch(conn, tenant, id)?;
            record_event(
                conn,
                tenant,
                id,
                NewEvent {
                    kind: "edited",
                    actor: Some(&editor.id),
                    from: None,
                    to: None,
                    reason: None,
                    detail: json!({"text_changed": text_changed}),
                },
            )?;
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::ProposalEdited)
                    .of(&editor.id)
                    .detail(json!({"proposal": id})),
            )?;
        }
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// Why a move was refused, for the audit log.
fn refusal_of(e: &Error) -> Option<&'static str> {
    match e {
        Error::Forbidden(_) | Error::SecondFactorRequired => Some("not_allowed"),
        Error::Conflict { code, .. } if *code == "invalid_transition" => Some("impossible"),
        Error::Conflict { code, .. } if *code == "support_threshold_not_met" => {
            Some("below_threshold")
        }
        Error::Validation(_) => Some("invalid"),
        _ => None,
    }
}

/// Moves a proposal to another status, as the lifecycle in
/// [`TRANSITIONS`] allows: the move must exist from where it is (409), be
/// made by someone in a capacity it allows (403), carry a public reason
/// where one is required (422), and co-design waits for the support
/// threshold (409). Every move is a timeline entry; every refusal is
/// audited. Its followers (authors, co-authors, supporters and whoever
/// chose to follow it), but not the person who moved it, hear of it with
/// the public reason, as their notification settings say.
pub fn change_status(
    conn: &mut DbConn,
    mailing: &Mailing,
    tenant: &TenantId,
    actor: &User,
    id: &ProposalId,
    to: &str,
    reason: Option<&str>,
) -> Result<Proposal> {
    let to = Status::parse(to).ok_or_else(|| {
        Error::field(
            "status",
            "invalid",
            Words::of("proposals-error-status-invalid"),
        )
    })?;
    let mut from = None;
    let outcome = write_transaction(conn, |conn| {
        let current = visible(conn, tenant, id, Some(actor))?;
        let status = current.status();
        from = Some(status);
        let Some(step) = transition(status, to) else {
            return Err(Error::conflict(
                "invalid_transition",
                Words::of2(
                    "proposals-error-invalid-transition",
                    "from",
                    status.as_str(),
                    "to",
                    to.as_str(),
                ),
            ));
        };
        let held = capacities(conn, tenant, &current, actor)?;
        let Some(capacity) = step.by.iter().find(|m| held.contains(m)) else {
            if step.by.contains(&Mover::Admin) {
                authz::require(actor, Permission::DecideProposals)?;
            }
            tracing::warn!(user = %actor.id, proposal = %id, "may not make this move");
            return Err(Error::Forbidden(if step.by.contains(&Mover::Author) {
                Words::of("proposals-error-only-authors-do").into()
            } else {
                Words::of("proposals-error-only-admins-facilitators").into()
            }));
        };
        if *capacity == Mover::Admin {
            // Admin powers need their second factor.
            authz::require(actor, Permission::DecideProposals)?;
        }
        if step.to == Status::Published {
            authz::require(actor, Permission::Participate)?;
        }
        let reason = check_reason(reason)?;
        if step.needs_reason && reason.is_none() {
            return Err(Error::field(
                "reason",
                "required",
                Words::of("proposals-error-response-required"),
            ));
        }
        if step.needs_threshold {
            let threshold = support_threshold(conn, tenant)?;
            if current.support_count < threshold {
                return Err(Error::conflict(
                    "support_threshold_not_met",
                    Words::of2(
                        "proposals-error-below-threshold",
                        "supports",
                        current.support_count,
                        "needed",
                        threshold,
                    ),
                ));
            }
        }
        let at = now();
        diesel::update(proposals::table.find((tenant, id)))
            .set((
                proposals::status.eq(to.as_str()),
                proposals::updated_at.eq(at),
                proposals::last_activity_at.eq(at),
            ))
            .execute(conn)?;
        count_change(conn, tenant, status, -1)?;
        count_change(conn, tenant, to, 1)?;
        if to == Status::Published && current.published_at.is_none() {
            diesel::update(proposals::table.find((tenant, id)))
                .set(proposals::published_at.eq(Some(at)))
                .execute(conn)?;
        }
        record_event(
            conn,
            tenant,
            id,
            NewEvent {
                kind: "status_changed",
                actor: Some(&actor.id),
                from: Some(status),
                to: Some(to),
                reason: reason.as_deref(),
                detail: json!({}),
            },
        )?;
        if to == Status::Delivered {
            // Its supporters and the residents of its area are asked
            // whether it made the difference it promised.
            let delivered = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
            crate::evaluation::service::open(conn, mailing, tenant, &actor.id, &delivered)?;
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::ProposalStatusChanged)
                .by(&actor.id)
                .detail(json!({"proposal": id, "from": status.as_str(), "to": to.as_str()})),
        )?;
        // You said, we did: the people who told a board working on it
        // their story (under consent that is live now) hear back too.
        let boards: Vec<String> = crate::boards::service::boards_working_on(conn, tenant, id)?
            .iter()
            .map(ToString::to_string)
            .collect();
        let storytellers = crate::stories::service::storytellers_for_boards(conn, tenant, &boards)?;
        notifications::notify(
            conn,
            mailing,
            tenant,
            Audience::followers(Followed::Proposal(id.clone()))
                .and_because(storytellers, FollowReason::Storyteller)
                .except(&actor.id),
            &Notice::StatusChanged {
                proposal: id.clone(),
                from: status,
                to,
                reason: reason.clone(),
            },
        )?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    });
    if let (Err(e), Some(from)) = (&outcome, from) {
        if let Some(refusal) = refusal_of(e) {
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::ProposalTransitionRefused)
                    .by(&actor.id)
                    .detail(json!({"proposal": id, "from": from.as_str(), "to": to.as_str(), "refusal": refusal})),
            )?;
        }
    }
    outcome
}

fn require_open_for_support(proposal: &Proposal) -> Result<()> {
    if proposal.status().open_for_support() {
        Ok(())
    } else {
        Err(Error::conflict(
            "not_open_for_support",
            Words::of("proposals-error-not-open-for-support"),
        ))
    }
}

fn count_of(conn: &mut DbConn, tenant: &TenantId, id: &ProposalId) -> Result<i64> {
    Ok(proposals::table
        .find((tenant, id))
        .select(proposals::support_count)
        .first(conn)?)
}

/// Supports a proposal: one support per person, so asking again changes
/// nothing. The count on the proposal moves with the support, and its
/// supporter follows it.
pub fn support(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
) -> Result<Supports> {
    let work = |conn: &mut DbConn| {
        let proposal = visible(conn, tenant, id, Some(person))?;
        require_supporter(conn, tenant, person)?;
        require_open_for_support(&proposal)?;
        let supports = match add_support(conn, tenant, id, &person.id)? {
            Some(count) => count,
            None => count_of(conn, tenant, id)?,
        };
        Ok(Supports {
            supports,
            supported: true,
        })
    };
    support_write(conn, work)
}

/// Withdraws a support; withdrawing one that is not there changes
/// nothing.
pub fn withdraw_support(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
) -> Result<Supports> {
    let work = |conn: &mut DbConn| {
        let proposal = visible(conn, tenant, id, Some(person))?;
        require_open_for_support(&proposal)?;
        let supports = match remove_support(conn, tenant, id, &person.id)? {
            Some(count) => count,
            None => count_of(conn, tenant, id)?,
        };
        Ok(Supports {
            supports,
            supported: false,
        })
    };
    support_write(conn, work)
}

/// Runs a support's or a withdrawal's checks and change. On PostgreSQL the
/// change is one statement (the row, the count and, for a support, the
/// follow), so a transaction would add its BEGIN and COMMIT round trips
/// and nothing else: at READ COMMITTED the checks before it take no lock
/// either way. On SQLite the change is several statements, so it has one.
fn support_write<T>(conn: &mut DbConn, work: impl FnOnce(&mut DbConn) -> Result<T>) -> Result<T> {
    match conn {
        DbConn::Pg(_) => work(conn),
        DbConn::Sqlite(_) => write_transaction(conn, work),
    }
}

// The support row and the proposal's count change together, and only when
// the row really did (the primary key decides, even between concurrent
// requests). On PostgreSQL that is one statement: as three, their round
// trips were a third of a support's time.

static ADD_SUPPORT_PG: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH changed AS (\
         INSERT INTO proposal_supports (tenant_id, proposal_id, user_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1), \
         followed AS ({}) \
         UPDATE proposals SET support_count = support_count + 1 \
         WHERE tenant_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM changed) \
         RETURNING support_count",
        notifications::automatic_follow_clause_pg(Followed::PROPOSAL_KIND, FollowReason::Supporter,)
    )
});

const REMOVE_SUPPORT_PG: &str = "WITH changed AS (\
     DELETE FROM proposal_supports \
     WHERE tenant_id = $1 AND proposal_id = $2 AND user_id = $3 RETURNING 1) \
     UPDATE proposals SET support_count = support_count - 1 \
     WHERE tenant_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM changed) \
     RETURNING support_count";

#[derive(QueryableByName)]
struct SupportCount {
    #[diesel(sql_type = BigInt)]
    support_count: i64,
}

/// Adds `person`'s support, and makes them follow the proposal: the count
/// after it, or `None` if they already supported it.
fn add_support(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    person: &UserId,
) -> Result<Option<i64>> {
    let inserted = match conn {
        DbConn::Pg(pg) => {
            return Ok(prepared(
                diesel::sql_query(ADD_SUPPORT_PG.as_str())
                    .bind::<Text, _>(tenant)
                    .bind::<Text, _>(id)
                    .bind::<Text, _>(person)
                    .bind::<Timestamp, _>(now()),
            )
            .get_result::<SupportCount>(pg)
            .optional()?
            .map(|c| c.support_count))
        }
        DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(proposal_supports::table)
            .values((
                proposal_supports::tenant_id.eq(tenant),
                proposal_supports::proposal_id.eq(id),
                proposal_supports::user_id.eq(person),
                proposal_supports::created_at.eq(now()),
            ))
            .execute(lite)?,
    };
    let count = move_count(conn, tenant, id, inserted, 1)?;
    if count.is_some() {
        notifications::follow(
            conn,
            tenant,
            person,
            &Followed::Proposal(id.clone()),
            FollowReason::Supporter,
        )?;
    }
    Ok(count)
}

/// Removes `person`'s support: the count after it, or `None` if there was
/// none.
fn remove_support(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    person: &UserId,
) -> Result<Option<i64>> {
    let deleted = match conn {
        DbConn::Pg(pg) => {
            return Ok(prepared(
                diesel::sql_query(REMOVE_SUPPORT_PG)
                    .bind::<Text, _>(tenant)
                    .bind::<Text, _>(id)
                    .bind::<Text, _>(person),
            )
            .get_result::<SupportCount>(pg)
            .optional()?
            .map(|c| c.support_count))
        }
        DbConn::Sqlite(lite) => {
            diesel::delete(proposal_supports::table.find((tenant, id, person))).execute(lite)?
        }
    };
    move_count(conn, tenant, id, deleted, -1)
}

/// On SQLite (no round trips to save), the count's move after the row's.
fn move_count(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    rows_changed: usize,
    by: i64,
) -> Result<Option<i64>> {
    if rows_changed == 0 {
        return Ok(None);
    }
    execute_prepared(
        conn,
        diesel::update(proposals::table.find((tenant, id)))
            .set(proposals::support_count.eq(proposals::support_count + by)),
    )?;
    Ok(Some(count_of(conn, tenant, id)?))
}

/// Supports (`on`) or withdraws a support.
pub fn set_support(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
    on: bool,
) -> Result<Supports> {
    if on {
        support(conn, tenant, person, id)
    } else {
        withdraw_support(conn, tenant, person, id)
    }
}

/// Whether a person supports a proposal.
pub fn supports(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    id: &ProposalId,
) -> Result<bool> {
    Ok(direct!(conn, |c| proposal_supports::table
        .find((tenant, id, person))
        .count()
        .get_result::<i64>(c))?
        > 0)
}

/// What a list asks for, checked.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub area: Option<AreaId>,
    pub tag: Option<String>,
    pub q: Option<String>,
    pub sort: Sort,
}

impl ListFilter {
    /// Checks a list's query; every bad value is a field error.
    pub fn parse(
        status: Option<&str>,
        area_id: Option<&str>,
        tag: Option<&str>,
        q: Option<&str>,
        sort: Option<&str>,
    ) -> Result<Self> {
        let mut problems = crate::error::Problems::default();
        let given = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let status = match given(status) {
            None => None,
            Some(raw) => match Status::parse(&raw) {
                Some(Status::Draft) => {
                    problems.add(
                        "status",
                        "private",
                        Words::of("proposals-error-drafts-private"),
                    );
                    None
                }
                Some(s) => Some(s),
                None => {
                    problems.add(
                        "status",
                        "invalid",
                        Words::of("proposals-error-status-filter-invalid"),
                    );
                    None
                }
            },
        };
        let area = match given(area_id) {
            None => None,
            Some(raw) => {
                problems.check("area_id", raw.parse::<AreaId>().map_err(|_| unknown_area()))
            }
        };
        let tag = match given(tag) {
            None => None,
            Some(raw) => problems
                .check("tag", parse_tags(&[raw]))
                .and_then(|t| t.into_iter().next()),
        };
        let q = given(q);
        if q.as_ref().is_some_and(|q| q.chars().count() > QUERY_MAX) {
            problems.add(
                "q",
                "length",
                Words::of1("proposals-error-query-length", "max", QUERY_MAX),
            );
        }
        let sort = match given(sort) {
            None => Sort::default(),
            Some(raw) => Sort::parse(&raw).unwrap_or_else(|| {
                problems.add("sort", "invalid", Words::of("proposals-error-sort-invalid"));
                Sort::default()
            }),
        };
        problems.into_result()?;
        Ok(Self {
            status,
            area,
            tag,
            q,
            sort,
        })
    }
}

fn micros(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp_micros()
}

fn from_micros(k: i64) -> Result<NaiveDateTime> {
    DateTime::<Utc>::from_timestamp_micros(k)
        .map(|d| d.naive_utc())
        .ok_or_else(|| {
            Error::field(
                "cursor",
                "invalid",
                Words::of("proposals-error-cursor-invalid"),
            )
        })
}

/// Not a draft, with the status written into the SQL: bound, it left
/// PostgreSQL's plan for every parameter guessing that almost no row
/// matches (so a scan and a sort), and every list was planned afresh.
/// (Statements holding it must be kept [`prepared`].)
fn not_draft() -> diesel::expression::SqlLiteral<Bool> {
    const NOT_DRAFT: &str = "proposals.status <> 'draft'";
    debug_assert!(NOT_DRAFT.ends_with(&format!("'{}'", Status::Draft.as_str())));
    sql::<Bool>(NOT_DRAFT)
}

/// One page of a list.
pub struct Listing {
    pub items: Vec<ProposalSummary>,
    /// How many match, on every page.
    pub total: i64,
    /// Which page this is (from 1).
    pub page: u32,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
}

/// A page of a place's proposals (never drafts), filtered and sorted, by
/// page number or, with a `cursor`, by keyset (as fast on page 5,000 as
/// on page 1). Returns the items, the total matching, and the cursor of
/// the next page when there is one.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    filter: &ListFilter,
    paging: Paging,
    cursor: Option<&Cursor>,
) -> Result<Listing> {
    if filter.area.is_some() {
        check_area(conn, tenant, filter.area.as_ref())?;
    }
    let filtered = || {
        let mut query = proposals::table
            .filter(proposals::tenant_id.eq(tenant))
            .filter(proposals::hidden_at.is_null())
            .into_boxed();
        query = match filter.status {
            Some(s) => query.filter(proposals::status.eq(s.as_str())),
            None => query.filter(not_draft()),
        };
        if let Some(area) = &filter.area {
            query = query.filter(proposals::area_id.eq(area));
        }
        if let Some(tag) = &filter.tag {
            query = query.filter(
                proposals::id.eq_any(
                    proposal_tags::table
                        .filter(proposal_tags::tenant_id.eq(tenant))
                        .filter(proposal_tags::tag.eq(tag.clone()))
                        .select(proposal_tags::proposal_id),
                ),
            );
        }
        if let Some(q) = &filter.q {
            for word in q.to_lowercase().split_whitespace() {
                let escaped = word
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                query = query.filter(
                    proposals::search_text
                        .like(format!("%{escaped}%"))
                        .escape('\\'),
                );
            }
        }
        query
    };
    // Without narrowing filters the kept counts answer at once; with them
    // the count runs over the rows the filters' indexes pick.
    let total: i64 = if filter.area.is_none() && filter.tag.is_none() && filter.q.is_none() {
        counted(conn, tenant, filter.status)?
    } else {
        prepared(filtered().count()).get_result(conn)?
    };
    let mut query = filtered();
    // Row values: the databases seek straight to the cursor in the sort's
    // index instead of walking past every earlier row.
    if let Some(c) = cursor {
        query = match filter.sort {
            Sort::Newest => query.filter(
                sql::<Bool>("(proposals.published_at, proposals.id) < (")
                    .bind::<Timestamp, _>(from_micros(c.k)?)
                    .sql(", ")
                    .bind::<Text, _>(c.i.clone())
                    .sql(")"),
            ),
            Sort::MostSupported => query.filter(
                sql::<Bool>("(proposals.support_count, proposals.id) < (")
                    .bind::<BigInt, _>(c.k)
                    .sql(", ")
                    .bind::<Text, _>(c.i.clone())
                    .sql(")"),
            ),
            Sort::RecentlyActive => query.filter(
                sql::<Bool>("(proposals.last_activity_at, proposals.id) < (")
                    .bind::<Timestamp, _>(from_micros(c.k)?)
                    .sql(", ")
                    .bind::<Text, _>(c.i.clone())
                    .sql(")"),
            ),
        };
    }
    query = match filter.sort {
        // Every listed proposal has been published; saying so lets
        // PostgreSQL start past the drafts' NULLs (first in a DESC index).
        Sort::Newest => query
            .filter(proposals::published_at.is_not_null())
            .order((proposals::published_at.desc(), proposals::id.desc())),
        Sort::MostSupported => query.order((proposals::support_count.desc(), proposals::id.desc())),
        Sort::RecentlyActive => {
            query.order((proposals::last_activity_at.desc(), proposals::id.desc()))
        }
    };
    // A cursor says where the page starts; without one the page number does.
    let skip = if cursor.is_some() { 0 } else { paging.offset() };
    // One more than the page, to know whether another follows.
    let take = if paging.per_page == DEFAULT_PER_PAGE {
        Rows::Usual(DEFAULT_PER_PAGE + 1)
    } else {
        Rows::Chosen(paging.limit() + 1)
    };
    let mut rows: Vec<ListedProposal> =
        first_rows(query.select(ListedProposal::as_select()), take, skip).load(conn)?;
    let more = rows.len() as i64 > paging.limit();
    rows.truncate(paging.per_page as usize);
    let page = cursor.map_or(paging.page, |c| c.p);
    let next = match rows.last() {
        Some(last) if more => Some(Cursor {
            s: filter.sort.as_str().to_owned(),
            p: page + 1,
            k: match filter.sort {
                Sort::Newest => micros(last.published_at.unwrap_or(last.created_at)),
                Sort::MostSupported => last.support_count,
                Sort::RecentlyActive => micros(last.last_activity_at),
            },
            i: last.id.to_string(),
        }),
        _ => None,
    };
    Ok(Listing {
        items: summaries(conn, tenant, rows)?,
        total,
        page,
        next,
    })
}

/// The newest proposals of an area (never drafts), for its page.
pub fn in_area(
    conn: &mut DbConn,
    tenant: &TenantId,
    area: &AreaId,
    limit: u32,
) -> Result<Vec<ProposalSummary>> {
    let newest = proposals::table
        .filter(proposals::tenant_id.eq(tenant))
        .filter(proposals::area_id.eq(area))
        .filter(not_draft())
        .filter(proposals::hidden_at.is_null())
        .filter(proposals::published_at.is_not_null())
        .order((proposals::published_at.desc(), proposals::id.desc()))
        .select(ListedProposal::as_select());
    let rows: Vec<ListedProposal> = first_rows(newest, Rows::Usual(limit), 0).load(conn)?;
    summaries(conn, tenant, rows)
}

const FORMER: &str = "A former resident";

fn shown_name(display_name: Option<String>) -> String {
    display_name.unwrap_or_else(|| "A resident who keeps their name private".into())
}

/// Names as a viewer may see them, looked up once each (comments and
/// moderation name people the same way).
pub struct Names<'a> {
    tenant: &'a TenantId,
    viewer: Option<&'a User>,
    seen: HashMap<UserId, String>,
    /// People to look up with the next [`Names::preload`].
    expected: Vec<UserId>,
}

impl<'a> Names<'a> {
    pub fn new(tenant: &'a TenantId, viewer: Option<&'a User>) -> Self {
        Self {
            tenant,
            viewer,
            seen: HashMap::new(),
            expected: Vec::new(),
        }
    }

    /// Someone the page will name later: looked up with the next preload
    /// rather than on their own.
    pub fn expect(&mut self, person: Option<&UserId>) {
        self.expected.extend(person.cloned());
    }

    pub fn of(&mut self, conn: &mut DbConn, person: Option<&UserId>) -> Result<String> {
        let Some(person) = person else {
            return Ok(FORMER.into());
        };
        if let Some(name) = self.seen.get(person) {
            return Ok(name.clone());
        }
        let name = match crate::profiles::service::view(conn, self.tenant, person, self.viewer)? {
            Some(profile) => shown_name(profile.display_name),
            None => FORMER.into(),
        };
        self.seen.insert(person.clone(), name.clone());
        Ok(name)
    }

    /// Looks up many people at once, so a page naming fifty people makes
    /// two queries rather than a hundred.
    pub fn preload<'p>(
        &mut self,
        conn: &mut DbConn,
        people: impl IntoIterator<Item = &'p UserId>,
    ) -> Result<()> {
        let expected = std::mem::take(&mut self.expected);
        let wanted: Vec<UserId> = people
            .into_iter()
            .cloned()
            .chain(expected)
            .filter(|p| !self.seen.contains_key(p))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let found = crate::profiles::service::shown_names(conn, self.tenant, &wanted, self.viewer)?;
        for (person, name) in found {
            self.seen.insert(person, shown_name(name));
        }
        for person in wanted {
            self.seen.entry(person).or_insert_with(|| FORMER.into());
        }
        Ok(())
    }
}

/// A proposal with everything its page shows: tags, authors, the
/// timeline, supports and the threshold.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    viewer: Option<&User>,
) -> Result<ProposalView> {
    let p = visible(conn, tenant, id, viewer)?;
    view_of(conn, tenant, &p, viewer)
}

/// `view` of a proposal already found `visible` to `viewer`.
pub fn view_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    p: &Proposal,
    viewer: Option<&User>,
) -> Result<ProposalView> {
    let named = view_named(
        conn,
        tenant,
        p,
        viewer,
        &mut Names::new(tenant, viewer),
        false,
    )?;
    Ok(named.view)
}

/// A proposal's view as its page shows it, with what the page needs
/// besides; see [`view_named`].
pub struct Named {
    pub view: ProposalView,
    /// Its author and accepted co-authors ([`authors_of`]).
    pub authors: Vec<UserId>,
    /// How the viewer stands to it ([`standing`]; `Other` for a visitor).
    pub standing: Standing,
    /// Whether it has earlier versions ([`revisions`]), for a page.
    pub has_revisions: bool,
    /// Whether the viewer follows it, for a page.
    pub following: bool,
}

/// [`view_of`], naming people through `names` (which a page shares with
/// its other sections), with the proposal's authors, how the viewer stands
/// to it and, `for_page`, whether it has earlier versions and the viewer
/// follows it. One read of the co-authors answers both who writes it and
/// how the viewer stands, and one query answers whether the viewer
/// supports and follows it, whether it was edited and the place's
/// threshold: each round trip saved is a page's worth of database time on
/// PostgreSQL.
pub fn view_named(
    conn: &mut DbConn,
    tenant: &TenantId,
    p: &Proposal,
    viewer: Option<&User>,
    names: &mut Names<'_>,
    for_page: bool,
) -> Result<Named> {
    let id = &p.id;
    let tags = tags_of(conn, tenant, std::slice::from_ref(id))?
        .remove(id)
        .unwrap_or_default();
    let coauthors: Vec<(UserId, String)> = direct!(conn, |c| proposal_coauthors::table
        .filter(proposal_coauthors::tenant_id.eq(tenant))
        .filter(proposal_coauthors::proposal_id.eq(id))
        .order(proposal_coauthors::invited_at.asc())
        .select((proposal_coauthors::user_id, proposal_coauthors::status))
        .load(c))?;
    let mut people: Vec<UserId> = p.author_id.iter().cloned().collect();
    people.extend(
        coauthors
            .iter()
            .filter(|(_, status)| status == "accepted")
            .map(|(user, _)| user.clone()),
    );
    let standing = match viewer {
        Some(v) if p.author_id.as_ref() == Some(&v.id) => Standing::Author,
        Some(v) => standing_from(
            coauthors
                .iter()
                .find(|(user, _)| *user == v.id)
                .map(|(_, status)| status.as_str()),
        ),
        None => Standing::Other,
    };
    let events: Vec<EventRow> = direct!(conn, |c| proposal_events::table
        .filter(proposal_events::tenant_id.eq(tenant))
        .filter(proposal_events::proposal_id.eq(id))
        .order((
            proposal_events::occurred_at.asc(),
            proposal_events::id.asc(),
        ))
        .select(EventRow::as_select())
        .load(c))?;
    names.preload(
        conn,
        people
            .iter()
            .chain(events.iter().filter_map(|e| e.actor_id.as_ref())),
    )?;
    let mut authors = vec![AuthorView {
        user_id: p.author_id.as_ref().map(ToString::to_string),
        name: names.of(conn, p.author_id.as_ref())?,
        role: "author".into(),
    }];
    for c in people.iter().filter(|a| Some(*a) != p.author_id.as_ref()) {
        authors.push(AuthorView {
            user_id: Some(c.to_string()),
            name: names.of(conn, Some(c))?,
            role: "coauthor".into(),
        });
    }
    let mut timeline = Vec::with_capacity(events.len());
    for e in events {
        timeline.push(TimelineEntry {
            by: names.of(conn, e.actor_id.as_ref())?,
            occurred_at: e.occurred_at,
            kind: e.kind,
            from_status: e.from_status,
            to_status: e.to_status,
            reason: e.reason,
        });
    }
    let revised = || {
        proposal_revisions::table
            .filter(proposal_revisions::tenant_id.eq(tenant))
            .filter(proposal_revisions::proposal_id.eq(id))
    };
    // The page's yes-or-no questions and the threshold, asked together.
    let threshold_of = crate::places::settings::support_threshold_subquery;
    let facts = match (viewer, for_page) {
        (Some(v), true) => {
            let subject = crate::notifications::Subject::Proposal(id.clone());
            let (supported_by_you, has_revisions, threshold, following) =
                direct!(conn, |c| diesel::select((
                    diesel::dsl::exists(proposal_supports::table.find((tenant, id, &v.id))),
                    diesel::dsl::exists(revised()),
                    threshold_of(tenant),
                    crate::notifications::service::is_following_expression(
                        tenant,
                        &v.id,
                        subject.kind(),
                        subject.id(),
                    ),
                ))
                .get_result::<(bool, bool, Option<i64>, bool)>(c))?;
            Facts {
                supported_by_you,
                has_revisions,
                threshold: crate::places::settings::threshold_or_default(threshold),
                following,
            }
        }
        (None, true) => {
            let (has_revisions, threshold) = direct!(conn, |c| diesel::select((
                diesel::dsl::exists(revised()),
                threshold_of(tenant)
            ))
            .get_result::<(bool, Option<i64>)>(c))?;
            Facts {
                has_revisions,
                threshold: crate::places::settings::threshold_or_default(threshold),
                ..Facts::default()
            }
        }
        (viewer, false) => Facts {
            supported_by_you: match viewer {
                Some(v) => supports(conn, tenant, &v.id, id)?,
                None => false,
            },
            threshold: support_threshold(conn, tenant)?,
            ..Facts::default()
        },
    };
    let view = ProposalView {
        id: p.id.to_string(),
        body_html: crate::http::markdown::render(&p.body),
        title: p.title.clone(),
        body: p.body.clone(),
        intended_outcome: p.intended_outcome.clone(),
        area_id: p.area_id.as_ref().map(ToString::to_string),
        tags,
        status: p.status(),
        supports: p.support_count,
        support_threshold: facts.threshold,
        supported_by_you: facts.supported_by_you,
        authors,
        timeline,
        assets: super::asset_links::linked(conn, tenant, id)?,
        created_at: p.created_at,
        updated_at: p.updated_at,
        published_at: p.published_at,
        last_activity_at: p.last_activity_at,
    };
    Ok(Named {
        view,
        authors: people,
        standing,
        has_revisions: facts.has_revisions,
        following: facts.following,
    })
}

/// What [`view_named`] asks in one query.
#[derive(Default)]
struct Facts {
    supported_by_you: bool,
    has_revisions: bool,
    threshold: i64,
    following: bool,
}

/// The earlier versions of a proposal, newest first.
pub fn revisions(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    viewer: Option<&User>,
) -> Result<(Proposal, Vec<RevisionView>)> {
    let p = visible(conn, tenant, id, viewer)?;
    let rows: Vec<(NaiveDateTime, Option<UserId>, String, String, String)> =
        proposal_revisions::table
            .filter(proposal_revisions::tenant_id.eq(tenant))
            .filter(proposal_revisions::proposal_id.eq(id))
            .order((
                proposal_revisions::edited_at.desc(),
                proposal_revisions::id.desc(),
            ))
            .select((
                proposal_revisions::edited_at,
                proposal_revisions::edited_by,
                proposal_revisions::title,
                proposal_revisions::body,
                proposal_revisions::intended_outcome,
            ))
            .load(conn)?;
    let mut names = Names::new(tenant, viewer);
    let mut out = Vec::with_capacity(rows.len());
    for (edited_at, by, title, body, intended_outcome) in rows {
        out.push(RevisionView {
            edited_at,
            edited_by: names.of(conn, by.as_ref())?,
            title,
            body,
            intended_outcome,
        });
    }
    Ok((p, out))
}

/// Who is invited to co-write, or co-writes, a proposal (its authors see
/// this).
pub fn coauthors(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &ProposalId,
    viewer: &User,
) -> Result<Vec<CoauthorView>> {
    let rows: Vec<(UserId, String, NaiveDateTime)> = proposal_coauthors::table
        .filter(proposal_coauthors::tenant_id.eq(tenant))
        .filter(proposal_coauthors::proposal_id.eq(id))
        .order(proposal_coauthors::invited_at.asc())
        .select((
            proposal_coauthors::user_id,
            proposal_coauthors::status,
            proposal_coauthors::invited_at,
        ))
        .load(conn)?;
    let mut names = Names::new(tenant, Some(viewer));
    let mut out = Vec::with_capacity(rows.len());
    for (user_id, status, invited_at) in rows {
        out.push(CoauthorView {
            name: names.of(conn, Some(&user_id))?,
            user_id: user_id.to_string(),
            status,
            invited_at,
        });
    }
    Ok(out)
}

/// Who to invite: a person of this place by email address or by id.
#[derive(Debug, Clone)]
pub enum Invitee {
    Email(String),
    Id(UserId),
}

/// Invites a person of this place to co-write a proposal (its author only,
/// until a decision is made on it). They see the invitation on their
/// proposals page and by email, and accept or decline.
pub fn invite(
    conn: &mut DbConn,
    tenant: &crate::tenancy::Tenant,
    author: &User,
    id: &ProposalId,
    invitee: &Invitee,
) -> Result<CoauthorView> {
    let tenant_id = &tenant.id;
    write_transaction(conn, |conn| {
        let p = visible(conn, tenant_id, id, Some(author))?;
        if p.author_id.as_ref() != Some(&author.id) {
            return Err(Error::Forbidden(
                Words::of("proposals-error-only-author-invites").into(),
            ));
        }
        if !p.status().editable() {
            return Err(Error::conflict(
                "proposal_decided",
                Words::of("proposals-error-decided-authors"),
            ));
        }
        let (field, person) = match invitee {
            Invitee::Email(raw) => (
                "email",
                match crate::accounts::service::parse_email(raw) {
                    Ok(email) => crate::accounts::service::find_by_email(conn, tenant_id, &email)?,
                    Err(_) => None,
                },
            ),
            Invitee::Id(user) => (
                "user_id",
                crate::accounts::service::find_user(conn, tenant_id, user)?,
            ),
        };
        let Some(person) = person.filter(|u| u.email_verified()) else {
            return Err(Error::field(
                field,
                "unknown",
                Words::of("proposals-error-no-confirmed-account"),
            ));
        };
        if person.id == author.id {
            return Err(Error::field(
                field,
                "yourself",
                Words::of("proposals-error-yourself"),
            ));
        }
        let at = now();
        let key = (tenant_id, id, &person.id);
        let status: Option<String> = proposal_coauthors::table
            .find(key)
            .select(proposal_coauthors::status)
            .first(conn)
            .optional()?;
        match status.as_deref() {
            Some("pending") | Some("accepted") => {
                return Err(Error::conflict(
                    "already_invited",
                    Words::of("proposals-error-already-invited"),
                ))
            }
            Some(_) => {
                diesel::update(proposal_coauthors::table.find(key))
                    .set((
                        proposal_coauthors::status.eq("pending"),
                        proposal_coauthors::invited_at.eq(at),
                        proposal_coauthors::answered_at.eq(None::<NaiveDateTime>),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(proposal_coauthors::table)
                    .values((
                        proposal_coauthors::tenant_id.eq(tenant_id),
                        proposal_coauthors::proposal_id.eq(id),
                        proposal_coauthors::user_id.eq(&person.id),
                        proposal_coauthors::status.eq("pending"),
                        proposal_coauthors::invited_at.eq(at),
                    ))
                    .execute(conn)?;
            }
        }
        audit::service::record(
            conn,
            tenant_id,
            Event::new(audit::Kind::ProposalCoauthorInvited)
                .by(&author.id)
                .about(&person.id)
                .detail(json!({"proposal": id})),
        )?;
        let message = crate::accounts::emails::notice(
            tenant,
            &person,
            |lang| {
                (
                    lang.t("email-coauthor-subject"),
                    lang.t2(
                        "email-coauthor-body",
                        "name",
                        author.display_name.as_str(),
                        "title",
                        p.title.as_str(),
                    ),
                )
            },
            "proposal_coauthor_invitation",
        )?;
        crate::mail::queue(conn, tenant_id, message)?;
        Ok(CoauthorView {
            user_id: person.id.to_string(),
            name: Names::new(tenant_id, Some(author)).of(conn, Some(&person.id))?,
            status: "pending".into(),
            invited_at: at,
        })
    })
}

/// Accepts or declines an invitation to co-write (the invitee only; with
/// no pending invitation, there is nothing to answer: 404).
pub fn answer(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    id: &ProposalId,
    accept: bool,
) -> Result<()> {
    write_transaction(conn, |conn| {
        let key = (tenant, id, &person.id);
        let status: Option<String> = proposal_coauthors::table
            .find(key)
            .select(proposal_coauthors::status)
            .first(conn)
            .optional()?;
        if status.as_deref() != Some("pending") {
            return Err(Error::NotFound);
        }
        diesel::update(proposal_coauthors::table.find(key))
            .set((
                proposal_coauthors::status.eq(if accept { "accepted" } else { "declined" }),
                proposal_coauthors::answered_at.eq(Some(now())),
            ))
            .execute(conn)?;
        if accept {
            notifications::follow(
                conn,
                tenant,
                &person.id,
                &Followed::Proposal(id.clone()),
                FollowReason::Coauthor,
            )?;
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::ProposalCoauthorAnswered)
                .of(&person.id)
                .detail(json!({"proposal": id, "accepted": accept})),
        )
    })
}

/// Removes a co-author or an invitation: the author removes anyone, and a
/// co-author may leave.
pub fn remove_coauthor(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &ProposalId,
    person: &UserId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        let p = visible(conn, tenant, id, Some(actor))?;
        if actor.id != *person && p.author_id.as_ref() != Some(&actor.id) {
            return Err(Error::Forbidden(
                Words::of("proposals-error-only-author-removes").into(),
            ));
        }
        let removed =
            diesel::delete(proposal_coauthors::table.find((tenant, id, person))).execute(conn)?;
        if removed == 0 {
            return Err(Error::NotFound);
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::ProposalCoauthorRemoved)
                .by(&actor.id)
                .about(person)
                .detail(json!({"proposal": id})),
        )
    })
}

/// A person's own proposals (drafts included) and pending invitations.
pub fn mine(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<MyProposals> {
    let rows: Vec<ListedProposal> = proposals::table
        .filter(proposals::tenant_id.eq(tenant))
        .filter(
            proposals::author_id.eq(person).or(proposals::id.eq_any(
                proposal_coauthors::table
                    .filter(proposal_coauthors::tenant_id.eq(tenant))
                    .filter(proposal_coauthors::user_id.eq(person))
                    .filter(proposal_coauthors::status.eq("accepted"))
                    .select(proposal_coauthors::proposal_id),
            )),
        )
        .order((proposals::created_at.desc(), proposals::id.desc()))
        .select(ListedProposal::as_select())
        .load(conn)?;
    let invitations: Vec<(ProposalId, String, NaiveDateTime)> = proposal_coauthors::table
        .inner_join(
            proposals::table.on(proposals::tenant_id
                .eq(proposal_coauthors::tenant_id)
                .and(proposals::id.eq(proposal_coauthors::proposal_id))),
        )
        .filter(proposal_coauthors::tenant_id.eq(tenant))
        .filter(proposal_coauthors::user_id.eq(person))
        .filter(proposal_coauthors::status.eq("pending"))
        .order(proposal_coauthors::invited_at.desc())
        .select((
            proposals::id,
            proposals::title,
            proposal_coauthors::invited_at,
        ))
        .load(conn)?;
    Ok(MyProposals {
        proposals: summaries(conn, tenant, rows)?,
        invitations: invitations
            .into_iter()
            .map(|(id, title, invited_at)| InvitationView {
                proposal_id: id.to_string(),
                title,
                invited_at,
            })
            .collect(),
    })
}

/// Everything about a person in proposals, for their data export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    let own = mine(conn, tenant, person)?;
    let mut written = Vec::new();
    for s in own.proposals {
        let id: ProposalId =
            s.id.parse()
                .map_err(|_| Error::Internal("stored id".into()))?;
        if let Some(p) = find(conn, tenant, &id)? {
            written.push(WrittenData {
                proposal_id: s.id,
                role: if p.author_id.as_ref() == Some(person) {
                    "author"
                } else {
                    "coauthor"
                }
                .into(),
                title: p.title,
                body: p.body,
                intended_outcome: p.intended_outcome,
                status: p.status,
                created_at: p.created_at,
            });
        }
    }
    let supports: Vec<(ProposalId, String, NaiveDateTime)> = proposal_supports::table
        .inner_join(
            proposals::table.on(proposals::tenant_id
                .eq(proposal_supports::tenant_id)
                .and(proposals::id.eq(proposal_supports::proposal_id))),
        )
        .filter(proposal_supports::tenant_id.eq(tenant))
        .filter(proposal_supports::user_id.eq(person))
        .order(proposal_supports::created_at.asc())
        .select((
            proposals::id,
            proposals::title,
            proposal_supports::created_at,
        ))
        .load(conn)?;
    let revisions: Vec<(ProposalId, NaiveDateTime, String, String, String)> =
        proposal_revisions::table
            .filter(proposal_revisions::tenant_id.eq(tenant))
            .filter(proposal_revisions::edited_by.eq(person))
            .order(proposal_revisions::edited_at.asc())
            .select((
                proposal_revisions::proposal_id,
                proposal_revisions::edited_at,
                proposal_revisions::title,
                proposal_revisions::body,
                proposal_revisions::intended_outcome,
            ))
            .load(conn)?;
    let events: Vec<EventRow> = proposal_events::table
        .filter(proposal_events::tenant_id.eq(tenant))
        .filter(proposal_events::actor_id.eq(person))
        .order(proposal_events::occurred_at.asc())
        .select(EventRow::as_select())
        .load(conn)?;
    let invitations: Vec<(ProposalId, String, NaiveDateTime)> = proposal_coauthors::table
        .filter(proposal_coauthors::tenant_id.eq(tenant))
        .filter(proposal_coauthors::user_id.eq(person))
        .order(proposal_coauthors::invited_at.asc())
        .select((
            proposal_coauthors::proposal_id,
            proposal_coauthors::status,
            proposal_coauthors::invited_at,
        ))
        .load(conn)?;
    Ok(PersonalData {
        written,
        supports: supports
            .into_iter()
            .map(|(id, title, created_at)| SupportData {
                proposal_id: id.to_string(),
                title,
                created_at,
            })
            .collect(),
        revisions: revisions
            .into_iter()
            .map(
                |(id, edited_at, title, body, intended_outcome)| RevisionData {
                    proposal_id: id.to_string(),
                    edited_at,
                    previous_title: title,
                    previous_body: body,
                    previous_intended_outcome: intended_outcome,
                },
            )
            .collect(),
        timeline: events
            .into_iter()
            .map(|e| EventData {
                proposal_id: e.proposal_id.to_string(),
                occurred_at: e.occurred_at,
                kind: e.kind,
                from_status: e.from_status,
                to_status: e.to_status,
                reason: e.reason,
            })
            .collect(),
        coauthorships: invitations
            .into_iter()
            .map(|(id, status, invited_at)| CoauthorshipData {
                proposal_id: id.to_string(),
                status,
                invited_at,
            })
            .collect(),
    })
}

/// What erasure does with a person's proposals, inside the caller's
/// transaction: their drafts go; what they published stays on the public
/// record, detached from them ("a former resident"), with its revisions
/// and timeline; their supports go and the counts follow; their
/// co-authorships and invitations go.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    let drafts = diesel::delete(
        proposals::table
            .filter(proposals::tenant_id.eq(tenant))
            .filter(proposals::author_id.eq(person))
            .filter(proposals::status.eq(Status::Draft.as_str())),
    )
    .execute(conn)?;
    count_change(conn, tenant, Status::Draft, -(drafts as i64))?;
    diesel::update(
        proposals::table
            .filter(proposals::tenant_id.eq(tenant))
            .filter(proposals::author_id.eq(person)),
    )
    .set(proposals::author_id.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        proposals::table
            .filter(proposals::tenant_id.eq(tenant))
            .filter(
                proposals::id.eq_any(
                    proposal_supports::table
                        .filter(proposal_supports::tenant_id.eq(tenant))
                        .filter(proposal_supports::user_id.eq(person))
                        .select(proposal_supports::proposal_id),
                ),
            ),
    )
    .set(proposals::support_count.eq(proposals::support_count - 1))
    .execute(conn)?;
    diesel::delete(
        proposal_supports::table
            .filter(proposal_supports::tenant_id.eq(tenant))
            .filter(proposal_supports::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        proposal_coauthors::table
            .filter(proposal_coauthors::tenant_id.eq(tenant))
            .filter(proposal_coauthors::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        proposal_revisions::table
            .filter(proposal_revisions::tenant_id.eq(tenant))
            .filter(proposal_revisions::edited_by.eq(person)),
    )
    .set(proposal_revisions::edited_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        proposal_events::table
            .filter(proposal_events::tenant_id.eq(tenant))
            .filter(proposal_events::actor_id.eq(person)),
    )
    .set(proposal_events::actor_id.eq(None::<UserId>))
    .execute(conn)?;
    Ok(())
}

/// How many proposals name an area (an area in use is not removed).
pub fn count_in_area(conn: &mut DbConn, tenant: &TenantId, area: &AreaId) -> Result<i64> {
    Ok(proposals::table
        .filter(proposals::tenant_id.eq(tenant))
        .filter(proposals::area_id.eq(area))
        .count()
        .get_result(conn)?)
}
