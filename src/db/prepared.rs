//! Statements kept prepared that diesel would prepare afresh every time.
//!
//! Diesel keeps a statement prepared only when it can tell from the query's
//! type that its SQL never varies. It cannot tell for an `UPDATE`, for any
//! single-row `INSERT` on PostgreSQL, for `ON CONFLICT … DO UPDATE`, or for
//! a query holding a `sql()` fragment, so those were parsed and planned on
//! every execution, however hot. [`prepared`] marks a query whose SQL comes
//! from a few fixed shapes in our code; diesel then caches it by its text,
//! which is right whatever the query holds. Never for text that grows with
//! data (an `IN` list of one parameter per value, a batch insert): every
//! length would be a statement kept for the connection's life.
//!
//! On PostgreSQL, diesel's `execute` asks whether a statement may be kept
//! through a reference to it, and a reference answers by walking the
//! statement, not by asking [`Prepared`]: every `UPDATE`, every
//! `ON CONFLICT` and every single-row `INSERT` marks itself unkeepable on
//! the way, so they stayed `<unnamed>` there, wrapped or not. A statement
//! that returns rows is asked directly. [`execute_prepared`] therefore runs
//! a write on PostgreSQL as `… RETURNING TRUE` and counts the rows.
//!
//! [`first_rows`] also writes a list's page size into the SQL. PostgreSQL
//! plans a prepared statement once for all parameters (the generic plan)
//! only when that plan looks no worse than one made for the values at
//! hand. With the page size bound, the generic plan of a list guessed a
//! tenth of the table would be read, judged itself worse, and every
//! execution was planned afresh (29% of PostgreSQL's time on the API list).
//! With the size in the SQL, the generic plan is the custom plan and is
//! made once per connection. Only the sizes the code asks for itself are
//! written in, and the offset stays bound, so the statements stay few.

use diesel::backend::Backend;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Bool};
use diesel::{PgConnection, QueryResult, RunQueryDsl};

use super::{DbConn, MultiBackend};

/// `query`, kept prepared (see the module's doc for when that is right).
pub fn prepared<Q>(query: Q) -> Prepared<Q> {
    Prepared(query)
}

#[derive(Debug, Clone)]
pub struct Prepared<Q>(Q);

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

// No static identity: diesel then caches the statement by its SQL text,
// which stays right even where the type alone would not say it all.
impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, C> diesel::RunQueryDsl<C> for Prepared<Q> {}

impl<Q, DB> QueryFragment<DB> for Prepared<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(out)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        Ok(true)
    }
}

/// Runs a write (`INSERT`, `UPDATE`, `DELETE`) kept prepared on either
/// database and returns how many rows it changed.
pub fn execute_prepared<Q>(conn: &mut DbConn, query: Q) -> QueryResult<usize>
where
    Q: QueryFragment<MultiBackend>,
{
    if matches!(conn, DbConn::Pg(_)) {
        Ok(prepared(Counted(query)).load::<bool>(conn)?.len())
    } else {
        prepared(query).execute(conn)
    }
}

/// [`execute_prepared`] for a statement only PostgreSQL speaks (an
/// `ON CONFLICT` clause).
pub fn execute_prepared_pg<Q>(pg: &mut PgConnection, query: Q) -> QueryResult<usize>
where
    Q: QueryFragment<Pg>,
{
    Ok(prepared(Counted(query)).load::<bool>(pg)?.len())
}

/// A write that answers `TRUE` for each row it changed.
#[derive(Debug, Clone)]
pub struct Counted<Q>(Q);

impl<Q> Query for Counted<Q> {
    type SqlType = Bool;
}

impl<Q, DB> QueryFragment<DB> for Counted<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(" RETURNING TRUE");
        Ok(())
    }
}

/// How many rows a page takes.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    /// Written into the SQL: for the few sizes the code itself asks for
    /// (a list's default page), each a statement of its own.
    Usual(u32),
    /// Bound: any size a caller chose, all one statement.
    Chosen(i64),
}

/// `query LIMIT rows [OFFSET skip]`, kept prepared.
pub fn first_rows<Q>(query: Q, rows: Rows, skip: i64) -> Prepared<FirstRows<Q>> {
    prepared(FirstRows { query, rows, skip })
}

#[derive(Debug, Clone)]
pub struct FirstRows<Q> {
    query: Q,
    rows: Rows,
    skip: i64,
}

impl<Q: Query> Query for FirstRows<Q> {
    type SqlType = Q::SqlType;
}

impl<Q> QueryFragment<MultiBackend> for FirstRows<Q>
where
    Q: QueryFragment<MultiBackend>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        self.query.walk_ast(out.reborrow())?;
        out.push_sql(" LIMIT ");
        match &self.rows {
            Rows::Usual(n) => out.push_sql(&n.to_string()),
            Rows::Chosen(n) => out.push_bind_param::<BigInt, i64>(n)?,
        }
        if self.skip != 0 {
            out.push_sql(" OFFSET ");
            out.push_bind_param::<BigInt, i64>(&self.skip)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::query_builder::QueryFragment;
    use diesel::sqlite::Sqlite;

    use super::{first_rows, prepared, Rows};
    use crate::db::DbConn;

    diesel::table! {
        numbers (n) {
            n -> BigInt,
        }
    }

    #[test]
    fn a_prepared_update_is_kept_where_diesel_would_prepare_it_every_time() {
        let update = || diesel::update(numbers::table).set(numbers::n.eq(numbers::n + 1));
        let kept = |q: &dyn QueryFragment<Sqlite>| q.is_safe_to_cache_prepared(&Sqlite).unwrap();
        assert!(!kept(&update()), "diesel alone prepares an UPDATE afresh");
        assert!(kept(&prepared(update())));
    }

    #[test]
    fn first_rows_takes_the_page_asked_for_with_the_size_written_in_or_bound() {
        let mut conn = DbConn::Sqlite(SqliteConnection::establish(":memory:").unwrap());
        diesel::sql_query("CREATE TABLE numbers (n INTEGER PRIMARY KEY)")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query("INSERT INTO numbers VALUES (1), (2), (3), (4), (5)")
            .execute(&mut conn)
            .unwrap();
        let mut page = |rows: Rows, skip: i64| -> Vec<i64> {
            let all = numbers::table.order(numbers::n).select(numbers::n);
            first_rows(all.into_boxed(), rows, skip)
                .load(&mut conn)
                .unwrap()
        };
        assert_eq!(page(Rows::Usual(2), 0), [1, 2]);
        assert_eq!(page(Rows::Chosen(2), 2), [3, 4]);
        assert_eq!(page(Rows::Usual(3), 3), [4, 5]);
        assert_eq!(page(Rows::Chosen(10), 0), [1, 2, 3, 4, 5]);
        assert!(page(Rows::Usual(2), 5).is_empty());
    }
}
