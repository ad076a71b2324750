//! The key store: people's data keys, wrapped under the master key, kept in
//! a database of their own; sealing and opening content with them; erasure
//! (crypto-shredding) and master key rotation. Every call is blocking
//! (diesel): callers in request handlers run it on the blocking pool.

use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use chrono::Utc;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use zeroize::Zeroizing;

use super::crypto::{owner_aad, CryptoError, DataKey, MasterKey, WrappedKey, KEY_LEN};
use super::master::{MasterKeyRing, MasterKeySetting};
use super::schema::data_keys;
use crate::config::Settings;
use crate::db::ids::{TenantId, UserId};
use crate::db::{self, DatabaseUrl, DbConn, DbError};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/keystore/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/keystore/postgres");

/// Data keys re-wrapped per transaction during a rotation: small enough
/// that no transaction holds the key store for long.
const ROTATION_BATCH: i64 = 100;

/// What can go wrong with keys. [`KeyError::Shredded`] is the expected
/// outcome for an erased person, never a fault.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("this person's data key has been destroyed (or was never made), so their encrypted content cannot be read")]
    Shredded,
    #[error("{0}")]
    Crypto(#[from] CryptoError),
    #[error("a data key is wrapped under the master key {id}, which is not loaded; add it to the master key file or COPRODUCE_OLD_MASTER_KEYS until `coproduce keys rotate` has finished")]
    MasterKeyMissing { id: String },
    #[error("the data key of a person does not unwrap under the master key {id}: the key store row was altered or moved")]
    WrappedKeyInvalid { id: String },
    #[error("the master key is unusable: {0}")]
    MasterKey(String),
    #[error("COPRODUCE_KEY_STORE: {0}")]
    Open(#[from] DbError),
    #[error("the key store is unavailable: {0}")]
    Unavailable(#[from] r2d2::Error),
    #[error("the key store failed: {0}")]
    Store(#[from] diesel::result::Error),
}

pub type Result<T, E = KeyError> = std::result::Result<T, E>;

impl From<KeyError> for crate::error::Error {
    fn from(e: KeyError) -> Self {
        match e {
            // Erased content is gone for good: to the client, not found.
            KeyError::Shredded => Self::NotFound,
            KeyError::Unavailable(e) => Self::Unavailable(e.to_string()),
            KeyError::Open(e) => Self::Unavailable(e.to_string()),
            KeyError::Store(e) => e.into(),
            other => Self::Internal(other.to_string()),
        }
    }
}

/// How many data keys the key store holds, for `coproduce keys status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Census {
    pub live: i64,
    pub destroyed: i64,
    /// Live keys still wrapped under an older master key: a rotation that
    /// has not finished.
    pub under_older_keys: i64,
}

/// The key store, cheap to clone (one pool and one master key ring shared).
#[derive(Clone)]
pub struct KeyStore {
    inner: Arc<Inner>,
}

struct Inner {
    pool: db::Pool,
    location: DatabaseUrl,
    setting: MasterKeySetting,
    ring: RwLock<Loaded>,
}

/// The ring as last read, with the file's stamp when it came from a file,
/// so a rotation done by another process is picked up without a restart.
struct Loaded {
    ring: Arc<MasterKeyRing>,
    stamp: Option<(SystemTime, u64)>,
}

impl std::fmt::Debug for KeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyStore")
            .field("location", &self.inner.location)
            .field("master_key", &self.ring().current().id())
            .finish()
    }
}

/// Turns on SQLite's `secure_delete`, so bytes overwritten or deleted in the
/// key store are zeroed in the file rather than left in free pages.
#[derive(Debug)]
struct SecureDelete;

impl r2d2::CustomizeConnection<db::Pooled, DbError> for SecureDelete {
    fn on_acquire(&self, conn: &mut db::Pooled) -> Result<(), DbError> {
        secure_delete(conn).map_err(DbError::Setup)
    }
}

fn secure_delete(conn: &mut DbConn) -> diesel::QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => c.batch_execute("PRAGMA secure_delete = ON;"),
        DbConn::Pg(_) => Ok(()),
    }
}

