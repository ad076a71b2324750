//! ASVS 13.2.2 on PostgreSQL: the server can run with a database role that
//! reads and writes but cannot change the schema, while `coproduce migrate`
//! connects as the schema's owner (`COPRODUCE_MIGRATE_DATABASE_URL`). With
//! migrating at start off, `serve` refuses clearly while the schema is
//! behind and never half-migrates it.

use coproduce::db::{self, DatabaseUrl};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::cli::coproduce;
use crate::common::{test_settings, Backend, TestDb};

/// The tables in the database's `public` schema.
fn tables(url: &DatabaseUrl) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = db::connect(url).expect("database");
    diesel::sql_query(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .get_result::<Count>(&mut conn)
    .expect("a count")
    .n
}

/// Builds the app as `serve` does; its start-up error, if any.
fn start(settings: coproduce::config::Settings) -> Result<(), String> {
    std::thread::spawn(move || {
        actix_web::rt::System::new()
            .block_on(async move { coproduce::App::build(settings).map(drop) })
            .map_err(|e| e.to_string())
    })
    .join()
    .expect("the start-up thread finished")
}

#[test]
fn serve_runs_with_a_role_that_cannot_change_the_schema() {
    let (test_db, owner, data_dir) = TestDb::create(Backend::Postgres);
    let TestDb::Postgres(pg) = &test_db else {
        unreachable!("a PostgreSQL test database")
    };
    let role = format!("{}_runtime", pg.name);
    {
        // As the owner: a login role that may use the schema, read and write
        // every table created from now on, and nothing more.
        let mut conn = db::connect(&owner).expect("database");
        conn.batch_execute(&format!(
            "CREATE ROLE {role} LOGIN;
             REVOKE CREATE ON SCHEMA public FROM PUBLIC;
             GRANT USAGE ON SCHEMA public TO {role};
             ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
             ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};"
        ))
        .expect("the runtime role is made");
    }
    let mut runtime_url = url::Url::parse(&owner.expose()).unwrap();
    runtime_url.set_username(&role).unwrap();
    let runtime = DatabaseUrl::Postgres(runtime_url.to_string());
    let mut settings = test_settings(runtime.clone(), data_dir.path());

    // Migrating at start with a role that cannot create tables fails, and
    // leaves nothing behind.
    let refused = start(settings.clone()).expect_err("no schema changes as the runtime role");
    assert!(refused.contains("migrat"), "{refused}");
    assert_eq!(tables(&owner), 0, "nothing half-migrated");

    // With migrating off, serve refuses while the schema is behind and says
    // what to run.
    settings.migrate_on_start = false;
    let refused = start(settings.clone()).expect_err("the schema is behind");
    assert!(
        refused.contains("coproduce migrate") && refused.contains("COPRODUCE_MIGRATE_DATABASE_URL"),
        "{refused}"
    );
    assert_eq!(tables(&owner), 0, "nothing migrated");

    // `coproduce migrate` connects as the owner when told to.
    let out = coproduce()
        .arg("--data-dir")
        .arg(data_dir.path())
        .arg("--database-url")
        .arg(runtime.expose())
        .env("COPRODUCE_MIGRATE_DATABASE_URL", owner.expose())
        .arg("migrate")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Applied") && !said.contains(&role), "{said}");
    assert!(tables(&owner) > 10);

    // Now serve starts as the runtime role and writes, and that role still
    // cannot change the schema.
    start(settings).expect("serve starts on a current schema");
    let mut conn = db::connect(&runtime).expect("the runtime role connects");
    let created =
        coproduce::tenancy::service::ensure_default(&mut conn).expect("the runtime role writes");
    assert!(created.is_some());
    let ddl = diesel::sql_query("CREATE TABLE intruder (id int)").execute(&mut conn);
    assert!(ddl.is_err(), "the runtime role cannot create tables");
    drop(conn);

    // The role outlives its database otherwise.
    let mut conn = db::connect(&owner).expect("database");
    conn.batch_execute(&format!("DROP OWNED BY {role}"))
        .unwrap();
    drop(conn);
    drop(test_db);
    let mut admin = diesel::PgConnection::establish(&crate::common::pg::admin_url()).unwrap();
    diesel::sql_query(format!("DROP ROLE IF EXISTS {role}"))
        .execute(&mut admin)
        .unwrap();
}
