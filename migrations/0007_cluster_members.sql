-- A cluster's members (the claims that joined it; its first claim is the
-- cluster's id) in a table of their own, in place of the partial index on
-- claim_rows.cluster_id. The index took an insert at a random place for
-- every claim that joined a cluster, inside the claim's own insert, and
-- was the largest part of what clustering added to the import writer's
-- time in SQLite. The table is written by the writer in sorted runs, with
-- the cluster keys (src/store/clusters/). claim_rows.cluster_id stays the
-- claim's cluster as the exports read it; this table is how a cluster's
-- members are found. `claims check` holds the two to the same.
CREATE TABLE cluster_joins (
    cluster_id INTEGER NOT NULL,
    claim_id   INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, claim_id)
) WITHOUT ROWID;

INSERT INTO cluster_joins (cluster_id, claim_id)
SELECT cluster_id, id FROM claim_rows WHERE cluster_id IS NOT NULL ORDER BY cluster_id, id;

DROP INDEX claim_rows_cluster;

-- A deleted claim leaves its cluster's members; a conflict goes with the
-- last claim of either cluster, however the claim is deleted (see 0006).
DROP TRIGGER claim_rows_cluster_gone;
CREATE TRIGGER claim_rows_cluster_gone AFTER DELETE ON claim_rows
BEGIN
    DELETE FROM cluster_joins
    WHERE OLD.cluster_id IS NOT NULL AND cluster_id = OLD.cluster_id AND claim_id = OLD.id;
    DELETE FROM cluster_conflicts
    WHERE (cluster_id = coalesce(OLD.cluster_id, OLD.id)
           OR conflicts_with = coalesce(OLD.cluster_id, OLD.id))
      AND NOT EXISTS (SELECT 1 FROM claim_rows WHERE id = coalesce(OLD.cluster_id, OLD.id))
      AND NOT EXISTS (SELECT 1 FROM cluster_joins
                      WHERE cluster_id = coalesce(OLD.cluster_id, OLD.id));
END;

-- As in 0006, with a cluster's members found through cluster_joins.
DROP VIEW claim_clusters;
CREATE VIEW claim_clusters AS
SELECT g.cluster_id, g.first_claim,
       (SELECT substr(a.body, c.body_start + 1, c.body_end - c.body_start)
        FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
        WHERE c.id = g.first_claim) AS text,
       g.claims, g.articles, g.outlets, g.independent_sources,
       (SELECT group_concat(origin_name, '; ') FROM
           (SELECT DISTINCT o.origin_name FROM claim_origins o
            WHERE o.claim_id IN (SELECT g.cluster_id
                                 UNION ALL
                                 SELECT claim_id FROM cluster_joins
                                 WHERE cluster_id = g.cluster_id)
            ORDER BY o.origin_name)) AS sources,
       g.first_seen
FROM (SELECT coalesce(c.cluster_id, c.id) AS cluster_id,
             min(c.id) AS first_claim,
             count(*) AS claims,
             count(DISTINCT c.article_id) AS articles,
             count(DISTINCT lower(trim(a.outlet))) AS outlets,
             count(DISTINCT o.origin) AS independent_sources,
             min(d.seen) AS first_seen
      FROM claim_rows c
      JOIN article_rows a ON a.id = c.article_id
      JOIN claim_origins o ON o.claim_id = c.id
      JOIN article_dates d ON d.article_id = c.article_id
      GROUP BY 1) g;
