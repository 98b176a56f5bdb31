//! Claims that state the same thing across articles share a cluster:
//! measured against our own gold on invented articles, through the real
//! binary's JSON Lines export.

use std::collections::HashMap;

use serde_json::Value;

use crate::deletion::sqlite3;
use crate::harness::{Workdir, corpus_dir};

/// Quotes and spacing compared loosely, as gold anchors are written.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The exported claims of `tests/corpus/clusters`, imported in order.
fn exported(w: &Workdir) -> Vec<Value> {
    let dir = corpus_dir("clusters");
    w.claims(&["import", dir.to_str().unwrap()]).run().success();
    jsonl(w)
}

/// The ledger's claims as the JSON Lines export gives them.
fn jsonl(w: &Workdir) -> Vec<Value> {
    w.claims(&["export", "-f", "jsonl"]).run().success().jsonl()
}

/// The articles of `tests/corpus/clusters`, in the order an import walks
/// them.
fn corpus_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir("clusters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// Gold cluster of each exported claim (by index); claims in no gold
/// cluster get one of their own.
fn gold_labels(claims: &[Value]) -> Vec<String> {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus_dir("clusters").join("gold.json")).unwrap(),
    )
    .unwrap();
    let mut labels: Vec<String> = (0..claims.len()).map(|i| format!("alone {i}")).collect();
    for cluster in gold["clusters"].as_array().unwrap() {
        let name = cluster["name"].as_str().unwrap();
        for member in cluster["members"].as_array().unwrap() {
            let (file, anchor) = (member[0].as_str().unwrap(), member[1].as_str().unwrap());
            let found: Vec<usize> = claims
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c["article"]["path"].as_str().unwrap().ends_with(file)
                        && fold(c["text"].as_str().unwrap()).contains(&fold(anchor))
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                found.len(),
                1,
                "gold anchor {anchor:?} in {file} must name exactly one claim"
            );
            assert!(
                labels[found[0]].starts_with("alone"),
                "{anchor:?} in {file} is in two gold clusters"
            );
            labels[found[0]] = name.to_string();
        }
    }
    labels
}

