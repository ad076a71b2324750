//! The key store and crypto-shredding.
//!
//! # The design
//!
//! Each person (a user in a tenant) has a **data key**: 256 random bits,
//! made the first time something of theirs is encrypted. Sensitive content
//! (stories, and anything else marked sensitive) is sealed under it with
//! XChaCha20-Poly1305, an AEAD: a version byte, a 24-byte random nonce and
//! the ciphertext, bound to associated data that names what the content is,
//! so it cannot be moved to another record and still open. Keys for single
//! records (a story's own key) can be wrapped under the data key in the
//! same way ([`KeyStore::wrap_child_key`]); those that must be destroyable
//! one by one (a story's key: erasing the story destroys it) are kept in
//! the key store too ([`KeyStore::new_child_key`], [`child`]).
//!
//! Data keys are never stored in the clear. Each is **wrapped** under a
//! **master key** from the configuration (`COPRODUCE_MASTER_KEY`, a master
//! key file, or one generated into `DATA_DIR/keys/master.key`), bound to
//! its owner (`tenant_id|user_id`) so a wrapped key copied onto another
//! person's row does not unwrap. Wrapped keys live in the **key store**, a
//! database of their own (`COPRODUCE_KEY_STORE`, by default
//! `DATA_DIR/keys/keystore.db`), never in the main database.
//!
//! # The crypto-shredding promise
//!
//! A backup of the main database holds only ciphertext; the key store and
//! the master key are kept and backed up apart from it. Erasing a person
//! ([`KeyStore::destroy`]) overwrites their wrapped key and marks it
//! destroyed, so their content cannot be decrypted again: not from the live
//! database, not from any copy or old backup of it. Asking for it answers
//! [`KeyError::Shredded`] (a "not found" to clients), never a crash. (A key
//! store backup taken before the erasure still holds the key: keep key
//! store backups short-lived.)
//!
//! # Rotation
//!
//! Master keys carry an id (the first 8 hex digits of the key's SHA-256)
//! stored beside each wrapped key. The newest key wraps; older ones still
//! unwrap. [`KeyStore::rotate_master`] (`coproduce keys rotate`) re-wraps
//! every live data key under a new master key in small batches, touching
//! no content; the old key can be retired once it has finished.
//!
//! # Signing keys
//!
//! The platform's Ed25519 keys, which sign consent receipts, live in the
//! key store too ([`signing`]): seeds wrapped under the master key, public
//! keys published at `/.well-known/jwks.json`, rotated with
//! `coproduce keys rotate-signing`; retired keys stay published.
//!
//! Key material is held in `Zeroizing` buffers and no `Debug` output shows
//! a key. All of it is blocking (diesel): run it on the blocking pool.

pub mod child;
pub mod crypto;
pub mod master;
pub mod schema;
pub mod service;
pub mod signing;

pub use crypto::{CryptoError, MasterKey, KEY_LEN};
pub use master::{MasterKeyRing, MasterKeySetting};
pub use service::{Census, KeyError, KeyStore};
pub use signing::{PublicSigningKey, SigningKey};
