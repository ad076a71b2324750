//! The rules of notifications: following (chosen, or automatic for
//! authors, co-authors and supporters, never undoing a choice to stop),
//! who hears of a notice (followers and named people, never the person
//! who did it, only people who may see the subject and have a confirmed
//! address), how (an email now, in the same transaction as the action; a
//! digest item; or nothing, per their setting), digests, and
//! unsubscribing by a signed link.
//!
//! Other rooms call [`follow`] where someone becomes an author, co-author,
//! supporter or board member (and [`drop_automatic`] where they stop being
//! one), and [`notify`] where something happens.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, SubsecRound, Utc, Weekday};
use diesel::prelude::*;
use serde_json::json;

use super::emails::{self, Entry, Group};
use super::links::{Mailing, Scope, Unsubscribe};
use super::model::*;
use crate::accounts::User;
use crate::audit::{self, Event};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::{follows, notification_digest_items, notification_settings};
use crate::db::{execute_prepared_pg, prepared, write_transaction, DbConn};
use crate::error::{Error, Result};
use crate::http::pagination::Paging;
use crate::i18n::Language;
use crate::proposals::service::Names;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

// ---------------------------------------------------------------- follows

/// Makes `person` follow `subject`, inside the caller's transaction. An
/// automatic reason (author, co-author, supporter) starts following only
/// if the person never followed or stopped following it before: their
/// choice to stop stands. [`Reason::Chosen`] follows again whatever came
/// before.
pub fn follow(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    subject: &Subject,
    reason: Reason,
) -> Result<()> {
    let at = now();
    let row = Follow {
        tenant_id: tenant.clone(),
        user_id: person.clone(),
        subject_kind: subject.kind().to_owned(),
        subject_id: subject.id(),
        following: true,
        reason: reason.as_str().to_owned(),
        created_at: at,
        updated_at: at,
    };
    let target = (
        follows::tenant_id,
        follows::user_id,
        follows::subject_kind,
        follows::subject_id,
    );
    let again = (follows::following.eq(true), follows::updated_at.eq(at));
    match (conn, reason.automatic()) {
        (DbConn::Pg(pg), true) => execute_prepared_pg(
            pg,
            diesel::insert_into(follows::table)
                .values(&row)
                .on_conflict_do_nothing(),
        )?,
        (DbConn::Sqlite(lite), true) => {
            prepared(diesel::insert_or_ignore_into(follows::table).values(&row)).execute(lite)?
        }
        (DbConn::Pg(pg), false) => execute_prepared_pg(
            pg,
            diesel::insert_into(follows::table)
                .values(&row)
                .on_conflict(target)
                .do_update()
                .set(again),
        )?,
        (DbConn::Sqlite(lite), false) => prepared(
            diesel::insert_into(follows::table)
                .values(&row)
                .on_conflict(target)
                .do_update()
                .set(again),
        )
        .execute(lite)?,
    };
    Ok(())
}

/// [`follow`] for an automatic reason, written as a clause of another
/// room's PostgreSQL statement, so that a write and the follow it brings
/// are one round trip: it follows only when the statement's CTE named
/// `changed` returned a row, and never undoes a choice to stop. Its
/// parameters: `$1` the place, `$2` the subject's id, `$3` the person, `$4`
/// the time.
pub fn automatic_follow_clause_pg(subject_kind: &'static str, reason: Reason) -> String {
    debug_assert!(reason.automatic(), "a chosen follow overrides a stop");
    format!(
        "INSERT INTO follows (tenant_id, user_id, subject_kind, subject_id, following, \
         reason, created_at, updated_at) \
         SELECT $1, $3, '{subject_kind}', $2, TRUE, '{}', $4, $4 \
         WHERE EXISTS (SELECT 1 FROM changed) ON CONFLICT DO NOTHING",
        reason.as_str()
    )
}

/// Stops `person` following `subject`, and remembers it, so automatic
/// following does not start again (inside the caller's transaction).
pub fn unfollow(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    subject: &Subject,
) -> Result<()> {
    let at = now();
    let row = Follow {
        tenant_id: tenant.clone(),
        user_id: person.clone(),
        subject_kind: subject.kind().to_owned(),
        subject_id: subject.id(),
        following: false,
        reason: Reason::Chosen.as_str().to_owned(),
        created_at: at,
        updated_at: at,
    };
    let target = (
        follows::tenant_id,
        follows::user_id,
        follows::subject_kind,
        follows::subject_id,
    );
    let stop = (follows::following.eq(false), follows::updated_at.eq(at));
    match conn {
        DbConn::Pg(pg) => diesel::insert_into(follows::table)
            .values(&row)
            .on_conflict(target)
            .do_update()
            .set(stop)
            .execute(pg)?,
        DbConn::Sqlite(lite) => diesel::insert_into(follows::table)
            .values(&row)
            .on_conflict(target)
            .do_update()
            .set(stop)
            .execute(lite)?,
    };
    Ok(())
}

