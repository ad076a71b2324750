//! The rules of polls: who may create, vote, close and see results;
//! the snapshot of eligible voters at opening; one ballot per voter,
//! replaceable while open (secret ballots with their receipt); closing
//! (on time by the sweep or the next reader, or early by a facilitator)
//! with its digest in the audit log; recounts; and what polls hold about
//! a person.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde_json::{json, Value};

use super::board::{self, BoardId, BoardInfo};
use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::User;
use crate::audit::{Event, Kind};
use crate::db::ids::{BallotId, PollId, PollOptionId, TenantId, UserId};
use crate::db::schema::{audit_events, poll_ballots, poll_options, poll_voters, polls};
use crate::db::{execute_prepared, execute_prepared_pg, write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::http::pagination::Paging;
use crate::voting::{self, Ballot, Constituency, PollResult, PollSpec};

/// Rows per multi-row insert (well under SQLite's variable limit).
const CHUNK: usize = 500;

/// Inserts many rows at once. Multi-row inserts are written for each
/// backend: diesel's `MultiConnection` has no batch insert of its own.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(CHUNK) {
            match $conn {
                DbConn::Pg(pg) => diesel::insert_into($table).values(chunk).execute(pg)?,
                DbConn::Sqlite(lite) => diesel::insert_into($table).values(chunk).execute(lite)?,
            };
        }
    };
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

fn poll_closed() -> Error {
    Error::conflict("poll_closed", Words::of("poll-error-closed"))
}

fn not_facilitator() -> Error {
    Error::Forbidden(Words::of("poll-error-facilitators-only").into())
}

// ---------------------------------------------------------------- reading

/// A poll of this place, whoever may see it.
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &PollId) -> Result<Option<Poll>> {
    Ok(crate::db::direct!(conn, |c| polls::table
        .find((tenant, id))
        .select(Poll::as_select())
        .first(c)
        .optional())?)
}

/// A poll `viewer` may see (its board is visible to them), else 404.
/// A poll past its closing time is closed first.
pub fn readable(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &PollId,
    viewer: Option<&User>,
) -> Result<(Poll, BoardInfo)> {
    let poll = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
    let info = board::visible(conn, tenant, &poll.board_id, viewer)?;
    if poll.is_due(now()) {
        close_on_time(conn, tenant, id)?;
        let poll = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
        return Ok((poll, info));
    }
    Ok((poll, info))
}

/// A poll's options, in order. They are written once, with the poll, and
/// never changed, so each process keeps those it has read: a ballot is a
/// round trip shorter. An empty list (read inside the transaction that
/// creates the poll, before its options) is never kept.
pub fn options_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: &PollId,
) -> Result<Vec<PollOptionRow>> {
    type Known = HashMap<(TenantId, PollId), Arc<[PollOptionRow]>>;
    /// Bounds memory; most places have a handful of open polls.
    const MAX_POLLS: usize = 4_096;
    static KNOWN: LazyLock<RwLock<Known>> = LazyLock::new(Default::default);
    let key = (tenant.clone(), poll.clone());
    if let Some(known) = KNOWN.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(known.to_vec());
    }
    let rows: Vec<PollOptionRow> = crate::db::direct!(conn, |c| poll_options::table
        .filter(poll_options::tenant_id.eq(tenant))
        .filter(poll_options::poll_id.eq(poll))
        .order(poll_options::position.asc())
        .select(PollOptionRow::as_select())
        .load(c))?;
    if !rows.is_empty() {
        let mut known = KNOWN.write().unwrap_or_else(|e| e.into_inner());
        if known.len() >= MAX_POLLS {
            known.clear();
        }
        known.insert(key, rows.as_slice().into());
    }
    Ok(rows)
}

fn counts(rows: Vec<(String, i64)>) -> Counts {
    let mut c = Counts::default();
    for (constituency, n) in rows {
        match constituency.as_str() {
            "citizen" => c.citizens += n as u64,
            _ => c.organisations += n as u64,
        }
    }
    c
}

