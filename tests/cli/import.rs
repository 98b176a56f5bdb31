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
    w.write(
        "in/deeper/c.markdown",
        "# Ferry timetable\n\nThe ferry will run hourly from June, the operator said.\n",
    );
    w.write("in/skip.jpg", "not an article");
    let out = w.claims(&["import", "in"]).run().success();
    assert!(out.stderr.contains("3 new"), "{}", out.stderr);
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
    // One of a thing is not "1 claims".
    assert!(
        out.stderr.contains("-: 1 claim, 1 source (article 4)")
            && out.stderr.contains("1 claim and 1 source added"),
        "{}",
        out.stderr
    );
    let articles = w
        .claims(&["articles", "--format", "json"])
        .run()
        .success()
        .json();
    let rows = articles.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["path"], "in/a.txt");
    assert_eq!(rows[1]["path"], "in/deeper/b.md");
    // A .markdown file is Markdown: its heading is the title.
    assert_eq!(rows[2]["path"], "in/deeper/c.markdown");
    assert_eq!(rows[2]["title"], "Ferry timetable");
    assert_eq!(rows[3]["path"], "-");
    assert_eq!(rows[3]["title"], "From a pipe");
    assert_eq!(rows[3]["published"], "2024-10-23");
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

/// A saved news page with a cookie banner, navigation and a footer around
/// the article.
const PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Bridge reopens | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
</head><body>
<aside class="cookie-notice"><p>We use cookies to improve your experience. Accept all cookies?</p></aside>
<nav>Home | Local | Sport</nav><article>
<h1>Bridge reopens after two years of repairs</h1>
<p>The river bridge reopened to traffic on Friday after repairs that cost about $14 million, the county said.</p>
<p>"It is a relief for everyone who commutes," said Omar Haddad, a bus driver who crosses it twice a day.</p>
<p>County engineers said the new deck should last at least 50 years with regular maintenance and inspections.</p>
</article><footer>Subscribe to the Valley Post</footer></body></html>"#;

fn claim_texts(w: &Workdir, db: &str) -> Vec<String> {
    w.claims(&["--db", db, "export", "-f", "jsonl"])
        .run()
        .success()
        .jsonl()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

/// The claims of [`PAGE`] read as a page: its article, and none of its
/// markup, script or cookie banner.
fn assert_read_as_a_page(texts: &[String]) {
    assert!(
        texts.iter().any(|t| t.contains("relief for everyone")),
        "{texts:?}"
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("tracking") || t.contains('<') || t.contains("cookies")),
        "markup, a script or the cookie banner became a claim: {texts:?}"
    );
}

#[test]
fn a_page_on_standard_input_is_read_as_html_and_format_says_otherwise() {
    let w = Workdir::new();
    // Looked at: a page, so its main content and its metadata.
    w.claims(&["--db", "looked.db", "import", "-"])
        .stdin(PAGE)
        .run()
        .success();
    let texts = claim_texts(&w, "looked.db");
    assert_read_as_a_page(&texts);
    let row = w.rows("looked.db", "SELECT outlet, raw_text FROM articles");
    assert_eq!(row[0]["outlet"], "Valley Post");
    assert!(!row[0]["raw_text"].as_str().unwrap().contains("<p>"));
    // Said: the same as looked, and as the page saved under its name.
    w.claims(&["--db", "said.db", "import", "-", "--format", "html"])
        .stdin(PAGE)
        .run()
        .success();
    assert_eq!(claim_texts(&w, "said.db"), texts);
    w.write("page.html", PAGE);
    w.claims(&["--db", "file.db", "import", "page.html"])
        .run()
        .success();
    assert_eq!(claim_texts(&w, "file.db"), texts);
    // --format text reads the markup as it is.
    w.claims(&["--db", "text.db", "import", "-", "--format", "text"])
        .stdin(PAGE)
        .run()
        .success();
    let raw = w.rows("text.db", "SELECT raw_text FROM articles");
    assert_eq!(raw[0]["raw_text"], PAGE.to_string() + "");
    // Plain text on standard input stays text, even when it mentions a tag.
    let prose = "Tags and councils\n\nThe council said the <b> tag would be banned from its site, officials said.\n";
    w.claims(&["--db", "prose.db", "import", "-"])
        .stdin(prose)
        .run()
        .success();
    let raw = w.rows("prose.db", "SELECT raw_text FROM articles");
    assert_eq!(raw[0]["raw_text"], prose);
    w.claims(&["import", "-", "--format", "pdf"])
        .stdin(prose)
        .run()
        .code(2);
}

