//! `claims export --format claimreview`: schema.org `Claim` objects in
//! JSON-LD, checked field by field against the JSON Lines export.

use serde_json::Value;

use crate::fixtures::{self, ANONYMOUS, RELAYS, SPEAKER};
use crate::harness::Workdir;

fn schema_type(kind: &str) -> &'static str {
    match kind {
        "person" | "anonymous" => "Person",
        "media" => "NewsMediaOrganization",
        _ => "Organization",
    }
}

#[test]
fn every_claim_is_a_schema_org_claim_with_author_and_appearance() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let claims = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    let objects = w
        .claims(&["export", "--format", "claimreview"])
        .run()
        .success()
        .json();
    let objects = objects.as_array().expect("one JSON array");
    assert_eq!(objects.len(), claims.len());
    for (object, claim) in objects.iter().zip(&claims) {
        assert_eq!(object["@context"], "https://schema.org");
        assert_eq!(object["@type"], "Claim");
        assert_eq!(object["identifier"], claim["id"].to_string());
        assert_eq!(object["text"], claim["text"]);
        let article = &claim["article"];
        let appearance = &object["appearance"];
        assert_eq!(appearance["@type"], "CreativeWork");
        assert_eq!(
            appearance.get("url"),
            article.get("url").filter(|u| !u.is_null())
        );
        assert_eq!(
            object.get("datePublished"),
            article.get("published").filter(|p| !p.is_null())
        );
        match claim["source"].as_object() {
            Some(source) => {
                let author = &object["author"];
                assert_eq!(author["name"], source["name"]);
                assert_eq!(
                    author["@type"],
                    schema_type(source["kind"].as_str().unwrap())
                );
            }
            None => match article["outlet"].as_str() {
                Some(outlet) => {
                    assert_eq!(object["author"]["name"], outlet);
                    assert_eq!(object["author"]["@type"], "NewsMediaOrganization");
                }
                None => assert!(object.get("author").is_none(), "{object}"),
            },
        }
    }
}

#[test]
fn a_relayed_quote_keeps_its_speaker_role_and_chain() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let objects = w
        .claims(&["export", "--format", "claimreview"])
        .run()
        .success()
        .json();
    let by_author = |name: &str| -> Value {
        objects
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["author"]["name"] == name)
            .unwrap_or_else(|| panic!("a claim by {name}"))
            .clone()
    };
    let quote = by_author(SPEAKER);
    assert_eq!(
        quote["author"],
        serde_json::json!({
            "@type": "Person",
            "name": SPEAKER,
            "jobTitle": "transit director",
            "affiliation": {"@type": "Organization", "name": "Route 9 Authority"}
        })
    );
    assert_eq!(
        quote["description"],
        format!("Reported as {SPEAKER} via {} via {}", RELAYS[0], RELAYS[1])
    );
    // The headline is whatever the extractor found; the rest was given.
    let mut appearance = quote["appearance"].as_object().unwrap().clone();
    appearance.remove("headline");
    assert_eq!(
        Value::Object(appearance),
        serde_json::json!({
            "@type": "CreativeWork",
            "url": "https://example.org/route-9",
            "datePublished": "2024-11-02",
            "publisher": {"@type": "NewsMediaOrganization", "name": "Example Transit News"}
        })
    );
    assert_eq!(quote["datePublished"], "2024-11-02");
    let anonymous = by_author(ANONYMOUS);
    assert_eq!(anonymous["author"]["@type"], "Person");
    assert!(
        anonymous["author"]["description"]
            .as_str()
            .unwrap()
            .contains("anonymous")
    );
}
