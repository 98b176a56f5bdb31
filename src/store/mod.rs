//! The SQLite ledger: schema, writes and queries. All SQL lives here,
//! behind typed functions; values are always bound, never formatted in.

mod adhoc;
mod check;
mod clusters;
mod corroboration;
mod describe;
mod error;
mod export;
mod graph;
mod import;
mod kinds;
mod migrate;
mod names;
mod party;
mod query;
mod reextract;
mod report;
mod session;
mod table;
mod text;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use adhoc::SqlOutcome;
pub use clusters::ClaimProfiles;
pub use describe::{ObjectDoc, object_doc};
pub use error::{Result, StoreError};
pub use export::{ExportArticle, ExportClaim, ExportMention, ExportQuantity, ExportSource};
pub use graph::{EdgeKind, Graph, GraphEdge, GraphNode, GraphScope, NodeRef};
pub use import::{ImportOutcome, NewArticle, check_article, stored_layout};
pub use migrate::latest_version;
pub use names::normalize;
pub use party::{Party, PartyFound};
pub use query::ClaimFilter;
pub use reextract::{Reextracted, StoredText};
pub use report::{Elsewhere, ReportArticle, ReportClaim, ReportSource};
pub use session::{
    BATCH_ARTICLES, BATCH_CACHE_KIB, BATCH_TIME, BATCH_WAL_PAGES, GROUP_ARTICLES, ImportSession,
    SessionLost,
};
pub use table::{Cell, Table};

/// How long a writer waits for another writer before giving up. Imports
/// hold the lock for one article at a time, so this is generous.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open ledger file. Dropping it never commits anything: writes are
/// committed by the session or transaction that made them.
pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    sources: import::SourceCache,
    /// Clusters already looked up by this writer (see `clusters::Cache`).
    clusters: clusters::Cache,
    /// The schema version this open upgraded the ledger from, if it did.
    upgraded_from: Option<i64>,
}

impl Ledger {
    /// Opens (creating if needed) a ledger for reading and writing and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<Ledger> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        if path != Path::new(":memory:") && !path.exists() {
            create_whole(path)?;
        }
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // An import runs a score of distinct statements per article; keep
        // them all prepared.
        conn.set_prepared_statement_cache_capacity(64);
        check_is_ledger(&conn, path)?;
        // Articles of a few kilobytes fill 16 KB pages far better than 4 KB
        // ones (one 2.5 KB article per 4 KB page wastes 40%). Only a new
        // file takes this; an existing ledger keeps its page size.
        conn.pragma_update(None, "page_size", 16384)
            .map_err(open_err)?;
        // WAL lets readers run beside an import and makes concurrent
        // importers queue instead of failing; NORMAL sync is durable at
        // every checkpoint and never corrupts on a crash in WAL mode.
        wait_while_busy(|| conn.pragma_update(None, "journal_mode", "WAL")).map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_err)?;
        // Clustering looks up all of an article's keys in one statement,
        // passed as an array (`rarray`).
        rusqlite::vtab::array::load_module(&conn).map_err(open_err)?;
        let upgraded_from = migrate::migrate(&mut conn, path)?;
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
            sources: import::SourceCache::default(),
            clusters: clusters::Cache::default(),
            upgraded_from,
        })
    }

    /// Opens an existing ledger without the right to change it. Reading
    /// never changes the file: an older schema is not migrated here but
    /// refused with [`StoreError::Outdated`], which names the command that
    /// upgrades it.
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        if !path.exists() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                source: rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some("no such file".into()),
                ),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        check_is_ledger(&conn, path)?;
        let found = migrate::user_version(&conn)?;
        let known = latest_version();
        if found > known {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        if found < known {
            return Err(StoreError::Outdated {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
            sources: import::SourceCache::default(),
            clusters: clusters::Cache::default(),
            upgraded_from: None,
        })
    }

    /// The schema version of the ledger file at `path`, read without
    /// changing it.
    pub fn schema_version_of(path: &Path) -> Result<i64> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(
            |source| StoreError::Open {
                path: path.to_path_buf(),
                source,
            },
        )?;
        check_is_ledger(&conn, path)?;
        migrate::user_version(&conn)
    }

    /// The schema of a new, empty ledger, held in memory: what `claims
    /// schema` describes before any ledger file exists.
    pub fn empty_in_memory() -> Result<Ledger> {
        Ledger::open(Path::new(":memory:"))
    }

    /// Caps this connection's page cache. Import workers only probe the
    /// hash index once per file; a small cache keeps their memory the same
    /// on a small ledger and a large one.
    pub fn limit_cache(&self, kib: i64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        migrate::user_version(&self.conn)
    }

    /// The schema version opening the ledger upgraded it from: `None` when
    /// it was current already, was made new, or was opened read-only.
    pub fn upgraded_from(&self) -> Option<i64> {
        self.upgraded_from
    }
}

