//! `column IN (…)` for a list of ids, written so the statement stays
//! prepared whatever the list's length.
//!
//! Diesel's `eq_any` writes SQLite's `IN (?, ?, …)` with one parameter per
//! value, so every length is a different statement and diesel never caches
//! it: a page listing twenty proposals compiled its tag query afresh on
//! every request. Here SQLite gets the whole list as one JSON parameter
//! (`IN (SELECT value FROM json_each(?))`) and PostgreSQL one array
//! (`= ANY(?)`, as diesel does there), so each query is one statement.

use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Array, Bool, Text};
use diesel::sqlite::Sqlite;
use diesel::QueryResult;

use super::MultiBackend;

/// `column` is one of `values` (never true for an empty list).
pub fn one_of<C, T>(column: C, values: &[T]) -> OneOf<C, T>
where
    C: Expression<SqlType = Text>,
    T: Clone + serde::Serialize,
{
    OneOf {
        column,
        values: values.to_vec(),
        // Ids and strings always serialise; the fallback matches nothing.
        json: serde_json::to_string(values).unwrap_or_else(|_| "[]".into()),
    }
}

#[derive(Debug, Clone)]
pub struct OneOf<C, T> {
    column: C,
    /// For PostgreSQL, bound as one array.
    values: Vec<T>,
    /// For SQLite, bound as one JSON array.
    json: String,
}

impl<C, T> Expression for OneOf<C, T>
where
    C: Expression<SqlType = Text>,
{
    type SqlType = Bool;
}

impl<C, T, QS> AppearsOnTable<QS> for OneOf<C, T> where C: AppearsOnTable<QS, SqlType = Text> {}

impl<C, T, GB> ValidGrouping<GB> for OneOf<C, T>
where
    C: ValidGrouping<GB>,
{
    type IsAggregate = C::IsAggregate;
}

// The values are bound, never part of the SQL, so the statement's identity
// is the column's.
impl<C, T> QueryId for OneOf<C, T>
where
    C: QueryId,
    T: 'static,
{
    type QueryId = OneOf<C::QueryId, T>;
    const HAS_STATIC_QUERY_ID: bool = C::HAS_STATIC_QUERY_ID;
}

impl<C, T> QueryFragment<Sqlite> for OneOf<C, T>
where
    C: QueryFragment<Sqlite>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (SELECT value FROM json_each(");
        out.push_bind_param::<Text, String>(&self.json)?;
        out.push_sql("))");
        Ok(())
    }
}

impl<C, T> QueryFragment<Pg> for OneOf<C, T>
where
    C: QueryFragment<Pg>,
    T: ToSql<Text, Pg> + std::fmt::Debug,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<Array<Text>, Vec<T>>(&self.values)?;
        out.push_sql(")");
        Ok(())
    }
}

impl<C, T> QueryFragment<MultiBackend> for OneOf<C, T>
where
    Self: QueryFragment<Sqlite> + QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::query_builder::QueryId;

    use super::one_of;

    diesel::table! {
        people (id) {
            id -> Text,
        }
    }

    fn query(
        ids: &[&'static str],
    ) -> impl diesel::query_dsl::methods::LoadQuery<'static, SqliteConnection, String>
           + QueryId
           + diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> {
        people::table
            .filter(one_of(people::id, ids))
            .order(people::id)
            .select(people::id)
    }

    #[test]
    fn lists_of_any_length_are_one_statement_that_finds_exactly_the_listed() {
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        diesel::sql_query("CREATE TABLE people (id TEXT PRIMARY KEY)")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query("INSERT INTO people VALUES ('a'), ('b'), ('c'), ('d\"q')")
            .execute(&mut conn)
            .unwrap();
        let sql = |ids: &[&'static str]| {
            diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query(ids))
                .to_string()
                .split(" -- binds")
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(sql(&["a"]), sql(&["a", "b", "c"]));
        assert_eq!(sql(&[]), sql(&["a", "b", "c"]));
        fn static_id<Q: QueryId>(_: &Q) -> bool {
            Q::HAS_STATIC_QUERY_ID
        }
        assert!(static_id(&query(&["a"])), "diesel caches the statement");
        let found = |ids: &[&'static str], conn: &mut SqliteConnection| -> Vec<String> {
            query(ids).load(conn).unwrap()
        };
        assert_eq!(found(&["b", "c", "x"], &mut conn), ["b", "c"]);
        assert_eq!(
            found(&["d\"q"], &mut conn),
            ["d\"q"],
            "quotes survive the JSON"
        );
        assert!(
            found(&[], &mut conn).is_empty(),
            "an empty list matches nothing"
        );
    }
}
