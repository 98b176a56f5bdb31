//! The ledger's health: SQLite's own integrity and foreign-key checks, the
//! schema version, and the invariants the ledger promises its readers.

use super::Ledger;
use super::error::Result;
use super::migrate;
use super::table::Table;

/// Each invariant as a query that returns one row per violation, with the
/// offending row's id and a description.
const INVARIANTS: &[(&str, &str)] = &[
    (
        "claim offsets inside the body",
        "SELECT c.id, 'claim ' || c.id || ': offsets ' || c.body_start || '..' || c.body_end
                || ' outside a body of ' || length(a.body) || ' characters'
         FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
         WHERE c.body_start < 0 OR c.body_end > length(a.body) OR c.body_start > c.body_end",
    ),
    (
        "the sentence holds the claim",
        "SELECT c.id, 'claim ' || c.id || ': sentence ' || c.sentence_start || '..' || c.sentence_end
                || ' does not hold the claim at ' || c.body_start || '..' || c.body_end
         FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
         WHERE c.sentence_start > c.body_start OR c.sentence_end < c.body_end
            OR c.sentence_end > length(a.body)",
    ),
    (
        "claim raw offsets inside the raw text",
        "SELECT c.id, 'claim ' || c.id || ': raw offsets ' || c.raw_start || '..' || c.raw_end
                || ' outside a raw text of ' || length(a.raw_text) || ' characters'
         FROM claims c JOIN articles a ON a.id = c.article_id
         WHERE c.raw_start < 0 OR c.raw_end > length(a.raw_text) OR c.raw_start > c.raw_end",
    ),
    (
        "mentions inside the body and the raw text",
        "SELECT m.claim_id, 'claim ' || m.claim_id || ': ' || m.role || ' mention at '
                || m.body_start || '..' || m.body_end || ' lies outside the text'
         FROM claim_mentions m JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id
         WHERE m.body_start < 0 OR m.body_end > length(a.body) OR m.body_start > m.body_end
            OR m.raw_start < 0 OR m.raw_end > length(a.raw_text) OR m.raw_start > m.raw_end",
    ),
    (
        "raw layouts rebuild from the body",
        "SELECT a.id, 'article ' || a.id || ': raw layout ' ||
                CASE WHEN NOT json_valid(a.raw_layout) THEN 'is not JSON'
                     ELSE 'points outside a body of ' || length(a.body) || ' characters' END
         FROM article_rows a
         WHERE a.raw_layout IS NOT NULL
           AND (NOT json_valid(a.raw_layout)
                OR EXISTS (SELECT 1 FROM json_each(a.raw_layout) p
                           WHERE p.type NOT IN ('array', 'text')
                              OR (p.type = 'array'
                                  AND NOT (0 <= json_extract(p.value, '$[0]')
                                           AND json_extract(p.value, '$[0]') <= json_extract(p.value, '$[1]')
                                           AND json_extract(p.value, '$[1]') <= length(a.body)))))",
    ),
    (
        "chains have no gaps",
        "SELECT claim_id, 'claim ' || claim_id || ': chain depths 1..' || max(depth)
                || ' with ' || count(*) || ' links'
         FROM claim_via GROUP BY claim_id HAVING max(depth) <> count(*)",
    ),
    // Positions are unique (a constraint says so) and give the article's
    // order; after a deletion they may skip numbers. Claims come out of
    // the extractor sentence by sentence, so that is the order they keep.
    (
        "claim positions follow the text",
        "SELECT id, 'article ' || article_id || ': claim ' || id || ' at position ' || position
                || CASE WHEN position < 1 THEN ' is not a position'
                        ELSE ' lies in a sentence before claim ' || before_id
                             || ' at position ' || before_position END
         FROM (SELECT id, article_id, position, sentence_start,
                      lag(id) OVER w AS before_id, lag(position) OVER w AS before_position,
                      lag(sentence_start) OVER w AS before_sentence
               FROM claim_rows WINDOW w AS (PARTITION BY article_id ORDER BY position))
         WHERE position < 1 OR sentence_start < before_sentence",
    ),
    (
        "a claim joins an earlier cluster",
        "SELECT id, 'claim ' || id || ' joins cluster ' || cluster_id || ', which is not earlier'
         FROM claim_rows WHERE cluster_id >= id",
    ),
    (
        "a claim joins a cluster, not another member",
        "SELECT c.id, 'claim ' || c.id || ' joins claim ' || f.id
                || ', itself a member of cluster ' || f.cluster_id
         FROM claim_rows c JOIN claim_rows f ON f.id = c.cluster_id
         WHERE c.cluster_id IS NOT NULL AND f.cluster_id IS NOT NULL",
    ),
    (
        "a conflict is with an earlier cluster",
        "SELECT cluster_id, 'cluster ' || cluster_id || ' conflicts with cluster '
                || conflicts_with || ', which is not earlier'
         FROM cluster_conflicts WHERE conflicts_with >= cluster_id",
    ),
    (
        "a conflict is between clusters with claims",
        "SELECT k.cluster_id, 'cluster ' || k.cluster_id || ' conflicts with cluster '
                || k.conflicts_with || ', but cluster ' || k.side || ' has no claims'
         FROM (SELECT cluster_id, conflicts_with, cluster_id AS side FROM cluster_conflicts
               UNION ALL
               SELECT cluster_id, conflicts_with, conflicts_with FROM cluster_conflicts) k
         WHERE NOT EXISTS (SELECT 1 FROM claim_rows WHERE id = k.side AND cluster_id IS NULL)
           AND NOT EXISTS (SELECT 1 FROM cluster_joins WHERE cluster_id = k.side)",
    ),
    (
        "a claim in a cluster is among its members",
        "SELECT id, 'claim ' || id || ' joins cluster ' || cluster_id
                || ', which does not list it among its members'
         FROM claim_rows c
         WHERE cluster_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM cluster_joins j
                           WHERE j.cluster_id = c.cluster_id AND j.claim_id = c.id)",
    ),
    (
        "a cluster's members are claims in it",
        "SELECT j.claim_id, 'cluster ' || j.cluster_id || ' lists claim ' || j.claim_id
                || ' among its members, which is not in it'
         FROM cluster_joins j
         WHERE NOT EXISTS (SELECT 1 FROM claim_rows c
                           WHERE c.id = j.claim_id AND c.cluster_id = j.cluster_id)",
    ),
    (
        "every source is used",
        "SELECT s.id, 'source ' || s.id || ' (' || s.name || ') rests under no claim'
         FROM sources s
         WHERE NOT EXISTS (SELECT 1 FROM claim_rows c WHERE c.source_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM claim_via v WHERE v.source_id = s.id)",
    ),
];

impl Ledger {
    /// Every problem found, as (check, detail) rows; empty when healthy.
    pub fn check(&self) -> Result<Table> {
        let mut problems = Table::new(&["check", "detail"]);
        let mut push = |check: &str, detail: String| {
            problems.rows.push(vec![check.into(), detail.into()]);
        };
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                push("integrity", row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} points at a missing {} row",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("?".into(), |i| i.to_string()),
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            push("foreign keys", row?);
        }
        let version = migrate::user_version(&self.conn)?;
        if version != migrate::latest_version() {
            push(
                "schema version",
                format!("version {version}, expected {}", migrate::latest_version()),
            );
        }
        for (name, sql) in INVARIANTS {
            let mut stmt = self.conn.prepare(sql)?;
            for row in stmt.query_map([], |r| r.get::<_, String>(1))? {
                push(name, row?);
            }
        }
        Ok(problems)
    }
}
