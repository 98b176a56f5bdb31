//! Ledgers for the report, graph and export tests: the sample article, a
//! handmade one with plain attribution and hostile metadata, and one whose
//! claims are given sources through `claims sql --write` so an anonymous
//! source and a two-link chain are always there, whatever the extractor
//! finds. Tests compare what they see against `claims export`, not against
//! names written here, except for the sources this file sets itself.

use serde_json::Value;

use crate::harness::Workdir;

pub const HANDMADE: &str = "\
City to close the Elm Street bridge

The Elm Street bridge will close for six weeks starting Monday, city officials said.

\"The deck has cracked in three places,\" said John Smith, a city engineer.

According to Reuters, the mayor's office said the repairs would cost about $2 million.

Traffic will be diverted to Oak Avenue <b>for now</b> & later.
";

/// A headline no page may obey.
pub const HOSTILE_TITLE: &str = "<script>alert('title')</script> Bridge & \"Tunnel\"";

pub const FORCED: &str = "\
Buses return to Route 9

Route 9 buses will run again from Monday, officials said on condition of anonymity.

\"We have forty new buses ready,\" said Zed Quill, the transit director, according to Zeta Wire.

The route was closed in March after a fire at the depot.
";

/// The parties `with_forced_sources` sets, by the names a page must show.
/// None of these names is in any article, so no extractor finds them and
/// they never merge with its parties.
pub const ANONYMOUS: &str = "depot insiders";
pub const SPEAKER: &str = "Ida Brennholz";
pub const RELAYS: [&str; 2] = ["Kestrel Newswire", "Radio Halvard"];

/// Article 1: the sample. Article 2: the handmade article with a hostile
/// headline and a `javascript:` URL. Article 3: `FORCED`, whose first three
/// claims rest on an anonymous source, on a person through a two-link
/// chain, and on nobody.
pub fn ledger(w: &Workdir) {
    w.import_sample();
    w.write("handmade.txt", HANDMADE);
    w.claims(&[
        "import",
        "handmade.txt",
        "--title",
        HOSTILE_TITLE,
        "--outlet",
        "The <i>Daily</i> Planet",
        "--url",
        "javascript:alert('url')",
        "--published",
        "2024-10-23",
    ])
    .run()
    .success();
    w.write("forced.txt", FORCED);
    w.claims(&[
        "import",
        "forced.txt",
        "--url",
        "https://example.org/route-9",
        "--outlet",
        "Example Transit News",
        "--published",
        "2024-11-02",
    ])
    .run()
    .success();
    with_forced_sources(w, 3);
}

fn sql(w: &Workdir, statement: &str) {
    w.claims(&["sql", "--write", statement]).run().success();
}

fn with_forced_sources(w: &Workdir, article: i64) {
    let positions = claims_of(w, article).len();
    assert!(
        positions >= 3,
        "the forced article needs three claims, has {positions}"
    );
    // Plain lower-case names are what the ledger's normalisation makes of
    // them, so `--source NAME` finds these parties as it would real ones.
    sql(
        w,
        &format!(
            "INSERT INTO sources (name, kind, norm) VALUES
             ('{ANONYMOUS}', 'anonymous', lower('{ANONYMOUS}')),
             ('{SPEAKER}', 'person', lower('{SPEAKER}')),
             ('{}', 'media', lower('{}')),
             ('{}', 'media', lower('{}'))",
            RELAYS[0], RELAYS[0], RELAYS[1], RELAYS[1]
        ),
    );
    let claim = |position: i64| {
        format!("(SELECT id FROM claims WHERE article_id = {article} AND position = {position})")
    };
    let source = |name: &str| format!("(SELECT id FROM sources WHERE name = '{name}')");
    sql(
        w,
        &format!(
            "DELETE FROM claim_via WHERE claim_id IN (SELECT id FROM claims WHERE article_id = {article} AND position <= 3)"
        ),
    );
    sql(
        w,
        &format!(
            "UPDATE claims SET source_id = {}, role = NULL, affiliation = NULL, mode = 'indirect' WHERE id = {}",
            source(ANONYMOUS),
            claim(1)
        ),
    );
    sql(
        w,
        &format!(
            "UPDATE claims SET source_id = {}, role = 'transit director', affiliation = 'Route 9 Authority', mode = 'direct', kind = 'intention' WHERE id = {}",
            source(SPEAKER),
            claim(2)
        ),
    );
    sql(
        w,
        &format!(
            "INSERT INTO claim_via (claim_id, depth, source_id) VALUES ({c}, 1, {}), ({c}, 2, {})",
            source(RELAYS[0]),
            source(RELAYS[1]),
            c = claim(2)
        ),
    );
    sql(
        w,
        &format!(
            "INSERT OR REPLACE INTO quantities (claim_id, position, value, unit, approx, text) VALUES ({}, 1, 40, 'buses', 0, 'forty new buses')",
            claim(2)
        ),
    );
    sql(
        w,
        &format!(
            "UPDATE claims SET source_id = NULL, role = NULL, affiliation = NULL, mode = 'none' WHERE id = {}",
            claim(3)
        ),
    );
    // The article's own voice has no cue: the cue is a place in the body.
    sql(
        w,
        &format!(
            "UPDATE claim_rows SET cue_start = NULL, cue_end = NULL, cue_raw_start = NULL, cue_raw_end = NULL WHERE id = {}",
            claim(3)
        ),
    );
}

/// The claims of one article as `claims export --format jsonl` writes them.
pub fn claims_of(w: &Workdir, article: i64) -> Vec<Value> {
    w.claims(&["export", "--format", "jsonl"])
        .run()
        .success()
        .jsonl()
        .into_iter()
        .filter(|c| c["article"]["id"] == article)
        .collect()
}

/// The cleaned body the claim offsets point into.
pub fn body_of(w: &Workdir, article: i64) -> String {
    let rows = w
        .claims(&[
            "sql",
            "--format",
            "json",
            &format!("SELECT body FROM articles WHERE id = {article}"),
        ])
        .run()
        .success()
        .json();
    rows[0]["body"].as_str().unwrap().to_string()
}

/// The characters `start..end` of `text`, offsets in Unicode scalar values.
pub fn char_slice(text: &str, start: i64, end: i64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start).max(0) as usize)
        .collect()
}

/// "A via B via C" for a claim with a chain, as the ledger spells chains.
pub fn chain_of(claim: &Value) -> Option<String> {
    let source = claim["source"]["name"].as_str()?;
    let mut out = source.to_string();
    for link in claim["via"].as_array()? {
        out.push_str(" via ");
        out.push_str(link["name"].as_str().unwrap());
    }
    Some(out)
}
