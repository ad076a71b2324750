//! The platform's Ed25519 signing keys, for consent receipts. They live in
//! the key store beside the data keys: each seed wrapped under the master
//! key (bound to its key id), each public key in the clear so the key set
//! can be published at `/.well-known/jwks.json`. Rotating makes a new key
//! current and retires the old one, which stays in the set so receipts it
//! signed still verify.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::crypto::{random_key, WrappedKey, KEY_LEN};
use super::schema::signing_keys;
use super::service::{now, KeyError, KeyStore, Result};
use crate::db;

/// The current signing key, unwrapped: its id and the private key in the
/// form `jsonwebtoken` takes. Zeroed when dropped; no `Debug` shows it.
pub struct SigningKey {
    kid: String,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl SigningKey {
    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn encoding_key(&self) -> jsonwebtoken::EncodingKey {
        jsonwebtoken::EncodingKey::from_ed_der(&self.pkcs8)
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", self.kid)
    }
}

/// A published verification key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicSigningKey {
    pub kid: String,
    pub public_key: [u8; 32],
    pub created_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
}

impl PublicSigningKey {
    /// The key as a JWK's `x` (base64url, no padding).
    pub fn x(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.public_key)
    }

    pub fn decoding_key(&self) -> jsonwebtoken::DecodingKey {
        jsonwebtoken::DecodingKey::from_ed_der(&self.public_key)
    }
}

fn seed_aad(kid: &str) -> Vec<u8> {
    format!("signing-key|{kid}").into_bytes()
}

/// A key's id: the first 16 hex digits of its public key's SHA-256, so
/// the same key always has the same id.
fn kid_of(public_key: &[u8; 32]) -> String {
    hex::encode(&Sha256::digest(public_key)[..8])
}

type Row = (
    String,
    Vec<u8>,
    Vec<u8>,
    String,
    Vec<u8>,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

fn public_of(row: Row) -> Result<PublicSigningKey> {
    let (kid, _, _, _, public_key, created_at, retired_at) = row;
    let public_key: [u8; 32] = public_key.try_into().map_err(|_| {
        KeyError::MasterKey(format!("signing key {kid} has a malformed public key"))
    })?;
    Ok(PublicSigningKey {
        kid,
        public_key,
        created_at,
        retired_at,
    })
}

impl KeyStore {
    /// The key that signs now: the newest one not retired, made on first
    /// use. Two replicas racing on first use may each make one; both stay
    /// valid and the newer signs from then on.
    pub fn signing_key(&self) -> Result<SigningKey> {
        let current = {
            let mut conn = self.conn()?;
            signing_keys::table
                .filter(signing_keys::retired_at.is_null())
                .order((signing_keys::created_at.desc(), signing_keys::kid.desc()))
                .first::<Row>(&mut **conn)
                .optional()?
        };
        match current {
            Some(row) => self.unwrap_signing(row),
            None => {
                self.make_signing_key()?;
                self.signing_key()
            }
        }
    }

    /// Every signing key, current and retired, newest first.
    pub fn public_signing_keys(&self) -> Result<Vec<PublicSigningKey>> {
        let mut conn = self.conn()?;
        let rows: Vec<Row> = signing_keys::table
            .order((signing_keys::created_at.desc(), signing_keys::kid.desc()))
            .load(&mut **conn)?;
        rows.into_iter().map(public_of).collect()
    }

    /// Makes a new signing key current and retires the others; returns its
    /// id. Retired keys stay published for verification.
    pub fn rotate_signing_key(&self) -> Result<String> {
        let kid = self.make_signing_key()?;
        let mut conn = self.conn()?;
        diesel::update(
            signing_keys::table
                .filter(signing_keys::kid.ne(&kid))
                .filter(signing_keys::retired_at.is_null()),
        )
        .set(signing_keys::retired_at.eq(Some(now())))
        .execute(&mut **conn)?;
        Ok(kid)
    }

    fn make_signing_key(&self) -> Result<String> {
        let seed = random_key()?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        let public_key = key.verifying_key().to_bytes();
        let kid = kid_of(&public_key);
        let wrapped = self.ring().current().wrap_secret(&seed, &seed_aad(&kid))?;
        let mut conn = self.conn()?;
        diesel::insert_into(signing_keys::table)
            .values((
                signing_keys::kid.eq(&kid),
                signing_keys::wrapped_seed.eq(&wrapped.ciphertext),
                signing_keys::nonce.eq(&wrapped.nonce),
                signing_keys::master_key_id.eq(&wrapped.master_key_id),
                signing_keys::public_key.eq(public_key.to_vec()),
                signing_keys::created_at.eq(now()),
            ))
            .execute(&mut **conn)?;
        tracing::info!(kid = %kid, "made a new signing key for consent receipts");
        Ok(kid)
    }

    fn unwrap_signing(&self, row: Row) -> Result<SigningKey> {
        let (kid, ciphertext, nonce, master_key_id, ..) = row;
        let wrapped = WrappedKey {
            nonce,
            ciphertext,
            master_key_id,
        };
        let seed = unwrap_seed(&self.ring(), &wrapped, &kid)?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        let pkcs8 = key
            .to_pkcs8_der()
            .map_err(|e| KeyError::MasterKey(format!("signing key {kid}: {e}")))?;
        Ok(SigningKey {
            kid,
            pkcs8: Zeroizing::new(pkcs8.as_bytes().to_vec()),
        })
    }

    /// Re-wraps every signing key's seed under the ring's current master
    /// key (part of a master key rotation).
    pub(super) fn rewrap_signing_keys(&self, ring: &super::MasterKeyRing) -> Result<usize> {
        let new = ring.current();
        let mut conn = self.conn()?;
        db::write_transaction(&mut conn, |conn| {
            let rows: Vec<Row> = signing_keys::table
                .filter(signing_keys::master_key_id.ne(new.id()))
                .load(conn)?;
            for (kid, ciphertext, nonce, master_key_id, ..) in &rows {
                let wrapped = WrappedKey {
                    nonce: nonce.clone(),
                    ciphertext: ciphertext.clone(),
                    master_key_id: master_key_id.clone(),
                };
                let seed = unwrap_seed(ring, &wrapped, kid)?;
                let again = new.wrap_secret(&seed, &seed_aad(kid))?;
                diesel::update(signing_keys::table.find(kid))
                    .set((
                        signing_keys::wrapped_seed.eq(&again.ciphertext),
                        signing_keys::nonce.eq(&again.nonce),
                        signing_keys::master_key_id.eq(&again.master_key_id),
                    ))
                    .execute(conn)?;
            }
            Ok::<_, KeyError>(rows.len())
        })
    }
}

fn unwrap_seed(
    ring: &super::MasterKeyRing,
    wrapped: &WrappedKey,
    kid: &str,
) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let master = ring
        .find(&wrapped.master_key_id)
        .ok_or_else(|| KeyError::MasterKeyMissing {
            id: wrapped.master_key_id.clone(),
        })?;
    master
        .unwrap_secret(wrapped, &seed_aad(kid))
        .map_err(|_| KeyError::WrappedKeyInvalid {
            id: wrapped.master_key_id.clone(),
        })
}