#[test]
fn clusters_match_the_gold_pairwise() {
    let w = Workdir::new();
    let claims = exported(&w);
    let gold = gold_labels(&claims);
    let predicted: Vec<i64> = claims
        .iter()
        .map(|c| c["cluster"].as_i64().expect("every claim has a cluster"))
        .collect();
    let (mut both, mut only_predicted, mut only_gold) = (0, 0, 0);
    let mut misses = Vec::new();
    for i in 0..claims.len() {
        for j in i + 1..claims.len() {
            let same_gold = gold[i] == gold[j];
            let same_predicted = predicted[i] == predicted[j];
            match (same_gold, same_predicted) {
                (true, true) => both += 1,
                (false, true) => {
                    only_predicted += 1;
                    misses.push(format!(
                        "extra: {:?} + {:?}",
                        claims[i]["text"], claims[j]["text"]
                    ));
                }
                (true, false) => {
                    only_gold += 1;
                    misses.push(format!(
                        "missed: {:?} + {:?}",
                        claims[i]["text"], claims[j]["text"]
                    ));
                }
                (false, false) => {}
            }
        }
    }
    let precision = both as f64 / (both + only_predicted) as f64;
    let recall = both as f64 / (both + only_gold) as f64;
    eprintln!(
        "pairwise cluster precision {precision:.3} ({both}/{}), recall {recall:.3} ({both}/{})\n{}",
        both + only_predicted,
        both + only_gold,
        misses.join("\n")
    );
    assert!(both >= 60, "the gold holds enough pairs to measure: {both}");
    assert!(precision >= 0.90, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
}

#[test]
fn every_claim_has_a_cluster_and_a_claim_alone_has_its_own() {
    let w = Workdir::new();
    let claims = exported(&w);
    let mut members: HashMap<i64, Vec<i64>> = HashMap::new();
    for c in &claims {
        members
            .entry(c["cluster"].as_i64().unwrap())
            .or_default()
            .push(c["id"].as_i64().unwrap());
    }
    for (cluster, ids) in &members {
        // A cluster is named after its first claim.
        assert_eq!(ids.iter().min(), Some(cluster), "{ids:?}");
    }
    assert!(members.values().any(|m| m.len() == 1));
    assert!(members.values().any(|m| m.len() >= 3));
}

#[test]
fn deleting_claims_keeps_clusters_sound_and_stale_keys_are_dropped_when_met() {
    let w = Workdir::new();
    let claims = exported(&w);
    let first = |file: &str| -> i64 {
        claims
            .iter()
            .find(|c| c["article"]["path"].as_str().unwrap().ends_with(file))
            .unwrap()["article"]["id"]
            .as_i64()
            .unwrap()
    };
    // The wire story that opened the Halvik clusters goes.
    let wire = first("b01-halvik-wire.txt");
    let ships = w.scalar(
        "claims.db",
        &format!(
            "SELECT m.cluster_id FROM cluster_members m JOIN claims c ON c.id = m.claim_id
             WHERE c.article_id = {wire} AND c.text LIKE 'Forty ships%'"
        ),
    );
    w.claims(&[
        "sql",
        "--write",
        &format!("DELETE FROM articles WHERE id = {wire}"),
    ])
    .run()
    .success();
    w.claims(&["check"]).run().success();
    // Its cluster lives on in the rewrites, under the same id...
    let members = format!("SELECT count(*) FROM cluster_members WHERE cluster_id = {ships}");
    assert_eq!(w.scalar("claims.db", &members), 2);
    // ...which a later report still finds and joins.
    w.write(
        "later.txt",
        "Halvik ships still wait\n\nHALVIK, Norland, June 5, 2025 (Harbour Radio) — Forty ships were still waiting to unload outside the harbour at Halvik, the Halvik Port Authority said on Thursday.\n",
    );
    w.claims(&["import", "later.txt"]).run().success();
    assert_eq!(w.scalar("claims.db", &members), 3);

    // A claim alone goes, through the claims view: its keys stay as hints
    // (check accepts them) until an import meets them and finds nothing.
    let one = claims
        .iter()
        .find(|c| c["text"] == "Shares in Halden Energy fell 12 percent on Friday")
        .unwrap();
    let its_keys = format!(
        "SELECT count(*) FROM cluster_keys WHERE cluster_id = {}",
        one["cluster"]
    );
    let keys = w.scalar("claims.db", &its_keys);
    assert!(keys >= 2, "{keys}");
    w.claims(&[
        "sql",
        "--write",
        &format!("DELETE FROM claims WHERE id = {}", one["id"]),
    ])
    .run()
    .success();
    w.claims(&["check"]).run().success();
    assert_eq!(w.scalar("claims.db", &its_keys), keys);
    w.write(
        "again.txt",
        "Halden shares fall\n\nOSLA, Norland, November 21, 2025 (Market Wire) — Shares in Halden Energy fell 12 percent on Friday.\n",
    );
    w.claims(&["import", "again.txt"]).run().success();
    assert_eq!(w.scalar("claims.db", &its_keys), 0, "stale keys dropped");
    let again = w.scalar(
        "claims.db",
        "SELECT max(id) FROM claims WHERE text LIKE 'Shares in Halden Energy%'",
    );
    assert_eq!(
        w.scalar(
            "claims.db",
            &format!("SELECT count(*) FROM cluster_keys WHERE cluster_id = {again}")
        ),
        keys,
        "the new claim opened a cluster of its own with the same keys"
    );
    w.claims(&["check"]).run().success();
}

#[test]
fn corroboration_flags_single_sources_and_filters_by_source() {
    let w = Workdir::new();
    exported(&w);
    let rows = w
        .claims(&["corroboration", "-f", "json"])
        .run()
        .success()
        .json();
    let rows = rows.as_array().unwrap();
    let row = |start: &str| {
        rows.iter()
            .find(|r| r["text"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no cluster for {start:?}"))
    };
    // Three articles relay one intelligence service: one party.
    let troops = row("Dravonia has moved about 4,000 troops");
    assert_eq!(troops["articles"], 3);
    assert_eq!(troops["independent_sources"], 1);
    assert_eq!(troops["flag"], "single source");
    assert_eq!(troops["rests_on"], "Ostmark's Foreign Intelligence Service");
    assert_eq!(troops["first_seen"], "2025-10-14");
    // The wire's own report and a paper citing the wire are one party too:
    // the outlet's own voice counts as the outlet.
    let breach = row("The Velmora dam breached");
    assert_eq!(breach["independent_sources"], 1);
    assert_eq!(breach["rests_on"], "Nordwire");
    // Reports resting on the hospital and on the ministry: two parties.
    let fire = row("A fire at the Aldmere Chemicals plant");
    assert!(fire["independent_sources"].as_i64().unwrap() >= 2, "{fire}");
    assert_eq!(fire["flag"], "");
    // A statement one article carries is not listed.
    assert!(!rows.iter().any(|r| r["articles"].as_i64() < Some(2)));
    let wide = w
        .claims(&["corroboration", "--min-articles", "4", "-f", "json"])
        .run()
        .success()
        .json();
    assert!(
        wide.as_array()
            .unwrap()
            .iter()
            .all(|r| r["articles"].as_i64() >= Some(4))
    );
    assert!(!wide.as_array().unwrap().is_empty());
    let relayed = w
        .claims(&["corroboration", "--source", "nordwire", "-f", "json"])
        .run()
        .success()
        .json();
    let relayed = relayed.as_array().unwrap();
    assert!(relayed.iter().any(|r| {
        r["text"]
            .as_str()
            .unwrap()
            .starts_with("Dravonia has moved")
    }));
    assert!(
        !relayed
            .iter()
            .any(|r| r["text"].as_str().unwrap().starts_with("A fire"))
    );
    let none = w
        .claims(&["corroboration", "--source", "Nobody Here"])
        .run()
        .code(1);
    assert!(none.stderr.contains("Nobody Here"), "{}", none.stderr);
}

#[test]
fn trace_lists_every_report_and_conflicts_show_who_said_which() {
    let w = Workdir::new();
    let claims = exported(&w);
    let digest = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .starts_with("some 4,000 Dravonian troops")
        })
        .unwrap();
    let reports = w
        .claims(&["trace", &digest["id"].to_string(), "-f", "json"])
        .run()
        .success()
        .json();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 3, "{reports:?}");
    assert_eq!(reports[0]["outlet"], "Nordwire", "the wire said it first");
    // An article without a publication date is placed by its import time,
    // and the row says so.
    for report in reports {
        let dated = report["dated"].as_str().unwrap();
        let date = report["date"].as_str().unwrap();
        match dated {
            "published" => assert_eq!(date.len(), 10, "{report:?}"),
            "imported" => assert!(date.contains('T'), "{report:?}"),
            other => panic!("dated {other:?}"),
        }
    }
    assert!(reports.iter().any(|r| r["dated"] == "imported"));
    assert!(
        reports
            .iter()
            .any(|r| r["chain"] == "Ostmark's Foreign Intelligence Service via Nordwire")
    );
    let missing = w.claims(&["trace", "999999"]).run().code(1);
    assert!(missing.stderr.contains("999999"), "{}", missing.stderr);

    let conflicts = w
        .claims(&["conflicts", "-f", "json"])
        .run()
        .success()
        .json();
    let conflicts = conflicts.as_array().unwrap();
    let troops: Vec<&Value> = conflicts
        .iter()
        .filter(|r| r["text"].as_str().unwrap().contains("troops"))
        .collect();
    assert_eq!(troops.len(), 2, "{conflicts:?}");
    assert_eq!(troops[0]["conflict"], troops[1]["conflict"]);
    let said: Vec<&str> = troops
        .iter()
        .map(|r| r["rests_on"].as_str().unwrap())
        .collect();
    assert!(
        said.contains(&"Ostmark's Foreign Intelligence Service"),
        "{said:?}"
    );
    assert!(said.contains(&"Institute for Border Studies"), "{said:?}");
    // The same number in a parade is no conflict and no corroboration.
    assert!(
        !conflicts
            .iter()
            .any(|r| r["text"].as_str().unwrap().contains("parade"))
    );
}

