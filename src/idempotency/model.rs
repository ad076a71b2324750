//! The types of the room: a checked key, the fingerprint of a request, a
//! kept answer, and what a claim on a key found.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::db::schema::idempotency_keys;
use crate::error::{Error, Words};

/// The request header a client sends.
pub const HEADER: &str = "Idempotency-Key";
/// The header on an answer that is a replay of the first one.
pub const REPLAYED: &str = "Idempotent-Replayed";
/// Longest key accepted.
pub const MAX_KEY_LEN: usize = 255;
/// How long a key is remembered.
pub const KEPT_FOR: chrono::Duration = chrono::Duration::hours(24);
/// How long a request may hold a key in flight. A row older than this
/// belongs to a request that never finished (the server stopped mid-way),
/// and the key may be used again.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// Largest answer kept; bigger ones are answered but not remembered.
pub const MAX_KEPT_BODY: usize = crate::http::PAYLOAD_LIMIT;

/// A client's key: 1 to 255 visible ASCII characters. A structured-field
/// string (`"…"`, as the IETF draft writes it) is the same key as its
/// content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &[u8]) -> Result<Self, Error> {
        let inner = match raw {
            [b'"', inner @ .., b'"'] => inner,
            other => other,
        };
        let visible = |b: &u8| (0x21..=0x7e).contains(b) && *b != b'"';
        if inner.is_empty() || inner.len() > MAX_KEY_LEN || !inner.iter().all(visible) {
            return Err(Error::bad_request(
                "invalid_idempotency_key",
                Words::of2(
                    "error-idempotency-key-invalid",
                    "header",
                    HEADER,
                    "max",
                    MAX_KEY_LEN,
                ),
            ));
        }
        // Only visible ASCII remains, so this is valid UTF-8.
        Ok(Self(String::from_utf8_lossy(inner).into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// SHA-256 (hex) of what makes two requests "the same": the method, the
/// path with its query, and the body's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn of(method: &str, path_and_query: &str, body: &[u8]) -> Self {
        let mut hash = Sha256::new();
        // Lengths first, so no two different requests hash the same text.
        for part in [method.as_bytes(), path_and_query.as_bytes(), body] {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
        Self(hex::encode(hash.finalize()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whose key it is: keys of different places or people never meet.
#[derive(Debug, Clone)]
pub struct Scope {
    pub tenant_id: crate::db::ids::TenantId,
    pub user_id: crate::db::ids::UserId,
    pub key: IdempotencyKey,
}

impl Scope {
    /// What the kept answer is sealed to: it opens only for this key, its
    /// owner and this exact request.
    pub fn aad(&self, fingerprint: &Fingerprint) -> Vec<u8> {
        format!(
            "idempotency|{}|{}|{}|{}",
            self.tenant_id,
            self.user_id,
            self.key.as_str(),
            fingerprint.as_str()
        )
        .into_bytes()
    }
}

/// The first request's place in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    InFlight,
    Done,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::InFlight => "in_flight",
            State::Done => "done",
        }
    }
}

/// One remembered key, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
pub struct Record {
    pub fingerprint: String,
    pub method: String,
    pub path: String,
    pub state: String,
    pub claim: String,
    pub status: Option<i32>,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Option<Vec<u8>>,
    pub created_at: NaiveDateTime,
}

/// An answer worth keeping (or kept): what a replay sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    /// Which answers are remembered: everything below 500 except those
    /// that say "not now" rather than "this is the outcome" (401: the
    /// caller was not recognised; 408, 425, 429: try again later). A 5xx
    /// is never kept, so the client can retry with the same key.
    pub fn worth_keeping(status: u16) -> bool {
        status < 500 && !matches!(status, 401 | 408 | 425 | 429)
    }
}

/// What claiming a key found.
#[derive(Debug)]
pub enum Claim {
    /// The key is new (or expired, or abandoned): this request runs, and
    /// holds the row by this claim.
    Fresh { claim: String },
    /// The same request was answered already: send this again.
    Replay(Answer),
    /// The same request is still running.
    InFlight,
    /// The key was used for a different request.
    Mismatch,
}

/// A remembered key, in the person's data export (never the answer).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RememberedRequest {
    pub key: String,
    pub method: String,
    pub path: String,
    /// `in_flight` or `done`.
    pub state: String,
    /// The status of the kept answer.
    pub status: Option<i32>,
    pub created_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_up_to_255() {
        assert_eq!(
            IdempotencyKey::parse(b"abc-123").unwrap().as_str(),
            "abc-123"
        );
        assert_eq!(
            IdempotencyKey::parse(b"\"abc-123\"").unwrap().as_str(),
            "abc-123",
            "a structured-field string is its content"
        );
        assert!(IdempotencyKey::parse(&[b'k'; 255]).is_ok());
        for bad in [
            &b""[..],
            b"\"\"",
            b"has space",
            b"tab\there",
            b"caf\xc3\xa9",
            b"quo\"te",
            &[b'k'; 256],
        ] {
            let err = IdempotencyKey::parse(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_idempotency_key", "{bad:?}");
        }
    }

    #[test]
    fn fingerprints_tell_requests_apart() {
        let a = Fingerprint::of("POST", "/api/v1/boards", b"{}");
        assert_eq!(a, Fingerprint::of("POST", "/api/v1/boards", b"{}"));
        assert_ne!(a, Fingerprint::of("POST", "/api/v1/boards", b"{ }"));
        assert_ne!(a, Fingerprint::of("POST", "/api/v1/proposals", b"{}"));
        assert_ne!(
            Fingerprint::of("POST", "/a", b"b"),
            Fingerprint::of("POST", "/ab", b""),
            "parts cannot slide into each other"
        );
    }

    #[test]
    fn only_outcomes_are_kept() {
        for kept in [200, 201, 204, 400, 403, 404, 409, 410, 422] {
            assert!(Answer::worth_keeping(kept), "{kept}");
        }
        for not in [401, 408, 425, 429, 500, 502, 503] {
            assert!(!Answer::worth_keeping(not), "{not}");
        }
    }
}