/// Who may vote, by constituency.
pub fn eligible(conn: &mut DbConn, tenant: &TenantId, poll: &PollId) -> Result<Counts> {
    let rows = poll_voters::table
        .filter(poll_voters::tenant_id.eq(tenant))
        .filter(poll_voters::poll_id.eq(poll))
        .group_by(poll_voters::constituency)
        .select((poll_voters::constituency, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(counts(rows))
}

/// Ballots cast, by constituency.
pub fn turnout(conn: &mut DbConn, tenant: &TenantId, poll: &PollId) -> Result<Counts> {
    let rows = poll_ballots::table
        .filter(poll_ballots::tenant_id.eq(tenant))
        .filter(poll_ballots::poll_id.eq(poll))
        .group_by(poll_ballots::constituency)
        .select((poll_ballots::constituency, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(counts(rows))
}

fn voter(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: &PollId,
    user: &UserId,
) -> Result<Option<Voter>> {
    Ok(crate::db::direct!(conn, |c| poll_voters::table
        .find((tenant, poll, user))
        .select(Voter::as_select())
        .first(c)
        .optional())?)
}

fn ballot_content(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: &PollId,
    id: &BallotId,
) -> Result<Option<String>> {
    Ok(poll_ballots::table
        .find((tenant, poll, id))
        .select(poll_ballots::content)
        .first(conn)
        .optional()?)
}

fn view_of(conn: &mut DbConn, poll: &Poll, viewer: Option<&User>) -> Result<PollView> {
    let tenant = &poll.tenant_id;
    let options = options_of(conn, tenant, &poll.id)?;
    let facilitator = match viewer {
        Some(v) => board::is_facilitator(conn, tenant, &poll.board_id, &v.id)?,
        None => false,
    };
    let you = match viewer {
        Some(v) => Some(match voter(conn, tenant, &poll.id, &v.id)? {
            Some(row) => {
                let ballot = match &row.ballot_id {
                    Some(id) if !poll.secret => ballot_content(conn, tenant, &poll.id, id)?
                        .and_then(|c| serde_json::from_str(&c).ok()),
                    _ => None,
                };
                Participation {
                    eligible: true,
                    voted: row.voted,
                    assisted: row.assisted_by.is_some(),
                    constituency: Some(row.constituency),
                    ballot,
                }
            }
            None => Participation {
                eligible: false,
                voted: false,
                assisted: false,
                constituency: None,
                ballot: None,
            },
        }),
        None => None,
    };
    Ok(PollView {
        id: poll.id.to_string(),
        board_id: poll.board_id.to_string(),
        question: poll.question.clone(),
        details: poll.details.clone(),
        method: poll.method.clone(),
        dots: poll.method_params().dots,
        cap: poll.method_params().cap,
        credits: poll.method_params().credits,
        options: options
            .into_iter()
            .map(|o| OptionView {
                id: o.id.to_string(),
                label: o.label,
                cost: o.cost.map(|c| c.max(0) as u64),
            })
            .collect(),
        rule: poll.rule.clone(),
        threshold: poll.threshold.as_deref().and_then(|t| t.parse().ok()),
        quorum: QuorumInput {
            citizens: poll.quorum().citizens,
            organisations: poll.quorum().organisations,
        },
        secret: poll.secret,
        live_results: poll.live_results,
        status: if poll.is_closed() { "closed" } else { "open" }.to_owned(),
        created_at: poll.created_at,
        closes_at: poll.closes_at,
        closed_at: poll.closed_at,
        eligible: eligible(conn, tenant, &poll.id)?,
        voted: turnout(conn, tenant, &poll.id)?,
        digest: poll.digest.clone(),
        you,
        facilitator,
    })
}

/// A poll as `viewer` sees it.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &PollId,
    viewer: Option<&User>,
) -> Result<(PollView, BoardInfo)> {
    let (poll, info) = readable(conn, tenant, id, viewer)?;
    Ok((view_of(conn, &poll, viewer)?, info))
}

/// A page of a board's polls, newest first, and how many there are.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    board_id: &BoardId,
    viewer: Option<&User>,
    paging: Paging,
) -> Result<(Vec<PollView>, i64, BoardInfo)> {
    let info = board::visible(conn, tenant, board_id, viewer)?;
    close_due_on_board(conn, tenant, board_id)?;
    let of_board = || {
        polls::table
            .filter(polls::tenant_id.eq(tenant))
            .filter(polls::board_id.eq(board_id))
    };
    let total: i64 = of_board().count().get_result(conn)?;
    let rows: Vec<Poll> = of_board()
        .order((polls::created_at.desc(), polls::id.desc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Poll::as_select())
        .load(conn)?;
    let items = rows
        .iter()
        .map(|p| view_of(conn, p, viewer))
        .collect::<Result<Vec<_>>>()?;
    Ok((items, total, info))
}

/// A board's polls for the board's page (`viewer` must be able to see
/// the board, else 404): all its open polls and the most recently closed,
/// at most `limit` of each, with how many there are. Polls past their
/// closing time are closed first, so none is listed open after its time.
pub fn on_board(
    conn: &mut DbConn,
    tenant: &TenantId,
    board_id: &BoardId,
    viewer: Option<&User>,
    limit: i64,
) -> Result<BoardPolls> {
    board::visible(conn, tenant, board_id, viewer)?;
    close_due_on_board(conn, tenant, board_id)?;
    let of_board = || {
        polls::table
            .filter(polls::tenant_id.eq(tenant))
            .filter(polls::board_id.eq(board_id))
    };
    let open_total: i64 = of_board()
        .filter(polls::closed_at.is_null())
        .count()
        .get_result(conn)?;
    let closed_total: i64 = of_board()
        .filter(polls::closed_at.is_not_null())
        .count()
        .get_result(conn)?;
    let open: Vec<Poll> = of_board()
        .filter(polls::closed_at.is_null())
        .order((
            polls::closes_at.is_null().asc(),
            polls::closes_at.asc(),
            polls::created_at.desc(),
            polls::id.asc(),
        ))
        .limit(limit)
        .select(Poll::as_select())
        .load(conn)?;
    let closed: Vec<Poll> = of_board()
        .filter(polls::closed_at.is_not_null())
        .order((polls::closed_at.desc(), polls::id.asc()))
        .limit(limit)
        .select(Poll::as_select())
        .load(conn)?;
    let mut summarise = |p: Poll| -> Result<PollSummary> {
        let you_voted = match viewer {
            Some(v) => voter(conn, tenant, &p.id, &v.id)?.map(|row| row.voted),
            None => None,
        };
        Ok(PollSummary {
            results_visible: p.is_closed() || p.live_results,
            eligible: eligible(conn, tenant, &p.id)?.total(),
            voted: turnout(conn, tenant, &p.id)?.total(),
            you_voted,
            id: p.id,
            question: p.question,
            method: p.method,
            secret: p.secret,
            created_at: p.created_at,
            closes_at: p.closes_at,
            closed_at: p.closed_at,
        })
    };
    let open = open
        .into_iter()
        .map(&mut summarise)
        .collect::<Result<_>>()?;
    let closed = closed
        .into_iter()
        .map(&mut summarise)
        .collect::<Result<_>>()?;
    Ok(BoardPolls {
        open,
        closed,
        open_total,
        closed_total,
    })
}

/// The eligible voters of a poll with their constituency and whether they
/// voted (for the facilitators' assisted-ballot form), with who may be
/// helped: those who took part in a workshop in person.
pub fn voters_for_assistance(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &PollId,
) -> Result<Vec<(UserId, String, bool)>> {
    let (poll, _) = readable(conn, tenant, id, Some(actor))?;
    if !board::is_facilitator(conn, tenant, &poll.board_id, &actor.id)? {
        return Err(not_facilitator());
    }
    let rows: Vec<Voter> = poll_voters::table
        .filter(poll_voters::tenant_id.eq(tenant))
        .filter(poll_voters::poll_id.eq(id))
        .select(Voter::as_select())
        .load(conn)?;
    let mut names = crate::proposals::service::Names::new(tenant, Some(actor));
    let mut out = Vec::new();
    for v in rows {
        if board::attended_in_person(conn, tenant, &poll.board_id, &v.user_id)? {
            let name = names.of(conn, Some(&v.user_id))?;
            out.push((v.user_id, name, v.voted));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

// ---------------------------------------------------------------- creating

/// Opens a poll on a board (its facilitators). The board's members at
/// this moment become its voters, each in their constituency.
pub fn create(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board_id: &BoardId,
    new: &NewPoll,
) -> Result<Poll> {
    board::visible(conn, tenant, board_id, Some(actor))?;
    if !board::is_facilitator(conn, tenant, board_id, &actor.id)? {
        return Err(not_facilitator());
    }
    let at = now();
    let checked = new.check(at)?;
    write_transaction(conn, |conn| {
        let method = checked.spec.method();
        let (dots, cap, credits) = match method {
            voting::Method::Dot { dots } => (Some(dots as i32), None, None),
            voting::Method::Budget { cap } => (None, Some(cap), None),
            voting::Method::Quadratic { credits } => (None, None, Some(credits as i32)),
            _ => (None, None, None),
        };
        let quorum = checked.spec.quorum();
        let poll = Poll {
            tenant_id: tenant.clone(),
            id: PollId::new(),
            board_id: board_id.clone(),
            question: checked.question.clone(),
            details: checked.details.clone(),
            method: method.name().to_owned(),
            dots,
            cap: cap.map(|c| c as i64),
            credits,
            rule: checked.spec.rule().name().to_owned(),
            threshold: checked.threshold.map(|t| t.to_string()),
            quorum_citizens: quorum.citizens.min(i64::MAX as u64) as i64,
            quorum_organisations: quorum.organisations.min(i64::MAX as u64) as i64,
            secret: checked.secret,
            live_results: checked.live_results,
            created_by: Some(actor.id.clone()),
            created_at: at,
            closes_at: checked.closes_at,
            closed_at: None,
            closed_by: None,
            result: None,
            digest: None,
        };
        diesel::insert_into(polls::table)
            .values(&poll)
            .execute(conn)?;
        let options: Vec<PollOptionRow> = checked
            .options
            .iter()
            .enumerate()
            .map(|(i, (label, cost))| PollOptionRow {
                tenant_id: tenant.clone(),
                id: PollOptionId::new(),
                poll_id: poll.id.clone(),
                position: i as i32,
                label: label.clone(),
                cost: cost.map(|c| c as i64),
            })
            .collect();
        insert_rows!(&mut *conn, poll_options::table, options);
        // The stored poll must read back as the checked one.
        poll.spec(&options)?;
        let voters: Vec<Voter> = board::eligible_voters(conn, tenant, board_id)?
            .into_iter()
            .map(|(user_id, c)| Voter {
                tenant_id: tenant.clone(),
                poll_id: poll.id.clone(),
                user_id,
                constituency: constituency_word(c).to_owned(),
                voted: false,
                assisted_by: None,
                ballot_id: None,
            })
            .collect();
        insert_rows!(&mut *conn, poll_voters::table, voters);
        let citizens = voters
            .iter()
            .filter(|v| v.constituency == "citizen")
            .count();
        crate::audit::service::record(
            conn,
            tenant,
            Event::new(Kind::PollCreated).by(&actor.id).detail(json!({
                "poll_id": poll.id,
                "board_id": board_id,
                "method": poll.method,
                "rule": poll.rule,
                "secret": poll.secret,
                "options": options.len(),
                "eligible": {"citizens": citizens, "organisations": voters.len() - citizens},
            })),
        )?;
        Ok(poll)
    })
}

// ---------------------------------------------------------------- voting

/// Holds the poll open while a ballot is written: on PostgreSQL a share
/// lock on its row, which closing (FOR UPDATE) waits for, so no ballot
/// lands after the count. SQLite's write transaction already holds the
/// whole database.
fn hold_open(conn: &mut DbConn, tenant: &TenantId, id: &PollId) -> Result<Poll> {
    let poll = match conn {
        DbConn::Pg(pg) => polls::table
            .find((tenant, id))
            .select(Poll::as_select())
            .for_share()
            .first(pg)?,
        DbConn::Sqlite(_) => find(conn, tenant, id)?.ok_or(Error::NotFound)?,
    };
    Ok(poll)
}

/// Locks the poll for closing (PostgreSQL: waits for ballots in flight).
fn hold_for_close(conn: &mut DbConn, tenant: &TenantId, id: &PollId) -> Result<Poll> {
    let poll = match conn {
        DbConn::Pg(pg) => polls::table
            .find((tenant, id))
            .select(Poll::as_select())
            .for_update()
            .first(pg)?,
        DbConn::Sqlite(_) => find(conn, tenant, id)?.ok_or(Error::NotFound)?,
    };
    Ok(poll)
}

/// Splits a secret poll's `receipt` from the ballot itself.
fn take_receipt(poll: &Poll, raw: &Value) -> Result<(Value, Option<String>)> {
    let mut raw = raw.clone();
    if !poll.secret {
        return Ok((raw, None));
    }
    let receipt = match raw.as_object_mut().and_then(|o| o.remove("receipt")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::String(_)) => None,
        Some(_) => {
            return Err(Error::field(
                "receipt",
                "invalid",
                Words::of("poll-error-receipt-invalid"),
            ))
        }
    };
    Ok((raw, receipt))
}

/// Who casts a ballot: the voter, or a facilitator for them.
enum Caster<'a> {
    Voter,
    Facilitator(&'a User),
}

/// Casts (or replaces) the caller's ballot. One ballot per eligible voter;
/// a second replaces the first while the poll is open (for a secret poll,
/// only with the receipt the first one gave).
pub fn cast(
    conn: &mut DbConn,
    tenant: &TenantId,
    voter: &User,
    id: &PollId,
    raw: &Value,
) -> Result<CastView> {
    authz::require(voter, Permission::Participate)?;
    let (poll, _) = readable(conn, tenant, id, Some(voter))?;
    cast_as(conn, tenant, poll, &voter.id, raw, Caster::Voter)
}

/// A facilitator casts (or replaces) a ballot for a board member who took
/// part in one of the board's workshops in person; the audit log records
/// it as assisted.
pub fn cast_assisted(
    conn: &mut DbConn,
    tenant: &TenantId,
    facilitator: &User,
    id: &PollId,
    request: &AssistedBallot,
) -> Result<CastView> {
    let (poll, _) = readable(conn, tenant, id, Some(facilitator))?;
    if !board::is_facilitator(conn, tenant, &poll.board_id, &facilitator.id)? {
        return Err(not_facilitator());
    }
    let unknown = || {
        Error::field(
            "voter_id",
            "not_eligible",
            Words::of("poll-error-voter-not-eligible"),
        )
    };
    let voter_id: UserId = request.voter_id.trim().parse().map_err(|_| unknown())?;
    if voter(conn, tenant, id, &voter_id)?.is_none() {
        return Err(unknown());
    }
    if !board::attended_in_person(conn, tenant, &poll.board_id, &voter_id)? {
        return Err(Error::field(
            "voter_id",
            "not_in_person",
            Words::of("poll-error-voter-not-in-person"),
        ));
    }
    cast_as(
        conn,
        tenant,
        poll,
        &voter_id,
        &request.ballot,
        Caster::Facilitator(facilitator),
    )
}

/// Casts for `voter_id` in `poll` (already read, and visible to whoever
/// casts).
fn cast_as(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: Poll,
    voter_id: &UserId,
    raw: &Value,
    caster: Caster<'_>,
) -> Result<CastView> {
    // Reads first, outside the write: the voter, the ballot.
    let id = &poll.id.clone();
    if poll.is_closed() {
        return Err(poll_closed());
    }
    let Some(row) = voter(conn, tenant, id, voter_id)? else {
        let member = board::is_member(conn, tenant, &poll.board_id, voter_id)?;
        return Err(Error::Refused {
            code: "not_eligible",
            message: if member {
                Words::of("poll-error-joined-after").into()
            } else {
                Words::of("poll-error-members-only").into()
            },
        });
    };
    let options = options_of(conn, tenant, id)?;
    let spec = poll.spec(&options)?;
    let (raw, receipt) = take_receipt(&poll, raw)?;
    let ballot = Ballot::parse(&spec, &raw)?;
    let content = canonical(&ballot);
    let assisted_by = match caster {
        Caster::Voter => None,
        Caster::Facilitator(f) => Some(f.id.clone()),
    };
    // A voter's own ballot, first or (in an open poll) a replacement.
    if matches!(caster, Caster::Voter) && !(row.voted && poll.secret) {
        if let Some(cast) = own_ballot_pg(conn, tenant, &poll, voter_id, &content, row.voted)? {
            return Ok(cast);
        }
    }
    let cast = write_transaction(conn, |conn| {
        let poll = hold_open(conn, tenant, id)?;
        if poll.is_closed() || poll.is_due(now()) {
            return Err(poll_closed());
        }
        let row = lock_voter(conn, tenant, id, voter_id)?.unwrap_or(row);
        let mut issued = None;
        let replaced = if !row.voted {
            let (ballot_id, receipt, receipt_hash) = new_ballot(&poll);
            issued = receipt;
            execute_prepared(
                conn,
                diesel::insert_into(poll_ballots::table).values(&BallotRow {
                    tenant_id: tenant.clone(),
                    poll_id: id.clone(),
                    id: ballot_id.clone(),
                    constituency: row.constituency.clone(),
                    content: content.clone(),
                    receipt_hash,
                }),
            )?;
            execute_prepared(
                conn,
                diesel::update(poll_voters::table.find((tenant, id, voter_id))).set((
                    poll_voters::voted.eq(true),
                    poll_voters::assisted_by.eq(&assisted_by),
                    poll_voters::ballot_id.eq((!poll.secret).then_some(&ballot_id)),
                )),
            )?;
            false
        } else if poll.secret {
            let Some(receipt) = &receipt else {
                return Err(Error::conflict(
                    "already_voted",
                    Words::of("poll-error-already-voted"),
                ));
            };
            let changed = execute_prepared(
                conn,
                diesel::update(
                    poll_ballots::table
                        .filter(poll_ballots::tenant_id.eq(tenant))
                        .filter(poll_ballots::poll_id.eq(id))
                        .filter(poll_ballots::constituency.eq(&row.constituency))
                        .filter(
                            poll_ballots::receipt_hash.eq(crate::accounts::tokens::hash(receipt)),
                        ),
                )
                .set(poll_ballots::content.eq(&content)),
            )?;
            if changed != 1 {
                return Err(Error::field(
                    "receipt",
                    "invalid",
                    Words::of("poll-error-receipt-wrong"),
                ));
            }
            if assisted_by.is_some() {
                execute_prepared(
                    conn,
                    diesel::update(poll_voters::table.find((tenant, id, voter_id)))
                        .set(poll_voters::assisted_by.eq(&assisted_by)),
                )?;
            }
            true
        } else {
            let ballot_id = row
                .ballot_id
                .clone()
                .ok_or_else(|| Error::Internal(format!("voter without a ballot in poll {id}")))?;
            execute_prepared(
                conn,
                diesel::update(poll_ballots::table.find((tenant, id, &ballot_id)))
                    .set(poll_ballots::content.eq(&content)),
            )?;
            execute_prepared(
                conn,
                diesel::update(poll_voters::table.find((tenant, id, voter_id)))
                    .set(poll_voters::assisted_by.eq(&assisted_by)),
            )?;
            true
        };
        if let Caster::Facilitator(f) = caster {
            crate::audit::service::record(
                conn,
                tenant,
                Event::new(Kind::PollBallotAssisted)
                    .by(&f.id)
                    .about(voter_id)
                    .detail(json!({
                        "poll_id": id,
                        "board_id": poll.board_id,
                        "replaced": replaced,
                        "secret": poll.secret,
                    })),
            )?;
        }
        Ok(CastView {
            poll_id: id.to_string(),
            ballot: serde_json::from_str(&content).unwrap_or(Value::Null),
            replaced,
            assisted: assisted_by.is_some(),
            receipt: issued,
        })
    });
    if matches!(
        &cast,
        Err(Error::Conflict {
            code: "poll_closed",
            ..
        })
    ) {
        // Past its closing time: close it now, for whoever reads next.
        close_on_time(conn, tenant, id)?;
    }
    cast
}

/// A voter's own ballot on PostgreSQL, as one statement with no
/// transaction around it: the poll held open (a share lock, as
/// [`hold_open`] takes), the voter's row locked and re-checked, and either
/// their first ballot written and the row marked, or (`replacing`, open
/// polls only) their ballot's content replaced. The four statements and
/// the transaction's two were most of a ballot's round trips. `None`
/// (and always on SQLite, whose write transaction is one batch of group
/// commit already): the poll closed, or another ballot of theirs changed
/// the row first; the full path in a transaction then answers as it
/// should.
fn own_ballot_pg(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: &Poll,
    voter_id: &UserId,
    content: &str,
    replacing: bool,
) -> Result<Option<CastView>> {
    use diesel::sql_types::{Nullable, Text, Timestamp};
    let DbConn::Pg(pg) = conn else {
        return Ok(None);
    };
    let mut issued = None;
    let cast = if replacing {
        execute_prepared_pg(
            pg,
            diesel::sql_query(REPLACE_BALLOT_PG.as_str())
                .bind::<Text, _>(tenant)
                .bind::<Text, _>(&poll.id)
                .bind::<Timestamp, _>(now())
                .bind::<Text, _>(voter_id)
                .bind::<Text, _>(content),
        )?
    } else {
        let (ballot_id, receipt, receipt_hash) = new_ballot(poll);
        issued = receipt;
        execute_prepared_pg(
            pg,
            diesel::sql_query(FIRST_BALLOT_PG.as_str())
                .bind::<Text, _>(tenant)
                .bind::<Text, _>(&poll.id)
                .bind::<Timestamp, _>(now())
                .bind::<Text, _>(voter_id)
                .bind::<Text, _>(&ballot_id)
                .bind::<Text, _>(content)
                .bind::<Nullable<Text>, _>(&receipt_hash)
                .bind::<Nullable<Text>, _>((!poll.secret).then_some(&ballot_id)),
        )?
    };
    Ok((cast == 1).then(|| CastView {
        poll_id: poll.id.to_string(),
        ballot: serde_json::from_str(content).unwrap_or(Value::Null),
        replaced: replacing,
        assisted: false,
        receipt: issued,
    }))
}

/// A new ballot's id and, in a secret poll, its receipt (for the voter)
/// and the receipt's hash (kept with the ballot).
fn new_ballot(poll: &Poll) -> (BallotId, Option<String>, Option<String>) {
    let (receipt, hash) = if poll.secret {
        let (token, hash) = crate::accounts::tokens::opaque();
        (Some(token), Some(hash))
    } else {
        (None, None)
    };
    (BallotId::random(), receipt, hash)
}

/// The poll, still open at `$3`, held open: `$1` tenant, `$2` poll.
const OPEN_POLL_PG: &str = "open_poll AS (\
     SELECT 1 FROM polls WHERE tenant_id = $1 AND id = $2 AND closed_at IS NULL \
     AND (closes_at IS NULL OR closes_at > $3) FOR SHARE)";

/// `$4` voter, `$5` ballot id, `$6` content, `$7` receipt hash (secret
/// polls), `$8` the ballot id the voter's row keeps (open polls).
static FIRST_BALLOT_PG: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH {OPEN_POLL_PG}, \
         voter AS (\
         SELECT constituency FROM poll_voters \
         WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $4 AND NOT voted \
         AND EXISTS (SELECT 1 FROM open_poll) FOR UPDATE), \
         ballot AS (\
         INSERT INTO poll_ballots (tenant_id, poll_id, id, constituency, content, receipt_hash) \
         SELECT $1, $2, $5, constituency, $6, $7 FROM voter RETURNING 1) \
         UPDATE poll_voters SET voted = TRUE, assisted_by = NULL, ballot_id = $8 \
         WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $4 \
         AND EXISTS (SELECT 1 FROM ballot)"
    )
});

/// `$4` voter, `$5` content. A facilitator's earlier ballot for them is
/// theirs now: the row stops saying it was assisted.
static REPLACE_BALLOT_PG: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH {OPEN_POLL_PG}, \
         voter AS (\
         SELECT ballot_id FROM poll_voters \
         WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $4 AND voted \
         AND ballot_id IS NOT NULL AND EXISTS (SELECT 1 FROM open_poll) FOR UPDATE), \
         unassisted AS (\
         UPDATE poll_voters SET assisted_by = NULL \
         WHERE tenant_id = $1 AND poll_id = $2 AND user_id = $4 \
         AND assisted_by IS NOT NULL AND EXISTS (SELECT 1 FROM voter) RETURNING 1) \
         UPDATE poll_ballots SET content = $5 FROM voter \
         WHERE poll_ballots.tenant_id = $1 AND poll_ballots.poll_id = $2 \
         AND poll_ballots.id = voter.ballot_id"
    )
});

