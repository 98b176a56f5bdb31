//! `claims report`: pages that stand alone, escape what articles say, and
//! mark every claim the ledger holds. The browser test checks the same
//! pages as Chromium renders them.

use std::collections::BTreeMap;

use regex::Regex;

use crate::fixtures::{self, ANONYMOUS, RELAYS, SPEAKER};
use crate::harness::Workdir;

/// The claim ids highlighted in a page, with the source each is drawn in.
fn highlighted(html: &str) -> BTreeMap<i64, Option<i64>> {
    let mark =
        Regex::new(r#"<mark class="[^"]*" data-claim="(\d+)"(?: data-source="(\d+)")?(?: data-via="[\d ]+")? id="claim-"#)
            .unwrap();
    mark.captures_iter(html)
        .map(|c| {
            (
                c[1].parse().unwrap(),
                c.get(2).map(|s| s.as_str().parse().unwrap()),
            )
        })
        .collect()
}

#[test]
fn every_claim_is_highlighted_in_its_sources_colour_and_counted_in_the_panel() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let entry =
        Regex::new(r#"<li id="source-(\d+)" class="[^"]*" data-source="\d+" data-claims="(\d+)""#)
            .unwrap();
    for article in 1..=3 {
        let html = w
            .claims(&["report", &article.to_string()])
            .run()
            .success()
            .stdout;
        let claims = fixtures::claims_of(&w, article);
        assert!(!claims.is_empty());
        let expected: BTreeMap<i64, Option<i64>> = claims
            .iter()
            .filter(|c| c["end"].as_i64() > c["start"].as_i64())
            .map(|c| (c["id"].as_i64().unwrap(), c["source"]["id"].as_i64()))
            .collect();
        assert_eq!(highlighted(&html), expected, "article {article}");

        // The panel counts, per source, the claims that rest on it here.
        let mut rests_on: BTreeMap<i64, usize> = BTreeMap::new();
        for c in &claims {
            if let Some(id) = c["source"]["id"].as_i64() {
                *rests_on.entry(id).or_default() += 1;
            }
        }
        let panel: BTreeMap<i64, usize> = entry
            .captures_iter(&html)
            .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
            .filter(|(_, n)| *n > 0)
            .collect();
        assert_eq!(panel, rests_on, "article {article}");
        let own = claims.iter().filter(|c| c["source"].is_null()).count();
        assert!(
            html.contains(&format!(
                "<section class=\"flagged unsourced\" data-count=\"{own}\">"
            )),
            "article {article}"
        );
    }
}

#[test]
fn anonymous_sources_chains_and_quantities_show_in_the_details() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let html = w.claims(&["report", "forced.txt"]).run().success().stdout;
    let claims = fixtures::claims_of(&w, 3);
    let anonymous = &claims[0];
    assert_eq!(anonymous["source"]["name"], ANONYMOUS);
    assert!(html.contains(&format!(
        "<section class=\"flagged anonymous\" data-count=\"1\">\n<h3>Rests on a single anonymous source (1)</h3>\n<ul>\n<li data-claim=\"{}\">",
        anonymous["id"]
    )));
    let relayed = &claims[1];
    let chain = format!("{SPEAKER} via {} via {}", RELAYS[0], RELAYS[1]);
    assert_eq!(fixtures::chain_of(relayed).as_deref(), Some(chain.as_str()));
    let tip_start = html
        .find(&format!("id=\"tip-{}\"", relayed["id"]))
        .expect("the relayed claim has details");
    let tip = &html[tip_start..tip_start + html[tip_start..].find("</mark>").unwrap()];
    for shown in [
        format!("<b>Source</b> {SPEAKER} (person)"),
        "<b>Role</b> transit director".to_string(),
        "<b>Affiliation</b> Route 9 Authority".to_string(),
        format!("<b>Chain</b> {chain}"),
        "<b>Kind</b> intention, quoted directly".to_string(),
        "<b>Quantities</b> forty new buses".to_string(),
        "<b>Cue</b> “said”".to_string(),
    ] {
        assert!(tip.contains(&shown), "{shown} missing from {tip}");
    }
    // Picking a relay in the panel keeps the claims it passed on in view.
    let via: Vec<String> = relayed["via"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].to_string())
        .collect();
    assert!(html.contains(&format!(
        "data-claim=\"{}\" data-source=\"{}\" data-via=\"{}\"",
        relayed["id"],
        relayed["source"]["id"],
        via.join(" ")
    )));
    for id in &via {
        assert!(html.contains(&format!(
            "body:has(#source-{id}:target) mark.claim:is([data-source=\"{id}\"], [data-via~=\"{id}\"])"
        )));
    }
    // The relays are listed with what they relayed, but have no colour.
    for relay in RELAYS {
        let at = html
            .find(&format!("<span class=\"source-name\">{relay}</span>"))
            .expect("relay listed");
        let li = &html[html[..at].rfind("<li").unwrap()..at];
        assert!(li.contains("class=\"source relay-only\""), "{li}");
        assert!(li.contains("data-claims=\"0\" data-relays=\"1\""), "{li}");
    }
}

