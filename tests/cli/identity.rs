//! Party identity across imports: what a claim rests on is settled when its
//! article is imported, and a later batch never moves it to another party.

use std::collections::BTreeMap;

use crate::harness::Workdir;

/// What a claim rests on: source id, source name, chain names.
type RestsOn = (Option<i64>, Option<String>, Vec<String>);

/// Claim id to what it rests on, from `claims export`.
fn sources_of_claims(w: &Workdir) -> BTreeMap<i64, RestsOn> {
    let out = w.claims(&["export", "--format", "jsonl"]).run().success();
    out.jsonl()
        .iter()
        .map(|c| {
            let source = &c["source"];
            let via = c["via"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["name"].as_str().unwrap().to_string())
                .collect();
            (
                c["id"].as_i64().unwrap(),
                (
                    source["id"].as_i64(),
                    source["name"].as_str().map(str::to_string),
                    via,
                ),
            )
        })
        .collect()
}

const FIRST_BATCH: &[(&str, &str)] = &[
    (
        "a1.txt",
        "Council Backs Tram Plan\n\nThe city council approved the tram extension on Monday.\n\nMarta Renner, who chairs the transport committee, said the first trams would run in 2028. Renner said the cost would be shared with the region.\n\n“We waited ten years for this,” Renner said.\n",
    ),
    (
        "a2.txt",
        "Depot Fire Delays Buses\n\nA fire at the northern bus depot delayed services on Tuesday.\n\nRenner said the depot would reopen within a week. Transit director Omar Haddad said no one was hurt.\n",
    ),
];

const SECOND_BATCH: &[(&str, &str)] = &[
    (
        "b1.txt",
        "Builder Wins Tram Contract\n\nThe Renner Group said on Wednesday it had won the contract to lay the new tram line. Renner Group will hire 300 workers, the company said.\n\nRenner said the work would start in spring.\n",
    ),
    (
        "b2.txt",
        "Tram Contract Questioned\n\nOpposition councillors questioned the tram contract on Thursday. Renner Group declined to comment.\n\nHaddad Consulting, a firm that advised the council, said the bid was the lowest of four.\n",
    ),
];

#[test]
fn a_second_batch_never_changes_what_the_first_batch_rests_on() {
    let w = Workdir::new();
    let first: Vec<_> = FIRST_BATCH
        .iter()
        .map(|(name, text)| w.write(&format!("first/{name}"), text))
        .collect();
    let second: Vec<_> = SECOND_BATCH
        .iter()
        .map(|(name, text)| w.write(&format!("second/{name}"), text))
        .collect();
    assert!(first.len() == 2 && second.len() == 2);
    w.claims(&["import", "first"]).run().success();
    let before = sources_of_claims(&w);
    // Renner's statements rest on the person, whatever the second batch says.
    let renner: Vec<_> = before
        .values()
        .filter(|(_, name, _)| name.as_deref().is_some_and(|n| n.contains("Renner")))
        .collect();
    assert!(renner.len() >= 4, "{before:?}");
    // A bare "Renner" in another story is not known to be Marta Renner: a
    // person of that name, never merged.
    assert!(
        renner
            .iter()
            .all(|(_, name, _)| matches!(name.as_deref(), Some("Marta Renner" | "Renner"))),
        "{before:?}"
    );

    w.claims(&["import", "second"]).run().success();
    let after = sources_of_claims(&w);
    for (id, was) in &before {
        assert_eq!(after.get(id), Some(was), "claim {id} changed its source");
    }
    // The builder is its own party, never the person.
    let builder: Vec<_> = after
        .iter()
        .filter(|(id, _)| !before.contains_key(id))
        .filter_map(|(_, (_, name, _))| name.clone())
        .collect();
    assert!(builder.iter().any(|n| n == "Renner Group"), "{builder:?}");
    assert!(!builder.iter().any(|n| n == "Marta Renner"), "{builder:?}");
    assert!(!builder.iter().any(|n| n == "Omar Haddad"), "{builder:?}");
    let kinds = w.claims(&["sources", "-f", "json"]).run().success().json();
    let kind_of = |name: &str| {
        kinds
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .map(|s| s["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(kind_of("Marta Renner").as_deref(), Some("person"));
    assert_eq!(kind_of("Renner Group").as_deref(), Some("organization"));
}

#[test]
fn renner_said_never_lands_on_the_renner_group_in_one_article() {
    let w = Workdir::new();
    w.write(
        "mixed.txt",
        "Contract Row\n\nThe Renner Group won the tram contract on Monday.\n\nRenner said the award was fair. “We bid lowest,” Renner said.\n",
    );
    w.claims(&["import", "mixed.txt"]).run().success();
    let claims = sources_of_claims(&w);
    let names: Vec<_> = claims.values().filter_map(|(_, n, _)| n.clone()).collect();
    assert!(names.len() >= 2, "{names:?}");
    assert!(names.iter().all(|n| n != "Renner Group"), "{names:?}");
}
