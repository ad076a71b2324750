//! `coproduce backup` and `coproduce restore` for the embedded default
//! (SQLite): the main database and the key store, each on its own.
//!
//! A backup is SQLite's `VACUUM INTO`: a consistent snapshot taken inside
//! one read transaction, so it is safe while `serve` runs and writes. It is
//! written under a temporary name and renamed when complete, so a file with
//! the final name is always a whole backup. PostgreSQL is backed up with its
//! own tools (`pg_dump`); the commands say so rather than half-doing it.
//!
//! The key store is backed up apart from the database because of
//! crypto-shredding: erasing a person destroys their key in the key store,
//! and an older key store backup still holds it. Restoring one therefore
//! destroys again, from the main database's audit log, the key of everyone
//! erased, and the key of every story that no longer exists.

use std::path::{Path, PathBuf};

use diesel::prelude::*;

use crate::config::Settings;
use crate::db::{self, DatabaseUrl};
use crate::keys::KeyStore;

/// Which database a backup or restore is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The main database (`DATABASE_URL`).
    Database,
    /// The key store of people's data keys (`COPRODUCE_KEY_STORE`).
    KeyStore,
}

impl Target {
    fn url(self, settings: &Settings) -> &DatabaseUrl {
        match self {
            Target::Database => &settings.database,
            Target::KeyStore => &settings.key_store,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Target::Database => "the database",
            Target::KeyStore => "the key store",
        }
    }

    fn setting(self) -> &'static str {
        match self {
            Target::Database => "DATABASE_URL",
            Target::KeyStore => "COPRODUCE_KEY_STORE",
        }
    }

    /// A table only this kind of database has: a restore refuses a file
    /// that is the other kind (or not ours at all).
    fn marker_table(self) -> &'static str {
        match self {
            Target::Database => "tenants",
            Target::KeyStore => "data_keys",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{what} is on PostgreSQL ({setting}); back it up with PostgreSQL's own tools, e.g. `pg_dump --format=custom --file=coproduce.dump \"$DATABASE_URL\"`, and restore with `pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" coproduce.dump` (see deploy/README.md)")]
    Postgres {
        what: &'static str,
        setting: &'static str,
    },
    #[error("{what} does not exist yet at {}: nothing to back up (check {setting})", path.display())]
    Missing {
        what: &'static str,
        setting: &'static str,
        path: PathBuf,
    },
    #[error("{} already exists; choose a new file name (a backup never overwrites one)", .0.display())]
    Exists(PathBuf),
    #[error("{} is not a backup of {what}: {why}", path.display())]
    NotABackup {
        what: &'static str,
        path: PathBuf,
        why: String,
    },
    #[error("{} holds {what} already; stop every coproduce process using it, then run the restore again with --yes to replace it", path.display())]
    WouldReplace { what: &'static str, path: PathBuf },
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Database(#[from] db::DbError),
    #[error("SQLite: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("the restored key store cannot be used: {0}")]
    Keys(#[from] crate::keys::KeyError),
}

type Result<T> = std::result::Result<T, BackupError>;

/// What a backup wrote.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Writes a consistent copy of the target to `to`, which must not exist.
pub fn backup(settings: &Settings, target: Target, to: &Path) -> Result<Written> {
    let source = sqlite_path(settings, target)?;
    if !source.exists() {
        return Err(BackupError::Missing {
            what: target.describe(),
            setting: target.setting(),
            path: source,
        });
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let partial = partial_name(to);
    // A partial file left by an interrupted backup is ours to replace.
    let _ = std::fs::remove_file(&partial);
    let mut conn = db::connect(&DatabaseUrl::Sqlite(source))?;
    diesel::sql_query(format!("VACUUM INTO {}", sql_text(&partial)))
        .execute(&mut conn)
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })?;
    drop(conn);
    // It holds personal data (or keys): its owner only.
    restrict(&partial)?;
    check_sqlite(&partial, target)?;
    std::fs::rename(&partial, to).map_err(|source| BackupError::Io {
        what: format!("cannot rename {} to {}", partial.display(), to.display()),
        source,
    })?;
    let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    Ok(Written {
        path: to.to_owned(),
        bytes,
    })
}

/// What a restore did.
#[derive(Debug, Default)]
pub struct Restored {
    /// For the key store: people erased since the backup whose keys were
    /// destroyed again.
    pub people_shredded_again: usize,
    /// For the key store: story keys destroyed again (stories deleted since).
    pub stories_shredded_again: usize,
    /// Migrations applied to bring an older backup up to this version.
    pub migrations_applied: Vec<String>,
}

/// Replaces the target with the backup `from`. Every coproduce process
/// using the target must be stopped first; `replace` confirms that when the
/// target exists.
pub fn restore(
    settings: &Settings,
    target: Target,
    from: &Path,
    replace: bool,
) -> Result<Restored> {
    let dest = sqlite_path(settings, target)?;
    if !from.is_file() {
        return Err(BackupError::NotABackup {
            what: target.describe(),
            path: from.to_owned(),
            why: "there is no such file".into(),
        });
    }
    check_sqlite(from, target)?;
    if dest.exists() && !replace {
        return Err(BackupError::WouldReplace {
            what: target.describe(),
            path: dest,
        });
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| BackupError::Io {
            what: format!("cannot create {}", parent.display()),
            source,
        })?;
    }
    // Copied beside the destination, then renamed over it: the database is
    // either the old one or the whole backup, never half of each.
    let incoming = partial_name(&dest);
    std::fs::copy(from, &incoming).map_err(|source| BackupError::Io {
        what: format!("cannot copy {} to {}", from.display(), incoming.display()),
        source,
    })?;
    restrict(&incoming)?;
    std::fs::File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(|source| BackupError::Io {
            what: format!("cannot write {}", incoming.display()),
            source,
        })?;
    // The old database's write-ahead log must not be applied to the backup.
    for suffix in ["-wal", "-shm"] {
        let mut side = dest.clone().into_os_string();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(BackupError::Io {
                    what: format!("cannot remove {}", PathBuf::from(side).display()),
                    source,
                })
            }
        }
    }
    std::fs::rename(&incoming, &dest).map_err(|source| BackupError::Io {
        what: format!("cannot rename {} to {}", incoming.display(), dest.display()),
        source,
    })?;
    let mut restored = Restored::default();
    match target {
        Target::Database => {
            let mut conn = db::connect(&settings.database)?;
            restored.migrations_applied = db::migrate(&mut conn)?;
        }
        Target::KeyStore => {
            let (people, stories) = shred_again(settings)?;
            restored.people_shredded_again = people;
            restored.stories_shredded_again = stories;
        }
    }
    Ok(restored)
}

