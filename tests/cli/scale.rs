//! A few thousand generated articles through import, export and queries,
//! with the row counts checked; and the parallel import's promise that the
//! ledger does not depend on the thread count.

use crate::harness::Workdir;

fn count(w: &Workdir, db: &str, sql: &str) -> i64 {
    w.scalar(db, sql)
}

#[test]
fn a_few_thousand_articles_import_export_and_query() {
    const ARTICLES: usize = 2000;
    let w = Workdir::new();
    claim_ledger::synth::write_corpus(&w.path().join("corpus"), ARTICLES, 11).unwrap();
    let out = w
        .claims(&["--db", "big.db", "import", "-q", "corpus"])
        .run()
        .success();
    assert!(
        out.stderr
            .contains(&format!("{ARTICLES} new, 0 unchanged, 0 failed")),
        "{}",
        out.stderr
    );
    assert_eq!(
        count(&w, "big.db", "SELECT count(*) FROM articles"),
        ARTICLES as i64
    );
    let claims = count(&w, "big.db", "SELECT count(*) FROM claims");
    assert!(claims > 10 * ARTICLES as i64, "{claims} claims");

    let csv = w
        .claims(&["--db", "big.db", "export", "-f", "csv"])
        .run()
        .success()
        .stdout;
    let rows = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(rows.len() as i64, claims);
    let jsonl = w
        .claims(&["--db", "big.db", "export", "-f", "jsonl"])
        .run()
        .success()
        .jsonl();
    assert_eq!(jsonl.len() as i64, claims);

    let attributed = count(
        &w,
        "big.db",
        "SELECT count(*) FROM claims WHERE source_id IS NOT NULL",
    );
    let listed = w
        .claims(&["--db", "big.db", "list", "-f", "jsonl"])
        .run()
        .success()
        .jsonl()
        .len();
    assert_eq!(listed as i64, claims);
    let unattributed = w
        .claims(&["--db", "big.db", "list", "--unattributed", "-f", "jsonl"])
        .run()
        .success()
        .jsonl()
        .len();
    assert_eq!(unattributed as i64 + attributed, claims);

    // Re-importing the unchanged archive adds nothing.
    let again = w
        .claims(&["--db", "big.db", "import", "-q", "corpus"])
        .run()
        .success();
    assert!(
        again
            .stderr
            .contains(&format!("0 new, {ARTICLES} unchanged")),
        "{}",
        again.stderr
    );
    w.claims(&["--db", "big.db", "check"]).run().success();
}

#[test]
fn the_ledger_is_the_same_whatever_the_thread_count() {
    let w = Workdir::new();
    claim_ledger::synth::write_corpus(&w.path().join("corpus"), 300, 5).unwrap();
    w.claims(&["--db", "one.db", "import", "-q", "-j", "1", "corpus"])
        .run()
        .success();
    w.claims(&["--db", "four.db", "import", "-q", "-j", "4", "corpus"])
        .run()
        .success();
    let one = w
        .claims(&["--db", "one.db", "export", "-f", "jsonl"])
        .run()
        .success()
        .stdout;
    let four = w
        .claims(&["--db", "four.db", "export", "-f", "jsonl"])
        .run()
        .success()
        .stdout;
    assert!(!one.is_empty());
    assert!(one == four, "the exports differ between 1 and 4 threads");
    let order = "SELECT group_concat(path, '|') FROM (SELECT path FROM articles ORDER BY id)";
    let a = w
        .claims(&["--db", "one.db", "sql", order, "-f", "csv"])
        .run()
        .success()
        .stdout;
    let b = w
        .claims(&["--db", "four.db", "sql", order, "-f", "csv"])
        .run()
        .success()
        .stdout;
    assert_eq!(a, b);
}
