//! Keys for single records (a story's own key), kept in the key store and
//! wrapped under their owner's data key, so that each can be destroyed on
//! its own: erasing one story makes its ciphertext unreadable in every copy
//! of the main database, while the owner's other content stays readable.
//! Destroying the owner's data key ([`KeyStore::destroy`]) shreds all of
//! their child keys at once, since they open only under it.
//!
//! A child key is named (`story:<id>`); the name, its tenant and owner are
//! bound into the wrapping, so a wrapped key moved to another row does not
//! open.

use chrono::Utc;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::crypto::{random_key, DataKey};
use super::schema::child_keys;
use super::service::{KeyError, KeyStore, Result};
use crate::db::ids::{TenantId, UserId};
use crate::db::{self, DbConn};

/// The AAD binding a child key to its place, owner and name.
fn child_aad(tenant: &TenantId, owner: &UserId, name: &str) -> Vec<u8> {
    format!("child|{tenant}|{owner}|{name}").into_bytes()
}

impl KeyStore {
    /// Makes a fresh key for one record of `owner`, stores it wrapped under
    /// their data key (making that key on first use) and returns it for
    /// sealing. A name already used (even destroyed) is refused.
    pub fn new_child_key(&self, tenant: &TenantId, owner: &UserId, name: &str) -> Result<DataKey> {
        let data_key = self.key_for_writing(tenant, owner)?;
        let child = random_key()?;
        let wrapped = data_key.wrap_child(&child, &child_aad(tenant, owner, name))?;
        let mut conn = self.conn()?;
        diesel::insert_into(child_keys::table)
            .values((
                child_keys::tenant_id.eq(tenant.as_str()),
                child_keys::name.eq(name),
                child_keys::owner_id.eq(owner.as_str()),
                child_keys::wrapped_key.eq(&wrapped),
                child_keys::created_at.eq(Utc::now().naive_utc()),
                child_keys::destroyed_at.eq(None::<chrono::NaiveDateTime>),
            ))
            .execute(&mut **conn)?;
        Ok(DataKey::from_child(child))
    }

    /// The key of one record, for sealing or opening its content.
    /// [`KeyError::Shredded`] when it (or its owner's data key) was
    /// destroyed, or never made.
    pub fn child_key(&self, tenant: &TenantId, owner: &UserId, name: &str) -> Result<DataKey> {
        let row: Option<(Vec<u8>, Option<chrono::NaiveDateTime>)> = child_keys::table
            .find((tenant.as_str(), name))
            .filter(child_keys::owner_id.eq(owner.as_str()))
            .select((child_keys::wrapped_key, child_keys::destroyed_at))
            .first(&mut **self.conn()?)
            .optional()?;
        let (wrapped, destroyed_at) = row.ok_or(KeyError::Shredded)?;
        if destroyed_at.is_some() {
            return Err(KeyError::Shredded);
        }
        let data_key = self.key_for_reading(tenant, owner)?;
        let child = data_key.unwrap_child(&wrapped, &child_aad(tenant, owner, name))?;
        Ok(DataKey::from_child(child))
    }

    /// Crypto-shredding of one record: empties its wrapped key and marks it
    /// destroyed. Doing it twice, or for a name never used, changes nothing.
    pub fn destroy_child_key(&self, tenant: &TenantId, name: &str) -> Result<()> {
        let mut conn = self.conn()?;
        db::write_transaction(&mut conn, |conn: &mut DbConn| {
            diesel::update(
                child_keys::table
                    .find((tenant.as_str(), name))
                    .filter(child_keys::destroyed_at.is_null()),
            )
            .set((
                child_keys::wrapped_key.eq(Vec::<u8>::new()),
                child_keys::destroyed_at.eq(Some(Utc::now().naive_utc())),
            ))
            .execute(conn)?;
            Ok::<_, KeyError>(())
        })?;
        // As for data keys: fold the log into the file so the old bytes
        // (zeroed by secure_delete) do not linger in it.
        if let DbConn::Sqlite(c) = &mut **conn {
            if let Err(e) = c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);") {
                tracing::debug!("key store checkpoint after destroying a key deferred: {e}");
            }
        }
        tracing::info!(tenant_id = %tenant, key = name, "destroyed a record's key");
        Ok(())
    }
}
