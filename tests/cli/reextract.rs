//! `claims reextract`: after the word lists change, extraction runs again on
//! the raw texts the ledger holds, one transaction per article, and the
//! ledger stays sound; the raw text, the metadata and the article ids stay.

use serde_json::Value;

use crate::fixtures::HANDMADE;
use crate::harness::{Workdir, repo_root};

/// The claims as exported, by article and position, without the claim ids
/// (a new extraction writes new claims) or the cluster ids, which name a
/// claim (the clusters themselves are tested in clusters.rs).
fn claims(w: &Workdir) -> Vec<Value> {
    w.claims(&["export", "-f", "jsonl"])
        .run()
        .success()
        .jsonl()
        .into_iter()
        .map(|mut c| {
            c.as_object_mut().unwrap().remove("id");
            c.as_object_mut().unwrap().remove("cluster");
            c
        })
        .collect()
}

/// The same, without the parties' ids either: a party that went with its
/// last claim comes back under a new id.
fn by_name(claims: &[Value]) -> Vec<Value> {
    claims
        .iter()
        .cloned()
        .map(|mut c| {
            if let Some(source) = c["source"].as_object_mut() {
                source.remove("id");
            }
            for link in c["via"].as_array_mut().unwrap() {
                link.as_object_mut().unwrap().remove("id");
            }
            c
        })
        .collect()
}

fn column(w: &Workdir, sql: &str) -> Value {
    w.rows("claims.db", sql)
}

/// A copy of the built-in word lists in `dir`, with `file` rewritten.
fn lexicons_with(w: &Workdir, dir: &str, file: &str, edit: impl Fn(&str) -> String) {
    let builtin = repo_root().join("data/lexicons");
    for entry in std::fs::read_dir(&builtin).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if name == file { edit(&text) } else { text };
        w.write(&format!("{dir}/{name}"), text);
    }
}

#[test]
fn reextract_runs_the_new_word_lists_over_the_stored_texts() {
    let w = Workdir::new();
    w.import_sample();
    w.write("handmade.txt", HANDMADE);
    w.claims(&["import", "handmade.txt", "--title", "A title of my own"])
        .run()
        .success();
    w.claims(&[
        "sql",
        "--write",
        "UPDATE articles SET outlet = 'Corrected Outlet' WHERE id = 2",
    ])
    .run()
    .success();
    let before = claims(&w);
    let sources_before = column(&w, "SELECT id, name FROM sources ORDER BY id");
    let texts_before = column(
        &w,
        "SELECT id, raw_text, title, outlet FROM articles ORDER BY id",
    );

    // The same word lists: the same claims, parties and texts.
    let out = w.claims(&["reextract"]).run().success();
    assert!(
        out.stderr.contains("reextracted 2 articles"),
        "{}",
        out.stderr
    );
    assert!(claims(&w) == before, "the same lists changed the claims");
    assert_eq!(
        column(&w, "SELECT id, name FROM sources ORDER BY id"),
        sources_before
    );
    w.claims(&["check"]).run().success();

    // Without the condemnation words, fewer of the sample's claims are
    // condemnations; the handmade article is not touched.
    lexicons_with(&w, "lex", "kind_condemnation.txt", |_| String::new());
    let out = w
        .claims(&["--lexicons", "lex", "reextract", "000_3ed3d50eabfa3282.txt"])
        .run()
        .success();
    assert!(out.stderr.contains("article 1 ("), "{}", out.stderr);
    assert!(!out.stderr.contains("article 2 ("), "{}", out.stderr);
    let kinds = |w: &Workdir, article: i64| {
        column(
            w,
            &format!("SELECT count(*) AS n FROM claims WHERE article_id = {article} AND kind = 'condemnation'"),
        )[0]["n"]
            .as_i64()
            .unwrap()
    };
    let condemnations = before
        .iter()
        .filter(|c| c["article"]["id"] == 1 && c["kind"] == "condemnation")
        .count() as i64;
    assert!(condemnations >= 2);
    assert!(kinds(&w, 1) < condemnations, "{}", kinds(&w, 1));
    let after = claims(&w);
    let of = |claims: &[Value], article: i64| -> Vec<Value> {
        claims
            .iter()
            .filter(|c| c["article"]["id"] == article)
            .cloned()
            .collect()
    };
    assert!(of(&after, 2) == of(&before, 2), "article 2 changed");
    assert_eq!(of(&after, 1).len(), of(&before, 1).len());
    w.claims(&["check"]).run().success();

    // A junk line the lists now name leaves the body, with its claim and
    // the party only it cited; the raw text stays as imported.
    lexicons_with(&w, "lex2", "junk_lines.txt", |text| {
        format!(
            "{text}\n\"the deck has cracked in three places,\" said john smith, a city engineer\\.\n"
        )
    });
    w.claims(&["--lexicons", "lex2", "reextract", "2"])
        .run()
        .success();
    let handmade = of(&claims(&w), 2);
    assert_eq!(handmade.len(), of(&before, 2).len() - 1);
    assert!(handmade.iter().all(|c| c["source"]["name"] != "John Smith"));
    assert_eq!(
        column(
            &w,
            "SELECT count(*) AS n FROM sources WHERE name = 'John Smith'"
        )[0]["n"],
        0
    );
    let body = column(&w, "SELECT body FROM articles WHERE id = 2")[0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!body.contains("cracked"), "{body}");
    assert_eq!(
        column(
            &w,
            "SELECT id, raw_text, title, outlet FROM articles ORDER BY id"
        ),
        texts_before,
        "raw texts and metadata stay"
    );
    w.claims(&["check"]).run().success();

    // Back to the built-in lists: everything as it was.
    w.claims(&["reextract", "-q"]).run().success();
    assert!(by_name(&claims(&w)) == by_name(&before), "not as it was");
    w.claims(&["check"]).run().success();

    // An article that is not there changes nothing, not even the others.
    let now = claims(&w);
    let out = w
        .claims(&["reextract", "1", "no-such-article"])
        .run()
        .code(1);
    assert!(out.stderr.contains("no article matches"), "{}", out.stderr);
    assert!(claims(&w) == now, "a failed reference changed the ledger");
}
