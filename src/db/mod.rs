//! The database room: one connection type over two backends, the pool, and
//! the embedded migrations.
//!
//! SQLite is the embedded default and PostgreSQL the production backend. Both
//! are reached through [`DbConn`], a `diesel::MultiConnection`, so every query
//! is written once. The backend is chosen from the URL scheme, never by trial.

pub mod group_commit;
pub mod ids;
mod one_of;
mod prepared;
pub mod schema;

pub use one_of::one_of;
pub use prepared::{execute_prepared, execute_prepared_pg, first_rows, prepared, Rows};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// One connection to whichever backend the installation uses.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs a query on the backend's own connection instead of through
/// [`DbConn`], for the hottest reads: `direct!(conn, |c| query.first(c))`.
/// The body is compiled once for each backend.
///
/// Diesel's `MultiConnection` writes out a query's whole SQL on every pass
/// it makes over the query, about twice per execution, even when the
/// prepared statement is cached and the SQL is thrown away. On the
/// proposal page that was 17% of the server's CPU (BENCHMARKS.md, stop
/// 27), more the more columns a query reads.
macro_rules! direct {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}
pub(crate) use direct;

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Where the data lives, parsed once from `DATABASE_URL` (or the default
/// SQLite file in the data folder).
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Accepts `postgres://…`, `postgresql://…`, `sqlite://PATH`, `sqlite:PATH`
    /// or a plain file path.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("is empty; give a postgres:// URL or a SQLite file path".into());
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            url::Url::parse(raw).map_err(|e| format!("is not a valid PostgreSQL URL ({e})"))?;
            return Ok(Self::Postgres(raw.to_owned()));
        }
        if let Some(path) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            if path.is_empty() || path == ":memory:" {
                return Err("needs a SQLite file path, e.g. sqlite://data/coproduce.db".into());
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            return Err(format!(
                "uses the scheme `{scheme}`, which coproduce does not support; use postgres:// or a SQLite file path"
            ));
        }
        Ok(Self::Sqlite(PathBuf::from(raw)))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "SQLite",
            Self::Postgres(_) => "PostgreSQL",
        }
    }

    /// The URL as given, password included: for handing to another process,
    /// never for logs.
    pub fn expose(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(raw) => raw.clone(),
        }
    }

    /// The URL with any password hidden, for logs and messages.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(raw) => match url::Url::parse(raw) {
                Ok(mut url) => {
                    if url.password().is_some() {
                        let _ = url.set_password(Some("***"));
                    }
                    url.to_string()
                }
                Err(_) => "postgres://(unparseable)".into(),
            },
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the folder {path} for the SQLite database: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open {url}: {source}")]
    Connect {
        url: String,
        source: diesel::ConnectionError,
    },
    #[error("cannot prepare the database connection: {0}")]
    Setup(diesel::result::Error),
    #[error("migrating the database failed: {0}")]
    Migration(String),
    #[error("the database schema is behind this version of coproduce and migrating at start is off: run `coproduce migrate` (with COPRODUCE_MIGRATE_DATABASE_URL naming a role that may change the schema) first")]
    SchemaBehind,
    #[error("the connection pool could not be built: {0}")]
    Pool(#[from] r2d2::Error),
}

/// Opens one connection, chosen by the URL's scheme.
pub fn connect(url: &DatabaseUrl) -> Result<DbConn, DbError> {
    match url {
        DatabaseUrl::Postgres(raw) => PgConnection::establish(&with_keepalives(raw))
            .map(DbConn::Pg)
            .map_err(|source| DbError::Connect {
                url: url.redacted(),
                source,
            }),
        DatabaseUrl::Sqlite(path) => {
            plan_without_bound_values();
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|source| DbError::CreateDir {
                    path: parent.to_owned(),
                    source,
                })?;
            }
            let mut conn =
                SqliteConnection::establish(&path.to_string_lossy()).map_err(|source| {
                    DbError::Connect {
                        url: url.redacted(),
                        source,
                    }
                })?;
            prepare_sqlite(&mut conn).map_err(DbError::Setup)?;
            Ok(DbConn::Sqlite(conn))
        }
    }
}

