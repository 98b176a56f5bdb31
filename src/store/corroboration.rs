//! The questions clusters answer: is a statement corroborated by
//! independent parties, or does every report rest on one? Who said it
//! first, where did each report come from, and which figures disagree?

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, params};

use super::Ledger;
use super::error::{Result, StoreError};
use super::table::{Cell, Table};

/// The members of the clusters that more than one claim shares, with what
/// the corroboration listing counts for each: a claim alone is never
/// corroborated, and every cluster of two or more has a member that joined
/// it, so `cluster_joins` finds them all without a pass over every claim.
const SHARED_MEMBERS: &str = "
    shared(cluster_id) AS (
        SELECT DISTINCT cluster_id FROM cluster_joins),
    members(cluster_id, claim_id) AS (
        SELECT s.cluster_id, c.id FROM shared s JOIN claim_rows c ON c.id = s.cluster_id
        UNION ALL
        SELECT cluster_id, claim_id FROM cluster_joins),
    rows AS (
        SELECT mb.cluster_id, mb.claim_id, c.article_id, lower(trim(a.outlet)) AS outlet,
               o.origin, o.origin_name, d.seen
        FROM members mb
        JOIN claim_rows c ON c.id = mb.claim_id
        JOIN article_rows a ON a.id = c.article_id
        JOIN claim_origins o ON o.claim_id = mb.claim_id
        JOIN article_dates d ON d.article_id = c.article_id)";

/// How a chain reads in a listing: "source via relay via relay".
const CHAIN: &str = "CASE WHEN f.source IS NULL THEN NULL
                          WHEN f.via IS NULL THEN f.source
                          ELSE f.source || ' via ' || f.via END";

