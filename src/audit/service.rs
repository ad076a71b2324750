//! The rules of the audit log: appending an event to a tenant's chain,
//! verifying the chain, and reading it (the admin's list, a person's own
//! events). The canonical encoding is described in the module docs of
//! [`crate::audit`].

use chrono::{NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::model::{AuditEvent, Event, Kind, Verification};
use crate::db::ids::{TenantId, UserId};
use crate::db::schema::{audit_events, tenants};
use crate::db::DbConn;
use crate::error::{Error, Result};
use crate::http::pagination::Paging;

/// The `prev_hash` of a tenant's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How many events `verify` holds in memory at once.
const BATCH: i64 = 500;

/// At most this many events are shown on a person's own page.
pub const ABOUT_LIMIT: i64 = 500;

/// The JSON value with object keys sorted at every level, whatever
/// serde_json's map keeps.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The detail as stored: compact JSON with sorted keys.
pub fn canonical_detail(detail: &Value) -> String {
    sorted(detail).to_string()
}

/// `occurred_at` as it enters the hash.
fn rfc3339_micros(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The hash of an event over the canonical encoding (see the module docs),
/// from every field but `hash` itself; `detail` is the parsed column.
pub fn hash_of(event: &AuditEvent, detail: &Value) -> String {
    let encoding = Value::Array(vec![
        Value::from(event.tenant_id.as_str()),
        Value::from(event.seq),
        Value::from(event.id.as_str()),
        Value::from(rfc3339_micros(event.occurred_at)),
        Value::from(event.kind.as_str()),
        event.actor_id.as_deref().map_or(Value::Null, Value::from),
        event.subject_id.as_deref().map_or(Value::Null, Value::from),
        sorted(detail),
        Value::from(event.prev_hash.as_str()),
    ]);
    hex::encode(Sha256::digest(encoding.to_string().as_bytes()))
}

/// Whether any string in the detail looks like an email address: the log
/// cannot be edited, so personal data must never enter it.
fn holds_an_address(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('@'),
        Value::Array(items) => items.iter().any(holds_an_address),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.contains('@') || holds_an_address(v)),
        _ => false,
    }
}

/// Holds the tenant's chain until the transaction ends. SQLite already
/// holds the database's write lock (callers use `db::write_transaction`);
/// PostgreSQL locks the tenant's row, so two appends to one tenant take
/// turns while other tenants' appends go on.
fn lock_chain(conn: &mut DbConn, tenant: &TenantId) -> Result<()> {
    match conn {
        DbConn::Pg(pg) => {
            // NO KEY UPDATE serialises appends to one tenant's chain without
            // conflicting with the KEY SHARE locks that foreign keys to
            // `tenants` take: FOR UPDATE deadlocked concurrent writers that
            // had just inserted rows referencing the tenant.
            tenants::table
                .find(tenant)
                .select(tenants::id)
                .for_no_key_update()
                .first::<TenantId>(pg)?;
        }
        DbConn::Sqlite(_) => {}
    }
    Ok(())
}

/// Appends an event to the tenant's log, within the caller's transaction
/// (as a savepoint, or a write transaction of its own when there is none),
/// so the event is written exactly when the action is. The chain is locked
/// first, and the primary key `(tenant_id, seq)` refuses a duplicate `seq`
/// should two appends ever race.
pub fn record(conn: &mut DbConn, tenant: &TenantId, event: Event) -> Result<()> {
    if !event.detail.is_object() {
        return Err(Error::Internal(format!(
            "the detail of an audit event ({}) must be a JSON object",
            event.kind.as_str()
        )));
    }
    if holds_an_address(&event.detail) {
        return Err(Error::Internal(format!(
            "the detail of an audit event ({}) must not hold an email address",
            event.kind.as_str()
        )));
    }
    crate::db::write_transaction(conn, |conn| {
        lock_chain(conn, tenant)?;
        let last: Option<(i64, String)> = audit_events::table
            .filter(audit_events::tenant_id.eq(tenant))
            .order(audit_events::seq.desc())
            .select((audit_events::seq, audit_events::hash))
            .first(conn)
            .optional()?;
        let (seq, prev_hash) = match last {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, GENESIS.to_owned()),
        };
        // Microseconds: what both databases store exactly, so the hash
        // can be recomputed from the row.
        let occurred_at = Utc::now().naive_utc().trunc_subsecs(6);
        let mut row = AuditEvent {
            tenant_id: tenant.clone(),
            seq,
            id: uuid::Uuid::now_v7().to_string(),
            occurred_at,
            kind: event.kind.as_str().to_owned(),
            actor_id: event.actor.as_ref().map(|u| u.as_str().to_owned()),
            subject_id: event.subject.as_ref().map(|u| u.as_str().to_owned()),
            detail: canonical_detail(&event.detail),
            prev_hash,
            hash: String::new(),
        };
        row.hash = hash_of(&row, &event.detail);
        diesel::insert_into(audit_events::table)
            .values(row)
            .execute(conn)?;
        Ok(())
    })
}