/// The voter's row, locked against a second ballot of theirs racing this
/// one (PostgreSQL; SQLite's write transaction already serialises).
fn lock_voter(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: &PollId,
    user: &UserId,
) -> Result<Option<Voter>> {
    match conn {
        DbConn::Pg(pg) => Ok(poll_voters::table
            .find((tenant, poll, user))
            .select(Voter::as_select())
            .for_update()
            .first(pg)
            .optional()?),
        DbConn::Sqlite(_) => voter(conn, tenant, poll, user),
    }
}

// ---------------------------------------------------------------- closing

/// Who closed a poll.
#[derive(Debug, Clone, Copy)]
enum Closer<'a> {
    OnTime,
    Early(&'a User),
}

/// The ballots of a poll: (constituency word, canonical content).
fn ballots_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    poll: &PollId,
) -> Result<Vec<(String, String)>> {
    Ok(poll_ballots::table
        .filter(poll_ballots::tenant_id.eq(tenant))
        .filter(poll_ballots::poll_id.eq(poll))
        .select((poll_ballots::constituency, poll_ballots::content))
        .load(conn)?)
}

/// Counts stored ballots: the digest over them and the engine's result.
fn count(spec: &PollSpec, ballots: &[(String, String)]) -> Result<(String, PollResult)> {
    let digest = digest(ballots.iter().map(|(c, b)| (c.as_str(), b.as_str())));
    let parsed = ballots
        .iter()
        .map(|(c, b)| Ok((parse_constituency(c)?, reparse(spec, b)?)))
        .collect::<Result<Vec<(Constituency, Ballot)>>>()?;
    let result = voting::tally(spec, parsed).map_err(|e| Error::Internal(e.to_string()))?;
    Ok((digest, result))
}

