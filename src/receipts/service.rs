//! Signing and checking consent receipts. Signing and key lookup touch the
//! key store, so both are blocking: call them on the blocking pool.

use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, Header, Validation};
use sha2::Sha256;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::*;
use crate::db::ids::{ConsentId, StoryId, TenantId, UserId};
use crate::db::schema::{consent_receipt_grants, consent_receipts};
use crate::db::DbConn;
use crate::error::{Error, Result, Words};
use crate::keys::KeyStore;
use crate::stories::service::GrantState;

/// The longest text the checker accepts: receipts are a few kilobytes.
pub const MAX_RECEIPT_LEN: usize = 16 * 1024;

/// A signed receipt: its id (`jti`) and the compact JWT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub id: String,
    pub token: String,
}

/// The person's pseudonym in receipts: an HMAC of their place and id under
/// a server secret, so it is stable for them, names them to nobody else,
/// and is never their email address.
pub fn pseudonym(secret: &[u8], tenant: &TenantId, person: &UserId) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"consent-receipt-principal|");
    mac.update(tenant.as_str().as_bytes());
    mac.update(b"|");
    mac.update(person.as_str().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// The claims a receipt carries for these facts, with `id` as its `jti`.
pub fn claims(facts: &ReceiptFacts, id: &str) -> ConsentReceipt {
    let at = facts.at.and_utc().timestamp();
    let mut pii_category = vec!["lived experience story".to_owned()];
    pii_category.extend(facts.special_categories.iter().cloned());
    ConsentReceipt {
        version: VERSION.to_owned(),
        jurisdiction: facts.jurisdiction.clone(),
        consent_timestamp: at,
        collection_method: facts.collection_method.clone(),
        consent_receipt_id: id.to_owned(),
        jti: id.to_owned(),
        iss: facts.issuer.clone(),
        iat: at,
        pii_principal_id: facts.principal.clone(),
        pii_controllers: vec![PiiController {
            name: facts.controller.clone(),
            contact: facts
                .controller_email
                .clone()
                .unwrap_or_else(|| format!("{}/privacy", facts.issuer)),
            email: facts.controller_email.clone(),
            url: facts.issuer.clone(),
        }],
        policy_url: facts.policy_url.clone(),
        services: vec![Service {
            service: "Stories of lived experience".to_owned(),
            purposes: facts
                .grants
                .iter()
                .map(|g| {
                    let p = &g.purpose;
                    Purpose {
                        purpose: p.purpose.clone(),
                        purpose_category: vec![p.dpv_term.clone()],
                        consent_type: "EXPLICIT".to_owned(),
                        pii_category: pii_category.clone(),
                        primary_purpose: false,
                        termination: match g.event {
                            ReceiptEvent::Withdrawn => {
                                "withdrawn by the person at the time of this receipt".to_owned()
                            }
                            _ => format!(
                                "ends on {} unless the person withdraws it sooner, which they can do at any time",
                                g.expires_at.format("%Y-%m-%d")
                            ),
                        },
                        third_party_disclosure: p.third_party_disclosure,
                        third_party_name: p.third_party_name.clone(),
                        legal_basis: p.legal_basis.clone(),
                    }
                })
                .collect(),
        }],
        sensitive: facts.sensitive,
        spi_cat: facts.special_categories.clone(),
        consent: ConsentFacts {
            event: facts.event,
            grants: facts
                .grants
                .iter()
                .map(|g| GrantClaim {
                    grant_id: g.grant_id.clone(),
                    event: g.event,
                    story_digest: g.story_digest.clone(),
                    audience: g.audience.clone(),
                    attribution: g.attribution.clone(),
                    expires_at: g.expires_at.and_utc().to_rfc3339(),
                    purpose: g.purpose.dpv_term.clone(),
                })
                .collect(),
        },
    }
}

/// Signs a receipt for these facts with the current signing key.
pub fn issue(keys: &KeyStore, facts: &ReceiptFacts) -> Result<Issued> {
    let id = uuid::Uuid::now_v7().to_string();
    let claims = claims(facts, &id);
    let key = keys.signing_key()?;
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(key.kid().to_owned());
    let token = jsonwebtoken::encode(&header, &claims, &key.encoding_key())
        .map_err(|e| Error::Internal(format!("signing a consent receipt failed: {e}")))?;
    Ok(Issued { id, token })
}

fn invalid(reason: Words) -> Verification {
    Verification {
        valid: false,
        reason: Some(reason.in_language(crate::i18n::Language::En)),
        said: Some(reason.into()),
        kid: None,
        receipt: None,
        standing: None,
        grants: Vec::new(),
    }
}

/// Checks a receipt's signature against the published keys and its shape
/// against the format. Says why when it fails; never errors on bad input
/// (an empty or oversized text is a field error for the caller).
/// `standing` is left for the caller, who knows the place.
pub fn verify(keys: &KeyStore, token: &str) -> Result<Verification> {
    let token = token.trim();
    if token.is_empty() {
        return Err(Error::field(
            "receipt",
            "required",
            Words::of("receipts-error-required"),
        ));
    }
    if token.len() > MAX_RECEIPT_LEN {
        return Err(Error::field(
            "receipt",
            "too_long",
            Words::of("receipts-error-too-long"),
        ));
    }
    let Ok(header) = jsonwebtoken::decode_header(token) else {
        return Ok(invalid(Words::of("receipts-invalid-shape")));
    };
    if header.alg != Algorithm::EdDSA {
        return Ok(invalid(Words::of("receipts-invalid-algorithm")));
    }
    let Some(kid) = header.kid else {
        return Ok(invalid(Words::of("receipts-invalid-no-key")));
    };
    let published = keys.public_signing_keys()?;
    let Some(key) = published.iter().find(|k| k.kid == kid) else {
        return Ok(invalid(Words::of("receipts-invalid-unknown-key")));
    };
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let claims =
        match jsonwebtoken::decode::<ConsentReceipt>(token, &key.decoding_key(), &validation) {
            Ok(data) => data.claims,
            Err(e) => {
                return Ok(invalid(match e.kind() {
                    jsonwebtoken::errors::ErrorKind::InvalidSignature => {
                        Words::of("receipts-invalid-signature")
                    }
                    _ => Words::of("receipts-invalid-not-ours"),
                }))
            }
        };
    if claims.version != VERSION || claims.consent_receipt_id != claims.jti {
        return Ok(invalid(Words::of("receipts-invalid-not-ours")));
    }
    Ok(Verification {
        valid: true,
        reason: None,
        said: None,
        kid: Some(kid),
        receipt: Some(claims),
        standing: None,
        grants: Vec::new(),
    })
}

/// Checks a pasted receipt for the place at `tenant`: its signature and
/// shape ([`verify`]), then where it stands here. The standing of a
/// receipt from another place is not looked up, so one place never learns
/// anything about another's grants.
pub fn check(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    token: &str,
) -> Result<Verification> {
    check_at(conn, keys, tenant, token, now())
}

/// [`check`] at a given moment (for tests of expiry).
pub fn check_at(
    conn: &mut DbConn,
    keys: &KeyStore,
    tenant: &TenantId,
    token: &str,
    at: NaiveDateTime,
) -> Result<Verification> {
    let mut checked = verify(keys, token)?;
    if let Some(receipt) = &checked.receipt {
        let (overall, grants) = standing_of(conn, tenant, receipt, at)?;
        checked.standing = Some(overall);
        checked.grants = grants;
    }
    Ok(checked)
}

fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

/// Whether the receipt was issued by this place: its issuer is one of the
/// place's hostnames.
fn issued_here(conn: &mut DbConn, tenant: &TenantId, receipt: &ConsentReceipt) -> Result<bool> {
    let issuer_host = url::Url::parse(&receipt.iss)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    Ok(match issuer_host {
        Some(host) => crate::tenancy::service::hosts_of(conn, tenant)?
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&host)),
        None => false,
    })
}