/// libpq settings every PostgreSQL connection gets unless its URL says
/// otherwise: TCP keepalives, so a connection whose peer vanished (a dead
/// network, a failed-over host) errors within about a minute instead of
/// holding its request for the kernel's two hours, and a bound on
/// connecting.
const PG_CONNECTION_DEFAULTS: [(&str, &str); 5] = [
    ("keepalives", "1"),
    ("keepalives_idle", "30"),
    ("keepalives_interval", "10"),
    ("keepalives_count", "3"),
    ("connect_timeout", "10"),
];

/// The URL with [`PG_CONNECTION_DEFAULTS`] added where it sets none of its own.
fn with_keepalives(raw: &str) -> String {
    let Ok(mut url) = url::Url::parse(raw) else {
        return raw.to_owned();
    };
    let given: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in PG_CONNECTION_DEFAULTS {
            if !given.iter().any(|g| g == key) {
                query.append_pair(key, value);
            }
        }
    }
    url.to_string()
}

/// Bounds every statement of a serving connection, so a runaway query or a
/// wait on a lock cannot hold a request (and a pool slot) for ever: the
/// server cancels it and the request gets a 503. Migrations and commands
/// run on connections without it.
fn limit_statements(conn: &mut DbConn, timeout: Option<Duration>) -> Result<(), DbError> {
    if let (DbConn::Pg(pg), Some(timeout)) = (conn, timeout) {
        pg.batch_execute(&format!(
            "SET statement_timeout = {}",
            timeout.as_millis().max(1)
        ))
        .map_err(DbError::Setup)?;
    }
    Ok(())
}

/// SQLite is told to enforce what PostgreSQL enforces (foreign keys) and to
/// make every acknowledged commit durable (`synchronous=FULL`); speed comes
/// from batching, not from weaker durability.
fn prepare_sqlite(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    conn.batch_execute(
        "PRAGMA busy_timeout = 5000;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
    )
}

/// Makes every SQLite connection this process opens plan its statements
/// without looking at the values bound to them (SQLite's "query planner
/// stability guarantee").
///
/// SQLite re-prepares a statement whenever a bound value that its plan
/// looked at changes, and it looks at every bound LIMIT. Diesel binds the
/// LIMIT of each `.first()` and `.limit(n)`, so its cached statements were
/// compiled afresh on every run: a third of the server's CPU on a proposal
/// page. Plans that ignore bound values lose nothing here (no STAT4 tables;
/// searches are `LIKE '%…%'`, which no index serves) and stay prepared.
fn plan_without_bound_values() {
    use libsqlite3_sys as ffi;
    use std::ffi::{c_char, c_int};

    unsafe extern "C" fn stable_plans(
        db: *mut ffi::sqlite3,
        _error: *mut *mut c_char,
        _api: *const ffi::sqlite3_api_routines,
    ) -> c_int {
        // SAFETY: SQLite calls this with the connection it is opening;
        // the option takes an int and an optional int* for the old value.
        unsafe {
            ffi::sqlite3_db_config(
                db,
                ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                1 as c_int,
                std::ptr::null_mut::<c_int>(),
            )
        }
    }

    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: registers a function pointer that lives for the whole
        // process; SQLite runs it on each new connection.
        let registered = unsafe { ffi::sqlite3_auto_extension(Some(stable_plans)) };
        if registered != ffi::SQLITE_OK {
            tracing::warn!(
                code = registered,
                "SQLite statements will be re-planned on each run"
            );
        }
    });
}

