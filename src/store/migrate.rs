//! Schema migrations, applied in order at open and tracked in
//! `PRAGMA user_version`. Most are SQL files under `migrations/`; one that
//! only rewrites constraint text in the schema is code.
//!
//! Why not `rusqlite_migration`: it pins an older rusqlite (and with it an
//! older bundled SQLite), and what we need from it is a loop of a dozen
//! lines: run each migration file above the stored version in one
//! transaction, and refuse a ledger made by a newer tool untouched.

use std::collections::HashMap;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension};

use super::error::{Result, StoreError};
use super::names::normalize;

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
    (
        "0005_dates_and_deletions",
        Migration::Code(names_dates_and_deletions),
    ),
    (
        "0006_claim_clusters",
        Migration::Sql(include_str!("../../migrations/0006_claim_clusters.sql")),
    ),
    (
        "0007_cluster_members",
        Migration::Code(super::clusters::migrate),
    ),
];

/// Party names compared in NFC, ISO publication dates, and deletions
/// through the views that leave a sound ledger. The names are done here in
/// Rust, because renormalising can make two rows one party; the rest is
/// `migrations/0005_dates_and_deletions.sql`, which reads dates with the
/// import's own reader.
fn names_dates_and_deletions(conn: &Connection) -> rusqlite::Result<()> {
    renormalise_names(conn)?;
    conn.create_scalar_function(
        "claims_iso_date",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(ctx
                .get_raw(0)
                .as_str()
                .ok()
                .and_then(crate::extract::dates::published_date))
        },
    )?;
    let done = conn.execute_batch(include_str!(
        "../../migrations/0005_dates_and_deletions.sql"
    ));
    conn.remove_function("claims_iso_date", 1)?;
    done
}

