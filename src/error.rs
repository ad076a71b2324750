//! The one error type of the service layer. Services return it; the HTTP
//! layer (`http::problem`) maps it to a status and a body in one place, and
//! the CLI prints its message.

use std::fmt;

use crate::i18n::{Arg, Language};

/// A problem with one field of a request, shown beside the field on pages
/// and listed under `errors` in API problem details.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    /// In English: the API's language.
    pub message: String,
    /// The same, from the translation files, for pages in other
    /// languages; none for a message not translated yet.
    #[serde(skip)]
    pub words: Option<Words>,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<Say>) -> Self {
        let (message, words) = match message.into() {
            Say::English(text) => (text, None),
            Say::Words(w) => (w.in_language(Language::En), Some(w)),
        };
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
            message,
            words,
        }
    }

    /// The message in `lang`, and whether it had to stay in English.
    pub fn message_in(&self, lang: Language) -> (String, bool) {
        match &self.words {
            Some(w) => (w.in_language(lang), false),
            None => (self.message.clone(), true),
        }
    }
}

/// Words for a person, from the translation files: a key and its
/// arguments, said in whichever language the reader needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    key: &'static str,
    args: Vec<(&'static str, Value)>,
}

/// An argument of [`Words`]: numbers choose plural forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(i64),
    /// Words of their own, said in the same language as the message they
    /// are part of (a reason inside a sentence).
    Words(Box<Words>),
}

impl From<Words> for Value {
    fn from(v: Words) -> Self {
        Value::Words(Box::new(v))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Number(v)
    }
}

impl From<usize> for Value {
    fn from(v: usize) -> Self {
        Value::Number(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl Arg for Value {
    fn value(&self) -> fluent_bundle::FluentValue<'static> {
        match self {
            Value::Text(t) => t.value(),
            Value::Number(n) => n.value(),
            // Said in a language by `Words::in_language` before this.
            Value::Words(w) => w.in_language(Language::En).value(),
        }
    }
}

impl Words {
    /// The message `key` (a literal: the catalogue test checks it).
    pub fn of(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// The message `key` with one argument.
    pub fn of1(key: &'static str, name: &'static str, value: impl Into<Value>) -> Self {
        Self {
            key,
            args: vec![(name, value.into())],
        }
    }

    /// The message `key` with two arguments.
    pub fn of2(
        key: &'static str,
        n1: &'static str,
        v1: impl Into<Value>,
        n2: &'static str,
        v2: impl Into<Value>,
    ) -> Self {
        Self {
            key,
            args: vec![(n1, v1.into()), (n2, v2.into())],
        }
    }

    pub fn in_language(&self, lang: Language) -> String {
        let said: Vec<(&str, Value)> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Value::Words(w) => (*name, Value::Text(w.in_language(lang))),
                other => (*name, other.clone()),
            })
            .collect();
        let args: Vec<(&str, &dyn Arg)> = said
            .iter()
            .map(|(name, value)| (*name, value as &dyn Arg))
            .collect();
        lang.say(self.key, &args)
    }
}

/// What a message says: words from the translation files, or English not
/// yet moved there (a reason from outside, such as a parser's). Shown as
/// English by `Display`, the API's language; pages ask for their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Say {
    English(String),
    Words(Words),
}

impl Say {
    /// The message in `lang`, and whether it had to stay in English.
    pub fn in_language(&self, lang: Language) -> (String, bool) {
        match self {
            Say::English(text) => (text.clone(), true),
            Say::Words(w) => (w.in_language(lang), false),
        }
    }
}

impl fmt::Display for Say {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Say::English(text) => f.write_str(text),
            Say::Words(w) => f.write_str(&w.in_language(Language::En)),
        }
    }
}

impl From<&str> for Say {
    fn from(text: &str) -> Self {
        Say::English(text.to_owned())
    }
}

impl From<String> for Say {
    fn from(text: String) -> Self {
        Say::English(text)
    }
}

impl From<&String> for Say {
    fn from(text: &String) -> Self {
        Say::English(text.clone())
    }
}

impl From<&Say> for Say {
    fn from(say: &Say) -> Self {
        say.clone()
    }
}

