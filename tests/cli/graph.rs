//! `claims graph`: the paths claims took, as JSON that matches the export,
//! DOT that the real Graphviz turns into SVG, and Mermaid.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::browser::{artifacts_dir, chromium_or_skip, file_url, run_chromium};
use crate::fixtures::{self, ANONYMOUS, RELAYS, SPEAKER};
use crate::harness::Workdir;
use crate::harness::{skip, tool_or_skip};

type Edges = BTreeMap<(String, String, String), u64>;

/// The hops every claim in `claims` took: source → relays → article.
fn expected_edges(claims: &[Value]) -> Edges {
    let mut edges = Edges::new();
    for claim in claims {
        let Some(source) = claim["source"]["id"].as_i64() else {
            continue;
        };
        let via = claim["via"].as_array().unwrap();
        let kind = if via.is_empty() { "cited" } else { "relayed" };
        let mut path = vec![format!("s{source}")];
        path.extend(via.iter().map(|v| format!("s{}", v["id"])));
        path.push(format!("a{}", claim["article"]["id"]));
        for hop in path.windows(2) {
            *edges
                .entry((hop[0].clone(), hop[1].clone(), kind.to_string()))
                .or_default() += 1;
        }
    }
    edges
}

fn edges_of(graph: &Value) -> Edges {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                (
                    e["from"].as_str().unwrap().to_string(),
                    e["to"].as_str().unwrap().to_string(),
                    e["kind"].as_str().unwrap().to_string(),
                ),
                e["claims"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn all_claims(w: &Workdir) -> Vec<Value> {
    w.claims(&["export", "--format", "jsonl"])
        .run()
        .success()
        .jsonl()
}

#[test]
fn json_graph_has_one_edge_per_hop_with_the_claims_that_took_it() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let claims = all_claims(&w);
    let graph = w
        .claims(&["graph", "--format", "json"])
        .run()
        .success()
        .json();
    assert_eq!(edges_of(&graph), expected_edges(&claims));
    let unattributed = claims.iter().filter(|c| c["source"].is_null()).count();
    assert_eq!(graph["unattributed"], unattributed);
    // Every edge end is a node, and every node is on an edge or an article.
    let nodes: BTreeSet<String> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["key"].as_str().unwrap().to_string())
        .collect();
    for ((from, to, _), _) in edges_of(&graph) {
        assert!(
            nodes.contains(&from) && nodes.contains(&to),
            "{from} -> {to}"
        );
    }
    for article in 1..=3 {
        assert!(nodes.contains(&format!("a{article}")));
    }
}