#[test]
fn a_page_whose_first_closing_tag_comes_late_is_still_a_page() {
    let w = Workdir::new();
    // More than 64 KiB of inline script in the head before any closing
    // tag: the opening <!DOCTYPE html> alone says it is a page.
    let script = "var tracking = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];\n".repeat(2_000);
    assert!(script.len() > 64 * 1024);
    let page = PAGE.replacen(
        "<html><head>",
        &format!("<html><head><script>{script}</script>"),
        1,
    );
    w.claims(&["import", "-"]).stdin(page).run().success();
    assert_read_as_a_page(&claim_texts(&w, "claims.db"));
    let row = w.rows("claims.db", "SELECT outlet FROM articles");
    assert_eq!(row[0]["outlet"], "Valley Post");
}

/// One story as a page and as Markdown: a title heading, a byline in
/// emphasis, a link, a section heading, a list and a quotation.
const STORY_HTML: &str = r#"<!doctype html><html><head><title>Ferry fares to rise in May</title></head><body>
<article>
<h1>Ferry fares to rise in May</h1>
<p><em>By Dana Reyes</em></p>
<p>Ferry fares will rise by 5 percent in May, said <a href="https://example.org/ortiz">Lena Ortiz</a>, the operator's director.</p>
<h2>What riders can expect</h2>
<ul><li>The operator said about 12 sailings a day would be added.</li><li>Commuter groups said the rise would hurt <strong>night workers</strong>.</li></ul>
<blockquote><p>The mayor said the new timetable was long overdue.</p></blockquote>
</article></body></html>"#;

const STORY_MD: &str = "# Ferry fares to rise in May

*By Dana Reyes*

Ferry fares will rise by 5 percent in May, said [Lena Ortiz](https://example.org/ortiz), the operator's director.

## What riders can expect

- The operator said about 12 sailings a day would be added.
- Commuter groups said the rise would hurt **night workers**.

> The mayor said the new timetable was long overdue.
";

#[test]
fn markdown_is_read_without_its_markup_as_a_page_is() {
    let w = Workdir::new();
    w.write("story.html", STORY_HTML);
    w.write("story.md", STORY_MD);
    for (db, args) in [
        ("page.db", vec!["import", "story.html"]),
        ("file.db", vec!["import", "story.md"]),
        ("stdin.db", vec!["import", "-", "--format", "markdown"]),
    ] {
        let mut args: Vec<&str> = args;
        args.splice(0..0, ["--db", db]);
        w.claims(&args).stdin(STORY_MD).run().success();
    }
    let page = claim_texts(&w, "page.db");
    assert_eq!(page.len(), 4, "{page:?}");
    for db in ["file.db", "stdin.db"] {
        // The same claims as the page gives, with no markup left in them,
        // and the heading as the title.
        let texts = claim_texts(&w, db);
        assert_eq!(texts, page, "{db}");
        let row = w.rows(db, "SELECT title, byline, raw_text FROM articles");
        assert_eq!(row[0]["title"], "Ferry fares to rise in May");
        assert_eq!(row[0]["byline"], "Dana Reyes");
        let raw = row[0]["raw_text"].as_str().unwrap();
        for markup in ["#", "*", "](", "\n- ", "> "] {
            assert!(!raw.contains(markup), "{db}: {markup:?} in {raw:?}");
        }
        // Each list item is a paragraph of its own.
        assert!(
            raw.contains("would be added.\n\nCommuter groups said"),
            "{raw:?}"
        );
        let sources = w.rows(db, "SELECT name FROM sources ORDER BY name");
        assert!(
            sources
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["name"] == "Lena Ortiz"),
            "{sources}"
        );
    }
    // Read as text, the markup stays: the format is what decides.
    w.claims(&["--db", "text.db", "import", "-", "--format", "text"])
        .stdin(STORY_MD)
        .run()
        .success();
    let row = w.rows("text.db", "SELECT raw_text FROM articles");
    assert_eq!(row[0]["raw_text"], STORY_MD);
}