/// Drops an automatic follow that no longer holds (a member who left the
/// board), inside the caller's transaction. A choice stands: a follow the
/// person chose, or their choice to stop, is left as it is. Joining again
/// follows again.
pub fn drop_automatic(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    subject: &Subject,
    reason: Reason,
) -> Result<()> {
    debug_assert!(reason.automatic());
    diesel::delete(
        follows::table
            .filter(follows::tenant_id.eq(tenant))
            .filter(follows::user_id.eq(person))
            .filter(follows::subject_kind.eq(subject.kind()))
            .filter(follows::subject_id.eq(subject.id()))
            .filter(follows::following.eq(true))
            .filter(follows::reason.eq(reason.as_str())),
    )
    .execute(conn)?;
    Ok(())
}

/// [`is_following`] as an expression, for a caller that asks it within a
/// query of its own (a round trip fewer).
#[diesel::dsl::auto_type]
pub fn is_following_expression<'a>(
    tenant: &'a TenantId,
    person: &'a UserId,
    kind: &'static str,
    id: String,
) -> _ {
    diesel::dsl::exists(
        follows::table
            .find((tenant, person, kind, id))
            .filter(follows::following.eq(true)),
    )
}

/// Whether `person` follows `subject` now.
pub fn is_following(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    subject: &Subject,
) -> Result<bool> {
    let expression = is_following_expression(tenant, person, subject.kind(), subject.id());
    Ok(crate::db::direct!(conn, |c| diesel::select(expression).get_result(c))?)
}

/// Whether `viewer` may see the subject: its own room decides (404, or
/// 410 for a proposal the moderators hid, as that room says).
fn check_visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: &User,
) -> Result<String> {
    match subject {
        Subject::Proposal(id) => {
            Ok(crate::proposals::service::visible(conn, tenant, id, Some(viewer))?.title)
        }
        // A board's discussion is shown to whoever may see the board.
        Subject::Board(id) => {
            Ok(crate::boards::service::visible(conn, tenant, id, Some(viewer))?.title)
        }
    }
}

