//! The attribution graph: who told whom, and which article printed it. Each
//! claim walks a path (source → first relay → … → article); the graph is
//! the union of those paths with a claim count on every hop.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use rusqlite::params_from_iter;

use super::Ledger;
use super::error::Result;
use crate::extract::SourceKind;

/// Which claims the graph is drawn from.
#[derive(Debug, Clone, Copy)]
pub enum GraphScope {
    All,
    Article(i64),
    /// Claims resting on this source, directly or through a chain.
    Source(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeRef {
    Source(i64),
    Article(i64),
}

impl NodeRef {
    /// A stable identifier safe in DOT, Mermaid and JSON: `s12`, `a3`.
    pub fn key(&self) -> String {
        match self {
            NodeRef::Source(id) => format!("s{id}"),
            NodeRef::Article(id) => format!("a{id}"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    pub key: String,
    /// "source" or "article"
    #[serde(rename = "type")]
    pub node_type: &'static str,
    pub id: i64,
    /// A source's name, or an article's title (its path when it has none).
    pub label: String,
    /// A source's kind; `None` for
    /// articles.
    pub kind: Option<SourceKind>,
    /// Claims in scope that rest on this source; for an article, the claims
    /// in scope it makes.
    pub claims: u64,
}

/// How a claim reached the next node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// The article cites the source itself.
    Cited,
    /// A hop of a chain: the claim passed through a relay.
    Relayed,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Cited => "cited",
            EdgeKind::Relayed => "relayed",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// How many claims travelled this hop.
    pub claims: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// Claims in scope told in the article's own voice: they have no path.
    pub unattributed: u64,
}

impl Ledger {
    pub fn attribution_graph(&self, scope: GraphScope) -> Result<Graph> {
        let (filter, arg) = match scope {
            GraphScope::All => ("1", 0),
            GraphScope::Article(id) => ("c.article_id = ?1", id),
            GraphScope::Source(id) => (
                "c.id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?1)",
                id,
            ),
        };
        // The filter is one of three fixed strings; the value is bound.
        let uses_arg = !matches!(scope, GraphScope::All);

        let mut chains: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT v.claim_id, v.source_id FROM claim_via v JOIN claim_rows c ON c.id = v.claim_id
             WHERE {filter} ORDER BY v.claim_id, v.depth"
        ))?;
        let mut rows = stmt.query(params_from_iter(uses_arg.then_some(&arg)))?;
        while let Some(r) = rows.next()? {
            chains.entry(r.get(0)?).or_default().push(r.get(1)?);
        }

        let mut hops: BTreeMap<(NodeRef, NodeRef, EdgeKind), u64> = BTreeMap::new();
        let mut originates: HashMap<i64, u64> = HashMap::new();
        let mut article_claims: BTreeMap<i64, u64> = BTreeMap::new();
        let mut unattributed = 0;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, c.article_id, c.source_id FROM claim_rows c WHERE {filter}
             ORDER BY c.article_id, c.position"
        ))?;
        let mut rows = stmt.query(params_from_iter(uses_arg.then_some(&arg)))?;
        while let Some(r) = rows.next()? {
            let claim: i64 = r.get(0)?;
            let article: i64 = r.get(1)?;
            *article_claims.entry(article).or_default() += 1;
            let Some(source) = r.get::<_, Option<i64>>(2)? else {
                unattributed += 1;
                continue;
            };
            *originates.entry(source).or_default() += 1;
            let chain = chains.remove(&claim).unwrap_or_default();
            let kind = if chain.is_empty() {
                EdgeKind::Cited
            } else {
                EdgeKind::Relayed
            };
            let path: Vec<NodeRef> = std::iter::once(NodeRef::Source(source))
                .chain(chain.into_iter().map(NodeRef::Source))
                .chain(std::iter::once(NodeRef::Article(article)))
                .collect();
            for hop in path.windows(2) {
                *hops
                    .entry((hop[0].clone(), hop[1].clone(), kind))
                    .or_default() += 1;
            }
        }

        let mut graph = Graph {
            unattributed,
            ..Graph::default()
        };
        let mut source_ids: Vec<i64> = hops
            .keys()
            .flat_map(|(a, b, _)| [a, b])
            .filter_map(|n| match n {
                NodeRef::Source(id) => Some(*id),
                NodeRef::Article(_) => None,
            })
            .collect();
        source_ids.sort_unstable();
        source_ids.dedup();
        let mut stmt = self
            .conn
            .prepare("SELECT name, kind FROM sources WHERE id = ?1")?;
        for id in source_ids {
            let (name, kind): (String, SourceKind) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            graph.nodes.push(GraphNode {
                key: NodeRef::Source(id).key(),
                node_type: "source",
                id,
                label: name,
                kind: Some(kind),
                claims: originates.get(&id).copied().unwrap_or(0),
            });
        }
        let mut stmt = self
            .conn
            .prepare("SELECT title, path FROM article_rows WHERE id = ?1")?;
        for (id, claims) in article_claims {
            let (title, path): (Option<String>, Option<String>) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            // A whole path would dwarf every other node: its file name will do.
            let label = title
                .filter(|t| !t.trim().is_empty())
                .or_else(|| {
                    path.as_deref()
                        .and_then(|p| p.rsplit(['/', '\\']).next())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| format!("article {id}"));
            graph.nodes.push(GraphNode {
                key: NodeRef::Article(id).key(),
                node_type: "article",
                id,
                label,
                kind: None,
                claims,
            });
        }
        graph.edges = hops
            .into_iter()
            .map(|((from, to, kind), claims)| GraphEdge {
                from: from.key(),
                to: to.key(),
                kind,
                claims,
            })
            .collect();
        Ok(graph)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two articles: in the first, A speaks through relays R1 and R2 twice
    /// and B once directly; in the second, A speaks directly and one claim
    /// has no source.
    fn ledger() -> (tempfile::TempDir, Ledger) {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("t.db")).unwrap();
        ledger
            .conn
            .execute_batch(
                "INSERT INTO article_rows (id, path, title, imported_at, content_hash, raw_text, body)
                 VALUES (1, 'dir/one.txt', NULL, 'now', 'h1', '', ''),
                        (2, 'two.txt', 'Second', 'now', 'h2', '', '');
                 INSERT INTO sources (id, name, kind, norm) VALUES
                   (1, 'A', 'person', 'a'), (2, 'B', 'organization', 'b'),
                   (3, 'R1', 'media', 'r1'), (4, 'R2', 'media', 'r2');
                 INSERT INTO claim_rows (id, article_id, position, body_start, body_end, raw_start,
                                         raw_end, sentence_start, sentence_end, kind, mode, source_id) VALUES
                   (1, 1, 1, 0, 0, 0, 0, 0, 0, 'assertion', 'indirect', 1),
                   (2, 1, 2, 0, 0, 0, 0, 0, 0, 'assertion', 'indirect', 1),
                   (3, 1, 3, 0, 0, 0, 0, 0, 0, 'assertion', 'indirect', 2),
                   (4, 2, 1, 0, 0, 0, 0, 0, 0, 'assertion', 'direct', 1),
                   (5, 2, 2, 0, 0, 0, 0, 0, 0, 'assertion', 'none', NULL);
                 INSERT INTO claim_via (claim_id, depth, source_id) VALUES
                   (1, 1, 3), (1, 2, 4), (2, 1, 3), (2, 2, 4);",
            )
            .unwrap();
        (dir, ledger)
    }

    fn edges(graph: &Graph) -> Vec<(String, String, &'static str, u64)> {
        graph
            .edges
            .iter()
            .map(|e| (e.from.clone(), e.to.clone(), e.kind.as_str(), e.claims))
            .collect()
    }

    fn own(v: &[(&str, &str, &'static str, u64)]) -> Vec<(String, String, &'static str, u64)> {
        v.iter()
            .map(|(a, b, k, n)| (a.to_string(), b.to_string(), *k, *n))
            .collect()
    }

    #[test]
    fn every_hop_of_every_chain_is_an_edge_with_its_claim_count() {
        let (_dir, ledger) = ledger();
        let graph = ledger.attribution_graph(GraphScope::All).unwrap();
        assert_eq!(
            edges(&graph),
            own(&[
                ("s1", "s3", "relayed", 2),
                ("s1", "a2", "cited", 1),
                ("s2", "a1", "cited", 1),
                ("s3", "s4", "relayed", 2),
                ("s4", "a1", "relayed", 2),
            ])
        );
        assert_eq!(graph.unattributed, 1);
        let a = graph.nodes.iter().find(|n| n.key == "s1").unwrap();
        assert_eq!((a.claims, a.kind), (3, Some(SourceKind::Person)));
        let relay = graph.nodes.iter().find(|n| n.key == "s3").unwrap();
        assert_eq!(relay.claims, 0, "a relay originates nothing");
        let labels: Vec<&str> = graph
            .nodes
            .iter()
            .filter(|n| n.node_type == "article")
            .map(|n| n.label.as_str())
            .collect();
        assert_eq!(labels, ["one.txt", "Second"]);
    }

    #[test]
    fn scopes_keep_one_article_or_what_one_source_is_part_of() {
        let (_dir, ledger) = ledger();
        let second = ledger.attribution_graph(GraphScope::Article(2)).unwrap();
        assert_eq!(edges(&second), own(&[("s1", "a2", "cited", 1)]));
        assert_eq!(second.unattributed, 1);
        let through = ledger.attribution_graph(GraphScope::Source(4)).unwrap();
        assert_eq!(
            edges(&through),
            own(&[
                ("s1", "s3", "relayed", 2),
                ("s3", "s4", "relayed", 2),
                ("s4", "a1", "relayed", 2),
            ])
        );
        assert_eq!(through.unattributed, 0);
    }
}
