//! Deleting through the views leaves a ledger `claims check` accepts,
//! whether the deletion comes through `claims sql --write` (foreign keys
//! on) or through the sqlite3 shell (foreign keys off, its default): what
//! hangs from the row goes with it, the claims after a deleted one close
//! the gap, and a party goes with the last claim that names it.

use std::process::Command;

use crate::fixtures;
use crate::harness::Workdir;

/// Runs one statement with the real sqlite3 shell, as a user would.
pub(crate) fn sqlite3(w: &Workdir, sql: &str) {
    let out = Command::new("sqlite3")
        .arg(w.db())
        .arg(sql)
        .output()
        .expect("the sqlite3 shell (apt-get install sqlite3)");
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn count(w: &Workdir, sql: &str) -> i64 {
    w.scalar("claims.db", sql)
}

fn check_passes(w: &Workdir, after: &str) {
    let out = w.claims(&["check", "-f", "csv"]).run();
    assert_eq!(
        out.code,
        Some(0),
        "after {after}:\n{}{}",
        out.stdout,
        out.stderr
    );
}

const UNUSED_SOURCES: &str = "SELECT count(*) FROM sources s
     WHERE NOT EXISTS (SELECT 1 FROM claim_rows c WHERE c.source_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM claim_via v WHERE v.source_id = s.id)";

#[test]
fn deleting_through_the_views_leaves_a_ledger_that_checks() {
    let w = Workdir::new();
    // Three articles; the third has a two-link chain and an anonymous
    // source set through the views.
    fixtures::ledger(&w);
    check_passes(&w, "the import");
    let articles = count(&w, "SELECT count(*) FROM articles");
    assert_eq!(articles, 3);

    // A claim in the middle of an article, with claims sql --write: the
    // ones after it move up.
    let claims_of_1 = count(&w, "SELECT count(*) FROM claims WHERE article_id = 1");
    w.claims(&[
        "sql",
        "--write",
        "DELETE FROM claims WHERE article_id = 1 AND position = 3",
    ])
    .run()
    .success();
    check_passes(&w, "deleting one claim");
    assert_eq!(
        count(&w, "SELECT max(position) FROM claims WHERE article_id = 1"),
        claims_of_1 - 1
    );

    // Several claims in one statement with the sqlite3 shell, whose
    // foreign keys are off.
    sqlite3(
        &w,
        "DELETE FROM claims WHERE article_id = 1 AND position IN (1, 4, 5)",
    );
    check_passes(&w, "deleting several claims with sqlite3");
    assert_eq!(
        count(&w, "SELECT max(position) FROM claims WHERE article_id = 1"),
        claims_of_1 - 4
    );

    // A correction that gives a claim another source: the old party goes
    // when nothing else names it.
    let sources = count(&w, "SELECT count(*) FROM sources");
    w.claims(&[
        "sql",
        "--write",
        "UPDATE claims SET source_id = NULL WHERE source_id = \
         (SELECT id FROM sources WHERE name = 'depot insiders')",
    ])
    .run()
    .success();
    check_passes(&w, "taking a claim's source away");
    assert_eq!(count(&w, "SELECT count(*) FROM sources"), sources - 1);

    // A whole article with its chains, with the sqlite3 shell.
    sqlite3(&w, "DELETE FROM articles WHERE id = 3");
    check_passes(&w, "deleting an article with sqlite3");
    assert_eq!(
        count(&w, "SELECT count(*) FROM claims WHERE article_id = 3"),
        0
    );
    assert_eq!(
        count(
            &w,
            "SELECT count(*) FROM sources WHERE name = 'Kestrel Newswire'"
        ),
        0,
        "a relay named by that article only"
    );

    // Every claim of an article: the article stays, with none.
    w.claims(&["sql", "--write", "DELETE FROM claims WHERE article_id = 2"])
        .run()
        .success();
    check_passes(&w, "deleting every claim of an article");

    // And an article with claims sql --write.
    w.claims(&["sql", "--write", "DELETE FROM articles WHERE id = 1"])
        .run()
        .success();
    check_passes(&w, "deleting an article with claims sql");
    assert_eq!(count(&w, "SELECT count(*) FROM claim_rows"), 0);
    assert_eq!(count(&w, UNUSED_SOURCES), 0);
    assert_eq!(count(&w, "SELECT count(*) FROM sources"), 0);
    assert_eq!(count(&w, "SELECT count(*) FROM source_aliases"), 0);
    assert_eq!(count(&w, "SELECT count(*) FROM articles"), 1);
}
