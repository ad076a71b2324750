//! The rules of boards: who sees a board, who runs it, who is on it and
//! on which side they count, invitations and join requests, leaving, the
//! timeline, links to proposals and assets, and what happens to a
//! person's part in boards when they leave the platform.
//!
//! Other rooms build on [`find`], [`visible`], [`is_facilitator`],
//! [`is_member`], [`constituency_of`], [`eligible_voters`] and
//! [`touch`], and [`attended_in_person`] (from [`super::workshops`]).
//!
//! # Who counts on which side
//!
//! A board's members are people in their own right (citizens, and the
//! facilitators) and organisations, whose staff (the organisation's own
//! members, admins or not) act for them. In the board's polls a person
//! counts once, in one constituency: **a person who is staff of a member
//! organisation counts as an organisation member, even if they are also
//! on the board in their own right.** The parity rule exists so that
//! organisations cannot outvote citizens; letting staff of a member
//! organisation vote on the citizens' side would let organisations tip
//! it, so when in doubt a person counts with their organisation.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde_json::{json, Value};

use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{Role as AccountRole, User};
use crate::audit::{self, Event};
use crate::db::ids::{
    AssetId, BoardEntryId, BoardId, BoardRequestId, OrganisationId, ProposalId, TenantId, UserId,
};
use crate::db::schema::{
    board_assets, board_events, board_members, board_organisations, board_proposals,
    board_requests, boards,
};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;
use crate::i18n::Language;
use crate::organisations::MemberRole;
use crate::proposals::service::Names;
use crate::tenancy::Tenant;
use crate::voting::Constituency;

/// Whether a person took part in one of the board's workshops in the room
/// (for the polls room's assisted ballots); see [`super::workshops`].
pub use super::workshops::attended_in_person;

pub(super) fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// A board of this place, whoever may see it (for other rooms' services
/// that check their own rules).
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &BoardId) -> Result<Option<Board>> {
    Ok(crate::db::direct!(conn, |c| boards::table
        .find((tenant, id))
        .select(Board::as_select())
        .first(c)
        .optional())?)
}

/// A board `viewer` may see: a public board to anyone; a private one only
/// to its members (organisation staff included), people with an
/// invitation waiting (for themselves or an organisation they run), and
/// the place's moderators and admins. Anyone else, and another place,
/// finds nothing (404).
pub fn visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &BoardId,
    viewer: Option<&User>,
) -> Result<Board> {
    let board = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
    if board.is_public() {
        return Ok(board);
    }
    match viewer {
        Some(v) if v.tenant_id == *tenant => {
            if v.role() >= AccountRole::Moderator
                || is_member(conn, tenant, id, &v.id)?
                || invitation_for(conn, tenant, id, &v.id)?.is_some()
            {
                Ok(board)
            } else {
                Err(Error::NotFound)
            }
        }
        _ => Err(Error::NotFound),
    }
}

/// A person's role on a board in their own right, if any.
pub fn role_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<Option<Role>> {
    let role: Option<String> = board_members::table
        .find((tenant, board, user))
        .select(board_members::role)
        .first(conn)
        .optional()?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// Whether a person facilitates the board.
pub fn is_facilitator(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<bool> {
    Ok(role_of(conn, tenant, board, user)? == Some(Role::Facilitator))
}

/// Whether a person is on the board: in their own right (citizens and
/// facilitators) or as staff of a member organisation.
pub fn is_member(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<bool> {
    Ok(constituency_of(conn, tenant, board, user)?.is_some())
}

/// The member organisations of a board that a person acts for (is staff
/// of), by id.
pub fn acting_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<Vec<OrganisationId>> {
    let theirs: Vec<OrganisationId> =
        crate::organisations::service::organisations_of(conn, tenant, user)?
            .into_iter()
            .map(|(o, _, _)| o.id)
            .collect();
    if theirs.is_empty() {
        return Ok(Vec::new());
    }
    Ok(board_organisations::table
        .filter(board_organisations::tenant_id.eq(tenant))
        .filter(board_organisations::board_id.eq(board))
        .filter(board_organisations::organisation_id.eq_any(&theirs))
        .order(board_organisations::organisation_id.asc())
        .select(board_organisations::organisation_id)
        .load(conn)?)
}

/// The side a person counts on in the board's polls, or `None` when they
/// are not on the board. Staff of a member organisation count as
/// organisation members even when they are also on the board in their own
/// right (see the module's docs).
pub fn constituency_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<Option<Constituency>> {
    if !acting_for(conn, tenant, board, user)?.is_empty() {
        return Ok(Some(Constituency::Organisation));
    }
    Ok(role_of(conn, tenant, board, user)?.map(|_| Constituency::Citizen))
}

/// Everyone who may vote in the board's polls now, each once, with the
/// side they count on: people on the board in their own right as
/// citizens, and the staff of member organisations as organisation
/// members (which wins for a person who is both). By user id.
pub fn eligible_voters(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
) -> Result<Vec<(UserId, Constituency)>> {
    let people: Vec<UserId> = board_members::table
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::board_id.eq(board))
        .select(board_members::user_id)
        .load(conn)?;
    let organisations = organisations_on(conn, tenant, board)?;
    let staff = crate::organisations::service::member_ids(conn, tenant, &organisations)?;
    let mut voters: BTreeMap<UserId, Constituency> = people
        .into_iter()
        .map(|u| (u, Constituency::Citizen))
        .collect();
    for (_, user, _) in staff {
        voters.insert(user, Constituency::Organisation);
    }
    Ok(voters.into_iter().collect())
}

fn organisations_on(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
) -> Result<Vec<OrganisationId>> {
    Ok(board_organisations::table
        .filter(board_organisations::tenant_id.eq(tenant))
        .filter(board_organisations::board_id.eq(board))
        .select(board_organisations::organisation_id)
        .load(conn)?)
}

fn facilitators_of(conn: &mut DbConn, tenant: &TenantId, board: &BoardId) -> Result<Vec<UserId>> {
    Ok(board_members::table
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::board_id.eq(board))
        .filter(board_members::role.eq(Role::Facilitator.as_str()))
        .order(board_members::joined_at.asc())
        .select(board_members::user_id)
        .load(conn)?)
}

/// The board, if `actor` facilitates it (403 otherwise; 404 when they may
/// not even see it).
pub fn require_facilitator(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    actor: &User,
) -> Result<Board> {
    let found = visible(conn, tenant, board, Some(actor))?;
    if !is_facilitator(conn, tenant, board, &actor.id)? {
        tracing::warn!(user = %actor.id, board = %board, "not a facilitator of the board");
        return Err(Error::forbidden(Words::of("board-error-facilitators-only")));
    }
    Ok(found)
}

/// An entry to append to a board's public timeline.
pub struct NewEvent<'a> {
    pub kind: &'a str,
    pub actor: Option<&'a UserId>,
    /// The person it is about.
    pub subject: Option<&'a UserId>,
    /// The organisation it is about.
    pub organisation: Option<&'a OrganisationId>,
    /// A JSON object: `from`, `to`, `note`, `title`, `link` as the kind
    /// needs.
    pub detail: Value,
}

impl<'a> NewEvent<'a> {
    pub fn new(kind: &'a str, actor: &'a UserId) -> Self {
        Self {
            kind,
            actor: Some(actor),
            subject: None,
            organisation: None,
            detail: json!({}),
        }
    }
}

/// Appends to a board's timeline and marks it active, inside the caller's
/// transaction.
pub fn record_event(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    event: NewEvent<'_>,
) -> Result<()> {
    diesel::insert_into(board_events::table)
        .values((
            board_events::tenant_id.eq(tenant),
            board_events::board_id.eq(board),
            board_events::id.eq(BoardEntryId::new()),
            board_events::occurred_at.eq(now()),
            board_events::kind.eq(event.kind),
            board_events::actor_id.eq(event.actor),
            board_events::subject_id.eq(event.subject),
            board_events::organisation_id.eq(event.organisation),
            board_events::detail.eq(event.detail.to_string()),
        ))
        .execute(conn)?;
    touch(conn, tenant, board)
}

