use crate::harness::{Workdir, corpus_dir, shared_dir, skip};

/// Floors the strict F1 must not fall below; raise them as the extractor
/// improves. The seed is the project's answer key and must stay perfect;
/// `own` is a held-out set the extractor's rules were never tuned on.
const SEED_STRICT_F1_FLOOR: f64 = 1.0;
const DEV_STRICT_F1_FLOOR: f64 = 0.97;
const OWN_STRICT_F1_FLOOR: f64 = 0.80;

#[test]
fn eval_prints_the_same_figures_as_score_claims() {
    let scorer = shared_dir().join("score-claims");
    if !scorer.exists() {
        skip(
            "eval against score-claims",
            &format!("{} is not there (set CLAIMS_SHARED)", scorer.display()),
            false,
        );
        return;
    }
    let w = Workdir::new();
    let dev = corpus_dir("dev");
    let ours = w
        .claims(&["eval", "--gold", dev.to_str().unwrap()])
        .run()
        .success();
    w.claims(&["import", "-q", dev.to_str().unwrap()])
        .run()
        .success();
    w.claims(&["export", "-f", "jsonl", "-o", "dev.jsonl"])
        .run()
        .success();
    let theirs = std::process::Command::new("python3")
        .arg(&scorer)
        .args([
            "--gold",
            dev.to_str().unwrap(),
            "--pred",
            w.path().join("dev.jsonl").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(theirs.status.success());
    assert_eq!(ours.stdout, String::from_utf8(theirs.stdout).unwrap());
}

#[test]
fn every_annotated_set_stays_above_its_floor() {
    let w = Workdir::new();
    for (set, floor, articles) in [
        ("seed", SEED_STRICT_F1_FLOOR, 1),
        ("dev", DEV_STRICT_F1_FLOOR, 12),
        ("own", OWN_STRICT_F1_FLOOR, 4),
    ] {
        let out = w
            .claims(&[
                "eval",
                "--gold",
                corpus_dir(set).to_str().unwrap(),
                "--json",
            ])
            .run()
            .success();
        let report = out.json();
        let f1 = report["strict_f1"].as_f64().unwrap();
        assert!(f1 >= floor, "{set}: strict F1 {f1:.3} fell below {floor}");
        assert_eq!(report["articles"], articles, "{set}");
    }
}

#[test]
fn eval_fails_below_a_floor_and_lists_misses_when_verbose() {
    let w = Workdir::new();
    w.write(
        "gold/a.txt",
        "Harbor Reopens\n\nThe harbor reopened on Monday, the port authority said.\n",
    );
    w.write(
        "gold/a.gold.json",
        r#"{"article": "a.txt", "claims": [
            {"anchor": "the harbor reopened on Monday", "source": ["port authority"], "via": [],
             "kind": "assertion", "mode": "indirect", "quantities": []},
            {"anchor": "words that are not in the article", "source": null, "via": [],
             "kind": "assertion", "mode": "none", "quantities": []}],
          "sources": [{"names": ["port authority"], "kind": "organization"}]}"#,
    );
    let out = w
        .claims(&[
            "eval",
            "--gold",
            "gold",
            "--verbose",
            "--min-strict-f1",
            "0.9",
        ])
        .run()
        .code(1);
    assert!(out.stderr.contains("below the floor"), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("MISS a.txt: \"words that are not in the article\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("strict F1 0.667 over 1 articles, 2 gold claims"),
        "{}",
        out.stdout
    );
}
