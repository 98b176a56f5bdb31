//! Publication dates a ledger can sort by: `published` is the date as
//! YYYY-MM-DD or nothing, and the text it was read from stays beside it.

use crate::harness::{Workdir, repo_root};

#[test]
fn published_is_an_iso_date_with_the_text_as_found_beside_it() {
    let w = Workdir::new();
    w.write(
        "byline.txt",
        "Regulator fines retailer\n\nPosted by Jane Doe | March 21, 2024\n\n\
         The regulator fined the retailer 3 million euros, officials said.\n",
    );
    w.write(
        "dateline.txt",
        "Soldiers killed in border clash\n\n\
         ORVANA, Dec. 3 (Meridia Press) - Two soldiers were killed on the border, the army said.\n",
    );
    w.write(
        "given.txt",
        "Ferry fares to rise\n\nFerry fares will rise by 5 percent next year, the port authority said.\n",
    );
    w.claims(&["import", "byline.txt", "dateline.txt"])
        .run()
        .success();
    w.claims(&[
        "import",
        "given.txt",
        "--published",
        "2023-11-30T22:15:00+01:00",
    ])
    .run()
    .success();
    let rows = w.rows(
        "claims.db",
        "SELECT path, published, published_text FROM articles ORDER BY published, path",
    );
    assert_eq!(
        rows,
        serde_json::json!([
            // "Dec. 3" gives no year: no date, and the text kept as found.
            {"path": "dateline.txt", "published": null, "published_text": "Dec. 3"},
            {"path": "given.txt", "published": "2023-11-30",
             "published_text": "2023-11-30T22:15:00+01:00"},
            {"path": "byline.txt", "published": "2024-03-21", "published_text": "March 21, 2024"},
        ])
    );
    // Every reader of the ledger gets the same ISO date.
    let articles = w.claims(&["articles", "-f", "json"]).run().success().json();
    let listed: Vec<&str> = articles
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["published"].as_str())
        .collect();
    assert_eq!(listed, ["2024-03-21", "2023-11-30"]);
    let exported = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    assert!(
        exported
            .iter()
            .any(|c| c["article"]["published"] == "2024-03-21"),
        "{exported:?}"
    );
    let reviews = w
        .claims(&["export", "-f", "claimreview"])
        .run()
        .success()
        .json();
    assert!(
        reviews
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["datePublished"] == "2024-03-21"),
        "{reviews}"
    );
    let show = w.claims(&["show", "byline.txt"]).run().success();
    assert!(
        show.stderr.contains("2024-03-21") && show.stderr.contains("March 21, 2024"),
        "{}",
        show.stderr
    );
}

#[test]
fn an_older_ledger_keeps_its_dates_as_text_and_gains_the_iso_date() {
    let w = Workdir::new();
    std::fs::copy(repo_root().join("tests/fixtures/schema-v1.db"), w.db()).unwrap();
    w.claims(&["upgrade"]).run().success();
    let rows = w.rows(
        "claims.db",
        "SELECT published, published_text FROM articles",
    );
    assert_eq!(
        rows,
        serde_json::json!([{"published": "2024-05-02", "published_text": "2024-05-02"}])
    );
}