/// Marks a board as active now (lists show the most active first):
/// comments and other rooms call this when something happens on it.
pub fn touch(conn: &mut DbConn, tenant: &TenantId, board: &BoardId) -> Result<()> {
    diesel::update(boards::table.find((tenant, board)))
        .set(boards::last_activity_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Starts a board (anyone who may take part: a confirmed email address).
/// Its creator is its first facilitator.
pub fn create(conn: &mut DbConn, tenant: &TenantId, actor: &User, new: &NewBoard) -> Result<Board> {
    authz::require(actor, Permission::Participate)?;
    let fields = Fields::check(
        &new.title,
        &new.description,
        &new.service_area,
        new.phase.as_deref(),
        new.visibility.as_deref(),
    )?;
    write_transaction(conn, |conn| {
        let at = now();
        let board = Board {
            tenant_id: tenant.clone(),
            id: BoardId::new(),
            title: fields.title.clone(),
            description: fields.description.clone(),
            service_area: fields.service_area.clone(),
            phase: fields.phase.as_str().to_owned(),
            visibility: fields.visibility.as_str().to_owned(),
            created_by: Some(actor.id.clone()),
            created_at: at,
            updated_at: at,
            last_activity_at: at,
        };
        diesel::insert_into(boards::table)
            .values(&board)
            .execute(conn)?;
        insert_person(conn, tenant, &board.id, &actor.id, Role::Facilitator)?;
        record_event(
            conn,
            tenant,
            &board.id,
            NewEvent {
                detail: json!({"to": fields.phase.as_str()}),
                ..NewEvent::new("created", &actor.id)
            },
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::BoardCreated)
                .of(&actor.id)
                .detail(json!({"board": board.id, "visibility": board.visibility})),
        )?;
        Ok(board)
    })
}

/// Changes a board (its facilitators). A change of phase goes on the
/// timeline with its public note.
pub fn update(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &BoardId,
    changes: &BoardChanges,
) -> Result<Board> {
    write_transaction(conn, |conn| {
        let current = require_facilitator(conn, tenant, id, actor)?;
        let fields = Fields::check(
            changes.title.as_deref().unwrap_or(&current.title),
            changes
                .description
                .as_deref()
                .unwrap_or(&current.description),
            changes
                .service_area
                .as_deref()
                .unwrap_or(&current.service_area),
            Some(changes.phase.as_deref().unwrap_or(&current.phase)),
            Some(changes.visibility.as_deref().unwrap_or(&current.visibility)),
        )?;
        let note = optional_text("note", changes.note.as_deref(), NOTE_MAX)?;
        let phase_changed = fields.phase != current.phase();
        if note.is_some() && !phase_changed {
            return Err(Error::field(
                "note",
                "without_phase_change",
                Words::of("board-error-note-without-phase"),
            ));
        }
        let content_changed = fields.title != current.title
            || fields.description != current.description
            || fields.service_area != current.service_area
            || fields.visibility != current.visibility();
        if !content_changed && !phase_changed {
            return Ok(current);
        }
        diesel::update(boards::table.find((tenant, id)))
            .set((
                boards::title.eq(&fields.title),
                boards::description.eq(&fields.description),
                boards::service_area.eq(&fields.service_area),
                boards::phase.eq(fields.phase.as_str()),
                boards::visibility.eq(fields.visibility.as_str()),
                boards::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if content_changed {
            record_event(conn, tenant, id, NewEvent::new("edited", &actor.id))?;
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::BoardChanged)
                    .by(&actor.id)
                    .detail(json!({"board": id, "visibility": fields.visibility.as_str()})),
            )?;
        }
        if phase_changed {
            let from = current.phase();
            record_event(
                conn,
                tenant,
                id,
                NewEvent {
                    detail: json!({"from": from.as_str(), "to": fields.phase.as_str(), "note": note}),
                    ..NewEvent::new("phase_changed", &actor.id)
                },
            )?;
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::BoardPhaseChanged)
                    .by(&actor.id)
                    .detail(
                        json!({"board": id, "from": from.as_str(), "to": fields.phase.as_str()}),
                    ),
            )?;
        }
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// What a list asks for, checked.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub phase: Option<Phase>,
    /// Only boards the viewer is on.
    pub mine: bool,
}

impl ListFilter {
    pub fn parse(phase: Option<&str>, mine: Option<&str>) -> Result<Self> {
        let phase = match phase.map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(raw) => Some(Phase::parse(raw).ok_or_else(|| {
                Error::field("phase", "invalid", Words::of("board-error-phase-invalid"))
            })?),
        };
        let mine = match mine.map(str::trim).filter(|m| !m.is_empty()) {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => {
                return Err(Error::field(
                    "mine",
                    "invalid",
                    Words::of("board-error-mine-invalid"),
                ));
            }
        };
        Ok(Self { phase, mine })
    }
}

/// The boards a person is on (in their own right, or through an
/// organisation they are staff of).
pub fn board_ids_of(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<Vec<BoardId>> {
    // One query: every story read asks this.
    let orgs = crate::organisations::service::organisation_ids_subquery(tenant, user);
    let mut ids: Vec<BoardId> = crate::db::direct!(conn, |c| board_members::table
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::user_id.eq(user))
        .select(board_members::board_id)
        .union_all(
            board_organisations::table
                .filter(board_organisations::tenant_id.eq(tenant))
                .filter(board_organisations::organisation_id.eq_any(orgs))
                .select(board_organisations::board_id),
        )
        .load(c))?;
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// A page of the boards `viewer` may see (public ones, and private ones
/// they are on; moderators and admins see all), most recently active
/// first; and how many there are.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    viewer: Option<&User>,
    filter: &ListFilter,
    paging: Paging,
) -> Result<(Vec<Board>, i64)> {
    let viewer = viewer.filter(|v| v.tenant_id == *tenant);
    let theirs = match viewer {
        Some(v) => board_ids_of(conn, tenant, &v.id)?,
        None => Vec::new(),
    };
    let sees_all = viewer.is_some_and(|v| v.role() >= AccountRole::Moderator);
    let filtered = || {
        let mut q = boards::table
            .filter(boards::tenant_id.eq(tenant))
            .into_boxed();
        if filter.mine {
            q = q.filter(boards::id.eq_any(theirs.clone()));
        } else if !sees_all {
            q = q.filter(
                boards::visibility
                    .eq(Visibility::Public.as_str())
                    .or(boards::id.eq_any(theirs.clone())),
            );
        }
        if let Some(phase) = filter.phase {
            q = q.filter(boards::phase.eq(phase.as_str()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let items = filtered()
        .order((boards::last_activity_at.desc(), boards::id.desc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Board::as_select())
        .load(conn)?;
    Ok((items, total))
}

fn organisation_name(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &OrganisationId,
    cache: &mut HashMap<OrganisationId, String>,
) -> Result<String> {
    if let Some(n) = cache.get(id) {
        return Ok(n.clone());
    }
    let name = crate::organisations::service::find(conn, tenant, id)?
        .map(|o| o.name)
        .unwrap_or_else(|| "An organisation".into());
    cache.insert(id.clone(), name.clone());
    Ok(name)
}

/// The board's timeline, oldest first.
pub fn timeline(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    viewer: Option<&User>,
) -> Result<Vec<TimelineEntry>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        NaiveDateTime,
        String,
        Option<UserId>,
        Option<UserId>,
        Option<OrganisationId>,
        String,
    )> = board_events::table
        .filter(board_events::tenant_id.eq(tenant))
        .filter(board_events::board_id.eq(board))
        .order((board_events::occurred_at.asc(), board_events::id.asc()))
        .select((
            board_events::occurred_at,
            board_events::kind,
            board_events::actor_id,
            board_events::subject_id,
            board_events::organisation_id,
            board_events::detail,
        ))
        .load(conn)?;
    let mut names = Names::new(tenant, viewer);
    let mut orgs = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (occurred_at, kind, actor, subject, organisation, detail) in rows {
        let detail: Value = serde_json::from_str(&detail).unwrap_or_default();
        let text = |k: &str| detail.get(k).and_then(Value::as_str).map(str::to_owned);
        let about = match (&subject, &organisation) {
            (_, Some(o)) => Some(organisation_name(conn, tenant, o, &mut orgs)?),
            (Some(s), None) => Some(names.of(conn, Some(s))?),
            (None, None) if kind.starts_with("member_") => Some(names.of(conn, None)?),
            _ => None,
        };
        out.push(TimelineEntry {
            occurred_at,
            by: names.of(conn, actor.as_ref())?,
            about,
            from_phase: text("from").as_deref().and_then(Phase::parse),
            to_phase: text("to").as_deref().and_then(Phase::parse),
            note: text("note").or_else(|| text("title")),
            link: text("link"),
            kind,
        });
    }
    Ok(out)
}

/// How `viewer` stands to a board.
pub fn your_place(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    viewer: &User,
) -> Result<YourPlace> {
    let role = role_of(conn, tenant, board, &viewer.id)?;
    let orgs = acting_for(conn, tenant, board, &viewer.id)?;
    let constituency = if !orgs.is_empty() {
        Some("organisation".to_owned())
    } else {
        role.map(|_| "citizen".to_owned())
    };
    let requested: i64 = board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::board_id.eq(board))
        .filter(board_requests::kind.eq(RequestKind::JoinRequest.as_str()))
        .filter(board_requests::created_by.eq(&viewer.id))
        .filter(board_requests::status.eq("pending"))
        .count()
        .get_result(conn)?;
    let invitation = invitation_for(conn, tenant, board, &viewer.id)?;
    Ok(YourPlace {
        role,
        constituency,
        organisations: orgs.iter().map(ToString::to_string).collect(),
        requested: requested > 0,
        invitation_id: invitation.map(|r| r.id.to_string()),
    })
}

fn count_people(conn: &mut DbConn, tenant: &TenantId, board: &BoardId) -> Result<i64> {
    Ok(board_members::table
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::board_id.eq(board))
        .count()
        .get_result(conn)?)
}

/// A board with what its page shows at the top: counts, your place on
/// it, and the timeline.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &BoardId,
    viewer: Option<&User>,
) -> Result<BoardView> {
    let b = visible(conn, tenant, id, viewer)?;
    let people = count_people(conn, tenant, id)?;
    let organisations = organisations_on(conn, tenant, id)?.len() as i64;
    let you = match viewer.filter(|v| v.tenant_id == *tenant) {
        Some(v) => Some(your_place(conn, tenant, id, v)?),
        None => None,
    };
    Ok(BoardView {
        id: b.id.to_string(),
        description_html: crate::http::markdown::render(&b.description),
        phase: b.phase(),
        visibility: b.visibility(),
        people,
        organisations,
        you,
        timeline: timeline(conn, tenant, id, viewer)?,
        title: b.title,
        description: b.description,
        service_area: b.service_area,
        created_at: b.created_at,
        updated_at: b.updated_at,
        last_activity_at: b.last_activity_at,
    })
}

