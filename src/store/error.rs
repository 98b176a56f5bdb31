//! What can go wrong in the ledger, as cases a caller can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the ledger: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{path}: the ledger was written by a newer claims (schema version {found}, this one knows up to {known}); upgrade claims to use it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: not a claims ledger ({reason})")]
    NotALedger { path: PathBuf, reason: String },
    #[error("migration {name} failed: {source}")]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("the statement would change the ledger; pass --write to allow it")]
    WriteRefused,
    #[error("{0}")]
    Refused(String),
    #[error("no {what} matches {name:?}")]
    NotFound { what: &'static str, name: String },
    /// Writing a row out failed (a closed pipe, a full disk).
    #[error(transparent)]
    Output(Box<dyn std::error::Error + Send + Sync>),
    /// SQLite rolled back the open batch itself (a full disk, an I/O
    /// error): articles reported as imported since its last commit are not
    /// in the ledger.
    #[error(
        "the ledger rolled back the open batch ({0}); articles reported since the last commit were not kept: import them again"
    )]
    BatchLost(rusqlite::Error),
    /// An article of a group failed and the open batch was rolled back
    /// with it (see [`crate::store::Ledger::import_articles`]); the articles
    /// written since the last commit are to be written again one by one.
    #[error("an article failed and the open batch was rolled back: {0}")]
    BatchUndone(Box<StoreError>),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