#[test]
fn the_report_page_says_how_many_other_articles_carry_each_claim() {
    let w = Workdir::new();
    exported(&w);
    w.claims(&["report", "c02-dravonia-chronicle.txt", "-o", "page.html"])
        .run()
        .success();
    let page = std::fs::read_to_string(w.path().join("page.html")).unwrap();
    // The troop figure: the wire and the digest carry it too, both resting
    // on the intelligence service.
    assert!(
        page.contains(
            "also in 2 other articles, resting on Ostmark&#39;s Foreign Intelligence Service"
        ),
        "{page}"
    );
    // The denial: three other articles, two names for Dravonia's side.
    assert!(page.contains("also in 3 other articles"), "{page}");
    w.claims(&["report", "c05-dravonia-parade.txt", "-o", "parade.html"])
        .run()
        .success();
    let parade = std::fs::read_to_string(w.path().join("parade.html")).unwrap();
    assert!(
        !parade.contains("also in"),
        "no other article carries the parade"
    );
}

/// The clusters of the exported claims as sets of (article, position), so
/// that two ledgers can be compared whatever their claim ids.
fn partition(claims: &[Value]) -> Vec<Vec<(i64, i64)>> {
    let mut by_cluster: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for c in claims {
        by_cluster
            .entry(c["cluster"].as_i64().unwrap())
            .or_default()
            .push((
                c["article"]["id"].as_i64().unwrap(),
                c["position"].as_i64().unwrap(),
            ));
    }
    let mut groups: Vec<Vec<(i64, i64)>> = by_cluster.into_values().collect();
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.sort_unstable();
    groups
}