/// A board's members: facilitators first, then the other people (each by
/// when they joined, named as their profile shows them to `viewer`), then
/// organisations by name.
pub fn members(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    viewer: Option<&User>,
) -> Result<Vec<MemberView>> {
    visible(conn, tenant, board, viewer)?;
    let people: Vec<(UserId, String, NaiveDateTime)> = board_members::table
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::board_id.eq(board))
        .order((board_members::role.asc(), board_members::joined_at.asc()))
        .select((
            board_members::user_id,
            board_members::role,
            board_members::joined_at,
        ))
        .load(conn)?;
    let mut names = Names::new(tenant, viewer);
    let mut out = Vec::new();
    for (user, role, joined_at) in people {
        out.push(MemberView {
            kind: "person".into(),
            name: names.of(conn, Some(&user))?,
            user_id: Some(user.to_string()),
            organisation_id: None,
            role: Role::parse(&role).unwrap_or(Role::Member),
            joined_at,
        });
    }
    let orgs: Vec<(OrganisationId, NaiveDateTime)> = board_organisations::table
        .filter(board_organisations::tenant_id.eq(tenant))
        .filter(board_organisations::board_id.eq(board))
        .select((
            board_organisations::organisation_id,
            board_organisations::joined_at,
        ))
        .load(conn)?;
    let mut org_rows = Vec::new();
    let mut cache = HashMap::new();
    for (o, joined_at) in orgs {
        org_rows.push(MemberView {
            kind: "organisation".into(),
            name: organisation_name(conn, tenant, &o, &mut cache)?,
            user_id: None,
            organisation_id: Some(o.to_string()),
            role: Role::Member,
            joined_at,
        });
    }
    org_rows.sort_by_key(|m| m.name.to_lowercase());
    out.extend(org_rows);
    Ok(out)
}

/// The board as the notifications room knows it.
fn followed(board: &BoardId) -> crate::notifications::Subject {
    crate::notifications::Subject::Board(board.clone())
}

/// Puts a person on the board; they follow its discussion from now (unless
/// they once chose to stop).
fn insert_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
    role: Role,
) -> Result<()> {
    diesel::insert_into(board_members::table)
        .values((
            board_members::tenant_id.eq(tenant),
            board_members::board_id.eq(board),
            board_members::user_id.eq(user),
            board_members::role.eq(role.as_str()),
            board_members::joined_at.eq(now()),
        ))
        .execute(conn)?;
    crate::notifications::service::follow(
        conn,
        tenant,
        user,
        &followed(board),
        crate::notifications::Reason::Member,
    )
}

/// After someone stopped being on the board in one way (in their own
/// right, or through an organisation): if they are not on it in another,
/// the follow that came with membership goes.
fn unfollow_if_gone(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<()> {
    if is_member(conn, tenant, board, user)? {
        return Ok(());
    }
    crate::notifications::service::drop_automatic(
        conn,
        tenant,
        user,
        &followed(board),
        crate::notifications::Reason::Member,
    )
}

/// Puts an organisation on the board; its staff follow the board's
/// discussion from now (unless they once chose to stop). Staff who join the
/// organisation later can follow it themselves.
fn insert_organisation(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    organisation: &OrganisationId,
) -> Result<()> {
    diesel::insert_into(board_organisations::table)
        .values((
            board_organisations::tenant_id.eq(tenant),
            board_organisations::board_id.eq(board),
            board_organisations::organisation_id.eq(organisation),
            board_organisations::joined_at.eq(now()),
        ))
        .execute(conn)?;
    let staff = crate::organisations::service::member_ids(
        conn,
        tenant,
        std::slice::from_ref(organisation),
    )?;
    for (_, user, _) in staff {
        crate::notifications::service::follow(
            conn,
            tenant,
            &user,
            &followed(board),
            crate::notifications::Reason::Member,
        )?;
    }
    Ok(())
}

fn organisation_on(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    organisation: &OrganisationId,
) -> Result<bool> {
    let n: i64 = board_organisations::table
        .find((tenant, board, organisation))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whom a request or an addition is about, checked against the place.
enum Who {
    Person(User),
    Organisation(crate::organisations::Organisation),
}

fn unknown_person(field: &str) -> Error {
    Error::field(field, "unknown", Words::of("board-error-person-unknown"))
}

fn unknown_organisation() -> Error {
    Error::field(
        "organisation_id",
        "unknown",
        Words::of("board-error-organisation-unknown"),
    )
}

fn already_member() -> Error {
    Error::conflict("already_member", Words::of("board-error-already-member"))
}

fn parse_role(raw: Option<&str>) -> Result<Role> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(Role::Member),
        Some(r) => Role::parse(r)
            .ok_or_else(|| Error::field("role", "invalid", Words::of("board-error-role-invalid"))),
    }
}

fn no_organisation_facilitators() -> Error {
    Error::field(
        "role",
        "organisation_facilitator",
        Words::of("board-error-organisation-facilitator"),
    )
}

/// Finds whom `email`, `user_id` or `organisation_id` names (exactly one
/// of them), in this place.
fn resolve(
    conn: &mut DbConn,
    tenant: &TenantId,
    email: Option<&str>,
    user_id: Option<&str>,
    organisation_id: Option<&str>,
) -> Result<Who> {
    fn given(v: Option<&str>) -> Option<&str> {
        v.map(str::trim).filter(|s| !s.is_empty())
    }
    match (given(email), given(user_id), given(organisation_id)) {
        (Some(email), None, None) => {
            let person = match crate::accounts::service::parse_email(email) {
                Ok(e) => crate::accounts::service::find_by_email(conn, tenant, &e)?,
                Err(_) => None,
            };
            person
                .filter(User::email_verified)
                .map(Who::Person)
                .ok_or_else(|| unknown_person("email"))
        }
        (None, Some(id), None) => {
            let person = match id.parse::<UserId>() {
                Ok(id) => crate::accounts::service::find_user(conn, tenant, &id)?,
                Err(_) => None,
            };
            person
                .filter(User::email_verified)
                .map(Who::Person)
                .ok_or_else(|| unknown_person("user_id"))
        }
        (None, None, Some(id)) => {
            let org = match id.parse::<OrganisationId>() {
                Ok(id) => crate::organisations::service::find(conn, tenant, &id)?,
                Err(_) => None,
            };
            org.map(Who::Organisation).ok_or_else(unknown_organisation)
        }
        (None, None, None) => Err(Error::field(
            if email.is_some() { "email" } else { "user_id" },
            "required",
            Words::of("board-error-whom-required"),
        )),
        _ => Err(Error::field(
            "organisation_id",
            "ambiguous",
            Words::of("board-error-whom-ambiguous"),
        )),
    }
}

fn pending_for_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<Option<BoardRequest>> {
    Ok(board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::board_id.eq(board))
        .filter(board_requests::user_id.eq(user))
        .filter(board_requests::status.eq("pending"))
        .select(BoardRequest::as_select())
        .first(conn)
        .optional()?)
}

fn pending_for_organisation(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    organisation: &OrganisationId,
) -> Result<Option<BoardRequest>> {
    Ok(board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::board_id.eq(board))
        .filter(board_requests::organisation_id.eq(organisation))
        .filter(board_requests::status.eq("pending"))
        .select(BoardRequest::as_select())
        .first(conn)
        .optional()?)
}

