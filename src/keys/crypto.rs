//! The cryptography of the key store, free of storage: master keys and their
//! ids, data keys, sealing content under a data key and wrapping a data key
//! under a master key. XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`)
//! throughout, with 24-byte random nonces from the operating system, so
//! nonces can be drawn at random for as many messages as we will ever seal.
//!
//! Every sealed value binds associated data (AAD) that says what it is and
//! whose it is; opening it with any other AAD fails. A purpose tag leads the
//! AAD so content, child keys and wrapped data keys can never stand in for
//! one another even though some share a key.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Length of every key here: 256 bits.
pub const KEY_LEN: usize = 32;
/// Length of an XChaCha20 nonce.
pub const NONCE_LEN: usize = 24;
/// The first byte of sealed content, so the format can change later
/// without guessing what an old value is.
pub const FORMAT_V1: u8 = 1;
/// Poly1305's tag length.
const TAG_LEN: usize = 16;

/// Purpose tags, the first part of every AAD.
const CONTENT: &[u8] = b"coproduce/content/v1\0";
const CHILD_KEY: &[u8] = b"coproduce/child-key/v1\0";

/// Why sealed bytes could not be opened. Deliberately uninformative: the
/// AEAD cannot tell tampering from the wrong key or the wrong AAD.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the encrypted value is not in a format this version knows")]
    Format,
    #[error("the encrypted value does not open: it was altered, or belongs to someone or something else")]
    Open,
    #[error("the operating system's random number generator failed")]
    Random,
}

/// Fresh random bytes from the operating system.
fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|_| CryptoError::Random)?;
    Ok(bytes)
}

/// A fresh random 256-bit key.
pub fn random_key() -> Result<Zeroizing<[u8; KEY_LEN]>, CryptoError> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    rand::rngs::OsRng
        .try_fill_bytes(key.as_mut())
        .map_err(|_| CryptoError::Random)?;
    Ok(key)
}

fn aad_with(purpose: &[u8], aad: &[u8]) -> Vec<u8> {
    let mut all = Vec::with_capacity(purpose.len() + aad.len());
    all.extend_from_slice(purpose);
    all.extend_from_slice(aad);
    all
}

/// Encrypts with a fresh nonce; returns (nonce, ciphertext with tag).
fn seal_raw(
    key: &[u8; KEY_LEN],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<([u8; NONCE_LEN], Vec<u8>), CryptoError> {
    let nonce = random::<NONCE_LEN>()?;
    let cipher = XChaCha20Poly1305::new(key.into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| CryptoError::Open)?;
    Ok((nonce, ciphertext))
}

fn open_raw(
    key: &[u8; KEY_LEN],
    nonce: &[u8],
    ciphertext: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if nonce.len() != NONCE_LEN {
        return Err(CryptoError::Format);
    }
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Open)
}

/// Seals `plaintext` as `version byte ‖ nonce ‖ ciphertext+tag`.
fn seal_framed(
    key: &[u8; KEY_LEN],
    purpose: &[u8],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let (nonce, ciphertext) = seal_raw(key, plaintext, &aad_with(purpose, aad))?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
    out.push(FORMAT_V1);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

fn open_framed(
    key: &[u8; KEY_LEN],
    purpose: &[u8],
    sealed: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    match sealed.split_first() {
        Some((&FORMAT_V1, rest)) if rest.len() >= NONCE_LEN + TAG_LEN => {
            let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
            open_raw(key, nonce, ciphertext, &aad_with(purpose, aad))
        }
        _ => Err(CryptoError::Format),
    }
}

/// One person's data key. Never leaves the process unwrapped; zeroed when
/// dropped.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    pub fn generate() -> Result<Self, CryptoError> {
        random_key().map(Self)
    }

    /// A child key (e.g. one story's own key, from
    /// [`DataKey::unwrap_child`]) used to seal that record's content.
    pub fn from_child(child: Zeroizing<[u8; KEY_LEN]>) -> Self {
        Self(child)
    }

    /// A secret derived from this key for one use, named by `label`
    /// (HMAC-SHA256): e.g. the key of a person's pseudonym in consent
    /// receipts, which dies with their data key.
    pub fn derive(&self, label: &[u8]) -> Zeroizing<[u8; 32]> {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.0[..])
            .expect("HMAC takes any key length");
        mac.update(label);
        Zeroizing::new(mac.finalize().into_bytes().into())
    }

    /// Encrypts content; `aad` says what it is (e.g. a story's id and
    /// version), so it cannot be moved elsewhere and still open.
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        seal_framed(&self.0, CONTENT, plaintext, aad)
    }

    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        open_framed(&self.0, CONTENT, sealed, aad).map(|plain| plain.to_vec())
    }

    /// Wraps a child key (e.g. a story's own key) under this data key.
    pub fn wrap_child(&self, child: &[u8; KEY_LEN], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        seal_framed(&self.0, CHILD_KEY, child, aad)
    }

    pub fn unwrap_child(
        &self,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<[u8; KEY_LEN]>, CryptoError> {
        let plain = open_framed(&self.0, CHILD_KEY, wrapped, aad)?;
        let mut child = Zeroizing::new([0u8; KEY_LEN]);
        if plain.len() != KEY_LEN {
            return Err(CryptoError::Format);
        }
        child.copy_from_slice(&plain);
        Ok(child)
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

/// A data key as the key store keeps it: encrypted under a master key.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedKey {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub master_key_id: String,
}

impl std::fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WrappedKey(under {})", self.master_key_id)
    }
}

