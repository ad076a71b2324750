//! Loading a place's postcodes (`coproduce postcodes import`).
//!
//! The file is either one postcode per line, or CSV whose header line
//! names a `postcode` column (other columns are ignored). Each postcode is
//! normalised (upper case, one space before the last three characters); a
//! line that is not a postcode is rejected with its line number and reason
//! and the others go on. Postcodes already listed are left as they are,
//! so the same file can be imported again.

use std::collections::HashSet;
use std::io::Read;

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;

use super::model::Postcode;
use crate::audit::{self, Event, Kind};
use crate::db::ids::TenantId;
use crate::db::schema::postcodes;
use crate::db::{write_transaction, DbConn};
use crate::error::Result;
use crate::places::import::{unify_line_breaks, Lines};

/// Postcodes written per transaction.
const BATCH: usize = 500;

pub use crate::places::import::Rejected;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub added: u64,
    /// Already in the place's list (or twice in the file).
    pub unchanged: u64,
    pub rejected: Vec<Rejected>,
}

/// One postcode as read, with its line.
pub struct Row {
    line: u64,
    raw: String,
}

impl Row {
    /// The line of the file it was on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The postcode as written (trimmed), before it is checked.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

/// Reads the whole file first, so the progress bar knows the count and a
/// CSV file without a `postcode` column is refused before anything changes.
pub fn read(mut input: impl Read) -> std::result::Result<Vec<Row>, String> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file as text: {e}"))?;
    let text = String::from_utf8(unify_line_breaks(&bytes))
        .map_err(|e| format!("cannot read the file as text: {e}"))?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let is_csv = first.contains(',')
        || first
            .trim()
            .trim_matches('"')
            .eq_ignore_ascii_case("postcode");
    if !is_csv {
        return Ok(text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| Row {
                line: i as u64 + 1,
                raw: l.trim().to_owned(),
            })
            .collect());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the header line: {e}"))?
        .clone();
    let column = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("postcode"))
        .ok_or("the first line names columns but none is called `postcode`")?;
    let mut rows = Vec::new();
    let mut lines = Lines::new(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| format!("cannot read the file: {e}"))?;
        let line = lines.of(record.position().map_or(0, |p| p.byte()));
        let raw = record.get(column).unwrap_or("").trim().to_owned();
        if raw.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows.push(Row { line, raw });
    }
    Ok(rows)
}

/// Adds the rows' postcodes to the place's list, calling `done` after each.
pub fn import(
    conn: &mut DbConn,
    tenant: &TenantId,
    rows: &[Row],
    mut done: impl FnMut(),
) -> Result<Summary> {
    let mut seen: HashSet<String> = postcodes::table
        .filter(postcodes::tenant_id.eq(tenant))
        .select(postcodes::postcode)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut summary = Summary::default();
    let mut batch: Vec<String> = Vec::with_capacity(BATCH);
    let flush = |conn: &mut DbConn, batch: &mut Vec<String>| -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let at = Utc::now().naive_utc();
        write_transaction(conn, |conn| {
            for postcode in batch.iter() {
                diesel::insert_into(postcodes::table)
                    .values((
                        postcodes::tenant_id.eq(tenant),
                        postcodes::postcode.eq(postcode),
                        postcodes::created_at.eq(at),
                    ))
                    .execute(conn)?;
            }
            Ok::<_, crate::error::Error>(())
        })?;
        batch.clear();
        Ok(())
    };
    for row in rows {
        match Postcode::parse(&row.raw) {
            Ok(postcode) => {
                if seen.insert(postcode.as_str().to_owned()) {
                    batch.push(postcode.as_str().to_owned());
                    summary.added += 1;
                } else {
                    summary.unchanged += 1;
                }
            }
            Err(e) => summary.rejected.push(Rejected {
                line: row.line,
                reason: format!("`{}`: {}", row.raw, e.message),
            }),
        }
        if batch.len() >= BATCH {
            flush(conn, &mut batch)?;
        }
        done();
    }
    flush(conn, &mut batch)?;
    write_transaction(conn, |conn| {
        audit::service::record(
            conn,
            tenant,
            Event::new(Kind::PostcodesImported).detail(json!({
                "added": summary.added,
                "unchanged": summary.unchanged,
                "rejected": summary.rejected.len(),
            })),
        )
    })?;
    Ok(summary)
}

/// Removes every postcode of the place; returns how many there were.
/// Verifications already made stay.
pub fn clear(conn: &mut DbConn, tenant: &TenantId) -> Result<usize> {
    Ok(diesel::delete(postcodes::table.filter(postcodes::tenant_id.eq(tenant))).execute(conn)?)
}

/// How many postcodes the place lists.
pub fn count(conn: &mut DbConn, tenant: &TenantId) -> Result<i64> {
    Ok(postcodes::table
        .filter(postcodes::tenant_id.eq(tenant))
        .count()
        .get_result(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_whatever_the_line_breaks() {
        for br in ["\n", "\r\n", "\r"] {
            let list = ["SW1A 1AA", "", "ec1a1bb"].join(br);
            let csv = ["area,postcode", "x,SW1A 1AA", "", "y,ec1a1bb"].join(br);
            for (file, first) in [(list, 1), (csv, 2)] {
                let rows = read(file.as_bytes()).unwrap();
                let lines: Vec<(u64, &str)> = rows.iter().map(|r| (r.line(), r.raw())).collect();
                assert_eq!(
                    lines,
                    [(first, "SW1A 1AA"), (first + 2, "ec1a1bb")],
                    "breaks {br:?} in {file:?}"
                );
            }
        }
    }
}