/// The organisations a person is an admin of.
fn admin_of(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<Vec<OrganisationId>> {
    Ok(
        crate::organisations::service::organisations_of(conn, tenant, user)?
            .into_iter()
            .filter(|(_, role, _)| *role == MemberRole::Admin)
            .map(|(o, _, _)| o.id)
            .collect(),
    )
}

/// A pending invitation to the board for this person, or for an
/// organisation they are an admin of.
pub fn invitation_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<Option<BoardRequest>> {
    let orgs = admin_of(conn, tenant, user)?;
    Ok(board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::board_id.eq(board))
        .filter(board_requests::kind.eq(RequestKind::Invitation.as_str()))
        .filter(board_requests::status.eq("pending"))
        .filter(
            board_requests::user_id
                .eq(user)
                .or(board_requests::organisation_id.eq_any(&orgs)),
        )
        .order(board_requests::created_at.asc())
        .select(BoardRequest::as_select())
        .first(conn)
        .optional()?)
}

/// Closes any pending invitation or request for whom has just joined.
fn settle_pending(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    who: &Who,
    by: &UserId,
) -> Result<()> {
    let pending = match who {
        Who::Person(p) => pending_for_person(conn, tenant, board, &p.id)?,
        Who::Organisation(o) => pending_for_organisation(conn, tenant, board, &o.id)?,
    };
    if let Some(r) = pending {
        close(conn, tenant, &r.id, "accepted", by)?;
    }
    Ok(())
}

fn close(
    conn: &mut DbConn,
    tenant: &TenantId,
    request: &BoardRequestId,
    status: &str,
    by: &UserId,
) -> Result<()> {
    diesel::update(board_requests::table.find((tenant, request)))
        .set((
            board_requests::status.eq(status),
            board_requests::decided_at.eq(Some(now())),
            board_requests::decided_by.eq(Some(by)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Emails the admins of an organisation.
fn tell_organisation(
    conn: &mut DbConn,
    tenant: &Tenant,
    organisation: &OrganisationId,
    words: impl Fn(Language) -> (String, String),
    kind: &'static str,
) -> Result<()> {
    let admins: Vec<UserId> = crate::organisations::service::member_ids(
        conn,
        &tenant.id,
        std::slice::from_ref(organisation),
    )?
    .into_iter()
    .filter(|(_, _, role)| *role == MemberRole::Admin)
    .map(|(_, u, _)| u)
    .collect();
    for admin in admins {
        if let Some(person) = crate::accounts::service::find_user(conn, &tenant.id, &admin)? {
            tell(conn, tenant, &person, &words, kind)?;
        }
    }
    Ok(())
}

fn tell(
    conn: &mut DbConn,
    tenant: &Tenant,
    person: &User,
    words: impl Fn(Language) -> (String, String),
    kind: &'static str,
) -> Result<()> {
    let message = crate::accounts::emails::notice(tenant, person, words, kind)?;
    crate::mail::queue(conn, &tenant.id, message)?;
    Ok(())
}

/// Puts someone on the board and records it (timeline, audit), inside
/// the caller's transaction.
fn join(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    who: &Who,
    role: Role,
    actor: &UserId,
) -> Result<()> {
    match who {
        Who::Person(p) => {
            insert_person(conn, tenant, board, &p.id, role)?;
            record_event(
                conn,
                tenant,
                board,
                NewEvent {
                    subject: Some(&p.id),
                    detail: json!({"role": role.as_str()}),
                    ..NewEvent::new("member_joined", actor)
                },
            )?;
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::BoardMemberAdded)
                    .by(actor)
                    .about(&p.id)
                    .detail(json!({"board": board, "role": role.as_str()})),
            )?;
        }
        Who::Organisation(o) => {
            insert_organisation(conn, tenant, board, &o.id)?;
            record_event(
                conn,
                tenant,
                board,
                NewEvent {
                    organisation: Some(&o.id),
                    ..NewEvent::new("member_joined", actor)
                },
            )?;
            audit::service::record(
                conn,
                tenant,
                Event::new(audit::Kind::BoardMemberAdded)
                    .by(actor)
                    .detail(json!({"board": board, "organisation": o.id})),
            )?;
        }
    }
    Ok(())
}

fn refuse_if_on_board(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    who: &Who,
) -> Result<()> {
    let on = match who {
        Who::Person(p) => role_of(conn, tenant, board, &p.id)?.is_some(),
        Who::Organisation(o) => organisation_on(conn, tenant, board, &o.id)?,
    };
    if on {
        return Err(already_member());
    }
    Ok(())
}

/// Adds a person or an organisation to the board at once (its
/// facilitators; the API's `POST /boards/{id}/members`). A person must
/// have a confirmed account in this place; an organisation is always a
/// member. They are told by email; any invitation or request waiting for
/// them is settled.
pub fn add_member(
    conn: &mut DbConn,
    tenant: &Tenant,
    actor: &User,
    board: &BoardId,
    new: &NewMember,
) -> Result<MemberView> {
    let role = parse_role(new.role.as_deref())?;
    write_transaction(conn, |conn| {
        let b = require_facilitator(conn, &tenant.id, board, actor)?;
        let who = resolve(
            conn,
            &tenant.id,
            None,
            new.user_id.as_deref(),
            new.organisation_id.as_deref(),
        )?;
        if matches!(who, Who::Organisation(_)) && role == Role::Facilitator {
            return Err(no_organisation_facilitators());
        }
        refuse_if_on_board(conn, &tenant.id, board, &who)?;
        settle_pending(conn, &tenant.id, board, &who, &actor.id)?;
        join(conn, &tenant.id, board, &who, role, &actor.id)?;
        let path = format!("/boards/{}", b.id);
        let added = |lang: Language| {
            let body = match (&who, role) {
                (Who::Organisation(o), _) => lang.t_args(
                    "email-board-added-org",
                    &[
                        ("actor", &actor.display_name),
                        ("org", &o.name),
                        ("title", &b.title),
                        ("path", &path),
                    ],
                ),
                (Who::Person(_), Role::Facilitator) => lang.t_args(
                    "email-board-added-you-facilitator",
                    &[
                        ("actor", &actor.display_name),
                        ("title", &b.title),
                        ("path", &path),
                    ],
                ),
                (Who::Person(_), _) => lang.t_args(
                    "email-board-added-you",
                    &[
                        ("actor", &actor.display_name),
                        ("title", &b.title),
                        ("path", &path),
                    ],
                ),
            };
            let subject = match &who {
                Who::Organisation(_) => lang.t("email-board-added-org-subject"),
                Who::Person(_) => lang.t("email-board-added-subject"),
            };
            (subject, body)
        };
        let view = match &who {
            Who::Person(p) => {
                if p.id != actor.id {
                    tell(conn, tenant, p, added, "board_member_added")?;
                }
                MemberView {
                    kind: "person".into(),
                    user_id: Some(p.id.to_string()),
                    organisation_id: None,
                    name: Names::new(&tenant.id, Some(actor)).of(conn, Some(&p.id))?,
                    role,
                    joined_at: now(),
                }
            }
            Who::Organisation(o) => {
                tell_organisation(conn, tenant, &o.id, added, "board_member_added")?;
                MemberView {
                    kind: "organisation".into(),
                    user_id: None,
                    organisation_id: Some(o.id.to_string()),
                    name: o.name.clone(),
                    role: Role::Member,
                    joined_at: now(),
                }
            }
        };
        Ok(view)
    })
}

fn refuse_last_facilitator(conn: &mut DbConn, tenant: &TenantId, board: &BoardId) -> Result<()> {
    if facilitators_of(conn, tenant, board)?.len() <= 1 {
        return Err(Error::conflict(
            "last_facilitator",
            Words::of("board-error-last-facilitator"),
        ));
    }
    Ok(())
}

/// Gives a person on the board another role (its facilitators); the last
/// facilitator stays one.
pub fn change_role(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    person: &UserId,
    role: &str,
) -> Result<()> {
    let role = parse_role(Some(role))?;
    write_transaction(conn, |conn| {
        require_facilitator(conn, tenant, board, actor)?;
        let current = role_of(conn, tenant, board, person)?.ok_or(Error::NotFound)?;
        if current == role {
            return Ok(());
        }
        if current == Role::Facilitator {
            refuse_last_facilitator(conn, tenant, board)?;
        }
        diesel::update(board_members::table.find((tenant, board, person)))
            .set(board_members::role.eq(role.as_str()))
            .execute(conn)?;
        record_event(
            conn,
            tenant,
            board,
            NewEvent {
                subject: Some(person),
                detail: json!({"role": role.as_str()}),
                ..NewEvent::new("role_changed", &actor.id)
            },
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::BoardRoleChanged)
                .by(&actor.id)
                .about(person)
                .detail(json!({"board": board, "role": role.as_str()})),
        )
    })
}

/// Takes a person off the board: a facilitator removes anyone; anyone may
/// leave. The last facilitator stays until they appoint another.
pub fn remove_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    person: &UserId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        visible(conn, tenant, board, Some(actor))?;
        let leaving = actor.id == *person;
        if !leaving && !is_facilitator(conn, tenant, board, &actor.id)? {
            return Err(Error::forbidden(Words::of(
                "board-error-remove-facilitators-only",
            )));
        }
        let current = role_of(conn, tenant, board, person)?.ok_or(Error::NotFound)?;
        if current == Role::Facilitator {
            refuse_last_facilitator(conn, tenant, board)?;
        }
        diesel::delete(board_members::table.find((tenant, board, person))).execute(conn)?;
        unfollow_if_gone(conn, tenant, board, person)?;
        record_event(
            conn,
            tenant,
            board,
            NewEvent {
                subject: Some(person),
                ..NewEvent::new(
                    if leaving {
                        "member_left"
                    } else {
                        "member_removed"
                    },
                    &actor.id,
                )
            },
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::BoardMemberRemoved)
                .by(&actor.id)
                .about(person)
                .detail(json!({"board": board, "left": leaving})),
        )
    })
}

