//! Ad-hoc SQL from the user, read-only unless they ask to write.
//!
//! A read-only open plus `PRAGMA query_only` is not enough on its own:
//! `VACUUM INTO` still writes a file, `ATTACH` reads any file on disk and
//! `PRAGMA query_only = 0` switches the guard off. So a read-only query runs
//! on a read-only connection, must be a single statement SQLite itself calls
//! read-only, and passes an authorizer that allows reading and nothing else.

use std::sync::{Arc, Mutex};

use rusqlite::hooks::{Action, AuthAction, AuthContext, Authorization};

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

/// The stored table behind each view the ledger lets users change: a
/// change to a row of the view is a change to one row of that table.
const VIEWS_STORED_IN: &[(&str, &str)] = &[("articles", "article_rows"), ("claims", "claim_rows")];

/// What one statement gave back.
#[derive(Debug)]
pub enum SqlOutcome {
    /// The rows it returned: a query, or a change with `RETURNING`.
    Rows(Table),
    /// A statement that returns no rows, and how many rows of the table or
    /// view it names it changed.
    Changed(u64),
}

/// What a writing statement names and changes, seen by SQLite's hooks.
/// SQLite counts no change to a view (its INSTEAD OF triggers do the
/// work), so a change to `claims` or `articles` is counted on the stored
/// table behind it, and only for the rows the statement itself changes,
/// not what the triggers change besides.
#[derive(Debug, Default)]
struct Watch {
    /// The action and the table or view of the statement, as prepared.
    target: Option<(Action, String)>,
    view_rows: u64,
}

impl Watch {
    fn prepared(&mut self, ctx: &AuthContext<'_>) {
        if ctx.accessor.is_some() || self.target.is_some() {
            return;
        }
        self.target = match ctx.action {
            AuthAction::Insert { table_name } => Some((Action::SQLITE_INSERT, table_name.into())),
            AuthAction::Update { table_name, .. } => {
                Some((Action::SQLITE_UPDATE, table_name.into()))
            }
            AuthAction::Delete { table_name } => Some((Action::SQLITE_DELETE, table_name.into())),
            _ => None,
        };
    }

    /// The stored table whose changes are the view's, when the statement
    /// changes a view.
    fn stored(&self) -> Option<(Action, &'static str)> {
        let (action, name) = self.target.as_ref()?;
        VIEWS_STORED_IN
            .iter()
            .find(|(view, _)| view.eq_ignore_ascii_case(name))
            .map(|(_, table)| (*action, *table))
    }

    fn changed(&mut self, action: Action, database: &str, table: &str) {
        if database == "main" && self.stored() == Some((action, table)) {
            self.view_rows += 1;
        }
    }
}

impl Ledger {
    /// Runs one statement. Without `allow_write` the ledger must have been
    /// opened with [`Ledger::open_read_only`] and anything but reading is
    /// refused before it runs.
    pub fn run_sql(&mut self, sql: &str, allow_write: bool) -> Result<SqlOutcome> {
        if !allow_write {
            self.conn.pragma_update(None, "query_only", true)?;
            self.conn.authorizer(Some(read_only_authorizer))?;
            let result = self.run_one(sql, allow_write);
            self.conn
                .authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
            return result.map(SqlOutcome::Rows);
        }
        self.conn.execute_batch(SOURCE_IN_USE_COUNTED)?;
        let watch = Arc::new(Mutex::new(Watch::default()));
        let seen = Arc::clone(&watch);
        self.conn.authorizer(Some(move |ctx: AuthContext<'_>| {
            seen.lock().expect("the watch").prepared(&ctx);
            Authorization::Allow
        }))?;
        let seen = Arc::clone(&watch);
        self.conn
            .update_hook(Some(move |action, database: &str, table: &str, _| {
                seen.lock()
                    .expect("the watch")
                    .changed(action, database, table);
            }))?;
        let result = self.run_one(sql, allow_write);
        self.conn
            .authorizer(None::<fn(AuthContext<'_>) -> Authorization>)?;
        self.conn.update_hook(None::<fn(Action, &str, &str, i64)>)?;
        let table = result?;
        if !table.columns.is_empty() {
            return Ok(SqlOutcome::Rows(table));
        }
        let watch = watch.lock().expect("the watch");
        Ok(SqlOutcome::Changed(if watch.stored().is_some() {
            watch.view_rows
        } else {
            self.conn.changes()
        }))
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
