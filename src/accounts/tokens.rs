//! Tokens: opaque random secrets (session cookies, refresh tokens, email
//! links), stored only as hashes; and short-lived API access tokens (JWT)
//! whose audience is the tenant, so a token of one place is refused by
//! every other.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::ids::{SessionId, TenantId, UserId};
use crate::secrets::Secrets;

/// Lifetime of an API access token.
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
const ISSUER: &str = "coproduce";

/// A new opaque secret (256 bits from the OS CSPRNG) and the hash to store.
pub fn opaque() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    (token, hash)
}

/// The stored form of an opaque secret. A fast hash is right here: the
/// secret has 256 bits of entropy, so it cannot be guessed from its hash.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The audience of a tenant's tokens.
pub fn audience(tenant: &TenantId) -> String {
    format!("coproduce:tenant:{tenant}")
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    pub sub: UserId,
    pub tid: TenantId,
    pub sid: SessionId,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
}

/// The keys that sign and verify access tokens (HS256, pinned).
pub struct AccessKeys {
    signing_kid: String,
    signing: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
}

impl AccessKeys {
    pub fn from_secrets(secrets: &Secrets) -> Self {
        let keys = secrets.access_token_keys();
        let newest = keys.last().expect("secrets always hold a key");
        Self {
            signing_kid: newest.kid.clone(),
            signing: EncodingKey::from_secret(&newest.secret_bytes()),
            verifying: keys
                .iter()
                .map(|k| (k.kid.clone(), DecodingKey::from_secret(&k.secret_bytes())))
                .collect(),
        }
    }

    pub fn issue(&self, tenant: &TenantId, user: &UserId, session: &SessionId) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: audience(tenant),
            sub: user.clone(),
            tid: tenant.clone(),
            sid: session.clone(),
            iat: now,
            exp: now + ACCESS_TOKEN_SECONDS,
            jti: uuid::Uuid::now_v7().to_string(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.signing_kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.signing).unwrap_or_default()
    }

    /// The claims of a valid token for this tenant, or `None`: wrong
    /// algorithm (including `none`), unknown key, bad signature, expired,
    /// wrong issuer or another tenant's audience.
    pub fn verify(&self, token: &str, tenant: &TenantId) -> Option<AccessClaims> {
        let header = jsonwebtoken::decode_header(token).ok()?;
        if header.alg != Algorithm::HS256 {
            return None;
        }
        let key = self.verifying.get(header.kid.as_deref()?)?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[audience(tenant)]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let data = jsonwebtoken::decode::<AccessClaims>(token, key, &validation).ok()?;
        (data.claims.tid == *tenant).then_some(data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys() -> (tempfile::TempDir, AccessKeys) {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::load_or_create(&dir.path().join("secrets.json")).unwrap();
        let keys = AccessKeys::from_secrets(&secrets);
        (dir, keys)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A place's access token verifies there and in no other place, and
        /// any change to it is refused.
        #[test]
        fn a_token_of_one_place_is_refused_by_every_other(
            here in any::<u128>(),
            there in any::<u128>(),
            at in any::<proptest::sample::Index>(),
            byte in b'-'..=b'z',
        ) {
            prop_assume!(here != there);
            let (_dir, keys) = keys();
            let here: TenantId = uuid::Uuid::from_u128(here).to_string().parse().unwrap();
            let there: TenantId = uuid::Uuid::from_u128(there).to_string().parse().unwrap();
            let (user, session) = (UserId::new(), SessionId::new());
            let token = keys.issue(&here, &user, &session);
            let claims = keys.verify(&token, &here).unwrap();
            prop_assert_eq!(&claims.tid, &here);
            prop_assert_eq!(&claims.sub, &user);
            prop_assert!(keys.verify(&token, &there).is_none());
            let mut changed = token.clone().into_bytes();
            let i = at.index(changed.len());
            prop_assume!(changed[i] != byte);
            changed[i] = byte;
            let changed = String::from_utf8(changed).unwrap();
            prop_assert!(keys.verify(&changed, &here).is_none(), "{changed}");
        }
    }
}
