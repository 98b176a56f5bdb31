//! Schema migrations, applied in order at open and tracked in
//! `PRAGMA user_version`. Most are SQL files under `migrations/`; one that
//! only rewrites constraint text in the schema is code.
//!
//! Why not `rusqlite_migration`: it pins an older rusqlite (and with it an
//! older bundled SQLite), and what we need from it is a loop of a dozen
//! lines: run each migration file above the stored version in one
//! transaction, and refuse a ledger made by a newer tool untouched.

use rusqlite::{Connection, OptionalExtension};

use super::error::{Result, StoreError};

/// One step of the schema's history.
pub enum Migration {
    Sql(&'static str),
    Code(fn(&Connection) -> rusqlite::Result<()>),
}

/// Append-only: never edit or remove an entry, add a new one instead.
pub const MIGRATIONS: &[(&str, Migration)] = &[
    (
        "0001_ledger",
        Migration::Sql(include_str!("../../migrations/0001_ledger.sql")),
    ),
    (
        "0002_article_encoding",
        Migration::Sql(include_str!("../../migrations/0002_article_encoding.sql")),
    ),
    (
        "0003_text_once",
        Migration::Sql(include_str!("../../migrations/0003_text_once.sql")),
    ),
    (
        "0004_checks_without_lists",
        Migration::Code(checks_without_lists),
    ),
    // MERGE: a placeholder for issue 12's schema 5, developed on another
    // branch at the same time; at merge, its entry replaces this one and
    // 0006 stays sixth. Schema 6 does not depend on what 5 does.
    (
        "0005_reserved",
        Migration::Sql("-- Reserved for the import session's migration (issue 12)."),
    ),
    (
        "0006_claim_clusters",
        Migration::Code(super::clusters::migrate),
    ),
];

/// Rewrites the `CHECK (kind IN (...))` constraints of the tables every
/// import writes as chains of `=` tests. They allow the same values, but
/// SQLite evaluates an `IN` list of more than two values by building a
/// temporary b-tree, and in a CHECK it builds it again for every row:
/// opening and closing it took a third of the import writer's time. Only
/// the constraint's text changes, and no stored row can fail the new form
/// that passed the old, so the schema is edited in place as SQLite's
/// documentation allows for CHECK changes (lang_altertable, "other kinds of
/// table schema changes"), without reading a single row: instant on a
/// ledger of any size, where copying the tables would take minutes. A
/// table whose constraint reads otherwise (edited by hand) is left as it
/// is; it is only slower.
fn checks_without_lists(conn: &Connection) -> rusqlite::Result<()> {
    const LISTS: &[(&str, &str, &[&str])] = &[
        (
            "claim_rows",
            "kind",
            &[
                "non_confirmation",
                "denial",
                "condemnation",
                "intention",
                "assessment",
                "assertion",
            ],
        ),
        ("claim_rows", "mode", &["direct", "indirect", "none"]),
        (
            "sources",
            "kind",
            &["person", "organization", "media", "anonymous"],
        ),
    ];
    let version: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    let edited = (|| {
        for table in ["claim_rows", "sources"] {
            let Some(mut sql) = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
            else {
                continue;
            };
            let before = sql.clone();
            for (_, column, values) in LISTS.iter().filter(|(t, _, _)| *t == table) {
                if let Some(rewritten) = without_list(&sql, column, values) {
                    sql = rewritten;
                }
            }
            if sql != before {
                conn.execute(
                    "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1",
                    (table, &sql),
                )?;
            }
        }
        // Other connections and this one read the schema again.
        conn.pragma_update(None, "schema_version", version + 1)
    })();
    conn.pragma_update(None, "writable_schema", false)?;
    edited?;
    // Preparing a statement reads the edited schema back: should it not
    // parse, the error rolls the whole upgrade back.
    for table in ["claim_rows", "sources"] {
        conn.prepare(&format!("SELECT * FROM {table} LIMIT 0"))?;
    }
    Ok(())
}

/// `sql` with its `COLUMN IN ('a', 'b', ...)` replaced by
/// `COLUMN = 'a' OR COLUMN = 'b' ...`, when it lists exactly `values`
/// (whatever the spacing and line ends); `None` otherwise.
fn without_list(sql: &str, column: &str, values: &[&str]) -> Option<String> {
    let start = sql.find(&format!("{column} IN ("))?;
    let open = start + column.len() + " IN (".len();
    let close = open + sql[open..].find(')')?;
    let listed: Vec<&str> = sql[open..close]
        .split(',')
        .map(|v| v.trim().trim_matches('\''))
        .collect();
    if listed != values {
        return None;
    }
    let chain: Vec<String> = values.iter().map(|v| format!("{column} = '{v}'")).collect();
    Some(format!(
        "{}{}{}",
        &sql[..start],
        chain.join(" OR "),
        &sql[close + 1..]
    ))
}

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
    for (index, (name, step)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        match step {
            Migration::Sql(sql) => tx.execute_batch(sql),
            Migration::Code(run) => run(&tx),
        }
        .map_err(|source| StoreError::Migration { name, source })?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Ledger;

    /// Every statement the import writer runs on a table with a kind
    /// constraint, as it runs them.
    const WRITES: &[&str] = &[
        "INSERT INTO claim_rows (article_id, position, body_start, body_end, raw_start, raw_end,
                                 sentence_start, sentence_end, kind, mode)
         VALUES (1, 1, 0, 1, 0, 1, 0, 1, ?1, ?2)",
        "INSERT INTO sources (name, kind, norm) VALUES ('x', ?1, 'x')",
    ];