/// Whether `viewer` may see the subject now, for deciding who hears of
/// it; with its title.
fn can_see(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    viewer: &User,
) -> Result<Option<String>> {
    match check_visible(conn, tenant, subject, viewer) {
        Ok(title) => Ok(Some(title)),
        Err(Error::NotFound | Error::Gone { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Follows (`on`) or stops following a subject `person` may see (404 for
/// one of another place or someone else's draft).
pub fn set_following(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    subject: &Subject,
    on: bool,
) -> Result<FollowState> {
    write_transaction(conn, |conn| {
        check_visible(conn, tenant, subject, person)?;
        if on {
            follow(conn, tenant, &person.id, subject, Reason::Chosen)?;
        } else {
            unfollow(conn, tenant, &person.id, subject)?;
        }
        Ok(FollowState { following: on })
    })
}

/// Whether `person` follows a subject they may see.
pub fn following_state(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    subject: &Subject,
) -> Result<FollowState> {
    check_visible(conn, tenant, subject, person)?;
    Ok(FollowState {
        following: is_following(conn, tenant, &person.id, subject)?,
    })
}

/// A page of what `person` follows, most recently followed first (only
/// subjects they may still see are named; others read as unavailable).
pub fn follows_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    paging: Paging,
) -> Result<(Vec<FollowView>, i64)> {
    let mine = || {
        follows::table
            .filter(follows::tenant_id.eq(tenant))
            .filter(follows::user_id.eq(&person.id))
            .filter(follows::following.eq(true))
    };
    let total: i64 = mine().count().get_result(conn)?;
    let rows: Vec<Follow> = mine()
        .order((follows::updated_at.desc(), follows::subject_id.desc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Follow::as_select())
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for f in rows {
        let Some(subject) = Subject::from_stored(&f.subject_kind, &f.subject_id) else {
            continue;
        };
        let (title, status) = match &subject {
            Subject::Proposal(id) => {
                match crate::proposals::service::visible(conn, tenant, id, Some(person)) {
                    Ok(p) => (p.title.clone(), p.status().as_str().to_owned()),
                    Err(Error::NotFound | Error::Gone { .. }) => (
                        "A proposal you can no longer see".into(),
                        "unavailable".into(),
                    ),
                    Err(e) => return Err(e),
                }
            }
            Subject::Board(id) => {
                match crate::boards::service::visible(conn, tenant, id, Some(person)) {
                    Ok(b) => (b.title.clone(), b.phase().as_str().to_owned()),
                    Err(Error::NotFound | Error::Gone { .. }) => {
                        ("A board you can no longer see".into(), "unavailable".into())
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        items.push(FollowView {
            reason: f.reason(),
            path: subject.path(),
            subject_kind: f.subject_kind,
            subject_id: f.subject_id,
            title,
            status,
            since: f.updated_at,
        });
    }
    Ok((items, total))
}

// --------------------------------------------------------------- settings

fn settings_row(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<Option<(String, Option<NaiveDateTime>)>> {
    Ok(notification_settings::table
        .find((tenant, person))
        .select((
            notification_settings::delivery,
            notification_settings::last_digest_at,
        ))
        .first(conn)
        .optional()?)
}

/// How `person` wants to hear (immediately unless they chose otherwise).
pub fn delivery(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<Delivery> {
    Ok(settings_row(conn, tenant, person)?
        .and_then(|(d, _)| Delivery::parse(&d))
        .unwrap_or_default())
}

fn store_delivery(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    delivery: Delivery,
) -> Result<()> {
    let at = now();
    let row = (
        notification_settings::tenant_id.eq(tenant),
        notification_settings::user_id.eq(person),
        notification_settings::delivery.eq(delivery.as_str()),
        notification_settings::updated_at.eq(at),
    );
    let target = (
        notification_settings::tenant_id,
        notification_settings::user_id,
    );
    let change = (
        notification_settings::delivery.eq(delivery.as_str()),
        notification_settings::updated_at.eq(at),
    );
    match conn {
        DbConn::Pg(pg) => diesel::insert_into(notification_settings::table)
            .values(row)
            .on_conflict(target)
            .do_update()
            .set(change)
            .execute(pg)?,
        DbConn::Sqlite(lite) => diesel::insert_into(notification_settings::table)
            .values(row)
            .on_conflict(target)
            .do_update()
            .set(change)
            .execute(lite)?,
    };
    if delivery == Delivery::Off {
        // Nothing will be sent: what waited goes.
        diesel::delete(
            notification_digest_items::table
                .filter(notification_digest_items::tenant_id.eq(tenant))
                .filter(notification_digest_items::user_id.eq(person)),
        )
        .execute(conn)?;
    }
    Ok(())
}

fn pending_count(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<i64> {
    Ok(notification_digest_items::table
        .filter(notification_digest_items::tenant_id.eq(tenant))
        .filter(notification_digest_items::user_id.eq(person))
        .count()
        .get_result(conn)?)
}

/// A person's settings as the API and page show them.
pub fn settings(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    digest_hour: Option<u32>,
) -> Result<SettingsView> {
    Ok(SettingsView {
        delivery: delivery(conn, tenant, person)?,
        digest_hour,
        pending: pending_count(conn, tenant, person)?,
    })
}

/// Changes how `person` hears (422 for anything but the four choices).
/// Choosing "off" drops what waited for a digest; choosing "immediately"
/// leaves it for the next digest run, so nothing is lost.
pub fn change_settings(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    changes: &SettingsChanges,
) -> Result<Delivery> {
    let chosen = Delivery::check(&changes.delivery)?;
    write_transaction(conn, |conn| {
        if delivery(conn, tenant, person)? == chosen {
            return Ok(chosen);
        }
        store_delivery(conn, tenant, person, chosen)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::NotificationSettingsChanged)
                .of(person)
                .detail(json!({"delivery": chosen.as_str()})),
        )?;
        Ok(chosen)
    })
}

// ----------------------------------------------------------------- notify

/// Who hears of a notice, each with why (their follow's reason; none for
/// people named directly).
fn recipients(
    conn: &mut DbConn,
    tenant: &TenantId,
    subject: &Subject,
    audience: &Audience,
) -> Result<BTreeMap<UserId, Option<Reason>>> {
    let mut heard: BTreeMap<UserId, Option<Reason>> = BTreeMap::new();
    if let Some(followed) = &audience.followers_of {
        let rows: Vec<(UserId, String)> = follows::table
            .filter(follows::tenant_id.eq(tenant))
            .filter(follows::subject_kind.eq(followed.kind()))
            .filter(follows::subject_id.eq(followed.id()))
            .filter(follows::following.eq(true))
            .select((follows::user_id, follows::reason))
            .load(conn)?;
        for (person, reason) in rows {
            heard.insert(person, Some(Reason::parse(&reason)));
        }
    }
    let named: Vec<(UserId, Option<Reason>)> = audience
        .people
        .iter()
        .map(|p| (p.clone(), None))
        .chain(
            audience
                .named
                .iter()
                .map(|(p, why)| (p.clone(), Some(*why))),
        )
        .collect();
    if !named.is_empty() {
        // A person who stopped following the subject hears nothing of it,
        // however they are linked to it.
        let asked: Vec<&UserId> = named.iter().map(|(p, _)| p).collect();
        let stopped: Vec<UserId> = follows::table
            .filter(follows::tenant_id.eq(tenant))
            .filter(follows::subject_kind.eq(subject.kind()))
            .filter(follows::subject_id.eq(subject.id()))
            .filter(follows::following.eq(false))
            .filter(follows::user_id.eq_any(asked))
            .select(follows::user_id)
            .load(conn)?;
        for (person, why) in named {
            if !stopped.contains(&person) {
                // A follow's own reason wins: it says more.
                let entry = heard.entry(person).or_insert(None);
                if entry.is_none() {
                    *entry = why;
                }
            }
        }
    }
    if let Some(actor) = &audience.except {
        heard.remove(actor);
    }
    Ok(heard)
}

/// Tells the audience what happened, inside the caller's transaction:
/// for each person (never the one who did it, only with a confirmed
/// address, only if they may see the subject), an email now in the
/// outbox, an item for their next digest, or nothing, as they chose.
/// Returns how many people it reached (emails queued plus digest items).
///
/// Work grows with the audience: a proposal with thousands of followers
/// makes its status change a longer transaction.
pub fn notify(
    conn: &mut DbConn,
    mailing: &Mailing,
    tenant: &TenantId,
    audience: Audience,
    notice: &Notice,
) -> Result<usize> {
    let subject = notice.subject();
    let heard = recipients(conn, tenant, &subject, &audience)?;
    if heard.is_empty() {
        return Ok(0);
    }
    let place = crate::tenancy::service::find_by_id(conn, tenant)?.ok_or(Error::NotFound)?;
    let base = mailing.base_url(conn, tenant)?;
    let stored = serde_json::to_string(notice)
        .map_err(|e| Error::Internal(format!("a notice as JSON: {e}")))?;
    let mut reached = 0;
    for (id, reason) in heard {
        let Some(person) = crate::accounts::service::find_user(conn, tenant, &id)? else {
            continue;
        };
        if !person.email_verified() {
            continue;
        }
        match delivery(conn, tenant, &id)? {
            Delivery::Off => {}
            Delivery::Daily | Delivery::Weekly => {
                if can_see(conn, tenant, &subject, &person)?.is_none() {
                    continue;
                }
                diesel::insert_into(notification_digest_items::table)
                    .values(DigestItem {
                        tenant_id: tenant.clone(),
                        id: uuid::Uuid::now_v7().to_string(),
                        user_id: id.clone(),
                        subject_kind: subject.kind().to_owned(),
                        subject_id: subject.id(),
                        kind: notice.kind().to_owned(),
                        notice: stored.clone(),
                        created_at: now(),
                    })
                    .execute(conn)?;
                reached += 1;
            }
            Delivery::Immediately => {
                let lang = person.language(&place);
                let Some(entry) = describe(conn, tenant, &person, lang, notice, &base)? else {
                    continue;
                };
                let unsubscribe = mailing.unsubscribe_link(
                    &base,
                    &Unsubscribe {
                        tenant: tenant.clone(),
                        person: id.clone(),
                        scope: Scope::Subject(subject.clone()),
                    },
                );
                let message = emails::notice(
                    &place,
                    &person,
                    &entry,
                    &Reason::because_in(reason, &subject, lang),
                    &format!("{base}/account/notifications"),
                    &unsubscribe,
                    notice.email_kind(),
                )?;
                crate::mail::service::queue_with_unsubscribe(conn, tenant, message, &unsubscribe)?;
                reached += 1;
            }
        }
    }
    Ok(reached)
}

/// The most a comment's text an email quotes.
const EXCERPT: usize = 600;

fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

/// What a notice says to `person`, now: `None` when they may no longer
/// see it (the proposal hidden, the comment deleted or hidden).
fn describe(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &User,
    lang: Language,
    notice: &Notice,
    base: &str,
) -> Result<Option<Entry>> {
    let subject = notice.subject();
    let Some(title) = can_see(conn, tenant, &subject, person)? else {
        return Ok(None);
    };
    let page = format!("{base}{}", subject.path());
    let entry = match notice {
        Notice::StatusChanged {
            from, to, reason, ..
        } => Entry {
            email_subject: lang.t2(
                "email-status-subject",
                "title",
                title.as_str(),
                "status",
                to.label_in(lang),
            ),
            headline: lang.t_args(
                "email-status-headline",
                &[
                    ("title", &title),
                    ("from", &from.label_in(lang)),
                    ("to", &to.label_in(lang)),
                ],
            ),
            detail_label: lang.t("email-status-detail"),
            detail: reason.clone(),
            action: lang.t("email-status-action"),
            link: page,
            title,
            subject,
        },
        Notice::NewComment { comment, .. } | Notice::NewBoardComment { comment, .. } => {
            let Some(c) = crate::comments::service::find(conn, tenant, comment)? else {
                return Ok(None);
            };
            if c.deleted() || c.hidden() {
                return Ok(None);
            }
            let name = Names::new(tenant, Some(person)).of(conn, c.author_id.as_ref())?;
            let on_page = crate::comments::service::page_of(conn, tenant, &c)?;
            let link = if on_page > 1 {
                format!("{page}?comments_page={on_page}#comment-{}", c.id)
            } else {
                format!("{page}#comment-{}", c.id)
            };
            let (email_subject, headline) = match &subject {
                Subject::Board(_) => (
                    lang.t1("email-comment-board-subject", "title", title.as_str()),
                    lang.t2(
                        "email-comment-board-headline",
                        "name",
                        name.as_str(),
                        "title",
                        title.as_str(),
                    ),
                ),
                Subject::Proposal(_) => (
                    lang.t1("email-comment-proposal-subject", "title", title.as_str()),
                    lang.t2(
                        "email-comment-proposal-headline",
                        "name",
                        name.as_str(),
                        "title",
                        title.as_str(),
                    ),
                ),
            };
            Entry {
                email_subject,
                headline,
                detail_label: lang.t("email-comment-detail"),
                detail: Some(excerpt(&c.body)),
                action: lang.t("email-comment-action"),
                link,
                title,
                subject,
            }
        }
        Notice::EvaluationInvitation { proposal, because } => {
            let outcome = crate::proposals::service::find(conn, tenant, proposal)?
                .map(|p| p.intended_outcome)
                .unwrap_or_default();
            // Older notices carry the English sentence, newer ones the code.
            let because = match because.as_deref() {
                Some("supporter" | "you supported it") => {
                    Some(lang.t("email-evaluation-because-supporter"))
                }
                Some("resident" | "you live in the area it was for") => {
                    Some(lang.t("email-evaluation-because-resident"))
                }
                other => other.map(str::to_owned),
            };
            let headline = lang.t1("email-evaluation-headline", "title", title.as_str());
            Entry {
                email_subject: lang.t1("email-evaluation-subject", "title", title.as_str()),
                headline: match because {
                    Some(b) => format!(
                        "{headline} {}",
                        lang.t1("email-evaluation-asked-because", "because", b)
                    ),
                    None => headline,
                },
                detail_label: lang.t("email-evaluation-detail"),
                detail: (!outcome.trim().is_empty()).then(|| excerpt(&outcome)),
                action: lang.t("email-evaluation-action"),
                link: format!("{page}/evaluation"),
                title,
                subject,
            }
        }
    };
    Ok(Some(entry))
}

// ---------------------------------------------------------------- digests

/// When digests are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// On the schedule: daily ones at this hour (UTC), weekly ones at
    /// this hour on Mondays; each person's at most once a day or week,
    /// with the updates from before that time.
    Scheduled { hour: u32 },
    /// Everything waiting, for everyone, now (`coproduce digests send
    /// --now`).
    Now,
}

/// The latest scheduled time at or before `now` for a delivery: today's
/// (or yesterday's) `hour` for daily, the latest Monday's for weekly.
pub fn slot(now: NaiveDateTime, delivery: Delivery, hour: u32) -> NaiveDateTime {
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    let mut day = now.date();
    if now.time() < at {
        day -= Duration::days(1);
    }
    if delivery == Delivery::Weekly {
        let back = i64::from(day.weekday().num_days_from_monday());
        day -= Duration::days(back);
        debug_assert_eq!(day.weekday(), Weekday::Mon);
    }
    day.and_time(at)
}

/// What a digest run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DigestRun {
    /// Digest emails queued.
    pub sent: usize,
    /// People whose waiting updates were all out of their sight by now
    /// (nothing to send; the items went).
    pub emptied: usize,
}

/// Sends the digests that are due (or every one waiting, with
/// [`When::Now`]): for each person with waiting updates, one email
/// grouped by proposal, queued in the outbox in the same transaction that
/// removes the updates and notes when it went. Safe with several workers:
/// each person's digest is claimed by a conditional update, so it goes
/// once.
pub fn send_digests(conn: &mut DbConn, mailing: &Mailing, when: When) -> Result<DigestRun> {
    let at = now();
    let people: Vec<(TenantId, UserId)> = notification_digest_items::table
        .select((
            notification_digest_items::tenant_id,
            notification_digest_items::user_id,
        ))
        .distinct()
        .order((
            notification_digest_items::tenant_id,
            notification_digest_items::user_id,
        ))
        .load(conn)?;
    let mut run = DigestRun::default();
    for (tenant, person) in people {
        match write_transaction(conn, |conn| {
            digest_for(conn, mailing, &tenant, &person, at, when)
        })? {
            Some(true) => run.sent += 1,
            Some(false) => run.emptied += 1,
            None => {}
        }
    }
    Ok(run)
}

/// One person's digest: `None` when not due, `Some(true)` when sent,
/// `Some(false)` when nothing was left to say.
fn digest_for(
    conn: &mut DbConn,
    mailing: &Mailing,
    tenant: &TenantId,
    person: &UserId,
    at: NaiveDateTime,
    when: When,
) -> Result<Option<bool>> {
    let (delivery, last) = match settings_row(conn, tenant, person)? {
        Some((d, last)) => (Delivery::parse(&d).unwrap_or_default(), last),
        None => (Delivery::Immediately, None),
    };
    let mine = notification_digest_items::table
        .filter(notification_digest_items::tenant_id.eq(tenant))
        .filter(notification_digest_items::user_id.eq(person));
    if delivery == Delivery::Off {
        diesel::delete(mine).execute(conn)?;
        return Ok(None);
    }
    // Updates go in the first digest after they happened.
    let until = match when {
        When::Now => at,
        // Leftovers of someone who switched to "immediately" go daily.
        When::Scheduled { hour } => slot(at, delivery, hour),
    };
    if matches!(when, When::Scheduled { .. }) && last.is_some_and(|l| l >= until) {
        return Ok(None);
    }
    let items: Vec<DigestItem> = mine
        .filter(notification_digest_items::created_at.le(until))
        .order((
            notification_digest_items::created_at.asc(),
            notification_digest_items::id.asc(),
        ))
        .select(DigestItem::as_select())
        .load(conn)?;
    if items.is_empty() {
        return Ok(None);
    }
    // The claim: whichever worker's update changes the row sends it.
    if settings_row(conn, tenant, person)?.is_none() {
        store_delivery(conn, tenant, person, delivery)?;
    }
    let mine_now = notification_settings::table.find((tenant, person));
    let claimed = match when {
        When::Now => diesel::update(mine_now)
            .set(notification_settings::last_digest_at.eq(Some(at)))
            .execute(conn)?,
        When::Scheduled { .. } => diesel::update(
            mine_now.filter(
                notification_settings::last_digest_at
                    .is_null()
                    .or(notification_settings::last_digest_at.lt(until)),
            ),
        )
        .set(notification_settings::last_digest_at.eq(Some(at)))
        .execute(conn)?,
    };
    if claimed != 1 {
        return Ok(None);
    }
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    diesel::delete(
        notification_digest_items::table
            .filter(notification_digest_items::tenant_id.eq(tenant))
            .filter(notification_digest_items::id.eq_any(&ids)),
    )
    .execute(conn)?;
    let Some(user) = crate::accounts::service::find_user(conn, tenant, person)? else {
        return Ok(Some(false));
    };
    if !user.email_verified() {
        return Ok(Some(false));
    }
    let base = mailing.base_url(conn, tenant)?;
    let place = crate::tenancy::service::find_by_id(conn, tenant)?.ok_or(Error::NotFound)?;
    let lang = user.language(&place);
    let mut groups: Vec<Group> = Vec::new();
    for item in &items {
        let Ok(notice) = serde_json::from_str::<Notice>(&item.notice) else {
            tracing::warn!(item = %item.id, "a digest item that cannot be read was left out");
            continue;
        };
        let Some(entry) = describe(conn, tenant, &user, lang, &notice, &base)? else {
            continue;
        };
        match groups.iter_mut().find(|g| g.subject == entry.subject) {
            Some(g) => g.entries.push(entry),
            None => {
                let unfollow = mailing.unsubscribe_link(
                    &base,
                    &Unsubscribe {
                        tenant: tenant.clone(),
                        person: person.clone(),
                        scope: Scope::Subject(entry.subject.clone()),
                    },
                );
                groups.push(Group {
                    subject: entry.subject.clone(),
                    title: entry.title.clone(),
                    link: format!("{base}{}", entry.subject.path()),
                    unfollow,
                    entries: vec![entry],
                });
            }
        }
    }
    if groups.is_empty() {
        return Ok(Some(false));
    }
    let unsubscribe = mailing.unsubscribe_link(
        &base,
        &Unsubscribe {
            tenant: tenant.clone(),
            person: person.clone(),
            scope: Scope::All,
        },
    );
    let period = match delivery {
        Delivery::Weekly => lang.t("email-digest-period-week"),
        _ => lang.t("email-digest-period-since"),
    };
    let message = emails::digest(
        &place,
        &user,
        &period,
        &groups,
        &format!("{base}/account/notifications"),
        &unsubscribe,
    )?;
    crate::mail::service::queue_with_unsubscribe(conn, tenant, message, &unsubscribe)?;
    Ok(Some(true))
}

// ------------------------------------------------------------ unsubscribe

/// What an unsubscribe link offers, for its confirmation page.
#[derive(Debug, Clone)]
pub struct UnsubscribeOffer {
    pub what: Unsubscribe,
    /// The subject's title, when the person may still see it.
    pub title: Option<String>,
    /// Whether they follow the link's subject now.
    pub following: bool,
    pub delivery: Delivery,
}

/// Reads an unsubscribe token for this place: 404 for one that was
/// altered, made up, of another place or of an erased account.
pub fn offer(
    conn: &mut DbConn,
    mailing: &Mailing,
    tenant: &TenantId,
    token: &str,
) -> Result<UnsubscribeOffer> {
    let what = mailing
        .key()
        .verify(token)
        .filter(|w| w.tenant == *tenant)
        .ok_or(Error::NotFound)?;
    let person = crate::accounts::service::find_user(conn, tenant, &what.person)?
        .filter(|u| u.email_verified())
        .ok_or(Error::NotFound)?;
    let (title, following) = match &what.scope {
        Scope::All => (None, false),
        Scope::Subject(s) => (
            can_see(conn, tenant, s, &person)?,
            is_following(conn, tenant, &person.id, s)?,
        ),
    };
    Ok(UnsubscribeOffer {
        delivery: delivery(conn, tenant, &person.id)?,
        what,
        title,
        following,
    })
}

/// Stops what the link's holder chose, without signing in: the link's
/// subject, or (`everything`) every notification email. Repeating it
/// changes nothing.
pub fn unsubscribe(
    conn: &mut DbConn,
    mailing: &Mailing,
    tenant: &TenantId,
    token: &str,
    everything: bool,
) -> Result<UnsubscribeOffer> {
    write_transaction(conn, |conn| {
        let offer = offer(conn, mailing, tenant, token)?;
        let person = &offer.what.person;
        match (&offer.what.scope, everything) {
            (Scope::Subject(s), false) => {
                unfollow(conn, tenant, person, s)?;
                audit::service::record(
                    conn,
                    tenant,
                    Event::new(audit::Kind::NotificationSettingsChanged)
                        .of(person)
                        .detail(json!({"unfollowed": {"kind": s.kind(), "id": s.id()}, "by_link": true})),
                )?;
            }
            _ => {
                store_delivery(conn, tenant, person, Delivery::Off)?;
                audit::service::record(
                    conn,
                    tenant,
                    Event::new(audit::Kind::NotificationSettingsChanged)
                        .of(person)
                        .detail(json!({"delivery": Delivery::Off.as_str(), "by_link": true})),
                )?;
            }
        }
        offer_after(conn, tenant, offer)
    })
}

fn offer_after(
    conn: &mut DbConn,
    tenant: &TenantId,
    mut offer: UnsubscribeOffer,
) -> Result<UnsubscribeOffer> {
    offer.delivery = delivery(conn, tenant, &offer.what.person)?;
    if let Scope::Subject(s) = &offer.what.scope {
        offer.following = is_following(conn, tenant, &offer.what.person, s)?;
    }
    Ok(offer)
}

// --------------------------------------------------------- personal data

/// What the room holds about a person, for their export.
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<PersonalData> {
    let setting = settings_row(conn, tenant, person)?;
    let follows: Vec<Follow> = follows::table
        .filter(follows::tenant_id.eq(tenant))
        .filter(follows::user_id.eq(person))
        .order(follows::created_at.asc())
        .select(Follow::as_select())
        .load(conn)?;
    let pending: Vec<DigestItem> = notification_digest_items::table
        .filter(notification_digest_items::tenant_id.eq(tenant))
        .filter(notification_digest_items::user_id.eq(person))
        .order(notification_digest_items::created_at.asc())
        .select(DigestItem::as_select())
        .load(conn)?;
    Ok(PersonalData {
        delivery: setting.as_ref().map(|(d, _)| d.clone()),
        last_digest_at: setting.and_then(|(_, l)| l),
        follows: follows
            .into_iter()
            .map(|f| FollowData {
                subject_kind: f.subject_kind,
                subject_id: f.subject_id,
                following: f.following,
                reason: f.reason,
                created_at: f.created_at,
                updated_at: f.updated_at,
            })
            .collect(),
        pending: pending
            .into_iter()
            .map(|i| PendingData {
                subject_kind: i.subject_kind,
                subject_id: i.subject_id,
                kind: i.kind,
                created_at: i.created_at,
            })
            .collect(),
    })
}

/// What erasure does, inside the caller's transaction: the person's
/// follows, settings and waiting updates go.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        notification_digest_items::table
            .filter(notification_digest_items::tenant_id.eq(tenant))
            .filter(notification_digest_items::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        follows::table
            .filter(follows::tenant_id.eq(tenant))
            .filter(follows::user_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(notification_settings::table.find((tenant, person))).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn daily_slots_are_today_after_the_hour_and_yesterday_before() {
        // 2026-11-26 is a Thursday.
        assert_eq!(
            slot(at(2026, 11, 26, 9, 30), Delivery::Daily, 8),
            at(2026, 11, 26, 8, 0)
        );
        assert_eq!(
            slot(at(2026, 11, 26, 8, 0), Delivery::Daily, 8),
            at(2026, 11, 26, 8, 0)
        );
        assert_eq!(
            slot(at(2026, 11, 26, 7, 59), Delivery::Daily, 8),
            at(2026, 11, 25, 8, 0)
        );
        assert_eq!(
            slot(at(2026, 1, 1, 0, 5), Delivery::Daily, 8),
            at(2025, 12, 31, 8, 0)
        );
    }

    #[test]
    fn weekly_slots_are_the_latest_monday() {
        assert_eq!(
            slot(at(2026, 11, 26, 9, 0), Delivery::Weekly, 8),
            at(2026, 11, 23, 8, 0)
        );
        // Monday before the hour: the Monday before.
        assert_eq!(
            slot(at(2026, 11, 23, 7, 0), Delivery::Weekly, 8),
            at(2026, 11, 16, 8, 0)
        );
        assert_eq!(
            slot(at(2026, 11, 23, 8, 0), Delivery::Weekly, 8),
            at(2026, 11, 23, 8, 0)
        );
        // Sunday.
        assert_eq!(
            slot(at(2026, 11, 29, 23, 0), Delivery::Weekly, 0),
            at(2026, 11, 23, 0, 0)
        );
    }

    #[test]
    fn excerpts_stop_at_a_word() {
        assert_eq!(excerpt("  short  "), "short");
        let long = "word ".repeat(200);
        let e = excerpt(&long);
        assert!(e.ends_with(" …"));
        assert!(e.chars().count() <= EXCERPT + 2);
    }
}
