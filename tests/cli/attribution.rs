//! Attribution as a user sees it in the export, and the extractor's
//! standing on real published news.

use crate::harness::{Workdir, shared_dir, skip};

/// Floors on `../shared/corpus/real` (Wikinews articles with gold claims,
/// never copied into this repository): raise them as the extractor
/// improves.
const REAL_STRICT_F1_FLOOR: f64 = 0.90;
const REAL_SOURCE_ENTITY_F1_FLOOR: f64 = 0.85;

#[test]
fn a_continued_quotation_exports_the_mention_that_introduced_it() {
    let w = Workdir::new();
    w.write(
        "quote.txt",
        "Quay Repairs Begin\n\n“We will rebuild,” said Mayor Ana Ruiz. “It will take years.”\n\n“Nobody will be left behind.”\n",
    );
    w.claims(&["import", "quote.txt"]).run().success();
    let claims = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    assert_eq!(claims.len(), 3, "{claims:?}");
    for (c, inherited) in claims.iter().zip([false, true, true]) {
        assert_eq!(c["source"]["name"], "Ana Ruiz", "{c}");
        let m = &c["source_mention"];
        assert_eq!(m["text"], "Ana Ruiz", "{c}");
        assert_eq!(m["inherited"], inherited, "{c}");
        // The mention is where the article names the speaker.
        assert_eq!(m["start"], claims[0]["source_mention"]["start"]);
    }
    // The cue mention belongs to the claim's own sentence only.
    assert!(claims[1]["cue_mention"].is_null());
    assert!(claims[0]["cue_mention"].get("inherited").is_none());
    w.claims(&["check"]).run().success();
}

#[test]
fn real_news_stays_above_its_floors() {
    let real = shared_dir().join("corpus/real");
    if !real.is_dir() {
        skip(
            "real-news floors",
            &format!("{} is not there (set CLAIMS_SHARED)", real.display()),
            false,
        );
        return;
    }
    let w = Workdir::new();
    let report = w
        .claims(&["eval", "--gold", real.to_str().unwrap(), "--json"])
        .run()
        .success()
        .json();
    let strict = report["strict_f1"].as_f64().unwrap();
    let entities = report["source_entity_f1"].as_f64().unwrap();
    assert!(
        strict >= REAL_STRICT_F1_FLOOR,
        "real: strict F1 {strict:.3}"
    );
    assert!(
        entities >= REAL_SOURCE_ENTITY_F1_FLOOR,
        "real: source-entity F1 {entities:.3}"
    );
}
