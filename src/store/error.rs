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
    /// A party reference that fits several sources; each candidate is
    /// listed with its id, one to a line, so the user can pick.
    #[error("{name:?} fits {} sources; give one of these ids:{}", candidates.len(), list_parties(candidates))]
    Ambiguous {
        name: String,
        candidates: Vec<super::Party>,
    },
    /// A ledger of an older schema opened for reading, which never
    /// changes the file.
    #[error(
        "{path}: the ledger has schema version {found} and this claims reads version {known}; `claims --db {path} upgrade` brings it up to date (reading never changes the file)"
    )]
    Outdated {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// Writing a row out failed (a closed pipe, a full disk).
    #[error(transparent)]
    Output(Box<dyn std::error::Error + Send + Sync>),
    /// The ledger cannot hold this article as it is (see
    /// [`crate::store::check_article`]); nothing of it was written.
    #[error("{0}")]
    ArticleRefused(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

fn list_parties(parties: &[super::Party]) -> String {
    parties
        .iter()
        .map(|p| format!("\n  {:>6}  {} ({})", p.id, p.name, p.kind.as_str()))
        .collect()
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