/// Runs the key store's own migrations.
pub fn migrate(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    let applied = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

fn file_stamp(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

pub(super) fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// A person's wrapped key: (wrapped key, nonce, master key id, destroyed at).
type KeyRow = (Vec<u8>, Vec<u8>, String, Option<chrono::NaiveDateTime>);
/// A live wrapped key with its owner, for rotation:
/// (tenant id, user id, wrapped key, nonce, master key id).
type OwnedRow = (String, String, Vec<u8>, Vec<u8>, String);

impl KeyStore {
    /// Opens the key store the settings name, with their master key. Warns
    /// when a production database (PostgreSQL) relies on a master key
    /// generated into the data folder.
    pub fn from_settings(settings: &Settings) -> Result<Self> {
        if let (MasterKeySetting::Generated(path), DatabaseUrl::Postgres(_)) =
            (&settings.master_key, &settings.database)
        {
            tracing::warn!(
                master_key_file = %path.display(),
                "the master key was generated into the data folder; a production install should supply COPRODUCE_MASTER_KEY from a secret store"
            );
        }
        Self::open(&settings.key_store, settings.master_key.clone())
    }

    /// Loads the master keys (generating one if the setting says so),
    /// connects to the key store and brings its schema up to date.
    pub fn open(location: &DatabaseUrl, setting: MasterKeySetting) -> Result<Self> {
        let ring = setting.load().map_err(KeyError::MasterKey)?;
        let stamp = setting.file().and_then(file_stamp);
        let mut conn = db::connect(location)?;
        migrate(&mut conn)?;
        drop(conn);
        let pool = r2d2::Pool::builder()
            .max_size(4)
            .min_idle(Some(1))
            .connection_timeout(std::time::Duration::from_secs(5))
            .connection_customizer(Box::new(SecureDelete))
            .build_unchecked(db::manager(location));
        Ok(Self {
            inner: Arc::new(Inner {
                pool,
                location: location.clone(),
                setting,
                ring: RwLock::new(Loaded {
                    ring: Arc::new(ring),
                    stamp,
                }),
            }),
        })
    }

    /// Where the key store is (password hidden).
    pub fn location(&self) -> &DatabaseUrl {
        &self.inner.location
    }

    pub fn master_key_setting(&self) -> &MasterKeySetting {
        &self.inner.setting
    }

    /// The master keys in use. When they come from a file that has changed
    /// since it was read (another process rotated), it is read again.
    pub fn ring(&self) -> Arc<MasterKeyRing> {
        if let Some(path) = self.inner.setting.file() {
            let stamp = file_stamp(path);
            let stale = stamp.is_some() && self.loaded().stamp != stamp;
            if stale {
                match MasterKeyRing::read_file(path) {
                    Ok(ring) => self.set_ring(ring, stamp),
                    Err(why) => tracing::warn!("keeping the master keys already loaded: {why}"),
                }
            }
        }
        self.loaded().ring.clone()
    }

    fn loaded(&self) -> std::sync::RwLockReadGuard<'_, Loaded> {
        // A panic elsewhere cannot leave the ring half-written: it is
        // replaced whole, so a poisoned lock still holds a good ring.
        self.inner.ring.read().unwrap_or_else(|e| e.into_inner())
    }

    fn set_ring(&self, ring: MasterKeyRing, stamp: Option<(SystemTime, u64)>) {
        let mut held = self.inner.ring.write().unwrap_or_else(|e| e.into_inner());
        *held = Loaded {
            ring: Arc::new(ring),
            stamp,
        };
    }

    pub(super) fn conn(&self) -> Result<db::PooledConn> {
        Ok(self.inner.pool.get()?)
    }

    /// Encrypts content for a person under their data key, making the key
    /// on first use. `aad` names what the content is (e.g. a story's id and
    /// version); the same `aad` is needed to decrypt. The output is a
    /// version byte, the nonce and the ciphertext.
    pub fn encrypt_for(
        &self,
        tenant: &TenantId,
        user: &UserId,
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>> {
        let key = self.key_for_writing(tenant, user)?;
        Ok(key.seal(plaintext, aad)?)
    }

    /// Decrypts content sealed by [`KeyStore::encrypt_for`]. A person whose
    /// key was destroyed (or who never had one) gets [`KeyError::Shredded`].
    pub fn decrypt_for(
        &self,
        tenant: &TenantId,
        user: &UserId,
        ciphertext: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>> {
        let key = self.key_for_reading(tenant, user)?;
        Ok(key.open(ciphertext, aad)?)
    }

    /// Wraps a child key (e.g. one story's key) under the person's data
    /// key, so destroying the data key shreds everything under the child
    /// key too. `aad` should bind what the child key is for.
    pub fn wrap_child_key(
        &self,
        tenant: &TenantId,
        user: &UserId,
        child: &[u8; KEY_LEN],
        aad: &[u8],
    ) -> Result<Vec<u8>> {
        let key = self.key_for_writing(tenant, user)?;
        Ok(key.wrap_child(child, aad)?)
    }

    pub fn unwrap_child_key(
        &self,
        tenant: &TenantId,
        user: &UserId,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<[u8; KEY_LEN]>> {
        let key = self.key_for_reading(tenant, user)?;
        Ok(key.unwrap_child(wrapped, aad)?)
    }

    /// Crypto-shredding: empties the person's wrapped key and marks it
    /// destroyed, so everything sealed under it, in every copy and backup
    /// of the main database, can never be decrypted again. A person with
    /// no key yet gets a destroyed row, so no key is ever made for them
    /// later. Doing it twice changes nothing.
    pub fn destroy(&self, tenant: &TenantId, user: &UserId) -> Result<()> {
        let mut conn = self.conn()?;
        db::write_transaction(&mut conn, |conn| {
            let at = now();
            let owner = data_keys::table.find((tenant.as_str(), user.as_str()));
            let emptied = diesel::update(owner.filter(data_keys::destroyed_at.is_null()))
                .set((
                    data_keys::wrapped_key.eq(Vec::<u8>::new()),
                    data_keys::nonce.eq(Vec::<u8>::new()),
                    data_keys::destroyed_at.eq(Some(at)),
                ))
                .execute(conn)?;
            if emptied == 0 {
                let exists: i64 = owner.count().get_result(conn)?;
                if exists == 0 {
                    diesel::insert_into(data_keys::table)
                        .values((
                            data_keys::tenant_id.eq(tenant.as_str()),
                            data_keys::user_id.eq(user.as_str()),
                            data_keys::wrapped_key.eq(Vec::<u8>::new()),
                            data_keys::nonce.eq(Vec::<u8>::new()),
                            data_keys::master_key_id.eq(""),
                            data_keys::created_at.eq(at),
                            data_keys::destroyed_at.eq(Some(at)),
                        ))
                        .execute(conn)?;
                }
            }
            Ok::<_, KeyError>(())
        })?;
        // Fold the write-ahead log into the file now, so the old key bytes
        // (zeroed by secure_delete) do not linger in the log. Best effort:
        // SQLite does it on its own soon anyway.
        if let DbConn::Sqlite(c) = &mut **conn {
            if let Err(e) = c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);") {
                tracing::debug!("key store checkpoint after erasure deferred: {e}");
            }
        }
        tracing::info!(tenant_id = %tenant, user_id = %user, "destroyed a person's data key");
        Ok(())
    }

    /// Re-wraps every live data key under `new`, in batches, without
    /// touching any encrypted content; returns how many were re-wrapped.
    /// Older master keys stay usable until it is done; afterwards this
    /// store holds only `new`. Run again, it finishes what an interrupted
    /// rotation left.
    pub fn rotate_master(&self, new: MasterKey) -> Result<usize> {
        // Read the ring first: it may reload the file and renew the stamp.
        let ring = self.ring().with_current(new.clone());
        let stamp = self.loaded().stamp;
        self.set_ring(ring.clone(), stamp);
        let mut rewrapped = 0;
        loop {
            let mut conn = self.conn()?;
            let done = db::write_transaction(&mut conn, |conn| {
                let batch: Vec<OwnedRow> = data_keys::table
                    .filter(data_keys::destroyed_at.is_null())
                    .filter(data_keys::master_key_id.ne(new.id()))
                    .order((data_keys::tenant_id, data_keys::user_id))
                    .limit(ROTATION_BATCH)
                    .select((
                        data_keys::tenant_id,
                        data_keys::user_id,
                        data_keys::wrapped_key,
                        data_keys::nonce,
                        data_keys::master_key_id,
                    ))
                    .load(conn)?;
                for (tenant_id, user_id, ciphertext, nonce, master_key_id) in &batch {
                    let aad = owner_aad(tenant_id, user_id);
                    let wrapped = WrappedKey {
                        nonce: nonce.clone(),
                        ciphertext: ciphertext.clone(),
                        master_key_id: master_key_id.clone(),
                    };
                    let key = unwrap_with(&ring, &wrapped, &aad)?;
                    let again = new.wrap(&key, &aad)?;
                    diesel::update(data_keys::table.find((tenant_id, user_id)))
                        .set((
                            data_keys::wrapped_key.eq(&again.ciphertext),
                            data_keys::nonce.eq(&again.nonce),
                            data_keys::master_key_id.eq(&again.master_key_id),
                        ))
                        .execute(conn)?;
                }
                Ok::<_, KeyError>(batch.len())
            })?;
            if done == 0 {
                break;
            }
            rewrapped += done;
        }
        self.rewrap_signing_keys(&ring)?;
        self.set_ring(
            MasterKeyRing::new(vec![new]).map_err(KeyError::MasterKey)?,
            stamp,
        );
        Ok(rewrapped)
    }

    /// How many data keys are live, destroyed, and still under an older
    /// master key.
    pub fn census(&self) -> Result<Census> {
        let current = self.ring().current().id().to_owned();
        let mut conn = self.conn()?;
        let live: i64 = data_keys::table
            .filter(data_keys::destroyed_at.is_null())
            .count()
            .get_result(&mut **conn)?;
        let destroyed: i64 = data_keys::table
            .filter(data_keys::destroyed_at.is_not_null())
            .count()
            .get_result(&mut **conn)?;
        let under_older_keys: i64 = data_keys::table
            .filter(data_keys::destroyed_at.is_null())
            .filter(data_keys::master_key_id.ne(current))
            .count()
            .get_result(&mut **conn)?;
        Ok(Census {
            live,
            destroyed,
            under_older_keys,
        })
    }

    fn row(conn: &mut DbConn, tenant: &TenantId, user: &UserId) -> Result<Option<KeyRow>> {
        Ok(data_keys::table
            .find((tenant.as_str(), user.as_str()))
            .select((
                data_keys::wrapped_key,
                data_keys::nonce,
                data_keys::master_key_id,
                data_keys::destroyed_at,
            ))
            .first(conn)
            .optional()?)
    }

    fn unwrap_row(&self, tenant: &TenantId, user: &UserId, row: KeyRow) -> Result<DataKey> {
        let (ciphertext, nonce, master_key_id, destroyed_at) = row;
        if destroyed_at.is_some() {
            return Err(KeyError::Shredded);
        }
        let wrapped = WrappedKey {
            nonce,
            ciphertext,
            master_key_id,
        };
        unwrap_with(
            &self.ring(),
            &wrapped,
            &owner_aad(tenant.as_str(), user.as_str()),
        )
    }

    pub(super) fn key_for_reading(&self, tenant: &TenantId, user: &UserId) -> Result<DataKey> {
        let row = Self::row(&mut *self.conn()?, tenant, user)?.ok_or(KeyError::Shredded)?;
        self.unwrap_row(tenant, user, row)
    }

    pub(super) fn key_for_writing(&self, tenant: &TenantId, user: &UserId) -> Result<DataKey> {
        let mut conn = self.conn()?;
        if let Some(row) = Self::row(&mut conn, tenant, user)? {
            return self.unwrap_row(tenant, user, row);
        }
        let key = DataKey::generate()?;
        let wrapped = self
            .ring()
            .current()
            .wrap(&key, &owner_aad(tenant.as_str(), user.as_str()))?;
        let inserted = diesel::insert_into(data_keys::table)
            .values((
                data_keys::tenant_id.eq(tenant.as_str()),
                data_keys::user_id.eq(user.as_str()),
                data_keys::wrapped_key.eq(&wrapped.ciphertext),
                data_keys::nonce.eq(&wrapped.nonce),
                data_keys::master_key_id.eq(&wrapped.master_key_id),
                data_keys::created_at.eq(now()),
                data_keys::destroyed_at.eq(None::<chrono::NaiveDateTime>),
            ))
            .execute(&mut **conn);
        match inserted {
            Ok(_) => Ok(key),
            // Another request made this person's key first: use theirs.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                let row = Self::row(&mut conn, tenant, user)?.ok_or(KeyError::Shredded)?;
                self.unwrap_row(tenant, user, row)
            }
            Err(e) => Err(e.into()),
        }
    }
}

fn unwrap_with(ring: &MasterKeyRing, wrapped: &WrappedKey, aad: &[u8]) -> Result<DataKey> {
    let master = ring
        .find(&wrapped.master_key_id)
        .ok_or_else(|| KeyError::MasterKeyMissing {
            id: wrapped.master_key_id.clone(),
        })?;
    master
        .unwrap(wrapped, aad)
        .map_err(|_| KeyError::WrappedKeyInvalid {
            id: wrapped.master_key_id.clone(),
        })
}
