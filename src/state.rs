//! What every request can reach: the settings, the database pool, the
//! tenant cache and the key store. Cheap to clone.

use std::sync::Arc;

use crate::accounts::password::Hasher;
use crate::accounts::service::SessionLifetimes;
use crate::accounts::tokens::AccessKeys;
use crate::config::Settings;
use crate::db::group_commit::GroupCommit;
use crate::db::{DatabaseUrl, DbConn, Pool};
use crate::error::{Error, Result};
use crate::http::rate_limit::AuthLimits;
use crate::keys::KeyStore;
use crate::secrets::Secrets;
use crate::tenancy::cache::{Key, TenantCache};
use crate::tenancy::{service as tenancy, Hostname, Slug, Tenant};

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: Pool,
    /// Where high-rate writes go to share one durable commit.
    pub writes: GroupCommit,
    pub tenants: Arc<TenantCache>,
    pub secrets: Arc<Secrets>,
    pub access_keys: Arc<AccessKeys>,
    /// Bounds concurrent password hashing to the number of cores.
    pub hasher: Hasher,
    /// Limits on sign-in, registration and reset requests.
    pub rate_limits: Arc<AuthLimits>,
    /// People's data keys, for sensitive content. Blocking: use it inside
    /// [`AppState::db`] or `web::block`.
    pub keys: KeyStore,
    /// What this process has answered, for `/metrics`.
    pub metrics: Arc<crate::ops::metrics::Metrics>,
}

impl AppState {
    pub fn new(settings: Settings, pool: Pool, secrets: Secrets, keys: KeyStore) -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        let sqlite = matches!(settings.database, DatabaseUrl::Sqlite(_));
        Self {
            writes: GroupCommit::start(pool.clone(), sqlite),
            pool,
            tenants: Arc::new(TenantCache::default()),
            access_keys: Arc::new(AccessKeys::from_secrets(&secrets)),
            secrets: Arc::new(secrets),
            hasher: Hasher::new(cores),
            rate_limits: Arc::new(AuthLimits::new(
                &settings.rate_limits,
                &settings.trusted_proxies,
            )),
            settings: Arc::new(settings),
            keys,
            metrics: Arc::default(),
        }
    }

    pub fn session_lifetimes(&self) -> SessionLifetimes {
        SessionLifetimes {
            idle: self.settings.session_idle,
            absolute: self.settings.session_max,
        }
    }

    /// Runs synchronous database work on the blocking pool, inside the
    /// current request's tracing span, so async threads never wait on I/O.
    pub async fn db<T, F>(&self, work: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        actix_web::web::block(move || {
            let _entered = span.enter();
            let mut conn = pool.get()?;
            let done = work(&mut conn);
            conn.worked(done.is_ok());
            done
        })
        .await
        .map_err(|e| Error::Internal(format!("blocking task failed: {e}")))?
    }

    /// Runs a write many people make at once (a support, a ballot, a story
    /// read and its use-log entry), answering once it is durable: on SQLite
    /// in a transaction it shares with others (group commit). Only for work
    /// that waits on nothing but the database, and that opens its own
    /// transaction if it writes more than once (see
    /// [`GroupCommit::write`]).
    pub async fn write<T, F>(&self, work: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let span = tracing::Span::current();
        self.writes
            .write(move |conn| {
                let _entered = span.enter();
                work(conn)
            })
            .await
    }

    /// Runs synchronous work that needs no database connection (the key
    /// store, hashing) on the blocking pool, inside the request's span.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T>
    where
        F: FnOnce() -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let span = tracing::Span::current();
        actix_web::web::block(move || {
            let _entered = span.enter();
            work()
        })
        .await
        .map_err(|e| Error::Internal(format!("blocking task failed: {e}")))?
    }

    /// The tenant a host serves, from the cache when it is fresh.
    pub async fn tenant_for_host(&self, host: Hostname) -> Result<Option<Arc<Tenant>>> {
        let key = Key::Host(host.clone());
        if let Some(known) = self.tenants.get(&key) {
            return Ok(known);
        }
        let found = self
            .db(move |conn| tenancy::find_by_host(conn, &host))
            .await?
            .map(Arc::new);
        self.tenants.put(key, found.clone());
        Ok(found)
    }

    /// The configured default tenant, if one is set and exists.
    pub async fn default_tenant(&self) -> Result<Option<Arc<Tenant>>> {
        let Some(slug) = self.settings.default_tenant.clone() else {
            return Ok(None);
        };
        let key = Key::Slug(slug.as_str().to_owned());
        if let Some(known) = self.tenants.get(&key) {
            return Ok(known);
        }
        let found = self
            .db(move |conn| tenancy::find_by_slug(conn, &Slug::clone(&slug)))
            .await?
            .map(Arc::new);
        self.tenants.put(key, found.clone());
        Ok(found)
    }
}