#[test]
fn a_graph_can_be_narrowed_to_an_article_or_a_source() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let claims = all_claims(&w);
    let forced: Vec<Value> = claims
        .iter()
        .filter(|c| c["article"]["id"] == 3)
        .cloned()
        .collect();
    let by_article = w
        .claims(&["graph", "--article", "forced.txt", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(edges_of(&by_article), expected_edges(&forced));
    let labels: BTreeSet<&str> = by_article["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    for name in [ANONYMOUS, SPEAKER, RELAYS[0], RELAYS[1]] {
        assert!(labels.contains(name), "{name} in {labels:?}");
    }
    let articles: Vec<&str> = by_article["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "article")
        .map(|n| n["key"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["a3"]);

    // Through a relay: only the claims that passed through it.
    let through: Vec<Value> = claims
        .iter()
        .filter(|c| {
            c["via"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["name"] == RELAYS[0])
        })
        .cloned()
        .collect();
    assert_eq!(through.len(), 1);
    let by_source = w
        .claims(&["graph", "--source", RELAYS[0], "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(edges_of(&by_source), expected_edges(&through));
    let relayed = edges_of(&by_source);
    assert_eq!(relayed.len(), 3, "speaker → relay → relay → article");
    assert!(relayed.keys().all(|(_, _, kind)| kind == "relayed"));
}

#[test]
fn graphviz_renders_the_dot_output_to_svg() {
    let Some(dot) = tool_or_skip("graphviz render test", "dot", "graphviz") else {
        return;
    };
    let w = Workdir::new();
    fixtures::ledger(&w);
    let text = w
        .claims(&["graph", "--format", "dot"])
        .run()
        .success()
        .stdout;
    assert!(text.starts_with("digraph attribution {"), "{text}");
    let mut child = Command::new(dot)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "dot: {stderr}\n{text}"
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    let graph = w.claims(&["graph", "-f", "json"]).run().success().json();
    for node in graph["nodes"].as_array().unwrap() {
        // Long labels are drawn over several lines: look for every word.
        let label = node["label"].as_str().unwrap();
        for word in label.split_whitespace() {
            let escaped = word
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;")
                // Graphviz writes hyphens as a character reference too.
                .replace('-', "&#45;");
            assert!(svg.contains(&escaped), "{word} of {label} drawn");
        }
        assert!(svg.contains(&format!("<title>{}</title>", node["key"].as_str().unwrap())));
    }
    // The hostile headline is a label like any other.
    assert!(svg.contains("&lt;script&gt;alert("), "{svg}");
}

#[test]
fn mermaid_declares_every_node_it_links() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let text = w
        .claims(&["graph", "--format", "mermaid"])
        .run()
        .success()
        .stdout;
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let graph = w.claims(&["graph", "-f", "json"]).run().success().json();
    let mut declared = BTreeSet::new();
    let mut links = 0;
    for line in lines {
        let line = line.trim();
        let key: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let rest = &line[key.len()..];
        if rest.starts_with(" -->|") || rest.starts_with(" -.->|") {
            let target = rest.rsplit(' ').next().unwrap();
            assert!(
                declared.contains(&key) && declared.contains(target),
                "{line}"
            );
            links += 1;
        } else {
            declared.insert(key);
            // Quotes and markup inside a label are entities, never raw.
            let label = &rest[rest.find('"').unwrap() + 1..rest.rfind('"').unwrap()];
            let bare = label.replace("<br>", "");
            assert!(!bare.contains(['"', '<', '>']), "{line}");
        }
    }
    assert_eq!(declared.len(), graph["nodes"].as_array().unwrap().len());
    assert_eq!(links, graph["edges"].as_array().unwrap().len());
    assert!(text.contains("#lt;script#gt;alert("), "{text}");
}

/// Mermaid's own bundle, as `.ci/run` unpacks it from the npm registry.
fn mermaid_js() -> Option<std::path::PathBuf> {
    let path = match std::env::var_os("MERMAID_JS") {
        Some(path) => std::path::PathBuf::from(path),
        None => artifacts_dir()
            .parent()
            .unwrap()
            .join("mermaid/package/dist/mermaid.min.js"),
    };
    if path.is_file() {
        return Some(path);
    }
    skip(
        "mermaid render test",
        &format!(
            "no mermaid.min.js at {} (npm pack mermaid@11 into target/mermaid/, as .ci/run does)",
            path.display()
        ),
        true,
    );
    None
}

#[test]
fn mermaid_itself_renders_the_mermaid_output() {
    let Some(chromium) = chromium_or_skip("mermaid render test") else {
        return;
    };
    let Some(mermaid) = mermaid_js() else {
        return;
    };
    let w = Workdir::new();
    fixtures::ledger(&w);
    let text = w
        .claims(&["graph", "--format", "mermaid"])
        .run()
        .success()
        .stdout;
    // The diagram goes in as a JSON string; "</" must not end the script.
    let source = serde_json::to_string(&text).unwrap().replace("</", "<\\/");
    let page = w.write(
        "mermaid.html",
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"{}\"></script></head>\
             <body><pre id=\"result\">not run</pre><script>\
             const put = (v) => document.getElementById('result').textContent = JSON.stringify(v)\
               .replace(/[\\u007f-\\uffff<>&]/g, (c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));\
             mermaid.initialize({{ startOnLoad: false, securityLevel: 'strict' }});\
             mermaid.render('graph', {source}).then((r) => {{\
               const box = document.createElement('div');\
               box.innerHTML = r.svg;\
               document.body.appendChild(box);\
               put({{ ok: true, nodes: box.querySelectorAll('g.node').length,\
                     edges: box.querySelectorAll('g.edgeLabel').length,\
                     text: box.textContent, scripts: box.querySelectorAll('script').length }});\
             }}).catch((e) => put({{ ok: false, error: String(e) }}));\
             </script></body></html>",
            file_url(&mermaid)
        ),
    );
    let profile = tempfile::tempdir().unwrap();
    let dom = run_chromium(
        &chromium,
        profile.path(),
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=30000",
            "--dump-dom",
            &file_url(&page),
        ],
    );
    let start = dom.find("<pre id=\"result\">").unwrap() + 17;
    let end = start + dom[start..].find("</pre>").unwrap();
    let found: Value = serde_json::from_str(&dom[start..end])
        .unwrap_or_else(|e| panic!("{e}: {}", &dom[start..end]));
    assert_eq!(
        found["ok"], true,
        "mermaid rejected the diagram: {found}\n{text}"
    );
    let graph = w.claims(&["graph", "-f", "json"]).run().success().json();
    assert_eq!(found["nodes"], graph["nodes"].as_array().unwrap().len());
    assert_eq!(found["edges"], graph["edges"].as_array().unwrap().len());
    assert_eq!(found["scripts"], 0);
    let drawn = found["text"].as_str().unwrap();
    for name in [ANONYMOUS, SPEAKER, RELAYS[0], RELAYS[1]] {
        assert!(drawn.contains(name), "{name} drawn: {drawn}");
    }
    // The hostile headline is drawn as the characters it is.
    assert!(
        drawn.contains("<script>alert('title')</script> Bridge"),
        "{drawn}"
    );
}

#[test]
fn graph_errors_are_clear() {
    let w = Workdir::new();
    fixtures::ledger(&w);
    let out = w
        .claims(&["graph", "--source", "nobody at all"])
        .run()
        .code(1);
    assert_eq!(
        out.stderr.trim(),
        "claims: no source matches \"nobody at all\""
    );
    w.claims(&["graph", "--article", "1", "--source", "x"])
        .run()
        .code(2);
    w.claims(&["graph", "--format", "png"]).run().code(2);
}
