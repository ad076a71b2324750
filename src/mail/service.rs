//! The outbox's rules: queueing inside the caller's transaction, leasing a
//! due message to one worker, and recording what became of each attempt.
//!
//! Claiming is a conditional UPDATE (a lease with an expiry), so it is safe
//! with several workers on one PostgreSQL and on SQLite alike: whichever
//! worker's UPDATE changes the row owns the message until the lease ends,
//! and every later change is made only `WHERE locked_by = me`.

use std::time::Duration;

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

use super::model::{Message, NewOutboxRow, OutboxId, OutboxRow, OutboxStatus, OutboxSummary};
use crate::audit::{service as audit, Event, Kind};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::{outbox, tenants};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::mail::Email;

/// After this many attempts a message is given up as failed.
pub const MAX_ATTEMPTS: i32 = 10;
/// How long a worker owns a message it claimed. Longer than one SMTP
/// conversation can take (its timeouts), so a live worker never loses it.
pub const LEASE: Duration = Duration::from_secs(120);
/// The row `worker` holds the lease on, as a target for an UPDATE.
macro_rules! leased {
    ($row:expr, $worker:expr) => {
        outbox::table
            .filter(outbox::tenant_id.eq(&$row.tenant_id))
            .filter(outbox::id.eq(&$row.id))
            .filter(outbox::locked_by.eq($worker))
            .filter(outbox::status.eq(OutboxStatus::Pending.as_str()))
    };
}

/// The wait after the first failure; it doubles after each one.
pub const FIRST_RETRY: Duration = Duration::from_secs(30);
/// The longest wait between two attempts.
pub const LONGEST_RETRY: Duration = Duration::from_secs(6 * 3600);
/// `last_error` is kept short: enough to diagnose, never a whole reply.
pub const ERROR_LIMIT: usize = 500;
/// How many failures an admin page is shown at most.
const FAILURES_SHOWN: i64 = 200;

/// Now, to the microsecond: PostgreSQL keeps no more, so both backends
/// store and compare the same values.
fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

fn later(from: NaiveDateTime, wait: Duration) -> NaiveDateTime {
    let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
    from.checked_add_signed(wait).unwrap_or(NaiveDateTime::MAX)
}

/// How long to wait after the `attempts`-th failed attempt:
/// 30 s × 2^(attempts−1), at most 6 hours.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0);
    // 2^20 × 30 s is far past the cap; stop doubling before overflow.
    let factor = 1u32 << doublings.min(20);
    FIRST_RETRY.saturating_mul(factor).min(LONGEST_RETRY)
}

/// Header text cannot hold line breaks; a subject built from user input
/// must not be able to add headers.
fn one_line(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Puts a message in the outbox. It is one insert and opens no transaction
/// of its own: called inside the caller's transaction, the message exists
/// only if the action that caused it is committed.
pub fn queue(conn: &mut DbConn, tenant: &TenantId, msg: Message) -> Result<OutboxId> {
    insert(conn, tenant, msg, None, None)
}

/// Like [`queue`], for a notice the recipient can stop: the message
/// carries `List-Unsubscribe: <unsubscribe>` and the one-click
/// `List-Unsubscribe-Post` header (RFC 8058), so mail clients offer an
/// unsubscribe button. `unsubscribe` is an `https://` (or, in development,
/// `http://`) address that answers a POST without signing in.
pub fn queue_with_unsubscribe(
    conn: &mut DbConn,
    tenant: &TenantId,
    msg: Message,
    unsubscribe: &str,
) -> Result<OutboxId> {
    insert(conn, tenant, msg, None, Some(unsubscribe))
}

/// Like [`queue`], with replies going to `reply_to` (a person who chose to
/// share their address with the recipient) instead of the platform.
pub fn queue_with_reply_to(
    conn: &mut DbConn,
    tenant: &TenantId,
    msg: Message,
    reply_to: &Email,
) -> Result<OutboxId> {
    insert(conn, tenant, msg, Some(reply_to), None)
}

/// Forgets a person's address as the reply address of messages (their
/// erasure): pending ones go out without it.
pub fn forget_reply_to(conn: &mut DbConn, tenant: &TenantId, address: &str) -> Result<()> {
    diesel::update(
        outbox::table
            .filter(outbox::tenant_id.eq(tenant))
            .filter(outbox::reply_to.eq(address)),
    )
    .set(outbox::reply_to.eq(None::<String>))
    .execute(conn)?;
    Ok(())
}

fn insert(
    conn: &mut DbConn,
    tenant: &TenantId,
    msg: Message,
    reply_to: Option<&Email>,
    list_unsubscribe: Option<&str>,
) -> Result<OutboxId> {
    let id = OutboxId::new();
    // Fixed now, so every retry of this message carries the same id and a
    // receiving server or person can recognise a repeat.
    let message_id = format!("<{id}@coproduce>");
    let now = now();
    diesel::insert_into(outbox::table)
        .values(NewOutboxRow {
            tenant_id: tenant,
            id: &id,
            recipient: msg.to.as_str(),
            subject: &one_line(&msg.subject),
            body_text: &msg.text,
            body_html: &msg.html,
            message_id: &message_id,
            kind: msg.kind,
            status: OutboxStatus::Pending.as_str(),
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            reply_to: reply_to.map(Email::as_str),
            list_unsubscribe: list_unsubscribe.map(one_line).as_deref(),
        })
        .execute(conn)?;
    Ok(id)
}

/// Messages due to be sent whose lease (if any) has ended, oldest due
/// first, up to `limit`. Another worker may claim any of them first.
pub fn due(conn: &mut DbConn, limit: i64) -> Result<Vec<(TenantId, OutboxId)>> {
    let now = now();
    Ok(outbox::table
        .filter(outbox::status.eq(OutboxStatus::Pending.as_str()))
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::locked_until
                .is_null()
                .or(outbox::locked_until.lt(now)),
        )
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .select((outbox::tenant_id, outbox::id))
        .limit(limit)
        .load(conn)?)
}

