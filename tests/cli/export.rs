use crate::harness::{Workdir, corpus_dir, repo_root, shared_dir, skip};

#[test]
fn csv_export_has_one_row_per_claim_and_reads_back_in_python() {
    let w = Workdir::new();
    w.import_sample();
    let n = w
        .claims(&["export", "-f", "jsonl"])
        .run()
        .success()
        .jsonl()
        .len();
    w.claims(&["export", "--format", "csv", "--output", "claims.csv"])
        .run()
        .success();
    let script = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
print(json.dumps({"rows": len(rows), "columns": list(rows[0].keys()),
                  "texts": [r["text"] for r in rows]}))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, w.path().join("claims.csv").to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(read["rows"], n);
    for column in [
        "claim_id",
        "article_path",
        "text",
        "kind",
        "mode",
        "source",
        "via",
        "quantities",
    ] {
        assert!(
            read["columns"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == column),
            "{column}"
        );
    }
    // The texts survive exactly: curly quotes, commas and all.
    let jsonl = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    let texts: Vec<&str> = jsonl.iter().map(|c| c["text"].as_str().unwrap()).collect();
    let read_texts: Vec<&str> = read["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(texts, read_texts);
}

#[test]
fn csv_fields_with_commas_quotes_and_line_breaks_round_trip() {
    let w = Workdir::new();
    w.import_sample();
    // Give a claim a nasty role through the write path of `claims sql`.
    let nasty = "a, \"quoted\" value\nwith a line break and \r\n a CRLF";
    w.claims(&[
        "sql",
        "--write",
        &format!(
            "UPDATE claims SET role = '{}' WHERE id = 1",
            nasty.replace('\'', "''")
        ),
    ])
    .run()
    .success();
    let out = w.claims(&["export"]).run().success();
    let script =
        "import csv,sys,json; rows=list(csv.reader(sys.stdin)); print(json.dumps(rows[1]))";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(out.stdout.as_bytes())
        .unwrap();
    let result = child.wait_with_output().unwrap();
    let row: Vec<String> = serde_json::from_slice(&result.stdout).unwrap();
    assert!(row.iter().any(|f| f == nasty), "{row:?}");
}

#[test]
fn jsonl_export_follows_the_contract_and_scores_against_the_gold_file() {
    let w = Workdir::new();
    w.import_sample();
    let out = w
        .claims(&["export", "--format", "jsonl", "-o", "claims.jsonl"])
        .run()
        .success();
    assert!(out.stdout.is_empty(), "data goes to the file");
    let text = std::fs::read_to_string(w.path().join("claims.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    for key in [
        "id",
        "article",
        "text",
        "sentence",
        "start",
        "end",
        "raw_start",
        "raw_end",
        "kind",
        "mode",
        "cue",
        "source",
        "via",
        "quantities",
        "source_mention",
        "cue_mention",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    for key in ["id", "path", "title", "outlet", "url", "published"] {
        assert!(first["article"].get(key).is_some(), "missing article.{key}");
    }
    let scorer = shared_dir().join("score-claims");
    if !scorer.exists() {
        skip(
            "the JSON Lines export read by score-claims",
            &format!("{} is not there (set CLAIMS_SHARED)", scorer.display()),
            false,
        );
    } else {
        let out = std::process::Command::new("python3")
            .arg(&scorer)
            .args([
                "--gold",
                repo_root().join("tests/corpus/seed").to_str().unwrap(),
            ])
            .args([
                "--pred",
                w.path().join("claims.jsonl").to_str().unwrap(),
                "--min-strict-f1",
                "0.95",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn json_export_is_one_array_with_the_same_claims() {
    let w = Workdir::new();
    w.import_sample();
    let lines = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    let array = w.claims(&["export", "-f", "json"]).run().success().json();
    assert_eq!(array.as_array().unwrap(), &lines);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let w = Workdir::new();
    w.claims(&["import", corpus_dir("dev").to_str().unwrap()])
        .run()
        .success();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' export -f jsonl | head -c 10 >/dev/null",
            env!("CARGO_BIN_EXE_claims")
        ))
        .current_dir(w.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "exit {:?}", out.status.code());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no complaint about the pipe"
    );
}

#[test]
fn output_to_a_pipe_writes_into_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let w = Workdir::new();
    w.import_sample();
    let fifo = w.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A reader on the other end, as `-o /dev/stdout` or a shell's `>(...)` has.
    let reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = reader;
    w.claims(&["export", "-f", "jsonl", "-o", "pipe"])
        .run()
        .success();
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    if !kind.is_fifo() {
        // The reader would wait forever on a pipe nobody writes to.
        let _ = reader.kill();
        panic!("the pipe was replaced by a file renamed over it");
    }
    let read = reader.wait_with_output().unwrap();
    let lines = String::from_utf8(read.stdout).unwrap().lines().count();
    assert_eq!(
        lines,
        w.claims(&["export", "-f", "jsonl"])
            .run()
            .success()
            .jsonl()
            .len()
    );
}
