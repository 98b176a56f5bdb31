-- Claims that state the same thing in different articles share a cluster,
-- so that a reader can ask whether a figure is corroborated or whether
-- every report of it rests on one party. Clusters are kept up to date as
-- articles arrive: a new claim is compared with the first claim of the few
-- clusters whose keys it shares (src/store/clusters/), never with the whole
-- ledger. Every claim belongs to exactly one cluster; a claim alone has its
-- own.
--
-- The import writer is the narrow end of an import, so clustering adds as
-- little to it as it can: the cluster is a column the claim's own insert
-- writes, and only a claim that opens a cluster later claims can find
-- writes keys, all of an article's in one statement. Nothing else is
-- stored per claim: what a claim is compared on is made again from its
-- text when needed.

-- The cluster a claim joined: the id of the cluster's first claim. NULL
-- for the first claim of a cluster (most claims, alone in theirs), whose
-- cluster is its own id. A cluster keeps its id when its first claim is
-- deleted or re-extracted and other members remain.
ALTER TABLE claim_rows ADD COLUMN cluster_id INTEGER;
CREATE INDEX claim_rows_cluster ON claim_rows(cluster_id) WHERE cluster_id IS NOT NULL;

-- The names the article is most about (up to eight 32-bit hashes,
-- little-endian; NULL for none): two claims are one statement only when
-- their articles share one. Kept per article so that a claim's profile can
-- be read again from its text.
ALTER TABLE article_rows ADD COLUMN cluster_names BLOB;

-- How later claims find a cluster: the keys of its first claim (32-bit),
-- MinHash band keys of its content words (claims with much the same words
-- share at least one) and a key for its largest figure. A key already
-- shared by as many clusters as a lookup reads (boilerplate, a template
-- filled in with other names) is not stored again. Keys are hints: when a
-- cluster loses all its claims its keys stay until the writer meets them,
-- finds no claim behind them, and drops them (deleting them with the
-- cluster would need a second index of every key). Should the cluster's
-- id come back as a new claim (ids are reused after the last one is
-- deleted), the keys lead to that claim only while it opens a cluster of
-- its own, and then only to a comparison with its own words.
CREATE TABLE cluster_keys (
    key        INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL,
    PRIMARY KEY (key, cluster_id)
) WITHOUT ROWID;

-- A cluster that says the same about the same thing as an earlier one with
-- another figure, found when it was opened.
CREATE TABLE cluster_conflicts (
    cluster_id     INTEGER PRIMARY KEY,
    conflicts_with INTEGER NOT NULL
);
CREATE INDEX cluster_conflicts_with ON cluster_conflicts(conflicts_with);

-- A conflict goes with the last claim of either cluster, however the claim
-- is deleted (through the views, with foreign keys on or off, by
-- re-extraction): claim ids are not AUTOINCREMENT, so the id of a cluster
-- that lost its last claim can come back as a new, unrelated claim.
CREATE TRIGGER claim_rows_cluster_gone AFTER DELETE ON claim_rows
WHEN NOT EXISTS (SELECT 1 FROM claim_rows WHERE id = coalesce(OLD.cluster_id, OLD.id))
 AND NOT EXISTS (SELECT 1 FROM claim_rows WHERE cluster_id = coalesce(OLD.cluster_id, OLD.id))
BEGIN
    DELETE FROM cluster_conflicts
    WHERE cluster_id = coalesce(OLD.cluster_id, OLD.id)
       OR conflicts_with = coalesce(OLD.cluster_id, OLD.id);
END;

-- Each claim with its cluster.
CREATE VIEW cluster_members AS
SELECT id AS claim_id, coalesce(cluster_id, id) AS cluster_id FROM claim_rows;

-- When each article was first seen: its publication date (ISO, schema 5)
-- where the article gives one, else the time it was imported.
CREATE VIEW article_dates AS
SELECT id AS article_id, coalesce(published, imported_at) AS seen,
       published IS NOT NULL AS published
FROM article_rows;

-- The party each claim originally rests on: its source (depth 0), or, for
-- a claim in the article's own voice, the outlet that published it (the
-- ledger source of that name where there is one), or the article itself
-- when even the outlet is unknown.
CREATE VIEW claim_origins AS
WITH outlets AS (
    SELECT id AS article_id, outlet AS outlet_name,
           CASE WHEN lower(trim(outlet)) LIKE 'the %' THEN substr(lower(trim(outlet)), 5)
                ELSE lower(trim(outlet)) END AS outlet
    FROM article_rows
)
SELECT c.id AS claim_id, c.article_id,
       coalesce(c.source_id, os.id) AS source_id,
       CASE WHEN c.source_id IS NOT NULL THEN 'source ' || c.source_id
            WHEN os.id IS NOT NULL THEN 'source ' || os.id
            WHEN o.outlet IS NOT NULL THEN 'outlet ' || o.outlet
            ELSE 'article ' || c.article_id END AS origin,
       coalesce(s.name, os.name, o.outlet_name, 'article ' || c.article_id) AS origin_name
FROM claim_rows c
JOIN outlets o ON o.article_id = c.article_id
LEFT JOIN sources s ON s.id = c.source_id
LEFT JOIN sources os ON c.source_id IS NULL
     AND os.id = (SELECT id FROM sources WHERE norm = o.outlet
                  UNION ALL
                  SELECT source_id FROM source_aliases WHERE norm = o.outlet AND merges = 1
                  LIMIT 1);

-- One row per cluster: the text of its first claim, how many claims,
-- articles and outlets carry it, how many independent parties it rests on
-- (after merging aliases; a claim in an outlet's own voice counts as that
-- outlet), and when it was first seen.
CREATE VIEW claim_clusters AS
SELECT g.cluster_id, g.first_claim,
       (SELECT substr(a.body, c.body_start + 1, c.body_end - c.body_start)
        FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
        WHERE c.id = g.first_claim) AS text,
       g.claims, g.articles, g.outlets, g.independent_sources,
       (SELECT group_concat(origin_name, '; ') FROM
           (SELECT DISTINCT o.origin_name FROM claim_rows m
            JOIN claim_origins o ON o.claim_id = m.id
            WHERE m.id = g.cluster_id OR m.cluster_id = g.cluster_id
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
