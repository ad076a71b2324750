//! The rules of workshops: facilitators schedule them (time, place with
//! its accessibility, an online link), members answer with what they need
//! to take part (seen only by themselves and the facilitators),
//! facilitators record who came and how, and publish notes for the board.
//!
//! The polls room asks [`attended_in_person`] before a facilitator gives
//! someone an assisted ballot.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::model::*;
use super::service::{
    is_facilitator, is_member, now, record_event, require_facilitator, visible, NewEvent,
};
use crate::accounts::User;
use crate::audit::{self, Event};
use crate::db::ids::{BoardId, TenantId, UserId, WorkshopId};
use crate::db::schema::{workshop_attendance, workshop_rsvps, workshops};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result, Words};
use crate::proposals::service::Names;

fn find(conn: &mut DbConn, tenant: &TenantId, id: &WorkshopId) -> Result<Option<Workshop>> {
    Ok(workshops::table
        .find((tenant, id))
        .select(Workshop::as_select())
        .first(conn)
        .optional()?)
}

/// A workshop `viewer` may see (on a board they may see), with its board.
pub fn visible_workshop(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &WorkshopId,
    viewer: Option<&User>,
) -> Result<(Workshop, Board)> {
    let w = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
    let b = visible(conn, tenant, &w.board_id, viewer)?;
    Ok((w, b))
}

fn check(new: &NewWorkshop, current: Option<&Workshop>) -> Result<WorkshopFields> {
    let time = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
    let starts = current.map(|c| time(c.starts_at)).unwrap_or_default();
    let ends = current.map(|c| time(c.ends_at)).unwrap_or_default();
    WorkshopFields::check(
        new.title
            .as_deref()
            .or(current.map(|c| c.title.as_str()))
            .unwrap_or_default(),
        new.starts_at.as_deref().unwrap_or(&starts),
        new.ends_at.as_deref().unwrap_or(&ends),
        new.location
            .as_deref()
            .or(current.map(|c| c.location.as_str()))
            .unwrap_or_default(),
        new.accessibility
            .as_deref()
            .or(current.map(|c| c.accessibility.as_str()))
            .unwrap_or_default(),
        match &new.online_url {
            Some(u) => Some(u.as_str()),
            None => current.and_then(|c| c.online_url.as_deref()),
        },
    )
}

/// Schedules a workshop (the board's facilitators). It goes on the
/// board's timeline.
pub fn schedule(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    board: &BoardId,
    new: &NewWorkshop,
) -> Result<Workshop> {
    write_transaction(conn, |conn| {
        require_facilitator(conn, tenant, board, actor)?;
        let f = check(new, None)?;
        let at = now();
        let w = Workshop {
            tenant_id: tenant.clone(),
            id: WorkshopId::new(),
            board_id: board.clone(),
            title: f.title,
            starts_at: f.starts_at,
            ends_at: f.ends_at,
            location: f.location,
            accessibility: f.accessibility,
            online_url: f.online_url,
            notes: None,
            notes_published_at: None,
            created_by: Some(actor.id.clone()),
            created_at: at,
            updated_at: at,
        };
        diesel::insert_into(workshops::table)
            .values(&w)
            .execute(conn)?;
        record_event(
            conn,
            tenant,
            board,
            NewEvent {
                detail: json!({"title": w.title, "link": format!("/workshops/{}", w.id)}),
                ..NewEvent::new("workshop_scheduled", &actor.id)
            },
        )?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::WorkshopScheduled)
                .by(&actor.id)
                .detail(json!({"board": board, "workshop": w.id})),
        )?;
        Ok(w)
    })
}