    #[test]
    fn a_list_is_rewritten_whatever_its_spacing_and_line_ends() {
        let values = ["direct", "indirect", "none"];
        let sql =
            "CREATE TABLE t (mode TEXT CHECK (mode IN ('direct',\r\n   'indirect', 'none')), x)";
        assert_eq!(
            super::without_list(sql, "mode", &values).as_deref(),
            Some(
                "CREATE TABLE t (mode TEXT CHECK (mode = 'direct' OR mode = 'indirect' OR mode = 'none'), x)"
            )
        );
        // Another list, or none, is left alone.
        let other = "CREATE TABLE t (mode TEXT CHECK (mode IN ('direct', 'none')))";
        assert_eq!(super::without_list(other, "mode", &values), None);
        assert_eq!(
            super::without_list("CREATE TABLE t (x)", "mode", &values),
            None
        );
    }

    #[test]
    fn kind_checks_hold_without_a_temporary_table_per_row() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("t.db")).unwrap();
        let conn = &ledger.conn;
        for table in ["claim_rows", "sources"] {
            let sql: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(!sql.contains("kind IN"), "{sql}");
            assert!(!sql.contains("mode IN"), "{sql}");
        }
        for write in WRITES {
            let mut plan = conn.prepare(&format!("EXPLAIN {write}")).unwrap();
            let unbound = vec![rusqlite::types::Null; plan.parameter_count()];
            let ops: Vec<String> = plan
                .query_map(rusqlite::params_from_iter(unbound), |r| {
                    r.get::<_, String>(1)
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(!ops.iter().any(|op| op == "OpenEphemeral"), "{write}");
        }
        // The constraints still refuse what they refused.
        conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        let bad_kind = conn.execute(WRITES[0], ["rumour", "direct"]);
        assert!(bad_kind.unwrap_err().to_string().contains("CHECK"));
        let bad_mode = conn.execute(WRITES[0], ["assertion", "shouted"]);
        assert!(bad_mode.unwrap_err().to_string().contains("CHECK"));
        let bad_source = conn.execute(WRITES[1], ["crowd"]);
        assert!(bad_source.unwrap_err().to_string().contains("CHECK"));
        conn.execute(WRITES[0], ["assertion", "direct"]).unwrap();
        conn.execute(WRITES[1], ["media"]).unwrap();
    }
}