/// Makes a new ledger file whole or not at all: the schema is written into
/// a file of its own beside `path`, which is then linked in under the name
/// (a link never replaces a file another process made meanwhile). A first
/// import killed at its first moment leaves no ledger rather than an empty
/// file that is not yet one. Where the file system has no links, the
/// ledger is made in place as before.
fn create_whole(path: &Path) -> Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "claims.db".into(), |n| n.to_string_lossy().into_owned());
    // Unique to this process and, within it, to this call: two threads
    // making the same ledger must not share a file.
    static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let made_here = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let fresh = path.with_file_name(format!(".{name}.new-{}-{made_here}", std::process::id()));
    // A file of that name can only be left by a process that died with
    // this one's number.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", fresh.display()));
    }
    let made = (|| -> Result<()> {
        let mut conn = Connection::open(&fresh).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.pragma_update(None, "page_size", 16384)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        rusqlite::vtab::array::load_module(&conn)?;
        migrate::migrate(&mut conn, path)?;
        // Closing the only connection checkpoints the WAL into the file.
        conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(())
    })();
    if made.is_ok() {
        // Linked, or another process made the ledger first (use theirs), or
        // no links here (the caller makes the ledger in place): all fine.
        let _ = std::fs::hard_link(&fresh, path);
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", fresh.display()));
    }
    made
}

/// Retries `step` while another connection holds the lock it needs, up to
/// the busy timeout. Switching a new file to WAL needs the file to itself,
/// and SQLite answers "locked" at once instead of calling the busy handler
/// when two processes create the same ledger together.
fn wait_while_busy<T>(mut step: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match step() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            done => return done,
        }
    }
}

/// Refuses files that are not SQLite, and SQLite files that hold some other
/// application's tables, before anything is written to them.
fn check_is_ledger(conn: &Connection, path: &Path) -> Result<()> {
    let not_ledger = |reason: String| StoreError::NotALedger {
        path: path.to_path_buf(),
        reason,
    };
    // One statement, so one snapshot: read apart, another process could
    // migrate a new file between the two reads and leave us seeing its
    // tables beside the version it had before.
    let (version, tables): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), \
                    (SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| match e.sqlite_error_code() {
            // Another process holds the file: that says nothing about
            // what the file is.
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Sqlite(e)
            }
            _ => not_ledger(e.to_string()),
        })?;
    if version == 0 {
        if tables > 0 {
            return Err(not_ledger(format!(
                "it holds {tables} tables or views but no claims schema"
            )));
        }
    } else if version > 0 {
        // A table before schema 3, a view over `claim_rows` since.
        let has_claims: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type IN ('table', 'view') AND name = 'claims'",
            [],
            |r| r.get(0),
        )?;
        if !has_claims {
            return Err(not_ledger("no claims table or view".into()));
        }
    }
    Ok(())
}

/// The rows of a two-column query, for the store's tests.
#[cfg(test)]
pub(crate) fn two_columns<A, B>(conn: &Connection, sql: &str) -> Vec<(A, B)>
where
    A: rusqlite::types::FromSql,
    B: rusqlite::types::FromSql,
{
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let first = Ledger::open(&path).unwrap();
        assert_eq!(first.schema_version().unwrap(), latest_version());
        drop(first);
        let again = Ledger::open(&path).unwrap();
        assert_eq!(again.schema_version().unwrap(), latest_version());
    }

    #[test]
    fn ledgers_opened_at_once_on_a_new_file_all_see_a_ledger() {
        // Several processes may create the same ledger together; none may
        // take the schema another has just written for a foreign one.
        let dir = tempfile::tempdir().unwrap();
        for round in 0..40 {
            let path = dir.path().join(format!("t{round}.db"));
            let barrier = std::sync::Barrier::new(6);
            std::thread::scope(|s| {
                let opened: Vec<_> = (0..6)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            Ledger::open(&path).map(|_| ())
                        })
                    })
                    .collect();
                for handle in opened {
                    if let Err(e) = handle.join().unwrap() {
                        panic!("round {round}: {e}");
                    }
                }
            });
        }
    }

    #[test]
    fn a_newer_ledger_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Ledger::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 5)
            .unwrap();
        drop(conn);
        let err = Ledger::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest_version() + 5);
    }

    #[test]
    fn a_foreign_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (x)").unwrap();
        drop(conn);
        assert!(matches!(
            Ledger::open(&path).err().unwrap(),
            StoreError::NotALedger { .. }
        ));
    }
}