/// A message this worker holds the lease on, with who it is sent as.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub row: OutboxRow,
    pub sender: Sender,
}

/// Who a tenant's email is from: the sender name and address its admins
/// chose, or else the tenant's name at the installation's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    /// None: the installation's `mail_from`.
    pub address: Option<String>,
}

/// Takes the lease on one due message for `worker`. `None` when another
/// worker has it or it is no longer due: the UPDATE's condition is checked
/// by the database, so at most one worker's claim changes the row.
pub fn claim(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &OutboxId,
    worker: &str,
) -> Result<Option<Claimed>> {
    let now = now();
    let claimed = diesel::update(
        outbox::table
            .filter(outbox::tenant_id.eq(tenant))
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(OutboxStatus::Pending.as_str()))
            .filter(outbox::next_attempt_at.le(now))
            .filter(
                outbox::locked_until
                    .is_null()
                    .or(outbox::locked_until.lt(now)),
            ),
    )
    .set((
        outbox::locked_by.eq(worker),
        outbox::locked_until.eq(later(now, LEASE)),
    ))
    .execute(conn)?;
    if claimed != 1 {
        return Ok(None);
    }
    // Read back under our lease: what we send is what the row says now.
    let Some((row, tenant_name)) = outbox::table
        .inner_join(tenants::table)
        .filter(outbox::tenant_id.eq(tenant))
        .filter(outbox::id.eq(id))
        .filter(outbox::locked_by.eq(worker))
        .select((OutboxRow::as_select(), tenants::name))
        .first::<(OutboxRow, String)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let (name, address) = crate::places::settings::mail_sender(conn, tenant)?;
    Ok(Some(Claimed {
        row,
        sender: Sender {
            name: name.unwrap_or(tenant_name),
            address,
        },
    }))
}

