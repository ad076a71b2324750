//! Consent receipts (EdDSA JWTs checked against the published keys) and API
//! access tokens (HS256 JWTs whose audience is one place): any text is
//! checked without panicking, and nothing verifies unless we signed it.
//! Genuine tokens are issued once, then changed by the input; forgeries
//! (`alg: none`, HS256 keyed with the public key, another place's audience)
//! are built from the input's claims.
#![no_main]

use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use coproduce::accounts::tokens::AccessKeys;
use coproduce::db::ids::{SessionId, TenantId, UserId};
use coproduce::db::DatabaseUrl;
use coproduce::keys::{KeyStore, MasterKey, MasterKeyRing, MasterKeySetting};
use coproduce::receipts::model::{ConsentReceipt, ReceiptFacts};
use coproduce::receipts::service as receipts;
use coproduce::secrets::Secrets;
use hmac::{Hmac, Mac};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;

struct World {
    keys: KeyStore,
    kid: String,
    public_key: [u8; 32],
    receipt: String,
    claims: ConsentReceipt,
    access: AccessKeys,
    access_token: String,
    access_jti: String,
    here: TenantId,
    elsewhere: TenantId,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let dir = Box::leak(Box::new(tempfile::tempdir().expect("a temporary folder")));
        let url = DatabaseUrl::parse(dir.path().join("keys.db").to_str().unwrap()).unwrap();
        let ring = MasterKeyRing::new(vec![MasterKey::generate().unwrap()]).unwrap();
        let keys = KeyStore::open(&url, MasterKeySetting::Given(ring)).expect("a key store");
        let issued = receipts::issue(&keys, &ReceiptFacts::example()).expect("a receipt");
        let checked = receipts::verify(&keys, &issued.token).unwrap();
        assert!(checked.valid);
        let published = keys.public_signing_keys().unwrap();
        let secrets = Secrets::load_or_create(&dir.path().join("secrets.json")).unwrap();
        let access = AccessKeys::from_secrets(&secrets);
        let here = TenantId::new();
        let access_token = access.issue(&here, &UserId::new(), &SessionId::new());
        let access_jti = access
            .verify(&access_token, &here)
            .expect("a fresh token verifies")
            .jti;
        World {
            kid: published[0].kid.clone(),
            public_key: published[0].public_key,
            receipt: issued.token,
            claims: checked.receipt.unwrap(),
            keys,
            access,
            access_token,
            access_jti,
            here,
            elsewhere: TenantId::new(),
        }
    })
}

/// Checks one text as a receipt and as an access token.
fn check(w: &World, token: &str) {
    match receipts::verify(&w.keys, token) {
        Ok(v) => {
            if v.valid {
                // Only what we signed verifies: the signed text is ours.
                assert_eq!(
                    signed_part(token.trim()),
                    signed_part(&w.receipt),
                    "forged receipt {token:?}"
                );
                assert_eq!(v.receipt.as_ref(), Some(&w.claims));
                assert_eq!(v.kid.as_deref(), Some(w.kid.as_str()));
            } else {
                assert!(v.receipt.is_none() && v.reason.is_some());
            }
        }
        Err(e) => {
            let t = token.trim();
            assert!(
                t.is_empty() || t.len() > receipts::MAX_RECEIPT_LEN,
                "verify failed on {token:?}: {e}"
            );
        }
    }
    if let Some(claims) = w.access.verify(token, &w.here) {
        assert_eq!(
            signed_part(token),
            signed_part(&w.access_token),
            "forged access token {token:?}"
        );
        assert_eq!(claims.jti, w.access_jti);
        assert_eq!(claims.tid, w.here);
    }
    assert!(
        w.access.verify(token, &w.elsewhere).is_none(),
        "a token of one place verified in another: {token:?}"
    );
}

/// `token` with the input's bytes written over it at a place the input
/// chooses (first two bytes: where; third: how much is replaced).
fn splice(token: &str, data: &[u8]) -> String {
    let [hi, lo, len, bytes @ ..] = data else {
        return token.to_owned();
    };
    let at = (usize::from(*hi) << 8 | usize::from(*lo)) % (token.len() + 1);
    let end = (at + usize::from(*len)).min(token.len());
    let mut out = token.as_bytes()[..at].to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(&token.as_bytes()[end..]);
    String::from_utf8_lossy(&out).into_owned()
}

/// What a JWT's signature covers: everything before the last dot.
fn signed_part(token: &str) -> &str {
    token.rsplit_once('.').map_or(token, |(signed, _)| signed)
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => check(w, &String::from_utf8_lossy(rest)),
        1 => check(w, &splice(&w.receipt, rest)),
        2 => check(w, &splice(&w.access_token, rest)),
        _ => {
            // Forgeries over the input's payload (or the genuine claims
            // when the input is not a JSON object).
            let payload = match serde_json::from_slice::<serde_json::Value>(rest) {
                Ok(v @ serde_json::Value::Object(_)) => v,
                _ => serde_json::to_value(&w.claims).unwrap(),
            };
            let body = b64(&serde_json::to_vec(&payload).unwrap());
            let headers = [
                serde_json::json!({"alg": "none", "kid": w.kid}),
                serde_json::json!({"alg": "none", "typ": "JWT"}),
                serde_json::json!({"alg": "HS256", "kid": w.kid}),
                serde_json::json!({"alg": "EdDSA", "kid": w.kid}),
                serde_json::json!({"alg": "EdDSA", "kid": w.kid, "jwk": {"kty": "OKP", "crv": "Ed25519", "x": b64(&[7; 32])}}),
            ];
            for header in headers {
                let signing_input =
                    format!("{}.{body}", b64(&serde_json::to_vec(&header).unwrap()));
                let mut mac = Hmac::<Sha256>::new_from_slice(&w.public_key).unwrap();
                mac.update(signing_input.as_bytes());
                let hs = b64(&mac.finalize().into_bytes());
                for signature in [
                    "",
                    &hs,
                    &b64(&[0; 64]),
                    &w.receipt.rsplit('.').next().unwrap().to_owned(),
                ] {
                    let token = format!("{signing_input}.{signature}");
                    check(w, &token);
                }
            }
        }
    }
});
