//! Schema migrations, applied in order at open and tracked in
//! `PRAGMA user_version`.
//!
//! Why not `rusqlite_migration`: it pins an older rusqlite (and with it an
//! older bundled SQLite), and what we need from it is a loop of a dozen
//! lines: run each migration file above the stored version in one
//! transaction, and refuse a ledger made by a newer tool untouched.

use rusqlite::Connection;

use super::error::{Result, StoreError};

/// Append-only: never edit or remove an entry, add a new file instead.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_ledger",
        include_str!("../../migrations/0001_ledger.sql"),
    ),
    (
        "0002_article_encoding",
        include_str!("../../migrations/0002_article_encoding.sql"),
    ),
    (
        "0003_text_once",
        include_str!("../../migrations/0003_text_once.sql"),
    ),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date; the whole upgrade is one transaction, so a
/// failure leaves the ledger as it was.
pub fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<()> {
    let found = user_version(conn)?;
    let known = latest_version();
    if found > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    if found == known {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let found = user_version(&tx)?;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)
            .map_err(|source| StoreError::Migration { name, source })?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