fn close_inner(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &PollId,
    closer: Closer<'_>,
) -> Result<Option<Poll>> {
    write_transaction(conn, |conn| {
        let poll = hold_for_close(conn, tenant, id)?;
        if poll.is_closed() {
            return Ok(None);
        }
        let at = now();
        if matches!(closer, Closer::OnTime) && !poll.is_due(at) {
            return Ok(None);
        }
        let options = options_of(conn, tenant, id)?;
        let spec = poll.spec(&options)?;
        let ballots = ballots_of(conn, tenant, id)?;
        let (digest, result) = count(&spec, &ballots)?;
        if poll.secret {
            // Rewrite the ballots in sorted order with fresh random ids and
            // no receipts: whatever order or transaction they were written
            // in (PostgreSQL's xmin, the heap's order) is gone, and no
            // receipt can find a ballot any more.
            let mut sorted = ballots;
            sorted.sort_unstable();
            diesel::delete(
                poll_ballots::table
                    .filter(poll_ballots::tenant_id.eq(tenant))
                    .filter(poll_ballots::poll_id.eq(id)),
            )
            .execute(conn)?;
            let rows: Vec<BallotRow> = sorted
                .into_iter()
                .map(|(constituency, content)| BallotRow {
                    tenant_id: tenant.clone(),
                    poll_id: id.clone(),
                    id: BallotId::random(),
                    constituency,
                    content,
                    receipt_hash: None,
                })
                .collect();
            insert_rows!(&mut *conn, poll_ballots::table, rows);
        }
        let stored = serde_json::to_string(&result)
            .map_err(|e| Error::Internal(format!("a result did not serialise: {e}")))?;
        let closed_by = match closer {
            Closer::OnTime => None,
            Closer::Early(u) => Some(u.id.clone()),
        };
        diesel::update(polls::table.find((tenant, id)))
            .set((
                polls::closed_at.eq(Some(at)),
                polls::closed_by.eq(&closed_by),
                polls::result.eq(Some(&stored)),
                polls::digest.eq(Some(&digest)),
            ))
            .execute(conn)?;
        let mut event = Event::new(Kind::PollClosed).detail(json!({
            "poll_id": id,
            "board_id": poll.board_id,
            "digest": digest,
            "ballots": result.turnout.citizens + result.turnout.organisations,
            "turnout": result.turnout,
            "outcome": {
                "status": result.outcome.status,
                "winner": result.outcome.winner,
                "funded": result.outcome.funded,
            },
            "on_time": closed_by.is_none(),
        }));
        if let Some(by) = &closed_by {
            event = event.by(by);
        }
        crate::audit::service::record(conn, tenant, event)?;
        find(conn, tenant, id)
    })
}