impl Ledger {
    /// Clusters carried by at least `min_articles` articles, optionally
    /// only those where the source `party` (its id) is among the parties a
    /// report rests on or travelled through; the most widely carried first.
    pub fn corroboration(&self, min_articles: i64, party: Option<i64>) -> Result<Table> {
        let sql = format!(
            "WITH {SHARED_MEMBERS}
             SELECT g.cluster_id AS cluster,
                    (SELECT substr(a.body, c.body_start + 1, c.body_end - c.body_start)
                     FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
                     WHERE c.id = g.first_claim) AS text,
                    g.articles, g.outlets, g.independent_sources,
                    (SELECT group_concat(name, '; ') FROM
                        (SELECT DISTINCT origin_name AS name FROM rows r
                         WHERE r.cluster_id = g.cluster_id ORDER BY name)) AS rests_on,
                    g.first_seen,
                    CASE WHEN g.independent_sources = 1 THEN 'single source' ELSE '' END AS flag
             FROM (SELECT cluster_id, min(claim_id) AS first_claim,
                          count(DISTINCT article_id) AS articles,
                          count(DISTINCT outlet) AS outlets,
                          count(DISTINCT origin) AS independent_sources,
                          min(seen) AS first_seen
                   FROM rows GROUP BY cluster_id) g
             WHERE g.articles >= ?1
               AND (?2 IS NULL OR EXISTS (
                   SELECT 1 FROM rows r JOIN claim_sources cs ON cs.claim_id = r.claim_id
                   WHERE r.cluster_id = g.cluster_id AND cs.source_id = ?2))
             ORDER BY g.articles DESC, g.independent_sources, g.first_seen, g.cluster_id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        Ok(Table::from_statement(
            &mut stmt,
            params![min_articles.max(2), party],
        )?)
    }

    /// Every report of the statement claim `claim_id` makes: the claims of
    /// its cluster, earliest first, with outlet, date, source and chain.
    pub fn trace(&self, claim_id: i64) -> Result<Table> {
        let exists: Option<i64> = self
            .conn
            .query_row(
                "SELECT coalesce(cluster_id, id) FROM claim_rows WHERE id = ?1",
                [claim_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(cluster) = exists else {
            return Err(StoreError::NotFound {
                what: "claim",
                name: claim_id.to_string(),
            });
        };
        let mut stmt = self.conn.prepare(&format!(
            "WITH members(claim_id) AS (
                 SELECT id FROM claim_rows WHERE id = ?1
                 UNION ALL
                 SELECT claim_id FROM cluster_joins WHERE cluster_id = ?1)
             SELECT f.claim_id AS claim, f.article_id AS article, f.outlet, d.seen AS date,
                    CASE d.published WHEN 1 THEN 'published' ELSE 'imported' END AS dated,
                    o.origin_name AS rests_on, {CHAIN} AS chain, f.kind, f.text
             FROM members mb
             JOIN claims_flat f ON f.claim_id = mb.claim_id
             JOIN article_dates d ON d.article_id = f.article_id
             JOIN claim_origins o ON o.claim_id = f.claim_id
             ORDER BY d.seen, f.claim_id"
        ))?;
        Ok(Table::from_statement(&mut stmt, [cluster])?)
    }

    /// Statements about the same thing whose figures disagree: groups of
    /// clusters linked when one was opened with a figure another did not
    /// share, each cluster with its figures and who said it.
    pub fn conflicts(&self) -> Result<Table> {
        let mut stmt = self.conn.prepare(
            "SELECT cluster_id, conflicts_with FROM cluster_conflicts ORDER BY cluster_id",
        )?;
        let edges = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // Groups: clusters linked directly or through others.
        let mut parent: HashMap<i64, i64> = HashMap::new();
        fn root(parent: &mut HashMap<i64, i64>, x: i64) -> i64 {
            let up = *parent.entry(x).or_insert(x);
            if up == x {
                return x;
            }
            let top = root(parent, up);
            parent.insert(x, top);
            top
        }
        for &(a, b) in &edges {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent.insert(ra.max(rb), ra.min(rb));
            }
        }
        let clusters: Vec<i64> = parent.keys().copied().collect();
        let mut groups: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for cluster in clusters {
            let top = root(&mut parent, cluster);
            groups.entry(top).or_default().push(cluster);
        }
        let mut detail = self.conn.prepare(
            "WITH members(claim_id) AS (
                 SELECT id FROM claim_rows WHERE id = ?1
                 UNION ALL
                 SELECT claim_id FROM cluster_joins WHERE cluster_id = ?1),
             rows AS (
                 SELECT c.id, c.article_id, o.origin_name, d.seen
                 FROM members mb
                 JOIN claim_rows c ON c.id = mb.claim_id
                 JOIN claim_origins o ON o.claim_id = mb.claim_id
                 JOIN article_dates d ON d.article_id = c.article_id),
             g AS (
                 SELECT min(id) AS first, count(DISTINCT article_id) AS articles,
                        min(seen) AS first_seen
                 FROM rows)
             SELECT (SELECT group_concat(text, '; ') FROM
                        (SELECT q.text FROM quantities q WHERE q.claim_id = g.first
                         ORDER BY q.position)) AS figures,
                    (SELECT substr(a.body, f.body_start + 1, f.body_end - f.body_start)
                     FROM claim_rows f JOIN article_rows a ON a.id = f.article_id
                     WHERE f.id = g.first) AS text,
                    g.articles,
                    (SELECT group_concat(name, '; ') FROM
                        (SELECT DISTINCT origin_name AS name FROM rows ORDER BY name)) AS rests_on,
                    g.first_seen
             FROM g",
        )?;
        let mut table = Table::new(&[
            "conflict",
            "cluster",
            "figures",
            "articles",
            "rests_on",
            "first_seen",
            "text",
        ]);
        for (number, members) in groups.values_mut().enumerate() {
            members.sort_unstable();
            for &cluster in members.iter() {
                let row = detail
                    .query_row([cluster], |r| {
                        Ok((
                            r.get::<_, Option<String>>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, Option<String>>(4)?,
                        ))
                    })
                    .optional()?;
                // A cluster whose claims are all gone has no row to show.
                let Some((figures, Some(text), articles, rests_on, first_seen)) = row else {
                    continue;
                };
                table.rows.push(vec![
                    Cell::Integer(number as i64 + 1),
                    Cell::Integer(cluster),
                    figures.into(),
                    Cell::Integer(articles),
                    rests_on.into(),
                    first_seen.into(),
                    Cell::Text(text),
                ]);
            }
        }
        Ok(table)
    }
}