/// Each grant's standing, looked up by grant id in this place only, and
/// the receipt's overall standing: that of the grants it gave or changed
/// (those it withdrew, for a withdrawal), `partly_live` when they differ
/// and some are live.
fn standing_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    receipt: &ConsentReceipt,
    at: NaiveDateTime,
) -> Result<(Standing, Vec<GrantStanding>)> {
    if !issued_here(conn, tenant, receipt)? {
        return Ok((Standing::OtherPlace, Vec::new()));
    }
    let stored: Option<NaiveDateTime> = consent_receipts::table
        .find((tenant, &receipt.jti))
        .select(consent_receipts::issued_at)
        .first(conn)
        .optional()?;
    let issued_at = stored.unwrap_or_else(|| {
        chrono::DateTime::from_timestamp(receipt.iat, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default()
    });
    let mut grants = Vec::new();
    let mut headline = Vec::new();
    for g in &receipt.consent.grants {
        let standing = match g.grant_id.parse::<ConsentId>() {
            Err(_) => Standing::Unknown,
            Ok(id) => match crate::stories::service::grant_state(conn, tenant, &id, at)? {
                None => Standing::Unknown,
                Some(GrantState::Withdrawn) => Standing::Withdrawn,
                Some(GrantState::Expired) => Standing::Expired,
                Some(GrantState::Replaced) => Standing::Superseded,
                Some(GrantState::Live) => {
                    // A newer receipt for the same grant (say, a change of
                    // its legal basis) supersedes this one's terms.
                    let newer: i64 = consent_receipt_grants::table
                        .inner_join(
                            consent_receipts::table.on(consent_receipts::tenant_id
                                .eq(consent_receipt_grants::tenant_id)
                                .and(consent_receipts::id.eq(consent_receipt_grants::receipt_id))),
                        )
                        .filter(consent_receipt_grants::tenant_id.eq(tenant))
                        .filter(consent_receipt_grants::grant_id.eq(&id))
                        .filter(consent_receipts::id.ne(&receipt.jti))
                        .filter(consent_receipts::issued_at.gt(issued_at))
                        .count()
                        .get_result(conn)?;
                    if newer > 0 {
                        Standing::Superseded
                    } else {
                        Standing::Live
                    }
                }
            },
        };
        let counts = match receipt.consent.event {
            ReceiptEvent::Withdrawn => true,
            _ => g.event != ReceiptEvent::Withdrawn,
        };
        if counts {
            headline.push(standing);
        }
        grants.push(GrantStanding {
            grant_id: g.grant_id.clone(),
            standing,
        });
    }
    let overall = match headline.first() {
        None => Standing::Unknown,
        Some(first) if headline.iter().all(|s| s == first) => *first,
        Some(_) if headline.contains(&Standing::Live) => Standing::PartlyLive,
        Some(first) => *first,
    };
    Ok((overall, grants))
}

// ---- Keeping receipts for their holder ----

/// A receipt's `jti`, read from a receipt this platform just signed (not
/// checked: use [`verify`] for receipts from outside).
pub fn id_of(token: &str) -> Option<String> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    value.get("jti")?.as_str().map(str::to_owned)
}