/// Closes the poll if it is past its closing time (the next reader's or
/// the sweep's job); nothing if it is not due or already closed.
pub fn close_on_time(conn: &mut DbConn, tenant: &TenantId, id: &PollId) -> Result<bool> {
    Ok(close_inner(conn, tenant, id, Closer::OnTime)?.is_some())
}

/// Closes a board's polls past their closing time before they are
/// listed; one that cannot be closed is logged and listed as it is.
fn close_due_on_board(conn: &mut DbConn, tenant: &TenantId, board_id: &BoardId) -> Result<()> {
    let due: Vec<PollId> = polls::table
        .filter(polls::tenant_id.eq(tenant))
        .filter(polls::board_id.eq(board_id))
        .filter(polls::closed_at.is_null())
        .filter(polls::closes_at.le(now()))
        .select(polls::id)
        .load(conn)?;
    close_each(due.into_iter().map(|id| (tenant.clone(), id)), |t, id| {
        close_on_time(conn, t, id)
    });
    Ok(())
}

/// What a sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sweep {
    pub closed: usize,
    /// Polls that could not be closed (logged), left open for the next
    /// sweep or reader.
    pub failed: usize,
}

/// Closes each poll in turn. A poll that cannot be closed (its count
/// fails, its row is locked past the timeout, its stored ballots no
/// longer read) is logged and skipped: its transaction is rolled back,
/// and the others still close.
fn close_each(
    due: impl IntoIterator<Item = (TenantId, PollId)>,
    mut close: impl FnMut(&TenantId, &PollId) -> Result<bool>,
) -> Sweep {
    let mut sweep = Sweep::default();
    for (tenant, id) in due {
        match close(&tenant, &id) {
            Ok(true) => sweep.closed += 1,
            Ok(false) => {}
            Err(e) => {
                sweep.failed += 1;
                tracing::error!(tenant = %tenant, poll = %id, error = %e,
                    "a poll past its closing time could not be closed; skipping it");
            }
        }
    }
    sweep
}

