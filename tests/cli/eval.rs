use crate::harness::{Workdir, corpus_dir, repo_root};

/// The floor the dev-corpus score must not fall below; raise it as the
/// extractor improves.
const DEV_STRICT_F1_FLOOR: f64 = 0.0;

#[test]
fn eval_prints_the_same_figures_as_score_claims() {
    let scorer = repo_root().join("../shared/score-claims");
    if !scorer.exists() {
        eprintln!("skipped: {} is not beside the checkout", scorer.display());
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
fn the_dev_corpus_stays_above_its_floor() {
    let w = Workdir::new();
    let out = w
        .claims(&[
            "eval",
            "--gold",
            corpus_dir("dev").to_str().unwrap(),
            "--json",
        ])
        .run()
        .success();
    let report = out.json();
    let f1 = report["strict_f1"].as_f64().unwrap();
    assert!(
        f1 >= DEV_STRICT_F1_FLOOR,
        "dev strict F1 {f1:.3} fell below {DEV_STRICT_F1_FLOOR}"
    );
    assert_eq!(report["articles"], 12);
}

#[test]
fn eval_fails_below_a_floor_and_lists_misses_when_verbose() {
    let w = Workdir::new();
    let seed = corpus_dir("seed");
    let out = w
        .claims(&[
            "eval",
            "--gold",
            seed.to_str().unwrap(),
            "--verbose",
            "--min-strict-f1",
            "1.01",
        ])
        .run()
        .code(1);
    assert!(out.stderr.contains("below the floor"), "{}", out.stderr);
    assert!(
        out.stdout.contains("EXTRA") || out.stdout.contains("MISS") || out.stdout.contains("ATTR")
    );
}
