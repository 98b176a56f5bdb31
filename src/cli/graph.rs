//! `claims graph`: the attribution graph as text that Graphviz and Mermaid
//! draw as they are, or as JSON for anything else: who told whom, and which
//! article printed it, with a claim count on every hop.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;

use super::Context;
use super::party::pick_party;
use crate::extract::SourceKind;
use crate::store::{EdgeKind, Graph, GraphNode, GraphScope};

const EXAMPLES: &str = "\
Examples:
  claims graph --format dot | dot -Tsvg > sources.svg      # the whole ledger
  claims graph --article 1 --format mermaid               # one article, for a Markdown page
  claims graph --source Yonhap --format json              # everything Yonhap is part of";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT
    Dot,
    /// A Mermaid flowchart
    Mermaid,
    /// Nodes and edges as one JSON object
    Json,
}

#[derive(Debug, clap::Args)]
#[command(before_help = EXAMPLES)]
pub struct Args {
    /// Only the claims of this article (id, path, file name or title)
    #[arg(long, conflicts_with = "source")]
    article: Option<String>,
    /// Only claims that rest on this source, directly or through a chain
    /// (id, name or alias in any case, or a part of a name that fits one
    /// source only)
    #[arg(long)]
    source: Option<String>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
}

pub fn run(context: &Context, args: Args) -> Result<ExitCode> {
    let ledger = context.reader()?;
    let scope = if let Some(article) = &args.article {
        GraphScope::Article(ledger.find_article(article)?)
    } else if let Some(name) = &args.source {
        GraphScope::Source(pick_party(&ledger, name)?.id)
    } else {
        GraphScope::All
    };
    let graph = ledger.attribution_graph(scope)?;
    let text = match args.format {
        GraphFormat::Dot => dot(&graph),
        GraphFormat::Mermaid => mermaid(&graph),
        GraphFormat::Json => serde_json::to_string_pretty(&graph)? + "\n",
    };
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn edge_label(kind: EdgeKind, claims: u64) -> String {
    format!(
        "{} {claims} claim{}",
        kind.as_str(),
        if claims == 1 { "" } else { "s" }
    )
}

fn node_caption(node: &GraphNode) -> String {
    match node.kind {
        Some(kind) => format!("{}\n{}", node.label, kind.as_str()),
        None => format!("{}\narticle {}", node.label, node.id),
    }
}

/// Graphviz does not wrap labels: a headline would make one node as wide
/// as the whole graph, so long labels are broken between words.
fn wrapped(label: &str, width: usize) -> String {
    let mut out = String::with_capacity(label.len() + 8);
    let mut line = 0;
    for word in label.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks
/// as DOT's centred `\n`.
fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Shapes follow the kind of party, so a chain of media reads apart from
/// the people and bodies it started with.
fn dot_style(node: &GraphNode) -> &'static str {
    match node.kind {
        None => "shape=note, style=filled, fillcolor=\"#f2f2f4\"",
        Some(SourceKind::Person) => "shape=ellipse, style=filled, fillcolor=\"#c9efc0\"",
        Some(SourceKind::Organization) => {
            "shape=box, style=\"rounded,filled\", fillcolor=\"#bfe0ff\""
        }
        Some(SourceKind::Media) => "shape=box, style=filled, fillcolor=\"#ffe08a\"",
        Some(SourceKind::Anonymous) => {
            "shape=ellipse, style=\"dashed,filled\", fillcolor=\"#ffcadb\""
        }
    }
}

pub fn dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph attribution {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n  graph [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for node in &graph.nodes {
        let _ = writeln!(
            out,
            "  {} [label={}, {}];",
            node.key,
            dot_string(&node_caption(&GraphNode {
                label: wrapped(&node.label, 32),
                ..node.clone()
            })),
            dot_style(node)
        );
    }
    for edge in &graph.edges {
        let style = match edge.kind {
            EdgeKind::Cited => "",
            EdgeKind::Relayed => ", style=dashed",
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, penwidth={:.1}{style}];",
            edge.from,
            edge.to,
            dot_string(&edge_label(edge.kind, edge.claims)),
            1.0 + (edge.claims as f64).ln_1p()
        );
    }
    if graph.unattributed > 0 {
        let _ = writeln!(
            out,
            "  label={};\n  labelloc=b;",
            dot_string(&format!(
                "{} claim{} in the {} own voice (no source)",
                graph.unattributed,
                if graph.unattributed == 1 { "" } else { "s" },
                if graph.nodes.iter().filter(|n| n.kind.is_none()).count() == 1 {
                    "article's"
                } else {
                    "articles'"
                }
            ))
        );
    }
    out.push_str("}\n");
    out
}

/// Mermaid labels in double quotes: quotes and markup characters as
/// Mermaid's `#name;` entities, line breaks as `<br>`.
fn mermaid_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    for node in &graph.nodes {
        let label = mermaid_string(&node_caption(node));
        let _ = match node.kind {
            None => writeln!(out, "  {}[/{label}/]", node.key),
            Some(SourceKind::Person) => writeln!(out, "  {}([{label}])", node.key),
            Some(SourceKind::Anonymous) => writeln!(out, "  {}{{{{{label}}}}}", node.key),
            Some(_) => writeln!(out, "  {}[{label}]", node.key),
        };
    }
    for edge in &graph.edges {
        let arrow = match edge.kind {
            EdgeKind::Cited => "-->",
            EdgeKind::Relayed => "-.->",
        };
        let _ = writeln!(
            out,
            "  {} {arrow}|{}| {}",
            edge.from,
            mermaid_string(&edge_label(edge.kind, edge.claims)),
            edge.to
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::GraphEdge;

    fn graph() -> Graph {
        Graph {
            nodes: vec![
                GraphNode {
                    key: "s1".into(),
                    node_type: "source",
                    id: 1,
                    label: "The \"Agency\" <b> #1 \\ x".into(),
                    kind: Some(SourceKind::Organization),
                    claims: 2,
                },
                GraphNode {
                    key: "a1".into(),
                    node_type: "article",
                    id: 1,
                    label: "Headline".into(),
                    kind: None,
                    claims: 3,
                },
            ],
            edges: vec![GraphEdge {
                from: "s1".into(),
                to: "a1".into(),
                kind: EdgeKind::Cited,
                claims: 2,
            }],
            unattributed: 1,
        }
    }

    #[test]
    fn long_labels_break_between_words() {
        assert_eq!(
            wrapped(
                "North Korea’s Troop Deployment to Aid Russia’s War Efforts",
                20
            ),
            "North Korea’s Troop\nDeployment to Aid\nRussia’s War Efforts"
        );
        assert_eq!(wrapped("Short", 20), "Short");
    }

    #[test]
    fn dot_labels_escape_quotes_and_backslashes() {
        let text = dot(&graph());
        assert!(
            text.contains(r#"s1 [label="The \"Agency\" <b> #1 \\ x\norganization""#),
            "{text}"
        );
        assert!(
            text.contains(r#"s1 -> a1 [label="cited 2 claims""#),
            "{text}"
        );
    }

    #[test]
    fn mermaid_labels_use_entities_for_quotes_and_markup() {
        let text = mermaid(&graph());
        assert!(
            text.contains(r#"s1["The #quot;Agency#quot; #lt;b#gt; #35;1 \ x<br>organization"]"#),
            "{text}"
        );
        assert!(text.contains(r#"s1 -->|"cited 2 claims"| a1"#), "{text}");
    }
}