#[test]
fn a_short_latin1_file_warns_that_its_encoding_is_unsure_and_encoding_reads_it() {
    let w = Workdir::new();
    // "Tomás Núñez" in Latin-1: too few bytes outside ASCII to tell the
    // code page from them alone.
    let latin1 = b"Port to reopen\n\nThe port will reopen on Monday, said Tom\xe1s N\xfa\xf1ez, the harbor master.\n";
    w.write("short.txt", latin1);
    let guessed = w
        .claims(&["--db", "guessed.db", "import", "short.txt"])
        .run()
        .success();
    assert!(
        guessed
            .stderr
            .contains("short.txt: warning: encoding unsure")
            && guessed.stderr.contains("--encoding"),
        "{}",
        guessed.stderr
    );
    // Read as Latin-1 (windows-1252), with its name as written.
    let read_right = |db: &str| {
        let row = w.rows(db, "SELECT encoding, raw_text FROM articles");
        assert_eq!(row[0]["encoding"], "windows-1252");
        assert!(
            row[0]["raw_text"]
                .as_str()
                .unwrap()
                .contains("Tom\u{e1}s N\u{fa}\u{f1}ez"),
            "{db}: {row}"
        );
    };
    // With nothing in the bytes to prefer the detector's windows-1250,
    // the text is read as windows-1252, and it is right.
    read_right("guessed.db");
    // Warnings are shown even with -q.
    let quiet = w
        .claims(&["--db", "quiet.db", "import", "-q", "short.txt"])
        .run()
        .success();
    assert!(
        quiet.stderr.contains("warning: encoding unsure"),
        "{}",
        quiet.stderr
    );
    let chosen = w
        .claims(&[
            "--db",
            "chosen.db",
            "import",
            "short.txt",
            "--encoding",
            "latin1",
        ])
        .run()
        .success();
    assert!(!chosen.stderr.contains("warning"), "{}", chosen.stderr);
    read_right("chosen.db");
    let sources = w
        .claims(&["--db", "chosen.db", "sources", "-f", "json"])
        .run()
        .success()
        .json();
    assert!(
        sources
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Tom\u{e1}s N\u{fa}\u{f1}ez"),
        "{sources}"
    );
    // A longer Latin-1 text gives the detector enough to go on: no warning.
    let spanish = "Reabre el puerto\n\nEl puerto reabrir\u{e1} el lunes, dijo Tom\u{e1}s N\u{fa}\u{f1}ez, \
         el capit\u{e1}n del puerto. Seg\u{fa}n el ministerio, la inversi\u{f3}n alcanz\u{f3} \
         los 14 millones y la reparaci\u{f3}n del muelle norte terminar\u{e1} en oto\u{f1}o; \
         tambi\u{e9}n habr\u{e1} m\u{e1}s gr\u{fa}as y una estaci\u{f3}n el\u{e9}ctrica, \
         a\u{f1}adi\u{f3} el ministerio. La compa\u{f1}\u{ed}a mar\u{ed}tima celebr\u{f3} la \
         decisi\u{f3}n.\n";
    let bytes: Vec<u8> = spanish
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    w.write("long.txt", bytes);
    let sure = w
        .claims(&["--db", "sure.db", "import", "long.txt"])
        .run()
        .success();
    assert!(!sure.stderr.contains("warning"), "{}", sure.stderr);
    let row = w.rows("sure.db", "SELECT encoding, raw_text FROM articles");
    assert_eq!(row[0]["encoding"], "windows-1252");
    assert_eq!(row[0]["raw_text"], spanish);
    // A label no one knows is a usage error; bytes that are not text in the
    // encoding given are that file's failure.
    w.claims(&["import", "short.txt", "--encoding", "klingon"])
        .run()
        .code(2);
    let out = w
        .claims(&[
            "--db",
            "utf8.db",
            "import",
            "short.txt",
            "--encoding",
            "utf-8",
        ])
        .run()
        .code(1);
    assert!(
        out.stderr.contains("short.txt: not text in UTF-8"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_article_read_in_the_wrong_encoding_is_read_again_with_encoding() {
    let w = Workdir::new();
    // A Czech name in windows-1250 and a Spanish one in Latin-1, in short
    // English texts that cite the same agency: three bytes outside ASCII
    // each, too few for the detector.
    let czech = b"Ferry line to close\n\nThe ferry line will close in May, said Ji\xf8\xed Nov\xe1k, the ferry director. The Coastal Shipping Agency said fares would fall.\n";
    let latin1 = b"Port to reopen\n\nThe port will reopen on Monday, said Tom\xe1s N\xfa\xf1ez, the harbor master. The berths are ready, the Coastal Shipping Agency said.\n";
    w.write("ferry.txt", czech);
    w.write("port.txt", latin1);
    let first = w
        .claims(&["import", "ferry.txt", "port.txt"])
        .run()
        .success();
    // Unsure, both are read as windows-1252, the code page of a mostly
    // English text; the warning shows the word each reading makes.
    for (file, read, other) in [
        ("ferry.txt", "Ji\u{f8}\u{ed}", "Ji\u{159}\u{ed}"),
        ("port.txt", "N\u{fa}\u{f1}ez", "N\u{fa}\u{144}ez"),
    ] {
        assert!(
            first.stderr.contains(&format!(
                "{file}: warning: encoding unsure: read as windows-1252 (\"{read}\")"
            )) && first
                .stderr
                .contains(&format!("windows-1250 reads otherwise (\"{other}\")")),
            "{}",
            first.stderr
        );
    }
    let agency = w.scalar(
        "claims.db",
        "SELECT id FROM sources WHERE name = 'Coastal Shipping Agency'",
    );
    let ids = |name: &str| {
        w.scalar(
            "claims.db",
            &format!("SELECT id FROM articles WHERE path = '{name}'"),
        )
    };
    let (ferry, port) = (ids("ferry.txt"), ids("port.txt"));
    // Imports `file` in `encoding`, and checks what it says of each line.
    let import_in = |file: &str, encoding: &str, says: &[&str]| {
        let out = w
            .claims(&["import", file, "--encoding", encoding])
            .run()
            .success();
        for line in says {
            assert!(out.stderr.contains(line), "{line}: {}", out.stderr);
        }
    };

    // The Czech text was misread: the encoding given reads it again, in
    // place of the stored reading, under the same id.
    import_in(
        "ferry.txt",
        "windows-1250",
        &[
            &format!(
                "ferry.txt: read again as windows-1250 (it was read as windows-1252): article {ferry} replaced, 2 claims"
            ),
            "1 read again, 0 unchanged",
        ],
    );
    let stored = |id: i64| {
        w.rows(
            "claims.db",
            &format!("SELECT encoding, raw_text, body FROM articles WHERE id = {id}"),
        )[0]
        .clone()
    };
    let row = stored(ferry);
    assert_eq!(row["encoding"], "windows-1250");
    assert!(
        row["raw_text"]
            .as_str()
            .unwrap()
            .contains("said Ji\u{159}\u{ed} Nov\u{e1}k,")
    );
    assert!(
        row["body"]
            .as_str()
            .unwrap()
            .contains("said Ji\u{159}\u{ed} Nov\u{e1}k,")
    );
    let names = |sql: &str| -> Vec<String> {
        w.rows("claims.db", sql)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect()
    };
    let sources = names("SELECT name FROM sources ORDER BY name");
    // The misread party went with the claims that named it; the agency,
    // cited by both articles, kept its id.
    assert_eq!(
        sources,
        [
            "Coastal Shipping Agency",
            "Ji\u{159}\u{ed} Nov\u{e1}k",
            "Tom\u{e1}s N\u{fa}\u{f1}ez"
        ]
    );
    assert_eq!(
        w.scalar(
            "claims.db",
            "SELECT id FROM sources WHERE name = 'Coastal Shipping Agency'"
        ),
        agency
    );
    assert_eq!(
        names(&format!(
            "SELECT s.name FROM claims c JOIN sources s ON s.id = c.source_id
             WHERE c.article_id = {ferry} ORDER BY c.position"
        )),
        ["Ji\u{159}\u{ed} Nov\u{e1}k", "Coastal Shipping Agency"]
    );

    // A wrong encoding given is put right the same way, in one ledger: the
    // Latin-1 text read as windows-1250, then as Latin-1 again.
    import_in("port.txt", "windows-1250", &[]);
    assert!(
        stored(port)["raw_text"]
            .as_str()
            .unwrap()
            .contains("N\u{fa}\u{144}ez")
    );
    import_in(
        "port.txt",
        "latin1",
        &["port.txt: read again as windows-1252 (it was read as windows-1250)"],
    );
    let row = stored(port);
    assert_eq!(row["encoding"], "windows-1252");
    // Latin-1 bytes are the first 256 code points.
    let as_read: String = latin1.iter().map(|&b| char::from(b)).collect();
    assert_eq!(row["raw_text"], as_read);
    assert_eq!(
        names(&format!(
            "SELECT s.name FROM claims c JOIN sources s ON s.id = c.source_id
             WHERE c.article_id = {port} ORDER BY c.position"
        )),
        ["Tom\u{e1}s N\u{fa}\u{f1}ez", "Coastal Shipping Agency"]
    );
    assert_eq!(w.scalar("claims.db", "SELECT count(*) FROM articles"), 2);
    // The same encoding again changes nothing.
    import_in(
        "port.txt",
        "latin1",
        &[&format!(
            "port.txt: unchanged, already in the ledger as article {port}"
        )],
    );
    w.claims(&["check"]).run().success();
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_folder_is_followed_once() {
    let w = Workdir::new();
    w.write(
        "archive/2024/port.txt",
        "Port to reopen\n\nThe port will reopen on Monday, the harbor master said.\n",
    );
    w.write(
        "archive/2024/march/fares.txt",
        "Fares to rise\n\nFerry fares will rise by 5 percent next year, the operator said.\n",
    );
    // A link back up the tree, and a second way into the same folder.
    std::os::unix::fs::symlink("../..", w.path().join("archive/2024/march/up")).unwrap();
    std::os::unix::fs::symlink("2024", w.path().join("archive/latest")).unwrap();
    let out = w.claims(&["import", "archive"]).run().success();
    assert!(
        out.stderr.contains("2 new, 0 unchanged, 0 failed"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 3, "{}", out.stderr);
    assert_eq!(
        w.scalar(
            "claims.db",
            "SELECT count(DISTINCT content_hash) FROM articles"
        ),
        2
    );
    assert_eq!(w.scalar("claims.db", "SELECT count(*) FROM articles"), 2);
}

#[test]
fn how_far_the_workers_give_way_is_the_users_to_say() {
    let w = Workdir::new();
    let dir = corpus_dir("clusters");
    let dir = dir.to_str().unwrap();
    w.claims(&["--db", "default.db", "import", "-q", "-j", "2", dir])
        .run()
        .success();
    w.claims(&[
        "--db",
        "alike.db",
        "import",
        "-q",
        "-j",
        "2",
        "--worker-nice",
        "0",
        dir,
    ])
    .run()
    .success();
    w.claims(&["--db", "env.db", "import", "-q", "-j", "2", dir])
        .env("CLAIMS_WORKER_NICE", "19")
        .run()
        .success();
    // The ledger comes out the same whatever the priorities.
    let texts = claim_texts(&w, "default.db");
    assert!(texts.len() > 20);
    assert_eq!(claim_texts(&w, "alike.db"), texts);
    assert_eq!(claim_texts(&w, "env.db"), texts);
    for (flag, env) in [
        (Some("--worker-nice=20"), None),
        (Some("--worker-nice=-1"), None),
        (None, Some("ten")),
    ] {
        let mut args = vec!["--db", "bad.db", "import", dir];
        args.extend(flag);
        let mut run = w.claims(&args);
        if let Some(value) = env {
            run = run.env("CLAIMS_WORKER_NICE", value);
        }
        let out = run.run().code(2);
        assert!(out.stderr.contains("--worker-nice"), "{}", out.stderr);
        assert!(!w.path().join("bad.db").exists(), "nothing is imported");
    }
}
