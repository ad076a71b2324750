//! The two backends' schemas must stay equivalent: the same tables,
//! columns (type, nullability), primary keys, indexes and foreign keys.
//! A migration added to one folder and not the other fails here. And every
//! tenant-owned table has tenant_id in its keys and foreign keys, so the
//! PostgreSQL schema can be distributed by tenant with Citus.

use std::collections::BTreeSet;

use crate::common::{Backend, TestApp};
use coproduce::db::DbConn;
use diesel::sql_types::{Bool, Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};

#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// (table, column, type, nullable, part of primary key)
    columns: BTreeSet<(String, String, String, bool, bool)>,
    /// (table, index, unique, columns)
    indexes: BTreeSet<(String, String, bool, String)>,
    /// (table, columns, referenced table, referenced columns)
    foreign_keys: BTreeSet<(String, String, String, String)>,
}

fn canonical_type(raw: &str) -> String {
    let t = raw.to_ascii_lowercase();
    match t.as_str() {
        "text" | "character varying" | "varchar" => "text",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "bigint" | "int8" => "bigint",
        "integer" | "int4" | "int" => "integer",
        "boolean" | "bool" => "bool",
        "bytea" | "blob" | "binary" => "binary",
        "double precision" | "double" | "real" | "float8" => "double",
        other => return format!("unmapped:{other}"),
    }
    .to_owned()
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    #[diesel(column_name = type_)]
    type_: String,
    #[diesel(sql_type = Bool)]
    notnull: bool,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct SqliteIndex {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Bool)]
    unique: bool,
    #[diesel(sql_type = Text)]
    columns: String,
}

#[derive(QueryableByName)]
struct SqliteForeignKey {
    #[diesel(sql_type = Text)]
    from_columns: String,
    #[diesel(sql_type = Text)]
    to_table: String,
    #[diesel(sql_type = Text)]
    to_columns: String,
}

fn sqlite_shape(conn: &mut DbConn) -> Shape {
    let mut shape = Shape::default();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for Name { name: table } in tables {
        let cols: Vec<SqliteColumn> = diesel::sql_query(format!(
            "SELECT name, type AS type_, \"notnull\", pk FROM pragma_table_info('{table}')"
        ))
        .load(conn)
        .unwrap();
        for c in cols {
            shape.columns.insert((
                table.clone(),
                c.name,
                canonical_type(&c.type_),
                !c.notnull && c.pk == 0,
                c.pk > 0,
            ));
        }
        let indexes: Vec<SqliteIndex> = diesel::sql_query(format!(
            "SELECT l.name AS name, l.\"unique\" AS \"unique\", \
               (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) AS columns \
             FROM pragma_index_list('{table}') l WHERE l.origin = 'c'"
        ))
        .load(conn)
        .unwrap();
        for i in indexes {
            shape
                .indexes
                .insert((table.clone(), i.name, i.unique, i.columns));
        }
        let fks: Vec<SqliteForeignKey> = diesel::sql_query(format!(
            "SELECT group_concat(\"from\", ',') AS from_columns, \"table\" AS to_table, \
               group_concat(\"to\", ',') AS to_columns \
             FROM (SELECT * FROM pragma_foreign_key_list('{table}') ORDER BY id, seq) GROUP BY id"
        ))
        .load(conn)
        .unwrap();
        for f in fks {
            shape
                .foreign_keys
                .insert((table.clone(), f.from_columns, f.to_table, f.to_columns));
        }
    }
    shape
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
    #[diesel(sql_type = Bool)]
    pk: bool,
}

#[derive(QueryableByName)]
struct PgIndex {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    index_name: String,
    #[diesel(sql_type = Bool)]
    is_unique: bool,
    #[diesel(sql_type = Text)]
    columns: String,
}

#[derive(QueryableByName)]
struct PgForeignKey {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    from_columns: String,
    #[diesel(sql_type = Text)]
    to_table: String,
    #[diesel(sql_type = Text)]
    to_columns: String,
}

