//! Deleting through the views leaves a ledger `claims check` accepts,
//! whether the deletion comes through `claims sql --write` (foreign keys
//! on) or through the sqlite3 shell (foreign keys off, its default): what
//! hangs from the row goes with it, the other claims keep their positions,
//! and a party goes with the last claim that names it.

use std::process::Command;

use crate::fixtures;
use crate::harness::Workdir;

/// Runs one statement with the real sqlite3 shell, as a user would.
pub(crate) fn sqlite3(w: &Workdir, sql: &str) {
    let out = sqlite3_run(w, sql);
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn sqlite3_run(w: &Workdir, sql: &str) -> std::process::Output {
    Command::new("sqlite3")
        .arg(w.db())
        .arg(sql)
        .output()
        .expect("the sqlite3 shell (apt-get install sqlite3)")
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

/// (claim id, position) of every claim of an article, in order.
fn positions(w: &Workdir, article: i64) -> Vec<(i64, i64)> {
    w.rows(
        "claims.db",
        &format!("SELECT id, position FROM claims WHERE article_id = {article} ORDER BY position"),
    )
    .as_array()
    .unwrap()
    .iter()
    .map(|r| (r["id"].as_i64().unwrap(), r["position"].as_i64().unwrap()))
    .collect()
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
    let claims_of_1 = count(&w, "SELECT count(*) FROM claims WHERE article_id = 1");

    // A claim in the middle of an article, with claims sql --write: the
    // others keep their places (renumbering them for every deleted row made
    // deleting many claims take time in the square of their number).
    let places = positions(&w, 1);
    w.claims(&[
        "sql",
        "--write",
        "DELETE FROM claims WHERE article_id = 1 AND position = 3",
    ])
    .run()
    .success();
    check_passes(&w, "deleting one claim");
    let kept: Vec<(i64, i64)> = places.iter().copied().filter(|p| p.1 != 3).collect();
    assert_eq!(positions(&w, 1), kept);

    // Several claims in one statement with the sqlite3 shell, whose
    // foreign keys are off.
    sqlite3(
        &w,
        "DELETE FROM claims WHERE article_id = 1 AND position IN (1, 4, 5)",
    );
    check_passes(&w, "deleting several claims with sqlite3");
    let kept: Vec<(i64, i64)> = kept
        .into_iter()
        .filter(|p| ![1, 4, 5].contains(&p.1))
        .collect();
    assert_eq!(positions(&w, 1), kept);
    assert_eq!(kept.len() as i64, claims_of_1 - 4);

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

#[test]
fn check_refuses_positions_out_of_the_texts_order() {
    let w = Workdir::new();
    w.import_sample();
    check_passes(&w, "the import");
    // The first claim moved behind the last: positions still unique, but
    // no longer the article's order.
    sqlite3(
        &w,
        "UPDATE claim_rows SET position = 1000 WHERE article_id = 1 AND position = 1",
    );
    let out = w.claims(&["check", "-f", "csv"]).run().code(1);
    assert!(
        out.stdout.contains("claim positions follow the text")
            && out
                .stdout
                .contains("at position 1000 lies in a sentence before claim"),
        "{}",
        out.stdout
    );
    sqlite3(
        &w,
        "UPDATE claim_rows SET position = 0 WHERE article_id = 1 AND position = 1000",
    );
    let out = w.claims(&["check", "-f", "csv"]).run().code(1);
    assert!(
        out.stdout.contains("at position 0 is not a position"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_source_in_use_cannot_be_deleted_and_an_unused_one_takes_its_aliases() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let speaker = count(
        &w,
        &format!(
            "SELECT id FROM sources WHERE name = '{}'",
            fixtures::SPEAKER
        ),
    );
    let relay = count(
        &w,
        &format!(
            "SELECT id FROM sources WHERE name = '{}'",
            fixtures::RELAYS[1]
        ),
    );
    let sources = count(&w, "SELECT count(*) FROM sources");

    // The sqlite3 shell, foreign keys off: refused with the ledger's own
    // message, and nothing changes.
    for id in [speaker, relay] {
        let out = sqlite3_run(&w, &format!("DELETE FROM sources WHERE id = {id}"));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "source {id} was deleted");
        assert!(
            said.contains("a source that claims rest on or pass through cannot be deleted"),
            "{said}"
        );
    }
    assert_eq!(count(&w, "SELECT count(*) FROM sources"), sources);
    check_passes(&w, "refused deletions with sqlite3");

    // claims sql --write, foreign keys on: a plain message that says how
    // much rests on the source, not SQLite's "FOREIGN KEY constraint failed".
    let out = w
        .claims(&[
            "sql",
            "--write",
            &format!("DELETE FROM sources WHERE id = {speaker}"),
        ])
        .run()
        .code(1);
    assert_eq!(
        out.stderr.trim(),
        format!(
            "claims: source {speaker} ({}) cannot be deleted: 1 claim rests on it; \
             delete or correct those claims first (claims rests-on {speaker} lists them)",
            fixtures::SPEAKER
        )
    );
    let out = w
        .claims(&[
            "sql",
            "--write",
            &format!("DELETE FROM sources WHERE id = {relay}"),
        ])
        .run()
        .code(1);
    assert!(
        out.stderr.contains("1 chain passes through it"),
        "{}",
        out.stderr
    );
    assert_eq!(count(&w, "SELECT count(*) FROM sources"), sources);

    // A source nothing rests on (made by hand) goes, with its aliases,
    // whatever the foreign-key setting.
    for (how, run) in [("sqlite3", true), ("claims sql", false)] {
        sqlite3(
            &w,
            "INSERT INTO sources (id, name, kind, norm) VALUES (900, 'Nobody', 'person', 'nobody');
             INSERT INTO source_aliases (source_id, alias, norm, merges) VALUES (900, 'N.', 'n', 1);",
        );
        let delete = "DELETE FROM sources WHERE id = 900";
        if run {
            sqlite3(&w, delete);
        } else {
            w.claims(&["sql", "--write", delete]).run().success();
        }
        assert_eq!(
            count(
                &w,
                "SELECT count(*) FROM source_aliases WHERE source_id = 900"
            ),
            0,
            "{how}"
        );
        check_passes(&w, how);
    }
}
