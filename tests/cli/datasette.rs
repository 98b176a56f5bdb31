//! The ledger in Datasette and sqlite-utils, as it is: `claims
//! datasette-metadata` describes every table, view and column, and the real
//! tools read the file and the metadata.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use crate::fixtures;
use crate::harness::Workdir;
use crate::harness::tool_or_skip;

/// Every (object, column) of the ledger, from `claims schema`.
fn schema(w: &Workdir) -> BTreeMap<String, BTreeSet<String>> {
    let rows = w.claims(&["schema", "-f", "json"]).run().success().json();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in rows.as_array().unwrap() {
        out.entry(row["object"].as_str().unwrap().to_string())
            .or_default()
            .insert(row["column"].as_str().unwrap().to_string());
    }
    out
}

#[test]
fn metadata_describes_every_table_view_and_column() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let metadata = w.claims(&["datasette-metadata"]).run().success().json();
    let tables = &metadata["databases"]["claims"]["tables"];
    let schema = schema(&w);
    assert!(schema.contains_key("claims_flat") && schema.contains_key("claim_sources"));
    for (object, columns) in &schema {
        let table = &tables[object];
        assert!(
            table["description"].as_str().is_some_and(|d| d.len() > 20),
            "{object} is described"
        );
        let described: BTreeSet<String> = table["columns"]
            .as_object()
            .unwrap_or_else(|| panic!("{object} has columns"))
            .iter()
            .filter(|(_, d)| d.as_str().is_some_and(|d| !d.is_empty()))
            .map(|(c, _)| c.clone())
            .collect();
        assert_eq!(&described, columns, "{object}");
    }
    assert_eq!(tables["sources"]["label_column"], "name");
    assert_eq!(tables["articles"]["label_column"], "title");
    let facets = tables["claims_flat"]["facets"].as_array().unwrap();
    for facet in facets {
        assert!(schema["claims_flat"].contains(facet.as_str().unwrap()));
    }
}

#[test]
fn metadata_is_named_after_the_ledger_file_and_can_be_written_to_a_file() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    std::fs::copy(w.db(), w.path().join("newsroom.db")).unwrap();
    let named = w
        .claims(&["--db", "newsroom.db", "datasette-metadata"])
        .run()
        .success()
        .json();
    assert!(
        named["databases"]["newsroom"]["tables"].is_object(),
        "{named}"
    );
    let renamed = w
        .claims(&["datasette-metadata", "--database", "desk"])
        .run()
        .success()
        .json();
    assert!(renamed["databases"]["desk"].is_object());
    let out = w
        .claims(&["datasette-metadata", "-o", "metadata.json"])
        .run()
        .success();
    assert!(out.stdout.is_empty());
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(w.path().join("metadata.json")).unwrap())
            .unwrap();
    let printed = w.claims(&["datasette-metadata"]).run().success().json();
    assert_eq!(written, printed);
    let missing = Workdir::new();
    missing.claims(&["datasette-metadata"]).run().code(1);
}

fn run(tool: &std::path::Path, args: &[&str], w: &Workdir) -> String {
    let out = Command::new(tool)
        .args(args)
        .current_dir(w.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        tool.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[test]
fn datasette_serves_the_ledger_with_the_metadata() {
    let Some(datasette) = tool_or_skip("datasette test", "datasette", "pip: datasette") else {
        return;
    };
    let w = Workdir::new();
    fixtures::ledger(&w);
    w.claims(&["datasette-metadata", "-o", "metadata.json"])
        .run()
        .success();
    let loaded: Value = serde_json::from_str(&run(
        &datasette,
        &[
            "claims.db",
            "--metadata",
            "metadata.json",
            "--get",
            "/-/metadata.json",
        ],
        &w,
    ))
    .unwrap();
    let ours = w.claims(&["datasette-metadata"]).run().success().json();
    assert_eq!(
        loaded["databases"]["claims"]["tables"]["claims_flat"],
        ours["databases"]["claims"]["tables"]["claims_flat"]
    );
    // The friendly view, with every column's description on its page.
    let rows: Value = serde_json::from_str(&run(
        &datasette,
        &[
            "claims.db",
            "--metadata",
            "metadata.json",
            "--get",
            "/claims/claims_flat.json?_shape=array&_size=max",
        ],
        &w,
    ))
    .unwrap();
    let exported = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    assert_eq!(rows.as_array().unwrap().len(), exported.len());
    let page = run(
        &datasette,
        &[
            "claims.db",
            "--metadata",
            "metadata.json",
            "--get",
            "/claims/claims_flat",
        ],
        &w,
    );
    let columns = ours["databases"]["claims"]["tables"]["claims_flat"]["columns"]
        .as_object()
        .unwrap();
    for (column, description) in columns {
        let shown = html_escaped(description.as_str().unwrap());
        assert!(page.contains(&shown), "{column}: {shown}");
    }
}

#[test]
fn sqlite_utils_reads_the_ledger_as_it_is() {
    let Some(sqlite_utils) = tool_or_skip("sqlite-utils test", "sqlite-utils", "pip: sqlite-utils")
    else {
        return;
    };
    let w = Workdir::new();
    fixtures::ledger(&w);
    let tables: Value = serde_json::from_str(&run(
        &sqlite_utils,
        &["tables", "claims.db", "--counts"],
        &w,
    ))
    .unwrap();
    let counts: BTreeMap<&str, i64> = tables
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["table"].as_str().unwrap(), t["count"].as_i64().unwrap()))
        .collect();
    let claims = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    // `claims` and `articles` are views over the stored rows.
    assert_eq!(counts["claim_rows"], claims.len() as i64);
    assert_eq!(counts["article_rows"], 3);
    let views: Value =
        serde_json::from_str(&run(&sqlite_utils, &["views", "claims.db"], &w)).unwrap();
    let views: BTreeSet<&str> = views
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["view"].as_str().unwrap())
        .collect();
    for view in [
        "claims",
        "articles",
        "claim_mentions",
        "claims_flat",
        "claim_sources",
    ] {
        assert!(views.contains(view), "{view}: {views:?}");
    }
    let rows: Value = serde_json::from_str(&run(
        &sqlite_utils,
        &[
            "query",
            "claims.db",
            "SELECT claim_id, source, via FROM claims_flat WHERE via IS NOT NULL",
        ],
        &w,
    ))
    .unwrap();
    let chained = claims
        .iter()
        .filter(|c| !c["via"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(rows.as_array().unwrap().len(), chained);
}