/// The AAD that binds a wrapped data key to its person, so a wrapped key
/// copied onto another person's row does not unwrap. Ids are UUIDs, which
/// never contain `|`.
pub fn owner_aad(tenant_id: &str, user_id: &str) -> Vec<u8> {
    format!("{tenant_id}|{user_id}").into_bytes()
}

/// The key that wraps data keys, given by the operator or generated into
/// the data folder. Its id is public; the key never is.
#[derive(Clone)]
pub struct MasterKey {
    id: String,
    key: Zeroizing<[u8; KEY_LEN]>,
}

impl MasterKey {
    pub fn generate() -> Result<Self, CryptoError> {
        random_key().map(Self::from_key)
    }

    pub fn from_key(key: Zeroizing<[u8; KEY_LEN]>) -> Self {
        let digest = Sha256::digest(key.as_ref());
        Self {
            id: hex::encode(&digest[..4]),
            key,
        }
    }

    /// Reads a key written as 64 hex digits or as base64url (padded or
    /// not). The message never repeats the value: it is a secret.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let decoded = if text.len() == 2 * KEY_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).ok()
        } else if text.ends_with('=') {
            URL_SAFE.decode(text).ok()
        } else {
            URL_SAFE_NO_PAD.decode(text).ok()
        };
        let decoded = Zeroizing::new(decoded.unwrap_or_default());
        if decoded.len() != KEY_LEN {
            return Err(
                "is not a 32-byte key written as base64url or 64 hex digits (make one with `openssl rand -hex 32`)"
                    .into(),
            );
        }
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&decoded);
        Ok(Self::from_key(key))
    }

    /// First 8 hex digits of the key's SHA-256: names the key in the key
    /// store and in messages without revealing it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key as base64url, for writing it to the master key file.
    pub fn encode(&self) -> Zeroizing<String> {
        Zeroizing::new(URL_SAFE_NO_PAD.encode(self.key.as_ref()))
    }

    /// Wraps a person's data key, bound to that person.
    pub fn wrap(&self, data_key: &DataKey, owner_aad: &[u8]) -> Result<WrappedKey, CryptoError> {
        self.wrap_secret(&data_key.0, owner_aad)
    }

    /// Unwraps a data key this master key wrapped for this person.
    pub fn unwrap(&self, wrapped: &WrappedKey, owner_aad: &[u8]) -> Result<DataKey, CryptoError> {
        self.unwrap_secret(wrapped, owner_aad).map(DataKey)
    }

    /// Wraps any 32-byte secret (a data key, a signing key's seed), bound
    /// to `aad`, which says whose or what it is.
    pub fn wrap_secret(
        &self,
        secret: &[u8; KEY_LEN],
        aad: &[u8],
    ) -> Result<WrappedKey, CryptoError> {
        let (nonce, ciphertext) = seal_raw(&self.key, secret, aad)?;
        Ok(WrappedKey {
            nonce: nonce.to_vec(),
            ciphertext,
            master_key_id: self.id.clone(),
        })
    }

    pub fn unwrap_secret(
        &self,
        wrapped: &WrappedKey,
        aad: &[u8],
    ) -> Result<Zeroizing<[u8; KEY_LEN]>, CryptoError> {
        if wrapped.master_key_id != self.id {
            return Err(CryptoError::Open);
        }
        let plain = open_raw(&self.key, &wrapped.nonce, &wrapped.ciphertext, aad)?;
        if plain.len() != KEY_LEN {
            return Err(CryptoError::Format);
        }
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&plain);
        Ok(key)
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey({})", self.id)
    }
}

impl PartialEq for MasterKey {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.key.as_ref().ct_eq(other.key.as_ref()).into()
    }
}