/// Runs every migration the database has not seen yet; returns their names.
pub fn migrate(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    let applied = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

/// Readies the schema for serving: migrates it when `migrate` is set (the
/// default), else only checks it is current and refuses when it is behind,
/// without touching it, so a role that cannot change the schema can serve.
pub fn prepare_schema(conn: &mut DbConn, migrate: bool) -> Result<Vec<String>, DbError> {
    if migrate {
        return self::migrate(conn);
    }
    if migrations_current(conn)? {
        Ok(Vec::new())
    } else {
        Err(DbError::SchemaBehind)
    }
}

/// Whether the database holds every migration this binary knows. A database
/// that is ahead (a newer replica migrated it) still counts as current.
/// Only reads: diesel's own check creates its bookkeeping table when it is
/// missing, which a role without CREATE may not do (and should not try).
pub fn migrations_current(conn: &mut DbConn) -> Result<bool, DbError> {
    use diesel::migration::MigrationSource;
    #[derive(diesel::QueryableByName)]
    struct Applied {
        #[diesel(sql_type = diesel::sql_types::Text)]
        version: String,
    }
    let known: Vec<String> = match conn {
        DbConn::Pg(_) => MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES_MIGRATIONS)
            .map(|all| all.iter().map(|m| m.name().version().to_string()).collect()),
        DbConn::Sqlite(_) => {
            MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS)
                .map(|all| all.iter().map(|m| m.name().version().to_string()).collect())
        }
    }
    .map_err(|e| DbError::Migration(e.to_string()))?;
    let exists = match conn {
        DbConn::Pg(_) => "SELECT CAST(to_regclass('__diesel_schema_migrations') AS TEXT) AS version",
        DbConn::Sqlite(_) => {
            "SELECT name AS version FROM sqlite_master WHERE type = 'table' AND name = '__diesel_schema_migrations'"
        }
    };
    #[derive(diesel::QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        version: Option<String>,
    }
    let found: Vec<Found> = diesel::sql_query(exists)
        .load(conn)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    if !found.iter().any(|f| f.version.is_some()) {
        return Ok(known.is_empty());
    }
    let applied: Vec<Applied> = diesel::sql_query("SELECT version FROM __diesel_schema_migrations")
        .load(conn)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(known
        .iter()
        .all(|k| applied.iter().any(|a| &a.version == k)))
}

/// Runs `work` in a transaction that will write. On SQLite it begins with
/// `BEGIN IMMEDIATE`, taking the write lock at the start: a deferred
/// transaction that reads and then writes is refused at once ("database is
/// locked", without waiting) when another connection wrote in between,
/// whereas an immediate one waits its turn (busy_timeout). Nested calls
/// become savepoints as usual. When `work` fails, its error is returned
/// whatever the rollback does.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    type Manager = <DbConn as Connection>::TransactionManager;
    let outermost = Manager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .map_err(E::from)?
        .is_none();
    match conn {
        DbConn::Sqlite(sqlite) if outermost => {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")
                .map_err(E::from)?;
        }
        _ => Manager::begin_transaction(conn).map_err(E::from)?,
    }
    match work(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn).map_err(E::from)?;
            Ok(value)
        }
        // The work's own error says what went wrong, even when the rollback
        // fails too: SQLite has already rolled back by itself after
        // SQLITE_FULL or an I/O error ("no transaction is active"), and a
        // server that went away rolls back on its side. Nothing was
        // committed either way; a connection whose rollback failed is
        // marked broken and the pool discards it (`Manager::has_broken`).
        Err(error) => {
            if let Err(rollback) = Manager::rollback_transaction(conn) {
                tracing::warn!(error = %rollback, "a failed transaction could not be rolled back");
            }
            Err(error)
        }
    }
}

/// `text` as a LIKE pattern matching it anywhere, its `%`, `_` and `\`
/// taken literally: use with `.escape('\\')`. Both backends then match the
/// same way for text both sides have lower-cased.
pub fn contains_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A cheap round trip, for readiness checks.
pub fn ping(conn: &mut DbConn) -> diesel::QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}

/// The r2d2 manager: connects by scheme and prepares SQLite connections.
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
    /// PostgreSQL's `statement_timeout` on each connection; none for no bound.
    statement_timeout: Option<Duration>,
}

