//! Picking a party: every command that takes one reads it the same way
//! (id, exact name or alias in any case and Unicode form, unique part), an
//! ambiguous name lists the candidates with their ids everywhere, and one
//! name written in two Unicode forms is one party.

use crate::harness::{Output, Workdir};

/// The id of the source called exactly `name`.
fn source_id(w: &Workdir, name: &str) -> i64 {
    let rows = w.claims(&["sources", "-f", "json"]).run().success().json();
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no source {name}: {rows}"))["id"]
        .as_i64()
        .unwrap()
}

fn texts(out: &Output) -> Vec<String> {
    out.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_command_reads_a_party_the_same_way() {
    let w = Workdir::new();
    // Two articles: in the first the full name only; in the second the
    // surname alone, which never merges across articles, so "Quill" is a
    // party of its own beside "Marta Quill".
    w.write(
        "one.txt",
        "Harbor dredging approved\n\nThe dredging will start in May, said Marta Quill, the harbor master.\n",
    );
    w.write(
        "two.txt",
        "Ferry fares to rise\n\nFerry fares will rise by 5 percent next year, Quill told reporters.\n",
    );
    w.write(
        "smiths.txt",
        "Harbor Town Gets New Ferry\n\n\
         \"The ferry will run every hour,\" said John Smith, a city engineer.\n\n\
         Anna Smith, a nurse at the harbor clinic, said the old boat had been unsafe for years.\n",
    );
    w.claims(&["import", "one.txt", "two.txt", "smiths.txt"])
        .run()
        .success();
    let marta = source_id(&w, "Marta Quill");
    let quill = source_id(&w, "Quill");
    let john = source_id(&w, "John Smith");
    let anna = source_id(&w, "Anna Smith");

    // An exact name is that party; the party whose name also holds the
    // word is named on standard error with its id, not left out silently.
    let exact = w
        .claims(&["rests-on", "quill", "-f", "json"])
        .run()
        .success();
    assert_eq!(
        texts(&exact),
        ["Ferry fares will rise by 5 percent next year"]
    );
    assert!(
        exact.stderr.contains(&format!("{marta} Marta Quill")),
        "{}",
        exact.stderr
    );
    // Its id, the id shown beside it, a unique part, any case.
    for reference in [marta.to_string(), "MARTA QUILL".into(), "marta q".into()] {
        let out = w
            .claims(&["rests-on", &reference, "-f", "json"])
            .run()
            .success();
        assert_eq!(
            texts(&out),
            ["The dredging will start in May"],
            "{reference}"
        );
    }
    assert_eq!(
        w.claims(&["rests-on", &quill.to_string(), "-f", "json"])
            .run()
            .success()
            .json(),
        exact.json()
    );

    // The same reference means the same party in list --source and
    // graph --source.
    for reference in [marta.to_string(), "Marta Quill".into(), "marta q".into()] {
        let listed = w
            .claims(&["list", "--source", &reference, "-f", "json"])
            .run()
            .success();
        assert_eq!(texts(&listed), ["The dredging will start in May"]);
        let graph = w
            .claims(&["graph", "--source", &reference, "-f", "json"])
            .run()
            .success()
            .json();
        let sources: Vec<i64> = graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"] == "source")
            .map(|n| n["id"].as_i64().unwrap())
            .collect();
        assert_eq!(sources, [marta], "{reference}");
    }

    // An ambiguous name: every candidate with its id, exit 1, and the same
    // words from every command.
    let mut said = Vec::new();
    for args in [
        vec!["rests-on", "smith"],
        vec!["list", "--source", "smith"],
        vec!["graph", "--source", "smith"],
    ] {
        let out = w.claims(&args).run().code(1);
        assert!(out.stdout.is_empty(), "{args:?}");
        for (id, name) in [(john, "John Smith"), (anna, "Anna Smith")] {
            assert!(
                out.stderr.contains(&format!("{id}  {name} (person)")),
                "{args:?}: {}",
                out.stderr
            );
        }
        said.push(out.stderr);
    }
    assert!(said.windows(2).all(|p| p[0] == p[1]), "{said:?}");
    for args in [
        vec!["rests-on", "Nobody At All"],
        vec!["list", "--source", "Nobody At All"],
        vec!["graph", "--source", "Nobody At All"],
    ] {
        let out = w.claims(&args).run().code(1);
        assert_eq!(
            out.stderr.trim(),
            "claims: no source matches \"Nobody At All\"",
            "{args:?}"
        );
    }
}

#[test]
fn an_exact_name_of_several_words_names_the_fuller_ones_and_counts_the_rest() {
    let w = Workdir::new();
    w.write(
        "quill.txt",
        "Harbor plan\n\nThe harbor will close, said Marta Quill, the harbor master.\n",
    );
    w.write(
        "ramos.txt",
        "Bridge plan\n\nThe bridge will open, said Marta Quill Ramos, a city engineer.\n",
    );
    w.write(
        "agency.txt",
        "Port dredging approved\n\nThe dredging will start in May, said the Coastal Shipping Agency.\n",
    );
    let towns = [
        "Ardel", "Brisk", "Corran", "Dunmore", "Eskel", "Fallow", "Garrow", "Hollin", "Isker",
        "Jarrow", "Kestle", "Lorran",
    ];
    for town in towns {
        w.write(
            &format!("{town}.txt"),
            format!(
                "Ferry fares to rise in {town}\n\nFerry fares will rise by 5 percent next year, the {town} Coastal Shipping Agency said.\n"
            ),
        );
    }
    w.claims(&["import", "-q", "."]).run().success();
    let marta = source_id(&w, "Marta Quill");
    let ramos = source_id(&w, "Marta Quill Ramos");
    // "Marta Quill" is that party, and the fuller name is not hidden, in
    // every command that takes a party.
    for args in [
        vec!["rests-on", "Marta Quill"],
        vec!["list", "--source", "Marta Quill"],
        vec!["graph", "--source", "Marta Quill"],
    ] {
        let out = w.claims(&args).run().success();
        assert!(
            out.stderr.contains(&format!(
                "\"Marta Quill\" is source {marta} (Marta Quill); also named like it: {ramos} Marta Quill Ramos ("
            )),
            "{args:?}: {}",
            out.stderr
        );
    }
    // Ten fuller names are shown, the rest counted.
    let agency = source_id(&w, "Coastal Shipping Agency");
    let out = w
        .claims(&["rests-on", "coastal shipping agency", "-f", "json"])
        .run()
        .success();
    assert_eq!(texts(&out), ["The dredging will start in May"]);
    let note = out.stderr.lines().find(|l| l.starts_with("note:")).unwrap();
    assert!(
        note.contains(&format!("is source {agency} (Coastal Shipping Agency)")),
        "{note}"
    );
    let shown = towns
        .iter()
        .filter(|t| note.contains(&format!("{t} Coastal Shipping Agency")))
        .count();
    assert_eq!(shown, 10, "{note}");
    assert!(note.contains(" and 2 more (give an id"), "{note}");
    // A name no other holds gets no note.
    let out = w.claims(&["rests-on", "Marta Quill Ramos"]).run().success();
    assert!(!out.stderr.contains("note:"), "{}", out.stderr);
}

#[test]
fn a_name_in_two_unicode_forms_is_one_party() {
    let w = Workdir::new();
    // "Zoë" as one character in the first article, as "e" and a combining
    // diaeresis in the second.
    w.write(
        "composed.txt",
        "Harbor plan approved\n\nThe harbor board approved the dredging plan on Monday, said Zo\u{eb} Brandt, the board chair.\n",
    );
    let decomposed = "Ferry fares to rise\n\nFerry fares will rise by 5 percent next year, said Zoe\u{308} Brandt, the board chair.\n";
    w.write("decomposed.txt", decomposed);
    w.claims(&["import", "composed.txt", "decomposed.txt"])
        .run()
        .success();
    // The raw text is the file's own, not composed; the source mention's
    // raw offsets point at the name as the file spells it.
    for run in ["import", "reextract"] {
        if run == "reextract" {
            w.claims(&["reextract", "-q"]).run().success();
        }
        let row = w.rows(
            "claims.db",
            "SELECT a.raw_text, substr(a.raw_text, m.raw_start + 1, m.raw_end - m.raw_start) AS said
             FROM articles a JOIN claims c ON c.article_id = a.id
             JOIN claim_mentions m ON m.claim_id = c.id AND m.role = 'source'
             WHERE a.path = 'decomposed.txt'",
        );
        assert_eq!(row[0]["raw_text"], decomposed, "after {run}");
        assert_eq!(row[0]["said"], "Zoe\u{308} Brandt", "after {run}");
        w.claims(&["check"]).run().success();
    }
    let sources = w.claims(&["sources", "-f", "json"]).run().success().json();
    let brandts: Vec<&serde_json::Value> = sources
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"].as_str().unwrap().contains("Brandt"))
        .collect();
    assert_eq!(brandts.len(), 1, "{sources}");
    assert_eq!(brandts[0]["originates"], 2, "{sources}");
    // Typed either way, the name finds both claims.
    for typed in ["zo\u{eb} brandt", "ZOE\u{308} BRANDT"] {
        let out = w.claims(&["rests-on", typed, "-f", "json"]).run().success();
        assert_eq!(out.json().as_array().unwrap().len(), 2, "{typed}");
    }
}