fn postgres_shape(conn: &mut DbConn) -> Shape {
    let mut shape = Shape::default();
    let cols: Vec<PgColumn> = diesel::sql_query(
        "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, \
           c.data_type::text AS data_type, (c.is_nullable = 'YES') AS nullable, \
           EXISTS (SELECT 1 FROM pg_index ix JOIN pg_attribute a \
                     ON a.attrelid = ix.indrelid AND a.attnum = ANY(ix.indkey) \
                   WHERE ix.indisprimary AND ix.indrelid = (quote_ident(c.table_name))::regclass \
                     AND a.attname = c.column_name) AS pk \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_name = c.table_name AND t.table_schema = c.table_schema \
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
           AND c.table_name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for c in cols {
        shape.columns.insert((
            c.table_name,
            c.column_name,
            canonical_type(&c.data_type),
            c.nullable,
            c.pk,
        ));
    }
    let indexes: Vec<PgIndex> = diesel::sql_query(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name, ix.indisunique AS is_unique, \
           string_agg(a.attname::text, ',' ORDER BY k.ord) AS columns \
         FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE n.nspname = 'public' AND NOT ix.indisprimary \
           AND t.relname <> '__diesel_schema_migrations' \
         GROUP BY t.relname, i.relname, ix.indisunique",
    )
    .load(conn)
    .unwrap();
    for i in indexes {
        shape
            .indexes
            .insert((i.table_name, i.index_name, i.is_unique, i.columns));
    }
    let fks: Vec<PgForeignKey> = diesel::sql_query(
        "SELECT c.conrelid::regclass::text AS table_name, \
           (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) \
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS from_columns, \
           c.confrelid::regclass::text AS to_table, \
           (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord) \
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS to_columns \
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
         WHERE c.contype = 'f' AND n.nspname = 'public'",
    )
    .load(conn)
    .unwrap();
    for f in fks {
        shape
            .foreign_keys
            .insert((f.table_name, f.from_columns, f.to_table, f.to_columns));
    }
    shape
}

#[tokio::test]
async fn both_backends_have_the_same_schema() {
    let sqlite = TestApp::spawn(Backend::Sqlite).await;
    let postgres = TestApp::spawn(Backend::Postgres).await;
    let s = sqlite.db(sqlite_shape).await;
    let p = postgres.db(postgres_shape).await;

    assert!(!s.columns.is_empty(), "the SQLite schema was read");
    assert!(s.columns.iter().any(|c| c.0 == "tenants"));
    assert_same("columns", &s.columns, &p.columns);
    assert_same("indexes", &s.indexes, &p.indexes);
    assert_same("foreign keys", &s.foreign_keys, &p.foreign_keys);
    for (_, _, ty, _, _) in &s.columns {
        assert!(!ty.starts_with("unmapped"), "non-portable column type {ty}");
    }
}

fn assert_same<T: Ord + std::fmt::Debug>(
    label: &str,
    sqlite: &BTreeSet<T>,
    postgres: &BTreeSet<T>,
) {
    let only_s: Vec<&T> = sqlite.difference(postgres).collect();
    let only_p: Vec<&T> = postgres.difference(sqlite).collect();
    assert!(
        only_s.is_empty() && only_p.is_empty(),
        "{label} differ.\nOnly in SQLite: {only_s:#?}\nOnly in PostgreSQL: {only_p:#?}"
    );
}

/// The tables `deploy/postgres/citus.sql` distributes by tenant and those
/// it copies to every node, in the order it lists them.
fn citus_lists() -> (Vec<String>, Vec<String>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/postgres/citus.sql");
    let sql = std::fs::read_to_string(path).expect("deploy/postgres/citus.sql");
    let (mut distributed, mut reference) = (Vec::new(), Vec::new());
    for line in sql.lines().filter(|l| !l.trim_start().starts_with("--")) {
        let named = |call: &str| {
            line.split(call)
                .nth(1)
                .map(|rest| rest.split('\'').next().unwrap_or_default().to_owned())
        };
        if let Some(table) = named("create_distributed_table('") {
            assert!(
                line.contains(&format!("'{table}', 'tenant_id'")),
                "citus.sql must distribute {table} by tenant_id: {line}"
            );
            distributed.push(table);
        } else if let Some(table) = named("create_reference_table('") {
            reference.push(table);
        }
    }
    (distributed, reference)
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Key {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    key: String,
    /// Where tenant_id is among the key's columns (1-based), 0 if absent.
    #[diesel(sql_type = Integer)]
    tenant_at: i32,
}

#[derive(QueryableByName)]
struct Reference {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    to_table: String,
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = Integer)]
    tenant_at: i32,
    /// The referenced column at tenant_id's position, if tenant_id is there.
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    referenced: Option<String>,
}

