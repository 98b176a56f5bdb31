//! The ledger loses nothing: odd encodings, hostile text, old schemas,
//! concurrent writers and killed imports.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{Workdir, repo_root};

fn article(n: usize) -> String {
    format!(
        "Harbor Report No. {n}\n\nPORTVILLE - The harbor authority said {n} ships were waiting at anchor on Monday.\n\n\
         \"We expect the queue to clear within {d} days,\" said Maria Lopez, a spokeswoman for the authority.\n\n\
         Officials said the dispute over wages remained unresolved.\n",
        d = n % 9 + 2
    )
}

fn write_batch(w: &Workdir, dir: &str, count: usize) {
    for n in 0..count {
        w.write(&format!("{dir}/article-{n:04}.txt"), article(n));
    }
}

fn count(w: &Workdir, sql: &str) -> i64 {
    w.scalar("claims.db", sql)
}

#[test]
fn legacy_and_unicode_encodings_are_decoded_and_recorded() {
    let w = Workdir::new();
    let text = "The minister said exports rose 4 percent in the year to March.\n";
    w.write("utf8.txt", text);
    w.write(
        "bom.txt",
        [
            b"\xef\xbb\xbf".as_slice(),
            "Caf\u{e9} owners said rents rose 9 percent last year.\n".as_bytes(),
        ]
        .concat(),
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Police said 3 people were hurt.\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    w.write("utf16.txt", utf16);
    w.write(
        "cp1252.txt",
        b"The mayor\x92s office said the caf\xe9 would reopen, calling the closure \x93a mistake\x94 that cost 12 jobs.\n",
    );
    w.claims(&["import", "utf8.txt", "bom.txt", "utf16.txt", "cp1252.txt"])
        .run()
        .success();
    let rows = w
        .claims(&[
            "sql",
            "SELECT path, encoding, raw_text FROM articles ORDER BY id",
            "-f",
            "json",
        ])
        .run()
        .success()
        .json();
    let got: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["encoding"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("utf8.txt", "UTF-8"),
            ("bom.txt", "UTF-8"),
            ("utf16.txt", "UTF-16LE"),
            ("cp1252.txt", "windows-1252")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert!(
        rows[3]["raw_text"]
            .as_str()
            .unwrap()
            .contains("mayor\u{2019}s office")
    );
    assert!(
        !rows[1]["raw_text"]
            .as_str()
            .unwrap()
            .starts_with('\u{feff}')
    );
}

#[test]
fn binary_and_oversized_input_is_refused_with_the_reason() {
    let w = Workdir::new();
    w.write("png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    w.write("zip.md", b"PK\x03\x04\x14\0\0\0\x08\0");
    w.write("nul.txt", b"text with a \0 NUL byte in it");
    w.write(
        "big.txt",
        "The council said the plan would cost more. ".repeat(200),
    );
    w.write("blank.txt", "\n\n   \n");
    w.write(
        "nothing.txt",
        "Share this article\n\nSubscribe to our newsletter\n",
    );
    let out = w
        .claims(&[
            "import",
            "png.txt",
            "zip.md",
            "nul.txt",
            "big.txt",
            "blank.txt",
            "nothing.txt",
            "--max-bytes",
            "4000",
        ])
        .run()
        .code(1);
    for (file, reason) in [
        ("png.txt", "not text (PNG image)"),
        ("zip.md", "not text (zip archive)"),
        ("nul.txt", "not text (contains NUL bytes)"),
        ("big.txt", "larger than the 4000-byte limit"),
        ("blank.txt", "empty file"),
        ("nothing.txt", "no claims found"),
    ] {
        assert!(
            out.stderr.contains(&format!("{file}: {reason}")),
            "{file}: {}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("0 new, 0 unchanged, 6 failed"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_failed_file_leaves_what_was_in_the_ledger_untouched() {
    let w = Workdir::new();
    w.import_sample();
    let before = w.claims(&["export", "-f", "jsonl"]).run().success().stdout;
    w.write("bad.txt", b"\x00\x01\x02");
    w.claims(&["import", "bad.txt"]).run().code(1);
    assert_eq!(
        w.claims(&["export", "-f", "jsonl"]).run().success().stdout,
        before
    );
    w.claims(&["check"]).run().success();
}

#[test]
fn terminal_output_never_carries_escape_sequences_from_articles() {
    let w = Workdir::new();
    w.write(
        "hostile.txt",
        "Hostile \u{1b}]0;pwned\u{7}Headline\n\nThe agency said the \u{1b}[2J screen-clearing text was \u{9b}31m harmless, officials said.\n",
    );
    w.claims(&["import", "hostile.txt"]).run().success();
    for args in [vec!["list"], vec!["show", "1"], vec!["articles"]] {
        let out = w.claims(&args).run().success();
        assert!(!out.stdout.contains('\u{1b}'), "{args:?}: {}", out.stdout);
        assert!(!out.stdout.contains('\u{9b}'), "{args:?}");
        assert!(!out.stderr.contains('\u{1b}'), "{args:?}");
    }
}

#[test]
fn excel_csv_neutralises_formulas_and_the_default_stays_exact() {
    let w = Workdir::new();
    w.import_sample();
    w.claims(&[
        "sql",
        "--write",
        "UPDATE claims SET role = '=HYPERLINK(\"http://x\",\"y\")' WHERE position = 1",
    ])
    .run()
    .success();
    w.claims(&[
        "sql",
        "--write",
        "UPDATE claims SET affiliation = '@SUM(A1)' WHERE position = 2",
    ])
    .run()
    .success();
    let exact = w.claims(&["export", "-f", "csv"]).run().success().stdout;
    assert!(
        exact.contains("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "the default export is exact"
    );
    assert!(!exact.starts_with('\u{feff}'));
    let excel = w
        .claims(&["export", "-f", "csv", "--excel", "--null", "NULL"])
        .run()
        .success()
        .stdout;
    assert!(
        excel.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    assert!(excel.contains("\"'=HYPERLINK("), "{excel}");
    assert!(excel.contains(",'@SUM(A1),"), "{excel}");
    assert!(
        excel.contains(",NULL,"),
        "--null chooses how NULL is written"
    );
}

#[test]
fn a_ledger_from_the_first_schema_is_upgraded_with_everything_in_it() {
    let w = Workdir::new();
    let fixture = repo_root().join("tests/fixtures/schema-v1.db");
    let original = std::fs::read(&fixture).unwrap();
    std::fs::copy(&fixture, w.db()).unwrap();
    let out = w.claims(&["upgrade"]).run().success();
    assert!(
        out.stderr.contains("upgraded claims.db from schema 1 to 7"),
        "{}",
        out.stderr
    );
    let rows = w
        .claims(&["rests-on", "Dockworkers Union", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(rows[0]["chain"], "Labour Ministry via Dockworkers Union");
    assert_eq!(rows[0]["text"], "4,000 members would return on Monday");
    assert_eq!(count(&w, "PRAGMA user_version"), 7);
    // Schema 7 clustered the claims already there (one, in a cluster of
    // its own; tests in store/clusters compare clustering on upgrade with
    // clustering on import).
    assert_eq!(
        count(
            &w,
            "SELECT count(*) FROM claim_rows WHERE cluster_id IS NULL"
        ),
        count(&w, "SELECT count(*) FROM claims")
    );
    // Schema 4 rewrote the kind and mode constraints without IN lists.
    assert_eq!(
        count(
            &w,
            "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%kind IN (%' OR sql LIKE '%mode IN (%'"
        ),
        0
    );
    // Schema 3 stores sentences as offsets: each claim's sentence was found
    // again in the body, around the claim.
    assert_eq!(
        count(
            &w,
            "SELECT count(*) FROM claims WHERE sentence IS NULL OR instr(sentence, text) = 0"
        ),
        0
    );
    assert!(
        count(
            &w,
            "SELECT count(*) FROM articles WHERE raw_text IS NOT NULL AND length(raw_text) > 0"
        ) >= 1,
        "the raw text written by schema 1 is kept"
    );
    assert_eq!(
        count(&w, "SELECT count(*) FROM articles WHERE encoding = 'UTF-8'"),
        1
    );
    assert_eq!(
        count(&w, "SELECT count(*) FROM quantities WHERE value = 4000"),
        1
    );
    assert_eq!(count(&w, "SELECT count(*) FROM source_aliases"), 1);
    w.claims(&["check"]).run().success();
    assert_eq!(
        std::fs::read(&fixture).unwrap(),
        original,
        "the fixture itself is never touched"
    );
}

#[test]
fn check_finds_a_broken_invariant() {
    let w = Workdir::new();
    w.import_sample();
    w.claims(&["check"]).run().success();
    w.claims(&[
        "sql",
        "--write",
        "UPDATE claim_rows SET sentence_start = body_start + 1 WHERE id = 2",
    ])
    .run()
    .success();
    w.claims(&[
        "sql",
        "--write",
        "UPDATE claim_rows SET body_end = 999999 WHERE id = 3",
    ])
    .run()
    .success();
    w.claims(&[
        "sql",
        "--write",
        "UPDATE article_rows SET raw_layout = '[[0, 999999]]' WHERE id = 1",
    ])
    .run()
    .success();
    let out = w.claims(&["check", "-f", "csv"]).run().code(1);
    for problem in [
        "claim 2: sentence",
        "claim 3: offsets",
        "article 1: raw layout points outside a body",
    ] {
        assert!(out.stdout.contains(problem), "{problem}\n{}", out.stdout);
    }
    assert!(out.stderr.contains("problems found"), "{}", out.stderr);
}

#[test]
fn a_ledger_that_refuses_a_write_stops_the_import_and_keeps_what_was_announced() {
    let w = Workdir::new();
    write_batch(&w, "batch", 150);
    w.write("first.txt", article(999));
    w.claims(&["import", "-q", "first.txt"]).run().success();
    // A rule of the user's own in the ledger refuses one article when it is
    // written, in the fourth group of the first batch. No article can cause
    // such a failure (each is checked before it is written), so it is the
    // ledger's: the open batch is rolled back and the import stops.
    w.claims(&[
        "sql",
        "--write",
        "CREATE TRIGGER newsroom_rule BEFORE INSERT ON article_rows \
         WHEN NEW.path LIKE '%article-0100.txt' \
         BEGIN SELECT RAISE(ABORT, 'held back by the newsroom rule'); END",
    ])
    .run()
    .success();
    let out = w.claims(&["import", "batch"]).run().code(1);
    assert!(
        out.stderr.contains("held back by the newsroom rule")
            && out.stderr.contains("the import stopped"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("article-0100.txt: not imported"),
        "{}",
        out.stderr
    );
    // Exactly what was announced is in the ledger.
    let announced = out.stderr.matches(" sources (article ").count() as i64;
    assert_eq!(count(&w, "SELECT count(*) FROM articles"), 1 + announced);
    assert!(
        !out.stderr.contains("article-0120.txt"),
        "nothing after the failure is announced: {}",
        out.stderr
    );
    w.claims(&["check"]).run().success();
    // Without the rule, the next import adds the rest.
    w.claims(&["sql", "--write", "DROP TRIGGER newsroom_rule"])
        .run()
        .success();
    let out = w.claims(&["import", "-q", "batch"]).run().success();
    assert!(
        out.stderr.contains(&format!(
            "{} new, {announced} unchanged, 0 failed",
            150 - announced
        )),
        "{}",
        out.stderr
    );
    assert_eq!(count(&w, "SELECT count(*) FROM articles"), 151);
    w.claims(&["check"]).run().success();
}

#[test]
fn concurrent_importers_all_succeed_and_lose_or_duplicate_nothing() {
    let w = Workdir::new();
    write_batch(&w, "batch", 60);
    // Four writers at once over the same files, each in its own order.
    let children: Vec<_> = (0..4)
        .map(|i| {
            let mut files: Vec<String> = (0..60)
                .map(|n| format!("batch/article-{n:04}.txt"))
                .collect();
            files.rotate_left(i * 15);
            Command::new(env!("CARGO_BIN_EXE_claims"))
                .arg("import")
                .arg("-q")
                .args(&files)
                .current_dir(w.path())
                .env_remove("CLAIMS_DB")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
    }
    assert_eq!(count(&w, "SELECT count(*) FROM articles"), 60);
    assert_eq!(
        count(&w, "SELECT count(DISTINCT content_hash) FROM articles"),
        60
    );
    assert_eq!(count(&w, "SELECT count(DISTINCT path) FROM articles"), 60);
    w.claims(&["check"]).run().success();
}

/// A small deterministic generator, so the kill moments vary but a failure
/// can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn killing_an_import_at_any_moment_loses_nothing_committed() {
    const ARTICLES: usize = 400;
    let w = Workdir::new();
    write_batch(&w, "batch", ARTICLES);
    let per_article = "SELECT path, (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS n \
                       FROM articles a ORDER BY path";
    // What a complete import holds, to compare every article against.
    w.claims(&["--db", "reference.db", "import", "-q", "batch"])
        .run()
        .success();
    let expected = w
        .claims(&["--db", "reference.db", "sql", per_article, "-f", "json"])
        .run()
        .success()
        .json();
    let expected = expected.as_array().unwrap();
    assert_eq!(expected.len(), ARTICLES);
    let the_import_ms = {
        let started = std::time::Instant::now();
        w.claims(&["--db", "timing.db", "import", "-q", "batch"])
            .run()
            .success();
        started.elapsed().as_millis() as u64
    };

    let mut rng = Lcg(0x5eed);
    let mut interrupted = 0;
    for round in 0..12 {
        // Half the rounds start a fresh ledger, half carry on the last one.
        if round % 2 == 0 {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", w.db().display()));
            }
        }
        let before = if w.db().exists() {
            count(&w, "SELECT count(*) FROM articles")
        } else {
            0
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_claims"))
            .args(["import", "-q", "batch"])
            .current_dir(w.path())
            .env_remove("CLAIMS_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(1 + rng.next(the_import_ms.max(10))));
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no checkpoint
        child.wait().unwrap();
        if !w.db().exists() {
            // Killed while the new ledger was being made: it appears whole
            // or not at all.
            assert_eq!(before, 0, "round {round}: the ledger went away");
            interrupted += 1;
            continue;
        }
        let check = w.claims(&["check"]).run();
        assert_eq!(
            check.code,
            Some(0),
            "round {round}: {}{}",
            check.stdout,
            check.stderr
        );
        let after = count(&w, "SELECT count(*) FROM articles");
        assert!(
            after >= before,
            "round {round}: {before} articles before the kill, {after} after"
        );
        if after < ARTICLES as i64 {
            interrupted += 1;
        }
        // Every article present is whole: the same claims as the reference.
        let got = w
            .claims(&["sql", per_article, "-f", "json"])
            .run()
            .success()
            .json();
        for row in got.as_array().unwrap() {
            assert!(
                expected.contains(row),
                "round {round}: partial article {row}"
            );
        }
    }
    assert!(
        interrupted >= 3,
        "only {interrupted} kills landed mid-import: the test is not testing"
    );
    w.claims(&["import", "-q", "batch"]).run().success();
    assert_eq!(count(&w, "SELECT count(*) FROM articles"), ARTICLES as i64);
    w.claims(&["check"]).run().success();
}

#[test]
fn every_article_announced_is_in_the_ledger_whenever_the_import_is_killed() {
    // More than one batch (2048 articles), so articles are announced while
    // the import goes on; it is killed at its first announcements.
    const ARTICLES: usize = 2300;
    let w = Workdir::new();
    write_batch(&w, "batch", ARTICLES);
    let mut child = Command::new(env!("CARGO_BIN_EXE_claims"))
        .args(["import", "batch"])
        .current_dir(w.path())
        .env_remove("CLAIMS_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut announced = Vec::new();
    let lines = std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
    for line in lines {
        let line = line.unwrap();
        if let Some((path, _)) = line.split_once(": ")
            && line.contains(" sources (article ")
        {
            announced.push(path.to_string());
            if announced.len() == 20 {
                child.kill().unwrap(); // SIGKILL, mid-import
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(
        announced.len(),
        20,
        "the import ended before 20 announcements"
    );
    let in_ledger: std::collections::HashSet<String> = w
        .rows("claims.db", "SELECT path FROM articles")
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    for path in &announced {
        assert!(
            in_ledger.contains(path),
            "{path} was announced but is not in the ledger"
        );
    }
    assert!(in_ledger.len() < ARTICLES, "the kill came after the end");
    w.claims(&["check"]).run().success();
}