#[test]
fn markup_in_headlines_bodies_and_urls_stays_text() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let html = w.claims(&["report", "2"]).run().success().stdout;
    assert!(!html.contains("<script"), "no script element at all");
    assert!(!html.contains("<b>for now"), "body markup is escaped");
    assert!(html.contains("&lt;b&gt;for now&lt;/b&gt; &amp; later"));
    assert!(html.contains(
        "<h1 class=\"headline\">&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Bridge &amp; &quot;Tunnel&quot;</h1>"
    ));
    assert!(html.contains(
        "<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Bridge &amp; &quot;Tunnel&quot; · claims</title>"
    ));
    assert!(html.contains("The &lt;i&gt;Daily&lt;/i&gt; Planet"));
    assert!(
        !html.contains("href=\"javascript"),
        "a javascript: URL is not a link"
    );
    assert!(html.contains("<p class=\"url\">javascript:alert(&#39;url&#39;)</p>"));
}

#[test]
fn a_page_loads_nothing_from_anywhere() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let html = w.claims(&["report", "3"]).run().success().stdout;
    for outside in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "src=",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(
            !html.contains(outside),
            "{outside} in a self-contained page"
        );
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(html.contains("@media print"));
    // The web URL of the article is a link.
    assert!(html.contains("<a href=\"https://example.org/route-9\" rel=\"noreferrer\">"));
}

#[test]
fn report_all_writes_a_page_per_article_and_an_index() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let out = w
        .claims(&["report", "--all", "-o", "pages"])
        .run()
        .success();
    assert!(
        out.stdout.is_empty(),
        "data goes to the files: {}",
        out.stdout
    );
    assert!(out.stderr.contains("wrote 3 reports"), "{}", out.stderr);
    let index = std::fs::read_to_string(w.path().join("pages/index.html")).unwrap();
    for id in 1..=3 {
        let page =
            std::fs::read_to_string(w.path().join(format!("pages/article-{id}.html"))).unwrap();
        let alone = w
            .claims(&["report", &id.to_string()])
            .run()
            .success()
            .stdout;
        assert_eq!(page, alone, "article {id}");
        assert!(index.contains(&format!("href=\"article-{id}.html\"")));
    }
    assert!(
        !index.contains("<script>"),
        "titles are escaped in the index"
    );
    // One page with -o: the same bytes, nothing on standard output.
    let one = w
        .claims(&["report", "3", "-o", "three.html"])
        .run()
        .success();
    assert!(one.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(w.path().join("three.html")).unwrap(),
        std::fs::read_to_string(w.path().join("pages/article-3.html")).unwrap()
    );
}

#[test]
fn report_errors_are_one_line_with_the_right_exit_code() {
    let w = Workdir::new();
    let missing = w.claims(&["report", "1"]).run().code(1);
    assert!(
        missing.stderr.contains("no ledger here yet"),
        "{}",
        missing.stderr
    );
    fixtures::ledger(&w);
    let unknown = w.claims(&["report", "nonesuch.txt"]).run().code(1);
    assert_eq!(unknown.stderr.lines().count(), 1, "{}", unknown.stderr);
    assert!(
        unknown
            .stderr
            .contains("no article matches \"nonesuch.txt\"")
    );
    assert!(unknown.stdout.is_empty());
    w.claims(&["report", "--all"]).run().code(2);
    w.claims(&["report"]).run().code(2);
    w.claims(&["report", "1", "--all", "-o", "x"]).run().code(2);
    w.write("taken", "a file");
    let not_dir = w.claims(&["report", "--all", "-o", "taken"]).run().code(1);
    assert!(
        not_dir.stderr.contains("not a directory"),
        "{}",
        not_dir.stderr
    );
}

/// Text as the page escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn a_long_article_shows_every_claim_and_cue_exactly_as_the_ledger_holds_them() {
    let w = Workdir::new();
    // Hundreds of paragraphs with letters outside ASCII before every claim,
    // so an offset counted in bytes instead of characters, or one cut from
    // the wrong place, shows.
    let paragraph = |n: usize| {
        format!(
            "Zo\u{eb} Brandt, the caf\u{e9} owner in Mal\u{e9}, said {n} boats were waiting at the \u{201c}old\u{201d} pier.\n\n\
             The harbor authority said the queue would clear within {d} days, officials said.\n\n",
            d = n % 9 + 2
        )
    };
    let text: String = std::iter::once("Harbor queues\n\n".to_string())
        .chain((0..400).map(paragraph))
        .collect();
    w.write("long.txt", &text);
    w.claims(&["import", "-q", "long.txt"]).run().success();
    let claims = w.claims(&["export", "-f", "jsonl"]).run().success().jsonl();
    assert!(claims.len() >= 800, "{}", claims.len());
    let html = w.claims(&["report", "1"]).run().success().stdout;
    for claim in &claims {
        let (id, text) = (
            claim["id"].as_i64().unwrap(),
            claim["text"].as_str().unwrap(),
        );
        assert!(
            html.contains(&format!("<a href=\"#claim-{id}\">{}</a>", escaped(text))),
            "claim {id}: {text}"
        );
        if let Some(cue) = claim["cue"].as_str() {
            assert!(
                html.contains(&format!("“{}”", escaped(cue))),
                "claim {id}'s cue {cue}"
            );
        }
    }
    assert_eq!(highlighted(&html).len(), claims.len());
}
