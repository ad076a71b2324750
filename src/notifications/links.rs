//! What notices need from outside the database: where their links point,
//! and the key that signs unsubscribe links, so a person can stop emails
//! without signing in and nobody can stop someone else's.
//!
//! An unsubscribe token names the place, the person and what to stop (one
//! subject, or everything) and carries an HMAC-SHA256 over exactly that,
//! under a key derived from the server's secrets (`crate::secrets`, the
//! same file as the CSRF key, with its own label so the two keys never
//! sign each other's messages). Tokens do not expire: an old email's link
//! still works, as people expect of an unsubscribe link, and it can only
//! ever turn emails off.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::model::Subject;
use crate::config::Settings;
use crate::db::ids::{TenantId, UserId};
use crate::db::DbConn;
use crate::error::Result;
use crate::secrets::Secrets;
use crate::tenancy::Hostname;

/// What an unsubscribe link stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Emails about one subject (the person stops following it).
    Subject(Subject),
    /// Every notification email (the person's setting becomes "off").
    All,
}

impl Scope {
    fn encode(&self) -> String {
        match self {
            Scope::All => "all".into(),
            Scope::Subject(s) => format!("{}:{}", s.kind(), s.id()),
        }
    }

    fn decode(raw: &str) -> Option<Self> {
        if raw == "all" {
            return Some(Scope::All);
        }
        let (kind, id) = raw.split_once(':')?;
        Subject::from_stored(kind, id).map(Scope::Subject)
    }
}

/// What a valid unsubscribe token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsubscribe {
    pub tenant: TenantId,
    pub person: UserId,
    pub scope: Scope,
}

/// The version and label of the token format.
const TOKEN_VERSION: &str = "u1";
/// Tokens longer than this are not even decoded.
const TOKEN_MAX: usize = 512;

/// The key that signs unsubscribe links.
#[derive(Clone)]
pub struct UnsubscribeKey([u8; 32]);

impl std::fmt::Debug for UnsubscribeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnsubscribeKey(…)")
    }
}

impl UnsubscribeKey {
    /// Derived from the server's secret (HMAC with a label of its own).
    pub fn from_secrets(secrets: &Secrets) -> Self {
        Self::derive(&secrets.csrf_key())
    }

    fn derive(secret: &[u8]) -> Self {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
        mac.update(b"coproduce unsubscribe links v1");
        Self(mac.finalize().into_bytes().into())
    }

    fn mac(&self, payload: &str) -> Vec<u8> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(payload.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// A token for `person` of `tenant` to stop `scope`.
    pub fn sign(&self, what: &Unsubscribe) -> String {
        let payload = format!(
            "{TOKEN_VERSION}|{}|{}|{}",
            what.tenant,
            what.person,
            what.scope.encode()
        );
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload.as_bytes()),
            URL_SAFE_NO_PAD.encode(self.mac(&payload))
        )
    }

    /// What a token says, if this key signed it; `None` for anything
    /// altered, truncated or made up.
    pub fn verify(&self, token: &str) -> Option<Unsubscribe> {
        let token = token.trim();
        if token.len() > TOKEN_MAX {
            return None;
        }
        let (payload, mac) = token.split_once('.')?;
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
        if !bool::from(self.mac(&payload).ct_eq(&mac)) {
            return None;
        }
        let mut parts = payload.splitn(4, '|');
        if parts.next()? != TOKEN_VERSION {
            return None;
        }
        Some(Unsubscribe {
            tenant: parts.next()?.parse().ok()?,
            person: parts.next()?.parse().ok()?,
            scope: Scope::decode(parts.next()?)?,
        })
    }
}

/// Everything a notice or digest needs beyond the database: how links
/// are written and the unsubscribe key. Built from the settings and the
/// secrets by the server, its handlers and the CLI alike.
#[derive(Debug, Clone)]
pub struct Mailing {
    key: UnsubscribeKey,
    insecure_http: bool,
    /// The port loopback hosts are served on (development).
    loopback_port: u16,
}

impl Mailing {
    pub fn new(settings: &Settings, secrets: &Secrets) -> Self {
        Self {
            key: UnsubscribeKey::from_secrets(secrets),
            insecure_http: settings.insecure_http,
            loopback_port: settings.bind.port(),
        }
    }

    /// The running server's (for handlers).
    pub fn of(state: &crate::state::AppState) -> Self {
        Self::new(&state.settings, &state.secrets)
    }

    pub fn key(&self) -> &UnsubscribeKey {
        &self.key
    }

    /// Where a place's people reach it, for links in email: its first
    /// host (as the CLI's invitations do), so links in a digest sent by a
    /// worker and in a notice sent during a request read the same.
    pub fn base_url(&self, conn: &mut DbConn, tenant: &TenantId) -> Result<String> {
        let hosts = crate::tenancy::service::hosts_of(conn, tenant)?;
        let host = hosts
            .first()
            .and_then(|h| Hostname::parse(h).ok())
            .unwrap_or_else(|| Hostname::parse("localhost").expect("localhost is a hostname"));
        let port = host.is_loopback().then_some(self.loopback_port);
        Ok(host.base_url(self.insecure_http, port))
    }

    /// The unsubscribe page's address for this token's subject.
    pub fn unsubscribe_link(&self, base_url: &str, what: &Unsubscribe) -> String {
        format!("{base_url}/unsubscribe?token={}", self.key.sign(what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::ids::ProposalId;

    fn what(scope: Scope) -> Unsubscribe {
        Unsubscribe {
            tenant: TenantId::new(),
            person: UserId::new(),
            scope,
        }
    }

    #[test]
    fn tokens_say_what_they_were_signed_for() {
        let key = UnsubscribeKey::derive(b"a secret of the server, 32 bytes!");
        for scope in [
            Scope::All,
            Scope::Subject(Subject::Proposal(ProposalId::new())),
        ] {
            let w = what(scope);
            let token = key.sign(&w);
            assert!(token.len() < TOKEN_MAX);
            assert!(token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
            assert_eq!(key.verify(&token), Some(w));
        }
    }

    #[test]
    fn altered_or_foreign_tokens_say_nothing() {
        let key = UnsubscribeKey::derive(b"one secret");
        let other = UnsubscribeKey::derive(b"another secret");
        let w = what(Scope::Subject(Subject::Proposal(ProposalId::new())));
        let token = key.sign(&w);
        assert_eq!(other.verify(&token), None);
        // Another person's payload under this token's signature.
        let (_, mac) = token.split_once('.').unwrap();
        let forged = format!("u1|{}|{}|all", w.tenant, UserId::new());
        let forged = format!("{}.{mac}", URL_SAFE_NO_PAD.encode(forged));
        assert_eq!(key.verify(&forged), None);
        // A flipped character anywhere.
        for i in [0, token.len() / 2, token.len() - 1] {
            let mut bytes = token.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let altered = String::from_utf8(bytes).unwrap();
            if altered != token {
                assert_eq!(key.verify(&altered), None, "{altered}");
            }
        }
        for junk in ["", ".", "abc", "a.b.c", &"x".repeat(600)] {
            assert_eq!(key.verify(junk), None);
        }
    }

    #[test]
    fn the_key_is_not_the_secret_it_comes_from() {
        let secret = b"the csrf key of this server......";
        let key = UnsubscribeKey::derive(secret);
        assert_ne!(&key.0[..], &secret[..32]);
        assert!(!format!("{key:?}").contains(|c: char| c.is_ascii_digit()));
    }
}