/// Changes a workshop (the board's facilitators); absent fields stay.
pub fn update(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &WorkshopId,
    changes: &NewWorkshop,
) -> Result<Workshop> {
    write_transaction(conn, |conn| {
        let (current, board) = visible_workshop(conn, tenant, id, Some(actor))?;
        require_facilitator(conn, tenant, &board.id, actor)?;
        let f = check(changes, Some(&current))?;
        diesel::update(workshops::table.find((tenant, id)))
            .set((
                workshops::title.eq(&f.title),
                workshops::starts_at.eq(f.starts_at),
                workshops::ends_at.eq(f.ends_at),
                workshops::location.eq(&f.location),
                workshops::accessibility.eq(&f.accessibility),
                workshops::online_url.eq(&f.online_url),
                workshops::updated_at.eq(now()),
            ))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::WorkshopChanged)
                .by(&actor.id)
                .detail(json!({"board": board.id, "workshop": id})),
        )?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// Answers a workshop (the board's members, until it ends): coming or
/// not, with access needs only the person and the facilitators read.
/// Answering again replaces the answer.
pub fn rsvp(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &WorkshopId,
    new: &NewRsvp,
) -> Result<RsvpView> {
    let response = Response::parse(&new.response).ok_or_else(|| {
        Error::field(
            "response",
            "invalid",
            Words::of("board-error-response-invalid"),
        )
    })?;
    let needs = optional_text(
        "access_needs",
        new.access_needs.as_deref(),
        ACCESS_NEEDS_MAX,
    )?;
    write_transaction(conn, |conn| {
        let (w, board) = visible_workshop(conn, tenant, id, Some(actor))?;
        if !is_member(conn, tenant, &board.id, &actor.id)? {
            return Err(not_a_member());
        }
        let at = now();
        if w.ends_at <= at {
            return Err(Error::conflict(
                "workshop_over",
                Words::of("board-error-workshop-over"),
            ));
        }
        let key = (tenant, id, &actor.id);
        let exists: i64 = workshop_rsvps::table.find(key).count().get_result(conn)?;
        if exists > 0 {
            diesel::update(workshop_rsvps::table.find(key))
                .set((
                    workshop_rsvps::response.eq(response.as_str()),
                    workshop_rsvps::access_needs.eq(&needs),
                    workshop_rsvps::updated_at.eq(at),
                ))
                .execute(conn)?;
        } else {
            diesel::insert_into(workshop_rsvps::table)
                .values((
                    workshop_rsvps::tenant_id.eq(tenant),
                    workshop_rsvps::workshop_id.eq(id),
                    workshop_rsvps::user_id.eq(&actor.id),
                    workshop_rsvps::response.eq(response.as_str()),
                    workshop_rsvps::access_needs.eq(&needs),
                    workshop_rsvps::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        Ok(RsvpView {
            user_id: actor.id.to_string(),
            name: Names::new(tenant, Some(actor)).of(conn, Some(&actor.id))?,
            response,
            access_needs: needs,
            updated_at: at,
        })
    })
}

/// The refusal for someone not on the board.
pub fn not_a_member() -> Error {
    Error::refused("not_a_board_member", Words::of("board-error-not-a-member"))
}

/// Records who took part and how (the board's facilitators, once the
/// workshop has started). The list replaces any earlier record; each
/// person must be on the board.
pub fn record_attendance(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &WorkshopId,
    record: &AttendanceRecord,
) -> Result<Vec<AttendanceView>> {
    write_transaction(conn, |conn| {
        let (w, board) = visible_workshop(conn, tenant, id, Some(actor))?;
        require_facilitator(conn, tenant, &board.id, actor)?;
        let at = now();
        if w.starts_at > at {
            return Err(Error::conflict(
                "workshop_not_started",
                Words::of("board-error-workshop-not-started"),
            ));
        }
        let mut people: Vec<(UserId, Mode)> = Vec::new();
        for a in &record.attended {
            let unknown = || {
                Error::field(
                    "attended",
                    "unknown",
                    Words::of("board-error-attended-unknown"),
                )
            };
            let user: UserId = a.user_id.parse().map_err(|_| unknown())?;
            let mode = Mode::parse(&a.mode).ok_or_else(|| {
                Error::field(
                    "attended",
                    "invalid",
                    Words::of("board-error-attended-mode"),
                )
            })?;
            if people.iter().any(|(u, _)| *u == user) || !is_member(conn, tenant, &board.id, &user)?
            {
                return Err(unknown());
            }
            people.push((user, mode));
        }
        diesel::delete(
            workshop_attendance::table
                .filter(workshop_attendance::tenant_id.eq(tenant))
                .filter(workshop_attendance::workshop_id.eq(id)),
        )
        .execute(conn)?;
        for (user, mode) in &people {
            diesel::insert_into(workshop_attendance::table)
                .values((
                    workshop_attendance::tenant_id.eq(tenant),
                    workshop_attendance::workshop_id.eq(id),
                    workshop_attendance::user_id.eq(user),
                    workshop_attendance::mode.eq(mode.as_str()),
                    workshop_attendance::recorded_by.eq(Some(&actor.id)),
                    workshop_attendance::recorded_at.eq(at),
                ))
                .execute(conn)?;
        }
        let in_person = people.iter().filter(|(_, m)| *m == Mode::InPerson).count();
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::WorkshopAttendanceRecorded)
                .by(&actor.id)
                .detail(json!({
                    "board": board.id,
                    "workshop": id,
                    "in_person": in_person,
                    "online": people.len() - in_person,
                })),
        )?;
        attendance_of(conn, tenant, id, actor)
    })
}

fn attendance_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &WorkshopId,
    viewer: &User,
) -> Result<Vec<AttendanceView>> {
    let rows: Vec<(UserId, String)> = workshop_attendance::table
        .filter(workshop_attendance::tenant_id.eq(tenant))
        .filter(workshop_attendance::workshop_id.eq(id))
        .order(workshop_attendance::user_id.asc())
        .select((workshop_attendance::user_id, workshop_attendance::mode))
        .load(conn)?;
    let mut names = Names::new(tenant, Some(viewer));
    let mut out = Vec::with_capacity(rows.len());
    for (user, mode) in rows {
        out.push(AttendanceView {
            name: names.of(conn, Some(&user))?,
            user_id: user.to_string(),
            mode: Mode::parse(&mode).unwrap_or(Mode::InPerson),
        });
    }
    Ok(out)
}

/// Publishes (or replaces) the notes of a workshop for everyone who sees
/// the board (its facilitators). The timeline says so.
pub fn publish_notes(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &WorkshopId,
    notes: &Notes,
) -> Result<Workshop> {
    let text = notes.notes.trim().to_owned();
    if text.is_empty() {
        return Err(Error::field(
            "notes",
            "required",
            Words::of("board-error-notes-required"),
        ));
    }
    if text.chars().count() > NOTES_MAX {
        return Err(Error::field(
            "notes",
            "length",
            Words::of1("board-error-notes-length", "max", NOTES_MAX),
        ));
    }
    write_transaction(conn, |conn| {
        let (w, board) = visible_workshop(conn, tenant, id, Some(actor))?;
        require_facilitator(conn, tenant, &board.id, actor)?;
        let first = w.notes_published_at.is_none();
        diesel::update(workshops::table.find((tenant, id)))
            .set((
                workshops::notes.eq(Some(&text)),
                workshops::notes_published_at.eq(Some(now())),
                workshops::updated_at.eq(now()),
            ))
            .execute(conn)?;
        if first {
            record_event(
                conn,
                tenant,
                &board.id,
                NewEvent {
                    detail: json!({"title": w.title, "link": format!("/workshops/{id}")}),
                    ..NewEvent::new("notes_published", &actor.id)
                },
            )?;
        }
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::WorkshopNotesPublished)
                .by(&actor.id)
                .detail(json!({"board": board.id, "workshop": id})),
        )?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// Whether a person's attendance in the room was recorded at any of the
/// board's workshops (the polls room gives assisted ballots on this).
pub fn attended_in_person(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    user: &UserId,
) -> Result<bool> {
    let n: i64 = workshop_attendance::table
        .inner_join(
            workshops::table.on(workshops::tenant_id
                .eq(workshop_attendance::tenant_id)
                .and(workshops::id.eq(workshop_attendance::workshop_id))),
        )
        .filter(workshop_attendance::tenant_id.eq(tenant))
        .filter(workshops::board_id.eq(board))
        .filter(workshop_attendance::user_id.eq(user))
        .filter(workshop_attendance::mode.eq(Mode::InPerson.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// An answer as stored: who, the answer, access needs, when.
type RsvpRow = (UserId, String, Option<String>, NaiveDateTime);

fn counts(
    conn: &mut DbConn,
    tenant: &TenantId,
    ids: &[WorkshopId],
) -> Result<HashMap<(WorkshopId, String), i64>> {
    let rows: Vec<(WorkshopId, String)> = workshop_rsvps::table
        .filter(workshop_rsvps::tenant_id.eq(tenant))
        .filter(workshop_rsvps::workshop_id.eq_any(ids))
        .select((workshop_rsvps::workshop_id, workshop_rsvps::response))
        .load(conn)?;
    let mut out = HashMap::new();
    for key in rows {
        *out.entry(key).or_insert(0) += 1;
    }
    Ok(out)
}

fn present(
    conn: &mut DbConn,
    tenant: &TenantId,
    w: Workshop,
    viewer: Option<&User>,
    facilitates: bool,
    counted: &HashMap<(WorkshopId, String), i64>,
    full: bool,
) -> Result<WorkshopView> {
    let count = |r: Response| {
        counted
            .get(&(w.id.clone(), r.as_str().to_owned()))
            .copied()
            .unwrap_or(0)
    };
    let mut names = Names::new(tenant, viewer);
    let rsvp_rows = |conn: &mut DbConn, only: Option<&UserId>| -> Result<Vec<RsvpRow>> {
        let mut q = workshop_rsvps::table
            .filter(workshop_rsvps::tenant_id.eq(tenant))
            .filter(workshop_rsvps::workshop_id.eq(&w.id))
            .into_boxed();
        if let Some(u) = only {
            q = q.filter(workshop_rsvps::user_id.eq(u));
        }
        Ok(q.order(workshop_rsvps::updated_at.asc())
            .select((
                workshop_rsvps::user_id,
                workshop_rsvps::response,
                workshop_rsvps::access_needs,
                workshop_rsvps::updated_at,
            ))
            .load(conn)?)
    };
    let mut to_view =
        |conn: &mut DbConn, (user, response, needs, at): RsvpRow| -> Result<RsvpView> {
            Ok(RsvpView {
                name: names.of(conn, Some(&user))?,
                user_id: user.to_string(),
                response: Response::parse(&response).unwrap_or(Response::Maybe),
                access_needs: needs,
                updated_at: at,
            })
        };
    let your_rsvp = match viewer {
        Some(v) => match rsvp_rows(conn, Some(&v.id))?.into_iter().next() {
            Some(row) => Some(to_view(conn, row)?),
            None => None,
        },
        None => None,
    };
    let (rsvps, attendance) = if facilitates && full {
        let mut all = Vec::new();
        for row in rsvp_rows(conn, None)? {
            all.push(to_view(conn, row)?);
        }
        let viewer = viewer.ok_or(Error::NotFound)?;
        (Some(all), Some(attendance_of(conn, tenant, &w.id, viewer)?))
    } else {
        (None, None)
    };
    let published = w.notes_published_at.is_some();
    Ok(WorkshopView {
        id: w.id.to_string(),
        board_id: w.board_id.to_string(),
        notes_html: w
            .notes
            .as_deref()
            .filter(|_| published)
            .map(crate::http::markdown::render),
        notes: w.notes.filter(|_| published),
        notes_published_at: w.notes_published_at,
        coming: count(Response::Yes),
        maybe: count(Response::Maybe),
        your_rsvp,
        rsvps,
        attendance,
        title: w.title,
        starts_at: w.starts_at,
        ends_at: w.ends_at,
        location: w.location,
        accessibility: w.accessibility,
        online_url: w.online_url,
    })
}

/// A workshop as `viewer` sees it: facilitators see everyone's answers
/// with their access needs, and the attendance; a member sees their own
/// answer; anyone who sees the board sees the rest.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &WorkshopId,
    viewer: Option<&User>,
) -> Result<WorkshopView> {
    let (w, board) = visible_workshop(conn, tenant, id, viewer)?;
    let facilitates = match viewer {
        Some(v) => is_facilitator(conn, tenant, &board.id, &v.id)?,
        None => false,
    };
    let counted = counts(conn, tenant, std::slice::from_ref(id))?;
    present(conn, tenant, w, viewer, facilitates, &counted, true)
}

/// A board's workshops: upcoming ones soonest first, then past ones most
/// recent first (without everyone's answers; see [`view`]).
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    board: &BoardId,
    viewer: Option<&User>,
) -> Result<Vec<WorkshopView>> {
    visible(conn, tenant, board, viewer)?;
    let rows: Vec<Workshop> = workshops::table
        .filter(workshops::tenant_id.eq(tenant))
        .filter(workshops::board_id.eq(board))
        .order((workshops::starts_at.asc(), workshops::id.asc()))
        .select(Workshop::as_select())
        .load(conn)?;
    let at = now();
    let (mut upcoming, mut past): (Vec<Workshop>, Vec<Workshop>) =
        rows.into_iter().partition(|w| w.ends_at > at);
    past.reverse();
    upcoming.extend(past);
    let ids: Vec<WorkshopId> = upcoming.iter().map(|w| w.id.clone()).collect();
    let counted = counts(conn, tenant, &ids)?;
    let mut out = Vec::with_capacity(upcoming.len());
    for w in upcoming {
        out.push(present(conn, tenant, w, viewer, false, &counted, false)?);
    }
    Ok(out)
}

/// A person's answers and attendance, for their data export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<(Vec<RsvpData>, Vec<AttendanceData>)> {
    let join = || {
        workshops::table.on(workshops::tenant_id
            .eq(workshop_rsvps::tenant_id)
            .and(workshops::id.eq(workshop_rsvps::workshop_id)))
    };
    #[allow(clippy::type_complexity)]
    let rsvps: Vec<(
        BoardId,
        WorkshopId,
        String,
        String,
        Option<String>,
        NaiveDateTime,
    )> = workshop_rsvps::table
        .inner_join(join())
        .filter(workshop_rsvps::tenant_id.eq(tenant))
        .filter(workshop_rsvps::user_id.eq(person))
        .order(workshop_rsvps::updated_at.asc())
        .select((
            workshops::board_id,
            workshops::id,
            workshops::title,
            workshop_rsvps::response,
            workshop_rsvps::access_needs,
            workshop_rsvps::updated_at,
        ))
        .load(conn)?;
    let attended: Vec<(BoardId, WorkshopId, String, String, NaiveDateTime)> =
        workshop_attendance::table
            .inner_join(
                workshops::table.on(workshops::tenant_id
                    .eq(workshop_attendance::tenant_id)
                    .and(workshops::id.eq(workshop_attendance::workshop_id))),
            )
            .filter(workshop_attendance::tenant_id.eq(tenant))
            .filter(workshop_attendance::user_id.eq(person))
            .order(workshop_attendance::recorded_at.asc())
            .select((
                workshops::board_id,
                workshops::id,
                workshops::title,
                workshop_attendance::mode,
                workshop_attendance::recorded_at,
            ))
            .load(conn)?;
    Ok((
        rsvps
            .into_iter()
            .map(
                |(b, w, title, response, access_needs, updated_at)| RsvpData {
                    board_id: b.to_string(),
                    workshop_id: w.to_string(),
                    workshop_title: title,
                    response,
                    access_needs,
                    updated_at,
                },
            )
            .collect(),
        attended
            .into_iter()
            .map(|(b, w, title, mode, recorded_at)| AttendanceData {
                board_id: b.to_string(),
                workshop_id: w.to_string(),
                workshop_title: title,
                mode,
                recorded_at,
            })
            .collect(),
    ))
}

/// Erasure: a person's answers (with their access needs) and attendance
/// go; workshops they scheduled and attendance they recorded stay,
/// unsigned. Inside the caller's transaction.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        workshop_rsvps::table
            .filter(workshop_rsvps::tenant_id.eq(tenant))
            .filter(workshop_rsvps::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        workshop_attendance::table
            .filter(workshop_attendance::tenant_id.eq(tenant))
            .filter(workshop_attendance::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::update(
        workshop_attendance::table
            .filter(workshop_attendance::tenant_id.eq(tenant))
            .filter(workshop_attendance::recorded_by.eq(person)),
    )
    .set(workshop_attendance::recorded_by.eq(None::<UserId>))
    .execute(conn)?;
    diesel::update(
        workshops::table
            .filter(workshops::tenant_id.eq(tenant))
            .filter(workshops::created_by.eq(person)),
    )
    .set(workshops::created_by.eq(None::<UserId>))
    .execute(conn)?;
    Ok(())
}
