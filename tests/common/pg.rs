//! A PostgreSQL database per test, created on the server named by
//! `TEST_DATABASE_URL` (default: the local server, user `postgres`) and
//! dropped when the test ends. PostgreSQL must be running: the test command
//! starts it, and a test fails loudly rather than skipping when it is not.
//!
//! A test app's database is copied from a template the process migrates
//! once: copying is about a third of the cost of migrating each database,
//! over some three hundred PostgreSQL tests. Tests of migrating itself ask
//! for an empty database.
//!
//! With `TEST_PG_TABLESPACE` set, every database is created in that
//! tablespace. `scripts/test` points it at a folder in `/dev/shm` when the
//! server is on this machine: creating a database writes some 400 files,
//! and on an ext4 without a journal, allocating inodes next to hundreds of
//! just-deleted ones took 0.25 to 0.6 s a database, against 0.12 s on
//! tmpfs. What the tests check does not change: durability has its own
//! check (`scripts/crash-test`), on disk.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, OnceLock};

use diesel::{Connection, PgConnection, RunQueryDsl};

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const PREFIX: &str = "coproduce_test_";

pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

fn admin() -> PgConnection {
    let url = admin_url();
    PgConnection::establish(&url).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL is not reachable at {url} ({e}). Start it (`bash scripts/test` does) or set TEST_DATABASE_URL."
        )
    })
}

/// A database that exists for one test.
pub struct PgTestDb {
    pub name: String,
    pub url: String,
}

impl PgTestDb {
    /// An empty database.
    pub fn create() -> PgTestDb {
        Self::copy_of("template1")
    }

    /// A database with every migration applied, as the app would leave it.
    pub fn migrated() -> PgTestDb {
        static TEMPLATE: OnceLock<String> = OnceLock::new();
        let template = TEMPLATE.get_or_init(|| {
            let template = PgTestDb::create();
            let mut conn =
                coproduce::db::connect(&coproduce::db::DatabaseUrl::Postgres(template.url.clone()))
                    .expect("the template database");
            coproduce::db::migrate(&mut conn).expect("the template migrates");
            // No copy can be made while anyone is connected to its template.
            drop(conn);
            // The template outlives every test: it is dropped as the process
            // exits (and by the next run, should this one be killed).
            extern "C" fn drop_template() {
                if let Some(name) = TEMPLATE.get() {
                    drop_database(name);
                }
            }
            // SAFETY: registers a function with no arguments that lives as
            // long as the process.
            unsafe { libc::atexit(drop_template) };
            let name = template.name.clone();
            std::mem::forget(template);
            name
        });
        Self::copy_of(template)
    }

    fn copy_of(template: &str) -> PgTestDb {
        static CLEAN: Once = Once::new();
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        CLEAN.call_once(drop_stale_databases);
        let name = format!(
            "{PREFIX}{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let mut conn = admin();
        let tablespace = tablespace_clause();
        diesel::sql_query(format!(
            "CREATE DATABASE {name} TEMPLATE {template}{tablespace}"
        ))
        .execute(&mut conn)
        .unwrap_or_else(|e| panic!("could not create {name}: {e}"));
        let mut url = url::Url::parse(&admin_url()).expect("TEST_DATABASE_URL is a URL");
        url.set_path(&name);
        PgTestDb {
            name,
            url: url.to_string(),
        }
    }
}

/// ` TABLESPACE name` from `TEST_PG_TABLESPACE`, or nothing; read once.
fn tablespace_clause() -> &'static str {
    static CLAUSE: OnceLock<String> = OnceLock::new();
    CLAUSE.get_or_init(|| match std::env::var("TEST_PG_TABLESPACE") {
        Ok(t) if !t.is_empty() => {
            assert!(
                t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "TEST_PG_TABLESPACE is a plain name, not `{t}`"
            );
            format!(" TABLESPACE {t}")
        }
        _ => String::new(),
    })
}

fn drop_database(name: &str) {
    if let Ok(mut conn) = PgConnection::establish(&admin_url()) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn);
    }
}

impl Drop for PgTestDb {
    fn drop(&mut self) {
        drop_database(&self.name);
    }
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    datname: String,
}

/// Drops databases left by test processes that no longer run (a test run
/// that was killed cannot clean up after itself).
fn drop_stale_databases() {
    let mut conn = admin();
    let names: Vec<Name> = diesel::sql_query(format!(
        "SELECT datname FROM pg_database WHERE datname LIKE '{PREFIX}%'"
    ))
    .load(&mut conn)
    .unwrap_or_default();
    for Name { datname } in names {
        let pid = datname
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {datname} WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}