/// Keeps an issued receipt for its holder, inside the caller's
/// transaction, with the grants it covers and their story digests.
pub fn record(
    conn: &mut DbConn,
    tenant: &TenantId,
    author: &UserId,
    story: &StoryId,
    facts: &ReceiptFacts,
    summary: &str,
    issued: &Issued,
) -> Result<()> {
    diesel::insert_into(consent_receipts::table)
        .values((
            consent_receipts::tenant_id.eq(tenant),
            consent_receipts::id.eq(&issued.id),
            consent_receipts::author_id.eq(author),
            consent_receipts::story_id.eq(story),
            consent_receipts::event.eq(facts.event.as_str()),
            consent_receipts::summary.eq(summary),
            consent_receipts::token.eq(&issued.token),
            consent_receipts::issued_at.eq(facts.at),
        ))
        .execute(conn)?;
    for g in &facts.grants {
        diesel::insert_into(consent_receipt_grants::table)
            .values((
                consent_receipt_grants::tenant_id.eq(tenant),
                consent_receipt_grants::receipt_id.eq(&issued.id),
                consent_receipt_grants::grant_id.eq(&g.grant_id),
                consent_receipt_grants::event.eq(g.event.as_str()),
                consent_receipt_grants::story_digest.eq(&g.story_digest),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The story digest the newest receipt for a grant named, if any.
pub fn digest_of(
    conn: &mut DbConn,
    tenant: &TenantId,
    grant: &ConsentId,
) -> Result<Option<String>> {
    Ok(consent_receipt_grants::table
        .filter(consent_receipt_grants::tenant_id.eq(tenant))
        .filter(consent_receipt_grants::grant_id.eq(grant))
        .order(consent_receipt_grants::receipt_id.desc())
        .select(consent_receipt_grants::story_digest)
        .first(conn)
        .optional()?)
}

/// The id of the receipt that gave a grant (the newest one naming it).
pub fn receipt_for(
    conn: &mut DbConn,
    tenant: &TenantId,
    grant: &ConsentId,
) -> Result<Option<String>> {
    Ok(consent_receipt_grants::table
        .filter(consent_receipt_grants::tenant_id.eq(tenant))
        .filter(consent_receipt_grants::grant_id.eq(grant))
        .filter(consent_receipt_grants::event.ne(ReceiptEvent::Withdrawn.as_str()))
        .order(consent_receipt_grants::receipt_id.desc())
        .select(consent_receipt_grants::receipt_id)
        .first(conn)
        .optional()?)
}

type Row = (String, StoryId, String, String, String, NaiveDateTime);

fn stored(conn: &mut DbConn, tenant: &TenantId, row: Row) -> Result<StoredReceipt> {
    let (id, story_id, event, summary, token, issued_at) = row;
    let grant_ids = consent_receipt_grants::table
        .filter(consent_receipt_grants::tenant_id.eq(tenant))
        .filter(consent_receipt_grants::receipt_id.eq(&id))
        .order(consent_receipt_grants::grant_id.asc())
        .select(consent_receipt_grants::grant_id)
        .load(conn)?;
    Ok(StoredReceipt {
        id,
        story_id: story_id.to_string(),
        event: ReceiptEvent::parse(&event).unwrap_or(ReceiptEvent::Changed),
        summary,
        grant_ids,
        issued_at,
        receipt: token,
    })
}

/// Every receipt issued to a person, newest first.
pub fn mine(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<Vec<StoredReceipt>> {
    let rows: Vec<Row> = consent_receipts::table
        .filter(consent_receipts::tenant_id.eq(tenant))
        .filter(consent_receipts::author_id.eq(person))
        .order((
            consent_receipts::issued_at.desc(),
            consent_receipts::id.desc(),
        ))
        .select((
            consent_receipts::id,
            consent_receipts::story_id,
            consent_receipts::event,
            consent_receipts::summary,
            consent_receipts::token,
            consent_receipts::issued_at,
        ))
        .load(conn)?;
    rows.into_iter().map(|r| stored(conn, tenant, r)).collect()
}

/// One of a person's receipts; anyone else's (or another place's) is 404.
pub fn one_of_mine(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
    id: &str,
) -> Result<StoredReceipt> {
    let row: Row = consent_receipts::table
        .find((tenant, id))
        .filter(consent_receipts::author_id.eq(person))
        .select((
            consent_receipts::id,
            consent_receipts::story_id,
            consent_receipts::event,
            consent_receipts::summary,
            consent_receipts::token,
            consent_receipts::issued_at,
        ))
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)?;
    stored(conn, tenant, row)
}

/// A person's receipts go with them, inside the caller's transaction
/// (before their grants and stories).
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    let ids: Vec<String> = consent_receipts::table
        .filter(consent_receipts::tenant_id.eq(tenant))
        .filter(consent_receipts::author_id.eq(person))
        .select(consent_receipts::id)
        .load(conn)?;
    diesel::delete(
        consent_receipt_grants::table
            .filter(consent_receipt_grants::tenant_id.eq(tenant))
            .filter(consent_receipt_grants::receipt_id.eq_any(&ids)),
    )
    .execute(conn)?;
    diesel::delete(
        consent_receipts::table
            .filter(consent_receipts::tenant_id.eq(tenant))
            .filter(consent_receipts::author_id.eq(person)),
    )
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DatabaseUrl;
    use crate::keys::{MasterKey, MasterKeyRing, MasterKeySetting};

    fn store(dir: &tempfile::TempDir) -> KeyStore {
        let url = DatabaseUrl::parse(dir.path().join("keys.db").to_str().unwrap()).unwrap();
        let ring = MasterKeyRing::new(vec![MasterKey::generate().unwrap()]).unwrap();
        KeyStore::open(&url, MasterKeySetting::Given(ring)).unwrap()
    }

    fn facts() -> ReceiptFacts {
        ReceiptFacts::example()
    }

    #[test]
    fn a_receipt_verifies_and_carries_the_kantara_fields() {
        let dir = tempfile::tempdir().unwrap();
        let keys = store(&dir);
        let issued = issue(&keys, &facts()).unwrap();
        let checked = verify(&keys, &issued.token).unwrap();
        assert!(checked.valid, "{checked:?}");
        let receipt = checked.receipt.unwrap();
        assert_eq!(receipt.version, "KI-CR-v1.1.0");
        assert_eq!(receipt.consent_receipt_id, issued.id);
        assert_eq!(receipt.consent.grants[0].grant_id, "0193-grant");
        assert_eq!(
            receipt.services[0].purposes[0].purpose_category,
            vec!["dpv:ImprovePublicServices"]
        );
        let json: serde_json::Value = serde_json::to_value(&receipt).unwrap();
        for field in [
            "version",
            "jurisdiction",
            "consentTimestamp",
            "collectionMethod",
            "consentReceiptID",
            "piiPrincipalId",
            "piiControllers",
            "policyUrl",
            "services",
            "sensitive",
            "spiCat",
            "urn:coproduce:consent",
        ] {
            assert!(json.get(field).is_some(), "{field} missing");
        }
        assert!(json.get("exp").is_none());
    }

    #[test]
    fn a_changed_receipt_fails() {
        let dir = tempfile::tempdir().unwrap();
        let keys = store(&dir);
        let issued = issue(&keys, &facts()).unwrap();
        let mut parts: Vec<String> = issued.token.split('.').map(str::to_owned).collect();
        let mut claims = claims(&facts(), &issued.id);
        claims.consent.grants[0].attribution = "named".into();
        use base64::Engine;
        parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(&claims).unwrap());
        let checked = verify(&keys, &parts.join(".")).unwrap();
        assert!(!checked.valid);
        assert!(checked.reason.unwrap().contains("changed"));
    }

    #[test]
    fn a_receipt_signed_by_an_unknown_key_fails_and_rotation_keeps_old_ones() {
        let dir = tempfile::tempdir().unwrap();
        let keys = store(&dir);
        let other_dir = tempfile::tempdir().unwrap();
        let stranger = store(&other_dir);
        let forged = issue(&stranger, &facts()).unwrap();
        let checked = verify(&keys, &forged.token).unwrap();
        assert!(!checked.valid);
        assert!(checked.reason.unwrap().contains("never published"));

        let before = issue(&keys, &facts()).unwrap();
        let old_kid = keys.signing_key().unwrap().kid().to_owned();
        let new_kid = keys.rotate_signing_key().unwrap();
        assert_ne!(old_kid, new_kid);
        assert_eq!(keys.signing_key().unwrap().kid(), new_kid);
        assert!(verify(&keys, &before.token).unwrap().valid);
        let published = keys.public_signing_keys().unwrap();
        assert_eq!(published.len(), 2);
        assert!(published
            .iter()
            .any(|k| k.kid == old_kid && k.retired_at.is_some()));
    }

    #[test]
    fn master_key_rotation_keeps_the_signing_key() {
        let dir = tempfile::tempdir().unwrap();
        let keys = store(&dir);
        let kid = keys.signing_key().unwrap().kid().to_owned();
        keys.rotate_master(MasterKey::generate().unwrap()).unwrap();
        assert_eq!(keys.signing_key().unwrap().kid(), kid);
        let issued = issue(&keys, &facts()).unwrap();
        assert!(verify(&keys, &issued.token).unwrap().valid);
    }

    #[test]
    fn garbage_is_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let keys = store(&dir);
        assert!(matches!(verify(&keys, "  "), Err(Error::Validation(_))));
        assert!(!verify(&keys, "not a receipt").unwrap().valid);
        assert!(matches!(
            verify(&keys, &"a".repeat(MAX_RECEIPT_LEN + 1)),
            Err(Error::Validation(_))
        ));
    }

    #[test]
    fn pseudonyms_are_stable_and_differ_between_people() {
        let t: TenantId = "0193a1b2-0000-7000-8000-000000000001".parse().unwrap();
        let a: UserId = "0193a1b2-0000-7000-8000-000000000002".parse().unwrap();
        let b: UserId = "0193a1b2-0000-7000-8000-000000000003".parse().unwrap();
        assert_eq!(pseudonym(b"k", &t, &a), pseudonym(b"k", &t, &a));
        assert_ne!(pseudonym(b"k", &t, &a), pseudonym(b"k", &t, &b));
        assert_eq!(pseudonym(b"k", &t, &a).len(), 32);
    }
}
