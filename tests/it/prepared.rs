//! Hot writes stay prepared: on PostgreSQL a statement diesel would send
//! as `<unnamed>` every time is parsed and planned every time, which was a
//! large share of a support's or a ballot's cost.

use crate::both_backends;
use crate::common::{Backend, TestDb};
use coproduce::db::{connect, execute_prepared, DbConn};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

both_backends! {
    async fn a_write_says_how_many_rows_it_changed_and_postgres_prepares_it_once(backend b) {
        let (_db, url, _dir) = TestDb::create(b);
        let mut conn = connect(&url).expect("connects");
        diesel::sql_query("CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)")
            .execute(&mut conn)
            .unwrap();
        let add = |conn: &mut DbConn, name: &str| {
            execute_prepared(
                conn,
                diesel::insert_into(counters::table)
                    .values((counters::name.eq(name.to_owned()), counters::value.eq(0))),
            )
            .unwrap()
        };
        assert_eq!(add(&mut conn, "a"), 1);
        assert_eq!(add(&mut conn, "b"), 1);
        let bump = |conn: &mut DbConn, name: &str| {
            execute_prepared(
                conn,
                diesel::update(counters::table.find(name.to_owned()))
                    .set(counters::value.eq(counters::value + 1)),
            )
            .unwrap()
        };
        assert_eq!(bump(&mut conn, "a"), 1);
        assert_eq!(bump(&mut conn, "a"), 1);
        assert_eq!(bump(&mut conn, "nobody"), 0, "no row, no change");
        let everyone = execute_prepared(
            &mut conn,
            diesel::update(counters::table).set(counters::value.eq(counters::value + 10)),
        )
        .unwrap();
        assert_eq!(everyone, 2);
        let values: Vec<(String, i64)> = counters::table.order(counters::name).load(&mut conn).unwrap();
        assert_eq!(values, [("a".to_owned(), 12), ("b".to_owned(), 10)]);
        if b == Backend::Postgres {
            let mut kept = |sql: &str| {
                diesel::sql_query(
                    "SELECT count(*) AS n FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE $1",
                )
                .bind::<diesel::sql_types::Text, _>(format!("{sql}%"))
                .get_result::<Count>(&mut conn)
                .unwrap()
                .n
            };
            assert_eq!(kept("INSERT INTO \"counters\""), 1, "two inserts, one statement kept");
            assert_eq!(kept("UPDATE \"counters\" SET \"value\" = (\"counters\".\"value\" + $1) WHERE"), 1);
            assert_eq!(kept("UPDATE \"counters\" SET \"value\" = (\"counters\".\"value\" + $1) RETURNING"), 1);
        }
    }
}