/// Closes early (a facilitator of the poll's board); returns the result.
pub fn close(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &PollId,
) -> Result<ResultsView> {
    let (poll, _) = readable(conn, tenant, id, Some(actor))?;
    if !board::is_facilitator(conn, tenant, &poll.board_id, &actor.id)? {
        return Err(not_facilitator());
    }
    if close_inner(conn, tenant, id, Closer::Early(actor))?.is_none() {
        return Err(Error::conflict(
            "poll_closed",
            Words::of("poll-error-already-closed"),
        ));
    }
    results(conn, tenant, id, Some(actor))
}

/// How many due polls a sweep reads at a time.
const SWEEP_BATCH: i64 = 100;

/// Closes every poll past its closing time, in every place (the sweep of
/// `serve` and `worker`). A poll that cannot be closed is logged and
/// skipped, and the sweep goes on past it to the others (in batches, so
/// even many such polls block none); an error is returned only when the
/// due polls cannot be read at all.
pub fn close_due(conn: &mut DbConn) -> Result<Sweep> {
    let mut sweep = Sweep::default();
    // Keyset over (closes_at, tenant, id): each due poll is tried once per
    // sweep, whether it closed or not.
    let mut after: Option<(NaiveDateTime, TenantId, PollId)> = None;
    let at = now();
    loop {
        let mut query = polls::table
            .filter(polls::closed_at.is_null())
            .filter(polls::closes_at.le(at))
            .into_boxed();
        if let Some((c, t, i)) = &after {
            query = query.filter(
                polls::closes_at.gt(*c).or(polls::closes_at.eq(*c).and(
                    polls::tenant_id
                        .gt(t.clone())
                        .or(polls::tenant_id.eq(t.clone()).and(polls::id.gt(i.clone()))),
                )),
            );
        }
        let due: Vec<(Option<NaiveDateTime>, TenantId, PollId)> = query
            .order((
                polls::closes_at.asc(),
                polls::tenant_id.asc(),
                polls::id.asc(),
            ))
            .limit(SWEEP_BATCH)
            .select((polls::closes_at, polls::tenant_id, polls::id))
            .load(conn)?;
        let Some((Some(c), t, i)) = due.last().cloned() else {
            break;
        };
        let batch = due.len() as i64;
        let done = close_each(due.into_iter().map(|(_, t, i)| (t, i)), |t, i| {
            close_on_time(conn, t, i)
        });
        sweep.closed += done.closed;
        sweep.failed += done.failed;
        if batch < SWEEP_BATCH {
            break;
        }
        after = Some((c, t, i));
    }
    Ok(sweep)
}