/// After a key store restore: destroys again the keys erasure had
/// destroyed after the backup was taken. The main database is the record
/// of who was erased (its audit log) and which stories still exist.
fn shred_again(settings: &Settings) -> Result<(usize, usize)> {
    use crate::db::ids::{TenantId, UserId};
    use crate::db::schema::{audit_events, stories};
    use crate::keys::schema::{child_keys, data_keys};

    let keys = KeyStore::from_settings(settings)?;
    let mut main = db::connect(&settings.database)?;
    let mut store = db::connect(&settings.key_store)?;

    let erased: Vec<(String, Option<String>)> = audit_events::table
        .filter(audit_events::kind.eq(crate::audit::Kind::AccountErased.as_str()))
        .select((audit_events::tenant_id, audit_events::subject_id))
        .load(&mut main)?;
    let mut people = 0;
    for (tenant, user) in erased {
        let Some(user) = user else { continue };
        let live: i64 = data_keys::table
            .find((tenant.as_str(), user.as_str()))
            .filter(data_keys::destroyed_at.is_null())
            .count()
            .get_result(&mut store)?;
        if live == 0 {
            continue;
        }
        let (Ok(t), Ok(u)) = (tenant.parse::<TenantId>(), user.parse::<UserId>()) else {
            continue;
        };
        keys.destroy(&t, &u)?;
        people += 1;
    }

    let story_keys: Vec<(String, String)> = child_keys::table
        .filter(child_keys::destroyed_at.is_null())
        .filter(child_keys::name.like("story:%"))
        .select((child_keys::tenant_id, child_keys::name))
        .load(&mut store)?;
    let mut gone = 0;
    for (tenant, name) in story_keys {
        let id = name.trim_start_matches("story:");
        let exists: i64 = stories::table
            .filter(stories::tenant_id.eq(&tenant))
            .filter(stories::id.eq(id))
            .count()
            .get_result(&mut main)?;
        if exists > 0 {
            continue;
        }
        let Ok(t) = tenant.parse::<TenantId>() else {
            continue;
        };
        keys.destroy_child_key(&t, &name)?;
        gone += 1;
    }
    Ok((people, gone))
}

/// The target's SQLite file, or why there is none.
fn sqlite_path(settings: &Settings, target: Target) -> Result<PathBuf> {
    match target.url(settings) {
        DatabaseUrl::Sqlite(path) => Ok(path.clone()),
        DatabaseUrl::Postgres(_) => Err(BackupError::Postgres {
            what: target.describe(),
            setting: target.setting(),
        }),
    }
}

/// The name a file has while it is being written.
fn partial_name(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// A path as an SQL string literal.
fn sql_text(path: &Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', "''"))
}

#[cfg(unix)]
fn restrict(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|source| {
        BackupError::Io {
            what: format!("cannot make {} private", path.display()),
            source,
        }
    })
}

#[cfg(not(unix))]
fn restrict(_path: &Path) -> Result<()> {
    Ok(())
}

/// Checks a file is a whole SQLite database of the target's kind.
fn check_sqlite(path: &Path, target: Target) -> Result<()> {
    let not = |why: String| BackupError::NotABackup {
        what: target.describe(),
        path: path.to_owned(),
        why,
    };
    // The header first: opening a non-database would create nothing, but
    // would say less.
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut header))
            .map_err(|e| not(format!("it cannot be read as SQLite ({e})")))?;
    }
    if &header != b"SQLite format 3\0" {
        return Err(not("it is not an SQLite database".into()));
    }
    let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
        .map_err(|e| not(e.to_string()))?;
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .map_err(|e| not(e.to_string()))?;
    if lines.len() != 1 || lines[0].integrity_check != "ok" {
        return Err(not("SQLite's integrity check failed".into()));
    }
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let found: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
    )
    .bind::<diesel::sql_types::Text, _>(target.marker_table())
    .get_result(&mut conn)
    .map_err(|e| not(e.to_string()))?;
    if found.n == 0 {
        return Err(not(format!(
            "it has no `{}` table (is it the other kind of backup?)",
            target.marker_table()
        )));
    }
    Ok(())
}
