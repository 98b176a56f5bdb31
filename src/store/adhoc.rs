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

impl Ledger {
    /// Runs one statement. Without `allow_write` the ledger must have been
    /// opened with [`Ledger::open_read_only`] and anything but reading is
    /// refused before it runs.
    pub fn run_sql(&mut self, sql: &str, allow_write: bool) -> Result<Table> {
        if !allow_write {
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
        Ok(Table::from_statement(&mut stmt, [])?)
    }
}