#[test]
fn articles_imported_one_process_at_a_time_cluster_as_one_import_does() {
    // Each later import finds the clusters of the earlier ones through the
    // keys they wrote when they committed, not through memory.
    let whole = Workdir::new();
    let together = exported(&whole);
    let apart = Workdir::new();
    let files = corpus_files();
    assert!(files.len() >= 20);
    for file in &files {
        apart
            .claims(&["import", file.to_str().unwrap()])
            .run()
            .success();
    }
    let one_by_one = jsonl(&apart);
    assert_eq!(partition(&one_by_one), partition(&together));
    let keys = |w: &Workdir| {
        w.claims(&[
            "sql",
            "SELECT key, cluster_id FROM cluster_keys ORDER BY 1, 2",
            "-f",
            "csv",
        ])
        .run()
        .success()
        .stdout
    };
    let written = keys(&whole);
    assert!(written.lines().count() > 100, "{written}");
    assert_eq!(keys(&apart), written);
    apart.claims(&["check"]).run().success();
}

#[test]
fn the_same_bytes_twice_in_one_import_leave_the_clusters_as_they_would_be() {
    // An import decides a group's clusters before writing it, assuming
    // every article is new; an article found already written in the same
    // import breaks that assumption, in the middle of a group and at its
    // end, and the clusters must come out as without it.
    let whole = Workdir::new();
    let together = exported(&whole);
    let twice = Workdir::new();
    let dir = twice.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    let files = corpus_files();
    for file in &files {
        std::fs::copy(file, dir.join(file.file_name().unwrap())).unwrap();
    }
    // Walked in name order: a copy of the first article right after it,
    // before the other reports of its story (which would join clusters
    // the copy was assumed to open), and a copy of another last.
    let first = files[0].file_name().unwrap().to_str().unwrap();
    let copy = format!("{}-copy.txt", first.trim_end_matches(".txt"));
    assert!(files[1].file_name().unwrap().to_str().unwrap() > copy.as_str());
    std::fs::copy(&files[0], dir.join(copy)).unwrap();
    std::fs::copy(&files[1], dir.join("z-copy.txt")).unwrap();
    let said = twice
        .claims(&["import", dir.to_str().unwrap()])
        .run()
        .success();
    let said = format!("{}{}", said.stdout, said.stderr);
    assert!(said.contains("2 unchanged"), "{said}");
    let exported = jsonl(&twice);
    assert_eq!(partition(&exported), partition(&together));
    let table =
        |w: &Workdir, sql: &str| w.claims(&["sql", sql, "-f", "csv"]).run().success().stdout;
    for sql in [
        "SELECT key, cluster_id FROM cluster_keys ORDER BY 1, 2",
        "SELECT cluster_id, claim_id FROM cluster_joins ORDER BY 1, 2",
        "SELECT cluster_id, conflicts_with FROM cluster_conflicts ORDER BY 1",
    ] {
        assert_eq!(table(&twice, sql), table(&whole, sql), "{sql}");
    }
    twice.claims(&["check"]).run().success();
}

#[test]
fn reextracted_claims_take_their_places_in_the_clusters() {
    let w = Workdir::new();
    let before = exported(&w);
    // Every article again, the first (which opened most clusters) first:
    // each new claim finds the cluster its old one left.
    let out = w.claims(&["reextract"]).run().success();
    assert!(
        out.stderr.contains("reextracted 25 articles"),
        "{}",
        out.stderr
    );
    let after = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    assert!(
        after
            .iter()
            .all(|c| c["id"].as_i64() > before.iter().map(|b| b["id"].as_i64()).max().unwrap()),
        "reextract writes new claims"
    );
    assert_eq!(partition(&after), partition(&before));
    w.claims(&["check"]).run().success();
    // One article alone.
    w.claims(&["reextract", "2"]).run().success();
    assert_eq!(
        partition(&w.claims(&["export", "-f", "jsonl"]).run().success().jsonl()),
        partition(&before)
    );
    w.claims(&["check"]).run().success();
}

