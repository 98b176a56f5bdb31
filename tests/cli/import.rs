use crate::harness::{Workdir, corpus_dir, sample_dir};

#[test]
fn importing_the_sample_reports_what_it_found() {
    let w = Workdir::new();
    let out = w.import_sample();
    assert!(
        out.stderr.contains("1 new, 0 unchanged, 0 failed"),
        "{}",
        out.stderr
    );
    assert!(w.db().exists(), "the default ledger is ./claims.db");
    let articles = w
        .claims(&["articles", "--format", "json"])
        .run()
        .success()
        .json();
    assert_eq!(articles.as_array().unwrap().len(), 1);
    assert!(articles[0]["claims"].as_i64().unwrap() > 5);
}

#[test]
fn importing_the_same_content_again_changes_nothing_and_says_so() {
    let w = Workdir::new();
    w.import_sample();
    let before = w
        .claims(&["export", "--format", "jsonl"])
        .run()
        .success()
        .stdout;
    // The same bytes under another name are still the same article.
    let copy = w.write(
        "copy.txt",
        std::fs::read(sample_dir().join("000_3ed3d50eabfa3282.txt")).unwrap(),
    );
    let out = w
        .claims(&[
            "import",
            &sample_dir().display().to_string(),
            copy.to_str().unwrap(),
        ])
        .run()
        .success();
    assert!(out.stderr.contains("0 new, 2 unchanged"), "{}", out.stderr);
    let after = w
        .claims(&["export", "--format", "jsonl"])
        .run()
        .success()
        .stdout;
    assert_eq!(before, after);
}

#[test]
fn a_directory_is_walked_recursively_and_standard_input_works() {
    let w = Workdir::new();
    w.write(
        "in/a.txt",
        "Officials said the bridge would reopen in May.\n",
    );
    w.write(
        "in/deeper/b.md",
        "The council voted 5-2 to approve the plan.\n",
    );
    w.write("in/skip.jpg", "not an article");
    let out = w.claims(&["import", "in"]).run().success();
    assert!(out.stderr.contains("2 new"), "{}", out.stderr);
    let out = w
        .claims(&[
            "import",
            "-",
            "--title",
            "From a pipe",
            "--published",
            "2024-10-23",
        ])
        .stdin("Police said three people were arrested on Tuesday.\n")
        .run()
        .success();
    assert!(out.stderr.contains("1 new"), "{}", out.stderr);
    let articles = w
        .claims(&["articles", "--format", "json"])
        .run()
        .success()
        .json();
    let rows = articles.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["path"], "in/a.txt");
    assert_eq!(rows[1]["path"], "in/deeper/b.md");
    assert_eq!(rows[2]["path"], "-");
    assert_eq!(rows[2]["title"], "From a pipe");
    assert_eq!(rows[2]["published"], "2024-10-23");
}

#[test]
fn article_options_apply_to_one_article_only() {
    let w = Workdir::new();
    let out = w
        .claims(&[
            "import",
            &corpus_dir("dev").display().to_string(),
            "--title",
            "x",
        ])
        .run()
        .code(1);
    assert!(out.stderr.contains("single article"), "{}", out.stderr);
    assert!(
        !w.db().exists(),
        "nothing is written when the arguments are wrong"
    );
    let out = w
        .claims(&["import", "x.txt", "--published", "yesterday"])
        .run()
        .code(2);
    assert!(out.stderr.contains("not a date"), "{}", out.stderr);
}

#[test]
fn a_bad_file_is_reported_and_the_batch_goes_on() {
    let w = Workdir::new();
    w.write(
        "batch/1-good.txt",
        "The ministry said exports rose 4 percent in May.\n",
    );
    w.write("batch/2-binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    w.write("batch/3-empty.txt", "");
    w.write(
        "batch/4-good.txt",
        "Analysts said the rally was unlikely to last.\n",
    );
    let out = w.claims(&["import", "batch", "missing.txt"]).run().code(1);
    assert!(
        out.stderr.contains("2 new, 0 unchanged, 3 failed"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("batch/2-binary.txt: not text (PNG image)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("batch/3-empty.txt: empty file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("missing.txt: no such file"),
        "{}",
        out.stderr
    );
    let articles = w.claims(&["articles", "-f", "json"]).run().success().json();
    assert_eq!(articles.as_array().unwrap().len(), 2);
}

#[test]
fn the_database_path_comes_from_the_flag_or_the_environment() {
    let w = Workdir::new();
    let sample = sample_dir().display().to_string();
    w.claims(&["--db", "one.db", "import", &sample])
        .run()
        .success();
    w.claims(&["import", &sample, "--db", "two.db"])
        .run()
        .success();
    w.claims(&["import", &sample])
        .env("CLAIMS_DB", "three.db")
        .run()
        .success();
    for name in ["one.db", "two.db", "three.db"] {
        assert!(w.path().join(name).exists(), "{name}");
    }
    assert!(!w.db().exists());
}

#[test]
fn a_saved_web_page_imports_with_its_metadata() {
    let w = Workdir::new();
    w.write(
        "saved/page.html",
        r#"<!doctype html><html><head><title>Bridge reopens | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta property="article:published_time" content="2024-03-09T10:00:00Z">
<link rel="canonical" href="https://valley.example/bridge-reopens">
</head><body><nav>Home | Local | Sport</nav><article>
<h1>Bridge reopens after two years of repairs</h1>
<p>The river bridge reopened to traffic on Friday after repairs that cost about $14 million, the county said.</p>
<p>"It is a relief for everyone who commutes," said Omar Haddad, a bus driver who crosses it twice a day.</p>
<p>County engineers said the new deck should last at least 50 years with regular maintenance and inspections.</p>
</article><footer>Subscribe to the Valley Post</footer></body></html>"#,
    );
    w.claims(&["import", "saved"]).run().success();
    let article = w
        .claims(&[
            "sql",
            "SELECT title, outlet, url, published, published_text, raw_text FROM articles",
            "-f",
            "json",
        ])
        .run()
        .success()
        .json();
    let a = &article[0];
    assert!(
        a["title"].as_str().unwrap().contains("Bridge reopens"),
        "{a}"
    );
    assert_eq!(a["outlet"], "Valley Post");
    assert_eq!(a["url"], "https://valley.example/bridge-reopens");
    assert_eq!(a["published"], "2024-03-09");
    assert_eq!(a["published_text"], "2024-03-09T10:00:00Z");
    let raw = a["raw_text"].as_str().unwrap();
    assert!(!raw.contains('<') && !raw.contains("Home | Local"), "{raw}");
    let claims = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    assert!(
        claims
            .iter()
            .any(|c| c["text"].as_str().unwrap().contains("relief for everyone"))
    );
    w.claims(&["check"]).run().success();
}