/// Gives every party and alias the key [`normalize`] makes now, which
/// composes letters first (NFC): "Zoë" typed as one character and as "e"
/// with a diaeresis were two parties. Two parties of the same kind whose
/// keys become one are merged into the older, with their claims, chains and
/// aliases. Should the key be another kind's (a person and an organisation
/// spelt alike), the later row keeps its old key: only a user can say
/// whether they are one party.
fn renormalise_names(conn: &Connection) -> rusqlite::Result<()> {
    struct Row {
        id: i64,
        kind: String,
        old: String,
        new: String,
    }
    let mut rows: Vec<Row> = conn
        .prepare("SELECT id, kind, norm, name FROM sources ORDER BY id")?
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                kind: r.get(1)?,
                old: r.get(2)?,
                new: normalize(&r.get::<_, String>(3)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Rows already holding their new key keep it; then the oldest first.
    rows.sort_by_key(|r| (r.old != r.new, r.id));
    let mut owner: HashMap<String, (i64, String)> = HashMap::new();
    for row in &rows {
        if row.old == row.new {
            owner.insert(row.new.clone(), (row.id, row.kind.clone()));
        }
    }
    let mut park = conn.prepare("UPDATE sources SET norm = ?2 WHERE id = ?1")?;
    let mut renamed = Vec::new();
    for row in rows.iter().filter(|r| r.old != r.new) {
        match owner.get(&row.new) {
            None => {
                owner.insert(row.new.clone(), (row.id, row.kind.clone()));
                // Out of the way first: another row may still hold this
                // row's new key as its old one until its own turn.
                park.execute((row.id, format!("\u{1f}renormalising {}", row.id)))?;
                renamed.push((row.id, row.new.clone()));
            }
            Some((into, kind)) if *kind == row.kind => merge_party(conn, row.id, *into)?,
            Some(_) => {}
        }
    }
    for (id, norm) in renamed {
        park.execute((id, norm))?;
    }

    // Aliases whose key changes: all taken out first, then put back under
    // their new keys, where two that became one keep the stronger merge.
    let mut changed: Vec<(i64, String, String, bool)> = conn
        .prepare("SELECT source_id, norm, alias, merges FROM source_aliases")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    changed.retain(|(_, old, alias, _)| normalize(alias) != *old);
    let mut drop_alias =
        conn.prepare("DELETE FROM source_aliases WHERE source_id = ?1 AND norm = ?2")?;
    for (source_id, old, _, _) in &changed {
        drop_alias.execute((source_id, old))?;
    }
    let mut put_alias = conn.prepare(
        "INSERT INTO source_aliases (source_id, alias, norm, merges) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source_id, norm) DO UPDATE SET merges = max(merges, excluded.merges)",
    )?;
    for (source_id, _, alias, merges) in &changed {
        put_alias.execute((source_id, alias, normalize(alias), merges))?;
    }
    Ok(())
}

/// Moves everything of party `from` to party `into` and removes `from`.
fn merge_party(conn: &Connection, from: i64, into: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE claim_rows SET source_id = ?2 WHERE source_id = ?1",
        (from, into),
    )?;
    conn.execute(
        "UPDATE claim_via SET source_id = ?2 WHERE source_id = ?1",
        (from, into),
    )?;
    conn.execute(
        "INSERT INTO source_aliases (source_id, alias, norm, merges)
         SELECT ?2, alias, norm, merges FROM source_aliases WHERE source_id = ?1 AND true
         ON CONFLICT (source_id, norm) DO UPDATE SET merges = max(merges, excluded.merges)",
        (from, into),
    )?;
    conn.execute("DELETE FROM source_aliases WHERE source_id = ?1", [from])?;
    conn.execute("DELETE FROM sources WHERE id = ?1", [from])?;
    Ok(())
}

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
/// failure leaves the ledger as it was. Gives the version an existing
/// ledger was upgraded from; `None` when it was current, or new (version
/// 0: making a ledger is no upgrade).
pub fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<Option<i64>> {
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
        return Ok(None);
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
    Ok((found > 0 && found < known).then_some(found))
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
    fn names_in_two_unicode_forms_become_one_party_of_the_same_kind() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("t.db")).unwrap();
        let conn = &ledger.conn;
        // Keys as schema 4 wrote them: lower-cased, not composed.
        conn.execute_batch(
            "INSERT INTO sources (id, name, kind, norm) VALUES
                 (1, 'Zo\u{eb} Brandt', 'person', 'zo\u{eb} brandt'),
                 (2, 'Zoe\u{308} Brandt', 'person', 'zoe\u{308} brandt'),
                 (3, 'Zoe\u{308} Brandt', 'organization', 'zoe\u{308} brandt inc'),
                 (4, 'Ren\u{e9} Aubry', 'person', 'rene\u{301} aubry');
             INSERT INTO source_aliases (source_id, alias, norm, merges) VALUES
                 (2, 'Brandt', 'brandt', 0),
                 (4, 'Rene\u{301}', 'rene\u{301}', 1);
             INSERT INTO article_rows (id, imported_at, content_hash, body, raw_text)
                 VALUES (1, 'now', 'h', 'abc', 'abc');
             INSERT INTO claim_rows (article_id, position, body_start, body_end, raw_start,
                                     raw_end, sentence_start, sentence_end, kind, mode, source_id)
                 VALUES (1, 1, 0, 1, 0, 1, 0, 1, 'assertion', 'direct', 2),
                        (1, 2, 1, 2, 1, 2, 1, 2, 'assertion', 'direct', 3);
             INSERT INTO claim_via (claim_id, depth, source_id) VALUES (2, 1, 2);",
        )
        .unwrap();
        super::renormalise_names(conn).unwrap();
        let pairs = |sql: &str| -> Vec<(i64, String)> { crate::store::two_columns(conn, sql) };
        let sources = pairs("SELECT id, norm FROM sources ORDER BY id");
        assert_eq!(
            sources,
            [
                (1, "zo\u{eb} brandt".to_string()),
                // Another kind under the same key keeps its old one.
                (3, "zoe\u{308} brandt inc".to_string()),
                (4, "ren\u{e9} aubry".to_string()),
            ]
        );
        let uses: Vec<i64> = conn
            .prepare("SELECT source_id FROM claim_rows UNION ALL SELECT source_id FROM claim_via")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(uses, [1, 3, 1], "claims and chains follow the merge");
        let aliases = pairs("SELECT source_id, norm FROM source_aliases ORDER BY source_id");
        assert_eq!(
            aliases,
            [(1, "brandt".to_string()), (4, "ren\u{e9}".to_string())]
        );
    }

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