/// Claims that are members of another cluster, yet keys lead to them as
/// if they opened one.
const KEYS_AT_MEMBERS: &str = "SELECT count(*) FROM cluster_keys k
     JOIN claim_rows c ON c.id = k.cluster_id WHERE c.cluster_id IS NOT NULL";

#[test]
fn deleting_clustered_articles_with_the_sqlite3_shell_keeps_clusters_and_conflicts_sound() {
    let w = Workdir::new();
    exported(&w);
    let troop_conflicts = |w: &Workdir| -> usize {
        let rows = w
            .claims(&["conflicts", "-f", "json"])
            .run()
            .success()
            .json();
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["text"].as_str().unwrap().contains("troops"))
            .count()
    };
    assert_eq!(troop_conflicts(&w), 2);
    // The wire that opened the 4,000 cluster goes (foreign keys off): the
    // cluster lives on in the chronicle and the digest, still in conflict.
    sqlite3(
        &w,
        "DELETE FROM articles WHERE path LIKE '%c01-dravonia-wire.txt'",
    );
    w.claims(&["check"]).run().success();
    assert_eq!(troop_conflicts(&w), 2);
    // The other reports of 4,000 go, the cluster with them: no conflict
    // is left pointing at nothing.
    sqlite3(
        &w,
        "DELETE FROM claims WHERE id IN (
             SELECT claim_id FROM cluster_members WHERE cluster_id =
                 (SELECT m.cluster_id FROM cluster_members m JOIN claims c ON c.id = m.claim_id
                  WHERE c.text LIKE '%4,000 Dravonian troops%'))",
    );
    w.claims(&["check"]).run().success();
    assert_eq!(troop_conflicts(&w), 0);

    // The last article goes, and its claim ids come back with a rewrite
    // of another article, whose claims join that article's clusters: the
    // keys the deleted claims left now lead to members of other clusters.
    sqlite3(
        &w,
        "DELETE FROM articles WHERE path LIKE '%e05-brekka-ruling.txt'",
    );
    let times = std::fs::read_to_string(corpus_dir("clusters").join("e02-halden-times.txt"))
        .unwrap()
        .replacen(
            "Halden wind farm must go",
            "Update: Halden wind farm must go",
            1,
        );
    w.write("times-update.txt", times);
    w.claims(&["import", "times-update.txt"]).run().success();
    assert!(
        w.scalar("claims.db", KEYS_AT_MEMBERS) > 0,
        "the case is made"
    );
    w.claims(&["check"]).run().success();
    // The deleted article again: its claims meet those keys, take them
    // for what they are, and open clusters of their own.
    w.claims(&[
        "import",
        corpus_dir("clusters")
            .join("e05-brekka-ruling.txt")
            .to_str()
            .unwrap(),
    ])
    .run()
    .success();
    assert_eq!(w.scalar("claims.db", KEYS_AT_MEMBERS), 0);
    w.claims(&["check"]).run().success();
}

#[test]
fn check_holds_cluster_members_to_the_claims_clusters() {
    let w = Workdir::new();
    exported(&w);
    w.claims(&["check"]).run().success();
    let (claim, cluster) = {
        let out = w
            .claims(&[
                "sql",
                "SELECT claim_id, cluster_id FROM cluster_joins ORDER BY claim_id LIMIT 1",
                "-f",
                "csv",
            ])
            .run()
            .success()
            .stdout;
        let row = out.lines().nth(1).expect("a member").to_string();
        let (a, b) = row.split_once(',').unwrap();
        (a.to_string(), b.to_string())
    };
    // A member the claims' column does not know, and a claim its cluster
    // does not list.
    sqlite3(
        &w,
        &format!("DELETE FROM cluster_joins WHERE claim_id = {claim}"),
    );
    sqlite3(
        &w,
        &format!("INSERT INTO cluster_joins VALUES ({cluster}, {cluster})"),
    );
    let out = w.claims(&["check", "-f", "csv"]).run().code(1);
    assert!(
        out.stdout.contains(&format!(
            "claim {claim} joins cluster {cluster}, which does not list it among its members"
        )) && out.stdout.contains(&format!(
            "cluster {cluster} lists claim {cluster} among its members, which is not in it"
        )),
        "{}",
        out.stdout
    );
}