// ---------------------------------------------------------------- results

fn results_view(poll: &Poll, result: Value, eligible: Counts, turnout: Counts) -> ResultsView {
    let field = |k: &str| result.get(k).cloned().unwrap_or(Value::Null);
    ResultsView {
        poll_id: poll.id.to_string(),
        status: if poll.is_closed() { "closed" } else { "open" }.to_owned(),
        closed_at: poll.closed_at,
        method: poll.method.clone(),
        rule: field("rule"),
        quorum: field("quorum"),
        turnout,
        eligible,
        tallies: field("tallies"),
        rounds: result.get("rounds").cloned(),
        outcome: field("outcome"),
        digest: poll.digest.clone(),
    }
}

/// The result of a closed poll (or of an open one with live results):
/// 409 `results_not_ready` while a poll without live results is open.
pub fn results(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &PollId,
    viewer: Option<&User>,
) -> Result<ResultsView> {
    let (poll, _) = readable(conn, tenant, id, viewer)?;
    let eligible = eligible(conn, tenant, id)?;
    if let Some(stored) = &poll.result {
        let result: Value = serde_json::from_str(stored)
            .map_err(|e| Error::Internal(format!("a stored result is not JSON: {e}")))?;
        let t = &result["turnout"];
        let turnout = Counts {
            citizens: t["citizens"].as_u64().unwrap_or(0),
            organisations: t["organisations"].as_u64().unwrap_or(0),
        };
        return Ok(results_view(&poll, result, eligible, turnout));
    }
    if !poll.live_results {
        return Err(Error::conflict(
            "results_not_ready",
            Words::of("poll-error-results-not-ready"),
        ));
    }
    let options = options_of(conn, tenant, id)?;
    let spec = poll.spec(&options)?;
    let ballots = ballots_of(conn, tenant, id)?;
    let (_, result) = count(&spec, &ballots)?;
    let turnout = Counts {
        citizens: result.turnout.citizens,
        organisations: result.turnout.organisations,
    };
    let value = serde_json::to_value(&result)
        .map_err(|e| Error::Internal(format!("a result did not serialise: {e}")))?;
    Ok(results_view(&poll, value, eligible, turnout))
}