/// Takes an organisation off the board: a facilitator, or an admin of the
/// organisation (it leaves).
pub fn remove_organisation(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    organisation: &OrganisationId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        visible(conn, tenant, board, Some(actor))?;
        if !organisation_on(conn, tenant, board, organisation)? {
            return Err(Error::NotFound);
        }
        let leaving =
            crate::organisations::service::membership(conn, tenant, organisation, &actor.id)?
                == Some(MemberRole::Admin);
        if !leaving && !is_facilitator(conn, tenant, board, &actor.id)? {
            return Err(Error::forbidden(Words::of(
                "board-error-remove-organisation-forbidden",
            )));
        }
        diesel::delete(board_organisations::table.find((tenant, board, organisation)))
            .execute(conn)?;
        let staff = crate::organisations::service::member_ids(
            conn,
            tenant,
            std::slice::from_ref(organisation),
        )?;
        for (_, user, _) in staff {
            unfollow_if_gone(conn, tenant, board, &user)?;
        }
        record_event(
            conn,
            tenant,
            board,
            NewEvent {
                organisation: Some(organisation),
                ..NewEvent::new(
                    if leaving {
                        "member_left"
                    } else {
                        "member_removed"
                    },
                    &actor.id,
                )
            },
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::BoardMemberRemoved)
                .by(&actor.id)
                .detail(json!({"board": board, "organisation": organisation, "left": leaving})),
        )
    })
}

/// An invitation or request as people see it.
fn request_view(
    conn: &mut DbConn,
    tenant: &TenantId,
    names: &mut Names<'_>,
    orgs: &mut HashMap<OrganisationId, String>,
    board_title: &str,
    r: &BoardRequest,
) -> Result<RequestView> {
    let name = match (&r.organisation_id, &r.user_id) {
        (Some(o), _) => organisation_name(conn, tenant, o, orgs)?,
        (None, u) => names.of(conn, u.as_ref())?,
    };
    Ok(RequestView {
        id: r.id.to_string(),
        kind: if r.is_invitation() {
            RequestKind::Invitation
        } else {
            RequestKind::JoinRequest
        },
        board_id: r.board_id.to_string(),
        board_title: board_title.to_owned(),
        user_id: r.user_id.as_ref().map(ToString::to_string),
        organisation_id: r.organisation_id.as_ref().map(ToString::to_string),
        name,
        from: names.of(conn, r.created_by.as_ref())?,
        role: r.role(),
        message: r.message.clone(),
        status: r.status.clone(),
        created_at: r.created_at,
    })
}

fn one_view(
    conn: &mut DbConn,
    tenant: &TenantId,
    viewer: &User,
    board_title: &str,
    r: &BoardRequest,
) -> Result<RequestView> {
    let mut names = Names::new(tenant, Some(viewer));
    request_view(
        conn,
        tenant,
        &mut names,
        &mut HashMap::new(),
        board_title,
        r,
    )
}

fn find_request(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    id: &BoardRequestId,
) -> Result<BoardRequest> {
    board_requests::table
        .find((tenant, id))
        .filter(board_requests::board_id.eq(board))
        .select(BoardRequest::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// Invites a person of the place (by email address or id) or an
/// organisation to the board (its facilitators). The person, or the
/// organisation's admins, are told by email and answer on "Your boards".
pub fn invite(
    conn: &mut DbConn,
    tenant: &Tenant,
    actor: &User,
    board: &BoardId,
    new: &NewInvitation,
) -> Result<RequestView> {
    let role = parse_role(new.role.as_deref())?;
    let message = optional_text("message", new.message.as_deref(), MESSAGE_MAX)?;
    write_transaction(conn, |conn| {
        let b = require_facilitator(conn, &tenant.id, board, actor)?;
        let who = resolve(
            conn,
            &tenant.id,
            new.email.as_deref(),
            new.user_id.as_deref(),
            new.organisation_id.as_deref(),
        )?;
        if matches!(who, Who::Organisation(_)) && role == Role::Facilitator {
            return Err(no_organisation_facilitators());
        }
        refuse_if_on_board(conn, &tenant.id, board, &who)?;
        let waiting = match &who {
            Who::Person(p) => pending_for_person(conn, &tenant.id, board, &p.id)?,
            Who::Organisation(o) => pending_for_organisation(conn, &tenant.id, board, &o.id)?,
        };
        if let Some(w) = waiting {
            return Err(if w.is_invitation() {
                Error::conflict("already_invited", Words::of("board-error-already-invited"))
            } else {
                Error::conflict(
                    "join_request_waiting",
                    Words::of("board-error-request-waiting"),
                )
            });
        }
        let request = BoardRequest {
            tenant_id: tenant.id.clone(),
            id: BoardRequestId::new(),
            board_id: board.clone(),
            kind: RequestKind::Invitation.as_str().to_owned(),
            user_id: match &who {
                Who::Person(p) => Some(p.id.clone()),
                Who::Organisation(_) => None,
            },
            organisation_id: match &who {
                Who::Organisation(o) => Some(o.id.clone()),
                Who::Person(_) => None,
            },
            role: role.as_str().to_owned(),
            message: message.clone(),
            created_by: Some(actor.id.clone()),
            status: "pending".into(),
            created_at: now(),
            decided_at: None,
            decided_by: None,
        };
        diesel::insert_into(board_requests::table)
            .values(&request)
            .execute(conn)?;
        audit::service::record(
            conn,
            &tenant.id,
            match &who {
                Who::Person(p) => Event::new(audit::Kind::BoardInvitationSent)
                    .by(&actor.id)
                    .about(&p.id)
                    .detail(json!({"board": board, "role": role.as_str()})),
                Who::Organisation(o) => Event::new(audit::Kind::BoardInvitationSent)
                    .by(&actor.id)
                    .detail(json!({"board": board, "organisation": o.id})),
            },
        )?;
        let invited = |lang: Language| {
            let mut body = match (&who, role) {
                (Who::Organisation(o), _) => lang.t_args(
                    "email-board-invited-org",
                    &[
                        ("actor", &actor.display_name),
                        ("org", &o.name),
                        ("title", &b.title),
                        ("service", &b.service_area),
                    ],
                ),
                (Who::Person(_), Role::Facilitator) => lang.t_args(
                    "email-board-invited-you-facilitator",
                    &[
                        ("actor", &actor.display_name),
                        ("title", &b.title),
                        ("service", &b.service_area),
                    ],
                ),
                (Who::Person(_), _) => lang.t_args(
                    "email-board-invited-you",
                    &[
                        ("actor", &actor.display_name),
                        ("title", &b.title),
                        ("service", &b.service_area),
                    ],
                ),
            };
            if let Some(m) = message.as_deref() {
                body = [body, lang.t1("email-their-message", "message", m)].join("\n\n");
            }
            (lang.t("email-board-invitation-subject"), body)
        };
        match &who {
            Who::Person(p) => tell(conn, tenant, p, invited, "board_invitation")?,
            Who::Organisation(o) => {
                tell_organisation(conn, tenant, &o.id, invited, "board_invitation")?
            }
        }
        one_view(conn, &tenant.id, actor, &b.title, &request)
    })
}

/// Answers an invitation: the person invited, or an admin of the
/// organisation invited. Anyone else finds nothing to answer (404).
pub fn answer_invitation(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    id: &BoardRequestId,
    accept: bool,
) -> Result<()> {
    write_transaction(conn, |conn| {
        let r = find_request(conn, tenant, board, id)?;
        let theirs = match (&r.user_id, &r.organisation_id) {
            (Some(u), _) => *u == actor.id,
            (None, Some(o)) => {
                crate::organisations::service::membership(conn, tenant, o, &actor.id)?
                    == Some(MemberRole::Admin)
            }
            _ => false,
        };
        if !r.is_invitation() || !theirs {
            return Err(Error::NotFound);
        }
        if !r.pending() {
            return Err(Error::conflict(
                "already_answered",
                Words::of("board-error-invitation-answered"),
            ));
        }
        if accept {
            authz::require(actor, Permission::Participate)?;
        }
        close(
            conn,
            tenant,
            id,
            if accept { "accepted" } else { "declined" },
            &actor.id,
        )?;
        if accept {
            let who = match (&r.user_id, &r.organisation_id) {
                (_, Some(o)) => Who::Organisation(
                    crate::organisations::service::find(conn, tenant, o)?.ok_or(Error::NotFound)?,
                ),
                _ => Who::Person(actor.clone()),
            };
            refuse_if_on_board(conn, tenant, board, &who)?;
            join(conn, tenant, board, &who, r.role(), &actor.id)?;
        }
        let mut event = Event::new(audit::Kind::BoardInvitationAnswered)
            .by(&actor.id)
            .detail(json!({"board": board, "accepted": accept, "organisation": r.organisation_id}));
        if r.user_id.is_some() {
            event = event.about(&actor.id);
        }
        audit::service::record(conn, tenant, event)
    })
}

/// Withdraws a waiting invitation (a facilitator) or one's own request to
/// join (the person who asked).
pub fn withdraw(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    id: &BoardRequestId,
) -> Result<()> {
    write_transaction(conn, |conn| {
        visible(conn, tenant, board, Some(actor))?;
        let r = find_request(conn, tenant, board, id)?;
        let allowed = if r.is_invitation() {
            is_facilitator(conn, tenant, board, &actor.id)?
        } else {
            r.created_by.as_ref() == Some(&actor.id)
        };
        if !allowed {
            return Err(Error::forbidden(Words::of(
                "board-error-withdraw-forbidden",
            )));
        }
        if !r.pending() {
            return Err(Error::conflict(
                "already_answered",
                Words::of("board-error-answered"),
            ));
        }
        close(conn, tenant, id, "withdrawn", &actor.id)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::BoardInvitationWithdrawn)
                .by(&actor.id)
                .detail(json!({"board": board, "kind": r.kind})),
        )
    })
}

