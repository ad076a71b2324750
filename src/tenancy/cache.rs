//! A small time-bounded cache from hostname to tenant, so resolving the
//! tenant costs no database round trip on most requests.
//!
//! Entries expire after a short time because tenants are also changed by the
//! CLI and by other replicas, which cannot tell this process. Unknown hosts
//! are remembered briefly too, so a scanner cannot turn every request into a
//! query.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::model::{Hostname, Tenant};

const KNOWN_TTL: Duration = Duration::from_secs(30);
const UNKNOWN_TTL: Duration = Duration::from_secs(5);
/// Bounds memory when many distinct hosts are tried.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct TenantCache {
    entries: RwLock<HashMap<Key, Entry>>,
}

/// What was found for a key (`None`: no such tenant) and when.
type Entry = (Option<Arc<Tenant>>, Instant);

/// Tenants are found by the request's host, or by slug for the configured
/// default tenant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Host(Hostname),
    Slug(String),
}

impl TenantCache {
    /// `Some(answer)` when the cache knows, `None` when it must be looked up.
    pub fn get(&self, key: &Key) -> Option<Option<Arc<Tenant>>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let (tenant, stored) = entries.get(key)?;
        let ttl = if tenant.is_some() {
            KNOWN_TTL
        } else {
            UNKNOWN_TTL
        };
        (stored.elapsed() < ttl).then(|| tenant.clone())
    }

    pub fn put(&self, key: Key, tenant: Option<Arc<Tenant>>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (t, _)| t.is_some());
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (tenant, Instant::now()));
    }

    /// Forgets everything; called after this process changes a tenant.
    pub fn clear(&self) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
