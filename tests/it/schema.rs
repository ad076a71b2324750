//! The two backends' schemas must stay equivalent: the same tables,
//! columns (type, nullability), primary keys, indexes and foreign keys.
//! A migration added to one folder and not the other fails here.

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
