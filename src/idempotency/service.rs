//! Claiming a key, keeping and replaying the first answer, letting a key
//! go, the 24-hour sweep, and a person's export and erasure.
//!
//! Every step is one statement that cannot race: a claim inserts with "do
//! nothing on conflict" and takes over an expired or abandoned row with
//! an update whose condition is re-checked under the row's lock; completing
//! and releasing name the claim that holds the row.

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

use super::model::{
    Answer, Claim, Fingerprint, Record, RememberedRequest, Scope, State, KEPT_FOR, LEASE,
};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::idempotency_keys as k;
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::keys::KeyStore;

fn now() -> NaiveDateTime {
    // Microseconds: what PostgreSQL keeps, so comparisons agree.
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// Tries to take the key for this request. A key past 24 hours, or held
/// in flight past the lease, counts as new.
pub fn claim(
    conn: &mut DbConn,
    keys: &KeyStore,
    scope: &Scope,
    fingerprint: &Fingerprint,
    method: &str,
    path: &str,
) -> Result<Claim> {
    let at = now();
    let token = uuid::Uuid::now_v7().simple().to_string();
    let row = (
        k::tenant_id.eq(&scope.tenant_id),
        k::user_id.eq(&scope.user_id),
        k::idem_key.eq(scope.key.as_str()),
        k::fingerprint.eq(fingerprint.as_str()),
        k::method.eq(method),
        k::path.eq(path),
        k::state.eq(State::InFlight.as_str()),
        k::claim.eq(&token),
        k::created_at.eq(at),
    );
    // "Do nothing on conflict" is backend syntax the shared connection
    // does not speak; each backend says it its own way.
    let inserted = match conn {
        DbConn::Pg(pg) => diesel::insert_into(k::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConn::Sqlite(lite) => diesel::insert_into(k::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    if inserted == 1 {
        return Ok(Claim::Fresh { claim: token });
    }
    let mine = || {
        k::table
            .filter(k::tenant_id.eq(&scope.tenant_id))
            .filter(k::user_id.eq(&scope.user_id))
            .filter(k::idem_key.eq(scope.key.as_str()))
    };
    // Expired, or abandoned in flight: start again, as if new.
    let taken = diesel::update(
        mine().filter(
            k::created_at.lt(at - KEPT_FOR).or(k::state
                .eq(State::InFlight.as_str())
                .and(k::created_at.lt(at - LEASE))),
        ),
    )
    .set((
        k::fingerprint.eq(fingerprint.as_str()),
        k::method.eq(method),
        k::path.eq(path),
        k::state.eq(State::InFlight.as_str()),
        k::claim.eq(&token),
        k::status.eq(None::<i32>),
        k::content_type.eq(None::<String>),
        k::location.eq(None::<String>),
        k::body.eq(None::<Vec<u8>>),
        k::created_at.eq(at),
        k::completed_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    if taken == 1 {
        return Ok(Claim::Fresh { claim: token });
    }
    let Some(held) = mine().select(Record::as_select()).first(conn).optional()? else {
        // Swept between our two statements: rare; the client may retry.
        return Err(Error::conflict(
            "idempotency_key_in_flight",
            Words::of("error-idempotency-just-reused"),
        ));
    };
    if held.fingerprint != fingerprint.as_str() {
        return Ok(Claim::Mismatch);
    }
    if held.state != State::Done.as_str() {
        return Ok(Claim::InFlight);
    }
    let (Some(status), Some(sealed)) = (held.status, held.body.as_deref()) else {
        return Err(Error::Internal(
            "a finished idempotency record has no answer".into(),
        ));
    };
    let body = keys.decrypt_for(
        &scope.tenant_id,
        &scope.user_id,
        sealed,
        &scope.aad(fingerprint),
    )?;
    Ok(Claim::Replay(Answer {
        status: u16::try_from(status)
            .map_err(|_| Error::Internal("a kept status is out of range".into()))?,
        content_type: held.content_type,
        location: held.location,
        body,
    }))
}

/// Keeps the answer to the request holding `claim`, sealed under the
/// person's data key. Does nothing if the claim was lost meanwhile.
pub fn complete(
    conn: &mut DbConn,
    keys: &KeyStore,
    scope: &Scope,
    fingerprint: &Fingerprint,
    claim: &str,
    answer: &Answer,
) -> Result<()> {
    let sealed = keys.encrypt_for(
        &scope.tenant_id,
        &scope.user_id,
        &answer.body,
        &scope.aad(fingerprint),
    )?;
    diesel::update(
        k::table
            .filter(k::tenant_id.eq(&scope.tenant_id))
            .filter(k::user_id.eq(&scope.user_id))
            .filter(k::idem_key.eq(scope.key.as_str()))
            .filter(k::claim.eq(claim))
            .filter(k::state.eq(State::InFlight.as_str())),
    )
    .set((
        k::state.eq(State::Done.as_str()),
        k::status.eq(i32::from(answer.status)),
        k::content_type.eq(&answer.content_type),
        k::location.eq(&answer.location),
        k::body.eq(Some(sealed)),
        k::completed_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(())
}

/// Lets the key go (the answer is not worth keeping, e.g. a 5xx), so the
/// client's retry with the same key runs the request again.
pub fn release(conn: &mut DbConn, scope: &Scope, claim: &str) -> Result<()> {
    diesel::delete(
        k::table
            .filter(k::tenant_id.eq(&scope.tenant_id))
            .filter(k::user_id.eq(&scope.user_id))
            .filter(k::idem_key.eq(scope.key.as_str()))
            .filter(k::claim.eq(claim))
            .filter(k::state.eq(State::InFlight.as_str())),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes every key older than 24 hours, in every place; returns how many.
pub fn sweep(conn: &mut DbConn) -> Result<usize> {
    Ok(diesel::delete(k::table.filter(k::created_at.lt(now() - KEPT_FOR))).execute(conn)?)
}

/// The keys a person has used in the last day (never the answers).
pub fn personal_data(
    conn: &mut DbConn,
    tenant: &TenantId,
    user: &UserId,
) -> Result<Vec<RememberedRequest>> {
    let rows: Vec<(String, String, String, String, Option<i32>, NaiveDateTime)> = k::table
        .filter(k::tenant_id.eq(tenant))
        .filter(k::user_id.eq(user))
        .order(k::created_at.asc())
        .select((
            k::idem_key,
            k::method,
            k::path,
            k::state,
            k::status,
            k::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(key, method, path, state, status, created_at)| RememberedRequest {
                key,
                method,
                path,
                state,
                status,
                created_at,
            },
        )
        .collect())
}

/// Erasure: the person's keys and kept answers go.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<()> {
    diesel::delete(
        k::table
            .filter(k::tenant_id.eq(tenant))
            .filter(k::user_id.eq(user)),
    )
    .execute(conn)?;
    Ok(())
}
