use crate::harness::Workdir;

#[test]
fn sql_reads_in_every_format() {
    let w = Workdir::new();
    w.import_sample();
    let rows = w
        .claims(&[
            "sql",
            "SELECT kind, count(*) AS n FROM claims GROUP BY kind ORDER BY kind",
            "-f",
            "json",
        ])
        .run()
        .success()
        .json();
    let total: i64 = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["n"].as_i64().unwrap())
        .sum();
    let claims = w
        .claims(&["export", "-f", "jsonl"])
        .run()
        .success()
        .jsonl()
        .len();
    assert_eq!(total as usize, claims);
}

#[test]
fn sql_refuses_to_write_without_write_and_changes_nothing() {
    let w = Workdir::new();
    w.import_sample();
    let before = w.claims(&["export", "-f", "jsonl"]).run().success().stdout;
    let attempts = [
        "DELETE FROM claims",
        "UPDATE claims SET text = 'x'",
        "DROP TABLE claims",
        "INSERT INTO sources (name, kind, norm) VALUES ('x', 'person', 'x')",
        "PRAGMA query_only = 0",
        "PRAGMA writable_schema = 1",
        "PRAGMA user_version = 99",
        "VACUUM INTO 'copy.db'",
        "ATTACH DATABASE 'other.db' AS other",
        "SELECT 1; DELETE FROM claims",
        "SELECT load_extension('/tmp/x')",
        "CREATE TABLE t (x)",
        "CREATE TEMP TABLE t (x)",
    ];
    for attempt in attempts {
        let out = w.claims(&["sql", attempt]).run().code(1);
        assert!(
            out.stderr.starts_with("claims: "),
            "{attempt}: {}",
            out.stderr
        );
        assert_eq!(
            out.stderr.lines().count(),
            1,
            "{attempt}: one line: {}",
            out.stderr
        );
    }
    let out = w.claims(&["sql", "DELETE FROM claims"]).run().code(1);
    assert!(out.stderr.contains("--write"), "{}", out.stderr);
    assert!(!w.path().join("copy.db").exists());
    assert!(!w.path().join("other.db").exists());
    let after = w.claims(&["export", "-f", "jsonl"]).run().success().stdout;
    assert_eq!(before, after);
    let version = w
        .claims(&["sql", "PRAGMA user_version", "-f", "csv"])
        .run()
        .success()
        .stdout;
    assert!(!version.contains("99"));
}