/// A pooled connection, and when it was last known to work: the pool pings
/// a PostgreSQL connection only when that was a while ago
/// (`Manager::is_valid`). Used as the `DbConn` it holds.
pub struct Pooled {
    conn: DbConn,
    known_good: Option<Instant>,
}

/// How long a connection seen working is trusted without a ping. A
/// connection busy with requests is pinged about once a second rather than
/// on every checkout; one that died with its server fails a request or
/// two at most (answered 503, like the outage itself) before its ping finds
/// it out.
const TRUSTED_FOR: Duration = Duration::from_secs(1);

impl Pooled {
    /// Notes how the work just done on the connection went: a success
    /// shows it works; after a failure (maybe the server went away) the
    /// next checkout pings first.
    pub fn worked(&mut self, ok: bool) {
        self.known_good = ok.then(Instant::now);
    }

    fn trusted(&self, now: Instant) -> bool {
        self.known_good
            .is_some_and(|at| now.saturating_duration_since(at) < TRUSTED_FOR)
    }
}

impl std::ops::Deref for Pooled {
    type Target = DbConn;
    fn deref(&self) -> &DbConn {
        &self.conn
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConn {
        &mut self.conn
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = DbError;

    fn connect(&self) -> Result<Pooled, DbError> {
        let mut conn = connect(&self.url)?;
        limit_statements(&mut conn, self.statement_timeout)?;
        Ok(Pooled {
            conn,
            known_good: Some(Instant::now()),
        })
    }

    /// A PostgreSQL connection can die with its server; a SQLite one is a
    /// file handle that cannot, so only PostgreSQL pays a round trip, and
    /// only when the connection has not been seen working for a while.
    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), DbError> {
        if matches!(pooled.conn, DbConn::Pg(_)) && !pooled.trusted(Instant::now()) {
            ping(&mut pooled.conn).map_err(DbError::Setup)?;
            pooled.worked(true);
        }
        Ok(())
    }

    /// A connection left inside a transaction (its rollback failed, e.g.
    /// because the server went away mid-request) is never handed out
    /// again: the next request would run inside someone else's half-done
    /// work. Dead sockets are caught by the ping on checkout.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        use diesel::r2d2::R2D2Connection;
        pooled.conn.is_broken()
    }
}

/// The r2d2 manager for a URL, for a pool built with its own options (the
/// key store's).
pub fn manager(url: &DatabaseUrl) -> Manager {
    Manager {
        url: url.clone(),
        statement_timeout: None,
    }
}

/// Builds the pool lazily: the first connection was already proven by the
/// caller (migrations ran on it), so start-up does not wait on r2d2. On
/// PostgreSQL each statement is cut off after `statement_timeout`.
pub fn pool(url: &DatabaseUrl, max_size: u32, statement_timeout: Option<Duration>) -> Pool {
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        // A PostgreSQL checkout pings first unless the connection was seen
        // working within the last second (see `Manager::is_valid`), so
        // connections that died with the database (an outage, a restart)
        // are replaced, not handed out for long: the service recovers on
        // its own when the database returns.
        .test_on_check_out(true)
        .build_unchecked(Manager {
            url: url.clone(),
            statement_timeout,
        })
}

