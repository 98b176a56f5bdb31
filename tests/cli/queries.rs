use crate::harness::Workdir;

fn names(rows: &serde_json::Value, key: &str) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn rests_on_yonhap_lists_the_intelligence_claim_with_its_chain() {
    let w = Workdir::new();
    w.import_sample();
    let out = w
        .claims(&["rests-on", "Yonhap", "-f", "json"])
        .run()
        .success();
    let rows = out.json();
    let rows = rows.as_array().unwrap();
    let nis = rows
        .iter()
        .find(|r| r["text"].as_str().unwrap().contains("1,500"))
        .expect("the troop-count claim rests on Yonhap");
    // The model lets a country qualifier stay in the name ("South Korea’s ...").
    let chain = nis["chain"].as_str().unwrap();
    assert!(
        chain.ends_with("National Intelligence Service via Yonhap News Agency"),
        "{chain}"
    );
    assert_eq!(
        nis["depth"], 1,
        "Yonhap relays the claim, it does not originate it"
    );
    // Any case, and the alias, find the same party.
    let again = w
        .claims(&["rests-on", "yonhap news agency", "-f", "json"])
        .run()
        .success();
    assert_eq!(again.json(), out.json());
}

#[test]
fn sources_lists_the_nine_parties_of_the_sample() {
    let w = Workdir::new();
    w.import_sample();
    let rows = w.claims(&["sources", "-f", "json"]).run().success().json();
    let mut got = names(&rows, "name");
    got.sort();
    assert_eq!(got.len(), 9, "{got:?}");
    for expected in [
        "Hong Min",
        "Jeon Ha-kyou",
        "Koo Byoung-sam",
        "Rodong Sinmun",
        "Yonhap News Agency",
    ] {
        assert!(
            got.iter().any(|g| g == expected),
            "{expected} missing from {got:?}"
        );
    }
    let yonhap = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Yonhap News Agency")
        .unwrap();
    assert_eq!(yonhap["kind"], "media");
    assert_eq!(yonhap["originates"], 0);
    assert_eq!(yonhap["relays"], 1);
}

