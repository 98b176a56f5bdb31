//! The report as a browser shows it: headless Chromium (Debian's
//! `chromium`) opens each page inside a small harness page whose script
//! (`tests/browser/inspect.js`) reads the highlighted claims, their details
//! and the side panel through the DOM and computed styles. Screenshots are
//! kept under `target/test-artifacts/`.
//!
//! In CI (`CI=true`) a missing Chromium fails the test; elsewhere the test
//! says loudly that it did not run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::fixtures::{self, HOSTILE_TITLE};
use crate::harness::{Workdir, skip};

const INSPECT: &str = include_str!("../browser/inspect.js");

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// Chromium, or `None` after saying so (see [`skip`]).
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        skip(
            test,
            "chromium is not on PATH (apt-get install chromium, or CHROMIUM=path)",
            true,
        );
    }
    found
}

/// Runs headless Chromium with the flags that keep it off the network and
/// out of the user's profile.
pub fn run_chromium(chromium: &Path, profile: &Path, args: &[&str]) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // Containers often have a tiny /dev/shm, where Chromium crashes.
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("chromium prints UTF-8")
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// What `inspect.js` found in `page`.
fn inspect(chromium: &Path, w: &Workdir, page: &Path) -> Value {
    let harness = w.write(
        "inspect.html",
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\
             <iframe id=\"report\" src=\"{}\" width=\"1200\" height=\"1600\"></iframe>\
             <pre id=\"result\">not run</pre><script>{INSPECT}</script></body></html>",
            file_url(page)
        ),
    );
    let profile = tempfile::tempdir().unwrap();
    // Virtual time lets the load handler run before the DOM is dumped,
    // without waiting on the clock.
    let dom = run_chromium(
        chromium,
        profile.path(),
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
            "--dump-dom",
            &file_url(&harness),
        ],
    );
    let start = dom.find("<pre id=\"result\">").expect("the harness page") + 17;
    let end = start + dom[start..].find("</pre>").unwrap();
    serde_json::from_str(&dom[start..end])
        .unwrap_or_else(|e| panic!("inspect.js wrote {:?}: {e}", &dom[start..end]))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const TRANSPARENT: &str = "rgba(0, 0, 0, 0)";