/// Where the SQLite file lives inside the data folder by default.
pub fn default_sqlite_path(data_dir: &Path) -> PathBuf {
    data_dir.join("coproduce.db")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How often SQLite re-prepared `SELECT … LIMIT ?` over three runs with
    /// a different LIMIT each time, with the stability guarantee on or off.
    fn reprepares_with_changing_limit(stable: bool) -> i32 {
        use libsqlite3_sys as ffi;
        use std::ffi::c_int;
        let mut db = std::ptr::null_mut();
        let mut stmt = std::ptr::null_mut();
        // SAFETY: plain use of the C API on a private in-memory database;
        // every handle is finalised and closed before returning.
        unsafe {
            assert_eq!(
                ffi::sqlite3_open(c":memory:".as_ptr(), &mut db),
                ffi::SQLITE_OK
            );
            let mut on: c_int = -1;
            ffi::sqlite3_db_config(db, ffi::SQLITE_DBCONFIG_ENABLE_QPSG, -1 as c_int, &mut on);
            assert_eq!(on, 1, "new connections get the stability guarantee");
            if !stable {
                let off: c_int = 0;
                ffi::sqlite3_db_config(
                    db,
                    ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                    off,
                    std::ptr::null_mut::<c_int>(),
                );
            }
            let setup =
                c"CREATE TABLE t (x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);";
            assert_eq!(
                ffi::sqlite3_exec(
                    db,
                    setup.as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    std::ptr::null_mut()
                ),
                ffi::SQLITE_OK
            );
            let sql = c"SELECT x FROM t WHERE x > ? ORDER BY x LIMIT ?";
            assert_eq!(
                ffi::sqlite3_prepare_v3(
                    db,
                    sql.as_ptr(),
                    -1,
                    ffi::SQLITE_PREPARE_PERSISTENT,
                    &mut stmt,
                    std::ptr::null_mut()
                ),
                ffi::SQLITE_OK
            );
            for limit in 1..=3 {
                ffi::sqlite3_bind_int(stmt, 1, 0);
                ffi::sqlite3_bind_int(stmt, 2, limit);
                let mut rows = 0;
                while ffi::sqlite3_step(stmt) == ffi::SQLITE_ROW {
                    rows += 1;
                }
                assert_eq!(rows, limit, "the LIMIT bound each time is the one used");
                ffi::sqlite3_reset(stmt);
            }
            let reprepared = ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
            ffi::sqlite3_finalize(stmt);
            ffi::sqlite3_close(db);
            reprepared
        }
    }

    #[test]
    fn cached_statements_stay_prepared_when_their_limit_changes() {
        plan_without_bound_values();
        // Without the guarantee SQLite re-plans on each new LIMIT, which is
        // what made diesel's statement cache useless.
        assert!(reprepares_with_changing_limit(false) > 0);
        assert_eq!(reprepares_with_changing_limit(true), 0);
    }

    #[test]
    fn connections_are_pinged_unless_seen_working_within_the_second() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("t.db"));
        let mut pooled = Pooled {
            conn: connect(&url).unwrap(),
            known_good: None,
        };
        let now = Instant::now();
        assert!(!pooled.trusted(now), "never seen working: ping");
        pooled.worked(true);
        assert!(pooled.trusted(Instant::now()), "just worked: no ping");
        assert!(
            !pooled.trusted(Instant::now() + TRUSTED_FOR),
            "a second later: ping"
        );
        pooled.worked(false);
        assert!(!pooled.trusted(Instant::now()), "just failed: ping");
    }

    #[test]
    fn urls_choose_the_backend_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u:p@h/db").unwrap(),
            DatabaseUrl::Postgres("postgres://u:p@h/db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("./x.db").unwrap(),
            DatabaseUrl::Sqlite("./x.db".into())
        );
        assert!(DatabaseUrl::parse("mysql://h/db")
            .unwrap_err()
            .contains("mysql"));
        assert!(DatabaseUrl::parse("").is_err());
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
    }

    #[test]
    fn postgres_urls_get_keepalives_unless_they_set_their_own() {
        let url = with_keepalives("postgres://u@h/db?keepalives_idle=5&sslmode=require");
        assert!(url.contains("keepalives=1") && url.contains("keepalives_count=3"));
        assert!(url.contains("keepalives_idle=5") && !url.contains("keepalives_idle=30"));
        assert!(url.contains("sslmode=require") && url.contains("connect_timeout=10"));
    }

    #[test]
    fn passwords_never_reach_messages() {
        let url = DatabaseUrl::parse("postgres://me:secret@db/x").unwrap();
        assert!(!url.redacted().contains("secret"));
        assert!(!format!("{url:?}").contains("secret"));
    }
}
