//! Loading many areas at once from CSV (`coproduce areas import`).
//!
//! Columns, by header name: `name,parent,kind,description,latitude,longitude`
//! (only `name` is required; the header line is). `parent` is the name of
//! an area already in the place or on an earlier line, so parents come
//! first. Each row is created, or updates the area of the same name under
//! the same parent; a row that breaks a rule is rejected with its line
//! number and reason and the others go on. Each row is its own transaction,
//! checked by the same service as the pages and the API.

use std::io::Read;

use super::model::{AreaChanges, NewArea};
use super::service;
use crate::db::ids::TenantId;
use crate::db::DbConn;
use crate::error::{Error, Result};

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The line of the file, from 1 (the header).
    pub line: u64,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub created: u64,
    pub updated: u64,
    pub rejected: Vec<Rejected>,
}

/// One row as read, with its line.
pub struct Row {
    line: u64,
    fields: [String; 6],
}

impl Row {
    /// The line of the file it was on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Its fields, trimmed, in the order of [`COLUMNS`] (empty when the
    /// file has no such column).
    pub fn fields(&self) -> &[String; 6] {
        &self.fields
    }
}

/// The columns a file may name, in the order [`Row::fields`] gives them.
pub const COLUMNS: [&str; 6] = [
    "name",
    "parent",
    "kind",
    "description",
    "latitude",
    "longitude",
];

/// Reads the whole file first, so the progress bar knows the count and a
/// file that is not CSV is refused before anything changes.
pub fn read(mut input: impl Read) -> std::result::Result<Vec<Row>, String> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let bytes = unify_line_breaks(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the header line: {e}"))?
        .clone();
    let position = |column: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(column))
    };
    let positions: Vec<Option<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
    if positions[0].is_none() {
        return Err(format!(
            "the first line must name the columns: {}",
            COLUMNS.join(",")
        ));
    }
    let mut rows = Vec::new();
    let mut lines = Lines::new(&bytes);
    for record in reader.records() {
        let record = record.map_err(|e| format!("cannot read the file: {e}"))?;
        let line = lines.of(record.position().map_or(0, |p| p.byte()));
        let field = |i: usize| {
            positions[i]
                .and_then(|p| record.get(p))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        rows.push(Row {
            line,
            fields: [field(0), field(1), field(2), field(3), field(4), field(5)],
        });
    }
    Ok(rows)
}

/// The file with every line break as `\n`. Files saved on old Macs (and by
/// some spreadsheets) end lines with a lone `\r`, which the CSV reader
/// takes as a record end but does not count as a line, so every row would
/// be reported as on line 1. Shared by every importer, so a row's line is
/// the one an editor shows whatever wrote the file.
pub fn unify_line_breaks(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut bytes = bytes.iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\r' {
            // `\r\n` is one break, not two.
            bytes.next_if_eq(&&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
}

/// Line numbers from byte offsets, for records read in order from the
/// same (unified) bytes. The CSV reader's own count skips blank lines.
pub struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line (from 1) of the byte at `offset`, at or after the last one asked.
    pub fn of(&mut self, offset: u64) -> u64 {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .clamp(self.at, self.bytes.len());
        // The reader places a record after blank lines at their start.
        let blank = self.bytes[offset..]
            .iter()
            .take_while(|b| **b == b'\n')
            .count();
        let offset = offset + blank;
        self.line += self.bytes[self.at..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.at = offset;
        self.line
    }
}

/// Imports the rows into the tenant's areas, calling `done` after each.
pub fn import(
    conn: &mut DbConn,
    tenant: &TenantId,
    rows: &[Row],
    mut done: impl FnMut(),
) -> Result<Summary> {
    let mut summary = Summary::default();
    for row in rows {
        match import_row(conn, tenant, row) {
            Ok(true) => summary.created += 1,
            Ok(false) => summary.updated += 1,
            Err(Error::Validation(errors)) => summary.rejected.push(Rejected {
                line: row.line,
                reason: errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            }),
            Err(Error::Conflict { message, .. }) => summary.rejected.push(Rejected {
                line: row.line,
                reason: message.to_string(),
            }),
            // The database failing is not the row's fault: stop.
            Err(other) => return Err(other),
        }
        done();
    }
    Ok(summary)
}

/// Creates (true) or updates (false) the row's area.
fn import_row(conn: &mut DbConn, tenant: &TenantId, row: &Row) -> Result<bool> {
    let [name, parent, kind, description, latitude, longitude] = &row.fields;
    let coordinate = |field: &str, raw: &str| -> Result<Option<f64>> {
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<f64>().map(Some).map_err(|_| {
            Error::field(
                field,
                "invalid",
                format!("`{raw}` is not a number of degrees"),
            )
        })
    };
    let latitude = coordinate("latitude", latitude)?;
    let longitude = coordinate("longitude", longitude)?;
    let areas = service::all(conn, tenant)?;
    let parent_id = if parent.is_empty() {
        None
    } else {
        let wanted = parent.to_lowercase();
        let mut named = areas.iter().filter(|a| a.name.to_lowercase() == wanted);
        match (named.next(), named.next()) {
            (Some(p), None) => Some(p.id.clone()),
            (None, _) => {
                let reason = format!(
                    "no area is called `{parent}` (parents must come before the areas inside them)"
                );
                return Err(Error::field("parent", "unknown", reason));
            }
            (Some(_), Some(_)) => {
                return Err(Error::field(
                    "parent",
                    "ambiguous",
                    format!("more than one area is called `{parent}`"),
                ))
            }
        }
    };
    let wanted = name.to_lowercase();
    let existing = areas
        .iter()
        .find(|a| a.parent_id == parent_id && a.name.to_lowercase() == wanted);
    match existing {
        Some(area) => {
            let changes = AreaChanges {
                name: Some(name.clone()),
                kind: (!kind.is_empty()).then(|| kind.clone()),
                description: Some(description.clone()),
                latitude: Some(latitude),
                longitude: Some(longitude),
            };
            service::update(conn, tenant, None, &area.id, &changes)?;
            Ok(false)
        }
        None => {
            let new = NewArea {
                name: name.clone(),
                parent_id: parent_id.map(|p| p.to_string()),
                kind: Some(kind.clone()),
                description: Some(description.clone()),
                latitude,
                longitude,
            };
            service::create(conn, tenant, None, &new)?;
            Ok(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_whatever_the_line_breaks() {
        for br in ["\n", "\r\n", "\r"] {
            let file = ["name,kind", "North,ward", "", "South,ward", ""].join(br);
            let rows = read(file.as_bytes()).unwrap();
            let lines: Vec<(u64, &str)> = rows
                .iter()
                .map(|r| (r.line(), r.fields()[0].as_str()))
                .collect();
            assert_eq!(lines, [(2, "North"), (4, "South")], "breaks {br:?}");
        }
    }

    #[test]
    fn unifying_line_breaks_keeps_everything_else() {
        assert_eq!(unify_line_breaks(b"a\r\nb\rc\n\r\rd"), b"a\nb\nc\n\n\nd");
        assert_eq!(
            unify_line_breaks("é,\"x\"".as_bytes()),
            "é,\"x\"".as_bytes()
        );
    }
}