#[test]
fn chromium_shows_every_claim_with_its_source_details_and_panel() {
    let Some(chromium) = chromium_or_skip("browser test") else {
        return;
    };
    let w = Workdir::new();
    fixtures::ledger(&w);
    w.claims(&["report", "--all", "-o", "pages"])
        .run()
        .success();
    let titles = [None, Some(HOSTILE_TITLE), None];
    for article in 1..=3i64 {
        let page = w.path().join(format!("pages/article-{article}.html"));
        let found = inspect(&chromium, &w, &page);
        let context = format!("article {article}: {found}");
        assert_eq!(found["errors"], serde_json::json!([]), "{context}");
        assert_eq!(found["scripts"], 0, "{context}");
        assert_eq!(found["nested_marks"], 0, "{context}");
        assert_eq!(found["panel_visible"], true, "{context}");
        if let Some(title) = titles[article as usize - 1] {
            // The hostile headline reaches the reader as the very text typed.
            assert_eq!(found["title"], title, "{context}");
        }

        let claims = fixtures::claims_of(&w, article);
        let body = fixtures::body_of(&w, article);
        let shown = found["claims"].as_object().unwrap();
        let mut expected_ids = BTreeSet::new();
        let mut colour_of_source: BTreeMap<i64, String> = BTreeMap::new();
        for claim in &claims {
            let (start, end) = (
                claim["start"].as_i64().unwrap(),
                claim["end"].as_i64().unwrap(),
            );
            if end <= start {
                continue;
            }
            let id = claim["id"].to_string();
            expected_ids.insert(id.clone());
            let seen = &shown
                .get(&id)
                .unwrap_or_else(|| panic!("claim {id} not highlighted; {context}"));
            let pieces: Vec<&str> = seen["pieces"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert_eq!(
                words(&pieces.join(" ")),
                words(&fixtures::char_slice(&body, start, end)),
                "claim {id} highlights its span of the body"
            );
            assert_eq!(seen["focusable"], true, "claim {id}");
            assert_eq!(seen["tip_shown_at_rest"], false, "claim {id}");
            assert_eq!(seen["focused"], true, "claim {id}");
            assert_eq!(seen["tip_shown_on_focus"], true, "claim {id}");
            let details = &seen["details"];
            let kind = claim["kind"].as_str().unwrap().replace('_', "-");
            assert!(
                details["kind"].as_str().unwrap().starts_with(&kind),
                "claim {id}: {details}"
            );
            let background = seen["background"].as_str().unwrap().to_string();
            match claim["source"]["id"].as_i64() {
                Some(source) => {
                    assert_eq!(seen["source"], source.to_string(), "claim {id}");
                    let name = claim["source"]["name"].as_str().unwrap();
                    assert!(
                        details["source"].as_str().unwrap().starts_with(name),
                        "claim {id}: {details}"
                    );
                    assert_ne!(background, TRANSPARENT, "claim {id} is coloured");
                    let colour = colour_of_source.entry(source).or_insert(background.clone());
                    assert_eq!(*colour, background, "one colour per source");
                    if claim["via"].as_array().unwrap().is_empty() {
                        assert!(details.get("chain").is_none(), "claim {id}: {details}");
                    } else {
                        assert_eq!(
                            details["chain"].as_str(),
                            fixtures::chain_of(claim).as_deref(),
                            "claim {id}"
                        );
                    }
                    let anonymous = claim["source"]["kind"] == "anonymous";
                    assert_eq!(
                        seen["warning"].as_str() == Some("Rests on a single anonymous source"),
                        anonymous,
                        "claim {id}: {seen}"
                    );
                }
                None => {
                    assert!(seen["source"].is_null(), "claim {id}");
                    assert_eq!(background, TRANSPARENT, "claim {id} is not coloured");
                    assert!(
                        seen["warning"].as_str().unwrap().starts_with("No source"),
                        "claim {id}: {seen}"
                    );
                }
            }
        }
        let shown_ids: BTreeSet<String> = shown.keys().cloned().collect();
        assert_eq!(shown_ids, expected_ids, "{context}");
        let colours: BTreeSet<&String> = colour_of_source.values().collect();
        if colour_of_source.len() <= 10 {
            assert_eq!(colours.len(), colour_of_source.len(), "a colour per source");
        }

        // The side panel: each source the claims rest on, with its count and
        // the colour its claims are drawn in.
        let mut rests_on: BTreeMap<i64, (String, i64)> = BTreeMap::new();
        for claim in &claims {
            if let Some(id) = claim["source"]["id"].as_i64() {
                let entry = rests_on
                    .entry(id)
                    .or_insert((claim["source"]["name"].as_str().unwrap().to_string(), 0));
                entry.1 += 1;
            }
        }
        let panel: BTreeMap<i64, &Value> = found["sources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["claims"].as_i64() > Some(0))
            .map(|s| (s["id"].as_str().unwrap().parse().unwrap(), s))
            .collect();
        assert_eq!(
            panel.keys().collect::<Vec<_>>(),
            rests_on.keys().collect::<Vec<_>>(),
            "{context}"
        );
        for (id, (name, count)) in &rests_on {
            let entry = panel[id];
            assert_eq!(entry["name"], *name);
            assert_eq!(entry["claims"], *count);
            let plural = if *count == 1 { "claim" } else { "claims" };
            assert!(
                entry["count"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{count} {plural}")),
                "{entry}"
            );
            if let Some(colour) = colour_of_source.get(id) {
                assert_eq!(entry["swatch"], *colour, "the swatch matches the highlight");
            }
        }
        for entry in found["sources"].as_array().unwrap() {
            let source: i64 = entry["id"].as_str().unwrap().parse().unwrap();
            let involved: Vec<String> = claims
                .iter()
                .filter(|c| c["end"].as_i64() > c["start"].as_i64())
                .filter(|c| {
                    c["source"]["id"] == source
                        || c["via"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|v| v["id"] == source)
                })
                .map(|c| c["id"].to_string())
                .collect();
            assert!(
                !involved.is_empty(),
                "source {source} is in the panel for a reason"
            );
            let in_view: Vec<String> = found["in_view_when_picked"][source.to_string()]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            assert_eq!(in_view, involved, "picking source {source}");
        }
        let ids_where = |keep: &dyn Fn(&Value) -> bool| -> Vec<String> {
            claims
                .iter()
                .filter(|c| keep(c))
                .map(|c| c["id"].to_string())
                .collect()
        };
        let flagged = |key: &str| -> Vec<String> {
            found[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            flagged("flagged_anonymous"),
            ids_where(&|c| c["source"]["kind"] == "anonymous"),
            "{context}"
        );
        assert_eq!(
            flagged("flagged_unsourced"),
            ids_where(&|c| c["source"].is_null()),
            "{context}"
        );
        if article == 3 {
            assert_eq!(
                flagged("flagged_anonymous").len(),
                1,
                "the forced anonymous claim"
            );
        }
    }

    // Screenshots for people: the seed article and the one with every kind
    // of footing, at a desktop size.
    let artifacts = artifacts_dir();
    for (article, name) in [(1, "report-seed.png"), (3, "report-forced.png")] {
        let shot = artifacts.join(name);
        let _ = std::fs::remove_file(&shot);
        let profile = tempfile::tempdir().unwrap();
        run_chromium(
            &chromium,
            profile.path(),
            &[
                &format!("--screenshot={}", shot.display()),
                "--window-size=1200,1600",
                &file_url(&w.path().join(format!("pages/article-{article}.html"))),
            ],
        );
        let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", shot.display());
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (1200, 1600), "{}", shot.display());
        eprintln!("screenshot: {}", shot.display());
    }
}

/// `target/test-artifacts/`, beside Cargo's own test scratch directory.
pub fn artifacts_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp
        .parent()
        .map(|target| target.join("test-artifacts"))
        .unwrap_or(tmp);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