/// Asks to join a board the person can see: for themselves, or for an
/// organisation they are an admin of. The board's facilitators are told
/// by email and decide.
pub fn request_to_join(
    conn: &mut DbConn,
    tenant: &Tenant,
    actor: &User,
    board: &BoardId,
    new: &NewJoinRequest,
) -> Result<RequestView> {
    authz::require(actor, Permission::Participate)?;
    let message = optional_text("message", new.message.as_deref(), MESSAGE_MAX)?;
    write_transaction(conn, |conn| {
        let b = visible(conn, &tenant.id, board, Some(actor))?;
        let who = match new
            .organisation_id
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            None => Who::Person(actor.clone()),
            Some(raw) => {
                let org = match raw.parse::<OrganisationId>() {
                    Ok(id) => crate::organisations::service::find(conn, &tenant.id, &id)?,
                    Err(_) => None,
                }
                .ok_or_else(unknown_organisation)?;
                if crate::organisations::service::membership(conn, &tenant.id, &org.id, &actor.id)?
                    != Some(MemberRole::Admin)
                {
                    return Err(Error::forbidden(Words::of(
                        "board-error-join-organisation-admins-only",
                    )));
                }
                Who::Organisation(org)
            }
        };
        refuse_if_on_board(conn, &tenant.id, board, &who)?;
        let waiting = match &who {
            Who::Person(p) => pending_for_person(conn, &tenant.id, board, &p.id)?,
            Who::Organisation(o) => pending_for_organisation(conn, &tenant.id, board, &o.id)?,
        };
        if let Some(w) = waiting {
            return Err(if w.is_invitation() {
                Error::conflict(
                    "invitation_waiting",
                    Words::of("board-error-invitation-waiting"),
                )
            } else {
                Error::conflict(
                    "already_requested",
                    Words::of("board-error-already-requested"),
                )
            });
        }
        let request = BoardRequest {
            tenant_id: tenant.id.clone(),
            id: BoardRequestId::new(),
            board_id: board.clone(),
            kind: RequestKind::JoinRequest.as_str().to_owned(),
            user_id: match &who {
                Who::Person(p) => Some(p.id.clone()),
                Who::Organisation(_) => None,
            },
            organisation_id: match &who {
                Who::Organisation(o) => Some(o.id.clone()),
                Who::Person(_) => None,
            },
            role: Role::Member.as_str().to_owned(),
            message: message.clone(),
            created_by: Some(actor.id.clone()),
            status: "pending".into(),
            created_at: now(),
            decided_at: None,
            decided_by: None,
        };
        diesel::insert_into(board_requests::table)
            .values(&request)
            .execute(conn)?;
        audit::service::record(
            conn,
            &tenant.id,
            Event::new(audit::Kind::BoardJoinRequested)
                .of(&actor.id)
                .detail(json!({"board": board, "organisation": request.organisation_id})),
        )?;
        let path = format!("/boards/{}/invitations", b.id);
        let asked = |lang: Language| {
            let body = match &who {
                Who::Organisation(o) => lang.t_args(
                    "email-board-join-asked-for-org",
                    &[
                        ("actor", &actor.display_name),
                        ("title", &b.title),
                        ("org", &o.name),
                        ("path", &path),
                    ],
                ),
                Who::Person(_) => lang.t_args(
                    "email-board-join-asked",
                    &[
                        ("actor", &actor.display_name),
                        ("title", &b.title),
                        ("path", &path),
                    ],
                ),
            };
            (lang.t("email-board-join-subject"), body)
        };
        for f in facilitators_of(conn, &tenant.id, board)? {
            if let Some(person) = crate::accounts::service::find_user(conn, &tenant.id, &f)? {
                tell(conn, tenant, &person, asked, "board_join_request")?;
            }
        }
        one_view(conn, &tenant.id, actor, &b.title, &request)
    })
}

/// Accepts (they join) or declines a waiting request to join (the board's
/// facilitators); the person who asked is told by email.
pub fn decide(
    conn: &mut DbConn,
    tenant: &Tenant,
    actor: &User,
    board: &BoardId,
    id: &BoardRequestId,
    accept: bool,
) -> Result<()> {
    write_transaction(conn, |conn| {
        let b = require_facilitator(conn, &tenant.id, board, actor)?;
        let r = find_request(conn, &tenant.id, board, id)?;
        if r.is_invitation() {
            return Err(Error::NotFound);
        }
        if !r.pending() {
            return Err(Error::conflict(
                "already_answered",
                Words::of("board-error-request-answered"),
            ));
        }
        close(
            conn,
            &tenant.id,
            id,
            if accept { "accepted" } else { "declined" },
            &actor.id,
        )?;
        let asker = match &r.created_by {
            Some(u) => crate::accounts::service::find_user(conn, &tenant.id, u)?,
            None => None,
        };
        if accept {
            let who = match (&r.organisation_id, &asker) {
                (Some(o), _) => Who::Organisation(
                    crate::organisations::service::find(conn, &tenant.id, o)?
                        .ok_or(Error::NotFound)?,
                ),
                (None, Some(p)) => Who::Person(p.clone()),
                (None, None) => return Err(Error::NotFound),
            };
            refuse_if_on_board(conn, &tenant.id, board, &who)?;
            join(conn, &tenant.id, board, &who, Role::Member, &actor.id)?;
        }
        let mut event = Event::new(audit::Kind::BoardJoinRequestDecided)
            .by(&actor.id)
            .detail(json!({"board": board, "accepted": accept, "organisation": r.organisation_id}));
        if let Some(p) = &asker {
            event = event.about(&p.id);
        }
        audit::service::record(conn, &tenant.id, event)?;
        if let Some(p) = asker {
            let path = format!("/boards/{}", b.id);
            let decided = |lang: Language| {
                if accept {
                    (
                        lang.t("email-board-joined-subject"),
                        lang.t2(
                            "email-board-join-accepted",
                            "title",
                            b.title.as_str(),
                            "path",
                            path.as_str(),
                        ),
                    )
                } else {
                    (
                        lang.t("email-board-join-declined-subject"),
                        lang.t1("email-board-join-declined", "title", b.title.as_str()),
                    )
                }
            };
            tell(conn, tenant, &p, decided, "board_join_decision")?;
        }
        Ok(())
    })
}

/// A board's waiting invitations and requests (its facilitators).
pub fn pending(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
) -> Result<Pending> {
    let b = require_facilitator(conn, tenant, board, actor)?;
    let rows: Vec<BoardRequest> = board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::board_id.eq(board))
        .filter(board_requests::status.eq("pending"))
        .order((board_requests::created_at.asc(), board_requests::id.asc()))
        .select(BoardRequest::as_select())
        .load(conn)?;
    let mut names = Names::new(tenant, Some(actor));
    let mut orgs = HashMap::new();
    let mut out = Pending {
        invitations: Vec::new(),
        join_requests: Vec::new(),
    };
    for r in &rows {
        let v = request_view(conn, tenant, &mut names, &mut orgs, &b.title, r)?;
        if r.is_invitation() {
            out.invitations.push(v);
        } else {
            out.join_requests.push(v);
        }
    }
    Ok(out)
}

