//! Error hygiene: what no answer may contain (a panic message, SQL text,
//! a backend's error or name, a source location). Shared by the probe
//! matrix and the crash-test driver (`examples/crash_test.rs`).

/// Texts that give away internals. Matched case-sensitively, and chosen so
/// that the site's own words never contain them: SQL is matched in upper
/// case with the word after it (pages have `<select` and "Select an
/// area"), constraint errors by the database's own wording, and a Rust
/// source location by `.rs:` followed by a digit.
pub const HYGIENE: &[&str] = &[
    "panicked at",
    "stack backtrace",
    "RUST_BACKTRACE",
    "SELECT ",
    "INSERT INTO",
    "DELETE FROM",
    "UPDATE \"",
    " WHERE ",
    "syntax error",
    "no such table",
    "no such column",
    "constraint failed",
    "violates unique constraint",
    "violates foreign key constraint",
    "violates not-null constraint",
    "violates check constraint",
    "duplicate key value",
    "DatabaseError",
    "SQLITE_",
    "PgConnection",
    "SqliteConnection",
    "r2d2",
];

/// Backend names, matched case-insensitively: the site never names the
/// database it runs on, so any of these in a response is an error leaking
/// through.
pub const BACKEND_NAMES: &[&str] = &["diesel", "sqlite", "postgres", "libpq", "tokio-postgres"];

/// What in `text` (headers and body of one answer) gives away internals.
pub fn internals(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = text.to_lowercase();
    for p in HYGIENE {
        if text.contains(p) {
            found.push(format!("internal text {p:?}"));
        }
    }
    for p in BACKEND_NAMES {
        if lower.contains(p) {
            found.push(format!("backend name {p:?}"));
        }
    }
    let bytes = text.as_bytes();
    if text
        .match_indices(".rs:")
        .any(|(i, _)| bytes.get(i + 4).is_some_and(u8::is_ascii_digit))
    {
        found.push("a Rust source location".into());
    }
    found
}