#[test]
fn an_ambiguous_source_name_lists_the_candidates_and_fails() {
    let w = Workdir::new();
    w.write(
        "smiths.txt",
        "Harbor Town Gets New Ferry\n\n\
         \"The ferry will run every hour,\" said John Smith, a city engineer.\n\n\
         Anna Smith, a nurse at the harbor clinic, said the old boat had been unsafe for years.\n",
    );
    w.claims(&["import", "smiths.txt"]).run().success();
    // "Smith" is part of two parties' names.
    let out = w.claims(&["rests-on", "smith"]).run().code(1);
    assert!(
        out.stderr.contains("John Smith") && out.stderr.contains("Anna Smith"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("fits"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let out = w.claims(&["rests-on", "Nobody At All"]).run().code(1);
    assert!(out.stderr.contains("no source matches"), "{}", out.stderr);
}

#[test]
fn show_lists_an_articles_claims_in_order() {
    let w = Workdir::new();
    w.import_sample();
    for reference in ["1", "000_3ed3d50eabfa3282.txt"] {
        let rows = w
            .claims(&["show", reference, "-f", "json"])
            .run()
            .success()
            .json();
        let rows = rows.as_array().unwrap();
        assert!(rows.len() >= 10);
        let positions: Vec<i64> = rows
            .iter()
            .map(|r| r["position"].as_i64().unwrap())
            .collect();
        assert_eq!(positions, (1..=rows.len() as i64).collect::<Vec<_>>());
    }
    let out = w.claims(&["show", "42"]).run().code(1);
    assert!(out.stderr.contains("no article matches"), "{}", out.stderr);
}

#[test]
fn list_filters_by_source_kind_words_and_attribution() {
    let w = Workdir::new();
    w.import_sample();
    let all = w.claims(&["list", "-f", "json"]).run().success().json();
    let all = all.as_array().unwrap().len();
    let hong = w
        .claims(&["list", "--source", "HONG MIN", "-f", "json"])
        .run()
        .success()
        .json();
    let hong = hong.as_array().unwrap();
    assert_eq!(hong.len(), 2);
    assert!(hong.iter().all(|r| r["source"] == "Hong Min"));
    let unattributed = w
        .claims(&["list", "--unattributed", "-f", "json"])
        .run()
        .success()
        .json();
    let unattributed = unattributed.as_array().unwrap();
    assert!(unattributed.iter().all(|r| r["source"].is_null()));
    assert!(!unattributed.is_empty() && unattributed.len() < all);
    let denials = w
        .claims(&["list", "--kind", "non_confirmation", "-f", "json"])
        .run()
        .success()
        .json();
    assert!(
        denials
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "non_confirmation")
    );
    let search = w
        .claims(&["list", "--search", "FAR EAST", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(search.as_array().unwrap().len(), 1);
    let hostile = w
        .claims(&["list", "--source", "'); DROP TABLE claims;--", "-f", "json"])
        .run()
        .code(1);
    assert!(
        hostile.stderr.contains("no source matches"),
        "{}",
        hostile.stderr
    );
    let again = w.claims(&["list", "-f", "json"]).run().success().json();
    assert_eq!(
        again.as_array().unwrap().len(),
        all,
        "a hostile name is just a name"
    );
    w.claims(&["list", "--kind", "rumour"]).run().code(2);
}

#[test]
fn search_folds_the_case_of_every_letter_not_only_ascii() {
    let w = Workdir::new();
    let article = w.write(
        "paris.txt",
        "PARIS - The ÉLYSÉE said on Monday that 40 ministers would meet in ŁÓDŹ.\n\n\
         A spokesman for the Élysée said the talks would resume on Friday.\n\n\
         Officials said the ΚΟΣΜΟΣ plan would open a cafe\u{301} in every port.\n",
    );
    w.claims(&["import", "-q", article.to_str().unwrap()])
        .run()
        .success();
    let found = |words: &str| {
        w.claims(&["list", "--search", words, "-f", "json"])
            .run()
            .success()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // The text says "ŁÓDŹ": any case of its letters finds it.
    for words in ["łódź", "Łódź", "meet in łÓdŹ"] {
        let hits = found(words);
        assert_eq!(hits.len(), 1, "{words}: {hits:?}");
        assert!(hits[0].contains("ŁÓDŹ"), "{hits:?}");
    }
    // Greek capitals, with the final sigma, and an accent typed as its own
    // character ("e" and U+0301) against the composed "é".
    for words in ["κοσμοσ", "κοσμος", "ΚΟΣ", "café"] {
        assert_eq!(found(words).len(), 1, "{words}");
    }
    // ASCII words keep SQLite's own folding.
    assert_eq!(found("FRIDAY"), ["the talks would resume on Friday"]);
    assert_eq!(found("LÓDŹ").len(), 0, "Ł is not L");
}

#[test]
fn every_listing_speaks_every_format() {
    let w = Workdir::new();
    w.import_sample();
    for command in [
        vec!["articles"],
        vec!["sources"],
        vec!["list"],
        vec!["show", "1"],
        vec!["rests-on", "Hong Min"],
        vec!["schema"],
    ] {
        let mut counts = Vec::new();
        for format in ["table", "csv", "json", "jsonl"] {
            let mut args = command.clone();
            args.extend(["--format", format]);
            let out = w.claims(&args).run().success();
            let n = match format {
                "table" => {
                    assert!(out.stdout.contains('│'), "{command:?} table");
                    continue;
                }
                "csv" => csv_rows(&out.stdout),
                "json" => out.json().as_array().unwrap().len(),
                _ => out.jsonl().len(),
            };
            counts.push(n);
        }
        assert!(
            counts.windows(2).all(|p| p[0] == p[1]),
            "{command:?}: {counts:?}"
        );
        assert!(counts[0] > 0, "{command:?}");
    }
}

fn csv_rows(text: &str) -> usize {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .len()
}

#[test]
fn schema_describes_the_tables_and_views() {
    let w = Workdir::new();
    let rows = w.claims(&["schema", "-f", "json"]).run().success().json();
    let objects = names(&rows, "object");
    for name in [
        "articles",
        "sources",
        "source_aliases",
        "claims",
        "claim_via",
        "quantities",
        "claim_sources",
        "claims_flat",
    ] {
        assert!(objects.iter().any(|o| o == name), "{name}");
    }
}