/// What keeps the PostgreSQL schema from being distributed by tenant_id
/// with Citus as `citus.sql` says: a table in neither list (or in both), a
/// distributed table without a non-null tenant_id, a primary key, unique
/// index or foreign key without tenant_id (or one that pairs it with
/// another column), or a table listed before a table it refers to.
fn citus_problems(conn: &mut DbConn, distributed: &[String], reference: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let tables: Vec<Named> = diesel::sql_query(
        "SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    let tables: BTreeSet<String> = tables.into_iter().map(|t| t.name).collect();
    let listed: Vec<&String> = reference.iter().chain(distributed).collect();
    for t in &tables {
        match listed.iter().filter(|l| **l == t).count() {
            0 => problems.push(format!("{t}: not in citus.sql (a tenant-owned table is distributed by tenant_id, a shared one is a reference table)")),
            1 => {}
            _ => problems.push(format!("{t}: listed more than once in citus.sql")),
        }
    }
    for l in &listed {
        if !tables.contains(*l) {
            problems.push(format!("{l}: in citus.sql but not in the schema"));
        }
    }
    let with_tenant: Vec<Named> = diesel::sql_query(
        "SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnotnull \
         WHERE n.nspname = 'public' AND c.relkind = 'r'",
    )
    .load(conn)
    .unwrap();
    let with_tenant: BTreeSet<String> = with_tenant.into_iter().map(|t| t.name).collect();
    let with_pk: Vec<Named> = diesel::sql_query(
        "SELECT conrelid::regclass::text AS name FROM pg_constraint WHERE contype = 'p'",
    )
    .load(conn)
    .unwrap();
    let with_pk: BTreeSet<String> = with_pk.into_iter().map(|t| t.name).collect();
    for t in distributed {
        if !with_tenant.contains(t) {
            problems.push(format!(
                "{t}: distributed but has no NOT NULL tenant_id column"
            ));
        }
        if !with_pk.contains(t) {
            problems.push(format!("{t}: has no primary key"));
        }
    }
    // Every unique index (primary keys and unique constraints have one).
    let keys: Vec<Key> = diesel::sql_query(
        "SELECT t.relname::text AS table_name, i.relname::text AS key, \
           COALESCE((SELECT k.ord::int FROM unnest(ix.indkey) WITH ORDINALITY k(n, ord) \
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n \
              WHERE a.attname = 'tenant_id'), 0) AS tenant_at \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND ix.indisunique",
    )
    .load(conn)
    .unwrap();
    for k in keys.iter().filter(|k| distributed.contains(&k.table_name)) {
        if k.tenant_at == 0 {
            problems.push(format!(
                "{}: unique key {} lacks tenant_id",
                k.table_name, k.key
            ));
        }
    }
    let references: Vec<Reference> = diesel::sql_query(
        "SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS to_table, \
           c.conname::text AS key, \
           COALESCE((SELECT k.ord::int FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) \
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n \
              WHERE a.attname = 'tenant_id'), 0) AS tenant_at, \
           (SELECT a.attname::text FROM unnest(c.conkey, c.confkey) k(n, m) \
              JOIN pg_attribute f ON f.attrelid = c.conrelid AND f.attnum = k.n AND f.attname = 'tenant_id' \
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.m) AS referenced \
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
         WHERE c.contype = 'f' AND n.nspname = 'public'",
    )
    .load(conn)
    .unwrap();
    let position = |t: &str| listed.iter().position(|l| *l == t);
    for r in &references {
        if distributed.contains(&r.table_name) {
            if r.tenant_at == 0 {
                problems.push(format!(
                    "{}: foreign key {} to {} lacks tenant_id",
                    r.table_name, r.key, r.to_table
                ));
            } else if distributed.contains(&r.to_table)
                && r.referenced.as_deref() != Some("tenant_id")
            {
                problems.push(format!(
                    "{}: foreign key {} pairs tenant_id with {:?} of {}",
                    r.table_name, r.key, r.referenced, r.to_table
                ));
            }
        } else if distributed.contains(&r.to_table) {
            problems.push(format!(
                "{}: a reference table cannot refer to the distributed table {}",
                r.table_name, r.to_table
            ));
        }
        if let (Some(from), Some(to)) = (position(&r.table_name), position(&r.to_table)) {
            if r.table_name != r.to_table && to > from {
                problems.push(format!(
                    "{}: listed in citus.sql before {}, which it refers to",
                    r.table_name, r.to_table
                ));
            }
        }
    }
    problems
}

/// The scale-out path (deploy/README.md): every tenant-owned table can be
/// distributed by tenant_id with Citus exactly as deploy/postgres/citus.sql
/// says. A new table without tenant_id in its keys and foreign keys, or
/// missing from citus.sql, fails here.
#[tokio::test]
async fn every_tenant_owned_table_is_keyed_by_tenant_for_citus() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let (distributed, reference) = citus_lists();
    assert!(
        distributed.len() > 50,
        "citus.sql lists the tables: {distributed:?}"
    );
    assert_eq!(reference, ["tenants", "tenant_hosts"]);
    let (d, r) = (distributed.clone(), reference.clone());
    let problems = app.db(move |conn| citus_problems(conn, &d, &r)).await;
    assert!(
        problems.is_empty(),
        "the schema cannot be distributed by tenant:\n{}",
        problems.join("\n")
    );

    // The check sees a table that breaks the rule, and one citus.sql misses.
    let problems = app
        .db(move |conn| {
            diesel::sql_query(
                "CREATE TABLE rogue_notes (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id), \
                   proposal_id TEXT NOT NULL, note TEXT NOT NULL)",
            )
            .execute(conn)
            .unwrap();
            diesel::sql_query("CREATE TABLE stray (id TEXT PRIMARY KEY)").execute(conn).unwrap();
            let mut with_rogue = distributed.clone();
            with_rogue.push("rogue_notes".into());
            citus_problems(conn, &with_rogue, &reference)
        })
        .await;
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("rogue_notes: unique key rogue_notes_pkey lacks tenant_id")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("stray: not in citus.sql")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
}