/// Records a delivered message. Only the lease holder can, so a message is
/// marked sent once; `false` means the lease was lost (a warning for the
/// log: another worker may have sent it too).
pub fn mark_sent(conn: &mut DbConn, row: &OutboxRow, worker: &str) -> Result<bool> {
    let changed = diesel::update(leased!(row, worker))
        .set((
            outbox::status.eq(OutboxStatus::Sent.as_str()),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::sent_at.eq(Some(now())),
            outbox::locked_by.eq(None::<String>),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Whether a failed attempt may be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The receiving side may accept later (e.g. SMTP 4xx, a network error).
    Transient,
    /// It never will (e.g. SMTP 5xx, an address that cannot be written).
    Permanent,
}

/// Records a failed attempt and releases the lease: the message waits for
/// its next attempt by the backoff schedule, or is failed for good after a
/// permanent refusal or [`MAX_ATTEMPTS`]. Returns the status it now has,
/// or `None` when the lease was lost (another worker owns the message).
///
/// `error` must not hold secrets or message bodies; it is cut to
/// [`ERROR_LIMIT`] characters.
pub fn mark_failed(
    conn: &mut DbConn,
    row: &OutboxRow,
    worker: &str,
    error: &str,
    failure: Failure,
) -> Result<Option<OutboxStatus>> {
    let attempts = row.attempts.saturating_add(1);
    let status = if failure == Failure::Permanent || attempts >= MAX_ATTEMPTS {
        OutboxStatus::Failed
    } else {
        OutboxStatus::Pending
    };
    let error: String = error.chars().take(ERROR_LIMIT).collect();
    let changed = diesel::update(leased!(row, worker))
        .set((
            outbox::status.eq(status.as_str()),
            outbox::attempts.eq(attempts),
            outbox::next_attempt_at.eq(later(now(), backoff(attempts))),
            outbox::last_error.eq(Some(error)),
            outbox::locked_by.eq(None::<String>),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok((changed == 1).then_some(status))
}

/// Gives back every lease `worker` holds on unsent messages, so a worker
/// that stops does not delay them until the leases run out.
pub fn release_leases(conn: &mut DbConn, worker: &str) -> Result<usize> {
    Ok(diesel::update(
        outbox::table
            .filter(outbox::locked_by.eq(worker))
            .filter(outbox::status.eq(OutboxStatus::Pending.as_str())),
    )
    .set((
        outbox::locked_by.eq(None::<String>),
        outbox::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?)
}

/// A tenant's messages that failed for good or are waiting to be retried,
/// newest first (at most 200), for an admin to see what did not arrive.
pub fn failures(conn: &mut DbConn, tenant: &TenantId) -> Result<Vec<OutboxSummary>> {
    Ok(outbox::table
        .filter(outbox::tenant_id.eq(tenant))
        .filter(
            outbox::status
                .eq(OutboxStatus::Failed.as_str())
                .or(outbox::status
                    .eq(OutboxStatus::Pending.as_str())
                    .and(outbox::attempts.gt(0))),
        )
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .select(OutboxSummary::as_select())
        .limit(FAILURES_SHOWN)
        .load(conn)?)
}

/// [`retry`] at an admin's request, which is logged.
pub fn retry_by(conn: &mut DbConn, tenant: &TenantId, id: &OutboxId, by: &UserId) -> Result<()> {
    crate::db::write_transaction(conn, |conn| {
        retry(conn, tenant, id)?;
        let detail = serde_json::json!({"message": id});
        audit::record(
            conn,
            tenant,
            Event::new(Kind::MailRetried).by(by).detail(detail),
        )
    })
}

/// Sends a failed message again: back to pending, due now, with a fresh
/// set of attempts. The last error is kept until the next attempt.
pub fn retry(conn: &mut DbConn, tenant: &TenantId, id: &OutboxId) -> Result<()> {
    let changed = diesel::update(
        outbox::table
            .filter(outbox::tenant_id.eq(tenant))
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(OutboxStatus::Failed.as_str())),
    )
    .set((
        outbox::status.eq(OutboxStatus::Pending.as_str()),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now()),
        outbox::locked_by.eq(None::<String>),
        outbox::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    if changed == 1 {
        return Ok(());
    }
    let status: Option<String> = outbox::table
        .filter(outbox::tenant_id.eq(tenant))
        .filter(outbox::id.eq(id))
        .select(outbox::status)
        .first(conn)
        .optional()?;
    match status {
        None => Err(Error::NotFound),
        Some(status) => Err(Error::conflict(
            "not_failed",
            Words::of1("mail-error-not-failed", "status", status),
        )),
    }
}

/// How many messages, across all tenants, wait to be sent.
pub fn pending_count(conn: &mut DbConn) -> Result<i64> {
    Ok(outbox::table
        .filter(outbox::status.eq(OutboxStatus::Pending.as_str()))
        .count()
        .get_result(conn)?)
}

/// One message, for checks and for an admin's detail view.
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &OutboxId) -> Result<Option<OutboxRow>> {
    Ok(outbox::table
        .filter(outbox::tenant_id.eq(tenant))
        .filter(outbox::id.eq(id))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_six_hours() {
        let secs: Vec<u64> = (1..=11).map(|a| backoff(a).as_secs()).collect();
        assert_eq!(
            secs,
            [30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600]
        );
        assert_eq!(backoff(40), LONGEST_RETRY);
        assert_eq!(backoff(i32::MAX), LONGEST_RETRY);
        // Nonsense counts never wait less than the first retry.
        assert_eq!(backoff(0), FIRST_RETRY);
        assert_eq!(backoff(-3), FIRST_RETRY);
    }

    #[test]
    fn subjects_stay_on_one_line() {
        assert_eq!(
            one_line(" Hello\r\nBcc: x@y.org\tthere "),
            "Hello  Bcc: x@y.org there"
        );
    }

    #[test]
    fn status_round_trips_and_unknown_is_failed() {
        for s in [
            OutboxStatus::Pending,
            OutboxStatus::Sent,
            OutboxStatus::Failed,
        ] {
            assert_eq!(OutboxStatus::parse(s.as_str()), s);
        }
        assert_eq!(OutboxStatus::parse("odd"), OutboxStatus::Failed);
    }
}