/// A field's message as it was said: its words when it has them, so a
/// page showing it under another field keeps the translation.
impl From<&FieldError> for Say {
    fn from(e: &FieldError) -> Self {
        match &e.words {
            Some(w) => Say::Words(w.clone()),
            None => Say::English(e.message.clone()),
        }
    }
}

impl From<Words> for Say {
    fn from(words: Words) -> Self {
        Say::Words(words)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("{}", summarise(.0))]
    Validation(Vec<FieldError>),
    #[error("{message}")]
    BadRequest { code: &'static str, message: Say },
    #[error("{message}")]
    Conflict { code: &'static str, message: Say },
    #[error("sign in to do this")]
    Unauthorized,
    /// A page that needs a signed-in person; `next` is where to return.
    #[error("sign in to continue")]
    SignInRequired { next: String },
    #[error("{0}")]
    Forbidden(Say),
    /// There, but withdrawn from view (410): hidden by the moderators.
    #[error("{message}")]
    Gone { code: &'static str, message: Say },
    /// Not allowed yet, for a reason with its own stable code (403), and a
    /// message that says what to do about it.
    #[error("{message}")]
    Refused { code: &'static str, message: Say },
    /// Allowed, but only once the person has set up a second factor.
    #[error("set up two-step sign-in (a code from an app) before using admin powers")]
    SecondFactorRequired,
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("send the request body as {0}")]
    UnsupportedMediaType(&'static str),
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    #[error("no place is served at this address")]
    UnknownHost,
    #[error("this place is paused")]
    TenantSuspended,
    /// Too many attempts; `retry_after` is in whole seconds.
    #[error("too many attempts; please wait {} and try again", wait_in_words(*.retry_after))]
    RateLimited { retry_after: u64 },
    #[error("the service is briefly unavailable: {0}")]
    Unavailable(String),
    /// The database has no room left to write (disk full, or its size
    /// limit reached): 507, and nothing of the request was written.
    #[error("the database is out of space: {0}")]
    StorageFull(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// A wait as a person would say it, rounded up: "40 seconds",
/// "1 minute", "15 minutes", "2 hours".
pub fn wait_in_words(seconds: u64) -> String {
    wait_in(seconds, crate::i18n::Language::En)
}

/// [`wait_in_words`] in a language, for pages.
pub fn wait_in(seconds: u64, lang: crate::i18n::Language) -> String {
    if seconds < 60 {
        return lang.t1("wait-seconds", "n", seconds.max(1));
    }
    let minutes = seconds.div_ceil(60);
    if minutes < 60 {
        return lang.t1("wait-minutes", "n", minutes);
    }
    lang.t1("wait-hours", "n", minutes.div_ceil(60))
}

fn summarise(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    pub fn field(field: &str, code: &str, message: impl Into<Say>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn refused(code: &'static str, message: impl Into<Say>) -> Self {
        Self::Refused {
            code,
            message: message.into(),
        }
    }

    pub fn gone(code: &'static str, message: impl Into<Say>) -> Self {
        Self::Gone {
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<Say>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<Say>) -> Self {
        Self::Forbidden(message.into())
    }

    /// What a person is told, in `lang`, when the error's words are
    /// translated; none when they are fixed by the status alone.
    pub fn said_in(&self, lang: Language) -> Option<(String, bool)> {
        match self {
            Error::BadRequest { message, .. }
            | Error::Conflict { message, .. }
            | Error::Gone { message, .. }
            | Error::Refused { message, .. }
            | Error::Forbidden(message) => Some(message.in_language(lang)),
            _ => None,
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<Say>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error as D};
        match e {
            D::NotFound => Self::NotFound,
            D::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => Self::Unavailable(info.message().to_owned()),
            D::DatabaseError(_, info) if storage_full(info.message()) => {
                Self::StorageFull(info.message().to_owned())
            }
            D::DatabaseError(_, info) if database_away(info.message()) => {
                Self::Unavailable(info.message().to_owned())
            }
            // A transaction whose rollback failed: in practice, the
            // connection died under it. The pool discards the connection
            // (`db::Manager::has_broken`); the client may try again.
            D::BrokenTransactionManager => Self::Unavailable(e.to_string()),
            // The commit's error is the one that says why.
            D::RollbackErrorOnCommit { commit_error, .. } => Self::from(*commit_error),
            // Constraint violations that a service did not anticipate are
            // still the client's conflict, not our crash.
            D::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                Self::conflict("conflict", Words::of("error-already-exists"))
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

/// SQLite's `SQLITE_FULL` ("database or disk is full"); PostgreSQL's
/// `53100 disk_full` ("could not extend file … No space left on device").
fn storage_full(message: &str) -> bool {
    message.contains("database or disk is full") || message.contains("No space left on device")
}

/// Errors meaning the database is (for now) not there to answer, rather
/// than that the query was wrong: diesel gives them no kind of their own
/// when the server says so before closing (PostgreSQL's `57P01`–`57P03`,
/// libpq's own messages) or when SQLite's wait for the write lock ran out.
fn database_away(message: &str) -> bool {
    const AWAY: &[&str] = &[
        "server closed the connection unexpectedly",
        "terminating connection due to administrator command",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
        "the database system is not yet accepting connections",
        "no connection to the server",
        "could not receive data from server",
        "could not send data to server",
        "SSL connection has been closed unexpectedly",
        "database is locked",
        // `57014`: the statement ran past `statement_timeout` (a runaway
        // query, or a wait on a lock); the database is too busy to answer.
        "canceling statement due to statement timeout",
    ];
    AWAY.iter().any(|m| message.contains(m))
}

impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Self {
        Self::Unavailable(e.to_string())
    }
}

impl From<crate::db::group_commit::GroupCommitError> for Error {
    fn from(e: crate::db::group_commit::GroupCommitError) -> Self {
        Self::Unavailable(e.to_string())
    }
}

impl From<crate::db::DbError> for Error {
    fn from(e: crate::db::DbError) -> Self {
        Self::Unavailable(e.to_string())
    }
}

/// A field-by-field validator that collects every problem at once, so a
/// person fixing a form sees them all together.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<Say>) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// Keeps the parsed value or records its error under `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(mut e) => {
                e.field = field.to_owned();
                self.0.push(e);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.0))
        }
    }
}

impl fmt::Debug for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn database_error(kind: diesel::result::DatabaseErrorKind, message: &str) -> Error {
        diesel::result::Error::DatabaseError(kind, Box::new(message.to_owned())).into()
    }

    #[test]
    fn an_absent_or_full_database_is_not_an_internal_error() {
        use diesel::result::DatabaseErrorKind as K;
        for (kind, message) in [
            (K::ClosedConnection, "connection to server was lost"),
            (K::UnableToSendCommand, "no connection to the server"),
            (
                K::Unknown,
                "terminating connection due to administrator command",
            ),
            (K::Unknown, "server closed the connection unexpectedly"),
            (K::Unknown, "database is locked"),
            (K::Unknown, "canceling statement due to statement timeout"),
        ] {
            let e = database_error(kind, message);
            assert!(matches!(e, Error::Unavailable(_)), "{message}: {e:?}");
        }
        let e = database_error(K::Unknown, "database or disk is full");
        assert!(matches!(e, Error::StorageFull(_)), "{e:?}");
        let e = database_error(
            K::Unknown,
            "could not extend file \"base/1/2\": No space left on device",
        );
        assert!(matches!(e, Error::StorageFull(_)), "{e:?}");
        // A query that is simply wrong stays internal.
        let e = database_error(K::Unknown, "no such column: nope");
        assert!(matches!(e, Error::Internal(_)), "{e:?}");
    }

    #[test]
    fn waits_are_said_in_plain_words() {
        assert_eq!(wait_in_words(0), "1 second");
        assert_eq!(wait_in_words(40), "40 seconds");
        assert_eq!(wait_in_words(60), "1 minute");
        assert_eq!(wait_in_words(61), "2 minutes");
        assert_eq!(wait_in_words(3599), "1 hour");
        assert_eq!(wait_in_words(3 * 3600), "3 hours");
        assert_eq!(
            Error::RateLimited { retry_after: 90 }.to_string(),
            "too many attempts; please wait 2 minutes and try again"
        );
    }
}