#[test]
fn sql_writes_with_write() {
    let w = Workdir::new();
    w.import_sample();
    w.claims(&["sql", "--write", "DELETE FROM quantities"])
        .run()
        .success();
    let n = w
        .claims(&["sql", "SELECT count(*) AS n FROM quantities", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(n[0]["n"], 0);
}

#[test]
fn a_change_says_how_many_rows_it_changed_not_an_empty_table() {
    let w = Workdir::new();
    w.import_sample();
    let claims = w.scalar("claims.db", "SELECT count(*) FROM claims");
    let quantities = w.scalar("claims.db", "SELECT count(*) FROM quantities");
    assert!(claims > 3 && quantities > 0);
    // Through a view (SQLite itself counts no change there), on a table,
    // and a statement that changes nothing.
    for (statement, changed) in [
        (
            "UPDATE claims SET kind = 'assertion' WHERE position <= 2",
            "2 rows changed".to_string(),
        ),
        (
            "UPDATE articles SET title = 'Renamed'",
            "1 row changed".into(),
        ),
        (
            "DELETE FROM quantities",
            format!(
                "{quantities} row{} changed",
                if quantities == 1 { "" } else { "s" }
            ),
        ),
        (
            "DELETE FROM claims WHERE position = 3",
            "1 row changed".into(),
        ),
        (
            "DELETE FROM claims WHERE position = 3",
            "0 rows changed".into(),
        ),
        ("DELETE FROM claims", format!("{} rows changed", claims - 1)),
    ] {
        let out = w.claims(&["sql", "--write", statement]).run().success();
        assert_eq!(out.stderr.trim(), changed, "{statement}");
        assert_eq!(out.stdout, "", "{statement}: no table for a change");
    }
    // A change that returns rows shows them.
    let out = w
        .claims(&[
            "sql",
            "--write",
            "UPDATE articles SET outlet = 'Wire' RETURNING id, outlet",
            "-f",
            "csv",
        ])
        .run()
        .success();
    assert_eq!(out.stdout, "id,outlet\n1,Wire\n");
}

#[test]
fn a_write_that_upgrades_an_older_ledger_says_so_once() {
    let fixture = crate::harness::repo_root().join("tests/fixtures/schema-v1.db");
    for args in [
        vec!["sql", "--write", "UPDATE articles SET outlet = 'Wire'"],
        vec!["import", "-q", "new.txt"],
        vec!["reextract", "-q"],
    ] {
        let w = Workdir::new();
        std::fs::copy(&fixture, w.db()).unwrap();
        w.write(
            "new.txt",
            "Port to reopen\n\nThe port will reopen on Monday, officials said.\n",
        );
        let out = w.claims(&args).run().success();
        let now = w.scalar("claims.db", "PRAGMA user_version");
        assert!(now > 1);
        let said = format!("upgraded claims.db from schema 1 to {now}");
        assert!(
            out.stderr.lines().any(|l| l == said),
            "{args:?}: {}",
            out.stderr
        );
        let again = w.claims(&args).run().success();
        assert!(
            !again.stderr.contains("upgraded"),
            "{args:?}: {}",
            again.stderr
        );
    }
    // Making a new ledger is no upgrade.
    let w = Workdir::new();
    w.write(
        "new.txt",
        "Port to reopen\n\nThe port will reopen on Monday, officials said.\n",
    );
    let out = w.claims(&["import", "new.txt"]).run().success();
    assert!(!out.stderr.contains("upgraded"), "{}", out.stderr);
}

#[test]
fn the_ledger_is_an_ordinary_sqlite_file() {
    let w = Workdir::new();
    w.import_sample();
    let via = std::process::Command::new("sqlite3")
        .arg("-readonly")
        .arg(w.db())
        .arg("SELECT source || ' via ' || via FROM claims_flat WHERE via IS NOT NULL ORDER BY claim_id")
        .output()
        .expect("the sqlite3 shell is installed (.ci/run installs it)");
    assert!(
        via.status.success(),
        "{}",
        String::from_utf8_lossy(&via.stderr)
    );
    let text = String::from_utf8(via.stdout).unwrap();
    assert!(
        text.contains("National Intelligence Service via Yonhap News Agency"),
        "{text}"
    );
    let depth = std::process::Command::new("sqlite3")
        .arg(w.db())
        .arg("SELECT count(*) FROM claim_sources WHERE depth > 0; PRAGMA foreign_key_check; PRAGMA integrity_check;")
        .output()
        .unwrap();
    let text = String::from_utf8(depth.stdout).unwrap();
    assert_eq!(
        text.trim(),
        "2\nok",
        "two relayed claims in the sample, and a sound file"
    );
}

/// The raw text is stored as the body plus what cleaning removed; any
/// SQLite client gets it back byte for byte through the `articles` view, and
/// the views read claims, sentences and mentions out of the body.
#[test]
fn the_sqlite3_shell_reads_raw_texts_and_claims_out_of_the_views() {
    let w = Workdir::new();
    let raw = "Share this article\r\n\r\nCity Council Delays Vote\r\n\r\n\
               PARIS - The council said on Tuesday that the vote on the new tram line\r\n\
               would be delayed by two weeks, citing unfinished stud-\r\nies.\r\n\r\n\
               Advertisement\r\n\r\n\
               “We need more time,” said Mayor Anne Roux. Critics said the delay was “a \
               betrayal of voters”.\r\n";
    w.write("council.txt", raw);
    w.claims(&["import", "council.txt"]).run().success();
    let shell = |sql: &str| {
        let out = std::process::Command::new("sqlite3")
            .arg("-readonly")
            .arg(w.db())
            .arg(sql)
            .output()
            .expect("the sqlite3 shell is installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let stored = shell("SELECT raw_layout IS NOT NULL AND raw_text IS NULL FROM article_rows");
    assert_eq!(stored.trim(), "1", "the raw text is not stored twice");
    // The shell ends its output with a newline of its own.
    assert_eq!(shell("SELECT raw_text FROM articles"), format!("{raw}\n"));
    let exported = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    let from_views = shell(
        "SELECT c.text || '|' || c.sentence || '|' || coalesce(c.cue, '') FROM claims c ORDER BY c.position",
    );
    let expected: String = exported
        .iter()
        .map(|c| {
            format!(
                "{}|{}|{}\n",
                c["text"].as_str().unwrap(),
                c["sentence"].as_str().unwrap(),
                c["cue"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(from_views, expected);
    assert!(
        from_views.contains("the vote on the new tram line"),
        "{from_views}"
    );
    let mentions = shell("SELECT text FROM claim_mentions WHERE role = 'source' ORDER BY claim_id");
    assert!(
        mentions.contains("Mayor Anne Roux") || mentions.contains("Anne Roux"),
        "{mentions}"
    );
}
