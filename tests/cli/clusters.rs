//! Claims that state the same thing across articles share a cluster:
//! measured against our own gold on invented articles, through the real
//! binary's JSON Lines export.

use std::collections::HashMap;

use serde_json::Value;

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
    w.claims(&["export", "-f", "jsonl"]).run().success().jsonl()
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