/// Why one stored event does not fit, if it does not.
fn check(event: &AuditEvent, expected_seq: i64, prev_hash: &str) -> Option<String> {
    if event.seq != expected_seq {
        return Some(if expected_seq + 1 == event.seq {
            format!("event #{expected_seq} is missing (removed)")
        } else {
            format!(
                "events #{expected_seq} to #{} are missing (removed)",
                event.seq - 1
            )
        });
    }
    if event.prev_hash != prev_hash {
        return Some(
            "its link to the event before does not match (an earlier event was removed or replaced)"
                .into(),
        );
    }
    let Ok(detail) = serde_json::from_str::<Value>(&event.detail) else {
        return Some("its detail is not readable JSON (the row was edited)".into());
    };
    if canonical_detail(&detail) != event.detail {
        return Some("its detail is not as it was written (the row was edited)".into());
    }
    (hash_of(event, &detail) != event.hash)
        .then(|| "its contents do not match its hash (the row was edited)".into())
}

/// Walks the tenant's chain in order, a batch at a time, and names the
/// first event that does not fit: an edited row (its hash), a removed row
/// (a gap in `seq`) or a replaced one (its link to the one before).
pub fn verify(conn: &mut DbConn, tenant: &TenantId) -> Result<Verification> {
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_owned();
    let mut events = 0;
    let mut after = 0;
    loop {
        let batch: Vec<AuditEvent> = audit_events::table
            .filter(audit_events::tenant_id.eq(tenant))
            .filter(audit_events::seq.gt(after))
            .order(audit_events::seq.asc())
            .limit(BATCH)
            .select(AuditEvent::as_select())
            .load(conn)?;
        let Some(last) = batch.last() else {
            return Ok(Verification::Intact { events });
        };
        after = last.seq;
        for event in &batch {
            if let Some(reason) = check(event, expected_seq, &prev_hash) {
                return Ok(Verification::Broken {
                    seq: event.seq,
                    id: event.id.clone(),
                    reason,
                });
            }
            expected_seq = event.seq + 1;
            prev_hash.clone_from(&event.hash);
            events += 1;
        }
    }
}

/// One page of the tenant's log, newest first, perhaps of one kind only,
/// with the number of events that match.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    kind: Option<Kind>,
    paging: Paging,
) -> Result<(Vec<AuditEvent>, i64)> {
    let filtered = || {
        let mut q = audit_events::table
            .filter(audit_events::tenant_id.eq(tenant))
            .into_boxed();
        if let Some(kind) = kind {
            q = q.filter(audit_events::kind.eq(kind.as_str()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let events = filtered()
        .order(audit_events::seq.desc())
        .limit(paging.limit())
        .offset(paging.offset())
        .select(AuditEvent::as_select())
        .load(conn)?;
    Ok((events, total))
}

/// How many events the tenant's log holds.
pub fn count(conn: &mut DbConn, tenant: &TenantId) -> Result<i64> {
    Ok(audit_events::table
        .filter(audit_events::tenant_id.eq(tenant))
        .count()
        .get_result(conn)?)
}

/// The events about one person in this tenant, newest first (at most
/// [`ABOUT_LIMIT`]), for their My data page.
pub fn about(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<Vec<AuditEvent>> {
    Ok(audit_events::table
        .filter(audit_events::tenant_id.eq(tenant))
        .filter(audit_events::subject_id.eq(user.as_str()))
        .order(audit_events::seq.desc())
        .limit(ABOUT_LIMIT)
        .select(AuditEvent::as_select())
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_encoding_is_canonical() {
        let tenant: TenantId = "0190f0a0-0000-7000-8000-000000000001".parse().unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_micro_opt(10, 4, 5, 123_456)
            .unwrap();
        let event = |detail: &str| AuditEvent {
            tenant_id: tenant.clone(),
            seq: 1,
            id: "id".into(),
            occurred_at: at,
            kind: "sign_in".into(),
            actor_id: None,
            subject_id: None,
            detail: detail.into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        // Key order does not matter; the encoding sorts them.
        let a = hash_of(&event(""), &json!({"b": 1, "a": {"d": 2, "c": 3}}));
        let b = hash_of(&event(""), &json!({"a": {"c": 3, "d": 2}, "b": 1}));
        assert_eq!(a, b);
        // And it is exactly the documented array.
        let text = format!(
            r#"["{tenant}",1,"id","2026-11-25T10:04:05.123456Z","sign_in",null,null,{{"a":{{"c":3,"d":2}},"b":1}},"{GENESIS}"]"#
        );
        assert_eq!(a, hex::encode(Sha256::digest(text.as_bytes())));
        assert_eq!(
            canonical_detail(&json!({"z": "x", "a": [1]})),
            r#"{"a":[1],"z":"x"}"#
        );
    }

    #[test]
    fn addresses_are_spotted_anywhere_in_a_detail() {
        assert!(holds_an_address(&json!({"a": ["x@y.org"]})));
        assert!(!holds_an_address(
            &json!({"role": "admin", "host": "a.example.org", "n": 3})
        ));
    }

    #[test]
    fn kinds_read_back_and_are_described() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert!(!kind.describe().is_empty());
        }
        assert_eq!(Kind::parse("nonsense"), None);
    }
}
