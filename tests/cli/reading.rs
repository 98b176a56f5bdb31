//! Reading never changes the ledger: every command that only reads opens
//! the file read-only, and a ledger of an older schema is refused with the
//! command that upgrades it instead of being upgraded behind the user's
//! back.

use std::path::Path;

use crate::harness::{Workdir, repo_root};

/// What the directory holds, to compare before and after: each file's name
/// and a hash of its bytes. SQLite's shared-memory index (`-shm`) is not
/// data, and an empty write-ahead log is the same as none: a reader of a
/// ledger in WAL mode may leave both behind.
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap();
            (name, bytes)
        })
        .filter(|(name, bytes)| {
            let index = name.ends_with("-shm");
            let empty_log = name.ends_with("-wal") && bytes.is_empty();
            !(index || empty_log)
        })
        .map(|(name, bytes)| (name, blake3::hash(&bytes).to_hex().to_string()))
        .collect();
    files.sort();
    files
}

/// Every subcommand that only reads the ledger, as a user would run it.
const READS: &[&[&str]] = &[
    &["articles"],
    &["show", "1"],
    &["list"],
    &["sources"],
    &["rests-on", "Dockworkers Union"],
    &["export", "-f", "jsonl"],
    &["export", "-f", "claimreview"],
    &["sql", "SELECT count(*) FROM claims"],
    &["schema"],
    &["check"],
    &["report", "1"],
    &["graph"],
    &["datasette-metadata"],
];

#[test]
fn an_older_ledger_is_never_upgraded_by_a_read_and_says_how_to_upgrade() {
    let w = Workdir::new();
    std::fs::copy(repo_root().join("tests/fixtures/schema-v1.db"), w.db()).unwrap();
    let before = snapshot(w.path());
    for args in READS {
        let out = w.claims(args).run().code(1);
        assert!(
            out.stderr.contains("schema version 1")
                && out
                    .stderr
                    .contains("`claims --db claims.db upgrade` brings it up to date"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(snapshot(w.path()), before, "{args:?} changed the ledger");
    }
    let out = w.claims(&["upgrade"]).run().success();
    assert!(
        out.stderr.contains("upgraded claims.db from schema 1 to 7"),
        "{}",
        out.stderr
    );
    for args in READS {
        w.claims(args).run().success();
    }
    let out = w.claims(&["upgrade"]).run().success();
    assert!(
        out.stderr.contains("already at schema version 7"),
        "{}",
        out.stderr
    );
}

#[test]
fn reading_a_current_ledger_leaves_its_files_as_they_were() {
    let w = Workdir::new();
    w.import_sample();
    let before = snapshot(w.path());
    for args in READS {
        let mut args = args.to_vec();
        if args[0] == "rests-on" {
            args[1] = "Yonhap";
        }
        w.claims(&args).run().success();
        assert_eq!(snapshot(w.path()), before, "{args:?} changed the ledger");
    }
}

#[test]
fn a_read_where_there_is_no_ledger_makes_none() {
    let w = Workdir::new();
    for args in READS.iter().filter(|a| a[0] != "schema") {
        let out = w.claims(args).run().code(1);
        assert!(
            out.stderr.contains("no ledger here yet"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // The schema of the ledger an import would make, without making it.
    w.claims(&["schema"]).run().success();
    assert!(snapshot(w.path()).is_empty());
}