/// A person's boards, most recently active first, and the invitations
/// waiting for them or for the organisations they run.
pub fn mine(conn: &mut DbConn, tenant: &TenantId, person: &User) -> Result<MyBoards> {
    let ids = board_ids_of(conn, tenant, &person.id)?;
    let rows: Vec<Board> = boards::table
        .filter(boards::tenant_id.eq(tenant))
        .filter(boards::id.eq_any(&ids))
        .order((boards::last_activity_at.desc(), boards::id.desc()))
        .select(Board::as_select())
        .load(conn)?;
    let orgs = admin_of(conn, tenant, &person.id)?;
    let invitations: Vec<BoardRequest> = board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::kind.eq(RequestKind::Invitation.as_str()))
        .filter(board_requests::status.eq("pending"))
        .filter(
            board_requests::user_id
                .eq(&person.id)
                .or(board_requests::organisation_id.eq_any(&orgs)),
        )
        .order(board_requests::created_at.asc())
        .select(BoardRequest::as_select())
        .load(conn)?;
    let mut names = Names::new(tenant, Some(person));
    let mut org_names = HashMap::new();
    let mut views = Vec::new();
    for r in &invitations {
        let title = find(conn, tenant, &r.board_id)?
            .map(|b| b.title)
            .unwrap_or_default();
        views.push(request_view(
            conn,
            tenant,
            &mut names,
            &mut org_names,
            &title,
            r,
        )?);
    }
    Ok(MyBoards {
        boards: rows.iter().map(BoardSummary::new).collect(),
        invitations: views,
    })
}

/// The waiting request to join a person made for the board, if any.
pub fn own_request(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<Option<BoardRequestId>> {
    Ok(board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(board_requests::board_id.eq(board))
        .filter(board_requests::kind.eq(RequestKind::JoinRequest.as_str()))
        .filter(board_requests::created_by.eq(user))
        .filter(board_requests::status.eq("pending"))
        .select(board_requests::id)
        .first(conn)
        .optional()?)
}

/// Everyone who takes part in the board (people in their own right and
/// the staff of member organisations), each once, by name: for recording
/// attendance.
pub fn attendees(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    viewer: Option<&User>,
) -> Result<Vec<MemberView>> {
    let mut names = Names::new(tenant, viewer);
    let mut out = Vec::new();
    for (user, constituency) in eligible_voters(conn, tenant, board)? {
        let role = role_of(conn, tenant, board, &user)?.unwrap_or(Role::Member);
        out.push(MemberView {
            kind: match constituency {
                Constituency::Citizen => "person",
                Constituency::Organisation => "organisation_staff",
            }
            .into(),
            name: names.of(conn, Some(&user))?,
            user_id: Some(user.to_string()),
            organisation_id: None,
            role,
            joined_at: now(),
        });
    }
    out.sort_by_key(|m| m.name.to_lowercase());
    Ok(out)
}

/// The organisations a person may ask to join a board for (those they are
/// an admin of that are not on it), by name.
pub fn organisations_to_offer(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    person: &UserId,
) -> Result<Vec<crate::organisations::Organisation>> {
    let mut out = Vec::new();
    for (o, role, _) in crate::organisations::service::organisations_of(conn, tenant, person)? {
        if role == MemberRole::Admin && !organisation_on(conn, tenant, board, &o.id)? {
            out.push(o);
        }
    }
    out.sort_by_key(|o| o.name_key.clone());
    Ok(out)
}

// ---------------------------------------------------------------------
// Links to proposals and assets

/// Links a proposal or an asset to the board (its facilitators). The
/// proposal must be one the facilitator can see and not a draft; the
/// asset one on the map (not withdrawn). Linking again changes nothing.
pub fn link(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    new: &NewLink,
) -> Result<LinkView> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    write_transaction(conn, |conn| {
        require_facilitator(conn, tenant, board, actor)?;
        match (given(&new.proposal_id), given(&new.asset_id)) {
            (Some(raw), None) => {
                let unknown = || {
                    Error::field(
                        "proposal_id",
                        "unknown",
                        Words::of("board-error-proposal-unknown"),
                    )
                };
                let id: ProposalId = raw.parse().map_err(|_| unknown())?;
                let p = match crate::proposals::service::visible(conn, tenant, &id, Some(actor)) {
                    Ok(p) => p,
                    Err(Error::NotFound | Error::Gone { .. }) => return Err(unknown()),
                    Err(e) => return Err(e),
                };
                if p.status() == crate::proposals::Status::Draft {
                    return Err(unknown());
                }
                let exists: i64 = board_proposals::table
                    .find((tenant, board, &id))
                    .count()
                    .get_result(conn)?;
                let at = now();
                if exists == 0 {
                    diesel::insert_into(board_proposals::table)
                        .values((
                            board_proposals::tenant_id.eq(tenant),
                            board_proposals::board_id.eq(board),
                            board_proposals::proposal_id.eq(&id),
                            board_proposals::linked_by.eq(Some(&actor.id)),
                            board_proposals::linked_at.eq(at),
                        ))
                        .execute(conn)?;
                    record_event(
                        conn,
                        tenant,
                        board,
                        NewEvent {
                            detail: json!({"title": p.title, "link": format!("/proposals/{id}")}),
                            ..NewEvent::new("proposal_linked", &actor.id)
                        },
                    )?;
                    audit::service::record(
                        conn,
                        tenant,
                        Event::new(audit::Kind::BoardLinked)
                            .by(&actor.id)
                            .detail(json!({"board": board, "proposal": id})),
                    )?;
                }
                Ok(LinkView {
                    kind: "proposal".into(),
                    id: id.to_string(),
                    title: p.title.clone(),
                    detail: p.status().label().to_owned(),
                    linked_at: at,
                })
            }
            (None, Some(raw)) => {
                let unknown = || {
                    Error::field(
                        "asset_id",
                        "unknown",
                        Words::of("board-error-asset-unknown"),
                    )
                };
                let id: AssetId = raw.parse().map_err(|_| unknown())?;
                let a = crate::assets::service::find(conn, tenant, &id)?
                    .filter(|a| !a.withdrawn())
                    .ok_or_else(unknown)?;
                let exists: i64 = board_assets::table
                    .find((tenant, board, &id))
                    .count()
                    .get_result(conn)?;
                let at = now();
                if exists == 0 {
                    diesel::insert_into(board_assets::table)
                        .values((
                            board_assets::tenant_id.eq(tenant),
                            board_assets::board_id.eq(board),
                            board_assets::asset_id.eq(&id),
                            board_assets::linked_by.eq(Some(&actor.id)),
                            board_assets::linked_at.eq(at),
                        ))
                        .execute(conn)?;
                    record_event(
                        conn,
                        tenant,
                        board,
                        NewEvent {
                            detail: json!({"title": a.name, "link": format!("/assets/{id}")}),
                            ..NewEvent::new("asset_linked", &actor.id)
                        },
                    )?;
                    audit::service::record(
                        conn,
                        tenant,
                        Event::new(audit::Kind::BoardLinked)
                            .by(&actor.id)
                            .detail(json!({"board": board, "asset": id})),
                    )?;
                }
                Ok(LinkView {
                    kind: "asset".into(),
                    id: id.to_string(),
                    title: a.name.clone(),
                    detail: a.kind().as_str().to_owned(),
                    linked_at: at,
                })
            }
            (None, None) => Err(Error::field(
                "proposal_id",
                "required",
                Words::of("board-error-link-required"),
            )),
            _ => Err(Error::field(
                "asset_id",
                "ambiguous",
                Words::of("board-error-link-ambiguous"),
            )),
        }
    })
}

/// Removes a link (the board's facilitators); a link that is not there is
/// not found.
pub fn unlink(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    kind: &str,
    target: &str,
) -> Result<()> {
    write_transaction(conn, |conn| {
        require_facilitator(conn, tenant, board, actor)?;
        let removed = match kind {
            "proposal" => {
                let id: ProposalId = target.parse().map_err(|_| Error::NotFound)?;
                diesel::delete(board_proposals::table.find((tenant, board, &id))).execute(conn)?
            }
            "asset" => {
                let id: AssetId = target.parse().map_err(|_| Error::NotFound)?;
                diesel::delete(board_assets::table.find((tenant, board, &id))).execute(conn)?
            }
            _ => 0,
        };
        if removed == 0 {
            return Err(Error::NotFound);
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::BoardUnlinked)
                .by(&actor.id)
                .detail(json!({"board": board, "kind": kind, "id": target})),
        )
    })
}

