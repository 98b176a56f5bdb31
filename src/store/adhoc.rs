//! Ad-hoc SQL from the user, read-only unless they ask to write.
//!
//! A read-only open plus `PRAGMA query_only` is not enough on its own:
//! `VACUUM INTO` still writes a file, `ATTACH` reads any file on disk and
//! `PRAGMA query_only = 0` switches the guard off. So a read-only query runs
//! on a read-only connection, must be a single statement SQLite itself calls
//! read-only, and passes an authorizer that allows reading and nothing else.

use rusqlite::hooks::{AuthAction, AuthContext, Authorization};

use super::Ledger;
use super::error::{Result, StoreError};
use super::table::Table;

/// Pragmas that only report; any pragma given a value is refused.
const READ_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
    "user_version",
    "schema_version",
    "application_id",
    "page_count",
    "page_size",
    "freelist_count",
    "encoding",
    "journal_mode",
    "compile_options",
    "function_list",
    "collation_list",
    "pragma_list",
    "database_list",
    "data_version",
];

/// Functions that reach outside the database.
const DENIED_FUNCTIONS: &[&str] = &["load_extension", "readfile", "writefile", "edit"];

fn read_only_authorizer(ctx: AuthContext<'_>) -> Authorization {
    match ctx.action {
        AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => {
            Authorization::Allow
        }
        AuthAction::Function { function_name } => {
            if DENIED_FUNCTIONS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(function_name))
            {
                Authorization::Deny
            } else {
                Authorization::Allow
            }
        }
        AuthAction::Pragma {
            pragma_name,
            pragma_value: None,
        } if READ_PRAGMAS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(pragma_name)) =>
        {
            Authorization::Allow
        }
        _ => Authorization::Deny,
    }
}

/// The ledger refuses to delete a source still in use with a fixed message
/// (see migrations/0005_dates_and_deletions.sql: the sqlite3 shells people
/// have read no other). This connection's SQLite takes an expression, so a
/// statement the user runs here is refused first by a trigger of its own,
/// never stored in the file, that says which source and how many claims.
const SOURCE_IN_USE_COUNTED: &str = "
CREATE TEMP TRIGGER IF NOT EXISTS source_in_use_counted BEFORE DELETE ON main.sources
WHEN EXISTS (SELECT 1 FROM main.claim_rows WHERE source_id = OLD.id)
  OR EXISTS (SELECT 1 FROM main.claim_via WHERE source_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, printf(
        'source %d (%s) cannot be deleted: %s; '
        || 'delete or correct those claims first (claims rests-on %d lists them)',
        OLD.id, OLD.name,
        CASE WHEN rests > 0 AND relays > 0 THEN rest_on || ' and ' || relay
             WHEN rests > 0 THEN rest_on ELSE relay END,
        OLD.id))
    FROM (SELECT rests, relays,
                 rests || CASE rests WHEN 1 THEN ' claim rests' ELSE ' claims rest' END
                       || ' on it' AS rest_on,
                 relays || CASE relays WHEN 1 THEN ' chain passes' ELSE ' chains pass' END
                        || ' through it' AS relay
          FROM (SELECT (SELECT count(*) FROM main.claim_rows WHERE source_id = OLD.id) AS rests,
                       (SELECT count(*) FROM main.claim_via WHERE source_id = OLD.id) AS relays));
END";

impl Ledger {
    /// Runs one statement. Without `allow_write` the ledger must have been
    /// opened with [`Ledger::open_read_only`] and anything but reading is
    /// refused before it runs.
    pub fn run_sql(&mut self, sql: &str, allow_write: bool) -> Result<Table> {
        if allow_write {
            self.conn.execute_batch(SOURCE_IN_USE_COUNTED)?;
        } else {
            self.conn.pragma_update(None, "query_only", true)?;
            self.conn.authorizer(Some(read_only_authorizer))?;
        }
        let result = self.run_one(sql, allow_write);
        if !allow_write {
            self.conn
                .authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
        }
        result
    }

    fn run_one(&self, sql: &str, allow_write: bool) -> Result<Table> {
        let mut stmt = match self.conn.prepare(sql) {
            Ok(stmt) => stmt,
            Err(rusqlite::Error::MultipleStatement) => {
                return Err(StoreError::Refused(
                    "give one SQL statement at a time".into(),
                ));
            }
            Err(rusqlite::Error::SqliteFailure(e, msg))
                if e.code == rusqlite::ErrorCode::AuthorizationForStatementDenied =>
            {
                let _ = msg;
                return Err(if allow_write {
                    StoreError::Refused("statement not authorized".into())
                } else {
                    StoreError::WriteRefused
                });
            }
            Err(e) => return Err(e.into()),
        };
        if !allow_write && !stmt.readonly() {
            return Err(StoreError::WriteRefused);
        }
        Table::from_statement(&mut stmt, []).map_err(|e| match e {
            // A constraint or a trigger of the ledger refused the statement:
            // its message says why, and SQLite's error code adds nothing.
            rusqlite::Error::SqliteFailure(code, Some(message))
                if code.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Refused(message)
            }
            e => e.into(),
        })
    }
}