impl Eq for MasterKey {}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_key() -> DataKey {
        DataKey::generate().unwrap()
    }

    #[test]
    fn keys_content_round_trips_with_its_aad() {
        let key = data_key();
        let sealed = key.seal(b"my story", b"story 1 v1").unwrap();
        assert_eq!(sealed[0], FORMAT_V1);
        assert_eq!(sealed.len(), 1 + NONCE_LEN + 8 + TAG_LEN);
        assert_eq!(key.open(&sealed, b"story 1 v1").unwrap(), b"my story");
        // Fresh nonces: the same content seals differently each time.
        assert_ne!(sealed, key.seal(b"my story", b"story 1 v1").unwrap());
    }

    #[test]
    fn keys_wrong_aad_or_wrong_key_fails() {
        let key = data_key();
        let sealed = key.seal(b"my story", b"story 1 v1").unwrap();
        assert_eq!(key.open(&sealed, b"story 1 v2"), Err(CryptoError::Open));
        assert_eq!(
            data_key().open(&sealed, b"story 1 v1"),
            Err(CryptoError::Open)
        );
    }

    #[test]
    fn keys_tampered_ciphertext_fails() {
        let key = data_key();
        let sealed = key.seal(b"my story", b"aad").unwrap();
        for i in 1..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert_eq!(key.open(&bad, b"aad"), Err(CryptoError::Open), "byte {i}");
        }
        let mut bad = sealed.clone();
        bad[0] = 9;
        assert_eq!(key.open(&bad, b"aad"), Err(CryptoError::Format));
        assert_eq!(key.open(&sealed[..10], b"aad"), Err(CryptoError::Format));
        assert_eq!(key.open(&[], b"aad"), Err(CryptoError::Format));
    }

    #[test]
    fn keys_wrapped_data_key_is_bound_to_its_person() {
        let master = MasterKey::generate().unwrap();
        let key = data_key();
        let alice = owner_aad("t1", "alice");
        let wrapped = master.wrap(&key, &alice).unwrap();
        let unwrapped = master.unwrap(&wrapped, &alice).unwrap();
        let sealed = key.seal(b"hello", b"").unwrap();
        assert_eq!(unwrapped.open(&sealed, b"").unwrap(), b"hello");

        // Moved to another person, or another place, it does not unwrap.
        assert!(master.unwrap(&wrapped, &owner_aad("t1", "bob")).is_err());
        assert!(master.unwrap(&wrapped, &owner_aad("t2", "alice")).is_err());
        // Nor under another master key.
        assert!(MasterKey::generate()
            .unwrap()
            .unwrap(&wrapped, &alice)
            .is_err());
    }

    #[test]
    fn keys_child_keys_round_trip_and_are_not_content() {
        let key = data_key();
        let child = random_key().unwrap();
        let wrapped = key.wrap_child(&child, b"story 7").unwrap();
        assert_eq!(*key.unwrap_child(&wrapped, b"story 7").unwrap(), *child);
        assert!(key.unwrap_child(&wrapped, b"story 8").is_err());
        // A wrapped child key does not open as content, nor content as a key.
        assert!(key.open(&wrapped, b"story 7").is_err());
        let sealed = key.seal(&[0u8; KEY_LEN], b"story 7").unwrap();
        assert!(key.unwrap_child(&sealed, b"story 7").is_err());
    }

    #[test]
    fn keys_master_keys_parse_from_hex_or_base64url_and_never_show() {
        let master = MasterKey::generate().unwrap();
        let b64 = master.encode();
        let from_b64 = MasterKey::parse(&b64).unwrap();
        assert_eq!(from_b64, master);
        assert_eq!(from_b64.id(), master.id());
        assert_eq!(master.id().len(), 8);

        let hex_text = hex::encode(master.key.as_ref());
        assert_eq!(MasterKey::parse(&hex_text).unwrap(), master);
        let padded = URL_SAFE.encode(master.key.as_ref());
        assert_eq!(MasterKey::parse(&padded).unwrap(), master);

        for bad in ["", "not a key!", "abcd", &hex_text[..62]] {
            assert!(MasterKey::parse(bad).is_err(), "{bad}");
        }
        let debug = format!("{master:?}");
        assert!(!debug.contains(b64.as_str()) && !debug.contains(&hex_text));
        assert!(debug.contains(master.id()));
        assert_eq!(format!("{:?}", data_key()), "DataKey(…)");
    }

    #[test]
    fn keys_ids_are_the_first_8_hex_digits_of_sha256() {
        let master = MasterKey::from_key(Zeroizing::new([0u8; KEY_LEN]));
        // SHA-256 of 32 zero bytes begins 66687aad.
        assert_eq!(master.id(), "66687aad");
    }
}