/// The proposals and assets a board links to, as `viewer` may see them
/// (a proposal hidden by the moderators, or an asset withdrawn, drops
/// out).
pub fn links(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    viewer: Option<&User>,
) -> Result<Links> {
    visible(conn, tenant, board, viewer)?;
    let proposals: Vec<(ProposalId, NaiveDateTime)> = board_proposals::table
        .filter(board_proposals::tenant_id.eq(tenant))
        .filter(board_proposals::board_id.eq(board))
        .order(board_proposals::linked_at.asc())
        .select((board_proposals::proposal_id, board_proposals::linked_at))
        .load(conn)?;
    let mut out = Links {
        proposals: Vec::new(),
        assets: Vec::new(),
    };
    for (id, linked_at) in proposals {
        if let Ok(p) = crate::proposals::service::visible(conn, tenant, &id, viewer) {
            out.proposals.push(LinkView {
                kind: "proposal".into(),
                id: id.to_string(),
                detail: p.status().label().to_owned(),
                title: p.title,
                linked_at,
            });
        }
    }
    let assets: Vec<(AssetId, NaiveDateTime)> = board_assets::table
        .filter(board_assets::tenant_id.eq(tenant))
        .filter(board_assets::board_id.eq(board))
        .order(board_assets::linked_at.asc())
        .select((board_assets::asset_id, board_assets::linked_at))
        .load(conn)?;
    for (id, linked_at) in assets {
        if let Some(a) = crate::assets::service::find(conn, tenant, &id)?.filter(|a| !a.withdrawn())
        {
            out.assets.push(LinkView {
                kind: "asset".into(),
                id: id.to_string(),
                detail: a.kind().as_str().to_owned(),
                title: a.name,
                linked_at,
            });
        }
    }
    Ok(out)
}

/// What a linked board names: a proposal or an asset.
#[derive(Debug, Clone)]
pub enum Linked {
    Proposal(ProposalId),
    Asset(AssetId),
}

/// The boards that work with a proposal or asset, as `viewer` may see
/// them (for the proposal's and asset's pages).
pub fn boards_linked_to(
    conn: &mut DbConn,
    tenant: &TenantId,
    target: &Linked,
    viewer: Option<&User>,
) -> Result<Vec<LinkedBoard>> {
    let ids: Vec<BoardId> = match target {
        Linked::Proposal(id) => boards_working_on(conn, tenant, id)?,
        Linked::Asset(id) => board_assets::table
            .filter(board_assets::tenant_id.eq(tenant))
            .filter(board_assets::asset_id.eq(id))
            .select(board_assets::board_id)
            .load(conn)?,
    };
    linked_boards(conn, tenant, ids, viewer)
}

/// Of the boards `ids`, those `viewer` may see, by title: for a caller
/// that has the ids already (from [`boards_working_on`]).
pub fn linked_boards(
    conn: &mut DbConn,
    tenant: &TenantId,
    ids: Vec<BoardId>,
    viewer: Option<&User>,
) -> Result<Vec<LinkedBoard>> {
    let mut out = Vec::new();
    for id in ids {
        if let Ok(b) = visible(conn, tenant, &id, viewer) {
            out.push(LinkedBoard {
                id: b.id.to_string(),
                phase: b.phase(),
                title: b.title,
            });
        }
    }
    out.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(out)
}

/// The boards a proposal is linked to, whoever may see them: for the
/// proposals room's own rules (who may move it, who hears of it).
pub fn boards_working_on(
    conn: &mut DbConn,
    tenant: &TenantId,
    proposal: &ProposalId,
) -> Result<Vec<BoardId>> {
    Ok(crate::db::direct!(conn, |c| board_proposals::table
        .filter(board_proposals::tenant_id.eq(tenant))
        .filter(board_proposals::proposal_id.eq(proposal))
        .select(board_proposals::board_id)
        .order(board_proposals::board_id.asc())
        .load(c))?)
}

// ---------------------------------------------------------------------
// A person's data

/// Everything about a person in boards, for their data export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    let memberships: Vec<(BoardId, String, String, NaiveDateTime)> = board_members::table
        .inner_join(
            boards::table.on(boards::tenant_id
                .eq(board_members::tenant_id)
                .and(boards::id.eq(board_members::board_id))),
        )
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::user_id.eq(person))
        .order(board_members::joined_at.asc())
        .select((
            board_members::board_id,
            boards::title,
            board_members::role,
            board_members::joined_at,
        ))
        .load(conn)?;
    let requests: Vec<BoardRequest> = board_requests::table
        .filter(board_requests::tenant_id.eq(tenant))
        .filter(
            board_requests::user_id
                .eq(person)
                .or(board_requests::created_by.eq(person)),
        )
        .order(board_requests::created_at.asc())
        .select(BoardRequest::as_select())
        .load(conn)?;
    let events: Vec<(BoardId, NaiveDateTime, String, Option<UserId>, String)> = board_events::table
        .filter(board_events::tenant_id.eq(tenant))
        .filter(
            board_events::actor_id
                .eq(person)
                .or(board_events::subject_id.eq(person)),
        )
        .order(board_events::occurred_at.asc())
        .select((
            board_events::board_id,
            board_events::occurred_at,
            board_events::kind,
            board_events::actor_id,
            board_events::detail,
        ))
        .load(conn)?;
    let (rsvps, attendance) = super::workshops::personal_data(conn, tenant, person)?;
    Ok(PersonalData {
        memberships: memberships
            .into_iter()
            .map(|(b, title, role, joined_at)| MembershipData {
                board_id: b.to_string(),
                board_title: title,
                role,
                joined_at,
            })
            .collect(),
        requests: requests
            .into_iter()
            .map(|r| RequestData {
                board_id: r.board_id.to_string(),
                made_by_you: r.created_by.as_ref() == Some(person),
                organisation_id: r.organisation_id.as_ref().map(ToString::to_string),
                kind: r.kind,
                role: r.role,
                message: r.message,
                status: r.status,
                created_at: r.created_at,
                decided_at: r.decided_at,
            })
            .collect(),
        rsvps,
        attendance,
        timeline: events
            .into_iter()
            .map(|(b, occurred_at, kind, actor, detail)| EventData {
                board_id: b.to_string(),
                occurred_at,
                kind,
                by_you: actor.as_ref() == Some(person),
                detail: serde_json::from_str(&detail).unwrap_or_default(),
            })
            .collect(),
    })
}

/// What erasure does with a person's part in boards, inside the caller's
/// transaction: their memberships, invitations to them, their own
/// requests, answers to workshops (with their access needs) and
/// attendance go; what they did as a facilitator stays on the boards'
/// timelines, unsigned. A board they were the last facilitator of passes
/// to its longest-standing member, so it can still be run.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    let facilitated: Vec<BoardId> = board_members::table
        .filter(board_members::tenant_id.eq(tenant))
        .filter(board_members::user_id.eq(person))
        .filter(board_members::role.eq(Role::Facilitator.as_str()))
        .select(board_members::board_id)
        .load(conn)?;
    diesel::delete(
        board_members::table
            .filter(board_members::tenant_id.eq(tenant))
            .filter(board_members::user_id.eq(person)),
    )
    .execute(conn)?;
    for board in facilitated {
        if facilitators_of(conn, tenant, &board)?.is_empty() {
            let next: Option<UserId> = board_members::table
                .filter(board_members::tenant_id.eq(tenant))
                .filter(board_members::board_id.eq(&board))
                .order(board_members::joined_at.asc())
                .select(board_members::user_id)
                .first(conn)
                .optional()?;
            if let Some(next) = next {
                diesel::update(board_members::table.find((tenant, &board, &next)))
                    .set(board_members::role.eq(Role::Facilitator.as_str()))
                    .execute(conn)?;
            }
        }
    }
    diesel::delete(
        board_requests::table
            .filter(board_requests::tenant_id.eq(tenant))
            .filter(board_requests::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        board_requests::table
            .filter(board_requests::tenant_id.eq(tenant))
            .filter(board_requests::created_by.eq(person)),
    )
    .set((
        board_requests::created_by.eq(None::<UserId>),
        board_requests::message.eq(None::<String>),
    ))
    .execute(conn)?;
    diesel::update(
        board_requests::table
            .filter(board_requests::tenant_id.eq(tenant))
            .filter(board_requests::decided_by.eq(person)),
    )
    .set(board_requests::decided_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        board_events::table
            .filter(board_events::tenant_id.eq(tenant))
            .filter(board_events::actor_id.eq(person)),
    )
    .set(board_events::actor_id.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        board_events::table
            .filter(board_events::tenant_id.eq(tenant))
            .filter(board_events::subject_id.eq(person)),
    )
    .set(board_events::subject_id.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        boards::table
            .filter(boards::tenant_id.eq(tenant))
            .filter(boards::created_by.eq(person)),
    )
    .set(boards::created_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        board_proposals::table
            .filter(board_proposals::tenant_id.eq(tenant))
            .filter(board_proposals::linked_by.eq(person)),
    )
    .set(board_proposals::linked_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        board_assets::table
            .filter(board_assets::tenant_id.eq(tenant))
            .filter(board_assets::linked_by.eq(person)),
    )
    .set(board_assets::linked_by.eq(None::<UserId>))
    .execute(conn)?;
    super::workshops::erase_person(conn, tenant, person)
}