/// Recounts a closed poll from its stored ballots: the digest over them
/// and the result, beside what was stored and audited at close. `tenant`
/// narrows the search; without it the poll is found in any place.
pub fn recount(conn: &mut DbConn, tenant: Option<&TenantId>, id: &PollId) -> Result<Recount> {
    let mut query = polls::table.filter(polls::id.eq(id)).into_boxed();
    if let Some(t) = tenant {
        query = query.filter(polls::tenant_id.eq(t));
    }
    let poll: Poll = query
        .select(Poll::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    if !poll.is_closed() {
        return Err(Error::conflict(
            "poll_open",
            Words::of("poll-error-still-open"),
        ));
    }
    let tenant = &poll.tenant_id;
    let options = options_of(conn, tenant, id)?;
    let spec = poll.spec(&options)?;
    let ballots = ballots_of(conn, tenant, id)?;
    let (recomputed_digest, result) = count(&spec, &ballots)?;
    let details: Vec<String> = audit_events::table
        .filter(audit_events::tenant_id.eq(tenant))
        .filter(audit_events::kind.eq(Kind::PollClosed.as_str()))
        .filter(audit_events::detail.like(format!("%\"poll_id\":\"{id}\"%")))
        .order(audit_events::seq.desc())
        .select(audit_events::detail)
        .load(conn)?;
    let audited_digest = details.iter().find_map(|d| {
        let v: Value = serde_json::from_str(d).ok()?;
        (v["poll_id"] == id.as_str()).then(|| v["digest"].as_str().map(str::to_owned))?
    });
    Ok(Recount {
        poll_id: id.clone(),
        ballots: ballots.len() as u64,
        stored_digest: poll.digest.clone(),
        audited_digest,
        recomputed_digest,
        stored_result: poll
            .result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok()),
        recomputed_result: serde_json::to_value(&result)
            .map_err(|e| Error::Internal(format!("a result did not serialise: {e}")))?,
    })
}

// ---------------------------------------------------------------- people

/// A person's part in polls, for their data export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    let rows: Vec<(Voter, Poll)> = poll_voters::table
        .inner_join(
            polls::table.on(polls::tenant_id
                .eq(poll_voters::tenant_id)
                .and(polls::id.eq(poll_voters::poll_id))),
        )
        .filter(poll_voters::tenant_id.eq(tenant))
        .filter(poll_voters::user_id.eq(person))
        .order(polls::created_at.asc())
        .select((Voter::as_select(), Poll::as_select()))
        .load(conn)?;
    let mut eligible_in = Vec::with_capacity(rows.len());
    for (v, p) in rows {
        let ballot = match &v.ballot_id {
            Some(b) if !p.secret => {
                ballot_content(conn, tenant, &p.id, b)?.and_then(|c| serde_json::from_str(&c).ok())
            }
            _ => None,
        };
        eligible_in.push(PollData {
            poll_id: p.id.to_string(),
            question: p.question,
            constituency: v.constituency,
            voted: v.voted,
            assisted: v.assisted_by.is_some(),
            ballot,
        });
    }
    let created: Vec<PollId> = polls::table
        .filter(polls::tenant_id.eq(tenant))
        .filter(polls::created_by.eq(person))
        .order(polls::created_at.asc())
        .select(polls::id)
        .load(conn)?;
    let assisted: Vec<PollId> = poll_voters::table
        .filter(poll_voters::tenant_id.eq(tenant))
        .filter(poll_voters::assisted_by.eq(person))
        .select(poll_voters::poll_id)
        .distinct()
        .load(conn)?;
    Ok(PersonalData {
        eligible_in,
        created: created.iter().map(ToString::to_string).collect(),
        assisted_others_in: assisted.iter().map(ToString::to_string).collect(),
    })
}

/// What erasure does with a person's part in polls, inside the caller's
/// transaction: their voter rows go (who they were, whether they voted,
/// and for open polls which ballot was theirs), so the ballots they cast
/// stay counted but belong to nobody; their name leaves the polls they
/// created or closed and the ballots they cast for others.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        poll_voters::table
            .filter(poll_voters::tenant_id.eq(tenant))
            .filter(poll_voters::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        poll_voters::table
            .filter(poll_voters::tenant_id.eq(tenant))
            .filter(poll_voters::assisted_by.eq(person)),
    )
    .set(poll_voters::assisted_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        polls::table
            .filter(polls::tenant_id.eq(tenant))
            .filter(polls::created_by.eq(person)),
    )
    .set(polls::created_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        polls::table
            .filter(polls::tenant_id.eq(tenant))
            .filter(polls::closed_by.eq(person)),
    )
    .set(polls::closed_by.eq(None::<UserId>))
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poll_that_cannot_close_does_not_stop_the_others() {
        let tenant = TenantId::new();
        let (broken, fine, already) = (PollId::new(), PollId::new(), PollId::new());
        let mut tried = Vec::new();
        let sweep = close_each(
            [broken.clone(), fine.clone(), already.clone()].map(|p| (tenant.clone(), p)),
            |_, id| {
                tried.push(id.clone());
                if *id == broken {
                    Err(Error::Internal("a stored ballot no longer reads".into()))
                } else {
                    Ok(*id == fine)
                }
            },
        );
        assert_eq!(tried, [broken, fine, already], "every poll is tried");
        assert_eq!(
            sweep,
            Sweep {
                closed: 1,
                failed: 1
            }
        );
    }
}
